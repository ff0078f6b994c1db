"""Read a document from disk: bytes -> checked, decoded text -> `Document`.

The only stage that touches files. Everything that makes a file unusable ends in
`InputError(path, kind, problem)` with a one-line problem, never a traceback:
missing, a directory, empty, binary, a line too long to be prose, undecodable.

Encodings are detected, not assumed: BOMs first (UTF-8, UTF-16, UTF-32), then
UTF-16/32 without BOM by their NUL pattern, then strict UTF-8, and only when the
bytes hold no UTF-8 at all a legacy single-byte (or CJK) encoding chosen by
charset-normalizer (cp1251 for Russian sources, cp1252 for Western ones...).
A file that is mostly UTF-8 with a few broken bytes is reported as invalid UTF-8
rather than silently re-read as cp1252 mojibake.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from checker.errors import InputError, InputProblem
from checker.extract.formats import (
    NATIVE_MAGICS,
    OFFICE_MAGICS,
    OLE2_MAGIC,
    PDF_MAGIC,
    RTF_MAGIC,
    ZIP_MAGIC,
)
from checker.lazypattern import compile_lazily
from checker.model import Document
from checker.transliterate import to_ascii

if TYPE_CHECKING:
    from checker.extract.native import NativeText

MAX_LINE_BYTES = 4 * 1024 * 1024
"""Longest line accepted. Prose lines are short; even minified HTML rarely gets here."""

MAX_FILE_BYTES = 256 * 1024 * 1024
# HTML nested deeper than this is refused: parsing trees that deep costs time growing with the
# square of the depth, and no real document comes near (Wikipedia pages stay under 40).
MAX_HTML_DEPTH = 1000
CHUNK_BYTES = 1024 * 1024  # must not exceed MAX_LINE_BYTES (see _read_checked)
SNIFF_BYTES = 64 * 1024
MAX_LEGACY_TRIES = 4  # charset-normalizer's best guesses worth decoding

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (bom, codec used to decode the rest, name recorded) - UTF-32 before UTF-16.
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (PDF_MAGIC, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (ZIP_MAGIC, "a ZIP archive (or a .docx/.epub/.odt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (OLE2_MAGIC, "an old Office document"),
    (b"\x7fELF", "an executable"),
    (RTF_MAGIC, "an RTF document"),
)

# C0 control bytes that never appear in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)

# One well-formed UTF-8 multibyte sequence.
_UTF8_MULTI = compile_lazily(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = compile_lazily(rb"[\x80-\xff]")

# Legacy encodings worth considering; charset-normalizer alone happily picks exotic
# code pages (cp1006, cp932...) for a few stray bytes.
_LEGACY_ENCODINGS = [  # in order of preference when the detector cannot tell them apart
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "latin_1", "iso8859_2", "iso8859_5", "iso8859_15", "koi8_r", "koi8_u",
    "cp866", "mac_cyrillic", "mac_roman", "gb18030", "big5", "shift_jis", "euc_jp",
    "euc_kr",
]

_BLOCK_TAG_LINE = compile_lazily(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|table|tr|td|section|article|aside|body|head|header|footer"
    r"|nav|main|blockquote|figure|meta|link|title)\b",
    re.IGNORECASE,
)
_MARKDOWN_MARKERS = compile_lazily(
    r"^(?:\s{0,3}#{1,6}\s|\s{0,3}\[\^[^\]]+\]:|\s{0,3}[-*+]\s+\S|\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$"
    r"|.*\*\*\S.*\*\*|.*\]\(https?://|.*<sup>)"
)
_LATEX = compile_lazily(r"^\\documentclass\b", re.MULTILINE)
_BIBTEX = compile_lazily(r"^(?:\s*%[^\n]*\n)*\s*@[A-Za-z]+\s*\{", re.ASCII)
_NON_ASCII = compile_lazily(r"[^\x00-\x7f]")
PLAUSIBILITY_SAMPLE = 200_000
_ID_UNSAFE = compile_lazily(r"[^A-Za-z0-9._-]+")


def read_document(path: str) -> Document:
    """Read, check and decode the file at `path` (raises `InputError`)."""
    binary = _read_native(path)
    if binary is not None:
        return binary
    data = _read_checked(path)
    text, encoding = _decode(path, data)
    if "\r" in text:  # looked for first: each replace copies the whole text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError(path, InputProblem.BINARY,
                         "is a binary file (it contains NUL characters), not text")
    if not text or text.isspace():
        raise InputError(path, InputProblem.EMPTY, "is empty (only whitespace)")
    kind = sniff_format(path, text)
    if kind == "html" and (depth := html_depth(text, MAX_HTML_DEPTH)) > MAX_HTML_DEPTH:
        raise InputError(path, InputProblem.TOO_DEEP,
                         f"nests its HTML elements more than {depth - 1:,} levels deep; "
                         f"footcheck reads at most {MAX_HTML_DEPTH:,}")
    return Document(
        path=path,
        id=document_id(path),
        text=text,
        format=kind,
        encoding=encoding,
    )


def read_text(path: str) -> str:
    """The decoded text of a file a document refers to (a LaTeX \\input, a .bib)."""
    return read_document(path).text


def _read_native(path: str) -> Document | None:
    """A Word, ODF or PDF file read by its format's reader (`extract/native.py`); None for
    anything else, and for what cannot be opened (`_read_checked` names that problem). The
    readers are imported only for a file that starts as one of these does (`formats.py`)."""
    try:
        with open(path, "rb") as handle:
            if not handle.read(8).startswith((*NATIVE_MAGICS, *OFFICE_MAGICS)):
                return None
            if os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES:
                return None
            handle.seek(0)
            data = handle.read()
    except OSError:
        return None
    return _read_native_data(path, data)


def _read_native_data(path: str, data: bytes) -> Document | None:
    from checker.extract import native, office

    try:
        if office.kind_of(data) is not None:  # .doc, .rtf: read as LibreOffice's .docx of it
            data = office.to_docx(path, data)
        kind = native.native_format(path, data)
        if kind is None:
            return None
        found = _native_reader(kind)(data)
        for finding in found.findings:
            finding.document = path
    except OSError:
        return None
    except native.NativeError as error:
        raise InputError(path, InputProblem.DAMAGED, str(error)) from None
    except RecursionError:  # elements nested a thousand deep: no word processor writes that
        raise InputError(path, InputProblem.TOO_DEEP,
                         "nests its XML elements too deeply to be read (about a thousand "
                         "levels); save it again from its word processor") from None
    return Document(path=path, id=document_id(path), text=found.text, format=kind,
                    encoding="binary", title=found.title, date=found.date,
                    footnotes=found.footnotes, findings=found.findings)


def _native_reader(kind: str) -> Callable[[bytes], NativeText]:
    """The reader of a Word, ODF or PDF file (imported when one is met: lxml, pypdfium2)."""
    if kind == "docx":
        from checker.extract.docx import read_docx

        return read_docx
    if kind == "odt":
        from checker.extract.odt import read_odt

        return read_odt
    from checker.extract.pdf_layout import read_pdf

    return read_pdf


_TAG = compile_lazily(r"<!--.*?-->|<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>", re.DOTALL)
# Elements that never hold others, or that the HTML parser closes by itself when the next
# one opens (a page of unclosed <p> or <li> is not nested).
_FLAT_ELEMENTS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "rt", "rp",
))


def html_depth(text: str, stop_after: int) -> int:
    """How deeply the elements of `text` nest (one linear scan of its tags; stops counting
    once past `stop_after`)."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name is None or self_closing or name.lower() in _FLAT_ELEMENTS:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > stop_after:
                break
    return deepest


