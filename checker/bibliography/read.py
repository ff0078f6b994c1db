"""A bibliography as input: ``.bib`` (bibtexparser v2) or CSL-JSON (a Zotero export) ->
one `BibItem` per entry, its fields read into a `Reference`.

Used twice: a LaTeX note's ``\\cite{key}`` becomes the cited entry's reference, and a
bibliography named on the command line is a document whose entries are its "notes" (see
`checker.extract.bibfile`).

BibTeX/biblatex fields read: ``author`` (or ``editor``), ``title``, the container
(``journaltitle``/``journal``, ``booktitle``, ``organization``/``howpublished`` of web
pages), the publisher (``publisher``, ``institution`` of reports), ``date`` or
``year``/``month``/``day``, ``url``, ``urldate``, ``doi``; LaTeX markup in values is turned
into text (pylatexenc). CSL-JSON:
``author``, ``title``, ``container-title``, ``publisher``, ``issued``,
``accessed``, ``URL``, ``DOI``. Entry types map onto `ReferenceType`.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from typing import Any

from checker.model import Reference, ReferenceType
from checker.references.dates import parse_date
from checker.references.urls import domain_of

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec")
_BIB_TYPES = {
    "article": "journal", "periodical": "journal", "suppperiodical": "journal",
    "book": "book", "mvbook": "book", "booklet": "book", "collection": "book",
    "mvcollection": "book", "proceedings": "book", "manual": "report",
    "incollection": "chapter", "inbook": "chapter", "inproceedings": "chapter",
    "conference": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "report": "report", "techreport": "report", "thesis": "report", "phdthesis": "report",
    "mastersthesis": "report", "unpublished": "report",
    "online": "web", "electronic": "web", "www": "web", "webpage": "web", "misc": "web",
    "legislation": "government", "jurisdiction": "government", "legal": "government",
    "newspaper": "news",
}
_CSL_TYPES = {
    "article-journal": "journal", "article": "journal", "paper-conference": "chapter",
    "article-newspaper": "news", "article-magazine": "news", "broadcast": "news",
    "report": "report", "thesis": "report", "manuscript": "report", "book": "book",
    "chapter": "chapter", "entry-encyclopedia": "chapter", "entry-dictionary": "chapter",
    "webpage": "web", "post-weblog": "web", "post": "social", "legislation": "government",
    "bill": "government", "legal_case": "government", "treaty": "government",
}
_BRACES = re.compile(r"[{}]")
_URL_COMMAND = re.compile(r"\\url\s*\{([^{}]*)\}")


@dataclass
class BibItem:
    """One entry of a bibliography file: its key, 1-based line and what it cites."""

    key: str
    line: int
    reference: Reference


class BibliographyError(ValueError):
    """The file is not a bibliography that can be read (the message says why)."""


# -- values ---------------------------------------------------------------------------------
def latex_value(value: str) -> str:
    """A raw BibTeX value as text: ``{\\'E}mile`` -> ``Émile``, braces and markup dropped."""
    if "\\" in value or "$" in value or "~" in value:
        from pylatexenc.latex2text import LatexNodes2Text

        value = _URL_COMMAND.sub(lambda m: m.group(1), value)
        with contextlib.suppress(Exception):  # malformed markup: the raw text is kept
            value = LatexNodes2Text(math_mode="verbatim").latex_to_text(value)
    value = value.replace("``", "\u201c").replace("''", "\u201d")
    return " ".join(_BRACES.sub("", value).split())


def split_names(value: str) -> list[str]:
    """``Kant, Immanuel and Paul Guyer and {World Bank}`` -> ``["Kant, Immanuel",
    "Guyer, Paul", "World Bank"]`` (people as ``Family, Given``; braced names kept whole)."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            names.append(value[start:match.start()])
            start = match.end()
    names.append(value[start:])
    people = []
    for raw in names:
        raw = raw.strip()
        if not raw or raw.lower() == "others":
            continue
        if raw.startswith("{") and raw.endswith("}") and raw.count("{") == 1:
            people.append(latex_value(raw))
            continue
        text = latex_value(raw)
        if "," not in text and " " in text:
            given, _, family = text.rpartition(" ")
            text = f"{family}, {given}"
        people.append(text)
    return people


def bib_date(fields: dict[str, str]) -> str | None:
    """ISO date from ``date`` or ``year``/``month``/``day`` (``2020``, ``2020-03``...)."""
    date = fields.get("date", "").strip()
    match = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", date)
    if match:
        return _iso(*match.groups())
    year = re.search(r"\d{4}", fields.get("year", ""))
    if not year:
        return None
    month = fields.get("month", "").strip().lower()
    number = None
    if month.isdigit():
        number = month
    elif month[:3] in MONTH_NAMES:
        number = str(MONTH_NAMES.index(month[:3]) + 1)
    day = fields.get("day", "").strip()
    return _iso(year.group(0), number, day if number and day.isdigit() else None)


def _iso(year: str, month: str | None, day: str | None) -> str:
    parts = [year]
    if month and 1 <= int(month) <= 12:
        parts.append(f"{int(month):02d}")
        if day and 1 <= int(day) <= 31:
            parts.append(f"{int(day):02d}")
    return "-".join(parts)


# -- BibTeX / biblatex ----------------------------------------------------------------------
def bib_reference(entry_type: str, fields: dict[str, str]) -> Reference:
    """A `Reference` from one entry's fields (raw values, outer delimiters removed)."""
    kind = ReferenceType(_BIB_TYPES.get(entry_type.lower(), "web"))
    if kind == "journal" and fields.get("entrysubtype", "").strip("{} ").lower() in (
            "newspaper", "magazine"):
        kind = ReferenceType.NEWS
    text = {name: latex_value(value) for name, value in fields.items()
            if name not in ("url", "doi", "author", "editor")}
    container = (text.get("journaltitle") or text.get("journal") or text.get("booktitle")
                 or None)
    publisher = (text.get("publisher") or text.get("institution") or text.get("school")
                 or None)
    if kind in ("web", "news", "social", "government") and not container:
        container = text.get("organization") or text.get("howpublished") or None
    else:
        publisher = publisher or text.get("organization") or None
    url = _plain_url(fields.get("url"))
    if not url and (match := _URL_COMMAND.search(fields.get("howpublished", ""))):
        url = match.group(1).strip()
    doi = _plain_url(fields.get("doi"))
    if not doi and fields.get("eprinttype", "").strip("{} ").lower() == "doi":
        doi = _plain_url(fields.get("eprint"))
    if container and url and container == url:
        container = None
    authors = split_names(fields.get("author") or fields.get("editor") or "")
    return Reference(
        title=text.get("title") or None, authors=authors, container=container,
        publisher=publisher, domain=domain_of(url) if url else None, url=url,
        url_as_printed=url, doi=doi,
        date=bib_date(text), accessed=bib_date({"date": text.get("urldate", "")}),
        type=kind, raw=text.get("title", ""),
    )


def _plain_url(value: str | None) -> str | None:
    if not value:
        return None
    value = _URL_COMMAND.sub(lambda m: m.group(1), value)
    value = "".join(_BRACES.sub("", value).split()).replace("\\%", "%").replace("\\_", "_")
    return value or None


def read_bib(text: str) -> list[BibItem]:
    """Every entry of a ``.bib`` text (``@string`` macros resolved). Raises
    `BibliographyError` when no entry parses and something failed."""
    return read_bib_blocks(text)[0]


def read_bib_blocks(text: str) -> tuple[list[BibItem], list[int]]:
    """`read_bib`, and the 1-based lines where a block failed to parse (bibtexparser's
    `ParsingFailedBlock`s: an unclosed entry, a stray character)."""
    import bibtexparser

    library = bibtexparser.parse_string(text)
    items = []
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        items.append(BibItem(key=entry.key, line=(entry.start_line or 0) + 1,
                             reference=bib_reference(entry.entry_type, fields)))
    failed = [(block.start_line or 0) + 1 for block in library.failed_blocks]
    if not items and failed:
        raise BibliographyError(f"no entry could be read (line {failed[0]} does not parse)")
    return items, failed


# -- CSL-JSON -------------------------------------------------------------------------------
def _csl_names(names: Any) -> list[str]:
    found = []
    for name in names if isinstance(names, list) else []:
        if not isinstance(name, dict):
            continue
        if name.get("literal"):
            found.append(str(name["literal"]))
        elif name.get("family"):
            family = " ".join(str(name.get(p) or "") for p in ("non-dropping-particle", "family"))
            given = str(name.get("given") or "")
            found.append(f"{family.strip()}, {given}" if given else family.strip())
    return found


def _csl_date(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            return _iso(str(numbers[0]).zfill(4), *(str(n) for n in numbers[1:]),
                        *([None] * (3 - len(numbers))))
    raw = value.get("raw") or value.get("literal")
    return bib_date({"date": str(raw)}) if raw else None


def csl_reference(item: dict[str, Any]) -> Reference:
    kind = ReferenceType(_CSL_TYPES.get(str(item.get("type", "")), "web"))
    url = str(item["URL"]).strip() if item.get("URL") else None
    container = item.get("container-title")
    publisher = item.get("publisher")
    title = item.get("title")
    return Reference(
        title=str(title) if title else None, authors=_csl_names(item.get("author")),
        container=str(container) if container else None,
        publisher=str(publisher) if publisher else None,
        domain=domain_of(url) if url else None, url=url, url_as_printed=url,
        doi=str(item["DOI"]).strip() if item.get("DOI") else None,
        date=_csl_date(item.get("issued")), accessed=_csl_date(item.get("accessed")),
        type=kind, raw=str(title or ""),
    )


# -- EndNote's records (its XML export, and the record inside its Word fields) --------------
_ENDNOTE_TYPES = {
    "Journal Article": "journal", "Magazine Article": "journal", "Electronic Article": "journal",
    "Newspaper Article": "news", "Book": "book", "Edited Book": "book", "Electronic Book": "book",
    "Book Section": "chapter", "Encyclopedia": "chapter", "Dictionary": "chapter",
    "Conference Paper": "chapter", "Conference Proceedings": "chapter", "Report": "report",
    "Thesis": "report", "Manuscript": "report", "Government Document": "government",
    "Bill": "government", "Statute": "government", "Case": "government",
    "Legal Rule or Regulation": "government", "Web Page": "web", "Blog": "web",
    "Online Database": "web",
}
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)


def endnote_reference(record: Any) -> Reference:
    """An EndNote ``<record>`` (an lxml element: ``ref-type``, ``contributors/authors``,
    ``titles/title`` and ``secondary-title``, ``periodical/full-title``, ``dates/year`` and
    ``pub-dates``, ``publisher``, ``urls``, ``electronic-resource-num``; each value maybe
    wrapped in ``<style>``) as a Reference."""
    def text(path: str) -> str:
        element = record.find(path)
        return " ".join("".join(element.itertext()).split()) if element is not None else ""

    kind = record.find("ref-type")
    authors = [name for name in (
        " ".join("".join(author.itertext()).split()).rstrip(",")
        for author in record.iterfind("contributors/authors/author")) if name]
    url = text("urls/related-urls/url") or text("urls/web-urls/url") or None
    doi = _DOI_PREFIX.sub("", text("electronic-resource-num")) or None
    return Reference(
        title=text("titles/title") or None, authors=authors,
        container=text("titles/secondary-title") or text("periodical/full-title") or None,
        publisher=text("publisher") or None, url=url, url_as_printed=url,
        domain=domain_of(url) if url else None, doi=doi,
        date=_endnote_date(text("dates/year"), text("dates/pub-dates/date")),
        type=ReferenceType(_ENDNOTE_TYPES.get(kind.get("name", "") if kind is not None else "",
                                              "web")),
        raw=text("titles/title"),
    )


def _endnote_date(year: str, published: str) -> str | None:
    """The year, made more precise by the publication date where it names that year's day
    or month (``pub-dates`` often holds "Mar 2" without the year)."""
    found = re.search(r"\b\d{4}\b", year)
    if found is None:
        return None
    for text in (f"{published}, {found.group()}", published):
        precise = parse_date(text) if published else None
        if precise and precise.startswith(found.group()):
            return precise
    return found.group()


# -- Word's own sources (References > Insert Citation: customXml/item*.xml, b:Sources) -----
WORD_BIBLIOGRAPHY = "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}"
_WORD_TYPES = {
    "Book": "book", "BookSection": "chapter", "JournalArticle": "journal",
    "ArticleInAPeriodical": "news", "ConferenceProceedings": "chapter", "Report": "report",
    "InternetSite": "web", "DocumentFromInternetSite": "web", "ElectronicSource": "web",
    "Case": "government", "Patent": "government",
}
_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}


