"""domain-typo on small documents of our own."""

from __future__ import annotations

from checker.model import Document, Footnote, Reference
from checker.rules import domain_typo
from checker.rules.common import RuleContext

CONTEXT = RuleContext(severity="warning")


def make_doc(sites: dict[int, str], path: str = "paper.md") -> Document:
    """Each note cites one site: a URL when it has a scheme, else a domain named alone."""
    footnotes = []
    for number, site in sorted(sites.items()):
        reference = Reference(title=f"Title {number}")
        if "://" in site:
            reference.url = site
        else:
            reference.domain = site
        footnotes.append(Footnote(number=number, line=10 + number, text="",
                                  references=[reference]))
    return Document(path=path, id=path, text="", footnotes=footnotes)


def check(*docs: Document):
    return domain_typo.check(list(docs), CONTEXT)


def test_one_edit_from_a_more_frequent_domain_in_the_same_document():
    found = check(make_doc({31: "eng.sectso.org", 58: "eng.sectsco.org",
                            59: "http://eng.sectsco.org/news/1.html"}))
    assert len(found) == 1
    finding = found[0]
    assert finding.footnotes == [31] and finding.line == 41
    assert "eng.sectsco.org" in finding.message and "cited 2 times" in finding.message


def test_typo_against_another_document_of_the_library():
    first = make_doc({5: "thediplomat.com", 6: "thediplomat.com"}, path="a.md")
    second = make_doc({2: "https://thedipolmat.com/2019/08/x/"}, path="b.md")
    found = check(first, second)
    assert [(f.document, f.footnotes) for f in found] == [("b.md", [2])]
    assert "a.md" in found[0].message


def test_subdomains_and_sibling_subdomains_are_not_typos():
    assert check(make_doc({1: "inform.kz", 2: "lenta.inform.kz", 3: "kabar.kg",
                           4: "en.kabar.kg", 5: "ru.kabar.kg"})) == []


def test_short_names_and_different_suffixes_are_left_alone():
    assert check(make_doc({1: "kun.uz", 2: "kub.uz", 3: "akipress.com", 4: "akipress.org",
                           5: "mk.ru", 6: "rk.ru"})) == []


def test_two_edits_need_long_names():
    assert check(make_doc({1: "avesta.tj", 2: "avista.tj", 3: "avista.tj"}))  # one edit, 6
    assert check(make_doc({1: "avesta.tj", 2: "avista.tj"})) == []  # once each: undecided
    assert check(make_doc({1: "abcdef.com", 2: "abcfed.com", 3: "abcfed.com"})) == []
    found = check(make_doc({1: "eurasianet.org", 2: "eurasainte.org", 3: "eurasianet.org"}))
    assert [f.footnotes for f in found] == [[2]]


def test_equal_frequency_is_left_alone():
    # RFE/RL's Kazakh and Kyrgyz services: two sites, one letter apart
    assert check(make_doc({1: "rus.azattyq.org", 2: "rus.azattyk.org"})) == []
    assert check(make_doc({1: "globaltimes.cn", 2: "globaltimez.cn", 3: "globaltimes.cn",
                           4: "globaltimez.cn"})) == []


def test_invalid_hosts():
    found = check(make_doc({1: "http://news_site.com/a", 2: "https://www.example..com/x",
                            3: "http://192.168.1.1/page", 4: "http://reuters.con/article",
                            5: "https://example.com/fine", 6: "http://президент.рф/news",
                            7: "https://xn--d1abbgf6aiiy.xn--p1ai/"}))
    assert sorted(f.footnotes[0] for f in found) == [1, 2, 4]
    messages = {f.footnotes[0]: f.message for f in found}
    assert "not a valid domain" in messages[1]
    assert ".com?" in messages[4]
