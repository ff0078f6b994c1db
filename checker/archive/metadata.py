"""A page's title and publication date, read from its HTML (pure; never raises).

Title, first found wins: ``og:title``, ``twitter:title``, ``citation_title``, Dublin Core
(``DC.title``, ``dcterms.title``), JSON-LD ``headline`` (then ``name`` of an article-like
object), ``<title>``, the first ``<h1>``. Every candidate is kept in `PageMeta.titles`, so a
comparison can take the best (``og:title`` usually lacks the site name that ``<title>``
carries).

Date: ``article:published_time`` (and its usual aliases), JSON-LD ``datePublished`` (an
article-like object's first), ``citation_publication_date`` / ``citation_date`` /
``citation_online_date``, Dublin Core (``DC.date.issued``, ``dcterms.issued``, ``DC.date``,
...), ``itemprop=datePublished``, a ``<time datetime>`` marked as the publication time or
the first inside ``<article>``, then ``pubdate``-style meta names. Values become ISO
dates (cited precision kept) through the project's date parser,
`checker.references.dates.parse_date` (an ISO timestamp keeps its own, local, date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup

from checker.archive.text import strip_site_name
from checker.references.dates import parse_date

TITLE_META = ("og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title")
DATE_META = (
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "published_time",
)
CITATION_DATE_META = ("citation_publication_date", "citation_date", "citation_online_date")
DC_DATE_META = (
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
    "dcterms.date",
)
LATE_DATE_META = (
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "article.published", "sailthru.date", "parsely-pub-date", "date",
)
_ARTICLE_TYPES = re.compile(r"article|posting|report|news|scholarly|creativework", re.I)


@dataclass
class PageMeta:
    title: str | None = None
    date: str | None = None  # ISO
    titles: list[str] = field(default_factory=list)  # every title candidate, best first
    title_source: str | None = None  # e.g. "og:title", "<title>"
    date_source: str | None = None  # e.g. "article:published_time", "json-ld"
    date_raw: str | None = None  # the value as written on the page

    @property
    def clean_title(self) -> str | None:
        return clean_title(self.title)


def clean_title(title: str | None) -> str | None:
    """`title` without a site name before or after it (``"X | Reuters"`` -> ``"X"``)."""
    return strip_site_name(title)


def to_iso(value: str | None) -> str | None:
    """An ISO date (cited precision) from a page's date value; None when unreadable."""
    if not value or not value.strip():
        return None
    try:
        return parse_date(value.strip()[:200])
    except Exception:  # a page must never break the run
        return None


def _clean(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())
    return text or None


def _meta_values(soup: BeautifulSoup) -> dict[str, str]:
    """First content of every ``<meta>`` by its property/name/itemprop (lower case)."""
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = _clean(tag.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key.strip():
                values.setdefault(key.strip().lower(), content)
    return values


def _json_ld_objects(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        text = script.string or script.get_text() or ""
        text = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", text.strip())
        text = text.rstrip().rstrip(";")
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):
            continue
        yield from _walk(data, 0)


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1)


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)


def _json_ld(soup: BeautifulSoup) -> tuple[list[str], str | None]:
    """(headline/name candidates, first datePublished) of the page's JSON-LD."""
    objects = list(_json_ld_objects(soup))
    articles = [o for o in objects if _is_article(o)]
    titles: list[str] = []
    for obj in articles + [o for o in objects if o not in articles]:
        headline = _clean(obj.get("headline"))
        if headline:
            titles.append(headline)
    for obj in articles:
        name = _clean(obj.get("name"))
        if name:
            titles.append(name)
    published = None
    for obj in articles + [o for o in objects if o not in articles]:
        value = obj.get("datePublished")
        if isinstance(value, str) and value.strip():
            published = value.strip()
            break
    return titles, published


def _time_value(soup: BeautifulSoup) -> str | None:
    candidates = [
        soup.find("time", attrs={"itemprop": re.compile(r"datePublished", re.I)}),
        soup.find("time", attrs={"pubdate": True}),
        soup.find("time", class_=re.compile(r"publish|posted", re.I)),
    ]
    article = soup.find("article")
    if article is not None:
        candidates.append(article.find("time"))
    for tag in candidates:
        if tag is None:
            continue
        value = _clean(tag.get("datetime")) or _clean(tag.get_text(" "))
        if value:
            return value
    return None


def page_metadata(html: str | None) -> PageMeta:
    """Title and publication date of an HTML page; an empty `PageMeta` for junk."""
    if not html or not isinstance(html, str):
        return PageMeta()
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # lxml refuses some binary junk
        return PageMeta()
    try:
        return _read(soup)
    except Exception:  # malformed markup must never break the run
        return PageMeta()


def _read(soup: BeautifulSoup) -> PageMeta:
    meta = _meta_values(soup)
    ld_titles, ld_date = _json_ld(soup)
    found: list[tuple[str, str]] = [(name, meta[name]) for name in TITLE_META if name in meta]
    found += [("json-ld", t) for t in ld_titles]
    if soup.title is not None:
        title = _clean(soup.title.get_text(" "))
        if title:
            found.append(("<title>", title))
    h1 = soup.find("h1")
    if h1 is not None:
        heading = _clean(h1.get_text(" "))
        if heading and len(heading) < 400:
            found.append(("<h1>", heading))
    titles: list[str] = []
    for _, title in found:
        if title not in titles:
            titles.append(title)
    page = PageMeta(titles=titles)
    if found:
        page.title_source, page.title = found[0]

    dates: list[tuple[str, str | None]] = [(name, meta.get(name)) for name in DATE_META]
    dates.append(("json-ld", ld_date))
    dates += [(name, meta.get(name)) for name in CITATION_DATE_META]
    dates += [(name, meta.get(name)) for name in DC_DATE_META]
    dates.append(("datePublished", meta.get("datepublished")))
    dates.append(("<time>", _time_value(soup)))
    dates += [(name, meta.get(name)) for name in LATE_DATE_META]
    for source, raw in dates:
        iso = to_iso(raw)
        if iso:
            page.date, page.date_source, page.date_raw = iso, source, raw
            break
    return page
