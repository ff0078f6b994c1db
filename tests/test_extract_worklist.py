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


HANGING = """\
Body.

Works Cited
Adelman,Janet. "Anger's my meat": Feeding and Aggression in Coriolanus." Repre-
senting Shakespeare. Ed. Murray M. Schwartz. Baltimore:Johns Hopkins UP, 1980. Print.
Bentley, Gerald Eades. The Profession of Dramatist in Shakespeare's Time. Princeton:
Princeton University Press, 1971. Print.
[page 188]
WORKS CITED
Grafton, Anthony. Defenders of the Text. Cambridge, MA: Harvard University Press, 1991.
Print.
–––.What Was History? Cambridge: Cambridge University Press, 2007. Print.
"""


def test_a_pdfs_list_without_blank_lines_is_split_at_each_authors_name() -> None:
    """A PDF's text loses a list's hanging indents: its entries follow each other line after
    line, and each opens with its author's name ("Adelman,Janet." as the text has it) or the
    dashes of the same author again; a place ("Cambridge, MA:") opens none."""
    assert listed_works(HANGING, set()) == [
        "Adelman,Janet. \"Anger's my meat\": Feeding and Aggression in Coriolanus.\" Repre-"
        "senting Shakespeare. Ed. Murray M. Schwartz. Baltimore:Johns Hopkins UP, 1980. Print.",
        "Bentley, Gerald Eades. The Profession of Dramatist in Shakespeare's Time. Princeton: "
        "Princeton University Press, 1971. Print.",
        "Grafton, Anthony. Defenders of the Text. Cambridge, MA: Harvard University Press, "
        "1991. Print.",
        "–––.What Was History? Cambridge: Cambridge University Press, 2007. Print.",
    ]


MLA = """\
The players were owned by their companies.[^1] Histories sold well.[^2] Grafton disagrees.[^3]
Stirling wrote on the populace.[^4] So did others.[^5]

[^1]: See Bentley (264–292) on the ownership of play texts.
[^2]: See Bouwsma, 112ff.
[^3]: See Grafton.
[^4]: William Stirling on the crowd.
[^5]: According to Bentley, for example, the companies kept them.

Works Cited

Bentley, Gerald Eades. The Profession of Dramatist in Shakespeare's Time. Princeton:
Princeton University Press, 1971. Print.

Bouwsma, William James. The Waning of the Renaissance, 1550-1640. New Haven: Yale UP, 2000.

Grafton, Anthony. Defenders of the Text. Cambridge, MA: Harvard University Press, 1991.

–––. What Was History? Cambridge: Cambridge University Press, 2007. Print.

Stirling, Brents. The Populace in Shakespeare. New York: Columbia UP, 1949. Print.
"""


def test_a_source_named_by_its_author_alone_is_the_listed_work_of_that_author() -> None:
    """MLA: "See Bouwsma, 112ff." points to the one work by Bouwsma in the works cited. Not
    when the list has two by that author (the dashes of "–––." are Grafton again), nor when
    the note's given name is another's ("William Stirling" is not "Stirling, Brents")."""
    doc = Document(path="paper.md", id="paper", text=MLA, format="markdown")
    parse_document(doc)
    titles = {note.number: [ref.title for ref in note.references] for note in doc.footnotes}
    assert titles == {
        1: ["The Profession of Dramatist in Shakespeare's Time"],
        2: ["The Waning of the Renaissance"],
        3: [],
        4: [],
        5: ["The Profession of Dramatist in Shakespeare's Time"],
    }
    assert doc.footnotes[1].references[0].authors == ["Bouwsma, William James"]


SHORT_TITLES = """\
History was read.[^1] And written.[^2]

[^1]: See Woolf, *Idea of History*, 200–42.
[^2]: Greg, *Bibliography*, 12.

Works Cited

Greg, W. W. A Bibliography of the English Printed Drama to the Restoration. London:
Bibliographical Society, 1939.

Woolf, D. R. Reading History in Early Modern England. Cambridge: Cambridge University Press,
2000.

–––.The Idea of History in Early Stuart England. Toronto: University of Toronto Press, 1990.
"""


