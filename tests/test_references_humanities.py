"""Reference parsing of book and humanities notes (written for these tests, not taken from the
corpus): scripture, Chicago full notes for books, chapters and articles, archival letters,
German notes, short forms and Ibid."""

import pytest

from checker.model import Footnote
from checker.parse import parse_paths
from checker.references import parse_footnotes, parse_references
from checker.references.context import work_named_before
from checker.references.split import has_signature

# ---- scripture ---------------------------------------------------------------------------


def test_scripture_reference_before_the_verse_it_quotes() -> None:
    (ref,) = parse_references('Jesaja 41,10 **_"Fürchte dich nicht, denn ich bin mit dir."_**')
    assert ref.title == "Jesaja 41,10"
    assert ref.authors == [] and ref.container is None and ref.date is None


def test_scripture_references_in_english_with_numbered_books_and_ranges() -> None:
    refs = parse_references("Compare 1 Cor. 13:4-7 with Rom. 12:9 and 2.Timotheus 3,16+17.")
    assert [ref.title for ref in refs] == ["1 Cor. 13:4-7", "Rom. 12:9", "2.Timotheus 3,16+17"]


def test_scripture_reference_inside_german_commentary() -> None:
    refs = parse_references(
        "Dass die Worte nicht vorgeschrieben waren, ist aus Phil. 4,6. zu ersehen, wo der "
        "Apostel von allen Anliegen spricht, die vor Gott kund werden sollen.")
    assert [ref.title for ref in refs] == ["Phil. 4,6"]


def test_a_name_then_numbers_is_no_scripture_reference() -> None:
    assert all(ref.title != "Mark 12" for ref in parse_references(
        "Mark 12, 14 and 16 were the harbour's busiest berths."))


# ---- archival letters --------------------------------------------------------------------


def notes_of(*texts: str) -> list[Footnote]:
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    parse_footnotes(notes)
    return notes


def test_a_transcription_in_a_collection_has_the_collection_as_container() -> None:
    (ref,) = parse_references("Hannah Roe to Silas Poe, March 3, 1862, Typescript copy in "
                              "Roe Family Papers, HHA, Folder 12.")
    assert ref.container == "Roe Family Papers" and ref.date == "1862-03-03"


def test_a_letter_cited_again_without_its_collection_is_the_earlier_citation() -> None:
    notes = notes_of("Hannah Roe to Silas Poe, March 3, 1862, Roe Family Papers, Harbour "
                     "Historical Archive, https://archive.example.org/items/12.",
                     "Tides rose that spring.",
                     "Hannah Roe to Silas Poe, March 3, 1862.",
                     "Hannah Roe to Silas Poe, April 9, 1862.")
    (repeat,) = notes[2].references
    assert repeat.ibid and repeat.container == "Roe Family Papers"
    assert repeat.url == "https://archive.example.org/items/12"
    (other,) = notes[3].references
    assert not other.ibid and other.container is None and other.date == "1862-04-09"


# ---- books and newspapers in Chicago notes ------------------------------------------------


def test_an_edited_book_cited_by_its_title_has_its_editors_as_authors() -> None:
    (ref,) = parse_references("*Harbour Songs of the North Sea*, ed. J. Roe and Walter Poe "
                              "(Kiel: Nord, 1999), 45.")
    assert ref.title == "Harbour Songs of the North Sea"
    assert ref.authors == ["Roe, J.", "Poe, Walter"] and ref.container is None
    (edition,) = parse_references("Walt Roe, *Harbour Songs*, ed. Jane Poe (Kiel: Nord, 1999).")
    assert edition.authors == ["Roe, Walt"]


def test_a_newspaper_issue_by_month_and_year_then_a_citation_key() -> None:
    refs = parse_references("*Harbour Gazette*, Sept. 1901, quoted in [@roe2001tides, 12]; "
                            "*Harbour Songs*, ed. Jane Poe; [@poe1999songs, 3-4].")
    assert [(r.title, r.container, r.date, r.authors) for r in refs] == [
        (None, "Harbour Gazette", "1901-09", []),
        (None, None, "2001", ["Roe"]),
        ("Harbour Songs", None, None, ["Poe, Jane"]),
        (None, None, "1999", ["Poe"])]


# ---- author-year cites in the running text of commentary -----------------------------------


def test_author_year_cites_without_brackets_in_commentary() -> None:
    refs = parse_references(
        "Tide tables were first computed by machine. Roe 1921 describes the harbour's "
        "\u201ctide engine.\u201d The method is treated at length in Poe and Moe 1935b. "
        "(The figures were taken from Dahl et al. 1950. See also Berg 1961.)")
    assert [(r.authors, r.date, r.title) for r in refs] == [
        (["Roe"], "1921", None), (["Poe", "Moe"], "1935", None), (["Dahl"], "1950", None),
        (["Berg"], "1961", None)]


