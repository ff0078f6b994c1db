"""The readers of note shapes beyond markdown: reStructuredText, Project Gutenberg, Texinfo,
CaseMETS XML, CRS table rows; parts where numbering restarts; the numbering findings they
add. Every fixture is written here, in the shape of the real documents, not copied."""

from __future__ import annotations

import pytest

from checker.extract import extract_footnotes
from checker.model import Document, Footnote


def extract(text: str, path: str = "doc.txt", format: str = "text") -> tuple[
        list[Footnote], list[str]]:
    footnotes, findings = extract_footnotes(Document(path=path, id="doc", text=text,
                                                     format=format))
    return footnotes, [finding.message for finding in findings]


# ---- reStructuredText ---------------------------------------------------------------------

RST = """\
Proposal
========

Closures came up first in 1998 [1]_, and again later [2]_ [#docs]_.
An anonymous note [#]_ is numbered too.

References
==========

.. [1] Closures again (Ann Writer)
   https://lists.example.org/archive/1998-May/000101.html

.. [2] Binding names (Bo Author)
   https://lists.example.org/archive/2001-June/000202.html

[3] A note whose directive was lost (Cy Poster)
\\   https://lists.example.org/archive/2002-July/000303.html

.. [#docs] Library docs (names -- binding and scope)
   https://docs.example.org/library/names.html

.. [#] Anonymous auto-numbered note.

.. [CIT2002] A citation, not a footnote.

Copyright
=========
"""


def test_rst_numbered_auto_numbered_and_directive_less_notes() -> None:
    footnotes, findings = extract(RST, "proposal.rst")
    assert [(n.number, n.label) for n in footnotes] == [
        (1, None), (2, None), (3, None), (4, "#docs"), (5, "#")]
    one, _two, three, docs, anonymous = footnotes
    assert one.text == ("Closures again (Ann Writer) "
                        "https://lists.example.org/archive/1998-May/000101.html")
    assert one.marker_lines == (4,) and docs.marker_lines == (4,) and anonymous.marker_lines == (5,)
    assert three.text.endswith("(Cy Poster) https://lists.example.org/archive/2002-July/"
                               "000303.html")
    assert anonymous.text == "Anonymous auto-numbered note."
    assert any("footnote 3 is printed without its '.. ' directive" in m for m in findings)


def test_rst_indented_definition_ends_where_the_indent_does() -> None:
    text = ("Text [1]_.\n\n.. [1] First line\n   second line\n\n   second paragraph\n"
            "Body text again, not indented.\n")
    (note,), _ = extract(text, "a.rst")
    assert note.text == "First line second line second paragraph"


# ---- Project Gutenberg ----------------------------------------------------------------------

GUTENBERG = (
    "The chronicler, in his History of the River Tribes,[1] holds that the\r\n"
    "villages moved west.[2] Others[A] disagree.\r\n"
    "\r\n"
    "    [Footnote 1: Coll. Hist. Soc., 1880, vol. 3, p. 12.]\r\n"
    "\r\n"
    "    [Footnote 2: A long note that goes on over a line\r\n"
    "    and a second paragraph:\r\n"
    "\r\n"
    "    which cites Annals, London [1843(?)], p. 7.]\r\n"
    "\r\n"
    "    [Footnote A: A lettered note.]\r\n"
    "\r\n"
    "CHAPTER II\r\n"
    "\r\n"
    "A new chapter restarts the numbers.[1]\r\n"
    "\r\n"
    "    [Footnote 1: Op. cit., p. 40.]\r\n"
)


def test_gutenberg_blocks_multi_paragraph_crlf_labels_and_parts() -> None:
    footnotes, findings = extract(GUTENBERG)
    assert [(n.part, n.number, n.label) for n in footnotes] == [
        (None, 3, "A"), (1, 1, None), (1, 2, None), (2, 1, None)]
    lettered, first, second, restarted = footnotes
    assert first.text == "Coll. Hist. Soc., 1880, vol. 3, p. 12." and first.marker_lines == (1,)
    assert second.text == ("A long note that goes on over a line and a second paragraph: "
                           "which cites Annals, London [1843(?)], p. 7.")
    assert lettered.text == "A lettered note."
    assert restarted.text == "Op. cit., p. 40." and restarted.marker_lines == (15,)
    assert second.line == 6
    assert not any("defined" in message for message in findings), findings


