"""Pandoc citation keys inside a note: ``[@omara2005cities, 29]``, ``[see @nash1990transformed;
@white1991misfortune, 507]``. A key spells the author's family name and the year (the common
``familyYEARword`` keys of Zotero/Better BibTeX and Google Scholar); the bibliography that
would expand it is outside the document, so the reference is the family name and the year.
"""

from __future__ import annotations

import re

from checker.model import Reference
from checker.references.patterns import YEAR, FoundCitation

_KEY = re.compile(r"(?<![\w@])@(?P<family>[A-Za-z][A-Za-z'’-]*?)(?P<year>" + YEAR + r")[a-z]?"
                  r"(?P<rest>[\w:-]*)")




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
