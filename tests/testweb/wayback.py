"""`FakeWayback`: the Internet Archive's Wayback Machine, served by a `TestWeb` on loopback.

It answers the three interfaces the archive stage uses, in the archive's own formats:

* ``/wayback/available?url=U[&timestamp=1-14 digits]`` (the availability API):
  ``{"url": U, "archived_snapshots": {"closest": {"available": true, "url":
  "<web>/TS/ORIGINAL", "timestamp": TS, "status": "200"}}[, "timestamp": asked]}``, the
  capture closest in time (either direction, any archived status; without a timestamp the
  newest); ``{"url": U, "archived_snapshots": {}}`` when none;
* ``/cdx/search/cdx`` (the CDX server): ``url`` (a trailing ``/*`` means prefix, a leading
  ``*.`` domain), ``matchType=exact|prefix|host|domain``, ``from``/``to`` (1-14 digits,
  inclusive), repeated ``filter=[!]field:regex`` (full match), ``collapse=field[:N]``
  (adjacent duplicates), ``limit`` (negative: the last N), ``offset``, ``fl``,
  ``output=json`` (a header row of field names, then rows; ``[]`` when nothing matched;
  without it, space-separated text lines). Rows sorted by urlkey (SURT: host reversed,
  ``www.`` dropped, lower case) then timestamp. No ``url`` -> 400;
* ``/web/TS[id_]/URL``: the captured page with its archived status. ``id_`` gives it as
  captured; without it the archive's toolbar is inserted after ``<body>``. A timestamp
  that is not a capture redirects (302) to the closest capture; a URL never captured is a
  404 page. A capture of a redirect (``location=``) replays as a 302 into the archive.

``availability_empty = True`` makes the availability API know nothing (as the real one
sometimes does while the CDX index has captures). Rate limiting as the archive does it:
`rate_limit(n, per_seconds)` answers 429 with ``Retry-After`` once more than `n` requests
arrived within `per_seconds`;
`refuse(endpoint, times)` makes the next `times` requests to one endpoint fail. Every
request is recorded in `calls` (endpoint, query pairs, clock time, status answered). The
clock is injectable so tests with a fake clock can assert the client's spacing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from .server import Reply, Request, TestWeb, html_page

ENDPOINTS = ("available", "cdx", "web")
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
TOOLBAR = ("<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id=\"wm-ipp\">Wayback Machine</div>"
           "<!-- END WAYBACK TOOLBAR INSERT -->")


def surt(url: str) -> str:
    """The CDX urlkey of `url`: ``http://www.Site.org:80/A?b=1&a=2`` -> ``org,site)/a?a=2&b=1``."""
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    host = re.sub(r"^www\d*\.", "", host)
    port = parts.port
    scheme = parts.scheme.lower()
    labels = host.split(".")
    key = ",".join(reversed(labels)) if not re.fullmatch(r"[\d.]+", host) else host
    if port and port != {"http": 80, "https": 443}.get(scheme):
        key += f":{port}"
    path = (parts.path or "/").lower()
    query = "&".join(sorted(parts.query.lower().split("&"))) if parts.query else ""
    return f"{key}){path}" + (f"?{query}" if query else "")


def _host_key(urlkey: str) -> str:
    return urlkey.split(")", 1)[0]


def pad_timestamp(ts: str, high: bool = False) -> str:
    """1-14 digits -> 14 (``2020`` -> ``20200101000000``, or ``20201231235959`` if high)."""
    digits = re.sub(r"\D", "", ts)[:14]
    low_fill, high_fill = "00000101000000", "99991231235959"
    if not digits:
        return high_fill if high else "00000101000000"
    fill = high_fill if high else low_fill
    padded = digits + fill[len(digits):]
    if not high:
        # Month and day 00 are not dates: 2020 -> 20200101.
        padded = padded[:4] + (padded[4:6] if padded[4:6] != "00" else "01") + \
            (padded[6:8] if padded[6:8] != "00" else "01") + padded[8:]
    return padded


