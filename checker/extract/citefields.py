"""Citations a reference manager inserted into a Word or ODF note as fields: the works its
record names, beside the text it printed.

Zotero, Mendeley, EndNote and Word itself keep each citation they insert as a field holding
their record of it (its works' full data: title, authors, container, date, URL, DOI):

- Word: a field whose instruction is ``ADDIN ZOTERO_ITEM CSL_CITATION {...}`` (Zotero) or
  ``ADDIN CSL_CITATION {...}`` (Mendeley; older ones ``ADDIN Mendeley Citation{id}
  CSL_CITATION {...}``), a CSL citation in JSON; or ``ADDIN EN.CITE <EndNote>...`` (EndNote's
  XML records, with its ``DisplayText``; a long one in the field's ``w:fldData``, base64, with
  an ``EN.CITE.DATA`` field nested in the instruction); its result is the citation as printed;
  Mendeley Cite (Mendeley Reference Manager's add-in) puts a content control (``w:sdt``)
  around the printed citation instead, tagged ``MENDELEY_CITATION_v3_`` and the CSL
  citation in base64;
- Word's own citations (References > Insert Citation): a field ``CITATION Roe01 \\l 1033``
  (more sources after ``\\m``), the sources themselves in the document's source list
  (``customXml/item*.xml``, ``b:Sources``, read by `bibliography.read.word_sources`);
- ODF (LibreOffice): a reference mark named ``ZOTERO_ITEM CSL_CITATION {...} RND...`` around
  the printed citation;
- in either, Zotero's "bookmarks" (for files both word processors open): a bookmark
  ``ZOTERO_BREF_<id>`` around the printed citation, the field's code in the document's custom
  properties (`bookmark_records`); and LibreOffice's own bibliography, a ``text:bibliography-mark``
  whose attributes are the work's fields (BibTeX's names) and whose text is the citation.

The readers put `FIELD_START` and `FIELD_END` around a citation field's printed text as they
write the note, and keep the field's `FieldRecord`s in order; `cut_fields` takes the marks
out again and says where each citation lies in the note's text (`model.ManagedCitation`).

The record is the manager's, the printed text the reader's: a citation edited by hand after
it was inserted may name another page, or another work. The record is trusted only where
the printed text keeps every word the manager wrote (``plainCitation``, ``DisplayText``), in
order (an edit that adds a page, "(Roe 2001)" -> "(Roe 2001 : p. 5)", keeps the work), or
names each work of the record, by its title or short title or by its first author's family
name and its year, and prints no other year than the work's; otherwise the citation is
`edited` and the printed text is read (`references/managed.py` says so in a finding).

Example: a note ``See <field ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems": [{"itemData":
{"title": "Ports of Call", "author": [{"family": "Roe", "given": "Jane"}], ...}}],
"properties": {"plainCitation": "Jane Roe, Ports of Call (2001), 5."}}>Jane Roe, *Ports of
Call* (2001), 5.</field>`` gives the text ``See Jane Roe, *Ports of Call* (2001), 5.`` and one
`ManagedCitation(start=4, end=41, manager="Zotero", works=(Roe's book,), edited=False)`.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from checker.bibliography.read import bib_reference, csl_reference, endnote_reference
from checker.extract.native import XML_PARSER
from checker.lazypattern import compile_lazily
from checker.model import ManagedCitation, Reference, copy_reference
from checker.references.patterns import YEAR

FIELD_START = "\x02"  # around a citation field's printed text while a note is written
FIELD_END = "\x03"  # (neither can occur in XML 1.0 text, nor is it white space to split)

_INSTRUCTION = compile_lazily(
    r"\s*(?:ADDIN\s+)?(?:(ZOTERO_ITEM)(?:\s+CSL_CITATION)?|(?:Mendeley\s+Citation\{[^}]*\}\s*)?"
    r"(CSL_CITATION))(?:\s+|$|(?=[{\[]))")
_MENDELEY_V3 = "MENDELEY_CITATION_v3_"
_BOOKMARK_PART = compile_lazily(r"(ZOTERO_BREF_\w+)_(\d{1,4})")
_WORD_CITATION = compile_lazily(r"\s*CITATION\s+(\"[^\"]+\"|[^\s\\]+)")  # CITATION Roe01 \l 1033
_WORD_MORE = compile_lazily(r"\\m\s+(\"[^\"]+\"|[^\s\\]+)")  # \m Poe99: one more source
_ENDNOTE = compile_lazily(r"\s*(?:ADDIN\s+)?EN\.CITE(?!\.)\b")
_ET_AL = compile_lazily(r"(?i)al\.?, et|et\.? al\.?")
_LINK = compile_lazily(r"\[([^][]*)\]\([^)\s]*\)")
_NOT_WORD = compile_lazily(r"[\W_]+")
_YEARS = compile_lazily(rf"(?<!\d){YEAR}(?!\d)")
_MARKS = compile_lazily(f"([{FIELD_START}{FIELD_END}])")


@dataclass(frozen=True)
class RecordedWork:
    """A work of a citation's record, and its short title (Zotero's ``title-short``), which
    a note style prints where the work is cited again."""

    reference: Reference
    short_title: str | None = None


@dataclass(frozen=True)
class FieldRecord:
    """What a citation field says of itself: its manager, the works of its record (empty:
    no readable record) and the text the manager printed (None: not recorded)."""

    manager: str
    works: tuple[RecordedWork, ...]
    written: str | None = None


@dataclass
class NoteFields:
    """What a reader knows and gathers of one note's citation fields as it walks the note:
    the records met, in order; the document's Word sources (by tag) and Zotero's bookmark
    records (by bookmark name, `bookmark_records`); the marks and bookmarks open."""

    records: list[FieldRecord] = field(default_factory=list)
    sources: dict[str, Reference] = field(default_factory=dict)
    bookmarks: dict[str, FieldRecord] = field(default_factory=dict)
    open: set[str] = field(default_factory=set)

    def opens(self, name: str, record: FieldRecord | None) -> bool:
        """A citation's mark or bookmark `name` opens (its `record` kept): False where it is
        none, or already open."""
        if record is None or name in self.open:
            return False
        self.records.append(record)
        self.open.add(name)
        return True

    def closes(self, name: str) -> bool:
        """The citation's mark or bookmark `name` closes: False where none was open."""
        if name not in self.open:
            return False
        self.open.discard(name)
        return True