@pytest.mark.parametrize(("note", "expected"), [
    ("Dahl 2005, p. 6.", [(["Dahl"], "2005")]),
    ("Mein Dahl 2005, pp. 536–537.", [(["Mein Dahl"], "2005")]),
    ("Roe, Poe & Moe 2008, p. 72.", [(["Roe", "Poe", "Moe"], "2008")]),
    ("Berg & Van Holm 2009, p. xii.", [(["Berg", "Van Holm"], "2009")]),
    ("van der Berg 1990a, p. 3; see also Roe et al. 2011.",
     [(["van der Berg"], "1990"), (["Roe"], "2011")]),
])
def test_short_footnotes_of_author_year_cites(note: str, expected: list) -> None:
    # Wikipedia's {{sfn}}/{{harvnb}}: the note is only cites into the Sources list
    assert [(r.authors, r.date) for r in parse_references(note)] == expected


def test_french_author_year_cites_with_a_spaced_colon() -> None:
    """French typography puts a space before the colon: ``(Roe 2004 : p. 269)``; "et al"
    may lose its full stop; an accented initial is still a name."""
    refs = parse_references("Sur ce débat, voir (Édouard 2004 : p. 269) et le chiffre avancé "
                            "dans (Poe et al 1996 : p. 831-833).")
    assert [(r.authors, r.date) for r in refs] == [(["Édouard"], "2004"), (["Poe"], "1996")]


def test_german_notes_pages_with_f_and_short_cites_after_vgl() -> None:
    """German notes: a page "S. 12f." (and the following) is no outlet; "Vgl. dazu Roe 2001,
    S. 14." is a short author-year cite."""
    (book,) = parse_references("Hans Roe: Die Gezeiten. Berlin 2001, S. 12f.")
    assert (book.title, book.authors, book.container, book.date) == (
        "Die Gezeiten", ["Roe, Hans"], None, "2001")
    (cite,) = parse_references("Vgl. dazu Poe 2001, S. 14ff.")
    assert (cite.authors, cite.date) == (["Poe"], "2001")


def test_german_books_and_chapters_with_in_and_a_publisher_before_the_year() -> None:
    """German notes: ". In:" before the book that holds a chapter ends the title; a place
    (``Frankfurt am Main``) and publisher with no comma before the year end it too; an
    edited book (``(Hrsg.):``) with ``Berlin: de Gruyter 2004`` is a citation."""
    (chapter,) = parse_references("Vgl. Hans Roe: Die Flut. In: Gesammelte Schriften zu Häfen, "
                                  "Bd. 4, Berlin 1903, S. 421.")
    assert (chapter.title, chapter.container, chapter.date) == (
        "Die Flut", "Gesammelte Schriften zu Häfen", "1903")
    (book,) = parse_references("Hans Roe: Kiel und die Häfen, Frankfurt am Main: Nord 1990, "
                               "S. 33–35.")
    assert (book.title, book.date) == ("Kiel und die Häfen", "1990")
    (edited,) = parse_references("Hans Roe (Hrsg.): Häfen heute. Berlin: de Nord 2004.")
    assert (edited.title, edited.authors, edited.date) == ("Häfen heute", ["Roe, Hans"], "2004")


def test_a_place_or_month_with_a_year_is_no_author_year_cite() -> None:
    refs = parse_references("The harbour froze in March 1921 and again in the winter of "
                            "Kiel 1929, see Christmas 1930.")
    assert not any(ref.authors for ref in refs)


def test_a_quoted_word_inside_a_name_is_no_title_beside_an_author_year_cite() -> None:
    refs = parse_references("The scheme was first used in the \u201cHARBOUR\u201d Tide "
                            "System of the Kiel port authority (Roe 1921a).")
    assert [(r.authors, r.date, r.title) for r in refs] == [(["Roe"], "1921", None)]


# ---- several works in sentences of one note ----------------------------------------------


def test_see_also_a_book_after_an_article_in_the_next_sentence() -> None:
    refs = parse_references(
        "Ada Roe and Ben Poe, \u201cTides of the Baltic,\u201d *Harbour History* 7, no. 2 "
        "(Spring 1971): 45. See also Carl Dahl, *The Kiel Canal* (Kiel: Nord, 1980), 3; "
        "Eva Berg, *Locks and Weirs* (Hamburg: Elbe, 1990), 12.")
    assert [(r.title, r.authors[0], r.date) for r in refs] == [
        ("Tides of the Baltic", "Roe, Ada", "1971"), ("The Kiel Canal", "Dahl, Carl", "1980"),
        ("Locks and Weirs", "Berg, Eva", "1990")]


def test_works_led_into_by_topic_sentences_with_see_especially() -> None:
    refs = parse_references(
        "Ada Roe, *Harbour Tolls* (Kiel: Nord, 2010), 80. On the tolls of the Sound, see "
        "especially Ben Poe, \u201cThe Sound Dues, 1497\u20131857\u201d (PhD diss., University of "
        "Kiel, 2011). On the canal companies, see also Carl Dahl, *Canal Money* (Hamburg: Elbe, "
        "2002), 171. Partly because of the war the companies were often short of money and the "
        "harbour masters had to lend them what they needed to pay their men.")
    assert [(r.title, r.authors[0], r.date) for r in refs] == [
        ("Harbour Tolls", "Roe, Ada", "2010"),
        ("The Sound Dues, 1497\u20131857", "Poe, Ben", "2011"),
        ("Canal Money", "Dahl, Carl", "2002")]


