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
    parsed = list(parse_note_texts(texts))
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
def test_each_notes_references_are_handed_on_in_order(tmp_path, monkeypatch, parallel_from):
    """The link check starts on a note's links as soon as they are read."""
    monkeypatch.setattr(parse, "PARALLEL_FROM", parallel_from)
    texts = [note(number) for number in range(1, 121)]
    paper = tmp_path / "paper.md"
    paper.write_text("# Paper\n\n" + " ".join(f"claim.[^{n}]" for n in range(1, 121)) + "\n\n"
                     + "\n".join(f"[^{n}]: {text}" for n, text in enumerate(texts, 1)) + "\n",
                     encoding="utf-8")
    handed: list[list] = []
    parse_paths([str(paper)], on_references=lambda refs: handed.append(list(refs)))
    assert handed == [parse_references(text) for text in texts]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_on_workers_the_first_notes_are_handed_on_before_the_last_are_read(monkeypatch):
    """A large document's link check starts, and its first notes' context is taken, once
    the workers have read the first chunk of its notes, not after all of them."""
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
    parsed = []
    for references in parse_note_texts(texts):
        handed.append(time.monotonic())
        parsed.append(references)
    ended = time.monotonic()
    assert parsed == [parse_references(text) for text in texts] and len(handed) == len(texts)
    assert ended - handed[0] > 0.5 and handed[0] - started < ended - started - 0.5


def test_notes_resolved_a_batch_at_a_time_read_as_all_at_once(tmp_path, monkeypatch):
    """A note's context is taken a batch of notes at a time as the references come
    (`CONTEXT_BATCH`): an Ibid. opening a batch points to the last note of the one before, a
    short form to a work cited batches before, a place to the work the body names at its
    marker; the parse is the one made with every note in one batch."""
    count = 25
    body = " ".join(
        f"As Mr. Warren, in his History of Harbour {n},<sup>{n}</sup> wrote of the tides."
        if n == 12 else f"claim.<sup>{n}</sup>" for n in range(1, count + 1))
    texts = {n: note(n) if n % 4 != 2 else f'"Border talks {n}," Reuters, May 2, 2020.'
             for n in range(1, count + 1)}
    texts[3] = "Ann Roe, *Tides of the Northern Harbour* (London: Hurst, 2018), 14."
    texts[11] = "Ibid., 4."
    texts[12] = "Coll. Minn. Hist. Soc., 1885, vol. 5, p. 12."
    texts[21] = "Roe, *Tides*, 7."
    paper = tmp_path / "paper.md"
    paper.write_text("# Paper\n\n" + body + "\n\n---\n\n" + "\n\n".join(
        f"{n}. {texts[n]}" for n in range(1, count + 1)) + "\n", encoding="utf-8")

    def parsed(batch: int) -> list[dict]:
        monkeypatch.setattr(parse, "CONTEXT_BATCH", batch)
        (doc,) = parse_paths([str(paper)]).documents
        return [note.to_json() for note in doc.footnotes]

    batched, whole = parsed(10), parsed(10_000)
    assert batched == whole
    ibid, named, short = (batched[n - 1]["references"][0] for n in (11, 12, 21))
    assert ibid["title"] == batched[9]["references"][0]["title"]
    assert named["title"] == "History of Harbour 12" and named["authors"] == ["Warren"]
    assert short["title"] == "Tides of the Northern Harbour" and short["authors"] == ["Roe, Ann"]


def test_works_read_as_the_notes_are_resolved_are_those_built_after(tmp_path, monkeypatch):
    """The bibliography reads each run of notes as the parse resolves it
    (`DocumentEntries`, the parse's ``on_resolved``): the entries are those built from the
    whole document afterwards, a work cited again batches later merged into one."""
    from checker.bibliography.entries import DocumentEntries, build_entries

    monkeypatch.setattr(parse, "CONTEXT_BATCH", 7)
    count = 40
    paper = tmp_path / "paper.md"
    texts = [note(n % 13 + 1) if n % 3 else note(n) for n in range(1, count + 1)]
    paper.write_text("# Paper\n\n" + " ".join(f"claim.<sup>{n}</sup>" for n in range(1, count + 1))
                     + "\n\n---\n\n" + "\n\n".join(f"{n}. {text}" for n, text in
                                                   enumerate(texts, 1)) + "\n", encoding="utf-8")
    read = DocumentEntries()
    runs: list[int] = []
    (doc,) = parse_paths([str(paper)], on_resolved=lambda d, notes: (
        runs.append(len(notes)), read(d, notes))).documents
    assert runs == [7] * 5 + [5]
    entries = read.entries(doc)
    assert entries == build_entries(doc)
    assert any(len({number for _, number in entry.notes}) > 1
               and max(entry.notes)[1] - min(entry.notes)[1] >= 7 for entry in entries)
    assert read.entries(doc) == entries  # asked again (or never fed): built from the notes
