"""One citation's text -> a `Reference` with its fields.

Reads the shapes real notes use:

- news and web citations: ``"Title," site.com, May 5, 2020`` / ``"Title" [site](http://site)``
- Chicago notes and bibliography: ``Given Family, "Title," *Outlet*, May 5, 2020, URL`` and
  ``Family, Given. "Title." *Outlet*, May 5, 2020. URL``; books ``*Title* (Place: Publisher,
  2010), 45`` and ``Family, Given. Title. Place: Publisher, 2010.`` (italics lost in PDF text)
- journal articles: ``*Journal* 12, no. 3 (2018): 233–50, https://doi.org/...``
- chapters: ``"Chapter," in *Book*, ed. Name (Place: Publisher, 2018)``
- APA and Harvard: ``Family, G. (2020). Title. Publisher.`` / ``(2019) 'Title', Outlet``
- Wikipedia: ``Family, Given (12 May 2015). "Title". Work. Retrieved 2 March 2020.``
- GOST (Russian): ``Иванов И.И. Название // Вестник МГУ. 2019. № 3. С. 45–67.``

Speed matters (the parser runs on every footnote, 100,000 in a couple of seconds): the dates
are found once and blanked out in place (same length, so spans stay valid), every pattern is
gated by a cheap substring test, and the reading of what follows the title (outlet,
publisher, series), which repeats from note to note once dates and URLs are blanked, is
cached.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from checker.model import Reference
from checker.references.authors import (
    clean_author_text,
    family_name,
    family_names,
    is_organisation,
    parse_authors,
)
from checker.references.classify import INSTRUMENT_NAME, Evidence, classify
from checker.references.dates import DateMatch, find_dates
from checker.references.outlets import is_known_outlet, is_platform, is_publisher
from checker.references.split import author_year_cite, is_personal_communication
from checker.references.urls import UrlMatch, domain_of, find_urls, looks_like_domain


def _split_words(text: str) -> list[str]:
    return text.split()


DATE_MARK = "\x00"  # what a date is blanked to (then padded with spaces to its length)

_OPENERS = "\"“«„"
_QUOTE_CHARS = re.compile(r"[\"“”«»„]")
_ITALIC = re.compile(
    r"(?<![*\w\\])(\*{1,2}|_)(?=[^\s*_])([^*_]{1,300}?[^\s\\*_])\1(?![*\w])"
)
_APA = re.compile(
    r"^(?P<authors>[^()\"“«]{2,250}?)\s*\((?P<date>\x00\s*|n\.\s?d\.|в печати|forthcoming|"
    r"in press)\)[.,]?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Chicago author-date: "Cooley, Alexander. 2012. Great Games, Local Rules. New York: ..."
_AUTHOR_YEAR = re.compile(
    r"^(?P<authors>[^()\"“«\x00/]{2,160}?)\.\s+\x00\s*[a-z]?[.,]\s+(?P<rest>\S.*)$"
)
# GOST and Vancouver-like books: "Иванов И.И., Петров П. П. Title. М.: Наука, 2018."
_INITIALS_AUTHORS = re.compile(
    r"^(?P<authors>[A-ZА-ЯЁ][\w'’-]+\s+(?:[A-ZА-ЯЁ]\.\s?){1,3}"
    r"(?:,\s*[A-ZА-ЯЁ][\w'’-]+\s+(?:[A-ZА-ЯЁ]\.\s?){1,3})*)\s*"
    # not "Donald J. Trump (@...)" or "Sheila A. Smith, ...": a given name, an initial and
    # the family name, which a comma or a bracket follows
    r"(?![^\s,.(]+\s*[,(.])(?P<rest>[A-ZА-ЯЁ«\"“*]\S.*)$"
)
# Vancouver: "Lee K, Park JH, et al. Title. Journal. 2019;38(2):201-20."
_VANCOUVER_AUTHORS = re.compile(
    r"^(?P<authors>[A-ZА-ЯЁ][a-zа-яё][\w'’-]*\s+[A-ZА-ЯЁ]{1,3}"
    r"(?:,\s*[A-ZА-ЯЁ][a-zа-яё][\w'’-]*\s+[A-ZА-ЯЁ]{1,3})*(?:,?\s+et\s+al)?)\.\s+"
    r"(?![^\s,.(]+\s*[,(.])(?P<rest>[A-ZА-ЯЁ«\"“*]\S.*)$"  # not "Donald J. Trump, ..."
)
# "Marlene Laruelle, ed., Title": the editor's role between the name and the title
_EDITOR_ROLE = re.compile(r"(?:eds?|comps?|trans|hrsg|ред)\.?|editors?|edited", re.IGNORECASE)
# "Report no. 245", "Working Paper No. 12" after an unmarked title: the series, not the title
_SERIES_CHUNK = re.compile(
    r"^[A-ZА-Я][^,]{0,60}\b(?:report|paper|brief|memo|briefing|series)\s+"
    r"(?:no\.?|number|#|n°|№)\s*[\d/.-]*\d[\w/.-]*$",
    re.IGNORECASE,
)
# "Asia Policy 24: 110-116", "Survey 38 (2): 201-20": a journal's volume, issue and pages
_VOLUME_PAGES = re.compile(r"\s+\d{1,4}(?:\s*\(\d{1,4}\))?\s*:\s*\d+(?:\s*[–—-]\s*\d+)?\b")
_GOST = re.compile(r"\s//\s?")
_CURLY_SINGLE = re.compile(r"(?:^|(?<=[\s(\[]))‘(?=\S)(.{2,400}?)(?<=\S)’(?![^\W_])")
_STRAIGHT_SINGLE = re.compile(
    r"(?:^|(?<=[\s(\[]))'(?=[^\s'])(.{2,400}?)(?<=[^\s])'(?=[,.;:]?(?:\s|$))"
)
_SENTENCE = re.compile(r"(?<=[^\s.]{2}[.?!])\s+(?=[A-ZА-ЯЁ«\"“*\[])")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:no|nos|vol|vols|pp|p|ed|eds|trans|st|dr|mr|mrs|ms|jr|sr|inc|ltd|co|dept|univ|"
    r"gov|rev|comp|al|op|cit|ch|sec|art|fig|repr|orig|esp|cf|ibid|viz|approx|ca|jan|feb|"
    r"mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gen|col|capt|lt|sgt|prof|hon|pres|sen|rep|"
    r"govt|assn|intl|natl|corp|bros|mt|ft|ave|blvd|rd)\.|\b[A-ZА-Я]\.)$",
    re.IGNORECASE,
)
_CHUNK = re.compile(r"\s*(?:,|;|\x00|\.(?=\s|$)|\s[–—-]\s|\(|\)|\[|\]|\s/\s)\s*")
_PUB_PARENS = re.compile(r"\(([^()]{0,160}?)\)")
# "Washington, D.C.: The George Washington University" / "London: Bloomsbury" anywhere
_PLACE_PUBLISHER_ANY = re.compile(
    r"(?:^|[.,;]\s+|\s)(?P<place>[A-ZА-Я][\w'’-]+(?:\s[A-ZА-Я][\w'’-]+){0,2}"
    r"(?:,\s(?:[A-Z]{2}|[A-Z]\.[A-Z]\.|[A-Z][a-z]{1,4}\.))?)"
    r":\s+(?P<publisher>[A-ZА-Я][^,;:()\x00]{1,100}?)\s*(?=[,;.(\x00]|$)"
)
_DATED_PARENS = re.compile(r"\([^()\x00]{0,160}\x00[^()]{0,60}\)")
_NOISE = re.compile(
    r"^(?:accessed|retrieved|viewed|consulted|available|online|\[online\]|last|updated|"
    r"modified|published|posted|issue|issues|serial|no\.?|nos\.|num\.|vol\.?|vols\.|volume|"
    r"pp?\.|pages?|p\b|in\b|ed\.|eds\.|edited|trans\.|translated|n\.\s?d\.|ibid|"
    r"press release|news release|statement|speech|remarks|transcript|video|audio|podcast|"
    r"tweet|post|blog post|thread|pdf|url|web|website|webpage|web page|homepage|"
    r"editorial|op-ed|opinion|commentary|interview|letter|memo|report|brief|"
    r"(?:policy |research |working |discussion |occasional |white )?(?:paper|brief|memo)|"
    r"archived|originally|reprinted|repr\.|orig\.|cited|quoted|see|cf\.|available at|"
    r"in (?:russian|chinese|english|kazakh|uzbek|kyrgyz|tajik|french|german|spanish)|"
    r"\[in [a-z]+\]|(?:russian|chinese|english) (?:version|text)|"
    r"электронный ресурс|режим доступа|дата обращения|url|с\.|№|т\.|вып\.|"
    r"(?:\d+(?:st|nd|rd|th) )?(?:ed|edition)\b|rev\. ed|"
    r"\d{1,2}:\d\d|a\.m\.|p\.m\.|am\b|pm\b)",
    re.IGNORECASE,
)
_SERIES = re.compile(
    r"\b(?:report|working paper|policy brief|policy memo|brief|paper|memo|series|"
    r"briefing|issue brief|study|studies|analysis)\s+(?:no\.?|number|#|n°|№)?\s*[\d/.-]+",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"\b(?:no|nos|vol|issue|serial no|number|nr|n°|#|№)\.?\s*[\d/.-]*\d[\w/.-]*",
    re.IGNORECASE,
)
_NUMBERS = re.compile(r"^[\divxlcIVXLC\s–—:.,/-]*\d[\divxlcIVXLC\s–—:.,/()n-]*$")
_VOLUME_TAIL = re.compile(
    r"^(?P<name>.*?[^\d\s,.:])\s+(?P<vol>\d{1,4}|[IVXL]{1,5})(?:\s*\(\d+\))?$"
)
# "London: Hurst" (not "Asia Policy 24: 110-16", a journal's volume and pages)
_PLACE_PUBLISHER = re.compile(
    r"^(?P<place>[A-ZА-Я][^:]{0,59}[^\d\s:]):\s*(?P<publisher>[^\W\d_].{1,120})$"
)
_ARCHIVED = re.compile(
    r"[(\[]?\s*(?:archived|archive copy|архивировано|архивная копия)\b"
    r"(?:\s*\([A-Za-z]{2,5}\))?[^.;()\[\]]*"
    r"(?:[.)\]]|$)",
    re.IGNORECASE,
)
_LABEL_STARTS = frozenset("SsCcEeFfAaQqRr")
_LABEL = re.compile(
    r"^(?:(?:see\s+also|see(?:,?\s+(?:e\.g\.|for\s+example|for\s+instance),?)?|cf\.?|"
    r"compare|also|e\.g\.,?|for\s+example,?|quoted\s+in|available\s+(?:at|from|online)\s*:?|"
    r"retrieved\s+from\s*:?|"
    r"cited\s+in|as\s+cited\s+in|reprinted\s+in)\s+)",
    re.IGNORECASE,
)
_CHAPTER_LEAD = re.compile(r"^(?:in|In:?|В:?|в:)\s+", re.IGNORECASE)
_APA_EDITORS = re.compile(r"[^()]{2,200}?\((?:eds?|hrsg|ред)\.\)\s*,\s*", re.IGNORECASE)
_BOOK_END = re.compile(r"\s*\(|\.\s")
_EDITORS = re.compile(
    r"(?:,\s*|\s+)(?:eds?\.|edited\s+by|ed\.\s+by|hrsg\.|под\s+ред\.)(?=\s|$).*$",
    re.IGNORECASE,
)
_SHORT_PAGES = re.compile(r"(?:,\s*(?:pp?\.\s*)?|\s+pp?\.\s*)\d+(?:\s*[–—-]\s*\d+)?(?:n\d+)?\.?$")
_SOCIAL_HANDLE = re.compile(r"\(@\w+\)")
_LANGUAGE_NOTE = re.compile(r"\s*[(\[](?:in\s+)?[A-Z][a-z]+(?:\s+language)?[)\]]\s*$")
_SPACE = re.compile(r"\s+")
_TITLE_DESCRIPTOR = re.compile(r"\.?\s*\[[^\[\]]{2,40}\]\.?$")
_DIGIT = re.compile(r"\d")
_DIGITS_RUN = re.compile(r"(?<![\w-])\d{3,}(?![\w-])")  # "Order 13873", not "CASA-1000"
_LETTER = re.compile(r"[^\W\d_]")
_KEEP_DOT = re.compile(r"(?:\b[A-ZА-Я]|\b(?:Inc|Co|Ltd|Corp|Bros|Jr|St))\.$")
_LOWER_WORDS = frozenset(_split_words(
    "a an and the of for in on at to by with from de la le du des der die das und y e et i o "
    "или и в на по для из "
))


@dataclass(slots=True)
class _Parts:
    """What the title finder learned besides the title."""

    title: str | None = None
    before: str = ""  # the text before the title (authors)
    after: str = ""  # the text after the title (container, place, dates), dates blanked
    italic_title: bool = False
    container: str | None = None
    container_is_italic: bool = False
    chapter: bool = False
    authors_text: str | None = None
    title_start: int = -1  # the title's span in the text read, when it is a span of it
    title_end: int = -1


class _ContainerInfo(NamedTuple):
    container: str | None
    container_is_italic: bool
    chapter: bool
    place_publisher: bool
    publisher: str | None
    series: bool
    journal_hint: bool


def parse_citation(segment: str) -> Reference | None:
    """One citation -> a Reference, or None when the text is not a citation after all."""
    raw = segment.strip()
    if "  " in raw or "\n" in raw or "\t" in raw:
        raw = _SPACE.sub(" ", raw)
    if not raw:
        return None
    if "(" in raw:
        cite = author_year_cite(raw)
        if cite is not None:  # resolved against the full citation by backrefs.py
            return Reference(authors=cite[0], date=cite[1], raw=raw)
    reference = Reference(raw=raw)
    work = raw
    if "/" in raw or "www." in raw or "doi" in raw or "DOI" in raw:
        work = _read_urls(reference, raw)
    if "rchiv" in work or "рхив" in work:
        work = _ARCHIVED.sub(" ", work)
    if "(@" in work:
        work = _SOCIAL_HANDLE.sub(" ", work)
    if work[:1] in _LABEL_STARTS:
        label = _LABEL.match(work)
        if label:
            work = work[label.end():]
    if not reference.url and is_personal_communication(work):
        return None
    dates = find_dates(work)
    blanked = _blank(work, dates) if dates else work
    parts = _find_title(work, blanked)
    if parts.title_start >= 0:
        start, end = parts.title_start, parts.title_end
        dates = [d for d in dates if d.end <= start or d.start >= end]
    _read_people(reference, parts)
    evidence = _read_container(reference, parts)
    _read_dates(reference, dates, parts.title_end)
    if reference.title:
        title = _clean_text(reference.title)
        if title and title.endswith(("]", "].")) and not title.startswith("["):
            title = _TITLE_DESCRIPTOR.sub("", title) or title  # APA "Title [Report]."
        reference.title = title
    if not reference.domain and "." in work:
        site = _first_site(parts, work)
        if site:
            reference.domain = domain_of(site)
            if not reference.container:
                reference.container = site
    if reference.container:
        container = _clean_text(reference.container)
        if container and container.endswith(".") and not _KEEP_DOT.search(container):
            container = container[:-1]
        if container and container.lower().startswith("http"):
            container = None
        reference.container = container
    evidence.italic_title = parts.italic_title
    evidence.chapter = evidence.chapter or parts.chapter
    reference.type = classify(reference, raw.lower(), evidence)
    if not (reference.title or reference.url or reference.doi or (
        (reference.container or reference.domain) and reference.date
    )):
        return None
    return reference


def _read_dates(reference: Reference, dates: list[DateMatch], title_end: int) -> None:
    """The publication date: the most precise date after the title (where notes put it),
    else before it (Wikipedia and APA put it after the authors); the first accessed date."""
    after: str | None = None
    before: str | None = None
    for match in dates:
        if match.kind == "accessed":
            if reference.accessed is None:
                reference.accessed = match.iso
        elif title_end >= 0 and match.start < title_end:
            if before is None or len(match.iso) > len(before):
                before = match.iso
        elif after is None or len(match.iso) > len(after):
            after = match.iso
    reference.date = after or before


def _blank(text: str, dates: list[DateMatch]) -> str:
    """`text` with each date replaced by DATE_MARK padded to the date's length."""
    pieces = []
    last = 0
    for match in dates:
        pieces.append(text[last:match.start])
        pieces.append(DATE_MARK.ljust(match.end - match.start))
        last = match.end
    pieces.append(text[last:])
    return "".join(pieces)


