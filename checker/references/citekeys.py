"""Short cites that point into a bibliography outside the note: the reference is the family
name(s) and the year (`backrefs.py` resolves them against a full citation when the document
has one).

- pandoc citation keys: ``[@omara2005cities, 29]``, ``[see @nash1990transformed; @white1991]``:
  a key spells the family name and the year (the common ``familyYEARword`` keys of Zotero,
  Better BibTeX and Google Scholar);
- author-year cites in brackets: ``Lamport (1978)``, ``Kaplan et al. (2020)``, ``(Dijkstra
  1968a)``, ``(Gray and Reuter, 1993; Roe 2001: 45)``, ``\\link{Havender (1968)}``, French
  ``(Roe 2004 : p. 269)``;
- author-year cites in running text: ``Hughes 1990 discusses``, ``treated in Gray and Reuter
  1993``, ``See also Raymond 1993.``
- short footnotes, a note that is only author-year cites with their pages (Wikipedia's
  ``{{sfn}}`` and ``{{harvnb}}``, pointing into the article's Sources list): ``Mein Smith 2005,
  p. 6.``, ``Hay, Maclagan & Gordon 2008, p. 72.``, ``Kear 2005, p. 9; van der Berg 1986.``
"""

from __future__ import annotations

import re

from checker.lazypattern import compile_lazily
from checker.model import Reference
from checker.references.dates import MONTHS
from checker.references.patterns import YEAR, FoundCitation

_KEY = compile_lazily(r"(?<![\w@])@(?P<family>[A-Za-z][A-Za-z'’-]*?)(?P<year>" + YEAR + r")[a-z]?"
                      r"(?P<rest>[\w:-]*)")
_NAMES = r"(?P<names>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:and|&)\s+[A-ZÀ-ÖØ-Þ][\w'’-]+|\s+et\s+al\.?)?)"
# ", 45", ": 45", French " : p. 269", "p. 87-103"
_PAGES = r"(?:\s?[,:]\s*(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?)?"
# "Lamport (1978)", "Kaplan et al. (2020)"
# (its look-behinds after the first capital, "X(?<![\w.]X)" being "(?<![\w.])X": scanned
# for capitals)
_NAME_THEN_YEAR = compile_lazily(
    _NAMES.replace(r"(?P<names>[A-ZÀ-ÖØ-Þ]", r"(?P<names>[A-ZÀ-ÖØ-Þ](?<![\w.][A-ZÀ-ÖØ-Þ])"
                   r"(?<!, [A-ZÀ-ÖØ-Þ])") + r"\s+\((?P<year>" + YEAR + r")[a-z]?" + _PAGES + r"\)")
# A cheap look before it: " (1978" after a word of two characters or more ("Lamport", not
# "no. 3"), after "al." or after blanks (the bracket scanned for, the rest looked behind)
_SPACED_BRACKET_YEAR = compile_lazily(
    r"\((?:(?<=[\w'’-][\w'’-]\s\()|(?<=al\.\s\()|(?<=\s\s\())" + YEAR)
# "(Dijkstra 1968a)", "(Gray and Reuter, 1993; Roe 2001: 45)", "{Dijkstra 1968b}"
# (the bracket matched, not looked behind for: scanned for brackets; the cite after it)
_NAME_YEAR_INSIDE = compile_lazily(
    r"[(\[{;]\s*(?:see\s+|cf\.\s+|e\.g\.,?\s+)?" + _NAMES
    + r",?\s+(?P<year>" + YEAR + r")[a-z]?" + _PAGES + r"(?=\s*[)\]};])")
