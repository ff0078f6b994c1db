"""Helpers shared by the audit rules: the rule context, date intervals, words, sites, and
the body sentence that carries a footnote's marker. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.lazypattern import compile_lazily
from checker.model import Document, Finding, Footnote, LinkResult, Reference
from checker.references.context import MarkedLines
from checker.references.dates import period as bounds  # noqa: F401  (re-exported for the rules)
from checker.references.urls import domain_of
from checker.transliterate import to_ascii


@dataclass(frozen=True)
class RuleContext:
    """What a rule needs besides the documents: its severity (after configuration) and
    today's date (ISO), so that rules stay pure and testable."""

    severity: str
    today: str | None = None
    # What the link check found, for rules that weigh the network's evidence (domain-typo);
    # None in the static audit.
    links: tuple[LinkResult, ...] | None = None


def is_bibliography(doc: Document) -> bool:
    """A .bib or CSL-JSON file given as a document: its "notes" are entries named by key."""
    return doc.format in ("bibtex", "csljson")


_NOTES_PHRASE = compile_lazily(r"\b(?:foot)?notes? (\d+(?:(?:, | and |, and )\d+)*)\b")


def label_findings(findings: list[Finding], documents: list[Document]) -> None:
    """What a reader needs to find a finding: entry keys (`name_entries`) and the file of a
    note kept in another file than its document (`locate_in_files`)."""
    name_entries(findings, documents)
    locate_in_files(findings, documents)


def locate_in_files(findings: list[Finding], documents: list[Document]) -> None:
    """A finding on a note of a LaTeX ``\\input`` file gets that file: its line is there."""
    notes = {doc.path: {(n.number, n.line): n.file for n in doc.footnotes if n.file}
             for doc in documents}
    for finding in findings:
        held = notes.get(finding.document or "")
        if held and finding.file is None and finding.line is not None:
            finding.file = next((held[(number, finding.line)] for number in finding.footnotes
                                 if (number, finding.line) in held), None)


def name_entries(findings: list[Finding], documents: list[Document]) -> None:
    """Findings on a bibliography file name entry keys, not note numbers: `entries` is set
    and "notes 1 and 2" in the message becomes "entries smith2020 and smith2020a"."""
    keys = {doc.path: {n.number: n.label for n in doc.footnotes if n.label}
            for doc in documents if is_bibliography(doc)}
    for finding in findings:
        by_number = keys.get(finding.document or "")
        if not by_number or not finding.footnotes:
            continue
        finding.entries = [by_number.get(n, str(n)) for n in finding.footnotes]
        finding.message = _NOTES_PHRASE.sub(
            lambda match, keys=by_number: _entries_phrase(match, keys), finding.message)


def _entries_phrase(match: re.Match[str], keys: dict[int, str]) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
    if not all(n in keys for n in numbers):
        return match.group(0)
    names = [keys[n] for n in numbers]
    if len(names) == 1:
        return f"entry {names[0]}"
    return "entries " + ", ".join(names[:-1]) + f" and {names[-1]}"


def make_finding(
    rule: str, context: RuleContext, doc: Document, footnotes: list[int], message: str,
    line: int | None,
) -> Finding:
    return Finding(rule=rule, severity=context.severity, message=message, document=doc.path,
                   footnotes=sorted(set(footnotes)), line=line)


