"""Check ONE URL: request it politely, follow redirects by hand, classify the answer.

`fetch_page(session, url, settings) -> FetchedPage` (the `LinkResult` and, for an HTML page,
its text for metadata extraction); `check_url(...)` is ``fetch_page(...).result``.

How a URL is fetched
- Validation first: an unparsable URL or host, or a scheme other than http(s) -> ``invalid``;
  ``mailto:``/``tel:`` and URLs matching ``settings.excludes`` -> ``skipped``; the
  private-address guard (`guard.py`) -> ``skipped``, also for every redirect target.
- HEAD is used where it is reliable and enough: for URLs that name a file (``.pdf``, ``.docx``,
  ``.zip``...), so that it is never downloaded. A HEAD that is refused or fails (any non-2xx/3xx:
  405, 501, 403, 404... some servers lie on HEAD) is confirmed with a GET, and a HEAD that says
  HTML is followed by a GET. Other URLs are fetched with GET straight away: their body is needed
  anyway (soft-404 and challenge detection, page metadata), so a HEAD would double the requests.
  Every GET is streamed: headers first, then the body only if it is HTML, at most
  ``settings.max_html_bytes`` after decompression (gzip/deflate are inflated here under that
  cap, so a gzip bomb stops at it); PDFs and other binaries are never read.
- Redirects are followed by hand (``allow_redirects=False``) to keep the chain: a URL seen
  twice is a loop and more than ``settings.max_redirects`` hops is too many: both ``broken``.
- One attempt per call. A 429 or a 5xx (`worth_a_retry`), or a connection refused, reset
  or closed within `QUICK_FAILURE` seconds, leaves ``FetchedPage.retry_in``: the
  ``Retry-After`` asked for (seconds or HTTP-date; none above ``settings.retry_after_cap``), else
  ``settings.backoff_base``. The runner makes the retry at the end of the run. A timeout, or a
  connection dropped after a long silence, is a hang: no retry.
  Everything happens within ``settings.deadline`` seconds per URL: timeouts are clipped to
  what is left, and a watchdog closes a connection whose body is still trickling at the
  deadline, so a hanging server cannot stall the run.
- An HTML page is read only up to its headline (`page_head`); the rest is drained (kept
  connection) or dropped. ``FetchedPage.html`` is that head.
- Reasons are a few words (``connection refused``, ``not found (HTTP 404)``, ``timed out
  after 10 s``, ``TLS certificate expired``); the technical detail (the exception's text, the
  HTTP status line) goes to ``LinkResult.detail``.

Classification (issue 3)
- ``ok``: a 2xx at the end. ``redirected``: ok, and every hop was permanent (301/308) to a URL
  that differs from the one cited by more than scheme (http/https), ``www.``, host case,
  default port or a trailing slash: ``permanent_redirect=True`` and the bibliography should
  cite ``final_url``. ``redirect_chain``: every URL requested, the cited one first and
  ``final_url`` last; empty when there was no redirect.
- ``broken``: 404, 410 and other 4xx but 401/402/403/429; 5xx (after the runner's retry); DNS
  failure, connection refused or reset, TLS failure; redirect loop or too many redirects;
  soft-404s: a 2xx page whose title or heading says "not found" (several languages), or a deep
  link redirected to a site's home page.
- ``blocked``: 401, 402, 403, 407, 999, a 429 that persists, a bot challenge (the
  ``cf-mitigated`` header, captcha pages) or a deep link redirected to a login page.
- ``timeout``: no (complete) answer within the timeouts or the deadline.
``network_error`` is set when no HTTP answer came at all (DNS failure, connection refused,
reset or closed, unreachable, connect timeout, proxy unreachable): the runner's offline test.
"""

from __future__ import annotations

import contextlib
import errno
import heapq
import itertools
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.models import PreparedRequest

from checker.linkcheck.guard import guard
from checker.linkcheck.session import send
from checker.linkcheck.settings import CheckSettings
from checker.model import LinkResult, LinkStatus

Clock = Callable[[], float]

RETRY_STATUSES = frozenset({429, 502, 503, 504})


def worth_a_retry(status: int) -> bool:
    """A 429 or a server error that may pass (every 5xx but 501 Not Implemented and 505)."""
    return status in RETRY_STATUSES or (500 <= status < 600 and status not in (501, 505))
BLOCKED_STATUSES = frozenset({401, 402, 403, 407, 999})
PERMANENT = frozenset({301, 308})
NOT_WEB_SCHEMES = frozenset({"mailto", "tel", "sms", "news", "urn", "doi"})  # skipped
NOT_WEB_REASONS = {"mailto": "an e-mail address, not a web page",
                   "tel": "a telephone number, not a web page"}
