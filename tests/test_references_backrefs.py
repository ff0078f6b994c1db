"""Ibid., Op. cit., short forms and "supra note N": notes that point to another note's work."""

import time

from checker.model import Footnote
from checker.references import (
    BackReferenceResolver,
    parse_footnotes,
    parse_references,
    resolve_backreferences,
)


def notes_of(*texts: str) -> list[Footnote]:
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    for note in notes:
        note.references = parse_references(note.text)
    resolve_backreferences(notes)
    return notes


BOOK = ("Alexander Cooley and John Heathershaw, *Dictators Without Borders: Power and Money in "
        "Central Asia* (New Haven: Yale University Press, 2017), 87.")
ARTICLE = ('Roman Muzalevsky, "Kazakhstan\'s Foreign Policy," *Eurasia Daily Monitor* 9, no. 45 '
           "(March 6, 2012).")


def test_ibid_points_to_the_previous_note() -> None:
    notes = notes_of(BOOK, "Ibid., 90.", ARTICLE, "Ibid.", "Ibidem, 12.", "Id. at 4.")
    assert notes[1].references[0].title.startswith("Dictators Without Borders")
    for note in notes[3:]:
        (ref,) = note.references
        assert ref.ibid and ref.title == "Kazakhstan's Foreign Policy"
        assert ref.raw == note.text
    assert not notes[0].references[0].ibid


def test_ibid_means_the_last_work_of_a_note_with_several() -> None:
    notes = notes_of('"First," kun.uz, May 5, 2020; "Second," gazeta.uz, May 6, 2020.', "Ibid.")
    assert notes[1].references[0].title == "Second"


def test_ibid_skips_an_explanatory_note_and_is_empty_at_the_start() -> None:
    notes = notes_of("Ibid.", ARTICLE, "The argument is developed further below.", "Ibid., 3.")
    assert notes[0].references == []
    assert notes[2].references == []
    assert notes[3].references[0].title == "Kazakhstan's Foreign Policy"


def test_ibid_in_other_languages() -> None:
    notes = notes_of(ARTICLE, "Там же. С. 45.", "Ebenda, S. 3.")
    assert all(n.references[0].ibid for n in notes[1:])


def test_op_cit_points_to_the_authors_latest_work() -> None:
    notes = notes_of(ARTICLE, BOOK, "Muzalevsky, op. cit., p. 3.", "Heathershaw, op. cit., 12.")
    assert notes[2].references[0].title == "Kazakhstan's Foreign Policy"
    assert notes[3].references[0].title.startswith("Dictators Without Borders")


def test_short_forms() -> None:
    notes = notes_of(
        BOOK,
        ARTICLE,
        "Cooley and Heathershaw, *Dictators Without Borders*, 90.",
        'Muzalevsky, "Kazakhstan\'s Foreign Policy."',
        "Cooley and Heathershaw, Dictators Without Borders, 91.",
    )
    for number in (3, 4, 5):
        (ref,) = notes[number - 1].references
        assert ref.ibid, number
    assert notes[2].references[0].date == "2017"
    assert notes[3].references[0].container == "Eurasia Daily Monitor"


def test_a_short_form_of_another_author_is_not_resolved() -> None:
    notes = notes_of(ARTICLE, 'Smith, "Kazakhstan\'s Foreign Policy," 4.')
    assert not notes[1].references[0].ibid


def test_supra_note() -> None:
    notes = notes_of(BOOK, ARTICLE, "Cooley, supra note 1, at 45.", "See note 2 above.")
    assert notes[2].references[0].title.startswith("Dictators Without Borders")
    assert notes[3].references[0].title == "Kazakhstan's Foreign Policy"


def test_copies_are_independent_of_the_original() -> None:
    notes = notes_of(ARTICLE, "Ibid.")
    notes[1].references[0].authors.append("Someone, Else")
    assert notes[0].references[0].authors == ["Muzalevsky, Roman"]


def test_resolving_in_runs_of_notes_is_resolving_at_once() -> None:
    """A large document's notes are resolved a parsed chunk at a time: Ibid., op. cit., short
    forms and supra notes reach back across the runs."""
    texts = [BOOK, "Ibid., 90.", ARTICLE, "Cooley and Heathershaw, *Dictators Without Borders*, 9.",
             "Muzalevsky, op. cit., 3.", "Ibid.", "See note 3 above.", BOOK, "Ibid., 91."]
    whole = notes_of(*texts)
    parts = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    for note in parts:
        note.references = parse_references(note.text)
    resolver = BackReferenceResolver()
    for start, end in ((0, 1), (1, 4), (4, 5), (5, 9)):
        resolver.feed(parts[start:end])
    assert [note.references for note in parts] == [note.references for note in whole]
    assert all(note.references for note in parts)
    assert [ref.ibid for note in parts for ref in note.references] == [
        False, True, False, True, True, True, True, False, True]