def _first_site(parts: _Parts, work: str) -> str | None:
    """A site named without a URL (``kaktus.media``), outside the title."""
    if parts.title_start >= 0:
        text = f"{work[:parts.title_start]} {work[parts.title_end:]}"
    elif parts.title:
        text = f"{parts.before} {parts.after}"
    else:
        text = work
    for token in text.split():
        if "." in token[1:-1]:
            candidate = token.strip(".,;:()[]*_\"'“”«»")
            if "." in candidate and "/" not in candidate and "@" not in candidate \
                    and looks_like_domain(candidate):
                return candidate
    return None


# ---- URLs ---------------------------------------------------------------------------------


def _read_urls(reference: Reference, raw: str) -> str:
    """Set url/doi/domain from the URLs in `raw`; return `raw` with the URLs blanked out."""
    matches = find_urls(raw)
    if not matches:
        return raw
    pieces: list[str] = []
    last = 0
    primary: UrlMatch | None = None
    site_domain = None
    for match in matches:
        pieces.append(raw[last:match.start])
        pieces.append(f" {match.link_text} " if match.link_text else " ")
        last = max(last, match.end)
        if match.doi and not reference.doi:
            reference.doi = match.doi
            continue
        if match.doi:
            continue
        if match.link_text is not None and is_site_link(match):
            site_domain = site_domain or domain_of(match.url)
            continue
        if primary is None or (is_archive_url(primary.url) and not is_archive_url(match.url)):
            primary = match
    pieces.append(raw[last:])
    if primary is not None:
        reference.url = primary.url
        reference.url_as_printed = primary.printed
        reference.repairs = list(primary.repairs)
        reference.url_candidates = list(primary.candidates)
        reference.domain = domain_of(primary.url)
    elif reference.doi:
        doi_match = next(m for m in matches if m.doi)
        reference.url = doi_match.url
        reference.url_as_printed = doi_match.printed
    if not reference.domain and site_domain:
        reference.domain = site_domain
    return "".join(pieces)


