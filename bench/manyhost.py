"""A many-host web for the link-check benchmark: N loopback addresses, fixed latency, a fake
Wayback Machine.

Run as a process of its own (so that its threads do not share the checker's GIL):

    python bench/manyhost.py --hosts 50 --latency 0.1 [--hang 15] [--page-kb 16]

It binds one ThreadingHTTPServer (HTTP/1.1, keep-alive) to each of 127.0.0.2 ..
127.0.0.<N+1>, on one common port when free (else each its own), and the fake archive to
127.0.1.1, prints one JSON line ``{"hosts": [[ip, port], ...], "archive": "http://..."}`` on
stdout, then serves until stdin closes. What a path answers, after `latency` seconds:

* ``/hang/...``: nothing; after `hang` seconds the connection is dropped without a response;
* ``/down/...``: 503 every time;
* ``/flaky/...``: 503 the first time (path and query), then the page;
* anything else: 200 with an article page of about `page_kb` KiB whose ``<title>`` is the
  last path segment with dashes as spaces, capitalised (``/news/2020/trade-talks-end`` ->
  ``Trade talks end``) and whose ``article:published_time`` is 2020-03-02 (HEAD too,
  without the body).

The archive answers the availability API (``/wayback/available``: nothing archived), the CDX
API (``/cdx/search/cdx``: no rows) and ``/web/...`` (404), after `latency` seconds too.
``GET /__stats`` on any host answers at once with the counts (not counted itself):
``{"requests", "max_in_flight", "max_in_flight_per_host", "archive_requests",
"archive_max_per_minute", "archive_times"}`` (``time.monotonic()`` of each archive request:
the clock is system-wide, so the caller can tell its own runs' requests).
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARCHIVE_IP = "127.0.1.1"
PUBLISHED = "2020-03-02"


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.per_host: dict[str, int] = {}
        self.max_per_host = 0
        self.seen: set[str] = set()
        self.archive_times: deque[float] = deque()
        self.archive_all_times: list[float] = []  # time.monotonic(): the same clock system-wide
        self.archive_requests = 0
        self.archive_max_per_minute = 0

    def enter(self, host: str) -> None:
        with self.lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            now = self.per_host.get(host, 0) + 1
            self.per_host[host] = now
            self.max_per_host = max(self.max_per_host, now)

    def leave(self, host: str) -> None:
        with self.lock:
            self.in_flight -= 1
            self.per_host[host] -= 1

    def first_time(self, path: str) -> bool:
        with self.lock:
            if path in self.seen:
                return False
            self.seen.add(path)
            return True

    def archive_hit(self) -> None:
        with self.lock:
            now = time.monotonic()
            self.archive_requests += 1
            self.archive_times.append(now)
            self.archive_all_times.append(now)
            while self.archive_times and self.archive_times[0] <= now - 60.0:
                self.archive_times.popleft()
            self.archive_max_per_minute = max(self.archive_max_per_minute,
                                              len(self.archive_times))

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {"requests": self.requests, "max_in_flight": self.max_in_flight,
                    "max_in_flight_per_host": self.max_per_host,
                    "archive_requests": self.archive_requests,
                    "archive_max_per_minute": self.archive_max_per_minute,
                    "archive_times": list(self.archive_all_times)}


def title_of(path: str) -> str:
    slug = path.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return slug.replace("-", " ").capitalize() or "Home"


def article_page(path: str, page_kb: int) -> bytes:
    title = title_of(path)
    head = (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title>"
        f"<meta property=\"og:title\" content=\"{title}\">"
        f"<meta property=\"article:published_time\" content=\"{PUBLISHED}T09:00:00Z\">"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<link rel=\"stylesheet\" href=\"/static/site.css\">"
        "<script src=\"/static/site.js\" defer></script></head>"
    )
    paragraph = (
        "<p>The benchmark article body: a paragraph of ordinary prose with a "
        "<a href=\"/news/related\">link</a>, <em>emphasis</em> and a figure of 42.</p>\n"
    )
    body = [f"<body><header><nav><a href=\"/\">Home</a></nav></header><main><article>"
            f"<h1>{title}</h1><time datetime=\"{PUBLISHED}\">March 2, 2020</time>"]
    size = len(head) + len(body[0])
    while size < page_kb * 1024:
        body.append(paragraph)
        size += len(paragraph)
    body.append("</article></main><footer>Benchmark site</footer></body></html>")
    return (head + "".join(body)).encode()


def make_handler(stats: Stats, latency: float, hang: float, page_kb: int,
                 ) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, ctype: str, with_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _archive(self, with_body: bool) -> None:
            stats.archive_hit()
            time.sleep(latency)
            if self.path.startswith("/wayback/available"):
                self._send(200, b'{"archived_snapshots": {}}', "application/json", with_body)
            elif self.path.startswith("/cdx/"):
                self._send(200, b"[]", "application/json", with_body)
            else:
                self._send(404, b"<html><title>Not archived</title></html>",
                           "text/html", with_body)

        def _answer(self, with_body: bool) -> None:
            if self.path == "/__stats":
                self._send(200, json.dumps(stats.snapshot()).encode(), "application/json",
                           with_body)
                return
            if self.server.server_address[0] == ARCHIVE_IP:
                self._archive(with_body)
                return
            if self.path.startswith("/hang/"):  # not counted in flight: the client gives up
                with stats.lock:
                    stats.requests += 1
                time.sleep(hang)
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            host = "{}:{}".format(*self.server.server_address[:2])
            stats.enter(host)
            try:
                time.sleep(latency)
            finally:
                stats.leave(host)
            if self.path.startswith("/down/") or (
                    self.path.startswith("/flaky/") and stats.first_time(self.path)):
                self._send(503, b"<html><title>Service unavailable</title></html>",
                           "text/html", with_body)
                return
            self._send(200, article_page(self.path, page_kb), "text/html; charset=utf-8",
                       with_body)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def free_port(ip: str) -> int:
    with socket.socket() as probe:
        probe.bind((ip, 0))
        return probe.getsockname()[1]


def start(hosts: int, latency: float, hang: float = 15.0, page_kb: int = 16,
          ) -> tuple[list[Server], Server, Stats]:
    stats = Stats()
    handler = make_handler(stats, latency, hang, page_kb)
    common = free_port("127.0.0.2")
    servers = []
    for n in range(hosts):
        ip = f"127.0.0.{n + 2}"
        try:
            server = Server((ip, common), handler)
        except OSError:
            server = Server((ip, 0), handler)
        servers.append(server)
    archive = Server((ARCHIVE_IP, 0), handler)
    for server in [*servers, archive]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers, archive, stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--hang", type=float, default=15.0)
    parser.add_argument("--page-kb", type=int, default=16)
    args = parser.parse_args()
    servers, archive, _ = start(args.hosts, args.latency, args.hang, args.page_kb)
    ip, port = archive.server_address[:2]
    print(json.dumps({"hosts": [list(s.server_address[:2]) for s in servers],
                      "archive": f"http://{ip}:{port}"}), flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin (or dies)
    for server in [*servers, archive]:
        server.shutdown()


if __name__ == "__main__":
    main()
