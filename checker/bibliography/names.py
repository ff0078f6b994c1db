"""Author names: a person written ``Family, Given`` or an organisation.

`Reference.authors` holds ``"Family, Given"`` for people. Anything else (no comma, or a
comma inside an organisation's name such as ``Ministry of Foreign Affairs, Kazakhstan``) is
an organisation or a name we cannot split, and is written as one literal name: braced in
BibTeX (``{World Bank}``), ``{"literal": ...}`` in CSL-JSON. Writing a company as a person
would print "Bank, W." in the bibliography, which is worse than an unsplit person.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that mark a name as an institution even when written with a comma.
_ORGANISATION_WORDS_TEXT = """
    academy administration agency associated association authority bank board bureau
    center centre chamber college commission committee company corporation council
    court department embassy federation forum foundation fund government group
    institute institution international league library limited ltd media ministry
    news office organisation organization parliament party press programme program
    project republic secretariat service society staff state team times union
    university
"""
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS_TEXT.split())

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)  # the same authors are cited again and again
def split_person(name: str) -> tuple[str, str] | None:
    """``(family, given)`` for a person written ``Family, Given``; None for an organisation.

    ``given`` may be empty (``"Sukarno,"``). A name with digits, more than one comma, an
    institution word or too many words on either side of the comma is not a person.
    """
    name = " ".join(name.split())
    if name.count(",") != 1 or _DIGIT.search(name):
        return None
    family, given = (part.strip() for part in name.split(","))
    if not family or len(family.split()) > 4 or len(given.split()) > 5:
        return None
    words = {w.lower() for w in _WORD.findall(name)}
    if words & ORGANISATION_WORDS:
        return None
    return family, given