def is_site_link(match: UrlMatch) -> bool:
    """``[kaktus.media](http://kaktus.media)``: a converter linked a site's name; the note
    names a site, not a page."""
    text = match.link_text or ""
    if not looks_like_domain(text) or domain_of(text) != domain_of(match.url):
        return False
    path = match.url.split("://", 1)[-1]
    slash = path.find("/")
    return slash < 0 or path[slash:] in ("/", "")


def is_archive_url(url: str) -> bool:
    lowered = url.lower()
    return "web.archive.org" in lowered or "archive.today" in lowered or "archive.ph" in lowered \
        or "archive.is/" in lowered or "webcitation.org" in lowered


# ---- title --------------------------------------------------------------------------------
# ---- title --------------------------------------------------------------------------------


def _find_title(work: str, blanked: str) -> _Parts:
    """The title and what surrounds it; `blanked` is `work` with its dates blanked."""
    if "\"" in work or "“" in work or "«" in work or "„" in work:
        found = _quoted_title(work)
        if found:
            start, end, title = found
            return _Parts(title=title, before=work[:start], after=blanked[end:],
                          title_start=start, title_end=end)
    if "‘" in work:
        match = _CURLY_SINGLE.search(work, 0, 800)  # a title starts near the beginning
        if match and _title_position(work, match.start()):
            return _Parts(title=match.group(1), before=work[:match.start()],
                          after=blanked[match.end():], title_start=match.start(),
                          title_end=match.end())
    if "'" in work:
        match = _STRAIGHT_SINGLE.search(work, 0, 800)
        if match and _title_position(work, match.start()):
            return _Parts(title=match.group(1), before=work[:match.start()],
                          after=blanked[match.end():], title_start=match.start(),
                          title_end=match.end())
    if "(" in work:
        apa = _APA.match(blanked)
        if apa:
            parts = _apa_parts(apa, work, blanked)
            if parts:
                return parts
    if DATE_MARK in blanked[:260]:
        author_year = _AUTHOR_YEAR.match(blanked)
        if author_year:
            parts = _apa_parts(author_year, work, blanked)
            if parts:
                return parts
    if "//" in work:
        parts = _gost_parts(work, blanked)
        if parts:
            return parts
    if "*" in work or "_" in work:
        italic = _ITALIC.search(work)
        if italic:
            return _italic_parts(work, blanked, italic)
    if "." in work[:40]:
        initials = _INITIALS_AUTHORS.match(blanked) or _VANCOUVER_AUTHORS.match(blanked)
        if initials and DATE_MARK not in initials.group("authors"):
            parts = _apa_parts(initials, work, blanked)
            if parts:
                return parts
    return _unmarked_parts(work, blanked)


