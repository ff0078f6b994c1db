"""OpenDocument text (.odt) -> footnotes and endnotes (``text:note``) from ``content.xml``.

An ODF note sits inside the body paragraph that marks it:
``<text:p>Growth slowed.<text:note text:note-class="footnote"><text:note-citation>1
</text:note-citation><text:note-body><text:p>See <text:a xlink:href="https://example.org/r">
the report</text:a>.</text:p></text:note-body></text:note></text:p>``.
Reads (lxml, entities and network off):
- the body's paragraphs and headings in order, each note's paragraph being its marker line;
- the number as the word processor shows it: the citation's text (stored by the writer, so
  restarts per chapter or page are already applied), its ``text:label`` for a custom mark
  (kept as the note's `label`, its position among the notes as number); a roman or letter
  mark keeps its value as the number and the mark as the label;
- parts: where a class's displayed numbers start again (a number not above the one before),
  a new part begins; endnotes beside footnotes are a part of their own;
- links inside notes (``text:a xlink:href``) written ``[text](target)``;
- italics in notes (a ``text:span`` whose style, automatic or named, sets
  ``fo:font-style="italic"``), written ``*title*`` (`common.with_emphasis`);
- a reference manager's citations in notes (Zotero's reference marks, whose names carry the
  citation's JSON; LibreOffice's own bibliography marks): where each lies and its record
  (`citefields.py`), as the note's `cited`;
- the title and date from ``meta.xml`` (``dc:title``; ``dc:date``, else the creation date).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lxml import etree

from checker.extract.citefields import (
    FIELD_END,
    FIELD_START,
    FieldRecord,
    NoteFields,
    bibliography_mark_record,
    bookmark_records,
    citation_record,
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
from checker.model import Footnote, ManagedCitation

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
DC = "{http://purl.org/dc/elements/1.1/}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO_FONT_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}font-style"
_BLOCKS = (TEXT + "p", TEXT + "h")
_HIDDEN = frozenset({TEXT + "tracked-changes", TEXT + "note-citation", OFFICE + "annotation",
                     TEXT + "bookmark-ref", "{urn:oasis:names:tc:opendocument:xmlns:"
                     "drawing:1.0}image"})
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass
class _Note:
    note_class: str
    number: int
    label: str | None
    group: int
    marker_line: int
    body: etree._Element | None


def read_odt(data: bytes) -> NativeText:
    """The notes of the .odt in `data` (raises `NativeError`)."""
    with open_zip(data) as archive:
        content = read_xml(archive, "content.xml")
        if content is None:
            raise NativeError("is an ODF package without content.xml")
        title, date = _properties(archive)
        bookmarks = bookmark_records(_user_properties(archive))
        italic_styles = _italic_styles(content, read_xml(archive, "styles.xml"))
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise NativeError("is an ODF package without a text body (a spreadsheet or drawing?)")
    out = Rendering()
    found: list[_Note] = []
    last: dict[str, int] = {}
    groups: dict[str, int] = {}
    for block in body.iter(*_BLOCKS):
        if _in_note(block, body):
            continue
        line = len(out.lines) + 1
        pieces: list[str | Link] = []
        for note in _walk(block, pieces):
            note_class = note.get(TEXT + "note-class", "footnote")
            citation = note.find(TEXT + "note-citation")
            shown = "".join(citation.itertext()).strip() if citation is not None else ""
            custom = citation.get(TEXT + "label") if citation is not None else None
            number, label = _number_of(custom or shown)
            if not number:
                number = len(found) + 1
            elif label is None or label.isalnum():
                if number <= last.get(note_class, 0):
                    groups[note_class] = groups.get(note_class, 0) + 1
                last[note_class] = number
            found.append(_Note(note_class, number, label, groups.get(note_class, 0), line,
                               note.find(TEXT + "note-body")))
            pieces.append(f"[^{label or number}]")
        out.add(join_pieces(pieces))
    return _finish(found, out, title, date, italic_styles, bookmarks)


def _finish(found: list[_Note], out: Rendering, title: str | None,
            date: str | None, italic_styles: frozenset[str],
            bookmarks: dict[str, FieldRecord]) -> NativeText:
    runs = list(dict.fromkeys((note.note_class, note.group) for note in found))
    parted = len(runs) > 1
    footnotes = []
    for run_index, (note_class, group) in enumerate(runs, start=1):
        out.add()
        out.add(f"{note_class.capitalize()}s" + (f" (part {run_index})" if parted else ""))
        for note in found:
            if (note.note_class, note.group) != (note_class, group):
                continue
            text, cited = _note_text(note.body, italic_styles, bookmarks)
            line = out.add(f"[^{note.label or note.number}]: {text}")
            footnotes.append(Footnote(
                number=note.number, line=line, text=text, marker_lines=(note.marker_line,),
                part=run_index if parted else None, label=note.label, cited=cited,
            ))
    return NativeText(text=out.text(), footnotes=footnotes, title=title, date=date)


def _in_note(element: etree._Element, top: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag == TEXT + "note":
            return True
    return False


def _walk(element: etree._Element, pieces: list[str | Link],  # type: ignore[no-untyped-def]
          italic_styles: frozenset[str] = frozenset(), fields: NoteFields | None = None):
    """Append `element`'s visible text to `pieces`; yield each note met (its text is not
    appended: the caller writes its marker). A span in one of `italic_styles` is marked
    for `with_emphasis`; with `fields` (a note's), a reference mark that is a reference
    manager's citation is put between `FIELD_START` and `FIELD_END`, its record kept."""
    if element.text:
        pieces.append(element.text)
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            pass
        elif tag == TEXT + "note":
            yield child
        elif tag in _BLOCKS or tag == TEXT + "list":
            pass  # a paragraph inside a frame or table cell: read as its own line
        elif tag in (TEXT + "s",):
            pieces.append(" " * int(child.get(TEXT + "c", "1") or 1))
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            pieces.append(" ")
        elif tag == TEXT + "a":
            inner: list[str | Link] = []
            yield from _walk(child, inner, italic_styles, fields)
            pieces.append(Link(join_pieces(inner), child.get(XLINK_HREF)))
        elif tag == TEXT + "span" and child.get(TEXT + "style-name") in italic_styles:
            pieces.append(ITALIC_ON)
            yield from _walk(child, pieces, italic_styles, fields)
            pieces.append(ITALIC_OFF)
        elif tag == TEXT + "reference-mark-start" and fields is not None:
            name = child.get(TEXT + "name", "")
            if fields.opens(name, citation_record(name)):
                pieces.append(FIELD_START)
        elif tag == TEXT + "bookmark-start" and fields is not None:
            name = child.get(TEXT + "name", "")
            if fields.opens(name, fields.bookmarks.get(name)):
                pieces.append(FIELD_START)  # Zotero's citation kept as a bookmark
        elif tag in (TEXT + "reference-mark-end", TEXT + "bookmark-end") and fields is not None:
            if fields.closes(child.get(TEXT + "name", "")):
                pieces.append(FIELD_END)
        elif tag == TEXT + "bibliography-mark" and fields is not None:
            marked = {name.rpartition("}")[2]: value for name, value in child.attrib.items()
                      if name.startswith(TEXT)}
            fields.records.append(bibliography_mark_record(marked, "".join(child.itertext())))
            pieces.append(FIELD_START)
            yield from _walk(child, pieces, italic_styles, fields)
            pieces.append(FIELD_END)
        else:
            yield from _walk(child, pieces, italic_styles, fields)
        if child.tail:
            pieces.append(child.tail)


def _note_text(body: etree._Element | None, italic_styles: frozenset[str],
               bookmarks: dict[str, FieldRecord]) -> tuple[str, tuple[ManagedCitation, ...]]:
    """The note's text, and the reference manager's citations in it."""
    if body is None:
        return "", ()
    paragraphs = []
    fields = NoteFields(bookmarks=bookmarks)
    for block in body.iter(*_BLOCKS):
        pieces: list[str | Link] = []
        for _nested in _walk(block, pieces, italic_styles, fields):
            pass  # a note inside a note is not something writers produce
        paragraphs.append(join_pieces(pieces))
    return cut_fields(" ".join(with_emphasis(" ".join(paragraphs)).split()), fields.records)


def _italic_styles(content: etree._Element, styles: etree._Element | None) -> frozenset[str]:
    """The names of the text styles, automatic (``content.xml``) or named (``styles.xml``),
    that set italics, themselves or through their parent style."""
    italic: dict[str, bool | None] = {}
    parents: dict[str, str] = {}
    for root in (styles, content):
        if root is None:
            continue
        for style in root.iter(STYLE + "style"):
            if style.get(STYLE + "family") != "text":
                continue
            name = style.get(STYLE + "name", "")
            properties = style.find(STYLE + "text-properties")
            value = properties.get(FO_FONT_STYLE) if properties is not None else None
            italic[name] = None if value is None else value in ("italic", "oblique")
            if style.get(STYLE + "parent-style-name"):
                parents[name] = style.get(STYLE + "parent-style-name", "")

    return styles_that_set(italic, parents)


def _number_of(mark: str) -> tuple[int, str | None]:
    """A displayed mark -> (number, label): "3" -> (3, None), "iv" -> (4, "iv"); "*" -> (0, "*")
    (no number: the caller numbers it by position)."""
    if mark.isdigit():
        return int(mark), None
    lowered = mark.lower()
    if all(char in _ROMAN_VALUES for char in lowered) and (len(lowered) > 1 or lowered in "ivx"):
        values = [_ROMAN_VALUES[char] for char in lowered]
        total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                    for i, v in enumerate(values))
        return total, mark
    if len(set(lowered)) == 1 and lowered.isalpha() and lowered.isascii():
        return (ord(lowered[0]) - ord("a") + 1) + 26 * (len(lowered) - 1), mark
    return 0, mark or None


def _user_properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """The document's own properties (``meta.xml``'s ``meta:user-defined``), name -> text."""
    try:
        meta = read_xml(archive, "meta.xml")
    except NativeError:  # (read again, and refused, for the title: one place says so)
        return {}
    if meta is None:
        return {}
    return {prop.get(META + "name", ""): "".join(prop.itertext())
            for prop in meta.iter(META + "user-defined") if prop.get(META + "name")}


def _properties(archive: zipfile.ZipFile) -> tuple[str | None, str | None]:
    meta = read_xml(archive, "meta.xml")
    if meta is None:
        return None, None
    title = meta.findtext(f".//{DC}title")
    date = iso_date(meta.findtext(f".//{DC}date")) or iso_date(
        meta.findtext(f".//{META}creation-date"))
    return clean_title(title), date
