"""One citation's text -> a `Reference` with its fields.

`parse_citation` reads a citation in steps, each a small pure function: the URLs and DOI
(`_read_urls`, blanked out of the text), a leading "See" or "Available at", the dates
(`dates.py`, blanked in place: same length, so spans stay valid), the title and what
surrounds it (`readers.py`: one reader per citation shape, tried in order), the authors
(`authors.py`), the outlet and publisher (`container.py`), the publication and access dates,
and the type (`classify.py`).

Speed matters (the parser runs on every footnote, 100,000 in a couple of seconds): every
pattern is gated by a cheap substring test, and the reading of what follows the title is
cached.
"""

from __future__ import annotations

import itertools
import re

from checker.lazypattern import compile_lazily
from checker.model import Reference, ReferenceType
from checker.references.authors import (
    clean_author_text,
    family_names,
    is_organisation,
    organisation_name,
    parse_authors,
    possessive_author,
    trailing_authors,
)
from checker.references.classify import Evidence, classify
from checker.references.container import archival_collection, container_info
from checker.references.dates import DateMatch, find_dates
from checker.references.outlets import is_known_outlet, is_publisher, names_a_periodical
from checker.references.patterns import (
    DATE_MARK,
    DIGIT,
    ITALIC,
    LOWER_WORDS,
    NUMBERED,
    SPACE,
    YEAR_WORD,
    clean_text,
    sentence_spans,
)
from checker.references.readers import TitleParts, find_title
from checker.references.split import author_year_cite, is_personal_communication
from checker.references.urls import UrlMatch, domain_of, find_urls, looks_like_domain

_ARCHIVED = compile_lazily(
    r"[(\[]?\s*(?:archived|archive copy|архивировано|архивная копия)\b"
    r"(?:[^.;()\[\]]|\s\([A-Za-z]{2,5}\)(?=\s))*"  # "Archived from the original (PDF) on"
    r"(?:[.)\]]|$)",
    re.IGNORECASE,
)
# Identifiers after a citation (Wikipedia's CS1 prints them, and so do many bibliographies):
# "ISBN 978-0-12-345678-9", "ISSN 0231-6714", "OCLC 12345", "arXiv:1806.01799",
# "Bibcode:2010BirdJ...4....3S", "S2CID 6540738". Not dates, outlets or titles.
_IDENTIFIER = compile_lazily(
    r"\b(?:ISBN(?:-1[03])?|e?ISSN|OCLC|PMID|PMC|S2CID|Bibcode|arXiv|CiteSeerX|JSTOR|LCCN|"
    r"OSTI|SSRN|ZDB-ID|ZDB|hdl)(?::|\b)\s*:?\s*(?=[\w.]*\d)[\w.:/-]*\w"
)
# A cheap look before `_IDENTIFIER`: the names alone, scanned for their first letters (the
# capitals: "arXiv" and "hdl", opening with common letters, are looked for apart)
_IDENTIFIER_NAME = compile_lazily(
    r"ISBN|ISSN|OCLC|PMID|PMC|S2CID|Bibcode|CiteSeerX|JSTOR|LCCN|OSTI|SSRN|ZDB")
_IDENTIFIER_ONLY = compile_lazily(r"[A-Z]{2,8}\s*(?:#|No\.?)\s*\d[\d-]*")
_PRESS_RELEASE = compile_lazily(r"[,”\"]\s+(?:press|news)\s+release\b", re.IGNORECASE)
_ANALYSIS_OF = compile_lazily(
    r"^\s*(?:[A-Z]{2,6}|[Tt]he\s+authors?['’]?s?|[Oo]ur)\s+analysis\s+of\s+"
    r"(?:data\s+(?:from|in|of)\s+)?(?=[A-Z])")
# What Wikipedia's CS1 prints after a title about the file, the kind of work or its language:
# "(PDF)", "(Press release)", "(Report)", "(in French)". Not part of the title or the outlet.
_FORMAT_NOTE_BRACKET = (
    r"\((?:PDF|DOC|DOCX|PPT|XLS|XLSX|CSV|TXT|Report|Press release|Media release|Thesis|"
    r"(?:PhD|MA|MSc|Master's|Doctoral|Bachelor's) thesis|Video|Audio|Podcast|Speech|Lecture|"
    r"Conference paper|Technical report|Working paper|Preprint|Data set|Dataset|Database|"
    r"Map|Motion picture|Television production|Blog|Tweet|Letter|Interview|Obituary|"
    r"in [A-Z][a-z]+(?:(?:,| and) [A-Z][a-z]+)*)\)(?=[\s.,;]|$)")
