"""date-implausible on small documents of our own."""

from __future__ import annotations

from datetime import date, timedelta

from checker.model import Document, Footnote, Reference
from checker.rules import date_implausible
from checker.rules.common import RuleContext

CONTEXT = RuleContext(severity="error", today="2030-01-01")


def ref(title: str = "A report", iso: str | None = None, **fields) -> Reference:
    return Reference(title=title, date=iso, **fields)


def make_doc(body: str, notes: dict[int, list[Reference]], *, date_: str | None = None,
             source: str | None = None, path: str = "paper.md") -> Document:
    """A document whose body carries <sup>N</sup> markers; notes follow the body."""
    lines = body.split("\n")
    footnotes = [
        Footnote(number=number, line=len(lines) + 2 + index, text=number and "note",
                 marker_lines=tuple(i + 1 for i, text in enumerate(lines)
                                    if f"<sup>{number}</sup>" in text),
                 references=list(refs))
        for index, (number, refs) in enumerate(sorted(notes.items()))
    ]
    return Document(path=path, id="paper", text=body, date=date_, date_source=source,
                    footnotes=footnotes)


def flagged(doc: Document) -> dict[int, str]:
    return {f.footnotes[0]: f.message for f in date_implausible.check([doc], CONTEXT)}


def dense(start: date, count: int, step: int = 3, first_note: int = 1) -> dict[int, list]:
    """`count` notes on unrelated subjects, one every `step` days from `start`."""
    return {
        first_note + i: [ref(f"Unrelated subject {i} {'abcdefghijklmnopqrstuvwxyz'[i % 26]}",
                             (start + timedelta(days=step * i)).isoformat(),
                             domain=f"site{i}.example.org")]
        for i in range(count)
    }


# -- later than the document -------------------------------------------------------------------


def test_later_than_the_stated_date_is_flagged_and_says_so():
    doc = make_doc("Text.", {1: [ref(iso="2020-05-02")], 2: [ref(iso="2020-11-03")]},
                   date_="2020-09", source="stated")
    found = flagged(doc)
    assert list(found) == [2]
    assert "later than the document's date 2020-09 (stated in it)" in found[2]


def test_within_the_stated_month_or_year_is_fine():
    doc = make_doc("Text.", {1: [ref(iso="2020-09-30")], 2: [ref(iso="2020-09")],
                             3: [ref(iso="2020")]}, date_="2020-09", source="stated")
    assert flagged(doc) == {}


def test_date_given_with_the_option_is_named():
    doc = make_doc("Text.", {1: [ref(iso="2021-01-05")]}, date_="2020-12-31", source="option")
    assert "given with --date" in flagged(doc)[1]


def test_inferred_date_flags_stragglers_far_after_a_dense_body():
    notes = dense(date(2021, 1, 4), 14, step=4)
    notes[15] = [ref("Something else entirely", "2021-09-10", domain="other.example.com")]
    found = flagged(make_doc("Text.", notes))
    assert list(found) == [15]
    assert "inferred from its citations" in found[15]
    assert "2021-02-25" in found[15]  # the end of the body: 4 Jan + 13 * 4 days


def test_inferred_date_leaves_a_close_straggler_alone():
    notes = dense(date(2021, 1, 4), 14, step=4)
    notes[15] = [ref("Something else entirely", "2021-03-20", domain="other.example.com")]
    assert flagged(make_doc("Text.", notes)) == {}


def test_no_inference_from_a_handful_of_dates():
    notes = {1: [ref(iso="2020-01-01")], 2: [ref(iso="2020-01-05")], 3: [ref(iso="2023-06-01")]}
    assert flagged(make_doc("Text.", notes)) == {}


def test_historical_references_are_not_implausible_for_being_old():
    years = ["1992", "1994-04-20", "1994-04-22", "2011-07-10", "2015", "2017", "2017-11-03",
             "2019", "2019-08-07", "2019", "2016-06-24", "2019", "2017-12-17", "2020-05-19"]
    notes = {i + 1: [ref(f"Work number {i}", iso)] for i, iso in enumerate(years)}
    assert flagged(make_doc("Text.", notes, date_="2020-09", source="stated")) == {}
    # Without a stated date either: sparse citations give no confident inference.
    assert flagged(make_doc("Text.", notes)) == {}


def test_a_sparse_history_with_a_late_last_citation_is_not_flagged():
    isos = [f"{year}-03-01" for year in range(1950, 2000, 4)] + ["2010-05-05"]
    notes = {i + 1: [ref(f"History part {i}", iso)] for i, iso in enumerate(isos)}
    assert flagged(make_doc("Text.", notes)) == {}


