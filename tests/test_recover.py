"""Finding the article behind a site-only citation, against a fake Wayback Machine."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
import requests
from testweb import TestWeb
from testweb.wayback import FakeWayback

from checker.archive.hook import make_archive_hook
from checker.archive.recover import SLUG_MIN, TITLE_MIN, rank_candidates, recover_article
from checker.archive.wayback import CdxRow, WaybackClient
from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.targets import CitedWork, LinkTarget
from checker.model import Citation, LinkResult

SITE = "fergana.example"
CITED = "Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Kazakhstane"
RIGHT = f"https://{SITE}/news/116311-dva-sluchaya-zarazheniya-koronavirusom-podtverzhdeny-v-kazahstane/"
NEAR = f"https://{SITE}/news/116320-dva-sluchaya-zarazheniya-koronavirusom-podtverzhdeny-v-uzbekistane/"


@pytest.fixture
def fake(web: TestWeb) -> FakeWayback:
    fake = FakeWayback(web)
    fake.add_snapshot(RIGHT, "20200313110000",
                      title="Два случая заражения коронавирусом подтверждены в Казахстане",
                      published="2020-03-13T10:00:00+05:00")
    fake.add_snapshot(RIGHT, "20200320110000",
                      title="Два случая заражения коронавирусом подтверждены в Казахстане")
    fake.add_snapshot(NEAR, "20200315090000",
                      title="Два случая заражения коронавирусом подтверждены в Узбекистане",
                      published="2020-03-15")
    fake.add_snapshot(f"https://{SITE}/news/116300-v-tashkente-otkrylas-novaya-bolnitsa/",
                      "20200312000000", title="В Ташкенте открылась новая больница")
    fake.add_snapshot(f"https://{SITE}/", "20200313000000", title="Fergana news")
    fake.add_snapshot(f"https://{SITE}/img/logo.png", "20200313000000", html=b"\x89PNG",
                      mimetype="image/png")
    fake.add_snapshot(f"https://{SITE}/news/116330-broken/", "20200313000000", status=404)
    # The same headline a year earlier: outside the window, never a candidate.
    fake.add_snapshot(f"https://{SITE}/news/90000-dva-sluchaya-zarazheniya-koronavirusom-"
                      "podtverzhdeny-v-kazahstane/", "20190301000000",
                      title="Два случая заражения коронавирусом подтверждены в Казахстане")
    return fake


@pytest.fixture
def client(fake: FakeWayback) -> Iterator[WaybackClient]:
    settings = fake.configure(CheckSettings(archive_per_minute=6000, retries=0))
    with requests.Session() as session:
        yield WaybackClient(session, settings)  # type: ignore[arg-type]


def test_picks_the_right_slug_among_decoys(fake: FakeWayback, client: WaybackClient) -> None:
    recovery = recover_article(client, SITE, CITED, "2020-03-13")
    assert recovery.confident
    assert recovery.url == RIGHT
    assert recovery.score is not None and recovery.score >= TITLE_MIN / 100
    assert recovery.snapshot_url == f"{fake.web_url}/20200313110000/{RIGHT}"
    assert "slug 100" in recovery.evidence and "title 100" in recovery.evidence
    assert recovery.snapshot_url in recovery.evidence
    assert NEAR in recovery.evidence  # the decoy was considered, and lost
    assert all("90000" not in c.url for c in recovery.candidates)
    # One prefix query, and only the two best slugs fetched.
    assert len(fake.calls_to("cdx")) == 1
    assert len(fake.calls_to("web")) == 2


def test_refuses_a_headline_that_differs_in_one_name(fake: FakeWayback,
                                                    client: WaybackClient) -> None:
    """Only the Uzbekistan story is archived in the window: close as a whole, but the
    Kazakhstan of the citation is not in its title. The year around then holds the right one."""
    recovery = recover_article(client, SITE, CITED, "2020-03-15", window_days=0)
    assert "within 0 days of 2020-03-15: no confident match" in recovery.evidence
    assert "lacks kazahstane" in recovery.evidence
    assert recovery.url == RIGHT and not recovery.date_contradicted


def test_refuses_when_no_slug_resembles_the_title(client: WaybackClient,
                                                  fake: FakeWayback) -> None:
    recovery = recover_article(client, SITE, "Pervyy gumanitarnyy gruz iz Kitaya pribyl v Almaty",
                               "2020-03-13")
    assert not recovery.confident and recovery.url is None
    assert "resembles the title" in recovery.evidence
    assert fake.calls_to("web") == []  # nothing worth fetching


def test_refuses_when_the_page_title_disagrees(fake: FakeWayback, client: WaybackClient) -> None:
    url = f"https://{SITE}/news/116400-pervyy-gumanitarnyy-gruz/"
    fake.add_snapshot(url, "20200402000000",
                      title="Первый гуманитарный груз из России прибыл в Бишкек")
    recovery = recover_article(client, SITE, "Pervyy gumanitarnyy gruz iz Kitaya pribyl v Almaty",
                               "2020-04-02")
    assert not recovery.confident
    assert "no confident match" in recovery.evidence
    assert url in recovery.evidence and "title" in recovery.evidence


def test_refuses_two_pages_with_the_same_title(fake: FakeWayback, client: WaybackClient) -> None:
    title = "Доставлена гумпомощь от Китая для медработников"
    for n in (1, 2):
        fake.add_snapshot(f"https://{SITE}/doc/50{n}_dostavlena-gumpomoshch-ot-kitaia/",
                          "20200326000000", title=title)
    recovery = recover_article(client, SITE, "Dostavlena gypmoshch ot Kitaia dlia medrabotnikov",
                               "2020-03-26")
    assert not recovery.confident
    assert "nearly the same title" in recovery.evidence


def test_a_page_dated_far_from_the_citation_is_found_by_the_wider_search(fake: FakeWayback,
                                                    client: WaybackClient) -> None:
    url = f"https://{SITE}/doc/600_sovbez-rekomendoval-provesti-peregovory/"
    fake.add_snapshot(url, "20200316000000",
                      title="Совбез рекомендовал провести переговоры",
                      published="2019-11-02")
    recovery = recover_article(client, SITE, "Sovbez rekomendoval provesti peregovory",
                               "2020-03-16")
    # Not in the window's step, where the date must agree; the wider search takes the title
    # and the slug as evidence and reports the contradiction.
    assert "within 10 days of 2020-03-16: no confident match (the page is dated 2019-11-02)" \
        in recovery.evidence
    assert recovery.url == url and recovery.date_contradicted


def test_cyrillic_percent_encoded_slug(fake: FakeWayback, client: WaybackClient) -> None:
    slug = quote("минздрав-подтвердил-первый-случай-коронавируса")
    url = f"https://ru.{SITE}/20200318/{slug}-1234.html"
    fake.add_snapshot(url, "20200318120000",
                      title="Минздрав подтвердил первый случай коронавируса — Новости")
    recovery = recover_article(client, f"ru.{SITE}",
                               "Minzdrav podtverdil pervyi sluchai koronavirusa", "2020-03-18")
    assert recovery.url == url


def test_month_precision_widens_the_window(client: WaybackClient, fake: FakeWayback) -> None:
    recovery = recover_article(client, SITE, CITED, "2020-03")
    assert recovery.url == RIGHT
    call = fake.calls_to("cdx")[0]
    assert call.param("from") <= "20200301" and call.param("to") >= "20200331"


def test_without_a_date_the_whole_history_is_searched(client: WaybackClient,
                                                      fake: FakeWayback) -> None:
    """The same headline in 2019 and 2020: with no date to tell them apart, no choice."""
    recovery = recover_article(client, SITE, CITED, None)
    assert not recovery.confident and "any time" in recovery.evidence
    assert "nearly the same title" in recovery.evidence
    (call,) = fake.calls_to("cdx")
    assert call.param("from") is None and call.param("to") is None


def test_no_date_and_no_telling_words_no_search(client: WaybackClient,
                                                fake: FakeWayback) -> None:
    recovery = recover_article(client, SITE, "On it", None)
    assert not recovery.confident and "no cited date" in recovery.evidence
    assert fake.calls_to("cdx") == []


def test_rank_candidates_is_pure_and_ordered() -> None:
    rows = [CdxRow(original=NEAR, timestamp="20200315000000"),
            CdxRow(original=RIGHT, timestamp="20200313000000"),
            CdxRow(original=RIGHT.replace("https://", "http://www."), timestamp="20200314000000"),
            CdxRow(original=f"https://{SITE}/", timestamp="20200313000000"),
            CdxRow(original=f"https://{SITE}/news/123/", timestamp="20200313000000")]
    ranked = rank_candidates(CITED, rows)
    assert [c.url for c in ranked][:2] == [RIGHT, NEAR]
    assert len(ranked) == 2  # duplicates merged, slugs without words dropped
    assert ranked[0].slug_score > ranked[1].slug_score >= SLUG_MIN


# -- through the archive hook ------------------------------------------------------------------

def site_target(works: list[tuple[int, str | None, str | None]]) -> LinkTarget:
    return LinkTarget(
        url=f"https://{SITE}/", site_only=True, domain=SITE,
        citations=[Citation("paper.md", n) for n, _, _ in works],
        works=[CitedWork("paper.md", n, title=t, date=d) for n, t, d in works],
        cited_date=min(d for _, _, d in works if d),
    )


def test_hook_recovers_and_reports(fake: FakeWayback, client: WaybackClient) -> None:
    findings: list = []
    hook = make_archive_hook(client, client.settings, findings)
    target = site_target([
        (2, CITED, "2020-03-13"),
        (7, "Pervyy gumanitarnyy gruz iz Kitaya pribyl v Almaty", "2020-03-13"),
        (9, None, "2020-03-13"),
    ])
    result = LinkResult(url=target.url, status="ok", site_only=True)
    hook(result, target)
    assert result.recovered_url == RIGHT
    assert result.recovered_score == 1.0
    assert result.recovered_evidence is not None
    assert result.recovered_evidence.startswith(f'note 2 "{CITED}": slug 100')
    assert result.archive_url is None  # the home page is up: no snapshot looked up
    assert fake.calls_to("available") == []
    assert [(f.rule, f.severity, f.footnotes) for f in findings] == [
        ("url-recovered", "info", [2])]
    assert RIGHT in findings[0].message
    # A home page's title is never compared with the cited articles.
    assert not any(f.rule == "title-mismatch" for f in findings)


def test_hook_without_confident_match_lists_candidates(client: WaybackClient) -> None:
    findings: list = []
    hook = make_archive_hook(client, client.settings, findings)
    target = site_target([(4, "V Tashkente otkrylas novaya bolnitsa dlya vzroslyh", "2021-05-01")])
    result = LinkResult(url=target.url, status="broken", reason="connection refused",
                        site_only=True)
    hook(result, target)
    assert result.recovered_url is None
    assert result.recovered_evidence is not None
    assert result.recovered_evidence.startswith('note 4 "V Tashkente')
    assert "no archived pages" in result.recovered_evidence
    assert result.archive_url is not None  # the dead home page got its snapshot
    assert findings == []


def test_hook_recovery_can_be_switched_off(fake: FakeWayback, client: WaybackClient) -> None:
    client.settings.recover_urls = False
    hook = make_archive_hook(client, client.settings, [])
    result = LinkResult(url=f"https://{SITE}/", status="ok", site_only=True)
    hook(result, site_target([(2, CITED, "2020-03-13")]))
    assert result.recovered_url is None and fake.calls == []


def test_budget_running_out_during_recovery_is_said(fake: FakeWayback,
                                                   client: WaybackClient) -> None:
    client.settings.archive_max_requests = 1
    recovery = recover_article(client, SITE, CITED, "2020-03-13")
    assert not recovery.confident
    assert "budget" in recovery.evidence
    assert client.budget_exhausted
    hook = make_archive_hook(client, client.settings, [])
    assert any("budget ran out" in note for note in hook.notes)


# -- a wrong cited date: the widening search ---------------------------------------------------

WRONG_YEAR_SITE = "markets.example"
JOBS_TITLE = "Alibaba to create 100 million jobs, most of which in SCO countries"
JOBS_URL = (f"https://{WRONG_YEAR_SITE}/news/Alibaba-to-create-100-million-jobs-most-of-which-"
            "in-SCO-countries--29110517/")


@pytest.fixture
def wrong_year(fake: FakeWayback) -> FakeWayback:
    """The article exists only under its true date, a year before the cited one, among other
    pages of the site (one of them in the cited window)."""
    fake.add_snapshot(JOBS_URL, "20190831120000", title=f"{JOBS_TITLE} | Markets",
                      published="2019-08-30")
    fake.add_snapshot(f"https://{WRONG_YEAR_SITE}/news/Oil-prices-fall-again--31201/",
                      "20200829000000", title="Oil prices fall again")
    fake.add_snapshot(f"https://{WRONG_YEAR_SITE}/news/Alibaba-results-beat-forecasts--291/",
                      "20190815000000", title="Alibaba results beat forecasts")
    return fake


def test_search_steps_widen_and_skip_a_doubtful_date() -> None:
    from checker.archive.recover import search_steps

    trusted = search_steps(JOBS_TITLE, "2020-08-30")
    assert [s.window_days for s in trusted] == [10, 366, None]
    assert trusted[0].url_words == () and trusted[0].date_must_agree
    assert trusted[1].url_words == ("countries", "alibaba", "million")
    assert not trusted[2].date_must_agree
    doubtful = search_steps(JOBS_TITLE, "2020-08-30", date_doubtful=True)
    assert [s.window_days for s in doubtful] == [366, None]
    assert [s.window_days for s in search_steps(JOBS_TITLE, None)] == [None]


def test_a_flagged_date_is_searched_around_and_the_article_found(
        wrong_year: FakeWayback, client: WaybackClient) -> None:
    wrong_year.reset_calls()
    recovery = recover_article(client, WRONG_YEAR_SITE, JOBS_TITLE, "2020-08-30",
                               date_doubtful=True)
    assert recovery.confident and recovery.url == JOBS_URL
    assert recovery.page_date == "2019-08-30" and recovery.date_contradicted
    assert "year before and after" in (recovery.step or "")
    assert "page dated 2019-08-30" in recovery.evidence
    cdx = wrong_year.calls_to("cdx")
    assert len(cdx) == 1
    assert any(v.startswith("original:(?i)") and "alibaba" in v
               for k, v in cdx[0].params if k == "filter")
    assert len(cdx) + len(wrong_year.calls_to("web")) < 10


def test_an_empty_window_widens_to_the_year_around(wrong_year: FakeWayback,
                                                   client: WaybackClient) -> None:
    wrong_year.reset_calls()
    recovery = recover_article(client, WRONG_YEAR_SITE, JOBS_TITLE, "2020-08-30")
    assert recovery.url == JOBS_URL and recovery.date_contradicted
    assert "after within 10 days of 2020-08-30" in recovery.evidence
    assert len(wrong_year.calls_to("cdx")) == 2


def test_the_window_still_refuses_a_page_dated_elsewhere_when_nothing_wider_matches(
        fake: FakeWayback, client: WaybackClient) -> None:
    recovery = recover_article(client, SITE, "Completely unrelated headline words here",
                               "2020-03-13")
    assert not recovery.confident
    assert "any time" in recovery.evidence


def test_url_search_words() -> None:
    from checker.archive.text import url_search_words

    assert url_search_words(JOBS_TITLE) == ("countries", "alibaba", "million")
    assert url_search_words("Что такое") == ("takoe", "chto")
    assert url_search_words("A to B") == ()


def test_hook_reports_the_recovered_articles_date(wrong_year: FakeWayback,
                                                  client: WaybackClient) -> None:
    findings: list = []
    hook = make_archive_hook(client, client.settings, findings,
                             frozenset({("paper.md", 59)}))
    target = LinkTarget(
        url=f"https://{WRONG_YEAR_SITE}/", site_only=True, domain=WRONG_YEAR_SITE,
        citations=[Citation("paper.md", 59)],
        works=[CitedWork("paper.md", 59, title=JOBS_TITLE, date="2020-08-30")],
    )
    result = LinkResult(url=target.url, status="ok", site_only=True)
    hook(result, target)
    assert result.recovered_url == JOBS_URL
    mismatch = [f for f in findings if f.rule == "published-date-mismatch"]
    assert len(mismatch) == 1 and mismatch[0].footnotes == [59]
    assert "2019-08-30" in mismatch[0].message and JOBS_URL in mismatch[0].message