def _seconds(ts: str) -> float:
    """A 14-digit timestamp as seconds (for distances; calendar-exact enough)."""
    t = time.strptime(ts, "%Y%m%d%H%M%S")
    return time.mktime(t)


@dataclass
class Capture:
    url: str  # the original URL as captured
    timestamp: str  # 14 digits
    status: int = 200
    body: bytes = b""
    mimetype: str = "text/html"
    location: str | None = None  # for a captured redirect
    urlkey: str = ""
    digest: str = ""

    def row(self) -> dict[str, str]:
        return {
            "urlkey": self.urlkey, "timestamp": self.timestamp, "original": self.url,
            "mimetype": self.mimetype, "statuscode": str(self.status), "digest": self.digest,
            "length": str(len(self.body)),
        }


@dataclass
class Call:
    endpoint: str  # "available" | "cdx" | "web"
    params: list[tuple[str, str]]  # the query, in order, repeated keys kept
    path: str  # the request target as sent
    time: float  # the fake Wayback's clock when it arrived
    status: int = 0  # what it answered

    def param(self, name: str) -> str | None:
        return next((v for k, v in self.params if k == name), None)


@dataclass
class _Refusal:
    endpoint: str
    times: int | None  # None: every request
    status: int
    retry_after: str | None


@dataclass
class _RateLimit:
    max_requests: int
    per_seconds: float
    retry_after: str
    endpoints: tuple[str, ...]
    seen: list[float] = field(default_factory=list)


