"""Authors: who a citation names, in the forms real notes print them (cases written for these
tests, not taken from any document)."""

from __future__ import annotations

import pytest

from checker.references.authors import is_organisation, organisation_name, parse_authors
from checker.references.fields import parse_citation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a suffix after a name written given name first is the suffix, not a given name
        ("Harriet Louise Tolliver, Jr.", ["Tolliver, Harriet Louise Jr."]),
        ("Tolliver, Harriet, Jr.", ["Tolliver, Harriet Jr."]),
        # "Ben" is a given name before a family name (as a particle it needs one after it)
        ("Ben Abernathy", ["Abernathy, Ben"]),
        # forms of address and offices are not part of the name
        ("Sen. Marta Ilves", ["Ilves, Marta"]),
        ("Dr. Oskar Lindqvist and Prof. Ada Reyes", ["Lindqvist, Oskar", "Reyes, Ada"]),
        ("Sir Walter Pemberton", ["Pemberton, Walter"]),
        # a converter's link around each name
        ("[Okafor, Chidi](/wiki/Chidi_Okafor); [Lena Marsh](/wiki/Lena_Marsh)",
         ["Okafor, Chidi", "Marsh, Lena"]),
        ("Drew Halvorsen", ["Halvorsen, Drew"]),  # "Dr" only as a word of its own
        # initials before a name share its family name
        ("K. & K.L. Marsh", ["Marsh, K.", "Marsh, K.L."]),
        # German lists: a slash and "und"
        ("Hanna Vogt/ B. und C. Lindner", ["Vogt, Hanna", "Lindner, B.", "Lindner, C."]),
    ],
)
def test_names(text, expected):
    assert parse_authors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U.S. Coast Guard", True),  # a country's abbreviation, not a person's initials
        ("U.K. Met Office", True),
        ("Friends of the Lakes", True),
        ("Institut für Küstenforschung", True),
        ("Министерство сельского хозяйства", True),  # sentence case is Russian's title case
        # sentences are not institutions, whatever small words they hold
        ("An overview of the debate is given in the", False),
        ("Council roll call vote 12", False),
        ("Reader review on example.com", True),  # a site's name is not a prose word
    ],
)
def test_organisation_or_sentence(text, expected):
    assert is_organisation(text) is expected


def test_organisation_keeps_its_abbreviation():
    assert organisation_name("Office for Coastal Statistics (OCS)") == \
        "Office for Coastal Statistics (OCS)"
    assert organisation_name("Northern Fisheries (NF) Council, ") == \
        "Northern Fisheries (NF) Council"
    ref = parse_citation('Agency for Harbour Safety (AHS), "Annual Incident Review," '
                         "May 3, 2021, https://example.org/review")
    assert ref is not None and ref.authors == ["Agency for Harbour Safety (AHS)"]


def test_a_back_link_before_the_names_goes_with_its_brackets():
    ref = parse_citation('[Jump up to: a b](#cite_ref-4) Okafor, Chidi (12 May 2010). '
                         '"Harbour Lights". The Coastal Courier.')
    assert ref is not None and ref.authors == ["Okafor, Chidi"]


def test_titles_of_address_before_several_family_names():
    ref = parse_citation('Sens. Holloway and Quist, "Remarks on Section 12," Congressional '
                         "Record, vol. 170 (March 3, 2024), p. S12.")
    assert ref is not None and ref.authors == ["Holloway", "Quist"]


def test_prose_before_a_quote_is_not_an_author():
    ref = parse_citation('A useful account of the "harbour question" is in the report.')
    assert ref is None or ref.authors == []


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ('On convict labour, see Harriet Tolliver, *Chains and Roads* (Boston: Fenn, 1990), 4.',
         ["Tolliver, Harriet"]),
        ("The fullest account is Oskar Lindqvist, *Harbour Lights* (Kiel: Nord, 1971).",
         ["Lindqvist, Oskar"]),
        ("Winter term, 1601: J. Pemberton, *Register of the Inn* (London 1890), p. 2.",
         ["Pemberton, J."]),
        ('Source: Ada Reyes, "Afterword", in: *Songs of the Quay* (Kiel: Nord, 1999).',
         ["Reyes, Ada"]),
    ],
)
def test_names_after_a_sentence_that_leads_into_the_work(text, authors):
    ref = parse_citation(text)
    assert ref is not None and ref.authors == authors


