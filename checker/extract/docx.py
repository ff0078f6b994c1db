"""Word .docx -> footnotes and endnotes from the document's own note parts.

Reads (with lxml, entities and network off):
- ``word/footnotes.xml`` and ``word/endnotes.xml``: every note except Word's separator
  entries (recognised by ``w:type``, not by id: Google Docs numbers its notes from id 0 and
  writes no separators);
- ``word/document.xml``: the body paragraphs in order (tables and text boxes included, tracked
  deletions and the fallback copy of text boxes left out), each ``w:footnoteReference`` /
  ``w:endnoteReference`` giving its note a number as Word shows it and the paragraph as the
  marker line;
- numbering as Word shows it: ``w:footnotePr`` / ``w:endnotePr`` in settings and in each
  section (``numStart``, ``numFmt``, ``numRestart``). ``numRestart="eachSect"`` starts the
  numbers again in each section: the notes of each numbering run are a `part`. A reference
  with ``w:customMarkFollows`` keeps its printed mark ("*", "†") as the note's `label`, its
  position among the notes as number, and does not advance the count, as in Word. Endnotes
  beside footnotes are a part of their own (Word numbers them apart, i, ii, iii by default;
  the roman mark is the label);
  ``numRestart="eachPage"`` starts them again on each page: the pages are those of Word's
  last layout, which it records as ``w:lastRenderedPageBreak`` (with explicit page breaks,
  ``w:br w:type="page"`` and ``w:pageBreakBefore``), and the notes of each page are a part.
  A file that records no layout (written by another program) cannot say where pages break:
  its notes are numbered through and an info finding says so;
- hyperlinks inside notes from the part's relationships (``w:hyperlink r:id``) and from
  ``HYPERLINK`` fields, written ``[text](target)`` so that the target is the URL cited;
- italics in notes (a run's ``w:i``, or its character style's in ``word/styles.xml``), written
  ``*title*`` (`common.with_emphasis`): a title set in italics is read as one;
- a reference manager's citations in notes (Zotero's, Mendeley's, EndNote's and Word's own
  fields, Mendeley Cite's content controls; Word's source list in ``customXml``): where each
  lies and its record (`citefields.py`), as the note's `cited`;
- the title and date from ``docProps/core.xml`` (the date last modified, else created).

Example: a body paragraph ``Growth slowed.<footnoteReference w:id="2"/>`` and footnote 2
``See <hyperlink r:id="rId1">the report</hyperlink>.`` with rId1 -> https://example.org/r
give ``Footnote(number=1, text="See [the report](https://example.org/r).")`` marked on the
paragraph's line.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from checker.bibliography.read import WORD_BIBLIOGRAPHY, word_sources
from checker.extract.citefields import (
    FIELD_END,
    FIELD_START,
    FieldRecord,
    NoteFields,
    bookmark_records,
    citation_record,
    content_control_record,
    cut_fields,
)
from checker.extract.common import ITALIC_OFF, ITALIC_ON, with_emphasis
from checker.extract.native import (
    Link,
    NativeError,
    NativeText,
    Rendering,
    clean_title,
    iso_date,
    join_pieces,
    open_zip,
    read_xml,
    styles_that_set,
)
from checker.lazypattern import compile_lazily
from checker.model import Finding, Footnote, Reference, Severity

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SPECIAL_TYPES = ("separator", "continuationSeparator", "continuationNotice")
_HYPERLINK_FIELD = compile_lazily(r'^\s*HYPERLINK\s+(?:\\[lmnot]\s+)*"?([^"\s]+)"?', re.IGNORECASE)
_SKIPPED = frozenset(W + tag for tag in (
    "del", "delText", "delInstrText", "rPr", "pPr", "sectPr", "footnoteRef", "endnoteRef",
    "commentReference", "annotationRef", "separator", "continuationSeparator",
)) | {MC_FALLBACK}
KINDS = ("footnote", "endnote")


@dataclass
class _Numbering:
    fmt: str = "decimal"
    start: int = 1
    restart: str = "continuous"


@dataclass
class _Note:
    kind: str
    id: str
    number: int
    group: int  # the numbering run (a new one where numbering restarts)
    label: str | None
    marker_line: int


@dataclass
class _Walk:
    """State while one paragraph is turned into text."""

    rels: dict[str, str]
    on_reference: object = None  # callable(kind, element) -> marker text, for the body
    on_page_break: object = None  # callable() where a page ends, for the body
    buffers: list[list[str | Link]] = field(default_factory=lambda: [[]])
    # each open field: [instruction, url or None, started, its w:fldData or None]
    fields: list[list] = field(default_factory=list)
    custom_mark: _Note | None = None
    italic_styles: frozenset[str] | None = None  # in a note: the italic character styles
    fields_of_note: NoteFields | None = None  # in a note: its reference manager's citations

    def emit(self, text: str) -> None:
        if self.custom_mark is not None and text.strip():
            self.custom_mark.label = text.strip()
            self.custom_mark = None
            text = f"[^{text.strip()}]"
        self.buffers[-1].append(text)


def read_docx(data: bytes) -> NativeText:
    """The notes of the .docx in `data` (raises `NativeError`)."""
    with open_zip(data) as archive:
        document = read_xml(archive, "word/document.xml")
        if document is None:
            raise NativeError("is a ZIP archive without word/document.xml, not a Word document")
        body = document.find(W + "body")
        if body is None:
            raise NativeError("has a word/document.xml without a body")
        settings = read_xml(archive, "word/settings.xml")
        notes = {kind: _note_parts(archive, kind) for kind in KINDS}
        italic_styles = _italic_styles(read_xml(archive, "word/styles.xml"))
        sources = _word_sources(archive)
        bookmarks = bookmark_records(_custom_properties(archive))
        title, date = _properties(archive)
    defaults = {kind: _numbering(settings, kind) for kind in KINDS}
    out = Rendering()
    found: list[_Note] = []
    counters = dict.fromkeys(KINDS, 0)
    groups = dict.fromkeys(KINDS, 0)
    sections = _section_properties(body)
    section = 0
    started = dict.fromkeys(KINDS, False)

    def start_section(index: int) -> None:
        for kind in KINDS:
            numbering = _numbering(sections[index] if index < len(sections) else None, kind,
                                   defaults[kind])
            if not started[kind] or numbering.restart == "eachSect":
                if started[kind]:
                    groups[kind] += 1
                counters[kind] = numbering.start - 1
                started[kind] = True

    start_section(0)
    pages = {"breaks": 0}

    def page_break() -> None:
        pages["breaks"] += 1
        for kind in KINDS:
            numbering = _numbering(sections[section] if section < len(sections) else None,
                                   kind, defaults[kind])
            if numbering.restart == "eachPage" and started[kind]:
                groups[kind] += 1
                counters[kind] = numbering.start - 1

    for paragraph in _body_paragraphs(body):
        line = len(out.lines) + 1
        section_numbering = {
            kind: _numbering(sections[section] if section < len(sections) else None, kind,
                             defaults[kind])
            for kind in KINDS
        }

        def reference(kind: str, element: etree._Element, walk: _Walk,
                      section_numbering: dict[str, _Numbering] = section_numbering,
                      line: int = line) -> str:
            note_id = element.get(W + "id", "")
            if element.get(W + "customMarkFollows") in ("1", "true", "on"):
                note = _Note(kind, note_id, counters[kind] + 1, groups[kind], None, line)
                found.append(note)
                walk.custom_mark = note
                return ""
            counters[kind] += 1
            shown = _format_number(counters[kind], section_numbering[kind].fmt)
            label = None if shown == str(counters[kind]) else shown
            found.append(_Note(kind, note_id, counters[kind], groups[kind], label, line))
            return f"[^{shown}]"

        out.add(_paragraph_text(paragraph, {}, reference, page_break))
        properties = paragraph.find(W + "pPr")
        if properties is not None and properties.find(W + "sectPr") is not None:
            section += 1
            start_section(section)
    footnotes = _place_notes(found, notes, out, italic_styles, sources, bookmarks)
    findings = []
    every_page = [kind for kind in KINDS if any(
        _numbering(holder, kind, defaults[kind]).restart == "eachPage"
        for holder in sections or [None])]
    if every_page and found and not pages["breaks"]:
        findings.append(Finding(
            rule="numbering", severity=Severity.INFO.value,
            message=f"Word restarts the {' and '.join(every_page)} numbers on each page, but "
                    "this file records no page layout (no w:lastRenderedPageBreak): the notes "
                    "are numbered through; open and save it in Word to keep each page's notes "
                    "apart"))
    return NativeText(text=out.text(), footnotes=footnotes, title=title, date=date,
                      findings=findings)


def _place_notes(found: list[_Note], notes: dict[str, dict[str, list[etree._Element]]],
                 out: Rendering, italic_styles: frozenset[str],
                 sources: dict[str, Reference],
                 bookmarks: dict[str, FieldRecord]) -> list[Footnote]:
    """Write each marked note's text under the body; parts where numbering runs restart."""
    runs = list(dict.fromkeys((note.kind, note.group) for note in found))
    parted = len(runs) > 1
    footnotes = []
    rels_by_kind = {kind: notes[kind].pop("", []) for kind in KINDS}
    for run_index, (kind, group) in enumerate(runs, start=1):
        out.add()
        out.add(f"{kind.capitalize()}s" + (f" (part {run_index})" if parted else ""))
        rels = _relationships(rels_by_kind[kind])
        for note in found:
            if (note.kind, note.group) != (kind, group):
                continue
            paragraphs = notes[kind].get(note.id)
            if paragraphs is None:
                continue  # a reference to a note the part does not hold: nothing to show
            cited_here = NoteFields(sources=sources, bookmarks=bookmarks)
            text = " ".join(part for part in (
                _paragraph_text(p, rels, None, italic_styles=italic_styles, fields=cited_here)
                for p in paragraphs) if part)
            text, cited = cut_fields(" ".join(with_emphasis(text).split()), cited_here.records)
            mark = note.label or str(note.number)
            line = out.add(f"[^{mark}]: {text}")
            footnotes.append(Footnote(
                number=note.number, line=line, text=text, marker_lines=(note.marker_line,),
                part=run_index if parted else None, label=note.label, cited=cited,
            ))
    return footnotes