def test_a_newspaper_issue_then_a_short_form_after_a_topic_and_an_editor_abbreviation() -> None:
    refs = parse_references(
        "Kiel *Courier*, May 3, 1864. On the role of pilots in the harbour and its roads, see "
        "especially Roe, \u201cPilots and Ports.\u201d For the governor's comments, see Message of "
        "Governor, May 4, 1863, *Journal of the Harbour Board, 1863*, ed. Ben Poe (Kiel: Nord, "
        "1965), 11.")
    assert (refs[0].container, refs[0].date) == ("Courier", "1864-05-03")
    assert refs[1].title == "Pilots and Ports" and refs[1].authors == ["Roe"]


# ---- passages quoted in commentary -------------------------------------------------------


def test_words_quoted_after_a_verb_of_saying_are_no_title() -> None:
    assert parse_references('Roe says, "It was the pilot\'s chart, which the master had sent '
                            'to Captain Poe." See No. 12.') == []
    assert parse_references("The harbour master observed if \u201cthe tide came in at noon, "
                            "no ship would leave before dark.\u201d") == []
    (ref,) = parse_references('As Roe wrote in "Tides and Pilots," *Harbour History* 5 '
                              "(2001): 12.")
    assert ref.title == "Tides and Pilots" and ref.container == "Harbour History"


# ---- parts of published collections ------------------------------------------------------


def test_an_interview_in_an_edited_collection_and_its_short_form() -> None:
    notes = notes_of(
        "Words taken from Hannah Roe interview in Jane Poe, ed., *Harbour Voices: An Oral "
        "History*, volume 3: *The Baltic Ports* (Kiel: Nord, 1972), 15-22.",
        "Roe interview, *Harbour Voices*, volume 3, 22.")
    (full,) = notes[0].references
    assert (full.title, full.authors, full.container, full.date) == (
        "Hannah Roe interview", [], "Harbour Voices: An Oral History", "1972")
    (short,) = notes[1].references
    assert short.ibid and short.title == "Hannah Roe interview" and short.date == "1972"


def test_a_letter_named_in_its_book_after_see_the() -> None:
    (ref,) = parse_references("See the Hannah Roe letter in *Harbour Letters* (Kiel: Nord, "
                              "1990), 4.")
    assert (ref.title, ref.container, ref.date) == ("Hannah Roe letter", "Harbour Letters",
                                                    "1990")


# ---- old-style notes ---------------------------------------------------------------------


def test_an_old_style_book_by_title_place_and_year() -> None:
    (ref,) = parse_references("A Voyage to the Baltic Harbours, London, 1751, vol. 2, p. 47.")
    assert (ref.title, ref.authors, ref.container, ref.date) == (
        "A Voyage to the Baltic Harbours", [], None, "1751")
    (bracketed,) = parse_references("Annals of the Harbour of Kiel, Hamburg [1802(?)], p. 9.")
    assert (bracketed.title, bracketed.container, bracketed.date) == (
        "Annals of the Harbour of Kiel", None, "1802")


def test_an_old_style_title_as_a_sentence_then_place_and_year() -> None:
    (ref,) = parse_references("Information respecting the harbours, tides, and pilots of the "
                              "Baltic coast. Hamburg, 1851, vol. 1, p. 319.")
    assert (ref.title, ref.authors, ref.date) == (
        "Information respecting the harbours, tides, and pilots of the Baltic coast", [],
        "1851")


def test_an_author_and_a_one_word_title_are_not_read_as_a_title_and_a_place() -> None:
    (ref,) = parse_references("Hahn, Werkzeuge, 1998, S. 4.")
    assert ref.authors == ["Hahn"] and ref.title == "Werkzeuge"


# ---- German notes ------------------------------------------------------------------------


def test_a_books_series_with_its_volume_and_place_is_no_container() -> None:
    (book,) = parse_references("Hans Roe, Häfen und Gezeiten der Ostsee, Schriften des "
                               "Hafenmuseums, Band 12, Nord, Kiel, 1999, S. 45")
    assert (book.title, book.container, book.date) == (
        "Häfen und Gezeiten der Ostsee", None, "1999")
    (article,) = parse_references("Hans Roe, Die Häfen der Ostsee, Zeitschrift für "
                                  "Hafenkunde 12, 2001, S. 45–67.")
    assert article.container == "Zeitschrift für Hafenkunde"
    (volume,) = parse_references("W. Roe, _The Visitations of the County of Kiel_, Harbour "
                                 "Society LIII (London 1905), pp. 25–30.")
    assert (volume.title, volume.container, volume.date) == (
        "The Visitations of the County of Kiel", None, "1905")
    (journal,) = parse_references('Jane Roe, "Tides of Kiel," Harbour Review 12 (Spring 1998): '
                                  "45–67.")
    assert journal.container == "Harbour Review"


def test_a_body_that_issued_a_pamphlet_is_its_author_and_the_collection_its_container() -> None:
    (ref,) = parse_references('"Kiel, Gateway to the Baltic," Kiel Chamber of Commerce, ca. '
                              "1925, Folder 3, Box 12, Harbour Research Files, Kiel City Library.")
    assert (ref.title, ref.authors, ref.container, ref.date) == (
        "Kiel, Gateway to the Baltic", ["Kiel Chamber of Commerce"], "Harbour Research Files",
        "1925")
    (news,) = parse_references("\u201cPilots on Strike,\u201d Harbour Gazette, May 3, 1907.")
    assert news.authors == [] and news.container == "Harbour Gazette"


