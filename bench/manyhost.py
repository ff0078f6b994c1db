"""A many-host web for the link-check benchmark: N loopback addresses, fixed latency.

Run as a process of its own (so that its threads do not share the checker's GIL):

    python bench/manyhost.py --hosts 50 --latency 0.1

It binds one ThreadingHTTPServer (HTTP/1.1, keep-alive) to each of 127.0.0.2 ..
127.0.0.<N+1>, on one common port when free (else each its own), prints one JSON line
``{"hosts": [[ip, port], ...]}`` on stdout, then serves until stdin closes. Every path
answers 200 with a small HTML page after `latency` seconds (HEAD too, without the body);
``GET /__stats`` answers at once with ``{"requests": n, "max_in_flight": m,
"max_in_flight_per_host": k}`` and is not counted.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.per_host: dict[str, int] = {}
        self.max_per_host = 0

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

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {"requests": self.requests, "max_in_flight": self.max_in_flight,
                    "max_in_flight_per_host": self.max_per_host}


def make_handler(stats: Stats, latency: float) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _answer(self, with_body: bool) -> None:
            if self.path == "/__stats":
                body = json.dumps(stats.snapshot()).encode()
                ctype = "application/json"
            else:
                host = "{}:{}".format(*self.server.server_address[:2])
                stats.enter(host)
                try:
                    time.sleep(latency)
                finally:
                    stats.leave(host)
                title = self.path.strip("/").replace("-", " ") or "home"
                body = (
                    f"<!doctype html><html><head><title>{title}</title></head>"
                    f"<body><h1>{title}</h1><p>Benchmark page.</p></body></html>"
                ).encode()
                ctype = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

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


def start(hosts: int, latency: float) -> tuple[list[Server], Stats]:
    stats = Stats()
    handler = make_handler(stats, latency)
    common = free_port("127.0.0.2")
    servers = []
    for n in range(hosts):
        ip = f"127.0.0.{n + 2}"
        try:
            server = Server((ip, common), handler)
        except OSError:
            server = Server((ip, 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers, stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()
    servers, _ = start(args.hosts, args.latency)
    print(json.dumps({"hosts": [list(s.server_address[:2]) for s in servers]}), flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin (or dies)
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
