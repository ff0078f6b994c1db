"""The one place footcheck works on several cores: a function over a large list, in chunks
shared between this process and forked worker processes.

The workers are forked when the work starts, so they hold the list already: only each
chunk's bounds go to them and only its results come back (as pickles). They are given
chunks from the front, one more than they can work on at once, as they finish them; this
process works on chunks from the back meanwhile, until the two meet. Where the system
cannot fork, on one core, or if a worker fails, the function runs here over the whole list.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNKS_PER_READER = 16  # small chunks: this process and the workers finish close together
MAX_WORKERS = 7

_shared: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None
_one_at_a_time = threading.Lock()  # `_shared` holds one work


def map_shared(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]
               ) -> list[Result]:
    """`function(items)` computed in chunks on every core: `function` maps a slice of
    `items` to one result per item; the results in order."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS + 1) - 1  # and this process
    if workers < 1 or len(items) < 2 or "fork" not in mp.get_all_start_methods():
        return function(items)
    with _one_at_a_time:
        return _map_on_workers(function, items, workers)


def _map_on_workers(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
                    workers: int) -> list[Result]:
    global _shared
    size = -(-len(items) // ((workers + 1) * CHUNKS_PER_READER))
    spans = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _shared = (function, items)  # the workers fork at the first submit and inherit it
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            sent: dict[int, Future[list[Result]]] = {}
            done_here: dict[int, list[Result]] = {}
            front, back = 0, len(spans)  # the chunks not taken yet: [front, back)
            while front < back:
                if sum(not future.done() for future in sent.values()) <= workers:
                    # each worker busy and one chunk waiting for the first to be free
                    sent[front] = pool.submit(_run_chunk, *spans[front])
                    front += 1
                else:
                    back -= 1
                    done_here[back] = function(items[spans[back][0]: spans[back][1]])
            parts = [done_here[index] if index in done_here else sent[index].result()
                     for index in range(len(spans))]
    except (OSError, BrokenProcessPool):
        return function(items)
    finally:
        _shared = None
    return [result for part in parts for result in part]


def _run_chunk(start: int, stop: int) -> list[Any]:
    """In a worker: the shared function over its slice of the shared items."""
    assert _shared is not None, "map_shared sets the work before the workers fork"
    function, items = _shared
    return function(items[start:stop])
