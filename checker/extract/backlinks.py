"""A reference list whose numbers were lost, each entry opened by its back-link.

Wikipedia and wikis copied as text (or through a converter that drops an ordered list's
numbers) keep the `^` or `↑` that links an entry back to its markers, and the markers in
the body as bracketed numbers:

    Russia's economy grew.[1] Trade expanded.[2]

    References

    ^ "Economy of Russia". World Bank. 12 May 2020.
    * ^ a b Smith, John (3 March 2019). "Trade figures". Reuters.
    ↑ 1 2 Иванов И. И. Нефть. — М., 2018.

The entries are numbered in their order, as the list numbered them. An entry runs to the
next entry, a blank line or a heading; an indented line below it continues it (a wrapped
dump). The back-link marks (`^`, `a b`, `↑ 1 2`) are the list's, not the note's, and go.
Read only when the body marks notes by bracketed numbers or a notes heading stands above the
list, and only when no entry of the list carries a number of its own (a numbered list is the
markdown reader's).
"""

from __future__ import annotations

import re

from checker.extract.common import MarkerIndex, clean_note_text, marker_numbers
from checker.extract.extraction import Extraction, Irregularity
from checker.lazypattern import compile_lazily
from checker.model import Footnote

# "^ text", "↑ text", "* ^ text", "- ↑ text" (a bullet a converter put before the back-link)
_ENTRY = compile_lazily(r"^[ \t]{0,3}(?:[*+•-][ \t]+)?[\^↑][ \t]+(?=\S)")
_BRACKET_MARK = compile_lazily(r"\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\](?![(:])")
_HEADING = compile_lazily(r"^\s{0,3}(?:#{1,6}\s|=+\s.*=+\s*$)|^\s*(?:References|Notes|Footnotes|"
                          r"Sources|Citations|Примечания|Источники|Литература|Einzelnachweise|"
                          r"Anmerkungen|Références|Notes et références)\s*:?\s*$", re.IGNORECASE)
MIN_ENTRIES = 2


def has_backlink_list(text: str) -> bool:
    """A cheap look: two lines opened by a back-link."""
    if "^" not in text and "↑" not in text:
        return False
    found = 0
    for line in text.split("\n"):
        if line[:1] in " \t^↑*+•-" and _ENTRY.match(line):
            found += 1
            if found >= MIN_ENTRIES:
                return True
    return False


def extract_backlink_list(text: str) -> Extraction:
    lines = text.split("\n")
    entries: list[tuple[int, list[str]]] = []  # (0-based line, parts)
    current: list[str] | None = None
    first_entry = None
    for index, line in enumerate(lines):
        opened = _ENTRY.match(line)
        if opened:
            current = [_without_marks(line[opened.end():])]
            entries.append((index, current))
            first_entry = index if first_entry is None else first_entry
        elif current is not None and line[:1] in " \t" and line.strip() \
                and not _HEADING.match(line):
            current.append(line.strip())
        else:
            current = None
    if len(entries) < MIN_ENTRIES or first_entry is None:
        return Extraction([], {})
    markers = MarkerIndex()
    for index, line in enumerate(lines[:first_entry]):
        if "[" in line:
            for match in _BRACKET_MARK.finditer(line):
                for number in marker_numbers(match.group(1)):
                    markers.add(number, index)
    headed = any(_HEADING.match(line) for line in lines[max(0, first_entry - 6):first_entry])
    if not markers.lines and not headed:
        return Extraction([], {})
    footnotes = []
    for number, (index, parts) in enumerate(entries, start=1):
        footnotes.append(Footnote(
            number=number, text=clean_note_text(" ".join(parts)), line=index + 1,
            marker_lines=tuple(line + 1 for line in markers.lines.get(number, ()))))
    marked = {number: [line + 1 for line in found] for number, found in markers.lines.items()}
    irregular = [Irregularity(
        1, entries[0][0] + 1,
        f"the reference list is not numbered (its {len(entries)} entries open with a "
        "back-link): numbered in their order")]
    return Extraction(footnotes, marked, irregular=irregular)


def _without_marks(body: str) -> str:
    """"a b c Smith ..." -> "Smith ...": the back-links of an entry cited several times,
    lettered after `^` ("a b c") or numbered after `↑` ("1 2 3"). Only a run of at least two
    in sequence, so "^ a study ..." keeps its "a"."""
    words = body.split(" ")
    sequence = ("a", "b") if words[0] == "a" else ("1", "2") if words[0] == "1" else None
    if sequence is None or len(words) < 3 or words[1] != sequence[1]:
        return body
    taken = 2
    while taken < len(words) - 1 and words[taken] == _next_mark(words[taken - 1]):
        taken += 1
    return " ".join(words[taken:]) if words[taken:] and words[taken].strip() else body


def _next_mark(mark: str) -> str:
    if mark.isdigit():
        return str(int(mark) + 1)
    if len(mark) == 1 and mark < "z":
        return chr(ord(mark) + 1)
    return ""


# "a. ^ text", "[b] ↑ text", "c ^ text": a wiki's explanatory note, lettered, its back-link kept
_LETTERED = compile_lazily(
    r"^[ \t]{0,3}(?:\[([a-z]{1,2})\]|([a-z]{1,2})\.?)[ \t]+[\^↑][ \t]*(?=\S)")
_LETTER_MARK = compile_lazily(r"\[([a-z]{1,2})\]")


def lettered_notes(text: str) -> list[Footnote]:
    """A wiki's explanatory notes, lettered apart from its numbered references:

        The economy grew by 4% in 2019.[1][a] ...
        Notes
        a. ^ Figures exclude the disputed regions.

    Each is a note labelled by its letter (its `number` is given by the caller: its place
    among all the notes); read only where the body marks the letter (`[a]`) above it.
    """
    lines = text.split("\n")
    notes: list[Footnote] = []
    marks: dict[str, list[int]] = {}  # letter -> 0-based lines marking it
    for index, line in enumerate(lines):
        opened = _LETTERED.match(line) if line[:6].lstrip(" \t[")[:1].islower() else None
        if opened is None:
            if "[" in line:
                for mark in _LETTER_MARK.finditer(line):
                    found = marks.setdefault(mark.group(1), [])
                    if not found or found[-1] != index:
                        found.append(index)
            continue
        label = opened.group(1) or opened.group(2)
        marked = tuple(number + 1 for number in marks.get(label, ()))
        if marked:
            notes.append(Footnote(number=0, line=index + 1, label=label, marker_lines=marked,
                                  text=clean_note_text(_without_marks(line[opened.end():]))))
    return notes
