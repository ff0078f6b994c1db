"""checker.extract on PDF-converted markdown and plain text, and the numbering findings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from checker.extract import extract_footnotes
from checker.load import read_document
from checker.model import Document, Footnote

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "refs" / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def doc(text: str, format: str = "markdown", path: str = "doc.md") -> Document:
    return Document(path=path, id="doc", text=text, format=format)


def notes_of(text: str, format: str = "markdown") -> dict[int, Footnote]:
    footnotes, _ = extract_footnotes(doc(text, format))
    return {note.number: note for note in footnotes}


def findings_of(text: str) -> list[str]:
    return [finding.message for finding in extract_footnotes(doc(text))[1]]


def sample(prefix: str) -> Document:
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return read_document(str(path))


# ---- regression on the sample library -----------------------------------------------------


def test_sample_000_all_63_endnotes_in_three_shapes() -> None:
    footnotes, findings = extract_footnotes(sample("000"))
    assert [note.number for note in footnotes] == list(range(1, 64))
    by_number = {note.number: note for note in footnotes}
    assert by_number[1].text.startswith('"Passazhirku reisa')  # <sup>1</sup>"...
    assert by_number[11].text.startswith('"China-led \\$280 Million')  # - 11 "...
    assert by_number[58].text.startswith("“SCO Secretary-General")  # <sup>58</sup> with links
    assert "[eng.sectsco.org](http://eng.sectsco.org)" in by_number[58].text
    assert by_number[21].text.startswith("Uzbekistan:") and "Tajikistan" in by_number[21].text
    lines = [note.line for note in footnotes]
    assert lines == sorted(lines) and all(line > 99 for line in lines)  # after the --- rule
    # every note is marked in the body, including "on March 12<sup>3</sup>"
    assert all(note.marker_lines for note in footnotes)
    assert all(line < 99 for note in footnotes for line in note.marker_lines)
    assert all(not note.text.startswith(("<sup>", "-", str(note.number))) for note in footnotes)
    assert findings == []


def test_sample_001_interleaved_footnotes() -> None:
    footnotes, findings = extract_footnotes(sample("001"))
    assert [note.number for note in footnotes] == list(range(1, 20))
    notes = {note.number: note for note in footnotes}
    # note 9 runs on inside note 8's line
    assert notes[9].line == notes[8].line
    assert notes[8].text.startswith('"China, Kyrgyzstan and Uzbekistan')  # &quot; split by </sup>
    assert notes[8].text.endswith("2477527.html.")
    assert "SCO and UNESCAP" not in notes[8].text
    assert notes[9].text.startswith('"SCO and UNESCAP partnership grows')
    # note 9 is marked by a bare digit glued to the body text ("region.9")
    assert notes[9].marker_lines and notes[9].marker_lines[0] < notes[9].line
    # 11 and 12 share a line too
    assert notes[12].line == notes[11].line and notes[12].text.startswith('"List of Participants')
    # note 14 continues after a blank line
    assert "State Council Information Office" in notes[14].text
    assert notes[14].text.endswith("1468523.htm.")
    # body text that ran into note 7's line is not part of it
    assert notes[7].text.endswith("306862.html.") and "long-haul" not in notes[7].text
    # escapes are kept for the URL repairer, entities decoded
    assert "\\_" in notes[13].text and "&quot;" not in notes[13].text
    for note in footnotes:
        assert note.marker_lines, note.number
        assert all(line <= note.line for line in note.marker_lines)
    # what was irregular is said (issue 13): the run-on definitions and the plain-digit marker
    assert sorted((f.footnotes, f.line) for f in findings) == [([9], 120), ([9], 128),
                                                               ([12], 132)]
    messages = " | ".join(f.message for f in findings)
    assert "footnote 9 is run on inside footnote 8's text (line 128)" in messages
    assert "footnote 9 is marked in the text only by plain digits ('em in the SCO region.9" \
        in messages


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_news_articles_have_no_footnotes(prefix: str) -> None:
    assert extract_footnotes(sample(prefix)) == ([], [])


# ---- shapes on small documents of our own -------------------------------------------------


def test_chicago_endnotes_after_a_notes_heading() -> None:
    document = read_document(str(FIXTURES / "chicago_endnotes.txt"))
    footnotes, findings = extract_footnotes(document)
    notes = {note.number: note for note in footnotes}
    assert sorted(notes) == [1, 2, 3, 4, 5]
    assert notes[1].text == (
        "John Smith, The Long Border: China and Its Neighbours (New York: Columbia "
        "University Press, 2001), 45."
    )
    assert notes[2].text == "Ibid., 47."
    assert notes[5].text.endswith("https://www.kommersant.ru/doc/4270000.")
    assert "Jane Scholar teaches" not in notes[5].text
    # the year-led paragraph and the numbered heading are body text, marked by glued digits
    assert notes[1].marker_lines == (5,) and notes[3].marker_lines == (6,)
    assert findings == []


def test_page_bottom_footnotes_with_run_on_and_lost_superscripts() -> None:
    document = read_document(str(FIXTURES / "page_footnotes.txt"))
    footnotes, findings = extract_footnotes(document)
    notes = {note.number: note for note in footnotes}
    assert sorted(notes) == [1, 2, 3, 4, 5]
    assert notes[3].text == "Ibid., 4."
    assert notes[4].text == "Smith, Pipelines (London: Hurst, 2015), 22."
    assert notes[5].line == notes[4].line
    assert notes[5].text == '"Line D Postponed," Eurasianet, May 5, 2020.'
    assert all("million cubic metres" not in note.text for note in footnotes)
    assert [(f.footnotes, f.line) for f in findings] == [([5], notes[4].line)]
    assert "run on inside footnote 4's text" in findings[0].message


def test_pdftotext_notes_without_blank_lines_or_superscripts() -> None:
    document = read_document(str(FIXTURES / "pdftotext_footnotes.txt"))
    footnotes, findings = extract_footnotes(document)
    notes = {note.number: note for note in footnotes}
    assert sorted(notes) == [1, 2, 3, 4, 5, 6]
    assert notes[2].text == (
        "Dmitri Trenin, “Russia’s Spheres of Interest, not Influence,” Washington Quarterly "
        "32, no. 4 (2009): 3–22."
    )
    assert notes[3].text == "Ibid., 7."  # the page number after it is not part of it
    assert notes[5].text.endswith("Europe-Asia Studies 60, no. 8 (2008): 1321–44.")
    assert notes[6].text.endswith("https://www.reuters.com/article/ us-china-sco-idUSKBN18Z0Z3.")
    # markers glued to words ("powers.1") and to a year ending a sentence ("2001.4")
    assert [notes[n].marker_lines for n in (1, 2, 4, 6)] == [(3,), (4,), (13,), (14,)]
    assert findings == []


def test_superscript_in_a_note_after_a_digit_is_not_a_body_marker() -> None:
    text = "Cells.<sup>1</sup>\n\n<sup>1</sup> Smith. Growth 10<sup>2</sup> cells. *Nat*, 2001.\n"
    (note,) = notes_of(text).values()
    assert note.text.startswith("Smith. Growth 10") and note.text.endswith("*Nat*, 2001.")


def test_numbered_list_in_the_body_and_bracketed_endnotes() -> None:
    document = read_document(str(FIXTURES / "thinktank_endnotes.md"))
    footnotes, findings = extract_footnotes(document)
    assert [(note.number, note.line) for note in footnotes] == [(1, 12), (2, 14)]
    assert footnotes[0].text.startswith("Jonathan E. Hillman, *The Digital Silk Road*")
    assert [note.marker_lines for note in footnotes] == [(5,), (5,)]
    assert findings == []


def test_year_paragraph_is_not_a_footnote() -> None:
    text = (
        "Trade grew quickly.<sup>1</sup>\n\n"
        "1 Smith, John. *Trade in Asia*. London: Hurst, 2015.\n\n"
        "2 015 was not a typo but this line is odd.\n\n"
        "2014 was the year of the agreement, signed in Astana on May 29, 2014.\n\n"
        "2 million people crossed the border in 2019, according to officials.\n\n"
        "The next point follows.<sup>2</sup>\n\n"
        "2 \"Border Statistics,\" Stat.gov.kz, 2020.\n"
    )
    notes = notes_of(text)
    assert sorted(notes) == [1, 2]
    assert notes[2].text == '"Border Statistics," Stat.gov.kz, 2020.'
    assert notes[2].line == 13


def test_numbered_lists_in_the_body_are_not_notes() -> None:
    text = (
        "Trade grew.<sup>1</sup> Key findings:\n\n"
        "1. China's trade with the region grew 93 times between 2001 and 2011.\n"
        "2. Russia's share of that trade fell by half in the same decade.\n\n"
        "<sup>1</sup> \"Trade Statistics,\" Stat.gov.kz, 2012.\n\n"
        "---\n\n"
        "1. Introduction\n\n"
        "The paper has two parts.\n"
    )
    footnotes, findings = extract_footnotes(doc(text))
    assert [(note.number, note.line) for note in footnotes] == [(1, 6)]
    assert findings == []


def test_sup_definitions_interleaved_with_body_at_page_breaks() -> None:
    text = (
        "# A Paper\n\n"
        "First claim.<sup>1</sup> Second claim.<sup>2,3</sup> And the paragraph goes on\n\n"
        "<sup>1</sup> Doe, Jane. \"One.\" *Outlet*, 2019.\n\n"
        "<sup>2</sup> Roe, Rick. \"Two.\" *Outlet*, 2019.\n\n"
        "<sup>3</sup> Poe, Edgar. \"Three.\" *Outlet*,\n"
        "2020, https://example.org/three.\n\n"
        "onto the next page, where it ends.<sup>4-5</sup>\n\n"
        "<sup>4</sup> Ibid.\n\n"
        "<sup>5</sup> Ibid., 7.\n"
    )
    notes = notes_of(text)
    assert sorted(notes) == [1, 2, 3, 4, 5]
    assert notes[3].text == 'Poe, Edgar. "Three." *Outlet*, 2020, https://example.org/three.'
    assert notes[2].marker_lines == (3,) and notes[3].marker_lines == (3,)
    assert notes[4].marker_lines == (12,) and notes[5].marker_lines == (12,)
    assert "onto the next page" not in notes[3].text


def test_continuation_after_blank_line_only_when_the_note_is_unfinished() -> None:
    text = (
        "Claim.<sup>1</sup> Other.<sup>2</sup>\n\n"
        "1 \"A Long Title That Breaks Across the Page.\" The\n\n"
        "Ministry of Foreign Affairs, 2016, https://example.gov/doc.htm.\n\n"
        "2 \"Short,\" Site.com, 2020.\n\n"
        "Body text resumes here with a long paragraph about the region and its politics.\n"
    )
    notes = notes_of(text)
    assert notes[1].text.endswith("The Ministry of Foreign Affairs, 2016, https://example.gov/doc.htm.")
    assert notes[2].text == '"Short," Site.com, 2020.'


def test_run_on_note_survives_a_rejected_candidate_after_it() -> None:
    text = (
        "Claim.<sup>1</sup> Claim.<sup>2</sup>\n\n"
        '<sup>1</sup> Smith, Book, 2001. 2 "Second," Site.com, 2020.\n'
        "2019 figures are in the annex of the report, which is long.\n"
    )
    notes = notes_of(text)
    assert notes[1].text == "Smith, Book, 2001."
    assert notes[2].text == '"Second," Site.com, 2020.' and notes[2].line == 3


def test_body_running_into_a_note_line_is_cut_off() -> None:
    text = (
        "Claim one.<sup>1</sup> Claim two follows on the next page where a group\n\n"
        "1 \"Title,\" Outlet, 2017, http://example.org/ news/1.html. of trucks arrived in two "
        "days.<sup>2</sup> The permit system saves money.\n\n"
        "<sup>2</sup> \"Trucks,\" Xinhua, 2017.\n"
    )
    notes = notes_of(text)
    assert notes[1].text == '"Title," Outlet, 2017, http://example.org/ news/1.html.'
    assert notes[2].marker_lines == (3,)


def test_endnote_list_items_after_a_rule() -> None:
    text = (
        "Body.<sup>1</sup> More.<sup>2</sup> Even more.<sup>3</sup>\n\n---\n\n"
        "- 1 \"First,\" rferl.org, February 13, 2020.\n"
        "- 2 \"Second,\" kaktus.media, March 2,\n  2020.\n"
        "* 3 \"Third\" akipress.com, May 12, 2020.\n"
    )
    notes = notes_of(text)
    assert [notes[n].text for n in (1, 2, 3)] == [
        '"First," rferl.org, February 13, 2020.',
        '"Second," kaktus.media, March 2, 2020.',
        '"Third" akipress.com, May 12, 2020.',
    ]
    assert [notes[n].line for n in (1, 2, 3)] == [5, 6, 8]


def test_note_numbers_alone_on_their_lines_in_an_endnote_section() -> None:
    """pdftotext can print a note's number on its own line and its text below it; a page
    number between the notes, or in the body, is not a note."""
    text = (
        "Body with a claim.1 More claims.2 A third.3\n\n12\n\nThe body goes on.\n\n---\n\n"
        "1\n\n\"Loans rise,\" Reuters, May 5, 2020.\n\n"
        "2\nNiva Yau, \"Security ties,\" The Diplomat,\nJune 4, 2020.\n\n"
        "14\n\n3\n\nIbid., 5.\n"
    )
    footnotes, findings = extract_footnotes(doc(text))
    assert [(note.number, note.line, note.text) for note in footnotes] == [
        (1, 9, '"Loans rise," Reuters, May 5, 2020.'),
        (2, 13, 'Niva Yau, "Security ties," The Diplomat, June 4, 2020.'),
        (3, 19, "Ibid., 5."),
    ]
    assert all(note.marker_lines == (1,) for note in footnotes)
    assert findings == []


def test_numbered_endnotes_restart_per_chapter_in_the_notes_section() -> None:
    text = (
        "Notes\n\n"
        "Chapter One\n\n1. Smith, Book, 2001.\n2. Ibid., 3.\n\n"
        "Chapter Two\n\n1. Doe, Article, 2005.\n2. Ibid.\n"
    )
    footnotes, findings = extract_footnotes(doc(text))
    assert [(note.part, note.number) for note in footnotes] == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert not any("defined 2 times" in finding.message for finding in findings)


def test_superscript_digit_notes_and_markers() -> None:
    text = (
        "The treaty was signed.¹ It was ratified later,² as expected. Area: 5 km².\n\n"
        "¹ Smith, Treaties, 2001.\n"
        "² \"Ratified,\" TASS, 2002.\n"
    )
    notes = notes_of(text)
    assert sorted(notes) == [1, 2]
    assert notes[1].marker_lines == (1,) and notes[2].text == '"Ratified," TASS, 2002.'


def test_bracketed_reference_list_with_inline_markers() -> None:
    text = (
        "As shown in [1] and later [2, 3], the effect is large.\n\n"
        "References\n\n"
        "[1] A. Author, \"Paper One,\" Journal, 2010.\n"
        "[2] B. Author, \"Paper Two,\" Journal, 2011.\n"
        "[3] C. Author, \"Paper Three,\" Journal, 2012.\n"
    )
    footnotes, findings = extract_footnotes(doc(text))
    assert [note.marker_lines for note in footnotes] == [(1,), (1,), (1,)]
    assert footnotes[2].text == 'C. Author, "Paper Three," Journal, 2012.'
    assert findings == []


def test_entities_decoded_escapes_and_urls_kept() -> None:
    text = (
        "Claim.<sup>1</sup>\n\n"
        "<sup>1</sup> &quot;Title&quot; &amp; more, "
        "https://example.org/a\\_b?x=1&region=us&amp;y=2, 2020.\n"
    )
    (note,) = notes_of(text).values()
    assert note.text == '"Title" & more, https://example.org/a\\_b?x=1&region=us&y=2, 2020.'


def test_ligatures_and_invisible_characters_from_pdf_text() -> None:
    text = (
        "Claim.<sup>1</sup>\n\n"
        "<sup>1</sup> \"The Paci\ufb01c O\ufb03ce,\" Reuters, May 5, 2020, "
        "https://www.reu\u00adters.com/article/of\u200bfice-2020.\n"
    )
    (note,) = notes_of(text).values()
    assert note.text == ('"The Pacific Office," Reuters, May 5, 2020, '
                         "https://www.reuters.com/article/office-2020.")


def test_wikipedia_style_plain_text_notes_lose_the_caret() -> None:
    text = "Notes\n\n1. ^ \"Big News\". Example News. Retrieved 5 May 2020.\n2. ^ a b Doe 2019.\n"
    notes = notes_of(text)
    assert notes[1].text == '"Big News". Example News. Retrieved 5 May 2020.'
    assert notes[2].text == "Doe 2019."


# ---- numbering findings ----------------------------------------------------------------


def test_numbering_findings() -> None:
    text = (
        "One.<sup>1</sup> Two.<sup>2</sup> Four.<sup>4</sup> Nine.<sup>9</sup>\n\n"
        "---\n\n"
        "<sup>1</sup> Note one, 2020.\n"
        "<sup>2</sup> Note two, 2020.\n"
        "<sup>4</sup> Note four, 2020.\n"
        "<sup>3</sup> Note three, 2020.\n"
        "<sup>4</sup> Note four again, 2020.\n"
        "<sup>6</sup> Note six, 2020.\n"
    )
    footnotes, findings = extract_footnotes(doc(text, path="paper.md"))
    assert [note.number for note in footnotes] == [1, 2, 3, 4, 4, 6]
    assert all(f.rule == "numbering" and f.severity == "warning" for f in findings)
    assert all(f.document == "paper.md" for f in findings)
    messages = " | ".join(f.message for f in findings)
    assert "footnote 9 is marked in the text but never defined" in messages
    assert "footnote 3 is defined but never marked" in messages
    assert "footnote 6 is defined but never marked" in messages
    assert "missing from the sequence: 5" in messages
    assert "footnote 4 is defined 2 times (lines 7, 9)" in messages
    assert "footnote 3 comes after footnote 4" in messages
    assert len(findings) == 6
    nine = next(f for f in findings if f.footnotes == [9])
    assert nine.line == 1


def test_many_unmarked_notes_make_one_finding() -> None:
    text = "Notes\n\n" + "".join(f"{n}. Author {n}, Book, 2001.\n" for n in range(1, 41))
    footnotes, findings = extract_footnotes(doc(text))
    assert len(footnotes) == 40
    assert len(findings) == 1
    assert findings[0].footnotes == list(range(1, 41))
    assert "none of the 40 footnotes is marked in the text" in findings[0].message


# ---- robustness and speed ----------------------------------------------------------------


def test_odd_input_never_raises() -> None:
    pieces = [
        "<sup>", "</sup>", "<sup></sup>", "1", "99999999", " ", "\n", "\n\n", "---", "# ",
        "Notes", "- ", "* ", "[^", "]", "^[", "¹", "&quot;", "&", ".", '"', "Ibid.", "http://x",
        "2020", "[1]", "<sup>3-999999</sup>", "\f", "\t", "é", "<sup>8 &</sup>quot;",
    ]
    generator = random.Random(7)
    for _ in range(300):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 60)))
        for format in ("markdown", "text", "html"):
            footnotes, findings = extract_footnotes(doc(text, format))
            assert isinstance(footnotes, list) and isinstance(findings, list)


def generated(count: int) -> str:
    """A long paper with body markers, page-bottom notes in mixed shapes and endnotes."""
    lines = []
    half = count // 2
    for number in range(1, half + 1):
        lines.append(f"Paragraph {number} on the region's trade in 2019.<sup>{number}</sup>")
        lines.append("")
        shape = number % 3
        if shape == 0:
            lines.append(f'<sup>{number}</sup> "Title {number}," kaktus.media, March 2, 2020.')
        elif shape == 1:
            lines.append(f'{number} Smith, John. "Work {number}." *Journal*, 2020, '
                         f"https://example.org/{number}.html.")
        else:
            lines.append(f"{number}. Ibid., {number}.")
        lines.append("")
    lines.append("Notes")
    lines.append("")
    for number in range(half + 1, count + 1):
        lines.append(f'- {number} "Endnote {number}," rferl.org, February 13, 2020.')
    return "\n".join(lines)


def test_one_hundred_thousand_footnotes_extract() -> None:
    """All of them, in order (their time is measured by bench/parse_bench.py and the growth
    with size by bench/hostile_bench.py, not asserted here)."""
    footnotes, findings = extract_footnotes(doc(generated(100_000)))
    assert [note.number for note in footnotes] == list(range(1, 100_001))
    assert len(findings) == 1  # the endnotes have no markers


def test_ranges_in_messages_are_capped_but_findings_keep_every_number() -> None:
    from checker.extract.numbering import MAX_RANGES, format_ranges

    assert format_ranges([1, 2, 3, 5, 7, 8]) == "1-3, 5, 7-8"
    odd = list(range(1, 200, 2))  # 100 separate numbers
    text = format_ranges(odd)
    assert text.endswith(f" and {100 - MAX_RANGES} more ranges")
    assert text.count(",") == MAX_RANGES - 1
    notes = "".join(f"{n}. \"Title {n},\" Reuters, May 5, 2020.\n" for n in range(1, 400, 2))
    _, findings = extract_footnotes(doc("Notes\n\n" + notes))
    (gaps,) = [f for f in findings if "missing from the sequence" in f.message]
    assert len(gaps.footnotes) == 199 and len(gaps.message) < 400


# A book as pdftotext gives it: a contents page whose "Works Cited" entry sits beside page
# numbers, a numbered list in the body, and each chapter's endnotes under "Notes", every
# number alone on its line with the note's paragraph below it, page heads and page numbers
# (at the top or the foot of a page) between them.
CHAPTER_ENDNOTES = (
    "Contents\n\nThe first chapter\n\n1\n\nThe second chapter\n\n30\n\nWorks Cited\n\n61\n\n"
    "vii\n\n"
    "\fChapter 1\nThe first chapter\n\nBody of the chapter, where the argument starts.1 It goes"
    " on for a while.\nMy argument rests on these premises:\n"
    "1. Harbours were rebuilt after every flood in the period, as the accounts show.\n"
    "2. The builders kept no plans, so the works are known from their remains only.\n"
    "More body text follows the list and cites a second source.2\n\n"
    "The first chapter\n\n27\n\n"
    "\fThe first chapter\n\n28\n\nNotes\n1\n\n"
    "“Portus navium” is the phrase of the charter (Charter 2.4).\n\n2\n\n"
    "On the rebuilding of harbours see the long account in Weir, whose chapter on floods is\n\n"
    "the fullest we have.\n\n"
    "The first chapter\n"
    "3\n\nSee Weir, 112ff.\n\n29\n\n"
    "\fChapter 2\nThe second chapter\n\nThe body of the second chapter.1 And more.2\n\n"
    "The second chapter\n\n30\n\nNotes\n1\n\nSee Marlow.\n\n2\n\nSee Quay, 41–44.\n\n31\n\n"
    "\fWorks Cited\n\nMarlow, Ann. Harbours. London: Dock Press, 1990.\n"
)


def test_chapter_endnotes_numbered_on_lines_of_their_own_between_page_furniture() -> None:
    footnotes, _ = extract_footnotes(doc(CHAPTER_ENDNOTES, "text", "book.txt"))
    found = [(note.part, note.number) for note in footnotes]
    assert found == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]  # not the list, not a page
    notes = {(note.part, note.number): note.text for note in footnotes}
    assert notes[(1, 1)] == "“Portus navium” is the phrase of the charter (Charter 2.4)."
    assert notes[(1, 2)].startswith("On the rebuilding of harbours see the long account")
    assert notes[(1, 2)].endswith("the fullest we have.")
    assert notes[(1, 3)] == "See Weir, 112ff."
    assert notes[(2, 2)] == "See Quay, 41–44."


def test_a_run_of_page_numbers_under_a_contents_entry_is_no_notes_section() -> None:
    pages = "".join(f"\fA running head\n\n{page}\n\nBody text of page {page} goes on here.\n"
                    for page in range(5, 12))
    text = "Contents\n\nNotes\n\n4\n\n" + pages
    assert extract_footnotes(doc(text, "text", "book.txt"))[0] == []
