"""The document's own title and stated date (never inferred from its citations).

Title: YAML front matter or a pandoc `%` title block, else the first heading near
the top (a heading ending in ':' takes the heading after it as its subtitle), else
the first short, prominent line before the body starts; HTML: og:title and
similar meta tags, then <h1>, then <title>.

Date: front matter, a labelled line near the top (`date 2023-05-20`,
`Published: May 5, 2020`), a line that is only a date (`September 2020`), HTML
meta tags and `<time>`; a copyright year is the last resort. Month names are read
by the project's one date parser, `checker.references.dates.parse_date`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from checker.extract.common import PAGE_START, clean_note_text
from checker.lazypattern import compile_lazily
from checker.model import Document

TOP_LINES = 60  # how many non-blank lines count as "the top"
MAX_TITLE = 250

_FRONT_MATTER = compile_lazily(
    r"\A\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_YAML_FIELD = compile_lazily(
    r"^(title|subtitle|date)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_HEADING = compile_lazily(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT = compile_lazily(r"^\s{0,3}(=+|-+)\s*$")
_LABELLED_DATE = compile_lazily(
    r"^\s*[*_#>]*\s*(?:date|dated|published(?:\s+on)?|publication\s+date|posted(?:\s+on)?"
    r"|first\s+published|released|issued|дата|опубликовано)\b\s*[:\-–—]?\s*[*_]*\s*(.+?)\s*[*_]*\s*$",
    re.IGNORECASE,
)
_DATE_ONLY = compile_lazily(
    r"^(?:(?:\d{1,2}\.?\s+)?[^\W\d_]{3,12}\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}(?:\s*г\.?)?"
    r"|\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[./]\d{1,2}[./]\d{4})$"
)
_ISO = compile_lazily(
    r"^(\d{4})(?:[-/.](\d{2})(?:[-/.](\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_COPYRIGHT = compile_lazily(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d{2})\b", re.I)
_MARKUP = compile_lazily(r"[*_`]+|^\s*>\s*")
_TAG = compile_lazily(r"<[^<>]{1,200}>")
_BYLINE_SEPARATOR = compile_lazily(r"\s[|·•—–]\s|\s/\s")
_BODY_LINE = 200  # a line this long is body text: the top is over
_NON_TITLES = compile_lazily(
    r"^(?:contents|table of contents|abstract|summary|executive summary|introduction|notes"
    r"|about the authors?|acknowledg(?:e)?ments|foreword|preface)$",
    re.IGNORECASE,
)
_HTML_TITLE_META = ("og:title", "citation_title", "dc.title", "dcterms.title", "twitter:title")
_HTML_DATE_META = (
    "article:published_time", "og:published_time", "citation_publication_date", "citation_date",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "date",
    "pubdate", "publish-date", "publication_date", "datepublished", "sailthru.date",
    "parsely-pub-date",
)
_JSON_LD_DATE = compile_lazily(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def document_metadata(doc: Document) -> tuple[str | None, str | None]:
    """(title, stated date as ISO `YYYY-MM-DD` / `YYYY-MM` / `YYYY`), either may be None."""
    if doc.format == "html":
        return _html_metadata(doc.text)
    if doc.format in ("bibtex", "csljson"):
        return None, None  # a bibliography states neither; its entries carry dates
    if doc.format == "latex":
        from checker.extract.latex import latex_metadata

        title, stated = latex_metadata(doc.text)
        return title, to_iso(stated) if stated else None
    title, date = _text_metadata(doc.text)
    if doc.format in ("docx", "odt", "pdf"):  # the file's properties, read when it was loaded
        return doc.title or title, date or doc.date
    return title, date


# ---- markdown and plain text --------------------------------------------------------------


def _text_metadata(text: str) -> tuple[str | None, str | None]:
    title = date = None
    front = _FRONT_MATTER.match(text)
    if front:
        fields = {key.lower(): value for key, value in _YAML_FIELD.findall(front.group(1))}
        if fields.get("title"):
            title = _clean(fields["title"].strip("'\""))
            if fields.get("subtitle"):
                title = f"{title}: {_clean(fields['subtitle'].strip(chr(39) + chr(34)))}"
        if fields.get("date"):
            date = to_iso(fields["date"].strip("'\""))
        text = text[front.end() :]
    top = _top_lines(text)
    if title is None:
        title = _pandoc_title(top) or _heading_title(top) or _prominent_line(top)
    if date is None:
        date = _stated_date(line for _, line in top)
    return title, date


def _top_lines(text: str) -> list[tuple[int, str]]:
    """The first non-blank lines as (index, line), blank lines marked by index gaps."""
    top: list[tuple[int, str]] = []
    for index, line in enumerate(text.split("\n", 4 * TOP_LINES)[: 4 * TOP_LINES]):  # not the rest
        if line.strip() and not PAGE_START.match(line):
            top.append((index, line))
            if len(top) >= TOP_LINES:
                break
    return top


def _pandoc_title(top: list[tuple[int, str]]) -> str | None:
    if top and top[0][0] == 0 and top[0][1].startswith("% "):
        return _clean(top[0][1][2:]) or None
    return None


def _heading_title(top: list[tuple[int, str]]) -> str | None:
    for position in range(len(top)):
        heading = _heading_text(top, position)
        if heading is None:
            continue
        title = _clean(heading)
        if not title or _NON_TITLES.match(title):
            continue
        if title.endswith(":") and position + 1 < len(top):
            following = _heading_text(top, position + 1)
            if following is None and position + 2 < len(top):
                following = _heading_text(top, position + 2)
            if following:
                title = f"{title} {_clean(following)}"
        return title[:MAX_TITLE]
    return None


def _heading_text(top: list[tuple[int, str]], position: int) -> str | None:
    index, line = top[position]
    match = _HEADING.match(line)
    if match:
        return match.group(2)
    if position + 1 < len(top):
        next_index, next_line = top[position + 1]
        if next_index == index + 1 and _SETEXT.match(next_line) and not _SETEXT.match(line):
            return line
    return None


# a line that leads into the title on the next one ("Before the", "In the Matter of") ends with
# a word no title ends with
_LEADS_ON = compile_lazily(r"\b(?:the|of|a|an|and|or|to|in|for|on|by|with|from|at)\s*:?$",
                           re.IGNORECASE)
_MATTER_OF = compile_lazily(r"^(?:in\s+(?:the\s+)?matter\s+of|in\s+re)\b[\s:]*(.*)$", re.IGNORECASE)


def _prominent_line(top: list[tuple[int, str]]) -> str | None:
    """The first short line that reads as a title; a legal caption's matter ("In the Matter
    of / Protecting the Open Internet") is the title of the order it heads."""
    for position, (_, line) in enumerate(top):
        matter = _MATTER_OF.match(_clean(line)) if len(line) <= _BODY_LINE else None
        if matter:
            named = matter.group(1) or next(
                (_clean(after) for _, after in top[position + 1:]
                 if _clean(after).strip(") ")), "")
            if len(named.split()) >= 2:
                return named[:MAX_TITLE]
    for position, (_, line) in enumerate(top):
        if len(line) > _BODY_LINE:
            return None
        candidate = _clean(line)
        if not candidate or _LABELLED_DATE.match(line) or _DATE_ONLY.match(candidate):
            continue
        candidate = _wrapped_capitals(top, position, candidate)
        words = candidate.split()
        if len(words) < 2 or candidate.endswith((".", ",", ";")) or candidate[0].isdigit() \
                or _LEADS_ON.search(candidate):
            continue
        if _NON_TITLES.match(candidate):
            continue
        return candidate[:MAX_TITLE]
    return None


