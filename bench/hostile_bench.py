"""Hostile documents through the whole command: each is parsed or refused in time roughly
linear in its size (issue: bounded work on untrusted input).

Every shape is written at two sizes, the second twice the first, and `footcheck parse
--no-write` runs on each as a subprocess. A shape meets the target when the larger run ends
(parsed or refused with one line) within `LIMIT_SECONDS` and takes at most `GROWTH` times
the smaller one's time (linear growth gives about 2; quadratic 4).

    .venv/bin/python bench/hostile_bench.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LIMIT_SECONDS = 10.0
GROWTH = 3.0
START_UP_SECONDS = 0.3  # subtracted before comparing growth: the interpreter's start


def deep_html(n: int) -> str:
    return ("<html><body>" + "<div>" * n + "x<sup>1</sup>" + "</div>" * n
            + '<ol class="footnotes"><li id="fn1">A note.</li></ol></body></html>')


def one_note(body: str) -> str:
    return "Text.[^1]\n\n[^1]: " + body + "\n"


def name(i: int) -> str:
    """Three letters of a family name, different for each i below 17,576."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i % 26] + letters[i // 26 % 26] + letters[i // 676 % 26]


def ruled_pages(n: int) -> str:
    """Two pages as a PDF viewer copies them: body text with glued markers, a rule, and the
    page's notes run together on one line after it; about n notes."""
    half = max(n // 2, 3)
    pages = []
    for first in (1, half + 1):
        numbers = range(first, first + half)
        pages.append("".join(f"A claim.{i} " for i in numbers) + "\n" + "\u2013" * 30 + " "
                     + " ".join(f"{i} See Roe, Title {i}, at {i}." for i in numbers) + "\n")
    return "\f".join(pages)


SHAPES: dict[str, tuple[str, Callable[[int], str], int]] = {
    "HTML nested n deep (refused)": (".html", deep_html, 100_000),
    "HTML nested 900 deep, n notes": (".html", lambda n: deep_html(900).replace(
        "</body>", "".join(f"<p>p{i}<sup>{i}</sup></p>" for i in range(2, n))
        + "</body>"), 2_000),
    "one note of n citations": (".md", lambda n: one_note("".join(  # n works: a work cited
        f'"Title {i}," Site, May 1, 2020, https://example.com/{i}. ' for i in range(n))),
        20_000),  # twice in a note is one reference of it

    "one note of n works, each with an author-year cite": (".md", lambda n: one_note("".join(
        f"Jane R{name(i)}, *Harbours {i}*, 2001 (R{name(i)} {1500 + i % 500}); "
        for i in range(n))), 10_000),
    "one note of n URLs": (".md", lambda n: one_note("http://a.com/ " * n), 10_000),
    "one note of n quotes": (".md", lambda n: one_note('"' * n), 100_000),
    "one note of n dates": (".md", lambda n: one_note("May 1, 2020, " * n), 25_000),
    "one note of n semicolons": (".md", lambda n: one_note("see; " * n), 120_000),
    "a word of n letters, a name, an italic title": (".md", lambda n: one_note(
        "x" * n + " as told in passing: T. D. Roe, *Harbour Songs*."), 1_000_000),
    "n notes on one line": (".md", lambda n: "Body.\n\n---\n\n" + " ".join(
        f"{i}. \"Title {i},\" Site, 2020." for i in range(1, n)) + "\n", 40_000),
    "n notes run together after a rule": (".txt", ruled_pages, 20_000),
    "a rule, n spaces after a period": (".txt", lambda n: ruled_pages(6).replace(
        "at 1. 2 See", "at 1." + " " * n + "2 See"), 1_500_000),
    "n notes marked on one body line": (".md", lambda n: "".join(  # no author: the body is
        f"A claim.<sup>{i}</sup> " for i in range(1, n + 1)) + "\n\n---\n\n" + "\n\n".join(
        f'<sup>{i}</sup>"Trade {i}," Site, April 9, 2008.' for i in range(1, n + 1)) + "\n",
        10_000),  # read at each marker for the work it names
    "HTML paragraph of n note markers": (".html", lambda n: "<html><body><p>" + "".join(
        f'A claim.<sup><a href="#fn{i}">{i}</a></sup> ' for i in range(1, n + 1))
        + '</p><ol class="footnotes">' + "".join(f'<li id="fn{i}">"Trade {i}," Site, April 9, '
                                                 "2008.</li>" for i in range(1, n + 1))
        + "</ol></body></html>", 10_000),  # no date in its head: the body's top is read
    "CSL-JSON export of n items": (".json", lambda n: "[\n" + ",\n".join(
        f'  {{"id": "roe{i}", "type": "book", "title": "Harbour {i}", "issued": '
        f'{{"date-parts": [[2020]]}}}}' for i in range(n)) + "\n]\n", 10_000),
    "n body markers": (".md", lambda n: "".join(f"Text.<sup>{i}</sup> " for i in range(1, n))
                       + "\n\n---\n\n<sup>1</sup> A note.\n", 50_000),
}


def run(path: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "checker", "parse", "--no-write", str(path)],
                          capture_output=True, text=True, timeout=600)
    last = (done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or [""])[-1]
    return time.perf_counter() - started, done.returncode, last[:90]


def main() -> int:
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, make, size) in SHAPES.items():
            timings = []
            for scale in (1, 2):
                path = Path(folder) / f"shape{suffix}"
                path.write_text(make(size * scale), encoding="utf-8")
                timings.append((run(path), path.stat().st_size))
            (small, _, _), _ = timings[0]
            (large, code, last), size_bytes = timings[1]
            growth = max(large - START_UP_SECONDS, 0.01) / max(small - START_UP_SECONDS, 0.01)
            met = large <= LIMIT_SECONDS and (growth <= GROWTH or large < 1.0)
            failed += not met
            print(f"{'met    ' if met else 'NOT MET'} {name:32} {size_bytes / 1e6:6.2f} MB "
                  f"{small:6.2f} s -> {large:6.2f} s (x{growth:.1f}) exit {code}: {last}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
