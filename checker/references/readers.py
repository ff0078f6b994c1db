"""Where a citation's title is, one reader per citation shape.

`find_title(work, blanked)` tries `READERS` in order; the first that recognises its shape
returns `TitleParts` (the title, the text before it: the authors, and after it: the outlet,
place, publisher and dates). Each reader is a small pure function of the citation's text
(`work`) and the same text with its dates blanked to `DATE_MARK` and spaces (`blanked`, same
length, so spans agree); it returns None when the shape is not its own, and looks for a cheap
sign of its shape before any pattern. The last reader (`read_unmarked`) always answers.

The readers' own cases are in tests/test_references_readers.py, one table per reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from checker.lazypattern import compile_lazily
from checker.references.authors import (
    COMMON_GIVEN_NAMES,
    ORGANISATION_WORDS,
    PARTICLES,
    family_name,
    family_names,
    is_organisation,
    parse_authors,
)
from checker.references.classify import INSTRUMENT_NAME
from checker.references.outlets import is_known_outlet, is_platform
from checker.references.patterns import (
    ABBREVIATED_NAME,
    COLLECTION,
    DATE_MARK,
    DIGIT,
    FAMILY_FIRST_AUTHORS,
    FULL_NAME_AUTHORS,
    GIVEN_FIRST_AUTHORS,
    IMPRINT,
    ITALIC,
    LETTER,
    NOISE,
    NUMBERS,
    PLACE_PUBLISHER,
    PUBLISHER_YEAR,
    QUOTE_CHARS,
    REPOSITORY,
    SERIES_CHUNK,
    SPEECH_BEFORE,
    VANCOUVER_ANY,
    VANCOUVER_AUTHORS,
    VANCOUVER_LIST,
    VOLUME_TAIL,
    letter_head,
    prose_ratio,
    sentence_spans,
)
from checker.references.split import NAMED_RECORD
from checker.references.urls import looks_like_domain


@dataclass(slots=True)
class TitleParts:
    """What a reader learned: the title and what surrounds it."""

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
    series: bool = False  # the work is one of a numbered series (a report)
    reader: str = ""  # the name of the reader that found these parts


Reader = Callable[[str, str], "TitleParts | None"]


def find_title(work: str, blanked: str) -> TitleParts:
    """The title and what surrounds it, from the first reader that knows the shape."""
    for reader in READERS:
        parts = reader(work, blanked)
        if parts is not None:
            parts.reader = reader.__name__
            return parts
    return TitleParts()  # not reached: the last reader always answers


# ---- numbered reports: government and think-tank series -----------------------------------

# "CRS Report R48284, Title, by Tori Gorman": the series and number, the title, the authors
NUMBERED_REPORT = compile_lazily(
    r"^(?:[A-Z]{2,6}\s+)?(?:Report|In Focus|Insight|Legal Sidebar|Working Paper|Issue Brief|"
    r"Policy Brief|Technical Report)\s+(?:No\.\s*)?[A-Z]{0,5}-?\d[\w.-]*,\s+(?P<title>.+?)"
    r"(?:,\s+(?:by|coordinated by|edited by)\s+"
    r"(?P<authors>(?:[^;.]|(?<=\b[A-Z])\.|(?<=\b[JS]r)\.)+?))?(?:[.,]?$|(?<!\b[A-Z])\.\s+(?=[A-Z]))"
)


def read_numbered_report(work: str, blanked: str) -> TitleParts | None:
    """A report cited by its series and number, the title unmarked after them:

    ``CRS Report R48284, The Budget Resolution: Frequently Asked Questions, by Tori Gorman.``
    """
    found = NUMBERED_REPORT.match(blanked)  # anchored: fails at once on other notes
    if not found:
        return None
    head = work[:40]
    if "Report" not in head and "Paper" not in head and "Brief" not in head \
            and "Insight" not in head[:20] and "Focus" not in head[:20] \
            and "Sidebar" not in head[:30]:
        return None
    start, end = found.span("title")
    title = work[start:end].strip()
    if not title or DATE_MARK in blanked[start:end]:
        return None
    authors = found.group("authors")
    after_start = found.end("authors") if authors else end
    return TitleParts(title=title, after=blanked[after_start:],
                      authors_text=work[found.start("authors"):found.end("authors")]
                      if authors else "",
                      title_start=start, title_end=end, series=True)


# ---- law-review articles: Bluebook --------------------------------------------------------

_LAW_JOURNAL = compile_lazily(
    # each name opens with no space, and at most 9 names: one way to split the names, so a
    # long run of commas that is no article fails at once (the old pattern backtracked for
    # minutes on a bibliography run together into one line)
    r"^(?P<authors>[^,\"“*_\s][^,\"“*_]{1,79}?(?:,\s*(?:Jr|Sr|II|III)\.?)?"
    r"(?:\s*(?:&|and|,)\s*[^,\"“*_\s][^,\"“*_]{1,59}?){0,8}),\s+"
    r"(?:(?:Note|Comment|Essay|Book Review),\s+)?"
    r"(?P<title>[A-Z\"“*_].{2,300}?),\s+\d{1,4}\s+"
    r"(?P<journal>(?:[A-Z][A-Za-z'’.]*|&|on|of|for|in|the|and)"
    r"(?:\s(?:[A-Z][A-Za-z'’.]*|&|on|of|for|in|the|and))*?)"
    r"\s+\d{1,5}(?:,\s*\d[\d,–-]*(?:\s*nn?\.\s*\d+)?)?\s*\("
)
_DESIGNATION = compile_lazily(r",\s*(?:Note|Comment|Essay|Book Review)$")  # student work's mark
_JOURNAL_WORD = compile_lazily(r"(?:^|\s)(?:L\.|J\.|Rev\.|Q\.|Law|Journal|Review|L\.J\.|"
                               r"L\.\s?Rev\.)|L\.J\.|L\.Q\.")


def _may_name_a_journal(text: str) -> bool:
    """A cheap look before `_LAW_JOURNAL`: a word of `_JOURNAL_WORD` somewhere."""
    return "L." in text or "J." in text or "Q." in text or "Rev." in text or "Law" in text \
        or "Journal" in text or "Review" in text


def read_law_review(work: str, blanked: str) -> TitleParts | None:
    """A law-review article in Bluebook form: authors, title, volume, journal, first page
    (and pin), year in brackets; the journal is the container:

    ``Jane Roe, The Limits of Tides, 96 Harbor L.J. 461, 470 (2008).``
    """
    if "(" not in work or " v. " in work[:120] or not _may_name_a_journal(blanked):
        return None
    found = _LAW_JOURNAL.match(blanked)
    if not found or not _JOURNAL_WORD.search(found.group("journal")):
        return None
    authors = _DESIGNATION.sub("", found.group("authors").strip())
    if not parse_authors(authors) and not is_organisation(authors):
        return None
    start, end = found.span("title")
    title = work[start:end].strip().strip("*_\"“”").rstrip(",")
    return TitleParts(title=title, before=work[:found.start("title")],
                      after=blanked[found.end("journal"):], authors_text=authors,
                      container=found.group("journal"), title_start=start, title_end=end)


# ---- newspapers, magazines and web pages in Bluebook form ----------------------------------

# "N.Y. TIMES", "Wash. Post", "Milwaukee J. Sentinel", "WALL ST. J.": a periodical's name (small
# capitals are printed as capitals), a few capitalised words or abbreviations
_BLUEBOOK_OUTLET = (r"(?P<outlet>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|the|on|and|&)){0,5})")
_BLUEBOOK_PERIODICAL = compile_lazily(
    r"^(?P<head>[^\x00;]{3,400}?),\s+" + _BLUEBOOK_OUTLET +
    r"(?:,\s+(?P<printed>\x00)\s*(?P<page>,\s+at\s+[A-Z]?\d+[A-Z]?(?:[-–]\d+)?)?"
    r"|\s+\((?P<updated>(?:last\s+(?:updated|modified)|updated|posted)\s+)?(?P<online>\x00)\s*\)"
    r"(?:,\s*at\s+\d+)?"
    # a web page: its link (blanked), then when it was visited, no date of its own
    r"|,?\s+\((?:last\s+)?(?:visited|updated|modified)\s+(?P<visited>\x00)\s*\))"
    r"(?:;\s*(?:see\s+)?(?:infra|supra)\b[^;]*)?"  # "; infra note 114": a cross-reference
    r"[\s.,]*$")
# What `_BLUEBOOK_PERIODICAL` needs right before the first date (its head and outlet hold
# none), a look before it: ", " and the outlet's words, then ", " or the bracket ("..., N.Y.
# TIMES, <date>", "..., Harbor Inst. (last updated <date>"); not '"Title," site, <date>' or
# '"Title." *Outlet*, <date>'
_OUTLET_BEFORE_DATE = compile_lazily(
    r",\s+[A-Z][\w'’.&\s-]*(?:,\s*|,?\s*\(\s*(?:[a-z]+\s+){0,2})$")
# What Bluebook prints before a title to say what kind of piece it is: not an author or title
_PIECE_KIND = compile_lazily(
    r"^(?:Editorial|Opinion|Op-Ed|Letter to the Editor|Note|Comment|Essay|Book Review|"
    r"Recent Case|Press Release|News Release|Interview|Transcript)$", re.IGNORECASE)
_NAME_SUFFIX = compile_lazily(r"^(?:Jr|Sr|II|III|IV)\.?$", re.IGNORECASE)


def _is_release(kind: str) -> bool:
    """"Press Release", "News Release": a body's announcement, the body named next."""
    return kind.lower().endswith("release")


