"""Footnotes at page feet in text taken from a PDF (pdftotext): our own pages, and the real
PDFs of ../shared/corpus/native converted by poppler's pdftotext as a user would."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.extract import extract_footnotes
from checker.model import Document

NATIVE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "native"


def extract(text: str):
    return extract_footnotes(Document(path="paper.txt", id="paper", text=text, format="text"))


PAGES = """\
Shipping in Brief
The average number of ships transiting was about 130 each day.1 Only a handful
risked the transit since,2 for fear of attack.
––––––––––––––––––––––––––––––
1 Port Authority, "Transit Counts," March 10, 2026, https://port.example/transit-
counts.
2 Harbor mines are devices that explode if struck by a hull.
Research Service
1
\fShipping in Brief
13 states reported delays, and the ninth largest port3 is rerouting
its feeders.4
––––––––––––––––––––––––––––––
3 World Shipping Council, "The Top 50 Container Ports,"
https://ports.example/top-50.
4 Id. at 4.
Research Service
2
\fShipping in Brief
Chapter 2
Freight rates rose by a third.1 Insurers withdrew cover.2

1 Ann Roe, "Rates," Freight Weekly, May 2, 2026.
2 Ben Poe, "Cover," Marine Insurance, May 3, 2026.
Research Service
3
"""


def test_notes_at_page_feet_with_rules_running_heads_and_glued_markers() -> None:
    footnotes, findings = extract(PAGES)
    assert [(n.part, n.number) for n in footnotes] == [(1, 1), (1, 2), (1, 3), (1, 4),
                                                       (2, 1), (2, 2)]
    first = footnotes[0]
    assert first.text == ('Port Authority, "Transit Counts," March 10, 2026, '
                          "https://port.example/transit-counts.")  # the line-end hyphen kept
    assert footnotes[1].text == "Harbor mines are devices that explode if struck by a hull."
    assert footnotes[3].text == "Id. at 4."  # the page's number and running foot are not in it
    lines = PAGES.split("\n")
    assert "day.1" in lines[first.marker_lines[0] - 1]
    assert "port3" in lines[footnotes[2].marker_lines[0] - 1]
    assert not [f.message for f in findings if "marked" in f.message]


def test_a_number_alone_on_its_line_opens_the_note_below_it() -> None:
    text = PAGES.replace("3 World Shipping", "3.\nWorld Shipping").replace("4 Id.", "4.\nId.")
    footnotes, _ = extract(text)
    assert [n.number for n in footnotes][:4] == [1, 2, 3, 4]
    assert footnotes[2].text.startswith('World Shipping Council, "The Top 50')


def test_one_notes_section_is_left_to_the_general_reader() -> None:
    from checker.extract.pagenotes import extract_page_notes

    text = ("Body.1 More.2 Again.3\n\f\nNotes\n\n1 A, \"T,\" S, 2001.\n2 B, \"U,\" S, 2002.\n"
            "3 C, \"V,\" S, 2003.\n")
    assert extract_page_notes(text).footnotes == []
    footnotes, _ = extract(text)
    assert [n.number for n in footnotes] == [1, 2, 3]


def manifest() -> dict[str, int]:
    with (NATIVE / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["file"]: int(row["n_notes"]) for row in rows if row["n_notes"].isdigit()}


REAL_PDFS = ["R48903.3.pdf", "harvard_law_review_Background_Principles_And_The_General_Law_Of"
             "_Property.pdf", "wisconsin_law_review_marriage_equality_comes_to_wisconsin.pdf",
             "tarrant-v-herrmann-2013-slip-opinion.pdf"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.skipif(not NATIVE.is_dir(), reason="../shared/corpus/native not present")
@pytest.mark.parametrize("layout", [False, True], ids=["plain", "layout"])
@pytest.mark.parametrize("name", REAL_PDFS)
def test_real_pdfs_as_pdftotext_gives_them_have_their_manifest_count(name, layout, tmp_path):
    target = tmp_path / (Path(name).stem + ".txt")
    command = ["pdftotext", *(["-layout"] if layout else []), str(NATIVE / name), str(target)]
    subprocess.run(command, check=True, capture_output=True)
    footnotes, _ = extract(target.read_text(encoding="utf-8"))
    assert len(footnotes) == manifest()[name]
    assert [n.number for n in footnotes] == list(range(1, len(footnotes) + 1))


def test_numbered_lists_on_pages_are_not_notes() -> None:
    from checker.extract.pagenotes import extract_page_notes

    page = "Steps\n1 Open the valve.\n2 Read the gauge.\n3 Close the valve.\nManual\n4\n\f"
    assert extract_page_notes(page * 3).footnotes == []


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "native"


def notes_of(path: Path) -> list[tuple[int | None, int, str]]:
    from checker.load import read_document
    from checker.parse import parse_document

    doc = read_document(str(path))
    parse_document(doc)
    # spaces aside: a line break in the text may fall inside a URL the PDF's link annotation
    # gives whole; the notes' numbers, parts and words must be the same
    return [(n.part, n.number, "".join(n.text.split())) for n in doc.footnotes]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize(("name", "layouts"), [("paper.pdf", (True,)),
                                               ("chapters.pdf", (False, True))])
def test_our_pdfs_as_text_give_the_notes_the_pdf_reader_gives(name, layouts, tmp_path):
    """LibreOffice's PDF (note numbers set apart from their text) and a LaTeX book (numbering
    restarting per chapter), as pdftotext turns them into text."""
    expected = notes_of(FIXTURES / name)
    for layout in layouts:
        target = tmp_path / f"{name}.{layout}.txt"
        subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(FIXTURES / name),
                        str(target)], check=True, capture_output=True)
        found = notes_of(target)
        assert [note[:2] for note in found] == [note[:2] for note in expected]
        cut = 0
        for (_, _, text), (_, _, pdf_text) in zip(found, expected, strict=True):
            # the PDF reader keeps a link's target and italics as markdown; the text has only
            # its words
            words = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", pdf_text).replace("*", "")
            if text != words:
                # a note running on to the next page: there pdftotext interleaves its end with
                # the body's lines, and the note keeps what stands on its own page
                assert words.startswith(text) and len(text) > 200, (text, words)
                cut += 1
        assert cut <= 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.skipif(not NATIVE.is_dir(), reason="../shared/corpus/native not present")
@pytest.mark.parametrize("layout", [False, True], ids=["plain", "layout"])
def test_a_dissertations_chapter_endnotes_as_pdftotext_gives_them(layout, tmp_path):
    """Endnotes at each chapter's end, each number alone on its line, numbering restarting
    per chapter; the body's numbered list at a page's foot is no notes block."""
    name = "syrek-dissertation/dissertation.pdf"
    target = tmp_path / "dissertation.txt"
    command = ["pdftotext", *(["-layout"] if layout else []), str(NATIVE / name), str(target)]
    subprocess.run(command, check=True, capture_output=True)
    footnotes, _ = extract(target.read_text(encoding="utf-8"))
    assert len(footnotes) == manifest()[name]
    parts: dict[int | None, list[int]] = {}
    for note in footnotes:
        parts.setdefault(note.part, []).append(note.number)
    assert [numbers == list(range(1, len(numbers) + 1)) for numbers in parts.values()] == \
        [True] * 4


# A viewer's copy (PDFium): each page's notes run together after its rule on a few long
# lines, the page's head at its top, no line break at a page's end.
VIEWER_PAGES = [
    "12\nTHE HARBOR NOTES\nShips pay the canal's toll by tonnage.1 The toll rose twice in a year,2 "
    "and the\nowners sued in the district court.3 The court held for the canal.4\n"
    "–––––––––––––––––––––––––––– 1 Canal Act, 12 U.S.C. § 4 (2020). 2 See Ann Roe, Tolls, 35 "
    "HARBOR L.Q. 1, 19\n(2008) (tolls in 2019 and 2020). 3 Poe v. Canal Co., 505 F.3d 1003 "
    "(9th Cir. 2021). 4 Id. at 1010.",
    "13 HARBOR NOTES [Vol. 2:12\nOn appeal the owners lost again,5 and a second suit followed.6 "
    "Congress\nthen capped the toll.7\n––––––––––––––––––––––––––––\n5 505 F.3d at 1012. "
    "6 Cf. Doe v. Canal Co., 12 F.4th 593 (9th Cir. 2023) (a\nsecond suit). 7 Toll Cap Act, "
    "Pub. L. No. 118-2, 137 Stat. 9 (2024).",
]


@pytest.mark.parametrize("page_break", ["\f", "\n", ""], ids=["form-feeds", "lines", "glued"])
def test_notes_run_together_after_the_rule_as_a_viewer_copies_them(page_break) -> None:
    text = page_break.join(VIEWER_PAGES)
    footnotes, _ = extract(text)
    assert [n.number for n in footnotes] == [1, 2, 3, 4, 5, 6, 7]
    texts = {n.number: n.text for n in footnotes}
    assert texts[1] == "Canal Act, 12 U.S.C. § 4 (2020)."
    assert texts[2] == "See Ann Roe, Tolls, 35 HARBOR L.Q. 1, 19 (2008) (tolls in 2019 and 2020)."
    assert texts[5] == "505 F.3d at 1012."  # a note opening with a volume's number
    assert texts[6].startswith("Cf. Doe v. Canal Co., 12 F.4th 593")
    assert texts[7] == "Toll Cap Act, Pub. L. No. 118-2, 137 Stat. 9 (2024)."
    lines = text.split("\n")
    assert "tonnage.1" in lines[footnotes[0].marker_lines[0] - 1]
    assert "–––" in lines[footnotes[0].line - 1]  # the line of the text it stands on


def test_pages_without_form_feeds_or_rules_are_told_by_a_numbered_running_foot() -> None:
    text = PAGES.replace("\f", "").replace("––––––––––––––––––––––––––––––\n", "")
    text = re.sub(r"Research Service\n(\d)\n", r"Research Service \1\n", text)
    footnotes, _ = extract(text)
    assert [(n.part, n.number) for n in footnotes] == [(1, 1), (1, 2), (1, 3), (1, 4),
                                                       (2, 1), (2, 2)]


def test_pages_joined_by_nothing_are_told_by_a_page_number_and_a_running_head() -> None:
    """Each page opens with its number and running head in capitals; joined with nothing
    between them, a page's last line runs into the next page's head."""
    pages = [page.replace("––––––––––––––––––––––––––––––\n", "").replace("Research Service\n",
                                                                        "").rstrip("\n")
             for page in PAGES.split("\f")]
    pages = [re.sub(r"\n\d$", "", page) for page in pages]
    text = "".join(f"{11 + n} SHIPPING IN BRIEF\n" + page.split("\n", 1)[1]
                   for n, page in enumerate(pages))
    assert "hull.12 SHIPPING IN BRIEF\n13 states" in text
    footnotes, _ = extract(text)
    assert [(n.part, n.number) for n in footnotes] == [(1, 1), (1, 2), (1, 3), (1, 4),
                                                       (2, 1), (2, 2)]


def test_a_run_together_line_of_notes_is_cut_in_one_pass() -> None:
    from checker.extract.run_together import split_run_together

    notes = " ".join(f"{n} See Roe, Title {n}, at {n}." for n in range(1, 20_001))
    lines = ["Body text.1 More.2", "–––––––––– " + notes]
    split, origin = split_run_together(lines)
    assert len(split) == 2 + 20_000 and origin[-1] == 1
    assert split[-1] == "20000 See Roe, Title 20000, at 20000."


def pdfium_pages(path: Path) -> list[str]:
    """Each page's text as PDFium gives it (a browser's PDF viewer copies the same)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [document[index].get_textpage().get_text_range()
                for index in range(len(document))]
    finally:
        document.close()


