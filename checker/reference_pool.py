"""`parse_references` over many notes, on every core when a document is large.

Worker processes are forked when a large document has been read and before its footnotes are
extracted. Forked later, a worker would share the parent's heap of lines and notes, and every
allocation it makes in those pages would copy them first (copy-on-write): on a 100,000-note
document that cost a tenth of the parse. The pool is kept for every document of the run, so
the parent can extract the next document while the workers parse the previous one.

Results cross the process boundary as plain tuples: several times faster to pickle than the
`Reference` dataclasses they are rebuilt into.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields
from operator import attrgetter
from types import TracebackType

from checker.collector import collector_paused
from checker.model import Reference
from checker.references import parse_references

PARALLEL_FROM = 5000  # notes; below this, sending them to workers costs more than it saves
LARGE_TEXT = 400_000  # characters; a document this long may have PARALLEL_FROM notes
CHUNKS_PER_WORKER = 4  # small last chunks: the parent waits less for the slowest worker
MAX_WORKERS = 8

_AS_TUPLE = attrgetter(*(f.name for f in fields(Reference)))  # a Reference -> its values


def parse_chunk(texts: list[str]) -> list[list[Reference]]:
    with collector_paused():
        return [parse_references(text) for text in texts]


def _parse_chunk_as_tuples(texts: list[str]) -> list[list[tuple]]:
    with collector_paused():
        return [
            [_AS_TUPLE(ref) for ref in parse_references(text)]
            for text in texts
        ]


def _ready() -> None:
    """A first task, so that the pool forks its workers now."""


class PendingReferences:
    """The references of one document's notes, in note order, once `result()` is asked."""

    def __init__(self, texts: list[str], chunks: list[Future] | None) -> None:
        self._texts = texts
        self._chunks = chunks
        self._done: list[list[Reference]] | None = None if chunks else parse_chunk(texts)

    def result(self) -> list[list[Reference]]:
        return [refs for part in self.in_order() for refs in part]

    def in_order(self) -> Iterator[list[list[Reference]]]:
        """The references in runs of consecutive notes, each as soon as it is parsed, so
        that the caller can work on the first notes while the workers parse the rest."""
        if self._done is not None:
            yield self._done
            return
        position = 0
        try:
            for chunk in self._chunks or []:
                values = chunk.result()
                with collector_paused():
                    part = [[Reference(*fields) for fields in refs] for refs in values]
                position += len(part)
                yield part
        except (OSError, BrokenProcessPool):
            yield parse_chunk(self._texts[position:])  # the workers died: parse the rest here


class ReferencePool:
    """Use as a context manager around a run over several documents."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = min(os.cpu_count() or 1, MAX_WORKERS) if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        self._usable = self.workers >= 2 and "fork" in mp.get_all_start_methods()

    def prepare(self, text_length: int) -> None:
        """Fork the workers now if a document this long may need them."""
        if self._pool is not None or not self._usable or text_length < LARGE_TEXT:
            return
        try:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"))
            self._pool.submit(_ready)
        except OSError:
            self._usable = False
            self._pool = None

    def submit(self, texts: list[str]) -> PendingReferences:
        """Start parsing `texts`; parsed here at once when they are few or there is no pool."""
        if len(texts) < PARALLEL_FROM or not self._usable:
            return PendingReferences(texts, None)
        self.prepare(LARGE_TEXT)  # notes enough without a long text: fork now after all
        if self._pool is None:
            return PendingReferences(texts, None)
        size = -(-len(texts) // (self.workers * CHUNKS_PER_WORKER))
        try:
            chunks = [
                self._pool.submit(_parse_chunk_as_tuples, texts[i: i + size])
                for i in range(0, len(texts), size)
            ]
        except (OSError, BrokenProcessPool, RuntimeError):
            return PendingReferences(texts, None)
        return PendingReferences(texts, chunks)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ReferencePool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