def read_bluebook_periodical(work: str, blanked: str) -> TitleParts | None:
    """A newspaper or magazine piece, or a web page, in Bluebook form: the authors (if any),
    the kind of piece (``Editorial``, ``Press Release, Issuer``), the title unmarked, the
    periodical or site, then its date (and the page: ``at A22``) or its date in brackets
    before the link (``last updated`` is the page's own date):

    ``Jane Roe, Tides Turn, N.Y. TIMES, Oct. 7, 2014, at A22.`` /
    ``Editorial, A Long Wait, Harbor J. Sentinel, Aug. 2, 2014, at 8A.`` /
    ``Tide Tables, Harbor Inst. (last updated Sept. 9, 2013), http://...`` /
    ``Press Release, Dep't of Harbors, Harbor Opens (Feb. 10, 2014), http://...`` /
    ``Tide FAQ, HARBOR DEP'T OF PORTS, http://... (last visited Mar. 3, 2015)`` (no date);
    an organisation before the title is its author (``Harbor Rights Campaign, Tide FAQ,
    HRC, http://...``).
    """
    if DATE_MARK not in blanked or ", " not in work or (" v. " in work and _CASE_CITED.search(
            work)):
        return None
    if work[1:2] == "." and _AUTHORS_SENTENCE[0].match(blanked):
        return None  # "M. Gupta and P. Banerjee. Title. ...": a full stop after the authors
    release = _RELEASE.match(blanked) if "elease, " in work[:16] else None
    if release:  # "Press Release, Dep't of Harbors, <a long title> (Feb. 10, 2014), URL"
        start, end = release.span("title")
        return TitleParts(title=work[start:end].strip(), authors_text=release.group("issuer"),
                          after=blanked[end:], title_start=start, title_end=end)
    if not _OUTLET_BEFORE_DATE.search(blanked, 0, blanked.find(DATE_MARK)):
        return None
    found = _BLUEBOOK_PERIODICAL.match(blanked)
    if not found:
        return None
    date_at = found.start("printed") if found.group("printed") else found.start(
        "online") if found.group("online") else found.start("visited")
    date_text = work[date_at:date_at + 20]
    if not LETTER.search(date_text[:4]) and not found.group("updated") \
            and not found.group("visited"):
        return None  # a year alone: a book's publisher and year, not a periodical's issue
    outlet = found.group("outlet").strip()
    if found.group("printed") and not (
            found.group("page") or is_known_outlet(outlet.rstrip("."))
            or _ABBREVIATED_OUTLET.search(outlet) or outlet.isupper()):
        return None  # "Title, Harbour Press, May 2001": a publisher, not a periodical
    chunks = [chunk.strip() for chunk in work[:found.end("head")].split(", ")]
    authors: list[str] = []
    kind = ""
    if _PIECE_KIND.match(chunks[0]) and _is_release(chunks[0]) and len(chunks) == 2 \
            and found.group("online"):
        # "Press Release, Dep't of Harbors, Harbor Opens (Feb. 10, 2014)": the issuer, then
        # the title; no site
        start = found.start("outlet")
        return TitleParts(title=outlet, authors_text=chunks[1], after=blanked[found.end("outlet"):],
                          title_start=start, title_end=found.end("outlet"))
    if len(chunks) >= 2 and _PIECE_KIND.match(chunks[0]):
        kind, chunks = chunks[0], chunks[1:]
        if _is_release(kind) and len(chunks) >= 2 and is_organisation(chunks[0]):
            authors, chunks = [chunks[0]], chunks[1:]  # "Press Release, Dep't of X, Title"
    elif len(chunks) >= 2 and _is_person_list(chunks[0]):
        authors, chunks = [chunks[0]], chunks[1:]
        if len(chunks) >= 2 and _NAME_SUFFIX.match(chunks[0]):
            authors[0] = f"{authors[0]}, {chunks[0]}"
            chunks = chunks[1:]
        if len(chunks) >= 2 and _PIECE_KIND.match(chunks[0]):
            chunks = chunks[1:]  # "Jane Roe, Opinion, Title"
    elif len(chunks) >= 2 and is_organisation(chunks[0]) and not _PIECE_KIND.match(chunks[1]):
        authors, chunks = [chunks[0]], chunks[1:]  # "Harbor Rights Campaign, Tide FAQ, SITE"
    elif len(chunks) == 1 and _is_person_list(chunks[0]) and len(chunks[0].split()) <= 3 \
            and not found.group("updated") and not found.group("visited") \
            and not outlet.isupper():
        return None  # "Jane Roe, Harbor Tides (May 2, 2014)": a name and a title, no site
    title = ", ".join(chunks).strip(" *_\"“”")
    if len(title) < 3 or DATE_MARK in title:
        return None
    start = work.find(title, len(kind))
    return TitleParts(title=title, before="", authors_text=", ".join(authors),
                      container=outlet.rstrip(","),
                      after=blanked[found.end("outlet"):],
                      title_start=start, title_end=start + len(title) if start >= 0 else -1)


_CASE_CITED = compile_lazily(
    r"\sv\.\s[^,]{1,80},\s+(?:\d|No\.)")  # "Roe v. Poe, 12 F.3d", ", No. 1"
_RELEASE = compile_lazily(r"^(?:Press|News)\s+Release,\s+(?P<issuer>[^,\x00]{2,80}),\s+"
                          r"(?P<title>[^\x00]{3,300}?),?\s+\(\x00\s*\)")
_ABBREVIATED_OUTLET = compile_lazily(r"\b(?:[A-Z][a-z]{0,5}\.|[A-Z]\.[A-Z]\.)")


def _is_person_list(text: str) -> bool:
    """"Jane Roe", "Jane Roe & John Poe", "Jane Roe et al.": persons, not a title."""
    if is_organisation(text) or len(text.split()) > 12:
        return False
    persons = parse_authors(text)
    if not persons:
        return False
    words = [word for word in re.split(r"\s+|&|\band\b", text) if word]
    return all(word[:1].isupper() or word in PARTICLES or word in ("et", "al.")
               for word in words)


# ---- a book cited by its editors: "Name (ed.), Title. Subtitle. Place: Publisher, Year" ----

_EDITORS_FIRST = compile_lazily(
    r"^(?P<lead>[^()\"“«]{0,80}?(?:\bin|\bsee|\bSee|\bin)\s*:\s+)?"
    r"(?P<authors>[A-ZÀ-ÖØ-Þ][^(),;:\"“«\x00]{2,120}?)\s+\((?:eds?|Hrsg|hrsg|Hg|hg|red|dir|"
    r"comps?|éds?)\.?\),\s+(?P<title>[^\"“«]{3,300}?)"
    # where the title ends: the place and publisher, the publication brackets, or the date
    r"(?=[.,]\s+[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ /-][A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}:\s+[A-ZÀ-ÖØ-Þ]|\s\(|"
    r",\s+\x00|\.?$)")


def read_editors_first(work: str, blanked: str) -> TitleParts | None:
    """A book cited by its editors, marked ``(ed.)`` after their names (``(eds.)``,
    ``(Hrsg.)``, ``(red.)``, ``(dir.)``), the title unmarked, perhaps with a subtitle after a
    full stop, then the place and publisher:

    ``Jane Roe (ed.), Harbour Songs. Ballads of the Coast. München: Beck, 1977, p. 230.`` ->
    ``Harbour Songs. Ballads of the Coast``, editors ``Jane Roe``.
    """
    if "(" not in work or ".)," not in work:
        return None
    found = _EDITORS_FIRST.match(blanked)
    if not found:
        return None
    authors = found.group("authors").strip()
    if not parse_authors(authors):
        return None
    start, end = found.span("title")
    if work[start] in "*_" or ITALIC.search(work, start, end):
        return None  # an italic title: `read_italic_title`
    title = work[start:end].strip().rstrip(".")
    # what follows is the book's imprint, edition and pages: no container (the book is one)
    return TitleParts(title=title, before=work[:found.end("authors")],
                      authors_text=authors, after="", title_start=start,
                      title_end=start + len(title))


# ---- a link's label, a list's post -------------------------------------------------------

_LINK_LABEL = compile_lazily(r"^\s*(?P<label>[^:;()\"“”«»]{3,150}?)\s*:\s*$")
_LIST_POST = compile_lazily(
    r"^\s*(?P<container>[\w.'’-]+(?:\s[\w.'’-]+){0,3}?)(?:\s+(?:e-?mail|message|post|thread))?"
    r"\s*\(\s*(?P<title>(?:[^()]|\(\)){3,200}?)\s*\)\s*$"
)


_LIST_POST_ALONE = compile_lazily(
    r"^\s*(?P<container>[a-z][\w.-]*[\w])\s+(?:e-?mail|message|post)\s*$")
_SITE_WORDS = ("blog", "list", "forum", "docs", "documentation", "wiki", "manual", "faq")


def read_link_label(work: str, blanked: str) -> TitleParts | None:
    """A label with a colon before a link, the link read already (``Name: URL``):

    ``PyCon 2003 State of the Union: https://...``
    """
    if not work.rstrip().endswith(":"):
        return None
    found = _LINK_LABEL.match(work)
    if not found:
        return None
    start, end = found.span("label")
    return TitleParts(title=work[start:end], title_start=start, title_end=end)


def read_list_post(work: str, blanked: str) -> TitleParts | None:
    """A mailing list, blog or a project's docs named before the post's (page's) title in
    brackets, then its link; or a list's post with no subject printed:

    ``python-dev email ("Constancy of None") https://...`` / ``Jane's blog ("Tides")`` /
    ``Harbour docs (tides -- Tide tables)`` / ``harbour-dev email https://...``
    """
    if DATE_MARK in blanked:
        return None
    if not work.rstrip().endswith(")"):
        alone = _LIST_POST_ALONE.match(work)
        if alone:
            return TitleParts(container=alone.group("container"))
        return None
    found = _LIST_POST.match(work)
    if not found:
        return None
    container = found.group("container")
    if not (container[:1].islower() or "’s " in container + " " or "'s " in container + " "
            or container.lower().endswith(_SITE_WORDS)):
        return None  # "Title (Person Name)" is the post's title and author
    start, end = found.span("title")
    title = work[start:end].strip()
    if len(title) > 2 and title[0] in "\"'“‘" and title[-1] in "\"'”’":
        title = title[1:-1].strip()
    return TitleParts(title=title, container=container, title_start=start, title_end=end)


# ---- letters: archival correspondence ------------------------------------------------------


# "Interview of Jane Roe", "Memorandum from Jane Roe, Deputy Director, to John Poe",
# "Email, Roe to Poe", "Letter from Roe to Poe", "Testimony of Jane Roe": a record described
_RECORD = compile_lazily(
    r"(?P<kind>Interview|Memorandum|Memo|Letter|E-?mail|Text [Mm]essages?|Messages?|Testimony|"
    r"Declaration|Affidavit|Statement|Transcript|Notes)"
    r"(?:\s+(?P<link>of|with|from|for|by)\s+|,\s+(?=[A-Z]))")
_ROLE = compile_lazily(r"\b(?:Agent|Commissioner|Secretary|Director|Office|Department|Committee|"
                       r"Minister|Ministry|President|Chairman|Chair|Governor|Ambassador|Embassy|"
                       r"Counsel|Attorney|Officer|Staff|Board|Council|Bureau|Agency|Superintendent|"
                       r"Clerk|Mayor|Senator|Representative|Delegation|Consul|General)\b")
_SPEAKER_KINDS = ("testimony", "declaration", "affidavit", "statement")
_WRITER_KINDS = ("memorandum", "memo", "letter", "email", "e-mail", "text", "message")


def read_record(work: str, blanked: str) -> TitleParts | None:
    """A record an investigation cites, described rather than titled, then its date:

    ``Interview of Jane Roe (Jan. 7, 2004) at 3.`` (no author: the investigators'),
    ``Memorandum from Jane Roe, Deputy Director, to John Poe (May 9, 2017).`` (Roe wrote it),
    ``Email, Roe to Poe (June 3, 2016, 10:36 a.m.).``, ``Testimony of Jane Roe, Hearing ...``.
    The title is the description up to the date; the writer (or the speaker) is the author.
    """
    if work[:1] not in "IMLETSDAN" or (found := _RECORD.match(work)) is None:
        return None
    end = _description_end(blanked, found.end())
    if end is None:
        return None
    title = work[:end].rstrip(" ,;")
    kind = found.group("kind").lower()
    writer = None
    if kind.startswith(_SPEAKER_KINDS) and found.group("link") in ("of", "by"):
        writer = title[found.end():].split(",")[0].strip()
    elif kind.startswith(_WRITER_KINDS) and found.group("link") in ("from", None, "by"):
        named = title[found.end():]
        writer = re.split(r",|\s+to\s+", named, maxsplit=1)[0].strip()
    if writer and (_ROLE.search(writer) or not parse_authors(writer)):
        writer = None  # "Letter from Indian Agent to ...": an office, not a person
    return TitleParts(title=title, before="", after=blanked[end:], authors_text=writer or "",
                      title_start=0, title_end=len(title))


def _description_end(blanked: str, start: int) -> int | None:
    """Where a record's description ends: before its date, in brackets or after a comma."""
    date = blanked.find(DATE_MARK, start)
    if date < 0:
        return None
    head = blanked[start:date]
    if len(head) > 240 or any(mark in head for mark in ('"', "“", "*", ";")):
        return None
    cut = date
    while cut > start and blanked[cut - 1] in " (,":
        cut -= 1
    return cut


def read_letter(work: str, blanked: str) -> TitleParts | None:
    """A letter, described by its writer and recipient, then its date and the collection:

    ``Jane Roe to John Poe, Jr., June 1, 1863, Roe-Poe Papers, Harbour Archive.``
    """
    found = letter_head(work)
    if not found:
        return None
    end = found.end("recipient")
    writer = found.group("writer").strip()
    recipient = found.group("recipient")
    if not (parse_authors(writer) or writer[:1] in "\"“") or not (
            recipient.startswith("the ") or parse_authors(recipient.split(" and ")[0])):
        return None
    title = work[:end].rstrip(" ,")
    return TitleParts(title=title, before="", after=blanked[end:], authors_text=writer,
                      title_start=0, title_end=len(title))