def test_a_letter_in_the_records_of_an_office() -> None:
    (ref,) = parse_references('"A Pilot" to Harbour Master Jane Roe, May 3, 1864, Records of '
                              "the Harbour Master of Kiel, Kiel City Archive.")
    assert ref.title == '"A Pilot" to Harbour Master Jane Roe' and ref.authors == ["A Pilot"]
    assert ref.container == "Records of the Harbour Master of Kiel"
    assert ref.date == "1864-05-03"


# ---- works named in commentary -------------------------------------------------------------


def test_a_possessive_name_before_an_italic_title_in_commentary() -> None:
    refs = parse_references("Whatever one makes of Jane Roe's *Harbour Songs of the North*, "
                            "it is worth noting that the book echoes Homer's *Odyssey* and "
                            "the *Harbour Gazette*'s own reviews.")
    assert [(r.title, r.authors) for r in refs] == [
        ("Harbour Songs of the North", ["Roe, Jane"]), ("Odyssey", ["Homer"])]


def test_the_author_after_a_long_quoted_passage() -> None:
    (ref,) = parse_references(
        'Jane Roe writes, "I believe it is safe to conclude that between 1820 and 1860 at '
        "least nine hundred ships left the harbour of Kiel for the Sound, and that between "
        'sixty and seventy in every hundred of them carried timber and grain to the west." '
        "Jane Roe, *Ships of the Sound: The Baltic Timber Trade* (Kiel: Nord, 2005), 289.")
    assert ref.title == "Ships of the Sound: The Baltic Timber Trade"
    assert ref.authors == ["Roe, Jane"] and ref.date == "2005"


def test_two_articles_joined_by_and() -> None:
    refs = parse_references(
        "See Roe, \u201cPilots of the Sound, 1850-1900,\u201d Harbour History 21 (Fall 1991): "
        "205-229 and Ben Poe, Jr., \u201cTolls and Tides, 1850-1900,\u201d Baltic Quarterly 11 "
        "(Summer 1987): 203-220.")
    assert [(r.title, r.container, r.date) for r in refs] == [
        ("Pilots of the Sound, 1850-1900", "Harbour History", "1991"),
        ("Tolls and Tides, 1850-1900", "Baltic Quarterly", "1987")]


def test_a_stressed_word_in_italics_is_no_title() -> None:
    # a lower-case italic is a word stressed or foreign, not a work, even before "by Name"
    assert not has_signature("Sent to our *maestro* by Jane Roe in a letter of May 4, 1824")
    assert parse_references("Poe came to Kiel in 1824, sent to our *maestro* by Jane Roe in a "
                            "letter of May 4, with warm words of praise.") == []
    (ref,) = parse_references("Praised in *Harbour Songs* by Jane Roe.")
    assert (ref.title, ref.authors) == ("Harbour Songs", ["Roe, Jane"])


def test_a_letter_quoted_in_a_note_is_no_citation() -> None:
    # an italic address line, then the letter's dateline: the letter is quoted, not cited
    assert not has_signature("Roe received this reply:-- *To the Pilot Jane Roe.* Kiel, "
                             "Nov. 25, 1826")
    assert has_signature("*To the Lighthouse.* London, 1927")
    (ref,) = parse_references("*To the Lighthouse.* London: Hogarth, 1927.")
    assert (ref.title, ref.date) == ("To the Lighthouse", "1927")


def test_a_short_form_after_commentary_that_follows_a_full_citation() -> None:
    refs = parse_references(
        "The use of pilots from the villages would not be without its critics as well. Jane "
        "Roe, for example, protested the \u201cevil influence of strangers on the water.\u201d "
        "Roe specifically denounced the tolls, remarking that the \u201cboard is persistently "
        "favouring the outsiders.\u201d Jane Roe, \u201cThe Tolls of Kiel,\u201d *Harbour "
        "History* (May 1914): 22-25. In 1901 the pilots petitioned the board to \u201cgrant no "
        "more licences to any stranger to take out any ship.\u201d Quoted in Poe, *Pilots of "
        "the Sound*, 373.")
    assert [(r.title, r.authors) for r in refs] == [
        ("The Tolls of Kiel", ["Roe, Jane"]), ("Pilots of the Sound", ["Poe"])]


def test_a_british_article_in_single_quotes_after_a_book_and_its_pages() -> None:
    refs = parse_references(
        "J.J. Roe (ed.), _The Harbour Rolls of Kiel, 1561,_ Vol. II (Nord, Kiel 1871), "
        "pp. 261–70, at p. 269. W.D. Poe, 'Pilots of the Sound', _Baltic Collections_ III "
        "(1850), pp. 89–102.")
    assert [(r.title, r.authors, r.date) for r in refs] == [
        ("The Harbour Rolls of Kiel, 1561", ["Roe, J.J."], "1871"),
        ("Pilots of the Sound", ["Poe, W.D."], "1850")]