def bookmark_records(properties: dict[str, str]) -> dict[str, FieldRecord]:
    """Zotero's citations kept as bookmarks (its choice for files Word and LibreOffice both
    open): the bookmark ``ZOTERO_BREF_<id>`` spans the printed citation, and the field's code
    (``ZOTERO_ITEM CSL_CITATION {...}``) is in the document's custom properties
    ``ZOTERO_BREF_<id>_1``, ``_2``, ... (255 characters each), joined here in order."""
    parts: dict[str, list[tuple[int, str]]] = {}
    for name, value in properties.items():
        found = _BOOKMARK_PART.fullmatch(name)
        if found:
            parts.setdefault(found.group(1), []).append((int(found.group(2)), value))
    records = {}
    for name, pieces in parts.items():
        record = citation_record("".join(value for _, value in sorted(pieces)))
        if record is not None:
            records[name] = record
    return records


def citation_record(instruction: str, data: str | None = None,
                    sources: dict[str, Reference] | None = None) -> FieldRecord | None:
    """The record of a Zotero, Mendeley, EndNote or Word citation field (a Word field's
    instruction, an ODF reference mark's name; `data`: the base64 a Word field may carry
    beside its instruction, ``w:fldData``; `sources`: Word's own source list, by tag, for its
    ``CITATION`` fields); None for any other field."""
    word = _WORD_CITATION.match(instruction)
    if word is not None:
        tags = [word.group(1), *_WORD_MORE.findall(instruction, word.end())]
        works = [copy_reference(sources[tag.strip('"')]) for tag in tags
                 if sources and tag.strip('"') in sources]
        return FieldRecord("Word", tuple(RecordedWork(work) for work in works))
    endnote = _ENDNOTE.match(instruction)
    if endnote is not None:
        return _endnote_record(instruction[endnote.end():], data)
    match = _INSTRUCTION.match(instruction)
    if match is None:
        return None
    manager = "Zotero" if match.group(1) else "Mendeley"
    try:
        data, _ = json.JSONDecoder().raw_decode(instruction, match.end())
    except (ValueError, RecursionError):
        return FieldRecord(manager, ())
    return _csl_citation(data, manager)


