"""The document's own list of works (its bibliography), the full citations its short notes
point to:

    1. ^ Smith 2010, p. 5.

    Sources

    * Smith, John (2010). The Customs Union and Its Neighbours. London: Harbor Press.
    * Petrov, Ivan; Ivanova, Anna (2018). "Trade after the union". Journal of Regional Studies.

A list starts under a heading that names one (Bibliography, Sources, Works cited, References,
Literature, Literaturverzeichnis, Список литературы ...) and runs to the next heading. An entry
opens with a bullet, or with a capital after a blank line; the lines below it continue it. The
note lines themselves (a wiki's "References" are its notes) are never entries, and an entry
without a year is no use to an author-date note and is left out. The entries are handed to
the resolver of short notes (`references/backrefs.py`), never reported as notes.
"""

from __future__ import annotations

import re

from checker.lazypattern import compile_lazily

_LIST_HEADING = compile_lazily(
    r"^\s{0,3}(?:#{1,6}\s*)?(?:\*\*)?(?:Bibliography|Sources|Sources cited|Works cited|"
    r"Cited works|References|Reference list|Literature|Literature cited|Literaturverzeichnis|"
    r"Literatur|Quellen|Bibliographie|Список литературы|Литература|Источники)(?:\*\*)?\s*:?\s*$",
    re.IGNORECASE)
_OTHER_HEADING = compile_lazily(
    r"^\s{0,3}(?:#{1,6}\s|(?:External links|See also|Further reading|Notes|Footnotes|Endnotes|"
    r"Index|Appendix|Примечания|Ссылки|Weblinks|Einzelnachweise|Anmerkungen)\s*:?\s*$)",
    re.IGNORECASE)
_BULLET = compile_lazily(r"^\s{0,6}[*•+-]\s+")
_YEAR = compile_lazily(r"\b(?:1[5-9]|20)\d\d\b")
MAX_ENTRIES = 5000
MAX_ENTRY_CHARS = 2000


def listed_works(text: str, note_lines: set[int]) -> list[str]:
    """The entries of the document's bibliography sections (`note_lines`: 1-based lines that
    belong to notes, never entries)."""
    if not _has_heading_word(text):
        return []
    entries: list[str] = []
    current: list[str] | None = None
    in_list = False
    blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if len(stripped) < 40 and _LIST_HEADING.match(line):
            in_list, current, blank = True, None, True
            continue
        if not in_list:
            continue
        if _OTHER_HEADING.match(line):
            in_list, current = False, None
            continue
        if not stripped or number in note_lines:
            current = None if number in note_lines else current
            blank = True
            continue
        bullet = _BULLET.match(line)
        if bullet or (blank and (stripped[:1].isupper() or stripped[:1] in "\"“«")) \
                or current is None:
            current = [stripped[bullet.end() - (len(line) - len(line.lstrip())):]
                       if bullet else stripped]
            entries.append(current)  # type: ignore[arg-type]
        elif sum(len(part) for part in current) < MAX_ENTRY_CHARS:
            current.append(stripped)
        blank = False
        if len(entries) >= MAX_ENTRIES:
            break
    joined = (" ".join(parts) for parts in entries)  # type: ignore[arg-type]
    return [entry for entry in joined if _YEAR.search(entry)]


def _has_heading_word(text: str) -> bool:
    lowered = text[-200_000:].lower() if len(text) > 400_000 else text.lower()
    return any(word in lowered for word in (
        "bibliograph", "sources", "works cited", "references", "literat", "quellen",
        "список литературы", "литература", "источники", "cited works", "reference list"))