# ---- quoted titles: Chicago notes, MLA, Wikipedia (CS1), think-tank endnotes --------------


# "J. Roe, Title, „Periodical”, 2004 nr 12, s. 35": initials and family name, the title
# unquoted, the periodical in quotes, then only its issue, year and page
_QUOTED_PERIODICAL = compile_lazily(
    r"^(?P<authors>(?:[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻ][a-ząćęłńóśźż]?\.\s*(?:[A-ZĄĆĘŁŃŚŹŻ][a-ząćęłńóśźż]?\.\s*)?"
    r"[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻ][\w'’-]+(?:,\s+|\s+(?:i|a|und|et)\s+)){1,4})"
    r"(?P<title>[^,„“”\"«»]{3,300}?(?:,[^,„“”\"«»]{2,200}?)?),\s+[„«\"“](?P<periodical>[^„“”\"«»]{1,80})[”“\"»],\s+"
    r"(?=[^\"„“«]{0,60}(?:\d|\x00))(?:[^\"„“«]{0,60})$")


def read_quoted_periodical(work: str, blanked: str) -> TitleParts | None:
    """An article in Polish (and Czech, Russian) notes: initials and family name, the title
    unquoted (its italics lost), the periodical in quotes, then its issue, year and page:

    ``K. Roe, Porty i przystanie, „Morze i Ląd”, III-2004 nr 12, s. 35.`` -> the title, the
    periodical as container. A quoted title right after the author (``Hans Roe, „Die
    Häfen“, in: ...``) is the title, read by `read_quoted_title`.
    """
    if "„" not in work and "«" not in work:
        return None
    found = _QUOTED_PERIODICAL.match(blanked)
    if not found:
        return None
    start, end = found.span("title")
    title = work[start:end].strip()
    if DATE_MARK in blanked[start:end]:
        return None
    return TitleParts(title=title, authors_text=work[:found.end("authors")].strip(" ,"),
                      container=found.group("periodical").strip(),
                      after=blanked[found.end("periodical") + 1:], title_start=start,
                      title_end=end)


def read_quoted_title(work: str, blanked: str) -> TitleParts | None:
    """A title in double quotes, wherever the note puts it:

    ``Given Family, "Title," *Outlet*, May 5, 2020, URL`` (Chicago note),
    ``Family, Given. "Title." *Outlet*, May 5, 2020.`` (Chicago bibliography, MLA),
    ``"Title," site.com, May 5, 2020.`` (think-tank endnotes),
    ``Family, Given (12 May 2015). "Title". Work. Retrieved 2 March 2020.`` (Wikipedia),
    ``Иванов И. «Название» // Известия`` and ``„Titel“`` (Russian and German quotes).
    """
    if not ("\"" in work or "“" in work or "«" in work or "„" in work):
        return None
    found = _quoted_title(work)
    while found and ((_in_a_sentence(work, found[0]) and not _DATED_TITLE.match(
            blanked, found[1])) or _is_quotation(work, found)
                     or _word_in_a_name(work, found[0], found[1])):
        found = _quoted_title(work, found[1])  # '... remarking that the "phrase." Roe, "Title"'
    if not found:
        return None
    start, end, title = found
    if "'" in work[:start] or "‘" in work[:start]:
        held = _part_before_book(work, blanked, start, end, title)
        if held is not None:
            return held
    return TitleParts(title=title, before=work[:start], after=blanked[end:],
                      title_start=start, title_end=end)


# "..., in S.T. Roe (ed.), "Book"" / ", in "Book"": a book named after "in" (and its editors)
_IN_EDITED_BOOK = compile_lazily(
    r",?\s+in:?\s+(?:[^,()\"“«]{2,80}?\s*\((?:eds?|hg|hrsg|comps?)\.\)\s*,?\s*)?[\"“«„]?$",
    re.IGNORECASE)


def _part_before_book(work: str, blanked: str, start: int, end: int,
                      book: str) -> TitleParts | None:
    """``J. Roe, 'Part', in S.T. Poe (ed.), "Book" (Press 1982)``: the single-quoted part is
    the title, the double-quoted book after "in" its container."""
    lead = _IN_EDITED_BOOK.search(work, 0, start)
    if lead is None:
        return None
    part = _CURLY_SINGLE.search(work, 0, lead.start()) or _STRAIGHT_SINGLE.search(
        work, 0, lead.start())
    if part is None or work[part.end():lead.start()].strip(" ,"):
        return None
    return TitleParts(title=part.group(1).strip(" ,"), before=work[:part.start()],
                      after=blanked[end:], container=book, chapter=True,
                      title_start=part.start(1), title_end=part.end(1))


_CURLY_SINGLE = compile_lazily(r"(?:^|(?<=[\s(\[]))‘(?=\S)(.{2,400}?)(?<=\S)’(?![^\W_])")
_STRAIGHT_SINGLE = compile_lazily(
    r"(?:^|(?<=[\s(\[]))'(?=[^\s'])(.{2,400}?)(?<=[^\s])'(?=[,.;:]?(?:\s|$))"
)


def read_single_quoted_title(work: str, blanked: str) -> TitleParts | None:
    """A title in single quotes, as Harvard and British styles print it:

    ``Smith, J. (2019) ‘Title’, *Outlet*, 12(3), pp. 45–67.`` /
    ``Smith, J. (2019) 'Title', Outlet, 5 May.``
    """
    for mark, pattern in (("‘", _CURLY_SINGLE), ("'", _STRAIGHT_SINGLE)):
        if mark in work:
            match = pattern.search(work, 0, 800)  # a title starts near the beginning
            if match and _title_position(work, match.start()):
                return TitleParts(title=match.group(1), before=work[:match.start()],
                                  after=blanked[match.end():], title_start=match.start(),
                                  title_end=match.end())
    return None


def _title_position(work: str, start: int) -> bool:
    """A quote opens a title at the start, after the authors or after a date in brackets,
    not in the middle of a sentence nor of a name (``Alternatives to 'outer'``)."""
    before = work[:start].rstrip()
    return not before or before[-1] in ".,:;)]" or (
        len(before.split()) <= 6 and before.rsplit(None, 1)[-1] not in _INSIDE_A_NAME)


# Small words after which a quoted word is part of a longer name: 'Alternatives to "outer"',
# 'Sky pie: a "var" keyword'
_INSIDE_A_NAME = frozenset(("a", "an", "the", "to", "of", "for", "with", "and", "or", "vs.",
                            "versus"))


def _word_in_a_name(work: str, start: int, end: int) -> bool:
    """A quoted word inside a title that goes on around it (``Sky pie: a "var" keyword``):
    a small word before the quote, a lower-case word right after it."""
    lead = work[:start].rstrip().rsplit(None, 1)
    if not lead or lead[-1] not in _INSIDE_A_NAME or not work[start - 1:start].isspace():
        return False
    follow = work[end:end + 2]
    return len(follow) == 2 and follow[0] == " " and follow[1].islower()


def _is_quotation(work: str, found: tuple[int, int, str]) -> bool:
    """A passage quoted from the source, not a title: it trails off ("... Bai Juyi...") or
    follows a colon after running words ("X wrote about him: "...")."""
    start, _, inner = found
    words = len(inner.split())
    before = work[:start].rstrip()
    if (inner.endswith(("...", "…")) and words >= 6) or (
            words > 30 and any(word[:1].islower() for word in before.split()[-3:])):
        return True  # "Roe writes, "<thirty words and more>"": a passage, not a title
    if before.endswith(":"):
        lead = before[:-1].split()
        if len(lead) >= 3 and prose_ratio(lead[-8:]) > 0.3:
            return True
    if inner.isupper() and words <= 4 and work[start + len(inner) + 1:start + len(inner) + 2] \
            == "." and before[-1:] in ".\"”":
        return True  # '... my appreciation. "JANE ROE."': a quoted letter's signature
    if inner.lstrip("[")[:1].islower() and len(before.split()) >= 4:
        last = before.split()[-1]
        if last[:1].islower() or last[-1:] in "”\"":
            # 'three cases "describing the right to ...," but', '... lesbians," "reflect
            # this dynamic."': words quoted in a sentence (a title starts with a capital)
            return True
    last = before[-1:]  # (a verb of saying ends in a letter, or a comma or colon follows it)
    return (last.isalnum() or last in (",", ":", "_")) \
        and SPEECH_BEFORE.search(before[-40:]) is not None


# A quoted title a date follows ("... my summary at "Tides?," June 25, 2013"): a title even
# after running words
_DATED_TITLE = compile_lazily(r"\s*,?\s*\x00")


def _in_a_sentence(work: str, start: int) -> bool:
    """A quotation inside a sentence of commentary, not a title after its authors."""
    if start < 11:
        return False  # fewer than six words before it ("a b c d e f" is 11 characters)
    before = work[:start]
    cut = max(before.rfind('.” '), before.rfind('." '), before.rfind(". "), before.rfind("; "),
              before.rfind(".’ "))
    lead = before[cut + 1:].split() if cut >= 0 else before.split()
    return len(lead) >= 6 and prose_ratio(lead[-12:]) > 0.5 and not (
        lead[-1].endswith(",") and lead[-1][:1].isupper())  # "... from Poe, "Title""


def _quoted_title(work: str, begin: int = 0) -> tuple[int, int, str] | None:
    """(start, end, title) of the first quoted title from `begin`: from its opening quote to
    the matching closing one, allowing quotes nested inside the title."""
    quotes = QUOTE_CHARS.finditer(work, begin)  # one scan: the opening quote, then the rest
    for first in quotes:
        if first.group(0) not in "”»":
            break
    else:
        return None
    opener = first.group(0)
    depth = 0
    last_close = -1
    length = len(work)
    for match in quotes:
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
    if len(inner) < 2 or not (inner[0].isalpha() or LETTER.search(inner)):  # (most open so)
        return None
    return start, close + 1, inner


# ---- author, then date: APA, Chicago author-date -------------------------------------------

_APA = compile_lazily(
    r"^(?P<authors>[^()\"“«]{2,250}?)\s*\((?P<date>\x00\s*[a-z]?|n\.\s?d\.|в печати|forthcoming|"
    r"in press)\)(?:\s*\[[^\[\]]{1,40}\])?[.,]?\s+(?P<rest>\S.*)$",  # "(2009) [1966]."
    re.IGNORECASE,
)
# CS1's editors of the book between the date and the title: "Roe, J. (2009). Poe, A. (ed.)."
_EDITORS_SENTENCE = compile_lazily(
    r"[^()\x00\"“*_\[]{2,200}?\((?:eds?|trans|comps?)\.\)\.\s+(?=\S)",
    re.IGNORECASE)
_AUTHOR_YEAR = compile_lazily(  # (the year after a full stop, or after an initial's comma:
    # "Roe, J. P., Poe, A., 2016. Title")
    r"^(?P<authors>[^()\"“«\x00/]{2,160}?)(?:\.|(?<=\b[A-ZÀ-ÖØ-Þ]\.),)\s+\x00\s*[a-z]?[.,]\s+"
    r"(?P<rest>\S.*)$"
)


def read_apa(work: str, blanked: str) -> TitleParts | None:
    """APA and Harvard without quotes: the date in brackets after the authors, the title the
    next sentence (or italics):

    ``Family, G. (2020). Title of the work. Publisher.`` /
    ``World Bank (2019) *Title*. Washington, DC: World Bank.`` / ``Smith, J. (n.d.). Title.`` /
    ``Gent, I. P., & Walsh, T. (1994a). Title.`` (a second work of the year)
    """
    if "(" not in work:
        return None
    apa = _APA.match(blanked)
    return _author_first_parts(apa, work, blanked) if apa else None