def content_control_record(tag: str) -> FieldRecord | None:
    """The record of a citation Mendeley Cite (Mendeley Reference Manager's Word add-in)
    keeps in a content control: its tag, ``MENDELEY_CITATION_v3_`` then the CSL citation in
    base64; None for any other content control."""
    if not tag.startswith(_MENDELEY_V3):
        return None
    try:
        text = base64.b64decode("".join(tag[len(_MENDELEY_V3):].split())).decode("utf-8")
        data = json.loads(text)
    except (ValueError, binascii.Error, RecursionError):
        return FieldRecord("Mendeley", ())
    return _csl_citation(data, "Mendeley")


def _csl_citation(data: Any, manager: str) -> FieldRecord:
    """A CSL citation's items and the text its manager printed: Zotero's ``plainCitation``,
    Mendeley's ``plainTextFormattedCitation`` (Mendeley Cite: ``manualOverride`` /
    ``citeprocText``)."""
    if not isinstance(data, dict):
        return FieldRecord(manager, ())
    properties = _mapping(data.get("properties"))
    # (Zotero's "dontUpdate" and Mendeley's "manualFormatting" say only that the printed
    # text was edited, not whether the edit changed the work: the texts are compared)
    written = properties.get("plainCitation") or _mapping(data.get("mendeley")).get(
        "plainTextFormattedCitation") or _mapping(data.get("manualOverride")).get(
        "citeprocText")
    return FieldRecord(manager, tuple(_works(data.get("citationItems"))),
                       written if isinstance(written, str) else None)


def bibliography_mark_record(fields: dict[str, str], printed: str) -> FieldRecord:
    """LibreOffice's own bibliography: a ``text:bibliography-mark``'s fields (BibTeX's names:
    ``bibliography-type``, ``author``, ``title``, ``year``, ``journal``, ``booktitle``,
    ``publisher``, ``url``...), the mark's text the citation LibreOffice printed."""
    values = {name: value for name, value in fields.items()
              if name not in ("identifier", "bibliography-type")}
    if "author" in values:  # "Roe, Jane; Poe, John" as often as BibTeX's "and"
        values["author"] = values["author"].replace(";", " and ")
    work = bib_reference(fields.get("bibliography-type", "misc"), values)
    works = (RecordedWork(work),) if work.title or work.url else ()
    return FieldRecord("LibreOffice", works, printed)


def _endnote_record(xml: str, data: str | None) -> FieldRecord:
    """EndNote's field: ``<EndNote><Cite><DisplayText>(Roe 2001)</DisplayText><record>...``
    in the instruction, or (a long one, ``ADDIN EN.CITE`` alone) in its ``w:fldData``, base64."""
    xml = xml.strip()
    if not xml.startswith("<") and data:
        try:
            xml = base64.b64decode("".join(data.split())).decode("utf-8", "replace")
        except (ValueError, binascii.Error):
            xml = ""
    try:
        root = etree.fromstring(xml.encode("utf-8"), XML_PARSER) if xml.startswith("<") else None
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return FieldRecord("EndNote", ())
    works = [RecordedWork(endnote_reference(record)) for record in root.iter("record")]
    written = root.findtext(".//DisplayText")
    return FieldRecord("EndNote", tuple(_without_et_al(work) for work in works), written)


