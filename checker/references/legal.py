"""Legal and government citations (Bluebook and the forms CRS and agencies print), found
anywhere in a note: they sit inside commentary as often as alone, several to a note behind
signals (``See, e.g., A; see also B; cf. C``), with parentheticals after them.

`find_legal_citations(text)` runs `FINDERS` in order, one per shape, each a small pure function
with its own cases in tests/test_references_legal.py; where two overlap, the one that starts
first (and so reads more) is kept:

- `find_cases`: ``Wyeth v. Levine, 555 U.S. 555, 565 (2009)``, ``In re Roe, 12 F.3d 34``,
  ``United States v. Roe, No. 1:18-cr-32 (D.D.C. Feb. 16, 2018)``;
- `find_federal_register`: ``Title, 73 Fed. Reg. 49,603 (Aug. 22, 2008)``;
- `find_congressional_documents`: ``H.R. Rep. No. 94-853, at 45 (1976)``, ``122 Cong. Rec.
  5,000 (1976)``, ``Title: Hearing Before the ..., 111th Cong. 15 (2009)``;
- `find_named_acts`: ``Medical Device Amendments of 1976, Pub. L. No. 94-295, 90 Stat. 539``,
  ``Federal Food, Drug, and Cosmetic Act, 21 U.S.C. § 301``;
- `find_code_sections`: ``21 U.S.C. § 360k(a)``, ``21 C.F.R. § 808.1 (2020)``, ``Ark. Code
  Ann. § 9-12-315 (1987)``, ``U.S. Const. art. VI, cl. 2``;
- `find_public_laws`: ``Pub. L. No. 94-295, 90 Stat. 539 (1976)``, ``P.L. 116-283, §3511``;
- `find_instruments`: ``Executive Order 14347``, ``S.Con.Res. 13 (111th Congress)``.

Fields: a case's title is its name, its container the reporter (the database, WL or LEXIS,
for an unreported case; none for a docket number alone), its date the decision year (the full
date for an unreported case); a
regulation's or a state code's edition year is its date, a U.S. Code section has none; an act
by name has its year. "codified (as amended) at ..." is where an act already cited lives, not
another work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from checker.lazypattern import compile_lazily
from checker.model import Reference, ReferenceType
from checker.references.authors import is_organisation, parse_authors
from checker.references.dates import find_dates
from checker.references.patterns import FoundCitation
from checker.references.urls import domain_of, find_urls

# ---- shared pieces -----------------------------------------------------------------------

_LEADING_WORDS = compile_lazily(
    r"^(?:(?:See|see|Cf\.|cf\.|Compare|compare|Accord|accord|Contra|But|but|The|the|In|in|"
    r"Under|under|also|and|with|E\.g\.,?|e\.g\.,?)\s+)+")
_CODIFIED = compile_lazily(r"codified\s+(?:as\s+amended\s+)?(?:at\s+)?\s*$", re.IGNORECASE)
_SECTION_NUMBER = r"\w+(?:[.:-]\w+)*(?:\([\w]{1,4}\))*"  # "360k(a)", "808.1", "9-12-315"
_YEAR_IN = compile_lazily(r"\b(?:1[6-9]|20)\d\d\b")
# Where a title printed before a citation begins: the note's start, a sentence's end, a
# semicolon after a citation, or a signal.
_TITLE_OPENING = compile_lazily(
    r"(?:^|(?<=[a-z0-9)\]”\"]{2}[.])\s+|(?<=[)\d])\s*;\s+|(?<=[.;,:])\s+(?:[Ss]ee(?:\s+also)?|"
    r"[Cc]f\.|[Ss]ee,\s+e\.g\.,|[Ee]\.g\.,)\s+|\b(?:[Ss]ee(?:\s+also)?|[Cc]f\.)\s+)(?=[A-Z\"“])")


def _title_before(text: str, end: int, reach: int = 320) -> tuple[int, str] | None:
    """(start, title) of a title printed just before `end` (``Title, 73 Fed. Reg.``): from
    the last opening (see `_TITLE_OPENING`) within `reach` characters."""
    lead = text[max(0, end - reach):end]
    if not lead.endswith(", ") and not lead.endswith(","):
        return None
    offset = end - len(lead)
    start = 0
    for opening in _TITLE_OPENING.finditer(lead):
        start = opening.end()
    title = lead[start:].rstrip(", ").strip(" *_\"“”")
    if len(title) < 3 or not title[:1].isupper():
        return None
    return offset + start, title


_YEAR_RANGE_END = compile_lazily(r"\b((?:1[6-9]|20)\d\d)\s*[–-]\s*(\d{2}|\d{4})\b")


def _last_year(text: str | None) -> str | None:
    """The year of an edition, the last of a range: ``(2011–12)`` -> ``2012``."""
    found = _YEAR_RANGE_END.search(text or "")
    if found:
        first, last = found.groups()
        return last if len(last) == 4 else first[:2] + last
    return _year(text)


def _year(text: str | None) -> str | None:
    found = _YEAR_IN.findall(text or "")
    return found[-1] if found else None


def _government(title: str | None, raw: str, container: str | None = None,
                date: str | None = None) -> Reference:
    return Reference(title=title, container=container, date=date,
                     type=ReferenceType.GOVERNMENT, raw=raw)


# ---- cases ---------------------------------------------------------------------------------

_PARTY_WORD = (r"(?:[A-Z][\w.'’&/-]*|\([A-Z][\w.'’-]*\)|of|the|and|for|de|du|la|ex|rel\.|&|on|"
               r"in|to|upon|\d{1,4}(?=,))")
# ("Novo A/S", "In re Tide (Ranitidine) Prods. Liab. Litig.", "Seattle Sch. Dist. No. 1,": a
# number ends a name)
_CORPORATE = (r"(?:,\s(?:Inc|Co|Corp|Ltd|L\.L\.C|LLC|L\.P|LP|N\.A|P\.C|S\.A|P\.A|plc|P\.L\.C)"
              r"\.?(?!\w))")  # "Medtronic, Inc."
_PARTY = rf"[A-Z][\w.'’&/-]*(?:\s+{_PARTY_WORD}){{0,13}}?{_CORPORATE}?"
_REPORTER = (r"[A-Z][A-Za-z.'’]*(?:\d[a-z]{1,2})?"
             r"(?:\s(?:[A-Z][A-Za-z.'’]*(?:\d[a-z]{1,2})?|\d(?:d|th)))*?")
_PIN = r"(?:at\s+|¶¶?\s*)?\*?\d(?:[\d–-]|,(?=\d))*(?:\s*(?:&\s*)?nn?\.\s*\d+)?"
_DOCKET = (r"(?:(?:Civ(?:il)?\.?|Crim(?:inal)?\.?)\s+(?:A(?:ct(?:ion)?)?\.?\s+)?|Case\s+|"
           r"Docket\s+)?"
           r"Nos?\.\s*[\w:.-]*\d[\w:.-]*?(?=[,;\s)]|\.?$)")
_CASE = compile_lazily(
    rf"(?<![\w.])(?P<name>(?:In\s+re|Ex\s+parte|In\s+the\s+Matter\s+of)\s+{_PARTY}"
    rf"|{_PARTY}\s+v\.\s+{_PARTY}),\s+"
    rf"(?:(?P<volume>\d{{1,4}})\s+(?P<reporter>{_REPORTER})\s+(?P<page>\d{{1,7}}|_{{2,}})"
    rf"(?!\d|\.\d|\w)|(?P<docket>{_DOCKET}))"
    rf"(?:,\s*(?:\d{{1,4}}\s+{_REPORTER}\s+(?:\d{{1,7}}|_{{2,}})(?!\d|\w)|{_PIN}|"
    rf"slip\s+op\.(?:\s+at\s+\d+(?:[–-]\d+)?)?|{_DOCKET}))*"
    r"(?:\s*\((?P<court>[^()]{0,60}?)\))?"
    # subsequent history: "(7th Cir.), cert. denied, 135 S. Ct. 316 (2014)"
    r"(?:,\s+(?:cert\.\s+(?:denied|granted|dismissed)|aff['’]d|rev['’]d|vacated|"
    r"reh['’]g\s+denied)(?:\s+(?:sub\s+nom\.|on\s+other\s+grounds|in\s+part))?"
    # (and more history: "aff'd, 766 F.3d 648 (7th Cir.), cert. denied, ... (2014)")
    r"(?:[^;()]|\((?![^()]*\d{4}\))[^()]{0,40}\)){0,160}?\((?P<later>[^()]{0,40}?\d{4})\))?"
)
_DATABASES = frozenset(("WL", "U.S. Dist. LEXIS", "U.S. App. LEXIS", "LEXIS"))
_DATABASE_CITE = compile_lazily(
    r"\b(?:19|20)\d\d\s+(WL|U\.S\.\s(?:Dist\.|App\.)\sLEXIS|LEXIS)\s+\d+")


def find_cases(text: str) -> list[FoundCitation]:
    """A court case by its name, then the reporter (and parallel ones) or the docket, the pin
    cite, and the court and date in brackets:

    ``Riegel v. Medtronic, Inc., 552 U.S. 312, 323 (2008)`` -> ``Riegel v. Medtronic, Inc.``,
    ``U.S.``, ``2008``; ``State v. Roe, 301 Ark. 22, 781 S.W.2d 1 (1989)``; ``In re Roe, 12
    F.3d 34 (2d Cir. 1994)``; ``Roe v. Poe, No. 19-cv-1, 2020 WL 12345, at *3 (N.D. Cal.
    Mar. 2, 2020)`` -> no container, ``2020-03-02``; a public-domain citation dates itself:
    ``Roe v. Poe, 2014 WI 96, ¶ 12, 358 Wis. 2d 132`` -> ``WI``, ``2014``.
    """
    if " v. " not in text and "In re " not in text and "Ex parte " not in text:
        return []
    found = []
    for match in _CASE.finditer(text):
        name = match.group("name")
        if not name.startswith(("In re ", "Ex parte ", "In the Matter")):
            name = _LEADING_WORDS.sub("", name)
        name = name.strip()
        if " v. " not in name and not name.startswith(("In re", "Ex parte", "In the Matter")):
            continue
        start = match.end("name") - len(name)
        reporter = (match.group("reporter") or "").strip() or None
        database = _DATABASE_CITE.search(match.group(0))
        if database and (not reporter or reporter in _DATABASES or reporter.endswith("LEXIS")):
            reporter = database.group(1)  # "2020 WL 12345": the database it is printed in
        date = None
        court = match.group("court")
        if court and not _YEAR_IN.search(court) and match.group("later"):
            court = match.group("later")  # "(7th Cir.), cert. denied, ... (2014)": its year
        if court:
            dates = find_dates(court)
            if dates:
                date = dates[-1].iso
                if reporter and not database:
                    date = date[:4]  # a reported case: its decision year
        if date is None and reporter and _PUBLIC_DOMAIN.fullmatch(
                f"{match.group('volume')} {reporter}"):
            date = match.group("volume")  # "2014 WI 96, 358 Wis. 2d 132": the year is its own
        found.append(FoundCitation(start, match.end(), _government(
            name, text[start:match.end()], reporter, date)))
    return found


# A public-domain (medium-neutral) citation: the year, the court's initials, the number
_PUBLIC_DOMAIN = compile_lazily(r"(?:1[89]|20)\d\d [A-Z]{2,4}(?:-[A-Z]{2,4})?")


CASE_SHORT_FORM = compile_lazily(
    rf"(?<![\w.])(?:(?P<name>[A-Z][\w.'’&-]*(?:\s+{_PARTY_WORD}){{0,5}}?),\s+)?"
    rf"(?P<volume>\d{{1,4}})\s+(?P<reporter>{_REPORTER})\s+at\s+\*?\d+")


def find_case_short_forms(text: str) -> list[FoundCitation]:
    """A case cited again by a party's name (or none), volume, reporter and "at" a page;
    `backrefs.py` resolves it to the full citation before it:

    ``Riegel, 552 U.S. at 330`` -> title ``Riegel``, container ``U.S.`` (until resolved);
    ``552 U.S. at 330`` -> no title.
    """
    if " at " not in text:
        return []
    found = []
    for match in CASE_SHORT_FORM.finditer(text):
        name = _LEADING_WORDS.sub("", match.group("name") or "").strip() or None
        start = match.end("name") - len(name) if name else match.start("volume")
        found.append(FoundCitation(start, match.end(), _government(
            name, text[start:match.end()], match.group("reporter").strip())))
    return found


_DOCKET_SHORT_FORM = compile_lazily(
    rf"(?<![\w.])(?P<name>[A-Z][\w.'’&-]*(?:\s+{_PARTY_WORD}){{0,5}}?),\s+No\.\s*[\w:.-]*\d[\w:.-]*,"
    r"\s+slip\s+op\.\s+at\s+\d+(?:[–-]\d+)?(?!\s*\()")


def find_docket_short_forms(text: str) -> list[FoundCitation]:
    """A slip opinion cited again by a party's name, its docket number and a page:
    ``Roe, No. 14-556, slip op. at 24`` -> title ``Roe`` (`backrefs.py` makes it the case
    cited in full before). With its court and date in brackets it is a full citation."""
    if "slip op" not in text:
        return []
    found = []
    for match in _DOCKET_SHORT_FORM.finditer(text):
        name = _LEADING_WORDS.sub("", match.group("name")).strip()
        if " v. " in name or not name:
            continue
        start = match.end("name") - len(name)
        found.append(FoundCitation(start, match.end(), _government(
            name, text[start:match.end()])))
    return found


# The reporters of American cases (Bluebook T1), for a citation printed without its name
_CASE_REPORTER = (r"(?:U\.\s?S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|"
                  r"F\.(?:\s?Supp\.)?(?:\s?(?:2d|3d|4th))?|"
                  r"F\.\s?App[’']x|(?:N\.W|S\.W|N\.E|S\.E|A|P|So)\.(?:\s?(?:2d|3d|4th))?|"
                  r"Cal\.\s?Rptr\.(?:\s?(?:2d|3d))?|B\.R\.|Fed\.\s?Cl\.|T\.C\.)")
UNNAMED_CASE = compile_lazily(
    rf"(?<![\w.,§])(?<!, )(?P<volume>\d{{1,4}})\s+(?P<reporter>{_CASE_REPORTER})\s+"
    rf"(?P<page>\d{{1,7}})(?!\d)(?:,\s*{_PIN})*\s*\((?P<court>[^()]{{0,40}}?)(?P<year>\d{{4}})\)")


# "No. 14-556 (U.S. June 26, 2015)", "No. 14-556, slip op. at 4 (U.S. June 26, 2015)": a case
# by its docket number alone, its name in the body at the marker
UNNAMED_DOCKET = compile_lazily(
    r"^(?:See\s+|see\s+)?No\.\s*[\w:.-]*\d[\w:.-]*(?:,\s*slip\s+op\.(?:\s+at\s+\d+(?:[–-]\d+)?)?)?"
    r"\s*\((?P<court>[^()]{0,40}?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})\)")


def find_unnamed_cases(text: str) -> list[FoundCitation]:
    """A case cited by volume, reporter, page and year alone, its name in the text the note
    hangs on (``505 U.S. 1003 (1992).``, ``84 F.4th 378 (5th Cir. 2023).``): container the
    reporter, date the year, no title (`backrefs.py` gives it the name of the same case cited
    in full before); by its docket number alone (``No. 14-556 (U.S. June 26, 2015).``): no
    container, the full date.
    """
    if "(" not in text:
        return []
    found = []
    docket = UNNAMED_DOCKET.match(text) if text[:1] in "NSs" else None
    if docket:  # a slip opinion: no reporter, the full date
        dates = find_dates(docket.group("court"))
        found.append(FoundCitation(docket.start(), docket.end(), _government(
            None, docket.group(0), None, dates[-1].iso if dates else None)))
    for match in UNNAMED_CASE.finditer(text):
        found.append(FoundCitation(match.start(), match.end(), _government(
            None, match.group(0), " ".join(match.group("reporter").split()),
            match.group("year"))))
    return found


# ---- articles in law reviews and journals ------------------------------------------------

_NAME_WORD = r"(?:Mc|Mac|O['’]|De|La|Le)?[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?"
# "Jane Q. Roe", "J. Harvie Roe III", "Ana de la Roe", "Jane Roe et al."
_NAME = (rf"(?:{_NAME_WORD}|[A-Z]\.)(?:\s+(?:[A-Z]\.|{_NAME_WORD}|de|la|van|von|der|du|da)){{1,3}}"
         r"(?:,?\s+(?:Jr\.|Sr\.|III|II|IV))?(?:\s+et\s+al\.)?")
_DESIGNATION = r"(?:Note|Comment|Essay|Recent Case|Recent Development|Book Review|Article),\s+"
_JOURNAL_WORD = r"(?:[A-Z][\w.'’&:-]*|&|of|on|the|and|in|for)"
_ARTICLE_HEAD = (
    rf"(?<![\w.])(?P<authors>{_NAME}(?:(?:,\s+|\s+&\s+|,\s+&\s+|\s+and\s+){_NAME}){{0,4}}),\s+"
    rf"(?:{_DESIGNATION})?(?P<title>[A-Z\"“‘'][^;]{{2,300}}?)(?:,(?P<close>[”\"])?|[”\"],)\s+")
_ARTICLE = compile_lazily(
    _ARTICLE_HEAD +
    rf"(?P<volume>\d{{1,4}})\s+(?P<journal>[A-Z][\w.'’&:-]*(?:\s+{_JOURNAL_WORD}){{0,9}}?)\s+"
    r"(?:(?P<page>\d{1,6})(?:,\s*\d[\d,–-]*)*(?:\s+nn?\.\s*\d+)?\s*|(?=\())"
    r"\((?:forthcoming\s+)?(?P<year>(?:1[7-9]|20)\d\d)\)")
# A journal numbered by year (Bluebook T13: "2014 Wis. L. Rev. 101, 120"): the volume is the
# year, and no year in brackets follows
_YEAR_VOLUME_ARTICLE = compile_lazily(
    _ARTICLE_HEAD +
    rf"(?P<year>(?:1[89]|20)\d\d)\s+(?P<journal>[A-Z][\w.'’&:-]*(?:\s+{_JOURNAL_WORD}){{0,9}}?)"
    r"\s+(?P<page>\d{1,6})(?:,\s*\d[\d,–-]*)*(?:\s+nn?\.\s*\d+)?"
    r"(?=\s*(?:[.;]|\((?!(?:1[7-9]|20)\d\d\))|$|,\s+(?:https?://|www\.)))")
# What a law review's or journal's abbreviated name holds (Bluebook T13): "L. Rev.", "L.J.",
# "L.Q.", "J.", "Rev.", "Q."
# a journal outside the law in small capitals: one word ("DEMOGRAPHY", "SCIENCE") or
# abbreviated words ("AM. SOC. PSYCH."); not "HARBOR NEWS" (a newspaper has no volume)
_CAPS_JOURNAL = compile_lazily(r"[A-Z]{5,}|[A-Z][A-Z&’']*\.(?:\s+(?:[A-Z][A-Z&’']*\.|&|OF|THE))+")
_JOURNAL_MARK = compile_lazily(r"(?:\bL\.|\bJ\.|\bREV\b|\bRev\b|\bQ\.|\bJOURNAL\b|\bJournal\b|"
                               r"\bREVIEW\b|\bReview\b|\bLAW\b|\bLaw\b|\bPROBS\.|\bProbs\.|"
                               r"\bBULL\.|\bBull\.|\bF\.$|\bFORUM\b|\bForum\b)")


_SUFFIX = compile_lazily(r",?\s+(?:III|II|IV)\b|\s+et\s+al\.")


def _people(text: str) -> list[str]:
    """The authors of a Bluebook citation, "Family, Given", without "III" or "et al."."""
    return list(parse_authors(_SUFFIX.sub("", _LEADING_WORDS.sub("", text))))


def find_law_review_articles(text: str) -> list[FoundCitation]:
    """An article in a law review or journal, Bluebook style: its authors, title, volume,
    the journal's abbreviated name (small capitals come out as capitals), first page, pin
    cite, and year:

    ``Jane Q. Roe & John Poe, Tides and the Common Law, 35 HARBOR L.Q. 1, 19 (2008)`` ->
    ``Tides and the Common Law``, ``Roe, Jane Q.`` and ``Poe, John``, ``HARBOR L.Q.``,
    ``2008``; ``Jane Roe, Note, Harbors, 12 Tide L.J. 5 (1999)``; ``Jane Roe, Tides, 20 J.L.
    & TIDES (forthcoming 2025)``; a journal numbered by year: ``Jane Roe, Tides, 2014 HARBOR
    L. REV. 101, 120.`` -> ``HARBOR L. REV.``, ``2014``.
    """
    year_volume = "L." in text or "J." in text
    if "(" not in text and not year_volume:
        return []
    found = []
    matches = list(_ARTICLE.finditer(text)) if "(" in text else []
    if year_volume:
        matches.extend(match for match in _YEAR_VOLUME_ARTICLE.finditer(text)
                       if not any(other.start() <= match.start() < other.end()
                                  for other in matches))
    for match in matches:
        journal = match.group("journal").strip()
        if not (_JOURNAL_MARK.search(journal) or (_CAPS_JOURNAL.fullmatch(journal) and sum(
                char.isalpha() for char in journal) >= 5)) or " v. " in journal:
            continue
        authors_text = _LEADING_WORDS.sub("", match.group("authors"))
        authors = _people(authors_text)
        if not authors:
            continue
        start = match.end("authors") - len(authors_text)
        title = match.group("title").strip()
        if match.group("close") or match.group(0)[match.end("title") - match.start()] != ",":
            title += "”"  # "“Tides,” 73 ...": the closing quote after the comma
        if title[:1] in "\"“" and title[-1:] in "\"”" and not any(
                quote in title[1:-1] for quote in "\"“”"):
            title = title[1:-1]  # a title quoted whole; "“Background” in Law" keeps its own
        reference = Reference(title=title, authors=list(authors), container=journal,
                              date=match.group("year"), type=ReferenceType.JOURNAL)
        end = _take_trailing_url(reference, text, match.end())
        reference.raw = text[start:end]
        found.append(FoundCitation(start, end, reference))
    return found


_URL_FOLLOWS = compile_lazily(r",?\s+(?:available\s+at:?\s+)?(?=https?://|www\.)")


def _take_trailing_url(reference: Reference, text: str, end: int) -> int:
    """The URL printed right after a citation (``..., 20 J.L. 1 (2025), https://...``) is
    where it is online: it goes to the reference; the citation's end moves past it."""
    gap = _URL_FOLLOWS.match(text, end)
    if gap is None:
        return end
    urls = find_urls(text[gap.end():gap.end() + 1000])
    if not urls or urls[0].start != 0:
        return end
    url = urls[0]
    reference.url, reference.url_as_printed, reference.doi = url.url, url.printed, url.doi
    reference.domain = domain_of(url.url)
    reference.repairs = tuple(url.repairs)
    reference.url_candidates = tuple(url.candidates)
    return gap.end() + url.end


# ---- books and online sources, Bluebook style (small capitals printed as capitals) --------

_CAPS_WORD = r"(?:[A-Z][A-Z.'’&:-]*[A-Z.:]|&|OF|ON|THE|AND|FOR|IN|TO|A)"
_CAPS_RUN = rf"[A-Z][A-Z.'’&:-]*(?:\s+{_CAPS_WORD}){{0,20}}"
# Bluebook's authors: "Jane Roe", "Jane Roe & John Poe", "Jane Roe, Ann Moe & John Poe" (a
# comma only in a list that "&" closes: "Alan Roe, In Harbors, ..." is a name and a title)
_AUTHOR_LIST = rf"{_NAME}(?:(?:,\s+{_NAME}){{0,3}},?\s+&\s+{_NAME})?"
_ONLINE = compile_lazily(
    rf"(?<![\w.])(?P<authors>{_AUTHOR_LIST}),\s+"
    rf"(?P<title>[A-Z\"“‘'][^;]{{2,300}}?),\s+(?P<outlet>{_CAPS_RUN})"
    r"(?:,?\s+\((?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})(?:,\s*\d{1,2}:\d\d(?:\s*[AP]M)?)?\)"
    # a newspaper in print: "HARBOR TIMES, Oct. 6, 2014, at 1A"
    r"|,\s+(?P<printed>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})(?:,\s+at\s+[A-Z]?\d+[A-Z]?)?)")
# the site's name in ordinary letters (small capitals lost): the last comma part before the
# bracketed date is the site, "Jane Roe, Tides, Harbor News (May 26, 2023), https://..."
_ONLINE_PLAIN = compile_lazily(
    rf"(?<![\w.])(?P<authors>{_AUTHOR_LIST}),\s+"
    rf"(?P<title>[A-Z\"“‘'][^;]{{2,300}}?),\s+(?P<outlet>[A-Z][^,;()\"“”]{{1,60}}?)"
    r",?\s+\((?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})(?:,\s*\d{1,2}:\d\d(?:\s*[AP]M)?)?\)"
    r"(?=,?\s+(?:https?://|www\.)|\.?$|;)")
_BOOK = compile_lazily(
    rf"(?<![\w.,])(?:\d{{1,3}}\s+)?(?P<authors>{_CAPS_RUN}(?:\s+&\s+{_CAPS_RUN})?"
    r"(?:,\s+(?:JR|SR)\.|,?\s+(?:II|III|IV)|\s+ET\s+AL\.)?),\s+"
    rf"(?P<title>(?:\d{{4}}\s+)?{_CAPS_RUN}(?:,\s+{_CAPS_RUN})*)(?P<pin>\s+\*?\d[\d,–-]*)?"
    r"(?:\s+\((?P<edition>[^()]{0,40}?)?(?P<year>(?:1[5-9]|20)\d\d)\))?")
# an edited book with no author: "SAME-SEX MARRIAGE AND THE LAW 5 (Jane Roe et al. eds., 2008)"
_EDITED_BOOK = compile_lazily(
    rf"(?<![\w.,])(?P<title>{_CAPS_RUN}(?:,\s+{_CAPS_RUN})*)(?:\s+\*?\d[\d,–-]*)?\s+"
    r"\((?P<editors>[A-Z][^()]{2,100}?)\s+eds?\.,\s+(?:\d+\w{1,2}\s+ed\.\s+)?"
    r"(?P<year>(?:1[5-9]|20)\d\d)\)")
_CAPS_SUFFIX = compile_lazily(r",?\s+(?:JR\.|SR\.|III|II|IV)$|\s+ET\s+AL\.$")  # "ROE, JR."
_ABBREVIATED_BODY = compile_lazily(r"\b[A-Z]{2,}[’'A-Z]*\.(?:\s|$)")  # "CATO INST.", "ASS’N."


def find_online_sources(text: str) -> list[FoundCitation]:
    """A web page, Bluebook style: authors, title, the site in small capitals and the date
    (and time) in brackets, then the URL:

    ``Jane Roe, Tides Rise Again, HARBOR NEWS (May 26, 2023, 4:45 AM), https://...`` ->
    ``Tides Rise Again``, ``Roe, Jane``, ``HARBOR NEWS``, ``2023-05-26``; a newspaper in
    print, ``Jane Roe, Tides, HARBOR TIMES, Oct. 6, 2014, at 1A``; the site in ordinary
    letters when the date in brackets and the URL follow it (``..., Harbor News (May 26,
    2023), https://...``).
    """
    if "(" not in text and not _CAPS_PAIR.search(text):
        return []
    found = []
    matches = list(_ONLINE.finditer(text))
    if "(" in text:
        taken = [(m.start(), m.end()) for m in matches]
        matches.extend(m for m in _ONLINE_PLAIN.finditer(text) if not any(
            a < m.end() and m.start() < b for a, b in taken))
    for match in matches:
        authors_text = _LEADING_WORDS.sub("", match.group("authors"))
        authors = _people(authors_text)
        outlet = match.group("outlet").strip()
        if not authors or (match.re is _ONLINE and sum(c.isupper() for c in outlet) < 2):
            continue
        dates = find_dates(match.group("date") or match.group("printed"))
        start = match.end("authors") - len(authors_text)
        reference = Reference(title=match.group("title").strip().strip("\"“”"),
                              authors=list(authors), container=outlet,
                              date=dates[0].iso if dates else None, type=ReferenceType.WEB)
        end = _take_trailing_url(reference, text, match.end())
        reference.raw = text[start:end]
        found.append(FoundCitation(start, end, reference))
    return found


def find_books(text: str) -> list[FoundCitation]:
    """A book, Bluebook style: (volume,) author and title in small capitals, the page, the
    edition and year in brackets:

    ``2 JANE ROE, HARBOR LAW 226 (6th ed. 2005)`` -> ``HARBOR LAW``, ``ROE, JANE``, ``2005``;
    ``HARBOR INST., HANDBOOK ON TIDES 12 (2001)`` -> author ``HARBOR INST.`` (a body);
    ``JOHN POE, JR., TIDES 3 (1996)`` and ``JANE ROE ET AL., TIDES 3 (2010)``: the suffix
    is not a name; an edited book with no author, ``HARBOR LAW 5 (Jane Roe et al. eds.,
    2008)``: its editors stand as its authors.
    """
    if "," not in text:
        return []
    found = []
    for match in _BOOK.finditer(text):
        if not (match.group("pin") or match.group("year")):
            continue  # "THE HARBOR, THE PORT": neither a page nor a year, no book
        authors_text, title = match.group("authors").strip(), match.group("title").strip()
        if len(title) < 4 or sum(c.islower() for c in title) or not any(
                len(word) > 2 for word in title.split()):
            continue
        names = _CAPS_SUFFIX.sub("", authors_text)
        if _ABBREVIATED_BODY.search(names + " ") or is_organisation(names.title()):
            authors = [authors_text]
        else:
            authors = parse_authors(names.title())
        if not authors:
            continue
        reference = Reference(title=title, authors=list(authors), date=match.group("year"),
                              type=ReferenceType.BOOK)
        end = _take_trailing_url(reference, text, match.end())
        reference.raw = text[match.start():end]
        found.append(FoundCitation(match.start(), end, reference))
    if " eds." in text or " ed.," in text:
        for match in _EDITED_BOOK.finditer(text):
            title = match.group("title").strip()
            if sum(char.islower() for char in title) or len(title) < 4 or any(
                    citation.start <= match.start() < citation.end for citation in found):
                continue
            editors = parse_authors(re.sub(r",?\s+et\s+al\.?$", "", match.group("editors")))
            if editors:  # the editors stand as authors of the book they edited
                found.append(FoundCitation(match.start(), match.end(), Reference(
                    title=title, authors=list(editors), date=match.group("year"),
                    type=ReferenceType.BOOK, raw=match.group(0))))
    return found


# ---- the Federal Register ------------------------------------------------------------------

_FED_REG = compile_lazily(
    r"(?<![\w.])\d{1,3}\s+Fed\.\s?Reg\.\s+\d+(?:,\d{3})*(?:,\s*\d+(?:,\d{3})*(?:[–-]\d+(?:,\d{3})*)?)*"
    r"(?:\s*\((?P<date>[^()]{4,60}?)\))?")


def find_federal_register(text: str) -> list[FoundCitation]:
    """A notice or rule in the Federal Register, its title before the volume:

    ``Premarket Approval of Harbor Devices, 73 Fed. Reg. 49,603, 49,610 (Aug. 22, 2008)`` ->
    that title, container ``Fed. Reg.``, date ``2008-08-22``.
    """
    if "Fed. Reg" not in text and "Fed.Reg" not in text:
        return []
    found = []
    for match in _FED_REG.finditer(text):
        if _CODIFIED.search(text, max(0, match.start() - 40), match.start()):
            continue
        dates = find_dates(match.group("date") or "")
        date = next((d.iso for d in dates if d.kind != "accessed"), None)
        before = _title_before(text, match.start())
        start, title = before if before else (match.start(), None)
        found.append(FoundCitation(start, match.end(), _government(
            title, text[start:match.end()], "Fed. Reg.", date)))
    return found


# ---- congressional documents ---------------------------------------------------------------

_REPORT_NUMBER = compile_lazily(
    r"(?<![\w.])(?P<title>(?:H\.\s?R\.|H\.|S\.)\s?(?:Conf\.\s?|Exec\.\s?)?(?:Rep\.|Doc\.|Prt\.)"
    r"\s?No\.\s?\d{1,3}-\d{1,5})(?:,\s*(?:pt\.\s*\d+,?\s*)?(?:at\s+)?\d[\d,–-]*)?"
    r"(?:\s*\((?P<year>[^()]{0,20}\d{4})\))?")
_RECORD = compile_lazily(
    r"(?<![\w.])\d{1,3}\s+Cong\.\s?Rec\.\s+(?:[HSE]\s?)?\d+(?:,\d{3})*(?:,\s*(?:[HSE]\s?)?\d+(?:,\d{3})*)*"
    r"(?:\s*\((?P<date>[^()]{4,40}?)\))?")
_HEARING = compile_lazily(
    r",\s+\d{1,3}(?:st|nd|rd|th)\s+Cong\.(?:\s+\d[\d,–-]*)?(?:\s*\((?P<date>[^()]{0,40}?\d{4})\))?")


def find_congressional_documents(text: str) -> list[FoundCitation]:
    """Committee reports and documents, the Congressional Record, and hearings:

    ``H.R. Rep. No. 94-853, at 45 (1976)`` -> ``H.R. Rep. No. 94-853``, ``1976``;
    ``122 Cong. Rec. 5,003 (1976) (statement of Sen. Roe)`` -> container ``Cong. Rec.``;
    ``Harbor Safety: Hearing Before the S. Comm. on Commerce, 101st Cong. 12 (1990)`` -> the
    hearing's title, ``1990``.
    """
    if "Rep." not in text and "Doc." not in text and "Prt." not in text \
            and "Cong." not in text:
        return []
    found = []
    for match in _REPORT_NUMBER.finditer(text):
        title = " ".join(match.group("title").split())
        found.append(FoundCitation(match.start(), match.end(), _government(
            title, match.group(0), None, _year(match.group("year")))))
    if "Cong. Rec" in text:
        for match in _RECORD.finditer(text):
            dates = find_dates(match.group("date") or "")
            date = dates[-1].iso if dates else None
            found.append(FoundCitation(match.start(), match.end(), _government(
                None, match.group(0), "Cong. Rec.", date)))
    if "Hearing" in text:
        for match in _HEARING.finditer(text):
            before = _title_before(text, match.start() + 1, reach=400)
            if not before or "Hearing" not in before[1]:
                continue
            start, title = before
            found.append(FoundCitation(start, match.end(), _government(
                title, text[start:match.end()], None, _year(match.group("date")))))
    return found


# ---- reports of the Congressional Research Service ---------------------------------------

_CRS_REPORT = compile_lazily(
    r"(?<![\w.])(?:CRS|Congressional Research Service)\s+(?:Report|In Focus|Insight|"
    r"Legal Sidebar)\s+(?:No\.\s*)?[A-Z]{0,5}-?\d[\w.-]*?,\s+"
    r"(?P<title>[A-Z\"“][^;]{2,300}?)"
    r"(?:,\s+(?:by|coordinated by|edited by)\s+(?P<authors>(?:[^;.()]|(?<=\b[A-Z])\.|"
    r"(?<=\b[JS]r)\.)+?))?"
    r"(?:,\s+(?:at\s+)?\d[\d,–-]*)?(?:,?\s+\((?P<date>[^()]{0,30}\d{4})\))?"
    r"(?=\.?$|(?<!\b[A-Z])\.\s+(?=[A-Z])|;|\)(?!\s*\w))"
)


def find_crs_reports(text: str) -> list[FoundCitation]:
    """A CRS report, insight or sidebar by its number, its title, then "by" its authors, found
    wherever the note cites it (after commentary, before more):

    ``For more, see CRS Report R12345, Tides: A Primer, by Jane Roe and John Q. Poe, at 5.``
    -> ``Tides: A Primer``, authors ``Roe, Jane`` and ``Poe, John Q.``, no container.
    """
    if "CRS" not in text and "Congressional Research" not in text:
        return []
    found = []
    for match in _CRS_REPORT.finditer(text):
        title = match.group("title").strip().strip("\"“”")
        authors = parse_authors(match.group("authors") or "") if match.group("authors") else []
        if match.group("authors") and not authors:
            continue  # "by" something that is no list of people: not this shape
        dates = find_dates(match.group("date") or "")
        reference = Reference(title=title, authors=list(authors), type=ReferenceType.REPORT,
                              date=dates[-1].iso if dates else None, raw=match.group(0))
        found.append(FoundCitation(match.start(), match.end(), reference))
    return found


# ---- acts by name, code sections, public laws, instruments ---------------------------------

_ACT_WORD = r"(?:[A-Z][\w'’-]*|of|and|for|on|to|the|in|&)"
_SECTION = r"§§?\s*" + _SECTION_NUMBER
_STATUTES_AT_LARGE = r"\d{1,3}\s+Stat\.\s+\d+(?:,\d{3})*(?:,\s*\d[\d,–-]*)?"
_PUBLIC_LAW_NUMBER = r"(?:P\.\s?L\.|Pub\.\s?L\.(?:\s?No\.)?)\s*\d{2,3}-\d{1,4}"
_US_CODE = r"\d{1,2}\s+U\.\s?S\.\s?C\.(?:\s?A\.)?"
_ACT = compile_lazily(
    rf"(?<![\w.])(?P<name>[A-Z][\w'’-]*(?:,?\s+{_ACT_WORD}){{0,14}}?\s+"
    r"(?:Act|Amendments)(?:\s+of\s+(?P<year>(?:1[7-9]|20)\d\d))?)\b"
    rf"(?P<cited>(?:\s*{_SECTION})?(?:,\s*{_PUBLIC_LAW_NUMBER}(?:,\s*{_SECTION})?"
    rf"(?:,\s*{_STATUTES_AT_LARGE})?(?:\s*\((?P<enacted>\d{{4}})\))?"
    rf"|,\s*{_US_CODE}\s*{_SECTION}(?:\s*(?:-|–)\s*{_SECTION_NUMBER})?(?:\s+et\s+seq\.)?"
    rf"|\s*\((?:[A-Z]{{2,10}};\s*)?{_US_CODE}\s*{_SECTION}\)))?"
)
# "Titles I-IX of the X Act of 1974", "Section 5 of the X Act": the act is what follows
_PART_OF = compile_lazily(r"^.*\b(?:of|in|under|by)\s+the\s+(?=[A-Z])")
_CODE = compile_lazily(
    rf"(?<![\w.])(?P<code>{_US_CODE}|\d{{1,3}}\s+C\.\s?F\.\s?R\.|"
    r"(?:[A-Z][A-Za-z.]*\s){1,4}(?:Code|CODE|Stat\.|STAT\.|Gen\.\s?Laws|GEN\.\s?LAWS|"
    r"Rev\.\s?Stat\.|REV\.\s?STAT\.|Comp\.\s?Laws|COMP\.\s?LAWS)"
    r"(?:\s+(?:Ann\.|ANN\.))?(?:\s+tit\.\s*\d+[A-Z]?,?)?)\s*(?:§§?|pts?\.|[Pp]arts?|arts?\.)\s*"
    # "§§ 765.001–.30": a range whose end keeps only the part after the shared start
    rf"{_SECTION_NUMBER}(?:\s*(?:-|–|,|and)\s*[\d.]{_SECTION_NUMBER})*(?:\s+et\s+seq\.)?"
    r"(?:\s*\((?P<edition>[^()]{0,20}?\d{4}(?:[–-]\d{2,4})?)\))?"
    r"|(?<![\w.])Fed\.\s?R\.\s?(?:Civ\.\s?P|Crim\.\s?P|App\.\s?P|Bankr\.\s?P|Evid)\.\s*\d+[\w()]*"
    r"|(?<![\w.])(?:U\.S\.|[A-Z][a-z]{1,5}\.|[A-Z]{2,6}\.)\s?(?:Const|CONST)\.\s+(?:art\.|amend\.)"
    r"\s*[IVXLC]+(?:,\s*§\s*\d+)?(?:,\s*cl\.\s*\d+)?"
)
_PUBLIC_LAW = compile_lazily(
    rf"(?<![\w.])(?P<title>{_PUBLIC_LAW_NUMBER}(?:,\s*{_SECTION})?)(?:,\s*{_STATUTES_AT_LARGE})?"
    r"(?:\s*\((?P<year>\d{4})\))?"
)
_INSTRUMENT = compile_lazily(
    r"(?<![\w.])(?P<name>Executive Order\s+(?:No\.\s*)?\d{1,2},?\d{3}|"
    r"Exec\.\s?Order\s+No\.\s*\d{1,2},?\d{3}|"
    r"(?:S|H)\.\s?(?:Con\.\s?|J\.\s?)?Res\.\s*\d{1,5}"
    r"(?:\s*[(\[]\d{2,3}(?:st|nd|rd|th)\s+Congress[)\]])?)"
    # where an order is printed: "Exec. Order No. 13,771, 82 Fed. Reg. 9339 (Jan. 30, 2017)"
    r"(?P<printed>,\s+\d{1,3}\s+Fed\.\s?Reg\.\s+\d[\d,]*(?:\s*\((?P<printed_date>[^()]{4,40})\))?)?"
)
_DATED = compile_lazily(r"\s*,?\s*(?:dated|of|signed|issued(?:\s+on)?)\s+"
                        r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}")


def find_named_acts(text: str) -> list[FoundCitation]:
    """An act cited by name: with its year, or followed by its public law or code section
    (the same work, read as one):

    ``Harbor Dues Act of 1974`` -> ``Harbor Dues Act of 1974``, ``1974``;
    ``Medical Device Amendments of 1976, Pub. L. No. 94-295, 90 Stat. 539`` -> one act;
    ``Federal Food, Drug, and Cosmetic Act, 21 U.S.C. §§ 301-399`` -> the act, no date.
    """
    if " Act" not in text and " Amendments" not in text:
        return []
    found = []
    for match in _ACT.finditer(text):
        if not match.group("year") and not match.group("cited"):
            continue  # "the Harbor Act" in passing: a name, not a citation
        if not match.group("year") and match.group("cited").lstrip().startswith("("):
            continue  # "the Harbor Act (9 U.S.C. §5)": the code section is what is cited
        name = _LEADING_WORDS.sub("", _PART_OF.sub("", match.group("name")))
        if name in ("Act", "Amendments") or name.startswith(("Act ", "Amendments ")):
            continue
        start = match.end("name") - len(name)
        date = match.group("year") or match.group("enacted")
        found.append(FoundCitation(start, match.end(), _government(
            name, text[start:match.end()], None, date)))
    return found


def find_code_sections(text: str) -> list[FoundCitation]:
    """A section (or part) of a code, federal or state, or of the Constitution:

    ``21 U.S.C. § 360k(a)`` (no date); ``21 C.F.R. § 808.1(d) (2019)`` -> date ``2019``;
    ``21 C.F.R. pt. 814``; ``Ark. Code Ann. § 9-12-315 (1987)``; ``U.S. Const. art. VI, cl. 2``;
    a civil code's article: ``La. Civ. Code Ann. art. 86``.
    """
    if "§" not in text and " pt" not in text and "Const." not in text and "CONST." not in text \
            and "Fed. R" not in text and " art" not in text:
        return []
    found = []
    for match in _CODE.finditer(text):
        if _CODIFIED.search(text, max(0, match.start() - 40), match.start()):
            continue
        title = match.group(0).strip()
        lead = _LEADING_WORDS.match(title)
        if lead and match.group("code"):  # "See LA. CIV. CODE ANN. art. 86": no part of it
            title = title[lead.end():]
        date = None
        edition = match.group("edition")
        if edition:
            title = title[: title.rfind("(")].strip()
            if not any(code in match.group("code") for code in ("U.S.C", "U. S. C")):
                date = _last_year(edition)  # a regulation's or state code's edition year
        found.append(FoundCitation(match.start(), match.end(), _government(
            title, match.group(0), None, date)))
    return found


def find_public_laws(text: str) -> list[FoundCitation]:
    """A public law by number, with its Statutes at Large page and year:

    ``Pub. L. No. 94-295, 90 Stat. 539 (1976)`` -> ``Pub. L. No. 94-295``, ``1976``;
    ``P.L. 116-283, §3511`` -> ``P.L. 116-283, §3511``.
    """
    if "L." not in text:
        return []
    found = []
    for match in _PUBLIC_LAW.finditer(text):
        if _CODIFIED.search(text, max(0, match.start() - 40), match.start()):
            continue
        found.append(FoundCitation(match.start(), match.end(), _government(
            match.group("title").strip(), match.group(0), None, match.group("year"))))
    return found


_BILL = compile_lazily(
    r"(?<![\w.])(?P<title>(?:H\.\s?R\.|S\.)\s?(?:(?:J\.|Con\.)\s?Res\.\s?|Res\.\s?)?\d{1,5},\s+"
    r"\d{1,3}(?:st|nd|rd|th)\s+Cong\.)(?:\s+§+\s*[\w.()-]+)?(?:,\s+\d(?:st|nd|d)\s+Sess\.)?"
    r"(?:\s*\((?P<year>(?:1[7-9]|20)\d\d)\))?"
    # a state's: "Assemb. 8070, 2013–2014 Reg. Sess. (N.Y. 2013)", "S.B. 12, 2015 Leg. (Wis.
    # 2015)": the bill and session, the year its state's bracket gives
    r"|(?<![\w.])(?P<state_title>(?:Assemb\.|A\.B\.|S\.B\.|H\.B\.|H\.R\.|S\.)\s?\d{1,5},\s+"
    r"(?:\d{4}(?:[–-]\d{2,4})?\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+)?(?:Reg\.\s+Sess\.|Leg\.|Sess\.)"
    r"(?:,?\s+(?:Reg\.\s+)?Sess\.)?)\s*\((?:[A-Z][\w.]*\s+){1,3}(?P<state_year>\d{4})\)")


def find_bills(text: str) -> list[FoundCitation]:
    """A bill or resolution of Congress by its number and Congress, with its year:

    ``S. 1858, 114th Cong. (2015)`` -> ``S. 1858, 114th Cong.``, ``2015``; ``H.R. 12, 113th
    Cong. § 3 (2013)``; ``H.R.J. Res. 5, 108th Cong. (2003)``; a state's: ``Assemb. 80,
    2013–2014 Reg. Sess. (N.Y. 2013)`` -> ``Assemb. 80, 2013–2014 Reg. Sess.``, ``2013``.
    """
    if "Cong." not in text and "Sess." not in text and "Leg." not in text:
        return []
    found = []
    for match in _BILL.finditer(text):
        title = match.group("title") or match.group("state_title")
        found.append(FoundCitation(match.start(), match.end(), _government(
            " ".join(title.split()), match.group(0), None,
            match.group("year") or match.group("state_year"))))
    return found


def find_instruments(text: str) -> list[FoundCitation]:
    """Executive orders and congressional resolutions, with a date after them if printed:

    ``Executive Order 14347 dated September 5, 2025``; ``S.Con.Res. 13 [111th Congress]`` ->
    ``S.Con.Res. 13 (111th Congress)`` (square brackets inside brackets are round ones).
    """
    if "Order" not in text and "Res." not in text:
        return []
    found = []
    for match in _INSTRUMENT.finditer(text):
        date = None
        dated = _DATED.match(text, match.end())
        if dated:  # "Executive Order 14347 dated September 5, 2025"
            dates = find_dates(dated.group(0))
            date = dates[0].iso if dates else None
        title = match.group("name").strip().replace("[", "(").replace("]", ")")
        container = None
        if match.group("printed"):
            container = "Fed. Reg."
            dates = find_dates(match.group("printed_date") or "")
            date = date or (dates[-1].iso if dates else None)
        found.append(FoundCitation(match.start(), match.end(), _government(
            title, match.group(0), container, date)))
    return found


_RESTATEMENT = compile_lazily(
    r"(?<![\w.])(?P<title>(?:RESTATEMENT|Restatement)\s+\((?:FIRST|SECOND|THIRD|FOURTH|First|"
    r"Second|Third|Fourth)\)\s+(?:OF|of)\s+[A-Z][\w.'’:]*(?:\s+(?:[A-Z][\w.'’:]*|of|OF|&|and|AND))"
    r"{0,6})"
    r"(?:\s*(?:§§?|pt\.|ch\.)\s*[^();]{0,60})?"
    # the publisher, "AM. L. INST." (since 2015) or "AM. LAW INST." (before), and the year
    r"(?:\s*\((?:AM\.\s?(?:L\.|LAW)\s?INST\.|Am\.\s?(?:L\.|Law)\s?Inst\.|A\.L\.I\.)\s+"
    r"(?P<year>\d{4})\))?")
_SESSION_LAW = compile_lazily(
    r"(?<![\w.])(?P<title>Act\s+of\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?P<year>\d{4})),\s+"
    r"(?:ch\.\s*\d+,\s+|No\.\s*\d+,\s+|§\s*\d+,\s+)*"
    r"(?:(?P<volume>\d{4})\s+(?P<laws>(?:[A-Z][a-z]*\.?\s){1,3}(?:Laws|Sess\.\s?Laws|Acts|Stat\.))|"
    r"\d{1,3}\s+(?P<stat>Stat\.))\s+\d+(?:,\s*\d[\d–-]*)?")
_COURT_DOCUMENT = compile_lazily(
    r"(?<![\w.])(?P<title>(?:(?!(?:See|Cf|Compare|But|Accord|Contra|Also)\b)[A-Z][a-z]+\s+"
    r"(?:and\s+)?){0,3}(?:Petition|Motion|Brief|Reply|Memorandum|Complaint|Answer|Transcript|"
    r"Declaration|Affidavit|Order|Judgment|Stipulation|Opening Brief|Joint Appendix)\b"
    # (a brief's filers may be a list: "Brief of Amici Curiae Jane Roe, John Poe & Ann Moe at 7")
    r"(?:[^,;()]|,(?=[^;()]{0,160}?\sat\s+\d)){0,200}?)"
    r"(?:\s+at\s+\d[\d–-]*,\s+(?P<case>[A-Z][^;()]{3,200}?)"
    # no page: the case's name follows at once ("Order, Roe v. Poe, No. 14-cv-64 (...)")
    r"|,\s+(?P<named>(?:[A-Z][^;(),]{0,80}?\s+v\.\s+|In\s+re\s+)[^;()]{2,160}?))"
    r"\s*\((?P<court>[^()]{0,60})\)")


_ENGLISH_CASE = compile_lazily(
    r"(?<![\w.])(?P<name>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w.-]*['’]s\s+Case)\s+"
    r"\((?P<year>1[2-9]\d\d)\)\s+\d{1,3}\s+(?P<reports>Eng\.\s?Rep\.|[A-Z][\w.]*\s?Rep\.)\s+\d+")


def find_english_cases(text: str) -> list[FoundCitation]:
    """An old English case by its name, year and the reports that print it:

    ``Roe's Case (1604) 77 Eng. Rep. 194`` -> ``Roe's Case``, ``Eng. Rep.``, ``1604``.
    """
    if "Case (" not in text:
        return []
    return [FoundCitation(match.start(), match.end(), _government(
        match.group("name"), match.group(0), " ".join(match.group("reports").split()),
        match.group("year"))) for match in _ENGLISH_CASE.finditer(text)]


def find_restatements(text: str) -> list[FoundCitation]:
    """A Restatement of the American Law Institute, by its name, its sections and year:

    ``RESTATEMENT (SECOND) OF TORTS §§ 196, 197 (AM. L. INST. 1965)`` -> ``RESTATEMENT
    (SECOND) OF TORTS``, ``1965``.
    """
    if "ESTATEMENT" not in text and "estatement" not in text:
        return []
    found = []
    for match in _RESTATEMENT.finditer(text):
        title = " ".join(match.group("title").split())
        found.append(FoundCitation(match.start(), match.end(), _government(
            title, match.group(0), None, match.group("year"))))
    return found


def find_session_laws(text: str) -> list[FoundCitation]:
    """An act cited by its date and the session laws (or Statutes at Large) that print it:

    ``Act of Apr. 29, 1935, ch. 286, 1935 Minn. Laws 710, 712`` -> ``Act of Apr. 29, 1935``,
    container ``Minn. Laws``, ``1935-04-29``; ``Act of Mar. 3, 1891, ch. 5, 26 Stat. 1095``.
    """
    if "Act of " not in text:
        return []
    found = []
    for match in _SESSION_LAW.finditer(text):
        container = " ".join((match.group("laws") or match.group("stat")).split())
        dates = find_dates(match.group("title"))  # "Act of Apr. 29, 1935": its day
        found.append(FoundCitation(match.start(), match.end(), _government(
            " ".join(match.group("title").split()), match.group(0), container,
            dates[0].iso if dates else match.group("year"))))
    return found


def find_court_documents(text: str) -> list[FoundCitation]:
    """A paper filed in a case (a brief, a motion, a petition), at a page, then the case:

    ``Motion to Dismiss at 2, Roe v. Poe, No. 23-cv-1 (E.D. Mich. filed Oct. 2, 2024)`` ->
    ``Motion to Dismiss``, ``2024-10-02``; the case is where it was filed, not another work.
    A paper cited whole names the case at once: ``Order, Roe v. Poe, No. 14-cv-64 (W.D. Wis.
    June 13, 2014)`` -> ``Order``, ``2014-06-13``; its kind may take words before it
    (``Stipulation and Order``, ``Final Judgment``).
    """
    if " at " not in text and " v. " not in text and "In re" not in text:
        return []
    found = []
    for match in _COURT_DOCUMENT.finditer(text):
        dates = find_dates(match.group("court"))
        date = dates[-1].iso if dates and len(dates[-1].iso) > 4 else None
        found.append(FoundCitation(match.start(), match.end(), _government(
            " ".join(match.group("title").split()), match.group(0), None, date)))
    return found


_SECTION_LIST = r"\d[\w().-]*(?:(?:,\s*(?:and\s+)?|\s+and\s+)\d[\w().-]*)*"
_ACT_SECTION = compile_lazily(
    rf"\b(?:Sections?|§§?)\s*{_SECTION_LIST}\s+of\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’-]*\s+){0,3}Act(?!\s+of\s+\d)|[A-Z]{3,8}(?![\w-]|\.\w))"
    rf"(?P<code>\s*\((?P<codified>codified\s+(?:as\s+amended\s+)?at\s+)?"
    rf"(?P<section>{_US_CODE}\s*{_SECTION})\))?")


def find_act_sections(text: str) -> list[FoundCitation]:
    """A section of an act the notes cited before, by a short name or the initials of its
    name: ``Section 310(b)(2) of the Budget Act``, ``Sections 258(a), 258B(f) of BBEDCA`` ->
    ``Budget Act``, ``BBEDCA`` (`backrefs.py` makes each the act cited before, or drops it).
    """
    if "ection" not in text and "§" not in text:
        return []
    found = []
    for match in _ACT_SECTION.finditer(text):
        if match.group("codified"):  # "... of the Budget Act (codified at 2 U.S.C. §636)"
            found.append(FoundCitation(match.start("section"), match.end("section"),
                                       _government(match.group("section").strip(),
                                                   match.group("section"))))
        elif not match.group("code"):  # with "(2 U.S.C. §631)": the code section is cited
            found.append(FoundCitation(match.start(), match.end("name"), _government(
                match.group("name"), text[match.start():match.end("name")], None, None)))
    return found


def is_act_section(reference: Reference) -> bool:
    """Is this what `find_act_sections` found (a short name of an act, to be resolved)?"""
    return reference.type == ReferenceType.GOVERNMENT and not reference.date \
        and not reference.container and bool(reference.title) \
        and reference.title == reference.raw.rpartition(" of ")[2].removeprefix("the ") \
        and bool(_ACT_SECTION.fullmatch(reference.raw))


Finder = Callable[[str], list[FoundCitation]]

# The finders, the most specific first; where two overlap, the one starting first is kept.
FINDERS: tuple[Finder, ...] = (
    find_court_documents,
    find_cases,
    find_law_review_articles,
    find_online_sources,
    find_books,
    find_case_short_forms,
    find_docket_short_forms,
    find_unnamed_cases,
    find_crs_reports,
    find_federal_register,
    find_congressional_documents,
    find_named_acts,
    find_code_sections,
    find_public_laws,
    find_instruments,
    find_bills,
    find_restatements,
    find_english_cases,
    find_session_laws,
    find_act_sections,
)


# "JANE ROE, HARBOR LAW": small capitals, three and more then others after a space
# (opening with the space, the capitals before it looked behind for: scanned for one
# character, not for every capital)
_CAPS_PAIR = compile_lazily(r" (?=[A-Z][A-Z.])(?:(?<=[A-Z]{3} )|(?<=[A-Z]{3}\. )|(?<=[A-Z]{3}, )|"
                            r"(?<=[A-Z]{3}\., ))[A-Z][A-Z.]+")


def _by_first_character(marks: tuple[str, ...]) -> str:
    r"""A pattern for any of `marks`, one branch per first character (``C(?:\.F\.R|ong\.)``):
    where a mark may start, the scan tries a dozen branches instead of every mark."""
    rests: dict[str, list[str]] = {}
    for mark in marks:
        rests.setdefault(mark[0], []).append(re.escape(mark[1:]))
    return "|".join(re.escape(first) + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0])
                    for first, rest in rests.items())


