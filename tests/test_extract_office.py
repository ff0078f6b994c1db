"""Word 97-2003 (.doc) and RTF files, read through LibreOffice as .docx (extract/office.py).

paper.doc and paper.rtf are LibreOffice's own conversions of paper.docx
(tests/fixtures/native/make_fixtures.sh). The tests that convert need LibreOffice
(``soffice``) and are skipped without it; CI installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.extract import office
from checker.load import read_document
from checker.parse import parse_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "native"
needs_libreoffice = pytest.mark.skipif(
    not any(shutil.which(name) for name in office.PROGRAMS),
    reason="LibreOffice (soffice) is not installed")


def notes(doc) -> list:
    return [(note.number, note.text, [ref.to_json() for ref in note.references])
            for note in doc.footnotes]


@needs_libreoffice
@pytest.mark.parametrize("name", ["paper.doc", "paper.rtf"])
def test_doc_and_rtf_give_the_notes_of_the_docx_they_were_saved_from(name):
    run = parse_paths([str(FIXTURES / "paper.docx"), str(FIXTURES / name)])
    assert not run.errors
    docx, other = run.documents
    assert other.path.endswith(name) and other.format == "docx"
    assert len(other.footnotes) == 7
    assert notes(other) == notes(docx)


@needs_libreoffice
def test_a_folder_of_papers_includes_its_doc_and_rtf(tmp_path):
    for name in ("paper.doc", "paper.rtf", "paper.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    run = parse_paths([str(tmp_path)])
    assert sorted(Path(doc.path).name for doc in run.documents) == [
        "paper.doc", "paper.md", "paper.rtf"]


@needs_libreoffice
def test_the_users_file_name_is_kept(tmp_path):
    path = tmp_path / "mémoire (v2) final.rtf"
    shutil.copy(FIXTURES / "paper.rtf", path)
    doc = read_document(str(path))
    assert doc.path == str(path) and len(doc.footnotes) == 7


@needs_libreoffice
def test_a_damaged_doc_is_one_line(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes((FIXTURES / "paper.doc").read_bytes()[:4096])  # cut short
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert "LibreOffice could not convert" in str(caught.value)
    assert "soffice --headless --convert-to docx old.doc" in str(caught.value)


def without_libreoffice(monkeypatch, tmp_path: Path, program: str | None = None) -> None:
    """PATH holding only `program` (a script) as soffice, or nothing."""
    folder = tmp_path / "bin"
    folder.mkdir()
    if program is not None:
        script = folder / "soffice"
        script.write_text(program)
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))


def test_without_libreoffice_one_line_says_how_to_convert(tmp_path, monkeypatch, capsys):
    path = tmp_path / "thesis.rtf"
    shutil.copy(FIXTURES / "paper.rtf", path)
    without_libreoffice(monkeypatch, tmp_path)
    assert main(["parse", "--no-write", str(path)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "Traceback" not in error
    assert "is an RTF document" in error and "not installed" in error
    assert "soffice --headless --convert-to docx thesis.rtf" in error


def test_a_libreoffice_that_hangs_is_given_up(tmp_path, monkeypatch):
    path = tmp_path / "slow.doc"
    shutil.copy(FIXTURES / "paper.doc", path)
    without_libreoffice(monkeypatch, tmp_path, f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    monkeypatch.setattr(office, "CONVERT_SECONDS", 1)
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert "did not convert it within 1 s" in str(caught.value)


def test_a_libreoffice_that_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "odd.doc"
    shutil.copy(FIXTURES / "paper.doc", path)
    without_libreoffice(monkeypatch, tmp_path, "#!/bin/sh\nexit 0\n")
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert "could not convert" in str(caught.value)
    assert sorted(os.listdir(path.parent)) == ["bin", "odd.doc"]  # nothing left beside it