def document_id(path: str) -> str:
    """The file stem, made safe for file names such as ``refs/<id>.bib``."""
    stem = Path(path).stem or Path(path).name
    safe = _ID_UNSAFE.sub("_", to_ascii(stem).replace("'", "")).strip("_")
    return safe or "document"


def sniff_format(path: str, text: str) -> str:
    """"html", "markdown", "text", "latex", "bibtex" or "csljson", from the extension
    first, then the content."""
    suffix = Path(path).suffix.lower()
    if suffix in (".tex", ".ltx") or _LATEX.search(text[:SNIFF_BYTES]):
        return "latex"
    if suffix == ".bib" or (suffix != ".md" and _BIBTEX.match(text[:SNIFF_BYTES])):
        return "bibtex"
    if suffix == ".json":
        # JSON given as a document is a bibliography (CSL-JSON): read as one, a broken or
        # foreign JSON is then one line and exit 2, not a text without notes
        return "csljson" if text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{") else "text"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    head = text[:SNIFF_BYTES].lstrip("\ufeff \t\n").lower()
    if head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<?xml") and "<html" in head[:2000]
    ):
        return "html"
    lines = [line for line in text[:SNIFF_BYTES].split("\n")[:400] if line.strip()]
    block_lines = sum(1 for line in lines if _BLOCK_TAG_LINE.match(line))
    if block_lines >= 3 and block_lines >= 0.3 * len(lines):
        return "html"
    if suffix in (".md", ".markdown", ".mdown", ".mkd"):
        return "markdown"
    markdown_lines = sum(1 for line in lines if _MARKDOWN_MARKERS.match(line))
    if markdown_lines >= 2:
        return "markdown"
    return "text"