class FakeWayback:
    """A fake Wayback Machine plugged into `web` (routes ``/wayback/available``,
    ``/cdx/search/cdx``, ``/web/*``). See the module docstring."""

    def __init__(self, web: TestWeb, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.web = web
        self.clock = clock
        self._lock = threading.Lock()
        self._captures: list[Capture] = []
        self._refusals: list[_Refusal] = []
        self._limit: _RateLimit | None = None
        self.calls: list[Call] = []
        # The real availability API sometimes knows nothing of a URL the CDX index has.
        self.availability_empty = False
        web.route("/wayback/available", self._available)
        web.route("/cdx/search/cdx", self._cdx)
        web.route("/web/*", self._web)

    # -- addresses --------------------------------------------------------------------------
    @property
    def available_url(self) -> str:
        return self.web.url("/wayback/available")

    @property
    def cdx_url(self) -> str:
        return self.web.url("/cdx/search/cdx")

    @property
    def web_url(self) -> str:
        return self.web.url("/web")

    def configure(self, settings: object) -> object:
        """Point a `CheckSettings` at this fake (sets the three archive URLs); returns it."""
        settings.wayback_available_url = self.available_url  # type: ignore[attr-defined]
        settings.cdx_url = self.cdx_url  # type: ignore[attr-defined]
        settings.wayback_web_url = self.web_url  # type: ignore[attr-defined]
        return settings

    # -- content ----------------------------------------------------------------------------
    def add_snapshot(self, url: str, timestamp: str, status: int = 200,
                     html: str | bytes | None = None, mimetype: str = "text/html", *,
                     title: str | None = None, published: str | None = None,
                     location: str | None = None) -> Capture:
        """Archive `url` as captured at `timestamp` (1-14 digits; padded) with `status`.

        The page is `html`, else a small article page titled `title` (default: "Archived
        <url>") with ``article:published_time`` `published`."""
        ts = pad_timestamp(str(timestamp))
        if html is None:
            html = html_page(title or f"Archived {url}", "Archived text.", published) \
                if status == 200 else f"<html><body>status {status}</body></html>"
        body = html.encode("utf-8") if isinstance(html, str) else html
        digest = base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")
        capture = Capture(url=url, timestamp=ts, status=status, body=body, mimetype=mimetype,
                          location=location, urlkey=surt(url), digest=digest)
        with self._lock:
            self._captures.append(capture)
            self._captures.sort(key=lambda c: (c.urlkey, c.timestamp))
        return capture

    def captures(self, url: str) -> list[Capture]:
        key = surt(url)
        with self._lock:
            return [c for c in self._captures if c.urlkey == key]

    # -- misbehaviour -----------------------------------------------------------------------
    def rate_limit(self, max_requests: int, per_seconds: float = 60.0,
                   retry_after: int | str = 60, endpoints: tuple[str, ...] = ENDPOINTS) -> None:
        """429 with ``Retry-After`` for any request beyond `max_requests` within the last
        `per_seconds` (by `clock`), counted over `endpoints` together."""
        self._limit = _RateLimit(max_requests, per_seconds, str(retry_after), endpoints)

    def refuse(self, endpoint: str, times: int | None = None, status: int = 429,
               retry_after: int | str | None = 30) -> None:
        """The next `times` requests to `endpoint` (None: all) answer `status`."""
        if endpoint not in ENDPOINTS:
            raise ValueError(f"endpoint must be one of {ENDPOINTS}")
        self._refusals.append(_Refusal(endpoint, times, status,
                                       None if retry_after is None else str(retry_after)))

    # -- recording --------------------------------------------------------------------------
    def calls_to(self, endpoint: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.endpoint == endpoint]

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    # -- serving ----------------------------------------------------------------------------
    def _record(self, endpoint: str, req: Request) -> tuple[Call, Reply | None]:
        query = urlsplit(req.target).query
        call = Call(endpoint, parse_qsl(query, keep_blank_values=True), req.target,
                    self.clock())
        refusal: Reply | None = None
        with self._lock:
            self.calls.append(call)
            for rule in self._refusals:
                if rule.endpoint == endpoint and (rule.times is None or rule.times > 0):
                    if rule.times is not None:
                        rule.times -= 1
                    headers = {"Content-Type": "text/plain"}
                    if rule.retry_after is not None:
                        headers["Retry-After"] = rule.retry_after
                    refusal = Reply(rule.status, headers, f"status {rule.status}")
                    break
            limit = self._limit
            if refusal is None and limit is not None and endpoint in limit.endpoints:
                now = call.time
                limit.seen = [t for t in limit.seen if now - t < limit.per_seconds]
                limit.seen.append(now)
                if len(limit.seen) > limit.max_requests:
                    refusal = Reply(429, {"Retry-After": limit.retry_after,
                                          "Content-Type": "text/plain"},
                                    "Too Many Requests")
        if refusal is not None:
            call.status = refusal.status
        return call, refusal

    def _json(self, call: Call, data: object, status: int = 200) -> Reply:
        call.status = status
        return Reply(status, {"Content-Type": "application/json"}, json.dumps(data))

    def _available(self, req: Request) -> Reply:
        call, refusal = self._record("available", req)
        if refusal is not None:
            return refusal
        url = call.param("url") or ""
        answer: dict[str, object] = {"url": url, "archived_snapshots": {}}
        asked = call.param("timestamp")
        if asked:
            answer["timestamp"] = asked
        found = self.captures(url) if url and not self.availability_empty else []
        if found:
            if asked:
                target = _seconds(pad_timestamp(asked))
                best = min(found, key=lambda c: (abs(_seconds(c.timestamp) - target),
                                                 c.timestamp))
            else:
                best = found[-1]
            answer["archived_snapshots"] = {"closest": {
                "status": str(best.status), "available": True,
                "url": f"{self.web_url}/{best.timestamp}/{best.url}",
                "timestamp": best.timestamp,
            }}
        return self._json(call, answer)

    def _cdx(self, req: Request) -> Reply:
        call, refusal = self._record("cdx", req)
        if refusal is not None:
            return refusal
        url = call.param("url")
        if not url:
            call.status = 400
            return Reply(400, {"Content-Type": "text/plain"}, "Missing url")
        match_type = call.param("matchType") or "exact"
        if url.endswith("/*"):
            url, match_type = url[:-1], "prefix"
        elif url.startswith("*."):
            url, match_type = url[2:], "domain"
        key = surt(url)
        with self._lock:
            rows = [c.row() for c in self._captures]
        if match_type == "prefix":
            rows = [r for r in rows if r["urlkey"].startswith(key)]
        elif match_type == "host":
            rows = [r for r in rows if _host_key(r["urlkey"]) == _host_key(key)]
        elif match_type == "domain":
            host = _host_key(key)
            rows = [r for r in rows if _host_key(r["urlkey"]) == host
                    or _host_key(r["urlkey"]).startswith(host + ",")]
        else:
            rows = [r for r in rows if r["urlkey"] == key]
        low = pad_timestamp(call.param("from") or "")
        high = pad_timestamp(call.param("to") or "", high=True)
        rows = [r for r in rows if low <= r["timestamp"] <= high]
        for name, value in call.params:
            if name != "filter":
                continue
            negate = value.startswith("!")
            fname, _, pattern = value.lstrip("!").partition(":")
            regex = re.compile(pattern)
            rows = [r for r in rows
                    if bool(regex.fullmatch(r.get(fname, ""))) != negate]
        for name, value in call.params:
            if name != "collapse":
                continue
            fname, _, width = value.partition(":")
            n = int(width) if width.isdigit() else None
            kept: list[dict[str, str]] = []
            for row in rows:
                part = row.get(fname, "")[:n] if n else row.get(fname, "")
                previous = kept[-1].get(fname, "") if kept else None
                if previous is not None and (previous[:n] if n else previous) == part:
                    continue
                kept.append(row)
            rows = kept
        offset = int(call.param("offset") or 0)
        rows = rows[offset:]
        limit = call.param("limit")
        if limit and re.fullmatch(r"-?\d+", limit):
            n = int(limit)
            rows = rows[:n] if n >= 0 else rows[n:]
        fields = [f for f in (call.param("fl") or "").split(",") if f in CDX_FIELDS] \
            or list(CDX_FIELDS)
        table = [[row[f] for f in fields] for row in rows]
        if call.param("output") == "json":
            return self._json(call, [fields, *table] if table else [])
        call.status = 200
        text = "".join(" ".join(line) + "\n" for line in table)
        return Reply(200, {"Content-Type": "text/plain"}, text)

    def _web(self, req: Request) -> Reply:
        call, refusal = self._record("web", req)
        if refusal is not None:
            return refusal
        match = re.match(r"^/web/(\d{1,14})([a-z]{2}_)?/(.*)$", req.target, re.S)
        if not match:
            call.status = 404
            return Reply(404, {"Content-Type": "text/html"}, "<html>not a capture</html>")
        asked, flag, original = match.group(1), match.group(2) or "", match.group(3)
        original = re.sub(r"^(https?:)/(?!/)", r"\1//", original)
        found = self.captures(original)
        if not found:
            call.status = 404
            return Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                         html_page("Wayback Machine", f"{original} has not been archived."))
        ts = pad_timestamp(asked)
        exact = next((c for c in found if c.timestamp == ts), None)
        if exact is None:
            target = _seconds(ts)
            best = min(found, key=lambda c: (abs(_seconds(c.timestamp) - target), c.timestamp))
            call.status = 302
            return Reply(302, {"Location": f"{self.web_url}/{best.timestamp}{flag}/{best.url}"},
                         b"")
        headers = {
            "Content-Type": exact.mimetype + ("; charset=utf-8" if _is_utf8(exact.body)
                                              and "html" in exact.mimetype else ""),
            "Memento-Datetime": time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                                              time.strptime(exact.timestamp, "%Y%m%d%H%M%S")),
            "Link": f'<{exact.url}>; rel="original"',
        }
        if exact.location:
            call.status = 302
            return Reply(302, {**headers, "Location":
                               f"{self.web_url}/{exact.timestamp}{flag}/{exact.location}"}, b"")
        body = exact.body
        if not flag and "html" in exact.mimetype:
            body = re.sub(rb"(<body[^>]*>)", lambda m: m.group(1) + TOOLBAR.encode(), body,
                          count=1, flags=re.I)
        call.status = exact.status
        return Reply(exact.status, headers, body)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


__all__ = ["Call", "Capture", "FakeWayback", "pad_timestamp", "surt"]
