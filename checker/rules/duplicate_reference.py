"""duplicate-reference: the same work cited in full in separate footnotes.

## What it does
Groups the references of a document that name the same work: the same URL (scheme, ``www.``,
trailing slash, fragment and tracking parameters ignored), the same DOI, or the same title
(fuzzy: punctuation, case and small spelling differences ignored) from the same site or
outlet with compatible dates. Each group cited in more than one footnote is reported once,
on the first repeat, naming every note.

## Why is this bad?
Chicago and most house styles give the full citation once and a short form afterwards
(author or site and a short title, or "Ibid." right after). Repeated full citations make the
notes longer and hide that several notes rest on one source; the bibliography keeps a single
entry for the work either way.

## Example
```text
33 "Kazakhstan summons Chinese ambassador in protest over article," reuters.com, April 14, 2020.
36 "Kazakhstan summons Chinese ambassador in protest over article," reuters.com, April 14, 2020.
```
Use instead:
```text
36 Reuters, "Kazakhstan summons Chinese ambassador."
```
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

from rapidfuzz import fuzz, process

from checker.model import Document, Finding, Footnote, Reference
from checker.references.urls import domain_of
from checker.rules.common import (
    RuleContext,
    bounds,
    cited_references,
    is_bibliography,
    make_finding,
    notes_phrase,
    registrable_domain,
    site_of,
    words,
)

ID = "duplicate-reference"
DEFAULT_SEVERITY = "info"
SUMMARY = "The same work is cited in full in several footnotes; use a short form."

TITLE_SIMILARITY = 92.0  # rapidfuzz ratio (0-100) of normalised titles, same site
TITLE_SIMILARITY_NO_SITE = 97.0  # when neither citation names a site or outlet
MIN_TITLE_LENGTH = 12
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref_src", "cmpid")


def url_key(url: str | None) -> str | None:
    """A URL reduced to what identifies the page."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = domain_of(parts.netloc) if parts.netloc else None
    if not host:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{urlencode(sorted(query))}" if query else "")


def title_key(title: str | None) -> str:
    return " ".join(words(title))


def site_key(reference: Reference) -> str:
    """The site or outlet: a registrable domain's name, else the container's letters, so that
    ``thediplomat.com`` and "The Diplomat" agree."""
    site = site_of(reference)
    if site:
        return registrable_domain(site).split(".", 1)[0]
    return "".join(words(reference.container))


def dates_compatible(first: str | None, second: str | None) -> bool:
    a, b = bounds(first), bounds(second)
    if not a or not b:
        return True
    day = timedelta(days=1)
    return not (a[1] + day < b[0] or b[1] + day < a[0])


class _Groups:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _join_similar_titles(references: list[Reference], members: list[int],
                         groups: _Groups) -> None:
    """Join the references of one site whose titles are the same (a fuzzy ratio at or above
    the threshold, both titles long enough) and whose dates are compatible; each title's
    key is computed once and the fuzzy ratios taken in rapidfuzz's loop. A ratio of `c` or
    more needs the shorter key to be at least c / (200 - c) of the longer (the ratio is
    100 x (1 - edits / total length), and the edits are at least the difference in length):
    the keys sorted by length, each is compared with the longer ones within that bound
    only, so that a paper citing thousands of articles of one outlet makes a fraction of
    all the pairs."""
    keys = [title_key(reference.title) for reference in references]
    order = sorted((position for position, key in enumerate(keys)
                    if len(key) >= MIN_TITLE_LENGTH), key=lambda position: len(keys[position]))
    lengths = [len(keys[position]) for position in order]
    for rank, position in enumerate(order):
        # One site per group: both name it, or neither does (the stricter threshold).
        cutoff = TITLE_SIMILARITY if site_key(references[position]) else \
            TITLE_SIMILARITY_NO_SITE
        longest = lengths[rank] * (200 - cutoff) / cutoff
        stop = bisect_right(lengths, longest + 1e-9, lo=rank + 1)
        longer = [keys[other] for other in order[rank + 1:stop]]
        for _, _, offset in process.extract(keys[position], longer, scorer=fuzz.ratio,
                                            score_cutoff=cutoff, limit=None):
            other = order[rank + 1 + offset]
            if dates_compatible(references[position].date, references[other].date):
                groups.join(members[position], members[other])


def duplicate_groups(doc: Document) -> list[list[tuple[Footnote, Reference]]]:
    """Groups of citations of one work spread over more than one footnote."""
    cited = list(cited_references(doc))
    groups = _Groups(len(cited))
    by_identity: dict[str, int] = {}
    by_site: dict[str, list[int]] = defaultdict(list)
    for index, (_, reference) in enumerate(cited):
        # A suggested repair of a printed URL (thediplo-mat.com -> thediplomat.com) names the
        # same page as the repaired URL cited elsewhere.
        suggested = (url_key(url) for url, _ in reference.url_candidates)
        for identity in (url_key(reference.url), (reference.doi or "").lower() or None,
                         *suggested):
            if identity is None:
                continue
            if identity in by_identity:
                groups.join(index, by_identity[identity])
            else:
                by_identity[identity] = index
        if reference.title:
            by_site[site_key(reference)].append(index)
    for members in by_site.values():
        _join_similar_titles([cited[i][1] for i in members], members, groups)
    collected: dict[int, list[int]] = defaultdict(list)
    for index in range(len(cited)):
        collected[groups.find(index)].append(index)
    result = []
    for members in collected.values():
        if len({cited[i][0].number for i in members}) > 1:
            result.append([cited[i] for i in sorted(members, key=lambda i: cited[i][0].number)])
    result.sort(key=lambda group: group[0][0].number)
    return result


def describe(reference: Reference) -> str:
    parts = []
    if reference.title:
        parts.append(f"\u201c{reference.title}\u201d")
    site = site_of(reference) or reference.container
    if site:
        parts.append(site)
    if not parts and reference.url:
        parts.append(reference.url)
    return ", ".join(parts) or "the same work"


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    for doc in documents:
        if is_bibliography(doc):
            continue  # duplicate-entry says it for bibliography files
        for group in duplicate_groups(doc):
            numbers = [footnote.number for footnote, _ in group]
            first_number = numbers[0]
            repeat = next(footnote for footnote, _ in group if footnote.number != first_number)
            message = (
                f"{describe(group[0][1])} is cited in full in {notes_phrase(numbers)}: after "
                f"note {first_number}, cite it in a short form (author or site and a short "
                f"title, or \u201cIbid.\u201d right after)"
            )
            dates = sorted({(reference.date, footnote.number) for footnote, reference in group
                            if reference.date})
            if len({date for date, _ in dates}) > 1:
                message += "; the notes give different dates: " + ", ".join(
                    f"{date} (note {number})" for date, number in dates
                )
            findings.append(make_finding(ID, context, doc, numbers, message, repeat.line))
    return findings
