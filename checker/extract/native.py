"""Files read from their own structure, not as text: Word (.docx), OpenDocument (.odt), PDF.

The format is chosen by content (a zip holding ``word/document.xml``; a zip whose ``mimetype``
is ODF text; ``%PDF-``), the extension only deciding what a zip that is neither should be
called. Each format's reader (`docx.py`, `odt.py`, `pdf.py` with `pdf_layout.py`) turns the
bytes into a `NativeText`: a plain rendering of the document (body paragraphs, then the notes as
``[^N]: text`` lines, so that line numbers in findings point somewhere real), the footnotes
with their numbers, parts, labels, pages and marker lines, and the stated title and date.
Whatever makes a file unusable (damaged, encrypted, no text layer) is a `NativeError` with a
one-line problem; `load.py` turns it into an `InputError`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from checker.extract.common import without_italic_marks
from checker.extract.formats import PDF_MAGIC, ZIP_MAGIC
from checker.model import Finding, Footnote

ODF_TEXT_MIMETYPES = (b"application/vnd.oasis.opendocument.text",
                      b"application/vnd.oasis.opendocument.text-master")
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".odt", ".ott")
MAX_PART_BYTES = 128 * 1024 * 1024  # one XML part unpacked (a long order is 3 MB): a zip bomb


class NativeError(Exception):
    """The file cannot be read as the format it claims; the message is one line."""


@dataclass
class NativeText:
    text: str  # the rendering: body lines, then the note lines
    footnotes: list[Footnote]
    title: str | None = None
    date: str | None = None  # ISO, from the document's properties
    # Findings made while reading (a PDF's printed URL that disagrees with its link
    # annotation); their document is set by the loader.
    findings: list[Finding] = field(default_factory=list)


class Rendering:
    """Lines written one at a time; `add` returns the 1-based line of what it wrote."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str = "") -> int:
        self.lines.append(" ".join(line.split()) if line else "")
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def native_format(path: str, data: bytes) -> str | None:
    """"docx", "odt" or "pdf" when `data` is one (raises `NativeError` for a zip named like a
    word-processor file that is none); None for anything else."""
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if not data.startswith(ZIP_MAGIC):
        return None
    word_named = Path(path).suffix.lower() in WORD_SUFFIXES
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").strip() in ODF_TEXT_MIMETYPES:
                return "odt"
    except (zipfile.BadZipFile, OSError, RuntimeError):
        if word_named:
            raise NativeError("is a damaged ZIP archive, not a readable Word or ODF document") \
                from None
        return None
    if word_named:
        raise NativeError("is a ZIP archive but not a Word or ODF text document "
                          "(no word/document.xml, no ODF mimetype)")
    return None


# --- helpers shared by the zip-based readers ------------------------------------------------

XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                           remove_comments=True, remove_pis=True)


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise NativeError(f"is a damaged ZIP archive ({error})") from None
    if any(info.flag_bits & 0x1 for info in archive.infolist()):
        raise NativeError("is password-protected (encrypted); save an unprotected copy")
    return archive


def read_xml(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    """The part `name` parsed (no entities, no network); None when the zip lacks it."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise NativeError(f"has a {info.file_size // 2**20} MB {name} unpacked; the limit is "
                          f"{MAX_PART_BYTES // 2**20} MB (a zip bomb?)")
    try:
        return etree.fromstring(archive.read(name), XML_PARSER)
    except etree.XMLSyntaxError as error:
        raise NativeError(f"has a damaged {name} ({error.msg})") from None
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise NativeError(f"has an unreadable {name} ({error})") from None


def iso_date(value: str | None) -> str | None:
    """``2015-03-12T00:01:00Z`` -> ``2015-03-12``; None for anything else."""
    value = (value or "").strip()
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        return value[:10]
    return None


def clean_title(value: str | None) -> str | None:
    """A property title worth keeping: not empty, not Word's placeholder "_" or "Title"."""
    value = " ".join((value or "").split())
    if len(value) < 3 or value.lower() in ("title", "untitled", "document"):
        return None
    return value


def styles_that_set(own: dict[str, bool | None], parents: dict[str, str]) -> frozenset[str]:
    """The styles that turn a property on (italics), by their own setting (`own`: on, off,
    or None when the style leaves it to the one it inherits from) or their parent's
    (`parents`, followed 20 deep at most: a loop of styles ends)."""
    def sets(name: str, depth: int = 0) -> bool:
        value = own.get(name)
        if value is not None or depth > 20 or name not in parents:
            return bool(value)
        return sets(parents[name], depth + 1)

    return frozenset(name for name in own if sets(name))


class Link(NamedTuple):
    """A link's printed text and its target, kept apart until the paragraph is joined."""

    text: str
    target: str | None


def join_pieces(pieces: list[str | Link]) -> str:
    """The pieces of a paragraph as one string; neighbouring links to the same target (a word
    processor splits a link wherever the formatting changes) become one link."""
    out: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        if not isinstance(piece, Link):
            out.append(piece)
            continue
        text = piece.text
        while index < len(pieces):
            following = pieces[index]
            if isinstance(following, Link) and following.target == piece.target:
                text += following.text
                index += 1
            else:
                break
        out.append(link_text(text, piece.target))
    return "".join(out)


def link_text(text: str, target: str | None) -> str:
    """A link's printed text with its target kept as evidence: ``[text](target)``, or the
    text alone when it already is the target. A link's text is never emphasised."""
    text = " ".join(without_italic_marks(text).split())
    if not target or target.startswith("#"):
        return text
    if not text or text.rstrip("/") == target.rstrip("/"):
        return target
    return f"[{text}]({target})"
