"""The author part of a citation -> ["Family, Given", ...]; organisations kept whole."""

from __future__ import annotations

import re

_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:van|von|de|der|da|di|del|"
                        r"la|le|bin|al|el|ibn|ter|du|dos)|[A-Z][a-z]*-[A-Z][\w'-]*)$")
_ORGANISATION = re.compile(
    r"\b(?:ministry|office|organi[sz]ation|council|institute|government|department|agency|"
    r"commission|committee|bureau|university|association|foundation|center|centre|bank|"
    r"service|news|press|group|union|nations|embassy|secretariat|staff|team|editors?|"
    r"republic|federation|state|corporation|company|inc|ltd|llc|administration|program)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*(?:and\s+|by\s+|see\s+(?:also\s+)?|cf\.\s+)", re.IGNORECASE)
_ET_AL = re.compile(r",?\s*(?:et\s+al\.?|and\s+others)\s*$", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:;|,?\s+and\s+|,?\s+&\s+)\s*")
_ROLE = re.compile(r",?\s*\(?(?:eds?|trans|comp)\.?\)?\s*$", re.IGNORECASE)


def _is_name(words: list[str], initials_only: bool = False) -> bool:
    """Capitalised name words; a family name needs a word longer than an initial."""
    return 1 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words) and (
        initials_only or any(len(w.strip(".")) > 1 for w in words)
    )


def _person(text: str) -> str | None:
    text = text.strip(" ,;:")
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", text):
        text = text[:-1]  # the sentence's full stop, not an initial's
    if not text:
        return None
    if "," in text:
        family, _, given = (part.strip() for part in text.partition(","))
        if _is_name(family.split()) and _is_name(given.split(), initials_only=True):
            return f"{family}, {given}"
        return None
    words = text.split()
    if not _is_name(words) or len(words) < 2:
        return None
    # "P.J. Hodgkinson", "Alexey Kravchenko", "Ursula von der Leyen"
    split = len(words) - 1
    while split > 1 and words[split - 1][:1].islower():
        split -= 1
    return f"{' '.join(words[split:])}, {' '.join(words[:split])}"


def is_organisation(text: str) -> bool:
    """"U.S. Department of State", "World Bank", "International Crisis Group"."""
    words = text.split()
    capitalised = len(words) <= 4 and all(w[:1].isupper() for w in words)
    return 1 <= len(words) <= 14 and text[:1].isupper() and (
        bool(_ORGANISATION.search(text)) or capitalised
    )


def parse_authors(text: str) -> list[str]:
    """Person authors in "Family, Given" form; [] when the text is not a list of persons."""
    text = _LEAD.sub("", text or "").strip(" ,;:—–-")
    lowered = text.lower()
    if "al" in lowered or "others" in lowered:
        text = _ET_AL.sub("", text)
    if "ed" in lowered or "trans" in lowered or "comp" in lowered:
        text = _ROLE.sub("", text)
    text = text.strip(" ,;:")
    if not text or len(text) > 200 or any(ch.isdigit() for ch in text):
        return []
    if _ORGANISATION.search(text):
        return []
    parts = _PARTS.split(text)
    authors: list[str] = []
    for index, part in enumerate(parts):
        pieces = [p.strip() for p in part.split(",")]
        if index == 0 and len(pieces) == 2:
            person = _person(part)  # "Family, Given"
            if person:
                authors.append(person)
                continue
        if len(pieces) >= 4 and len(pieces) % 2 == 0:
            # APA lists: "Smith, J., Doe, J."
            pairs = [_person(f"{pieces[i]}, {pieces[i + 1]}") for i in range(0, len(pieces), 2)]
            if all(pairs):
                authors.extend(p for p in pairs if p)
                continue
        if len(pieces) == 3 and index == 0:
            # "Smith, John, Jane Doe"
            first, second = _person(f"{pieces[0]}, {pieces[1]}"), _person(pieces[2])
            if first and second:
                authors.extend([first, second])
                continue
        person = _person(part)
        if person is None:
            return []
        authors.append(person)
    return authors
