"""workers.map_shared: a function over a list on every core, the results as if run here."""

import os
import time

import pytest

from checker.workers import map_shared

two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
PARENT = os.getpid()


def squares(numbers):
    return [number * number for number in numbers]


@pytest.mark.parametrize("count", [0, 1, 2, 17, 1000])
def test_the_results_are_in_order_as_if_run_here(count):
    numbers = list(range(count))
    assert list(map_shared(squares, numbers)) == squares(numbers)


def slow_pids(numbers):
    time.sleep(0.05)  # long enough for every worker to start and take chunks
    return [os.getpid() for _ in numbers]


@two_cores
def test_the_chunks_are_done_on_forked_workers_one_a_core():
    pids = list(map_shared(slow_pids, list(range(200))))
    assert len(pids) == 200
    assert PARENT not in pids
    assert len(set(pids)) == min(len(os.sched_getaffinity(0)), 8)


def test_on_one_allowed_core_the_work_is_done_here(monkeypatch):
    """A container or `taskset` allowing one core: no worker is forked."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert set(map_shared(slow_pids, list(range(50)))) == {PARENT}


def dies_in_a_worker(numbers):
    if os.getpid() != PARENT:
        os._exit(3)  # a worker killed mid-chunk (out of memory, a signal)
    time.sleep(0.01)
    return squares(numbers)


@two_cores
def test_a_worker_that_dies_leaves_the_work_to_this_process():
    numbers = list(range(300))
    assert list(map_shared(dies_in_a_worker, numbers)) == squares(numbers)


def fails(numbers):
    raise ValueError(f"cannot read {len(numbers)} items")


def test_an_error_of_the_function_is_raised_here():
    with pytest.raises(ValueError, match="cannot read"):
        list(map_shared(fails, list(range(100))))


def last_item_slow(numbers):
    if LAST in numbers:
        time.sleep(1.0)  # the last chunk: still at work while the first ones are handed on
    return squares(numbers)


LAST = 399


@two_cores
def test_each_chunk_is_handed_on_as_soon_as_it_is_done():
    """The first results come while a later chunk is still at work, not once all are done."""
    started = time.monotonic()
    results = map_shared(last_item_slow, list(range(LAST + 1)))
    assert next(results) == 0
    first = time.monotonic() - started
    assert list(results) == squares(range(1, LAST + 1))
    assert time.monotonic() - started - first > 0.5, "the first result waited for the last chunk"


DONE_HERE: list[int] = []


def dies_in_the_last_chunk(numbers):
    if os.getpid() != PARENT and LAST in numbers:
        os._exit(3)
    if os.getpid() == PARENT:
        DONE_HERE.extend(numbers)
    return squares(numbers)


@two_cores
def test_after_a_worker_dies_only_the_rest_is_done_here():
    """Results handed on before a worker died are not made again: the rest follows them."""
    DONE_HERE.clear()
    assert list(map_shared(dies_in_the_last_chunk, list(range(LAST + 1)))) == squares(
        range(LAST + 1))
    assert LAST in DONE_HERE and len(DONE_HERE) < LAST + 1, DONE_HERE  # not all again


def slow_after_the_first(numbers):
    if 0 not in numbers:
        time.sleep(3)
    return squares(numbers)


@two_cores
def test_a_taker_that_stops_early_waits_for_no_chunk_at_work():
    """Ctrl-C while a large document is read: the workers are stopped, not waited for."""
    import multiprocessing

    results = map_shared(slow_after_the_first, list(range(400)))
    assert next(results) == 0
    stopping = time.monotonic()
    results.close()
    assert time.monotonic() - stopping < 1.0
    time.sleep(0.2)
    assert not multiprocessing.active_children()


@two_cores
def test_a_taker_that_takes_every_result_lets_the_workers_end_as_done():
    """A taker that has every result and never asks for the end (as `parse_note_texts` does:
    it asks for as many results as it has notes) lets the idle workers end, not stops them:
    stopping them raced the pool's own thread, which then printed a TypeError now and then."""
    import multiprocessing as mp

    numbers = list(range(400))
    results = map_shared(slow_pids, numbers)
    taken = [next(results) for _ in numbers]
    workers = set(mp.active_children())
    results.close()
    assert len(taken) == len(numbers) and PARENT not in taken
    assert workers and all(worker.exitcode == 0 for worker in workers)