FILE_EXTENSIONS = frozenset({
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "epub",
    "djvu", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "mp3", "mp4", "m4a", "m4v",
    "wav", "ogg", "webm", "avi", "mov", "mkv", "jpg", "jpeg", "png", "gif", "tif", "tiff",
    "bmp", "webp", "svg", "exe", "dmg", "iso", "apk", "msi", "bin",
})
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 16 * 1024
DRAIN_LIMIT = 64 * 1024  # bytes read from a redirect or error body before giving up on it
ERROR_BODY_LIMIT = 64 * 1024  # bytes of an error page read to look for a bot challenge
MAX_REASON = 200
MAX_DETAIL = 500
QUICK_FAILURE = 5.0  # seconds: a connection failure that took longer is a hang


@dataclass
class FetchedPage:
    result: LinkResult
    html: str | None = None  # the final page's head (`page_head`), when HTML with a 2xx status
    content_type: str | None = None
    bytes_read: int = 0  # body bytes after decompression (the final page)
    truncated: bool = False  # the body was longer than settings.max_html_bytes
    retry_in: float | None = None  # a failure worth one more try, not before this (seconds)


def check_url(session: requests.Session, url: str, settings: CheckSettings, *,
              now: Clock = time.monotonic) -> LinkResult:
    """Check one URL; see the module docstring. Never raises for network trouble."""
    return fetch_page(session, url, settings, now=now).result


def fetch_page(session: requests.Session, url: str, settings: CheckSettings, *,
               now: Clock = time.monotonic) -> FetchedPage:
    """Check one URL and keep the HTML of the final page (for metadata extraction).

    `now` (a monotonic clock) is injectable. One attempt: a failure worth a retry sets
    ``retry_in``, and the runner makes the retry (at the end of the run).
    """
    started = now()
    fetch = _Fetch(session, settings, now, started)
    page = fetch.run(url)
    result = page.result
    if result.status not in (LinkStatus.OK.value, LinkStatus.REDIRECTED.value):
        page.retry_in = fetch.retry_in
    result.url = url
    result.reason = _one_line(result.reason)
    result.elapsed_ms = int(max(0.0, now() - started) * 1000)
    result.checked_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return page


def is_network_failure(result: LinkResult) -> bool:
    """No HTTP answer at all (DNS, refused, reset, unreachable, connect timeout)."""
    return bool(getattr(result, "network_error", False))


# -- pure helpers ---------------------------------------------------------------------------

def precheck(url: str, settings: CheckSettings) -> LinkResult | None:
    """`invalid` / `skipped` before any request, or None when the URL may be fetched."""
    text = url.strip()
    if not text:
        return LinkResult(url=url, status=LinkStatus.INVALID.value, reason="empty URL")
    for pattern in settings.excludes:
        try:
            matched = re.search(pattern, text) is not None
        except re.error:
            matched = pattern in text
        if matched:
            return LinkResult(url=url, status=LinkStatus.SKIPPED.value,
                              reason=f"excluded by configuration ({pattern})")
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme in NOT_WEB_SCHEMES:
        return LinkResult(url=url, status=LinkStatus.SKIPPED.value,
                          reason=NOT_WEB_REASONS.get(scheme, f"a {scheme}: link, not a web page"))
    problem = url_problem(text)
    if problem:
        return LinkResult(url=url, status=LinkStatus.INVALID.value, reason=problem)
    return None


