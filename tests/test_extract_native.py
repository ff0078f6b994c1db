"""Word, ODF and PDF files in: notes read from the files' own structure.

Fixtures are made by real engines (tests/fixtures/native/make_fixtures.sh: pandoc, LibreOffice,
pdfLaTeX, qpdf); the real documents of ../shared/corpus/native/ are read from there, never
copied (their tests are skipped where that folder is absent).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.extract.pdf import Glyph, Line, spaced_text
from checker.extract.pdf_layout import note_text
from checker.load import read_document
from checker.model import Document, Finding, Footnote
from checker.parse import parse_paths
from checker.report.rows import note_pages, notes_label

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "native"
CORPUS = ROOT.parent / "shared" / "corpus" / "native"
needs_corpus = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(),
                                  reason="../shared/corpus/native is not here")


def plain(text: str | None) -> str | None:
    """A note's text without the markdown source's own marks (italics, autolink brackets)."""
    if text is None:
        return None
    return " ".join(re.sub(r"[*<>]", "", text).split())


def same_notes(expected: Document, found: Document) -> None:
    assert [(f.number, f.part) for f in found.footnotes] == \
        [(f.number, f.part) for f in expected.footnotes]
    for want, got in zip(expected.footnotes, found.footnotes, strict=True):
        assert plain(got.text) == plain(want.text), want.number
        assert [r.to_json() for r in got.references] == \
            [r.to_json() for r in want.references], want.number
        assert got.marker_lines, want.number


@pytest.fixture(scope="module")
def paper_run():
    run = parse_paths([str(FIXTURES / name) for name in ("paper.md", "paper.docx", "paper.odt")])
    assert not run.errors
    return {Path(doc.path).suffix: doc for doc in run.documents}, run


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_word_files_give_the_notes_of_their_markdown(paper_run, suffix):
    docs, _ = paper_run
    same_notes(docs[".md"], docs[suffix])
    assert docs[suffix].format == suffix[1:]
    assert (docs[suffix].title, docs[suffix].date) == ("Ports, Straits and Shipping Lanes",
                                                        "2024-03-15")


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_italics_in_notes_reach_the_readers_as_emphasis(paper_run, suffix):
    # pandoc wrote each *title* of the markdown as an italic run (w:i), LibreOffice as a span
    # of an automatic italic style: both come back as the markdown wrote them
    docs, _ = paper_run
    for want, got in zip(docs[".md"].footnotes, docs[suffix].footnotes, strict=True):
        assert got.text == " ".join(re.sub(r"[<>]", "", want.text).split()), want.number
    assert "*Maritime Gazette*, March 2, 2024" in docs[suffix].footnotes[0].text


@pytest.mark.parametrize("name", ["paper.pdf", "two-columns.pdf"])
def test_italics_in_pdf_notes_reach_the_readers_as_emphasis(paper_run, name):
    # LibreOffice's PDF (DejaVu Serif Italic) and pdfLaTeX's (Latin Modern Italic): the
    # italic font's text objects mark the letters inside them
    docs, _ = paper_run
    found = read_document(str(FIXTURES / name))
    emphasis = re.compile(r"\*[^*]+\*")
    assert [emphasis.findall(note.text) for note in found.footnotes] == \
        [emphasis.findall(note.text) for note in docs[".md"].footnotes]
    assert "*Maritime Gazette*, March 2, 2024" in found.footnotes[0].text


@needs_corpus
def test_italic_titles_of_real_word_and_odf_notes_are_read():
    # Polish notes whose only title mark is italics: "A. Banach, Pismo i obraz, Kraków 1966"
    lodz = parse_paths([str(CORPUS / "lodz_tekst.docx")]).documents[0]
    assert lodz.footnotes[0].text.startswith("A. Banach, *Pismo i obraz*, Kraków 1966")
    assert [(r.title, r.authors, r.date) for r in lodz.footnotes[0].references] == \
        [("Pismo i obraz", ["Banach, A."], "1966")]
    # a French prose note naming a poem in italics
    fronde = parse_paths([str(CORPUS / "burlesque-fronde-article.odt")]).documents[0]
    note = next(note for note in fronde.footnotes if note.number == 20)
    assert [r.title for r in note.references] == ["Ballade burlesque des partisans"]


def test_a_links_target_is_the_notes_url(paper_run):
    docs, _ = paper_run
    note = docs[".docx"].footnotes[1]
    assert "[“War Risk Premiums Rise Again”](https://lloyds.example.com/" in note.text
    assert note.references[0].url == \
        "https://lloyds.example.com/insurance/war-risk-premiums-rise-again"


def test_the_marker_line_is_the_body_paragraph(paper_run):
    docs, _ = paper_run
    doc = docs[".docx"]
    lines = doc.text.split("\n")
    for note in doc.footnotes:
        marker_line = lines[note.marker_lines[0] - 1]
        assert f"[^{note.number}]" in marker_line and not marker_line.startswith("[^")
        assert lines[note.line - 1].startswith(f"[^{note.number}]: ")


def _rewrite(source: Path, target: Path, edits: dict[str, object]) -> None:
    """`source` with some parts' XML rewritten by `edits` (name -> function of the text)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            new.writestr(info, data)