def _title_position(work: str, start: int) -> bool:
    """A quote opens a title at the start, after the authors or after a date in brackets,
    not in the middle of a sentence."""
    before = work[:start].rstrip()
    return not before or before[-1] in ".,:;)]" or len(before.split()) <= 6


def _quoted_title(work: str) -> tuple[int, int, str] | None:
    """(start, end, title) of the first quoted title: from its opening quote to the matching
    closing one, allowing quotes nested inside the title."""
    first = _QUOTE_CHARS.search(work)
    while first and first.group(0) in "”»":
        first = _QUOTE_CHARS.search(work, first.end())
    if not first:
        return None
    opener = first.group(0)
    depth = 0
    last_close = -1
    length = len(work)
    for match in _QUOTE_CHARS.finditer(work, first.end()):
        char = match.start()
        quote = match.group(0)
        previous = work[char - 1] if char else " "
        following = work[char + 1] if char + 1 < length else " "
        if quote == '"':
            opening = previous in " ([{\u2014" and not following.isspace()
        elif opener == "„" and quote == "“":
            opening = False
        else:
            opening = quote in "“«„"
        if opening:
            depth += 1
            continue
        last_close = char
        if depth:
            depth -= 1
            continue
        if following.isspace() or following in ",.;:)]*_/" or char + 1 >= length:
            return _title_span(work, first.start(), char)
    if last_close > first.start():
        return _title_span(work, first.start(), last_close)
    return None


