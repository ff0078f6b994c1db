"""One footnote's text -> the text of each citation in it.

A note may cite several works (``A; B; and C``), label them (``Uzbekistan: "..."``), wrap them
in prose (``For the convention, see ...``) or be prose only. Splits happen at top-level
semicolons (not inside quotes, brackets or URLs) and are kept only where both sides carry a
citation's signature; prose around citations is dropped.
"""

from __future__ import annotations

import re

from checker.references.dates import find_dates
from checker.references.urls import find_domains

_OPEN_CLOSE = {"“": "”", "«": "»", "(": ")", "[": "]"}
_LABEL = re.compile(
    r"^\s*(?:and\s+|&\s+)?(?:(?:see\s+also|see|cf\.|compare|also|e\.g\.,?|for example,?)"
    r",?\s+(?:(?:for\s+example|e\.g\.|also),?\s+)?)?"
    r"(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*[:—–-]\s+(?=[\"“«*]))?",
    re.IGNORECASE,
)
_QUOTE_OPEN = re.compile(r"[\"“«]")
_URL_OR_DOI = re.compile(r"https?://|www\.|\bdoi:|10\.\d{4,9}/", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-z\d\)]{2}[.!?])\s+(?=[A-Z\"“])")
# "Smith, *Short Title*, 45." / "Smith et al., "Short title," 12."
_SHORT_FORM = re.compile(r"^[A-Z][\w'’-]+(?:\s+et\s+al\.)?,\s+[\"“*]\S")
_QUOTED = re.compile(r"[\"“«]([^\"”»]{3,})[\"”»]")
_NAME_COMMA = re.compile(r"\b[A-Z][a-z]+,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\.")
# "(New York: Oxford University Press, 2012)", "(Washington, DC: World Bank, 2020)"
_PUBLICATION_PARENS = re.compile(r"\([^()]{2,80}:\s*[^()]{2,120},\s*(?:1[5-9]|20)\d\d[a-z]?\)")
# "Interfax, 12 марта 2020 г." / "Xinhua, May 5, 2020": an outlet and a date only
OUTLET_DATE = re.compile(r"^[A-Z][\w .&'’-]{1,40},\s+[^,]{4,30}\d{4}\b[^,]{0,4}$")
_ITALIC_SPAN = re.compile(r"\*[^*]{1,300}\*")
_SEE = re.compile(r"(?:^|[.;,:]\s+|\s)(?:see\s+also|see|cf\.)\s+(?=[A-Z\"“*])")


def _top_level_semicolons(text: str) -> list[int]:
    if ";" not in text:
        return []
    positions = []
    closing: list[str] = []
    straight_open = False
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in "hw" and _URL_OR_DOI.match(text, index):
            # skip the URL: up to the next space, or the bracket that encloses it
            stop = text.find(" ", index)
            stop = length if stop < 0 else stop
            if closing and closing[-1] in ")]":
                bracket = text.find(closing[-1], index, stop)
                stop = bracket if bracket >= 0 else stop
            index = stop
            continue
        if char == '"':
            straight_open = not straight_open
        elif char in _OPEN_CLOSE:
            closing.append(_OPEN_CLOSE[char])
        elif closing and char == closing[-1]:
            closing.pop()
        elif char == ";" and not closing and not straight_open:
            positions.append(index)
        index += 1
    return positions


def is_prose(text: str) -> bool:
    """Running sentences with no quoted title and no URL: an explanatory note."""
    if _URL_OR_DOI.search(text) or _QUOTE_OPEN.search(text):
        return False
    outside_italics = _ITALIC_SPAN.sub(" ", text)
    return len(outside_italics.split()) > 20


def has_signature(text: str) -> bool:
    """Does `text` look like (part of) a citation rather than prose?"""
    if _URL_OR_DOI.search(text) or _PUBLICATION_PARENS.search(text):
        return True
    if is_prose(text):
        return False
    if _SHORT_FORM.match(text):
        return True
    if OUTLET_DATE.match(text):
        return True
    has_date = bool(find_dates(text))
    if _QUOTE_OPEN.search(text) and (has_date or len(text) < 400):
        quoted = _QUOTED.search(text)
        if quoted and (has_date or find_domains(text) or "*" in text):
            return True
    if has_date and (find_domains(text) or "*" in text):
        return True
    return bool(has_date and _NAME_COMMA.search(text))


def _strip_prose_prefix(text: str) -> str:
    """Drop explanatory prose before the citation in a mixed note."""
    sees = list(_SEE.finditer(text))
    see = sees[-1] if sees else None
    if see and len(text[: see.start()].split()) >= 3:
        return text[see.end():]
    quote = _QUOTE_OPEN.search(text)
    if not quote:
        return text
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text, 0, quote.start())]
    start = starts[-1]
    lead = text[:start]
    if start and len(lead.split()) >= 6 and not has_signature(lead):
        return text[start:]
    return text


def split_citations(text: str) -> list[str]:
    text = " ".join(text.split())
    if not text:
        return []
    pieces: list[str] = []
    last = 0
    for position in _top_level_semicolons(text):
        pieces.append(text[last:position])
        last = position + 1
    pieces.append(text[last:])
    # Merge a piece without a signature into its neighbour (page ranges, "and others"...).
    if len(pieces) == 1:
        merged = [pieces[0].strip(" .;")]
    else:
        merged = []
        for piece in pieces:
            cleaned = piece.strip(" .;")
            if not cleaned:
                continue
            if merged and len(cleaned.split()) <= 6 and not has_signature(cleaned):
                merged[-1] = f"{merged[-1]}; {cleaned}"
            else:
                merged.append(cleaned)
    citations = []
    for piece in merged:
        piece = _LABEL.sub("", piece, count=1).strip()
        piece = _strip_prose_prefix(piece).strip()
        if piece and has_signature(piece):
            citations.append(piece)
    return citations
