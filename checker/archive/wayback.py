"""A polite client of the Internet Archive: availability API, CDX API, archived pages.

Politeness (the archive firewalls clients that ignore its 429s):

* one request at a time (a lock around every public method);
* at most ``settings.archive_per_minute`` requests in any 60 s (24 by default), counting
  every request: availability, CDX and archived pages. A few lookups go out at once, one
  after the other; the 25th request of a minute waits until the first is a minute old;
* at most ``settings.archive_max_requests`` in a run; then every lookup returns None at once
  and ``budget_exhausted`` is set, so the report can say so;
* 429 (and 502/503/504, connection errors) -> wait ``Retry-After`` (capped by
  ``settings.retry_after_cap``; else exponential backoff from ``settings.backoff_base``) and
  retry up to ``settings.retries`` times. A 429 from the availability API is not retried:
  the lookup goes to the CDX API at once, and the availability API is left alone until
  its Retry-After has passed;
* after three lookups in a row that reached nothing at all, the archive is taken as
  unreachable for the rest of the run.

`closest` prefers the closest capture at or before the cited date whose archived status
was 200, else the closest 200 after it: the availability API first (one request, enough
when its answer is a 200 capture before the date), then one CDX query listing the 200
captures within `CDX_WINDOW_DAYS` of the date (one per day).

Formats (as the archive serves them):

* availability: ``GET {available}?url=U&timestamp=YYYYMMDDhhmmss`` ->
  ``{"url": U, "archived_snapshots": {"closest": {"available": true, "url":
  "http://web.archive.org/web/TS/U", "timestamp": TS, "status": "200"}}}``; nothing
  archived -> ``"archived_snapshots": {}``;
* CDX: ``GET {cdx}?url=U&output=json&fl=...&filter=statuscode:200&from=..&to=..`` -> a JSON
  array whose first row names the fields (``urlkey, timestamp, original, mimetype,
  statuscode, digest, length`` or those asked with ``fl``); no result -> ``[]``;
* an archived page: ``{web}/TSid_/U`` is the page as captured (``{web}/TS/U`` is the same
  page inside the archive's toolbar, the address shown to people).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from checker.archive import period
from checker.linkcheck.fetch import decode_html, is_html_type, retry_after_seconds
from checker.linkcheck.settings import CheckSettings

CDX_WINDOW_DAYS = 730  # how far from the cited date `closest` looks for 200 captures
PREFIX_LIMIT = 5000  # rows at most from one prefix search
UNREACHABLE_AFTER = 3  # lookups in a row that reached nothing -> archive unreachable
CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
_RETRY_STATUSES = {429, 502, 503, 504}
MINUTE = 60.0


@dataclass
class Snapshot:
    url: str  # the archive page for people: {web}/{timestamp}/{original}
    timestamp: str  # 14 digits
    status: str | None  # the archived HTTP status, e.g. "200"
    original: str  # the URL as captured

    @property
    def date(self) -> str | None:
        return period.timestamp_iso(self.timestamp)


@dataclass
class CdxRow:
    urlkey: str = ""
    timestamp: str = ""
    original: str = ""
    mimetype: str = ""
    statuscode: str = ""
    digest: str = ""
    length: str = ""

    @property
    def date(self) -> str | None:
        return period.timestamp_iso(self.timestamp)


def parse_cdx_json(data: Any) -> list[CdxRow]:
    """Rows of a CDX ``output=json`` answer (header row first; ``[]`` when empty).

    Unknown fields are ignored, missing ones left empty; rows after an empty row (the
    resumption key of ``showResumeKey``) are not captures and are dropped.
    """
    if not isinstance(data, list) or not data or not isinstance(data[0], list):
        return []
    header = [str(name) for name in data[0]]
    rows: list[CdxRow] = []
    for raw in data[1:]:
        if not isinstance(raw, list) or not raw:
            break
        values = {name: str(value) for name, value in zip(header, raw, strict=False)
                  if name in CDX_FIELDS}
        rows.append(CdxRow(**values))
    return rows


def _host_of(domain: str) -> str:
    """``https://www.site.org/x`` or ``site.org`` -> ``www.site.org`` / ``site.org``."""
    domain = domain.strip()
    if "://" not in domain:
        domain = "http://" + domain
    try:
        return (urlsplit(domain).netloc or "").lower()
    except ValueError:
        return ""