# --- parts ---------------------------------------------------------------------------------


def _note_parts(archive: zipfile.ZipFile, kind: str) -> dict[str, list]:
    """id -> the note's paragraphs; under "" the part's relationships element list."""
    root = read_xml(archive, f"word/{kind}s.xml")
    if root is None:
        return {}
    result: dict[str, list] = {}
    for note in root.iter(W + kind):
        if note.get(W + "type") in _SPECIAL_TYPES:
            continue
        result[note.get(W + "id", "")] = [
            p for p in note.iter(W + "p") if not _inside(p, note, W + "p")
        ]
    rels = read_xml(archive, f"word/_rels/{kind}s.xml.rels")
    result[""] = [rels] if rels is not None else []
    return result


def _relationships(roots: list) -> dict[str, str]:
    return {
        rel.get("Id", ""): rel.get("Target", "")
        for root in roots for rel in root.iter(REL)
        if rel.get("Type", "").endswith("/hyperlink")
    }


def _custom_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """The document's custom properties (``docProps/custom.xml``), name -> text."""
    try:
        root = read_xml(archive, "docProps/custom.xml")
    except NativeError:  # a damaged part the notes do not need
        return {}
    if root is None:
        return {}
    return {prop.get("name", ""): "".join(prop.itertext()) for prop in root
            if isinstance(prop.tag, str) and prop.get("name")}