# ---- Texinfo --------------------------------------------------------------------------------

TEXINFO = """\
@node Lazy
@section Lazy evaluation

The designer can snarf@footnote{Snarf: ``To grab a large file.''  (From
@ref{Steele 1983}; see @uref{https://example.org/jargon, the Jargon File}.)} features
from the host language, and @code{force}@footnote{Compare @code{(delay @var{x})} with
braces @{ and @} in text.} works.
"""


def test_texinfo_footnotes_numbered_in_order_with_markup_removed() -> None:
    footnotes, findings = extract(TEXINFO, "sicp.texi")
    assert [(n.number, n.line, n.marker_lines) for n in footnotes] == [(1, 4, (4,)), (2, 6, (6,))]
    assert footnotes[0].text == ("Snarf: “To grab a large file.” (From Steele 1983; see the "
                                 "Jargon File https://example.org/jargon.)")
    assert footnotes[1].text == "Compare (delay x) with braces { and } in text."
    assert findings == []


# ---- CaseMETS XML ---------------------------------------------------------------------------

CASEMETS = """\
<casebody xmlns="http://example.org/casebody" firstpage="1" lastpage="3">
  <otherdate id="d1">[Rehearing denied March 3, 1990.<footnotemark>*</footnotemark>]</otherdate>
  <footnote label="*">
    <p id="p1">* Smith, J., not participating.</p>
  </footnote>
  <opinion type="majority">
    <p id="p2">The deed was recorded<footnotemark>1</footnotemark> and later
    challenged.<footnotemark>2</footnotemark></p>
    <footnote label="1">
      <p id="p3">1 See Doe v. Roe, 100 S.W.2d 200 (Ark. 1950).</p>
    </footnote>
    <footnote label="2">
      <p id="p4">2 The first paragraph.</p>
      <p id="p5">A second paragraph &amp; more.</p>
    </footnote>
  </opinion>
</casebody>
"""


def test_casemets_footnotes_with_a_star_note() -> None:
    footnotes, findings = extract(CASEMETS, "opinion.xml")
    assert [(n.number, n.label) for n in footnotes] == [(1, "*"), (1, None), (2, None)]
    star, one, two = footnotes
    assert star.text == "Smith, J., not participating." and star.marker_lines == (2,)
    assert one.text == "See Doe v. Roe, 100 S.W.2d 200 (Ark. 1950)." and one.marker_lines == (7,)
    assert two.text == "The first paragraph. A second paragraph & more."
    assert findings == []


# ---- CRS table rows -------------------------------------------------------------------------

CRS = """\
# Overview

The service has offices in 80 countries. Its budget grew in 2024.

# Footnotes

| 1. | Agency for Trade, "Annual Report," March 3, 2025, https://trade.example.gov/report.\x20
| 2. | Ibid., p. 4. |
| 3. | The office was renamed in 1980.\x20
"""


def test_crs_table_row_notes_without_body_markers() -> None:
    footnotes, findings = extract(CRS, "report.md", "markdown")
    assert [n.number for n in footnotes] == [1, 2, 3]
    assert footnotes[1].text == "Ibid., p. 4."
    assert footnotes[0].text.endswith("https://trade.example.gov/report.")
    assert all(not n.marker_lines for n in footnotes)
    assert findings == ["none of the 3 footnotes is marked in the text: the markers were lost "
                        "in conversion, or the notes are a list of sources"]


# ---- numbering ------------------------------------------------------------------------------