def test_google_docs_ids_custom_marks_and_section_restarts(tmp_path):
    """Google Docs writes notes from id 0 without separators; a custom mark ("*") is its
    label; numRestart=eachSect starts the numbers again in each section: parts."""

    original = FIXTURES / "paper.docx"
    with zipfile.ZipFile(original) as archive:
        body_xml = archive.read("word/document.xml").decode()
    ids = re.findall(r'<w:footnoteReference w:id="(\d+)" />', body_xml)
    assert len(ids) == 7
    google = {old: str(new) for new, old in enumerate(ids)}  # ids from 0, in body order

    def renumber(xml: str, tag: str) -> str:
        return re.sub(f'(<w:{tag}) w:id="(\\d+)"', lambda m: f'{m.group(1)} w:id="'
                      f'{google.get(m.group(2), m.group(2))}"', xml)

    def notes(xml: str) -> str:
        xml = re.sub(r'<w:footnote w:type="(?:separator|continuationSeparator)".*?</w:footnote>',
                     "", xml, flags=re.S)
        return renumber(xml, "footnote")

    def body(xml: str) -> str:
        xml = renumber(xml, "footnoteReference")
        # Note 4 printed with a mark of its own.
        xml = xml.replace('<w:footnoteReference w:id="3" /></w:r>',
                          '<w:footnoteReference w:customMarkFollows="1" w:id="3" /></w:r>'
                          '<w:r><w:t>*</w:t></w:r>', 1)
        # A section ends with the paragraph marking note 5; footnotes restart in each.
        restart = '<w:footnotePr><w:numRestart w:val="eachSect" /></w:footnotePr>'
        start = xml.rindex("<w:p>", 0, xml.index('<w:footnoteReference w:id="4" />'))
        properties = f"<w:sectPr>{restart}</w:sectPr>"
        if xml.startswith("<w:p><w:pPr>", start):
            end = xml.index("</w:pPr>", start)
            xml = xml[:end] + properties + xml[end:]
        else:
            xml = xml[:start] + f"<w:p><w:pPr>{properties}</w:pPr>" + xml[start + 5:]
        return xml.replace("<w:sectPr />", f"<w:sectPr>{restart}</w:sectPr>")

    edited = tmp_path / "google.docx"
    _rewrite(original, edited, {"word/footnotes.xml": notes, "word/document.xml": body})
    doc = read_document(str(edited))
    got = [(f.part, f.number, f.label) for f in doc.footnotes]
    assert got == [(1, 1, None), (1, 2, None), (1, 3, None), (1, 4, "*"), (1, 4, None),
                   (2, 1, None), (2, 2, None)]
    assert doc.footnotes[3].text.startswith("World Shipping Council")
    assert doc.footnotes[5].text.startswith("Robert Smith and Ana Lopez")