def url_problem(url: str) -> str | None:
    """Why `url` cannot be requested (one line), or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "the URL cannot be parsed"
    scheme = parts.scheme.lower()
    if not scheme:
        return "no scheme (http:// or https://)"
    if scheme not in ("http", "https"):
        return f"a {scheme}: link, not a web address"
    host = parts.hostname or ""
    if not host:
        return "no host name in the URL"
    if port == 0:
        return "port 0"
    if re.search(r"[\s<>\"{}|\\^`]", host) or ".." in host or host.startswith("."):
        return "invalid host name"
    try:
        PreparedRequest().prepare_url(url, None)
    except requests.RequestException:
        return "invalid URL"
    except (UnicodeError, ValueError):
        return "invalid host name"
    return None


def retry_after_seconds(value: str | None, wall_now: datetime | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (wall_now or datetime.now(UTC))).total_seconds())


def backoff_seconds(attempt: int, base: float) -> float:
    """Exponential backoff: base, 2 x base, 4 x base, ..."""
    return base * (2 ** attempt)


_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_NOT_FOUND = re.compile(
    r"\bnot\s+found\b|^\W*(?:error\s*)?404\b|\b404\W+(?:error|page|not)\b|\b(?:error|erreur|"
    r"fehler|ошибка)\s*:?\s*404\b|\bpage\s+(?:does\s+not|doesn.t|no\s+longer)\s+exists?\b|"
    r"\bno\s+longer\s+(?:available|exists)\b|\bpage\s+(?:cannot|could\s+not)\s+be\s+found\b|"
    r"страница\s+не\s+найдена|страница\s+не\s+существует|не\s+найден[ао]?\b|"
    r"page\s+(?:introuvable|non\s+trouvée)|página\s+no\s+encontrada|seite\s+nicht\s+gefunden|"
    r"pagina\s+non\s+trovata|sayfa\s+bulunamadı|页面不存在|找不到",
    re.I,
)


def _clean(fragment: str) -> str:
    import html as html_lib

    return re.sub(r"\s+", " ", html_lib.unescape(_TAGS.sub(" ", fragment))).strip()


def page_headings(html: str) -> list[str]:
    """The page's `<title>` and first `<h1>`, tags stripped (what a soft-404 shows)."""
    head = html[:300_000]
    found = []
    for pattern in (_TITLE, _H1):
        match = pattern.search(head)
        if match:
            text = _clean(match.group(1))
            if text:
                found.append(text)
    return found


def soft404_reason(html: str) -> str | None:
    """A one-line reason when a 2xx page says it is a "page not found", else None."""
    for text in page_headings(html):
        if len(text) <= 120 and _NOT_FOUND.search(text):
            return f"soft-404: the page says {text[:80]!r}"
    return None


_STRONG_CHALLENGE = re.compile(
    r"<title[^>]*>\s*(?:just a moment|attention required|checking your browser|"
    r"verify(?:ing)? you are (?:a )?human|are you a robot|security check|access denied|"
    r"pardon our interruption|[^<]{0,40}captcha)|cf-chl-|captcha-delivery\.com|px-captcha|"
    r"ddos-guard|/cdn-cgi/challenge-platform/h/|sgcaptcha",
    re.I,
)
_WEAK_CHALLENGE = re.compile(
    r"captcha|challenges\.cloudflare\.com|turnstile|hcaptcha|g-recaptcha|are you a robot|"
    r"unusual traffic|enable javascript and cookies",
    re.I,
)


# Every match of _STRONG_CHALLENGE holds one of these, in any case.
_STRONG_WORDS = ("captcha", "cf-chl-", "ddos-guard", "/cdn-cgi/challenge-platform/h/",
                 "just a moment", "attention required", "checking your browser", "you are",
                 "are you a robot", "security check", "access denied",
                 "pardon our interruption")


def _may_be_strong(sample: str) -> bool:
    """False when `_STRONG_CHALLENGE` cannot match `sample`: an ASCII text holding none of
    its words (in lower case: exact for ASCII, where a case-blind match means equal lower
    cases). 10 times faster than the search on an ordinary page's head."""
    if not sample.isascii():
        return True
    lowered = sample.lower()
    return any(word in lowered for word in _STRONG_WORDS)


def challenge_reason(status: int, headers: Any, text: str) -> str | None:
    """A bot challenge (Cloudflare ``cf-mitigated``, captcha pages), or None. On a 2xx only
    strong signs count: plenty of real pages embed a captcha widget in a form."""
    mitigated = (headers.get("cf-mitigated") or "").strip().lower() if headers else ""
    if mitigated:
        return f"bot challenge (cf-mitigated: {mitigated})"
    sample = text[:ERROR_BODY_LIMIT]
    match = _STRONG_CHALLENGE.search(sample) if _may_be_strong(sample) else None
    if match is None and status >= 400:
        match = _WEAK_CHALLENGE.search(sample)
    if match:
        return f"bot challenge page ({_clean(match.group(0))[:40].lower()})"
    return None


_HOME_PATH = re.compile(
    r"^/?(?:index\.(?:html?|php|aspx?|jsp)|default\.aspx?|home(?:page)?|main|"
    r"[a-z]{2}(?:[-_][a-z]{2})?)?/?$",
    re.I,
)
_LOGIN_PATH = re.compile(
    r"(?:^|/)(?:log-?in|sign-?in|signon|auth|sso|wp-login\.php|accounts?/login|session/new|"
    r"subscribe|paywall)(?:[/.?]|$)",
    re.I,
)


def is_home_page(url: str) -> bool:
    return bool(_HOME_PATH.match(urlsplit(url).path or "/"))


