"""Finding URLs in footnote text and repairing what PDF conversion did to them."""

import pytest

from checker.references.urls import (
    domain_of,
    find_domains,
    find_urls,
    is_valid_hostname,
    looks_like_domain,
    unwrap_redirect,
)


def only(text: str, evidence: str = ""):
    matches = find_urls(text, evidence)
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        # a space where the line wrapped: after a slash, inside the host, after %20
        ("Org, 2017, http://eng.sectsco.org/ news/20170706/306862.html. of long-haul trucks",
         "http://eng.sectsco.org/news/20170706/306862.html"),
        ("Org, 2019, http://eng.sectsco. org/news/20190927/584876.html.",
         "http://eng.sectsco.org/news/20190927/584876.html"),
        ("https://www.unescap.org/sites/default/files/List%20 of%20participants%20final.pdf.",
         "https://www.unescap.org/sites/default/files/List%20of%20participants%20final.pdf"),
        ("https://www.unescap.org/sites/ default/files/Seamless%20report\\_Kazakhstan.pdf.",
         "https://www.unescap.org/sites/default/files/Seamless%20report_Kazakhstan.pdf"),
        ("Reuters, https://www.reuters.com/article/ us-china-sco-idUSKBN18Z0Z3.",
         "https://www.reuters.com/article/us-china-sco-idUSKBN18Z0Z3"),
        ("https://example.org/index.php?id=12 &lang=en", "https://example.org/index.php?id=12&lang=en"),
        ("https:// www.example.org/page", "https://www.example.org/page"),
        ("The Diplomat, https://thedi plomat.com/2021/01/elections/.",
         "https://thediplomat.com/2021/01/elections/"),
        ("RFE/RL, https://www.rfe rl.org/a/clashes/31231813.html",
         "https://www.rferl.org/a/clashes/31231813.html"),
        # trailing punctuation is not part of the URL; brackets opened inside it are
        ("(see https://example.org/page).", "https://example.org/page"),
        ("https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("“Title,” https://example.org/a”, 2020", "https://example.org/a"),
        ("*https://example.org/italic*", "https://example.org/italic"),
        ("<http://example.org/a_b>", "http://example.org/a_b"),
        # without a scheme
        ("www.example.com/page; next", "http://www.example.com/page"),
        ("thediplomat.com/2019/08/smart-cities/ accessed May 5", "https://thediplomat.com/2019/08/smart-cities/"),
    ],
)
def test_urls_found_and_repaired(text: str, url: str) -> None:
    assert only(text).url == url


def test_printed_form_and_repairs_are_kept() -> None:
    match = only("Org, 2017, http://eng.sectsco.org/ news/20170706/306862.html.")
    assert match.printed == "http://eng.sectsco.org/ news/20170706/306862.html"
    assert len(match.repairs) == 1 and "joined a space inside the URL" in match.repairs[0]
    escaped = only("https://example.org/02\\_ESCAP\\_ICT.pdf")
    assert escaped.url == "https://example.org/02_ESCAP_ICT.pdf"
    assert escaped.repairs == ["unescaped \\_"]
    assert only("https://example.org/plain").repairs == []


def test_a_space_before_a_word_or_a_date_ends_the_url() -> None:
    assert only("see http://example.org/ for the figures").url == "http://example.org/"
    assert only("http://example.org/a. Accessed May 5, 2020.").url == "http://example.org/a"
    assert only("http://example.org/report/ 2020.").url == "http://example.org/report/"
    assert only("see http://example.com. It was").url == "http://example.com"
    assert only("at http://localhost:8000 next/steps").url == "http://localhost:8000"


def test_two_urls_are_not_joined() -> None:
    matches = find_urls("https://a.example.com/x. https://b.example.com/y")
    assert [m.url for m in matches] == ["https://a.example.com/x", "https://b.example.com/y"]


