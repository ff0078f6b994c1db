"""Parse benchmark: generate N realistic footnotes, run the whole parse, print the figures.

    .venv/bin/python bench/parse_bench.py [--sizes 10000,100000] [--seed 1]

The footnotes come in the shapes PDF-converted papers and pandoc documents use (``<sup>N</sup>``,
``- N text``, ``N. text``, pandoc ``[^N]:``) and the styles real notes use (news with a site
name, Chicago notes with authors, italic outlet and URL, journal articles with DOI, books with
place and publisher, APA, Wikipedia-style "Retrieved", Russian GOST, several works in one note,
URLs broken by the PDF converter, prose notes, Ibid.). Three quarters go into one
PDF-converted markdown paper, one quarter into a pandoc paper; both are parsed by
`checker.parse.parse_paths`, exactly as `footcheck parse` does.

Each size runs in a fresh Python process, so its peak memory (max RSS of the process and of
any worker processes it starts) is its own. Targets (issue 2): 100,000 footnotes in under
5 s and under 300 MB on the 2-core machine, the cost growing linearly.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 5.0
TARGET_MB = 300.0

SITES = ["kaktus.media", "reuters.com", "fergana.news", "lenta.inform.kz", "akipress.com",
         "rferl.org", "thediplomat.com", "eng.sectsco.org", "globaltimes.cn", "state.gov",
         "24.kg", "kun.uz", "tengrinews.kz", "eurasianet.org", "avesta.tj"]
OUTLETS = ["The Diplomat", "New York Times", "Financial Times", "Eurasianet", "RFE/RL",
           "Foreign Policy", "Nikkei Asia", "South China Morning Post", "Kommersant"]
JOURNALS = ["Journal of Eurasian Studies", "Central Asian Survey", "Europe-Asia Studies",
            "Asian Survey", "Problems of Post-Communism", "Washington Quarterly"]
PUBLISHERS = [("Oxford", "Oxford University Press"), ("London", "Hurst"),
              ("New York", "Columbia University Press"), ("Washington, DC", "Carnegie"),
              ("Cambridge", "Cambridge University Press")]
FIRST = ["John", "Jane", "Raffaello", "Niva", "Alexander", "Marlene", "Temur", "Nargis",
         "Bruce", "Paul", "Li", "Omar", "Gulnara", "Kemel"]
FAMILY = ["Smith", "Pantucci", "Yau", "Cooley", "Laruelle", "Umarov", "Kassenova",
          "Pannier", "Stronski", "Chen", "Farouk", "Dzhumabaeva", "Toktomushev"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
RUSSIAN_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                  "сентября", "октября", "ноября", "декабря"]
WORDS = ["trade", "border", "summit", "pipeline", "railway", "customs", "ministry",
         "agreement", "loans", "security", "water", "energy", "migration", "elections",
         "protest", "investment", "corridor", "China", "Kazakhstan", "Kyrgyzstan", "debt",
         "vaccines", "surveillance", "cameras", "cotton", "gas", "Russia", "Uzbekistan"]


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 10))).capitalize()


def day(rng: random.Random) -> str:
    return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2005, 2023)}"


_RECENT: list[tuple[str, str]] = []  # (family, title) of works cited so far, for short forms


def person(rng: random.Random, inverted: bool = False) -> str:
    first, family = rng.choice(FIRST), rng.choice(FAMILY)
    return f"{family}, {first}" if inverted else f"{first} {family}"


def authored_title(rng: random.Random, author: str) -> str:
    """A title for a work by `author`, remembered so that later notes can cite it short."""
    text = title(rng)
    family = author.split(",")[0] if "," in author else author.split()[-1]
    _RECENT.append((family, text))
    del _RECENT[:-50]
    return text


# How often each style below occurs, per 100 notes: roughly the mix of the think-tank papers
# and journal articles the tool is for (most notes cite a news item or a report; about one in
# ten is Ibid. or a short form; a few are prose).
STYLE_WEIGHTS = (18, 16, 8, 7, 6, 10, 3, 5, 3, 3, 3, 3, 2, 6, 3, 4)
_STYLE_CYCLE = [style for style, weight in enumerate(STYLE_WEIGHTS) for _ in range(weight)]


def citation(rng: random.Random, number: int) -> str:
    """One footnote's text in one of the styles real papers use."""
    style = _STYLE_CYCLE[(number * 37) % len(_STYLE_CYCLE)]
    site = rng.choice(SITES)
    year = rng.randint(2005, 2023)
    if style == 0:
        return f'"{title(rng)}," {site}, {day(rng)}.'
    if style == 1:
        author = person(rng, True)
        return (f'{author}. "{authored_title(rng, author)}." *{rng.choice(OUTLETS)}*, {day(rng)}, '
                f"https://{site}/{year}/{rng.randint(1, 12):02d}/{number}-{rng.choice(WORDS)}/.")
    if style == 2:
        author = person(rng)
        return (f'{author} and {person(rng)}, "{authored_title(rng, author)}," '
                f"*{rng.choice(JOURNALS)}* "
                f"{rng.randint(1, 40)}, no. {rng.randint(1, 4)} ({year}): "
                f"{rng.randint(1, 200)}–{rng.randint(201, 400)}, "
                f"https://doi.org/10.1080/{rng.randint(10000000, 99999999)}.{number}.")
    if style == 3:
        place, publisher = rng.choice(PUBLISHERS)
        author = person(rng)
        return (f"{author}, *{authored_title(rng, author)}* ({place}: {publisher}, {year}), "
                f"{number % 300}.")
    if style == 4:
        return ("Since 2015 the ministry has published a series of annual reviews describing "
                f"how the {rng.choice(WORDS)} regime changed over the decade, and the figures "
                "here are taken from them.")
    if style == 5:
        return f"Ibid., {rng.randint(1, 300)}."
    if style == 6:
        return (f'“{title(rng)},” [{site}](http://{site}), {day(rng)}.; '
                f'“{title(rng)},” [{site}](http://{site}), {day(rng)}.')
    if style == 7:
        return (f'"{title(rng)}." UN ESCAP, {year}, https://www.unescap.org/sites/ '
                f"default/files/{rng.choice(WORDS)}%20{number}\\_report.pdf.")
    if style == 8:
        return (f"{rng.choice(FAMILY)}, {rng.choice(FIRST)[0]}. ({year}). {title(rng)}. "
                f"*{rng.choice(JOURNALS)}*, {rng.randint(1, 40)}({rng.randint(1, 4)}), "
                f"{rng.randint(1, 99)}–{rng.randint(100, 200)}.")
    if style == 9:
        return (f'"{title(rng)}". {rng.choice(OUTLETS)}. {rng.randint(1, 28)} '
                f"{rng.choice(MONTHS)} {year}. Retrieved {rng.randint(1, 28)} "
                f"{rng.choice(MONTHS)} {year + 1}.")
    if style == 10:
        return (f"«{title(rng)}» // РИА Новости. {rng.randint(1, 28)} "
                f"{rng.choice(RUSSIAN_MONTHS)} {year}. URL: https://ria.ru/{year}0302/"
                f"{number}.html (дата обращения: 15.03.{year + 1}).")
    if style == 11:
        return (f'See {person(rng)}, "{title(rng)}," *{rng.choice(OUTLETS)}*, {day(rng)}; '
                f'and {person(rng)}, "{title(rng)}," {site}, {day(rng)}.')
    if style == 12:
        return (f'{person(rng)}, "{title(rng)}," Carnegie Endowment for International Peace, '
                f"{day(rng)}, https://thediplo-mat.com/{year}/0{rng.randint(1, 9)}/{number}/.")
    if style == 13:
        if not _RECENT:
            return f"{rng.choice(FAMILY)}, *{title(rng)}*, {rng.randint(1, 300)}."
        family, full_title = rng.choice(_RECENT[-20:])
        short = " ".join(full_title.split()[:3])
        return f"{family}, *{short}*, {rng.randint(1, 300)}."
    if style == 14:
        return (f"The figures differ between sources. {person(rng)}, "
                f'"{title(rng)}," {rng.choice(OUTLETS)}, {day(rng)}, accessed {day(rng)}, '
                f"http://www.{site}/news/{year}0320/{number}.html.")
    return f"{person(rng, True)}. {title(rng)}. Oxford: Oxford University Press, {year}."