def test_notes_starting_past_one_are_an_excerpt_not_a_gap() -> None:
    text = ("Body text.[^40] More.[^41]\n\n[^40]: Smith, Book, 2001.\n"
            "[^41]: Doe, Article, 2005.\n")
    footnotes, findings = extract(text, "chapter.md", "markdown")
    assert [n.number for n in footnotes] == [40, 41]
    assert not any("missing from the sequence" in m for m in findings)


def test_endnotes_starting_past_one_are_reported_once() -> None:
    text = ("Body.\n\nNotes\n\n40. Smith, *Book*, 2001.\n41. Doe, \"Article,\" 2005.\n"
            "43. Roe, *Other Book*, 2010.\n")
    footnotes, findings = extract(text, "chapter.md", "markdown")
    assert [n.number for n in footnotes] == [40, 41, 43]
    assert any("start at footnote 40, not 1" in m for m in findings), findings
    assert any("missing from the sequence: 42" in m for m in findings), findings


# ---- marker's PDF-to-markdown ---------------------------------------------------------------

MARKER_PDF = """\
### Ann Author<sup>∗</sup>

We release the code.[1](#page-0-0) Results are in Table [2.](#page-3-0)

<sup>∗</sup>. Equal contribution.

<span id="page-0-0"></span><sup>1.</sup> Code is available at https://example.org/code.

More body text on the next page, with a finding.[2](#page-4-1)

<span id="page-3-0"></span>Table 2: Results of the runs.

<span id="page-4-1"></span>2. The measurements were repeated three times in 2020.
"""


def test_marker_pdf_notes_at_page_bottoms_with_anchor_links() -> None:
    footnotes, findings = extract(MARKER_PDF, "paper.md", "markdown")
    assert [(n.number, n.label) for n in footnotes] == [(1, "∗"), (1, None), (2, None)]
    star, one, two = footnotes
    assert star.text == "Equal contribution."
    assert one.text == "Code is available at https://example.org/code." and one.marker_lines == (3,)
    # the link to table 2 is no marker of note 2; the link to note 2's own anchor is
    assert two.text.startswith("The measurements") and two.marker_lines == (9,)
    assert findings == []


# ---- pandoc named labels ----------------------------------------------------------------------


def test_pandoc_named_labels_keep_their_label() -> None:
    text = "First.[^intro] Second.[^more]\n\n[^more]: Second note.\n[^intro]: First note.\n"
    footnotes, findings = extract(text, "named.md", "markdown")
    assert [(n.number, n.label, n.text) for n in footnotes] == [
        (1, "intro", "First note."), (2, "more", "Second note.")]
    assert findings == []


# ---- Gutenberg HTML: numbering restarts per letter ----------------------------------------------

GUTENBERG_HTML = """\
<html><body>
<h3>LETTER ONE.</h3>
<p>As H.W.<sup class="footref"><a href="#footnote12">[1]</a></sup> said.</p>
<div class="footnote" id="footnote12"><p>[Footnote 1: Gottlieb Wahl, the theorist.]</p></div>
<h3>LETTER TWO.</h3>
<p>My portrait<sup class="footref"><a href="#footnote13">[1]</a></sup> and the
lithograph<sup class="footref"><a href="#footnote14">[2]</a></sup>.</p>
<div class="footnote" id="footnote13"><p>[Footnote 1: Written in the summer.]</p></div>
<div class="footnote" id="footnote14"><p>[Footnote 2: "It was the lithograph."]</p></div>
</body></html>
"""


def test_gutenberg_html_notes_restart_per_letter_as_parts() -> None:
    footnotes, findings = extract(GUTENBERG_HTML, "letters.html", "html")
    assert [(n.part, n.number, n.text) for n in footnotes] == [
        (1, 1, "Gottlieb Wahl, the theorist."), (2, 1, "Written in the summer."),
        (2, 2, '"It was the lithograph."')]
    assert findings == [], findings


# ---- numbering findings (issue 13) ------------------------------------------------------------