class WaybackClient:
    """See the module docstring. `sleep` and `clock` are injectable for tests."""

    def __init__(self, session: requests.Session, settings: CheckSettings, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self.settings = settings
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.RLock()
        self._sent: deque[float] = deque()  # when the requests of the last minute went out
        self._available_after = float("-inf")  # availability API told us to wait
        self._misses_in_row = 0
        self._cdx_cache: dict[tuple[tuple[str, str], ...], list[CdxRow]] = {}
        # What the report may want to say.
        self.requests_made = 0
        self.budget_exhausted = False
        self.lookups_refused = 0  # lookups not made because the budget ran out
        self.rate_limited = 0  # 429 answers received
        self.waited = 0.0  # seconds slept for Retry-After / backoff
        self.unreachable = False
        self.last_reason = ""  # why the last lookup found nothing

    # -- addresses --------------------------------------------------------------------------
    def snapshot_url(self, timestamp: str, url: str) -> str:
        return f"{self.settings.wayback_web_url.rstrip('/')}/{timestamp}/{url}"

    def raw_snapshot_url(self, timestamp: str, url: str) -> str:
        """The page as captured, without the archive's toolbar (``id_``)."""
        return f"{self.settings.wayback_web_url.rstrip('/')}/{timestamp}id_/{url}"

    # -- politeness -------------------------------------------------------------------------
    @property
    def per_minute(self) -> int:
        per_minute = self.settings.archive_per_minute
        return max(1, int(per_minute)) if per_minute and per_minute > 0 else 0

    def _take_budget(self) -> bool:
        if self.requests_made >= self.settings.archive_max_requests:
            self.budget_exhausted = True
            return False
        self.requests_made += 1
        return True

    def _wait_turn(self) -> None:
        """Wait until a request keeps the last 60 s within ``archive_per_minute``."""
        limit = self.per_minute
        if not limit:
            return
        now = self._clock()
        while self._sent and self._sent[0] <= now - MINUTE:
            self._sent.popleft()
        if len(self._sent) >= limit:
            wait = self._sent[-limit] + MINUTE - now
            if wait > 0:
                self._sleep(wait)
        self._sent.append(self._clock())

    def _backoff(self, attempt: int, response: requests.Response | None) -> float:
        header = response.headers.get("Retry-After") if response is not None else None
        wait = retry_after_seconds(header)
        if wait is None:
            wait = self.settings.backoff_base * (2 ** attempt)
        return min(wait, self.settings.retry_after_cap)

    def _get(self, url: str, params: list[tuple[str, str]] | None = None, *,
             retry: bool = True, stream: bool = False) -> requests.Response | None:
        """One polite GET (with retries). None when nothing usable came back; see last_reason."""
        if self.unreachable:
            self.last_reason = "the archive is unreachable"
            return None
        attempts = self.settings.retries + 1 if retry else 1
        response: requests.Response | None = None
        for attempt in range(attempts):
            if not self._take_budget():
                self.lookups_refused += 1
                self.last_reason = (
                    f"archive request budget ({self.settings.archive_max_requests}) used up"
                )
                return None
            self._wait_turn()
            try:
                response = self.session.get(
                    url, params=params, stream=stream,
                    timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                    headers={"User-Agent": self.settings.user_agent},
                )
            except requests.RequestException as error:
                response = None
                self.last_reason = f"archive not reachable ({type(error).__name__})"
                if attempt + 1 < attempts:
                    self._pause(self._backoff(attempt, None))
                continue
            self._misses_in_row = 0
            if response.status_code not in _RETRY_STATUSES:
                return response
            if response.status_code == 429:
                self.rate_limited += 1
            self.last_reason = f"archive answered {response.status_code}"
            wait = self._backoff(attempt, response)
            response.close()
            if not retry:
                if response.status_code == 429:
                    self._available_after = self._clock() + wait
                return response
            if attempt + 1 < attempts:
                self._pause(wait)
        if response is None:
            self._misses_in_row += 1
            if self._misses_in_row >= UNREACHABLE_AFTER:
                self.unreachable = True
            return None
        return response if response.status_code not in _RETRY_STATUSES else None

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self.waited += seconds
            self._sleep(seconds)

    def _json(self, response: requests.Response | None) -> Any:
        if response is None:
            return None
        if response.status_code != 200:
            self.last_reason = f"archive answered {response.status_code}"
            return None
        try:
            return response.json()
        except (ValueError, json.JSONDecodeError):
            self.last_reason = "archive answer is not JSON"
            return None

    # -- the APIs ---------------------------------------------------------------------------
    def available(self, url: str, timestamp: str | None = None) -> Snapshot | None:
        """The availability API's closest capture (any archived status), or None."""
        with self._lock:
            if self._clock() < self._available_after:
                self.last_reason = "availability API asked us to wait"
                return None
            params = [("url", url)]
            if timestamp:
                params.append(("timestamp", timestamp))
            response = self._get(self.settings.wayback_available_url, params, retry=False)
            if response is not None and response.status_code == 429:
                return None
            data = self._json(response)
            if not isinstance(data, dict):
                return None
            closest = (data.get("archived_snapshots") or {}).get("closest")
            if not isinstance(closest, dict) or not closest.get("available"):
                self.last_reason = "not archived"
                return None
            ts = str(closest.get("timestamp") or "")
            if not re.fullmatch(r"\d{14}", ts):
                self.last_reason = "archive answer without a timestamp"
                return None
            original = _original_from(str(closest.get("url") or ""), ts) or url
            status = closest.get("status")
            return Snapshot(self.snapshot_url(ts, original), ts,
                            str(status) if status is not None else None, original)

    def cdx(self, params: list[tuple[str, str]]) -> list[CdxRow] | None:
        """A raw CDX query (``output=json`` is added); None when it failed. The same query
        twice in a run is answered from memory (several citations of one site and date)."""
        with self._lock:
            key = tuple(params)
            if key in self._cdx_cache:
                return list(self._cdx_cache[key])
            response = self._get(self.settings.cdx_url, [*params, ("output", "json")])
            data = self._json(response)
            if data is None:
                return None
            rows = parse_cdx_json(data)
            self._cdx_cache[key] = rows
            return list(rows)

    def closest(self, url: str, date_iso: str | None) -> Snapshot | None:
        """The capture to cite for `url` as of `date_iso` (see the module docstring)."""
        with self._lock:
            self.last_reason = ""
            target = period.cited_instant(date_iso)
            found = self.available(url, target)
            if found is not None and found.status == "200" and found.timestamp <= target:
                return found
            if self.budget_exhausted or self.unreachable:
                return None
            rows = self.cdx([
                ("url", url),
                ("fl", "timestamp,original,mimetype,statuscode"),
                ("filter", "statuscode:200"),
                ("from", period.shift(target, -CDX_WINDOW_DAYS)[:8]),
                ("to", period.shift(target, CDX_WINDOW_DAYS)[:8] + "235959"),
                ("collapse", "timestamp:8"),
            ])
            fallback = found if found is not None and found.status == "200" else None
            if rows is None:
                return fallback
            good = [r for r in rows if r.statuscode == "200" and len(r.timestamp) >= 8]
            before = [r for r in good if r.timestamp <= target]
            after = [r for r in good if r.timestamp > target]
            if before:
                row = max(before, key=lambda r: r.timestamp)
            elif fallback is not None:
                return fallback
            elif after:
                row = min(after, key=lambda r: r.timestamp)
            else:
                when = f" within {CDX_WINDOW_DAYS} days of {date_iso}" if date_iso else ""
                self.last_reason = (
                    f"no archived copy with status 200{when}" if found is not None or rows
                    else "not archived"
                )
                return None
            original = row.original or url
            return Snapshot(self.snapshot_url(row.timestamp, original), row.timestamp,
                            row.statuscode, original)

    def search_prefix(self, domain: str, date_iso: str | None, window_days: int | None,
                      *, url_words: tuple[str, ...] = ()) -> list[CdxRow]:
        """HTML pages of `domain` captured with status 200, one row per URL (CDX prefix
        query): within `window_days` of the cited period, or over the site's whole capture
        history when `window_days` is None. With `url_words`, only URLs holding one of these
        words (a CDX regex filter on the original URL, case-insensitive). ``[]`` when none or
        when the query failed (then ``last_reason`` says why)."""
        with self._lock:
            self.last_reason = ""
            host = _host_of(domain)
            if not host:
                self.last_reason = "no site to search"
                return []
            params = [
                ("url", f"{host}/"),
                ("matchType", "prefix"),
                ("fl", "urlkey,timestamp,original,mimetype,statuscode"),
                ("filter", "statuscode:200"),
                ("filter", "mimetype:text/html"),
            ]
            if url_words:
                words = "|".join(re.escape(word) for word in url_words)
                params.append(("filter", f"original:(?i).*({words}).*"))
            if window_days is not None:
                span = period.period(date_iso)
                if span is None:
                    self.last_reason = "no date to search around"
                    return []
                start = period.timestamp(span[0])
                end = period.timestamp(span[1], end_of_day=True)
                params += [
                    ("from", period.shift(start, -window_days)[:8]),
                    ("to", period.shift(end, window_days)[:8] + "235959"),
                ]
            rows = self.cdx([*params, ("collapse", "urlkey"), ("limit", str(PREFIX_LIMIT))])
            return rows or []

    def fetch_snapshot(self, snapshot: Snapshot | CdxRow) -> str | None:
        """The archived page's HTML (as captured, read up to ``settings.max_html_bytes``)."""
        with self._lock:
            url = self.raw_snapshot_url(snapshot.timestamp, snapshot.original)
            response = self._get(url, stream=True)
            if response is None:
                return None
            kind = response.headers.get("Content-Type")
            try:
                if response.status_code != 200:
                    self.last_reason = f"archived page answered {response.status_code}"
                    return None
                if not is_html_type(kind):
                    self.last_reason = f"archived page is not HTML ({kind})"
                    return None
                data = _read_capped(response, self.settings.max_html_bytes)
            except requests.RequestException as error:
                self.last_reason = f"archived page could not be read ({type(error).__name__})"
                return None
            finally:
                response.close()
            return decode_html(data, kind)

    def reachable(self) -> bool | None:
        """Whether the archive answers at all (one availability request); None: cannot tell."""
        with self._lock:
            if self.unreachable:
                return False
            before = self.requests_made
            response = self._get(self.settings.wayback_available_url,
                                 [("url", "example.com")], retry=False)
            if response is not None:
                return True
            if self.budget_exhausted and self.requests_made == before:
                return None
            return False

    def notes(self) -> list[str]:
        """One line for each thing the report should say about the archive."""
        lines = []
        if self.budget_exhausted:
            lines.append(
                f"archive budget ran out: {self.settings.archive_max_requests} requests made, "
                f"{self.lookups_refused} archive lookups not made "
                "(raise archive_max_requests to look further)"
            )
        if self.rate_limited:
            lines.append(f"the archive asked us to slow down {self.rate_limited} times (429)")
        if self.unreachable:
            lines.append("the archive was unreachable; later lookups were not made")
        return lines


def _original_from(snapshot_url: str, timestamp: str) -> str | None:
    """``http://web.archive.org/web/TS/http://x.org/a`` -> ``http://x.org/a``."""
    marker = f"/{timestamp}"
    index = snapshot_url.find(marker)
    if index < 0:
        return None
    rest = snapshot_url[index + len(marker):]
    rest = re.sub(r"^[a-z]{2}_", "", rest).lstrip("/")
    return rest or None


def _read_capped(response: requests.Response, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        if not chunk:
            continue
        chunks.append(chunk[: max(0, cap - size)])
        size += len(chunk)
        if size >= cap:
            break
    return b"".join(chunks)
