"""duplicate-reference on small documents of our own."""

from __future__ import annotations

from checker.model import Document, Footnote, Reference
from checker.rules import duplicate_reference
from checker.rules.common import RuleContext

CONTEXT = RuleContext(severity="info")


def make_doc(notes: dict[int, list[Reference]]) -> Document:
    footnotes = [Footnote(number=n, line=100 + n, text="", references=refs)
                 for n, refs in sorted(notes.items())]
    return Document(path="paper.md", id="paper", text="", footnotes=footnotes)


def findings(notes: dict[int, list[Reference]]):
    return duplicate_reference.check([make_doc(notes)], CONTEXT)


def test_same_url_in_different_spellings():
    found = findings({
        3: [Reference(title="A", url="https://www.example.com/news/1/?utm_source=x#top")],
        7: [Reference(title="B", url="http://example.com/news/1")],
        8: [Reference(title="C", url="http://example.com/news/2")],
    })
    assert len(found) == 1
    assert found[0].footnotes == [3, 7] and found[0].line == 107
    assert "notes 3 and 7" in found[0].message and "short form" in found[0].message


def test_same_title_and_site_without_urls():
    found = findings({
        33: [Reference(title="Kazakhstan summons Chinese ambassador in protest over article",
                       domain="reuters.com", date="2020-04-14")],
        36: [Reference(title="Kazakhstan Summons Chinese Ambassador in Protest over Article.",
                       domain="Reuters.com", date="2020-04-14")],
        40: [Reference(title="Kazakhstan summons Chinese ambassador in protest over article",
                       domain="reuters.com", date="2020-04-14")],
    })
    assert [f.footnotes for f in found] == [[33, 36, 40]]
    assert "notes 33, 36 and 40" in found[0].message


def test_outlet_name_and_its_domain_are_one_site():
    found = findings({
        16: [Reference(title="Smart Cities or Surveillance? Huawei in Central Asia",
                       container="The Diplomat", date="2019-08-07")],
        18: [Reference(title="Smart cities or surveillance - Huawei in Central Asia",
                       url="https://thediplomat.com/2019/08/smart-cities/", date="2019-08-07")],
    })
    assert [f.footnotes for f in found] == [[16, 18]]


def test_similar_titles_of_different_works_are_not_duplicates():
    assert findings({
        1: [Reference(title="Secretary Pompeo's Visit to Kazakhstan", domain="state.gov",
                      date="2020-02-01")],
        2: [Reference(title="Secretary Pompeo's Visit to Uzbekistan", domain="state.gov",
                      date="2020-02-02")],
    }) == []


def test_same_title_on_other_sites_or_dates_is_not_a_duplicate():
    title = "Coronavirus: what we know so far about the outbreak"
    assert findings({
        1: [Reference(title=title, domain="bbc.com", date="2020-02-01")],
        2: [Reference(title=title, domain="reuters.com", date="2020-02-01")],
        3: [Reference(title=title, domain="bbc.com", date="2020-06-15")],
    }) == []


def test_citations_within_one_note_and_ibid_copies_are_not_repeats():
    copy = Reference(title="Same work cited again", url="https://example.org/a")
    copy.ibid = True
    assert findings({
        1: [Reference(title="Same work cited again", url="https://example.org/a"),
            Reference(title="Same work cited again", url="https://example.org/a")],
        2: [copy],
    }) == []


def test_different_dates_for_one_url_are_pointed_out():
    found = findings({
        1: [Reference(title="Page", url="https://example.org/a", date="2019-08-07")],
        2: [Reference(title="Page", url="https://example.org/a", date="2019-08-08")],
    })
    assert "different dates" in found[0].message and "2019-08-08 (note 2)" in found[0].message


def test_same_doi():
    found = findings({
        1: [Reference(title="An article", doi="10.1000/xyz123")],
        2: [Reference(title="Article, An", doi="10.1000/XYZ123")],
    })
    assert [f.footnotes for f in found] == [[1, 2]]


def test_titles_of_different_lengths_are_compared_up_to_the_bound_of_the_ratio():
    """Each title is compared only with titles at most (200 - c) / c times as long (c the
    threshold, 92 with a site): beyond, a ratio of c is impossible. At the edge: a key of
    93 letters and spaces, and the same with 16 more (109, the bound being 109.2), have a
    ratio of 92.1 and are joined; with 17 more (110), 91.6, and are not."""
    title = ("Regional leaders meet on trade corridor security and energy pipelines in the "
             "capital this May")
    joined, apart = title + " and were joined", title + " and joined later"
    assert [len(duplicate_reference.title_key(t)) for t in (title, joined, apart)] == \
        [93, 109, 110]

    def cited(second: str) -> dict[int, list[Reference]]:
        return {1: [Reference(title=title, domain="example.org", date="2020-05-02")],
                9: [Reference(title=second, domain="example.org", date="2020-05-02")]}

    assert [f.footnotes for f in findings(cited(joined))] == [[1, 9]]
    assert findings(cited(apart)) == []