# -- neighbours and the text -------------------------------------------------------------------

MEETING_BODY = (
    "Jack Ma's aid comes after a meeting mid-last year with SCO Secretary General "
    "Norov.<sup>4</sup> "
    "In his meeting with Norov, Jack Ma spoke of creating 100 million jobs.<sup>5</sup>"
)


def meeting_notes(first: str, second: str) -> dict[int, list[Reference]]:
    return {
        4: [ref("SCO Secretary-General Norov, Alibaba CEO Jack Ma discuss IT cooperation", first,
                domain="eng.sectsco.org")],
        5: [ref("Alibaba to create 100 million jobs in SCO countries", second,
                domain="marketscreener.com")],
    }


def test_typed_year_between_neighbours_is_flagged_on_the_one_the_text_contradicts():
    doc = make_doc(MEETING_BODY, meeting_notes("2019-08-29", "2020-08-30"),
                   date_="2020-10", source="stated")
    found = flagged(doc)
    assert list(found) == [5]
    message = found[5]
    assert "note 4" in message and "2019-08-29" in message
    assert "mid-last year" in message and "a year apart" in message


def test_typed_year_the_other_way_round():
    # Here note 4 carries the wrong year: the text says last year, note 5 agrees.
    doc = make_doc(MEETING_BODY, meeting_notes("2020-08-30", "2019-08-29"),
                   date_="2020-10", source="stated")
    assert list(flagged(doc)) == [4]


def test_same_month_and_day_on_different_subjects_is_fine():
    body = ("Wheat prices rose.<sup>1</sup> Separately, a new bridge opened in Osh.<sup>2</sup>")
    notes = {1: [ref("Wheat prices climb in Kazakhstan", "2019-08-29", domain="a.example.com")],
             2: [ref("Osh opens bridge over river", "2020-08-30", domain="b.example.net")]}
    assert flagged(make_doc(body, notes, date_="2020-10", source="stated")) == {}


def test_annual_event_a_year_apart_is_fine():
    body = ("The annual SCO summit met in Bishkek.<sup>1</sup> The summit met again "
            "in Dushanbe.<sup>2</sup>")
    notes = {1: [ref("SCO summit opens", "2019-06-14", domain="eng.sectsco.org")],
             2: [ref("SCO summit opens", "2020-06-14", domain="eng.sectsco.org")]}
    assert flagged(make_doc(body, notes, date_="2021", source="stated")) == {}


def test_neighbours_without_evidence_either_way_are_left_alone():
    body = "Norov met Jack Ma.<sup>1</sup> Norov and Jack Ma spoke again.<sup>2</sup>"
    notes = {1: [ref("Norov meets Jack Ma", "2019-08-29", domain="eng.sectsco.org")],
             2: [ref("Norov and Jack Ma talk", "2020-08-30", domain="eng.sectsco.org")]}
    assert flagged(make_doc(body, notes, date_="2021", source="stated")) == {}


def test_text_alone_contradicts_a_source_older_than_the_event():
    body = "Earlier this year, the ministry closed the border.<sup>3</sup>"
    doc = make_doc(body, {3: [ref("Ministry closes border", "2019-03-15")]},
                   date_="2020-09", source="stated")
    found = flagged(doc)
    assert "earlier this year" in found[3].lower() and "2020" in found[3]


def test_text_alone_agreeing_or_prospective_is_fine():
    body = ("Earlier this year, the ministry closed the border.<sup>1</sup> "
            "The ministry will open it in 2020.<sup>2</sup> "
            "In April 1994 Li Peng visited Tashkent.<sup>3</sup> "
            "In May 2015 the parties met again.<sup>4</sup>")
    notes = {1: [ref("Ministry closes border", "2020-03-15")],
             2: [ref("Ministry plans opening", "2019-03-15")],
             3: [ref("Premier Li Peng attended ceremony", "1994-04-20")],
             4: [ref("Parties meet", "2015-05-30")]}
    assert flagged(make_doc(body, notes, date_="2020-09", source="stated")) == {}
    notes[4] = [ref("Parties meet", "2015-04-10")]  # before May 2015: cannot report it
    found = flagged(make_doc(body, notes, date_="2020-09", source="stated"))
    assert list(found) == [4] and "May 2015" in found[4]


# -- impossible on its face --------------------------------------------------------------------


def test_published_after_accessed():
    doc = make_doc("Text.", {1: [ref(iso="2021-05-01", accessed="2020-03-03")],
                             2: [ref(iso="2020-03-03", accessed="2020-03-03")]})
    assert list(flagged(doc)) == [1]