def _title_span(work: str, start: int, close: int) -> tuple[int, int, str] | None:
    inner = work[start + 1: close].strip()
    inner = inner.rstrip(",;: ").strip()
    if inner.endswith(".") and not inner.endswith("..."):
        inner = inner[:-1].rstrip()
    if inner.count('"') % 2 == 1 and not inner.endswith('"'):
        inner += '"'  # a quotation closing with the title: ...a "restriction of rights."
    if len(inner) < 2 or not _LETTER.search(inner):
        return None
    return start, close + 1, inner


def _apa_parts(apa: re.Match[str], work: str, blanked: str) -> _Parts | None:
    authors = apa.group("authors").strip()
    if _DIGIT.search(authors) or not (
            parse_authors(authors) or is_organisation(authors.rstrip(".")) or family_name(authors)):
        return None
    rest_start = apa.start("rest")
    if blanked[rest_start] in "*_":
        italic = _ITALIC.match(work, rest_start)
        if italic:
            return _Parts(title=italic.group(2), before=work[:rest_start],
                          after=blanked[italic.end():], italic_title=True,
                          authors_text=authors, title_start=italic.start(),
                          title_end=italic.end())
    spans = _sentence_spans(blanked, rest_start, len(blanked))
    if not spans:
        return None
    start, end = spans[0]
    title = work[start:end].rstrip(".")
    return _Parts(title=title, before=work[:rest_start], after=blanked[end:],
                  authors_text=authors, title_start=start, title_end=end)


def _gost_parts(work: str, blanked: str) -> _Parts | None:
    """``Authors Title // Container. Year. № N. С. pages.``"""
    split = _GOST.search(work)
    if not split:
        return None
    head = work[: split.start()].strip()
    words = head.split()
    authors_end = 0
    index = 0
    # Authors: "Иванов И.И.", "Иванов И. И., Петров П. П.", "И.И. Иванов"
    while index < len(words):
        word = words[index].rstrip(",")
        nxt = words[index + 1].rstrip(",") if index + 1 < len(words) else ""
        if word[:1].isupper() and not _is_initials_word(word) and _is_initials_word(nxt):
            index += 2
            while index < len(words) and _is_initials_word(words[index].rstrip(",")):
                index += 1
        elif _is_initials_word(word) and nxt[:1].isupper() and not _is_initials_word(nxt):
            index += 2
        else:
            break
        authors_end = index
        if not words[index - 1].endswith(","):
            break
    authors = " ".join(words[:authors_end])
    title = " ".join(words[authors_end:]).strip(" .,")
    title = re.sub(r"\s*\[[^\]]*\]\s*$", "", title).strip(" .:")  # [Электронный ресурс]
    if not title:
        return None
    start = work.find(title)
    return _Parts(title=title, before=authors, after="// " + blanked[split.end():],
                  authors_text=authors, title_start=start,
                  title_end=start + len(title) if start >= 0 else -1)


def _is_initials_word(word: str) -> bool:
    return bool(word) and bool(_INITIALS_WORD.fullmatch(word))


_INITIALS_WORD = re.compile(r"(?:[A-ZА-ЯЁ]\.\s?){1,3}")