def _wrapped_capitals(top: list[tuple[int, str]], position: int, candidate: str) -> str:
    """A display title set in capitals and wrapped over lines ("BACKGROUND PRINCIPLES AND
    THE" / "GENERAL LAW OF PROPERTY"): a line in capitals that ends on a word leading on
    ("the", "of", "in") joined with the next line when that one is in capitals too (the two
    signals together; "Before the" / "Federal Communications Commission" stays apart)."""
    while _LEADS_ON.search(candidate) and candidate.isupper() and position + 1 < len(top):
        (index, _), (next_index, following) = top[position], top[position + 1]
        following = _clean(following)
        if next_index != index + 1 or len(following) > _BODY_LINE // 2 \
                or not following.isupper():
            break
        candidate = f"{candidate} {following}"
        position += 1
    return candidate


def _stated_date(lines: Iterable[str]) -> str | None:
    copyright_year = None
    for line in lines:
        labelled = _LABELLED_DATE.match(line)
        if labelled:
            found = to_iso(labelled.group(1))
            if found:
                return found
        cleaned = _clean(line)
        # a byline may hold the date: "Jane Doe | February 2021"
        segments = _BYLINE_SEPARATOR.split(cleaned) if len(cleaned) <= 120 else [cleaned]
        for segment in segments:
            candidate = segment.strip(" .")
            if len(candidate) <= 40 and _DATE_ONLY.match(candidate):
                found = to_iso(candidate)
                # "Spring 2020" or "Printed 2020" are not dates; a month is required.
                if found and (len(found) >= 7 or candidate.isdigit()):
                    return found
        if copyright_year is None:
            match = _COPYRIGHT.search(line)
            if match:
                copyright_year = match.group(1)
    return copyright_year