def read_chicago_author_date(work: str, blanked: str) -> TitleParts | None:
    """Chicago author-date: the year as a sentence of its own after the authors:

    ``Cooley, Alexander. 2012. Great Games, Local Rules. New York: Oxford University Press.``
    """
    if DATE_MARK not in blanked[:260]:
        return None
    author_year = _AUTHOR_YEAR.match(blanked)
    return _author_first_parts(author_year, work, blanked) if author_year else None


def _author_first_parts(found: re.Match[str], work: str, blanked: str,
                        authors_text: str | None = None) -> TitleParts | None:
    """The title after a matched group of authors: italics, or the first sentence (the
    authors as read from the group, or `authors_text` when the reader wrote them out)."""
    authors = found.group("authors").strip()
    if authors_text is not None:
        authors = authors_text
    elif DIGIT.search(authors) or not (
            parse_authors(authors) or is_organisation(authors.rstrip(".")) or family_name(authors)):
        return None
    rest_start = found.start("rest")
    if "(" in blanked[rest_start:rest_start + 200]:
        editors = _EDITORS_SENTENCE.match(blanked, rest_start)
        if editors and parse_authors(blanked[rest_start:editors.end()].split("(")[0]):
            rest_start = editors.end()
    if blanked[rest_start] in "*_":
        italic = ITALIC.match(work, rest_start)
        if italic:
            return TitleParts(title=italic.group(2), before=work[:rest_start],
                              after=blanked[italic.end():], italic_title=True,
                              authors_text=authors, title_start=italic.start(),
                              title_end=italic.end())
    spans = sentence_spans(blanked, rest_start, len(blanked))
    if not spans:
        return None
    start, end = spans[0]
    if len(spans) > 2 and _is_subtitle(blanked, spans[1], spans[2]):
        end = spans[1][1]  # "Title. Subtitle. Journal 28, 1-10": the subtitle is the title's
    if DATE_MARK in blanked[start:end]:
        closing = _DATE_ENDS_SENTENCE.search(blanked, start, end)
        if closing:  # "Roe (2007). Survey from 1995 to 2005. Journal 33": a title's last year
            end = closing.end()
        opening = _STOP_BEFORE_DATE.search(blanked, start, end)
        if opening:  # "ROE, Jane. Titre. 1996.": the date a sentence of its own
            end = opening.start() + 1
    if blanked[rest_start - 2:rest_start] == ", ":
        # "Roe, J., 2010, Title, Journal, 3, 257": after the year's comma, the title ends at
        # the comma before the journal and its numbers (in the same sentence)
        comma = _top_level_comma(blanked, start, end)
        if comma > start and DIGIT.search(blanked, comma, end):
            end = comma
    held = _IN_COLON.search(blanked, start, end)
    if held:  # "Roe: Lotsen im Sund, in: Poe (Hrsg.): Die Häfen, München 2005": a chapter
        end = held.start()
    imprint = _IMPRINT_AFTER.search(work, start, end)
    if imprint:  # "Roe: Häfen, Frankfurt am Main: Suhrkamp 1990": the title ends at the place
        end = imprint.start()
    pages = _PAGES_SENTENCE.search(blanked, start, end)
    if pages:  # "Roe (2007). Tide Report. p. 89.": the pages cited are no sentence of the title
        end = pages.start()
    title = work[start:end].rstrip(".")
    return TitleParts(title=title, before=work[:rest_start], after=blanked[end:],
                      authors_text=authors, title_start=start, title_end=end)


_IMPRINT_AFTER = compile_lazily(r"[.,]\s+(?=" + IMPRINT.pattern + ")")
# A journal's name and its volume opening a sentence: "Harbour Review 28, 1-10", "Harbour
# Studies 12(3): 4" (not "Vol. 28", "S. 4", "pp. 1-10": numbers named, no journal)
_JOURNAL_AND_VOLUME = compile_lazily(
    r"(?!(?:Vol|No|Bd|Nr|Jg|Heft|Band|Issue|Volume|Part|S|p|pp)\b)[A-ZÀ-ÖØ-Þ][\w'’.&-]*"
    r"(?:\s(?:[A-ZÀ-ÖØ-Þ][\w'’.&-]*|of|in|for|and|the|de|des|der|für|und|&)){0,8},?\s\d{1,4}\b")


def _is_subtitle(blanked: str, second: tuple[int, int], third: tuple[int, int]) -> bool:
    """The sentence after a title, a subtitle, when the journal and its volume open the one
    after it (``Titel. Fallbericht aus der Schule. Zeitschrift 28, 1-10.``): words only, no
    number or date, no editor, and not a journal's name itself (it is followed by none)."""
    sentence = blanked[second[0]:second[1]]
    words = sentence.split()
    if len(words) < 3 or DIGIT.search(sentence) or DATE_MARK in sentence \
            or words[0] in ("In", "In:", "Ed.", "Eds.", "Trans.", "Hrsg.", "Dans") \
            or len(words[-1].rstrip(".")) < 4 or any(word[-1] == "." for word in words[:-1]):
        return False  # "Herbs Spices Med. Pl. 4", "ACM Trans. Math. Softw., 4": abbreviations
    colon = sentence.find(":")
    if colon >= 0 and len(sentence[:colon].split()) <= 3:
        return False  # "Chicago: University Press.": a place and its publisher
    return bool(_JOURNAL_AND_VOLUME.match(blanked, third[0], third[1]))
# A date (blanked) that ends a sentence, a capital after it: the sentence break that
# `sentence_spans` does not see in the blanked text (it looks for letters before the stop)
_DATE_ENDS_SENTENCE = compile_lazily(r"\x00 *[.?!](?=\s+[A-ZÀ-ÖØ-ÞА-ЯЁ\"“*])")
# ... and a date that opens a sentence after a word's full stop ("Titre. 1996.")
_STOP_BEFORE_DATE = compile_lazily(r"[.?!](?<=[^\W\d_]{2}[.?!])\s+\x00")
_IN_COLON = compile_lazily(r"[,.]\s+(?=in:\s)", re.IGNORECASE)  # ", in: Book" / ". In: Book"
_PAGES_SENTENCE = compile_lazily(r"\.\s+pp?\.\s*[\dxivlc]")


# ---- GOST (Russian) ----------------------------------------------------------------------

_GOST = compile_lazily(r"\s//\s?")
_INITIALS_WORD = compile_lazily(r"(?:[A-ZА-ЯЁ]\.\s?){1,3}")


def read_gost(work: str, blanked: str) -> TitleParts | None:
    """GOST's double slash between the work and what holds it:

    ``Иванов И.И., Петров П. П. Название статьи // Вестник МГУ. 2019. № 3. С. 45–67.``
    """
    if "//" not in work:
        return None
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
    return TitleParts(title=title, before=authors, after="// " + blanked[split.end():],
                      authors_text=authors, title_start=start,
                      title_end=start + len(title) if start >= 0 else -1)


def _is_initials_word(word: str) -> bool:
    return bool(word) and bool(_INITIALS_WORD.fullmatch(word))


# ---- italic titles: books, reports ---------------------------------------------------------

