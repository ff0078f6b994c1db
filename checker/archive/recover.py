"""The article behind a citation that names only a site: ``"Title," kaktus.media, March 2, 2020``.

1. List the site's HTML pages the archive captured (status 200) within `WINDOW_DAYS` of the
   cited date: one CDX prefix query (`WaybackClient.search_prefix`).
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
   the page's own date, when it has one, is within `DATE_SLACK_DAYS` of the cited date.
   Otherwise nothing is chosen and the evidence lists the candidates. A recovered URL is a
   suggestion for the report; it is never put into the bibliography by this stage.

Thresholds (0-100): the same title in two transliterations scores about 90-100, a
reworded headline 70-85, another article on the same topic 40-70.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.archive.metadata import page_metadata
from checker.archive.period import gap_days
from checker.archive.text import best_similarity, missing_words, similarity, slug_text
from checker.archive.wayback import CdxRow, WaybackClient

WINDOW_DAYS = 10  # days before and after the cited period searched
SLUG_MIN = 60.0  # a slug must resemble the title this much to be worth a fetch
TITLE_MIN = 85.0  # the fetched page's title must match this much to be confident
AMBIGUOUS_MARGIN = 3.0  # a runner-up page title this close makes the choice ambiguous
DATE_SLACK_DAYS = 3  # a page dated further from the cited date is another article
MAX_FETCHES = 2  # archived pages fetched per cited title
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
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def confident(self) -> bool:
        return self.url is not None


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
                    *, window_days: int = WINDOW_DAYS) -> Recovery:
    """Look for the article `title` of `domain` around `date_iso` (see the module docstring)."""
    recovery = Recovery(title=title, date=date_iso)
    if not date_iso:
        recovery.evidence = "no cited date to search around"
        return recovery
    rows = client.search_prefix(domain, date_iso, window_days)
    if not rows:
        why = f" ({client.last_reason})" if client.last_reason else ""
        recovery.evidence = (f"no archived pages of {domain} within {window_days} days of "
                             f"{date_iso}{why}")
        return recovery
    ranked = rank_candidates(title, rows)
    recovery.candidates = ranked[:MAX_LISTED]
    shortlist = [c for c in ranked if c.slug_score >= SLUG_MIN][:MAX_FETCHES]
    if not shortlist:
        closest = "; ".join(c.describe() for c in ranked[:MAX_LISTED]) or "none with words"
        recovery.evidence = (f"no URL among {len(rows)} archived pages of {domain} resembles "
                             f"the title; closest: {closest}")
        return recovery

    for candidate in shortlist:
        html = client.fetch_snapshot(CdxRow(timestamp=candidate.timestamp,
                                            original=candidate.url))
        if html is None:
            continue
        page = page_metadata(html)
        score, matched = best_similarity(title, page.titles)
        candidate.title_score = round(score, 1)
        candidate.page_title, candidate.page_date = matched or page.title, page.date
    recovery.candidates = _merge(shortlist, ranked)[:MAX_LISTED]
    return _decide(recovery, shortlist, client)


def _merge(shortlist: list[Candidate], ranked: list[Candidate]) -> list[Candidate]:
    fetched = {c.url for c in shortlist}
    return shortlist + [c for c in ranked if c.url not in fetched]


def _decide(recovery: Recovery, shortlist: list[Candidate], client: WaybackClient) -> Recovery:
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
    else:
        gap = gap_days(recovery.date, best.page_date)
        if gap is not None and gap > DATE_SLACK_DAYS:
            problem = f"the page is dated {best.page_date}"
    if problem:
        recovery.evidence = f"no confident match ({problem}); candidates: {listed}"
        return recovery
    recovery.url = best.url
    recovery.score = round(score / 100.0, 2)
    recovery.snapshot_url = client.snapshot_url(best.timestamp, best.url)
    others = [c for c in recovery.candidates if c is not best]
    recovery.evidence = (
        f"slug {best.slug_score:.0f}, title {score:.0f} "
        f'("{best.page_title}"), snapshot {recovery.snapshot_url}'
        + (f"; also considered: {'; '.join(c.describe() for c in others)}" if others else "")
    )
    return recovery
