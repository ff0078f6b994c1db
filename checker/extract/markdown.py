"""Footnotes in markdown or plain text converted from PDF.

PDF converters leave notes in many shapes: `<sup>N</sup>text` or `¹ text` at a line
start (strong: always a definition), and `- N text`, `N text`, `N. text`, `[N] text`
(weak: body paragraphs and lists start with numbers too). Notes sit at the end
(after a `---` rule or a "Notes" heading) or between body paragraphs at page breaks,
wrap onto following lines, and sometimes run on inside the previous note's line
(`...html. 9 "Title..."`).

One linear pass over the lines decides. A weak candidate becomes a definition when
its number is the one expected next and either it sits in an endnote section, its
number was marked earlier in the body, or it reads like a citation. Nothing is
keyed to particular documents; every decision looks at a line and its neighbours.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from checker.extract.common import (
    LOWER_NOTE_START,
    POWER_BASE_ENDS,
    SUPERSCRIPT_DIGITS,
    MarkerIndex,
    clean_note_text,
    from_superscript,
    is_power,
    join_wrapped_lines,
    marker_numbers,
    run_on_in,
)
from checker.extract.extraction import (
    Extraction,
    Irregularity,
    MarkerHandout,
    body_runs,
    restart_parts,
)
from checker.extract.signals import TextSignals
from checker.lazypattern import compile_lazily
from checker.model import Footnote

# ---- line shapes --------------------------------------------------------------------------

_ENTITY_SPLIT = compile_lazily(r"&(</sup>)(#?\w{1,10};)")  # "<sup>8 &</sup>quot;" -> "</sup>&quot;"

# The line-start patterns below end where the note's text starts: the rest of the line is its
# text (matched, it would be scanned to the line's end once more)
_STRONG_START = compile_lazily(
    r"^\s{0,3}(?:[-*+]\s+)?(?:"
    r"<sup>\s*(?P<sup>\d{1,6})\.?\s*</sup>"
    rf"|(?P<uni>[{SUPERSCRIPT_DIGITS}]{{1,6}})(?![{SUPERSCRIPT_DIGITS}\d])"
    r"|\^(?P<caret>\d{1,6})\^"
    r")[.)]?\s*"
)
# Empty anchors opening a line: `<span id="page-5-1"></span>` (marker's PDF-to-markdown)
_EMPTY_ANCHORS = compile_lazily(
    r"(?:<(?:span|a)\b[^<>]{0,200}?\b(?:id|name)=[\"'](?P<id>[^\"']{1,100})[\"'][^<>]{0,200}>"
    r"\s*</(?:span|a)>\s*)+")
_ANCHOR_LINK = compile_lazily(r"\[(\d{1,6})\.?\]\(#([^()\s]{1,100})\)")
# A note marked by a symbol: "<sup>∗</sup>. Equal contribution."
_SYMBOL_START = compile_lazily(r"<sup>\s*(?P<symbol>[*∗†‡§¶])\s*</sup>[.)]?\s*(?=\S)")
_WEAK_START = compile_lazily(
    r"^[ \t]{0,8}(?:"
    r"(?P<list>[-*+•])\s+(?P<lnum>\d{1,6})(?:[.)](?!\d))?\s+"
    r"|\[(?P<bnum>\d{1,6})\](?![(:\[])\s*"
    r"|\|[ \t]*(?P<tnum>\d{1,6})\.?[ \t]*\|[ \t]*"
    r"|(?P<pnum>\d{1,6})(?:[.)](?![\d.])\s*|\s+|(?=[\"“‘'«]))"
    r")(?=\S)"
)
_EMPTY_BRACKET = compile_lazily(r"^[ \t]{0,8}\[(\d{1,6})\]\s*$")  # "[2]": an empty list entry
# A note's number alone on its line, its text on the next (pdftotext's layout of some
# endnote pages). Only in an endnote section, where a page number cannot pass for it.
_BARE_NUMBER = compile_lazily(r"^\s{0,3}(\d{1,4})\.?\s*$")
# "2The first sentence of ...": the number glued to the note's first word (PDFium's text
# of an endnote page, the raised number without its space). Only in an endnote section.
_GLUED_START = compile_lazily(r"^\s{0,3}(\d{1,4})([^\W\d_a-z][^\W\d_]+\b.*)$")
_HEADING = compile_lazily(r"^\s{0,3}#{1,6}(?:\s|$)")
_RULE = compile_lazily(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_NOTES_HEADING = compile_lazily(
    r"^\s{0,3}(?:#{1,6}\s*)?[*_]*\s*(?:"
    r"notes?|end\s?notes|foot\s?notes|notes and references|references(?: and notes)?"
    r"|sources|works cited|citations|bibliography"
    r"|примечания|сноски|источники|литература|ссылки"
    r"|anmerkungen|fu(?:ß|ss)noten|endnoten|notas|références|riferimenti"
    r")\s*[*_:]*\s*$",
    re.IGNORECASE,
)

# ---- markers in the body ------------------------------------------------------------------

_SUP_MARK = compile_lazily(r"<sup>\s*\[?([\d][\d\s,–—-]{0,40}?)\]?\s*</sup>")
# Regexes below start with a character class (fast to scan for); what must precede
# the match is checked by hand, a leading look-behind would be tried at every position.
_UNI_MARK = compile_lazily(rf"[{SUPERSCRIPT_DIGITS}]+(?:[,⁻][{SUPERSCRIPT_DIGITS}]+)*")
_CARET_MARK = compile_lazily(r"\^(\d{1,6})\^")
_BRACKET_MARK = compile_lazily(r"\[(\d{1,6}(?:\s*[,–-]\s*\d{1,6})*)\](?![(:])")
# Bare digits glued after a word and punctuation: "region.9 While", 'rights."6'.
_GLUED_MARK = compile_lazily(r"[.,;:!?)\]\"”’](\d{1,4})(?=[\s)]|$)")
# "founded in 2001.4 Its charter": a marker glued to a year ending a sentence.
_YEAR_BEFORE = compile_lazily(r"\s(?:1[5-9]|20)\d\d$")
_CAPITAL_AFTER = compile_lazily(r"\s+[\"“‘'(]?[^\W\d_a-z]|\s*$")
_CANDIDATE_FIRST = frozenset("<-*+•[^|" + SUPERSCRIPT_DIGITS)
_CLOSERS = frozenset(")]\"”’")
_PUNCTUATION = frozenset(".,;:!?")

# ---- the look of a note -------------------------------------------------------------------

_URL = compile_lazily(r"https?://|www\.|[\w-]\.(?:com|org|net|gov|edu|info|int|media|news)\b")
_BACKREF = compile_lazily(r"^(?:ibid|id\.|op\.\s?cit|loc\.\s?cit)|\bibid\b", re.IGNORECASE)
_YEAR = compile_lazily(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_CITATION_BITS = compile_lazily(
    r"[\"“”«»„]|\*[^*\s][^*]*\*|\bpp?\.\s?\d|\bet al\.|\b(?:eds?|trans|vol|no)\.\s"
    r"|\b(?:accessed|retrieved|available at|press|university|journal)\b|:\s?\d",
    re.IGNORECASE,
)
_SENTENCE_END = compile_lazily(r"(?<=[.!?])([\"”’)]?)\s+(?=\S)")
_TERMINAL = frozenset(".?!\"”’»)]*>")
_URL_TAIL = compile_lazily(r"(?:https?://|www\.)\S*$|\S+\.(?:html?|pdf|php|aspx?)/?$|\S/$")

BLANK, TEXT, HEADING, NOTES_HEADING, RULE = range(5)
NO_SECTION, RULED_SECTION, HEADED_SECTION = range(3)
MAX_BLANKS_INSIDE_NOTE = 2
# More lines than this of text and no note after a notes heading, and the heading was no
# section's (a table of contents' "Notes" or "Works Cited" entry, the page number beside it)
MAX_STRAY_LINES_BEFORE_NOTES = 4
MAX_CONTINUATION_PARAGRAPH = 600
GAP_TOLERANCE = 3
MIN_UNCITED_NOTE = 25
NEXT_NOTES = 10  # a marker this far ahead of a note, inside it, is body text


class _Candidate(NamedTuple):
    """A line that may open a note (made once per such line and not changed; a tuple
    subclass is still watched by the garbage collector, unlike a plain tuple)."""

    number: int
    strong: bool
    style: str  # sup | superscript | caret | list | bracket | table | plain | bare
    text: str  # what follows the number
    marker_end: int  # offset in the line where the leading marker ends
    label: str | None = None  # a note marked by a symbol ("<sup>*</sup>"), not a number
    anchor: str | None = None  # the id of an empty anchor opening the line (marker's PDF)


@dataclass(slots=True)
class _Note:
    number: int
    line: int  # 0-based
    style: str
    parts: list[tuple[int, str]] = field(default_factory=list)  # (line index, text)
    label: str | None = None  # marked by a symbol, numbered by its position in the end

    def text(self) -> str:
        if len(self.parts) == 1:
            return self.parts[0][1].strip()
        return join_wrapped_lines(part for _, part in self.parts)


def extract_markdown(text: str, signals: TextSignals | None = None) -> Extraction:
    """The notes of `text` (`signals`: the strings it holds, when looked for already)."""
    if signals is None:
        signals = TextSignals(text)
    if "&</sup>" in signals:
        text = _ENTITY_SPLIT.sub(r"\1&\2", text)  # (an "&" moved: the digits' signals hold)
    lines = text.split("\n")
    scan = _scan(text, lines, any(digit in signals for digit in SUPERSCRIPT_DIGITS))
    notes = _assemble(lines, scan)
    return _finish(notes, scan)


# ---- pass 0: classify every line, collect markers -----------------------------------------


@dataclass
class _Scan:
    text: str
    kinds: list[int]
    candidates: dict[int, _Candidate]
    explicit: MarkerIndex
    lines: list[str]
    start_numbers: set[int]  # every number seen as a line-start candidate
    strong_numbers: set[int]  # numbers of <sup>N</sup>, ¹ or ^N^ line starts
    endnote_numbers: set[int]  # numbers of line starts under a "Notes" heading
    uses_brackets: bool = False
    irregular: list[Irregularity] = field(default_factory=list)
    _glued: MarkerIndex | None = None
    _bare: list[int] | None = None

    def bare_lines(self) -> list[int]:
        """The lines holding only a number, in order (read when a bare number is judged)."""
        if self._bare is None:
            self._bare = [index for index, candidate in self.candidates.items()
                          if candidate.style == "bare"]
        return self._bare

    def glued(self) -> MarkerIndex:
        """Bare digits glued to a word ("region.9"): looked for only when a note needs them
        (most documents mark every note explicitly), a pass over the whole text."""
        if self._glued is None:
            self._glued = _collect_glued(self.text, self.candidates)
        return self._glued


def _scan(text: str, lines: list[str], superscripts: bool) -> _Scan:
    """Every line's kind, the lines that may open a note, and the markers (`superscripts`:
    the text holds superscript digits)."""
    kinds: list[int] = []
    candidates: dict[int, _Candidate] = {}
    start_numbers: set[int] = set()
    strong_numbers: set[int] = set()
    endnote_numbers: set[int] = set()
    under_notes_heading = False
    after_rule = False
    bracket_lines = 0
    superscript_defs = False
    page_numbers: list[tuple[int, int]] = []  # bare numbers by a page break: (line, number)
    paged = "\f" in text  # looked for once, not per bare number (a whole text's scan)
    append = kinds.append
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            append(BLANK)
            continue
        first = stripped[0]
        if first in "-*_" and _RULE.match(line):
            append(RULE)
            after_rule = True
            continue
        if len(stripped) < 60 and not first.isdigit() and _NOTES_HEADING.match(line):
            append(NOTES_HEADING)
            under_notes_heading = True
            continue
        if first == "#" and _HEADING.match(line):
            append(HEADING)
            continue
        append(TEXT)
        if first.isdigit() or first in _CANDIDATE_FIRST:
            candidate = _candidate(line, under_notes_heading or after_rule)
            if candidate is None:
                continue
            number, style = candidate.number, candidate.style
            if style == "bare" and paged and _page_number_line(lines, index):
                page_numbers.append((index, number))
            candidates[index] = candidate
            start_numbers.add(number)
            if candidate.strong:
                strong_numbers.add(number)
            if under_notes_heading:
                endnote_numbers.add(number)
            superscript_defs |= style == "superscript"
            # "[12] text", and "12. ^ text" (a wiki's list, its body marked "[12]"); the
            # text after the leading number starts where its blanks end
            bracket_lines += style == "bracket" or candidate.text[:1] in ("^", "↑")
    for index in _running_page_numbers(page_numbers):
        del candidates[index]
    explicit = _collect_markers(text, candidates, superscript_defs, superscripts)
    scan = _Scan(
        text, kinds, candidates, explicit, lines, start_numbers, strong_numbers, endnote_numbers
    )
    if bracket_lines >= 2:
        scan.uses_brackets = True
        _collect_bracket_markers(lines, candidates, explicit)
    elif not explicit.lines and len(start_numbers) >= 2 and "[" in text:
        # "1. text" notes and no other marker: a body marked "[1]" marks them, when its
        # bracketed numbers cover most of the notes (not a stray "[2]" in a quotation)
        brackets = MarkerIndex()
        _collect_bracket_markers(lines, candidates, brackets)
        if len(start_numbers & brackets.lines.keys()) * 2 >= len(start_numbers):
            scan.uses_brackets = True
            explicit.lines.update(brackets.lines)
    if "](#" in text:
        _collect_anchor_links(text, candidates, explicit)
    return scan


def _candidate(line: str, in_endnotes: bool = False) -> _Candidate | None:
    """A line that may start a note; empty anchors opening it (`<span id="page-3-1"></span>`,
    left by marker's PDF conversion) are passed over and their id kept."""
    match = _STRONG_START.match(line)  # first: no line it matches opens with an anchor
    if match:
        kind = match.lastgroup  # the alternative that matched: "sup", "uni" or "caret"
        if kind == "uni":
            number, style = from_superscript(match.group("uni")), "superscript"
        else:
            number, style = match.group(kind), "sup" if kind == "sup" else "caret"
        return _Candidate(int(number), True, style, line[match.end():], match.end())
    if line.startswith("<"):
        lead = _EMPTY_ANCHORS.match(line)
        if lead is not None:
            found = _candidate(line[lead.end():], in_endnotes)
            if found is not None:
                found = found._replace(marker_end=found.marker_end + lead.end(),
                                       anchor=lead.group("id"))
            return found
        symbol = _SYMBOL_START.match(line)
        if symbol is not None:
            return _Candidate(0, True, "sup", line[symbol.end():], symbol.end(),
                              label=symbol.group("symbol"))
    match = _WEAK_START.match(line)
    if match:
        kind = match.lastgroup  # the number's group: "lnum", "bnum", "tnum" or "pnum"
        if kind == "tnum":  # a table row: "| 12. | text |"
            text = line[match.end():].rstrip()
            return _Candidate(int(match.group("tnum")), False, "table",
                              text[:-1].rstrip() if text.endswith("|") else text, match.end())
        style = "list" if kind == "lnum" else "bracket" if kind == "bnum" else "plain"
        return _Candidate(int(match.group(kind)), False, style, line[match.end():],
                          match.end())
    if line.lstrip().startswith("["):
        empty = _EMPTY_BRACKET.match(line)
        if empty:
            return _Candidate(int(empty.group(1)), False, "bracket", "", len(line))
    if in_endnotes:
        bare = _BARE_NUMBER.match(line)
        if bare:
            return _Candidate(int(bare.group(1)), False, "bare", "", len(line))
        glued = _GLUED_START.match(line)
        if glued:
            return _Candidate(int(glued.group(1)), False, "plain", glued.group(2), glued.start(2))
    return None


def _running_page_numbers(by_breaks: list[tuple[int, int]]) -> list[int]:
    """The lines of `by_breaks` (bare numbers beside a page break) that are the pages' own
    numbers: each one more than the one by the break before it, or one less than the next.
    A note's number printed by a page break is not in that run."""
    pages = []
    for position, (index, number) in enumerate(by_breaks):
        before = by_breaks[position - 1][1] if position > 0 else None
        after = by_breaks[position + 1][1] if position + 1 < len(by_breaks) else None
        if before == number - 1 or after == number + 1:
            pages.append(index)
    return pages


def _page_number_line(lines: list[str], index: int) -> bool:
    """Is line `index` where a page prints its number: among the first two lines of a page
    (after pdftotext's form feed) or its last line before the next one?"""
    seen = 0
    for before in range(index, max(index - 6, -1), -1):
        if "\f" in lines[before]:
            return True
        if before != index and lines[before].strip():
            seen += 1
            if seen > 1:
                break
    for after in range(index + 1, min(index + 4, len(lines))):
        if "\f" in lines[after]:
            return True
        if lines[after].strip():
            return False
    return False


class _Lines:
    """Offsets -> (line index, offset of the line start), for matches met in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.index = 0
        self.start = 0

    def locate(self, offset: int) -> tuple[int, int]:
        if offset > self.position:
            newlines = self.text.count("\n", self.position, offset)
            if newlines:
                self.index += newlines
                self.start = self.text.rfind("\n", 0, offset) + 1
            self.position = offset
        return self.index, self.start


def _collect_markers(
    text: str, candidates: dict[int, _Candidate], superscript_defs: bool, superscripts: bool
) -> MarkerIndex:
    """Body markers, one pass over the whole text per marker shape.

    A candidate line's own leading number is not a marker. Superscripts glued
    straight to a letter count only when the notes themselves are superscript-
    numbered (otherwise "km²" would be a marker).
    """
    explicit = MarkerIndex()
    passes = 0  # the passes made: one alone adds each number's lines in order
    if "<sup" in text:
        passes += 1
        add, get, count, rfind = explicit.add, candidates.get, text.count, text.rfind
        position = index = start = 0  # `_Lines.locate`, inlined: (line index, its start)
        for match in _SUP_MARK.finditer(text):  # one per note at least: kept tight
            offset = match.start()
            if offset > position:
                newlines = count("\n", position, offset)
                if newlines:
                    index += newlines
                    start = rfind("\n", 0, offset) + 1
                position = offset
            candidate = get(index)
            if candidate is not None and offset - start < candidate.marker_end:
                continue  # the note's own number (`_own_marker`, inlined in this hot loop)
            if text[offset - 1] in POWER_BASE_ENDS \
                    and is_power(text[max(start, offset - 5): offset]):
                continue  # an exponent (the last character looked at first: nothing cut)
            spec = match.group(1)
            if spec.isdigit():
                add(int(spec), index)
            else:
                for number in marker_numbers(spec):
                    add(number, index)
    if "^" in text:
        passes += 1
        where = _Lines(text)
        for match in _CARET_MARK.finditer(text):
            index, start = where.locate(match.start())
            if not _own_marker(candidates, index, match.start() - start):
                explicit.add(int(match.group(1)), index)
    if superscripts:
        passes += 1
        where = _Lines(text)
        for match in _UNI_MARK.finditer(text):
            index, start = where.locate(match.start())
            if _own_marker(candidates, index, match.start() - start) or match.start() == start:
                continue
            before = text[match.start() - 1]
            if (before.isalpha() and superscript_defs) or before in _PUNCTUATION or (
                before in _CLOSERS
            ):
                for number in marker_numbers(match.group(0)):
                    explicit.add(number, index)
    if passes > 1:
        for found in explicit.lines.values():
            found.sort()
    return explicit


def _own_marker(candidates: dict[int, _Candidate], index: int, column: int) -> bool:
    """Is this the leading number of a candidate line (its own number, not a marker)?"""
    candidate = candidates.get(index)
    return candidate is not None and column < candidate.marker_end


def _collect_glued(text: str, candidates: dict[int, _Candidate]) -> MarkerIndex:
    glued = MarkerIndex()
    where = _Lines(text)
    for match in _GLUED_MARK.finditer(text):
        position = match.start()
        index, start = where.locate(position)
        if position == start or _own_marker(candidates, index, position - start):
            continue
        before, mark = text[position - 1], text[position]
        if (
            before.isalpha()
            or (mark in _CLOSERS and before in _PUNCTUATION)
            or (mark == "." and _YEAR_BEFORE.match(text, max(0, position - 5), position)
                and _CAPITAL_AFTER.match(text, match.end()))
        ):
            glued.add(int(match.group(1)), index)
    return glued


def _collect_anchor_links(
    text: str, candidates: dict[int, _Candidate], explicit: MarkerIndex
) -> None:
    """`[8](#page-14-0)`: a numbered link to the anchor opening note 8's line is its marker
    (a link to a table or a figure has the same look, and another target)."""
    numbers = {c.anchor: c.number for c in candidates.values() if c.anchor and not c.label}
    if not numbers:
        return
    where = _Lines(text)
    for match in _ANCHOR_LINK.finditer(text):
        number = int(match.group(1))
        if numbers.get(match.group(2)) == number:
            explicit.add(number, where.locate(match.start())[0])
    for found in explicit.lines.values():
        found.sort()


def _collect_bracket_markers(
    lines: list[str], candidates: dict[int, _Candidate], explicit: MarkerIndex
) -> None:
    for index, line in enumerate(lines):
        if "[" not in line:
            continue
        candidate = candidates.get(index)
        start = candidate.marker_end if candidate is not None else 0
        for match in _BRACKET_MARK.finditer(line, start):
            for number in marker_numbers(match.group(1)):
                explicit.add(number, index)


# ---- pass 1: decide definitions and continuations -----------------------------------------


def _assemble(lines: list[str], scan: _Scan) -> list[_Note]:
    kinds, candidates = scan.kinds, scan.candidates
    if not candidates:
        return []
    notes: list[_Note] = []
    current: _Note | None = None
    in_section = 0  # NO_SECTION, RULED_SECTION or HEADED_SECTION
    fresh = True  # the last non-blank line was no note: numbering may restart at 1
    stray_lines = 0  # lines of text since the last note or notes heading, in no note
    section_notes = 0  # notes accepted since the last notes heading
    blanks = 0
    last_number = 0
    count = len(lines)
    index = 0
    while index < count:
        kind = kinds[index]
        if kind == BLANK:
            blanks += 1
            index += 1
            continue
        if kind in (HEADING, NOTES_HEADING, RULE):
            if current is not None:
                last_number = _close(current, notes, scan)
                current = None
            if kind == NOTES_HEADING:
                in_section = HEADED_SECTION
                stray_lines = section_notes = 0
            elif kind == RULE and _next_is_candidate(kinds, candidates, index):
                in_section = max(in_section, RULED_SECTION)
            fresh = True
            blanks = 0
            index += 1
            continue
        candidate = candidates.get(index)
        if candidate is not None:
            if current is not None:
                # notes run on inside the open one are complete; the last piece stays open
                pieces = _split_run_ons(current, scan)
                if len(pieces) > 1:
                    _commit(pieces[:-1], notes, scan)
                    current = pieces[-1]
            expected = (current.number if current is not None else last_number) + 1
            if _accept(candidate, expected, index, in_section, fresh, scan):
                if current is not None:
                    _commit([current], notes, scan)  # its run-on notes were split off above
                if candidate.label is not None:  # a symbol's note keeps the sequence going
                    current = _Note(last_number, index, candidate.style,
                                    [(index, candidate.text)], label=candidate.label)
                else:
                    current = _Note(candidate.number, index, candidate.style,
                                    [(index, candidate.text)])
                    last_number = candidate.number
                fresh = False
                blanks = 0
                stray_lines = 0
                section_notes += 1
                index += 1
                continue
        if current is not None:
            joined_to = _continuation(current, lines, kinds, index, blanks, in_section, candidate)
            if joined_to >= 0:
                index = joined_to + 1
                blanks = 0
                fresh = False
                continue
            last_number = _close(current, notes, scan)
            current = None
        stray_lines += 1
        if stray_lines > MAX_STRAY_LINES_BEFORE_NOTES and in_section and not section_notes:
            in_section = NO_SECTION  # prose, no note: the heading was an entry of the contents
        fresh = True
        blanks = 0
        index += 1
    if current is not None:
        _close(current, notes, scan)
    return notes


def _next_is_candidate(kinds: list[int], candidates: dict[int, _Candidate], index: int) -> bool:
    for following in range(index + 1, min(index + 6, len(kinds))):
        if kinds[following] == BLANK:
            continue
        return following in candidates
    return False


def _accept(
    candidate: _Candidate, expected: int, index: int, in_section: int, fresh: bool,
    scan: _Scan,
) -> bool:
    if candidate.strong:
        return True
    number = candidate.number
    if candidate.style == "bracket" and not scan.uses_brackets:
        return False
    if candidate.style == "bare":
        if not in_section or not (number == expected or (fresh and number == 1)):
            return False
        return looks_like_citation(_next_text(index, scan)) or (
            in_section == HEADED_SECTION and _bare_in_sequence(number, index, scan))
    if number in scan.strong_numbers:
        return False  # "1. Key finding" in a list, while <sup>1</sup> defines note 1
    if in_section:
        if number == expected or (fresh and number == 1):
            # under a "Notes" heading the sequence is enough; after a bare rule, not quite
            return in_section == HEADED_SECTION or _note_like(candidate, index, scan)
        if expected == 1 and (number + 1 in scan.start_numbers
                              or _marked_before(number, index, scan)):
            # the first note of an excerpt (a chapter's notes start at 40): the next number
            # follows somewhere, and the note reads like one
            return _note_like(candidate, index, scan)
        return expected < number <= expected + GAP_TOLERANCE \
            and looks_like_citation(_first_lines(candidate, index, scan))
    if number != expected and expected == 1 and _marked_before(number, index, scan):
        expected = number  # an excerpt's first note, its marker in the body above it
    text = _first_lines(candidate, index, scan)
    if number != expected or not _starts_like_note(text):
        return False
    if number in scan.endnote_numbers:
        # the number is defined under "Notes" later: this is a numbered list in the body,
        # unless it reads like a citation (footnotes and a numbered reference list)
        return looks_like_citation(text)
    marked = scan.explicit.first(number)
    glued = scan.glued().first(number)
    if (marked is not None and marked < index) or (glued is not None and glued < index):
        # "2. Background" after a marker 2 is a numbered heading, not a note
        return len(text) >= MIN_UNCITED_NOTE or looks_like_citation(text)
    return looks_like_citation(text)


def _bare_in_sequence(number: int, index: int, scan: _Scan) -> bool:
    """Is the bare number on line `index` one of a run (the bare number before it is
    `number - 1`, or the one after it `number + 1`)? Under a "Notes" heading a run of
    numbers alone on their lines is the endnotes' layout, whatever the notes say."""
    bare = scan.bare_lines()
    position = bisect_left(bare, index)
    before = scan.candidates[bare[position - 1]].number if position > 0 else None
    after = scan.candidates[bare[position + 1]].number if position + 1 < len(bare) else None
    return before == number - 1 or after == number + 1


def _marked_before(number: int, index: int, scan: _Scan) -> bool:
    """Is `number` marked in the text above line `index`, explicitly or by glued digits?"""
    marked = scan.explicit.first(number)
    if marked is not None and marked < index:
        return True
    glued = scan.glued().first(number)
    return glued is not None and glued < index


def _first_lines(candidate: _Candidate, index: int, scan: _Scan) -> str:
    """The candidate's text and the line after it, when that line directly continues it
    (a wrapped note often shows its year or URL only on its second line)."""
    following = index + 1
    if (
        following < len(scan.kinds)
        and scan.kinds[following] == TEXT
        and following not in scan.candidates
    ):
        return f"{candidate.text} {scan.lines[following].strip()}"
    return candidate.text


def _next_text(index: int, scan: _Scan) -> str:
    """The first lines of text after line `index` (past up to two blank lines)."""
    for following in range(index + 1, min(index + 4, len(scan.kinds))):
        if scan.kinds[following] == BLANK:
            continue
        if scan.kinds[following] != TEXT or following in scan.candidates:
            return ""
        after = following + 1
        text = scan.lines[following].strip()
        if after < len(scan.kinds) and scan.kinds[after] == TEXT and after not in scan.candidates:
            text += " " + scan.lines[after].strip()
        return text
    return ""


def _note_like(candidate: _Candidate, index: int, scan: _Scan) -> bool:
    text = _first_lines(candidate, index, scan)
    if looks_like_citation(text) or len(text) >= MIN_UNCITED_NOTE:
        return True
    marked = scan.explicit.first(candidate.number)
    return marked is not None and marked < index


def _starts_like_note(text: str) -> bool:
    first = text[:1]
    if not first:
        return False
    if first.isalpha():
        return not first.islower() or bool(LOWER_NOTE_START.match(text))
    return first in "\"“‘'«„*_[(<" or first.isdigit()


def looks_like_citation(text: str) -> bool:
    """Does this read like a reference (URL, Ibid., a year with quotes or italics...)?"""
    if _URL.search(text) or _BACKREF.search(text):
        return True
    return bool(_YEAR.search(text)) and bool(_CITATION_BITS.search(text))


def _continuation(
    note: _Note, lines: list[str], kinds: list[int], index: int, blanks: int, in_section: int,
    candidate: _Candidate | None,
) -> int:
    """Join line `index` (and its paragraph) to `note`; return the last line joined, or -1."""
    line = lines[index]
    if candidate is not None and candidate.style == "list" and note.style == "list":
        return -1  # the next item of the same list, only rejected: not part of this note
    if blanks == 0:
        if "\f" in line:
            return -1  # a page break: what follows is the next page's body
        first = line.lstrip()[:1]
        if in_section or not _ended(note.parts[-1][1]) or first.islower() or first in "([/,;:":
            note.parts.append((index, line))
            return index
        return -1
    if blanks > MAX_BLANKS_INSIDE_NOTE:
        return -1
    if note.style == "list" and line.startswith(("  ", "\t")):
        note.parts.append((index, line))
        return index
    if note.style == "bare" and not any(text.strip() for _, text in note.parts):
        # a number alone on its line: its text is the paragraph after it, however long
        end = index
        while end + 1 < len(kinds) and kinds[end + 1] == TEXT:
            end += 1
        for position in range(index, end + 1):
            note.parts.append((position, lines[position]))
        return end
    if _ended(note.parts[-1][1]):
        return -1
    end = index
    size = len(line)
    while end + 1 < len(kinds) and kinds[end + 1] == TEXT:
        end += 1
        size += len(lines[end])
        if size > MAX_CONTINUATION_PARAGRAPH:
            return -1
    paragraph = " ".join(lines[position].strip() for position in range(index, end + 1))
    if len(paragraph) > MAX_CONTINUATION_PARAGRAPH or "<sup" in paragraph:
        return -1
    if not (_URL.search(paragraph) or _ended(paragraph)):
        return -1
    for position in range(index, end + 1):
        note.parts.append((position, lines[position]))
    return end


def _ended(text: str) -> bool:
    text = text.rstrip()
    if not text:
        return False
    return text[-1] in _TERMINAL or bool(_URL_TAIL.search(text))


# ---- closing a note: run-on definitions and body text that ran into the note ---------------


def _close(note: _Note, notes: list[_Note], scan: _Scan) -> int:
    return _commit(_split_run_ons(note, scan), notes, scan)


def _commit(pieces: list[_Note], notes: list[_Note], scan: _Scan) -> int:
    for piece in pieces:
        _cut_body(piece)
        notes.append(piece)
    return pieces[-1].number


_RUN_ONS_LISTED = 3  # above this many run-on notes in one line, one finding names their range


def _split_run_ons(note: _Note, scan: _Scan) -> list[_Note]:
    """Split '...html. 9 "SCO and..."' into note 8 and note 9.

    Only the next number, only after a sentence end, only before a capital or a
    quote, and only when that number is not defined at a line start anywhere.
    A line holding many run-on notes is cut in one forward pass (linear in its length).
    """
    pieces = [note]
    while True:
        last = pieces[-1]
        wanted = last.number + 1
        if wanted in scan.start_numbers:
            return pieces
        split = _find_run_on(last, wanted)
        if split is None:
            return pieces
        part_index, offset, text_offset = split
        line_index, part = last.parts[part_index]
        cuts = [(wanted, offset, text_offset)]  # (number, where the previous ends, text start)
        while cuts[-1][0] + 1 not in scan.start_numbers:
            found = run_on_in(part, cuts[-1][0] + 1, cuts[-1][2])
            if found is None:
                break
            cuts.append((cuts[-1][0] + 1, *found))
        rest = last.parts[part_index + 1 :]
        last.parts[part_index:] = [(line_index, part[:offset])]
        previous = last.number
        for index, (number, _, start) in enumerate(cuts):
            end = cuts[index + 1][1] if index + 1 < len(cuts) else len(part)
            pieces.append(_Note(number, line_index, last.style, [(line_index, part[start:end])]))
            if len(cuts) <= _RUN_ONS_LISTED:
                scan.irregular.append(Irregularity(
                    number, line_index + 1,
                    f"footnote {number} is run on inside footnote {previous}'s text (line "
                    f"{line_index + 1}), not on a line of its own: read as a separate note"))
            previous = number
        if len(cuts) > _RUN_ONS_LISTED:  # a whole notes section run together: one finding
            scan.irregular.append(Irregularity(
                cuts[0][0], line_index + 1,
                f"footnotes {cuts[0][0]}-{cuts[-1][0]} ({len(cuts):,} notes) are run on one "
                f"after another inside footnote {last.number}'s line (line {line_index + 1}), "
                "not on lines of their own: read as separate notes"))
        pieces[-1].parts.extend(rest)


def _find_run_on(note: _Note, wanted: int) -> tuple[int, int, int] | None:
    for part_index, (_, part) in enumerate(note.parts):
        found = run_on_in(part, wanted, 0)
        if found is not None:
            return part_index, *found
    return None


def _cut_body(note: _Note) -> None:
    """Drop body text that a converter ran into the note's line.

    The sign is a marker of one of the next notes (`<sup>M</sup>`, M a little above
    the note's own number) after a word, not after a digit (`10<sup>6</sup>`).
    The body starts at a sentence end followed by a lower-case word (the sentence
    continues from the previous page), else at the last sentence end before it.
    """
    for part_index, (line_index, part) in enumerate(note.parts):
        if "<sup" not in part:
            continue
        for match in _SUP_MARK.finditer(part):
            numbers = marker_numbers(match.group(1))
            if not numbers or not note.number < numbers[0] <= note.number + NEXT_NOTES:
                continue
            if match.start() == 0 or is_power(part[: match.start()]):
                continue
            cut = _body_start(part, match.start())
            if cut is not None:
                note.parts[part_index:] = [(line_index, part[:cut])]
                return


def _body_start(part: str, marker: int) -> int | None:
    ends = [m for m in _SENTENCE_END.finditer(part, 0, marker) if m.end() < marker]
    for end in ends:
        before = part[: end.start()].split()
        if before and len(before[-1]) >= 4 and part[end.end()].islower():
            return end.start() + len(end.group(1))
    if ends:
        return ends[-1].start() + len(ends[-1].group(1))
    return None


# ---- pass 2: markers and footnotes --------------------------------------------------------


def _finish(notes: list[_Note], scan: _Scan) -> Extraction:
    markers: dict[int, tuple[int, ...]] = {
        number: tuple([line + 1 for line in found])
        for number, found in scan.explicit.lines.items()
    }
    numbered = [note for note in notes if note.label is None]
    unmarked = [note for note in numbered if note.number not in markers]
    # plain digits are the document's way of marking when no note is marked otherwise; only
    # beside explicit markers is one printed as plain digits an irregularity to report
    report_plain = bool(scan.explicit.lines)
    if unmarked and scan.glued().lines:
        note_lines = {line for note in notes for line, _ in note.parts}
        for note in unmarked:
            glued = tuple(
                line + 1
                for line in scan.glued().lines.get(note.number, ())
                if line not in note_lines
            )
            if glued:
                markers[note.number] = glued
                if report_plain:
                    scan.irregular.append(_plain_marker(note.number, glued[0], scan))
    # The line candidates and the markers' lists are read no more: dropped before the notes
    # are made, the garbage collector does not walk two per note while it makes them.
    scan.candidates.clear()
    scan.explicit.lines.clear()
    handout = MarkerHandout(markers, (note.number for note in numbered))
    parts = restart_parts([note.number for note in numbered])
    runs = body_runs(markers, max(parts or [0]), min(n.line for n in numbered) + 1) \
        if parts else None
    part_of = {id(note): part for note, part in zip(numbered, parts or (), strict=False)}
    footnotes = [
        Footnote(
            number=note.number if note.label is None else position,
            line=note.line + 1,
            text=clean_note_text(note.text()),
            marker_lines=() if note.label is not None
            else tuple(runs[part_of[id(note)] - 1].get(note.number, ())) if runs
            else handout.take(note.number, note.line + 1),
            label=note.label,
        )
        for position, note in enumerate(notes, start=1)
    ]
    return Extraction(footnotes, markers, irregular=scan.irregular)


def _plain_marker(number: int, line: int, scan: _Scan) -> Irregularity:
    """A note marked only by digits glued to the text ("region.9 While"): say where."""
    text = scan.lines[line - 1]
    shown = ""
    for match in _GLUED_MARK.finditer(text):
        if int(match.group(1)) == number:
            shown = text[max(0, match.start() - 20): match.end() + 10].strip()
            break
    return Irregularity(
        number, line,
        f"footnote {number} is marked in the text only by plain digits ({shown!r}), not as a "
        "superscript or a note marker: the conversion lost the marker's formatting")


