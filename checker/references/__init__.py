"""Footnote text -> the works it cites (`Reference`), pure functions.

`parse_references(text)` splits a note into citations (`split.py`), drops explanatory prose,
and reads each citation's fields (`fields.py`: title, authors via `authors.py`, outlet, dates
via `dates.py`, URLs via `urls.py`, type via `classify.py` and the name tables of
`outlets.py`). `resolve_backreferences(footnotes)` (`backrefs.py`) turns Ibid. / Op. cit. /
short forms / "supra note N" into the work they point to, and `repair_across_notes` fixes
URLs whose repair needs evidence from other notes of the same document.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from checker.lazypattern import compile_lazily
from checker.model import Footnote, Reference, ReferenceType
from checker.references.backrefs import (
    BackReferenceResolver,
    repair_across_notes,
    resolve_backreferences,
)
from checker.references.citekeys import (
    find_author_year_cites,
    find_author_year_in_text,
    find_citation_keys,
    has_running_year,
)
from checker.references.fields import is_archive_url, is_site_link, parse_citation
from checker.references.leftovers import clean_converted
from checker.references.legal import find_legal_citations, has_legal_citation
from checker.references.linklists import read_link_list
from checker.references.mentions import find_possessive_titles, names_works_in_passing
from checker.references.patterns import prose_ratio
from checker.references.posts import find_social_posts
from checker.references.scripture import find_scripture, has_verse
from checker.references.split import is_backreference, is_prose, split_citations
from checker.references.urls import domain_of, find_urls, url_identity

__all__ = ["BackReferenceResolver", "parse_footnotes", "parse_references", "repair_across_notes",
           "resolve_backreferences"]


def parse_references(text: str) -> list[Reference]:
    """A footnote's text -> the works it cites (none for prose, Ibid. or Op. cit.: those are
    resolved against the other notes by `resolve_backreferences`)."""
    text = clean_converted(text)
    if text.count("://") >= 2:
        listed = read_link_list(text, parse_citation)
        if listed:
            return listed
    references = []
    for segment in split_citations(text):
        reference = parse_citation(segment)
        if reference is not None:
            references.append(reference)
    if "://" in text or "www." in text:
        links = text.count("://") + text.count("www.") - text.count("://www.")
        linked = 0  # works that took a link: a URL, or a site named by a link to it
        for reference in references:
            if reference.url or reference.domain:
                linked += 1
        if links > linked and not is_backreference(text.strip()):
            references.extend(_links_left_over(text, references))
    if has_legal_citation(text) or "@" in text or ("(" in text and _YEAR_IN_BRACKETS.search(
            text)) or "{" in text or has_verse(text) or has_running_year(text) \
            or names_works_in_passing(text):
        flat = " ".join(text.split())
        found = [(citation.start, citation.reference, alone)
                 for finder, alone in FINDERS for citation in finder(flat)]
        if found:
            references = _with_found_citations(flat, references, found)
            if "://" in text or "www." in text:  # a link of a citation a found one replaced
                references.extend(_links_left_over(text, references))
    return references


# (each look-behind after the first digit, "1(?<!\w1)" being "\b1": scanned for "1" and "2")
_YEAR_IN_BRACKETS = compile_lazily(r"(?:1(?<!\w1)[5-9]|2(?<!\w2)0)\d\d[a-z]?\s*[,:;)\]]")

# Citations found anywhere in a note, inside commentary as often as alone; True where one found
# inside a full citation is a work of its own (a case an article discusses), False where it is
# part of it ("(Roe 2001)" in a bibliography entry).
FINDERS = ((find_legal_citations, True), (find_citation_keys, True),
           (find_author_year_cites, False), (find_author_year_in_text, False),
           (find_social_posts, True), (find_scripture, True), (find_possessive_titles, False))


class _Found:
    """The citations found anywhere in a note, in the note's order, looked up by position
    (a bisection, not a pass over them all: a note may hold thousands of author-year cites)."""

    def __init__(self, found: list[tuple[int, Reference, bool]]) -> None:
        self.items = sorted(found, key=lambda item: item[0])
        self.starts = [start for start, _, _ in self.items]
        self.longest = max((len(other.raw) for _, other, _ in self.items), default=0)

    def starting_in(self, begin: int, stop: int) -> list[tuple[int, Reference, bool]]:
        """Those starting at `begin` or after, before `stop`."""
        return self.items[bisect_left(self.starts, begin):bisect_left(self.starts, stop)]


def _with_found_citations(text: str, references: list[Reference],
                          found: list[tuple[int, Reference, bool]]) -> list[Reference]:
    """The citations found anywhere in the note (legal ones, citation keys), in the note's
    order, in place of a citation the splitter made of the same words."""
    index = _Found(found)
    placed: list[tuple[int, Reference]] = []
    titled = _Spans()  # where the full citations placed are (a title: "Name, *Title*, 2001")
    loose: list[str] = []  # (those not found in the text again: their words)
    position = 0
    for reference in references:
        at = text.find(reference.raw[:40], position) if reference.raw else -1
        if at >= 0:
            position = at
            if reference.title:  # "[@key] See also Name, *Title*": where its own words are
                title_at = text.find(reference.title[:30], at, at + len(reference.raw))
                position = max(at, title_at - 40) if title_at >= 0 else at
        # the found citations inside this one's words (where they are, when it is found)
        near = index.starting_in(at, at + len(reference.raw)) if at >= 0 else index.items
        covered = [other for _, other, _ in near if reference.raw and other.raw in reference.raw]
        if covered and _is_found_citation(reference, covered):
            continue
        if at >= 0 and _is_fragment_of_found(text, at, reference.raw, index):
            continue
        placed.append((position, reference))
        if reference.title and at >= 0:
            titled.add(at, at + len(reference.raw))
        elif reference.title:
            loose.append(reference.raw)
    found_titled = _Spans()
    for start, other, alone in found:
        end = start + len(other.raw)
        if not alone and (titled.holds(start, end) or found_titled.holds(start, end) or any(
                other.raw in raw for raw in loose)):
            continue  # "(Roe 2001)" inside a full citation is part of it
        placed.append((start, other))
        if other.title:
            found_titled.add(start, end)
    placed.sort(key=lambda item: item[0])
    return [reference for _, reference in placed]


class _Spans:
    """Spans of a note's text that do not overlap one another (a splitter's citations; one
    finder's), kept in order: does one of them hold a given span? (One bisection.)"""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)

    def holds(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and self.ends[index] >= end


def _is_fragment_of_found(text: str, at: int, raw: str, found: _Found) -> bool:
    """A piece the splitter cut out of a found citation (it parted ``73 AM. U. L. REV.`` at
    "AM."): it starts inside the found one and ends there or in the parenthetical after it,
    or (cut inside it) goes on with commentary and other found citations only."""
    for start, other, alone in found.starting_in(at - found.longest, at + 1):
        end = start + len(other.raw)
        if alone and start <= at < end:
            rest = text[end:at + len(raw)].strip()
            if not rest or rest.startswith("(") or len(rest) < 25:
                return True
            if start < at and _commentary_only(text, end, at + len(raw), found):
                return True  # "... 1935 Minn. Laws 710, 712–13, as merely the State's ..."
    return False


def _commentary_only(text: str, begin: int, stop: int, found: _Found) -> bool:
    """Is text[begin:stop] prose once the citations found in it are taken out?"""
    pieces, last = [], begin
    for start, other, _ in found.starting_in(begin, stop):
        pieces.append(text[last:start])
        last = max(last, start + len(other.raw))
    pieces.append(text[last:stop])
    words = " ".join(pieces).split()
    return prose_ratio(words[:40]) > 0.5


def _is_found_citation(reference: Reference, covered: list[Reference]) -> bool:
    """Is this citation the found one(s) it holds, read a second time by the general reader
    (not an article that discusses a case)?"""
    rest = reference.raw
    for other in covered:
        rest = rest.replace(other.raw, " ")
    title = reference.title or ""
    prose_title = title[:1].islower() and not any(
        f"{quote}{title}" in reference.raw for quote in "\"“«'‘")  # a sentence read as a title
    prose_title = prose_title or (not reference.url and is_prose(reference.raw)) or (
        bool(title) and _quoted_in_commentary(reference.raw, title)) or (
        # "Examples are Kiel and Roe litigation. Roe v. Poe, No. 1 (...)": a sentence of
        # commentary before the found citation, read as a title
        reference.raw.startswith(f"{title}. ") and len(title.split()) >= 4
        and prose_ratio(title.split()) >= 0.3)
    if not title and reference.container and reference.date and not any(
            reference.container in other.raw for other in covered):
        return False  # "*Harbour Gazette*, July 1952, quoted in [@roe2001]": an issue cited
    return not title or prose_title or any(
        title in other.raw or (other.title or "\0") in title for other in covered
    ) or len(rest.strip(" .,;()[]")) < 25


def _quoted_in_commentary(raw: str, title: str) -> bool:
    """A quotation the general reader took for a title, beside found author-year cites: a
    term in a sentence (``applications of "lazy trees."``, ``the "THE" Multiprogramming
    System``) or a quoted sentence (``Snarf: "To grab, especially a large document ..."``)."""
    words = title.split()
    if len(words) >= 8:
        return prose_ratio(words) > 0.5
    if len(words) > 4:
        return False
    at = max(raw.find(title), 0)
    lead = raw[:at].rstrip(" \"“«'‘").split()
    if not lead:
        return False
    if title[:1].islower():
        return lead[-1][:1].islower()
    # 'the "THE" Multiprogramming System': a quoted word inside a name
    return lead[-1].lower() in ("the", "a", "an") and bool(
        _NAME_GOES_ON.match(raw, at + len(title)))


_NAME_GOES_ON = compile_lazily(r"[\"”»'’]\s+[A-Z]")


def _links_left_over(text: str, references: list[Reference]) -> list[Reference]:
    """A link the citations did not take ("statements at <URL1> and <URL2>") is still a
    cited page: it becomes a web reference of its own, so that it is checked too. Archived
    copies, DOIs already read and links to the home page of a site already cited are not."""
    taken = {url_identity(ref.url) or ref.url for ref in references if ref.url}
    dois = {ref.doi.lower() for ref in references if ref.doi}
    domains = {ref.domain for ref in references if ref.domain}
    left: list[Reference] = []
    for match in find_urls(" ".join(text.split())):
        identity = url_identity(match.url)  # None for a home page
        key = identity or match.url
        if key in taken or is_archive_url(match.url) or (match.doi and match.doi.lower() in dois):
            continue
        domain = domain_of(match.url)
        if (match.link_text is not None and is_site_link(match)) or (
                domain in domains and identity is None):
            continue  # "[kaktus.media](http://kaktus.media)" names the outlet
        taken.add(key)
        left.append(Reference(url=match.url, url_as_printed=match.printed, doi=match.doi,
                              domain=domain, type=ReferenceType.WEB, raw=match.printed,
                              repairs=tuple(match.repairs),
                              url_candidates=tuple(match.candidates)))
    return left


def parse_footnotes(footnotes: list[Footnote]) -> None:
    """Fill every footnote's references, then resolve what needs the other notes."""
    for footnote in footnotes:
        footnote.references = parse_references(footnote.text)
    resolve_backreferences(footnotes)
    repair_across_notes(footnotes)
