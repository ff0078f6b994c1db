"""The archive stage as the link runner calls it.

* `make_archive_hook(client, settings, findings)` -> `ArchiveHook`, the runner's
  ``archive(result, target)``: called sequentially for every link that is not ok (every
  link with ``archive_all``) and every site-only target. It
  - records the closest snapshot (``archive_url``, ``archive_timestamp``), or appends why
    there is none to ``reason``;
  - when the live page is gone, reads the archived page's title and date into
    ``page_title``/``page_date`` and appends ``title-mismatch`` /
    ``published-date-mismatch`` findings (`verify`);
  - for a site-only target (``kaktus.media, March 2, 2020``) with cited titles, looks for
    each cited article (`recover`): the best confident match goes into ``recovered_url``,
    ``recovered_score``, ``recovered_evidence``; every confident match also becomes an
    info finding ``url-recovered`` naming its footnotes; without one the evidence lists the
    weak candidates.
  It also offers ``reachable()`` (offline detection) and ``notes`` (budget ran out, 429s).
* `verify_live(result, html, target)`: the same title/date checks on a live HTML page;
  `make_page_inspector(settings, findings)` wraps it as the runner's ``inspect`` hook
  (called from worker threads, hence the lock).

Site-only targets are home pages: their title and date say nothing about the cited article,
so they are never compared with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from checker.archive.metadata import PageMeta, page_metadata
from checker.archive.recover import Recovery, recover_article
from checker.archive.verify import verify_link
from checker.archive.wayback import WaybackClient
from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.targets import LinkTarget
from checker.model import Finding, LinkResult, LinkStatus, Severity

OK_STATUSES = {LinkStatus.OK.value, LinkStatus.REDIRECTED.value}


@dataclass
class CitingGroup:
    """The footnotes of one document citing a target with the same title and date."""

    document: str
    title: str | None
    date: str | None
    footnotes: list[int] = field(default_factory=list)


def citing_groups(target: LinkTarget) -> list[CitingGroup]:
    groups: dict[tuple[str, str | None, str | None], CitingGroup] = {}
    for work in target.works:
        title = work.title.strip() if work.title and work.title.strip() else None
        key = (work.document, title, work.date)
        group = groups.setdefault(key, CitingGroup(work.document, title, work.date))
        if work.footnote not in group.footnotes:
            group.footnotes.append(work.footnote)
    return list(groups.values())


def _fill_page(result: LinkResult, page: PageMeta) -> None:
    if page.title and not result.page_title:
        result.page_title = page.title
    if page.date and not result.page_date:
        result.page_date = page.date


def verify_target(result: LinkResult, page: PageMeta, target: LinkTarget,
                  source: str = "the page") -> list[Finding]:
    """Title/date findings for every group citing `target` (none for site-only targets)."""
    if target.site_only:
        return []
    findings: list[Finding] = []
    for group in citing_groups(target):
        findings.extend(verify_link(result, page, [group.title] if group.title else [],
                                    group.date, group.document, group.footnotes,
                                    source=source))
    return findings


def verify_live(result: LinkResult, html: str | None, target: LinkTarget) -> list[Finding]:
    """Read a live page's title and date into `result`; findings where they disagree."""
    if not html:
        return []
    page = page_metadata(html)
    _fill_page(result, page)
    return verify_target(result, page, target)


def make_page_inspector(settings: CheckSettings, findings: list[Finding]
                        ) -> Callable[[LinkResult, LinkTarget, str | None], None]:
    """The runner's ``inspect(result, target, html)``: `verify_live` on ok HTML pages."""
    lock = threading.Lock()

    def inspect(result: LinkResult, target: LinkTarget, html: str | None) -> None:
        if not html or not settings.verify_metadata or result.status not in OK_STATUSES:
            return
        found = verify_live(result, html, target)
        with lock:
            findings.extend(found)

    return inspect


def _note(result: LinkResult, text: str) -> None:
    result.reason = f"{result.reason}; {text}" if result.reason else text


def _domain(target: LinkTarget) -> str:
    if target.domain:
        return target.domain
    try:
        return urlsplit(target.url).netloc
    except ValueError:
        return ""


def _cited(footnotes: list[tuple[str, int]]) -> str:
    numbers = sorted({n for _, n in footnotes})
    return ("note " if len(numbers) == 1 else "notes ") + ", ".join(str(n) for n in numbers)


