"""Text -> footnotes: every definition, its text and line, and where it is marked.

`extract_footnotes` tries the readers below in order, one per shape of notes; the first
whose shape is in the document and that finds notes wins, the general reader of markdown
and plain text (numbered blocks, wherever they are) comes last. It then numbers the parts
where the numbering restarts and adds the `numbering` findings. `document_metadata` gives
the stated title and date.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from checker.extract.asciidoc import extract_asciidoc, has_asciidoc_notes
from checker.extract.backlinks import extract_backlink_list, has_backlink_list, lettered_notes
from checker.extract.casemets import extract_casemets, has_casemets_notes
from checker.extract.extraction import Extraction, restart_parts
from checker.extract.formats import NATIVE_FORMATS
from checker.extract.gutenberg import extract_gutenberg, has_gutenberg_notes
from checker.extract.markdown import extract_markdown
from checker.extract.metadata import document_metadata
from checker.extract.numbering import numbering_findings
from checker.extract.orgmode import extract_org, has_org_notes
from checker.extract.pagenotes import extract_page_notes, has_page_notes
from checker.extract.pandoc import extract_pandoc, has_pandoc_notes
from checker.extract.reflinks import link_definitions, resolve_reference_links
from checker.extract.rst import extract_rst, has_rst_notes
from checker.extract.signals import TextSignals
from checker.extract.texinfo import extract_texinfo, has_texinfo_notes
from checker.extract.wikitext import extract_wikitext, has_wikitext_notes
from checker.model import Document, Finding, Footnote

__all__ = ["READERS", "document_metadata", "extract_footnotes", "one_parse"]


@dataclass(frozen=True)
class Reader:
    name: str
    # a cheap look: are this reader's notes there? (`TextSignals`: the strings the text holds,
    # found once for all the readers)
    has_shape: Callable[[Document, TextSignals], bool]
    extract: Callable[[str], Extraction]
    # A string every document of this shape holds (None: none does, or the reader asks the
    # signals itself): where the text lacks it, `has_shape` is not asked
    signal: str | None = None


def one_parse(doc: Document) -> AbstractContextManager[None]:
    """A block in which `document_metadata(doc)` and then `extract_footnotes(doc)` read one
    parse of the document: an HTML page's tree is made once (`html.held_tree`); the other
    formats have no parse to share."""
    if doc.format != "html":
        return nullcontext()
    from checker.extract.html import held_tree  # BeautifulSoup: imported when needed

    return held_tree(doc.text)


def _extract_html(text: str) -> Extraction:
    from checker.extract.html import extract_html  # BeautifulSoup: imported when needed

    footnotes, markers = extract_html(text)
    return Extraction(footnotes, markers)


# The readers of particular shapes, in order; a text none of them finds notes in is read by
# the general reader (`extract_markdown`)
READERS: tuple[Reader, ...] = (
    Reader("html", lambda doc, _: doc.format == "html" or _looks_like_html(doc.text),
           _extract_html),
    Reader("casemets", lambda doc, _: has_casemets_notes(doc.text), extract_casemets,
           signal="footnote"),
    Reader("texinfo", lambda doc, _: has_texinfo_notes(doc.text), extract_texinfo,
           signal="footnote"),
    Reader("rst", lambda doc, _: has_rst_notes(doc.text), extract_rst, signal="]_"),
    Reader("wikitext", lambda doc, _: has_wikitext_notes(doc.text), extract_wikitext,
           signal="<ref"),
    Reader("asciidoc", lambda doc, _: has_asciidoc_notes(doc.text), extract_asciidoc,
           signal="footnote"),
    Reader("org", lambda doc, _: has_org_notes(doc.text), extract_org, signal="[fn:"),
    Reader("gutenberg", lambda doc, _: has_gutenberg_notes(doc.text), extract_gutenberg,
           signal="Footnote"),
    Reader("pandoc", lambda doc, _: has_pandoc_notes(doc.text), extract_pandoc),
    Reader("backlinks", lambda doc, _: has_backlink_list(doc.text), extract_backlink_list),
    Reader("page notes", lambda doc, signals: has_page_notes(doc.text, signals),
           extract_page_notes),
)


GENERAL_OUTNUMBERS = 3  # the general reader's notes over the page-notes reader's, to prefer it


def extract_footnotes(doc: Document) -> tuple[list[Footnote], list[Finding]]:
    """Every footnote definition in `doc`, sorted by part and number, and the numbering
    findings."""
    if doc.format in ("latex", "bibtex", "csljson"):
        return _extract_source(doc)
    if doc.format in NATIVE_FORMATS:  # notes read from the file's own structure when loaded
        return doc.footnotes, _numbering_by_part(doc) + doc.findings
    signals = TextSignals(doc.text)
    for reader in READERS:
        if reader.signal is not None and reader.signal not in signals:
            continue
        if reader.has_shape(doc, signals):
            extraction = reader.extract(doc.text)
            if extraction.footnotes:
                if reader.name == "page notes":
                    extraction = _page_notes_or_general(extraction, doc.text, signals)
                break
    else:  # no reader of a particular shape found notes: the general reader's
        extraction = extract_markdown(doc.text, signals)
    found = extraction.footnotes
    if found and "[a]" in signals and (lettered := lettered_notes(doc.text)):
        found = _with_lettered(found, lettered)
    if found and doc.format != "html" and "]:" in signals \
            and (definitions := link_definitions(doc.text)):
        for note in found:  # "[Harbour Blog][hb]" with "[hb]: URL" elsewhere: the link inline
            note.text = resolve_reference_links(note.text, definitions)
    if extraction.check_order:
        number_parts(found)
    findings = numbering_findings(found, extraction.markers, doc.path,
                                  check_order=extraction.check_order,
                                  irregular=extraction.irregular)
    footnotes = sorted(found, key=lambda note: (note.part or 0, note.number, note.line))
    return footnotes, findings


def _page_notes_or_general(page_notes: Extraction, text: str,
                           signals: TextSignals) -> Extraction:
    """The page-notes reader's notes, unless the general reader finds many more: a book's
    endnote sections, whose body also holds a numbered list at the foot of a page or two
    (the page-notes reader takes that list for notes and misses the sections)."""
    general = extract_markdown(text, signals)
    if len(general.footnotes) >= GENERAL_OUTNUMBERS * len(page_notes.footnotes):
        return general
    return page_notes


def _with_lettered(found: list[Footnote], lettered: list[Footnote]) -> list[Footnote]:
    """A wiki's lettered explanatory notes beside its numbered references: each numbered, like
    any labelled note, by its place among all the notes."""
    taken = {note.line for note in found}
    merged = sorted(found + [n for n in lettered if n.line not in taken], key=lambda n: n.line)
    for position, note in enumerate(merged, start=1):
        if note.label is not None and note.number == 0:
            note.number = position
    return merged


def _extract_source(doc: Document) -> tuple[list[Footnote], list[Finding]]:
    """LaTeX and bibliographies: formats that number their notes (or entries) themselves and
    name other files (``\\input``, ``.bib``), so their readers need the document's path; their
    findings are about those files, not about numbering."""
    if doc.format == "latex":
        from checker.extract.latex import extract_latex
        from checker.load import read_text

        result = extract_latex(doc.text, doc.path, read_text)
        return result.footnotes, result.findings
    from checker.extract.bibfile import extract_bibliography

    return extract_bibliography(doc)


def _numbering_by_part(doc: Document) -> list[Finding]:
    """The `numbering` findings of a Word, ODF or PDF document's notes, part by part (its
    notes come after the body, so markers are matched per part, not by position); each
    finding names its part."""
    findings = []
    parts: dict[int | None, list[Footnote]] = {}
    for note in doc.footnotes:
        parts.setdefault(note.part, []).append(note)
    for part, notes in parts.items():
        markers = {note.number: note.marker_lines for note in notes}
        for finding in numbering_findings(notes, markers, doc.path, check_order=False):
            finding.part = part
            findings.append(finding)
    return findings


def number_parts(footnotes: list[Footnote]) -> None:
    """Where the numbers of notes (in document order) start again at 1, each run is a part
    (per chapter, section or letter); left alone where a reader set the parts itself."""
    if any(note.part is not None for note in footnotes):
        return
    numbered = [note for note in footnotes if note.label is None]
    parts = restart_parts([note.number for note in numbered])
    if parts is None:
        return
    for note, part in zip(numbered, parts, strict=True):
        note.part = part


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html"))
