"""The garbage collector paused while `footcheck parse` reads and writes (checker/collector.py),
and the premise that makes it safe: reading notes and writing their bibliography makes no
reference cycles, on real documents of the corpus and on a document large enough for the
workers."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from checker import collector, commands, parse
from checker.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
TEXT_LAYOUTS = (".md", ".txt", ".rst")  # their extraction is footcheck's own code too


def test_paused_collects_nothing_inside_and_restores_the_collector():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        passes = gc.get_stats()[0]["collections"]
        made = [[] for _ in range(5 * gc.get_threshold()[0])]  # several young passes' worth
        assert gc.get_stats()[0]["collections"] == passes
    assert gc.isenabled()
    assert len(made) == 5 * gc.get_threshold()[0]


def test_paused_leaves_a_disabled_collector_disabled_even_on_an_error():
    gc.disable()
    try:
        with pytest.raises(RuntimeError), collector.paused():
            raise RuntimeError("stop")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("stop")
    assert gc.isenabled()


def _cycles_left_by_parse(document: Path, refs: Path) -> int:
    """The objects in reference cycles that `footcheck parse` (reading, bibliography,
    output) leaves behind on `document`."""
    args = build_parser().parse_args(["parse", str(document), "--refs-dir", str(refs)])
    gc.collect()
    gc.disable()
    try:
        commands.run_parse(args)
        return gc.collect()
    finally:
        gc.enable()


def _generated_paper(path: Path, count: int) -> Path:
    """Notes in a few common styles, some repeated and some pointing back, with a body."""
    styles = [
        '"Border talks resume {n}," The Diplomat, May {d}, 2020, https://thediplomat.com/{n}/.',
        'Smith, John. "Railway plans {n}." *Reuters*, 2019, https://example.org/2019/{n}-rail/.',
        "Ibid., {d}.",
        "Jane Doe, *Water and power {n}* (London: Hurst, 2018), {d}.",
        "Doe, *Water and power {n}*, 4.",
    ]
    body = " ".join(f"Claim {n}.[^{n}]" for n in range(1, count + 1))
    notes = "\n".join(f"[^{n}]: " + styles[n % len(styles)].format(n=n // 2, d=n % 28 + 1)
                      for n in range(1, count + 1))
    path.write_text(f"# A paper\n\n{body}\n\n{notes}\n", encoding="utf-8")
    return path


def test_reading_notes_and_writing_their_bibliography_makes_no_reference_cycles(
        tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(parse, "PARALLEL_FROM", 200)  # the workers and the windowed context
    documents = [_generated_paper(tmp_path / "paper.md", 600)]
    if CORPUS_DOCS.is_dir():
        documents += sorted(path for path in CORPUS_DOCS.iterdir()
                            if path.suffix in TEXT_LAYOUTS)
    _cycles_left_by_parse(documents[0], tmp_path / "warm")  # imports made once, before
    for number, document in enumerate(documents):
        assert _cycles_left_by_parse(document, tmp_path / f"refs{number}") == 0, document.name
    capsys.readouterr()
