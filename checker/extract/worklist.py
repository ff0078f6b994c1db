"""The document's own list of works (its bibliography), the full citations its short notes
point to:

    1. ^ Smith 2010, p. 5.

    Sources

    * Smith, John (2010). The Customs Union and Its Neighbours. London: Harbor Press.
    * Petrov, Ivan; Ivanova, Anna (2018). "Trade after the union". Journal of Regional Studies.

A list starts under a heading that names one (Bibliography, Sources, Works cited, References,
Literature, Literaturverzeichnis, Список литературы ...) and runs to the next heading. An entry
opens with a bullet, or with a capital after a blank line, or, in a list with neither (a PDF's
hanging indents, lost in its text), with an author's name as such lists begin them
(``Agamben, Giorgio.``, ``Adelman,Janet.``, ``–––.`` for the same author again, as after a
blank line too; ``Cicero.``, one name, where the line before ends an entry as MLA's medium
does, ``Print.``); the lines
below it continue it:

    Works Cited
    Adelman,Janet. "Anger's my meat": Feeding, Dependency, and Aggression in Coriolanus." Repre-
    senting Shakespeare. Ed. Murray M. Schwartz. Baltimore: Johns Hopkins UP, 1980. Print.
    Agamben, Giorgio. State of Exception. Chicago: University of Chicago Press, 2005. Print.

The
note lines themselves (a wiki's "References" are its notes) are never entries, and an entry
without a year is no use to an author-date note and is left out. The entries are handed to
the resolver of short notes (`references/backrefs.py`), never reported as notes.
"""

from __future__ import annotations

import re

from checker.extract.common import PAGE_START, is_ditto, join_wrapped_lines
from checker.lazypattern import compile_lazily
from checker.references.patterns import YEAR_WORD

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
# "Agamben, Giorgio." "Adelman,Janet." "Barroll, J. Leeds." "Van Doren, Mark."
_NAME_OPENING = compile_lazily(
    r"^(?:[A-Z][\w'’-]+\s)?[A-Z][\w'’-]+,\s?(?:[A-Z][a-z]+|[A-Z]\.)[\w.\s-]{0,40}?\.(?:\s|$)")
# One name as an author's ("Cicero. De oratore. ..."): an entry's opening only where the line
# before ends one, as MLA's medium closes every entry ("... 1942. Print.")
_ONE_NAME_OPENING = compile_lazily(r"^[A-Z][a-z]{2,20}\.\s+[A-Z\"“*]")
_MEDIUM_END = compile_lazily(r"\b(?:Print|Web|Film|CD|DVD|Television|Radio)\.$")
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
    lines = text.split("\n")
    by_name: set[int] | None = None  # read at the first list: most documents have none
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped and len(stripped) < 40 and _LIST_HEADING.match(line):
            in_list, current, blank = True, None, True
            if by_name is None:
                by_name = _opens_by_name(lines, note_lines)
            continue
        if not in_list:
            continue
        if _OTHER_HEADING.match(line):
            in_list, current = False, None
            continue
        if PAGE_START.match(stripped):
            continue  # a PDF's page break: the entry goes on
        if not stripped or number in note_lines:
            current = None if number in note_lines else current
            blank = True
            continue
        bullet = _BULLET.match(line)
        if bullet or (blank and (stripped[:1].isupper() or stripped[:1] in "\"“«"
                                 or is_ditto(stripped))) \
                or current is None or (by_name is not None and number in by_name) \
                or (_MEDIUM_END.search(current[-1]) and (
                    _NAME_OPENING.match(stripped) or _ONE_NAME_OPENING.match(stripped))):
            current = [stripped[bullet.end() - (len(line) - len(line.lstrip())):]
                       if bullet else stripped]
            entries.append(current)  # type: ignore[arg-type]
        elif sum(len(part) for part in current) < MAX_ENTRY_CHARS:
            current.append(stripped)
        blank = False
        if len(entries) >= MAX_ENTRIES:
            break
    joined = (join_wrapped_lines(parts) for parts in entries)  # type: ignore[arg-type]
    return [entry for entry in joined if YEAR_WORD.search(entry)]


def _opens_by_name(lines: list[str], note_lines: set[int]) -> set[int]:
    """The lines (1-based) that open an entry by its author's name, in each list whose lines
    have no blank or bullet between them (entries told apart only by their names)."""
    opening: set[int] = set()
    in_list = False
    section: list[int] = []

    def close() -> None:
        while section and not lines[section[-1] - 1].strip():
            section.pop()  # blank lines after the list
        if len(section) >= 3 and not any(
                not lines[n - 1].strip() or _BULLET.match(lines[n - 1]) for n in section[1:]):
            opening.update(n for n in section if _NAME_OPENING.match(lines[n - 1].strip())
                           or is_ditto(lines[n - 1].strip()))

    for number, line in enumerate(lines, start=1):
        if len(line.strip()) < 40 and _LIST_HEADING.match(line):
            close()
            in_list, section = True, []
        elif in_list and (_OTHER_HEADING.match(line) or number in note_lines):
            close()
            in_list, section = False, []
        elif in_list and (section or line.strip()):
            section.append(number)
    close()
    return opening


def _has_heading_word(text: str) -> bool:
    lowered = text[-200_000:].lower() if len(text) > 400_000 else text.lower()
    return any(word in lowered for word in (
        "bibliograph", "sources", "works cited", "references", "literat", "quellen",
        "список литературы", "литература", "источники", "cited works", "reference list"))