PLAIN_MARKER = """\
The treaty was signed in the capital.<sup>1</sup> Customs will be unified in the
region.2 While details are open, the plan is clear.<sup>3</sup>

---

<sup>1</sup> "Treaty signed," Daily News, May 2, 2019, https://news.example.com/a.html.
<sup>2</sup> "Customs plan," Daily News, May 3, 2019, https://news.example.com/b.html. 3 "Plan is
clear," Daily News, May 4, 2019.
"""


def test_plain_digit_marker_and_run_on_definition_are_reported() -> None:
    footnotes, findings = extract(PLAIN_MARKER, "paper.md", "markdown")
    assert [n.number for n in footnotes] == [1, 2, 3]
    assert footnotes[2].text == '"Plan is clear," Daily News, May 4, 2019.'
    assert footnotes[1].marker_lines == (2,)
    assert len(findings) == 2, findings
    assert "footnote 2 is marked in the text only by plain digits ('region.2 While" \
        in findings[0] + findings[1]
    assert any("footnote 3 is run on inside footnote 2's text (line 7)" in m for m in findings)


def test_plain_digit_markers_everywhere_are_the_documents_way_not_reported() -> None:
    text = ("Signed in the capital.1 Unified in the region.2\n\nNotes\n\n"
            '1. "Treaty signed," Daily News, May 2, 2019.\n'
            '2. "Customs plan," Daily News, May 3, 2019.\n')
    footnotes, findings = extract(text, "paper.txt")
    assert [n.marker_lines for n in footnotes] == [(1,), (1,)]
    assert findings == []


# ---- plain-text Wikipedia and web copies ------------------------------------------------------

WIKI_TEXT = """\
Ivan Petrov (born 1950) is a writer.[1] He lived in Kazan.[2][3] His works[4] were
translated into English.[5]

References

[1] ^ "Ivan Petrov". Encyclopedia Online. Retrieved 3 May 2015.
[2]
[3] https://example.org/kazan
[4] ↑ Петров И. Избранное. — М.: Наука, 1999. — 320 с.
[5] ^ a b Smith, John (2002). "Translations". Journal of Letters. 4 (2): 10–20.
"""


def test_wikipedia_plain_text_reference_list() -> None:
    footnotes, findings = extract(WIKI_TEXT, "article.md", "markdown")
    assert [(n.number, n.text) for n in footnotes] == [
        (1, '"Ivan Petrov". Encyclopedia Online. Retrieved 3 May 2015.'),
        (2, ""),  # an empty entry is a note all the same
        (3, "https://example.org/kazan"),
        (4, "Петров И. Избранное. — М.: Наука, 1999. — 320 с."),
        (5, 'Smith, John (2002). "Translations". Journal of Letters. 4 (2): 10–20.'),
    ]
    assert [n.marker_lines for n in footnotes] == [(1,), (1,), (1,), (1,), (2,)]
    assert findings == []


# ---- hanging indents, run-on notes, a section starting past 1, lost markers --------------------


def test_notes_with_hanging_indents() -> None:
    text = ("Body text.1 More body.2 And more.3\n\nNotes\n\n"
            "    1. Smith, John. *A Book About Things*. London: Press,\n"
            "       2001, 45.\n"
            '    2. Doe, Jane. "An Article." *Journal of Stuff* 3 (2002):\n'
            "       12-20.\n"
            "    3. Ibid., 14.\n")
    footnotes, findings = extract(text, "b.txt")
    assert [(n.number, n.text) for n in footnotes] == [
        (1, "Smith, John. *A Book About Things*. London: Press, 2001, 45."),
        (2, 'Doe, Jane. "An Article." *Journal of Stuff* 3 (2002): 12-20.'),
        (3, "Ibid., 14.")]
    assert findings == []