def test_in_the_future():
    doc = make_doc("Text.", {1: [ref(iso="2031-05-01")], 2: [ref(iso="2029-05-01")]})
    found = flagged(doc)
    assert list(found) == [1] and "future" in found[1]


def test_platform_before_it_existed():
    doc = make_doc("Text.", {1: [ref("Post", "2001-05-01", domain="facebook.com")],
                             2: [ref("Post", "2012-05-01", domain="facebook.com")],
                             3: [ref("Tweet", "2001-05-01",
                                     url="https://twitter.com/x/status/1")]})
    found = flagged(doc)
    assert sorted(found) == [1, 3] and "did not exist before 2004" in found[1]


def test_swapped_year_digits_far_from_a_tight_cluster():
    notes = dense(date(2020, 2, 1), 16, step=5)
    notes[17] = [ref("Something else", "2002-03-14")]
    found = flagged(make_doc("Text.", notes, date_="2020-07", source="stated"))
    assert list(found) == [17] and "two digits swapped" in found[17]


def test_an_old_source_in_a_tight_cluster_is_not_a_swapped_year():
    notes = dense(date(2020, 2, 1), 16, step=5)
    notes[17] = [ref("Background", "2015-03-14")]
    assert flagged(make_doc("Text.", notes, date_="2020-07", source="stated")) == {}


def test_ibid_copies_are_not_checked_twice():
    original = ref(iso="2021-05-01")
    copy = ref(iso="2021-05-01")
    copy.ibid = True
    doc = make_doc("Text.", {1: [original], 2: [copy]}, date_="2020", source="stated")
    assert list(flagged(doc)) == [1]


def test_findings_carry_the_rule_severity_document_and_line():
    doc = make_doc("Text.", {1: [ref(iso="2021-05-01")]}, date_="2020", source="stated",
                   path="dir/p.md")
    (finding,) = date_implausible.check([doc], RuleContext(severity="warning"))
    assert (finding.rule, finding.severity, finding.document, finding.footnotes) == (
        "date-implausible", "warning", "dir/p.md", [1])
    assert finding.line == doc.footnotes[0].line


def test_a_stated_date_most_citations_postdate_is_not_trusted():
    # e.g. a copyright year of the template picked up as the document's date
    notes = dense(date(2021, 1, 4), 14, step=4)
    notes[15] = [ref("Something else entirely", "2021-09-10", domain="other.example.com")]
    found = flagged(make_doc("Text.", notes, date_="2015", source="stated"))
    assert list(found) == [15]
    assert "inferred" in found[15] and "as the date it states, 2015, is earlier" in found[15]
    # ...but a date the user gave is trusted.
    found = flagged(make_doc("Text.", notes, date_="2015", source="option"))
    assert len(found) == 15


def test_marker_sentence_shapes():
    from checker.rules.common import marker_sentence

    body = ("First sentence here. The border closed in March.<sup>1</sup> Next one.\n"
            "Pandoc style, the talks failed.[^2] More text.\n"
            "Bare number style, the region.3 Then more. The G20 met.\n"
            "Superscript style: prices rose\u2074 and fell.")
    doc = make_doc(body, {1: [], 2: [], 3: [], 4: []})
    for footnote, line in zip(doc.footnotes, [1, 2, 3, 4], strict=True):
        footnote.marker_lines = (line,)
    sentences = [marker_sentence(doc, f) for f in doc.footnotes]
    assert sentences == ["The border closed in March.", "Pandoc style, the talks failed.",
                         "Bare number style, the region.",
                         "Superscript style: prices rose and fell."]


def test_marker_sentences_of_many_notes_on_one_line():
    """A converted paper that lost its paragraph breaks: each note's sentence is found on
    the one line (its markers indexed once), the note 1 marker not taken for note 11's."""
    from checker.rules.common import marked_body, marker_sentence

    count = 300
    body = " ".join(f"Claim {n} was made in May {1900 + n}.<sup>{n}</sup>"
                    for n in range(1, count + 1))
    doc = make_doc(body, {n: [] for n in range(1, count + 1)})
    for footnote in doc.footnotes:
        footnote.marker_lines = (1,)
    marked = marked_body(doc)
    assert [marker_sentence(doc, f, marked) for f in doc.footnotes] == [
        f"Claim {n} was made in May {1900 + n}." for n in range(1, count + 1)]


def test_year_mentions_counts_years_and_relative_years_in_any_case():
    year_mentions = date_implausible.year_mentions
    assert year_mentions("Talks resumed in 2019, after the 2016 accord.") == 2
    assert year_mentions("LAST YEAR the ministry said so; Later this year it will not.") == 2
    assert year_mentions("In the 1990s and on route 2019-B nothing was built.") == 0
    assert year_mentions("A sentence without any.") == 0
