"""A large document's notes are parsed on worker processes: the same references, in order."""

import os

import pytest

from checker import parse
from checker.parse import PARALLEL_FROM, parse_note_texts, parse_paths
from checker.references import parse_references

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


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_many_notes_parse_on_workers_like_in_process():
    texts = [note(number) for number in range(1, PARALLEL_FROM + 301)]
    parsed = parse_note_texts(texts)
    assert parsed == [parse_references(text) for text in texts]
    # every note has its own objects, as when parsed here
    assert len({id(ref) for refs in parsed for ref in refs}) == sum(map(len, parsed))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_a_large_document_is_resolved_after_the_workers_answer(tmp_path, monkeypatch):
    monkeypatch.setattr(parse, "PARALLEL_FROM", 50)
    count = 120
    paper = tmp_path / "paper.md"
    body = " ".join(f"claim.<sup>{number}</sup>" for number in range(1, count + 1))
    paper.write_text("# Paper\n\n" + body + "\n\n---\n\n" + "\n\n".join(
        f"{number}. {note(number)}" for number in range(1, count + 1)) + "\n", encoding="utf-8")
    (doc,) = parse_paths([str(paper)]).documents
    assert len(doc.footnotes) == count
    ibid = doc.footnotes[1]  # note 2: Ibid. of note 1
    assert ibid.text == "Ibid., 12." and ibid.references[0].ibid
    assert ibid.references[0].title == doc.footnotes[0].references[0].title


@pytest.mark.parametrize("parallel_from", [PARALLEL_FROM, 50])
def test_each_notes_references_are_handed_on_in_order(monkeypatch, parallel_from):
    """The link check starts on a note's links as soon as they are read."""
    monkeypatch.setattr(parse, "PARALLEL_FROM", parallel_from)
    texts = [note(number) for number in range(1, 121)]
    handed: list[list] = []
    parsed = parse_note_texts(texts, handed.append)
    assert handed == parsed == [parse_references(text) for text in texts]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_on_workers_the_first_notes_are_handed_on_before_the_last_are_read(monkeypatch):
    """A large document's link check starts once the workers have read the first chunk of
    its notes, not after all of them."""
    import time

    monkeypatch.setattr(parse, "PARALLEL_FROM", 50)
    texts = [note(number) for number in range(1, 401)]
    read_as_values = parse._parse_as_values

    def last_chunk_slow(chunk):
        if texts[-1] in chunk:
            time.sleep(1.0)
        return read_as_values(chunk)

    monkeypatch.setattr(parse, "_parse_as_values", last_chunk_slow)
    handed: list[float] = []
    started = time.monotonic()
    parsed = parse_note_texts(texts, lambda references: handed.append(time.monotonic()))
    ended = time.monotonic()
    assert parsed == [parse_references(text) for text in texts] and len(handed) == len(texts)
    assert ended - handed[0] > 0.5 and handed[0] - started < ended - started - 0.5