def _word_sources(archive: zipfile.ZipFile) -> dict[str, Reference]:
    """Word's own source list (References > Manage Sources), kept in a custom XML part."""
    found: dict[str, Reference] = {}
    for name in archive.namelist():
        if name.startswith("customXml/item") and name.endswith(".xml") and "/_rels/" not in name:
            try:
                root = read_xml(archive, name)
            except NativeError:  # a damaged part the notes do not need: their print is read
                continue
            if root is not None and root.tag == WORD_BIBLIOGRAPHY + "Sources":
                found.update(word_sources(root))
    return found


def _properties(archive: zipfile.ZipFile) -> tuple[str | None, str | None]:
    core = read_xml(archive, "docProps/core.xml")
    if core is None:
        return None, None
    values = {etree.QName(child).localname: (child.text or "") for child in core}
    date = iso_date(values.get("modified")) or iso_date(values.get("created"))
    return clean_title(values.get("title")), date


# --- numbering ------------------------------------------------------------------------------


def _numbering(holder: etree._Element | None, kind: str,
               inherited: _Numbering | None = None) -> _Numbering:
    """The note numbering `holder` (settings or a section) sets, over `inherited`."""
    base = inherited or _Numbering(fmt="decimal" if kind == "footnote" else "lowerRoman")
    properties = holder.find(f"{W}{kind}Pr") if holder is not None else None
    if properties is None:
        return base
    result = _Numbering(base.fmt, base.start, base.restart)
    for child, attribute in (("numFmt", "fmt"), ("numStart", "start"), ("numRestart", "restart")):
        element = properties.find(W + child)
        if element is None or not element.get(W + "val"):
            continue
        value = element.get(W + "val", "")
        if attribute == "start":
            result.start = int(value) if value.isdigit() else 1
        else:
            setattr(result, attribute, value)
    return result


