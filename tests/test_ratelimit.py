"""HostLimiter and FairDispatcher: limits hold under real threads; hosts are served fairly."""

from __future__ import annotations

import threading
import time

from checker.linkcheck.ratelimit import FairDispatcher, HostLimiter


def run_workers(dispatcher: FairDispatcher, workers: int, work: float,
                log: list[tuple[str, int]]) -> None:
    lock = threading.Lock()

    def worker() -> None:
        while (job := dispatcher.take()) is not None:
            key, item, _ = job
            with lock:
                log.append((key, item))
            time.sleep(work if key != "slow" else work * 5)
            dispatcher.done(key)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in threads)


def test_try_acquire_respects_both_limits() -> None:
    limiter = HostLimiter(per_host=2, global_limit=3)
    assert limiter.try_acquire("a") and limiter.try_acquire("a")
    assert not limiter.try_acquire("a")  # host full
    assert limiter.try_acquire("b")
    assert not limiter.try_acquire("c")  # global full
    assert limiter.in_flight() == 3 and limiter.in_flight("a") == 2
    limiter.release("a")
    assert limiter.try_acquire("c")
    assert limiter.peak_total == 3 and limiter.peak_per_host["a"] == 2


def test_blocking_acquire_waits_for_the_host_without_holding_a_global_slot() -> None:
    limiter = HostLimiter(per_host=1, global_limit=2)
    limiter.acquire("a")
    waiting = threading.Thread(target=lambda: limiter.acquire("a"))
    waiting.start()
    time.sleep(0.05)
    # The waiter holds no global slot: another host still gets in.
    assert limiter.try_acquire("b")
    limiter.release("b")
    limiter.release("a")
    waiting.join(timeout=2)
    assert not waiting.is_alive() and limiter.in_flight("a") == 1


def test_dispatcher_limits_and_hands_out_everything_once() -> None:
    limiter = HostLimiter(per_host=2, global_limit=5)
    items = [(f"h{i % 4}", i) for i in range(40)]
    dispatcher: FairDispatcher[int] = FairDispatcher(items, limiter)
    log: list[tuple[str, int]] = []
    run_workers(dispatcher, workers=8, work=0.005, log=log)
    assert sorted(item for _, item in log) == list(range(40))
    assert max(limiter.peak_per_host.values()) <= 2
    assert limiter.peak_total <= 5
    assert limiter.in_flight() == 0
    assert dispatcher.take() is None


def test_one_slow_host_does_not_starve_the_others() -> None:
    """20 items for a slow host first, then 20 for fast hosts: the fast ones go through while
    the slow host is served two at a time."""
    limiter = HostLimiter(per_host=2, global_limit=6)
    items = [("slow", i) for i in range(20)] + [(f"f{i % 4}", 100 + i) for i in range(20)]
    dispatcher: FairDispatcher[int] = FairDispatcher(items, limiter)
    log: list[tuple[str, int]] = []
    run_workers(dispatcher, workers=6, work=0.01, log=log)
    assert limiter.peak_per_host["slow"] == 2
    # Every fast item was handed out before the slow host's fifth item.
    position = {item: n for n, (_, item) in enumerate(log)}
    last_fast = max(position[100 + i] for i in range(20))
    slow_positions = sorted(position[i] for i in range(20))
    assert last_fast < slow_positions[4]


def test_round_robin_order_interleaves_hosts() -> None:
    limiter = HostLimiter(per_host=10, global_limit=10)
    items = [("a", 1), ("a", 2), ("a", 3), ("b", 4), ("b", 5), ("c", 6)]
    dispatcher: FairDispatcher[int] = FairDispatcher(items, limiter)
    order = []
    while (job := dispatcher.take()) is not None:
        order.append(job[1])
        dispatcher.done(job[0])
    assert order == [1, 4, 6, 2, 5, 3]


def test_deferred_items_go_out_after_the_first_ones_and_not_before_their_time() -> None:
    limiter = HostLimiter(per_host=10, global_limit=10)
    dispatcher: FairDispatcher[int] = FairDispatcher([("a", 1), ("b", 2), ("a", 3)], limiter)
    key, item, _ = dispatcher.take()
    dispatcher.defer(key, item, 0.2)  # the first attempt at item 1 asks for a retry
    dispatcher.done(key)
    started = time.monotonic()
    order = []
    while (job := dispatcher.take()) is not None:
        order.append(job[1])
        dispatcher.done(job[0])
    assert order == [2, 3, 1] and time.monotonic() - started >= 0.19


def test_close_releases_waiting_workers() -> None:
    limiter = HostLimiter(per_host=1, global_limit=1)
    dispatcher: FairDispatcher[int] = FairDispatcher([("a", 1), ("a", 2)], limiter)
    assert dispatcher.take() == ("a", 1, 1)  # key, item, its number in the order handed out
    got: list[object] = []
    waiter = threading.Thread(target=lambda: got.append(dispatcher.take()))
    waiter.start()
    time.sleep(0.05)
    dispatcher.close()
    waiter.join(timeout=2)
    assert got == [None]


def test_jobs_are_numbered_in_the_order_they_are_handed_out() -> None:
    limiter = HostLimiter(per_host=1, global_limit=4)
    dispatcher: FairDispatcher[int] = FairDispatcher(
        [("a", 1), ("a", 2), ("b", 3)], limiter, clock=lambda: 0.0)
    first, second = dispatcher.take(), dispatcher.take()
    assert (first.item, first.number, second.item, second.number) == (1, 1, 3, 2)
    dispatcher.defer(first.key, first.item, 0.0)  # a retry goes out again, numbered anew
    dispatcher.done(first.key)
    third = dispatcher.take()
    assert (third.item, third.number) == (2, 3)
    dispatcher.done(third.key)
    dispatcher.done(second.key)
    retry = dispatcher.take()
    assert (retry.item, retry.number) == (1, 4)