# The words and marks a legal citation prints, looked for in one scan (each opens with a
# letter, digit or mark, which the scan looks for first; "estatement", opening with the
# commonest letter, is looked for apart). The words after a space (" v. ", " Act") are
# scanned for by their first letter, the space looked behind for (a scan for the space
# would stop at every word; one `in` each costs more than their letters in the scan) ...
_LEGAL_MARK = compile_lazily(_by_first_character((
    "U.S.C", "C.F.R", "L. ", "Order", "Res.", "§", "Fed. Reg", "Rep.", "Cong.", "In re ",
    "Const.", "CONST.", "Doc.", "CRS", "L.J", "L. R", "L.Q", "REV.", "ESTATEMENT",
    "Rev.", "U.S.", "Case (", "Fed. R", "), http", "Ct.", "2d", "3d", "4th"))
    + r"|v(?<= v)\. |J(?<= J)\.|F(?<= F)\.|A(?<= A)(?:ct|mendments)")


@lru_cache(maxsize=8)  # a note is looked at here and again by `find_legal_citations`
def has_legal_citation(text: str) -> bool:
    """A cheap look before `find_legal_citations`."""
    # ... and " at " apart (its "a" would stop the scan at most words)
    return (" at " in text or text.startswith("Act of ") or "estatement" in text
            or _LEGAL_MARK.search(text) is not None or _CAPS_PAIR.search(text) is not None)


