"""The floor of any link checker written in CPython: the fewest seconds a Python process can
take to fetch a list of links at the link-check benchmark's limits.

    python bench/python_floor.py LINKS.txt [--per-host 2] [--global-limit 32] [--requests]

`LINKS.txt` holds one URL a line (http only: the benchmark's hosts are on loopback). It
GETs each with the standard library only (``http.client``: no `requests`, no parsing of the
page, no store, no report), on `--global-limit` threads, at most `--per-host` at a time on a
host, each host's connections kept alive and handed to whichever thread takes the host's next
link, and reads every body whole. It prints how many answers were 200 on stdout.

With `--requests` the same threads GET through one `requests.Session` instead (its pool
keeps `--per-host` connections a host; environment not read, no retries), as footcheck
must: the floor of a checker built on `requests`.

`check_bench.py` runs both beside footcheck and lychee: what footcheck does besides fetching
(reading the paper, the page's title and date, the store, the reports) is what it costs
above the `requests` figure, and lychee's figure against them says how much room a Python
checker has.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import sys
import threading
from collections import defaultdict, deque
from typing import Any
from urllib.parse import urlsplit


class Limits:
    """Hands out the next link whose host has a free slot, with an idle connection to it."""

    def __init__(self, urls: list[str], per_host: int) -> None:
        self.pending = deque(urls)
        self.per_host = per_host
        self.busy: defaultdict[str, int] = defaultdict(int)
        self.idle: defaultdict[str, list[http.client.HTTPConnection]] = defaultdict(list)
        self.changed = threading.Condition()

    def take(self) -> tuple[str, http.client.HTTPConnection | None] | None:
        with self.changed:
            while self.pending:
                for url in self.pending:
                    host = urlsplit(url).netloc
                    if self.busy[host] < self.per_host:
                        self.pending.remove(url)
                        self.busy[host] += 1
                        idle = self.idle[host]
                        return url, idle.pop() if idle else None
                self.changed.wait()
            return None

    def give_back(self, url: str, connection: http.client.HTTPConnection | None) -> None:
        host = urlsplit(url).netloc
        with self.changed:
            self.busy[host] -= 1
            if connection is not None:
                self.idle[host].append(connection)
            self.changed.notify_all()


def fetch_all(limits: Limits, answers: list[int]) -> None:
    """One thread's share: take a link, GET it on a kept connection, read the body."""
    while (taken := limits.take()) is not None:
        url, connection = taken
        parts = urlsplit(url)
        try:
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                connection.connect()
                connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.request("GET", parts.path or "/", headers={"User-Agent": "floor"})
            response = connection.getresponse()
            response.read()
            answers.append(response.status)
        except (OSError, http.client.HTTPException):
            connection = None
        limits.give_back(url, connection)


def fetch_all_with_requests(limits: Limits, answers: list[int], session: Any) -> None:
    """One thread's share through `requests`: the session's pool keeps the connections."""
    while (taken := limits.take()) is not None:
        url, _ = taken
        try:
            with session.get(url, timeout=10, stream=True) as response:
                response.content  # noqa: B018 (the body, read whole)
                answers.append(response.status_code)
        except OSError:  # requests' errors are OSErrors
            pass
        limits.give_back(url, None)


def requests_session(per_host: int) -> Any:
    import requests  # only for --requests: the http.client floor imports nothing else

    session = requests.Session()
    session.trust_env = False
    adapter = requests.adapters.HTTPAdapter(pool_connections=256, pool_maxsize=per_host,
                                            max_retries=0)
    session.mount("http://", adapter)
    return session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("links")
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--global-limit", type=int, default=32)
    parser.add_argument("--requests", action="store_true",
                        help="fetch through a requests.Session instead of http.client")
    args = parser.parse_args(argv)
    with open(args.links, encoding="utf-8") as lines:
        urls = [line.strip() for line in lines if line.strip()]
    limits, answers = Limits(urls, args.per_host), []
    if args.requests:
        target, extra = fetch_all_with_requests, (requests_session(args.per_host),)
    else:
        target, extra = fetch_all, ()
    threads = [threading.Thread(target=target, args=(limits, answers, *extra))
               for _ in range(args.global_limit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(sum(1 for status in answers if status == 200))
    return 0


if __name__ == "__main__":
    sys.exit(main())
