"""Footnotes at the bottom of each page, in text taken from a PDF (pdftotext, copy and paste).

    ... free of constraint as per long-standing international
    law,2 but since the conflict began, Iran has asserted control.3
    ––––––––––––––––––––––––––––––
    1 United Nations Conference on Trade and Development (UNCTAD), "Strait of Hormuz
    Disruptions," March 10, 2026, https://unctad.org/publication/strait-hormuz.
    2 Robert Beckman et al., "Possible Actions by Coastal States," International Journal
    of Marine and Coastal Law, vol. 40 (2025).
    Congressional Research Service
    1
    <form feed>
    The Strait of Hormuz in Brief ...

The superscript markers lost their raise and are glued to the word or the punctuation before
them (`law,2`, `mines10`, `law”20`); the notes are lines opening with their number, in one
ascending sequence through the document (starting again at 1 per chapter where a book does),
each block of them at the foot of a page, below a rule or not, above the page's number and
running head. A note runs on over the lines below it (a blank line may fall inside one) and
ends at the next note, at the page's end (a form feed, a rule, a line printed on many pages,
a bare page number) or at a line of body text (one that carries the marker of a later note).

Where a number is printed at a line's start in the body too ("13 states ..."), the line
taken is the one in the notes' zone (below a rule, a blank line or the previous note)
nearest the next note. Read only where the text has pages (form feeds, rules or page
numbers), only when the notes come in at least two blocks with body text between them, and
only when one in three at least is marked in the body (numbered lists mark nothing).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, islice

from checker.extract.common import (
    GLUED_MARKER,
    RULE_CHARACTERS,
    clean_note_text,
    join_wrapped_lines,
)
from checker.extract.extraction import Extraction
from checker.extract.run_together import has_ruled_notes, split_run_together
from checker.extract.signals import TextSignals
from checker.lazypattern import compile_lazily
from checker.model import Footnote

# "12 Text", "12. Text": a note's first line (up to 20 spaces of indent in a layout dump)
_START = compile_lazily(r"^[ \t\f]{0,20}(\d{1,4})\.?[ \t]+(?=[^\s%])(\S.*)$")
# "12." alone on its line, the note's text on the next (a layout that sets the number apart)
_NUMBER_ALONE = compile_lazily(r"^[ \t\f]{0,20}(\d{1,4})\.\s*$")
_LOWER_OPENERS = compile_lazily(r"^(?:id\.|ibid|see|cf\.|e\.g\.|accord|but\s|compare|quoted|"
                                r"citing|available|http|www\.)", re.IGNORECASE)
_RULE = compile_lazily(rf"^[\s\f]*[{RULE_CHARACTERS}]{{8,}}\s*$")
_PAGE_NUMBER = compile_lazily(r"^[\s\f]*(?:[-–—]\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*[-–—])?\s*$")
# "2        HARVARD LAW REVIEW", "4   CHAPTER 2. THE CANAL": a page number set apart from the
# running head beside it (a wide gap, or a gap and capitals)
_PAGE_HEAD = compile_lazily(
    r"^[ \t\f]{0,20}\d{1,4}(?:[ \t]{8,}\S|[ \t]{3,}[A-Z][A-Z .,:;'’&-]{6,}(?:\s|$))")
MIN_NOTES = 3
MARKED_SHARE = 3  # at least one note in three has its marker glued in the body above it
LOOK_CHARS = 200_000  # page numbers show within the first pages (a page is about 3,000)
NEXT_NOTE_REACH = 3  # lines below a note within which the next one is its neighbour
SEARCH_LINES = 400  # how far below a note its successor is looked for
MAX_NOTE_LINES = 80  # a note running on longer than this is body text taken for a note
FURNITURE_REPEATS = 3  # a line printed on this many pages is a running head or foot


@dataclass
class _Note:
    number: int
    line: int  # 0-based
    parts: list[str] = field(default_factory=list)
    end: int = 0  # its last line, 0-based


def has_page_notes(text: str, signals: TextSignals | None = None) -> bool:
    """A cheap look: pages (form feeds, rules or bare page numbers) and lines opening with
    a number or a rule with a number after it (page numbers are looked for in the first
    pages only). `signals`: the strings the text holds, when looked for already."""
    if signals is None:
        signals = TextSignals(text)
    first_break = text.find("\f")  # two form feeds at least (found, not all counted)
    paged = (first_break >= 0 and text.find("\f", first_break + 1) >= 0) \
        or "––––" in signals or "____" in signals or "-----" in signals \
        or _at_least(_BARE_NUMBER_LINE, text[:LOOK_CHARS], 3) \
        or _numbered_running_line(text[:LOOK_CHARS])
    return paged and (_at_least(_NUMBERED_LINE, text, MIN_NOTES)
                      or _at_least(_BARE_NUMBER_LINE, text, MIN_NOTES)
                      or has_ruled_notes(text))


# "Congressional Research Service 4": a running foot or head ending in its page's number, on
# a line read after its newline (a pattern opening with a character is searched for fast, one
# opening with "^" is tried at every character)
_NUMBERED_RUNNING = compile_lazily(r"(?m)\n[ \t]*(\S[^\n]{2,80}?)[ \t]+(\d{1,4})[ \t]*$")


# "8 CHAPTER 1. THE HARBOR": a page number and a running head in capitals, at a line's end
# (glued to the previous page's last line where a viewer's copy joins pages with nothing); that
# no digit precedes the number is checked after its first digit, not by a leading look-behind
_NUMBER_THEN_HEAD = compile_lazily(
    r"(?m)(\d(?<!\d\d)\d{0,3})[ \t]+([^\W\d_a-z][^\na-z]{5,80})$")


def _numbered_running_line(text: str) -> bool:
    """Pages without form feeds (a viewer's copy): the same running foot or head on three
    pages at least, each with another page number."""
    heads = ((match.group(1), match.group(2))
             for match in _NUMBERED_RUNNING.finditer("\n" + text)  # the first line's too
             if not match.group(1)[:1].isdigit())  # a note or a numbered line: no head
    heads_after = ((match.group(2), match.group(1)) for match in
                   _NUMBER_THEN_HEAD.finditer(text))
    numbers: dict[str, set[str]] = {}
    for head, number in chain(heads, heads_after):
        found = numbers.setdefault(head.strip(), set())
        found.add(number)  # a number, not an order: a viewer glues a page's to the next one's
        if len(found) >= 3:
            return True
    return False


_BARE_NUMBER_LINE = compile_lazily(r"(?m)^[ \t\f]*\d{1,4}[ \t]*$")
_NUMBERED_LINE = compile_lazily(r"(?m)^[ \t\f]{0,20}\d{1,4}\.?[ \t]+\S")


def _at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    return len(list(islice(pattern.finditer(text), count))) >= count


def extract_page_notes(text: str) -> Extraction:
    lines = text.split("\n")
    origin: list[int] | None = None  # the line of `text` each line comes from, once split
    if (split := split_run_together(lines)) is not None:
        lines, origin = split
    furniture = _furniture(lines)
    starts = _starts(lines, furniture)
    chosen = _chain(starts, lines, furniture)
    if len(chosen) < MIN_NOTES:
        return Extraction([], {})
    notes = _notes(chosen, lines, furniture)
    blocks = _blocks(notes)
    if len(blocks) < 2:
        return Extraction([], {})  # one notes section: the general reader's shape
    markers = _markers(notes, blocks, lines, furniture)
    if len(markers) * MARKED_SHARE < len(notes):
        return Extraction([], {})  # numbered lists, not notes: their numbers mark nothing
    if origin is not None:
        markers = {key: _unique([origin[line - 1] + 1 for line in found])
                   for key, found in markers.items()}
    footnotes = [
        Footnote(number=note.number, line=(origin[note.line] if origin else note.line) + 1,
                 text=clean_note_text(join_wrapped_lines(note.parts)),
                 marker_lines=tuple(markers.get(id(note), ())))
        for note in notes
    ]
    by_number: dict[int, list[int]] = {}
    for note, footnote in zip(notes, footnotes, strict=True):
        by_number.setdefault(note.number, []).extend(footnote.marker_lines)
    return Extraction(footnotes, {n: sorted(found) for n, found in by_number.items()})


def _unique(lines: list[int]) -> list[int]:
    return sorted(set(lines))


def _furniture(lines: list[str]) -> set[int]:
    """Lines that are the page's and not the text's: rules, bare page numbers, form feeds
    alone, a page number beside its running head, and lines printed the same on several
    pages (running heads and foots)."""
    counts = Counter(line.strip(" \t\f") for line in lines if 0 < len(line.strip()) < 90)
    found = set()
    for index, line in enumerate(lines):
        stripped = line.strip(" \t\f")
        if (_RULE.match(line) or (stripped and _PAGE_NUMBER.match(line)) or _PAGE_HEAD.match(line)
                or (stripped and counts[stripped] >= FURNITURE_REPEATS
                    and not _START.match(line))):
            found.add(index)
    return found


def _starts(lines: list[str], furniture: set[int]) -> dict[int, list[int]]:
    """Note number -> the lines (0-based, ascending) that open with it and could be a note."""
    starts: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if not line[:24].lstrip(" \t\f")[:1].isdigit():
            continue
        if index in furniture:
            # "1" alone at the margin and the note's text below it (LibreOffice's notes): a
            # page number's look, taken only where the chain needs that number there
            if _BARE_NUMBER_LINE.match(line) and len(line) - len(line.lstrip()) <= 4 \
                    and index + 1 < len(lines) and lines[index + 1].strip() \
                    and index + 1 not in furniture and not _START.match(lines[index + 1]):
                starts.setdefault(int(line.strip()), []).append(index)
            continue
        match = _START.match(line)
        if match is None:
            alone = _NUMBER_ALONE.match(line)
            if alone and index + 1 < len(lines) and lines[index + 1].strip():
                starts.setdefault(int(alone.group(1)), []).append(index)
            continue
        body = match.group(2)
        if body[:1].islower() and not _LOWER_OPENERS.match(body):
            continue
        starts.setdefault(int(match.group(1)), []).append(index)
    return starts


def _chain(starts: dict[int, list[int]], lines: list[str],
           furniture: set[int]) -> list[tuple[int, int]]:
    """(number, line) of the notes: from 1 (or the first number whose successor follows),
    each next number below the previous note; a 1 whose 2 follows starts the numbering
    again (a new chapter)."""
    chosen: list[tuple[int, int]] = []
    after = -1
    number = _first_number(starts)
    if number is None:
        return chosen
    while True:
        line = _pick(number, after, starts, lines, furniture, chosen)
        if line is None:
            restart = _pick(1, after, starts, lines, furniture, chosen) if number > 2 else None
            if restart is None or _next_line(2, restart, starts) is None:
                return chosen
            number, line = 1, restart
        chosen.append((number, line))
        after = line
        number += 1


def _first_number(starts: dict[int, list[int]]) -> int | None:
    for number in sorted(starts):
        first = starts[number][0]
        if _next_line(number + 1, first, starts) is not None and \
                _next_line(number + 2, first, starts) is not None:
            return number
    return None


def _next_line(number: int, after: int, starts: dict[int, list[int]]) -> int | None:
    found = starts.get(number, ())
    position = bisect_left(found, after + 1)
    if position < len(found) and found[position] - after <= SEARCH_LINES:
        return found[position]
    return None


def _pick(number: int, after: int, starts: dict[int, list[int]], lines: list[str],
          furniture: set[int], chosen: list[tuple[int, int]]) -> int | None:
    """The line of note `number` below line `after`: the line right below the previous
    note when one opens with the number there; else, of the lines opening with the number
    before the next note's, one in the notes' zone, the nearest to the next note."""
    found = starts.get(number, ())
    position = bisect_left(found, after + 1)
    options = [line for line in found[position:] if line - after <= SEARCH_LINES]
    if not options:
        return None
    following = _next_line(number + 1, options[0], starts)
    if following is not None:
        options = [line for line in options if line < following] or options[:1]
    if chosen:  # the line right below the previous note (a page's notes one after another)
        last = chosen[-1][1]
        below = [line for line in options if line - last <= NEXT_NOTE_REACH
                 and not any(GLUED_MARKER.search(lines[between])
                             for between in range(last + 1, line))]
        if below and _START.match(lines[below[0]]) is not None:
            return below[0]
    zoned = [line for line in options if _in_zone(line, lines, furniture, chosen)]
    if zoned:
        return zoned[-1] if following is not None else zoned[0]
    return options[-1] if following is not None else options[0]


def _in_zone(index: int, lines: list[str], furniture: set[int],
             chosen: list[tuple[int, int]]) -> bool:
    """Below a rule, a blank line, a page's start or the previous note's text."""
    if "\f" in lines[index][:24]:
        return True
    above = index - 1
    if above < 0 or not lines[above].strip() or above in furniture:
        return True
    return bool(chosen) and 0 <= index - chosen[-1][1] <= MAX_NOTE_LINES and \
        not GLUED_MARKER.search(lines[above])


def _notes(chosen: list[tuple[int, int]], lines: list[str], furniture: set[int]) -> list[_Note]:
    notes = []
    for position, (number, line) in enumerate(chosen):
        stop = chosen[position + 1][1] if position + 1 < len(chosen) else len(lines)
        opening = _START.match(lines[line])
        note = _Note(number, line, [opening.group(2)] if opening else [], end=line)
        blank = False
        for index in range(line + 1, min(stop, line + MAX_NOTE_LINES)):
            current = lines[index]
            if "\f" in current or index in furniture:
                break
            if not current.strip():
                if blank:
                    break  # two blank lines: the notes' zone is over
                blank = True
                continue
            if _carries_a_later_marker(current, number):
                break
            blank = False
            note.parts.append(current.strip())
            note.end = index
        notes.append(note)
    return notes


def _carries_a_later_marker(line: str, number: int) -> bool:
    """Body text below the notes: it marks one of the next notes (`law.11`)."""
    return any(number < int(found.group(1)) <= number + 30 for found in GLUED_MARKER.finditer(line))


def _blocks(notes: list[_Note]) -> list[list[_Note]]:
    """The notes in runs printed one after another (a page's foot)."""
    blocks: list[list[_Note]] = []
    for note in notes:
        if blocks and note.line - blocks[-1][-1].end <= 2:
            blocks[-1].append(note)
        else:
            blocks.append([note])
    return blocks


def _markers(notes: list[_Note], blocks: list[list[_Note]], lines: list[str],
             furniture: set[int]) -> dict[int, list[int]]:
    """id(note) -> 1-based lines of its marker: its number glued to a word of the body
    between the previous block of notes and its own."""
    found: dict[int, list[int]] = {}
    previous_end = -1
    for block in blocks:
        wanted = {note.number: note for note in block}
        for index in range(previous_end + 1, block[0].line):
            if index in furniture or not any(c.isdigit() for c in lines[index]):
                continue
            for match in GLUED_MARKER.finditer(lines[index]):
                note = wanted.get(int(match.group(1)))
                if note is not None:
                    marks = found.setdefault(id(note), [])
                    if not marks or marks[-1] != index + 1:
                        marks.append(index + 1)
        previous_end = block[-1].end
    return found