@pytest.mark.parametrize("note", [
    "J.A. Roe, _History of the Harbour of Kiel_, 12 Vols, (Nord, Kiel 1870), Vol. VI, p. 15.",
    "J. Poe, _Calendar of Harbour Rolls_, Henry VIII, Vol. XI (HMSO 1888).",
    "_Calendar of Harbour Rolls_ (HMSO, London 1927), p. 102 (Hathi Trust).",
])
def test_volumes_a_reign_or_an_online_library_are_no_outlet(note: str) -> None:
    (ref,) = parse_references(note)
    assert ref.container is None, ref.container


def test_commentary_after_a_citation_that_ends_with_its_issue_number() -> None:
    # "..., 3. Included is ...": the number ends the citation and its sentence
    (ref,) = parse_references(
        'See Jane Roe, "Remembering the Pilots", in: _Harbour Voice_, 3. Included is a photo '
        "of the pilots with the handwriting of, probably, his wife that says, \"This picture "
        '(is the) last (one taken of) them / 2003 December 10th."')
    assert (ref.title, ref.authors, ref.container) == (
        "Remembering the Pilots", ["Roe, Jane"], "Harbour Voice")


@pytest.mark.parametrize("note", [
    '"Poe called him... \u00ab a born pilot \u00bb." Source: Jane Roe, "Afterword", in: J. Roe '
    "(ed.), _Harbour Songs_. Kiel: Nord, 1999, p. 346.",
    'The sailor and scholar Ben Poe wrote about him: "Ha diretto negli anni una rivista del '
    'porto, e una nuova traduzione del poeta...", see Jane Roe (ed.), Harbour Songs of the '
    "North, Kiel: Nord, 1999, p. 346.",
])
def test_a_quoted_passage_then_its_source(note: str) -> None:
    (ref,) = parse_references(note)
    assert ref.authors == ["Roe, Jane"] and ref.date == "1999", ref
    assert ref.title in ("Afterword", "Harbour Songs of the North")


@pytest.mark.parametrize(("note", "date"), [
    ("See: _Harbour Voice_, issue 6 (13).", None),
    ("See *Harbour Review*, No. 1, ISSN 1618-2154.", None),
    ("*Harbour Review*, no. 12 (May 2001).", "2001-05"),
])
def test_a_periodical_cited_by_its_issue_has_no_title(note: str, date: str | None) -> None:
    (ref,) = parse_references(note)
    assert (ref.title, ref.authors, ref.date) == (None, [], date)
    assert ref.container in ("Harbour Voice", "Harbour Review")


def test_works_after_a_lead_in_with_a_colon() -> None:
    refs = parse_references(
        'For instance, "The Harbour Plan", in: _Harbour Bulletin_, Vol. 5, No. 3, 1983. And: '
        '"The Kiel Symposium", in: _Harbour Bulletin_, Vol. 9, No. 1, 1987. His papers in German '
        'include: "Der Plan von 1863 für Kiel," in: Jane Roe (ed.), Häfen im Norden. Hamburg: '
        "Nord, 1983, pp. 285–301.")
    assert [(r.title, r.date) for r in refs] == [
        ("The Harbour Plan", "1983"), ("The Kiel Symposium", "1987"),
        ("Der Plan von 1863 für Kiel", "1983")]


# ---- the work the body names at a note's marker ------------------------------------------


def test_the_body_names_the_author_and_title_at_the_marker() -> None:
    assert work_named_before("As Mr. Roe, in his History of the Harbour of Kiel,") == (
        ["Roe"], "History of the Harbour of Kiel")
    assert work_named_before("in 1701, Poe, in \u201cA Voyage to the Sound,\u201d etc.,") == (
        ["Poe"], "A Voyage to the Sound")
    assert work_named_before("of the ports, Jane Roe", " says: \u201cthe tide\u201d") == (
        ["Roe, Jane"], None)
    assert work_named_before("About the pilots. Roe,", " in speaking of the tides, says") == (
        ["Roe"], None)
    assert work_named_before("The harbour was built in Kiel,", " and it grew") is None
    assert work_named_before("according to a statement") is None


def test_a_pronoun_at_the_marker_is_the_person_the_body_named_last() -> None:
    """Older reports name a writer, then refer to him: "In his work[11] he states:", "In
    speaking of the pilots,[8] he says:"; or name him right after the marker: "another,[9]
    in which Mr. Poe, in a foot-note, affirms"."""
    lead = ("Of the harbour we know much from Mr. J. Roe, who lived there. Mr. Roe's book is the "
            "work of a lifetime. In his work")
    assert work_named_before(lead, " he states: the pilots were few") == (["Roe"], None)
    assert work_named_before("Mr. Roe was a pilot. In speaking of the tides,", " he says:") == (
        ["Roe"], None)
    assert work_named_before("This statement is followed by another,",
                             " in which Mr. Poe, in a foot-note, affirms:") == (["Poe"], None)
    assert work_named_before("The pilots were few. In speaking of the tides,", " he says:") is None


def test_a_heading_run_into_the_body_is_no_part_of_a_case_name() -> None:
    from checker.references.context import case_named_before
    assert case_named_before("I. HARBOR LITIGATION United States v. Roe,") == (
        [], "United States v. Roe")
    assert case_named_before("as held in NAACP v. Roe,") == ([], "NAACP v. Roe")


