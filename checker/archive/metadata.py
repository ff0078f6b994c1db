"""A page's title and publication date, read from its HTML (pure; never raises).

The HTML is parsed once, with lxml; htmldate reads the same tree.

Title, first found wins: ``og:title``, ``twitter:title``, ``citation_title``, Dublin Core
(``DC.title``, ``dcterms.title``), JSON-LD ``headline`` (then ``name`` of an article-like
object), ``<title>``, the first ``<h1>``. Every candidate is kept in `PageMeta.titles`, so a
comparison can take the best (``og:title`` usually lacks the site name that ``<title>``
carries).

Date, by priority: what the publisher states for the article, ``article:published_time``
(Open Graph, and its usual aliases), JSON-LD ``datePublished`` (an article-like object's
first), ``citation_publication_date`` / ``citation_date`` / ``citation_online_date``; then
htmldate (Dublin Core, ``itemprop``, ``<time>``, the URL and the other places it knows), asked
for the original publication date, not the last update; last, the text of a ``<time>`` in a
language htmldate does not read. Values become ISO dates (cited
precision kept) through the project's date parser, `checker.references.dates.parse_date`.
When the page gives other dates than the one used, `PageMeta.date_source` names the one used
and lists the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from checker.archive.text import strip_site_name
from checker.references.dates import parse_date

TITLE_META = ("og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title")
DATE_META = (
    "article:published_time", "og:article:published_time", "article:published",
    "og:published_time", "published_time",
)
CITATION_DATE_META = ("citation_publication_date", "citation_date", "citation_online_date")
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


def _text(element: Any) -> str | None:
    try:
        return _clean(element.text_content())
    except (ValueError, AttributeError):
        return None


def _meta_values(tree: Any) -> dict[str, str]:
    """First content of every ``<meta>`` by its property/name/itemprop (lower case)."""
    values: dict[str, str] = {}
    for tag in tree.iter("meta"):
        content = _clean(tag.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str) and key.strip():
                values.setdefault(key.strip().lower(), content)
    return values


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = script.text or ""
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


def _json_ld(tree: Any) -> tuple[list[str], str | None]:
    """(headline/name candidates, first datePublished) of the page's JSON-LD."""
    objects = list(_json_ld_objects(tree))
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


def _parse(html: str) -> Any:
    """The page's lxml tree, or None for what lxml refuses."""
    try:
        return lxml_html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration
        try:
            return lxml_html.document_fromstring(html.encode("utf-8", "replace"))
        except (ValueError, etree.ParserError):
            return None
    except etree.ParserError:
        return None


def page_metadata(html: str | None) -> PageMeta:
    """Title and publication date of an HTML page; an empty `PageMeta` for junk."""
    if not html or not isinstance(html, str):
        return PageMeta()
    tree = _parse(html)
    if tree is None:
        return PageMeta()
    try:
        return _read(tree)
    except Exception:  # malformed markup must never break the run
        return PageMeta()


def _htmldate(tree: Any) -> str | None:
    """The original publication date htmldate finds in the tree (ISO day), or None."""
    from htmldate import find_date  # imported when a page is read: it takes 0.2 s

    try:
        return find_date(tree, extensive_search=False, original_date=True,
                         outputformat="%Y-%m-%d")
    except Exception:  # a page must never break the run
        return None


def _read(tree: Any) -> PageMeta:
    meta = _meta_values(tree)
    ld_titles, ld_date = _json_ld(tree)
    found: list[tuple[str, str]] = [(name, meta[name]) for name in TITLE_META if name in meta]
    found += [("json-ld", t) for t in ld_titles]
    title_tag = next(tree.iter("title"), None)
    if title_tag is not None:
        title = _text(title_tag)
        if title:
            found.append(("<title>", title))
    h1 = next(tree.iter("h1"), None)
    if h1 is not None:
        heading = _text(h1)
        if heading and len(heading) < 400:
            found.append(("<h1>", heading))
    titles: list[str] = []
    for _, title in found:
        if title not in titles:
            titles.append(title)
    page = PageMeta(titles=titles)
    if found:
        page.title_source, page.title = found[0]

    stated: list[tuple[str, str | None]] = [(name, meta.get(name)) for name in DATE_META]
    stated.append(("json-ld", ld_date))
    stated += [(name, meta.get(name)) for name in CITATION_DATE_META]
    dates = [(source, raw, iso) for source, raw in stated if (iso := to_iso(raw))]
    if not dates:
        found_date = _htmldate(tree)
        if found_date:
            dates.append(("htmldate", found_date, found_date))
    if not dates:  # htmldate reads few languages: a <time> in Russian, say, goes to ours
        written = next((_text(tag) for tag in tree.iter("time") if _text(tag)), None)
        if iso := to_iso(written):
            dates.append(("<time>", written or "", iso))
    if not dates:
        return page
    page.date_source, page.date_raw, page.date = dates[0]
    others = {iso: source for source, _, iso in dates[1:] if iso != page.date}
    if others:
        page.date_source += "; the page also gives " + ", ".join(
            f"{iso} ({source})" for iso, source in others.items())
    return page
