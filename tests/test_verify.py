"""Title and date verification: pure comparisons, then live and archived pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from testweb import TestWeb
from testweb.wayback import FakeWayback

from checker.archive.hook import make_archive_hook, make_page_inspector, verify_live
from checker.archive.metadata import PageMeta
from checker.archive.text import fold, similarity, slug_text
from checker.archive.verify import TITLE_OK, compare_date, compare_title, verify_link
from checker.archive.wayback import WaybackClient
from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.targets import CitedWork, LinkTarget
from checker.model import Citation, LinkResult

# -- transliteration folding -------------------------------------------------------------------

@pytest.mark.parametrize(("one", "other"), [
    ("Kazakhstane", "Kazahstane"),  # kh / h
    ("grajdanami", "grazhdanami"),  # j / zh
    ("Kitaia", "Kitaya"),  # ia / ya
    ("vernuvshegosia", "vernuvshegosya"),
    ("kitaycev", "kitaitsev"),  # y / i, c / ts
    ("pomoshch", "pomoshh"),  # shch / shh / sch
    ("zaschity", "zashchity"),
    ("bor'by", "borby"),  # soft sign dropped
    ("Dzhek", "Djek"),
    ("Iurii", "Yuriy"),
    ("rabochix", "rabochikh"),  # x / kh
])
def test_fold_meets_transliteration_variants(one: str, other: str) -> None:
    assert fold(one) == fold(other)


def test_fold_of_cyrillic_equals_fold_of_its_transliteration() -> None:
    assert fold("Два случая заражения коронавирусом подтверждены в Казахстане") == \
        fold("Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Kazakhstane")


def test_fold_keeps_different_words_apart() -> None:
    assert fold("Kazakhstan") != fold("Uzbekistan")
    assert fold("March 2020") != fold("May 2020")


def test_slug_text() -> None:
    assert slug_text("https://site.kg/doc/406137_call_centr:_na_rynke.html") == \
        "call centr na rynke"
    assert slug_text("https://ru.site.kg/20200302/%D0%BA%D0%B8%D1%82%D0%B0%D0%B9-123.html") == \
        "китай"
    assert slug_text("https://site.uz/news/index.php?id=55&title=gumanitarnyi-gruz") == \
        "gumanitarnyi gruz"
    assert slug_text("https://site.uz/") == ""


# -- titles ------------------------------------------------------------------------------------

def test_sample_000_cyrillic_page_matches_latin_cited_title() -> None:
    score, ok = compare_title(
        "Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Kazakhstane",
        "Два случая заражения коронавирусом подтверждены в Казахстане")
    assert ok and score == 100.0


@pytest.mark.parametrize(("cited", "page"), [
    ("Call Tsender: Na rynke djynhay prodavcy vygnali kitaycev iz ih konteynerov",
     "Колл-центр: На рынке Джунхай продавцы выгнали китайцев из их контейнеров"),
    ("Mid knr poblagodaryl kazakhstan za gumanitarnuyu pomoshch v bor be s koronavirusom",
     "МИД КНР поблагодарил Казахстан за гуманитарную помощь в борьбе с коронавирусом"),
    ("Kitaj Pobezhdaet koronavirus I gotov okazat pomoshchh mirovomu soobshhestvu",
     "Китай побеждает коронавирус и готов оказать помощь мировому сообществу - Авеста"),
    ("China-led $280 Million Kyrgyzstan Project Abandoned After Protests",
     "China-led $280 million Kyrgyzstan project abandoned after protests | Reuters"),
    ("Kazakhs are wary neighbours bearing gifts",
     "Kazakhs are wary of neighbours bearing gifts | openDemocracy"),
])
def test_transliterated_and_suffixed_titles_match(cited: str, page: str) -> None:
    score, ok = compare_title(cited, page)
    assert ok, (score, cited, page)


@pytest.mark.parametrize(("cited", "page"), [
    ("Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Kazakhstane",
     "В Таджикистане открылась новая больница для детей"),
    ("Kazakhstan summons Chinese ambassador in protest over article",
     "Uzbekistan opens new railway to China"),
    ("Coronavirus", "Coronavirus in Kazakhstan: two more cases confirmed in Almaty today"),
])
def test_real_mismatches_are_caught(cited: str, page: str) -> None:
    score, ok = compare_title(cited, page)
    assert not ok and score < TITLE_OK


def test_best_candidate_counts() -> None:
    page = PageMeta(title="Home | News", titles=["Home | News", "Two cases confirmed today"])
    assert compare_title("Two cases confirmed today", page)[1]
    assert compare_title("", page) == (0.0, True)
    assert compare_title("Anything", PageMeta()) == (0.0, True)


def test_similarity_is_symmetric_and_bounded() -> None:
    a, b = "Uzbekistan sending medical supplies", "Узбекистан отправляет медицинские"
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 100.0
    assert similarity("", b) == 0.0


# -- dates -------------------------------------------------------------------------------------

def test_compare_date_precision_and_tolerance() -> None:
    assert compare_date("2020-05", "2020-05-14") is True
    assert compare_date("2020", "2020-12-31") is True
    assert compare_date("2020-03-13", "2020-03-14") is True  # a day's tolerance
    assert compare_date("2020-03-13", "2020-03-15") is False
    assert compare_date("2020-03-13", "2020-03-15", tolerance_days=2) is True
    assert compare_date("2020-08", "2020-03-14") is False  # the sample's August 2020
    assert compare_date("2020-04-30", "2020-05") is True
    assert compare_date(None, "2020-05-14") is None
    assert compare_date("2020-05", "garbage") is None


# -- findings ----------------------------------------------------------------------------------

def test_verify_link_gives_both_findings_with_both_values() -> None:
    result = LinkResult(url="https://avesta.tj/x", status="ok")
    page = PageMeta(title="Новые тарифы на электричество", date="2020-03-14",
                    titles=["Новые тарифы на электричество"],
                    date_source="article:published_time")
    findings = verify_link(result, page,
                           ["Tadzhikistan ofitsialno priznal nalichie koronavirusa"],
                           "2020-08", "paper.md", [5, 5, 9])
    rules = {f.rule: f for f in findings}
    assert set(rules) == {"title-mismatch", "published-date-mismatch"}
    title = rules["title-mismatch"]
    assert title.severity == "warning" and title.footnotes == [5, 9]
    assert "Tadzhikistan ofitsialno" in title.message
    assert "Новые тарифы" in title.message
    date = rules["published-date-mismatch"]
    assert "2020-08" in date.message and "2020-03-14" in date.message
    assert date.document == "paper.md"


def test_verify_link_quiet_when_all_agrees() -> None:
    result = LinkResult(url="https://fergana.news/x", status="ok")
    page = PageMeta(title="Два случая заражения коронавирусом подтверждены в Казахстане",
                    date="2020-03-13")
    assert verify_link(result, page,
                       ["Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Kazakhstane"],
                       "2020-03-13", "paper.md", [2]) == []
    assert verify_link(result, PageMeta(), ["Anything"], "2020-03-13", "paper.md", [2]) == []


def test_a_page_without_a_headline_is_not_compared() -> None:
    result = LinkResult(url="https://reuters.example/x", status="ok")
    cited = ["Kazakhstan summons Chinese ambassador in protest over article"]
    for title in ["Reuters", "Home | Reuters", "Just Reuters - World"]:
        page = PageMeta(title=title, titles=[title])
        assert verify_link(result, page, cited, None, "paper.md", [33]) == []
    page = PageMeta(title="Uzbekistan opens new railway", titles=["Uzbekistan opens new railway"])
    assert [f.rule for f in verify_link(result, page, cited, None, "paper.md", [33])] == [
        "title-mismatch"]


# -- live pages and archived copies ------------------------------------------------------------

def target_for(url: str, title: str | None, date: str | None, site_only: bool = False,
               footnote: int = 3) -> LinkTarget:
    return LinkTarget(url=url, citations=[Citation("paper.md", footnote)],
                      works=[CitedWork("paper.md", footnote, title=title, date=date)],
                      cited_date=date, site_only=site_only)


def test_verify_live_fills_the_result_and_reports() -> None:
    html = ('<html><head><meta property="og:title" content="Uzbekistan opens a railway">'
            '<meta property="article:published_time" content="2020-06-05"></head></html>')
    result = LinkResult(url="https://podrobno.uz/x", status="ok")
    target = target_for(result.url, "Kitay otkryl novyy transportnyy koridor", "2020-06-06")
    findings = verify_live(result, html, target)
    assert result.page_title == "Uzbekistan opens a railway"
    assert result.page_date == "2020-06-05"
    assert [f.rule for f in findings] == ["title-mismatch"]
    assert findings[0].footnotes == [3]
    # A site's home page says nothing about the cited article.
    home = LinkResult(url="https://podrobno.uz/", status="ok")
    site = target_for(home.url, "Kitay otkryl novyy transportnyy koridor", "2020-06-06",
                      site_only=True)
    assert verify_live(home, html, site) == []
    assert home.page_title == "Uzbekistan opens a railway"


def test_page_inspector_only_on_ok_html() -> None:
    findings: list = []
    inspect = make_page_inspector(CheckSettings(), findings)
    html = "<html><head><title>Something else entirely</title></head></html>"
    target = target_for("https://x.example/a", "Two cases confirmed in Almaty", None)
    inspect(LinkResult(url=target.url, status="broken"), target, html)
    assert findings == []
    inspect(LinkResult(url=target.url, status="ok"), target, html)
    assert [f.rule for f in findings] == ["title-mismatch"]
    quiet: list = []
    make_page_inspector(CheckSettings(verify_metadata=False), quiet)(
        LinkResult(url=target.url, status="ok"), target, html)
    assert quiet == []


@pytest.fixture
def archive(web: TestWeb) -> Iterator[tuple[FakeWayback, CheckSettings, requests.Session]]:
    fake = FakeWayback(web)
    settings = fake.configure(CheckSettings(archive_per_minute=6000, retries=0))
    with requests.Session() as session:
        yield fake, settings, session  # type: ignore[misc]


def test_archived_copy_of_a_dead_page_is_verified(archive) -> None:  # type: ignore[no-untyped-def]
    fake, settings, session = archive
    url = "https://avesta.tj/2020/04/30/tadzhikistan"
    fake.add_snapshot(url, "20200501080000",
                      title="Таджикистан официально признал наличие коронавируса",
                      published="2020-04-30T17:00:00+05:00")
    findings: list = []
    hook = make_archive_hook(WaybackClient(session, settings), settings, findings)
    result = LinkResult(url=url, status="broken", http_status=404, reason="404 Not Found")
    target = target_for(url, "Tadzhikistan ofitsialno priznal nalichie koronavirusa covid-19",
                        "2020-08-30")
    hook(result, target)
    assert result.archive_url == f"{fake.web_url}/20200501080000/{url}"
    assert result.archive_timestamp == "20200501080000"
    assert result.page_title == "Таджикистан официально признал наличие коронавируса"
    assert result.page_date == "2020-04-30"
    assert [f.rule for f in findings] == ["published-date-mismatch"]
    assert "archived copy of 2020-05-01" in findings[0].message
    assert "2020-08-30" in findings[0].message


def test_no_archived_copy_is_explained_in_the_reason(archive) -> None:  # type: ignore[no-untyped-def]
    _, settings, session = archive
    findings: list = []
    hook = make_archive_hook(WaybackClient(session, settings), settings, findings)
    result = LinkResult(url="https://gone.example/a", status="broken", reason="404 Not Found")
    hook(result, target_for(result.url, "A title", "2020-03-01"))
    assert result.archive_url is None
    assert result.reason == "404 Not Found; no archived copy: not archived"
    assert findings == []


def test_ok_links_are_left_alone_unless_archive_all(archive) -> None:  # type: ignore[no-untyped-def]
    fake, settings, session = archive
    url = "https://alive.example/a"
    fake.add_snapshot(url, "20200301000000")
    hook = make_archive_hook(WaybackClient(session, settings), settings, [])
    result = LinkResult(url=url, status="ok")
    hook(result, target_for(url, "A title", "2020-03-01"))
    assert result.archive_url is None and fake.calls == []
    settings.archive_all = True
    hook(result, target_for(url, "A title", "2020-03-01"))
    assert result.archive_timestamp == "20200301000000"
    assert fake.calls_to("web") == []  # the live page was read, not the archived one


def test_through_the_link_runner(web: TestWeb) -> None:
    """The hooks as `check_links` calls them: live pages verified in the workers, the dead
    one looked up in the archive and its archived copy verified."""
    from checker.linkcheck.runner import check_links

    fake = FakeWayback(web)
    settings = fake.configure(CheckSettings(archive_per_minute=6000, retries=0,
                                            allow_private=True, use_cache=False))
    web.page("/live", "Uzbekistan opens a railway", published="2020-06-05")
    web.status("/dead", 404)
    dead = web.url("/dead")
    fake.add_snapshot(dead, "20200410000000", title="Two cases confirmed in Almaty",
                      published="2020-04-09")
    targets = [target_for(web.url("/live"), "Kitay otkryl novyy transportnyy koridor",
                          "2020-06-06", footnote=1),
               target_for(dead, "Two cases confirmed in Almaty", "2020-04-10", footnote=2)]
    findings: list = []
    with requests.Session() as session:
        client = WaybackClient(session, settings)
        run = check_links(targets, settings, archive=make_archive_hook(client, settings, findings),
                          inspect=make_page_inspector(settings, findings))
    live, gone = run.links
    assert live.status == "ok" and live.page_title == "Uzbekistan opens a railway"
    assert live.archive_url is None
    assert gone.status == "broken"
    assert gone.archive_timestamp == "20200410000000"
    assert gone.page_title == "Two cases confirmed in Almaty" and gone.page_date == "2020-04-09"
    assert sorted((f.rule, tuple(f.footnotes)) for f in findings) == [("title-mismatch", (1,))]
