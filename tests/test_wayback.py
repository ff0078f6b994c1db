"""WaybackClient against a fake Wayback Machine on loopback (tests/testweb/wayback.py)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import requests
from testweb import TestWeb
from testweb.wayback import FakeWayback, pad_timestamp, surt

from checker.archive.wayback import WaybackClient, parse_cdx_json
from checker.linkcheck.settings import CheckSettings

ARTICLE = "https://news.example/2020/03/two-cases.html"


class FakeClock:
    """A monotonic clock that only moves when the client sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(web: TestWeb, clock: FakeClock) -> FakeWayback:
    return FakeWayback(web, clock=clock)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


def make_client(fake: FakeWayback, session: requests.Session, clock: FakeClock,
                **overrides: object) -> WaybackClient:
    options: dict[str, object] = {"archive_per_minute": 600, "retries": 2, **overrides}
    settings = CheckSettings(**options)  # type: ignore[arg-type]
    fake.configure(settings)
    return WaybackClient(session, settings, sleep=clock.sleep, clock=clock)


# -- the fake itself ---------------------------------------------------------------------------

def test_fake_speaks_the_archive_formats(fake: FakeWayback, session: requests.Session) -> None:
    fake.add_snapshot("http://www.news.example/a", "20200301120000")
    answer = session.get(fake.available_url,
                         params={"url": "news.example/a", "timestamp": "2020"}).json()
    closest = answer["archived_snapshots"]["closest"]
    assert closest == {"status": "200", "available": True, "timestamp": "20200301120000",
                       "url": f"{fake.web_url}/20200301120000/http://www.news.example/a"}
    assert session.get(fake.available_url, params={"url": "other.example"}).json() == {
        "url": "other.example", "archived_snapshots": {}}
    rows = session.get(fake.cdx_url, params={"url": "news.example/a", "output": "json"}).json()
    assert rows[0] == ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest",
                       "length"]
    assert rows[1][:5] == ["example,news)/a", "20200301120000", "http://www.news.example/a",
                           "text/html", "200"]
    assert session.get(fake.cdx_url, params={"url": "nothing.example",
                                             "output": "json"}).json() == []
    assert session.get(fake.cdx_url).status_code == 400
    assert surt("https://WWW.Site.org:443/A?b=1&a=2") == "org,site)/a?a=2&b=1"
    assert pad_timestamp("2020") == "20200101000000"
    assert pad_timestamp("2020", high=True) == "20201231235959"


# -- closest -----------------------------------------------------------------------------------