_PLACE_NAME = compile_lazily(r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?")  # "", "Marshall", "New Orleans"
_ISSUE_DATE = compile_lazily(
    r",\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{4}\b)")
# "*Book*, ed. Jane Roe (...)": the editors of a book cited with no author before its title
_EDITED_BY = compile_lazily(
    r"^,?\s*(?:eds?\.|edited\s+by|hrsg\.\s+v(?:on|\.)|herausgegeben\s+von)\s+"
    r"(?P<names>(?:[^(),;.\x00]|(?<=\b[A-Z])\.|,(?=\s+(?:and\s+)?[A-Z][a-z]))+)")
_PART_NAME = compile_lazily(
    r"[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){1,8}\s+(?:interview|testimony|narrative|"
    r"letter|diary|statement|speech|deposition)s?")
_PART_WORDS = r"(?:interview|testimony|narrative|letter|diary|statement|speech|deposition)s?"
# "(Quotes from) Allen Roe interview in Jane Poe, ed., *Book*": a part of a book its editor
# is named before; the part's name is the capitalised words before its kind
_PART_IN_EDITED = compile_lazily(
    r"(?P<part>(?:[A-Z][\w'’.-]*\s+){1,4}" + _PART_WORDS + r")\s+in\s+"
    r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+,?\s+(?:eds?|comps?)\.,?\s*$")
_PART_AT_END = compile_lazily(
    r"(?:^|(?<=\s))(?P<part>(?:[A-Z][\w'’.-]*\s+){1,4}" + _PART_WORDS + r")$")
_IN_PLACE = compile_lazily(r"(?:^|\s)in\s+(?:the\s+)?(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+)?$")
_IN_BEFORE = compile_lazily(r"(?:^|[,.]\s*|\s)in:?$", re.IGNORECASE)
_IN_END = compile_lazily(r"(?:,\s*|\s+)in:?\s*$", re.IGNORECASE)


def read_italic_title(work: str, blanked: str) -> TitleParts | None:
    """An italic title (a book or report), or an italic outlet with no title before it:

    ``Given Family, *Title* (Place: Publisher, 2010), 45`` /
    ``Family, Chapter title, in *Book*, ed. Name (Place: Publisher, 2018)`` /
    ``*Reuters*, May 5, 2020``
    """
    if not ("*" in work or "_" in work):
        return None
    italic = ITALIC.search(work)
    if not italic:
        return None
    before = work[: italic.start()]
    after = blanked[italic.end():]
    name = italic.group(2).strip()
    stripped_before = before.strip(" ,.;:")
    if stripped_before and _IN_BEFORE.search(stripped_before):
        # "Author, Chapter title, in *Book*": the title is unmarked, the italic the book
        head = _IN_END.sub("", before.rstrip())
        chunks = [c.strip() for c in head.split(",") if c.strip()]
        if len(chunks) >= 2:
            return TitleParts(title=", ".join(chunks[1:]), before=chunks[0], after=after,
                              container=name, container_is_italic=True, chapter=True)
        part = _PART_AT_END.search(chunks[0]) if len(chunks) == 1 else None
        if part and (_PART_NAME.fullmatch(chunks[0]) or not part.start()
                     or chunks[0][:part.start()].split()[-1][:1].islower()):
            # "Elvira Roe interview in *Harbour Narratives*": a part named in its book
            return TitleParts(title=part.group("part"), after=after, container=name,
                              container_is_italic=True, chapter=True)
    if stripped_before and before.rstrip().endswith(","):
        part = _PART_AT_END.match(stripped_before)
        if part:  # "Manning interview, *Harbour Narratives*, 12": a part cited short
            return TitleParts(title=part.group("part"), after=after, container=name,
                              container_is_italic=True, chapter=True)
    if " in " in before:
        part = _PART_IN_EDITED.search(before)
        if part:
            return TitleParts(title=part.group("part"), after=after, container=name,
                              container_is_italic=True, chapter=True)
    if (not stripped_before and is_known_outlet(name)) or (
            (_PLACE_NAME.fullmatch(before.strip()) or _IN_PLACE.search(before))
            and _ISSUE_DATE.match(work, italic.end())):
        # "*Reuters*, May 5, 2020", "Marshall *Republican*, October 7, 1864", "the article
        # in Marshall *Republican*, July 5, 1862": a newspaper (and its town) with the
        # issue's date, no article title
        return TitleParts(title=None, before="", after=after, container=name,
                          container_is_italic=True)
    authors_text = None
    if not stripped_before and "ed" in after[:24]:
        editors = _EDITED_BY.match(after)
        if editors and parse_authors(editors.group("names").strip()):
            # the edited book itself: its editors stand as its authors
            authors_text = editors.group("names").strip()
            after = after[editors.end():]
    return TitleParts(title=name.rstrip(".,"), before=before, after=after, italic_title=True,
                      authors_text=authors_text, title_start=italic.start(),
                      title_end=italic.end())


# ---- author, colon, title: German and French books -----------------------------------------

_AUTHOR_COLON = compile_lazily(
    r"^(?P<authors>(?:[^:.\"“«„*_()\[\]\x00]|(?<=\b[A-ZÄÖÜÉА-ЯЁ])\.){2,120}?"
    r"(?:\s*\((?:Hrsg|Hg|ed|eds|dir|ред)\.\))?)(?:\s+\x00\s*)?\s?:\s+(?P<rest>[A-ZÄÖÜÉА-ЯЁ\"„“«*_]\S.*)$"
)


def read_author_colon(work: str, blanked: str) -> TitleParts | None:
    """The authors, a colon, the title as a sentence, then place (publisher) and year:

    ``Müller, Hans: Häfen und Gezeiten. Berlin 1998, S. 45.`` /
    ``Müller, H. (Hrsg.): Die Häfen der Ostsee. München: Beck, 2005.``
    """
    colon = work.find(":", 0, 130)
    if colon < 2 or blanked[colon - 1].isdigit():  # "Asia Policy 24: 110", not "Roe 2001:"
        return None
    found = _AUTHOR_COLON.match(blanked)
    if not found:
        return None
    authors = found.group("authors").strip()
    short_form = " " not in authors and DATE_MARK not in blanked and bool(
        family_name(authors)) and bool(_SHORT_PAGES.search(blanked.rstrip()))  # "Roe: Häfen, S. 12"
    if any(name.count(",") > 1 for name in re.split(r"\s*[;/]\s*", authors)) \
            or not (parse_authors(authors) or short_form) or _note_author_then_title(authors):
        # "London: Hurst, 2010": a place and its publisher; "Alexander Cooley, Great Games,
        # Local Rules: The New Contest": a title with a colon
        return None
    parts = _author_first_parts(found, work, blanked)
    if parts and short_form and parts.title:
        parts.title = _SHORT_PAGES.sub("", parts.title).strip(" .,") or parts.title
    rest = found.start("rest")
    place = _PLACE_THEN_YEAR.search(blanked, rest, rest + 400)
    if parts and place and place.start() > rest and work[rest] not in "*_\"„“»" \
            and not _IN_COLON.search(blanked, rest, place.start()):
        # "Titel. Untertitel, Kiel ⁴1995" / "Titel, Untertitel, Kiel 1995": the title runs
        # (over its subtitle) to the place and year
        parts.title = work[rest:place.start()].strip(" .,")
        parts.title_start, parts.title_end = rest, place.start()
        last = _LAST_PLACE.search(blanked, place.start(), place.end())
        # the place just before the year tells a book's place ("Kiel/ Lübeck" no outlet)
        parts.after = f", {last.group(0)} {blanked[blanked.find(DATE_MARK, last.end()):]}" \
            if last else blanked[place.start():]
    return parts


_LAST_PLACE = compile_lazily(r"[A-ZÄÖÜ][a-zäöüß]+(?=(?:,\s*u\.\s?a\.)?\s+\x00)")
# ", Kiel 1995", ". Kiel/ Lübeck, u.a. ⁴2004": a German book's place(s) and year (an edition
# printed as a superscript before the year is blanked before)
_PLACE_THEN_YEAR = compile_lazily(
    r"[.,]\s+[A-ZÄÖÜ][a-zäöüß]+(?:\s[a-z]{2,3}\s[A-ZÄÖÜ][a-zäöüß]+)?(?:\s?/\s?[A-ZÄÖÜ][a-zäöüß]+)*"
    r"(?:,\s*u\.\s?a\.)?\s+\x00 {3}(?![–-]| {5})")  # a year, not a title's range of years


_LIST_JOINS = compile_lazily(r"[;/&]|\s(?:and|und|et|u\.)\s")


def _note_author_then_title(authors: str) -> bool:
    """"Jane Roe, Harbour Songs" before a colon: a note's author (given name first), then
    the title's first words; this shape inverts one name only ("Roe, Jane:") or joins
    several ("Roe/Poe:", "Roe und Poe:")."""
    if "," not in authors or _LIST_JOINS.search(authors):
        return False
    head = authors.split(",", 1)[0].split()
    return len(head) > 1 and not any(word.lower() in PARTICLES for word in head)


# ---- authors as initials: GOST books, Vancouver --------------------------------------------

_INITIALS_AUTHORS = compile_lazily(
    r"^(?P<authors>[A-ZА-ЯЁ][\w'’-]+\s+(?:[A-ZА-ЯЁ]\.\s?){1,3}"
    r"(?:,\s*[A-ZА-ЯЁ][\w'’-]+\s+(?:[A-ZА-ЯЁ]\.\s?){1,3})*)\s*"
    # not "Donald J. Trump (@...)" or "Sheila A. Smith, ...": a given name, an initial and
    # the family name, which a comma or a bracket follows
    r"(?![^\s,.(]+\s*[,(.])(?P<rest>[A-ZА-ЯЁ«\"“*]\S.*)$"
)
_VANCOUVER_AUTHORS = compile_lazily(
    r"^(?P<authors>[A-ZА-ЯЁ][a-zа-яё][\w'’-]*\s+[A-ZА-ЯЁ]{1,3}"
    r"(?:,\s*[A-ZА-ЯЁ][a-zа-яё][\w'’-]*\s+[A-ZА-ЯЁ]{1,3})*(?:,?\s+et\s+al)?)\.\s+"
    r"(?![^\s,.(]+\s*[,(.])(?P<rest>[A-ZА-ЯЁ«\"“*]\S.*)$"  # not "Donald J. Trump, ..."
)
# ... the same, in Latin letters, where a family name may have a particle and the list opens
# with no stop in its first 40 characters: "van Dyke C, Roe JA, Poe A, Moe B, et al. Title"
_VANCOUVER_REST = r"(?P<rest>(?![A-ZÀ-ÖØ-Þ]\.)[A-ZÀ-ÖØ-Þ«\"“*].*)$"  # (a title may open "A ")
_VANCOUVER_LIST = compile_lazily(rf"^(?P<authors>{VANCOUVER_LIST})[.:]\s+{_VANCOUVER_REST}")
_VANCOUVER_ONE = compile_lazily(  # (not "Donald J. Trump, ...")
    rf"^(?P<authors>{VANCOUVER_AUTHORS})[.:]\s+(?![^\s,.(]+\s*[,(.]){_VANCOUVER_REST}")
# ... and the year after the list, a comma before it: "Roe M, Poe G, 2011. Title. Journal"
_VANCOUVER_YEAR = compile_lazily(
    rf"^(?P<authors>{VANCOUVER_ANY}),\s+\x00\s*[a-z]?[.:]\s+"
    + _VANCOUVER_REST)


def read_initials_authors(work: str, blanked: str) -> TitleParts | None:
    """Family names with initials after them, then the title as a sentence:

    ``Иванов И.И., Петров П. П. Название. М.: Наука, 2018.`` (GOST books) /
    ``Lee K, Park JH, et al. Title. Journal. 2019;38(2):201-20.`` (Vancouver) /
    ``Roe M, Poe G, 2011. Title. Journal 69(2): 207-219.`` (the year after the authors)
    """
    if "." in work[:40]:
        initials = _INITIALS_AUTHORS.match(blanked) or _VANCOUVER_AUTHORS.match(blanked) \
            or _VANCOUVER_LIST.match(blanked) or _VANCOUVER_ONE.match(blanked)
    elif work[:1].isalpha() and ", " in work[:30]:  # "Colombel JF, Sandborn WJ, ..."
        initials = _VANCOUVER_LIST.match(blanked) or _VANCOUVER_ONE.match(blanked)
    else:
        return None
    if not initials and ", \x00" in blanked[:300]:
        initials = _VANCOUVER_YEAR.match(blanked)
    if not initials or DATE_MARK in initials.group("authors"):
        return None
    return _author_first_parts(initials, work, blanked)


# French bibliographies: each author a sentence of its own, the family name in capitals, the
# given name after a comma ("DUPONT, Jean-Marie. MARTIN, Eve. Title. Place : Publisher, 2010.")
_CAPITALS_NAME = (r"[A-ZÀ-ÖØ-Þ]{2}[A-ZÀ-ÖØ-Þ'’-]*(?:\s[A-ZÀ-ÖØ-Þ]{2}[A-ZÀ-ÖØ-Þ'’-]*)?,\s+"
                  r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+)?(?:\s[A-ZÀ-ÖØ-Þ]\.)?\.")
_CAPITALS_NAMES = compile_lazily(
    rf"^(?P<authors>{_CAPITALS_NAME}(?:\s+{_CAPITALS_NAME})*)\s+(?P<rest>[A-ZÀ-ÖØ-Þ\"“«*].*)$")
_ONE_CAPITALS_NAME = compile_lazily(
    r"(?P<family>[A-ZÀ-ÖØ-Þ'’ -]+),\s+(?P<given>[^.]+(?:\s[A-ZÀ-ÖØ-Þ]\.)?)\.(?:\s+|$)")


def read_capitals_names(work: str, blanked: str) -> TitleParts | None:
    """Authors as French bibliographies print them, each a sentence: the family name in
    capitals, a comma, the given name; then the title as the next sentence:

    ``DUPONT, Jean-Marie. MARTIN, Eve. Gestes et soins. Paris : Lumière, 2010. 130 p.``
    """
    if not (work[1:2].isupper() and ", " in work[:40]):
        return None
    found = _CAPITALS_NAMES.match(blanked)
    if not found:
        return None
    names = []
    for name in _ONE_CAPITALS_NAME.finditer(found.group("authors")):
        family = name.group("family")
        if family.lower() in ORGANISATION_WORDS or is_known_outlet(family):
            return None  # "REUTERS, London. ...": an outlet and its place
        family = " ".join("-".join(part.capitalize() for part in word.split("-"))
                          for word in family.split())
        names.append(f"{family}, {name.group('given')}")
    if not names or not parse_authors("; ".join(names)):
        return None
    return _author_first_parts(found, work, blanked, authors_text="; ".join(names))


# A reference list's authors as a sentence of their own (patterns.GIVEN_FIRST_AUTHORS,
# FULL_NAME_AUTHORS and FAMILY_FIRST_AUTHORS), then the title as a sentence: not another
# initial ("Greg, W. W. A Bibliography ...": "A" is a word)
_REST = r"(?![A-ZÀ-ÖØ-Þ]\.[\s,])(?P<rest>[A-ZÀ-ÖØ-Þ\"“*].*)$"  # (nor "R., 2007")
_AUTHORS_SENTENCE = (  # (the sentence ends with the family name's full stop, or an initial's)
    compile_lazily(
        rf"^(?P<authors>{GIVEN_FIRST_AUTHORS}|{FULL_NAME_AUTHORS})\.\s+{_REST}"),
    compile_lazily(
        rf"^(?P<authors>{FAMILY_FIRST_AUTHORS})\s+{_REST}"),
)


# An author known by one name, as a sentence of its own ("Cicero.", "Homer.")
_ONE_NAME = compile_lazily(
    r"^(?P<authors>[A-ZÀ-ÖØ-Þ][a-zß-ÿ]{2,20})\.\s+(?P<rest>[A-ZÀ-ÖØ-Þ*_\"“].*)$")


def read_one_name_author(work: str, blanked: str) -> TitleParts | None:
    """An author known by one name, the title, then the book's imprint (Place: Publisher,
    Year, or the publisher and year alone), which says the name is its author's and not a
    title's first word:

    ``Cicero. De oratore. Trans. E. W. Sutton. Cambridge: Harvard University Press, 1942.``
    """
    if ". " not in work[:24]:
        return None
    found = _ONE_NAME.match(blanked)
    if not found or not (IMPRINT.search(work, found.start("rest")) or PUBLISHER_YEAR.search(
            work, found.start("rest"))):
        return None
    return _author_first_parts(found, work, blanked)


def read_authors_sentence(work: str, blanked: str) -> TitleParts | None:
    """Authors with initials as a sentence of their own, then the title as the next one:

    ``M. Gupta and P. Banerjee. Automatic data partitioning. In Proceedings of ...`` /
    ``Knopfmacher, A., and Warlimont, R. Distinct degree factorizations. Trans. Amer. ...`` /
    ``Peter Puschner and Anton Schedl. A tool for ... In Proc. of ...`` (full names, two or
    more, or one with a middle initial: `patterns.FULL_NAME_AUTHORS`)
    """
    if ". " not in work[:200]:
        return None
    found = _AUTHORS_SENTENCE[0].match(blanked) or _AUTHORS_SENTENCE[1].match(blanked)
    if not found or DATE_MARK in found.group("authors"):
        return None
    return _author_first_parts(found, work, blanked)


# Family names with their initials, then a comma and the title (geology, older sciences,
# notes): "Roe, J. P., Poe, A. and Moe,K., Title, Journal, v. 13" (each name one way: the
# family name opens with a capital and a small letter, the initials with capitals)
_LIST_NAME = (r"[A-ZÀ-ÖØ-Þ](?:[a-zß-ÿ]|['’][A-ZÀ-ÖØ-Þ])[\w'’-]*,\s*"
              r"(?:[A-ZÀ-ÖØ-Þ]\.(?:\s?-\s?[A-ZÀ-ÖØ-Þ]\.)?\s?){1,3}")
_INITIALS_LIST_COMMA = compile_lazily(
    rf"^(?P<authors>{_LIST_NAME}(?:\s*,?\s*(?:and\s+|&\s+)?{_LIST_NAME})*)\s*,\s+"
    r"(?![A-ZÀ-ÖØ-Þ]\.)(?P<rest>[A-ZÀ-ÖØ-Þ\"“*].*)$")
_INITIAL_NEXT = compile_lazily(r",\s*[A-ZÀ-ÖØ-Þ][a-z]?\.?(?:[\s,]|$)")  # ", V.I.", ", Yu G."


def read_initials_list_comma(work: str, blanked: str) -> TitleParts | None:
    """Family names with initials after them, a comma, then the title: its sentence, or to
    the comma before the journal's volume and pages when they are in the same sentence, or
    to a bracket of publication:

    ``Roe, J. P., Poe, A. and Moe, K., Drilling in the ring structure (abstract). Geology,
    v. 3, p. 9. 1990.`` / ``Roe, J., Drilling in the ring, Geology, v. 3, p. 9, 1990.`` /
    ``Roe, J., Harbour Songs (London: Nord, 1987), 45.``
    """
    if "., " not in work[:60]:
        return None
    found = _INITIALS_LIST_COMMA.match(blanked)
    if not found or DATE_MARK in found.group("authors"):
        return None
    start = found.start("rest")
    end = len(blanked.rstrip(" .;"))
    spans = sentence_spans(blanked, start, end)
    if spans:
        end = spans[0][1]
    comma = _top_level_comma(blanked, start, end)
    if comma > start and (DIGIT.search(blanked, comma, end) or DATE_MARK in blanked[comma:end]):
        end = comma  # "Title, Journal, v. 3, p. 9": the journal in the title's sentence
    bracket = blanked.find(" (", start, end)
    if bracket > start:
        close = blanked.find(")", bracket, end + 1)
        inside = blanked[bracket:close] if close > 0 else blanked[bracket:end]
        if ":" in inside or DATE_MARK in inside:
            end = bracket  # "(London: Nord, 1987)": the imprint
    mark = blanked.find(DATE_MARK, start, end)
    if mark > start:
        end = mark
    while end > start and blanked[end - 1] in " .,":
        end -= 1
    authors = _COMMA_BEFORE_INITIAL.sub(", ", found.group("authors").strip())  # "Moe,K."
    if end <= start or _INITIAL_NEXT.match(blanked, end) or not parse_authors(authors):
        return None  # "Roe, L. V., Poe, V I": a name the list pattern did not take
    return TitleParts(title=work[start:end], before=work[:start], after=blanked[end:],
                      authors_text=authors, title_start=start, title_end=end)


_COMMA_BEFORE_INITIAL = compile_lazily(r",(?=[A-ZÀ-ÖØ-Þ]\.)")


# ---- old-style books: a title, its place and year, no author ------------------------------

# "A Voyage to the Baltic, London, 1751", "Information respecting the harbours. Hamburg, 1851",
# "Annals of Kiel, Hamburg [1802(?)]": the title, then the place with the year after a comma
# or in brackets (not "Annual Report 2019": a title with its year)
_OLD_STYLE_BOOK = compile_lazily(
    r"^(?P<title>[A-Z][^;:()\[\]\x00]{8,250}?)[.,]\s+"
    r"(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:,\s*\x00|\s*\[[^\[\]]{0,12}\])")
_MONTH_WORDS = frozenset(("January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December"))


def read_old_style_book(work: str, blanked: str) -> TitleParts | None:
    """A book cited by its title, its place and its year, with no author (18th- and
    19th-century notes, the author named in the text):

    ``A Voyage to the Baltic Harbours, London, 1751, vol. 2, p. 47.`` /
    ``Information respecting the harbours. Hamburg, 1851, vol. 1.`` /
    ``Annals of the Harbour of Kiel, Hamburg [1802(?)], p. 9.``
    """
    if DATE_MARK not in blanked[:300] or not blanked[:1].isupper():
        return None
    found = _OLD_STYLE_BOOK.match(blanked)
    if not found or found.group("place").split()[0] in _MONTH_WORDS:
        return None
    title = work[found.start("title"):found.end("title")].strip()
    head = title.split(",", 1)[0].strip()
    if len(title.split()) < 3 or parse_authors(head) or parse_authors(title) or (
            "," in title and (family_name(head) or family_names(head))):
        return None  # "Roe, Harbour Songs, London, 1703": an author first
    return TitleParts(title=title, after=blanked[found.end("place"):],
                      title_start=found.start("title"), title_end=found.end("title"))


# ---- a title, then its author after "by" ----------------------------------------------------

_TITLE_BY = compile_lazily(
    r"^(?P<title>[A-Z][^;\"“«*_\x00()]{2,200}?),\s+by\s+"
    r"(?P<names>(?:[A-Z][\w'’.-]*|de|van|von|la|le|and|&)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|la|"
    r"le|and|&))*)(?=\s*(?:[,;(]|\.(?:\s|$)|$))")


def read_title_by(work: str, blanked: str) -> TitleParts | None:
    """A title, then its author after "by" (older notes, title pages, technical references):

    ``Legends of the Harbour, by Jane Roe, vol. 2, p. 30.`` /
    ``The Tide Spirits, by J. Roe, in the Harbour Monthly, vol. 5, 1880.``
    """
    if " by " not in work[:260]:
        return None
    found = _TITLE_BY.match(blanked)
    if not found or not parse_authors(found.group("names").rstrip(".")):
        return None
    start, end = found.span("title")
    title = work[start:end].strip()
    if prose_ratio(title.split()) > 0.5:
        return None  # "It was collected, by Jane Roe": a sentence
    names = found.group("names").rstrip(".")
    return TitleParts(title=title, authors_text=names,
                      after=blanked[found.start("names") + len(names):],
                      title_start=start, title_end=end)


# ---- old-style notes: a name, a title or a periodical, then volume and page ------------------

# A locator after a work: its volume, part, series, chapter or page ("vol. ix", "p. 130",
# "pp. 47, 48", "et seq.") or a bare page number
_LOCATOR = compile_lazily(
    r"^(?:(?:vols?|v|no|nos|pt|part|ser|series|ch|chap|bk|book|sec|art|fol|fols|pl|fig|"
    r"p|pp|pag|s|t|tome|bd)\.?\s*[\dxivlcXIVLC]+[a-z]?(?:\s*[-–—]\s*[\dxivlc]+)?"
    r"(?:\s*(?:et\.?\s*seq\.?|ff?\.))?|\d{1,4}(?:\s*[-–—]\s*\d{1,4})?|et\.?\s*seq\.?|ff\.|"
    r"(?:new|2d|3d|\d(?:st|nd|rd|th)|second|third)\s+ser(?:ies|\.)|n\.\s?s|"
    # an edition: "3d ed.", "2nd edition", "rev. ed."
    r"(?:\d{1,2}(?:st|nd|rd|th|d)|first|second|third|new|rev\.)\s+ed(?:ition|n)?)"
    r"(?:\s*\(\x00\s*\))?\.?$",  # "vol. 4 (1887)": a volume with its year; "n.s.": new series
    re.IGNORECASE)
_VOLUME_OR_PAGE = compile_lazily(r"\b(?:vols?|pp?|ser|pt|chap)\.\s*[\dxivlcXIVLC]", re.IGNORECASE)
_PLACE_CHUNK = compile_lazily(r"(?:New|San|Los|St\.|Saint|Fort|Port|Le|La)?\s?[A-Z][a-z]+")
# A periodical's or a society's series by its name: abbreviated ("Coll. Minn. Hist. Soc.",
# "Proc. Harb. Soc.") or with a periodical's word ("Harbour Antiquarian", "Journal of ...")
_SERIES_WORD = compile_lazily(
    r"\b(?:Journal|Jour\.|Proceedings|Proc\.|Transactions|Trans\.|Magazine|Mag\.|Review|"
    r"Monthly|Quarterly|Antiquarian|Anthropologist|Science|Nature|Bulletin|Bull\.|Annals|"
    r"Memoirs|Mem\.|Collections|Coll\.|Archives|Gazette|Register|Zeitschrift|Revue|"
    r"Mittheilungen|Mitteilungen|Archiv)\b")
_POSSESSIVE_TITLE = compile_lazily(
    r"^(?:(?:Mr|Mrs|Dr|Prof|Rev)\.\s+)?(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)['’]s\s+"
    r"(?P<title>[A-Z].{2,200})$")


_BACK_REFERENCE = compile_lazily(r"(?:ibid|ibidem|op\.?\s*cit|loc\.?\s*cit|id)\b", re.IGNORECASE)
# "from the ninth volume of the Harbour Documents": the work is the one named after "of"
_VOLUME_OF = compile_lazily(
    r"\b(?:volume|vol\.|part|book)\s+of\s+(?:the\s+)?(?P<name>[A-Z][^,]{2,120})$")


_STOP_BEFORE_LOCATOR = compile_lazily(
    r"(?<=[\divxlcIVXLC])\.(?=\s+(?:vols?|pp?|no|pt|ser)\.\s*[\dxivlcXIVLC])")
_HELD_IN_LEAD = compile_lazily(r"^(?:in|see)\s+(?:the\s+)?(?=[A-Z])", re.IGNORECASE)
_REPORT_TITLE = compile_lazily(r"\b(?:Report|Proceedings|Transactions|Memoirs|Bulletin)\b")


def read_volume_note(work: str, blanked: str) -> TitleParts | None:
    """An old-style note: an author (or none), a title or a periodical, maybe the place and
    year, then the volume and page; a periodical cited alone is the container:

    ``Roe, Harbour Tribes, vol. 1, p. 360.`` / ``Roe, Tide Legends, Boston, 1884, p. 93.`` /
    ``Coll. Harb. Hist. Soc., 1885, vol. 5, p. 130.`` / ``Harbour Antiquarian, vol. x, p. 33.``
    / ``Mr. Roe's Tide Legends, p. 30.`` / ``London, 1689, p. 59`` (only the place and
    year of a work the text names: no title, no container)
    """
    if not _VOLUME_OR_PAGE.search(blanked) or any(mark in work for mark in "\"“«*_:;"):
        return None
    if ". " in blanked:  # "Vol. II. p. 229": a full stop between locators reads as a comma
        blanked = _STOP_BEFORE_LOCATOR.sub(",", blanked)
    chunks: list[tuple[int, int]] = []
    start = len(blanked) - len(blanked.lstrip())
    end = len(blanked.rstrip(" ."))
    position = start
    while position < end:
        comma = _top_level_comma(blanked, position, end)
        stop = comma if comma >= 0 else end
        chunks.append((position, stop))
        position = stop + 1
    head = len(chunks)
    located = dated = False
    while head > 1:
        chunk = blanked[chunks[head - 1][0]:chunks[head - 1][1]].strip(" .")
        if _LOCATOR.match(chunk):
            located = True
        elif chunk.replace(DATE_MARK, "").strip(" ,.") == "" or (
                DATE_MARK in chunk and len(chunk.replace(DATE_MARK, " ").split()) <= 1):
            dated = True  # "1885", "November, 1889"
        elif dated and _PLACE_CHUNK.fullmatch(chunk) and head > 2:
            pass  # "Boston, 1884": the place before the year
        else:
            break
        head -= 1
    if not located:
        return None
    if head == 1 and dated and _PLACE_CHUNK.fullmatch(
            blanked[chunks[0][0]:chunks[0][1]].strip()):
        return TitleParts()  # "London, 1689, p. 59": a place in a work the body names
    first_start = chunks[0][0]
    head_end = chunks[head - 1][1]
    text = work[first_start:head_end].strip()
    after = ""  # a place, a year and locators: no outlet or publisher there
    if DATE_MARK in blanked[first_start:head_end] or "(" in text or len(text) > 250 or \
            _BACK_REFERENCE.match(text):
        return None
    volume_of = _VOLUME_OF.search(text)
    if volume_of:  # "Reproduced from the ninth volume of the Harbour Documents"
        return TitleParts(title=volume_of.group("name"), after=after,
                          title_start=head_end - len(volume_of.group("name")),
                          title_end=head_end)
    possessive = _POSSESSIVE_TITLE.match(text)
    if possessive and (parse_authors(possessive.group("name"))
                       or family_name(possessive.group("name"))):
        title = possessive.group("title")
        return TitleParts(title=title, authors_text=possessive.group("name"), after=after,
                          title_start=first_start + possessive.start("title"),
                          title_end=head_end)
    if head >= 2:
        name = work[chunks[0][0]:chunks[0][1]].strip()
        if parse_authors(name) or family_name(name):
            rest_start = chunks[1][0] + len(blanked[chunks[1][0]:head_end]) - len(
                blanked[chunks[1][0]:head_end].lstrip())
            rest = work[rest_start:head_end].strip()
            if rest.startswith("in "):  # "Roe, in Harbour Antiquarian, vol. x"
                return TitleParts(authors_text=name, container=rest[3:].strip(), after=after)
            return TitleParts(title=rest, before=name, authors_text=name, after=after,
                              title_start=rest_start, title_end=head_end)
    if head == 1 and (ABBREVIATED_NAME.fullmatch(text) or _SERIES_WORD.search(text)):
        held = _HELD_IN_LEAD.match(text)  # "In the Harbour Monthly, vol. xii"
        return TitleParts(container=text[held.end():] if held else text.rstrip(), after=after)
    if head == 1 and text[:1].isupper() and len(text.split()) >= 3 and not parse_authors(
            text) and (
            ORGANISATION_WORDS.isdisjoint(text.lower().split()) or _REPORT_TITLE.search(text)):
        # "Harbour Legends of New England, p. 30", "Fifth Annual Report of the Bureau, p. 45"
        return TitleParts(title=text, after=after, title_start=first_start, title_end=head_end)
    return None  # a name alone ("UNCTAD, p. 7"), an organisation first: the unmarked reader's


# ---- an archive's collection cited as a whole --------------------------------------------

_COLLECTION_FIRST = compile_lazily(r"(?:the\s+)?(?P<name>" + COLLECTION.pattern + r")\s*,\s+")


def read_archive_collection(work: str, blanked: str) -> TitleParts | None:
    """A collection of an archive cited as a whole: its name, then (boxes and) the
    repository that holds it; the collection is the title, the repository no container:

    ``Records of the Harbour Board, Harbour State Library and Archives.`` /
    ``Roe Family Papers, Box 3, Harbour Historical Society, Boston.``
    """
    if "apers" not in work[:120] and "ecords" not in work[:120] \
            and "ollection" not in work[:120] and "iles" not in work[:120]:
        return None
    found = _COLLECTION_FIRST.match(blanked)
    if not found or not REPOSITORY.search(blanked, found.end()) or \
            DATE_MARK in blanked[found.start("name"):found.end("name")]:
        return None
    start, end = found.span("name")
    return TitleParts(title=work[start:end], title_start=start, title_end=end)


# ---- no marks at all ---------------------------------------------------------------------

_PUB_PARENS = compile_lazily(r"\(([^()]{0,160}?)\)")
# "Marlene Laruelle, ed., Title": the editor's role between the name and the title
_EDITOR_ROLE = compile_lazily(r"(?:eds?|comps?|trans|hrsg|ред)\.?|editors?|edited", re.IGNORECASE)
_DOCUMENT_NUMBER = compile_lazily(
    r"[A-Z]{2,8}[- ]?\d[\w/.-]*\d[\w]*")  # "GAO-19-123", "R48284"
_REPORT_NUMBER = compile_lazily(
    r"[A-Z]{2,6}-\d{2}-\d{2,5}[A-Z]{0,2}")  # "GAO-19-123", not "COVID-19"
_VOLUME_CHUNK = compile_lazily(r"\s*(?:vol\.?|volume|band|bd\.|heft|no\.|nr\.|tome|том|вып\.)\s*\d",
                               re.IGNORECASE)
_SHORT_PAGES = compile_lazily(
    r"(?:,\s*(?:pp?\.\s*|S\.\s*)?|\s+pp?\.\s*)\d+(?:\s*[–—-]\s*\d+)?(?:n\d+)?\.?$")


# A bibliography entry's author as family name and initials, then the title: "Woolf, D. R.
# Reading History", "Pocock, J. G. A. The Ancient Constitution", "Sartre, J.-P. L'être",
# "Blayney, Peter W. M. The Publication of Playbooks"
_FAMILY_INITIALS = compile_lazily(
    r"(?P<author>[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?,\s(?:[A-Z][a-z]+\s)?"
    r"(?:[A-Z]\.(?:-[A-Z]\.)?\s?){1,3})"
    r"(?<=\.)\s(?=[A-Z0-9“\"‘'À-ÖØ-Þ])")


def read_unmarked(work: str, blanked: str) -> TitleParts:
    """No quotes, no italics, the title found by what is around it:

    ``Author, Title (Place: Publisher, Year), 45`` (Chicago note, italics lost),
    ``Family, Given. Title. Place: Publisher, Year.`` (Chicago bibliography),
    ``Outlet, May 5, 2020`` (an outlet and a date: no title) and ``Site.kz, May 5, 2020``.
    """
    end = len(blanked.rstrip(" .;"))
    start = len(blanked) - len(blanked.lstrip(" .;,"))
    if end <= start:
        return TitleParts()
    main_end = end
    for paren in _PUB_PARENS.finditer(blanked, start, end):  # not "(EBRD)" after a name
        inside = paren.group(1)
        if paren.start() > start and ((":" in inside and not inside[:1].islower())
                                      or DATE_MARK in inside):
            main_end = paren.start()
            break
    initials = _FAMILY_INITIALS.match(work, start, main_end)
    if initials:
        # "Woolf, D. R. Reading History in Early Modern England. Cambridge: ..., 2000": the
        # initials are the author's given names, the title the sentence after them
        title_start = initials.end("author") + 1
        title_end = sentence_spans(blanked, title_start, main_end)[0][1]
        mark = blanked.find(DATE_MARK, title_start, title_end)
        if mark > title_start:
            title_end = mark
        while title_end > title_start and work[title_end - 1] in "., ":
            title_end -= 1
        if title_end > title_start:
            author = initials.group("author")
            return TitleParts(title=work[title_start:title_end], before=author,
                              after=blanked[title_end:], authors_text=author,
                              title_start=title_start, title_end=title_end)
    spans = sentence_spans(blanked, start, main_end)
    if len(spans) >= 2:
        first_start, first_end = spans[0]
        first = work[first_start:first_end].rstrip(".")
        persons = parse_authors(first)
        if len(persons) >= 2 and _title_after_author(first, blanked, spans[1]):
            # "Jane Roe, Harbour Songs. London: Nord, 1987": an author, then the title
            comma = work.index(",", first_start)
            title_start = comma + 1 + len(work[comma + 1:first_end]) - len(
                work[comma + 1:first_end].lstrip())
            return TitleParts(title=work[title_start:first_end].rstrip(". "),
                              before=work[first_start:comma], after=blanked[first_end:],
                              authors_text=work[first_start:comma], title_start=title_start,
                              title_end=first_end)
        if persons or ("," not in first and is_organisation(first)
                       and DATE_MARK not in blanked[spans[1][0]:spans[1][0] + 3]):
            title_start, title_end = spans[1]
            mark = blanked.find(DATE_MARK, title_start, title_end)
            if mark > title_start:
                title_end = mark
            while title_end > title_start and work[title_end - 1] in "., ":
                title_end -= 1
            return TitleParts(title=work[title_start:title_end], before=first,
                              after=blanked[title_end:], authors_text=first,
                              title_start=title_start, title_end=title_end)
        chunk_end = spans[0][1]
    else:
        chunk_end = main_end
    # Comma chunks of the first sentence: head (author or outlet), title, stops.
    chunks: list[tuple[int, int]] = []
    position = start
    while position < chunk_end:
        comma = _top_level_comma(blanked, position, chunk_end)
        stop = comma if comma >= 0 else chunk_end
        chunks.append((position, stop))
        position = stop + 1
    chunks = [(a + len(blanked[a:b]) - len(blanked[a:b].lstrip()), b) for a, b in chunks]
    if len(chunks) > 2 and _NAME_SUFFIX.match(work[chunks[1][0]:chunks[1][1]].strip()):
        chunks[:2] = [(chunks[0][0], chunks[1][1])]  # "Jane Roe, Jr., Title": one name
    if len(chunks) > 2 and DATE_MARK not in blanked[chunks[2][0]:chunks[2][1]] \
            and _is_inverted_name(work, chunks):
        chunks[:2] = [(chunks[0][0], chunks[1][1])]  # "Roe, Jane, Title, Place": one name
    last_name = _last_of_name_list(work, chunks)
    if last_name:  # "Jane Roe, Ann Poe, and John Moe, Title": the authors are one chunk
        chunks[:last_name + 1] = [(chunks[0][0], chunks[last_name][1])]
    head = work[chunks[0][0]:chunks[0][1]].strip().rstrip(".")
    if _DOCUMENT_HEAD.match(head):
        # "Will of Robert Roe of Durrants, Enfield (P.C.C. 1536)", "Report of Provost Marshal
        # about Crimes of Jane Roe, Sr., May 7, 1863": a document named in full, to its date
        mark = blanked.find(DATE_MARK, start, main_end)
        title_end = len(blanked[:mark if mark >= 0 else main_end].rstrip(" ,;"))
        if blanked[title_end - 1:title_end] == "." and not _ABBREVIATED_END.search(
                blanked, max(start, title_end - 4), title_end):
            title_end -= 1
        if title_end > start:
            return TitleParts(title=work[start:title_end], after=blanked[title_end:],
                              title_start=start, title_end=title_end)
    head_is_author = len(chunks) > 1 and DATE_MARK not in blanked[chunks[0][0]:chunks[0][1]] \
        and bool(parse_authors(head) or is_organisation(head)
                 or (family_name(head) and len(head.split()) == 1) or family_names(head))
    if head_is_author:
        title_span: tuple[int, int] | None = None
        for index, (chunk_start, chunk_stop) in enumerate(chunks[1:], start=2):
            chunk = blanked[chunk_start:chunk_stop].strip()
            if title_span is None and (_EDITOR_ROLE.fullmatch(chunk)
                                       or _DOCUMENT_NUMBER.fullmatch(chunk)):
                continue  # "Laruelle, ed., Title", "Office, GAO-19-123, Title"
            if _stops_title(chunk, title_span is not None, main_end == end):
                break
            if title_span is not None and index < len(chunks) and _VOLUME_CHUNK.match(
                    blanked, chunks[index][0]):
                break  # "Title, Series Name, Band 10": the series before its volume
            title_span = (title_span[0] if title_span else chunk_start, chunk_stop)
        if title_span is None:
            if parse_authors(head):
                return TitleParts(before=head, after=blanked[chunks[0][1]:], authors_text=head)
            if INSTRUMENT_NAME.match(head):  # "Convention on ..., signed May 5, 2018"
                return TitleParts(title=head, after=blanked[chunks[0][1]:],
                                  title_start=chunks[0][0], title_end=chunks[0][1])
            # "Reuters, May 5, 2020": an outlet and a date
            return TitleParts(after=blanked[chunks[0][1]:], container=head)
        title_start, title_end = title_span
        title = work[title_start:title_end].strip(" .")
        if _SHORT_PAGES.search(title) and title_end >= main_end - 1:
            title = _SHORT_PAGES.sub("", title)
        return TitleParts(title=title or None, before=head, after=blanked[title_end:],
                          authors_text=head, title_start=title_start, title_end=title_end)
    first_start, first_stop = chunks[0]
    title = work[first_start:first_stop].strip(" .")
    if DATE_MARK in blanked[first_start:first_stop] and len(chunks) == 1:
        return TitleParts(after=blanked)
    if title[:1].islower() and not NAMED_RECORD.match(work, start):
        return TitleParts(after=blanked)  # "the project website at <URL>": prose, no title
    if " " not in title and looks_like_domain(title):
        return TitleParts(after=blanked[first_stop:], container=title)  # "Site.kz, May 5, 2020"
    return TitleParts(title=title or None, after=blanked[first_stop:], title_start=first_start,
                      title_end=first_stop)


_AND_NAME = compile_lazily(r"^(?:and|&)\s+(?P<name>.+)$")


# A family name of one word, and a given name of one word with its initials, if any
_FAMILY_CHUNK = compile_lazily(r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+(?:[-'’][A-ZÀ-ÖØ-Þ][a-zß-ÿ]+)?")
_GIVEN_CHUNK = compile_lazily(r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]{2,}(?:-[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+)?"
                              r"(?:\s[A-ZÀ-ÖØ-Þ]\.){0,2}")


def _is_inverted_name(work: str, chunks: list[tuple[int, int]]) -> bool:
    """"Roe, Jane, Title of the Work, ...", "Roe, Jane A., Title ...": the first two chunks
    one person, family name first (a bibliography's entry), when a title of two words or
    more follows them, with no number (not "Roe, Tides, 45" or "Roe, Häfen, S. 47": short
    forms)."""
    (family_start, family_end), (given_start, given_end) = chunks[0], chunks[1]
    if not (_GIVEN_CHUNK.fullmatch(work, given_start, given_end)
            and _FAMILY_CHUNK.fullmatch(work, family_start, family_end)):
        return False
    third = work[chunks[2][0]:chunks[2][1]]
    if not (third[:1].isupper() or third[:1] in "\"“*_") or len(third.split()) < 2 \
            or DIGIT.search(third):
        return False  # "Roe, Häfen, S. 47": a short form and its page
    return len(parse_authors(work[family_start:given_end])) == 1


def _last_of_name_list(work: str, chunks: list[tuple[int, int]]) -> int:
    """The index of the chunk ``and John Moe`` closing a list of three or more persons
    that opens a Chicago note (``Jane Roe, Ann Poe, and John Moe, Title``), else 0."""
    for index in range(2, min(len(chunks) - 1, 8)):
        last = _AND_NAME.match(work[chunks[index][0]:chunks[index][1]].strip())
        if last is None:
            continue
        names = [work[a:b].strip() for a, b in chunks[:index]] + [last.group("name")]
        if all(_is_one_person(name) for name in names):
            return index
        return 0
    return 0


def _is_one_person(text: str) -> bool:
    """"Jane Roe", "Jeffrey D. Moe": one person's name in natural order."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words) \
        and len(parse_authors(text)) == 1 and not is_organisation(text)


_NAME_CHUNK = compile_lazily(
    r"(?:[A-Z0-9][\w.'’&/-]*|of|and|the|for|on|in|by)(?:\s+(?:[A-Z0-9][\w.'’&/-]*|of|and|the|"
    r"for|on|in|by)){0,6}")
_PART_CHUNK = compile_lazily(r"(?:Vol|Volume|No|Part|Pt|Table|Figure|Series)\b\.?", re.IGNORECASE)


def read_data_source(work: str, blanked: str) -> TitleParts | None:
    """An agency's data set in its database, undated, names only (government reports cite
    their data so): ``U.S. Census Bureau, USA Trade Online, HS Port-Level Data, commodity
    1201`` -> the body as author, ``USA Trade Online`` the container, ``HS Port-Level Data``
    the title; what follows (the item looked up) is neither. ``Harbor Data LLC; commodity
    1201``: the body alone, no title."""
    if DATE_MARK in blanked or "(" in work or "*" in work or "_" in work or \
            QUOTE_CHARS.search(work):
        return None
    semicolon = work.find(";")
    if 0 < semicolon < work.find(",") and work[semicolon + 1:].strip()[:1].islower() and \
            is_organisation(work[:semicolon].strip()):
        # "Harbor Data LLC; commodity 1201": the body whose data it is, no title
        head = work[:semicolon].strip()
        return TitleParts(before=head, authors_text=head, after=blanked[semicolon + 1:])
    commas = [m.start() for m in re.finditer(",", blanked)]
    if len(commas) < 2:
        return None
    head = work[:commas[0]].strip()
    database = (commas[0] + 1, commas[1])
    third_end = commas[2] if len(commas) > 2 else len(blanked.rstrip(" .;"))
    dataset = (commas[1] + 1, third_end)
    names = [work[a:b].strip() for a, b in (database, dataset)]
    if not is_organisation(head) or parse_authors(head) or not all(
            _NAME_CHUNK.fullmatch(name) and not _PART_CHUNK.match(name)
            and len(name.split()) >= 2 for name in names):  # not "Washington, D.C."
        return None
    title_start = dataset[0] + len(work[dataset[0]:dataset[1]]) - len(
        work[dataset[0]:dataset[1]].lstrip())
    title_end = title_start + len(names[1])
    return TitleParts(title=names[1], before=head, authors_text=head, container=names[0],
                      after=blanked[third_end:], title_start=title_start, title_end=title_end)


def _title_after_author(first: str, blanked: str, second: tuple[int, int]) -> bool:
    """"Jane Roe, Harbour Songs" before "London: Nord, 1987": one person named given name
    first, then words that are no person's name (no given name or initial opens them), and the
    next sentence is the book's place and publisher."""
    head, _, rest = first.partition(",")
    words = rest.split()
    if not words or "," in rest or len(parse_authors(head)) != 1 or ";" in first:
        return False
    opener = words[0].rstrip(".").lower()
    if opener in COMMON_GIVEN_NAMES or len(opener) == 1 or opener in PARTICLES:
        return False  # "Jane Roe, John Poe", "Jane Roe, J. Poe": two authors
    place = blanked[second[0]:second[1]].split(",", 1)[0]
    return ":" in place and bool(PLACE_PUBLISHER.match(place))


# Archival documents named by their kind: a will, an inventory, a deed ... of a person
_ABBREVIATED_END = compile_lazily(r"(?:\b(?:Jr|Sr)|\b[A-Z])\.$")
_DOCUMENT_HEAD = compile_lazily(
    r"(?:(?:Nuncupative|Probate)\s+)?(?i:will|inventory|deed|indenture|lease|grant|licence|"
    r"license|inquisition post mortem|administration|marriage settlement|report|contract|"
    r"petition|memorial|minutes|proclamation|message)\s+(?:of|for|to|from|with|:)\s+[A-Z]")


def _top_level_comma(text: str, start: int, end: int) -> int:
    """The next comma not inside brackets: "vote 87 (119th Congress, 2nd Session), URL"."""
    comma = text.find(",", start, end)
    if comma < 0 or "(" not in text[start:comma]:
        return comma
    depth = 0
    for position in range(start, end):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == "," and not depth:
            return position
    return -1


_AREA = compile_lazily(r"(?:[A-Z][a-z]+\s){1,3}(?:County|Parish|Township)")


def _stops_title(chunk: str, have_title: bool, place_possible: bool = True) -> bool:
    """Does this comma chunk end an unmarked title (a date, pages, a publisher, an outlet)?
    `place_possible` is False when the publisher is in parentheses after the title (then
    "Great Games, Local Rules: The New Contest" is all title)."""
    if not chunk:
        return True
    if DATE_MARK in chunk:
        words = chunk.replace(DATE_MARK, " ").split()
        # "Annual Report 2019" and "1960 Census" are titles with a year; "May 5" or "Issue 3,
        # 2019" is not
        if len(words) == 1 and chunk.startswith(DATE_MARK) and not have_title:
            return not words[0][:1].isupper() or bool(NOISE.match(words[0]))
        return have_title or len(words) < 2 or not words[0][:1].isupper() or bool(
            NOISE.match(words[0]))
    if NUMBERS.match(chunk) or NOISE.match(chunk):
        return True
    if have_title and _AREA.fullmatch(chunk):
        return True  # "1960 Census, Santa Clara County": the area the work covers
    if have_title and SERIES_CHUNK.match(chunk):
        return True
    if have_title and _REPORT_NUMBER.fullmatch(chunk):
        return True  # "Title, GAO-19-123, May 2019": the report's number ends its title
    if place_possible and ":" in chunk and PLACE_PUBLISHER.match(chunk) and have_title:
        return True
    if is_known_outlet(chunk) or is_platform(chunk) or looks_like_domain(chunk):
        return True
    return bool(have_title and VOLUME_TAIL.match(chunk) and chunk[:1].isupper())


# The readers, most distinctive shape first; `read_unmarked` last, it always answers.
READERS: tuple[Reader, ...] = (
    read_numbered_report,
    read_law_review,
    read_bluebook_periodical,
    read_editors_first,
    read_link_label,
    read_list_post,
    read_record,
    read_letter,
    read_quoted_periodical,
    read_quoted_title,
    read_single_quoted_title,
    read_apa,
    read_chicago_author_date,
    read_gost,
    read_italic_title,
    read_author_colon,
    read_initials_authors,
    read_capitals_names,
    read_authors_sentence,
    read_initials_list_comma,
    read_one_name_author,
    read_old_style_book,
    read_data_source,
    read_title_by,
    read_volume_note,
    read_archive_collection,
    read_unmarked,
)
