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
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from checker.model import Finding, Footnote

NATIVE_FORMATS = ("docx", "odt", "pdf")
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
MAGICS = (ZIP_MAGIC, PDF_MAGIC)
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

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
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
        return etree.fromstring(archive.read(name), _PARSER)
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


# An italic run's text is put between these while a note is read, until `with_emphasis`.
ITALIC_ON, ITALIC_OFF = "\x0e", "\x0f"  # shift out, shift in
_EMPHASIS_SPAN = re.compile("\x0e([^\x0e\x0f]*)\x0f")
# an italic run ends where the next begins, or a space or an upright hyphen or full stop away
_TOUCHING_RUNS = re.compile("\x0f(\\s*|[-–.’']{1,2})\x0e")
_MOVED_OUT = ",;:“‘(["  # a run's last character that is the sentence's (or opens what follows)
# Words set in italics that are no title: signals and the Latin of short forms, opening a run
# ("*See, e.g.*,", "*Id.* at 5", "*Id.; see supra* notes 18-20", "*s. v. Mazarinades*",
# "*Cf. Brand X*", "*available at*", their full stop in the run or after it) or closing it
# ("*The Federalist Dimension, supra* note 59")
_NO_TITLE_LEAD = re.compile(
    r"(?:(?:but\s+)?see(?:\s+also|\s+generally)?|cf\.?|compare|contra|accord|e\.\s?g\.?|"
    r"i\.\s?e\.?|id\.?|ibid\.?|ibidem|op\.\s?cit\.?|loc\.\s?cit\.?|supra|infra|passim|"
    r"et\s+al\.?|et\s+seq\.?|s\.\s?v\.?|sub\s+voce|vgl\.?|voir|cfr\.?|available\s+at|"
    r"(?:reprinted|quoted|cited)\s+in|aff['’]d|rev['’]d|cert\.\s+denied|hereinafter)"
    r"(?:[,;]?\s+|[,;]?$)",
    re.IGNORECASE)
_NO_TITLE_END = re.compile(r"[,;]?\s+(?:supra|infra|passim|et\s+al\.?|id\.?|ibid\.?)$",
                           re.IGNORECASE)


def with_emphasis(text: str) -> str:
    """A note's text with its italic runs, marked by `ITALIC_ON` and `ITALIC_OFF`, written
    as markdown emphasis (``*Title*``), the way the readers take an italic title from a
    converted document. Runs that touch, or are parted by spaces only or by an upright
    hyphen or full stop (``*E*.*g*.``, ``*United States*-*Flag*``), are one (a word
    processor splits a run wherever anything in its formatting changes); the spaces and a
    final ``,`` ``;`` ``:`` at a run's ends go outside it, and so do signals and the Latin
    of short forms opening a run (``*See, e.g.*``, ``*Id.*``, ``*s. v.*``). Left plain: a
    run without a letter or digit, a URL, text holding a ``*``, a run that is the whole
    note (an italic note says nothing of its titles), and every run of a note that cites
    law the way the legal readers find it (``Roe v. Wade, 410 U.S. 113``): the Bluebook
    sets signals, case names and short forms in italics alike (``*See* *Roe*, 410 U.S. at
    120``), which says nothing of what the title is.

    ``"Voir la \x0eBallade \x0f\x0eburlesque,\x0f en vers"`` -> ``"Voir la *Ballade
    burlesque*, en vers"``."""
    if ITALIC_ON not in text:
        return text.replace(ITALIC_OFF, "")
    text = _TOUCHING_RUNS.sub(r"\1", text)
    spans = _EMPHASIS_SPAN.findall(text)
    whole = len(spans) == 1 and text.strip() == f"{ITALIC_ON}{spans[0]}{ITALIC_OFF}"
    plain = text.replace(ITALIC_ON, "").replace(ITALIC_OFF, "")
    if whole:
        return plain
    written = _EMPHASIS_SPAN.sub(_emphasis, text).replace(ITALIC_ON, "").replace(ITALIC_OFF, "")
    if written.count("*") > plain.count("*") and _cites_law(plain):
        return plain  # (looked for last: the finders take their time)
    return written


def _cites_law(text: str) -> bool:
    from checker.references.legal import cites_law  # the readers' own finders

    return cites_law(text)


def _emphasis(match: re.Match[str]) -> str:
    inner = match.group(1)
    core = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    tail = inner[len(inner.rstrip()):]
    while core and core[-1] in _MOVED_OUT:
        kept = core[:-1].rstrip()
        tail = core[len(kept):] + tail
        core = kept
    while lead_word := _NO_TITLE_LEAD.match(core):
        lead += lead_word.group(0) if lead_word.end() < len(core) else core
        core = core[lead_word.end():]
        if lead_word.end() == 0:
            break
    if end_word := _NO_TITLE_END.search(core):
        tail = core[end_word.start():] + tail
        core = core[:end_word.start()]
    if (not any(char.isalnum() for char in core) or "*" in core or "://" in core
            or core.lower().startswith("www.")):
        return inner
    return f"{lead}*{core}*{tail}"


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
    text = " ".join(text.replace(ITALIC_ON, "").replace(ITALIC_OFF, "").split())
    if not target or target.startswith("#"):
        return text
    if not text or text.rstrip("/") == target.rstrip("/"):
        return target
    return f"[{text}]({target})"
