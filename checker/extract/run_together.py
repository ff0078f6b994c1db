"""A page's notes run together below its rule, as a PDF viewer gives a page's text (PDFium:
a browser's copy, pypdfium2's `get_text_range`):

    ... that owners are on notice of the limits on their title.
    –––––––––––––––––––––––––– 1 U.S. CONST. amend. V. 2 Roe v. Poe, 141 S. Ct. 2063, 2079
    (2021) (quoting Doe v. Coe, 505 U.S. 1003 (1992)). 3 Id. (citing Doe, 505 U.S. at 1029).
    4 See Ann Roe, Notice, 35 LAW Q. 1, 19 (2008). 5 505 U.S. at 1027.
    2072 LAW REVIEW [Vol. 138:2071
    the clause with the principles of property law.6 ...

A note's raised number sits on the line of the note before it, so each page's notes come on
a few long lines. The lines below a rule (text after the rule on its line, then the lines
under it) are cut where the next number of the notes' one ascending sequence follows a
sentence end and opens a note (`common.run_on_in`: a capital, a quote, a digit, `Id.`,
`see`), so that each note opens a line of its own, the shape the page-notes reader reads.
The numbering goes on from page to page; a zone that opens with another number close ahead
(or with 1, a new chapter) takes it. A zone ends at a page break, at the next rule, or at
body text (a line carrying the glued marker of a note still to come). One forward pass over
each line: a 50 MB line is scanned a bounded number of times.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.extract.common import GLUED_MARKER, RULE_CHARACTERS, run_on_in
from checker.lazypattern import compile_lazily

# the rule, with the text set after it on its line ("––––––– 1 U.S. CONST.") or alone
_RULE = compile_lazily(rf"^[ \t\f]*[{RULE_CHARACTERS}]{{8,}}[ \t]*")
# a rule with a note's number after it, on its line or at the next line's start
_RULED_NOTE = compile_lazily(
    rf"(?m)^[ \t\f]*[{RULE_CHARACTERS}]{{8,}}[ \t]*\n?[ \t]*\d{{1,4}}\.?[ \t]+\S")
_OPENING_NUMBER = compile_lazily(r"^[ \t]*(\d{1,4})\.?[ \t]+(?=\S)")
ZONE_LINES = 150  # a notes zone runs over at most this many lines below its rule
NUMBER_REACH = 5  # a zone may open this far ahead of the expected number (notes missed)
LATER_MARKERS = 30  # a glued marker this far ahead of the expected note: body text


def has_ruled_notes(text: str) -> bool:
    """A cheap look: a rule with a note's number after it."""
    return _RULED_NOTE.search(text) is not None


def split_run_together(lines: list[str]) -> tuple[list[str], list[int]] | None:
    """`lines` with each note run together below a rule on a line of its own, and for each
    line the index of the line of `lines` it comes from; None when no note is run on."""
    if not any(_RULE.match(line) for line in lines):
        return None
    split: list[str] = []
    origin: list[int] = []
    expected: int | None = None
    zone_left, zone_start = 0, False
    cuts = 0
    for index, line in _with_page_breaks_apart(lines):
        rule = _RULE.match(line)
        if rule is not None:
            split.append(line[: rule.end()].rstrip())
            origin.append(index)
            line = line[rule.end():]
            zone_left, zone_start = ZONE_LINES, True
            if not line.strip():
                continue
        elif "\f" in line:
            zone_left = 0
        pieces = [line]
        if zone_left and line.strip():
            zone_left -= 1
            opened = _opening(line, expected, zone_start)
            pieces, after = _cut(line, opened)
            zone_start = False
            if len(pieces) == 1 and opened == expected and _marks_a_later_note(line, expected):
                zone_left, pieces = 0, [line]  # body text: the zone is over
            else:
                expected = after
        split.extend(pieces)
        origin.extend([index] * len(pieces))
        cuts += len(pieces) - 1
    return (split, origin) if cuts else None


def _with_page_breaks_apart(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line), a line cut before a form feed inside it: a page's last line (its last
    note) runs on into the next page's first where pages are joined by form feeds alone."""
    for index, line in enumerate(lines):
        page_break = line.find("\f", 1)
        while page_break > 0 and line[:page_break].strip():
            yield index, line[:page_break].rstrip()
            line = line[page_break:]
            page_break = line.find("\f", 1)
        yield index, line


def _opening(line: str, expected: int | None, zone_start: bool) -> int | None:
    """The number this line's note opens with, where it is the one expected (or a zone's
    first, close ahead of it or 1): the number after it is then expected."""
    found = _OPENING_NUMBER.match(line)
    if found is None:
        return expected
    number = int(found.group(1))
    if number == expected or (zone_start and (
            expected is None or number == 1 or expected < number <= expected + NUMBER_REACH)):
        return number + 1
    return expected


def _cut(line: str, expected: int | None) -> tuple[list[str], int | None]:
    """The line cut before each next note run on in it, and the number expected after."""
    if expected is None:
        return [line], expected
    pieces = []
    start = 0
    while (found := run_on_in(line, expected, start, citation_opening=True)) is not None:
        pieces.append(line[start:found[0]].rstrip())
        start = found[0] + len(line[found[0]:found[1]]) - len(line[found[0]:found[1]].lstrip())
        expected += 1
    pieces.append(line[start:])
    return pieces, expected


def _marks_a_later_note(line: str, expected: int | None) -> bool:
    """Body text below the notes: it carries the glued marker of a note still to come."""
    if expected is None or not any(c.isdigit() for c in line):
        return False
    return any(expected <= int(found.group(1)) <= expected + LATER_MARKERS
               for found in GLUED_MARKER.finditer(line))