def word_sources(root: Any) -> dict[str, Reference]:
    """Word's source list (an lxml element ``b:Sources``): each ``b:Source`` by its
    ``b:Tag``, the name Word's ``CITATION`` fields cite it by."""
    found = {}
    for source in root.iter(WORD_BIBLIOGRAPHY + "Source"):
        tag = (source.findtext(WORD_BIBLIOGRAPHY + "Tag") or "").strip()
        if tag:
            found[tag] = _word_source(source)
    return found


def _word_source(source: Any) -> Reference:
    def text(name: str) -> str:
        return " ".join((source.findtext(WORD_BIBLIOGRAPHY + name) or "").split())

    authors = []
    for person in source.iterfind(f"{WORD_BIBLIOGRAPHY}Author/{WORD_BIBLIOGRAPHY}Author/"
                                  f"{WORD_BIBLIOGRAPHY}NameList/{WORD_BIBLIOGRAPHY}Person"):
        family = " ".join((person.findtext(WORD_BIBLIOGRAPHY + "Last") or "").split())
        given = " ".join(" ".join(person.findtext(WORD_BIBLIOGRAPHY + part) or "" for part in (
            "First", "Middle")).split())
        if family:
            authors.append(f"{family}, {given}" if given else family)
    authors += [corporate for corporate in (" ".join((element.text or "").split()) for element in
                source.iterfind(f"{WORD_BIBLIOGRAPHY}Author/{WORD_BIBLIOGRAPHY}Author/"
                                f"{WORD_BIBLIOGRAPHY}Corporate")) if corporate]
    url = text("URL") or None
    kind = ReferenceType(_WORD_TYPES.get(text("SourceType"), "web"))
    container = next((text(name) for name in ("JournalName", "PeriodicalTitle", "BookTitle",
                                              "InternetSiteTitle", "ConferenceName")
                      if text(name)), None)
    return Reference(
        title=text("Title") or None, authors=authors, container=container,
        publisher=text("Publisher") or None, url=url, url_as_printed=url,
        domain=domain_of(url) if url else None, doi=text("DOI") or None,
        date=_word_date(text("Year"), text("Month"), text("Day")),
        accessed=_word_date(text("YearAccessed"), text("MonthAccessed"), text("DayAccessed")),
        type=kind, raw=text("Title"),
    )