def test_several_notes_run_together_on_wrapped_lines_of_an_excerpt() -> None:
    text = ("Body text.12 More.13 And.14 Then.15\n\nNotes\n\n"
            '12. Smith, John. *A Book About Things*. London: Press, 2001. 13. Doe, Jane. "An\n'
            'Article." *Journal of Stuff* 3 (2002): 12-20. 14. "Title of a Report," Agency, 2003.\n'
            "15. Ibid., 14.\n")
    footnotes, findings = extract(text, "c.txt")
    assert [(n.number, n.line, n.text) for n in footnotes] == [
        (12, 5, "Smith, John. *A Book About Things*. London: Press, 2001."),
        (13, 5, 'Doe, Jane. "An Article." *Journal of Stuff* 3 (2002): 12-20.'),
        (14, 6, '"Title of a Report," Agency, 2003.'),
        (15, 7, "Ibid., 14.")]
    assert sorted(findings) == [
        "footnote 13 is run on inside footnote 12's text (line 5), not on a line of its own: "
        "read as a separate note",
        "footnote 14 is run on inside footnote 13's text (line 6), not on a line of its own: "
        "read as a separate note",
        "the notes start at footnote 12, not 1: footnotes 1-11 are not in this document"]


def test_notes_whose_body_markers_were_lost() -> None:
    text = ("The report was published in 2001 and widely read. Critics disagreed.\n\n"
            "Notes\n\n1. Smith, John. *A Book*. London: Press, 2001.\n"
            '2. Doe, Jane. "An Article." *Journal* 3 (2002): 12-20.\n3. Ibid., 14.\n')
    footnotes, findings = extract(text, "d.txt")
    assert [n.number for n in footnotes] == [1, 2, 3]
    assert findings == ["none of the 3 footnotes is marked in the text: the markers were lost "
                        "in conversion, or the notes are a list of sources"]


# ---- markers where numbers repeat -------------------------------------------------------------


def test_a_restarting_number_hands_each_note_its_own_markers() -> None:
    """Each note gets the markers after the previous note of its number (not all of them:
    that would also grow with the square of the notes)."""
    chapter = "Text.<sup>1</sup>\n\n<sup>1</sup> Smith, Book, 2001.\n\n"
    footnotes, findings = extract(chapter * 500, "long.md", "markdown")
    assert len(footnotes) == 500 and {n.part for n in footnotes} == set(range(1, 501))
    assert [n.marker_lines for n in footnotes[:3]] == [(1,), (5,), (9,)]
    assert findings == []
    court = "".join(f'<p>x<footnotemark>1</footnotemark></p><footnote label="1"><p>1 Note {i}.'
                    "</p></footnote>\n" for i in range(300))
    footnotes, _ = extract(court, "opinion.xml")
    assert [n.marker_lines for n in footnotes[:3]] == [(1,), (2,), (3,)]
    assert footnotes[299].text == "Note 299."


# ---- in-page links --------------------------------------------------------------------------


def test_in_page_links_keep_their_text_and_leading_back_links_go() -> None:
    text = ("Body.[1] More.[2]\n\nCitations\n\n"
            '1. [**^**](#cite_ref-1) "Duck facts". Bird Site. Retrieved 2 May 2017.\n'
            "2. [**^**](#cite_ref-2) [***a***](#cite_ref-2a) [***b***](#cite_ref-2b) "
            "See [Roe et al.](#page-3-1) [(2001)](#page-3-1) and [the site](https://example.org).\n")
    footnotes, _ = extract(text, "duck.md", "markdown")
    assert [n.text for n in footnotes] == [
        '"Duck facts". Bird Site. Retrieved 2 May 2017.',
        "See Roe et al. (2001) and [the site](https://example.org)."]


# ---- MediaWiki source -------------------------------------------------------------------------

WIKITEXT = """\
'''Ducks''' dabble.<ref name="birds">{{cite web |last=Roe |first=Jane |title=Duck facts
|website=Bird Site |url=https://birds.example.org/ducks |date=2 May 2017
|access-date=3 May 2017}}</ref> Geese honk.<ref>Smith, ''Geese'' ([[London]], 2001),
[https://geese.example.org/ the geese site].<!-- <ref>not a note</ref> --></ref>
Again.<ref name="birds" /> Aside.<ref group="note">Swans are larger.</ref>

== References ==
<references />
"""


