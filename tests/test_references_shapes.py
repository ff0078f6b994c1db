"""Citation shapes of real notes beyond the sample papers: commentary mixed with citations,
publishers kept apart from containers, legal and government citations, back-references,
web citations with access dates, German and Russian books. Fixtures written for these tests.
"""

from __future__ import annotations

from checker.model import Footnote
from checker.references import parse_footnotes, parse_references


def titles(text: str) -> list[str | None]:
    return [ref.title for ref in parse_references(text)]


# ---- a book's publisher is no container --------------------------------------------------


def test_book_publisher_is_kept_apart_from_the_container() -> None:
    (ref,) = parse_references("Jane Roe, *Rivers and Ports* (Boston: Harbor Press, 2010), 45.")
    assert ref.container is None and ref.publisher == "Harbor Press"
    assert ref.type == "book" and ref.date == "2010"


def test_journal_and_chapter_keep_their_container() -> None:
    (article,) = parse_references(
        'Jane Roe, "Tides," *Journal of Harbour Studies* 12, no. 3 (2018): 233-50.')
    assert article.container == "Journal of Harbour Studies" and article.publisher is None
    (chapter,) = parse_references(
        'Jane Roe, "Tides," in *Rivers and Ports*, ed. John Doe (Boston: Harbor Press, 2018).')
    assert chapter.container == "Rivers and Ports" and chapter.type == "chapter"


# ---- commentary mixed with citations ------------------------------------------------------


MIXED = (
    "John Doe, *The Harbour Trade: Ships and Men* (Boston: Harbor Press, 1991). Most "
    "histories of the trade, like those of Roe and Poe, have tried to describe what the sailors "
    "did on shore. Another fine work in this mode is Mary Ann Poe, *Sails and Ledgers: The "
    "Coastal Economy* (New York: Atlantic Books, 1989). A recent book that is more concerned "
    "with the owners is Peter Quay, *Owners of the Sea* (Chicago: Lake Press, 2007)."
)


def test_citations_inside_sentences_of_commentary_are_found() -> None:
    refs = parse_references(MIXED)
    assert [r.title for r in refs] == ["The Harbour Trade: Ships and Men",
                                       "Sails and Ledgers: The Coastal Economy",
                                       "Owners of the Sea"]
    assert [r.authors for r in refs] == [["Doe, John"], ["Poe, Mary Ann"], ["Quay, Peter"]]
    assert [r.date for r in refs] == ["1991", "1989", "2007"]


def test_authors_joined_by_and_are_not_cut_as_prose() -> None:
    (ref,) = parse_references(
        'Doe, John, and Richard Roe, "Tides," *Journal of Harbour Studies* 12 (2018): 3-5.')
    assert ref.authors == ["Doe, John", "Roe, Richard"]


def test_commentary_alone_cites_nothing() -> None:
    assert parse_references(
        "The harbour was closed for most of the winter, and the sailors who stayed in town "
        "found other work on shore until the ice broke in the spring.") == []


# ---- government and legal citations -------------------------------------------------------


def test_numbered_report_with_its_authors() -> None:
    (ref,) = parse_references("For more on tides, see CRS Report R12345, Tides and Harbours: "
                              "Frequently Asked Questions, by Jane Roe and John Q. Doe.")
    assert ref.title == "Tides and Harbours: Frequently Asked Questions"
    assert ref.authors == ["Roe, Jane", "Doe, John Q."]
    assert ref.container is None and ref.type == "report"


def test_case_with_a_reporter() -> None:
    (ref,) = parse_references("Roe v. Harbour Board, 123 F.3d 456, 460 (9th Cir. 1999).")
    assert (ref.title, ref.container, ref.date) == ("Roe v. Harbour Board", "F.3d", "1999")
    assert ref.type == "government"


def test_case_with_a_docket_number_and_a_full_date() -> None:
    (ref,) = parse_references("See United States v. Roe, No. 1:18-cr-99 (D.D.C. Feb. 16, 2018).")
    assert ref.title == "United States v. Roe" and ref.date == "2018-02-16"


def test_case_named_inside_commentary() -> None:
    refs = parse_references(
        "The court had ruled the other way a year before in Doe v. Port of Lake City, 12 "
        "S.W.3d 345 (Tex. 2001), which the parties did not cite.")
    assert [(r.title, r.container, r.date) for r in refs] == [
        ("Doe v. Port of Lake City", "S.W.3d", "2001")]