def test_author_date_cites_point_to_the_work_of_that_author_and_year() -> None:
    notes = notes_of(
        BOOK, ARTICLE,
        "See Cooley and Heathershaw (2017, p. 12) and Muzalevsky (2012).",
        "Muzalevsky (2011), 4.",  # no work of that year: kept as cited, for the audit
    )
    (book, article) = notes[2].references
    assert book.ibid and book.title.startswith("Dictators Without Borders")
    assert article.ibid and article.title == "Kazakhstan's Foreign Policy"
    (unknown,) = notes[3].references
    assert not unknown.ibid and unknown.authors == ["Muzalevsky"] and unknown.date == "2011"
    assert unknown.title is None


def test_parse_footnotes_fills_and_resolves() -> None:
    notes = [Footnote(1, 1, ARTICLE), Footnote(2, 2, "Ibid., 7.")]
    parse_footnotes(notes)
    assert notes[1].references[0].ibid


def test_resolving_stays_linear() -> None:
    """Short forms and op. cit. on every few notes of a long document: no quadratic scan."""
    texts = []
    for number in range(6000):
        family = "Mac" + "".join(chr(97 + int(d)) for d in str(number % 97))
        texts.append(f'Jan {family}, "Title number {number} of works," *Review*, May 5, 2020.')
        if number % 3 == 0:
            texts.append(f"{family}, *Title number {number}*, 4.")
        if number % 5 == 0:
            texts.append(f"{family}, op. cit., 9.")
    notes = [Footnote(n, n, t, references=parse_references(t))
             for n, t in enumerate(texts, start=1)]
    start = time.perf_counter()
    resolve_backreferences(notes)
    assert time.perf_counter() - start < 2.0
    assert sum(r.ibid for n in notes for r in n.references) > 3000


def test_a_case_named_in_passing_by_its_short_name_is_a_short_form() -> None:
    """Bluebook calls a case cited in full before by its short name in passing ("Lawrence,
    Romer, and Windsor make clear"): a short form of that case. Not "the Baker court", nor
    a person ("Jane Baker", "Mr. Roe"), nor words the note quotes, nor a state ("Texas")."""
    from checker.references.backrefs import case_short_name
    assert case_short_name("Lawrence v. Texas") == "Lawrence"
    assert case_short_name("United States v. Windsor") == "Windsor"
    assert case_short_name("Oklahoma v. Texas") is None
    assert case_short_name("Roe v. Roe") is None
    assert case_short_name("Parents Involved in Cmty. Sch. v. Seattle Sch. Dist. No. 1") is None
    notes = notes_of(
        "Lawrence v. Texas, 539 U.S. 558 (2003); United States v. Windsor, 133 S. Ct. 2675 "
        "(2013); Baker v. Nelson, 409 U.S. 810 (1972).",
        "Lawrence and Windsor make clear that the Baker court erred; Jane Baker agrees, as "
        "Texas does, and one judge wrote that \u201cLawrence changed nothing.\u201d")
    assert [(r.title, r.ibid) for r in notes[1].references] == [
        ("Lawrence v. Texas", True), ("United States v. Windsor", True)]


def test_a_case_short_form_at_another_reporter_and_twice_in_a_note() -> None:
    """``Roe, 26 F. Supp. 3d at 870`` after ``Roe v. Poe, 986 F. Supp. 2d 982`` (a later
    decision, never cited in full) keeps its reporter and takes the case's name; ``Barnette,
    319 U.S. at 638`` in the note that cites the case in full is that case, once."""
    notes = notes_of("Roe v. Poe, 986 F. Supp. 2d 982 (W.D. Wis. 2014).",
                     "Roe, 26 F. Supp. 3d at 870.",
                     "Id. (quoting W. Va. Bd. v. Barnette, 319 U.S. 624 (1943)). It says so. Id. "
                     "(quoting Barnette, 319 U.S. at 638).")
    assert [(r.title, r.container, r.date) for r in notes[1].references] == [
        ("Roe v. Poe", "F. Supp. 3d", None)]
    assert [r.title for r in notes[2].references] == ["Roe v. Poe", "W. Va. Bd. v. Barnette"]