def _section_properties(body: etree._Element) -> list[etree._Element]:
    """Each section's ``w:sectPr`` in order (a section's properties close it)."""
    sections = [
        properties for properties in body.iter(W + "sectPr")
        if not _inside(properties, body, W + "sectPr")
    ]
    return sections


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _format_number(number: int, fmt: str) -> str:
    """The mark Word prints for `number` in format `fmt` (decimal, roman, letters...)."""
    if fmt in ("lowerRoman", "upperRoman") and number > 0:
        roman, rest = "", number
        for value, numeral in _ROMAN:
            while rest >= value:
                roman, rest = roman + numeral, rest - value
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt in ("lowerLetter", "upperLetter") and number > 0:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "chicago" and number > 0:
        return "*†‡§"[(number - 1) % 4] * ((number - 1) // 4 + 1)
    return str(number)


# --- text -----------------------------------------------------------------------------------


def _body_paragraphs(body: etree._Element):  # type: ignore[no-untyped-def]
    """Every paragraph of the body in order, text-box fallbacks left out."""
    for paragraph in body.iter(W + "p"):
        if any(ancestor.tag == MC_FALLBACK for ancestor in paragraph.iterancestors()):
            continue
        yield paragraph


def _inside(element: etree._Element, top: etree._Element, tag: str) -> bool:
    """Does `element` sit inside another `tag` below `top`?"""
    for ancestor in element.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == tag:
            return True
    return False


def _paragraph_text(paragraph: etree._Element, rels: dict[str, str], on_reference,  # type: ignore[no-untyped-def]
                    on_page_break=None, italic_styles: frozenset[str] | None = None,
                    fields: NoteFields | None = None) -> str:
    """The paragraph's text; with `italic_styles` (a note's), its italic runs marked for
    `with_emphasis`; with `fields` (a note's), its reference manager's citations marked for
    `citefields.cut_fields` and their records kept."""
    walk = _Walk(rels=rels, on_reference=on_reference, on_page_break=on_page_break,
                 italic_styles=italic_styles, fields_of_note=fields)
    if on_page_break is not None and paragraph.find(f"{W}pPr/{W}pageBreakBefore") is not None:
        on_page_break()
    for child in paragraph:
        _walk(child, walk)
    while len(walk.buffers) > 1:  # a field left open at the paragraph's end
        inner = join_pieces(walk.buffers.pop())
        walk.buffers[-1].append(inner)
    return join_pieces(walk.buffers[0])


def _walk(element: etree._Element, walk: _Walk) -> None:
    tag = element.tag
    if not isinstance(tag, str) or tag in _SKIPPED or tag == W + "p":
        return
    if tag == W + "t":
        walk.emit(element.text or "")
    elif tag in (W + "tab", W + "br", W + "cr", W + "ptab"):
        walk.emit(" ")
        if tag == W + "br" and element.get(W + "type") == "page" and walk.on_page_break:
            walk.on_page_break()  # type: ignore[operator]
    elif tag == W + "lastRenderedPageBreak":
        if walk.on_page_break is not None:
            walk.on_page_break()  # type: ignore[operator]
    elif tag == W + "noBreakHyphen":
        walk.emit("-")
    elif tag in (W + "footnoteReference", W + "endnoteReference"):
        if walk.on_reference is not None:
            kind = "footnote" if tag == W + "footnoteReference" else "endnote"
            walk.emit(walk.on_reference(kind, element, walk))
    elif tag == W + "hyperlink":
        walk.buffers.append([])
        for child in element:
            _walk(child, walk)
        inner = join_pieces(walk.buffers.pop())
        target = walk.rels.get(element.get(R_ID, ""))
        walk.buffers[-1].append(Link(inner, target) if target else inner)
    elif tag == W + "fldSimple":
        instruction = element.get(W + "instr", "")
        match = _HYPERLINK_FIELD.match(instruction)
        walk.buffers.append([])
        for child in element:
            _walk(child, walk)
        inner = join_pieces(walk.buffers.pop())
        walk.buffers[-1].append(Link(inner, match.group(1)) if match else inner)
        _mark_citation(instruction, walk)
    elif tag == W + "sdt" and walk.fields_of_note is not None and (
            record := content_control_record(_tag_value(element))):
        walk.fields_of_note.records.append(record)  # Mendeley Cite's: a content control
        walk.buffers[-1].append(FIELD_START)
        for child in element.iterfind(W + "sdtContent"):
            _walk(child, walk)
        walk.buffers[-1].append(FIELD_END)
    elif tag == W + "r" and walk.italic_styles is not None and _is_italic(element, walk):
        walk.emit(ITALIC_ON)
        for child in element:
            _walk(child, walk)
        walk.emit(ITALIC_OFF)
    elif tag == W + "bookmarkStart" and walk.fields_of_note is not None:
        note = walk.fields_of_note
        if note.opens(element.get(W + "id", ""), note.bookmarks.get(element.get(W + "name", ""))):
            walk.buffers[-1].append(FIELD_START)  # Zotero's citation kept as a bookmark
    elif tag == W + "bookmarkEnd" and walk.fields_of_note is not None:
        if walk.fields_of_note.closes(element.get(W + "id", "")):
            walk.buffers[-1].append(FIELD_END)
    elif tag == W + "fldChar":
        _field_char(element, walk)
    elif tag == W + "instrText":
        if walk.fields:
            walk.fields[-1][0] += element.text or ""
    else:
        for child in element:
            _walk(child, walk)


def _tag_value(control: etree._Element) -> str:
    tag = control.find(f"{W}sdtPr/{W}tag")
    return tag.get(W + "val", "") if tag is not None else ""


def _is_italic(run: etree._Element, walk: _Walk) -> bool:
    """Is the run set in italics, by its own ``w:i`` or by its character style?"""
    properties = run.find(W + "rPr")
    if properties is None:
        return False
    italic = properties.find(W + "i")
    if italic is not None:
        return _on(italic)
    style = properties.find(W + "rStyle")
    return style is not None and style.get(W + "val", "") in (walk.italic_styles or ())


def _on(toggle: etree._Element) -> bool:
    """A toggle property (``<w:i/>``, ``<w:i w:val="0"/>``) is on unless its value says off."""
    return toggle.get(W + "val", "true").lower() not in ("0", "false", "off")


def _italic_styles(styles: etree._Element | None) -> frozenset[str]:
    """The ids of the character styles that set italics (themselves or through the style
    they are based on)."""
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        if style.get(W + "type") != "character":
            continue
        style_id = style.get(W + "styleId", "")
        italic = style.find(f"{W}rPr/{W}i")
        own[style_id] = None if italic is None else _on(italic)
        parent = style.find(W + "basedOn")
        if parent is not None:
            based_on[style_id] = parent.get(W + "val", "")

    return styles_that_set(own, based_on)


def _field_char(element: etree._Element, walk: _Walk) -> None:
    """Complex fields: the instruction is hidden, the result shown; a HYPERLINK field's
    result becomes a link to its target."""
    kind = element.get(W + "fldCharType", "")
    if kind == "begin":
        walk.fields.append(["", None, False, element.findtext(W + "fldData")])
        walk.buffers.append([])  # the instruction's text runs are not shown
    elif kind == "separate" and walk.fields:
        current = walk.fields[-1]
        match = _HYPERLINK_FIELD.match(current[0])
        current[1] = match.group(1) if match else None
        current[2] = True
        walk.buffers[-1] = []  # anything before "separate" was the instruction
    elif kind == "end" and walk.fields:
        instruction, url, _, data = walk.fields.pop()
        inner = join_pieces(walk.buffers.pop()) if len(walk.buffers) > 1 else ""
        walk.buffers[-1].append(Link(inner, url) if url else inner)
        _mark_citation(instruction, walk, data)


def _mark_citation(instruction: str, walk: _Walk, data: str | None = None) -> None:
    """In a note, a reference manager's citation field (the result just appended) is put
    between `FIELD_START` and `FIELD_END` and its record kept."""
    if walk.fields_of_note is None:
        return
    record = citation_record(instruction, data, walk.fields_of_note.sources)
    if record is not None:
        walk.fields_of_note.records.append(record)
        walk.buffers[-1][-1:] = [FIELD_START, *walk.buffers[-1][-1:], FIELD_END]
