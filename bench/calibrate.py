"""How fast this machine runs Python right now: the CPU seconds of a fixed workload.

The project's machine is a virtual one whose speed moves with its host's load: the same
100,000-note parse took 14.8 s of CPU at one hour and 19-20 s two hours later (2026-12-07).
A figure is only comparable with another taken at the same speed, so the benchmarks print
this beside theirs: the workload is footcheck's kind of work (regular expressions over
citation-like text, string slicing, dicts and small objects), run in a fresh process, the
least CPU of three runs. Divide two runs' figures by their calibrations to compare them.

    python bench/calibrate.py        # prints the calibration in seconds
"""

from __future__ import annotations

import os
import subprocess
import sys

WORKLOAD = r"""
import re
from dataclasses import dataclass

@dataclass
class Work:
    title: str
    site: str
    year: str

pattern = re.compile(r'"(?P<title>[^"]+)," (?P<site>[^,]+), \w+ \d+, (?P<year>\d{4}), (\S+)')
lines = [f'"Trade talks {n} end," Harbor Times {n % 50}, March 2, 20{n % 30:02d}, '
         f'https://example.org/news/{n}/trade-talks' for n in range(20000)]
for _ in range(12):
    works = {}
    for line in lines:
        found = pattern.match(line)
        work = Work(found["title"].lower(), found["site"], found["year"])
        works.setdefault(work.site, []).append(work)
    keys = sorted(f"{site.split()[-1]}{len(group)}" for site, group in works.items())
"""


def calibration_seconds(runs: int = 3) -> float:
    """The least CPU (user + system) of `runs` fresh processes running the workload."""
    best = float("inf")
    for _ in range(runs):
        process = subprocess.Popen([sys.executable, "-c", WORKLOAD])
        _, _, usage = os.wait4(process.pid, 0)
        best = min(best, usage.ru_utime + usage.ru_stime)
    return best


if __name__ == "__main__":
    print(f"{calibration_seconds():.3f}")