def test_notes_that_give_only_a_place_take_the_work_the_body_names(tmp_path) -> None:
    paper = tmp_path / "harbour.txt"
    paper.write_text(
        "The harbour of Kiel\n\n"
        "Mr. Roe, in his History of the Harbour of Kiel,[1] counts the ships.\n"
        "Of the pilots, Poe[2] says: they were few.\n\n"
        "Later writers differ, and Mr. Roe remarks[3] that the pilots were many.\n\n"
        "[Footnote 1: Proc. Kiel Hist. Soc., 1885, vol. 5, p. 130.]\n\n"
        "[Footnote 2: A Voyage to the Baltic Harbours, London, 1751, vol. 2, p. 47.]\n\n"
        "[Footnote 3: Op. cit., p. 25.]\n", encoding="utf-8")
    (document,) = parse_paths([str(paper)]).documents
    first, second, third = (note.references for note in document.footnotes)
    assert (first[0].title, first[0].authors, first[0].date) == (
        "History of the Harbour of Kiel", ["Roe"], "1885")
    assert (second[0].title, second[0].authors) == ("A Voyage to the Baltic Harbours", ["Poe"])
    assert third[0].ibid and third[0].title == "History of the Harbour of Kiel"


def test_a_short_form_after_a_sentence_of_commentary_with_quoted_phrases() -> None:
    refs = parse_references(
        'Historians have called these men "harbour barons," "pilot kings," and "tide '
        'lords" in ports like Kiel and Lübeck\'s "Old Harbour Guild." Roe, *Harbour '
        "Barons*, ch. 3; Poe, *Pilot Kings*.")
    assert [(r.title, r.authors) for r in refs] == [
        ("Harbour Barons", ["Roe"]), ("Pilot Kings", ["Poe"])]


def test_german_notes_with_vgl_hrsg_in_and_ebd() -> None:
    notes = notes_of(
        "Vgl. Hans Roe: Häfen und Gezeiten. Berlin 1998, S. 45.",
        "Anna Poe: Lotsen im Sund, in: Jane Dahl (Hrsg.): Die Häfen der Ostsee, München 2005, "
        "S. 101–120.",
        "Vgl. ebd., S. 103.",
        "Roe, Häfen, S. 47.")
    (book,) = notes[0].references
    assert (book.title, book.authors, book.date) == ("Häfen und Gezeiten", ["Roe, Hans"], "1998")
    (chapter,) = notes[1].references
    assert (chapter.title, chapter.authors, chapter.container, chapter.date) == (
        "Lotsen im Sund", ["Poe, Anna"], "Die Häfen der Ostsee", "2005")
    (same,) = notes[2].references
    assert same.ibid and same.title == "Lotsen im Sund"
    (short,) = notes[3].references
    assert short.ibid and short.title == "Häfen und Gezeiten"


def test_a_place_and_year_after_a_title_is_no_author_year_cite() -> None:
    refs = parse_references("Hans Roe: Häfen und Gezeiten. Berlin 1998, S. 45.")
    assert [(r.title, r.authors) for r in refs] == [("Häfen und Gezeiten", ["Roe, Hans"])]
    (sfn,) = parse_references("Roe 1998, p. 45.")
    assert (sfn.authors, sfn.date) == (["Roe"], "1998")


def test_a_volume_after_a_books_publication_bracket_keeps_it_a_book() -> None:
    (ref,) = parse_references("J. Roe, A Voyage to the Sound (London: J. Murray, 1788), vol. 2, "
                              "p. 14.")
    assert (ref.title, ref.container, ref.publisher, ref.type) == (
        "A Voyage to the Sound", None, "J. Murray", "book")


def test_a_will_named_in_full_with_its_place_is_no_author_and_title() -> None:
    (ref,) = parse_references("Will of Hannah Roe of Holtenau, Kiel (P.C.C. 1536).")
    assert (ref.title, ref.authors, ref.date) == ("Will of Hannah Roe of Holtenau, Kiel", [],
                                                 "1536")


def test_a_short_form_after_a_citation_ending_in_pages() -> None:
    refs = parse_references("'Roe of Kiel', in J. Poe (ed.), _Harbour Pedigrees_, Harbour "
                            "Society LXV (1914), p. 17. Dahl, _Baltic Ancestry_, III, p. 372.")
    assert [(r.title, r.authors) for r in refs] == [
        ("Roe of Kiel", []), ("Baltic Ancestry", ["Dahl"])]


def test_a_manuscript_named_in_a_sentence_and_its_library_shelfmark() -> None:
    (ref,) = parse_references("As shown in the _Roe Manuscript_, British Library Add. MSS. "
                              "5523, fol. 110.")
    assert (ref.title, ref.authors, ref.container) == ("Roe Manuscript", [], None)