def test_prefers_closest_200_before_the_cited_date(fake: FakeWayback, session: requests.Session,
                                                   clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200220090000")
    fake.add_snapshot(ARTICLE, "20200301120000")  # the closest 200 before
    fake.add_snapshot(ARTICLE, "20200312120000", status=404)  # closer, but a 404
    fake.add_snapshot(ARTICLE, "20200314000000")  # the closest of all, but after
    client = make_client(fake, session, clock)
    snapshot = client.closest(ARTICLE, "2020-03-13")
    assert snapshot is not None
    assert snapshot.timestamp == "20200301120000"
    assert snapshot.status == "200"
    assert snapshot.url == f"{fake.web_url}/20200301120000/{ARTICLE}"
    assert snapshot.url == client.snapshot_url("20200301120000", ARTICLE)
    # The availability API answered the capture after; the CDX listed the 200s around.
    assert [c.endpoint for c in fake.calls] == ["available", "cdx"]
    cdx = fake.calls_to("cdx")[0]
    assert ("filter", "statuscode:200") in cdx.params
    assert cdx.param("output") == "json"
    assert cdx.param("from") <= "20200313" <= cdx.param("to")


def test_a_200_before_from_the_availability_api_needs_no_cdx(
        fake: FakeWayback, session: requests.Session, clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200310000000")
    fake.add_snapshot(ARTICLE, "20200401000000")
    client = make_client(fake, session, clock)
    snapshot = client.closest(ARTICLE, "2020-03-13")
    assert snapshot is not None and snapshot.timestamp == "20200310000000"
    assert [c.endpoint for c in fake.calls] == ["available"]
    assert fake.calls[0].param("timestamp") == "20200313235959"


def test_month_precision_counts_the_whole_month_as_before(
        fake: FakeWayback, session: requests.Session, clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200328000000")
    fake.add_snapshot(ARTICLE, "20200215000000")
    snapshot = make_client(fake, session, clock).closest(ARTICLE, "2020-03")
    assert snapshot is not None and snapshot.timestamp == "20200328000000"


def test_falls_back_to_the_closest_200_after(fake: FakeWayback, session: requests.Session,
                                             clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200301000000", status=404)
    fake.add_snapshot(ARTICLE, "20200320000000", status=301, location=ARTICLE + "?amp")
    fake.add_snapshot(ARTICLE, "20200405000000")
    fake.add_snapshot(ARTICLE, "20200601000000")
    snapshot = make_client(fake, session, clock).closest(ARTICLE, "2020-03-13")
    assert snapshot is not None and snapshot.timestamp == "20200405000000"


def test_no_200_capture_says_why(fake: FakeWayback, session: requests.Session,
                                 clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200301000000", status=404)
    client = make_client(fake, session, clock)
    assert client.closest(ARTICLE, "2020-03-13") is None
    assert "no archived copy with status 200" in client.last_reason
    assert client.closest("https://never.example/x", "2020-03-13") is None
    assert client.last_reason == "not archived"


def test_empty_availability_answer_goes_to_cdx(fake: FakeWayback, session: requests.Session,
                                               clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200305000000")
    fake.availability_empty = True
    snapshot = make_client(fake, session, clock).closest(ARTICLE, "2020-03-13")
    assert snapshot is not None and snapshot.timestamp == "20200305000000"
    assert [c.endpoint for c in fake.calls] == ["available", "cdx"]


def test_rate_limited_availability_goes_to_cdx_and_is_left_alone(
        fake: FakeWayback, session: requests.Session, clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200305000000")
    fake.refuse("available", retry_after=30)  # always 429
    client = make_client(fake, session, clock)
    first = client.closest(ARTICLE, "2020-03-13")
    second = client.closest(ARTICLE, "2020-03-14")
    assert first is not None and first.timestamp == "20200305000000"
    assert second is not None and second.timestamp == "20200305000000"
    # Not retried, not asked again while its Retry-After runs; the CDX answered both.
    assert len(fake.calls_to("available")) == 1
    assert len(fake.calls_to("cdx")) == 2
    assert client.rate_limited == 1
    assert any("429" in note for note in client.notes())


def test_cdx_429_waits_retry_after_then_retries(fake: FakeWayback, session: requests.Session,
                                                clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200305000000")
    fake.availability_empty = True
    fake.refuse("cdx", times=1, retry_after=7)
    client = make_client(fake, session, clock)
    snapshot = client.closest(ARTICLE, "2020-03-13")
    assert snapshot is not None
    cdx = fake.calls_to("cdx")
    assert [c.status for c in cdx] == [429, 200]
    assert cdx[1].time - cdx[0].time >= 7.0
    assert 7.0 in clock.sleeps


def test_retry_after_is_capped(fake: FakeWayback, session: requests.Session,
                               clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200305000000")
    fake.availability_empty = True
    fake.refuse("cdx", times=1, retry_after=3600)
    client = make_client(fake, session, clock, retry_after_cap=12.0)
    assert client.closest(ARTICLE, "2020-03-13") is not None
    assert max(clock.sleeps) == 12.0


def test_server_rate_limit_is_honoured(fake: FakeWayback, session: requests.Session,
                                       clock: FakeClock) -> None:
    """The CDX allows 3 requests per 10 s and says Retry-After: 10; after every 429 the
    client's next CDX request comes no sooner than that, and every lookup still succeeds."""
    urls = [f"https://news.example/{i}" for i in range(6)]
    for url in urls:
        fake.add_snapshot(url, "20200305000000")
    fake.availability_empty = True
    fake.rate_limit(3, per_seconds=10, retry_after=10, endpoints=("cdx",))
    client = make_client(fake, session, clock, retries=3)
    assert all(client.closest(url, "2020-03-13") is not None for url in urls)
    calls = fake.calls_to("cdx")
    refused = [i for i, c in enumerate(calls) if c.status == 429]
    assert refused, "the fake never limited: the test proves nothing"
    for i in refused:
        assert calls[i + 1].time - calls[i].time >= 10.0
    assert client.rate_limited == len(refused)


def test_requests_keep_to_the_per_minute_limit(
        fake: FakeWayback, session: requests.Session, clock: FakeClock) -> None:
    """At most `archive_per_minute` requests in any 60 s: the first ones go out at once,
    the next waits until the oldest of the minute is 60 s old."""
    for i in range(3):
        fake.add_snapshot(f"https://news.example/{i}", "20200314000000")  # after: needs CDX
    client = make_client(fake, session, clock, archive_per_minute=4)
    for i in range(3):
        assert client.closest(f"https://news.example/{i}", "2020-03-13") is not None
    times = [c.time for c in fake.calls]
    assert len(times) == 6
    assert all(sum(1 for u in times if t <= u < t + 60.0) <= 4 for t in times), times
    assert times[3] == times[0] and times[4] >= times[0] + 60.0  # 4 at once, then a wait
    assert sum(clock.sleeps) == pytest.approx(60.0)


def test_budget_exhaustion_is_noted(fake: FakeWayback, session: requests.Session,
                                    clock: FakeClock) -> None:
    for i in range(5):
        fake.add_snapshot(f"https://news.example/{i}", "20200314000000")
    client = make_client(fake, session, clock, archive_max_requests=3)
    results = [client.closest(f"https://news.example/{i}", "2020-03-13") for i in range(5)]
    assert results[0] is not None  # two requests
    assert results[2:] == [None, None, None]
    assert len(fake.calls) == 3
    assert client.requests_made == 3
    assert client.budget_exhausted
    assert "budget" in client.last_reason
    assert any("budget ran out" in note for note in client.notes())


def test_unreachable_archive(session: requests.Session, clock: FakeClock) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    settings = CheckSettings(
        wayback_available_url=f"{base}/wayback/available", cdx_url=f"{base}/cdx/search/cdx",
        wayback_web_url=f"{base}/web", retries=0, connect_timeout=2, archive_per_minute=6000,
    )
    client = WaybackClient(session, settings, sleep=clock.sleep, clock=clock)
    assert client.reachable() is False
    for _ in range(4):
        assert client.closest(ARTICLE, "2020-03-13") is None
    assert client.unreachable
    assert "unreachable" in client.last_reason
    made = client.requests_made
    client.closest(ARTICLE, "2020-03-13")
    assert client.requests_made == made  # no more attempts


def test_reachable_with_the_fake(fake: FakeWayback, session: requests.Session,
                                 clock: FakeClock) -> None:
    assert make_client(fake, session, clock).reachable() is True
    assert make_client(fake, session, clock, archive_max_requests=0).reachable() is None


# -- archived pages and prefix search ----------------------------------------------------------

def test_fetch_snapshot_gives_the_page_as_captured(fake: FakeWayback, session: requests.Session,
                                                   clock: FakeClock) -> None:
    fake.add_snapshot(ARTICLE, "20200305000000", title="Two cases confirmed")
    client = make_client(fake, session, clock)
    snapshot = client.closest(ARTICLE, "2020-03-13")
    assert snapshot is not None
    html = client.fetch_snapshot(snapshot)
    assert html is not None and "<title>Two cases confirmed</title>" in html
    assert "WAYBACK TOOLBAR" not in html
    assert fake.calls_to("web")[0].path.startswith("/web/20200305000000id_/")
    # The people's address shows the toolbar.
    assert "WAYBACK TOOLBAR" in session.get(snapshot.url).text


def test_fetch_snapshot_follows_the_archive_redirect_and_decodes(
        fake: FakeWayback, session: requests.Session, clock: FakeClock) -> None:
    page = ('<html><head><meta charset="windows-1251"><title>Два случая</title></head>'
            "<body>x</body></html>").encode("cp1251")
    fake.add_snapshot(ARTICLE, "20200305101500", html=page)
    client = make_client(fake, session, clock)
    from checker.archive.wayback import Snapshot

    inexact = Snapshot("", "20200305000000", "200", ARTICLE)
    html = client.fetch_snapshot(inexact)
    assert html is not None and "Два случая" in html


def test_fetch_snapshot_refuses_non_html(fake: FakeWayback, session: requests.Session,
                                         clock: FakeClock) -> None:
    fake.add_snapshot("https://news.example/report.pdf", "20200305000000", html=b"%PDF-1.4",
                      mimetype="application/pdf")
    client = make_client(fake, session, clock)
    snapshot = client.closest("https://news.example/report.pdf", "2020-03-13")
    assert snapshot is not None
    assert client.fetch_snapshot(snapshot) is None
    assert "not HTML" in client.last_reason


def test_search_prefix_lists_the_sites_pages_in_the_window(
        fake: FakeWayback, session: requests.Session, clock: FakeClock) -> None:
    fake.add_snapshot("https://site.example/doc/1_a.html", "20200301000000")
    fake.add_snapshot("http://www.site.example/doc/1_a.html", "20200302000000")  # same page
    fake.add_snapshot("https://site.example/doc/2_b.html", "20200310000000")
    fake.add_snapshot("https://site.example/doc/3_c.html", "20200305000000", status=404)
    fake.add_snapshot("https://site.example/logo.png", "20200305000000", html=b"\x89PNG",
                      mimetype="image/png")
    fake.add_snapshot("https://site.example/doc/4_old.html", "20190101000000")
    fake.add_snapshot("https://other.example/doc/5.html", "20200305000000")
    client = make_client(fake, session, clock)
    rows = client.search_prefix("site.example", "2020-03-05", 10)
    assert sorted(r.original for r in rows) == [
        "https://site.example/doc/1_a.html", "https://site.example/doc/2_b.html"]
    call = fake.calls_to("cdx")[0]
    assert call.param("matchType") == "prefix"
    assert call.param("collapse") == "urlkey"
    # The same query again is answered from memory.
    assert client.search_prefix("https://site.example/", "2020-03-05", 10) == rows
    assert len(fake.calls_to("cdx")) == 1


# -- pure helpers ------------------------------------------------------------------------------

def test_parse_cdx_json_shapes() -> None:
    assert parse_cdx_json([]) == []
    assert parse_cdx_json({"error": "x"}) == []
    assert parse_cdx_json([["timestamp", "original"]]) == []
    rows = parse_cdx_json([["timestamp", "original", "statuscode"],
                           ["20200101000000", "http://a/", "200"], [], ["resumekey"]])
    assert len(rows) == 1 and rows[0].statuscode == "200" and rows[0].date == "2020-01-01"
