"""Large documents are parsed on worker processes: same results, same order, and a fallback."""

import os
import signal
from dataclasses import asdict

import pytest

from checker.parse import parse_paths
from checker.reference_pool import PARALLEL_FROM, ReferencePool, parse_chunk

OUTLETS = ["The Diplomat", "Reuters", "Eurasianet", "Foreign Policy"]


def note(number: int) -> str:
    """A note in one of a few styles, varied by its number (not keyed to any sample)."""
    outlet = OUTLETS[number % len(OUTLETS)]
    style = number % 4
    if style == 0:
        return f'"Border talks resume {number}," {outlet}, May {number % 28 + 1}, 2020.'
    if style == 1:
        return (f'Smith, John. "Railway plans {number}." *{outlet}*, 2019, '
                f"https://example{number % 7}.org/2019/05/{number}-rail/.")
    if style == 2:
        return "Ibid., 12."
    return f"Jane Doe, *Water and power {number}* (London: Hurst, 2018), {number % 300}."


def write_paper(path, count: int) -> list[str]:
    notes = [note(number) for number in range(1, count + 1)]
    body = " ".join(f"claim.<sup>{number}</sup>" for number in range(1, count + 1))
    path.write_text(
        "# Paper\n\n" + body + "\n\n---\n\n"
        + "\n\n".join(f"{number}. {text}" for number, text in enumerate(notes, 1)) + "\n",
        encoding="utf-8",
    )
    return notes


def as_dicts(references):
    return [[asdict(ref) for ref in refs] for refs in references]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_large_documents_parse_on_workers_like_in_process(tmp_path):
    count = PARALLEL_FROM + 300
    big = tmp_path / "a_big.md"
    write_paper(big, count)
    small = tmp_path / "b_small.md"
    small_notes = write_paper(small, 40)
    missing = tmp_path / "c_missing.md"
    other = tmp_path / "d_big.md"
    write_paper(other, count)

    run = parse_paths([str(big), str(small), str(missing), str(other)])

    assert [doc.path for doc in run.documents] == [str(big), str(small), str(other)]
    assert [error.path for error in run.errors] == [str(missing)]
    for doc in run.documents:
        texts = [footnote.text for footnote in doc.footnotes]
        assert len(texts) == (40 if doc.path == str(small) else count)
        assert as_dicts(footnote.references for footnote in doc.footnotes if
                        not footnote.text.startswith("Ibid")) == as_dicts(
            refs for text, refs in zip(texts, parse_chunk(texts), strict=True)
            if not text.startswith("Ibid"))
    # Ibid. resolved across the notes after the workers' results came back
    ibid = run.documents[0].footnotes[1]  # note 2
    assert ibid.text == "Ibid., 12." and ibid.references[0].ibid
    assert ibid.references[0].title == run.documents[0].footnotes[0].references[0].title
    assert [f.text for f in run.documents[1].footnotes] == small_notes


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_dead_workers_fall_back_to_parsing_in_process():
    texts = [note(number) for number in range(1, PARALLEL_FROM + 1)]
    with ReferencePool(workers=2) as pool:
        pool.prepare(10**9)
        workers = list(pool._pool._processes.values())  # the forked workers
        assert len(workers) == 2
        for process in workers:
            os.kill(process.pid, signal.SIGKILL)
        for process in workers:
            process.join(5)
        pending = pool.submit(texts)
        assert as_dicts(pending.result()) == as_dicts(parse_chunk(texts))


class RecordingPool(ReferencePool):
    """The pool, noting each batch of texts sent to the workers."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.sent: list[list[str]] = []

    def _send(self, texts, chunks=0):
        self.sent.append(list(texts))
        return super()._send(texts, chunks)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_texts_sent_early_are_used_and_only_the_others_are_sent_after():
    texts = [note(number) for number in range(1, PARALLEL_FROM + 400)]
    texts.append(texts[0])  # the same text in two notes
    early = [*texts[:-300], *(f"not a note {n}" for n in range(300))]  # some guesses wrong
    with RecordingPool(workers=2) as pool:
        pool.prepare(10**9)
        assert pool.parallel
        pool.prefetch(early)
        pending = pool.submit(texts)
        result = pending.result()
    first, after = pool.sent
    assert first == list(dict.fromkeys(early))
    assert after == [text for text in dict.fromkeys(texts) if text not in set(early)]
    assert as_dicts(result) == as_dicts(parse_chunk(texts))
    (one,), (same,) = result[0], result[-1]
    assert one == same and one is not same and one.authors is not same.authors


def test_one_worker_or_few_notes_parse_in_process():
    texts = [note(number) for number in range(1, 50)]
    with ReferencePool(workers=1) as pool:
        pool.prepare(10**9)
        assert pool._pool is None
        assert as_dicts(pool.submit(texts).result()) == as_dicts(parse_chunk(texts))
    with ReferencePool(workers=2) as pool:
        assert as_dicts(pool.submit(texts).result()) == as_dicts(parse_chunk(texts))
        assert pool._pool is None  # 49 notes: not worth a fork


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_a_few_notes_sent_early_take_their_early_results():
    texts = [note(number) for number in range(1, 120)]
    with RecordingPool(workers=2) as pool:
        pool.prepare(10**9)
        pool.prefetch(texts[:100])
        pool.prefetch(texts[100:])  # a second batch from the extractor
        result = pool.submit(texts).result()
    # each batch sends a text once ("Ibid., 12."), and nothing is left to send after them
    assert pool.sent == [list(dict.fromkeys(texts[:100])), list(dict.fromkeys(texts[100:])), []]
    assert as_dicts(result) == as_dicts(parse_chunk(texts))
