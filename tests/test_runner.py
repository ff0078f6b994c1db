"""check_links against real servers on loopback: limits, cache, history, offline, hooks."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from testweb import Reply, TestWeb, html_page, refused_port, refused_ports

from checker.linkcheck import CheckSettings, check_links, collect_targets
from checker.linkcheck.progress import Progress
from checker.linkcheck.runner import LiveChecks
from checker.linkcheck.store import ResultStore
from checker.linkcheck.targets import LinkTarget
from checker.model import Citation, Document, Footnote, LinkResult, Reference

DAY = 86400.0
HTML = {"Content-Type": "text/html; charset=utf-8"}


def settings(**overrides: object) -> CheckSettings:
    base: dict[str, object] = dict(
        allow_private=True, use_cache=False, archive=False, retries=0, backoff_base=0.05,
        connect_timeout=2.0, read_timeout=5.0, deadline=10.0,
    )
    base.update(overrides)
    return CheckSettings(**base)


def targets_for(urls: list[str], **kwargs: object) -> list[LinkTarget]:
    refs = [Reference(title=f"Page {n}", url=url) for n, url in enumerate(urls, start=1)]
    doc = Document(path="paper.md", id="paper", text="", date="2021-01-01",
                   footnotes=[Footnote(number=n, line=n, text="", references=[ref])
                              for n, ref in enumerate(refs, start=1)])
    return collect_targets([doc], settings(**kwargs))


def cite(number: int, url: str) -> Footnote:
    return Footnote(number=number, line=number, text="", references=[Reference(url=url)])


class Clock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def slow_pages(web: TestWeb, n: int, delay: float, prefix: str = "/slow") -> list[str]:
    for i in range(n):
        web.page(f"{prefix}/{i}", f"Slow {i}", delay=delay)
    return [web.url(f"{prefix}/{i}") for i in range(n)]


# -- limits -------------------------------------------------------------------------------


def test_per_host_limit_is_never_exceeded(web_factory: Callable[..., TestWeb]) -> None:
    web = web_factory("127.0.0.1")
    urls = slow_pages(web, 6, delay=0.25)
    run = check_links(targets_for(urls), settings(per_host=2, global_limit=32))
    assert [r.status for r in run.links] == ["ok"] * 6
    assert web.max_in_flight == 2


def test_two_hosts_are_checked_at_the_same_time(web_factory: Callable[..., TestWeb]) -> None:
    a, b = web_factory("127.0.0.2"), web_factory("127.0.0.3")
    urls = slow_pages(a, 4, delay=0.4) + slow_pages(b, 4, delay=0.4)
    check_links(targets_for(urls), settings(per_host=2, global_limit=32))
    assert a.max_in_flight == 2 and b.max_in_flight == 2
    # The first request to each host arrived before any first-round request could finish.
    first_a = min(hit.time for hit in a.requests)
    first_b = min(hit.time for hit in b.requests)
    assert abs(first_a - first_b) < 0.3


def test_global_limit_across_hosts(web_factory: Callable[..., TestWeb]) -> None:
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def slow(req: object) -> Reply:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        return Reply(200, HTML, html_page("Counted"))

    urls = []
    for n in range(3):
        web = web_factory(f"127.0.0.{n + 4}")
        web.route("/counted/*", slow)
        urls += [web.url(f"/counted/{i}") for i in range(3)]
    run = check_links(targets_for(urls), settings(per_host=2, global_limit=3))
    assert all(r.status == "ok" for r in run.links)
    assert state["peak"] == 3


# -- retries ------------------------------------------------------------------------------


def test_a_5xx_is_retried_once_at_the_end_while_other_links_proceed(web: TestWeb) -> None:
    web.sequence("/flaky", [Reply(500), Reply(200, HTML, html_page("Back"))])
    web.status("/down", 503)
    urls = [web.url("/flaky"), web.url("/down"), *slow_pages(web, 6, delay=0.2)]
    run = check_links(targets_for(urls), settings(retries=1, per_host=2))
    flaky, down = run.links[0], run.links[1]
    assert flaky.status == "ok" and web.hits("/flaky") == 2
    assert down.status == "broken" and web.hits("/down") == 2
    assert down.reason == "service unavailable (HTTP 503) (tried 2 times)"
    # The retries went out after every first attempt had gone out.
    last_first = max(hit.time for hit in web.requests if hit.path.startswith("/slow"))
    retries = [hit.time for hit in web.requests if hit.path in ("/flaky", "/down")][2:]
    assert len(retries) == 2 and min(retries) >= last_first


def test_a_hang_is_not_retried(web: TestWeb) -> None:
    web.hang("/hang", 4)
    web.page("/fine", "Fine")
    started = time.monotonic()
    run = check_links(targets_for([web.url("/hang"), web.url("/fine")]),
                      settings(retries=2, read_timeout=1.0))
    assert time.monotonic() - started < 3.0
    assert run.links[0].status == "timeout" and web.hits("/hang") == 1
    assert run.links[0].reason == "timed out after 1 s" and run.links[1].status == "ok"


def test_retry_after_is_waited_for_by_the_retry_only(web: TestWeb) -> None:
    web.retry_after("/busy", 1)
    run = check_links(targets_for([web.url("/busy")]), settings(retries=1))
    assert run.links[0].status == "ok"
    first, second = (hit.time for hit in web.requests)
    assert second - first >= 0.95


def test_duplicates_are_checked_once(web: TestWeb) -> None:
    web.page("/dup", "Cited often")
    web.page("/once", "Cited once")
    doc = Document(path="d.md", id="d", text="", footnotes=[
        cite(1, web.url("/dup")),
        cite(2, web.url("/dup") + "#part-2"),
        cite(3, web.url("/dup").upper().replace("/DUP", "/dup")),
        cite(4, web.url("/once")),
    ])
    run = check_links(collect_targets([doc], settings()), settings())
    assert len(run.links) == 2
    assert run.links[0].citations == [Citation("d.md", 1), Citation("d.md", 2),
                                      Citation("d.md", 3)]
    assert web.hits("/dup") == web.hits("/once") >= 1
    assert run.requests_made == web.hits("/dup") + web.hits("/once")


def test_results_keep_target_order_and_carry_citations(web: TestWeb) -> None:
    web.page("/a", "A")
    web.status("/gone", 404)
    urls = [web.url("/gone"), web.url("/a")]
    run = check_links(targets_for(urls), settings())
    assert [r.url for r in run.links] == urls
    assert [r.status for r in run.links] == ["broken", "ok"]
    assert run.links[1].citations == [Citation("paper.md", 2)]
    assert run.links[0].checked_at and run.links[0].elapsed_ms is not None
    assert not run.offline


# -- skipping -----------------------------------------------------------------------------


def test_excluded_and_private_links_make_no_request(web: TestWeb) -> None:
    web.page("/excluded", "Excluded")
    web.page("/private", "Private")
    excluded = targets_for([web.url("/excluded")], excludes=["/excluded$"])
    run = check_links(excluded, settings(excludes=["/excluded$"]))
    assert run.links[0].status == "skipped" and "excluded" in run.links[0].reason
    guarded = check_links(targets_for([web.url("/private")]), settings(allow_private=False))
    assert guarded.links[0].status == "skipped"
    assert web.hits("/excluded") == web.hits("/private") == 0
    assert not guarded.offline


# -- the store ----------------------------------------------------------------------------


def test_second_run_reuses_ok_results_and_rechecks_failures(web: TestWeb,
                                                            tmp_path: Path) -> None:
    web.page("/fine", "Fine")
    web.status("/missing", 404)
    targets = targets_for([web.url("/fine"), web.url("/missing")])
    config = settings(use_cache=True, cache_path=str(tmp_path / "links.sqlite"))
    first = check_links(targets, config)
    hits_fine, hits_missing = web.hits("/fine"), web.hits("/missing")
    assert hits_fine >= 1 and hits_missing >= 1
    second = check_links(targets, config)
    assert web.hits("/fine") == hits_fine  # no request at all for the ok link
    assert web.hits("/missing") == 2 * hits_missing
    assert [r.from_cache for r in second.links] == [True, False]
    assert second.links[0].status == first.links[0].status == "ok"
    assert second.links[0].citations == first.links[0].citations
    assert second.links[1].consecutive_failures == 2
    assert second.requests_made == hits_missing


def test_no_cache_writes_nothing(web: TestWeb, tmp_path: Path) -> None:
    web.page("/fine", "Fine")
    path = tmp_path / "links.sqlite"
    config = settings(use_cache=False, cache_path=str(path))
    check_links(targets_for([web.url("/fine")]), config)
    check_links(targets_for([web.url("/fine")]), config)
    assert not path.exists() and web.hits("/fine") >= 2


def test_max_age_expiry(web: TestWeb, tmp_path: Path) -> None:
    web.page("/fine", "Fine")
    clock = Clock()
    config = settings(use_cache=True, cache_path=str(tmp_path / "s.sqlite"), max_age=3600)
    targets = targets_for([web.url("/fine")])

    def run_at(offset: float) -> LinkResult:
        clock.now += offset
        store = ResultStore.open(config, now=clock)
        try:
            return check_links(targets, config, store=store).links[0]
        finally:
            store.close()

    assert not run_at(0).from_cache
    once = web.hits("/fine")
    assert run_at(3000).from_cache and web.hits("/fine") == once
    assert not run_at(700).from_cache  # 3700 s after the check: too old
    assert web.hits("/fine") == 2 * once


def test_failure_history_across_days_and_dead_after(web: TestWeb, tmp_path: Path) -> None:
    web.status("/gone", 404)
    clock = Clock()
    config = settings(use_cache=True, cache_path=str(tmp_path / "s.sqlite"), dead_after=2)
    targets = targets_for([web.url("/gone")])
    seen = []
    for offset in (0, 600, DAY):
        clock.now += offset
        store = ResultStore.open(config, now=clock)
        result = check_links(targets, config, store=store).links[0]
        store.close()
        seen.append((result.status, result.consecutive_failures, result.first_failure))
    assert [s[:2] for s in seen] == [("failing", 1), ("failing", 2), ("broken", 3)]
    assert len({s[2] for s in seen}) == 1  # the streak's first failure is kept
    assert "failing since 2023-11-14" in result.reason and result.http_status == 404


def test_corrupt_store_is_rebuilt_with_a_note(web: TestWeb, tmp_path: Path) -> None:
    web.page("/fine", "Fine")
    path = tmp_path / "links.sqlite"
    path.write_bytes(b"\x00garbage, not sqlite\xff" * 64)
    config = settings(use_cache=True, cache_path=str(path))
    run = check_links(targets_for([web.url("/fine")]), config)
    assert run.links[0].status == "ok"
    assert any("rebuilt" in note for note in run.notes)
    again = check_links(targets_for([web.url("/fine")]), config)
    assert again.links[0].from_cache and not any("rebuilt" in n for n in again.notes)


# -- offline ------------------------------------------------------------------------------


def test_offline_when_nothing_answers(tmp_path: Path) -> None:
    urls = [f"http://127.0.0.1:{refused_port()}/a", f"http://127.0.0.1:{refused_port()}/b",
            f"http://127.0.0.1:{refused_port()}/c"]
    config = settings(use_cache=True, cache_path=str(tmp_path / "s.sqlite"))
    run = check_links(targets_for(urls), config)
    assert run.offline
    assert {r.status for r in run.links} == {"offline"}
    assert {r.reason for r in run.links} == {"network unavailable"}
    store = ResultStore.open(config)
    assert all(store.history(url) is None for url in urls)  # no failure history when offline
    store.close()


def test_one_dead_host_among_live_ones_is_not_offline(web: TestWeb) -> None:
    web.page("/fine", "Fine")
    run = check_links(targets_for([web.url("/fine"), f"http://127.0.0.1:{refused_port()}/"]),
                      settings())
    assert not run.offline
    assert [r.status for r in run.links] == ["ok", "broken"]


def test_a_single_unreachable_host_alone_is_not_offline() -> None:
    run = check_links(targets_for([f"http://127.0.0.1:{refused_port()}/x"]), settings())
    assert not run.offline and run.links[0].status == "broken"


class Archive:
    """An archive hook recording its calls; `reachable` answers the offline probe."""

    def __init__(self, reachable: bool | None = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self._reachable = reachable
        self.threads: set[str] = set()

    def __call__(self, result: LinkResult, target: LinkTarget) -> None:
        self.calls.append((result.url, result.status))
        self.threads.add(threading.current_thread().name)
        result.archive_url = f"http://archive.invalid/web/2020/{result.url}"

    def reachable(self) -> bool | None:
        return self._reachable


def test_reachable_archive_means_not_offline() -> None:
    urls = [f"http://127.0.0.1:{refused_port()}/a", f"http://127.0.0.1:{refused_port()}/b"]
    archive = Archive(reachable=True)
    run = check_links(targets_for(urls), settings(), archive=archive)
    assert not run.offline
    assert [status for _, status in archive.calls] == ["broken", "broken"]


def test_unreachable_archive_confirms_offline_even_for_one_host() -> None:
    archive = Archive(reachable=False)
    run = check_links(targets_for([f"http://127.0.0.1:{refused_port()}/x"]), settings(),
                      archive=archive)
    assert run.offline and archive.calls == []


def dead_links(count: int) -> list[str]:
    """`count` links on as many hosts where nothing listens: each fails with no answer."""
    return [f"http://127.0.0.1:{port}/page{n}" for n, port in enumerate(refused_ports(count))]


def test_first_wave_failing_and_archive_unreachable_ends_the_run_early() -> None:
    urls = dead_links(120)
    run = check_links(targets_for(urls), settings(global_limit=2, retries=2),
                      archive=Archive(reachable=False))
    assert run.offline
    assert [r.url for r in run.links] == urls
    assert {r.status for r in run.links} == {"offline"}
    assert {r.reason for r in run.links} == {"network unavailable"}
    # the first wave is 8 attempts (FIRST_WAVE, above the global limit of 2); the other
    # worker goes on until the archive has answered, then nothing more goes out, no retry
    [note] = [n for n in run.notes if n.startswith("network unavailable")]
    assert "the first 8 links tried, on 8 hosts" in note
    unchecked = int(note.split("the other ")[1].split()[0])
    # every link either had its attempt (the two in flight at the verdict are not waited
    # for: they count among the unchecked) or is unchecked
    assert unchecked > 0 and 120 <= run.requests_made + unchecked <= 122
    assert run.requests_made >= 8


def test_first_wave_failing_but_archive_answering_tries_every_link() -> None:
    urls = dead_links(20)
    archive = Archive(reachable=True)
    run = check_links(targets_for(urls), settings(global_limit=2), archive=archive)
    assert not run.offline
    assert run.requests_made == 20
    assert {r.status for r in run.links} == {"broken"}
    assert len(archive.calls) == 20


def test_without_an_archive_to_ask_every_link_is_tried_before_the_verdict() -> None:
    run = check_links(targets_for(dead_links(20)), settings(global_limit=2))
    assert run.offline and run.requests_made == 20
    assert "none of 20 links could be reached" in run.notes[-1]


def test_a_slow_answer_in_the_first_wave_keeps_the_run_online(web: TestWeb) -> None:
    web.page("/slow", "Slow but there", delay=0.5)
    urls = [web.url("/slow"), *dead_links(19)]
    run = check_links(targets_for(urls), settings(global_limit=2),
                      archive=Archive(reachable=False))
    # the dead links fail at once, eight of them while the slow page is still coming: the
    # wave is not over until it answers, and its answer says the network is up
    assert not run.offline and run.requests_made == 20
    assert [r.status for r in run.links] == ["ok"] + ["broken"] * 19


def test_an_answer_after_the_wave_keeps_the_run_online(
        web_factory: Callable[..., TestWeb]) -> None:
    slow_reset, answering = web_factory(), web_factory()
    slow_reset.reply("/gone", Reply(reset=True, delay=0.5))  # fails, but only after 0.5 s
    answering.page("/fine", "Fine")
    # in the order they start (two at a time): the slow failure and seven dead links make the
    # first wave of 8; the ninth, which answers, ends before the slow failure closes the wave
    urls = [slow_reset.url("/gone"), *dead_links(7), answering.url("/fine"), *dead_links(20)]
    run = check_links(targets_for(urls), settings(global_limit=2),
                      archive=Archive(reachable=False))
    assert not run.offline and run.requests_made == 29
    assert [r.status for r in run.links].count("ok") == 1


class SlowArchive(Archive):
    """An archive whose probe takes `seconds` to say it cannot be reached."""

    def __init__(self, seconds: float) -> None:
        super().__init__(reachable=False)
        self.seconds = seconds

    def reachable(self) -> bool | None:
        time.sleep(self.seconds)
        return False


def test_offline_verdict_does_not_wait_for_the_attempts_in_flight(
        web_factory: Callable[..., TestWeb]) -> None:
    slow_reset = web_factory()
    slow_reset.reply("/gone", Reply(reset=True, delay=4.0))
    # the first wave of 8 fails at once; while the archive is asked (1 s from the first
    # failure) the other worker starts the ninth link, which keeps failing for 4 s
    urls = [*dead_links(8), slow_reset.url("/gone"), *dead_links(20)]
    started = time.monotonic()
    run = check_links(targets_for(urls), settings(global_limit=2), archive=SlowArchive(1.0))
    took = time.monotonic() - started
    assert run.offline and took < 3.0
    assert slow_reset.hits("/gone") == 1
    assert {r.status for r in run.links} == {"offline"}
    time.sleep(4.2 - took)  # the attempt left in flight ends now: it changes nothing
    assert {r.status for r in run.links} == {"offline"}
    assert run.links[8].reason == "network unavailable" and run.links[8].detail is None


def test_first_wave_ending_during_the_parse_is_judged_when_the_targets_come() -> None:
    urls = dead_links(12)
    live = LiveChecks(settings(global_limit=2))
    for url in urls:
        live.start(url)
    deadline = time.monotonic() + 10
    while live.sessions.requests < 8 and time.monotonic() < deadline:
        time.sleep(0.01)
    run = check_links(targets_for(urls), settings(global_limit=2), live=live,
                      archive=Archive(reachable=False))
    assert run.offline and {r.status for r in run.links} == {"offline"}
    assert live.offline is not None  # judged on the wave, not only on every link at the end
    assert any(note.startswith("network unavailable: the first 8 links tried")
               for note in run.notes)


# -- the archive hook ---------------------------------------------------------------------


def test_archive_hook_for_failures_and_site_only_targets(web: TestWeb) -> None:
    web.page("/fine", "Fine")
    web.status("/gone", 410)
    doc = Document(path="d.md", id="d", text="", footnotes=[
        cite(1, web.url("/fine")),
        cite(2, web.url("/gone")),
        cite(3, "https://excluded.example/x"),
    ])
    config = settings(excludes=["excluded"])
    targets = collect_targets([doc], config)
    # A site-only target pointing at the test web (collect_targets would use https).
    targets.append(LinkTarget(url=web.url("/"), site_only=True, domain=web.host,
                              citations=[Citation("d.md", 4)]))
    archive = Archive()
    archive.notes.append("archive budget ran out after 0 lookups")
    run = check_links(targets, config, archive=archive)
    # in the order the results became final, so either order
    assert sorted(url for url, _ in archive.calls) == sorted([web.url("/gone"), web.url("/")])
    assert len(archive.threads) == 1  # sequential: one lookup at a time, on one thread
    assert run.links[1].archive_url and run.links[0].archive_url is None
    assert "archive budget ran out after 0 lookups" in run.notes
    everything = Archive()
    check_links(targets, settings(excludes=["excluded"], archive_all=True), archive=everything)
    assert len(everything.calls) == 3  # all but the excluded one


def test_failing_archive_hook_becomes_a_note(web: TestWeb) -> None:
    web.status("/gone", 404)

    def broken_archive(result: LinkResult, target: LinkTarget) -> None:
        raise RuntimeError("archive exploded")

    run = check_links(targets_for([web.url("/gone")]), settings(), archive=broken_archive)
    assert run.links[0].status == "broken"
    assert any("archive exploded" in note for note in run.notes)


# -- progress -----------------------------------------------------------------------------


def test_progress_lines_when_not_a_terminal(web: TestWeb) -> None:
    for i in range(20):
        web.page(f"/p/{i}", f"P{i}")
    stream = io.StringIO()
    check_links(targets_for([web.url(f"/p/{i}") for i in range(20)]), settings(),
                progress=Progress(stream=stream))
    lines = stream.getvalue().splitlines()
    assert lines[-1] == "checking links: 20/20"
    assert "checking links: 2/20" in lines and len(lines) == 10  # every 10%


def test_progress_is_silent_when_quiet() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, quiet=True)
    progress.start(5)
    for _ in range(5):
        progress.update(LinkResult(url="x", status="broken"))
    progress.close()
    assert stream.getvalue() == "" and progress.failed == 5


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, tty=True)
    progress.start(3)
    for _ in range(3):
        progress.update(LinkResult(url="x", status="ok"))
    progress.close()
    assert "3/3" in stream.getvalue() and "checking links" in stream.getvalue()


@pytest.mark.parametrize("total", [0, 1, 7, 120])
def test_plain_progress_ends_with_the_total(total: int) -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream, tty=False)
    progress.start(total)
    for _ in range(total):
        progress.update(LinkResult(url="x", status="ok", from_cache=True))
    progress.close()
    lines = stream.getvalue().splitlines()
    if total == 0:
        assert lines == []
    else:
        assert lines[-1].startswith(f"checking links: {total}/{total}")
        assert len(lines) <= 11


# -- other hooks and settings -------------------------------------------------------------


def test_inspect_hook_sees_the_fetched_html_in_a_worker(web: TestWeb) -> None:
    web.page("/article", "The Cited Article", published="2020-03-02")
    seen: list[tuple[str, str | None, str]] = []

    def inspect(result: LinkResult, target: LinkTarget, html: str | None) -> None:
        seen.append((target.url, html, threading.current_thread().name))
        result.page_title = "read from the page" if html and "Cited Article" in html else None

    run = check_links(targets_for([web.url("/article")]), settings(), inspect=inspect)
    assert run.links[0].page_title == "read from the page"
    assert seen[0][0] == web.url("/article") and seen[0][2].startswith("footcheck-link")


def test_dead_after_without_a_store_keeps_every_failure_below_the_threshold(
        web: TestWeb) -> None:
    web.status("/gone", 404)
    run = check_links(targets_for([web.url("/gone")]), settings(dead_after=2))
    assert run.links[0].status == "failing" and run.links[0].consecutive_failures == 1
    once = check_links(targets_for([web.url("/gone")]), settings())
    assert once.links[0].status == "broken" and "failing since" not in once.links[0].reason


def test_inspect_hook_gets_no_html_for_stored_results(web: TestWeb, tmp_path: Path) -> None:
    web.page("/article", "Stored Article")
    config = settings(use_cache=True, cache_path=str(tmp_path / "s.sqlite"))
    calls: list[str | None] = []

    def inspect(result: LinkResult, target: LinkTarget, html: str | None) -> None:
        calls.append(html)
        if html:
            result.page_title = "Stored Article"

    check_links(targets_for([web.url("/article")]), config, inspect=inspect)
    again = check_links(targets_for([web.url("/article")]), config, inspect=inspect)
    assert calls[0] and calls[1] is None
    assert again.links[0].from_cache and again.links[0].page_title == "Stored Article"


def test_site_only_target_with_site_checks_off_still_goes_to_the_archive() -> None:
    doc = Document(path="d.md", id="d", text="", footnotes=[Footnote(
        number=1, line=1, text="",
        references=[Reference(title="Cited article", domain="kaktus.media")])])
    config = settings(check_sites=False)
    archive = Archive()
    run = check_links(collect_targets([doc], config), config, archive=archive)
    assert run.links[0].status == "skipped" and run.links[0].site_only
    assert archive.calls == [("https://kaktus.media/", "skipped")]
    assert run.requests_made == 0


# -- live checks started by the parse -------------------------------------------------------


def test_links_started_early_are_fetched_once_and_settled_with_their_targets(
        web: TestWeb) -> None:
    web.page("/early", "Early", published="2020-03-02")
    web.status("/early-missing", 404)
    web.page("/late", "Late")
    web.page("/repaired-away", "Not a target")
    live = LiveChecks(settings())
    for path in ("/early", "/early-missing", "/repaired-away", "/early"):
        live.start(web.url(path))
    deadline = time.monotonic() + 5
    while web.hits("/repaired-away") == 0 and time.monotonic() < deadline:
        time.sleep(0.01)  # the early requests go out before the targets are known
    seen: list[str] = []

    def inspect(result: LinkResult, target: LinkTarget, html: str | None) -> None:
        seen.append(target.url)

    urls = [web.url("/early"), web.url("/early-missing"), web.url("/late")]
    run = check_links(targets_for(urls), settings(), inspect=inspect, live=live)
    assert [(r.url, r.status) for r in run.links] == [
        (urls[0], "ok"), (urls[1], "broken"), (urls[2], "ok")]
    assert run.links[0].citations == [Citation("paper.md", 1)]
    assert web.hits("/early") == web.hits("/early-missing") == web.hits("/late") == 1
    assert sorted(seen) == sorted([urls[0], urls[2]])  # the early page inspected too
    assert run.requests_made == 4  # the early URL that is no target was asked once


def test_an_early_link_fresh_in_the_store_or_excluded_makes_no_request(
        web: TestWeb, tmp_path: Path) -> None:
    web.page("/fresh", "Fresh")
    web.page("/excluded", "Excluded")
    config = settings(use_cache=True, cache_path=str(tmp_path / "s.sqlite"),
                      excludes=["/excluded$"])
    urls = [web.url("/fresh"), web.url("/excluded")]
    check_links(targets_for(urls, excludes=["/excluded$"]), config)
    assert web.hits("/fresh") == 1
    store = ResultStore.open(config)
    live = LiveChecks(config, lambda: store)
    for url in urls:
        live.start(url)
    try:
        run = check_links(targets_for(urls, excludes=["/excluded$"]), config, store=store,
                          live=live)
    finally:
        store.close()
    assert [r.status for r in run.links] == ["ok", "skipped"]
    assert run.links[0].from_cache
    assert web.hits("/fresh") == 1 and web.hits("/excluded") == 0


def test_early_links_keep_the_per_host_limit(web_factory: Callable[..., TestWeb]) -> None:
    web = web_factory("127.0.0.1")
    urls = slow_pages(web, 8, delay=0.15)
    live = LiveChecks(settings(per_host=2))
    for url in urls[:5]:
        live.start(url)
    run = check_links(targets_for(urls), settings(per_host=2), live=live)
    assert all(r.status == "ok" for r in run.links)
    assert web.max_in_flight <= 2
    assert all(web.hits(f"/slow/{i}") == 1 for i in range(8))