_FORMAT_NOTE = compile_lazily(r"\s" + _FORMAT_NOTE_BRACKET)
# A cheap look before it: the bracket alone, a literal to scan for (`_FORMAT_NOTE`, opening
# with a space of any kind, tests each character of the note)
_FORMAT_NOTE_LOOK = compile_lazily(_FORMAT_NOTE_BRACKET)
# After an italic name, only an issue's number, its date and pages: the name is a periodical
_ISSUE_ONLY = compile_lazily(
    r"^[\s,.;:]*(?:issue|iss\.|no\.?|nos\.|nr\.|n\.|#|heft|number)\s*\d[\d\s/()\x00,.:;–-]*"
    r"(?:pp?\.\s*[\d–-]+[\s.,;]*)?$", re.IGNORECASE)
# A note that is one markdown link and nothing else
_LINK_ONLY = compile_lazily(r"\s*\[([^\[\]\n]{3,300})\]\(\s*<?https?://[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*"
                            r">?\s*\)[.\s]*")
_LABEL_STARTS = frozenset("SsCcEeFfAaQqRrVvPpZz")
_LABEL = compile_lazily(
    r"^(?:(?:see\s+also|see(?:,?\s+(?:e\.g\.|for\s+example|for\s+instance),?)?:?|cf\.?|"
    r"compare|also|e\.g\.,?|for\s+example,?|quoted\s+in|available\s+(?:at|from|online)\s*:?|"
    r"retrieved\s+from\s*:?|"
    r"cited\s+in|as\s+cited\s+in|reprinted\s+in|vgl\.|vergl\.|siehe|"
    # French, Polish, Italian and Spanish signals: "see", "compare"
    r"voir(?:\s+aussi)?|por\.|zob\.|zobacz|patrz|cfr\.|vedi|véase)\s+)",
    re.IGNORECASE,
)
_SOCIAL_HANDLE = compile_lazily(r"\(@\w+\)")
_SINGLE_QUOTED = compile_lazily(r"(?<![\w])['‘][^'‘’]{3,300}['’](?![\w])")
_EDITOR_AFTER = compile_lazily(r",\s+(?:ed\.|eds\.|edited by|trans\.|translated by)\s+(?=[A-Z])")
_LEADS_INTO_LINK = frozenset(("at", "see", "from", "in", "on", "via", "here", "online", "under"))
_PERSON_NAME = compile_lazily(r"^[^\W\d_][\w'’ -]*, [^\W\d_]")  # "Family, Given"
# "op. cit." ("the work cited"), "art. cit." after a short title: the title is before it
_CITED_MARK = compile_lazily(r",?\s*(?:op|loc|art|ouvr)\.\s*cit\.?$", re.IGNORECASE)
_QUOTE_OPENERS = frozenset("'‘\"“«„")
_EDITOR_MARK_END = compile_lazily(r"\((?:eds?|hg|hrsg|red|dir|comps?)\.\)\s*,?\s*$", re.IGNORECASE)
_TRAILING_PERSON = compile_lazily(
    r"\s\((?:(?:a\s+)?(?:thread|post|message|reply|discussion)?\s*(?:started|posted|sent|"
    r"written)\s+by\s+)?(?P<name>(?:[A-Z][\w'’-]*\.?\s+|[a-z]{2,3}\s+){1,3}[A-Z][\w'’-]+)\)$")
# "Title (Talin)": a poster known by one name, only where the link is a list's archive
_TRAILING_NICK = compile_lazily(r"\s\((?P<name>[A-Z][a-z][\w-]{1,20})\)$")
_LIST_ARCHIVE = compile_lazily(r"/pipermail/|/archives/list/|mail-archive\.com/|//lists?\.|"
                               r"//mail\.|groups\.google\.|//marc\.info/|//lore\.kernel\.org/")
_TITLE_DESCRIPTOR = compile_lazily(r"\.?\s*\[[^\[\]]{2,40}\]\.?$")
# The edition printed after a title, and whatever the title reader took after it (the
# imprint): "Title (3rd ed.). Place: Publisher", "Title, 5th edn", "Title. 2nd ed. Place",
# "Titre (4ème éd.)", "Title, revised edition" (not "The 2nd Edition Problem": punctuation
# or a bracket before it)
_EDITION = compile_lazily(
    r"(?:[,.]\s*\(?|\s\()(?:\d{1,4}\s?(?:st|nd|rd|th|e|er|ère|ème|a|\.)?|rev(?:ised)?\.?|new|"
    r"enlarged|second|third|fourth|fifth|sixth)\s+(?:ed|edn|edition|éd|édition|aufl)\b\.?\)?"
    r"(?=[\s.,;:)]|$)", re.IGNORECASE)
