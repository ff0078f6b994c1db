"""The one place footcheck works on several cores: a function over a large list, in chunks,
on forked worker processes, one a core.

The workers are forked when the work starts, so they hold the list already: only each
chunk's bounds go to them and only its results come back (as pickles), in order, each chunk's
handed on as soon as it and those before it are done, while the workers go on. Where the
system cannot fork, where this process may run on one core only, the function runs here over
the whole list; if a worker fails, over the part not yet handed on. A taker that stops early
(Ctrl-C) waits for no chunk: the workers are stopped.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from checker import interrupt

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNKS_PER_WORKER = 4  # a few chunks each: less waiting for the slowest worker at the end
MAX_WORKERS = 8

_shared: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None
_one_at_a_time = threading.Lock()  # `_shared` holds one work


def map_shared(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]
               ) -> Iterator[Result]:
    """`function(items)` computed in chunks on every core: `function` maps a slice of
    `items` to one result per item; the results in order, each chunk's as it is done."""
    import multiprocessing as mp  # here: a paper read in-process never loads it

    workers = min(_cores(), MAX_WORKERS)
    if workers < 2 or len(items) < 2 or "fork" not in mp.get_all_start_methods():
        return iter(function(items))
    return _map_on_workers(function, items, workers)


def _cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def _map_on_workers(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
                    workers: int) -> Iterator[Result]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _shared
    size = -(-len(items) // (workers * CHUNKS_PER_WORKER))
    starts = range(0, len(items), size)
    handed_on = 0
    with _one_at_a_time:
        _shared = (function, items)  # the workers fork at the first chunk and inherit it
        try:
            others = set(mp.active_children())
            pool = ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"),
                                       initializer=_ignore_interrupts)
            done = False
            try:
                # Submitted, never cancelled: Python 3.11's pool fails in its own thread when it
                # marks a chunk cancelled meanwhile as failed (as `pool.map` does on a failure).
                # Ctrl-C is held back while the workers are forked (they fork at the first
                # chunk), so that none is forked ready to take it (`_ignore_interrupts`).
                # Nor is it raised here meanwhile, where another thread took it (`held`).
                blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    with interrupt.held():
                        chunks = [pool.submit(_run_chunk, start, start + size)
                                  for start in starts]
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                for number, chunk in enumerate(chunks, start=1):
                    part = chunk.result()
                    # every chunk in: the workers are idle, and a taker that stops asking
                    # once it has the last result (no call for the end) lets them go as
                    # done, not stopped (stopping them raced the pool's own thread, which
                    # then printed a TypeError now and then)
                    done = number == len(chunks)
                    yield from part
                    handed_on += len(part)
            finally:
                if not done:  # the taker stopped early (Ctrl-C, an error): no chunk waited for
                    for worker in set(mp.active_children()) - others:  # (even mid-start)
                        worker.terminate()
                # Waited for only when all is done (the workers idle): stopped early, the pool
                # may be half made (Ctrl-C as it started its thread, which cannot be joined).
                pool.shutdown(wait=done)
        except (OSError, BrokenProcessPool):
            yield from function(items[handed_on:])
        finally:
            _shared = None


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C, which a terminal sends to every process of the command, is the
    taker's to answer (it stops the workers); a worker taking it would print a traceback. It
    was held back since the fork: ignored now, any held is dropped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _run_chunk(start: int, stop: int) -> list[Any]:
    """In a worker: the shared function over its slice of the shared items."""
    assert _shared is not None, "map_shared sets the work before the workers fork"
    function, items = _shared
    return function(items[start:stop])
