"""What follows a citation's title: the outlet (journal, newspaper, site, the book holding a
chapter), the place and publisher, a series, a journal's volume; as evidence for the type.

Pure and cached: once dates and URLs are blanked, the text after a title repeats from note to
note (``, *The Diplomat*, \x00      ``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from checker.lazypattern import compile_lazily
from checker.references.authors import is_organisation
from checker.references.outlets import (
    is_known_outlet,
    is_publication_place,
    is_publisher,
    names_a_periodical,
)
from checker.references.patterns import (
    ABBREVIATED_NAME,
    COLLECTION,
    DATE_MARK,
    DIGIT,
    EDITORS,
    ITALIC,
    LOWER_WORDS,
    NOISE,
    NUMBERED,
    NUMBERS,
    PLACE_PUBLISHER,
    SERIES,
    VOLUME_TAIL,
    strip_italics,
)
from checker.references.urls import looks_like_domain


class ContainerInfo(NamedTuple):
    container: str | None
    container_is_italic: bool
    chapter: bool
    place_publisher: bool
    publisher: str | None
    series: bool
    journal_hint: bool
    container_is_publisher: bool = False  # the name read is a book's or report's publisher


# "in", "In:", Russian "В:", Polish "w:", French "dans": a part of the book (or journal) named next
_CHAPTER_LEAD = compile_lazily(r"^(?:in|In:?|В:?|в:|w:|dans)\s+", re.IGNORECASE)
# "In M. Laruelle (Ed.), Book" (APA) and "In Laruelle, M. (ed.). *Book*." (Wikipedia's CS1)
_APA_EDITORS = compile_lazily(r"[^()]{2,200}?\((?:eds?|hrsg|hg|ред)\.\)\s*[,.]?\s*", re.IGNORECASE)
_BOOK_END = compile_lazily(r"\s*\(|\.\s|,\s")
_PUB_PARENS = compile_lazily(r"\(([^()]{0,160}?)\)")
# "Washington, D.C.: The George Washington University" / "London: Bloomsbury" anywhere
_PLACE_PUBLISHER_ANY = compile_lazily(
    r"(?:^|[.,;]\s+|\s)(?P<place>[A-ZА-Я][\w'’-]+(?:\s[A-ZА-Я][\w'’-]+){0,2}"
    r"(?:,\s(?:[A-Z]{2}|[A-Z]\.[A-Z]\.|[A-Z][a-z]{1,4}\.))?)"
    r":\s+(?P<publisher>[A-ZА-Я][^,;:()\x00]{1,100}?)\s*(?=[,;.(\x00]|$)"
)
_DATED_PARENS = compile_lazily(r"\([^()\x00]{0,160}\x00[^()]{0,60}\)")
# "Asia Policy 24: 110-116", "Survey 38 (2): 201-20": a journal's volume, issue and pages
# (pages with a letter before them: "267: L187-L192", "17: CR376-CR380", "e142-5")
_VOLUME_PAGES = compile_lazily(r"\s+\d{1,4}(?:\s*\(\d{1,4}\))?\s*:\s*[A-Za-z]{0,2}\d+"
                               r"(?:\s*[–—-]\s*[A-Za-z]{0,2}\d+)?\b")
# Vancouver: the journal's name (abbreviated, or in lower case after its first word), the
# year (a date, blanked), a semicolon and the volume: "Am J Cardiol 2012; 110(9): 1296-301"
_VANCOUVER_JOURNAL = compile_lazily(
    r"(?P<name>[A-ZÀ-ÖØ-Þ][^.,;:()\[\]\x00*_\"“”]{0,100}?)\.?\s+\x00\s*;\s?\d")
_CHUNK = compile_lazily(r"\s*(?:,|;|\x00|\.(?=\s|$)|\s[–—-]\s|\(|\)|\[|\]|\s/\s)\s*")
_ROMAN_VOLUME = compile_lazily(r"^[IVXLC]{1,6}(?:\.[ivxlc]{1,5})?(?:\s*\([ivxlc\d]{1,5}\))?$")
_PLACE_YEAR = compile_lazily(
    r"(?:^|(?<=[.,;]\s))(?P<place>[A-ZÄÖÜА-ЯЁ][\w'-]+|[A-ZА-ЯЁ][a-zа-яё]{0,3}\.,)\s+(?=\x00)")
# A city opening the text after a title, then a comma: "Paris, Gallimard, 1990"
_LISTED_PLACE = compile_lazily(r"(?P<place>[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){0,2}),\s+")
_IMPRINT_LEAD = compile_lazily(r"^(?:chez|bei|presso|en casa de|nakładem)\s+", re.IGNORECASE)
# A book's name in quotation marks, closed by the same kind of mark before a comma, a bracket
# or the end: "'Local Politics ...' (PhD", "“Essays on Ports,” ed."
_QUOTED_BOOK = compile_lazily(
    r"(?:'(?P<a>[^']{3,300})'|‘(?P<b>[^’]{3,300})’|\"(?P<c>[^\"]{3,300})\"|“(?P<d>[^”]{3,300})”)"
    r"(?=\s*[,.;(\[]|\s*$|\s+(?:ed|eds|edited|vol)\b)")
# An edition online at a site: "electronic edition at Documenting the American South"
_ONLINE_AT = compile_lazily(r"(?:electronic|digital|online|digitized|digitised|web)\s+"
                            r"(?:edition|version|copy|text|facsimile)\s+(?:at|on|in)\s+(?=[A-Z])")
# An archival copy's kind before the collection that holds it: "Transcription in Roe Papers",
# "Typescript copy in ...", "Microfilm in ..."
_HELD_IN = compile_lazily(
    r"^(?:(?:typescript|typed|manuscript|photo|photostatic|certified|original|draft)\s+)?"
    r"(?:transcription|transcript|copy|copies|typescript|photocopy|microfilm|original|draft|"
    r"original letter|facsimile)\s+in\s+(?=[A-Z])", re.IGNORECASE)
_LANGUAGE_NOTE = compile_lazily(r"\s*[(\[](?:in\s+)?[A-Z][a-z]+(?:\s+language)?[)\]]\s*$")


@lru_cache(maxsize=8192)
def container_info(after: str, known: bool) -> ContainerInfo:
    """The outlet, publisher and series evidence in the text after the title (its dates
    blanked). Cached: once dates and URLs are blanked, this text repeats across notes."""
    place_publisher, publisher, series = _scan_publication(after)
    chapter = False
    journal_hint = False
    container = None
    italic_container = False
    is_publisher = False
    text = after.lstrip(" ,.;:)]")
    if text.startswith("//"):
        text = text[2:].lstrip()
        journal_hint = True
    if text.startswith("(") and (skip := _after_subtitle(text)):
        text = text[skip:].lstrip(" ,.;:")
    lead = _CHAPTER_LEAD.match(text)
    if lead:
        rest = text[lead.end():]
        quoted = _QUOTED_BOOK.match(rest) if rest[:1] in "'‘\"“" else None
        if quoted and not known and DATE_MARK not in quoted.group(0):  # (its years blanked)
            # "..., in 'Local Politics and the Representation of Sussex' (PhD Dissertation,
            # 1964)", "in “Essays on Ports,” ed. Jane Roe": the book named in quotation marks
            book = next(name for name in quoted.groups() if name)
            return ContainerInfo(book.strip(" ,.;:"), False, True,
                                 place_publisher, publisher, series, journal_hint)
        editors = _APA_EDITORS.match(rest)
        if editors:  # APA: "In M. Laruelle (Ed.), Book Title (pp. 45–60). Publisher."
            book = rest[editors.end():]
            italic = ITALIC.match(book) if book[:1] in "*_" else None
            book = italic.group(2) if italic else _BOOK_END.split(book, maxsplit=1)[0]
            book = book.strip(" ,.;:")
            if book:
                return ContainerInfo(book, False, True, place_publisher, publisher, series,
                                      journal_hint)
        if lead.group(0).strip().endswith(":") or rest[:1] in "*_" or EDITORS.search(
                rest[:200]):
            chapter = True
            text = rest
        elif rest.startswith("the ") and rest[4:5].isupper() and names_a_periodical(
                periodical := re.split(r"\s*[(,;]|\.\s", rest[4:], maxsplit=1)[0].strip()):
            # "in the Harbour Monthly, vol. 5": a periodical named with its article
            return ContainerInfo(periodical, False, bool(place_publisher), place_publisher,
                                 publisher, series, True)
        elif rest[:1].isupper():
            # "in The World Factbook (Washington, DC: CIA, 2021)": an entry of a work
            abbreviated = ABBREVIATED_NAME.match(rest)  # "in Proc. Harb. Soc., vol. iv"
            proceedings = _PROCEEDINGS.match(rest)
            name = proceedings.group(0).strip() if proceedings else abbreviated.group(
                0).strip() if abbreviated else re.split(
                r"\s*[(,;]|\.\s", rest, maxsplit=1)[0].strip()
            if name and not known and _name_like(name):
                return ContainerInfo(name, False, bool(place_publisher), place_publisher,
                                      publisher, series, journal_hint)
    if not known and ":" in text and not publisher:
        found = _PLACE_PUBLISHER_ANY.search(text)
        if found:
            place_publisher = True
            publisher = found.group("publisher").strip()
    if not known and not chapter and ";" in text and DATE_MARK in text:
        journal = _VANCOUVER_JOURNAL.match(text)
        if journal:  # "Lancet 2013;382:536", "The ocular surface. 2013;11(1):47-53"
            return ContainerInfo(journal.group("name"), False, False, place_publisher,
                                 publisher, series, True)
    if not known:
        italic = ITALIC.search(text) if ("*" in text or "_" in text) else None
        if italic and (italic.start() < 60 or chapter):
            container = italic.group(2).strip().rstrip(".,")
            italic_container = True
        else:
            if italic:
                text = strip_italics(text)
            if chapter:
                head = text.split("(")[0] if "(" in text else text
                text = EDITORS.sub("", head)
                book = text.strip(" ,.;:")
                if text != head and DATE_MARK not in book and len(book) > 2:
                    # "in Book: Subtitle, with Commas, ed. Name": all before the editors
                    return ContainerInfo(book, False, chapter, place_publisher, publisher,
                                          series, journal_hint)
            if "(" in text and DATE_MARK in text:
                text = _DATED_PARENS.sub(",", text)  # (Place: Publisher, Year) was read above
            if "o." in text or "#" in text or "№" in text or "ssue" in text or "umber" in text \
                    or "Band" in text or "Bd." in text or "Heft" in text or "том" in text:
                text = NUMBERED.sub(",", text)
            if DATE_MARK in text and (listed := _LISTED_PLACE.match(text)) and \
                    is_publication_place(listed.group("place")):
                # "Paris, Gallimard, 1990", "London, 1611", "Paris, chez la veuve Jean Rémy,
                # 1649": a book's place (a city books are published in) and its publisher
                imprint = text[listed.end():].split(DATE_MARK, 1)[0].strip(" ,.;:")
                if len(imprint.split()) <= 6 and not DIGIT.search(imprint):
                    name = _IMPRINT_LEAD.sub("", imprint) or None
                    return ContainerInfo(None, False, chapter, True, publisher or name,
                                         series, journal_hint)
            if DATE_MARK in text and _PLACE_YEAR.search(text):
                # "Berlin 1998", "М., 2018": the place of a book's publication, no outlet
                place = _PLACE_YEAR.search(text)
                if place and not is_known_outlet(place.group("place").rstrip(".,")):
                    text = text[:place.start()] + text[place.end():]
                    place_publisher = True
            if ":" in text and _VOLUME_PAGES.search(text):
                text = _VOLUME_PAGES.sub(",", text)
                journal_hint = True
            container, is_publisher, found_place, found_series, journal_hint_found = \
                _first_container(text, publisher, chapter)
            if container and not is_publisher and not chapter and _names_a_series(
                    after, container):
                container, found_series, found_place = None, True, True
            elif container and _names_a_repository(after, container):
                container = None  # "British Library Add. MSS. 5523, fol. 110": a shelfmark
            place_publisher = place_publisher or found_place
            series = series or found_series
            journal_hint = journal_hint or journal_hint_found
    return ContainerInfo(container, italic_container, chapter, place_publisher, publisher,
                         series, journal_hint, is_publisher)


def _after_subtitle(text: str) -> int:
    """The end of a bracket with italics in it that goes on the title (``*Ducks: Species
    Accounts* (*Cairina* to *Mergus*). Series. Press``), else 0: no outlet is in it."""
    close = text.find(")")
    inside = text[1:close]
    return close + 1 if 0 < close < 200 and ("*" in inside or "_" in inside) else 0


def _scan_publication(text: str) -> tuple[bool, str | None, bool]:
    """(place and publisher seen, publisher, series seen) from ``(Place: Publisher, Year)``
    and ``Working Paper No. 12``."""
    place_publisher = False
    publisher = None
    if "(" in text:
        for paren in _PUB_PARENS.finditer(text):
            inside = paren.group(1).strip()
            if ":" in inside and DATE_MARK in inside:
                found = PLACE_PUBLISHER.match(inside)
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
                   or "emo" in text or "eries" in text) and SERIES.search(text))
    return place_publisher, publisher, series


# After a name: its volume, maybe a publisher, then a place and the year: the name is a
# book's series ("Archaeologica Venatoria, Band 10, Tübingen, 1991"), not a journal
# ("Zeitschrift für Hafenkunde 12, 2001, S. 45-67" and "Harbour Review 12 (Spring 1998)" have
# no place)
_SERIES_VOLUME_PLACE = compile_lazily(
    r"\s*(?:\([^()]{1,30}\)\s*)?,?\s*(?:(?:Band|Bd\.|vol\.|volume|Nr\.|no\.|tome|t\.)\s*)?"
    r"[\dIVXLC]{1,4}\s*,\s*(?:[A-ZÄÖÜ][\w&.-]*(?:\s[\w&.-]+){0,3}\s*,\s*)?"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:[\s/-][A-Z][a-zäöüß]+)?\s*,?\s*\x00"
    # "Harleian Society LIII (London 1905)": the volume, then the book's place and year
    r"|\s*(?:vol\.?\s*)?[\dIVXLC]{1,6}\s*\((?!(?:spring|summer|fall|autumn|winter|jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|oct|nov|dec))[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?::[^()]{1,60}?)?,?\s*"
    r"\x00", re.IGNORECASE)
# "Harleian Society Vol. XXV (London 1887)", "Harleian Society XIII-XIV (1878, 1879)": a series
# name, its volume (or run of volumes) marked as such, then the book's date in brackets
_SERIES_MARKED_VOLUME = compile_lazily(
    r"[^,()\x00]{0,80}?\s(?:[Vv]ol\.\s*[\dIVXLC]{1,6}|[IVXLC]{1,6}\s*[-–]\s*[IVXLC]{1,6})\s*"
    r"\([^()]{0,60}\x00")


def archival_collection(after: str) -> str | None:
    """The collection named among the comma-separated parts after a title (dates blanked):
    ``, ca. 1930, Folder 19, Box 41, Roe Family Papers, Harbour Library``, or after "in" in
    one of them (``, from the border in Records of the Harbour Board, Harbour Archives``)."""
    for chunk in after.split(","):
        chunk = chunk.strip(" .;")
        if " in " in chunk:
            chunk = chunk.rsplit(" in ", 1)[1]
        if chunk and COLLECTION.fullmatch(chunk):
            return chunk
    return None


_SHELFMARK = compile_lazily(r"\.?\s*(?:Add(?:itional)?\.?\s+|Cotton\s+|Harley\s+|Egerton\s+|"
                            r"Sloane\s+|Lansdowne\s+|Royal\s+)?MSS?\.?\s*[\dA-Z]")


def _names_a_repository(after: str, container: str) -> bool:
    """A library or archive before a manuscript's shelfmark holds the manuscript; it is
    no outlet."""
    at = after.find(container)
    return at >= 0 and ("MS" in after) and bool(_SHELFMARK.match(after, at + len(container)))


def _names_a_series(text: str, container: str) -> bool:
    at = text.find(container)
    return at >= 0 and bool(_SERIES_VOLUME_PLACE.match(text, at + len(container))
                            or _SERIES_MARKED_VOLUME.match(text, at))


# Where an archive keeps a record, never its container: a folder, box, reel or record group
# ("Folder 047 Fairs and Expositions", "Box 162", "Record Group 75") or an archive's code
# with its branch ("NARA-CPR", "NARA-KC"); nor is the county a census covers
_ARCHIVE_PLACE = compile_lazily(
    r"(?:Folders?|Box(?:es)?|Reels?|Rolls?|Record\s+Group|RG|Entry|Item|Drawer|Cabinet)\s+"
    r"[\dA-Z][\w./-]*|[A-Z]{2,6}(?:-[A-Z]{2,5})+$"
    # the area a census or a survey covers: "Santa Clara County", "Orleans Parish"
    r"|(?:[A-Z][a-z]+\s){1,3}(?:County|Parish|Township)$")


# What kind of document a work is, where an outlet would stand: a thesis, a technical report,
# a manuscript or preprint, not held by anything ("Ph.D. thesis, Rice University, 1990")
_DOCUMENT_KIND = compile_lazily(
    r"\s*(?:(?:Ph\.?\s?D\.?|Doctoral|Master'?s|M\.?\s?(?:A|Sc?|Phil)\.?|Diploma|Habilitation)\s+"
    r"(?:thesis|dissertation|diss\.)|(?:Technical|Tech\.?)\s+(?:report|rep\.)|Unpublished\s+"
    r"manuscript|Manuscript|Preprint)(?=[\s,.;]|$)", re.IGNORECASE)
# A conference's proceedings after "In", its full stops no ends, to a comma or a bracket: "In
# Proc. of the 12th Int. Joint Conf. on Artificial Intelligence (IJCAI-91), ..."
_PROCEEDINGS = compile_lazily(r"(?:Proc\.|Proceedings\b)[^,;()\x00]{3,200}(?=[,;(]|\s*$)")
# A journal's abbreviated name, its full stops no ends: "ACM Trans. Math. Softw.", "IEEE J.
# Robotics Automation", "J. Marit. Hist.", "Proc. of HPCA-1" (not "Ed. Jane Roe", "Ph.D.")
_ABBREVIATED_OUTLET = compile_lazily(
    r"(?P<acronym>[A-Z]{2,8}\s+)?"
    r"(?!(?:Eds?|Vols?|Nos?|Pp|Pt|Chap|Ch|Sec|Fig|Repr|Comp|Dir|Hrsg|Bd)\.)"
    r"(?:J|[A-Z][a-z]{1,8})\.\s+(?:(?:J|[A-Z][a-z]{1,8})\.\s*|(?:of|and|&|on|in|for)\s+"
    r"|[A-Z][\w'’-]*(?:\s+|(?=[,.;(]|$)))+")


def _abbreviated_outlet(text: str) -> str | None:
    """The journal's abbreviated name opening `text`, with at least two abbreviated words or
    an acronym before one (``IEEE J. ...``); None otherwise."""
    found = _ABBREVIATED_OUTLET.match(text)
    if not found:
        return None
    name = found.group(0).strip()
    if name.count(".") < 2 and not found.group("acronym"):
        return None
    return name.rstrip(",;") if len(name.split()) >= 2 else None


def _first_container(text: str, publisher: str | None,
                     chapter: bool) -> tuple[str | None, bool, bool, bool, bool]:
    """(container or publisher, whether it is the publisher, place-publisher seen, series
    seen, journal volume seen)."""
    place_publisher = False
    series = False
    if _DOCUMENT_KIND.match(text):
        return None, False, False, False, False  # "PhD thesis, University of X": no outlet
    if not publisher and not chapter and text[:1].isupper() and (
            outlet := _abbreviated_outlet(text)):
        return outlet.rstrip("."), False, False, False, True
    for raw_chunk in _CHUNK.split(text):
        chunk = raw_chunk.strip(" .,;:*_\"'“”«»")
        if " in " in chunk:
            held = _HELD_IN.match(chunk)
            if held:
                chunk = chunk[held.end():]  # "Transcription in Roe Papers": the collection
        if chunk[:1].islower() and " at " in chunk:
            online = _ONLINE_AT.match(chunk)
            if online:
                chunk = chunk[online.end():]  # "electronic edition at Harbour Texts": the site
        if len(chunk) < 2 or NOISE.match(chunk) or NUMBERS.match(chunk):
            if SERIES.search(raw_chunk):
                series = True
            continue
        if SERIES.match(chunk):
            series = True
            continue
        if _ARCHIVE_PLACE.match(chunk):
            continue  # "Folder 047 Fairs", "Box 162", "NARA-CPR": where a record is kept
        if ":" in chunk:
            found = PLACE_PUBLISHER.match(chunk)
            if found and len(found.group("place").split()) <= 4:
                name = found.group("publisher").strip()
                return (name or None), bool(name), True, series, False
        if publisher and not chapter:
            return publisher, True, place_publisher, series, False
        if not _name_like(chunk):
            return publisher, bool(publisher), place_publisher, series, False
        if "/" in chunk and DIGIT.search(chunk) and " " not in chunk:
            continue  # a document symbol: "S/RES/2231"
        if _ROMAN_VOLUME.match(chunk) or _NOT_AN_OUTLET.fullmatch(chunk):
            continue  # a volume: "II", "XIV (ii)"; "12 Vols", "Henry VIII", "(Hathi Trust)"
        volume = VOLUME_TAIL.match(chunk)
        journal = False
        if volume and not looks_like_domain(chunk):
            journal = True
            chunk = volume.group("name")
        if "(" in chunk or "[" in chunk:
            chunk = _LANGUAGE_NOTE.sub("", chunk)
        return chunk, False, place_publisher, series, journal
    return publisher, bool(publisher), place_publisher, series, False


# Not an outlet, though a name after a title: a work's count of volumes ("12 Vols"), a reign
# a calendar of state papers is arranged by ("Henry VIII", "Philip and Mary"), the library
# that holds the copy read online ("Hathi Trust", "Google Books", "Internet Archive")
_NOT_AN_OUTLET = compile_lazily(
    r"\d{1,3}\s+[Vv]ols?|(?:Henry|Edward|Richard|George|William|James|Charles|Elizabeth|Mary|"
    r"Anne|Victoria|Philip and Mary|John|Louis|Friedrich|Frederick|Peter|Catherine)\s+"
    r"[IVX]{1,5}|Philip and Mary|Hathi\s?Trust|Google Books|Internet Archive|archive\.org|"
    r"British History Online|Project Gutenberg|Gallica|Europeana|JSTOR")


def _name_like(chunk: str) -> bool:
    """An outlet or publisher's name (title case, short), not a sentence of prose."""
    first = chunk[0]
    if not (first.isupper() or first.isdigit() or first in "«\"“"):
        # "openDemocracy", "eNCA": one word, capitals inside it
        return looks_like_domain(chunk) or (chunk.isalpha() and not chunk[1:].islower())
    words = chunk.split()
    if len(words) > 16:
        return False
    significant = [w for w in words if w.lower() not in LOWER_WORDS]
    if not significant:
        return False
    lower = sum(1 for w in significant if w[:1].islower())
    if lower <= max(1, len(significant) // 3):
        return True
    # Russian and other languages capitalise only a name's first word: "Министерство
    # иностранных дел Республики Казахстан"
    return first.isupper() and len(words) <= 10 and is_organisation(chunk)