_DIGITS_RUN = compile_lazily(r"(?<![\w-])\d{3,}(?![\w-])")  # "Order 13873", not "CASA-1000"
_HELD_IN_CONTAINER = frozenset((ReferenceType.CHAPTER, ReferenceType.JOURNAL))
# Bodies that issue documents (not periodicals): after a quoted title with no author, the
# issuer; a periodical or site there is the outlet
_AUTHORING_BODY = compile_lazily(
    r"\b(?:Chamber of Commerce|Division|Department|Dept\.|Bureau|Council|Commission|"
    r"Committee|Ministry|Agency|Board of [A-Z]\w+|Planning)\b")
# An edition number printed as a superscript before the year ("Berlin ⁴1995", German notes)
_EDITION_MARK = compile_lazily(r"[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]?(?=\d{4}\b)")
_LEADING_INTO = frozenset(("the", "a", "an", "in", "of", "from", "by", "see", "der", "die",
                           "das", "im", "le", "la", "les", "du"))
_KEEP_DOT = compile_lazily(r"(?:\b[A-ZА-Я]|\b(?:Inc|Co|Ltd|Corp|Bros|Jr|St))\.$")


# A bibliography's entry for an edited or translated book: "Leach, Neil, ed. Title."
_ROLE_AFTER_NAME = compile_lazily(
    r"(?P<names>[A-ZÀ-ÖØ-Þ][\w'’-]+,\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3}),"
    r"\s+(?:eds?|trans|comp)\.\s+(?=[A-ZÀ-ÖØ-Þ\"“*_])")
# A cheap look before it, in the first 80 characters (a literal to scan for)
_ROLE_LOOK = compile_lazily(r", (?:ed|trans|comp)")


