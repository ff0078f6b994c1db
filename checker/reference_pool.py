"""`parse_references` over many notes, on every core when a document is large.

Worker processes are forked when a large document has been read and before its footnotes are
extracted. Forked later, a worker would share the parent's heap of lines and notes, and every
allocation it makes in those pages would copy them first (copy-on-write): on a 100,000-note
document that cost a tenth of the parse. The pool is kept for every document of the run, so
the parent can extract the next document while the workers parse the previous one. Nor need
the workers wait for extraction to end: the markdown extractor hands over the text each
line-start candidate would have as a one-line note, in batches as it classifies the lines
(`prefetch`); notes whose final text is one of those take that result, the others are sent
after. Parsing is a pure function of the text, so a result found by text is the right one.

Results cross the process boundary as plain tuples: several times faster to pickle than the
`Reference` dataclasses they are rebuilt into.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from array import array
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from checker.collector import collector_paused
from checker.model import Reference, reference_from_values, reference_values
from checker.references import parse_references

PARALLEL_FROM = 5000  # notes; below this, sending them to workers costs more than it saves
LARGE_TEXT = 400_000  # characters; a document this long may have PARALLEL_FROM notes
CHUNKS_PER_WORKER = 4  # small last chunks: the parent waits less for the slowest worker
MAX_WORKERS = 8

def parse_chunk(texts: list[str]) -> list[list[Reference]]:
    with collector_paused():
        return [parse_references(text) for text in texts]


def _parse_chunk_as_tuples(texts: list[str]) -> list[list[tuple]]:
    with collector_paused():
        return [
            [reference_values(ref) for ref in parse_references(text)]
            for text in texts
        ]


def _ready() -> None:
    """A first task, so that the pool forks its workers now."""


class PendingReferences:
    """The references of one document's notes, in note order, once asked for.

    `where[i]` says which chunk, at which position, holds the result for note i: a text sent
    early (`ReferencePool.prefetch`) or twice ("Ibid.") is parsed once, and every note gets
    its own `Reference` objects.
    """

    def __init__(
        self, texts: list[str], chunks: list[Future] | None,
        where: tuple[array, array] | None = None,
    ) -> None:
        self._texts = texts
        self._chunks = chunks
        self._where = where  # (chunk of note i, position in it): compact for 100,000 notes
        self._done: list[list[Reference]] | None = None if chunks else parse_chunk(texts)

    def result(self) -> list[list[Reference]]:
        return [refs for part in self.in_order() for refs in part]

    def in_order(self) -> Iterator[list[list[Reference]]]:
        """The references in runs of consecutive notes, each as soon as it is parsed, so
        that the caller can work on the first notes while the workers parse the rest."""
        if self._done is not None:
            yield self._done
            return
        chunks = self._chunks or []
        chunk_of, position_of = self._where or (array("i"), array("i"))
        last_use = {chunk: note for note, chunk in enumerate(chunk_of)}
        results: dict[int, tuple[list[list[tuple]], bytearray]] = {}
        part: list[list[Reference]] = []
        done = 0
        try:
            for note, (chunk, position) in enumerate(zip(chunk_of, position_of, strict=True)):
                found = results.get(chunk)
                if found is None:
                    if part:  # hand on what is ready before waiting for the next chunk
                        yield part
                        done += len(part)
                        part = []
                    values = chunks[chunk].result()
                    found = results[chunk] = (values, bytearray(len(values)))
                values, taken = found
                if taken[position]:  # a second note of the same text: its own objects
                    part.append([reference_from_values(fields) for fields in values[position]])
                else:
                    taken[position] = 1
                    part.append([Reference(*fields) for fields in values[position]])
                if last_use[chunk] == note:
                    del results[chunk]
            yield part
        except (OSError, BrokenProcessPool):  # the workers died: parse the rest here
            yield part + parse_chunk(self._texts[done + len(part):])


class ReferencePool:
    """Use as a context manager around a run over several documents."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = min(os.cpu_count() or 1, MAX_WORKERS) if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        # fork only where it is safe with the system's libraries (not macOS: Python itself
        # defaults to spawn there, and spawning would re-import everything per worker)
        self._usable = self.workers >= 2 and sys.platform.startswith("linux") and (
            "fork" in mp.get_all_start_methods())
        self._prefetched: list[tuple[list[str], Future]] = []

    @property
    def parallel(self) -> bool:
        """Are the worker processes running (so that `prefetch` is worth calling)?"""
        return self._pool is not None

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

    def prefetch(self, texts: list[str]) -> None:
        """Start parsing texts that are likely the notes of the document being extracted,
        while its extraction goes on; `submit` takes what matches. Called once per batch
        the extractor has classified, each batch a chunk per worker."""
        if self._pool is not None and texts:
            unique = list(dict.fromkeys(texts))
            self._prefetched.extend(zip(*self._send(unique, self.workers)[1:], strict=True))

    def submit(self, texts: list[str]) -> PendingReferences:
        """Start parsing `texts`; parsed here at once when they are few or there is no pool."""
        prefetched, self._prefetched = self._prefetched, []
        if (len(texts) < PARALLEL_FROM and not prefetched) or not self._usable:
            return PendingReferences(texts, None)
        self.prepare(LARGE_TEXT)  # notes enough without a long text: fork now after all
        if self._pool is None:
            return PendingReferences(texts, None)
        known: dict[str, tuple[int, int]] = {}
        for chunk, (chunk_texts, _) in enumerate(prefetched):
            for position, text in enumerate(chunk_texts):
                known[text] = (chunk, position)
        chunk_of, position_of = array("i"), array("i")
        rest: dict[str, int] = {}  # text -> its index among the texts still to send
        for text in texts:
            chunk, position = known.get(text, (-1, 0))
            if chunk < 0:
                position = rest.setdefault(text, len(rest))
            chunk_of.append(chunk)
            position_of.append(position)
        del known
        size, _, rest_chunks = self._send(list(rest))
        if rest and not rest_chunks:
            return PendingReferences(texts, None)
        first = len(prefetched)
        for note, chunk in enumerate(chunk_of):
            if chunk < 0:
                chunk_of[note], position_of[note] = divmod(position_of[note], size)
                chunk_of[note] += first
        chunks = [future for _, future in prefetched] + rest_chunks
        return PendingReferences(texts, chunks, (chunk_of, position_of))

    def _send(
        self, texts: list[str], chunks: int = 0
    ) -> tuple[int, list[list[str]], list[Future]]:
        """(chunk size, chunks, their futures); no futures if the pool cannot take them."""
        size = max(1, -(-len(texts) // (chunks or self.workers * CHUNKS_PER_WORKER)))
        if not texts or self._pool is None:
            return size, [], []
        parts = [texts[i: i + size] for i in range(0, len(texts), size)]
        try:
            return size, parts, [self._pool.submit(_parse_chunk_as_tuples, part)
                                 for part in parts]
        except (OSError, BrokenProcessPool, RuntimeError):
            return size, [], []

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
