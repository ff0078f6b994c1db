"""Citation shapes of real notes beyond the sample papers: commentary mixed with citations,
publishers kept apart from containers, legal and government citations, back-references,
web citations with access dates, German and Russian books. Fixtures written for these tests.
"""

from __future__ import annotations

from checker.references import parse_references


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
