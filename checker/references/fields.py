"""One citation's text -> a `Reference` with its fields.

Reads the shapes real notes use: news and web citations (``"Title," site.com, May 5, 2020``),
Chicago notes (``Family, Given. "Title." *Outlet*, May 5, 2020, URL``), journal articles
(volume, issue, pages, DOI), books (``*Title*. Place: Publisher, 2010``), APA
(``Family, G. (2020). Title. Publisher.``) and Wikipedia-style references
(``"Title". Site. Retrieved 2 March 2020.``).
"""

from __future__ import annotations

import re

from checker.model import Reference
from checker.references.authors import is_organisation, parse_authors
from checker.references.classify import classify
from checker.references.dates import find_dates
from checker.references.split import OUTLET_DATE as _OUTLET_DATE
from checker.references.urls import (
    domain_of,
    find_doi,
    find_domains,
    find_urls,
    looks_like_domain,
)

_CLOSING = {"“": "”", "«": "»", '"': '"', "„": "“"}
_ITALIC = re.compile(r"(?<![*\w])\*{1,2}(?!\s)([^*]{2,300}?)(?<!\s)\*{1,2}(?![*\w])")
_APA = re.compile(
    r"^(?P<authors>[^()]{2,200}?)\s*\((?P<year>(?:1[6-9]|20)\d\d)[a-z]?(?:,\s*[^)]*)?\)\.?\s+"
    r"(?P<title>[^.?!]{3,300}[.?!])\s*(?P<rest>.*)$"
)
_NOISE_CHUNK = re.compile(
    r"^(?:accessed|retrieved|viewed|available|online|last|updated|issue|no\.|vol\.|pp?\.|"
    r"serial|in\b|ed\.|eds\.|trans\.|p\.|n\.d\.|ibid|pdf$|html$|online$|in russian|"
    r"in chinese|in english|press release$)",
    re.IGNORECASE,
)
_PLACE_PUBLISHER = re.compile(
    r"(?:^|[.,(]\s*)([A-Z][\w .'-]{1,40}):\s*([A-Z][^,;:()]{1,80}?),\s*(?:(?:1[6-9]|20)\d\d)"
)
_SPACE = re.compile(r"\s+")
_IN_BOOK = re.compile(r"^[\s,.]*in:?\s+([^,(]{3,200}?)(?:,\s*(?:ed|eds|edited)\b|\s*\(|,)",
                      re.IGNORECASE)
_BOOK_PARENS = re.compile(
    r"^(?P<pre>.+?)\s*\((?P<place>[^():]{2,80}):\s*(?P<publisher>[^()]{2,120}?),\s*"
    r"(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)"
)
_YEAR_IN_PARENS = re.compile(r"\s*\((?:1[5-9]|20)\d\d[a-z]?(?:,[^)]*)?\)\.?\s*$")
_TRAILING_NUMBER = re.compile(r"(?:\s+(?:no|vol|nr|issue)\.?|\s+\d+)+\s*$", re.IGNORECASE)
_MONTH_DAY = re.compile(r"^[^\W\d_]{3,10}\.?\s+\d{1,2}$")
_QUOTE = re.compile(r"[\"“«„]")
_CHUNK_SPLIT = re.compile(r"[,.;](?:\s+|$)|\s+[–—]\s+")
_NUMBERS_ONLY = re.compile(r"[\d\s–—:-]+")
_SCHEME_HOST = re.compile(r"^[a-z]+://[^/]+", re.IGNORECASE)


def _title_span(text: str) -> tuple[int, int, str] | None:
    """(start, end, inner) of the quoted title: first opening quote to the last matching
    closing quote, so that quotes nested inside a title stay in it."""
    match = _QUOTE.search(text)
    if not match:
        return None
    closing = _CLOSING[match.group(0)]
    end = text.rfind(closing)
    if closing == "”" and end <= match.start():
        end = text.rfind('"')
    if end <= match.start():
        return None
    inner = text[match.end(): end].strip().rstrip(",.;: ").strip()
    if len(inner) < 2:
        return None
    return match.start(), end + 1, inner


def _chunks(text: str) -> list[str]:
    return [c.strip(" .,;:()[]") for c in _CHUNK_SPLIT.split(text)]


def _first_container(after: str) -> str | None:
    for chunk in _chunks(after):
        if not chunk or len(chunk) < 2 or _NOISE_CHUNK.match(chunk):
            continue
        dates = find_dates(chunk)
        if dates and len(dates[0].text) >= len(chunk) - 3:
            continue
        if _NUMBERS_ONLY.fullmatch(chunk) or _MONTH_DAY.match(chunk):
            continue
        return chunk
    return None


def _blank(text: str, spans: list[tuple[int, int]], replacements: dict[int, str]) -> str:
    out = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(replacements.get(start, " "))
        last = end
    out.append(text[last:])
    return "".join(out)