_VOLUME = compile_lazily(r"\b\d{1,4}\s+[A-Z][\w.]*")


def cites_law(text: str) -> bool:
    """Does `text` hold a legal or government citation (`find_legal_citations` finds one)?
    Each finder in turn, until one finds."""
    return has_legal_citation(text) and any(finder(text) for finder in FINDERS)


def find_legal_citations(text: str) -> list[FoundCitation]:
    """Every legal and government citation in `text`, in order, none inside another."""
    if not has_legal_citation(text):
        return []
    found = [citation for finder in FINDERS for citation in finder(text)]
    found.sort(key=lambda citation: (citation.start, -citation.end))
    kept: list[FoundCitation] = []
    seen: set[str] = set()
    for citation in found:
        if kept and citation.start < kept[-1].end:
            continue  # "Pub. L. No. 94-295" inside the act cited by name, already kept
        title = citation.reference.title
        if title:  # "Roe, 84 F.4th at 5" and "Roe, 93 F.4th at 7" are two cases of Roe
            volume = _VOLUME.search(citation.reference.raw)
            title = f"{title} {volume.group(0) if volume else ''}"
        if title and title in seen:
            continue  # a work cited twice in one note is one reference of it
        if title:
            seen.add(title)
        kept.append(citation)
    return kept