def is_deep_link(url: str) -> bool:
    parts = urlsplit(url)
    return not _HOME_PATH.match(parts.path or "/") or bool(parts.query)


def _comparable(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    port = parts.port
    if port in (80, 443):
        port = None
    authority = f"{host}:{port}" if port else host
    return authority, (parts.path or "/").rstrip("/") or "/", parts.query


def same_resource(a: str, b: str) -> bool:
    """`a` and `b` differ at most in scheme (http/https), ``www.``, host case, default port or
    a trailing slash: a redirect between them needs no change to a citation."""
    return _comparable(a) == _comparable(b)


def classify_error(error: BaseException) -> tuple[str, str, bool, bool]:
    """(status, reason, network_error, retryable) for an exception raised by `requests`.

    The reason is a few words a reader understands (``connection refused``, ``name does not
    resolve``, ``TLS certificate expired``); the exception's own text is the result's
    ``detail`` (`error_detail`), kept for the JSON report."""
    chain = list(_causes(error))
    text = " ".join(str(e) for e in chain)
    lowered = text.lower()
    broken, timeout = LinkStatus.BROKEN.value, LinkStatus.TIMEOUT.value
    if isinstance(error, requests.exceptions.SSLError) or any(
            isinstance(e, ssl.SSLError) for e in chain):
        return broken, tls_reason(lowered), False, False
    if isinstance(error, requests.exceptions.ProxyError):
        return broken, "the proxy could not be reached", True, True
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return timeout, "timed out connecting", True, False
    if isinstance(error, requests.exceptions.ReadTimeout):
        return timeout, "timed out", False, False
    if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema |
                  requests.exceptions.MissingSchema | requests.exceptions.InvalidHeader) \
            or (isinstance(error, ValueError) and not isinstance(error, OSError)):
        return LinkStatus.INVALID.value, "invalid URL", False, False
    if any(type(e).__name__ == "NameResolutionError" or isinstance(e, socket.gaierror)
           for e in chain) or "name or service not known" in lowered \
            or "failed to resolve" in lowered or "nodename nor servname" in lowered:
        return broken, "name does not resolve", True, False
    for e in chain:
        if isinstance(e, ConnectionRefusedError) or "connection refused" in str(e).lower():
            return broken, "connection refused", True, True
    for e in chain:
        if isinstance(e, ConnectionResetError) or "connection reset" in str(e).lower():
            return broken, "connection reset", True, True
    for e in chain:
        if isinstance(e, OSError) and e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH,
                                                   errno.ENETDOWN, errno.EHOSTDOWN):
            return broken, "network unreachable", True, True
    if "remotedisconnected" in lowered or "without response" in lowered:
        return broken, "connection closed without an answer", True, True
    if isinstance(error, requests.exceptions.Timeout):
        return timeout, "timed out", False, False
    if isinstance(error, requests.exceptions.ConnectionError):
        return broken, "connection failed", True, True
    return broken, "request failed", False, False


def tls_reason(lowered: str) -> str:
    """A TLS failure in words, from the lower-cased text of the error."""
    if "expired" in lowered:
        return "TLS certificate expired"
    if "hostname mismatch" in lowered or "doesn't match" in lowered \
            or "not valid for" in lowered:
        return "TLS certificate is for another name"
    if "self signed" in lowered or "self-signed" in lowered:
        return "TLS certificate is self-signed"
    if "not yet valid" in lowered:
        return "TLS certificate not yet valid"
    if "unable to get local issuer" in lowered or "certificate verify failed" in lowered:
        return "TLS certificate not trusted"
    return "TLS handshake failed"


def error_detail(error: BaseException) -> str:
    """The exception's own words (type and message), one line, for the JSON report."""
    text = re.sub(r"\s+", " ", str(error)).strip()
    line = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return line if len(line) <= MAX_DETAIL else line[: MAX_DETAIL - 1] + "…"


HTTP_WORDS = {
    400: "bad request", 401: "login required", 402: "payment required", 403: "access refused",
    404: "not found", 405: "method not allowed", 407: "proxy login required",
    408: "request timed out", 410: "gone", 429: "too many requests",
    451: "unavailable for legal reasons",
    500: "server error", 501: "not implemented", 502: "bad gateway", 503: "service unavailable",
    504: "gateway timed out", 999: "refused (999)",
}


def http_reason(status: int) -> str:
    """``not found (HTTP 404)``, ``server error (HTTP 500)``, ``client error (HTTP 418)``."""
    words = HTTP_WORDS.get(status) or ("server error" if status >= 500 else "client error"
                                       if status >= 400 else "unexpected answer")
    return f"{words} (HTTP {status})"