def _without_et_al(work: RecordedWork) -> RecordedWork:
    """"et al." typed into a record as if it were a name (family "al", given "et")."""
    work.reference.authors = [name for name in work.reference.authors
                              if not _ET_AL.fullmatch(name)]
    return work


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _works(items: Any) -> list[RecordedWork]:
    """The items that carry their data (an item named only by its URI says nothing)."""
    works = []
    for item in items if isinstance(items, list) else []:
        data = _mapping(_mapping(item).get("itemData"))
        if data.get("title") or data.get("URL") or data.get("DOI"):
            short = data.get("title-short") or data.get("shortTitle")
            works.append(_without_et_al(RecordedWork(
                csl_reference(data), short if isinstance(short, str) else None)))
    return works


def cut_fields(text: str, records: list[FieldRecord]) -> tuple[str, tuple[ManagedCitation, ...]]:
    """`text` without the field marks, and where each field's printed text lies in it (the
    `records` in the order their fields open). A field left open runs to the note's end; the
    marks of a field inside another are dropped with it."""
    if FIELD_START not in text and FIELD_END not in text:
        return text, ()
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = depth = start = 0
    for piece in _MARKS.split(text):
        if piece == FIELD_START:
            depth += 1
            start = length if depth == 1 else start
        elif piece == FIELD_END:
            if depth == 1:
                spans.append((start, length))
            depth = max(depth - 1, 0)
        else:
            out.append(piece)
            length += len(piece)
    if depth:
        spans.append((start, length))
    plain = "".join(out)
    return plain, tuple(_citation(plain, start, end, record)
                        for (start, end), record in zip(spans, records, strict=False))


def _citation(text: str, start: int, end: int, record: FieldRecord) -> ManagedCitation:
    printed = text[start:end]
    plain = f" {_plain(printed)} "  # (what each comparison below sees of the print)
    works = tuple(copy_reference(work.reference) for work in record.works)
    for work in works:
        work.raw = " ".join(printed.split())
        work.ibid = not _in(plain, work.title)  # a short form ("Ibid., 7.", "Roe, Ports, 9.")
        if work.url and _bare(work.url) not in printed:
            work.url_as_printed = None  # the record's link, which the note does not print
    trusted = (record.written is not None and _keeps(plain, record.written)) or all(
        _names(plain, work) and not _other_year(printed, work) for work in record.works)
    return ManagedCitation(start=start, end=end, manager=record.manager, works=works,
                           edited=bool(works) and not trusted)


def _bare(url: str) -> str:
    """A URL as a note may print it: without its scheme, ``www.`` or final slash."""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def _other_year(printed: str, work: RecordedWork) -> bool:
    """Does the printed citation give years, none of them the recorded work's? (A year typed
    over the manager's: the print is what the reader sees, and what the audit weighs.)"""
    years = _YEARS.findall(printed)
    return bool(years) and bool(work.reference.date) and work.reference.date[:4] not in years


def _plain(text: str) -> str:
    """Letters and digits only, in lower case: what a comparison of two printings sees."""
    return " ".join(_NOT_WORD.sub(" ", _LINK.sub(r"\1", text)).casefold().split())


def _keeps(plain: str, written: str) -> bool:
    """Does the printed citation (`plain`, as `_plain` reads it) keep every word the manager
    wrote, in order? An edit that only adds (a page: "(Roe 2001)" -> "(Roe 2001 : p. 5)", a
    word) keeps the work; one that changes a name, a year, a title or the page after "Ibid."
    may not."""
    words = iter(plain.split())
    wanted = _plain(written).split()
    return bool(wanted) and all(word in words for word in wanted)


def _names(plain: str, work: RecordedWork) -> bool:
    """Does the printed citation (`plain`, see `_in`) name `work`: by its title or its short
    title, or by its first author's family name and its year ("(Roe, 2001)")?"""
    reference = work.reference
    if _in(plain, reference.title) or _in(plain, work.short_title):
        return True
    family = reference.authors[0].partition(",")[0] if reference.authors else ""
    return bool(reference.date) and _in(plain, family) and _in(plain, reference.date[:4])


def _in(plain: str, title: str | None) -> bool:
    """Is `title` printed in the print read as ``f" {_plain(printed)} "`` (letters and
    digits compared, whole words)?"""
    words = _plain(title or "")
    return bool(words) and f" {words} " in plain