# --- reading -----------------------------------------------------------------------------


def _folder_problem(path: str) -> str:
    """A folder reaches loading only when it holds no documents at its top (its documents are
    listed instead): say so, and name the subfolders, which are not searched."""
    try:
        subfolders = sorted(entry.name for entry in os.scandir(path)
                            if entry.is_dir() and not entry.name.startswith("."))
    except OSError:
        subfolders = []
    if not subfolders:
        return "is a folder with no documents in it"
    shown = ", ".join(f"{name}/" for name in subfolders[:3])
    shown += ", ..." if len(subfolders) > 3 else ""
    return (f"is a folder with no documents at its top; its subfolders ({shown}) are not "
            "searched: name the one holding the document")


def _read_checked(path: str) -> bytearray:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, InputProblem.MISSING, "no such file") from None
    except OSError as error:
        raise InputError(path, InputProblem.UNREADABLE,
                         f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, InputProblem.NOT_A_FILE, _folder_problem(path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, InputProblem.NOT_A_FILE,
                         "is not a regular file (a device, socket or pipe?)")
    if info.st_size == 0:
        raise InputError(path, InputProblem.EMPTY, "is empty (0 bytes)")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(
            path, InputProblem.TOO_LARGE, f"is too large ({info.st_size // 2**20} MB; the limit is "
            f"{MAX_FILE_BYTES // 2**20} MB)"
        )
    data = bytearray()
    run = 0  # length of the line still open at the end of what was read
    wide = False  # UTF-16/32: NUL bytes are part of the text
    try:
        with open(path, "rb") as handle:
            while True:
                chunk = handle.read(CHUNK_BYTES)
                if not chunk:
                    break
                if not data:
                    wide = _sniff_first_chunk(path, chunk)
                elif not wide and b"\x00" in chunk:
                    raise InputError(path, InputProblem.BINARY,
                                     "is a binary file (it contains NUL bytes), not text")
                # A chunk is never longer than the limit, so only the line running in
                # from the previous chunk and the one running out can exceed it.
                first = _first_break(chunk)
                if first < 0:
                    run += len(chunk)
                else:
                    _check_line(path, run + first)
                    run = len(chunk) - _last_break(chunk) - 1
                _check_line(path, run)
                data += chunk
                if len(data) > MAX_FILE_BYTES:
                    raise InputError(path, InputProblem.TOO_LARGE, "is too large")
    except IsADirectoryError:
        raise InputError(path, InputProblem.NOT_A_FILE, _folder_problem(path)) from None
    except PermissionError:
        raise InputError(path, InputProblem.UNREADABLE,
                         "cannot be read (permission denied)") from None
    except OSError as error:
        raise InputError(path, InputProblem.UNREADABLE,
                         f"cannot be read ({error.strerror or error})") from None
    if not data:
        raise InputError(path, InputProblem.EMPTY, "is empty (0 bytes)")
    return data


def _first_break(chunk: bytes) -> int:
    lf, cr = chunk.find(b"\n"), chunk.find(b"\r")
    if lf < 0:
        return cr
    if cr < 0:
        return lf
    return min(lf, cr)


def _last_break(chunk: bytes) -> int:
    return max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))


def _check_line(path: str, length: int) -> None:
    if length > MAX_LINE_BYTES:
        raise InputError(
            path, InputProblem.TOO_LARGE,
            f"has a line longer than {MAX_LINE_BYTES // 2**20} MB; "
            "not a text document (minified or binary data?)",
        )


