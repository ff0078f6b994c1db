"""The document's own list of works, and short notes resolved to it."""

from __future__ import annotations

from checker.extract.worklist import listed_works
from checker.model import Document
from checker.parse import parse_document

PAPER = """\
Testland joined the customs union in 2015.[1] Relations soured.[2] Trade fell.[3]

References

1. ^ Smith 2010, p. 5.
2. ^ Petrov & Ivanova 2018, pp. 12–14.
3. ^ Smith 2010, p. 9.

Sources

* Smith, John (2010). The Customs Union and Its Neighbours. London: Harbor Press.
* Petrov, Ivan; Ivanova, Anna (2018). "Trade after the union". Journal of Regional
  Studies. 12 (3): 10–25.
* An entry without a year is of no use to an author-date note.

External links

* Statistics portal, 2020.
"""


def test_the_entries_under_a_bibliography_heading_are_listed_not_the_notes() -> None:
    notes = {5, 6, 7}
    assert listed_works(PAPER, notes) == [
        "Smith, John (2010). The Customs Union and Its Neighbours. London: Harbor Press.",
        'Petrov, Ivan; Ivanova, Anna (2018). "Trade after the union". Journal of Regional '
        "Studies. 12 (3): 10–25.",
    ]


def test_paragraph_entries_open_with_a_capital_after_a_blank_line() -> None:
    text = ("Body.\n\nBibliography\n\nRoe, Ann. Harbors. Boston: Tide Press,\n1999.\n\n"
            "Poe, Ben. Ships. London: Keel, 2001.\n")
    assert listed_works(text, set()) == ["Roe, Ann. Harbors. Boston: Tide Press, 1999.",
                                         "Poe, Ben. Ships. London: Keel, 2001."]


def test_author_date_notes_take_the_full_work_from_the_documents_list() -> None:
    doc = Document(path="paper.txt", id="paper", text=PAPER, format="text")
    parse_document(doc)
    first, second, third = (note.references[0] for note in doc.footnotes)
    assert (first.title, first.authors, first.date) == (
        "The Customs Union and Its Neighbours", ["Smith, John"], "2010")
    assert (second.title, second.container) == ("Trade after the union",
                                                "Journal of Regional Studies")
    assert third.title == first.title
    assert [note.number for note in doc.footnotes] == [1, 2, 3]  # the list adds no notes