def _causes(error: BaseException, depth: int = 0) -> Iterator[BaseException]:
    if depth > 8:
        return
    yield error
    seen = set()
    for inner in (*(a for a in getattr(error, "args", ()) if isinstance(a, BaseException)),
                  getattr(error, "reason", None), error.__cause__, error.__context__):
        if isinstance(inner, BaseException) and id(inner) not in seen and inner is not error:
            seen.add(id(inner))
            yield from _causes(inner, depth + 1)


def _last_words(error: BaseException) -> str:
    text = str(error)
    return re.sub(r"\s+", " ", text)[:150] or type(error).__name__


def _short_ssl(text: str) -> str:
    match = re.search(r"\[SSL[^\]]*\][^(')\]]*|certificate verify failed[^(')\]]*|"
                      r"hostname mismatch[^(')\]]*", text, re.I)
    return (match.group(0) if match else text)[:150].strip()


def _one_line(text: str) -> str:
    line = re.sub(r"\s+", " ", text or "").strip()
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def wants_head(url: str) -> bool:
    """HEAD first for URLs naming a file: enough to know it is there, and nothing downloaded."""
    path = urlsplit(url).path.lower()
    name = path.rsplit("/", 1)[-1]
    return "." in name and name.rsplit(".", 1)[-1] in FILE_EXTENSIONS


def is_html_type(content_type: str | None) -> bool:
    if not content_type:
        return True  # unlabelled: read (capped) and look
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind in HTML_TYPES


def decode_html(data: bytes, content_type: str | None) -> str:
    """Bytes -> text: the header's charset, a ``<meta charset>``, UTF-8, else a best guess."""
    charset = None
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
        charset = match.group(1) if match else None
    if not charset:
        match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", data[:4096], re.I)
        charset = match.group(1).decode("ascii", "replace") if match else None
    for candidate in filter(None, (charset, "utf-8")):
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # a guess is optional
        pass
    return data.decode("utf-8", errors="replace")


# -- the fetch ------------------------------------------------------------------------------

class _Timeout(Exception):
    """The per-URL deadline passed."""


@dataclass
class _Answer:
    response: requests.Response | None = None
    error: BaseException | None = None
    method: str = "GET"
    note: str = ""  # e.g. why a retry was not made
    started: float = 0.0  # when the request was sent (monotonic)