def _italic_parts(work: str, blanked: str, italic: re.Match[str]) -> _Parts:
    before = work[: italic.start()]
    after = blanked[italic.end():]
    name = italic.group(2).strip()
    stripped_before = before.strip(" ,.;:")
    if stripped_before and re.search(r"(?:^|[,.]\s*|\s)in:?$", stripped_before, re.IGNORECASE):
        # "Author, Chapter title, in *Book*": the title is unmarked, the italic the book
        head = re.sub(r"(?:,\s*|\s+)in:?\s*$", "", before.rstrip(), flags=re.IGNORECASE)
        chunks = [c.strip() for c in head.split(",") if c.strip()]
        if len(chunks) >= 2:
            return _Parts(title=", ".join(chunks[1:]), before=chunks[0], after=after,
                          container=name, container_is_italic=True, chapter=True)
    if not stripped_before and is_known_outlet(name):
        # "*Reuters*, May 5, 2020": an outlet without a title
        return _Parts(title=None, before="", after=after, container=name,
                      container_is_italic=True)
    return _Parts(title=name.rstrip(".,"), before=before, after=after, italic_title=True,
                  title_start=italic.start(), title_end=italic.end())


def _unmarked_parts(work: str, blanked: str) -> _Parts:
    """No quotes, no italics: ``Author, Title (Place: Publisher, Year), 45``,
    ``Family, Given. Title. Place: Publisher, Year.`` or ``Outlet, May 5, 2020``."""
    end = len(blanked.rstrip(" .;"))
    start = len(blanked) - len(blanked.lstrip(" .;,"))
    if end <= start:
        return _Parts()
    main_end = end
    for paren in _PUB_PARENS.finditer(blanked, start, end):  # not "(EBRD)" after a name
        if paren.start() > start and (":" in paren.group(1) or DATE_MARK in paren.group(1)):
            main_end = paren.start()
            break
    spans = _sentence_spans(blanked, start, main_end)
    if len(spans) >= 2:
        first_start, first_end = spans[0]
        first = work[first_start:first_end].rstrip(".")
        persons = parse_authors(first)
        if persons or ("," not in first and is_organisation(first)
                       and DATE_MARK not in blanked[spans[1][0]:spans[1][0] + 3]):
            title_start, title_end = spans[1]
            mark = blanked.find(DATE_MARK, title_start, title_end)
            if mark > title_start:
                title_end = mark
            while title_end > title_start and work[title_end - 1] in "., ":
                title_end -= 1
            return _Parts(title=work[title_start:title_end], before=first,
                          after=blanked[title_end:], authors_text=first,
                          title_start=title_start, title_end=title_end)
        chunk_end = spans[0][1]
    else:
        chunk_end = main_end
    # Comma chunks of the first sentence: head (author or outlet), title, stops.
    chunks: list[tuple[int, int]] = []
    position = start
    while position < chunk_end:
        comma = blanked.find(",", position, chunk_end)
        stop = comma if comma >= 0 else chunk_end
        chunks.append((position, stop))
        position = stop + 1
    chunks = [(a + len(blanked[a:b]) - len(blanked[a:b].lstrip()), b) for a, b in chunks]
    head = work[chunks[0][0]:chunks[0][1]].strip().rstrip(".")
    head_is_author = len(chunks) > 1 and DATE_MARK not in blanked[chunks[0][0]:chunks[0][1]] \
        and bool(parse_authors(head) or is_organisation(head)
                 or (family_name(head) and len(head.split()) == 1) or family_names(head))
    if head_is_author:
        title_span: tuple[int, int] | None = None
        for chunk_start, chunk_stop in chunks[1:]:
            chunk = blanked[chunk_start:chunk_stop].strip()
            if title_span is None and _EDITOR_ROLE.fullmatch(chunk):
                continue  # "Laruelle, ed., Title"
            if _stops_title(chunk, title_span is not None, main_end == end):
                break
            title_span = (title_span[0] if title_span else chunk_start, chunk_stop)
        if title_span is None:
            if parse_authors(head):
                return _Parts(before=head, after=blanked[chunks[0][1]:], authors_text=head)
            if INSTRUMENT_NAME.match(head):  # "Convention on ..., signed May 5, 2018"
                return _Parts(title=head, after=blanked[chunks[0][1]:],
                              title_start=chunks[0][0], title_end=chunks[0][1])
            # "Reuters, May 5, 2020": an outlet and a date
            return _Parts(after=blanked[chunks[0][1]:], container=head)
        title_start, title_end = title_span
        title = work[title_start:title_end].strip(" .")
        if _SHORT_PAGES.search(title) and title_end >= main_end - 1:
            title = _SHORT_PAGES.sub("", title)
        return _Parts(title=title or None, before=head, after=blanked[title_end:],
                      authors_text=head, title_start=title_start, title_end=title_end)
    first_start, first_stop = chunks[0]
    title = work[first_start:first_stop].strip(" .")
    if DATE_MARK in blanked[first_start:first_stop] and len(chunks) == 1:
        return _Parts(after=blanked)
    if title[:1].islower():
        return _Parts(after=blanked)  # "the project website at <URL>": prose, no title
    if " " not in title and looks_like_domain(title):
        return _Parts(after=blanked[first_stop:], container=title)  # "Site.kz, May 5, 2020"
    return _Parts(title=title or None, after=blanked[first_stop:], title_start=first_start,
                  title_end=first_stop)