def test_wikitext_refs_numbered_by_first_use_with_templates_rendered() -> None:
    footnotes, findings = extract(WIKITEXT, "Ducks.wiki")
    assert [(n.number, n.label, n.line, n.marker_lines) for n in footnotes] == [
        (1, None, 1, (1, 5)), (1, "note 1", 5, (5,)), (2, None, 3, (3,))]
    birds, swans, geese = footnotes
    assert birds.text == ('Roe, Jane (2 May 2017). "Duck facts". *Bird Site*. '
                          "https://birds.example.org/ducks Retrieved 3 May 2017.")
    assert geese.text == ("Smith, *Geese* (London, 2001), "
                          "[the geese site](https://geese.example.org/).")
    assert swans.text == "Swans are larger."
    assert findings == []


# ---- Org mode and AsciiDoc ----------------------------------------------------------------------

ORG = """\
#+TITLE: Birds

Ducks dabble.[fn:2] Geese honk.[fn:geese] Swans glide.[fn:: Roe, /Swans/, 2003.]
Ducks again.[fn:2] Owls?[fn:9]

* Footnotes

[fn:geese] Doe, "Geese," /Bird Journal/ 4 (2002),
pp. 10-12.

[fn:2] Smith, /Ducks/ (London, 2001).
"""


def test_org_footnotes_numbered_by_first_reference() -> None:
    footnotes, findings = extract(ORG, "birds.org")
    assert [(n.number, n.label, n.line, n.marker_lines, n.text) for n in footnotes] == [
        (1, None, 11, (3, 4), "Smith, *Ducks* (London, 2001)."),
        (2, "geese", 8, (3,), 'Doe, "Geese," *Bird Journal* 4 (2002), pp. 10-12.'),
        (3, None, 3, (3,), "Roe, *Swans*, 2003."),
    ]
    assert findings == ["footnote 4 is marked in the text but never defined"]


ASCIIDOC = """\
= Birds

Ducks dabble.footnote:birds[Roe, _Duck Facts_ (2017), https://birds.example.org.]
Geese honk.footnote:[Smith, _Geese_ [2nd ed.\\], 2001.]
Ducks again.footnote:birds[] Owls.footnoteref:[owls,Poe, _Owls_, 1999.]
"""


def test_asciidoc_footnotes_with_ids_and_reuse() -> None:
    footnotes, findings = extract(ASCIIDOC, "birds.adoc")
    assert [(n.number, n.label, n.line, n.marker_lines, n.text) for n in footnotes] == [
        (1, "birds", 3, (3, 5), "Roe, *Duck Facts* (2017), https://birds.example.org."),
        (2, None, 4, (4,), "Smith, *Geese* [2nd ed.], 2001."),
        (3, "owls", 5, (5,), "Poe, *Owls*, 1999."),
    ]
    assert findings == []


def test_a_notes_section_run_together_on_one_line_is_split_and_reported_once() -> None:
    notes = " ".join(f'{n}. "Report {n}," Daily News, May {n}, 2019.' for n in range(1, 9))
    footnotes, findings = extract(f"Body text.\n\n---\n\n{notes}\n", "paper.md", "markdown")
    assert [n.number for n in footnotes] == list(range(1, 9))
    assert footnotes[3].text == '"Report 4," Daily News, May 4, 2019.'
    assert footnotes[7].text == '"Report 8," Daily News, May 8, 2019.'
    run_on = [m for m in findings if "run on" in m]
    assert run_on == ["footnotes 2-8 (7 notes) are run on one after another inside footnote 1's "
                      "line (line 5), not on lines of their own: read as separate notes"]


# ---- a reference list whose numbers were lost: entries opened by back-links ----------------

BACKLINK_LIST = """\
The harbour grew.[1] Trade doubled.[2] Exports fell,[3] then rose again.[2]

References

{entries}
"""


