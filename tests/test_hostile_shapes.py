"""Each hostile document shape of bench/hostile_bench.py, through the command at a small size:
parsed with the right count or refused with one line, never a traceback. The time each takes
as it grows is the benchmark's business (`python bench/hostile_bench.py`), not a unit test's."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("hostile_bench", ROOT / "bench" / "hostile_bench.py")
assert _spec is not None and _spec.loader is not None
hostile_bench = importlib.util.module_from_spec(_spec)
sys.modules["hostile_bench"] = hostile_bench
_spec.loader.exec_module(hostile_bench)

# shape -> (size used here, exit code, footnotes (None: a bibliography), references or
# entries) of `footcheck parse --no-write`
EXPECTED = {
    "HTML nested n deep (refused)": (2_000, 2, None, None),
    "HTML nested 900 deep, n notes": (50, 0, 1, 0),
    "one note of n citations": (200, 0, 1, 200),
    "one note of n works, each with an author-year cite": (300, 0, 1, 300),
    "one note of n URLs": (200, 0, 1, 1),
    "one note of n quotes": (2_000, 0, 1, 0),
    "one note of n dates": (500, 0, 1, 0),
    "one note of n semicolons": (2_000, 0, 1, 0),
    "a word of n letters, a name, an italic title": (2_000, 0, 1, 1),
    "n notes on one line": (400, 0, 399, 399),
    "n notes marked on one body line": (300, 0, 300, 300),
    "HTML paragraph of n note markers": (300, 0, 300, 300),
    "CSL-JSON export of n items": (300, 0, None, 300),  # a bibliography: its entries
    "n body markers": (1_000, 0, 1, 0),
    "n notes run together after a rule": (200, 0, 200, 0),
    "a rule, n spaces after a period": (2_000, 0, 6, 0),
}


def test_every_shape_of_the_benchmark_is_covered() -> None:
    assert set(EXPECTED) == set(hostile_bench.SHAPES)


@pytest.mark.parametrize("shape", sorted(EXPECTED))
def test_hostile_shape_is_parsed_or_refused_in_one_line(shape, tmp_path, capsys) -> None:
    suffix, make, _ = hostile_bench.SHAPES[shape]
    size, code, footnotes, references = EXPECTED[shape]
    path = tmp_path / f"shape{suffix}"
    path.write_text(make(size), encoding="utf-8")
    assert main(["parse", "--no-write", "--quiet", str(path)]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and "1,000 levels" in err
        return
    if footnotes is None:
        assert f"{references} bibliography entries" in out + err, out + err
        return
    counts = re.search(r"(\d+) footnotes .*?(\d+) references", out + err)
    assert counts is not None, out + err
    assert (int(counts.group(1)), int(counts.group(2))) == (footnotes, references)