def parse_citation(segment: str) -> Reference | None:
    """One citation -> a Reference, or None when the text is not a citation after all."""
    raw = _SPACE.sub(" ", segment).strip()
    if not raw:
        return None
    reference = Reference(raw=raw)
    urls = find_urls(raw)
    spans: list[tuple[int, int]] = []
    replacements: dict[int, str] = {}
    for match in urls:
        spans.append((match.start, match.end))
        if match.link_text:
            replacements[match.start] = match.link_text
    work = _blank(raw, spans, replacements)
    for match in urls:
        if "doi.org/" in match.url.lower():
            continue
        site_link = (
            match.link_text
            and looks_like_domain(match.link_text)
            and domain_of(match.link_text) == domain_of(match.url)
            and _SCHEME_HOST.sub("", match.url) in ("", "/")
        )
        if site_link:
            # "[site.com](http://site.com)": the converter linked a site name; no URL cited.
            reference.domain = domain_of(match.url)
            continue
        reference.url = match.url
        reference.url_as_printed = match.printed
        reference.repairs = list(match.repairs)
        reference.domain = domain_of(match.url)
        break
    reference.doi = find_doi(raw)
    if reference.doi and not reference.url:
        reference.url = f"https://doi.org/{reference.doi}"
    _read_fields(reference, work)
    if not reference.domain:
        sites = [token for token, _, _ in find_domains(work)]
        if sites:
            reference.domain = domain_of(sites[0])
            if not reference.container:
                reference.container = sites[0]
    if reference.container and reference.container.startswith("http"):
        reference.container = None
    if reference.container:
        reference.container = _TRAILING_NUMBER.sub("", reference.container).strip() or None
    reference.title = _unescape(reference.title)
    reference.container = _unescape(reference.container)
    reference.type = classify(reference, raw)
    if not (reference.title or reference.url or reference.doi or (
        (reference.container or reference.domain) and reference.date
    )):
        return None
    return reference


def _read_fields(reference: Reference, work: str) -> None:
    title = _title_span(work)
    italics = list(_ITALIC.finditer(work)) if "*" in work else []
    if title:
        start, end, reference.title = title
        before, after = work[:start], work[end:]
        reference.authors = parse_authors(_YEAR_IN_PARENS.sub("", before))
        italic_after = [m for m in italics if m.start() >= end]
        in_book = _IN_BOOK.match(_strip_italics(after))
        organisation = _strip_italics(before).strip(" ,.;:")
        if italic_after:
            reference.container = italic_after[0].group(1).strip()
        elif in_book:
            reference.container = in_book.group(1).strip()
        elif organisation and not reference.authors and is_organisation(organisation):
            reference.container = organisation  # "U.S. Department of State, "Title," ..."
        else:
            reference.container = _first_container(_strip_italics(after))
        dated = _strip_italics(before) + " " + _strip_italics(after)
    else:
        apa = _APA.match(_strip_italics(work))
        if apa and parse_authors(apa.group("authors")):
            reference.authors = parse_authors(apa.group("authors"))
            reference.title = apa.group("title").rstrip(".").strip()
            rest_italics = list(_ITALIC.finditer(work))
            reference.container = (rest_italics[0].group(1).strip() if rest_italics
                                   else _first_container(apa.group("rest")))
            dated = work
        elif italics:
            italic = italics[0]
            reference.title = italic.group(1).strip().rstrip(".,")
            reference.authors = parse_authors(work[: italic.start()])
            after = _strip_italics(work[italic.end():])
            place = _PLACE_PUBLISHER.search(after)
            reference.container = place.group(2).strip() if place else _first_container(after)
            dated = _strip_italics(work[: italic.start()]) + " " + after
        else:
            _read_unmarked(reference, work)
            dated = work
    dates = find_dates(dated)
    published = [d for d in dates if d.kind == "published"]
    accessed = [d for d in dates if d.kind == "accessed"]
    if published:
        reference.date = max(published, key=lambda d: (d.iso.count("-"), -d.start)).iso
    if accessed:
        reference.accessed = accessed[0].iso


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%~])")


def _unescape(text: str | None) -> str | None:
    """Markdown escapes left by the converter: ``\\$280`` -> ``$280``."""
    return _MD_ESCAPE.sub(r"\1", text) if text and "\\" in text else text


def _strip_italics(text: str) -> str:
    return _ITALIC.sub(lambda m: m.group(1), text) if "*" in text else text


def _read_book_parens(reference: Reference, work: str) -> bool:
    """Chicago book notes: ``Author, Title (Place: Publisher, Year), pages``."""
    book = _BOOK_PARENS.match(work)
    if not book:
        return False
    chunks = [c.strip() for c in book.group("pre").split(", ")]
    for count in (1, 2, 3):
        if count < len(chunks) and parse_authors(", ".join(chunks[:count])):
            reference.authors = parse_authors(", ".join(chunks[:count]))
            reference.title = ", ".join(chunks[count:]).strip(" .")
            break
    else:
        if len(chunks) > 1 and is_organisation(chunks[0]):
            reference.title = ", ".join(chunks[1:]).strip(" .")
        else:
            reference.title = book.group("pre").strip(" .,")
    reference.container = book.group("publisher").strip()
    return True


def _read_unmarked(reference: Reference, work: str) -> None:
    """No quotes, no italics: ``Author, Title. Details, Place: Publisher, Year`` or
    ``Author. Title. Publisher, Year``."""
    if _read_book_parens(reference, work):
        return
    sentences = [s.strip() for s in re.split(r"(?<=[a-z\d\)]{2}[.?!])\s+(?=[A-Z])", work)]
    sentences = [s for s in sentences if s]
    if not sentences:
        return
    first = sentences[0]
    head, _, tail = first.partition(", ")
    if _OUTLET_DATE.match(work.strip()):
        reference.container = head.strip()  # "Interfax, 12 марта 2020": outlet and date
        return
    if len(sentences) >= 2 and parse_authors(first):
        reference.authors = parse_authors(first)
        reference.title = sentences[1].rstrip(".")
        reference.container = _first_container(" ".join(sentences[2:]))
    elif tail and len(head.split()) >= 2 and not find_dates(head):
        candidate = tail.split(". ")[0].strip().rstrip(".,")
        starts_with_date = any(d.start == 0 for d in find_dates(candidate))
        if candidate and not starts_with_date and not looks_like_domain(candidate):
            reference.authors = parse_authors(head)
            if not reference.authors and is_organisation(head):
                reference.container = head
            reference.title = candidate
        else:
            reference.title = head
    else:
        chunk = _first_container(first)
        if chunk and not looks_like_domain(chunk):
            reference.title = chunk
