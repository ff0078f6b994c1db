"""Parse benchmark: the whole `footcheck parse` command, as a user runs it, on generated papers.

    .venv/bin/python bench/parse_bench.py [--sizes 500,10000,100000] [--seed 1] [--repeat 1]
                                          [--cases bibliography,json,audit]

Each run starts `footcheck` as a subprocess at its defaults, in a fresh process: start-up,
reading, extraction, reference parsing, and writing the bibliographies (`.bib` and CSL-JSON
into a new temporary refs folder); the second case adds `--format json` (the parse printed as
JSON, to a pipe that is read and dropped); the `audit` case (not run by default) times
``footcheck audit --fail-on never`` on the same paper: the parse, every static rule, and the
four reports into a new temporary folder, what the main job (`footcheck run`) does besides
its bibliographies and the link check. Figures per run: wall time, CPU (user + sys of the
child and its workers) and peak memory (`ru_maxrss` from `os.wait4`: the largest peak of the
child and of any worker process it started and waited for).

The footnotes come in the shapes PDF-converted papers use (``<sup>N</sup>``, ``- N text``,
``N. text`` in an endnote section) and the styles real notes use: most of the usual shape
("Title," site, date, URL), Chicago notes with authors, italic outlet and URL, journal
articles with DOI, books with place and publisher, APA, Wikipedia-style "Retrieved", Russian
GOST, several works in one note, URLs broken by the PDF converter, prose notes, Ibid. and
short forms.

The targets (issue 12) are in `TARGETS` below; each case prints met / NOT MET.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import calibration_seconds  # noqa: E402 (the bench folder's own helpers)
from userenv import compile_package, user_env  # noqa: E402

# (notes, case) -> (seconds, MB): the whole command writing its bibliographies
TARGETS = {(500, "bibliography"): (0.5, None), (100_000, "bibliography"): (10.0, 400.0)}

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


def write_paper(folder: Path, count: int, seed: int) -> Path:
    path = folder / f"paper-{count}.md"
    path.write_text(markdown_paper(count, random.Random(seed)), encoding="utf-8")
    return path


@dataclass
class Figures:
    seconds: float
    cpu: float
    peak_mb: float
    exit_code: int


def footcheck_command() -> list[str]:
    installed = Path(sys.executable).with_name("footcheck")
    if installed.exists():
        return [str(installed)]
    return [sys.executable, "-m", "checker"]


def run_footcheck(arguments: list[str], cwd: Path) -> Figures:
    """One run of `footcheck` in a fresh process: wall time, CPU and peak memory of it."""
    start = time.perf_counter()
    process = subprocess.Popen([*footcheck_command(), *arguments], cwd=cwd, env=user_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    while process.stdout.read(1 << 20):  # read and drop what it prints, as a pipe would
        pass
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Figures(seconds=seconds, cpu=usage.ru_utime + usage.ru_stime,
                   peak_mb=usage.ru_maxrss / 1024, exit_code=process.returncode)


def measure(paper: Path, case: str, folder: Path) -> Figures:
    refs = Path(tempfile.mkdtemp(prefix="refs-", dir=folder))
    arguments = ["parse", "--refs-dir", str(refs), str(paper)]
    if case == "audit":
        arguments = ["audit", "--fail-on", "never", "--report-dir", str(refs), str(paper)]
    if case == "json":
        arguments[1:1] = ["--format", "json"]
    try:
        return run_footcheck(arguments, folder)
    finally:
        shutil.rmtree(refs, ignore_errors=True)


def verdict(count: int, case: str, figures: Figures) -> str:
    target = TARGETS.get((count, case))
    if target is None:
        return ""
    seconds, megabytes = target
    met = figures.seconds < seconds and (megabytes is None or figures.peak_mb < megabytes)
    limits = f"< {seconds:g} s" + (f", < {megabytes:g} MB" if megabytes else "")
    return f"{'met' if met else 'NOT MET'} ({limits})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,10000,100000",
                        help="comma-separated footnote counts (default: 500,10000,100000)")
    parser.add_argument("--cases", default="bibliography,json",
                        help="bibliography (the defaults), json (--format json as well), "
                             "audit (footcheck audit, with its reports)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size and case")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    cases = [case.strip() for case in args.cases.split(",") if case.strip()]
    compile_package()
    before = calibration_seconds()
    print(f"footcheck: {' '.join(footcheck_command())}; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}; machine calibration {before:.3f} s "
          "(bench/calibrate.py: lower is faster)")
    print(f"{'notes':>7} {'case':<12} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}  target")
    with tempfile.TemporaryDirectory(prefix="parse-bench-") as name:
        folder = Path(name)
        for count in sizes:
            paper = write_paper(folder, count, args.seed)
            for case in cases:
                for _ in range(args.repeat):
                    figures = measure(paper, case, folder)
                    if figures.exit_code != 0:
                        print(f"{count:>7} {case:<12} footcheck exited {figures.exit_code}")
                        continue
                    print(f"{count:>7} {case:<12} {figures.seconds:>7.2f} {figures.cpu:>7.2f} "
                          f"{figures.peak_mb:>8.0f}  {verdict(count, case, figures)}",
                          flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f} (2 cores: above 2, other work "
          "competed for them and wall times are longer than on a quiet machine); machine "
          f"calibration after: {calibration_seconds():.3f} s (before: {before:.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