def parse_citation(segment: str) -> Reference | None:
    """One citation -> a Reference, or None when the text is not a citation after all."""
    raw = segment.strip()
    if "  " in raw or "\n" in raw or "\t" in raw:
        raw = SPACE.sub(" ", raw)
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
    # (after each cheap look, the pattern's own substitution: it finds what a search would)
    if "arXiv" in work or "hdl" in work or _IDENTIFIER_NAME.search(work):
        work = _IDENTIFIER.sub(" ", work)
    if " (" in work and _FORMAT_NOTE_LOOK.search(work):
        work = _FORMAT_NOTE.sub("", work)
    if work[:1] in _LABEL_STARTS:
        label = _LABEL.match(work)
        if label:
            work = work[label.end():]
    if _ROLE_LOOK.search(work, 0, 80):  # ", ed", ", trans", ", comp" in the first 80
        role = _ROLE_AFTER_NAME.match(work)
        if role:  # "Roe, Jane, ed. Title. Place: Publisher": the editor the book's author
            work = f"{role.group('names')}. {work[role.end():]}"
    if "nalysis of" in work[:40]:
        analysis = _ANALYSIS_OF.match(work)
        if analysis:  # "CRS analysis of data from Harbor Watch": the source is Harbor Watch
            work = work[analysis.end():]
    if not reference.url and is_personal_communication(work):
        return None
    if not work.isascii() and ("⁴" in work or "²" in work or "³" in work or "⁵" in work
                               or "¹" in work):
        work = _EDITION_MARK.sub(lambda m: " " * len(m.group(0)), work)  # "Kiel ⁴1995"
    dates = find_dates(work)
    blanked = blank_dates(work, dates) if dates else work
    parts = find_title(work, blanked)
    if parts.title_start >= 0:
        start, end = parts.title_start, parts.title_end
        dates = [d for d in dates if d.end <= start or d.start >= end]
    if " by " in parts.after[:6] and not parts.authors_text and not parts.before.strip():
        _author_after_title(parts)  # '"Title," by Jane Roe, *Outlet*'
    if parts.title and parts.title_end > 0 and parts.title[-1:].isdigit():
        parts.title = _without_pin_cite(parts.title, work[parts.title_end:])
    _read_people(reference, parts)
    evidence = _read_container(reference, parts)
    if reference.authors and reference.container and parts.title_start > 0 \
            and (quote := _opening_quote_at(work, parts.title_start)) >= 0 \
            and _EDITOR_MARK_END.search(work, 0, quote):
        # "R. Roe (ed.), 'Part', *Book*": the book's editor, not the part's author
        reference.authors = []
    if parts.italic_title and reference.title and not reference.authors \
            and not reference.container and _ISSUE_ONLY.match(parts.after):
        # "*Harbour Review*, no. 12 (May 2001)": an issue of a periodical, no work's title
        reference.container, reference.title = reference.title, None
        issue = True
    else:
        issue = False
    if reference.domain and not reference.container and reference.title:
        _site_by_its_name(reference, parts)
    if parts.reader == "read_letter" and dates and dates[0].start >= parts.title_end \
            and dates[0].kind == "published":
        # "Roe to Poe, June 1, 1863, in *Papers* (1990)": the letter's own date
        dates = dates[:1] + [d for d in dates[1:] if d.kind == "accessed"]
    if parts.reader in _AUTHOR_DATE_READERS and dates and parts.title_start >= 0 \
            and dates[0].end <= parts.title_start and dates[0].kind == "published":
        # "Roe, J. (2001). Title. ... (Original work published 1953)", "Roe, J. 2001. Title":
        # author-date styles print the date of the edition cited after the names
        dates = dates[:1] + [d for d in dates[1:] if d.kind == "accessed"]
    undated = _read_dates(reference, dates, parts.title_end, work)
    if evidence.container_is_italic and reference.container and dates and parts.title_end >= 0:
        own = _own_day_date(dates, parts.title_end, work, reference.container)
        if own:
            reference.date = own  # "Message of Governor, November 4, 1863, *House Journal*"
    if reference.title and parts.reader == "read_unmarked" and _reads_as_prose(reference.title):
        reference.title = None  # "Comparisons can be seen at <URL>": a sentence, no title
    if reference.title and not reference.authors and reference.title.endswith(")") \
            and not (parts.title_start >= 0 and work[parts.title_start] in "\"“«"):
        _read_trailing_author(reference)  # not inside quotes: '"Short Film (Live Action)"'
    if reference.url and "](" in raw and _LINK_ONLY.fullmatch(raw):
        # "[Time Loop Films – A 2023 List (Live It Again)](https://...)": the link is the note
        label = _LINK_ONLY.fullmatch(raw).group(1).strip(" *_\"“”")  # type: ignore[union-attr]
        if len(label.split()) >= 2 and (label[0].isupper() or label[0].isdigit()) \
                and not looks_like_domain(label) and "://" not in label:
            reference.title, reference.container, reference.date = label, None, None
            reference.authors = []
    if reference.title:
        title = clean_text(reference.title)
        if title and title.endswith(("]", "].")) and not title.startswith("["):
            title = _TITLE_DESCRIPTOR.sub("", title) or title  # APA "Title [Report]."
        if title and "cit" in title[-12:]:
            title = _CITED_MARK.sub("", title) or title  # "J. Roe, Les ports, op. cit., p. 4"
        if title and (" ed" in title or " Ed" in title or " éd" in title) and (
                edition := _EDITION.search(title)) and edition.start() > 2:
            title = title[:edition.start()].rstrip(" ,.:;")  # "Title (3rd ed.). Place: ..."
        reference.title = title
    if not reference.domain and "." in work:
        site = _first_site(parts, work)
        if site:
            reference.domain = domain_of(site)
            if not reference.container:
                reference.container = site
    if reference.container:
        container = clean_text(reference.container)
        if container and dates and container not in work and ("*" in work or "_" in work):
            container = _italic_as_printed(work, container) or container
        if container and container.endswith(".") and not _KEEP_DOT.search(container):
            container = container[:-1]
        if container and container.lower().startswith("http"):
            container = None
        # "CSMS # 68180454", "GAO No. 12-345": a document's number, no container (the pattern
        # opens with two capitals: other names are not matched against it)
        if container and container[:2].isupper() and _IDENTIFIER_ONLY.fullmatch(container):
            container = None
        reference.container = container
    if reference.container and not reference.authors and reference.title \
            and "release" in work and _PRESS_RELEASE.search(work) \
            and work.lstrip().startswith(reference.container):
        # 'Harbor Line, "Title," press release, May 5, 2020': the issuer wrote it
        reference.authors, reference.container = [reference.container], None
    evidence.italic_title = parts.italic_title
    evidence.series = evidence.series or parts.series
    evidence.chapter = evidence.chapter or parts.chapter
    if reference.container and _names_a_books_publisher(reference, parts, evidence, raw):
        reference.publisher, reference.container = reference.container, None
    reference.type = classify(reference, raw.lower(), evidence)
    if evidence.container_is_publisher and reference.container \
            and reference.type not in _HELD_IN_CONTAINER:
        # a book's or report's publisher is no container (it holds nothing): kept apart
        reference.publisher, reference.container = reference.container, None
    if not (reference.title or reference.url or reference.doi or issue or (
        parts.reader == "read_volume_note" and (reference.container or reference.date)) or (
        (reference.container or reference.domain or _PERSON_NAME.match(
            reference.authors[0] if reference.authors else "")) and (reference.date or undated)
    )):
        return None  # "Joachim Roe, 1991, S. 169" is kept: a short form by author and year
    return reference


