"""The article behind a citation that names only a site: ``"Title," kaktus.media, March 2, 2020``.

1. List the site's HTML pages the archive captured (status 200), widening in steps until one
   gives a confident match (`search_steps`): within `WINDOW_DAYS` of the cited date; then,
   keeping only URLs that hold one of the cited title's telling words (a CDX filter on the
   original URL), the year before and after the cited date; then the site's whole capture
   history. A cited date flagged as implausible (``date-implausible``) is not trusted: the
   search starts at the second step. One CDX prefix query a step
   (`WaybackClient.search_prefix`); a page fetched in one step is not fetched again.
2. Score each URL's slug (`text.slug_text`: path words, percent-escapes decoded, ids and
   extensions dropped) against the cited title with `text.similarity`, after the same
   transliteration folding the title check uses. Slugs are often a cut-off transliteration
   of the headline, so a slug a third as long as the title may still match in full.
3. Fetch the archived page of the best `MAX_FETCHES` candidates whose slug scores at least
   `SLUG_MIN`, and compare their page titles with the cited title (`text.best_similarity`,
   as the title check does).
4. Confident only when the best page title scores at least `TITLE_MIN`, no other fetched
   candidate comes within `AMBIGUOUS_MARGIN` of it, every word of the cited title (four
   letters or more) has a counterpart in the page title (`text.missing_words`: two
   headlines that differ only in "Kazakhstan"/"Uzbekistan" score over 90 as wholes), and
   in the first step, the page's own date, when it has one, is within `DATE_SLACK_DAYS` of
   the cited date. In the wider steps the page's date may contradict the cited one: the
   title and the slug have decided, and the contradiction is reported
   (`Recovery.date_contradicted`, a ``published-date-mismatch`` naming the article).
   Otherwise nothing is chosen and the evidence lists the candidates and the steps tried.
   A recovered URL is a suggestion for the report; it is never put into the bibliography by
   this stage.

Thresholds (0-100): the same title in two transliterations scores about 90-100, a
reworded headline 70-85, another article on the same topic 40-70.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.archive.metadata import page_metadata
from checker.archive.period import gap_days
from checker.archive.text import (
    best_similarity,
    missing_words,
    similarity,
    slug_text,
    url_search_words,
)
from checker.archive.wayback import CdxRow, WaybackClient

WINDOW_DAYS = 10  # days before and after the cited period searched
SLUG_MIN = 60.0  # a slug must resemble the title this much to be worth a fetch
TITLE_MIN = 85.0  # the fetched page's title must match this much to be confident
AMBIGUOUS_MARGIN = 3.0  # a runner-up page title this close makes the choice ambiguous
DATE_SLACK_DAYS = 3  # a page dated further from the cited date is another article
MAX_FETCHES = 2  # archived pages fetched per cited title and search step
WIDE_WINDOW_DAYS = 366  # the second step: the year before and after the cited date
MAX_LISTED = 3  # candidates named in the evidence
SLUG_MIN_SHARE = 0.3  # a slug may be this short a part of the title (see text.similarity)


@dataclass
class Candidate:
    url: str  # the original URL
    timestamp: str  # a capture of it
    slug_score: float
    title_score: float | None = None  # after fetching its snapshot
    page_title: str | None = None
    page_date: str | None = None

    def describe(self) -> str:
        parts = [f"slug {self.slug_score:.0f}"]
        if self.title_score is not None:
            parts.append(f"title {self.title_score:.0f}")
        return f"{self.url} ({', '.join(parts)})"


@dataclass
class Recovery:
    title: str
    date: str | None
    url: str | None = None  # set only for a confident match
    score: float | None = None  # 0-1, the page title's similarity
    evidence: str = ""
    snapshot_url: str | None = None
    page_date: str | None = None  # the recovered page's own date
    step: str | None = None  # the search step that found it
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def confident(self) -> bool:
        return self.url is not None

    @property
    def date_contradicted(self) -> bool:
        """The recovered page is dated further from the cited date than `DATE_SLACK_DAYS`."""
        gap = gap_days(self.date, self.page_date)
        return self.confident and gap is not None and gap > DATE_SLACK_DAYS


@dataclass(frozen=True)
class SearchStep:
    """One CDX query of the widening search."""

    label: str  # for the evidence: "within 10 days of 2020-08-30"
    window_days: int | None  # around the cited date; None: any time
    url_words: tuple[str, ...] = ()  # the URL must hold one of these
    date_must_agree: bool = False  # a page dated elsewhere is another article


def search_steps(title: str, date_iso: str | None, *, date_doubtful: bool = False,
                 window_days: int = WINDOW_DAYS) -> list[SearchStep]:
    """The widening search for `title` (see the module docstring); pure."""
    words = url_search_words(title)
    steps = []
    if date_iso and not date_doubtful:
        steps.append(SearchStep(f"within {window_days} days of {date_iso}", window_days,
                                date_must_agree=True))
    if not words:
        return steps
    if date_iso:
        steps.append(SearchStep(f"URLs with {'/'.join(words)}, the year before and after "
                                f"{date_iso}", WIDE_WINDOW_DAYS, words))
    steps.append(SearchStep(f"URLs with {'/'.join(words)}, any time", None, words))
    return steps


def _identity(url: str) -> str:
    """Same page whatever the scheme, ``www.`` or default port (dedupes CDX rows)."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    host = host.lower().removeprefix("www.").removesuffix(":80").removesuffix(":443")
    return f"{host}/{path}"


