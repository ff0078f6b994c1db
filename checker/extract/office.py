"""Word 97-2003 (.doc) and RTF files, read as the .docx LibreOffice makes of them.

footcheck reads a word processor's notes from the file's own structure (`docx.py`, `odt.py`);
the older binary and RTF formats it does not parse itself. Where LibreOffice is installed
(``soffice`` or ``libreoffice`` on PATH), it converts the file to .docx, headless, in a
temporary folder with a profile of its own (so that a LibreOffice the user has open is not
disturbed, nor waited for), and the .docx is read as any other. Where it is not, or the
conversion fails or takes longer than `CONVERT_SECONDS`, the file gets one line saying how to
convert it by hand.

Example: ``footcheck parse thesis.doc`` reads ``thesis.doc`` as ``soffice --headless
--convert-to docx thesis.doc`` would write it; the findings and reports name ``thesis.doc``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from checker.extract.formats import OLE2_MAGIC, RTF_MAGIC
from checker.extract.native import NativeError

CONVERT_SECONDS = 120
PROGRAMS = ("soffice", "libreoffice")


def kind_of(data: bytes) -> str | None:
    """"a Word 97-2003 document" or "an RTF document" for those files; None otherwise."""
    if data.startswith(OLE2_MAGIC):
        return "a Word 97-2003 (or other old Office) document"
    if data.startswith(RTF_MAGIC):
        return "an RTF document"
    return None


def how_to_convert(path: str) -> str:
    """The advice given where footcheck cannot convert the file itself."""
    return (f"save it as .docx (in Word or LibreOffice, or: soffice --headless --convert-to "
            f"docx {Path(path).name}) and give that")


def to_docx(path: str, data: bytes) -> bytes:
    """The .docx LibreOffice makes of the file at `path` (whose bytes are `data`). Raises
    `NativeError` (one line, with the advice) where LibreOffice is missing or fails."""
    what = kind_of(data) or "a document footcheck does not read itself"
    program = next((found for name in PROGRAMS if (found := shutil.which(name))), None)
    if program is None:
        raise NativeError(f"is {what}; footcheck reads it through LibreOffice, which is not "
                          f"installed here: {how_to_convert(path)}")
    with tempfile.TemporaryDirectory(prefix="footcheck-convert-") as work:
        folder = Path(work)
        source = folder / ("document" + (".rtf" if data.startswith(RTF_MAGIC) else ".doc"))
        source.write_bytes(data)  # (a copy: the user's name may puzzle LibreOffice's filters)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "docx", "--outdir",
                   str(folder / "out"), str(source)]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=CONVERT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise NativeError(f"is {what}; LibreOffice did not convert it within "
                              f"{CONVERT_SECONDS} s: {how_to_convert(path)}") from None
        except OSError as error:
            raise NativeError(f"is {what}; LibreOffice could not be started "
                              f"({error.strerror or error}): {how_to_convert(path)}") from None
        converted = folder / "out" / "document.docx"
        if not converted.is_file():
            raise NativeError(f"is {what} that LibreOffice could not convert (damaged?): "
                              f"{how_to_convert(path)}")
        return converted.read_bytes()
