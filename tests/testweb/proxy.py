"""`ForwardProxy`: a minimal HTTP forward proxy on loopback, for the proxy-variable tests.

It records every request it gets (absolute-URI targets such as ``http://paper.example/page``,
and ``CONNECT host:port`` for HTTPS) and then either

- forwards it to a loopback server: a name mapped with ``proxy.map("paper.example", web)``,
  or a loopback IP literal in the URL; or
- answers itself with a canned 200 page titled ``"Proxy answer"`` (the URL in the body).

It never opens a connection to anything but a loopback address: an unmapped name is not
resolved at all, which is how a test proves that names are resolved by the proxy, not by the
client. CONNECT is tunnelled only to mapped names or loopback literals (else 502).
"""

from __future__ import annotations

import http.client
import ipaddress
import select
import socket
import time
from typing import Any
from urllib.parse import urlsplit

from .server import Hit, Reply, Request, TestWeb, _RequestHandler, html_page

HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "proxy-connection",
}
PROXY_TITLE = "Proxy answer"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ForwardProxy(TestWeb):
    """A forward proxy; `requests` holds `Hit`s whose ``path`` is the absolute URI asked for
    (``CONNECT`` hits hold ``host:port``). ``proxy_url`` is what HTTP(S)_PROXY should say."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host=host, port=port)
        self._upstreams: dict[str, tuple[str, int]] = {}

    @property
    def proxy_url(self) -> str:
        return f"http://{self.host}"

    def map(self, name: str, web: TestWeb | tuple[str, int], port: int | None = None) -> None:
        """Send requests for host `name` (on `port`, or any port) to the loopback server
        `web`. A port lets one name reach a plain server on 80 and a TLS one on 443."""
        target = (web.address, web.port) if isinstance(web, TestWeb) else web
        if not _is_loopback(target[0]):
            raise ValueError("ForwardProxy only forwards to loopback addresses")
        self._upstreams[f"{name.lower()}:{port}" if port else name.lower()] = target

    @property
    def urls(self) -> list[str]:
        """The absolute URIs (or CONNECT authorities) asked for, in order."""
        return [hit.path for hit in list(self.requests)]

    def saw(self, url_or_host: str) -> bool:
        return any(url_or_host in hit.path for hit in list(self.requests))

    def _upstream(self, host: str, port: int) -> tuple[str, int] | None:
        for key in (f"{host.lower()}:{port}", host.lower()):
            if key in self._upstreams:
                return self._upstreams[key]
        if _is_loopback(host):
            return host.strip("[]"), port
        return None

    def _serve(self, h: _RequestHandler) -> None:
        with self._stats_lock:
            self.requests.append(Hit(h.command, h.path, h.headers, time.monotonic()))
        if h.command == "CONNECT":
            self._tunnel(h)
            return
        req = self._read_request(h)
        parts = urlsplit(h.path)
        if not parts.scheme or not parts.hostname:
            self._send(h, req, Reply(400, {"Content-Type": "text/plain"},
                                     b"a proxy wants an absolute URI"))
            return
        upstream = self._upstream(parts.hostname, parts.port or 80)
        if upstream is None:
            page = html_page(PROXY_TITLE, f"The proxy answered for {h.path}")
            self._send(h, req, Reply(200, {"Content-Type": "text/html; charset=utf-8",
                                           "X-Proxy": "testweb"}, page))
            return
        self._send(h, req, self._forward(req, parts, upstream))

    def _forward(self, req: Request, parts: Any, upstream: tuple[str, int]) -> Reply:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        headers = {k: v for k, v in req.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection(*upstream, timeout=10)
        try:
            conn.request(req.method, path, body=req.body or None, headers=headers)
            response = conn.getresponse()
            body = response.read()
            out = {k: v for k, v in response.getheaders()
                   if k.lower() not in HOP_BY_HOP and k.lower() != "content-length"}
            out["X-Proxy"] = "testweb"
            return Reply(response.status, out, body)
        except OSError as error:
            return Reply(502, {"Content-Type": "text/plain"}, f"upstream failed: {error}")
        finally:
            conn.close()

    def _tunnel(self, h: _RequestHandler) -> None:
        host, _, port_text = h.path.rpartition(":")
        upstream = self._upstream(host, int(port_text or 443)) if port_text.isdigit() else None
        if upstream is None:
            h.send_response(502)
            h.send_header("Content-Length", "0")
            h.end_headers()
            h.close_connection = True
            return
        try:
            remote = socket.create_connection(upstream, timeout=10)
        except OSError:
            h.send_response(502)
            h.send_header("Content-Length", "0")
            h.end_headers()
            h.close_connection = True
            return
        h.send_response(200, "Connection established")
        h.end_headers()
        h.close_connection = True
        client = h.connection
        try:
            self._pipe(client, remote)
        finally:
            remote.close()

    def _pipe(self, client: socket.socket, remote: socket.socket) -> None:
        peers = {client: remote, remote: client}
        while not self._stopping.is_set():
            readable, _, _ = select.select(list(peers), [], [], 0.1)
            for sock in readable:
                try:
                    data = sock.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                try:
                    peers[sock].sendall(data)
                except OSError:
                    return