def test_a_hyphen_printed_on_one_line_is_kept_and_its_removal_only_suggested() -> None:
    """Valid as printed: never altered; the outlet's name only suggests a repair."""
    match = only('Yau. "Smart Cities." *The Diplomat*, August 7, 2019. '
                 "https://thediplo-mat.com/2019/08/smart-cities/.")
    assert match.url == match.printed == "https://thediplo-mat.com/2019/08/smart-cities/"
    assert match.repairs == []
    ((candidate, why),) = match.candidates
    assert candidate == "https://thediplomat.com/2019/08/smart-cities/"
    assert "written in the note" in why


def test_a_real_hyphen_beside_the_outlets_name_is_kept() -> None:
    match = only('"Budget cuts," News Desk, May 3, 2021, https://bureau.news-desk.org/budget')
    assert match.url == "https://bureau.news-desk.org/budget" and match.repairs == []
    assert [c for c, _ in match.candidates] == ["https://bureau.newsdesk.org/budget"]


def test_evidence_from_elsewhere_suggests_a_repair() -> None:
    text = "Report, https://www.steppemo-nitor.org/2020/05/x/."
    assert only(text).candidates == []
    suggested = only(text, evidence="as the Steppe Monitor reported")
    assert suggested.url == "https://www.steppemo-nitor.org/2020/05/x/"
    assert [c for c, _ in suggested.candidates] == ["https://www.steppemonitor.org/2020/05/x/"]


def test_line_wrap_hyphen_at_a_line_break_is_removed_and_a_known_site_suggested() -> None:
    broken = only("https://example-\nsite.org/a/b")  # printed broken: invalid as printed
    assert broken.url == "https://examplesite.org/a/b" and broken.repairs
    kept = only("https://www.nyti-mes.com/2020/01/01/x.html")
    assert kept.url == "https://www.nyti-mes.com/2020/01/01/x.html"
    assert [c for c, _ in kept.candidates] == ["https://www.nytimes.com/2020/01/01/x.html"]


def test_real_hyphens_stay() -> None:
    assert only("http://xinhua-rss.zhongguowangshi.com/13694/2477527.html").url == \
        "http://xinhua-rss.zhongguowangshi.com/13694/2477527.html"
    # the hyphenated name is what the note itself writes
    assert only("News-Wire, https://news-wire.example.com/x").url == \
        "https://news-wire.example.com/x"
    # a slug's hyphen at the line end stays unless the note writes the word whole
    assert only("https://example.org/smart-cities-or- surveillance/").url == \
        "https://example.org/smart-cities-or-surveillance/"


def test_a_word_split_in_the_path_is_joined_when_the_title_has_it_whole() -> None:
    match = only('"Surveillance in Asia," https://example.org/surveil- lance-in-asia/')
    assert match.url == "https://example.org/surveillance-in-asia/"


def test_markdown_links() -> None:
    (match,) = find_urls("“Title,” [eng.sectsco.org](http://eng.sectsco.org), August 29, 2019.")
    assert match.url == "http://eng.sectsco.org" and match.link_text == "eng.sectsco.org"
    (match,) = find_urls('["About"](https://example.org/a\\_b "tip") text')
    assert match.url == "https://example.org/a_b" and match.link_text == '"About"'


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("doi:10.1056/NEJMoa2001017.", "10.1056/NEJMoa2001017"),
        ("DOI: 10.1177/1879366519829241", "10.1177/1879366519829241"),
        ("https://doi.org/10.1080/02634937.2019.1234567.", "10.1080/02634937.2019.1234567"),
        ("http://dx.doi.org/10.2307/4128418", "10.2307/4128418"),
    ],
)
def test_dois(text: str, doi: str) -> None:
    match = only(text)
    assert match.doi == doi
    assert match.url == f"https://doi.org/{doi}" or match.url.endswith(doi)


def test_no_urls_in_plain_text() -> None:
    assert find_urls("RFE/RL and/or U.S./China, e.g. the 2019 data") == []
    assert find_urls("") == []


