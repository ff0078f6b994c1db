"""`TestWeb`: a real threaded HTTP/1.1 (keep-alive) server on a loopback address.

Routes map a path to a handler ``handler(req: Request) -> Reply``. Ready-made behaviours
(`page`, `redirect`, `sequence`, `hang`, `reset`, `gzip_bomb`, ...) cover what the link
checker must classify. Everything a test may need to assert on is recorded: `requests`,
`hits(path)`, `max_in_flight`, `bytes_sent(path)`.

Hanging handlers wait on an event that `stop()` sets, and `stop()` closes every open
connection and joins the handler threads with a bounded wait: no thread outlives a test.
"""

from __future__ import annotations

import contextlib
import html
import socket
import ssl
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

Chunks = Callable[[], Iterable[bytes]] | Iterable[bytes]

STOP_JOIN_SECONDS = 3.0  # bounded wait for handler threads in stop()
IDLE_TIMEOUT = 30.0  # a keep-alive connection idle this long is closed by the server


@dataclass
class Reply:
    """What a route answers.

    - ``delay``: seconds to wait before sending anything (a slow or hanging server);
    - ``chunks``: a callable returning an iterable of byte blocks (or a re-iterable), streamed
      with ``Transfer-Encoding: chunked`` unless ``headers`` give a Content-Length;
    - ``reset``: close the connection with a TCP RST instead of answering;
    - ``hang``: seconds to stall after the headers and the first block of the body.
    """

    status: int = 200
    headers: dict[str, Any] = field(default_factory=dict)
    body: bytes | str = b""
    delay: float = 0.0
    chunks: Chunks | None = None
    reset: bool = False
    hang: float | None = None


@dataclass
class Request:
    method: str
    path: str  # without the query string
    query: dict[str, str]
    headers: Message  # case-insensitive .get()
    body: bytes
    target: str = ""  # the request target as sent (path + query, or an absolute URI)


class Hit(NamedTuple):
    method: str
    path: str  # the request target as sent: path and query (absolute URI for a proxy)
    headers: Message
    time: float  # time.monotonic() when the request line was read


Handler = Callable[[Request], Reply]


_refusing: list[socket.socket] = []  # held for the whole test run (see `refused_ports`)
_refusing_lock = threading.Lock()


def refused_ports(count: int) -> list[int]:
    """`count` new distinct loopback ports where a connection is refused at once: each is
    bound by a socket that never listens, held for the rest of the test run (a few hundred
    in the whole suite). A port found free and let go could be taken meanwhile by another
    test's server or by a connection's own end (tests run beside each other); a held one
    cannot."""
    with _refusing_lock:
        made = []
        for _ in range(count):
            held = socket.socket()
            held.bind(("127.0.0.1", 0))
            _refusing.append(held)
            made.append(held.getsockname()[1])
        return made


def refused_port() -> int:
    """A new loopback port where a connection is refused at once (`refused_ports`)."""
    return refused_ports(1)[0]


def html_page(title: str, body_text: str = "", published: str | None = None,
              extra_head: str = "") -> str:
    """A small article page with `<title>`, ``og:title`` and ``article:published_time``."""
    esc = html.escape(title)
    head = [
        '<meta charset="utf-8">',
        f"<title>{esc}</title>",
        f'<meta property="og:title" content="{esc}">',
    ]
    if published:
        head.append(f'<meta property="article:published_time" content="{html.escape(published)}">')
    if extra_head:
        head.append(extra_head)
    return (
        "<!DOCTYPE html>\n<html><head>" + "".join(head) + "</head><body>"
        f"<h1>{esc}</h1><p>{html.escape(body_text)}</p></body></html>"
    )