def test_code_sections_public_laws_and_orders_inside_a_sentence() -> None:
    refs = parse_references(
        "The harbour rule in Section 12 of the Harbour Act (9 U.S.C. §123(b)) was changed by "
        "P.L. 101-202, §5; see also 9 U.S.C. §124 and Executive Order 12345.")
    assert [r.title for r in refs] == ["9 U.S.C. §123(b)", "P.L. 101-202, §5", "9 U.S.C. §124",
                                      "Executive Order 12345"]
    assert all(r.date is None for r in refs)


def test_regulation_edition_year_is_its_date() -> None:
    (ref,) = parse_references("40 C.F.R. § 1.1 (2020).")
    assert ref.title == "40 C.F.R. § 1.1" and ref.date == "2020"


def test_act_by_name_with_its_year_and_not_its_codification() -> None:
    refs = parse_references("Titles I-III of the Harbour Dues and Tolls Act of 1974, codified "
                            "as amended at 9 U.S.C. §§601-688.")
    assert [(r.title, r.date) for r in refs] == [("Harbour Dues and Tolls Act of 1974", "1974")]


# ---- pandoc citation keys, dates, volumes, editors ---------------------------------------


def test_pandoc_citation_keys_give_family_name_and_year() -> None:
    refs = parse_references("[@roe1992harbours, 393--420.] For the other view, see "
                            "[@poe1990tides]; and [@poe1999ports.]")
    assert [(r.authors, r.date) for r in refs] == [
        (["Roe"], "1992"), (["Poe"], "1990"), (["Poe"], "1999")]


def test_an_email_address_is_no_citation_key() -> None:
    assert all(not r.authors for r in parse_references(
        "Write to jane@roe1999.example for the data (Harbour Board, 2019)."))


def test_publication_year_is_the_one_closing_the_bracket_not_one_in_the_title() -> None:
    (ref,) = parse_references(
        "J. Roe, _The Register of Harbour Pilots, 1521–1889_ (Harbor Press, London 1889), p. 2.")
    assert ref.date == "1889"
    (ref,) = parse_references(
        "J. Roe, _Letters and Papers_, Vol. XI (HMSO 1888), 943: Grants October 1536 (item 6).")
    assert ref.date == "1888"


def test_a_roman_volume_is_no_container_and_the_editor_no_author() -> None:
    (ref,) = parse_references(
        "D. Roe, ed. K.G. Poe, _Harbour Ancestry_ 2nd Edition (Roe 2011), II, pp. 8–10.")
    assert ref.authors == ["Roe, D."] and ref.container is None and ref.date == "2011"


def test_a_document_named_with_its_year_in_brackets() -> None:
    (ref,) = parse_references("Will of John Roe of Lewes (P.C.C. 1528).")
    assert ref.title == "Will of John Roe of Lewes" and ref.date == "1528"


# ---- records, posts, back-references to legal citations ---------------------------------


def test_interview_record_with_its_date_is_a_citation() -> None:
    (ref,) = parse_references("Interview of Jane Roe (Jan. 7, 2004).")
    assert ref.title == "Interview of Jane Roe" and ref.date == "2004-01-07"


def test_an_interview_by_the_author_cites_nothing() -> None:
    assert parse_references("Author interview with a harbour official, May 2019.") == []


def test_post_cited_by_handle_and_date() -> None:
    (ref,) = parse_references("@harbourmaster 4/30/16 (6:01 a.m. ET) Tweet.")
    assert ref.authors == ["@harbourmaster"] and ref.date == "2016-04-30"
    assert ref.container == "Twitter" and ref.type == "social"


def test_reporter_with_a_series_and_see_also() -> None:
    refs = parse_references("See, e.g., Roe v. Harbour Board, 123 F.3d 456 (9th Cir. 1999); see "
                            "also Poe v. Port Authority, 45 F. Supp. 2d 678 (S.D.N.Y. 2001).")
    assert [(r.title, r.container, r.date) for r in refs] == [
        ("Roe v. Harbour Board", "F.3d", "1999"),
        ("Poe v. Port Authority", "F. Supp. 2d", "2001")]


def test_id_and_supra_resolve_to_the_case_and_the_article() -> None:
    texts = ["Roe v. Harbour Board, 123 F.3d 456 (9th Cir. 1999).", "Id. at 460.",
             'Jane Poe, "Tides and the Law," *Harbour Law Review* 12 (2001): 3.',
             "Poe, supra note 3, at 5."]
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    parse_footnotes(notes)
    assert notes[1].references[0].title == "Roe v. Harbour Board"
    assert notes[3].references[0].title == "Tides and the Law"


