"""date-implausible: a cited publication date that cannot be right.

## What it does
Checks each cited publication date against what the document itself says about time:

- **Later than the document.** The document's date is the one it states, the one given with
  ``--date``, or, when it has neither, one inferred from its citations: the end of their main
  body, where a few stragglers separated from a dense body of citations by a long gap are not
  counted (the message says the date was inferred). A date found in the document that many
  citations postdate (a copyright year, say) is not trusted; one given with ``--date`` is.
- **Contradicted by its neighbours and the text.** Two adjacent notes on one subject (the same
  site, or shared distinctive words in their titles and the sentences carrying their markers)
  with the same month and day (give or take one) a year apart: the mark of a typed year. The
  rule flags the one the evidence speaks against: the one later than the document, or the one
  the body text contradicts ("mid-last year", "earlier this year", "in 2019"), or the one
  outside the document's cluster of citation dates. Without such evidence, or when the text
  speaks of an annual event, nothing is reported.
- **Contradicted by the text alone.** The sentence carrying the marker places the event in a
  period ("earlier this year", "last year", "in March 2020") that begins after the cited
  source was published: a source cannot report an event before it happened. Only sentences
  naming one period, and not about plans ("will", "expected", "announced"...), count.
- **Impossible on its face.** Published after the date it was accessed; in the future; on a
  platform before it existed (a Facebook post from 2001); or far outside a tight cluster of
  citation dates with a year that is the cluster's year with two digits swapped (2002 in a
  paper citing 2020 news).

Old sources are never flagged for being old: historical references are normal.

## Why is this bad?
A wrong year sends the reader (and the archive lookup) to the wrong time, and undermines the
argument the note supports: "mid-last year" with a source dated this year cannot both be right.

## Example
```text
... after a meeting mid-last year with SCO Secretary General Norov.58 ... In his meeting
with Norov, Jack Ma spoke of creating some 100 million jobs.59

58 "SCO Secretary-General Vladimir Norov, Alibaba Group CEO Jack Ma discuss ...," August 29, 2019.
59 "Alibaba to create 100 million jobs, most of which in SCO countries," August 30, 2020.
```
Use instead:
```text
59 "Alibaba to create 100 million jobs, most of which in SCO countries," August 30, 2019.
```
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from statistics import median

from checker.lazypattern import compile_lazily
from checker.model import Document, Finding, Footnote, Reference
from checker.references.dates import MONTHS, precision
from checker.rules.common import (
    RuleContext,
    bounds,
    cited_references,
    content_words,
    make_finding,
    marked_body,
    marker_sentence,
    registrable_domain,
    site_of,
)

ID = "date-implausible"
DEFAULT_SEVERITY = "error"
SUMMARY = "A cited date cannot be right: later than the document, or contradicted by its " \
          "neighbours or the text."

# Inferring a document's date from its citations.
MIN_DATES_TO_INFER = 8
MIN_GAP_DAYS = 60  # a straggler is this far after the body of citations at least...
GAP_FACTOR = 15  # ...and this many times the body's typical spacing
RECENT = 20  # citations at the end of the body whose spacing is "typical"

# A stated date that more citations than this postdate is not the publication date.
MAX_LATER_THAN_STATED = 3
STATED_DOUBT_SHARE = 0.25

# The cluster of citation dates (for the swapped-digits check and tie-breaking).
MIN_CLUSTER = 10
TIGHT_CLUSTER_DAYS = 180  # robust spread (1.4826 * MAD) below which a cluster is "tight"

# Adjacent notes: how far apart their numbers may be.
NEIGHBOUR_DISTANCE = 2
MIN_SHARED_WORDS = 2
DISTINCTIVE_SHARE = 0.2  # a word in more of the notes than this says nothing about a subject

# Platforms that did not exist before a date: nothing can be posted there earlier.
PLATFORMS = {
    "facebook.com": date(2004, 2, 4), "twitter.com": date(2006, 3, 21),
    "youtube.com": date(2005, 2, 14), "instagram.com": date(2010, 10, 6),
    "t.me": date(2013, 8, 14), "telegram.org": date(2013, 8, 14),
    "vk.com": date(2006, 10, 10), "weibo.com": date(2009, 8, 14),
    "linkedin.com": date(2003, 5, 5), "reddit.com": date(2005, 6, 23),
    "tiktok.com": date(2016, 9, 1), "medium.com": date(2012, 8, 15),
    "substack.com": date(2017, 1, 1), "wikipedia.org": date(2001, 1, 15),
    "threads.net": date(2023, 7, 5), "bsky.app": date(2023, 2, 1),
}

_MONTH_NAMES = "|".join(
    sorted((re.escape(name) for name in MONTHS if name.isascii() and len(name) >= 3),
           key=len, reverse=True)
)
_RELATIVE = compile_lazily(
    r"\b(?:(?:earlier|later|early|mid|late|so far)[- ]?)?(?P<which>last|this) year\b",
    re.IGNORECASE,
)
_EXPLICIT = compile_lazily(
    r"\b(?:in|during)\s+(?:(?:early|mid|late)[- ]?|the\s+(?:spring|summer|autumn|fall|winter)"
    r"\s+of\s+|(?:spring|summer|autumn|fall|winter)\s+)?(?:(?P<month>" + _MONTH_NAMES +
    r")\.?\s+)?(?P<year>(?:19|20)\d\d)\b(?![-/]\d)",
    re.IGNORECASE,
)
_ANY_YEAR = compile_lazily(r"(?<![\w/.-])(?:19|20)\d\d(?![\w/-])")
# A sentence about plans or expectations may cite a source older than the period it names.
_PROSPECTIVE = compile_lazily(
    r"\b(?:will|would|shall|plans?|planned|planning|expects?|expected|scheduled|aims?|aiming|"
    r"intends?|intended|targets?|forecasts?|projected|set to|due to|to be held|promised|"
    r"pledged|announced)\b",
    re.IGNORECASE,
)
_RECURRING = compile_lazily(r"\b(?:annual|anniversary|every year|each year|yearly|once a year)\b",
                            re.IGNORECASE)


@dataclass
class Dated:
    footnote: Footnote
    reference: Reference
    start: date
    end: date

    @property
    def iso(self) -> str:
        return self.reference.date or ""

    @property
    def precise(self) -> bool:
        return precision(self.iso) >= 2


@dataclass
class DocumentDate:
    iso: str
    end: date  # the last day the document can be from
    source: str  # stated | option | inferred
    note: str = ""

    def describe(self) -> str:
        if self.source == "stated":
            return f"the document's date {self.iso} (stated in it)"
        if self.source == "option":
            return f"the document's date {self.iso} (given with --date)"
        return f"the document's date {self.iso} ({self.note})"


@dataclass
class TimePhrase:
    text: str
    start: date
    end: date

    def describe(self) -> str:
        year = self.start.year
        period = str(year) if self.start.month == 1 and self.end.month == 12 else (
            f"{self.start:%B %Y}")
        return f"\u201c{self.text}\u201d ({period})"


Add = Callable[["Dated", str], None]


@dataclass
class _Evidence:
    dated: Dated
    reasons: list[str] = field(default_factory=list)


# -- the document's date ----------------------------------------------------------------------


def stated_date(doc: Document) -> DocumentDate | None:
    found = bounds(doc.date)
    if not found:
        return None
    source = doc.date_source if doc.date_source in ("stated", "option") else "stated"
    return DocumentDate(iso=doc.date or "", end=found[1], source=source)


def document_date(doc: Document, dated: list[Dated]) -> DocumentDate | None:
    """The date the document is from. A date found in the document (not one the user gave)
    that many citations postdate is not its publication date (a copyright line, a founding
    year, a date in the text): the citations' own date is used instead, and the reason given."""
    stated = stated_date(doc)
    if stated is None:
        return infer_date(dated)
    if stated.source == "option":
        return stated
    later = sum(1 for d in dated if d.start > stated.end)
    if later <= max(MAX_LATER_THAN_STATED, STATED_DOUBT_SHARE * len(dated)):
        return stated
    return infer_date(dated, why=f"as the date it states, {stated.iso}, is earlier than {later} "
                                 "of them")


