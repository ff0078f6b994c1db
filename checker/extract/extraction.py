"""What every reader of footnotes hands back: the notes, where they are marked, and what was
irregular about their numbering (turned into `numbering` findings by numbering.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from checker.model import Footnote


@dataclass(frozen=True, slots=True)
class Irregularity:
    """Something about one note's numbering that a reader noticed and the numbers alone do
    not show: a marker printed as plain digits, a definition run on inside another note."""

    number: int
    line: int  # 1-based
    message: str


@dataclass
class Extraction:
    footnotes: list[Footnote]  # in document order
    markers: Mapping[int, Sequence[int]]  # number -> 1-based lines where it is marked
    check_order: bool = True  # False where the format numbers notes itself (pandoc)
    irregular: list[Irregularity] = field(default_factory=list)


def restart_parts(numbers: list[int]) -> list[int] | None:
    """Note numbers in document order -> the part of each, a new part wherever the
    numbering starts again at 1; None where it never does (notes numbered once through)."""
    if 1 not in numbers[1:]:  # looked for first: most documents number their notes once
        return None
    parts = []
    part = 1
    for position, number in enumerate(numbers):
        if number == 1 and position:
            part += 1
        parts.append(part)
    return parts if part > 1 else None


def body_runs(markers: Mapping[int, Sequence[int]], parts: int,
              notes_start: int) -> list[dict[int, list[int]]] | None:
    """Markers split where the body's numbering starts again, one run per part of the notes.

    A book's endnotes grouped by chapter at the end (``Chapter 1`` 1-40, ``Chapter 2``
    1-35 ...) follow a body whose markers restart with each chapter: the k-th run of markers
    is the k-th part's. Only when every marker stands above the notes (`notes_start`,
    1-based line) and the runs are as many as the parts; else None (notes at each chapter's
    end are matched by position instead). A run starts where a 1 follows a higher number.
    """
    if parts < 2 or not markers:
        return None
    found = sorted((line, number) for number, lines in markers.items() for line in lines)
    if found[-1][0] >= notes_start:
        return None
    runs: list[dict[int, list[int]]] = [{}]
    highest = 0
    for line, number in found:
        if number == 1 and highest > 1:
            runs.append({})
            highest = 0
        runs[-1].setdefault(number, []).append(line)
        highest = max(highest, number)
    return runs if len(runs) == parts else None


class MarkerHandout:
    """Hands each note the body markers of its number (or mark), in document order.

    A number defined once gets all of its markers. Where it is defined several times (the
    numbering restarts per chapter or letter), each note gets those after the previous note
    of that number and above itself, the last one also those below it: a marker belongs to
    the next note of its number. Work and memory stay linear in the markers however often a
    number repeats. Each note takes its markers once.
    """

    def __init__(self, markers: Mapping[Hashable, Sequence[int]], keys: Iterable[Hashable]):
        self._markers = markers
        self._left = Counter(keys)  # notes of each key still to be handed their markers
        self._taken: dict[Hashable, int] = {}
        # no number defined twice (most documents): a note's markers are all of its number's
        self._each_once = len(self._left) == self._left.total()

    def take(self, key: Hashable, line: int) -> tuple[int, ...]:
        lines = self._markers.get(key, ())
        if self._each_once:
            return tuple(lines)
        self._left[key] -= 1
        start = self._taken.get(key, 0)
        if self._left[key] <= 0:
            end = len(lines)
        else:
            end = start
            while end < len(lines) and lines[end] <= line:
                end += 1
        self._taken[key] = end
        return tuple(lines[start:end])
