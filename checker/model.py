"""The typed values handed from one stage to the next.

load -> extract -> references -> bibliography / rules / linkcheck -> report.
Plain dataclasses, no behaviour beyond serialisation: every stage is a set of
pure functions over these. What a value holds and nobody changes once it is made is a tuple,
not a list: a tuple of strings or numbers leaves the garbage collector's watch, a list never
does (a 100,000-note document holds hundreds of thousands of them, and every full collection
walks them all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache
from operator import attrgetter
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class LinkStatus(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"  # ok, but a permanent redirect to another URL
    BROKEN = "broken"
    BLOCKED = "blocked"
    TIMEOUT = "timeout"
    INVALID = "invalid"
    SKIPPED = "skipped"
    OFFLINE = "offline"
    FAILING = "failing"  # broken, but not yet on --dead-after different days (store.py)


class ReferenceType(StrEnum):
    """What kind of work a reference is (`references/classify.py` decides). A StrEnum: it
    compares equal to, and serialises as, its value ("news")."""

    NEWS = "news"
    JOURNAL = "journal"
    REPORT = "report"
    BOOK = "book"
    CHAPTER = "chapter"
    GOVERNMENT = "government"
    WEB = "web"
    SOCIAL = "social"


@dataclass(slots=True)
class Reference:
    """One cited work, as split out of a footnote.

    `date` and `accessed` are ISO strings keeping the precision cited:
    ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    """

    title: str | None = None
    authors: list[str] = field(default_factory=list)  # "Family, Given"
    container: str | None = None
    domain: str | None = None
    url: str | None = None
    url_as_printed: str | None = None
    doi: str | None = None
    date: str | None = None
    accessed: str | None = None
    type: ReferenceType = ReferenceType.WEB
    # Not part of the JSON contract below; used by later stages.
    raw: str = ""  # the citation's own text inside the footnote
    repairs: tuple[str, ...] = ()  # one line per URL repair made
    ibid: bool = False  # resolved from Ibid./Op. cit.
    publisher: str | None = None  # a book's or report's publisher (not its container)
    # Repairs a valid printed URL may need, kept as suggestions (the URL stays as printed):
    # (the repaired URL, the evidence for it). The link check decides (linkcheck/repair.py).
    url_candidates: tuple[tuple[str, str], ...] = ()

    JSON_FIELDS = (
        "title", "authors", "container", "domain", "url", "url_as_printed",
        "doi", "date", "accessed", "type",
    )

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.JSON_FIELDS}


# A Reference as a plain tuple of its field values (in field order) and back: several times
# cheaper than `dataclasses.replace` and pickling, which large documents feel.
reference_values = attrgetter(*(f.name for f in fields(Reference)))


def reference_from_values(values: tuple) -> Reference:
    """A Reference with its own list of authors (not that of the tuple's source)."""
    reference = Reference(*values)
    reference.authors = list(reference.authors)
    return reference


def copy_reference(reference: Reference) -> Reference:
    return reference_from_values(reference_values(reference))


@dataclass(frozen=True, slots=True)
class ManagedCitation:
    """A citation a reference manager (Zotero, Mendeley, EndNote, Word's own tool, LibreOffice's
    bibliography) put into a Word or ODF note as a field: where its printed text lies in the
    note's text, the works its record names, and whether the printed text was edited by hand
    into another citation since (`extract/citefields.py` decides)."""

    start: int  # the printed text: footnote.text[start:end]
    end: int
    manager: str  # "Zotero", "Mendeley", "EndNote", "Word", "LibreOffice"
    # From the record's CSL items (empty: it cannot be read); `raw` is the printed text and
    # `ibid` says it is a short form, which does not print the work's title in full;
    # `url_as_printed` is None where the note does not print the record's link.
    works: tuple[Reference, ...]
    edited: bool = False  # the print no longer names the record's works: it is read instead


@dataclass(slots=True)
class Footnote:
    number: int
    line: int  # 1-based line of the definition in the source
    text: str  # markers stripped, entities decoded
    marker_lines: tuple[int, ...] = ()  # 1-based lines of the body marking it, in order
    # Set by the parse (a list); a note just read has none yet and shares the empty tuple.
    references: Sequence[Reference] = ()
    # Where numbering restarts (per chapter, section, letter or Word section), the 1-based part
    # the note belongs to; None where the document numbers its notes once through.
    part: int | None = None
    # The mark as printed when it is not the plain number ("*", "a", "foot-11-10-002", "iv");
    # None for ordinary numbered notes.
    label: str | None = None
    # The file holding the note when it is not the document's own (a LaTeX \input); `line`
    # is then a line of that file.
    file: str | None = None
    # The page the note is printed on (PDF only; where it starts when it runs on).
    page: int | None = None
    # The citations a reference manager inserted as fields (Word, ODF), in the note's order.
    cited: tuple[ManagedCitation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "part": self.part,
            "label": self.label,
            "file": self.file,
            "page": self.page,
            "line": self.line,
            "text": self.text,
            "marker_lines": list(self.marker_lines),
            "references": [r.to_json() for r in self.references],
            # a reference manager's citations: their printed text, and whether the works of
            # their records were taken (not where edited by hand, or unreadable)
            "fields": [{"manager": cited.manager, "text": self.text[cited.start:cited.end],
                        "record_used": bool(cited.works) and not cited.edited}
                       for cited in self.cited],
        }


@dataclass
class Document:
    path: str  # as given by the user
    id: str  # file stem; names refs/<id>.bib
    text: str  # the decoded source text
    format: str = "text"  # markdown | text | html
    encoding: str = "utf-8"
    title: str | None = None
    date: str | None = None  # ISO, as stated in the document (or given with --date)
    date_source: str | None = None  # "stated" | "option" | "inferred"
    footnotes: list[Footnote] = field(default_factory=list)
    # Findings made while reading the file: a PDF's printed URL that disagrees with its link
    # annotation (`url-malformed`). Not part of the JSON document.
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "footnotes": [f.to_json() for f in self.footnotes],
        }