def _word_date(year: str, month: str, day: str) -> str | None:
    """``2020``, ``March`` or ``3``, ``2`` -> ``2020-03-02``; the year alone where the month
    is not one."""
    if not re.fullmatch(r"\d{4}", year):
        return None
    number = _MONTHS.get(month[:3].lower()) or (int(month) if month.isdigit() else None)
    return _iso(year, str(number) if number else None, day if day.isdigit() else None)


def read_csl(text: str) -> list[BibItem]:
    """Every item of a CSL-JSON text. Raises `BibliographyError`."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BibliographyError(f"is not JSON ({error})") from None
    if isinstance(data, dict):
        data = data.get("items")
    if not isinstance(data, list):
        raise BibliographyError("is not a CSL-JSON list of items")
    lines = _id_lines(text)
    items = []
    for item in data:
        if not isinstance(item, dict) or "id" not in item:
            continue
        line = lines.get(json.dumps(item["id"], sort_keys=True), 1)
        items.append(BibItem(key=str(item["id"]), line=line, reference=csl_reference(item)))
    return items


_ID_KEY = re.compile(r'"id"\s*:\s*')


def _id_lines(text: str) -> dict[str, int]:
    """The line where each ``"id": value`` of a JSON text first appears, by the value (as
    ``json.dumps`` writes it): found in one pass, lines counted on the way (an export of
    thousands of items was searched from its start once per item)."""
    decode = json.JSONDecoder().raw_decode
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for key in _ID_KEY.finditer(text):
        try:
            value, _ = decode(text, key.end())
        except ValueError:
            continue
        line += text.count("\n", counted, key.start())
        counted = key.start()
        lines.setdefault(json.dumps(value, sort_keys=True), line)
    return lines


def read_bibliography(text: str, path: str) -> list[BibItem]:
    """By extension: ``.json`` is CSL-JSON, anything else BibTeX/biblatex."""
    return read_csl(text) if path.lower().endswith(".json") else read_bib(text)