def _names_a_books_publisher(reference: Reference, parts: TitleParts, evidence: Evidence,
                             raw: str) -> bool:
    """The plain name after a book's title, italic or unmarked (not quoted, as an article's
    is), is its publisher, not an outlet, where the citation prints an ISBN or the name is a
    publisher's (``Roe, J. (2007). *Tides*. Harbour Books. p. 18. ISBN ...``, Wikipedia's cite
    book; ``B. K. P. Horn. Robot Vision. MIT Press, Cambridge, MA, 1986.``)."""
    if evidence.chapter or evidence.container_is_italic or parts.container:
        return False
    if not parts.italic_title and (not reference.title or any(
            f"{quote}{reference.title}" in raw for quote in "\"“«'‘")):
        return False
    return ("ISBN" in raw and parts.italic_title) or (
        is_publisher(reference.container) and not is_known_outlet(reference.container))


_PIN_AT_END = compile_lazily(r"(?:,\s+at|(?<![Vv]ol\.)(?<![Nn]o\.)(?<![Pp]art)(?<!Chapter))\s+\*?"
                             r"\d{1,4}(?:[–-]\d{1,4})?$")
_BRACKETED_YEAR = compile_lazily(r"\s*\([^()]{0,40}\b(?:1[5-9]|20)\d\d\)")


def _opening_quote_at(work: str, start: int) -> int:
    """Where the quote opening a title that starts at `start` is (the reader's span may hold
    it or not), or -1 when the title is not quoted."""
    if work[start:start + 1] in _QUOTE_OPENERS:
        return start
    if work[start - 1:start] in _QUOTE_OPENERS:
        return start - 1
    return -1


def _without_pin_cite(title: str, after: str) -> str:
    """A Bluebook book or report prints the page cited between its title and the bracketed
    year (``Harbor Law 226 (6th ed. 2005)``, ``Cost Estimate, at 3 (2019)``): the page is no
    part of the title; a year in the title is (``Annual Report 2019 (2020)``)."""
    pin = _PIN_AT_END.search(title)
    if pin is None or not _BRACKETED_YEAR.match(after):
        return title
    if YEAR_WORD.search(pin.group(0)):
        return title  # "Register of Admissions, 1521–1889": the years it covers
    rest = title[:pin.start()].rstrip(" ,")
    return rest if len(rest.split()) >= 2 else title


