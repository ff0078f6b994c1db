"""Parse benchmark: generate N realistic footnotes in one document, parse them, print figures.

    .venv/bin/python bench/parse_bench.py [--sizes 10000,100000]

Targets (issue 2): 100,000 footnotes in under 5 s and under 300 MB on a 2-core machine, cost
growing linearly.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.parse import parse_paths

SITES = ["kaktus.media", "reuters.com", "fergana.news", "lenta.inform.kz", "akipress.com",
         "rferl.org", "thediplomat.com", "eng.sectsco.org", "globaltimes.cn", "state.gov"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WORDS = [
    "trade", "border", "summit", "pipeline", "railway", "customs", "ministry", "agreement",
    "loans", "security", "water", "energy", "migration", "elections", "protest", "investment",
    "corridor",
]


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).capitalize()


def date(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2010, 2022)}"


def citation(rng: random.Random, number: int) -> str:
    style = number % 8
    site = rng.choice(SITES)
    if style == 0:
        return f'"{title(rng)}," {site}, {date(rng)}.'
    if style == 1:
        return (f'Smith, John. "{title(rng)}." *The Diplomat*, {date(rng)}, '
                f"https://{site}/{rng.randint(2010, 2022)}/0{rng.randint(1, 9)}/{number}/.")
    if style == 2:
        return (f'Chen, Li, and Omar Farouk. "{title(rng)}." *Journal of Eurasian Studies* '
                f"{rng.randint(1, 30)}, no. 2 (2020): 101-17. https://doi.org/10.1177/{number}.")
    if style == 3:
        return f"Pantucci, Raffaello. *{title(rng)}*. Oxford: Oxford University Press, 2019."
    if style == 4:
        return ("Since 2015 the ministry has published a series of annual reviews describing "
                "how the border regime changed over the decade.")
    if style == 5:
        return "Ibid., 45."
    if style == 6:
        return (f'"{title(rng)}" [{site}](http://{site}), {date(rng)}.; '
                f'"{title(rng)}," {site}, {date(rng)}.')
    return f'"{title(rng)}." UN ESCAP, 2019, https://www.unescap.org/sites/ default/f{number}.pdf.'


def document(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    body = []
    notes = []
    for number in range(1, count + 1):
        if number % 50 == 1:
            body.append(" ".join(rng.choice(WORDS) for _ in range(60)))
        body[-1] += f" claim<sup>{number}</sup>"
        shape = number % 4
        text = citation(rng, number)
        if shape == 0:
            notes.append(f"<sup>{number}</sup>{text}")
        elif shape == 1:
            notes.append(f"- {number} {text}")
        elif shape == 2:
            notes.append(f"<sup>{number}</sup> {text}")
        else:
            notes.append(f"- {number} {text}")
    return "# Generated paper\n\n" + "\n\n".join(body) + "\n\n---\n\n" + "\n\n".join(notes) + "\n"


def measure(count: int) -> tuple[float, int, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench_{count}.md"
        path.write_text(document(count), encoding="utf-8")
        start = time.perf_counter()
        run = parse_paths([str(path)])
        elapsed = time.perf_counter() - start
    found = len(run.documents[0].footnotes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return elapsed, found, peak_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    print(f"{'footnotes':>10} {'found':>8} {'seconds':>8} {'notes/s':>10} {'peak MB':>8}")
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        elapsed, found, peak = measure(size)
        results.append((size, elapsed, peak))
        print(f"{size:>10} {found:>8} {elapsed:>8.2f} {size / elapsed:>10.0f} {peak:>8.0f}")
        if found != size:
            print(f"  WARNING: {size - found} footnotes missed")
    if len(results) > 1:
        (small, t_small, _), (large, t_large, _) = results[0], results[-1]
        print(f"growth: x{large / small:.0f} footnotes -> x{t_large / t_small:.1f} time")
    size, elapsed, peak = results[-1]
    if size >= 100_000:
        verdict = "met" if elapsed < 5 and peak < 300 else "MISSED"
        print(f"target (100,000 in < 5 s, < 300 MB): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