class ArchiveHook:
    """See the module docstring."""

    def __init__(self, client: WaybackClient, settings: CheckSettings,
                 findings: list[Finding],
                 doubtful_dates: Container[tuple[str, int]] = frozenset()) -> None:
        self.client = client
        self.settings = settings
        self.findings = findings
        self.doubtful_dates = doubtful_dates  # (document, footnote) of flagged cited dates

    @property
    def notes(self) -> list[str]:
        return self.client.notes()

    def reachable(self) -> bool | None:
        return self.client.reachable()

    def __call__(self, result: LinkResult, target: LinkTarget) -> None:
        if not self.settings.archive:
            return
        live_ok = result.status in OK_STATUSES
        if not live_ok or self.settings.archive_all:
            self._archive(result, target, live_ok)
        if target.site_only and self.settings.recover_urls:
            self._recover(result, target)

    # -- the closest snapshot ---------------------------------------------------------------
    def _archive(self, result: LinkResult, target: LinkTarget, live_ok: bool) -> None:
        snapshot = self.client.closest(target.url, target.cited_date)
        if snapshot is None:
            _note(result, f"no archived copy: {self.client.last_reason or 'not archived'}")
            return
        result.archive_url = snapshot.url
        result.archive_timestamp = snapshot.timestamp
        if live_ok or target.site_only or not self.settings.verify_metadata:
            return
        html = self.client.fetch_snapshot(snapshot)
        if html is None:
            return
        page = page_metadata(html)
        _fill_page(result, page)
        self.findings.extend(verify_target(
            result, page, target, source=f"the archived copy of {snapshot.date}"))

    # -- site-only citations ----------------------------------------------------------------
    def _recover(self, result: LinkResult, target: LinkTarget) -> None:
        cited: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
        for work in target.works:
            if work.title and work.title.strip():
                cited.setdefault((work.title.strip(), work.date), []).append(
                    (work.document, work.footnote))
        if not cited:
            return
        domain = _domain(target)
        done: list[tuple[Recovery, list[tuple[str, int]]]] = []
        for (title, date), footnotes in cited.items():
            doubtful = any(cite in self.doubtful_dates for cite in footnotes)
            done.append((recover_article(self.client, domain, title, date,
                                         date_doubtful=doubtful), footnotes))
        confident = [(r, f) for r, f in done if r.confident]
        for recovery, footnotes in confident:
            self._report(domain, recovery, footnotes)
        if confident:
            best, footnotes = max(confident, key=lambda item: item[0].score or 0.0)
            result.recovered_url = best.url
            result.recovered_score = best.score
            more = len(confident) - 1
            result.recovered_evidence = (
                f'{_cited(footnotes)} "{best.title}": {best.evidence}'
                + (f"; {more} more article(s) of this site recovered (see findings)"
                   if more else "")
            )
        else:
            recovery, footnotes = done[0]
            result.recovered_evidence = f'{_cited(footnotes)} "{recovery.title}": ' \
                f"{recovery.evidence}"

    def _report(self, domain: str, recovery: Recovery,
                footnotes: list[tuple[str, int]]) -> None:
        by_document: dict[str, list[int]] = {}
        for document, number in footnotes:
            by_document.setdefault(document, []).append(number)
        for document, numbers in by_document.items():
            notes = sorted(set(numbers))
            self.findings.append(Finding(
                rule="url-recovered", severity=Severity.INFO.value,
                message=(f'{domain}: "{recovery.title}" is probably {recovery.url} '
                         f"(score {recovery.score:.2f}; {recovery.evidence})"),
                document=document, footnotes=notes,
            ))
            if recovery.date_contradicted:
                self.findings.append(Finding(
                    rule="published-date-mismatch", severity=Severity.WARNING.value,
                    message=(f'{domain}: "{recovery.title}" is cited as of {recovery.date}, '
                             f"but the article recovered for it, {recovery.url}, is dated "
                             f"{recovery.page_date} (its archived copy "
                             f"{recovery.snapshot_url})"),
                    document=document, footnotes=notes,
                ))


def make_archive_hook(client: WaybackClient, settings: CheckSettings,
                      findings: list[Finding],
                      doubtful_dates: Container[tuple[str, int]] = frozenset()) -> ArchiveHook:
    return ArchiveHook(client, settings, findings, doubtful_dates)
