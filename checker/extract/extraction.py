"""What every reader of footnotes hands back: the notes, where they are marked, and what was
irregular about their numbering (turned into `numbering` findings by numbering.py)."""

from __future__ import annotations

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
    markers: dict[int, list[int]]  # number -> 1-based lines where it is marked
    check_order: bool = True  # False where the format numbers notes itself (pandoc)
    irregular: list[Irregularity] = field(default_factory=list)


def restart_parts(numbers: list[int]) -> list[int] | None:
    """Note numbers in document order -> the part of each, where the numbering restarts.

    A new part begins where a number is not above the one before and is 1 (or lower than
    half the one before: a part whose first notes were lost); None where the numbers never
    start again (the document numbers its notes once through).
    """
    parts = []
    part = 1
    previous = 0
    for number in numbers:
        if previous and number <= previous and (number == 1 or number < previous // 2):
            part += 1
        parts.append(part)
        previous = number
    return parts if part > 1 else None
