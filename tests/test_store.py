"""ResultStore: reuse of fresh ok results, failure history across days, dead_after, corruption."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.store import ResultStore, default_store_path
from checker.model import Citation, LinkResult

DAY = 86400.0
T0 = 1_700_000_000.0  # 2023-11-14T22:13:20Z


class Clock:
    def __init__(self, start: float = T0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def open_store(path: Path, clock: Clock, **settings: object) -> ResultStore:
    store = ResultStore.open(CheckSettings(cache_path=str(path), **settings), now=clock)
    assert store is not None
    return store


def ok(url: str) -> LinkResult:
    return LinkResult(url=url, status="ok", http_status=200, final_url=url,
                      citations=[Citation("d.md", 1)], page_title="Page")


def broken(url: str) -> LinkResult:
    return LinkResult(url=url, status="broken", http_status=404, reason="HTTP 404 Not Found")


def test_default_path_follows_xdg(tmp_path: Path) -> None:
    assert default_store_path({"XDG_CACHE_HOME": str(tmp_path)}) == (
        tmp_path / "footcheck" / "links.sqlite"
    )
    assert default_store_path({}).parts[-3:] == (".cache", "footcheck", "links.sqlite")


def test_no_cache_means_no_store(tmp_path: Path) -> None:
    settings = CheckSettings(cache_path=str(tmp_path / "s.sqlite"), use_cache=False)
    assert ResultStore.open(settings) is None
    assert not (tmp_path / "s.sqlite").exists()


def test_fresh_ok_results_are_reused_until_max_age(tmp_path: Path) -> None:
    clock = Clock()
    store = open_store(tmp_path / "s.sqlite", clock)
    store.record([ok("https://a.example/"), broken("https://b.example/"),
                  LinkResult(url="https://c.example/", status="redirected", http_status=200),
                  LinkResult(url="https://d.example/", status="blocked", http_status=403)])
    clock.now += 3600
    fresh = store.fresh(["https://a.example/", "https://b.example/", "https://c.example/",
                         "https://d.example/", "https://new.example/"], max_age=DAY)
    assert set(fresh) == {"https://a.example/", "https://c.example/"}
    reused = fresh["https://a.example/"]
    assert reused.from_cache and reused.page_title == "Page" and reused.http_status == 200
    assert reused.citations == []  # citations belong to this run's targets, not the store
    assert store.fresh_urls(DAY) == {"https://a.example/", "https://c.example/"}
    clock.now += DAY
    assert store.fresh(["https://a.example/"], max_age=DAY) == {}
    assert store.fresh(["https://a.example/"], max_age=0) == {}
    assert store.fresh_urls(DAY) == store.fresh_urls(0) == set()


def test_results_from_cache_are_not_recorded_again(tmp_path: Path) -> None:
    clock = Clock()
    store = open_store(tmp_path / "s.sqlite", clock)
    store.record([ok("https://a.example/")])
    clock.now += DAY - 60
    again = store.fresh(["https://a.example/"], max_age=DAY)["https://a.example/"]
    store.record([again])  # must not refresh the check time
    clock.now += 120
    assert store.fresh(["https://a.example/"], max_age=DAY) == {}


def test_skipped_invalid_offline_are_not_recorded(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite", Clock())
    store.record([LinkResult(url=f"https://{s}.example/", status=s)
                  for s in ("skipped", "invalid", "offline")])
    assert all(store.history(f"https://{s}.example/") is None
               for s in ("skipped", "invalid", "offline"))


def test_failure_history_across_days(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "s.sqlite"
    url = "https://gone.example/page"
    first = broken(url)
    open_store(path, clock).record([first])
    assert first.status == "broken"  # dead_after 1: broken at once
    assert first.consecutive_failures == 1 and first.first_failure == "2023-11-14T22:13:20Z"
    assert "failing since" not in first.reason

    clock.now += 3600  # same day, later run: one more check, same day
    second = broken(url)
    open_store(path, clock).record([second])
    assert second.consecutive_failures == 2
    assert second.first_failure == "2023-11-14T22:13:20Z"
    assert second.reason == "HTTP 404 Not Found; failing since 2023-11-14: 2 failed checks on 1 day"

    clock.now += DAY
    third = LinkResult(url=url, status="timeout", reason="read timed out")
    store = open_store(path, clock)
    store.record([third])
    assert third.status == "timeout" and third.consecutive_failures == 3
    assert store.history(url)["failure_days"] == ["2023-11-14", "2023-11-15"]

    clock.now += DAY  # the link is back: the streak ends
    back = ok(url)
    store.record([back])
    assert back.first_failure is None and back.consecutive_failures == 0
    row = store.history(url)
    assert row["consecutive_failures"] == 0 and row["failure_days"] == [] and row["checks"] == 4

    clock.now += DAY
    again = broken(url)
    store.record([again])
    assert again.consecutive_failures == 1
    assert again.first_failure.startswith("2023-11-17")


def test_dead_after_counts_different_days(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "s.sqlite"
    url = "https://flaky.example/"
    statuses = []
    for step in (0, 3600, DAY, DAY):  # day 1, day 1 again, day 2, day 3
        clock.now += step
        result = broken(url)
        open_store(path, clock).record([result], dead_after=3)
        statuses.append((result.status, result.consecutive_failures))
    assert statuses == [("failing", 1), ("failing", 2), ("failing", 3), ("broken", 4)]
    result = broken(url)
    open_store(path, clock).record([result], dead_after=3)
    assert result.status == "broken"
    assert result.reason.endswith("failing since 2023-11-14: 5 failed checks on 3 days, "
                                  "broken from 3 days")


def test_failing_reason_on_the_first_failure(tmp_path: Path) -> None:
    result = broken("https://x.example/")
    open_store(tmp_path / "s.sqlite", Clock()).record([result], dead_after=2)
    assert result.status == "failing"
    assert result.reason == (
        "HTTP 404 Not Found; failing since 2023-11-14: 1 failed check on 1 day, "
        "broken from 2 days"
    )


@pytest.mark.parametrize(
    "garbage",
    [b"this is not a database at all\n" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_corrupt_store_is_moved_aside_and_rebuilt(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(garbage)
    store = open_store(path, Clock())
    assert store.usable
    assert len(store.notes) == 1 and "rebuilt" in store.notes[0]
    aside = list(tmp_path.glob("s.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    store.record([ok("https://a.example/")])
    assert "https://a.example/" in store.fresh(["https://a.example/"], max_age=DAY)


def test_store_with_another_schema_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE links (url TEXT, something TEXT)")
    store = open_store(path, Clock())
    assert store.usable and "rebuilt" in store.notes[0]
    store.record([ok("https://a.example/")])
    assert store.history("https://a.example/")["status"] == "ok"


def test_empty_file_is_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"")
    store = open_store(path, Clock())
    assert store.usable and store.notes == []


def test_unusable_location_gives_a_note_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = open_store(blocker / "sub" / "s.sqlite", Clock())  # parent is a file
    assert not store.usable and "unavailable" in store.notes[0]
    result = broken("https://a.example/")
    store.record([result], dead_after=2)  # history still applied, as a first failure
    assert result.status == "failing" and result.consecutive_failures == 1
    assert store.fresh(["https://a.example/"], max_age=DAY) == {}


def test_store_deleted_mid_run_disables_it_with_a_note(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite", Clock())
    with store._lock:
        store._conn.execute("DROP TABLE links")
    store.record([ok("https://a.example/")])
    assert not store.usable and "failed" in store.notes[-1]


def test_concurrent_use_from_threads(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite", Clock())
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                store.record([ok(f"https://h{n}.example/{i}")])
                store.fresh([f"https://h{n}.example/{i}"], max_age=DAY)
        except BaseException as error:  # pragma: no cover - the assertion reports it
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    urls = [f"https://h{n}.example/{i}" for n in range(8) for i in range(20)]
    assert len(store.fresh(urls, max_age=DAY)) == 160


def test_stored_json_is_json_dumps_of_the_fields() -> None:
    import json

    from checker.linkcheck.store import _STORED_FIELDS, _result_to_json

    result = LinkResult(url="https://kaktus.media/doc/1", status="broken", http_status=404,
                        reason="not found (HTTP 404)", redirect_chain=["https://a/", "https://b/"],
                        page_title="Жогорку Кеңеш «закон»", elapsed_ms=12)
    expected = json.dumps({name: getattr(result, name) for name in _STORED_FIELDS},
                          ensure_ascii=False)
    assert _result_to_json(result) == expected