# -- dates ------------------------------------------------------------------------------------


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def notes_phrase(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"note {numbers[0]}"
    return "notes " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


# -- references -------------------------------------------------------------------------------


def cited_references(doc: Document) -> Iterator[tuple[Footnote, Reference]]:
    """Every reference of the document written out in a note (Ibid. copies left out: they
    repeat a work already cited, and are the short form the rules recommend)."""
    for footnote in doc.footnotes:
        for reference in footnote.references:
            if not reference.ibid:
                yield footnote, reference


def site_of(reference: Reference) -> str | None:
    """The cited site's host: the URL's host, else the domain named in the note."""
    return domain_of(reference.url) or domain_of(reference.domain)


@lru_cache(maxsize=1)
def _public_suffixes():  # -> tldextract.TLDExtract
    """The public suffix list as tldextract bundles it: offline, never fetched (no URLs, no
    cache). Made when first needed: importing tldextract (and the requests it imports)
    costs a tenth of a second that `footcheck parse` never needs."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=16384)
def _split_host(host: str) -> tuple[str, str]:
    """(registered label, public suffix) of a lower-case host; suffix "" when not listed."""
    parts = _public_suffixes()(host)
    return parts.domain, parts.suffix


def registrable_domain(host: str) -> str:
    """The name a registrant owns, by the public suffix list: ``eng.sectsco.org`` ->
    ``sectsco.org``, ``www.news.bbc.co.uk`` -> ``bbc.co.uk``. A host whose suffix is on no
    list (``reuters.con``) keeps its last two labels."""
    host = host.lower().strip(".")
    label, suffix = _split_host(host)
    if label and suffix:
        return f"{label}.{suffix}"
    return ".".join(host.split(".")[-2:])


def public_suffix(host: str) -> str:
    """``bbc.co.uk`` -> ``co.uk``; "" when the host's ending is on no public suffix list."""
    return _split_host(host.lower().strip("."))[1]


# -- words ------------------------------------------------------------------------------------

STOPWORDS = frozenset(
    """a an the and or but nor of to in on at for with by from as into onto over under about
    after before between through during without within upon via per than then that this these
    those there their they them it its is are was were be been being has have had do does did
    not no yes he she his her him who whom which what when where why how all any both each few
    more most other some such only own same so too very can will would should could may might
    must also just new one two three first last year years month months day days said says
    say according report reports news article online post page site web www com org net http
    https html htm""".strip().replace("\n", " ").split(" ")
) - {""}
_WORD = compile_lazily(r"[a-z0-9]+")


def words(text: str | None) -> list[str]:
    """Lower-case ASCII words (transliterated), markup and URLs left out."""
    if not text:
        return []
    text = re.sub(r"https?://\S+|<[^>]{0,200}>", " ", text)
    return _WORD.findall(to_ascii(text).lower())


def content_words(text: str | None) -> set[str]:
    """Words that say what a text is about: no stop words, numbers or one-letter words."""
    return {
        word for word in words(text)
        if word not in STOPWORDS and not word.isdigit() and len(word) >= 2
    }


# -- the sentence around a marker -------------------------------------------------------------

_TAG = compile_lazily(r"<[^>]{0,300}>")
_OTHER_MARKERS = compile_lazily(r"<sup[^>]*>.{0,80}?</sup>|\[\^[^\]\s]{1,20}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+", re.I)
_SENTENCE_END = compile_lazily(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])")


# Marker shapes, most explicit first; group 1 is the note's number.
_MARKERS = [
    re.compile(r"<sup[^>]*>\s*(?:<a[^>]*>\s*)?\[?(\d{1,5})\]?\s*(?:</a>\s*)?</sup>", re.I),
    re.compile(r"\[\^(\d{1,5})\]"),
    re.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,5})"),
    re.compile(r"href=[\"']#[\w:-]*?(\d{1,5})[\"']"),
    # a bare number glued to the end of a word or sentence: "the region.9 While"
    re.compile(r"(?<=[a-z.,;:!?\"”’)\]])(\d{1,4})(?=[\s,.;:]|$)"),
]


_AROUND = 4000  # characters either side of a marker that its sentence is looked for in


def marked_body(doc: Document) -> MarkedLines:
    """The document's lines with its notes' markers in the shapes of `_MARKERS`, for
    `marker_sentence`: each line's markers found once for all its notes."""
    return MarkedLines.of(doc.text, _MARKERS)


def marker_sentence(doc: Document, footnote: Footnote, body: MarkedLines | None = None) -> str:
    """The body sentence carrying the note's (first) marker, markup removed, looked for within
    `_AROUND` characters of it; "" if the marker cannot be found. `body` is
    ``marked_body(doc)``, passed to read the text once for all the notes."""
    if not footnote.marker_lines:
        return ""
    body = body if body is not None else marked_body(doc)
    number = footnote.marker_lines[0]
    if not 0 < number <= len(body.lines):
        return ""
    marker = body.first(number, footnote.number)
    if marker is None:
        return ""
    line, (start, end) = body.lines[number - 1], marker
    before = _strip_markup(line[max(0, start - _AROUND): start])
    after = _strip_markup(line[end: end + _AROUND])
    # Markers usually follow the sentence they support: "... leaders.<sup>58</sup>".
    stripped = before.rstrip()
    cut = 0
    for end in _SENTENCE_END.finditer(stripped):
        cut = end.end()
    sentence = stripped[cut:]
    if not re.search(r"[.!?][\"”’)\]]*$", stripped):
        following = _SENTENCE_END.search(after)
        sentence += " " + (after[: following.start() + 1] if following else after)
    return re.sub(r"\s+", " ", sentence).strip()


def _strip_markup(text: str) -> str:
    """Other notes' markers and tags out; markdown links reduced to their text."""
    text = _OTHER_MARKERS.sub(" ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _TAG.sub(" ", text)