class _Watchdog:
    """Closes a response's socket at the deadline, so a trickling body cannot stall a read.

    One thread (`_WATCHDOGS`) watches every open read of the process, instead of a timer
    thread started for each page."""

    def __init__(self, response: requests.Response, seconds: float) -> None:
        self.fired = False
        self._response = response
        self._when = time.monotonic() + max(0.0, seconds)
        self.token = -1

    def fire(self) -> None:
        self.fired = True
        raw = self._response.raw
        conn = getattr(raw, "connection", None) or getattr(raw, "_connection", None)
        sock = getattr(conn, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        _WATCHDOGS.watch(self, self._when)
        return self

    def __exit__(self, *exc: object) -> None:
        _WATCHDOGS.forget(self)


class _Watchdogs:
    """The one thread that fires `_Watchdog`s at their time (started on first use)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._heap: list[tuple[float, int, _Watchdog]] = []
        self._live: set[int] = set()  # tokens of the reads still open
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, dog: _Watchdog, when: float) -> None:
        with self._condition:
            dog.token = next(self._tokens)
            heapq.heappush(self._heap, (when, dog.token, dog))
            self._live.add(dog.token)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="footcheck-watchdog",
                                                daemon=True)
                self._thread.start()
            if self._heap[0][1] == dog.token:  # the thread sleeps until an earlier time else
                self._condition.notify()

    def forget(self, dog: _Watchdog) -> None:
        with self._condition:
            self._live.discard(dog.token)

    def _run(self) -> None:
        while True:
            with self._condition:
                while self._heap and self._heap[0][1] not in self._live:
                    heapq.heappop(self._heap)  # finished reads
                wait = self._heap[0][0] - time.monotonic() if self._heap else None
                if wait is None or wait > 0:
                    self._condition.wait(wait)
                    continue
                _, key, dog = heapq.heappop(self._heap)
                self._live.discard(key)
            dog.fire()


_WATCHDOGS = _Watchdogs()


class _Fetch:
    def __init__(self, session: requests.Session, settings: CheckSettings,
                 now: Clock, started: float) -> None:
        self.session = session
        self.settings = settings
        self.now = now
        self.deadline = started + max(0.0, settings.deadline)
        self.chain: list[str] = []
        self.hop_statuses: list[int] = []
        self.stopped = False  # the last `read` stopped at its `until` pattern
        self.retry_in: float | None = None  # the last answer is worth a retry after this

    def remaining(self) -> float:
        return self.deadline - self.now()

    # one URL, all hops
    def run(self, url: str) -> FetchedPage:
        early = precheck(url, self.settings)
        if early is not None:
            return FetchedPage(early)
        url = url.strip()
        reason = guard(url, self.settings, self.session.proxies)
        if reason:
            return FetchedPage(LinkResult(url=url, status=LinkStatus.SKIPPED.value,
                                          reason=reason))
        current = url
        method = "HEAD" if wants_head(url) else "GET"
        seen = {_seen_key(url)}
        while True:
            self.retry_in = None
            answer = self.exchange(method, current)
            if answer.response is None:
                return FetchedPage(self.error_result(url, current, answer))
            response = answer.response
            status = response.status_code
            if answer.method == "HEAD" and not (200 <= status < 400 and status != 304):
                self.drain(response)
                method = "GET"  # HEAD refused or unreliable here: confirm with GET
                continue
            if 300 <= status < 400 and status != 304:
                location = response.headers.get("Location")
                self.drain(response)
                self.hop_statuses.append(status)
                self.chain.append(current)
                if not location:
                    return FetchedPage(self.finish(url, current, LinkStatus.BROKEN, status,
                                                   f"HTTP {status} redirect without Location"))
                with contextlib.suppress(UnicodeError):  # UTF-8 sent raw, read as latin-1
                    location = location.encode("latin-1").decode("utf-8")
                target = urljoin(current, location.strip())
                problem = url_problem(target)
                if problem:
                    return FetchedPage(self.finish(url, target, LinkStatus.BROKEN, status,
                                                   f"redirect to a bad URL: {problem}"))
                if _seen_key(target) in seen:
                    self.chain.append(target)
                    return FetchedPage(self.finish(url, target, LinkStatus.BROKEN, status,
                                                   f"redirect loop back to {target}"))
                if len(self.hop_statuses) > self.settings.max_redirects:
                    return FetchedPage(self.finish(
                        url, target, LinkStatus.BROKEN, status,
                        f"more than {self.settings.max_redirects} redirects"))
                why = guard(target, self.settings, self.session.proxies)
                if why:
                    self.chain.append(target)
                    return FetchedPage(self.finish(url, target, LinkStatus.SKIPPED, status,
                                                   f"redirects to a {why}"))
                seen.add(_seen_key(target))
                method = answer.method  # a 303 means GET, and HEAD stays HEAD: the same
                current = target
                continue
            if answer.method == "HEAD" and 200 <= status < 300 \
                    and response.headers.get("Content-Type") \
                    and is_html_type(response.headers.get("Content-Type")):
                self.drain(response)
                method = "GET"  # an HTML answer where a file was expected: look at it
                continue
            return self.final(url, current, answer)

    def exchange(self, method: str, url: str) -> _Answer:
        """One request. A failure worth trying again later sets ``retry_in`` (see
        `retry_hint`); the runner makes that retry at the end of the run."""
        left = self.remaining()
        if left <= 0:
            return _Answer(error=_Timeout(), method=method, started=self.now())
        started = self.now()
        try:
            response = send(self.session, method, url,
                            timeout=(min(self.settings.connect_timeout, left),
                                     min(self.settings.read_timeout, left)))
        except (requests.RequestException, ValueError) as error:  # ValueError: bad URL
            answer = _Answer(error=error, method=method, started=started)
            _, _, _, retryable = classify_error(error)
            # A quick failure (refused, reset) may pass; one that took long is a hang, and
            # a hang is not retried: it would hold the run for as long again.
            if retryable and self.now() - started < QUICK_FAILURE:
                self.retry_in = self.settings.backoff_base
            return answer
        answer = _Answer(response=response, method=method)
        if worth_a_retry(response.status_code):
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None and asked > self.settings.retry_after_cap:
                answer.note = (f"it asked to wait {asked:.0f} s, over the "
                               f"{self.settings.retry_after_cap:.0f} s cap")
            else:
                self.retry_in = asked if asked is not None else self.settings.backoff_base
        return answer

    def drain(self, response: requests.Response, limit: int = DRAIN_LIMIT) -> None:
        """Read a small body to the end so the connection can be reused; else drop it."""
        _, complete, _ = self.read(response, limit, decode=False)
        self.release(response, complete)

    @staticmethod
    def release(response: requests.Response, complete: bool) -> None:
        with contextlib.suppress(Exception):
            if complete:
                response.raw.release_conn()
            else:
                response.close()

    def read(self, response: requests.Response, limit: int, decode: bool = True,
             until: re.Pattern[bytes] | None = None) -> tuple[bytes, bool, bool]:
        """Up to `limit` body bytes (inflated when `decode`): (data, complete, timed_out).

        With `until`, reading stops after the block in which it matches (``self.stopped``
        is then True and the rest of the body is left unread: `drain` it)."""
        self.stopped = False
        scanned = 0
        out = bytearray()
        left = self.remaining()
        if left <= 0:
            return b"", False, True
        encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
        inflate = decode and encoding in ("gzip", "x-gzip", "deflate")
        urllib3_decodes = decode and encoding not in ("", "identity") and not inflate
        inflater = _Inflater() if inflate else None
        complete = True
        try:
            with _Watchdog(response, left) as watchdog:
                for block in _blocks(response.raw, urllib3_decodes):
                    if watchdog.fired or self.remaining() <= 0:
                        return bytes(out), False, True
                    data = inflater.feed(block, limit + 1 - len(out)) if inflater else block
                    if not out and data and decode and _looks_binary(data):
                        return b"", False, False  # unlabelled binary: stop at once
                    out.extend(data)
                    if until is not None and until.search(out, max(0, scanned - 16)):
                        self.stopped = True
                        return bytes(out[:limit]), False, False
                    scanned = len(out)
                    if len(out) > limit or (inflater and inflater.full):
                        del out[limit:]
                        complete = False
                        break
                if watchdog.fired:
                    return bytes(out), False, True
        except zlib.error:
            return bytes(out), False, False
        except Exception as error:  # requests/urllib3/socket errors while streaming
            timed_out = self.remaining() <= 0 or "timed out" in str(error).lower()
            return bytes(out), False, timed_out
        return bytes(out), complete, False

    # results
    def finish(self, url: str, final: str, status: LinkStatus, http_status: int | None,
               reason: str, *, permanent: bool = False, network: bool = False,
               detail: str | None = None) -> LinkResult:
        chain = [*self.chain] if self.chain else []
        if chain and chain[-1] != final:
            chain.append(final)
        return LinkResult(url=url, status=status.value, http_status=http_status,
                          final_url=final, reason=reason, redirect_chain=chain,
                          permanent_redirect=permanent, network_error=network,
                          detail=detail)

    def error_result(self, url: str, current: str, answer: _Answer) -> LinkResult:
        if isinstance(answer.error, _Timeout):
            return self.finish(url, current, LinkStatus.TIMEOUT, None,
                               f"timed out after {self.settings.deadline:g} s",
                               detail="the deadline for one URL passed")
        error = answer.error
        assert error is not None
        status, reason, network, _ = classify_error(error)
        if status == LinkStatus.TIMEOUT.value:
            waited = min(self.settings.deadline, self.now() - answer.started)
            reason = f"{reason} after {waited:.0f} s"
        if self.hop_statuses:
            reason += f" after {len(self.hop_statuses)} redirect(s)"
        return self.finish(url, current, LinkStatus(status), None, reason, network=network,
                           detail=error_detail(error))

    def final(self, url: str, current: str, answer: _Answer) -> FetchedPage:
        response = answer.response
        assert response is not None
        status = response.status_code
        content_type = response.headers.get("Content-Type")
        label = f"HTTP {status}" + (f" {response.reason}" if response.reason else "")
        if 200 <= status < 300:
            return self.success(url, current, answer, content_type, label)
        text = ""
        if answer.method == "GET" and (status in BLOCKED_STATUSES or status in RETRY_STATUSES
                                       or status >= 500):
            data, complete, _ = self.read(response, min(ERROR_BODY_LIMIT,
                                                        self.settings.max_html_bytes))
            self.release(response, complete)
            text = decode_html(data, content_type) if data else ""
        else:
            self.drain(response)
        challenge = challenge_reason(status, response.headers, text)
        detail = label + (f"; {answer.note}" if answer.note else "")
        if challenge:
            return FetchedPage(self.finish(url, current, LinkStatus.BLOCKED, status,
                                           challenge, detail=detail),
                               content_type=content_type)
        reason = http_reason(status)
        kind = LinkStatus.BLOCKED if status in BLOCKED_STATUSES or status == 429 \
            else LinkStatus.BROKEN
        return FetchedPage(self.finish(url, current, kind, status, reason, detail=detail),
                           content_type=content_type)

    def success(self, url: str, current: str, answer: _Answer, content_type: str | None,
                label: str) -> FetchedPage:
        response = answer.response
        assert response is not None
        status = response.status_code
        html: str | None = None
        data = b""
        truncated = False
        if answer.method == "GET" and is_html_type(content_type):
            data, complete, timed_out = self.read(response, self.settings.max_html_bytes,
                                                  until=_HEAD_END)
            truncated = not complete and not timed_out and not self.stopped
            if self.stopped:
                self.drain(response)  # the rest is not needed; the connection is kept
            else:
                self.release(response, complete)
            if timed_out and not data:
                return FetchedPage(self.finish(
                    url, current, LinkStatus.TIMEOUT, status,
                    f"{label} but the body did not arrive within the deadline"))
            if data and not _looks_binary(data):
                html = decode_html(page_head(data), content_type)
            if timed_out:
                label += "; the body was cut at the deadline"
        else:
            self.release(response, answer.method == "HEAD")  # a file: never downloaded
        page = FetchedPage(LinkResult(url=url, status=LinkStatus.OK),  # its result: set below
                           html=html, content_type=content_type,
                           bytes_read=len(data), truncated=truncated)
        moved = bool(self.chain)
        if moved and is_deep_link(url) and not is_deep_link(current):
            page.result = self.finish(url, current, LinkStatus.BROKEN, status,
                                      f"soft-404: redirected to the site's home page {current}")
            return page
        challenge = challenge_reason(status, response.headers, html or "")
        if challenge:
            page.result = self.finish(url, current, LinkStatus.BLOCKED, status, challenge)
            return page
        if moved and _LOGIN_PATH.search(urlsplit(current).path) \
                and not _LOGIN_PATH.search(urlsplit(url).path):
            page.result = self.finish(url, current, LinkStatus.BLOCKED, status,
                                      f"redirected to a login page {current}")
            return page
        soft = soft404_reason(html) if html else None
        if soft:
            page.result = self.finish(url, current, LinkStatus.BROKEN, status, soft)
            return page
        permanent = moved and all(s in PERMANENT for s in self.hop_statuses) \
            and not same_resource(url, current)
        if permanent:
            page.result = self.finish(url, current, LinkStatus.REDIRECTED, status,
                                      f"{label}; moved permanently to {current}",
                                      permanent=True)
        else:
            reason = label + (f" after {len(self.hop_statuses)} redirect(s)" if moved else "")
            page.result = self.finish(url, current, LinkStatus.OK, status, reason)
        return page


_HEAD_END = re.compile(rb"</h1\s*>", re.I)
HEAD_LIMIT = 64 * 1024
BYLINE = 2048  # bytes kept after the headline: the byline and its <time>


def page_head(data: bytes) -> bytes:
    """The part of a page that says what it is: up to its first ``</h1>`` and the byline
    after it (the ``<head>`` with its title, meta tags and JSON-LD, the headline, the
    date under it), at most `HEAD_LIMIT` bytes. Title, date, soft-404 and challenge
    checks read only this."""
    match = _HEAD_END.search(data, 0, HEAD_LIMIT)
    return data[: min(match.end() + BYLINE, HEAD_LIMIT)] if match else data[:HEAD_LIMIT]


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a BOM
    return head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")) \
        or b"\x00" in head[:1024]


def _blocks(raw: Any, decode: bool) -> Iterator[bytes]:
    """Body blocks as they arrive: `read1` returns after one socket read, so the deadline is
    checked between reads even when the server trickles (older urllib3: `stream`)."""
    read1 = getattr(raw, "read1", None)
    if read1 is None:
        yield from raw.stream(CHUNK, decode_content=decode)
        return
    while True:
        block = read1(CHUNK, decode_content=decode)
        if not block:
            return
        yield block


class _Inflater:
    """gzip/zlib/raw-deflate decompression that never produces more than asked for."""

    def __init__(self) -> None:
        self._obj = zlib.decompressobj(47)  # gzip or zlib header, detected
        self._raw_tried = False
        self.full = False

    def feed(self, block: bytes, room: int) -> bytes:
        out = bytearray()
        data = block
        while data and room - len(out) > 0:
            try:
                piece = self._obj.decompress(data, room - len(out))
            except zlib.error:
                if self._raw_tried or out:
                    raise
                self._raw_tried = True  # "deflate" sent without the zlib header
                self._obj = zlib.decompressobj(-15)
                continue
            out.extend(piece)
            data = self._obj.unconsumed_tail
            if self._obj.eof:
                break
        if data and not self._obj.eof:
            self.full = True
        return bytes(out)


def _seen_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}{parts.path or '/'}" \
        f"?{parts.query}"