def _clean(text: str) -> str:
    text = clean_note_text(_TAG.sub("", text))
    return _MARKUP.sub("", text).strip()


# ---- HTML ---------------------------------------------------------------------------------


_NOTE_CONTAINERS = (
    "ol.references, ol.footnotes, section.footnotes, div.footnotes, aside, .reflist, "
    ".references, .footnotes, .endnotes, sup, cite, li"
)


def _html_metadata(text: str) -> tuple[str | None, str | None]:
    from checker.extract.html import html_tree  # BeautifulSoup: imported when needed

    with html_tree(text) as soup:
        return _soup_metadata(soup, text)


def _soup_metadata(soup: Any, text: str) -> tuple[str | None, str | None]:
    metas: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content:
            metas.setdefault(str(key).lower(), str(content).strip())
    title = next((metas[key] for key in _HTML_TITLE_META if metas.get(key)), None)
    if title is None:
        heading = soup.find("h1")
        if heading is not None and heading.get_text(strip=True):
            title = heading.get_text(" ", strip=True)
    if title is None and soup.title is not None and soup.title.get_text(strip=True):
        title = soup.title.get_text(" ", strip=True)
    date = None
    for key in _HTML_DATE_META:
        if metas.get(key):
            date = to_iso(metas[key])
            if date:
                break
    if date is None:
        found = _JSON_LD_DATE.search(text)
        if found:
            date = to_iso(found.group(1))
    if date is None:
        stamp = soup.find("time", attrs={"datetime": True})
        if stamp is not None:
            date = to_iso(str(stamp["datetime"]))
    if date is None and soup.body is not None:
        # Only the document's own lines: a citation's date in the notes is not its date.
        date = _stated_date(_body_lines(soup.body, 4 * TOP_LINES))
    return (_clean(title)[:MAX_TITLE] or None) if title else None, date


def _body_lines(body: Any, count: int) -> list[str]:
    """The first `count` lines of the body's text as ``get_text("\\n")`` gives them, less the
    notes and citations in it (`_NOTE_CONTAINERS`): read a string at a time, only as far as
    that takes (a paragraph may hold thousands of note markers: removing each from the tree
    took time growing with the square of their number)."""
    notes = body.css.compile(_NOTE_CONTAINERS)
    in_notes: dict[int, bool] = {id(body): False}

    def inside(tag: Any) -> bool:
        path = []
        while id(tag) not in in_notes:
            path.append(tag)
            tag = tag.parent
        found = in_notes[id(tag)]
        for step in reversed(path):
            found = in_notes[id(step)] = found or notes.match(step)
        return found

    strings: list[str] = []
    lines = 0
    for string in body.strings:
        if inside(string.parent):
            continue
        strings.append(string)
        lines += string.count("\n") + 1
        if lines >= count:
            break
    return "\n".join(strings).split("\n")[:count]


# ---- dates --------------------------------------------------------------------------------


def to_iso(text: str) -> str | None:
    """ISO forms are read here; everything else goes to the project's date parser."""
    text = text.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
        if month and not 1 <= int(month) <= 12:
            return None
        if day and not 1 <= int(day) <= 31:
            return None
        return "-".join(part for part in (year, month, day) if part)
    try:
        from checker.references.dates import parse_date
    except ImportError:  # the parser is another module's job; without it, ISO only
        return None
    return parse_date(text)
