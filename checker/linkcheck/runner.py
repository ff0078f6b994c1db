"""Check every target once, concurrently, politely; reuse the store; tell offline from dead.

Steps of `check_links`:

1. targets excluded by configuration -> ``skipped``; fresh ``ok``/``redirected`` results from
   the store -> reused (``from_cache=True``, no request);
2. the rest are fetched by ``settings.global_limit`` worker threads, each with its own
   `requests.Session` (`session.make_session`), dispatched by `ratelimit.FairDispatcher` so
   that no host ever sees more than ``settings.per_host`` requests at once. The
   private-address guard (`guard.guard`, on the URL and every redirect target), retries and
   backoff all happen inside `fetch.check_url`;
3. offline detection: when every link that was fetched failed at the network level (no
   HTTP answer at all: DNS, refused, unreachable, connect timeout) and the archive, if one is
   given and can tell, is unreachable too (without an archive probe: the failures must span
   at least two hosts, so one dead domain is not "offline"), the run is ``offline`` and
   those links get status ``offline``, reason "network unavailable". Nothing is written to
   the store's history for them and the archive is not asked;
4. the archive hook, sequentially (it keeps its own rate limit), for every result that is not
   ok (``skipped`` and ``offline`` excepted), every site-only target (the archive stage looks
   for the cited article) and, with ``settings.archive_all``, every result;
5. the store records the run (failure history, ``dead_after``: see store.py).

The archive hook is any callable ``archive(result, target) -> None`` that fills the result's
archive fields in place. Optional attributes it may have: ``reachable() -> bool | None``
(used by offline detection) and ``notes: list[str]`` (copied into `CheckRun.notes`, e.g.
"archive budget ran out").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from checker.linkcheck.progress import Progress
from checker.linkcheck.ratelimit import FairDispatcher, HostLimiter
from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.store import FAILURES, ResultStore, apply_history, iso_time
from checker.linkcheck.targets import SITE_CHECKS_OFF, LinkTarget
from checker.model import LinkResult, LinkStatus

OK_STATUSES = {LinkStatus.OK.value, LinkStatus.REDIRECTED.value}
NOT_FETCHED = {LinkStatus.SKIPPED.value, LinkStatus.INVALID.value}
OFFLINE_REASON = "network unavailable"


class ArchiveHook(Protocol):
    def __call__(self, result: LinkResult, target: LinkTarget) -> None: ...


PageHook = Callable[[LinkResult, LinkTarget, "str | None"], None]


@dataclass
class CheckRun:
    links: list[LinkResult] = field(default_factory=list)
    offline: bool = False
    notes: list[str] = field(default_factory=list)
    requests_made: int = 0  # HTTP requests sent (retries and redirects included)


class _Sessions:
    """One `requests.Session` per worker thread, counting every request sent."""

    def __init__(self, settings: CheckSettings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[requests.Session] = []
        self.requests = 0

    def get(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            from checker.linkcheck.session import make_session

            session = make_session(self.settings)
            send = session.send

            def counting_send(request: Any, **kwargs: Any) -> Any:
                with self._lock:
                    self.requests += 1
                return send(request, **kwargs)

            session.send = counting_send  # type: ignore[method-assign]
            self._local.session = session
            with self._lock:
                self._all.append(session)
        return session

    def close(self) -> None:
        with self._lock:
            for session in self._all:
                session.close()
            self._all.clear()


def is_network_failure(result: LinkResult) -> bool:
    """No HTTP answer at all: DNS failure, connection refused/reset/unreachable, connect timeout."""
    from checker.linkcheck.fetch import is_network_failure as judge

    return judge(result)


def _fetch(target: LinkTarget, settings: CheckSettings, sessions: _Sessions,
           inspect: PageHook | None) -> LinkResult:
    from checker.linkcheck import fetch

    # fetch runs the private-address guard itself (on the URL and on every redirect target)
    # and its pre-checks (invalid URLs, mailto:, excludes): no request is made for those.
    session = sessions.get()
    if inspect is None:
        return fetch.check_url(session, target.url, settings)
    page = fetch.fetch_page(session, target.url, settings)
    inspect(page.result, target, page.html)
    return page.result


def check_one(target: LinkTarget, settings: CheckSettings, sessions: _Sessions,
              inspect: PageHook | None = None) -> LinkResult:
    """One live check; never raises (an unexpected error becomes the link's reason)."""
    started = time.monotonic()
    try:
        result = _fetch(target, settings, sessions, inspect)
    except Exception as error:  # a bug must not end the run; the link says what happened
        result = LinkResult(
            url=target.url, status=LinkStatus.BROKEN.value,
            reason=f"check failed: {type(error).__name__}: {error}",
        )
    if result.elapsed_ms is None:
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
    if result.checked_at is None:
        result.checked_at = iso_time(time.time())
    return result


def _wants_archive(result: LinkResult, target: LinkTarget, settings: CheckSettings) -> bool:
    if result.status == LinkStatus.OFFLINE.value:
        return False
    if result.status == LinkStatus.SKIPPED.value:
        # Only a site-only target skipped because site checks are off still needs the archive
        # (to find the cited article); excluded and private URLs are left alone.
        return target.site_only and target.skip_reason == SITE_CHECKS_OFF
    return settings.archive_all or target.site_only or result.status not in OK_STATUSES


def _attach(result: LinkResult, target: LinkTarget) -> LinkResult:
    result.url = target.url
    result.citations = list(target.citations)
    result.site_only = target.site_only
    return result


def check_links(
    targets: list[LinkTarget],
    settings: CheckSettings,
    *,
    store: ResultStore | None = None,
    progress: Progress | None = None,
    archive: ArchiveHook | None = None,
    inspect: PageHook | None = None,
) -> CheckRun:
    """Check `targets` (distinct URLs, see targets.py); results in the order of `targets`.

    `store`: a `ResultStore`; None opens the one `settings` names (none with
    ``use_cache=False``). `inspect(result, target, html)`: optional, called in the worker
    thread with the fetched HTML (then `fetch.fetch_page` is used instead of `check_url`),
    e.g. to read the page's title and date; the HTML is not kept. It is also called, from
    the calling thread, for each result reused from the store, with ``html=None``: the
    stored ``page_title``/``page_date`` are then what the page showed when last fetched.
    """
    run = CheckRun()
    own_store = store is None
    if own_store:
        store = ResultStore.open(settings)
    if store is not None:
        run.notes.extend(store.notes)
        store.notes.clear()
    progress = progress or Progress(quiet=True)
    results: list[LinkResult | None] = [None] * len(targets)
    try:
        progress.start(len(targets))
        cached = store.fresh([t.url for t in targets if not t.skip_reason], settings.max_age) \
            if store is not None else {}
        jobs: list[tuple[str, int]] = []
        for index, target in enumerate(targets):
            if target.skip_reason:
                results[index] = LinkResult(
                    url=target.url, status=LinkStatus.SKIPPED.value, reason=target.skip_reason
                )
            elif target.url in cached:
                results[index] = cached[target.url]
                if inspect is not None:  # no HTML: the stored page_title/page_date stand
                    inspect(_attach(results[index], target), target, None)
            else:
                jobs.append((target.host_key, index))
                continue
            _attach(results[index], target)
            progress.update(results[index])

        fetched = _run_live(jobs, targets, results, settings, progress, inspect)
        run.requests_made = fetched.requests
        progress.close()

        live = [results[i] for _, i in jobs]
        run.offline = _detect_offline(live, archive)
        if run.offline:
            for result in live:
                if result.status not in NOT_FETCHED:
                    result.status = LinkStatus.OFFLINE.value
                    result.reason = OFFLINE_REASON
            run.notes.append(
                f"network unavailable: none of {len(live)} links could be reached"
                + (" and the archive is unreachable" if archive is not None else "")
            )
        elif archive is not None:
            _run_archive(targets, results, settings, archive, run, progress)

        finished = [r for r in results if r is not None]
        if store is not None:
            store.record(finished, settings.dead_after)
            run.notes.extend(store.notes)
        else:
            _history_without_store(finished, settings.dead_after)
        run.links = finished
        return run
    finally:
        if own_store and store is not None:
            store.close()


def _run_live(jobs: list[tuple[str, int]], targets: list[LinkTarget],
              results: list[LinkResult | None], settings: CheckSettings, progress: Progress,
              inspect: PageHook | None) -> _Sessions:
    sessions = _Sessions(settings)
    if not jobs:
        return sessions
    limiter = HostLimiter(settings.per_host, settings.global_limit)
    dispatcher: FairDispatcher[int] = FairDispatcher(jobs, limiter)

    def worker() -> None:
        while (job := dispatcher.take()) is not None:
            key, index = job
            try:
                target = targets[index]
                results[index] = _attach(check_one(target, settings, sessions, inspect), target)
            finally:
                dispatcher.done(key)
            progress.update(results[index])

    workers = min(limiter.global_limit, len(jobs))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="footcheck-link")
    try:
        futures = [pool.submit(worker) for _ in range(workers)]
        for future in futures:
            future.result()
    except BaseException:
        dispatcher.close()
        pool.shutdown(wait=False, cancel_futures=True)
        sessions.close()
        raise
    pool.shutdown(wait=True)
    sessions.close()
    return sessions