def markdown_paper(count: int, rng: random.Random, start: int = 1) -> str:
    """A PDF-converted paper: body with markers, then an endnote section in three shapes."""
    body, notes = [], []
    for offset in range(count):
        number = start + offset
        if offset % 40 == 0:
            body.append(" ".join(rng.choice(WORDS) for _ in range(80)))
        body[-1] += f" claim.<sup>{number}</sup>"
        text = citation(rng, number)
        shape = number % 3
        if shape == 0:
            notes.append(f"<sup>{number}</sup>{text}")
        elif shape == 1:
            notes.append(f"- {number} {text}")
        else:
            notes.append(f"{number}. {text}")
    return ("# Generated paper\n\n" + "\n\n".join(body) + "\n\n---\n\n## Endnotes\n\n"
            + "\n\n".join(notes) + "\n")


def pandoc_paper(count: int, rng: random.Random) -> str:
    body, notes = [], []
    for number in range(1, count + 1):
        if number % 40 == 1:
            body.append(" ".join(rng.choice(WORDS) for _ in range(80)))
        body[-1] += f" claim.[^{number}]"
        notes.append(f"[^{number}]: {citation(rng, number)}")
    return "# Generated pandoc paper\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest worker process, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run_one(count: int, seed: int) -> dict[str, float]:
    """Generate `count` footnotes, parse them, return the figures (in this process)."""
    sys.path.insert(0, str(ROOT))
    from checker.parse import parse_paths

    rng = random.Random(seed)
    pandoc_count = count // 4
    with tempfile.TemporaryDirectory() as folder:
        paper = Path(folder) / "paper.md"
        paper.write_text(markdown_paper(count - pandoc_count, rng), encoding="utf-8")
        paths = [str(paper)]
        if pandoc_count:
            notes = Path(folder) / "pandoc.md"
            notes.write_text(pandoc_paper(pandoc_count, rng), encoding="utf-8")
            paths.append(str(notes))
        start = time.perf_counter()
        run = parse_paths(paths)
        elapsed = time.perf_counter() - start
    found = sum(len(doc.footnotes) for doc in run.documents)
    references = sum(len(note.references) for doc in run.documents for note in doc.footnotes)
    own, children = peak_mb()
    return {"count": count, "found": found, "references": references, "seconds": elapsed,
            "peak_mb": own, "worker_peak_mb": children}