@pytest.mark.parametrize("opener", ["^ ", "↑ ", "* ^ ", "- ↑ "])
def test_unnumbered_backlink_entries_are_numbered_in_order(opener) -> None:
    entries = "\n".join(opener + entry for entry in (
        '"Harbour report". Port Authority. 12 May 2020.',
        'a b Roe, Ann (3 March 2019). "Trade figures". Daily Ledger.',
        '"Export table" (PDF). Statistics Office. 2018.'))
    footnotes, findings = extract(BACKLINK_LIST.format(entries=entries))
    assert [n.number for n in footnotes] == [1, 2, 3]
    assert footnotes[1].text == 'Roe, Ann (3 March 2019). "Trade figures". Daily Ledger.'
    assert [n.marker_lines for n in footnotes] == [(1,), (1,), (1,)]
    assert findings == ["the reference list is not numbered (its 3 entries open with a "
                        "back-link): numbered in their order"]


def test_numbered_backlinks_of_a_russian_wiki_and_a_leading_article_are_told_apart() -> None:
    entries = "↑ 1 2 Иванов И. И. Нефть и газ. — М., 2018.\n^ a study of the port, 2019."
    footnotes, _ = extract(BACKLINK_LIST.format(entries=entries))
    assert [n.text for n in footnotes] == ["Иванов И. И. Нефть и газ. — М., 2018.",
                                           "a study of the port, 2019."]


def test_caret_lines_without_markers_or_a_notes_heading_are_not_notes() -> None:
    text = "Exponents:\n\n^ 2 is the square\n^ 3 is the cube\n"
    footnotes, _ = extract(text)
    assert footnotes == []


@pytest.mark.parametrize("entry", ["{n}. ^ ", "{n}. "])
def test_a_numbered_list_takes_the_bodys_bracketed_markers(entry) -> None:
    entries = "\n".join(entry.format(n=n) + f'"Report {n}". Port Authority. {n} May 2020.'
                        for n in (1, 2, 3))
    footnotes, findings = extract(BACKLINK_LIST.format(entries=entries))
    assert [n.marker_lines for n in footnotes] == [(1,), (1,), (1,)]
    assert not [m for m in findings if "marked" in m]


def test_chapter_endnotes_at_the_end_take_the_markers_of_their_chapter() -> None:
    body = "".join(f"Chapter {c}\n\n" + "".join(
        f"Sentence {n} of part {c} here.{n} More.\n" for n in (1, 2, 3)) + "\n" for c in (1, 2))
    notes = "Notes\n\n" + "".join(f"Chapter {c}\n\n" + "".join(
        f'{n}. Roe, "Report {c}.{n}," Daily Ledger, May {n}, 2003.\n' for n in (1, 2, 3))
        + "\n" for c in (1, 2))
    footnotes, findings = extract(body + notes)
    assert [(n.part, n.number) for n in footnotes] == [(1, 1), (1, 2), (1, 3),
                                                       (2, 1), (2, 2), (2, 3)]
    lines = body.split("\n")
    for note in footnotes:
        (line,) = note.marker_lines
        assert f"part {note.part} here.{note.number}" in lines[line - 1]
    assert not [m for m in findings if "marked" in m], findings


def test_a_wikis_lettered_explanatory_notes_are_labelled_notes_beside_its_references() -> None:
    text = ("The harbour grew by 4%.[1][a] Trade doubled.[2][b]\n\nNotes\n\n"
            "a. ^ Figures exclude the outer docks.\n[b] ^ The count was later revised.\n\n"
            "References\n\n1. ^ \"Harbour report\". Port Authority. 12 May 2020.\n"
            "2. ^ Roe, Ann (3 March 2019). \"Trade figures\". Daily Ledger.\n\n"
            "See also\n\nc. ^ not marked anywhere, not a note\n")
    footnotes, _ = extract(text)
    assert [(n.label, n.number) for n in footnotes] == [("a", 1), (None, 1), ("b", 2), (None, 2)]
    lettered = [n for n in footnotes if n.label]
    assert [n.text for n in lettered] == ["Figures exclude the outer docks.",
                                          "The count was later revised."]
    assert all(n.marker_lines == (1,) for n in lettered)