def rank_candidates(title: str, rows: list[CdxRow]) -> list[Candidate]:
    """Every distinct URL of `rows` whose slug has words, best slug score first (pure)."""
    best: dict[str, Candidate] = {}
    for row in rows:
        if not row.original:
            continue
        words = slug_text(row.original)
        if not words:
            continue
        score = round(similarity(title, words, min_share=SLUG_MIN_SHARE), 1)
        key = _identity(row.original)
        known = best.get(key)
        if known is None or score > known.slug_score:
            best[key] = Candidate(row.original, row.timestamp, score)
    return sorted(best.values(), key=lambda c: (-c.slug_score, c.url))


def recover_article(client: WaybackClient, domain: str, title: str, date_iso: str | None,
                    *, date_doubtful: bool = False, window_days: int = WINDOW_DAYS) -> Recovery:
    """Look for the article `title` of `domain` cited as of `date_iso` (see the module
    docstring); `date_doubtful`: the cited date was flagged as implausible."""
    recovery = Recovery(title=title, date=date_iso)
    steps = search_steps(title, date_iso, date_doubtful=date_doubtful, window_days=window_days)
    if not steps:
        recovery.evidence = "no cited date to search around and no telling title words"
        return recovery
    fetched: dict[str, Candidate] = {}
    tried: list[str] = []
    for step in steps:
        found = _search(client, domain, title, step, fetched, recovery)
        tried.append(f"{step.label}: {found.evidence}" if not found.confident
                     else step.label)
        if found.confident:
            found.step = step.label
            if len(tried) > 1:
                found.evidence += "; after " + "; ".join(tried[:-1])
            return found
        if client.budget_exhausted or client.unreachable:
            break
    recovery.evidence = " | ".join(tried)
    return recovery


def _search(client: WaybackClient, domain: str, title: str, step: SearchStep,
            fetched: dict[str, Candidate], recovery: Recovery) -> Recovery:
    """One step: list, rank, fetch the shortlist (not twice), decide."""
    found = Recovery(title=recovery.title, date=recovery.date)
    rows = client.search_prefix(domain, recovery.date, step.window_days,
                                url_words=step.url_words)
    if not rows:
        why = f" ({client.last_reason})" if client.last_reason else ""
        found.evidence = f"no archived pages of {domain}{why}"
        return found
    ranked = rank_candidates(title, rows)
    found.candidates = ranked[:MAX_LISTED]
    shortlist = [c for c in ranked if c.slug_score >= SLUG_MIN][:MAX_FETCHES]
    if not shortlist:
        closest = "; ".join(c.describe() for c in ranked[:MAX_LISTED]) or "none with words"
        found.evidence = (f"no URL among {len(rows)} archived pages of {domain} resembles "
                          f"the title; closest: {closest}")
        return found
    for index, candidate in enumerate(shortlist):
        known = fetched.get(_identity(candidate.url))
        if known is not None:
            shortlist[index] = known
            continue
        fetched[_identity(candidate.url)] = candidate
        html = client.fetch_snapshot(CdxRow(timestamp=candidate.timestamp,
                                            original=candidate.url))
        if html is None:
            continue
        page = page_metadata(html)
        score, matched = best_similarity(title, page.titles)
        candidate.title_score = round(score, 1)
        candidate.page_title, candidate.page_date = matched or page.title, page.date
    found.candidates = _merge(shortlist, ranked)[:MAX_LISTED]
    return _decide(found, shortlist, client, date_must_agree=step.date_must_agree)


def _merge(shortlist: list[Candidate], ranked: list[Candidate]) -> list[Candidate]:
    fetched = {c.url for c in shortlist}
    return shortlist + [c for c in ranked if c.url not in fetched]


def _decide(recovery: Recovery, shortlist: list[Candidate], client: WaybackClient,
            *, date_must_agree: bool) -> Recovery:
    verified = [c for c in shortlist if c.title_score is not None and c.page_title]
    listed = "; ".join(c.describe() for c in recovery.candidates)
    if not verified:
        why = f" ({client.last_reason})" if client.last_reason else ""
        recovery.evidence = f"no confident match: candidate pages could not be read{why}; " \
            f"candidates: {listed}"
        return recovery
    best = max(verified, key=lambda c: (c.title_score or 0.0, c.slug_score))
    score = best.title_score or 0.0
    problem = None
    if score < TITLE_MIN:
        problem = f'best page title "{best.page_title}" scores {score:.0f} < {TITLE_MIN:.0f}'
    elif any(c is not best and (c.title_score or 0.0) >= score - AMBIGUOUS_MARGIN
             for c in verified):
        problem = "two candidate pages have nearly the same title"
    elif missing := missing_words(recovery.title, best.page_title):
        problem = f'the page title "{best.page_title}" lacks {", ".join(missing)}'
    elif date_must_agree:
        gap = gap_days(recovery.date, best.page_date)
        if gap is not None and gap > DATE_SLACK_DAYS:
            problem = f"the page is dated {best.page_date}"
    if problem:
        recovery.evidence = f"no confident match ({problem}); candidates: {listed}"
        return recovery
    recovery.url = best.url
    recovery.score = round(score / 100.0, 2)
    recovery.snapshot_url = client.snapshot_url(best.timestamp, best.url)
    recovery.page_date = best.page_date
    others = [c for c in recovery.candidates if c is not best]
    dated = f", page dated {best.page_date}" if best.page_date else ""
    recovery.evidence = (
        f"slug {best.slug_score:.0f}, title {score:.0f} "
        f'("{best.page_title}"){dated}, snapshot {recovery.snapshot_url}'
        + (f"; also considered: {'; '.join(c.describe() for c in others)}" if others else "")
    )
    return recovery