def _read_dates(reference: Reference, dates: list[DateMatch], title_end: int,
                work: str) -> bool:
    """The publication date: the year closing a publication bracket after the title
    (``(London: Hurst, 2019)``, ``(HMSO 1888)``), else the most precise date after the title
    (where notes put it), else before it (Wikipedia and APA put it after the authors); a
    date inside an italic or quoted name (``*Letters 1521–1889*``) only when there is no
    other; none where the citation prints "n.d." (then True: the work is dated, as
    undated). The first accessed date is `accessed`."""
    after: str | None = None
    before: str | None = None
    if len(dates) > 1 and ("*" in work or "_" in work or "'" in work or "‘" in work):
        inside = _marked_spans(work)
        outside = [d for d in dates if not any(a <= d.start < b for a, b in inside)]
        if outside and len(outside) < len(dates):
            dates = outside
    if len(dates) > 1 and ")" in work:
        closing = [d for d in dates if d.kind != "accessed" and d.start >= title_end
                   and _closes_bracket(work, d)]
        if closing:
            first = closing[0]
            for earlier in reversed(dates[:dates.index(first)]):
                if not _YEAR_LIST_GAP.fullmatch(work, earlier.end, first.start):
                    break
                first = earlier  # "(1878, 1879)": a work in volumes, from its first year
            dates = [d for d in dates if d.kind == "accessed"] + [first]
    if len(dates) > 1 and any(d.years_range for d in dates) and any(
            not d.years_range and d.kind != "accessed" for d in dates):
        # "Harbours, 1850–1920. Kiel: Nord, 1999": the period a title covers is no date
        dates = [d for d in dates if not d.years_range]
    if "n" in work and "." in work and _NO_DATE.search(work):
        reference.accessed = next((d.iso for d in dates if d.kind == "accessed"), None)
        return True  # "n.d.": the work says it has no date; a year elsewhere is no date of it
    if len(dates) > 1 and ("ed" in work or "repr" in work or "Aufl" in work or "изд" in work):
        edition = [d for d in dates if d.kind != "accessed" and d.start >= title_end
                   and _EDITION_BEFORE.search(work, max(0, d.start - 24), d.start)
                   and "see" not in work[max(0, d.start - 40):d.start].lower()]
        if edition:  # "1977, second edition 1978": the edition cited
            dates = [d for d in dates if d.kind == "accessed"] + edition[-1:]
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
    return False


_AUTHOR_DATE_READERS = frozenset(("read_apa", "read_chicago_author_date",
                                  "read_initials_authors"))
_YEAR_LIST_GAP = compile_lazily(r"\s*,\s*")
# "n.d." (no date), "s.d." (sine dato), "o.J." (ohne Jahr), "б.г." (без года); lower case, so
# not a court's district ("N.D. Cal.")
# (opening with the full stop, the letter before it and what precedes that looked behind for:
# scanned for full stops; the match starts at the stop)
_NO_DATE = compile_lazily(r"\.(?:(?<=(?<![\w.])n\.)\s?d\.?|(?<=(?<![\w.])s\.)\s?d\.|"
                          r"(?<=(?<![\w.])o\.)\s?J\.|(?<=(?<![\w.])б\.)\s?г\.)(?!\w)")
_EDITION_BEFORE = compile_lazily(
    r"(?:edition|edn\.?|ed\.|reprint(?:ed)?|repr\.|reissued?|Auflage|Aufl\.|издание|изд\.)"
    r"(?:\s+(?:in|of))?,?\s*$",
    re.IGNORECASE,
)


def _marked_spans(work: str) -> list[tuple[int, int]]:
    """Spans of italic and single-quoted names: a year there belongs to a title."""
    spans = [m.span() for m in ITALIC.finditer(work)] if ("*" in work or "_" in work) else []
    spans.extend(m.span() for m in _SINGLE_QUOTED.finditer(work))
    return spans


def _closes_bracket(work: str, date: DateMatch) -> bool:
    """``(Boydell & Brewer, 1982)``, ``(London 1905)``: the date ends an open bracket."""
    rest = work[date.end:date.end + 3].lstrip()
    if not rest.startswith(")"):
        return False
    opening = work.rfind("(", 0, date.start)
    return opening >= 0 and ")" not in work[opening:date.start] and date.start - opening < 90


def _own_day_date(dates: list[DateMatch], title_end: int, work: str,
                  container: str) -> str | None:
    """A document in a published collection is dated by its own date: the full date right
    after its title, before the italic collection that holds it."""
    held_at = work.find(container[:20])
    for match in dates:
        if match.start < title_end or match.kind == "accessed":
            continue
        if len(match.iso) == 10 and 0 <= match.start < held_at and \
                match.start - title_end <= 4:
            return match.iso
        return None
    return None


def _italic_as_printed(work: str, container: str) -> str | None:
    """An italic outlet or book read from the text with its dates blanked, as printed: the
    italic name whose words, dates left out, are the container's (``*House Journal ...,
    November 3, 1863 - December 16, 1863*``)."""
    wanted = _WORD.findall(container)
    for italic in ITALIC.finditer(work):
        name = italic.group(2).strip().rstrip(".,")
        words = _WORD.findall(blank_dates(name, find_dates(name)))
        if words == wanted:
            return name
    return None


_WORD = compile_lazily(r"[^\W\d_]+")


