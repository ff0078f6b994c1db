"""checker.load.read_document: bad input, encodings, format sniffing, ids."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.load import MAX_LINE_BYTES, document_id, read_document, sniff_format

RUSSIAN = (
    "Россия и Китай: тихое соперничество в Центральной Азии.\n"
    "Сноски приведены в конце статьи, опубликованной 2 марта 2020 года.\n"
)
ENGLISH = "Beijing Binds: COVID-19 and the China-Central Asia Relationship.\nSecond line.\n"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def problem(path: str) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path)
    return caught.value.problem


# ---- unusable files --------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in problem(str(tmp_path / "nope.md"))


def test_not_a_regular_file() -> None:
    assert "not a regular file" in problem("/dev/null")


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    assert "empty" in problem(write(tmp_path, "empty.txt", b""))
    assert "empty" in problem(write(tmp_path, "blank.txt", b"  \n\t\r\n  \n"))
    assert "empty" in problem(write(tmp_path, "bom.txt", b"\xef\xbb\xbf \n"))


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "ZIP"),
        (b"some text then a NUL \x00 byte and more text " * 10, "NUL"),
        (bytes(range(1, 32)) * 50, "control"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, word: str) -> None:
    # A PDF is read as a PDF now: tests/test_extract_native.py has the damaged one.
    message = problem(write(tmp_path, "file.txt", data))
    assert "binary" in message and word in message


def test_nul_after_the_first_chunk_is_still_binary(tmp_path: Path) -> None:
    data = b"plain text line\n" * 100_000 + b"\x00\x01\x02"
    assert "binary" in problem(write(tmp_path, "late.txt", data))


def test_fifty_megabyte_single_line_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        block = b"a" * (1024 * 1024)
        for _ in range(50):
            handle.write(block)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = problem(str(path))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "line longer than" in message
    assert elapsed < 1.0
    assert peak < 4 * MAX_LINE_BYTES  # read a few chunks, not the 50 MB


def test_long_line_at_the_end_of_a_normal_file(tmp_path: Path) -> None:
    data = b"short line\n" * 1000 + b"x" * (MAX_LINE_BYTES + 10)
    assert "line longer than" in problem(write(tmp_path, "tail.txt", data))


def test_long_line_spanning_chunks_with_carriage_returns(tmp_path: Path) -> None:
    data = b"start\r" + b"y" * (MAX_LINE_BYTES + 1) + b"\rend\r"
    assert "line longer than" in problem(write(tmp_path, "cr.txt", data))


def test_long_but_acceptable_lines(tmp_path: Path) -> None:
    line = b"word " * (MAX_LINE_BYTES // 10)
    doc = read_document(write(tmp_path, "ok.txt", line + b"\n" + line + b"\n"))
    assert doc.text.count("\n") == 2


def test_invalid_utf8_in_a_utf8_file(tmp_path: Path) -> None:
    data = "Café crème, naïve résumé.\nSecond line ".encode() + b"\xff\xfe broken\n"
    message = problem(write(tmp_path, "bad.md", data))
    assert "not valid UTF-8" in message and "line 2" in message


@pytest.mark.parametrize("data", [b"abc \xc3\x28 def\n", b"hello \xff world\n"])
def test_bytes_that_are_neither_utf8_nor_a_legacy_text(tmp_path: Path, data: bytes) -> None:
    assert "UTF-8" in problem(write(tmp_path, "bad.txt", data))


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    path = write(tmp_path, "secret.txt", b"text\n")
    os.chmod(path, 0)
    try:
        assert "cannot be read" in problem(path)
    finally:
        os.chmod(path, 0o644)


# ---- encodings ---------------------------------------------------------------------------


def test_plain_utf8(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", ENGLISH.encode()))
    assert (doc.text, doc.encoding) == (ENGLISH, "utf-8")


def test_utf8_with_bom(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + RUSSIAN.encode()))
    assert (doc.text, doc.encoding) == (RUSSIAN, "utf-8-sig")


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_byte_order_marks(tmp_path: Path, codec: str, bom: bytes, name: str) -> None:
    for text in (ENGLISH, RUSSIAN):
        doc = read_document(write(tmp_path, "a.txt", bom + text.encode(codec)))
        assert (doc.text, doc.encoding) == (text, name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    for text in (ENGLISH * 3, RUSSIAN * 3):
        doc = read_document(write(tmp_path, "a.txt", text.encode(codec)))
        assert (doc.text, doc.encoding) == (text, codec)


def test_cp1251_russian(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "ru.txt", (RUSSIAN * 4).encode("cp1251")))
    assert doc.text == RUSSIAN * 4
    assert doc.encoding == "cp1251"


def test_koi8_r_russian(tmp_path: Path) -> None:
    text = RUSSIAN * 6
    doc = read_document(write(tmp_path, "ru.txt", text.encode("koi8_r")))
    assert doc.text == text


def test_cp1252_western_with_curly_quotes(tmp_path: Path) -> None:
    text = "Le “café” de la gare — très bien, naïve façade.\nÉté à Paris, 2020.\n" * 3
    doc = read_document(write(tmp_path, "fr.txt", text.encode("cp1252")))
    assert doc.text == text


def test_line_endings_normalised(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "a.txt", b"one\r\ntwo\rthree\n"))
    assert doc.text == "one\ntwo\nthree\n"


# ---- format and id -------------------------------------------------------------------------


def test_format_by_extension_and_content(tmp_path: Path) -> None:
    html = b"<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n"
    assert read_document(write(tmp_path, "page.html", b"<p>x</p>\n")).format == "html"
    assert read_document(write(tmp_path, "page.txt", html)).format == "html"
    assert read_document(write(tmp_path, "notes.md", b"Just prose.\n")).format == "markdown"
    markdown = b"# Title\n\nSome text.<sup>1</sup>\n\n- item\n"
    assert read_document(write(tmp_path, "paper.txt", markdown)).format == "markdown"
    assert read_document(write(tmp_path, "news.txt", b"A plain news story.\n")).format == "text"


def test_format_by_block_tags() -> None:
    text = "<div>\n<p>One</p>\n<p>Two</p>\n<p>Three</p>\n</div>\n"
    assert sniff_format("fragment.txt", text) == "html"
    assert sniff_format("paper.txt", "Text with <sup>1</sup> and <sup>2</sup> only.\n") == "text"


def test_document_id_and_path(tmp_path: Path) -> None:
    path = write(tmp_path, "My Paper (draft) v2.md", b"# T\n")
    doc = read_document(path)
    assert doc.path == path
    assert doc.id == "My_Paper_draft_v2"
    assert document_id("refs/sources/000_0db96c59fdb6136e.txt") == "000_0db96c59fdb6136e"
    assert document_id("статья-1.txt") == "statia-1"
    assert document_id("???.txt") == "document"


def test_html_nested_too_deep_is_refused_in_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 200_000 + "x" + "</div>" * 200_000
                    + "</body></html>")
    with pytest.raises(InputError) as caught:
        read_document(str(deep))
    assert "more than 1,000 levels deep" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_html_depth_counts_real_nesting_only() -> None:
    from checker.load import html_depth

    assert html_depth("<div><div><span>x</span></div></div>", 100) == 3
    # unclosed paragraphs and list items, void and self-closed elements do not nest
    assert html_depth("<ul>" + "<li>item <br><img src=x>" * 5000 + "</ul>", 100) == 1
    assert html_depth("<div>" + "<p>para" * 5000 + "<hr/></div>", 100) == 1
    assert html_depth("<!-- <div><div> -->" * 3000 + "<b>x</b>", 100) == 1
    assert html_depth("<div>" * 50_000, 10) == 11  # stops once past the limit


def test_html_at_ordinary_depth_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + "<div>" * 500 + "<p>x</p>" + "</div>" * 500
                    + "</body></html>")
    assert read_document(str(page)).format == "html"


def test_a_folder_without_documents_names_its_subfolders(tmp_path: Path) -> None:
    """A folder reaches loading only when nothing at its top is a document (a LaTeX project
    whose main file sits in `latex/`): the problem names the subfolders, not searched."""
    assert problem(str(tmp_path)) == "is a folder with no documents in it"
    (tmp_path / "latex").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / ".git").mkdir()
    message = problem(str(tmp_path))
    assert "(latex/, sources/)" in message and "not searched" in message


def test_a_text_paper_is_read_without_the_native_readers_nor_a_process_pool(tmp_path):
    """What only a Word, ODF or PDF file needs (lxml, the readers) and what only a paper of
    thousands of notes needs (multiprocessing) is not imported for a text paper: every
    command's start-up would pay for it. A .docx still loads them (test_extract_native)."""
    import subprocess
    import sys

    paper = write(tmp_path, "paper.md", b"A claim.[^1]\n\n[^1]: Jane Roe, \"A Title,\" Example "
                  b"News, March 2, 2020, https://example.org/a.\n")
    heavy = ("lxml", "multiprocessing", "checker.extract.native", "checker.extract.office")
    code = ("import sys\nfrom checker.parse import parse_paths\n"
            "run = parse_paths([sys.argv[1]])\n"
            "print(len(run.documents[0].footnotes), *sorted(set(sys.argv[2:]) & set(sys.modules)))")
    shown = subprocess.run([sys.executable, "-c", code, paper, *heavy], capture_output=True,
                           text=True, check=True).stdout.split()
    assert shown == ["1"]