def test_report_number_before_the_title_is_not_the_title() -> None:
    (ref,) = parse_references("U.S. Harbour Accountability Office, GAO-19-123, Harbour Safety: "
                              "Better Data Needed (2019).")
    assert ref.title == "Harbour Safety: Better Data Needed" and ref.date == "2019"


# ---- German and Russian books ------------------------------------------------------------


def test_german_book_author_colon_title_place_year() -> None:
    (ref,) = parse_references("Müller, Hans: Häfen und Gezeiten. Berlin 1998, S. 45.")
    assert (ref.title, ref.authors, ref.container, ref.date) == (
        "Häfen und Gezeiten", ["Müller, Hans"], None, "1998")
    assert ref.type == "book"


def test_german_edited_book_with_publisher() -> None:
    (ref,) = parse_references("Müller, H. (Hrsg.): Die Häfen der Ostsee. München: Beck, 2005.")
    assert ref.title == "Die Häfen der Ostsee" and ref.authors == ["Müller, H."]
    assert ref.publisher == "Beck" and ref.date == "2005"


def test_russian_book_and_article() -> None:
    (book,) = parse_references("Иванов И. И. Порты и приливы. М.: Наука, 2018. 320 с.")
    assert book.title == "Порты и приливы" and book.container is None and book.date == "2018"
    (article,) = parse_references(
        "Иванов И. И. Порты и приливы // Вестник МГУ. Сер. 5. 2019. № 3. С. 45–67.")
    assert article.container == "Вестник МГУ" and article.type == "journal"


# ---- web and mailing-list citations with access dates ------------------------------------


def test_mailing_list_post_with_an_access_date() -> None:
    (ref,) = parse_references(
        'Jane Roe, "Tide tables," harbour-list mailing list, March 3, 2011, https://lists.'
        "example.org/pipermail/harbour/2011-March/000123.html (accessed June 1, 2020).")
    assert ref.title == "Tide tables" and ref.date == "2011-03-03"
    assert ref.accessed == "2020-06-01" and ref.domain == "lists.example.org"


def test_web_page_last_modified_and_accessed() -> None:
    (ref,) = parse_references(
        'Roe, Jane. "Tide Tables." Harbour Weekly. Last modified May 5, 2019. Accessed June 1, '
        "2020. https://harbourweekly.example/tides.")
    assert (ref.container, ref.date, ref.accessed) == ("Harbour Weekly", "2019-05-05",
                                                       "2020-06-01")


# ---- author-year cites and phrases quoted in commentary ---------------------------------


def test_author_year_cites_in_running_text_and_brackets() -> None:
    refs = parse_references("As Roe (1978) and Poe et al. (2020) showed, the tide turns twice "
                            "a day (Quay and Dock, 1993; Pier 2001: 45).")
    assert [(r.authors, r.date) for r in refs] == [
        (["Roe"], "1978"), (["Poe"], "2020"), (["Quay", "Dock"], "1993"), (["Pier"], "2001")]


def test_a_wikipedia_author_date_head_is_no_author_year_cite() -> None:
    (ref,) = parse_references('Roe, Jane (1996). "harbour dorm". Retrieved 2007-10-12.')
    assert ref.title == "harbour dorm" and ref.authors == ["Roe, Jane"] and ref.date == "1996"


def test_a_phrase_quoted_in_commentary_is_no_title() -> None:
    refs = parse_references("Our lock is a simple variant of the mechanism which was introduced "
                            'in the "HARBOUR" multiprogramming system (Roe 1968a).')
    assert [(r.title, r.authors, r.date) for r in refs] == [(None, ["Roe"], "1968")]


def test_archival_letter_writer_recipient_date_collection() -> None:
    (ref,) = parse_references(
        "Jane Roe to John Poe, Jr., June 1, 1863, Roe-Poe Papers, Harbour Archive, Item 35.")
    assert (ref.title, ref.authors, ref.container, ref.date) == (
        "Jane Roe to John Poe, Jr.", ["Roe, Jane"], "Roe-Poe Papers", "1863-06-01")


def test_a_sentence_leading_to_a_second_citation_with_see() -> None:
    refs = parse_references(
        "Jane Roe to John Poe, August 7, 1864, Records of the Harbour Board. For more on the "
        'board, see Mary Quay, "The Harbour Board, 1845-1861," *Harbour Quarterly* 67, no. 3 '
        "(2008): 221–244.")
    assert [r.title for r in refs] == ["Jane Roe to John Poe", "The Harbour Board, 1845-1861"]
    assert refs[1].authors == ["Quay, Mary"] and refs[1].date == "2008"