def _stops_title(chunk: str, have_title: bool, place_possible: bool = True) -> bool:
    """Does this comma chunk end an unmarked title (a date, pages, a publisher, an outlet)?
    `place_possible` is False when the publisher is in parentheses after the title (then
    "Great Games, Local Rules: The New Contest" is all title)."""
    if not chunk:
        return True
    if DATE_MARK in chunk:
        words = chunk.replace(DATE_MARK, " ").split()
        # "Annual Report 2019" is a title with a year; "May 5" or "Issue 3, 2019" is not
        return have_title or len(words) < 2 or not words[0][:1].isupper() or bool(
            _NOISE.match(words[0]))
    if _NUMBERS.match(chunk) or _NOISE.match(chunk):
        return True
    if have_title and _SERIES_CHUNK.match(chunk):
        return True
    if place_possible and ":" in chunk and _PLACE_PUBLISHER.match(chunk) and have_title:
        return True
    if is_known_outlet(chunk) or is_platform(chunk) or looks_like_domain(chunk):
        return True
    return bool(have_title and _VOLUME_TAIL.match(chunk) and chunk[:1].isupper())


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of text[start:end], not split after initials or abbreviations
    (``No.``, ``ed.``)."""
    spans: list[tuple[int, int]] = []
    position = start
    for boundary in _SENTENCE.finditer(text, start, end):
        if _ABBREVIATION_END.search(text, max(position, boundary.start() - 12),
                                    boundary.start()):
            continue
        spans.append((position, boundary.start()))
        position = boundary.end()
    if position < end:
        spans.append((position, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


# ---- authors ------------------------------------------------------------------------------


def _read_people(reference: Reference, parts: _Parts) -> None:
    text = parts.authors_text if parts.authors_text is not None else parts.before
    if not text:
        return
    text = text.strip(" ,;:—–-")
    if not text or len(text) > 250 or text == ".":
        return
    persons = parse_authors(text)
    if persons:
        reference.authors = list(persons)
        return
    cleaned = clean_author_text(text)
    if "," in cleaned and _DIGIT.search(cleaned):
        # "Office of the President, Decree No. UP-5953": the body, not its document number
        head = cleaned.split(",")
        kept = list(itertools.takewhile(lambda chunk: not _DIGIT.search(chunk), head))
        if kept and len(kept) < len(head) and is_organisation(",".join(kept)):
            cleaned = ",".join(kept).strip()
    if not cleaned or (_DIGIT.search(cleaned) and (find_dates(text) or _NUMBERED.search(
            cleaned) or _DIGITS_RUN.search(cleaned))):
        return  # "Executive Order 13873 of May 15, 2019", "Law ... No. 123-VI": not authors
    if is_known_outlet(cleaned):
        if not parts.container:
            parts.container = cleaned.rstrip(".")  # "Reuters, "Title," May 5, 2020"
        return
    if is_organisation(cleaned):
        reference.authors = [cleaned.rstrip(".")]
        return
    families = family_names(cleaned)
    if families:
        reference.authors = families  # short forms: "Smith", "Cooley and Heathershaw"




# ---- container, publisher -----------------------------------------------------------------


def _read_container(reference: Reference, parts: _Parts) -> Evidence:
    if parts.title is not None:
        reference.title = parts.title
    after = parts.after or ""
    if "  " in after:
        after = " ".join(after.split())  # one cache entry whatever the blanks' lengths
    info = _container_info(after, parts.container is not None)
    evidence = Evidence(chapter=info.chapter, place_publisher=info.place_publisher,
                        publisher=info.publisher, series=info.series,
                        journal_hint=info.journal_hint,
                        container_is_italic=info.container_is_italic)
    if parts.container:
        reference.container = parts.container
        evidence.container_is_italic = parts.container_is_italic
        return evidence
    reference.container = info.container
    if not reference.container and reference.title and len(reference.authors) == 1 \
            and "," not in reference.authors[0] and is_organisation(reference.authors[0]):
        reference.container = reference.authors[0]  # the organisation publishes its work
    return evidence


@lru_cache(maxsize=8192)
def _container_info(after: str, known: bool) -> _ContainerInfo:
    """The outlet, publisher and series evidence in the text after the title (its dates
    blanked). Cached: once dates and URLs are blanked, this text repeats across notes."""
    place_publisher, publisher, series = _scan_publication(after)
    chapter = False
    journal_hint = False
    container = None
    italic_container = False
    text = after.lstrip(" ,.;:)]")
    if text.startswith("//"):
        text = text[2:].lstrip()
        journal_hint = True
    lead = _CHAPTER_LEAD.match(text)
    if lead:
        rest = text[lead.end():]
        editors = _APA_EDITORS.match(rest)
        if editors:  # APA: "In M. Laruelle (Ed.), Book Title (pp. 45–60). Publisher."
            book = _BOOK_END.split(rest[editors.end():], maxsplit=1)[0].strip(" ,.;:")
            if book:
                return _ContainerInfo(book, False, True, place_publisher, publisher, series,
                                      journal_hint)
        if lead.group(0).strip().endswith(":") or rest[:1] in "*_" or _EDITORS.search(
                rest[:200]):
            chapter = True
            text = rest
        elif rest[:1].isupper():
            # "in The World Factbook (Washington, DC: CIA, 2021)": an entry of a work
            name = re.split(r"\s*[(,;]|\.\s", rest, maxsplit=1)[0].strip()
            if name and not known and _name_like(name):
                return _ContainerInfo(name, False, bool(place_publisher), place_publisher,
                                      publisher, series, journal_hint)
    if not known and ":" in text and not publisher:
        found = _PLACE_PUBLISHER_ANY.search(text)
        if found:
            place_publisher = True
            publisher = found.group("publisher").strip()
    if not known:
        italic = _ITALIC.search(text) if ("*" in text or "_" in text) else None
        if italic and (italic.start() < 60 or chapter):
            container = italic.group(2).strip().rstrip(".,")
            italic_container = True
        else:
            if italic:
                text = _strip_italics(text)
            if chapter:
                head = text.split("(")[0] if "(" in text else text
                text = _EDITORS.sub("", head)
                book = text.strip(" ,.;:")
                if text != head and DATE_MARK not in book and len(book) > 2:
                    # "in Book: Subtitle, with Commas, ed. Name": all before the editors
                    return _ContainerInfo(book, False, chapter, place_publisher, publisher,
                                          series, journal_hint)
            if "(" in text and DATE_MARK in text:
                text = _DATED_PARENS.sub(",", text)  # (Place: Publisher, Year) was read above
            if "o." in text or "#" in text or "№" in text or "ssue" in text or "umber" in text:
                text = _NUMBERED.sub(",", text)
            if ":" in text and _VOLUME_PAGES.search(text):
                text = _VOLUME_PAGES.sub(",", text)
                journal_hint = True
            container, found_place, found_series, journal_hint_found = _first_container(
                text, publisher, chapter)
            place_publisher = place_publisher or found_place
            series = series or found_series
            journal_hint = journal_hint or journal_hint_found
    return _ContainerInfo(container, italic_container, chapter, place_publisher, publisher,
                          series, journal_hint)


def _scan_publication(text: str) -> tuple[bool, str | None, bool]:
    """(place and publisher seen, publisher, series seen) from ``(Place: Publisher, Year)``
    and ``Working Paper No. 12``."""
    place_publisher = False
    publisher = None
    if "(" in text:
        for paren in _PUB_PARENS.finditer(text):
            inside = paren.group(1).strip()
            if ":" in inside and DATE_MARK in inside:
                found = _PLACE_PUBLISHER.match(inside)
                if found:
                    place_publisher = True
                    name = found.group("publisher").split(",")[0].strip(" \x00")
                    publisher = name or None
                    break
            elif DATE_MARK in inside and "," in inside:
                head = inside.split(",")[0].strip()
                if is_publisher(head):
                    publisher = head
                    place_publisher = True
    series = bool(("o." in text or "aper" in text or "rief" in text or "eport" in text
                   or "emo" in text or "eries" in text) and _SERIES.search(text))
    return place_publisher, publisher, series


def _first_container(text: str, publisher: str | None,
                     chapter: bool) -> tuple[str | None, bool, bool, bool]:
    """(container, place-publisher seen, series seen, journal volume seen)."""
    place_publisher = False
    series = False
    for raw_chunk in _CHUNK.split(text):
        chunk = raw_chunk.strip(" .,;:*_\"'“”«»")
        if len(chunk) < 2 or _NOISE.match(chunk) or _NUMBERS.match(chunk):
            if _SERIES.search(raw_chunk):
                series = True
            continue
        if _SERIES.match(chunk):
            series = True
            continue
        if ":" in chunk:
            found = _PLACE_PUBLISHER.match(chunk)
            if found and len(found.group("place").split()) <= 4:
                name = found.group("publisher").strip()
                return (name or None), True, series, False
        if publisher and not chapter:
            return publisher, place_publisher, series, False
        if not _name_like(chunk):
            return publisher, place_publisher, series, False
        if "/" in chunk and _DIGIT.search(chunk) and " " not in chunk:
            continue  # a document symbol: "S/RES/2231"
        volume = _VOLUME_TAIL.match(chunk)
        journal = False
        if volume and not looks_like_domain(chunk):
            journal = True
            chunk = volume.group("name")
        if "(" in chunk or "[" in chunk:
            chunk = _LANGUAGE_NOTE.sub("", chunk)
        return chunk, place_publisher, series, journal
    return publisher, place_publisher, series, False


def _name_like(chunk: str) -> bool:
    """An outlet or publisher's name (title case, short), not a sentence of prose."""
    first = chunk[0]
    if not (first.isupper() or first.isdigit() or first in "«\"“"):
        # "openDemocracy", "eNCA": one word, capitals inside it
        return looks_like_domain(chunk) or (chunk.isalpha() and not chunk[1:].islower())
    words = chunk.split()
    if len(words) > 16:
        return False
    significant = [w for w in words if w.lower() not in _LOWER_WORDS]
    if not significant:
        return False
    lower = sum(1 for w in significant if w[:1].islower())
    if lower <= max(1, len(significant) // 3):
        return True
    # Russian and other languages capitalise only a name's first word: "Министерство
    # иностранных дел Республики Казахстан"
    return first.isupper() and len(words) <= 10 and is_organisation(chunk)


# ---- text ---------------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%~\"'])")


def _clean_text(text: str | None) -> str | None:
    """Markdown escapes and emphasis left by the converter: ``\\$280`` -> ``$280``."""
    if not text:
        return text
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "*" in text:
        text = _strip_italics(text).replace("**", "")
    if DATE_MARK in text:
        text = text.replace(DATE_MARK, "")
    text = text.strip(" ,;:")
    return text or None


def _strip_italics(text: str) -> str:
    return _ITALIC.sub(lambda m: m.group(2), text)