# Running text, no brackets (SICP, many science books): "Hughes 1990 discusses", "treated in
# Gray and Reuter 1993.", "See also Raymond 1993." after a leading word, opening the note
# ("Roe 1990, p. 12"), or opening a later sentence as its subject, which goes on with a verb
# or ends there ("Titel. Berlin 1998, S. 45" is a German book's place and year)
_NAME_YEAR_IN_TEXT = compile_lazily(
    r"(?:(?<![\w.])(?:in|by|from|see|also|and|cf\.|e\.g\.,?|following|after|See|In|Cf\.)\s"
    + _NAMES + r"\s+(?P<year>" + YEAR + r")[a-z]?(?=[.,;:]?(?:\s|$|\)))(?!\s*[–-]\s*\d)"
    r"|^" + _NAMES.replace("names", "opening") + r"\s+(?P<opening_year>" + YEAR + r")[a-z]?"
    r"(?=[.,;:]?(?:\s|$|\)))(?!\s*[–-]\s*\d)"
    r"|(?<=[.!?]\s)" + _NAMES.replace("names", "subject") + r"\s+(?P<subject_year>"
    + YEAR + r")[a-z]?(?=\s+[a-z]|[.:)]|;(?!\s?\d)))"  # not "Title. Lancet 2013; 382: 536"
)
# A family name before a Vancouver author's initials, the list's first or after a comma
_VANCOUVER_NAME_BEFORE = compile_lazily(r"(?:^|,\s)[A-ZÀ-ÖØ-Þ][\w'’-]+\s$")
_MARKDOWN_LINK = compile_lazily(r"\]\([^()\s]*\)\s*\[?")
_NOT_NAMES = frozenset((
    "in", "on", "at", "by", "the", "since", "from", "until", "before", "after", "during",
    "see", "cf", "of", "and", "as", "section", "sections", "chapter", "vol", "volume", "no",
    "table", "figure", "fig", "appendix", "note", "notes", "page", "pages", "spring", "summer",
    "autumn", "fall", "winter", "act", "law", "report", "annual", "version",
))