def _reads_as_prose(title: str) -> bool:
    """A sentence of commentary read as an unmarked title: it leads into a link ("... can be
    seen at") or runs on in lower-case words."""
    words = title.split()
    if words and words[-1].lower() in _LEADS_INTO_LINK:
        return True
    if "; or, " in title:
        return False  # "The Harbour Pilot; or, the art of ...": an old title and its alternative
    if len(words) < 6:
        return False
    lower = sum(1 for word in words[1:] if word[:1].islower() and word not in LOWER_WORDS)
    return lower / (len(words) - 1) > 0.5


_BY_AFTER_TITLE = compile_lazily(
    r"^\s*,?\s*by\s+(?P<names>(?:[A-Z][\w'’.-]*|de|van|von|and|&)(?:\s+(?:[A-Z][\w'’.-]*|de|"
    r"van|von|and|&))*?)\.?(?=\s*(?:[,;(]|\.?\s*$))")


def _author_after_title(parts: TitleParts) -> None:
    """``"The Tide Spirits," by J. Roe, Harbour Monthly``: the authors printed after a marked
    title, the rest (the outlet) after them."""
    found = _BY_AFTER_TITLE.match(parts.after)
    if found and parse_authors(found.group("names")):
        parts.authors_text = found.group("names")
        parts.after = parts.after[found.end():]


def _read_trailing_author(reference: Reference) -> None:
    """``Closure semantics (Guido van Rossum)``, ``Title (a thread started by Jane Roe)``: a
    post's author in brackets after its title; ``Title (Talin)``: one name, when the link is
    a mailing list's archive (a poster known by a nickname)."""
    title = reference.title or ""
    found = _TRAILING_PERSON.search(title)
    if found:
        persons = parse_authors(found.group("name"))
        if len(persons) == 1 and "," in persons[0]:
            reference.authors = list(persons)
            reference.title = title[:found.start()].rstrip()
        return
    found = _TRAILING_NICK.search(title)
    if found and found.start() > 0 and reference.url and _LIST_ARCHIVE.search(reference.url):
        reference.authors = [found.group("name")]
        reference.title = title[:found.start()].rstrip()


def blank_dates(text: str, dates: list[DateMatch]) -> str:
    """`text` with each date replaced by DATE_MARK padded to the date's length."""
    pieces = []
    last = 0
    for match in dates:
        pieces.append(text[last:match.start])
        pieces.append(DATE_MARK.ljust(match.end - match.start))
        last = match.end
    pieces.append(text[last:])
    return "".join(pieces)


def _first_site(parts: TitleParts, work: str) -> str | None:
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


_URL_OPENERS = {"(": ")", "<": ">", "[": "]"}


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
        piece = raw[last:match.start]
        end = match.end
        if piece[-1:] in _URL_OPENERS and raw[end:end + 1] == _URL_OPENERS[piece[-1]] \
                and match.link_text is None:
            piece, end = piece[:-1], end + 1  # "Title (https://...)": the brackets go too
        pieces.append(piece)
        pieces.append(match.link_text if match.link_text else " ")
        last = max(last, end)
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
        reference.repairs = tuple(primary.repairs)
        reference.url_candidates = tuple(primary.candidates)
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
        or "archive.is/" in lowered or "webcitation.org" in lowered \
        or "perma.cc/" in lowered  # the Bluebook's archived copy: "URL [https://perma.cc/X]"



# ---- authors ------------------------------------------------------------------------------