def _detect_offline(live: list[LinkResult], archive: ArchiveHook | None) -> bool:
    fetched = [r for r in live if r.status not in NOT_FETCHED]
    if not fetched or not all(is_network_failure(r) for r in fetched):
        return False
    probe = getattr(archive, "reachable", None)
    if callable(probe):
        try:
            reachable = probe()
        except Exception:
            reachable = False
        if reachable is not None:
            return not reachable
    from checker.linkcheck.targets import host_key

    return len({host_key(r.url) for r in fetched}) >= 2


def _run_archive(targets: list[LinkTarget], results: list[LinkResult | None],
                 settings: CheckSettings, archive: ArchiveHook, run: CheckRun,
                 progress: Progress) -> None:
    wanted = [
        (results[i], target) for i, target in enumerate(targets)
        if results[i] is not None and _wants_archive(results[i], target, settings)
    ]
    if not wanted:
        return
    progress.start(len(wanted), label="archive lookups")
    failures = 0
    for result, target in wanted:
        try:
            archive(result, target)
        except Exception as error:  # the archive stage is optional; the check result stands
            failures += 1
            if failures <= 3:
                run.notes.append(f"archive lookup failed for {result.url}: {error}")
        progress.update(result)
    progress.close()
    if failures > 3:
        run.notes.append(f"archive lookup failed for {failures} links in all")
    run.notes.extend(getattr(archive, "notes", None) or [])


def _history_without_store(results: list[LinkResult], dead_after: int) -> None:
    """No store (--no-cache): every failure is a first failure, on one day."""
    for result in results:
        if result.status in FAILURES and not result.from_cache:
            apply_history(result, result.checked_at or iso_time(time.time()), 1, 1,
                          max(1, dead_after))