BARRE = "barre-canons/Memoire_M1_HN_Jean_Barre.pdf"
DEV_PDFS_IN_PDFIUM_TEXT = [("R48903.3.pdf", "\f"), ("R48903.3.pdf", ""), (REAL_PDFS[1], "\f"),
                           (REAL_PDFS[1], ""), (BARRE, "\f"), (BARRE, "")]
MISSED = {BARRE: 2}  # two of the mémoire's notes are missed in every text of it


@pytest.mark.skipif(not NATIVE.is_dir(), reason="../shared/corpus/native not present")
@pytest.mark.parametrize(("name", "page_break"), DEV_PDFS_IN_PDFIUM_TEXT)
def test_real_pdfs_as_a_viewer_copies_them_have_their_manifest_count(name, page_break, tmp_path):
    """PDFium's text of each page (notes run together after the page's rule), the pages
    joined by form feeds or by nothing (a copy out of a viewer), read as a user's file."""
    from checker.load import read_document

    target = tmp_path / "copied.txt"
    target.write_text(page_break.join(pdfium_pages(NATIVE / name)), encoding="utf-8")
    doc = read_document(str(target))
    footnotes, _ = extract_footnotes(doc)
    assert len(footnotes) == manifest()[name] - MISSED.get(name, 0)
    parts: dict[int | None, list[int]] = {}
    for note in footnotes:
        parts.setdefault(note.part, []).append(note.number)
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in parts.values())


def test_endnotes_with_the_number_glued_to_the_first_word_as_a_viewer_copies_them() -> None:
    text = ("Chapter One\nThe harbor grew.1 Its tolls rose,2 and the owners sued.3\n\nNotes\n"
            "1\nSee Ann Roe, Harbors (Boston: Port Press, 2001), 4.\n"
            "2The toll tables are in Ben Poe, Tolls (London, 1999), 12-19, and in the\n"
            "harbor's own reports.\n3Carl Doe, \"Suits,\" Law Quarterly 4 (2003): 7.\n")
    footnotes, _ = extract(text)
    assert [n.number for n in footnotes] == [1, 2, 3]
    assert footnotes[1].text.startswith("The toll tables are in Ben Poe")
    assert footnotes[1].text.endswith("harbor's own reports.")
    assert footnotes[2].text.startswith('Carl Doe, "Suits,"')