def _gzip_of(data_blocks: Iterable[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [packer.compress(block) for block in data_blocks]
    out.append(packer.flush())
    return b"".join(out)


_BOMBS: dict[int, bytes] = {}
_BOMB_LOCK = threading.Lock()


def gzip_bomb_bytes(decompressed_size: int) -> bytes:
    """Gzip data that inflates to `decompressed_size` bytes of HTML-ish filler (cached)."""
    with _BOMB_LOCK:
        if decompressed_size not in _BOMBS:
            head = b"<html><head><title>bomb</title></head><body>"
            block = b" " * (1 << 20)

            def blocks() -> Iterator[bytes]:
                yield head
                left = max(0, decompressed_size - len(head))
                while left > 0:
                    yield block[: min(left, len(block))]
                    left -= len(block)

            _BOMBS[decompressed_size] = _gzip_of(blocks())
        return _BOMBS[decompressed_size]


def _filler(size: int, prefix: bytes = b"", block_size: int = 64 * 1024) -> Iterator[bytes]:
    """`size` bytes in blocks, never all in memory."""
    block = b"x" * block_size
    prefix = prefix[:size]
    if prefix:
        yield prefix
    left = size - len(prefix)
    while left > 0:
        yield block[: min(left, block_size)]
        left -= block_size


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "testweb/1.0"
    timeout = IDLE_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except OSError:
            self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()

    def _dispatch(self) -> None:
        self.server.owner._serve(self)  # type: ignore[attr-defined]

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _dispatch
    do_CONNECT = _dispatch


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, address: tuple[str, int], owner: TestWeb,
                 ssl_context: ssl.SSLContext | None) -> None:
        self.owner = owner
        self.ssl_context = ssl_context
        self._lock = threading.Lock()
        self._conn_threads: set[threading.Thread] = set()
        self._sockets: set[socket.socket] = set()
        super().__init__(address, _RequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._run, args=(request, client_address),
                                  name="testweb-conn", daemon=True)
        with self._lock:
            self._conn_threads.add(thread)
        thread.start()

    def _run(self, request: socket.socket, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._conn_threads.discard(threading.current_thread())

    def finish_request(self, request: Any, client_address: Any) -> None:
        conn = request
        with self._lock:
            self._sockets.add(request)
        with contextlib.suppress(OSError):  # no Nagle delay between headers and body
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            if self.ssl_context is not None:
                request.settimeout(5)
                conn = self.ssl_context.wrap_socket(request, server_side=True)
                with self._lock:
                    self._sockets.add(conn)
            self.RequestHandlerClass(conn, client_address, self)
        finally:
            with self._lock:
                self._sockets.discard(request)
                self._sockets.discard(conn)
            if conn is not request:
                with contextlib.suppress(OSError):
                    conn.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.owner.errors.append(f"connection error from {client_address}")

    def close_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def join_all(self, timeout: float) -> list[threading.Thread]:
        end = time.monotonic() + timeout
        with self._lock:
            threads = list(self._conn_threads)
        for thread in threads:
            thread.join(max(0.0, end - time.monotonic()))
        return [t for t in threads if t.is_alive()]


class TestWeb:
    """A loopback web server with scriptable routes. Use as a context manager.

    ``host``: the loopback address to bind (127.0.0.1, 127.0.0.2, ... give several "hosts");
    ``port``: 0 picks a free one; ``tls``: a ``trustme.CA`` (a certificate is issued for the
    address, ``localhost`` and ``names``) or a server-side ``ssl.SSLContext``.
    """

    __test__ = False  # not a pytest test class

    def __init__(self, host: str = "127.0.0.1", tls: Any = None, port: int = 0,
                 names: Iterable[str] = ()) -> None:
        self._bind_host = host
        self._port = port
        self._tls = tls
        self._names = tuple(names)
        self._routes: dict[str, Handler] = {}
        self._prefix_routes: dict[str, Handler] = {}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stats_lock = threading.Lock()
        self._stopping = threading.Event()
        self._in_flight = 0
        self.max_in_flight = 0
        self.requests: list[Hit] = []
        self._sent: dict[str, int] = {}
        self.errors: list[str] = []
        self.route("/", lambda req: Reply(200, {"Content-Type": "text/html; charset=utf-8"},
                                          html_page("Test web home", "Welcome.")))

    # -- life cycle -------------------------------------------------------------------------
    def _ssl_context(self) -> ssl.SSLContext | None:
        if self._tls is None:
            return None
        if isinstance(self._tls, ssl.SSLContext):
            return self._tls
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert = self._tls.issue_cert(self._bind_host, "localhost", *self._names)
        cert.configure_cert(context)
        return context

    def start(self) -> TestWeb:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server((self._bind_host, self._port), self, self._ssl_context())
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="testweb-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server = self._server
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        server.close_all()
        stuck = server.join_all(STOP_JOIN_SECONDS)
        if self._thread is not None:
            self._thread.join(STOP_JOIN_SECONDS)
        self._server = None
        if stuck:
            self.errors.append(f"{len(stuck)} handler thread(s) still running after stop()")

    def __enter__(self) -> TestWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses --------------------------------------------------------------------------
    @property
    def scheme(self) -> str:
        return "https" if self._tls is not None else "http"

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("TestWeb is not started")
        return self._server.server_address[1]

    @property
    def host(self) -> str:
        """``address:port``, as in a URL's authority."""
        return f"{self._bind_host}:{self.port}"

    @property
    def address(self) -> str:
        return self._bind_host

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}"

    def url(self, path: str = "/") -> str:
        if not path.startswith("/"):
            path = "/" + path
        return self.base_url + path

    # -- recording --------------------------------------------------------------------------
    def hits(self, path: str, method: str | None = None) -> int:
        """Requests whose path (with or without the query) is `path`; optionally one method."""
        count = 0
        for hit in list(self.requests):
            if method is not None and hit.method != method:
                continue
            if hit.path == path or urlsplit(hit.path).path == path:
                count += 1
        return count

    def methods(self, path: str) -> list[str]:
        """The methods of the requests for `path`, in order (e.g. ``["HEAD", "GET"]``)."""
        return [h.method for h in list(self.requests)
                if h.path == path or urlsplit(h.path).path == path]

    def bytes_sent(self, path: str) -> int:
        """Body bytes written for `path` (what the client could have read, at most)."""
        return self._sent.get(path, 0)

    def reset_stats(self) -> None:
        with self._stats_lock:
            self.requests.clear()
            self._sent.clear()
            self.max_in_flight = self._in_flight

    # -- routes -----------------------------------------------------------------------------
    def route(self, path: str, handler: Handler) -> None:
        """Serve `path` with `handler(req) -> Reply`. A path ending in ``*`` is a prefix."""
        if path.endswith("*"):
            self._prefix_routes[path[:-1]] = handler
        else:
            self._routes[path] = handler

    def reply(self, path: str, reply: Reply) -> None:
        """Serve the same `reply` for every request to `path`."""
        self.route(path, lambda req: reply)

    def page(self, path: str, title: str, published: str | None = None, body_text: str = "",
             status: int = 200, extra_head: str = "", delay: float = 0.0,
             headers: dict[str, Any] | None = None) -> None:
        body = html_page(title, body_text, published, extra_head)
        self.reply(path, Reply(status, {"Content-Type": "text/html; charset=utf-8",
                                        **(headers or {})}, body, delay=delay))

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        """`to` may be absolute or relative (sent as given in Location)."""
        self.reply(path, Reply(status, {"Location": to, "Content-Type": "text/html"},
                               f'<a href="{html.escape(to)}">moved</a>'))

    def redirect_chain(self, path: str, n: int, final: str, status: int = 302) -> list[str]:
        """`n` redirects: path -> path/hop1 -> ... -> final. Returns the URLs redirected from."""
        hops = [path] + [f"{path.rstrip('/')}/hop{i}" for i in range(1, n)]
        for index, hop in enumerate(hops):
            target = hops[index + 1] if index + 1 < len(hops) else final
            self.redirect(hop, target, status)
        return [self.url(h) for h in hops]

    def redirect_loop(self, path: str, status: int = 302) -> None:
        """path -> path/loop -> path -> ..."""
        other = f"{path.rstrip('/')}/loop"
        self.redirect(path, other, status)
        self.redirect(other, path, status)

    def status(self, path: str, code: int, headers: dict[str, Any] | None = None,
               body: bytes | str = b"") -> None:
        hdrs = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        self.reply(path, Reply(code, hdrs, body or f"<html><body>status {code}</body></html>"))

    def sequence(self, path: str, replies: list[Reply]) -> None:
        """Successive requests (any method) get successive replies; the last one repeats."""
        if not replies:
            raise ValueError("sequence needs at least one reply")
        lock = threading.Lock()
        state = {"n": 0}

        def handler(req: Request) -> Reply:
            with lock:
                index = min(state["n"], len(replies) - 1)
                state["n"] += 1
            return replies[index]

        self.route(path, handler)

    def retry_after(self, path: str, seconds: int | float | str, then: Reply | None = None,
                    times: int = 1) -> None:
        """`times` answers 429 with ``Retry-After: seconds`` (a number or an HTTP-date), then
        `then` (default: a 200 page)."""
        then = then or Reply(200, {"Content-Type": "text/html; charset=utf-8"},
                             html_page("After the wait"))
        value = str(int(seconds)) if isinstance(seconds, int | float) else seconds
        limited = Reply(429, {"Retry-After": value, "Content-Type": "text/plain"},
                        b"Too Many Requests")
        self.sequence(path, [limited] * times + [then])

    def hang(self, path: str, seconds: float, after_headers: bool = False) -> None:
        """No answer for `seconds` (or, with `after_headers`, headers and a first block of the
        body, then nothing for `seconds`). Ends early when the server stops."""
        if after_headers:
            self.reply(path, Reply(200, {"Content-Type": "text/html"},
                                   chunks=lambda: [b"<html><head><title>slow", b"</title></html>"],
                                   hang=seconds))
        else:
            self.reply(path, Reply(200, {"Content-Type": "text/html"},
                                   html_page("Finally"), delay=seconds))

    def reset(self, path: str) -> None:
        """Close the connection with a TCP RST, no response."""
        self.reply(path, Reply(reset=True))

    def huge(self, path: str, size_bytes: int, content_type: str = "text/html",
             declare_length: bool = False) -> None:
        """A `size_bytes` body streamed in 64 KiB blocks (chunked unless `declare_length`)."""
        prefix = b"<html><head><title>Huge</title></head><body>" \
            if "html" in content_type else b"%PDF-1.4\n" if "pdf" in content_type else b""
        headers: dict[str, Any] = {"Content-Type": content_type}
        if declare_length:
            headers["Content-Length"] = str(size_bytes)
        self.reply(path, Reply(200, headers, chunks=lambda: _filler(size_bytes, prefix)))

    def gzip_bomb(self, path: str, decompressed_size: int,
                  content_type: str = "text/html") -> None:
        """A small gzip body (``Content-Encoding: gzip``) that inflates to `decompressed_size`."""
        data = gzip_bomb_bytes(decompressed_size)
        self.reply(path, Reply(200, {"Content-Type": content_type, "Content-Encoding": "gzip"},
                               data))

    def soft404(self, path: str, title: str = "Page not found") -> None:
        """A 200 whose content says the page does not exist."""
        self.page(path, title, body_text="Sorry, the page you requested does not exist.")

    def challenge(self, path: str, status: int = 403) -> None:
        """A Cloudflare-style bot challenge: ``cf-mitigated: challenge`` and a captcha page."""
        body = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
                "<h1>Checking your browser before accessing the site</h1>"
                '<div class="cf-turnstile g-recaptcha" data-sitekey="x"></div>'
                "<noscript>Enable JavaScript and cookies to continue</noscript></body></html>")
        self.reply(path, Reply(status, {"Content-Type": "text/html; charset=UTF-8",
                                        "cf-mitigated": "challenge", "Server": "cloudflare"},
                               body))

    def head_not_allowed(self, path: str, title: str = "HEAD refused here",
                         status: int = 405) -> None:
        """`status` (405) on HEAD, a 200 page on GET."""
        page = Reply(200, {"Content-Type": "text/html; charset=utf-8"}, html_page(title))
        refused = Reply(status, {"Allow": "GET", "Content-Type": "text/plain"}, b"no HEAD")
        self.route(path, lambda req: refused if req.method == "HEAD" else page)

    # -- serving ----------------------------------------------------------------------------
    def _find(self, path: str) -> Handler | None:
        if path in self._routes:
            return self._routes[path]
        best = None
        for prefix, handler in self._prefix_routes.items():
            if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
                best = (prefix, handler)
        return best[1] if best else None

    def _read_request(self, h: _RequestHandler) -> Request:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length > 0 else b""
        parts = urlsplit(h.path)
        return Request(h.command, parts.path or "/",
                       dict(parse_qsl(parts.query, keep_blank_values=True)),
                       h.headers, body, h.path)

    def _serve(self, h: _RequestHandler) -> None:
        with self._stats_lock:
            self.requests.append(Hit(h.command, h.path, h.headers, time.monotonic()))
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            self._answer(h)
        finally:
            with self._stats_lock:
                self._in_flight -= 1

    def _answer(self, h: _RequestHandler) -> None:
        req = self._read_request(h)
        handler = self._find(req.path)
        if handler is None:
            reply = Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                          html_page("404 Not Found", "No such page."))
        else:
            try:
                reply = handler(req)
            except Exception as error:  # a broken test handler: say so, do not hang
                self.errors.append(f"handler for {req.path}: {type(error).__name__}: {error}")
                reply = Reply(500, {"Content-Type": "text/plain"}, repr(error))
        self._send(h, req, reply)

    def _wait(self, seconds: float) -> bool:
        """Sleep `seconds`; False when the server is stopping (the caller should give up)."""
        return not self._stopping.wait(seconds)

    def _count(self, req: Request, n: int) -> None:
        with self._stats_lock:
            self._sent[req.path] = self._sent.get(req.path, 0) + n

    def _send(self, h: _RequestHandler, req: Request, reply: Reply) -> None:
        if reply.delay and not self._wait(reply.delay):
            h.close_connection = True
            return
        if reply.reset:
            _send_rst(h)
            return
        body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
        headers = dict(reply.headers)
        names = {k.lower() for k in headers}
        streamed = reply.chunks is not None
        chunked = streamed and "content-length" not in names
        if not streamed and "content-length" not in names:
            headers["Content-Length"] = str(len(body))
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        try:
            h.send_response(reply.status)
            for name, value in headers.items():
                for item in value if isinstance(value, list | tuple) else [value]:
                    h.send_header(name, str(item))
            h.end_headers()
            if req.method == "HEAD" or reply.status in (204, 304) or 100 <= reply.status < 200:
                h.wfile.flush()
                return
            if not streamed:
                h.wfile.write(body)
                self._count(req, len(body))
                if reply.hang and not self._wait(reply.hang):
                    h.close_connection = True
                h.wfile.flush()
                return
            self._stream(h, req, reply, chunked)
        except OSError:
            h.close_connection = True

    def _stream(self, h: _RequestHandler, req: Request, reply: Reply, chunked: bool) -> None:
        source = reply.chunks() if callable(reply.chunks) else reply.chunks
        first = True
        for block in source or ():
            if self._stopping.is_set():
                h.close_connection = True
                return
            if not block:
                continue
            h.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
            self._count(req, len(block))
            if first and reply.hang:
                h.wfile.flush()
                if not self._wait(reply.hang):
                    h.close_connection = True
                    return
            first = False
        if chunked:
            h.wfile.write(b"0\r\n\r\n")
        h.wfile.flush()


def _send_rst(h: BaseHTTPRequestHandler) -> None:
    """Abort the connection: SO_LINGER 0 then close sends RST instead of FIN."""
    h.close_connection = True
    try:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
    except OSError:
        pass
