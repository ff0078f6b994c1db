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
    assert map_shared(squares, numbers) == squares(numbers)


def slow_pids(numbers):
    time.sleep(0.05)  # long enough for every worker to start and take chunks
    return [os.getpid() for _ in numbers]


@two_cores
def test_the_chunks_are_done_on_forked_workers_one_a_core():
    pids = map_shared(slow_pids, list(range(200)))
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
    assert map_shared(dies_in_a_worker, numbers) == squares(numbers)


def fails(numbers):
    raise ValueError(f"cannot read {len(numbers)} items")


def test_an_error_of_the_function_is_raised_here():
    with pytest.raises(ValueError, match="cannot read"):
        map_shared(fails, list(range(100)))
