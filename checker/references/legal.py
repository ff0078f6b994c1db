"""Legal and government citations, found anywhere in a note (they sit inside commentary as
often as alone): court cases, code sections, public laws, regulations, executive orders,
congressional resolutions and acts cited by name with their year.

- a case: ``Wyeth v. Levine, 555 U.S. 555, 565 (2009)`` -> title ``Wyeth v. Levine``, container
  the reporter ``U.S.``, date the decision year; ``United States v. Roe, No. 1:18-cr-32
  (D.D.C. Feb. 16, 2018)`` -> the docket's date as printed;
- a code section: ``46 U.S.C. §53103(d)``, ``21 C.F.R. § 314.70 (2020)`` (a regulation's
  edition year is its date; a U.S. Code section has none), ``P.L. 116-283, §3511``;
- a numbered instrument: ``Executive Order 14347``, ``S.Con.Res. 13 (111th Congress)``;
- an act by name: ``Congressional Budget and Impoundment Control Act of 1974`` (its year).

"codified (as amended) at ..." is where an act already cited lives, not another work.
"""

from __future__ import annotations

import re

from checker.model import Reference, ReferenceType
from checker.references.dates import find_dates
from checker.references.patterns import FoundCitation

_NAME_WORD = r"(?:[A-Z][\w.'’&-]*|of|the|and|for|de|ex|rel\.|&|on|in)"
_CASE = re.compile(
    rf"(?<![\w.])(?P<name>[A-Z][\w.'’&-]*(?:\s+{_NAME_WORD}){{0,8}}?\s+v\.\s+"
    rf"[A-Z][\w.'’&-]*(?:\s+{_NAME_WORD}){{0,8}}?),\s+"
    r"(?:(?P<volume>\d{1,4})\s+(?P<reporter>[A-Z][A-Za-z.']*(?:\d[a-z]{1,2})?"
    r"(?:\s(?:[A-Z][A-Za-z.']*(?:\d[a-z]{1,2})?|\d(?:d|th)))*?)"
    r"\s+(?P<page>\d{1,5}|_{2,})(?![\w.])"
    r"|(?:No\.|Nos\.|Civ\.|Crim\.|Case No\.)\s*[\w:.-]*\d[\w:.-]*)"
    r"(?:,\s*(?:at\s+)?\d[\d,–-]*)*"
    r"(?:\s*\((?P<court>[^()]{0,40}?)\))?"
)
_CODE = re.compile(
    r"(?<![\w.])(?:\d{1,2}\s+U\.\s?S\.\s?C\.(?:\s?A\.)?|\d{1,3}\s+C\.\s?F\.\s?R\.)\s*§§?\s*"
    r"[\w.]+(?:\([\w]{1,4}\))*(?:\s*(?:-|–|,|and)\s*[\d][\w.]*(?:\([\w]{1,4}\))*)*"
    r"(?:\s*\((?P<edition>\d{4})\))?"
)
_PUBLIC_LAW = re.compile(
    r"(?<![\w.])(?:P\.\s?L\.|Pub\.\s?L\.(?:\s?No\.)?)\s*\d{2,3}-\d{1,4}(?:,\s*§§?\s*[\w.()]+)?"
)
_INSTRUMENT = re.compile(
    r"(?<![\w.])(?:Executive Order\s+(?:No\.\s*)?\d{4,5}|"
    r"(?:S|H)\.\s?(?:Con\.\s?|J\.\s?)?Res\.\s*\d{1,5}"
    r"(?:\s*[(\[]\d{2,3}(?:st|nd|rd|th)\s+Congress[)\]])?)"
)
_ACT = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|for|on|to|the|in|&)){0,14}"
    r"\s+Act\s+of\s+(?P<year>(?:1[7-9]|20)\d\d))\b"
)
_DATED = re.compile(r"\s*,?\s*(?:dated|of|signed|issued(?:\s+on)?)\s+"
                    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}")
_CODIFIED = re.compile(r"codified\s+(?:as\s+amended\s+)?(?:at\s+)?\s*$", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^(?:(?:See|see|Cf\.|cf\.|The|the|In|in|Under|under|also)\s+)+")
# "Titles I-IX of the X Act of 1974", "Section 5 of the X Act": the act is what follows
_PART_OF = re.compile(r"^.*\b(?:of|in|under|by)\s+the\s+(?=[A-Z])")




def has_legal_citation(text: str) -> bool:
    """A cheap look before `find_legal_citations`."""
    return (" v. " in text or "U.S.C" in text or "C.F.R" in text or "L. " in text
            or "Executive Order" in text or "Res." in text or " Act of " in text
            or "U.S.C." in text)


def find_legal_citations(text: str) -> list[FoundCitation]:
    """Every case, code section, public law, instrument and named act in `text`, in order."""
    if not has_legal_citation(text):
        return []
    found: list[FoundCitation] = []
    if " v. " in text:
        for match in _CASE.finditer(text):
            reference = _case(match)
            start = match.end("name") - len(reference.title or "")
            reference.raw = text[start:match.end()]
            found.append(FoundCitation(start, match.end(), reference))
    for pattern in (_CODE, _PUBLIC_LAW, _INSTRUMENT):
        for match in pattern.finditer(text):
            if _CODIFIED.search(text, max(0, match.start() - 40), match.start()):
                continue
            title = match.group(0).strip()
            date = None
            if pattern is _INSTRUMENT:
                dated = _DATED.match(text, match.end())
                if dated:  # "Executive Order 14347 dated September 5, 2025"
                    dates = find_dates(dated.group(0))
                    date = dates[0].iso if dates else None
            if pattern is _CODE and match.group("edition"):
                date = match.group("edition")
                title = title[: title.rfind("(")].strip()
            found.append(FoundCitation(match.start(), match.end(), Reference(
                title=title, date=date, type=ReferenceType.GOVERNMENT, raw=match.group(0))))
    if " Act of " in text:
        for match in _ACT.finditer(text):
            name = _LEADING_WORDS.sub("", _PART_OF.sub("", match.group("name")))
            start = match.end("name") - len(name)
            found.append(FoundCitation(start, match.end(), Reference(
                title=name, date=match.group("year"), type=ReferenceType.GOVERNMENT,
                raw=name)))
    found.sort(key=lambda citation: citation.start)
    kept: list[FoundCitation] = []
    for citation in found:
        if kept and citation.start < kept[-1].end:
            continue  # "P.L. 116-283, §3511" inside a longer match already kept
        kept.append(citation)
    return kept


def _case(match: re.Match[str]) -> Reference:
    name = _LEADING_WORDS.sub("", match.group("name")).strip()
    reporter = match.group("reporter")
    date = None
    court = match.group("court")
    if court:
        dates = find_dates(court)
        if dates:
            date = dates[-1].iso
            if reporter:
                date = date[:4]  # a reported case: its decision year
    return Reference(title=name, container=reporter.strip() if reporter else None, date=date,
                     type=ReferenceType.GOVERNMENT, raw=match.group(0))