def _read_people(reference: Reference, parts: TitleParts) -> None:
    text = parts.authors_text if parts.authors_text is not None else parts.before
    if not text:
        return
    if parts.authors_text is None and parts.italic_title and text[-1:].isspace() \
            and text.rstrip()[-1:].isalpha() and len(text.split()) <= 3:
        return  # "Marshall *Republican*": a place in a newspaper's name, no comma: no author
    text = text.strip(" ,;:—–-")
    if len(text) > 250:
        # 'Roe writes, "<a long passage>." Jane Roe, *Title*': the author after the passage
        spans = sentence_spans(text, max(0, len(text) - 250), len(text), quoted_ends=True)
        text = text[spans[-1][0]:] if len(spans) > 1 else ""
    if not text or len(text) > 250 or text == ".":
        return
    if text[0] in "\"“" and text[-1] in "\"”" and parts.reader == "read_letter":
        reference.authors = [text[1:-1].strip()]  # a pseudonym: '"A Soldier" to ...'
        return
    persons = parse_authors(text)
    if not persons and _EDITOR_AFTER.search(text):
        # "D. Roe, ed. K.G. Poe": the author, then the editor of the edition cited
        text = _EDITOR_AFTER.split(text, maxsplit=1)[0].strip(" ,;")
        persons = parse_authors(text)
    if not persons and len(text.split()) > 2:
        persons = trailing_authors(text)  # "For a survey, see Jane Roe"
    if not persons and ("'s" in text or "’s" in text):
        persons = possessive_author(text)  # "Jane Roe's interview with John Poe, entitled"
    if persons:
        reference.authors = list(persons)
        return
    cleaned = clean_author_text(text)
    if "," in cleaned and DIGIT.search(cleaned):
        # "Office of the President, Decree No. UP-5953": the body, not its document number
        head = cleaned.split(",")
        kept = list(itertools.takewhile(lambda chunk: not DIGIT.search(chunk), head))
        if kept and len(kept) < len(head) and is_organisation(",".join(kept)):
            cleaned = text = ",".join(kept).strip()
    if not cleaned or (DIGIT.search(cleaned) and (find_dates(text) or NUMBERED.search(
            cleaned) or _DIGITS_RUN.search(cleaned))):
        return  # "Executive Order 13873 of May 15, 2019", "Law ... No. 123-VI": not authors
    if is_known_outlet(cleaned) or (names_a_periodical(cleaned) and is_organisation(cleaned)):
        if not parts.container:
            parts.container = cleaned.rstrip(".")  # "Reuters, "Title," May 5, 2020"
        return
    if cleaned.rsplit(None, 1)[-1] in _LEADING_INTO:
        return  # "As shown in the *Drury Manuscript*": words leading into the title
    if is_organisation(cleaned):
        reference.authors = [organisation_name(text).rstrip(".")]
        return
    families = family_names(cleaned)
    if families:
        reference.authors = families  # short forms: "Smith", "Cooley and Heathershaw"




# ---- container, publisher -----------------------------------------------------------------


def _site_by_its_name(reference: Reference, parts: TitleParts) -> None:
    """The outlet named as its link's host: ``Maritime Executive, "Title," ...
    maritime-executive.com/...`` or ``"Title," kpler, ... kpler.com/...``: a name whose
    letters are the host's name is the site (the container), not an author."""
    host = _host_letters(reference.domain or "")
    if len(host) < 4:
        return
    before = (parts.before or "").strip(" ,.:;")
    if before and _letters(before) == host and len(reference.authors) <= 1:
        reference.container, reference.authors = before, []
        return
    first = (parts.after or "").strip(" ,.;").split(",", 1)[0].strip()
    if first and _letters(first) == host:
        reference.container = first


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _host_letters(domain: str) -> str:
    """``www.maritime-executive.com`` -> ``maritimeexecutive``: the host's own name."""
    labels = [label for label in domain.lower().split(".") if label not in ("www", "m")]
    return _letters(max(labels[:-1], key=len)) if len(labels) >= 2 else ""


def _read_container(reference: Reference, parts: TitleParts) -> Evidence:
    if parts.title is not None:
        reference.title = parts.title
    after = parts.after or ""
    if "  " in after:
        after = " ".join(after.split())  # one cache entry whatever the blanks' lengths
    info = container_info(after, parts.container is not None)
    evidence = Evidence(chapter=info.chapter, place_publisher=info.place_publisher,
                        publisher=info.publisher, series=info.series,
                        journal_hint=info.journal_hint,
                        container_is_italic=info.container_is_italic,
                        container_is_publisher=info.container_is_publisher)
    if parts.container:
        reference.container = parts.container
        evidence.container_is_italic = parts.container_is_italic
        return evidence
    reference.container = info.container
    if reference.title and not reference.authors and reference.container \
            and not info.container_is_italic and not reference.url \
            and _AUTHORING_BODY.search(reference.container) \
            and not names_a_periodical(reference.container) \
            and not is_known_outlet(reference.container):
        # '"Title," Harbour Chamber of Commerce, ca. 1930': a body that issued the work
        reference.authors, reference.container = [reference.container], None
    if not reference.container and reference.title and (
            "apers" in after or "ollection" in after or "iles" in after or "ecords" in after):
        collection = archival_collection(after)
        if collection and collection != reference.title:
            reference.container = collection  # "..., Box 41, Roe Family Papers, Archive"
            return evidence
    if not reference.container and reference.title and len(reference.authors) == 1 \
            and "," not in reference.authors[0] and is_organisation(reference.authors[0]):
        reference.container = reference.authors[0]  # the organisation publishes its work
        evidence.container_is_publisher = True
    return evidence