def measure(count: int, seed: int) -> dict[str, float]:
    """Run one size in a fresh interpreter so that its peak memory is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "--one", str(count), "--seed", str(seed)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark run for {count} footnotes failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated footnote counts (default: 10000,100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.seed)))
        return 0
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    print(f"{'footnotes':>10} {'found':>8} {'refs':>8} {'seconds':>8} {'notes/s':>9} "
          f"{'peak MB':>8} {'worker MB':>9}")
    results = []
    for size in sizes:
        figures = measure(size, args.seed)
        results.append(figures)
        print(f"{size:>10} {figures['found']:>8} {figures['references']:>8} "
              f"{figures['seconds']:>8.2f} {size / figures['seconds']:>9.0f} "
              f"{figures['peak_mb']:>8.0f} {figures['worker_peak_mb']:>9.0f}")
        if figures["found"] != size:
            print(f"  WARNING: {size - figures['found']:.0f} footnotes missed")
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(f"growth: x{large['count'] / small['count']:.0f} footnotes -> "
              f"x{large['seconds'] / small['seconds']:.1f} time")
    print("(worker MB: the largest forked worker's peak RSS, which counts the pages it shares "
          "with the parent; peak MB is the parsing process itself)")
    for figures in results:
        if figures["count"] >= 100_000:
            met = figures["seconds"] < TARGET_SECONDS and figures["peak_mb"] < TARGET_MB
            print(f"target for {figures['count']:.0f} footnotes (< {TARGET_SECONDS:.0f} s, "
                  f"< {TARGET_MB:.0f} MB): {'met' if met else 'MISSED'} "
                  f"({figures['seconds']:.2f} s, {figures['peak_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
