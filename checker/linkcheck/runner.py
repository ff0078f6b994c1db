"""Check every target once, concurrently, politely; reuse the store; tell offline from dead.

Steps of `check_links`:

1. targets excluded by configuration -> ``skipped``; fresh ``ok``/``redirected`` results from
   the store -> reused (``from_cache=True``, no request);
2. the rest are fetched by ``settings.global_limit`` worker threads sharing the run's
   `requests.Session` (`session.make_session`), dispatched by `ratelimit.FairDispatcher` so
   that no host ever sees more than ``settings.per_host`` requests at once (`LiveChecks`;
   `footcheck check` starts them while the parse reads the notes, see `LiveChecks`). The
   private-address guard (`guard.guard`, on the URL and every redirect target) happens inside
   `fetch.fetch_page`, one attempt per call. A failure worth another try (429, 502, 503,
   504, a quick connection failure: ``FetchedPage.retry_in``) is tried again up to
   ``settings.retries`` times, at the end of the run, while the other links proceed, and not
   before its ``Retry-After``; a hang (a timeout) is never retried: it would hold the run for
   as long again, and the store's failure history (``dead_after``) covers a transient
   failure better;
3. offline detection: when every link that was fetched failed at the network level (no
   HTTP answer at all: DNS, refused, unreachable, connect timeout) and the archive, if one is
   given and can tell, is unreachable too (without an archive probe: the failures must span
   at least two hosts, so one dead domain is not "offline"), the run is ``offline`` and
   those links get status ``offline``, reason "network unavailable". Nothing is written to
   the store's history for them and the archive is not asked. The verdict comes early, and
   the remaining links are not tried, when the first wave of attempts (the first
   ``global_limit`` links handed out and fetched, at least `FIRST_WAVE`) all failed at the
   network level on two hosts or more and the archive says it is unreachable too
   (`_FirstWave`): offline, every lookup waits for its DNS failure, and 1,865 links took
   three minutes;
4. the archive hook, on one thread of its own (it keeps its own rate limit), for every result
   that is not ok (``skipped`` and ``offline`` excepted), every site-only target (the archive
   stage looks for the cited article) and, with ``settings.archive_all``, every result. It
   starts as soon as a link's result is final and the network has answered once (so an
   offline run still asks the archive nothing), overlapping the live checks;
5. the store records the run (failure history, ``dead_after``: see store.py).

The archive hook is any callable ``archive(result, target) -> None`` that fills the result's
archive fields in place. Optional attributes it may have: ``reachable() -> bool | None``
(used by offline detection) and ``notes: list[str]`` (copied into `CheckRun.notes`, e.g.
"archive budget ran out").
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from checker.linkcheck.progress import Progress
from checker.linkcheck.ratelimit import FairDispatcher, HostLimiter
from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.store import FAILURES, ResultStore, apply_history, iso_time
from checker.linkcheck.targets import SITE_CHECKS_OFF, LinkTarget
from checker.model import LinkResult, LinkStatus, Reference

OK_STATUSES = {LinkStatus.OK.value, LinkStatus.REDIRECTED.value}
NOT_FETCHED = {LinkStatus.SKIPPED.value, LinkStatus.INVALID.value}
OFFLINE_REASON = "network unavailable"
FIRST_WAVE = 8  # the fewest first attempts on which the network is judged early


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
    """The run's `requests.Session`, shared by the workers (urllib3's pools are thread-safe:
    a host's idle connections serve whichever worker comes next, so a host sees a handful of
    connections, not one per worker), counting every request sent."""

    def __init__(self, settings: CheckSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._session: requests.Session | None = None
        self.requests = 0

    def get(self) -> requests.Session:
        with self._lock:
            if self._session is None:
                from checker.linkcheck.session import make_session

                session = make_session(self.settings)
                send = session.send

                def counting_send(request: Any, **kwargs: Any) -> Any:
                    with self._lock:
                        self.requests += 1
                    return send(request, **kwargs)

                session.send = counting_send  # type: ignore[method-assign]
                self._session = session
            return self._session

    def close(self) -> None:
        with self._lock:
            if self._session is not None:
                self._session.close()
                self._session = None


def is_network_failure(result: LinkResult) -> bool:
    """No HTTP answer at all: DNS failure, connection refused/reset/unreachable, connect timeout."""
    from checker.linkcheck.fetch import is_network_failure as judge

    return judge(result)


def attempt(url: str, settings: CheckSettings, sessions: _Sessions
            ) -> tuple[LinkResult, float | None, str | None]:
    """One live attempt: (result, seconds before a retry is worth it or None, the page's head
    when it is HTML); never raises (an unexpected error becomes the link's reason)."""
    from checker.linkcheck import fetch

    started = time.monotonic()
    retry_in = html = None
    try:
        # fetch runs the private-address guard itself (on the URL and on every redirect
        # target) and its pre-checks (invalid URLs, mailto:, excludes): no request for those.
        page = fetch.fetch_page(sessions.get(), url, settings)
        result, retry_in, html = page.result, page.retry_in, page.html
    except Exception as error:  # a bug must not end the run; the link says what happened
        result = _bug(url, error)
    if result.elapsed_ms is None:
        result.elapsed_ms = int((time.monotonic() - started) * 1000)
    if result.checked_at is None:
        result.checked_at = iso_time(time.time())
    return result, retry_in, html


def _bug(url: str, error: Exception) -> LinkResult:
    return LinkResult(url=url, status=LinkStatus.BROKEN.value,
                      reason="the check failed (a bug in footcheck)",
                      detail=f"{type(error).__name__}: {error}")


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
    live: LiveChecks | None = None,
) -> CheckRun:
    """Check `targets` (distinct URLs, see targets.py); results in the order of `targets`.

    `store`: a `ResultStore`; None opens the one `settings` names (none with
    ``use_cache=False``). `inspect(result, target, html)`: optional, called in the worker
    thread with the fetched HTML (then `fetch.fetch_page` is used instead of `check_url`),
    e.g. to read the page's title and date; the HTML is not kept. It is also called, from
    the calling thread, for each result reused from the store, with ``html=None``: the
    stored ``page_title``/``page_date`` are then what the page showed when last fetched.
    `live`: the `LiveChecks` that the parse started (its URLs fetched early); None: new ones.
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
        jobs: list[int] = []
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
                jobs.append(index)
                continue
            _attach(results[index], target)
            progress.update(results[index])

        lookups = _ArchiveLookups(archive, settings, run, targets, results) \
            if archive is not None else None
        live = live or LiveChecks(settings)
        live.run(jobs, targets, results, progress, inspect, lookups)
        run.requests_made = live.sessions.requests
        progress.close()

        untried = [i for i in jobs if results[i] is None]  # after an early offline verdict:
        # never tried, or given up while waiting for an answer
        for index in untried:
            results[index] = _attach(LinkResult(url=targets[index].url,
                                                status=LinkStatus.OFFLINE.value), targets[index])
        fetched = [results[i] for i in jobs]
        run.offline = live.offline is not None or _detect_offline(fetched, live.ask_archive)
        if run.offline:
            for result in fetched:
                if result.status not in NOT_FETCHED:
                    result.status = LinkStatus.OFFLINE.value
                    result.reason = OFFLINE_REASON
            run.notes.append(_offline_note(live.offline, len(fetched), len(untried),
                                           archive is not None))
        if lookups is not None:
            lookups.finish(progress, offline=run.offline)

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


_FRESH = "fresh"  # an early URL the store already had a fresh result for: not fetched


@dataclass
class _FirstWave:
    """The first `size` attempts of a run, in the order the dispatcher handed their links out
    (`Job.number`; a link handed out but not fetched, fresh in the store, is passed over),
    watched for the early offline verdict: did every one of them fail at the network level,
    on two hosts or more? One server answering anything (even an error page), in the wave or
    after it, settles it: online."""

    size: int
    failed: dict[int, str | None] = field(default_factory=dict)  # number -> host; None: passed
    answered: bool = False
    any_failed: bool = False
    hosts: int = 0  # the hosts the wave failed on, once it has

    def pass_over(self, number: int) -> None:
        self.failed[number] = None

    def record(self, number: int, result: LinkResult) -> None:
        if not result.network_error:
            self.answered = True  # in the wave or after it: a server answered
            return
        from checker.linkcheck.targets import host_key

        self.failed[number] = host_key(result.url)
        self.any_failed = True

    def all_failed(self) -> bool:
        """Every attempt of the wave is over, each a network failure, on two hosts or more
        (an attempt handed out before the last of them and still running: not yet)."""
        if self.answered:
            return False
        hosts: set[str] = set()
        attempts = number = 0
        while attempts < self.size:
            number += 1
            if number not in self.failed:
                return False  # still running, or not handed out yet
            host = self.failed[number]
            if host is not None:
                hosts.add(host)
                attempts += 1
        self.hosts = len(hosts)
        return self.hosts >= 2


class LiveChecks:
    """The run's live checks: `global_limit` worker threads fetching URLs, no host more than
    `per_host` at once (`FairDispatcher`), one attempt per take.

    URLs may be handed in before the targets are known (`start`, called as the parse finds
    each note's links), so that the first requests go out while the rest of the documents is
    still being read; a URL excluded by configuration or fresh in the store is not fetched.
    `check_links` then binds the targets (`run`): the results that came before are settled
    then, the rest as they come; a URL fetched early that is no target is dropped (a repair
    may have changed it). Without early URLs it is the plain run of the targets' jobs.

    Offline, early: once the first wave of attempts (`_FirstWave`) has all failed at the
    network level, the archive is asked whether it answers (its ``reachable`` probe); if it
    says no, `offline` is set and nothing more is handed out. Without an archive to ask, or
    one that cannot tell, every link is tried and `check_links` judges at the end.
    """

    def __init__(self, settings: CheckSettings,
                 store: Callable[[], ResultStore | None] | None = None) -> None:
        from checker.linkcheck.targets import compile_excludes

        self.settings = settings
        self.sessions = _Sessions(settings)
        self._store = store  # asked (once, in a worker) which early URLs are fresh already
        self._fresh: set[str] | None = None
        self._excludes = compile_excludes(settings.excludes)
        self._limiter = HostLimiter(settings.per_host, settings.global_limit)
        self._dispatcher: FairDispatcher[str] = FairDispatcher([], self._limiter, sealed=False)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a worker ended, or the verdict came
        self._running = 0  # workers not yet ended
        self._state: dict[str, Any] = {}  # url -> None (asked), _FRESH or its first attempt
        self._bound: _Binding | None = None
        self._started = 0  # workers started (at most one a link, `global_limit` in all)
        self._failure: BaseException | None = None
        self._wave = _FirstWave(max(FIRST_WAVE, self._limiter.global_limit))
        self._probe: Callable[[], bool | None] | None = None  # the archive's, once bound
        self._archive_answer: Future[bool | None] | None = None  # the probe's, once asked
        self._judged = False
        self.offline: _FirstWave | None = None  # the wave that showed the network down

    def start_references(self, references: list[Reference]) -> None:
        """Fetch the URLs of a note's references now (`parse.parse_document` calls it as it
        reads each note), as `collect_targets` will make them."""
        from checker.linkcheck.targets import normalise_url

        for reference in references:
            if reference.url and reference.url.strip():
                self.start(normalise_url(reference.url))

    def start(self, url: str) -> None:
        """Fetch `url` (normalised, as `collect_targets` makes it) now."""
        if any(pattern.search(url) for pattern in self._excludes):
            return  # collect_targets will skip it
        with self._lock:
            if self._bound is not None or url in self._state:
                return
            fresh = self._fresh is not None and url in self._fresh
            self._state[url] = _FRESH if fresh else None
        if not fresh:
            self._add(url)

    def run(self, jobs: list[int], targets: list[LinkTarget],
            results: list[LinkResult | None], progress: Progress, inspect: PageHook | None,
            lookups: _ArchiveLookups | None) -> None:
        """Check `targets[i]` for every i in `jobs`, filling `results`; returns when every
        attempt (retries included) is over."""
        binding = _Binding(self, {targets[i].url: i for i in jobs}, targets, results,
                           [0] * len(targets), progress, inspect, lookups)
        probe = getattr(lookups.archive, "reachable", None) if lookups is not None else None
        with self._lock:
            self._bound = binding
            self._probe = probe if callable(probe) else None
            early = [(url, done) for url, done in self._state.items() if isinstance(done, tuple)]
            added = [url for url in binding.index
                     if url not in self._state or self._state[url] == _FRESH]
            for url in added:
                self._state[url] = None
        try:
            for url, done in early:
                binding.settle(url, *done)
            for url in added:
                self._add(url)
            self._judge_offline()  # the first wave may have ended while the parse went on
            self._dispatcher.seal()
            with self._changed:
                # offline, the attempts still in flight are not waited for: each is waiting
                # for its DNS lookup to fail, and their links are offline whatever they say
                self._changed.wait_for(lambda: self._running == 0 or self.offline is not None)
        except BaseException:
            self.close()
            raise
        if self._failure is not None:
            self.close()
            raise self._failure
        self.sessions.close()

    def close(self) -> None:
        """Hand out nothing more and let go of the connections (also on an interrupt)."""
        self._dispatcher.close()
        if self._bound is not None and self._bound.lookups is not None:
            self._bound.lookups.stop()
        self.sessions.close()

    def _add(self, url: str) -> None:
        from checker.linkcheck.targets import host_key

        self._dispatcher.add(host_key(url), url)
        with self._lock:
            if self._started < min(self._limiter.global_limit, len(self._state)):
                worker = threading.Thread(target=self._work, name="footcheck-link",
                                          daemon=True)
                self._started += 1
                self._running += 1
                worker.start()

    def _work(self) -> None:
        try:
            while (job := self._dispatcher.take()) is not None:
                try:
                    self._check(job.item, job.number)
                finally:
                    self._dispatcher.done(job.key)
        except BaseException as error:  # not a link's failure: the run's (check_links raises)
            self._failure = error
            self._dispatcher.close()
        finally:
            with self._changed:
                self._running -= 1
                self._changed.notify_all()

    def _check(self, url: str, number: int) -> None:
        """Fetch `url`, the `number`th link handed out (`_FirstWave`), unless no one needs it."""
        with self._lock:
            binding = self._bound
        if binding is None and url in self._fresh_urls():
            with self._lock:
                if self._bound is None:
                    self._state[url] = _FRESH
                    self._wave.pass_over(number)
                    return
                binding = self._bound
        if binding is not None and url not in binding.index:
            with self._lock:
                self._wave.pass_over(number)
            return  # no target needs it: fresh in the store, or not cited after all
        done = attempt(url, self.settings, self.sessions)
        with self._lock:
            self._wave.record(number, done[0])
            binding = self._bound
            if binding is None:
                self._state[url] = done
                return
        binding.settle(url, *done)
        self._judge_offline()

    def _judge_offline(self) -> None:
        """The early verdict: the archive is asked whether it answers as soon as a first link
        fails with no server having answered (on a thread of its own, while the wave goes
        on); once the whole first wave has failed, an archive unreachable too means the
        network is down: nothing more is handed out."""
        with self._lock:
            wave = self._wave
            if self._judged or self._probe is None or wave.answered or not wave.any_failed:
                return
        answer = self.ask_archive()
        with self._lock:
            if self._judged or answer is None or not wave.all_failed():
                return
            self._judged = True
        if answer.result() is False:
            with self._changed:
                self.offline = wave  # from now on no attempt settles (`_Binding.settle`)
                self._changed.notify_all()
            self._dispatcher.close()

    def ask_archive(self) -> Future[bool | None] | None:
        """Whether the archive can be reached (its ``reachable`` probe: None, it cannot
        tell), asked once in the run, on a thread of its own; None without an archive that
        has the probe (known once the targets are bound)."""
        with self._lock:
            if self._probe is not None and self._archive_answer is None:
                self._archive_answer = Future()
                threading.Thread(target=_ask, args=(self._probe, self._archive_answer),
                                 name="footcheck-offline-probe", daemon=True).start()
            return self._archive_answer

    def _fresh_urls(self) -> set[str]:
        """The URLs fresh in the store, read once (the store may still be opening)."""
        if self._fresh is None:
            store = self._store() if self._store is not None else None
            fresh = store.fresh_urls(self.settings.max_age) if store is not None else set()
            with self._lock:
                if self._fresh is None:
                    self._fresh = fresh
        return self._fresh

    def defer(self, url: str, delay: float) -> None:
        from checker.linkcheck.targets import host_key

        self._dispatcher.defer(host_key(url), url, delay)


@dataclass
class _Binding:
    """Where the live results go once the targets are known."""

    live: LiveChecks
    index: dict[str, int]  # url -> its target's position
    targets: list[LinkTarget]
    results: list[LinkResult | None]
    attempts: list[int]
    progress: Progress
    inspect: PageHook | None
    lookups: _ArchiveLookups | None

    def settle(self, url: str, result: LinkResult, retry_in: float | None,
               html: str | None) -> None:
        """One attempt's result: the page inspected, the result kept, a retry asked for or
        the result final (progress, archive)."""
        index = self.index.get(url)
        if index is None:
            return  # fetched early, but no target
        target = self.targets[index]
        if self.inspect is not None and html is not None and target.wants_page:
            try:
                self.inspect(result, target, html)
            except Exception as error:  # a bug must not end the run
                result, retry_in = _bug(url, error), None
        with self.live._lock:
            if self.live.offline is not None:
                return  # judged offline while this attempt was out: `check_links` has it
            self.attempts[index] += 1
            tried = self.attempts[index]
            if tried > 1:
                result.reason = f"{result.reason} (tried {tried} times)"
            self.results[index] = _attach(result, target)
        if retry_in is not None and tried <= self.live.settings.retries:
            self.live.defer(url, retry_in)
            return
        self.progress.update(result)
        if self.lookups is not None:
            self.lookups.offer(index)


def _ask(probe: Callable[[], bool | None], answer: Future[bool | None]) -> None:
    try:
        answer.set_result(probe())
    except Exception:  # a probe that fails says unreachable
        answer.set_result(False)


def _offline_note(wave: _FirstWave | None, links: int, untried: int, archive: bool) -> str:
    if wave is None:
        return (f"network unavailable: none of {links} links could be reached"
                + (" and the archive is unreachable" if archive else ""))
    return (f"network unavailable: the first {wave.size} links tried, on {wave.hosts} "
            "hosts, all failed without an answer and the archive is unreachable"
            + (f"; the other {untried} links were left unchecked" if untried else ""))


def _detect_offline(live: list[LinkResult],
                    ask_archive: Callable[[], Future[bool | None] | None]) -> bool:
    """The verdict at the end: every link fetched failed at the network level, and the
    archive (`LiveChecks.ask_archive`: the answer the early verdict had, else asked now) is
    unreachable too; without its word, the failures span two hosts or more."""
    fetched = [r for r in live if r.status not in NOT_FETCHED]
    if not fetched or not all(is_network_failure(r) for r in fetched):
        return False
    answer = ask_archive()
    reachable = answer.result() if answer is not None else None
    if reachable is not None:
        return not reachable
    from checker.linkcheck.targets import host_key

    return len({host_key(r.url) for r in fetched}) >= 2


class _ArchiveLookups:
    """The archive hook on a thread of its own, fed with final results as they come.

    Lookups wait until the network has answered once (a live result that is not a network
    failure): an offline run asks the archive nothing until `finish` has decided. `finish`
    then feeds every remaining result (those from the store included) and waits for the
    thread, showing the lookups still to make."""

    def __init__(self, archive: ArchiveHook, settings: CheckSettings, run: CheckRun,
                 targets: list[LinkTarget], results: list[LinkResult | None]) -> None:
        self.archive = archive
        self.settings = settings
        self.run = run
        self.targets = targets
        self.results = results
        self.failures = 0
        self._queue: deque[int] = deque()
        self._offered: set[int] = set()
        self._condition = threading.Condition()
        self._network_seen = False
        self._closing = False
        self._stopped = False
        self._progress: Progress | None = None
        self._thread = threading.Thread(target=self._work, name="footcheck-archive",
                                        daemon=True)
        self._thread.start()

    def offer(self, index: int) -> None:
        """A final result: look it up when it needs the archive."""
        result, target = self.results[index], self.targets[index]
        if result is None:
            return
        with self._condition:
            if not result.network_error and result.status not in NOT_FETCHED:
                self._network_seen = True
            if index not in self._offered and _wants_archive(result, target, self.settings):
                self._offered.add(index)
                self._queue.append(index)
            self._condition.notify_all()

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._queue.clear()
            self._condition.notify_all()

    def finish(self, progress: Progress, *, offline: bool) -> None:
        if offline:
            self.stop()
        else:
            for index in range(len(self.results)):
                self.offer(index)
            with self._condition:
                left = len(self._queue)
                if left:
                    progress.start(left, label="archive lookups")
                    self._progress = progress
                self._network_seen = True
                self._closing = True
                self._condition.notify_all()
        with self._condition:
            self._closing = True
            self._condition.notify_all()
        self._thread.join()
        if self._progress is not None:
            progress.close()
        if self.failures > 3:
            self.run.notes.append(f"archive lookup failed for {self.failures} links in all")
        if not offline:
            self.run.notes.extend(getattr(self.archive, "notes", None) or [])

    def _next(self) -> int | None:
        with self._condition:
            while True:
                if self._stopped:
                    return None
                if self._queue and self._network_seen:
                    return self._queue.popleft()
                if self._closing and (not self._queue or not self._network_seen):
                    return None
                self._condition.wait()

    def _work(self) -> None:
        while (index := self._next()) is not None:
            result = self.results[index]
            assert result is not None
            try:
                self.archive(result, self.targets[index])
            except Exception as error:  # the archive stage is optional; the result stands
                self.failures += 1
                if self.failures <= 3:
                    self.run.notes.append(f"archive lookup failed for {result.url}: {error}")
            if self._progress is not None:
                self._progress.update(result)


def _history_without_store(results: list[LinkResult], dead_after: int) -> None:
    """No store (--no-cache): every failure is a first failure, on one day."""
    for result in results:
        if result.status in FAILURES and not result.from_cache:
            apply_history(result, result.checked_at or iso_time(time.time()), 1, 1,
                          max(1, dead_after))