# ---- mailing-list posts and labelled links ------------------------------------------------


def test_post_title_with_its_author_in_brackets_and_its_link() -> None:
    (ref,) = parse_references("Scoping (was Re: Tide tables solved?) (Jane Roe) "
                              "https://lists.example.org/pipermail/harbour/2003-February/0327.html")
    assert ref.title == "Scoping (was Re: Tide tables solved?)" and ref.authors == ["Roe, Jane"]
    assert ref.domain == "lists.example.org"


def test_list_named_before_the_post_title() -> None:
    (ref,) = parse_references('harbour-dev email ("Constancy of Tides") '
                              "https://lists.example.org/pipermail/harbour-dev/2004-July/0462.html")
    assert (ref.title, ref.container) == ("Constancy of Tides", "harbour-dev")


def test_a_label_before_a_link_is_its_title_and_its_year_no_date() -> None:
    (ref,) = parse_references("Harbour Summit 2003 State of the Port: https://example.org/s.ppt")
    assert ref.title == "Harbour Summit 2003 State of the Port" and ref.date is None


# ---- short forms and sentences around them -----------------------------------------------


def test_short_form_with_several_page_ranges_before_commentary() -> None:
    refs = parse_references("Roe, Harbour Tides, 365-366, 399. Roe (p. 366) notes that the "
                            "pilots were paid by the tide and this amount increased quickly.")
    assert [(r.title, r.authors) for r in refs][:1] == [("Harbour Tides", ["Roe"])]


def test_quoted_in_after_one_name() -> None:
    (ref,) = parse_references("Pilot quoted in Roe, Harbour Tides, 39.")
    assert (ref.title, ref.authors) == ("Harbour Tides", ["Roe"])


def test_a_sentence_leading_into_a_link_is_no_title() -> None:
    refs = parse_references("The logs of the pilots changed slightly over time but they "
                            "consistently kept the language of the first ones. Comparisons can "
                            "be seen at http://harbour.example.org/research/logs/.")
    assert [(r.title, r.url) for r in refs] == [
        (None, "http://harbour.example.org/research/logs/")]


def test_a_quotation_ending_a_sentence_of_commentary_is_no_title() -> None:
    refs = parse_references(
        "Roe denounced the practice, remarking that the \u201cpilots are persistently "
        "perpetuating the old habits.\u201d Roe, \u201cThe Menace of the Tides,\u201d "
        "*Harbour Quarterly* 2 (1914): 224.")
    assert [r.title for r in refs] == ["The Menace of the Tides"]


def test_instrument_with_its_date_and_organisation_with_its_abbreviation() -> None:
    (order,) = parse_references("The Harbour Master uses the title under Executive Order 12345 "
                                "dated September 5, 2025.")
    assert (order.title, order.date) == ("Executive Order 12345", "2025-09-05")
    (ref,) = parse_references('Harbour Trade Operations (HTO) Centre, "Recent Incidents," '
                              "https://www.hto.example/recent-incidents.")
    assert ref.authors == ["Harbour Trade Operations (HTO) Centre"]
    (ref,) = parse_references("CRS Report R12345, Ship Support Programs, by Ben Roe.")
    assert ref.authors == ["Roe, Ben"]


def test_german_chapter_series_volume_and_short_form_by_author_and_year() -> None:
    texts = ["Hans Roe, Häfen und Gezeiten, Archaeologica Maritima, Band 10, Kiel, 1991, S. 147",
             "Eva Poe, Schiffe, in Quay (Hrsg.) Häfen vom Mittelalter bis heute, Kiel 2012, "
             "Hafenverlag, S. 281",
             "vgl. Hans Roe, 1991, S. 169"]
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    parse_footnotes(notes)
    (book,) = notes[0].references
    assert (book.title, book.date) == ("Häfen und Gezeiten", "1991")
    (chapter,) = notes[1].references
    assert (chapter.title, chapter.container) == ("Schiffe", "Häfen vom Mittelalter bis heute")
    (short,) = notes[2].references
    assert short.title == "Häfen und Gezeiten" and short.authors == ["Roe, Hans"]