def test_german_books_with_subtitles_editions_slashed_authors_and_colon_short_forms() -> None:
    notes = notes_of(
        "Roe, Hanna: Die Lotsen des Sundes, Tagebücher 1850–1870, Kiel ⁴1995, S. 26.",
        "Poe, Anna: Häfen im Kalten Krieg. Lotsen und Schlepper, Kiel 2021 (= Hafen und "
        "Geschichte 114).",
        "Berg, Nils/ Moe, Ute: Kursbuch Häfen, Kiel/ Lübeck, u.a. 2004, S. 7.",
        "Roe: Die Lotsen des Sundes, S. 36–37.",
        "Vgl. Poe: Häfen im Kalten Krieg, S. 12.")
    assert [(n.references[0].title, n.references[0].authors, n.references[0].container,
             n.references[0].date) for n in notes[:3]] == [
        ("Die Lotsen des Sundes, Tagebücher 1850–1870", ["Roe, Hanna"], None, "1995"),
        ("Häfen im Kalten Krieg. Lotsen und Schlepper", ["Poe, Anna"], None, "2021"),
        ("Kursbuch Häfen", ["Berg, Nils", "Moe, Ute"], None, "2004")]
    assert [(n.references[0].ibid, n.references[0].date) for n in notes[3:]] == [
        (True, "1995"), (True, "2021")]


def test_a_message_in_a_published_journal_keeps_its_own_date_and_the_journals_dates() -> None:
    (ref,) = parse_references(
        "Message of the Harbour Master, May 4, 1863, *Journal of the Harbour Board, Regular "
        "Session, March 3, 1863 - June 16, 1863,* ed. Jane Roe (Kiel: Nord, 1965), 11.")
    assert (ref.title, ref.container, ref.date) == (
        "Message of the Harbour Master",
        "Journal of the Harbour Board, Regular Session, March 3, 1863 - June 16, 1863",
        "1863-05-04")


def test_a_chapter_in_a_book_its_editors_named_before_it_and_an_online_edition() -> None:
    (chapter,) = parse_references('Jane Roe, "Pilots and Tolls," in Poe and Dahl, ed., *Baltic '
                                  'Wests*, 118-138.')
    assert (chapter.title, chapter.container) == ("Pilots and Tolls", "Baltic Wests")
    (online,) = parse_references("*Annual Message of the Harbour Master, January 1865*, "
                                 "electronic edition at Harbour Texts Online, "
                                 "<https://texts.example.org/kiel/1865.html>.")
    assert online.container == "Harbour Texts Online"


def test_a_report_named_by_its_kind_runs_to_its_date() -> None:
    refs = parse_references(
        "Jane Roe to John Poe, June 1, 1863, Roe Papers; Report of Harbour Master about "
        "Pilots of Jane Roe, Sr., May 7, 1863, Roe Papers, A-17-B, "
        "[Item 12](https://archive.example.org/items/12).")
    assert [(r.title, r.authors, r.date) for r in refs][1] == (
        "Report of Harbour Master about Pilots of Jane Roe, Sr.", [], "1863-05-07")


def test_quoted_in_a_short_form_after_a_quotation_then_see_a_document() -> None:
    refs = parse_references(
        "Ann Roe, \u201cThe Harbour Menace,\u201d Baltic Quarterly (July-Sept., 1914): 224-225. "
        "In 1901 the harbour council asked the board to stop granting permits to pilots. "
        "Quoted in Poe, Harbour Pilots of the North, 373. See \u201cPetition of the "
        "Harbour Council,\u201d May 10, 1901, Box 780, Kiel City Archive.")
    assert [(r.title, r.authors) for r in refs] == [
        ("The Harbour Menace", ["Roe, Ann"]), ("Harbour Pilots of the North", ["Poe"]),
        ("Petition of the Harbour Council", [])]


def test_an_interview_or_contract_with_a_named_person_is_a_record_not_a_conversation() -> None:
    refs = parse_references('"Pilots Strike," *Harbour Gazette*, May 3, 1907; interview with '
                            "Jan Poe, Kiel Oral History Project, Kiel University, 1-3.")
    assert [(r.title, r.container) for r in refs] == [
        ("Pilots Strike", "Harbour Gazette"),
        ("interview with Jan Poe", "Kiel Oral History Project")]
    (contract,) = parse_references("See, for example, contract with Jan Poe, 1895.")
    assert (contract.title, contract.date) == ("contract with Jan Poe", "1895")
    assert parse_references("Author interview with a harbour official, May 2019.") == []


def test_an_old_title_with_its_alternative_after_or() -> None:
    (ref,) = parse_references("Roe, The Harbour Pilot; or, the art of bringing ships safely "
                              "into port in a short time by a new and easy method. Kiel: Nord. "
                              "See No. 45.")
    assert ref.title == ("The Harbour Pilot; or, the art of bringing ships safely into port in "
                         "a short time by a new and easy method")
    assert ref.authors == ["Roe"]


def test_a_date_written_in_quotes_on_a_letter_is_no_title() -> None:
    assert parse_references('In a trembling hand,--"May 14, 1827."') == []


def test_an_italic_title_with_its_author_after_it_in_commentary() -> None:
    refs = parse_references(
        "Two volumes are planned, *The Pilots of the Sound: The Age of Jan Poe*, to be written "
        "by Ann Dahl, and *Harbour Tolls* by Jan Berg, and will cover the period.")
    assert [(r.title, r.authors) for r in refs] == [
        ("The Pilots of the Sound: The Age of Jan Poe", ["Dahl, Ann"]),
        ("Harbour Tolls", ["Berg, Jan"])]