def test_a_short_title_is_the_listed_work_of_its_author_with_initials_and_dashes() -> None:
    """"Woolf, D. R. Title." gives the author his initials (not the title), and "–––.Title"
    is Woolf's again without the dashes in the title: "Woolf, *Idea of History*" is then the
    second of Woolf's works, in full."""
    doc = Document(path="paper.md", id="paper", text=SHORT_TITLES, format="markdown")
    parse_document(doc)
    assert [(ref.title, ref.authors, ref.date) for note in doc.footnotes
            for ref in note.references] == [
        ("The Idea of History in Early Stuart England", ["Woolf, D. R."], "1990"),
        ("A Bibliography of the English Printed Drama to the Restoration", ["Greg, W. W."],
         "1939")]


NAMED_IN_FULL = """\
The past was read anew.[^1] Sources mattered.[^2] Others agreed.[^3]

[^1]: Peter Burke provides a comprehensive introduction to the discovery of anachronism.
[^2]: Geoffrey Bullough thinks the play drew on Plutarch (Bullough 6:24).
[^3]: Peter Roe argues the same, but Roe wrote nothing of it.

Works Cited

Bullough, Geoffrey. Narrative and Dramatic Sources of Shakespeare. London: Routledge, 1957.

Burke, Peter. The Renaissance Sense of the Past. London: Edward Arnold, 1969.

Roe, Jane. Harbour Songs. Kiel: Nord, 2001.
"""


def test_a_note_opening_with_an_authors_full_name_names_the_listed_work() -> None:
    """"Peter Burke provides ..." opening a note with no citation of its own: the one listed
    work of Burke, Peter. Not when the given name is another's ("Peter Roe" is not "Roe,
    Jane")."""
    doc = Document(path="paper.md", id="paper", text=NAMED_IN_FULL, format="markdown")
    parse_document(doc)
    assert [[(ref.title, ref.authors) for ref in note.references] for note in doc.footnotes] \
        == [[("The Renaissance Sense of the Past", ["Burke, Peter"])],
            [("Narrative and Dramatic Sources of Shakespeare", ["Bullough, Geoffrey"])],
            []]


MLA_PARENTHESES = """\
The plays sold poorly.[^1] History was new.[^2] Twice.[^3]

[^1]: Selling them was hardly a road to riches: “No more than one play in five would have
    returned the investment” (Blayney 383– 422).
[^2]: “Bis zum 18. Jahrhundert bleibt die Verwendung unseres Ausdrucks ein Indiz” (Koselleck,
    *Vergangene Zukunft* 40).
[^3]: Geoffrey Bullough thinks the play drew on Plutarch (Bullough 6:24).

Works Cited

Blayney, Peter W. M. The Publication of Playbooks. New York: Columbia UP, 1997.

Bullough, Geoffrey. Narrative and Dramatic Sources of Shakespeare. London: Routledge, 1957.

Koselleck, Reinhart. Futures Past. Cambridge, MA: MIT Press, 1985.

–––.Vergangene Zukunft: Zur Semantik geschichtlicher Zeiten. Frankfurt: Suhrkamp, 1979.
"""


def test_mla_parenthetical_citations_point_to_the_listed_work() -> None:
    """"(Blayney 383–422)": the one listed work of Blayney; "(Koselleck, *Vergangene Zukunft*
    40)": the one of Koselleck's two whose title the short title opens; a work named in
    full and again in a parenthesis is one reference."""
    doc = Document(path="paper.md", id="paper", text=MLA_PARENTHESES, format="markdown")
    parse_document(doc)
    assert [[ref.title for ref in note.references] for note in doc.footnotes] == [
        ["The Publication of Playbooks"],
        ["Vergangene Zukunft: Zur Semantik geschichtlicher Zeiten"],
        ["Narrative and Dramatic Sources of Shakespeare"]]


ONE_NAME_IN_MLA = """\
The past was a teacher.[^1]

[^1]: As Cicero has it (Cicero 2.36).

Works Cited

Chernaik, Warren. The Myth of Rome in Shakespeare. Cambridge: Cambridge University Press, 2011.
Print.
Cicero. De oratore. Vol. 1. Trans. E. W. Sutton. Harvard University Press, 1979. Print.
"""


def test_an_mla_entry_ends_with_its_medium_and_one_name_opens_the_next() -> None:
    """A PDF's works list run together: "Print." ends Chernaik's entry, and "Cicero." opens
    one of its own, whose one name is its author's (the publisher and year follow)."""
    doc = Document(path="paper.md", id="paper", text=ONE_NAME_IN_MLA, format="markdown")
    parse_document(doc)
    (work,) = doc.footnotes[0].references
    assert (work.title, work.authors, work.date) == ("De oratore", ["Cicero"], "1979")