# Short footnotes: family names of up to three words with particles ("Mein Smith", "van der
# Berg", "De Silva"), joined by commas, "and" or "&", or "et al."; the year, then the pages
_SHORT_NAME = (r"(?:(?:van|von|de|der|den|du|da|di|del|della|la|le|ten|ter)\s+){0,2}"
               r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
_SHORT_CITE = (
    rf"(?P<names>{_SHORT_NAME}(?:(?:,\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+){_SHORT_NAME}){{0,4}}"
    r"(?:,?\s+et\s+al\.?)?)\s+\(?(?P<year>" + YEAR + r")[a-z]?\)?"
    r"(?:,\s*(?:pp?\.\s*|[Ss]\.\s*|loc\.\s*|§\s*)?[\dxivlc]+(?:\s*[–—-]\s*[\dxivlc]+)?(?:ff?\.?)?"
    r"(?:,\s*[\dxivlc]+(?:\s*[–—-]\s*[\dxivlc]+)?)*)?")
_SHORT_CITE_ONE = compile_lazily(_SHORT_CITE)
_SHORT_FOOTNOTE = compile_lazily(
    rf"^\s*(?:(?:[Ss]ee|[Cc]f\.|[Vv]gl\.(?:\s+(?:dazu|auch))?|[Ss]iehe|[Pp]or\.|[Zz]ob\.|"
    rf"[Vv]oir)\s+)?{_SHORT_CITE}"
    rf"(?:\s*;\s*(?:(?:[Ss]ee|[Cc]f\.)(?:\s+also)?\s+)?{_SHORT_CITE.replace('?P<', '?P<x')})*"
    r"\s*\.?\s*$")


def find_short_footnotes(text: str) -> list[FoundCitation]:
    """A note that is only short author-year cites (see the module's docstring), each cite
    with its family names and year."""
    if len(text) > 400 or (not text[-1:].isalnum() and text[-1:] not in ".)") \
            or _SHORT_FOOTNOTE.match(text) is None:
        return []
    found = []
    for match in _SHORT_CITE_ONE.finditer(text):
        names = re.sub(r",?\s+et\s+al\.?$", "", match.group("names"))
        families = [name.strip() for name in re.split(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+",
                                                     names) if name.strip()]
        if families[0].split()[0].lower() in _NOT_NAMES or families[0].lower() in MONTHS:
            return []
        found.append(FoundCitation(match.start(), match.end(), Reference(
            authors=families, date=match.group("year"), raw=match.group(0))))
    return found


def find_citation_keys(text: str) -> list[FoundCitation]:
    """Each ``@familyYEARword`` key inside square brackets, in order."""
    if "@" not in text or "[" not in text:
        return []
    found = []
    for match in _KEY.finditer(text):
        opening = text.rfind("[", 0, match.start())
        if opening < 0 or "]" in text[opening:match.start()]:
            continue  # not inside a citation bracket (an e-mail, a handle)
        family = match.group("family").strip("'’-")
        if len(family) < 2:
            continue
        found.append(FoundCitation(match.start(), match.end(), Reference(
            authors=[family[:1].upper() + family[1:]], date=match.group("year"),
            raw=match.group(0))))
    return found


def find_author_year_cites(text: str) -> list[FoundCitation]:
    """Each author-year cite in brackets, in order."""
    if "(" not in text and "{" not in text:
        return []
    if "](" in text:
        text = _MARKDOWN_LINK.sub(lambda m: " " * len(m.group(0)), text)  # [Name](#p) [(2020)](#p)
    found = []
    for pattern in (_NAME_THEN_YEAR, _NAME_YEAR_INSIDE):
        if pattern is _NAME_THEN_YEAR and not _SPACED_BRACKET_YEAR.search(text):
            continue  # no " (1978": no "Lamport (1978)"
        for match in pattern.finditer(text):
            names = match.group("names")
            first = names.split()[0].lower()
            if first in _NOT_NAMES or first in MONTHS:
                continue
            if names.isupper() and len(names) <= 4 and _VANCOUVER_NAME_BEFORE.search(
                    text, max(0, match.start("names") - 40), match.start("names")):
                continue  # "Hill JO, Wing RR (2007) Title": the initials of the last author
            families = [name.strip() for name in re.split(
                r"\s+(?:and|&)\s+", re.sub(r"\s+et\s+al\.?$", "", names)) if name.strip()]
            raw = match.group(0)[1:] if pattern is _NAME_YEAR_INSIDE else match.group(0)
            found.append(FoundCitation(match.start("names"), match.end(), Reference(
                authors=families, date=match.group("year"), raw=raw.strip())))
    found.sort(key=lambda citation: citation.start)
    return found


def has_running_year(text: str) -> bool:
    """A cheap look before `find_author_year_in_text`: a year after a word."""
    return _RUNNING_YEAR.search(text) is not None


def find_author_year_in_text(text: str) -> list[FoundCitation]:
    """Each author-year cite printed in running text without brackets (``Hughes 1990``)."""
    if not has_running_year(text):
        return []
    found = find_short_footnotes(text)
    if found:
        return found  # the note is only short cites: "Kear 2005, p. 9; Mein Smith 1986."
    for match in _NAME_YEAR_IN_TEXT.finditer(text):
        group = next(name for name in ("names", "opening", "subject") if match.group(name))
        names = match.group(group)
        year = match.group("year") or match.group("opening_year") or match.group("subject_year")
        first = names.split()[0].lower()
        if first in _NOT_NAMES or first in MONTHS or first in _NOT_NAMES_IN_TEXT:
            continue
        families = [name.strip() for name in re.split(
            r"\s+(?:and|&)\s+", re.sub(r"\s+et\s+al\.?$", "", names)) if name.strip()]
        found.append(FoundCitation(match.start(group), match.end(), Reference(
            authors=families, date=year, raw=text[match.start():match.end()])))
    return found


# (opening with the space it looks behind from: scanned for spaces)
_RUNNING_YEAR = compile_lazily(r" (?<=[A-Za-z.] )(?:1[6-9]|20)\d\d[a-z]?\b")
# Words before a year in running text that name a time or a place's edition, not an author
_NOT_NAMES_IN_TEXT = frozenset((
    "christmas", "easter", "early", "late", "mid", "circa", "ca", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "year", "years", "census", "session", "congress", "election", "elections",
))