def test_see_also_an_article_after_a_short_form() -> None:
    refs = parse_references(
        'Roe, "The Harbour Region," 82-83. See also Jan Poe, "A Different Harbour: Pilots and '
        'Tolls," *Baltic Historian* 29 (March 1982): 34-45.')
    assert [(r.title, r.container, r.date) for r in refs] == [
        ("The Harbour Region", None, None),
        ("A Different Harbour: Pilots and Tolls", "Baltic Historian", "1982-03")]


def test_a_comment_after_a_semicolon_is_not_merged_into_the_work():
    # three lower-case words or more after the work: the writer's comment, read apart
    text = ("*Encyklopedia wiedzy o książce*, Wrocław-Warszawa-Kraków 1971, s. 7, s. 1900; "
            "encyklopedia wyszczególnia nowy typ plakatu; plakat biblioteczny.")
    assert [(r.title, r.date) for r in parse_references(text)] == \
        [("Encyklopedia wiedzy o książce", "1971")]
    # a short piece without a signature still goes with the work before it
    [work] = parse_references("Jane Roe, *Harbour Lights* (London: Hurst, 2010), 12; and others.")
    assert (work.title, work.date) == ("Harbour Lights", "2010")


def test_a_prose_lead_before_an_italic_title_french_colon_included():
    text = ("Dans deux poèmes qui ont toutes les apparences de textes de piété : *La Passion de "
            "nostre Seigneur, en vers burlesques*, Paris, 1649 ; *Extase de la France*, Paris, "
            "1649.")
    assert [(r.title, r.date) for r in parse_references(text)] == \
        [("La Passion de nostre Seigneur, en vers burlesques", "1649"),
         ("Extase de la France", "1649")]
    # a longer lead before a quotation is still prose (the quotation no work)
    assert parse_references("To quote some graffiti seen on a Cambridge building wall: “Time "
                            "is a device that was invented to keep everything from happening "
                            "at once.”") == []


def test_a_name_and_an_italic_title_named_in_a_sentence():
    text = ("The idea that the culture of the early modern port was oriented to its past is "
            "developed at length in Roe and Poe, *Harbour Imagination in Early Modern Kiel, "
            "1500– 1800.* J. R. Doe has also written books that explore the sensibility of the "
            "port including *The Idea of Harbours* and *The Circulation of the Tides.* Also "
            "relevant are older studies: T. D. Kane, *British Harbours*; F. Smith Lowe, *The "
            "Harbour Revolution: Writing and Thought, 1580–1640*.")
    assert [(r.title, r.authors) for r in parse_references(text)] == [
        ("Harbour Imagination in Early Modern Kiel, 1500– 1800", ["Roe", "Poe"]),
        ("British Harbours", ["Kane, T. D."]),
        ("The Harbour Revolution: Writing and Thought, 1580–1640", ["Lowe, F. Smith"])]
    # a whole citation in a sentence stays the splitter's, its publication kept
    [work] = parse_references("An example of such a study is Michael Lienesch, *In the "
                              "Beginning* (Chapel Hill: Harbour Press, 2007).")
    assert (work.title, work.authors, work.date) == (
        "In the Beginning", ["Lienesch, Michael"], "2007")


@pytest.mark.parametrize(("text", "title"), [
    ("Jean Dupont, *Histoire de la Fronde*, Paris, Gallimard, 1990, p. 12.",
     "Histoire de la Fronde"),
    ("*La Passion*, Paris, chez la veuve Jean Rémy, 1649.", "La Passion"),
    ("John Speed. *The History of Great Britaine.* London, 1611. 608.",
     "The History of Great Britaine"),
    ("A. Nowak, *Dzieje portu*, Wrocław-Warszawa-Kraków, Ossolineum, 1971, s. 7.",
     "Dzieje portu"),
])
def test_a_city_books_are_published_in_is_no_outlet(text, title):
    # "Title, Place, Publisher, Year", as European imprints print it: a book, no container
    [work] = parse_references(text)
    assert (work.title, work.container, work.type) == (title, None, "book")
    # a name that is no such city stays the outlet
    [article] = parse_references("Jane Roe, *Tides*, Le Monde, 2019.")
    assert article.container == "Le Monde"


def test_emphasis_marks_never_reach_a_title_even_around_underscores():
    # the bibliography would print the stars ("le fichier *roe_list.ods*")
    [work] = parse_references("Roe, le fichier *roe_liste_des_ports.ods*, 2020.")
    assert work.title == "le fichier roe_liste_des_ports.ods"


@pytest.mark.parametrize("text", [
    "Jane Roe, “The Harbour,” in “Essays on Ports,” ed. John Poe (Kiel: Nord, 2001), 12.",
    "J. Roe, 'The Harbour', in 'Essays on Ports' (PhD Dissertation, University of Kiel, 2001).",
])
def test_a_book_named_in_quotation_marks_after_in_is_the_chapters_container(text):
    [chapter] = parse_references(text)
    assert (chapter.title, chapter.container, chapter.type) == (
        "The Harbour", "Essays on Ports", "chapter")