def infer_date(dated: list[Dated], why: str = "as it states none") -> DocumentDate | None:
    """The end of the main body of citation dates: a few late stragglers separated from a
    dense body by a long gap (long for this document's spacing) are left out."""
    points = sorted((d for d in dated if d.precise), key=lambda d: d.start)
    if len(points) < MIN_DATES_TO_INFER:
        return None
    most_stragglers = max(2, len(points) // 20)
    cut = len(points)
    for index in range(len(points) - most_stragglers, len(points)):
        body = points[:index]
        recent = body[-RECENT:]
        spacing = [(b.start - a.start).days for a, b in pairwise(recent)]
        typical = median(spacing) if spacing else 0
        gap = (points[index].start - body[-1].start).days
        if gap >= max(MIN_GAP_DAYS, GAP_FACTOR * typical):
            cut = index
            break
    end = max(d.end for d in points[:cut])
    left = len(points) - cut
    note = (
        f"inferred from its citations, {why}: the main body of its "
        f"{len(points)} dated citations ends on {end.isoformat()}"
        + (f", {left} later one{'s' if left > 1 else ''} stand{'' if left > 1 else 's'} "
           "apart" if left else "")
    )
    return DocumentDate(iso=end.isoformat(), end=end, source="inferred", note=note)


# -- the cluster of citation dates ------------------------------------------------------------


@dataclass
class Cluster:
    center: date
    spread: float  # days, robust (1.4826 * MAD)
    low: date  # 10th percentile
    high: date  # 90th percentile
    year: int  # the commonest year

    def contains(self, day: date) -> bool:
        return self.low <= day <= self.high


def cluster_of(dated: list[Dated]) -> Cluster | None:
    points = sorted(d.start for d in dated if d.precise)
    if len(points) < MIN_CLUSTER:
        return None
    ordinals = [p.toordinal() for p in points]
    center = median(ordinals)
    spread = 1.4826 * median(abs(o - center) for o in ordinals)
    n = len(points)
    year = Counter(p.year for p in points).most_common(1)[0][0]
    return Cluster(center=date.fromordinal(int(center)), spread=spread,
                   low=points[n // 10], high=points[min(n - 1, (9 * n) // 10)], year=year)


def swapped_digits(year: int, other: int) -> bool:
    a, b = str(year), str(other)
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


# -- phrases of time in the body text ---------------------------------------------------------


def time_phrases(sentence: str, doc_year: int | None) -> list[TimePhrase]:
    """Periods the sentence places its events in, relative ones against the document's year."""
    found = []
    for match in _RELATIVE.finditer(sentence):
        if doc_year is None:
            continue
        year = doc_year - 1 if match.group("which").lower() == "last" else doc_year
        found.append(TimePhrase(match.group(0), date(year, 1, 1), date(year, 12, 31)))
    for match in _EXPLICIT.finditer(sentence):
        year = int(match.group("year"))
        month_name = match.group("month")
        month = MONTHS.get(month_name.lower().rstrip(".")) if month_name else None
        if month:
            period = bounds(f"{year:04d}-{month:02d}")
            if period:
                found.append(TimePhrase(match.group(0), *period))
        else:
            found.append(TimePhrase(match.group(0), date(year, 1, 1), date(year, 12, 31)))
    return found


def year_mentions(sentence: str) -> int:
    """How many years the sentence names ("in 2019", "last year"); the patterns, which the
    regex engine tries at every character, are run only where their words can be."""
    years = len(_ANY_YEAR.findall(sentence)) if "19" in sentence or "20" in sentence else 0
    if "year" in sentence.lower():
        years += len(_RELATIVE.findall(sentence))
    return years


# -- the rule -------------------------------------------------------------------------------


def dated_references(doc: Document) -> list[Dated]:
    found = []
    for footnote, reference in cited_references(doc):
        period = bounds(reference.date)
        if period:
            found.append(Dated(footnote, reference, *period))
    return found


def check(documents: list[Document], context: RuleContext) -> list[Finding]:
    findings = []
    today = bounds(context.today)
    for doc in documents:
        findings.extend(check_document(doc, context, today[1] if today else None))
    return findings


def check_document(doc: Document, context: RuleContext, today: date | None) -> list[Finding]:
    dated = dated_references(doc)
    if not dated:
        return []
    evidence: dict[int, _Evidence] = {}

    def add(item: Dated, reason: str) -> None:
        entry = evidence.setdefault(id(item.reference), _Evidence(item))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    doc_date = document_date(doc, dated)
    cluster = cluster_of(dated)
    body = marked_body(doc)
    sentences = {d.footnote.number: marker_sentence(doc, d.footnote, body) for d in dated}
    late: set[int] = set()
    for item in dated:
        if doc_date and item.start > doc_date.end:
            add(item, f"it is later than {doc_date.describe()}")
            late.add(id(item.reference))
        impossible_on_its_face(item, today, cluster, dated, add)
    if doc_date:
        contradicted_by_text(dated, sentences, doc_date, add)
    contradicted_by_neighbours(dated, sentences, doc_date, cluster, late, add)
    findings = []
    for entry in sorted(evidence.values(), key=lambda e: e.dated.footnote.number):
        item = entry.dated
        findings.append(make_finding(
            ID, context, doc, [item.footnote.number],
            f"the cited date {item.iso} cannot be right: " + "; ".join(entry.reasons),
            item.footnote.line,
        ))
    return findings


def impossible_on_its_face(item: Dated, today: date | None, cluster: Cluster | None,
                           dated: list[Dated], add: Add) -> None:
    accessed = bounds(item.reference.accessed)
    if accessed and item.start > accessed[1] + timedelta(days=1):
        add(item, f"it is later than the date the source was accessed "
                  f"({item.reference.accessed})")
    if today and item.start > today:
        add(item, f"it is in the future (today is {today.isoformat()})")
    site = site_of(item.reference)
    if site:
        founded = PLATFORMS.get(registrable_domain(site)) or PLATFORMS.get(site)
        if founded and item.end < founded:
            add(item, f"{site} did not exist before {founded.isoformat()}")
    if cluster and cluster.spread <= TIGHT_CLUSTER_DAYS and precision(item.iso) == 3 \
            and swapped_digits(item.start.year, cluster.year):
        moved = _with_year(item.start, cluster.year)
        isolated = not any(
            other is not item and abs(other.start.year - item.start.year) <= 1
            for other in dated
        )
        if moved and cluster.contains(moved) and isolated:
            add(item, f"it lies {abs(cluster.center.year - item.start.year)} years from all "
                      f"the other citation dates, which cluster around "
                      f"{cluster.center.isoformat()}; with the year {cluster.year} (two digits "
                      f"swapped) it would fall among them")


def contradicted_by_text(dated: list[Dated], sentences: dict[int, str],
                         doc_date: DocumentDate, add: Add) -> None:
    """The sentence at the marker names one period, which began after the source's date."""
    doc_year = int(doc_date.iso[:4])
    for item in dated:
        sentence = sentences.get(item.footnote.number, "")
        if not sentence or year_mentions(sentence) != 1:
            continue
        phrases = time_phrases(sentence, doc_year)
        if len(phrases) != 1:
            continue
        phrase = phrases[0]
        if phrase.start > doc_date.end or _PROSPECTIVE.search(sentence):
            continue  # a plan or forecast ("in 2025"), not an event already reported
        if item.end < phrase.start - timedelta(days=7):
            add(item, f"the text at the marker places the event in {phrase.describe()}, "
                      f"after the source's date")


def _shared_subject(first: Dated, second: Dated, sentences: dict[int, str],
                    frequent: set[str]) -> str | None:
    """Why two citations are on one subject, or None."""
    site_a, site_b = site_of(first.reference), site_of(second.reference)
    if site_a and site_b and registrable_domain(site_a) == registrable_domain(site_b):
        return f"the same site, {registrable_domain(site_a)}"
    container_a = " ".join(sorted(content_words(first.reference.container)))
    if container_a and container_a == " ".join(sorted(content_words(second.reference.container))):
        return f"the same outlet, {first.reference.container}"
    words_a = content_words(f"{first.reference.title} {sentences.get(first.footnote.number)}")
    words_b = content_words(f"{second.reference.title} {sentences.get(second.footnote.number)}")
    shared = sorted((words_a & words_b) - frequent)
    if len(shared) >= MIN_SHARED_WORDS:
        return "shared words: " + ", ".join(shared[:6])
    return None


def _frequent_words(dated: list[Dated], sentences: dict[int, str]) -> set[str]:
    """The words of more than `DISTINCTIVE_SHARE` of the notes (a title's and the sentence at
    its marker): each note's words are counted and let go (held for every note at once, a
    paper of 100,000 notes took hundreds of megabytes)."""
    titles: dict[int, list[str | None]] = {}
    for item in dated:
        titles.setdefault(item.footnote.number, []).append(item.reference.title)
    counts: Counter[str] = Counter()
    for number, note_titles in titles.items():
        counts.update(set().union(*(content_words(f"{title} {sentences.get(number)}")
                                    for title in note_titles)))
    limit = max(2, DISTINCTIVE_SHARE * len(titles))
    return {word for word, count in counts.items() if count > limit}


def _typed_year_pair(first: Dated, second: Dated) -> bool:
    if precision(first.iso) != 3 or precision(second.iso) != 3:
        return False
    a, b = first.start, second.start
    return a.year != b.year and a.month == b.month and abs(a.day - b.day) <= 1


def contradicted_by_neighbours(dated: list[Dated], sentences: dict[int, str],
                               doc_date: DocumentDate | None, cluster: Cluster | None,
                               late: set[int], add: Add) -> None:
    frequent: set[str] | None = None
    doc_year = int(doc_date.iso[:4]) if doc_date else None
    ordered = sorted(dated, key=lambda d: d.footnote.number)
    for position, first in enumerate(ordered):
        for index in range(position + 1, len(ordered)):  # (a slice would copy the rest)
            second = ordered[index]
            gap = second.footnote.number - first.footnote.number
            if gap > NEIGHBOUR_DISTANCE:
                break
            if gap == 0 or not _typed_year_pair(first, second):
                continue
            texts = (sentences.get(first.footnote.number, ""),
                     sentences.get(second.footnote.number, ""))
            if any(_RECURRING.search(text) for text in texts):
                continue  # an annual event really does recur a year apart
            if frequent is None:
                frequent = _frequent_words(dated, sentences)
            subject = _shared_subject(first, second, sentences, frequent)
            if subject is None:
                continue
            _judge(first, second, subject, sentences, doc_year, cluster, late, add)


def _judge(first: Dated, second: Dated, subject: str, sentences: dict[int, str],
           doc_year: int | None, cluster: Cluster | None, late: set[int], add: Add) -> None:
    """Decide which of two typed-year suspects the evidence speaks against, and say why.
    Without evidence either way, nothing is reported: annual events do recur."""
    pair = (first, second)

    def other(item: Dated) -> Dated:
        return second if item is first else first

    by_lateness = [d for d in pair if id(d.reference) in late]
    late_choice = by_lateness[0] if len(by_lateness) == 1 else None
    text_choice, text_reason = None, ""
    for item in pair:
        for phrase in time_phrases(sentences.get(item.footnote.number, ""), doc_year):
            matching = [d for d in pair if phrase.start <= d.start <= phrase.end]
            if len(matching) == 1 and text_choice is None:
                text_choice = other(matching[0])
                whose = "its date" if matching[0] is item else \
                    f"note {matching[0].footnote.number}'s date"
                text_reason = (f"the text at note {item.footnote.number} says "
                               f"{phrase.describe()}, in agreement with {whose}")
    cluster_choice, cluster_reason = None, ""
    if cluster:
        inside = [d for d in pair if cluster.contains(d.start)]
        if len(inside) == 1:
            cluster_choice = other(inside[0])
            cluster_reason = (f"note {inside[0].footnote.number}'s date lies among the "
                              f"document's other citation dates ({cluster.low.isoformat()} "
                              f"to {cluster.high.isoformat()}), this one does not")
    wrong = late_choice or text_choice or cluster_choice
    if wrong is None:
        return
    right = other(wrong)
    years = abs(wrong.start.year - right.start.year)
    days = abs(wrong.start.day - right.start.day)
    day_text = "the same day" if days == 0 else "a day apart"
    year_text = "a year" if years == 1 else f"{years} years"
    reason = (f"note {right.footnote.number}, on the same subject ({subject}), is dated "
              f"{right.iso}: same month, {day_text}, {year_text} apart, the mark of a typed "
              f"year")
    if text_choice is wrong:
        reason += f"; {text_reason}"
    elif cluster_choice is wrong and late_choice is None:
        reason += f"; {cluster_reason}"
    add(wrong, reason)
