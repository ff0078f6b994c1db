"""Per-host and global concurrency limits, and a fair dispatcher built on them.

`HostLimiter` holds one `threading.Semaphore` per host key (``hostname[:port]``, see
`targets.host_key`) and one global semaphore. A host slot is always taken before the global
one, so a request waiting for its host never holds a global slot.

`FairDispatcher` hands work items to worker threads only when the item's host has a free
slot, visiting hosts round-robin. A worker therefore never sits blocked on a busy host while
work for idle hosts waits behind it: one slow host uses at most `per_host` workers, and the
others keep every remaining global slot busy. An item can be handed back with `defer` (a
retry): deferred items go out only once every first item has gone out, each not before its
own time, so a retry never holds up the links still waiting for their first check. A
dispatcher made with ``sealed=False`` takes more items (`add`) until `seal`: its workers wait
for them, and retries wait for the seal too.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Job(NamedTuple, Generic[T]):
    """An item handed out: its host key, the item, and its number in the order items were
    handed out (1 for the first; a retry is handed out again under a new number)."""

    key: str
    item: T
    number: int


class HostLimiter:
    def __init__(self, per_host: int = 2, global_limit: int = 32) -> None:
        self.per_host = max(1, int(per_host))
        self.global_limit = max(1, int(global_limit))
        self._global = threading.Semaphore(self.global_limit)
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = {}
        self._total = 0
        self.peak_total = 0
        self.peak_per_host: dict[str, int] = {}

    def _host(self, key: str) -> threading.Semaphore:
        with self._lock:
            semaphore = self._hosts.get(key)
            if semaphore is None:
                semaphore = self._hosts[key] = threading.Semaphore(self.per_host)
            return semaphore

    def _count(self, key: str, delta: int) -> None:
        with self._lock:
            now = self._in_flight.get(key, 0) + delta
            self._in_flight[key] = now
            self._total += delta
            if delta > 0:
                self.peak_total = max(self.peak_total, self._total)
                self.peak_per_host[key] = max(self.peak_per_host.get(key, 0), now)

    def try_acquire(self, key: str) -> bool:
        """Take a slot for `key` (host, then global) without waiting; False if none is free."""
        host = self._host(key)
        if not host.acquire(blocking=False):
            return False
        if not self._global.acquire(blocking=False):
            host.release()
            return False
        self._count(key, +1)
        return True

    def acquire(self, key: str, timeout: float | None = None) -> bool:
        """Wait for a slot for `key`: the host's first, then a global one."""
        host = self._host(key)
        if not host.acquire(timeout=timeout):
            return False
        if not self._global.acquire(timeout=timeout):
            host.release()
            return False
        self._count(key, +1)
        return True

    def release(self, key: str) -> None:
        self._count(key, -1)
        self._global.release()
        self._host(key).release()

    @contextmanager
    def slot(self, key: str) -> Iterator[None]:
        self.acquire(key)
        try:
            yield
        finally:
            self.release(key)

    def in_flight(self, key: str | None = None) -> int:
        with self._lock:
            return self._total if key is None else self._in_flight.get(key, 0)


class FairDispatcher(Generic[T]):
    """Round-robin over hosts; an item goes out only when its host has a free slot.

    Workers loop ``while (job := dispatcher.take()) is not None: ...; dispatcher.done(job.key)``.
    `take` blocks while every host with pending work is at its limit (or every deferred item
    is waiting for its time), and returns None once every item has been handed out and no
    item in flight can still be deferred (and, with ``sealed=False``, once `seal` is called).
    """

    def __init__(self, items: Iterable[tuple[str, T]], limiter: HostLimiter,
                 clock: Callable[[], float] = time.monotonic, *, sealed: bool = True) -> None:
        self.limiter = limiter
        self._clock = clock
        self._pending: OrderedDict[str, deque[T]] = OrderedDict()
        for key, item in items:
            self._pending.setdefault(key, deque()).append(item)
        self._deferred: list[tuple[float, int, str, T]] = []  # (not before, order, key, item)
        self._order = 0
        self._handed = 0  # items handed out so far (`Job.number`)
        self._in_flight = 0
        self._condition = threading.Condition()
        self._closed = False
        self._sealed = sealed

    def take(self) -> Job[T] | None:
        with self._condition:
            while True:
                if self._closed:
                    return None
                for key in list(self._pending):
                    if self.limiter.try_acquire(key):
                        queue = self._pending.pop(key)
                        item = queue.popleft()
                        if queue:  # back of the line: the next take starts with another host
                            self._pending[key] = queue
                        self._in_flight += 1
                        self._handed += 1
                        return Job(key, item, self._handed)
                wait: float | None = None
                if not self._sealed:
                    pass  # more first items may come: they go before any retry
                elif not self._pending and self._deferred:
                    now = self._clock()
                    for entry in sorted(self._deferred):
                        when, _, key, item = entry
                        if when > now:
                            wait = when - now
                            break
                        if self.limiter.try_acquire(key):
                            self._deferred.remove(entry)
                            heapq.heapify(self._deferred)
                            self._in_flight += 1
                            self._handed += 1
                            return Job(key, item, self._handed)
                elif not self._pending and not self._in_flight:
                    return None
                self._condition.wait(wait)

    def add(self, key: str, item: T) -> None:
        """One more first item (before `seal`)."""
        with self._condition:
            self._pending.setdefault(key, deque()).append(item)
            self._condition.notify()

    def seal(self) -> None:
        """No more first items: retries may go out, and `take` ends when all is done."""
        with self._condition:
            self._sealed = True
            self._condition.notify_all()

    def defer(self, key: str, item: T, delay: float) -> None:
        """Hand `item` out again, after the first items and not before `delay` seconds.
        Call it before `done` for the attempt that asks for it."""
        with self._condition:
            self._order += 1
            heapq.heappush(self._deferred, (self._clock() + max(0.0, delay), self._order,
                                            key, item))
            self._condition.notify_all()

    def done(self, key: str) -> None:
        self.limiter.release(key)
        with self._condition:
            self._in_flight -= 1
            self._condition.notify_all()

    def close(self) -> None:
        """Hand out nothing more (on interrupt); waiting workers return None."""
        with self._condition:
            self._closed = True
            self._pending.clear()
            self._deferred.clear()
            self._condition.notify_all()

    def remaining(self) -> int:
        with self._condition:
            return sum(len(queue) for queue in self._pending.values()) + len(self._deferred)