def _sniff_first_chunk(path: str, chunk: bytes) -> bool:
    """Reject binaries early; return True when the text is UTF-16/32 (NULs expected)."""
    if any(chunk.startswith(bom) for bom, _, _ in _BOMS):
        return True
    if _wide_encoding(chunk) is not None:
        return True
    for magic, what in _MAGIC:
        if chunk.startswith(magic):
            advice = ""
            if magic in OFFICE_MAGICS:
                from checker.extract.office import how_to_convert

                advice = f"; {how_to_convert(path)}"
            raise InputError(path, InputProblem.BINARY,
                             f"is a binary file ({what}), not text{advice}")
    sample = chunk[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise InputError(path, InputProblem.BINARY,
                         "is a binary file (it contains NUL bytes), not text")
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > max(4, len(sample) * 0.02):
        raise InputError(path, InputProblem.BINARY,
                         "is a binary file (too many control characters), not text")
    return False


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-16/UTF-32 without BOM, recognised by where the NUL bytes fall."""
    sample = sample[: 4096 - 4096 % 4]
    size = len(sample)
    if size < 4 or b"\x00" not in sample:
        return None
    quarter = size // 4
    by_position = [sample[k::4].count(0) for k in range(4)]
    if min(by_position[1:]) > 0.5 * quarter and by_position[0] < 0.1 * quarter:
        return "utf-32-le"
    if min(by_position[:3]) > 0.5 * quarter and by_position[3] < 0.1 * quarter:
        return "utf-32-be"
    half = size // 2
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.1 * half and even <= 0.01 * half:
        return "utf-16-le"
    if even >= 0.1 * half and odd <= 0.01 * half:
        return "utf-16-be"
    return None


# --- decoding ----------------------------------------------------------------------------


def _decode(path: str, data: bytearray) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return bytes(data[len(bom):]).decode(codec), name
            except UnicodeDecodeError as error:
                raise InputError(
                    path, InputProblem.UNDECODABLE,
                    f"is not valid {name} despite its byte-order mark "
                    f"(bad bytes at offset {error.start + len(bom)})"
                ) from None
    wide = _wide_encoding(bytes(data[:4096]))
    if wide is not None:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            raise InputError(path, InputProblem.UNDECODABLE,
                             f"looks like {wide} but does not decode as it") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    high_bytes = len(_HIGH_BYTE.findall(data))
    utf8_bytes = sum(len(match) for match in _UTF8_MULTI.findall(data))
    if utf8_bytes >= 0.3 * high_bytes:
        raise InputError(path, InputProblem.UNDECODABLE, _utf8_problem(data, utf8_error))
    decoded = _decode_legacy(data)
    if decoded is None:
        raise InputError(path, InputProblem.UNDECODABLE,
                         _utf8_problem(data, utf8_error) + " and no legacy encoding fits")
    return decoded


def _utf8_problem(data: bytearray, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return (
        f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at line {line}, column {column})"
    )


def _decode_legacy(data: bytearray) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    raw = bytes(data)
    matches = list(from_bytes(raw, cp_isolation=_LEGACY_ENCODINGS))
    # Short texts tie (cp1250 and cp1252 read "café" alike); ties go to the commoner one.
    matches.sort(
        key=lambda match: (
            round(match.chaos, 3),
            -round(match.coherence, 2),
            _priority(match.encoding),
        )
    )
    for match in matches[:MAX_LEGACY_TRIES]:
        try:
            text = raw.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible_text(text):
            return text, match.encoding
    return None


def _priority(encoding: str) -> int:
    name = encoding.lower().replace("-", "_")
    return _LEGACY_ENCODINGS.index(name) if name in _LEGACY_ENCODINGS else len(_LEGACY_ENCODINGS)


def _plausible_text(text: str) -> bool:
    """Do the non-ASCII characters read like words and punctuation, not noise?

    Letters must mostly sit next to other letters (Cyrillic words, "café"); an
    isolated accented letter between spaces or symbols is what a broken byte
    decoded by a guessed code page looks like.
    """
    sample = text[:PLAUSIBILITY_SAMPLE]
    letters = isolated = weird = 0
    length = len(sample)
    for match in _NON_ASCII.finditer(sample):
        index = match.start()
        char = sample[index]
        category = unicodedata.category(char)
        if category == "Lm":
            weird += 1
        elif category[0] == "L":
            letters += 1
            before = sample[index - 1] if index else " "
            after = sample[index + 1] if index + 1 < length else " "
            if not (before.isalpha() or after.isalpha()):
                isolated += 1
        elif category in ("Cc", "Co", "Cn", "Cs", "Sk", "Mn"):  # controls, lone accents
            weird += 1
    if weird:
        return False
    return letters == 0 or isolated <= 0.3 * letters