def test_a_periodical_before_the_title_is_where_it_appeared():
    ref = parse_citation("Dunmore Law Review, *Harbour Towns*, 17.")
    assert ref is not None and ref.authors == [] and ref.container == "Dunmore Law Review"


def test_a_place_glued_to_a_newspapers_name_is_no_author():
    ref = parse_citation("Dunmore *Weekly Clarion*, October 7, 1864.")
    assert ref is not None and ref.authors == [] and ref.date == "1864-10-07"


def test_names_joined_by_with():
    assert parse_authors("Ada Reyes with assistance from Oskar Lindqvist") == \
        ["Reyes, Ada", "Lindqvist, Oskar"]
    assert parse_authors("Ada Reyes with Oskar Lindqvist") == ["Reyes, Ada", "Lindqvist, Oskar"]


@pytest.mark.parametrize(
    "text", ["Annual Report", "Congressional Edition", "Coastal Narratives", "Harbour Review",
             "Ada Reyes, The Quiet Harbours", "Ada Reyes, Why Ports Fail"])
def test_document_words_make_no_person(text):
    assert parse_authors(text) == []


# ---- which date a reference gets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the edition cited, not the first one
        ("Jane Roe, *Harbour Songs* (Kiel: Nordverlag, 1961, second edition 1964), 12.", "1964"),
        ("Jane Roe, *Harbour Songs*. Kiel: Nordverlag, 1961; repr. 1990.", "1990"),
        # a work in volumes published over years: from its first year
        ("John Poe (ed.), *Pedigrees of the Coast*, 2 vols (1878, 1879), I, p. 8.", "1878"),
        # "n.d." says the work has no date: a year in its name is none
        ("Harbour Board, 1950 Survey of the Docks, n.d., harbour.example.org", None),
        # a court's district is not "n.d."
        ("Roe v. Poe, No. 12-345 (N.D. Cal. 2019).", "2019"),
    ],
)
def test_the_date_a_reference_gets(text, date):
    ref = parse_citation(text)
    assert ref is not None and ref.date == date


def _resolved(*texts: str) -> list:
    from checker.model import Footnote
    from checker.references import parse_references
    from checker.references.backrefs import resolve_backreferences

    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    for note in notes:
        note.references = parse_references(note.text)
    resolve_backreferences(notes)
    return [note.references[0] for note in notes]


def test_a_short_form_with_its_outlet_takes_the_full_citations_date():
    full, short, other = _resolved(
        "K.L. Marsh, 'Quay, Anne (1601–40), of Dunmore', in P. Roe (ed.), *The Harbour "
        "Rolls: Masters 1550–1650* (Nord Press, 1977), online.",
        "Marsh, 'Quay, Anne', *Harbour Rolls Online*.",
        "Marsh, 'Quay, Anne', *Coastal Quarterly*.",  # another outlet: another work
    )
    assert short.ibid and short.date == "1977" and short.title == full.title
    assert not other.ibid


def test_a_short_title_may_leave_out_words_of_the_full_one():
    full, short = _resolved(
        "W. Pemberton, *The Registers of the Parish of Dunmore in Kent, 1538–1812* "
        "(London 1911), p. 4.",
        "Pemberton, *Registers of Dunmore*, p. 9.",
    )
    assert short.ibid and short.date == full.date == "1911"


def test_a_book_cited_after_a_chapter_of_it_takes_its_date():
    chapter, book, journal_item = _resolved(
        'Ada Reyes, "Afterword," in *Songs of the Quay*, ed. Ada Reyes (Kiel: Nord, 1999), 3.',
        "Reyes, *Songs of the Quay*, 12.",
        "Harbour Law Review, *Songs*, 5.",  # two words and no name: not enough to say
    )
    assert chapter.date == "1999" and book.date == "1999" and journal_item.date is None


def test_a_german_author_list_leads_a_citation():
    from checker.references import parse_references

    (ref,) = parse_references("Hanna Vogt/ B. und C. Lindner, Werkzeuge der Vorzeit, Schriften "
                              "des Museums, Band 12, Kiel, 2009, S. 13")
    assert ref.authors == ["Vogt, Hanna", "Lindner, B.", "Lindner, C."] and ref.date == "2009"


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("From Ada Reyes's \"Harbour Lights\" speech, 1901.", ["Reyes, Ada"]),
        ("Oskar Lindqvist's interview with the pilots, entitled \"Night Tides\", in: "
         "*Harbour Review*, issue 4.", ["Lindqvist, Oskar"]),
        ("The Court's \"harbour rule\" stands.", []),  # an institution's, not a writer's
    ],
)
def test_the_writer_named_as_the_works_owner(text, authors):
    ref = parse_citation(text)
    assert ref is None or ref.authors == authors