def test_german_author_year_colon() -> None:
    (ref,) = parse_references("vergl. Roe, Hans 2001: Studien zu den Häfen zwischen Elbe und "
                              "Oste. Berichte des Landkreises 9, Oldenburg, 2001, S. 29")
    assert ref.title == "Studien zu den Häfen zwischen Elbe und Oste"
    assert ref.authors == ["Roe, Hans"] and ref.date == "2001"


def test_topic_then_see_and_an_author_before_a_later_quote() -> None:
    refs = parse_references('On "pilotage," see Roe, *Harbours of the South*.')
    assert [(r.title, r.authors) for r in refs] == [("Harbours of the South", ["Roe"])]
    refs = parse_references('The point here about "tidal logic" borrows from Poe, "Planners, '
                            'Pilots, and Tides," 95.')
    assert [(r.title, r.authors) for r in refs] == [("Planners, Pilots, and Tides", ["Poe"])]


def test_newspaper_by_town_name_and_issue_date() -> None:
    (ref,) = parse_references("Marshall *Harbour Republican*, October 7, 1864.")
    assert (ref.title, ref.container, ref.date) == (None, "Harbour Republican", "1864-10-07")
    (book,) = parse_references("Jane Roe, *Tides*, May 5, 2020.")
    assert book.title == "Tides" and book.authors == ["Roe, Jane"]


def test_report_insight_authors_end_at_the_sentence_and_brackets_keep_their_commas() -> None:
    refs = parse_references(
        "For more, see CRS Insight IN12345, Tides and Ports, by Jane Q. Roe. Section 40(a) of "
        "S.Con.Res. 14 [117th Congress] establishes a similar rule.")
    assert [(r.title, r.authors) for r in refs] == [
        ("Tides and Ports", ["Roe, Jane Q."]), ("S.Con.Res. 14 (117th Congress)", [])]
    (vote,) = parse_references("Harbour roll call vote 87 (119th Congress, 2nd Session), "
                               "https://www.harbour.example/vote_119_2_00087.htm.")
    assert vote.title == "Harbour roll call vote 87 (119th Congress, 2nd Session)"
    assert vote.container is None


def test_a_citation_then_see_another_and_two_books_in_two_sentences() -> None:
    refs = parse_references(
        "As shown in the _Harbour Manuscript_, Harbour Library Add. MSS. 5523, fol. 110: see "
        "J.J. Roe (ed.), _The Visitation of the Port, 1561_, Vol. II (Poe & Co., London 1871).")
    assert [r.title for r in refs] == ["Harbour Manuscript", "The Visitation of the Port, 1561"]
    refs = parse_references(
        "Jane Roe, *Harbour Lives* (New York: Walker, 2008). John Poe, *Tide Tables: A "
        "History* (New York: Harbor Press, 2002); Mary Quay, *Pilots* (Boston: Sail, 2004).")
    assert [r.title for r in refs] == ["Harbour Lives", "Tide Tables: A History", "Pilots"]


def test_a_passage_quoted_from_the_source_is_no_title() -> None:
    refs = parse_references(
        'The harbour master Jane Roe wrote about the pilots: "Ha diretto negli anni una '
        'rivista del porto, pubblicato diverse collezioni..." see Jane Roe, *Critica del '
        "Porto* (Genova: Tilgher, 2001), p. 429.")
    assert [r.title for r in refs] == ["Critica del Porto"]


def test_a_long_passage_after_writes_is_no_title_but_a_long_title_first_is() -> None:
    passage = ("I believe it is safe to conclude that between 1820 and 1860 at least a great "
               "many pilots were moved from the upper harbour to the lower harbour, and that "
               "between sixty and seventy percent of them were carried there by the trade")
    refs = parse_references(f'Jane Roe writes, "{passage}." Jane Roe, *Carry Me Down: The '
                            "Harbour Trade* (New York: Harbor Press, 2005), 283.")
    assert [r.title for r in refs] == ["Carry Me Down: The Harbour Trade"]
    (ref,) = parse_references(f'"{passage}." Harbour Cooperation Organization, 2017.')
    assert ref.title == passage


def test_an_interview_in_a_collection_and_a_semicolon_inside_an_italic_title() -> None:
    (ref,) = parse_references(
        "Elvira Roe interview in *Harbour Narratives: A Folk History of the Port; Texas "
        "Narratives, Part 1*, 106 (Washington, D.C.: Harbor Press, 1941).")
    assert ref.title == "Elvira Roe interview" and ref.date == "1941"
    assert ref.container == ("Harbour Narratives: A Folk History of the Port; Texas Narratives, "
                             "Part 1")
