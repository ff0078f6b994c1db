"""domain-typo on small documents of our own."""

from __future__ import annotations

import random

from checker.model import Document, Footnote, LinkResult, Reference
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
    (asked,) = check(make_doc({1: "avesta.tj", 2: "avista.tj"}))  # once each: a question
    assert asked.severity == "info" and asked.footnotes == [1, 2]
    assert check(make_doc({1: "abcdef.com", 2: "abcfed.com", 3: "abcfed.com"})) == []
    found = check(make_doc({1: "eurasianet.org", 2: "eurasainte.org", 3: "eurasianet.org"}))
    assert [f.footnotes for f in found] == [[2]]


def link(url: str, status: str, **more) -> LinkResult:
    return LinkResult(url=url, status=status, **more)


def test_equal_frequency_offline_is_a_question_naming_both():
    # RFE/RL's Kazakh and Kyrgyz services: two sites, one letter apart, or a slip?
    (asked,) = check(make_doc({1: "rus.azattyq.org", 2: "rus.azattyk.org"}))
    assert asked.severity == "info" and asked.footnotes == [1, 2]
    assert "rus.azattyq.org (this document: note 1)" in asked.message
    assert "rus.azattyk.org (this document: note 2)" in asked.message
    assert "is one a typo" in asked.message
    (asked,) = check(make_doc({1: "globaltimes.cn", 2: "globaltimez.cn", 3: "globaltimes.cn",
                               4: "globaltimez.cn"}))
    assert asked.footnotes == [1, 2, 3, 4] and "cited 2 times and 2 times" in asked.message


def test_equal_frequency_both_answering_are_two_sites():
    links = (link("https://rus.azattyq.org/", "ok", http_status=200),
             link("https://rus.azattyk.org/", "blocked", http_status=403))
    context = RuleContext(severity="warning", links=links)
    doc = make_doc({1: "rus.azattyq.org", 2: "rus.azattyk.org"})
    assert domain_typo.check([doc], context) == []


def test_equal_frequency_the_silent_host_is_the_typo():
    links = (link("https://eng.sectso.org/", "broken", network_error=True,
                  reason="name does not resolve"),
             link("https://eng.sectsco.org/", "ok", http_status=200))
    context = RuleContext(severity="warning", links=links)
    doc = make_doc({31: "eng.sectso.org", 58: "eng.sectsco.org"})
    (found,) = domain_typo.check([doc], context)
    assert found.severity == "warning" and found.footnotes == [31]
    assert "a typo for eng.sectsco.org?" in found.message
    assert "decided by the link check: eng.sectso.org answered nothing (name does not " \
        "resolve), eng.sectsco.org answered (HTTP 200)" in found.message


def test_equal_frequency_with_a_404_is_no_evidence():
    """A host that answered (even 404) exists: nothing decides, the question stays."""
    links = (link("https://eng.sectso.org/", "broken", http_status=404),
             link("https://eng.sectsco.org/", "ok", http_status=200))
    context = RuleContext(severity="warning", links=links)
    (asked,) = domain_typo.check([make_doc({31: "eng.sectso.org", 58: "eng.sectsco.org"})],
                                 context)
    assert asked.severity == "info"


def test_public_suffix_list():
    from checker.rules.common import public_suffix, registrable_domain

    assert registrable_domain("www.news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("eng.sectsco.org") == "sectsco.org"
    assert public_suffix("kaktus.media") == "media" and public_suffix("gov.kz") == "gov.kz"
    assert public_suffix("reuters.con") == ""
    found = check(make_doc({1: "http://example.notatld/a"}))
    assert "on no public suffix list" in found[0].message


def test_invalid_hosts():
    found = check(make_doc({1: "http://news_site.com/a", 2: "https://www.example..com/x",
                            3: "http://192.168.1.1/page", 4: "http://reuters.con/article",
                            5: "https://example.com/fine", 6: "http://президент.рф/news",
                            7: "https://xn--d1abbgf6aiiy.xn--p1ai/"}))
    assert sorted(f.footnotes[0] for f in found) == [1, 2, 4]
    messages = {f.footnotes[0]: f.message for f in found}
    assert "not a valid domain" in messages[1]
    assert ".com?" in messages[4]


def test_similar_pairs_are_those_of_comparing_every_pair() -> None:
    """similar_pairs skips most comparisons (short labels, lengths too far apart): on random
    hosts with typing slips of every kind it finds exactly the pairs, in the order, that
    comparing every pair with typo_distance finds."""
    pick = random.Random(5)
    letters = "abcdefghij"

    def slip(label: str) -> str:
        chars = list(label)
        for _ in range(pick.randint(1, 3)):
            kind, at = pick.randint(0, 3), pick.randrange(len(chars))
            if kind == 0:
                chars[at] = pick.choice(letters)
            elif kind == 1:
                chars.insert(at, pick.choice(letters))
            elif kind == 2 and len(chars) > 2:
                del chars[at]
            elif at + 1 < len(chars):
                chars[at], chars[at + 1] = chars[at + 1], chars[at]
        return "".join(chars)

    found = 0
    for _ in range(150):
        suffix = pick.choice(["com", "org", "co.uk"])
        labels = {"".join(pick.choice(letters) for _ in range(pick.randint(3, 14)))
                  for _ in range(pick.randint(2, 20))}
        labels |= {slip(label) for label in labels for _ in range(pick.randint(0, 3))}
        hosts = sorted({pick.choice(["", "www.", "eng."]) + label + "." + suffix
                        for label in labels})
        every_pair = [(host, other, distance) for i, host in enumerate(hosts)
                      for other in hosts[i + 1:]
                      if (distance := domain_typo.typo_distance(host, other)) is not None]
        assert domain_typo.similar_pairs(hosts) == every_pair
        found += len(every_pair)
    assert found > 500  # the slips made many pairs to find