@dataclass
class Finding:
    rule: str
    severity: Severity  # given as a Severity or its value ("warning")
    message: str
    document: str | None = None  # Document.path
    footnotes: list[int] = field(default_factory=list)
    line: int | None = None
    # In a bibliography file given as a document: the keys of the entries `footnotes` number.
    entries: list[str] = field(default_factory=list)
    file: str | None = None  # the file `line` is in, when not the document (a LaTeX \input)
    # The part the `footnotes` numbers belong to, where the document numbers notes afresh
    # per chapter or section (see Footnote.part); the rules look at one part at a time.
    part: int | None = None

    def __post_init__(self) -> None:
        self.severity = Severity(self.severity)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "document": self.document,
            "footnotes": list(self.footnotes),
            "entries": list(self.entries),
            "part": self.part,
            "message": self.message,
            "file": self.file,
            "line": self.line,
        }


@dataclass
class Citation:
    """Where a link is cited."""

    document: str
    footnote: int
    part: int | None = None  # see Footnote.part


def note_name(number: int | str, part: int | None = None, page: int | None = None) -> str:
    """How findings and reports name a note: "14", "14 (part 2)", "14 (part 2, p. 53)".

    A document numbering its notes afresh per chapter or section has several notes 14; the
    part tells them apart, and for a PDF the page says where to look."""
    where = [f"part {part}"] if part is not None else []
    if page is not None:
        where.append(f"p. {page}")
    return f"{number} ({', '.join(where)})" if where else str(number)


@dataclass
class LinkResult:
    url: str
    status: LinkStatus  # given as a LinkStatus or its value ("ok")
    http_status: int | None = None
    final_url: str | None = None
    reason: str = ""  # one short sentence in words: "connection refused", "not found (HTTP 404)"
    detail: str | None = None  # the technical detail behind the reason (exception text...)
    redirect_chain: list[str] = field(default_factory=list)
    permanent_redirect: bool = False
    archive_url: str | None = None
    archive_timestamp: str | None = None
    recovered_url: str | None = None
    recovered_score: float | None = None
    recovered_evidence: str | None = None
    repaired_url: str | None = None  # the printed URL failed and this repair of it answers
    page_title: str | None = None
    page_date: str | None = None
    site_only: bool = False  # the reference named only a site; this is its home page
    citations: list[Citation] = field(default_factory=list)
    elapsed_ms: int | None = None
    checked_at: str | None = None  # ISO 8601 UTC
    first_failure: str | None = None
    consecutive_failures: int = 0
    from_cache: bool = False
    network_error: bool = False  # no HTTP answer at all (DNS, refused, reset...): offline test

    def __post_init__(self) -> None:
        self.status = LinkStatus(self.status)

    def to_json_entries(self) -> list[dict[str, Any]]:
        """One JSON entry per document citing the link (the URL was checked once)."""
        # Its fields as they are (strings, numbers, lists of strings): no deep copy, which
        # costs more than the rest of the JSON report for a thousand links.
        base = {name: getattr(self, name) for name in _link_result_fields()}
        base["redirect_chain"] = list(self.redirect_chain)
        base["status"] = LinkStatus(self.status).value
        del base["citations"]
        by_document: dict[tuple[str, int | None], list[int]] = {}
        for citation in self.citations:
            key = (citation.document, citation.part)
            by_document.setdefault(key, []).append(citation.footnote)
        if not by_document:
            return [{**base, "document": None, "part": None, "footnotes": []}]
        return [
            {**base, "document": document, "part": part, "footnotes": sorted(set(numbers))}
            for (document, part), numbers in by_document.items()
        ]


@cache
def _link_result_fields() -> tuple[str, ...]:
    """`LinkResult`'s field names, read once (dataclasses.fields builds them on every call)."""
    return tuple(f.name for f in fields(LinkResult))