def test_findings_and_reports_name_the_part():
    finding = Finding(rule="missing-date", severity="warning", message="m", document="d.docx",
                      footnotes=[14], part=2)
    assert notes_label(finding) == "note 14 (part 2)"
    doc = Document(path="d.pdf", id="d", text="", footnotes=[
        Footnote(number=14, line=3, text="t", part=2, page=53)])
    assert notes_label(finding, note_pages(doc)) == "note 14 (part 2)"
    finding.document = "d.pdf"
    assert notes_label(finding, note_pages(doc)) == "note 14 (part 2, p. 53)"
    assert finding.to_json()["part"] == 2


# --- bad files ---------------------------------------------------------------------------


def problem(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_zip_named_docx_is_one_line_and_exit_2(capsys):
    path = FIXTURES / "not-a-word-file.docx"
    assert "not a Word or ODF text document" in problem(path)
    assert main(["parse", str(path), "--format", "json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not-a-word-file.docx" in err[0]


def test_a_damaged_docx(tmp_path):
    data = (FIXTURES / "paper.docx").read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[: len(data) // 2])
    assert "damaged" in problem(broken)


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_elements_nested_too_deep_are_one_line_not_a_traceback(tmp_path, kind):
    """A hostile file: a note's text inside 1,500 nested runs (no word processor writes
    that); a thousand levels are read by recursion, so this is refused in one line."""
    depth = 1500
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "docx":
            w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            nested = "<w:hyperlink>" * depth + "<w:r><w:t>Deep</w:t></w:r>" \
                + "</w:hyperlink>" * depth
            archive.writestr("word/document.xml", f"<w:document {w}><w:body><w:p><w:r>"
                             '<w:footnoteReference w:id="1"/></w:r></w:p></w:body></w:document>')
            archive.writestr("word/footnotes.xml", f'<w:footnotes {w}><w:footnote w:id="1">'
                             f"<w:p>{nested}</w:p></w:footnote></w:footnotes>")
        else:
            text = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
            office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            nested = "<text:span>" * depth + "Deep" + "</text:span>" * depth
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", f"<office:document-content {office} {text}>"
                             "<office:body><office:text><text:p>Body.<text:note>"
                             "<text:note-citation>1</text:note-citation><text:note-body>"
                             f"<text:p>{nested}</text:p></text:note-body></text:note></text:p>"
                             "</office:text></office:body></office:document-content>")
    path = tmp_path / f"deep.{kind}"
    path.write_bytes(buffer.getvalue())
    assert "nests its XML elements too deeply" in problem(path)


def test_an_encrypted_office_zip(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    data[6] |= 1  # the general-purpose flag of the local header: encrypted
    central = data.rindex(b"PK\x01\x02")
    data[central + 8] |= 1
    path = tmp_path / "locked.docx"
    path.write_bytes(bytes(data))
    assert "password-protected" in problem(path)


def test_a_zip_bomb_is_refused_by_its_unpacked_size_before_it_is_read(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * (129 * 2**20))
    assert path.stat().st_size < 2**20
    message = problem(path)
    assert "129 MB word/document.xml unpacked; the limit is 128 MB" in message


# --- the real documents ------------------------------------------------------------------


def manifest() -> list[dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t")
                if row["kind"] in ("docx", "odt")]


@needs_corpus
@pytest.mark.parametrize("name", ["fcc-15-24-open-internet-order.docx", "lodz_tekst.docx",
                                  "NeotomaManual_v2.docx", "burlesque-fronde-article.odt"])
def test_real_word_files_give_their_manifest_count(name):
    row = next(row for row in manifest() if row["file"] == name)
    doc = read_document(str(CORPUS / name))
    assert len(doc.footnotes) == int(row["n_notes"])
    assert doc.footnotes[0].number == int(row["first_note"])
    assert all(note.marker_lines and note.text for note in doc.footnotes)


@needs_corpus
def test_word_sections_restarting_their_numbers_are_parts():
    doc = read_document(str(CORPUS / "fcc-15-24-open-internet-order.docx"))
    runs: dict[int | None, list[int]] = {}
    for note in doc.footnotes:
        runs.setdefault(note.part, []).append(note.number)
    assert {part: (numbers[0], numbers[-1], len(numbers)) for part, numbers in runs.items()} \
        == {1: (1, 1777, 1777), 2: (1, 173, 173), 3: (1, 2, 2), 4: (1, 487, 487),
            5: (1, 76, 76)}
    assert any("http" in note.text for note in doc.footnotes)


# --- PDF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_run():
    run = parse_paths([str(FIXTURES / "paper.md"), str(FIXTURES / "paper.pdf")])
    assert not run.errors
    return run.documents[0], run.documents[1], run


def test_a_pdf_gives_the_notes_of_its_markdown(pdf_run):
    markdown, pdf, _ = pdf_run
    same_notes(markdown, pdf)
    assert pdf.format == "pdf"
    assert (pdf.title, pdf.date) == ("Ports, Straits and Shipping Lanes", "2024-03-15")


def test_a_note_continued_on_the_next_page_is_joined(pdf_run):
    markdown, pdf, _ = pdf_run
    long_note = pdf.footnotes[3]
    assert long_note.page == 2
    assert plain(long_note.text) == plain(markdown.footnotes[3].text)
    assert [note.page for note in pdf.footnotes] == sorted(note.page for note in pdf.footnotes)


def test_a_url_broken_across_lines_is_taken_from_its_link_annotation(pdf_run):
    _, pdf, run = pdf_run
    assert pdf.footnotes[0].references[0].url == (
        "https://news.example.org/2024/03/02/strait-traffic-falls-by-half-after-attacks-on-"
        "tankers-and-bulk-carriers")
    assert not [f for f in run.findings if f.document == pdf.path]


def test_pdf_markers_are_raised_digits_in_the_body(pdf_run):
    _, pdf, _ = pdf_run
    lines = pdf.text.split("\n")
    for note in pdf.footnotes:
        assert f"<sup>{note.number}</sup>" in lines[note.marker_lines[0] - 1]


def test_a_two_column_pdf_is_read_column_by_column():
    """LaTeX's twocolumn class: the notes sit at the foot of each column."""
    run = parse_paths([str(FIXTURES / "paper.md"), str(FIXTURES / "two-columns.pdf")])
    markdown, pdf = run.documents
    same_notes(markdown, pdf)


def test_latex_chapters_restarting_their_notes_are_parts():
    doc = read_document(str(FIXTURES / "chapters.pdf"))
    assert [(f.part, f.number) for f in doc.footnotes] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]
    assert doc.footnotes[1].text.endswith(
        "https://www.suezcanal.example.gov.eg/English/Navigation/Pages/"
        "NavigationStatistics.aspx.")
    assert all(note.marker_lines for note in doc.footnotes)


def _line(text: str, links: dict[int, str] | None = None, y: float = 100.0) -> Line:
    """A line of 6-point-wide glyphs; a space in `text` is a gap; `links` maps glyph
    positions (counting non-space characters) to URIs."""
    glyphs, x = [], 72.0
    for char in text:
        if char == " ":
            x += 3.0
            continue
        glyphs.append(Glyph(char, x, x + 5.0, y, 10.0))
        x += 5.2
    line = Line(1, glyphs, y, 10.0)
    line.links = [(links or {}).get(index) for index in range(len(glyphs))]
    return line


def _linked(text: str, start: int, uri: str) -> dict[int, str]:
    count = len(text.replace(" ", ""))
    return dict.fromkeys(range(start, count), uri)


def test_word_spaces_from_gaps_and_space_characters():
    def glyphs(*spec: tuple[str, float, bool]) -> list[Glyph]:
        out, x = [], 72.0
        for char, gap, space in spec:
            x += gap
            out.append(Glyph(char, x, x + 5.0, 100.0, 10.0, space_before=space))
            x += 5.0
        return out

    # a space character with a little gap (an italic f leans into it): a word space
    assert spaced_text(glyphs(("o", 0, False), ("f", 0, False), ("K", 0.5, True)), 10) == "of K"
    # letter-spaced capitals get space characters with no gap: no word space
    assert spaced_text(glyphs(("E", 0, False), ("C", 0.1, True), ("O", 0.1, True)), 10) == "ECO"
    # a gap of a sixth of an em without any space character (LaTeX): a word space
    assert spaced_text(glyphs(("a", 0, False), ("b", 2.0, False)), 10) == "a b"
    # an italic f reaching over the space, touching the capital after it: still a word space
    assert spaced_text(glyphs(("o", 0, False), ("f", 0, False), ("D", -0.3, True)), 10) == "of D"
    # ... but no space character between a small letter and a capital: none ("McD")
    assert spaced_text(glyphs(("c", 0, False), ("D", -0.3, False)), 10) == "cD"
    # after a comma or a colon, an eighth of an em before a letter: a word space ...
    assert spaced_text(glyphs(("n", 0, False), (",", 0, False), ("J", 1.6, False)), 10) == "n, J"
    # ... not before a digit ("3,400"), nor a narrower gap
    assert spaced_text(glyphs(("3", 0, False), (",", 0, False), ("4", 1.6, False)), 10) == "3,4"
    assert spaced_text(glyphs((":", 0, False), ("J", 0.8, False)), 10) == ":J"


def test_a_printed_url_that_disagrees_with_its_annotation_is_a_finding():
    uri = "https://example.org/reports/2020/annual-report.pdf"
    first = "Annual report, https://example.org/reports/2020/annual-"
    second = "rep0rt.pdf."
    pieces = [(_line(first, _linked(first, 13, uri)), 0),
              (_line(second, _linked(second, 0, uri) | {10: None}, y=88.0), 0)]
    text, messages = note_text(pieces, set())
    assert text == f"Annual report, {uri}."
    assert len(messages) == 1 and "annual-rep0rt.pdf" in messages[0] and uri in messages[0]


def test_a_line_end_hyphen_goes_only_with_evidence():
    uri = "https://example.org/a/longword"
    lines = ["See https://example.org/a/long-", "word and the hyphen-", "ated word, the sea-",
             "side, the tion-", "ary."]
    links = [_linked(lines[0], 3, uri), {0: uri, 1: uri, 2: uri, 3: uri}, {}, {}, {}]
    pieces = [(_line(text, link, y=100.0 - 12 * k), 0)
              for k, (text, link) in enumerate(zip(lines, links, strict=True))]
    text, messages = note_text(pieces, {"hyphenated", "side", "ary"})
    # The annotation shows the URL's hyphen was the line break's; "hyphenated" occurs whole
    # elsewhere; "side" and "ary" are words of the document: those hyphens stay.
    assert text == f"See {uri} and the hyphenated word, the sea-side, the tion-ary."
    assert messages == []
    text, _ = note_text(pieces, set())
    assert text.endswith("the seaside, the tionary.")  # no word follows: syllable breaks


@pytest.mark.parametrize(("name", "words"), [("encrypted.pdf", "password-protected"),
                                             ("scanned.pdf", "no text layer")])
def test_unreadable_pdfs_are_one_line_and_exit_2(name, words, capsys):
    path = FIXTURES / name
    assert words in problem(path)
    assert main(["parse", str(path), "--format", "json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and name in err[0]


def test_a_damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" + bytes(200))
    assert "damaged PDF" in problem(path)


def pdf_manifest() -> list[dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == "pdf"]


@needs_corpus
@pytest.mark.parametrize("name", [
    "R48903.3.pdf", "tarrant-v-herrmann-2013-slip-opinion.pdf",
    "wisconsin_law_review_marriage_equality_comes_to_wisconsin.pdf",
    "harvard_law_review_Background_Principles_And_The_General_Law_Of_Property.pdf",
    "kant-aufsatz/latex/kant-aufsatz-2023.pdf", "barre-canons/Memoire_M1_HN_Jean_Barre.pdf",
    "syrek-dissertation/dissertation.pdf",
])
def test_real_pdfs_give_their_manifest_count(name):
    row = next(row for row in pdf_manifest() if row["file"] == name)
    doc = read_document(str(CORPUS / name))
    expected = int(row["n_notes"])
    assert abs(len(doc.footnotes) - expected) <= max(1, round(0.03 * expected)) \
        if expected > 100 else len(doc.footnotes) == expected
    assert doc.footnotes[-1].number == int(row["last_note"])
    marked = sum(1 for note in doc.footnotes if note.marker_lines)
    assert marked >= 0.9 * len(doc.footnotes)


@needs_corpus
def test_pdf_parts_per_chapter_for_footnotes_and_endnotes():
    lengths = {}
    for name in ("barre-canons/Memoire_M1_HN_Jean_Barre.pdf",
                 "syrek-dissertation/dissertation.pdf"):
        runs: dict[int | None, int] = {}
        for note in read_document(str(CORPUS / name)).footnotes:
            runs[note.part] = runs.get(note.part, 0) + 1
        lengths[name.split("/")[0]] = list(runs.values())
    assert lengths == {"barre-canons": [6, 5, 2, 5], "syrek-dissertation": [23, 24, 21, 2]}


def _each_page(xml: str, breaks: bool) -> str:
    """paper.docx's body with footnotes restarting on each page; with `breaks`, Word's record
    of its last layout: a page ends before the paragraph marking note 3 and after note 5's."""
    restart = '<w:footnotePr><w:numRestart w:val="eachPage" /></w:footnotePr>'
    xml = xml.replace("<w:sectPr />", f"<w:sectPr>{restart}</w:sectPr>")
    if breaks:
        refs = re.findall(r'<w:footnoteReference w:id="(\d+)" />', xml)
        third = xml.index(f'<w:footnoteReference w:id="{refs[2]}" />')
        start = xml.rindex("<w:p>", 0, third)
        xml = xml[:start] + '<w:p><w:r><w:lastRenderedPageBreak /><w:t>Page two.</w:t></w:r>' \
            '</w:p>' + xml[start:]
        fifth = f'<w:footnoteReference w:id="{refs[4]}" /></w:r>'
        xml = xml.replace(fifth, fifth + '<w:r><w:br w:type="page" /></w:r>', 1)
    return xml


def test_word_numbering_restarting_on_each_page_keeps_each_pages_notes_apart(tmp_path):
    edited = tmp_path / "pages.docx"
    _rewrite(FIXTURES / "paper.docx", edited,
             {"word/document.xml": lambda xml: _each_page(xml, breaks=True)})
    doc = read_document(str(edited))
    assert [(f.part, f.number) for f in doc.footnotes] == \
        [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2)]
    assert not doc.findings
    parsed = parse_paths([str(edited)]).documents[0]
    assert [f.part for f in parsed.footnotes] == [1, 1, 2, 2, 2, 3, 3]


def test_word_numbering_on_each_page_without_a_recorded_layout_is_numbered_through(tmp_path):
    edited = tmp_path / "pages.docx"
    _rewrite(FIXTURES / "paper.docx", edited,
             {"word/document.xml": lambda xml: _each_page(xml, breaks=False)})
    doc = read_document(str(edited))
    assert [(f.part, f.number) for f in doc.footnotes] == [(None, n) for n in range(1, 8)]
    (finding,) = doc.findings
    assert finding.rule == "numbering" and finding.severity == "info"
    assert "no page layout" in finding.message


# --- italics ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("marked", "written"), [
    # runs touching or parted by spaces are one; spaces and a final comma go outside
    ("Voir la \x0eBallade \x0f\x0eburlesque,\x0f en vers", "Voir la *Ballade burlesque*, en vers"),
    ("\x0ePismo\x0f \x0ei obraz\x0f, Kraków 1966", "*Pismo i obraz*, Kraków 1966"),
    # signals and the Latin of short forms stay outside
    ("\x0eSee, e.g.\x0f, Comments of Roe", "See, e.g., Comments of Roe"),
    ("\x0eId.\x0f at 5.", "Id. at 5."),
    ("Hubert Carrier \x0es. v. Mazarinades\x0f, dans", "Hubert Carrier s. v. *Mazarinades*, dans"),
    ("Letter (2014), \x0eavailable at\x0f https://roe.example/l", "Letter (2014), available at "
     "https://roe.example/l"),
    # no title: a URL, a run without letters, the whole note, a note citing law
    ("\x0ehttps://roe.example/a\x0f", "https://roe.example/a"),
    ("Roe \x0e – \x0f Poe", "Roe  –  Poe"),
    ("\x0eA note set in italics from end to end.\x0f", "A note set in italics from end to end."),
    ("\x0eSee\x0f \x0eRoe v. Wade\x0f, 410 U.S. 113, 120 (1973).",
     "See Roe v. Wade, 410 U.S. 113, 120 (1973)."),
    # a run left open by a field or a link is dropped, the others kept
    ("A \x0eTitle [x](https://roe.example) \x0eBook\x0f C",
     "A Title [x](https://roe.example) *Book* C"),
])
def test_italic_runs_are_written_as_emphasis_where_they_can_be_titles(marked, written):
    from checker.extract.common import with_emphasis

    assert with_emphasis(marked) == written


def test_italic_styles_of_word_and_odf():
    from lxml import etree

    from checker.extract.docx import _italic_styles as word_styles
    from checker.extract.odt import _italic_styles as odf_styles

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    word = etree.fromstring(
        f'<w:styles {w}>'
        '<w:style w:type="character" w:styleId="Emphasis"><w:rPr><w:i/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="BookTitle"><w:basedOn w:val="Emphasis"/>'
        '</w:style>'
        '<w:style w:type="character" w:styleId="Upright"><w:basedOn w:val="Emphasis"/>'
        '<w:rPr><w:i w:val="0"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Quote"><w:rPr><w:i/></w:rPr></w:style>'
        '</w:styles>')
    assert word_styles(word) == {"Emphasis", "BookTitle"}
    namespaces = ('xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
                  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
    named = etree.fromstring(
        f'<styles {namespaces}><style:style style:name="Emphasis" style:family="text">'
        '<style:text-properties fo:font-style="italic"/></style:style></styles>')
    automatic = etree.fromstring(
        f'<content {namespaces}>'
        '<style:style style:name="T1" style:family="text" style:parent-style-name="Emphasis"/>'
        '<style:style style:name="T2" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph">'
        '<style:text-properties fo:font-style="italic"/></style:style></content>')
    assert odf_styles(automatic, named) == {"Emphasis", "T1"}


@pytest.mark.parametrize(("marked", "written"), [
    # upright punctuation inside italics: one run
    ("\x0eE\x0f.\x0eg\x0f., Press Release", "E.g., Press Release"),
    ("MARAD, \x0eUnited States\x0f-\x0eFlag Report\x0f, 2026", "MARAD, *United States-Flag "
     "Report*, 2026"),
    # a signal closing a run, or opening it before another: outside
    ("Sterk, \x0eThe Federalist Dimension, supra\x0f note 59", "Sterk, *The Federalist "
     "Dimension*, supra note 59"),
    ("text. \x0eId.; see supra\x0f notes 18-20", "text. Id.; see supra notes 18-20"),
    # an opening quotation mark set in italics belongs to what follows
    ("and \x0eWindsor “\x0fmake clear", "and *Windsor* “make clear"),
])
def test_italic_runs_split_by_upright_marks_and_signals_at_their_ends(marked, written):
    from checker.extract.common import with_emphasis

    assert with_emphasis(marked) == written


def test_italic_boxes_mark_the_glyphs_inside_and_bounds_are_not_trusted():
    from checker.extract.pdf import _mark_italics

    inside, beside, below = Glyph("a", 10, 15, 100, 10), Glyph("b", 60, 65, 100, 10), \
        Glyph("c", 10, 15, 80, 10)
    _mark_italics([inside, beside, below], [(5.0, 97.0, 40.0, 110.0)])
    assert (inside.italic, beside.italic, below.italic) == (True, False, False)
    # a damaged text matrix: boxes of no size a line can have are passed over, at once
    glyph = Glyph("d", 10, 15, 100, 10)
    _mark_italics([glyph], [(0.0, -1e12, 50.0, 1e12), (0.0, float("nan"), 50.0, float("inf"))])
    assert glyph.italic is False


@needs_corpus
def test_italic_titles_of_a_real_pdf_are_read():
    # a dissertation's MLA notes set their book titles in an italic font (Linux Libertine O
    # Italic): "Stephen Greenblatt’s *Shakespearean Negotiations*"
    doc = read_document(str(CORPUS / "syrek-dissertation" / "dissertation.pdf"))
    note = next(note for note in doc.footnotes if note.part == 1 and note.number == 2)
    assert "Greenblatt’s *Shakespearean Negotiations* is" in note.text