def test_domain_of_drops_www_port_and_credentials() -> None:
    assert domain_of("https://WWW.Example.org:8080/x?y#z") == "example.org"
    assert domain_of("http://user:pw@news.example.kz/a") == "news.example.kz"
    assert domain_of("Reuters.com") == "reuters.com"
    assert domain_of("not a host") is None
    assert domain_of(None) is None and domain_of("") is None


def test_hostnames() -> None:
    assert is_valid_hostname("eng.sectsco.org") and is_valid_hostname("президент.рф")
    assert is_valid_hostname("xn--d1abbgf6aiiy.xn--p1ai")
    assert not is_valid_hostname("news_site.com")
    assert not is_valid_hostname("example..com")
    assert not is_valid_hostname("-bad.example.com")
    assert not is_valid_hostname("192.168.1.1")


@pytest.mark.parametrize(
    "token",
    ["kaktus.media", "Reuters.com", "Fergana.news", "lenta.inform.kz", "en.kabar.kg", "24.kg",
     "t.me", "x.com", "www.state.gov", "asiaplustj.info"],
)
def test_sites_cited_without_url(token: str) -> None:
    assert looks_like_domain(token)


@pytest.mark.parametrize("token", ["U.S.", "e.g.", "i.e.", "No.", "St.Petersburg", "J.Am", "a.b",
                                   "Vol.II", "pp.12"])
def test_abbreviations_are_not_sites(token: str) -> None:
    assert not looks_like_domain(token)


def test_find_domains_outside_urls() -> None:
    found = find_domains('"Title," kaktus.media, March 2, 2020; see also U.S. data.')
    assert [token for token, _, _ in found] == ["kaktus.media"]


@pytest.mark.parametrize(
    ("wrapped", "target"),
    [
        ("https://www.google.com/url?q=https://24.kg/english/123/&sa=D&ust=1",
         "https://24.kg/english/123/"),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fkun.uz%2Fnews%2F1&h=AT0",
         "https://kun.uz/news/1"),
        ("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fa"
         "&data=05", "https://example.org/a"),
        ("https://away.vk.com/away.php?to=https%3A%2F%2Fexample.org%2F", "https://example.org/"),
    ],
)
def test_link_wrappers_are_unwrapped(wrapped: str, target: str) -> None:
    assert unwrap_redirect(wrapped) == target
    assert only(f"Seen at {wrapped}.").url == target


@pytest.mark.parametrize(
    "url",
    [
        "https://www.google.com/search?q=https://example.org/",  # a search, not a redirect
        "https://www.google.com/url?q=javascript:alert(1)",
        "https://example.org/page?q=https://other.org/",
    ],
)
def test_other_urls_are_not_unwrapped(url: str) -> None:
    assert unwrap_redirect(url) == url


def test_spans_answer_as_a_scan_of_every_interval_would() -> None:
    """The bisecting coverage (linear work on a note of thousands of URLs) is exact."""
    import random

    from checker.references.urls import _Spans

    rng = random.Random(7)
    for _ in range(500):
        spans, plain = _Spans(), []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            end = start + rng.randint(1, 10)
            spans.add(start, end)
            plain.append((start, end))
        for position in range(80):
            assert spans.covers(position) == any(a <= position < b for a, b in plain)


def test_a_dash_after_a_url_is_the_sentence_not_the_path() -> None:
    for dash in ("-", "–", "—", "..."):
        match = only(f"Gallica, https://gallica.bnf.fr/ {dash} consulted in 2020.")
        assert match.url == "https://gallica.bnf.fr/" and match.repairs == []


def test_a_url_ends_where_a_bracketed_archive_copy_begins() -> None:
    found = find_urls("Roe, Tides, https://harbor.example/a[https://perma.cc/AB12-CD34]; "
                      "and https://harbor.example/list[1]/b.")
    assert [m.url for m in found] == ["https://harbor.example/a", "https://perma.cc/AB12-CD34",
                                      "https://harbor.example/list[1]/b"]