def test_a_citation_is_no_institution():
    # italics or "Place: Publisher" in the text before a title: never an author's name
    assert not is_organisation("Ada Reyes and Oskar Lindqvist , *The Harbour of the Past*, "
                               "Kiel: Nord")


def test_a_letter_to_a_body_is_dated_by_the_letter():
    ref = parse_citation("Sir Walter Pemberton to the Harbour Council, 6 September 1601, in "
                         "K. Marsh (ed.), *Papers of the Port* (London 1872), p. 12.")
    assert ref is not None and ref.authors == ["Pemberton, Walter"]
    assert ref.title == "Sir Walter Pemberton to the Harbour Council"
    assert ref.date == "1601-09-06"


def test_a_year_range_in_a_title_leaves_the_sentence_end():
    ref = parse_citation("Roe, Jane. Harbours of the North, 1850–1920. Kiel: Nord Press, 1999.")
    assert ref is not None and ref.date == "1999"


def test_a_list_of_family_given_pairs_is_people_whatever_the_words():
    assert parse_authors("Press, WH; Roe, JA; Poe, K") == ["Press, WH", "Roe, JA", "Poe, K"]


def test_an_edition_only_mentioned_is_not_the_one_cited():
    ref = parse_citation("Roe, Jane, *Tides*, 2nd ed., Nord Press, 1872. "
                         "[See also: Dover edition 1960].")
    assert ref is not None and ref.date == "1872"


def test_a_name_in_a_list_is_not_read_alone():
    from checker.references.authors import trailing_authors

    assert trailing_authors("Press, WH; Roe, JA; Poe, K") == []


def test_a_ditto_dash_repeats_the_previous_author():
    first, second = _resolved(
        "Ada Reyes, *Songs of the Quay* (Kiel: Nord, 1999), 3.",
        "———, *Tides of the Quay* (Kiel: Nord, 2004), 12.",
    )
    assert second.authors == first.authors == ["Reyes, Ada"] and second.date == "2004"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REYES Ada", ["Reyes, Ada"]),  # a family name in capitals (French lists)
        ("LINDQVIST Oskar et REYES Ada", ["Lindqvist, Oskar", "Reyes, Ada"]),
        ("Mei-ling TSANG", ["Tsang, Mei-ling"]),
        ("R.J.W. Pemberton", ["Pemberton, R.J.W."]),  # initials are no capitals family
        ("NASA Technical Reports", []),
        ("Lindqvist, O., Reyes, AM., Marsh, K.", ["Lindqvist, O.", "Reyes, AM.", "Marsh, K."]),
        ("Reyes, Ada. 2013a.", ["Reyes, Ada"]),  # author-date with a letter after the year
        ("USA Today", []),
        ("12. Reyes, A., and Lindqvist, O.", ["Reyes, A.", "Lindqvist, O."]),  # list number
    ],
)
def test_more_name_forms(text, expected):
    assert parse_authors(text) == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Reyes, A. (2001). Harbour songs. Kiel: Nord. (Original work published 1953)", "2001"),
        ("Reyes, A., & Marsh, K. (2015). Tides and ports. Harbour Studies, 1847(11), 14-47.",
         "2015"),
    ],
)
def test_author_date_styles_date_the_work_after_the_names(text, date):
    ref = parse_citation(text)
    assert ref is not None and ref.date == date


def test_a_notes_author_before_a_title_with_a_colon():
    ref = parse_citation("Lynne Reyes, Bookstore: The Life of a Quay Shop (New York: Harcourt "
                         "Brace, 1999), xxii.")
    assert ref is not None and ref.authors == ["Reyes, Lynne"] and ref.date == "1999"
    german = parse_citation("Reyes, Ada: Häfen und Gezeiten. Kiel 1998, S. 45.")
    assert german is not None and german.authors == ["Reyes, Ada"] and german.date == "1998"
