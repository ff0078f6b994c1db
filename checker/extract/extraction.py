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
    """Note numbers in document order -> the part of each, a new part wherever the
    numbering starts again at 1; None where it never does (notes numbered once through)."""
    parts = []
    part = 1
    for position, number in enumerate(numbers):
        if number == 1 and position:
            part += 1
        parts.append(part)
    return parts if part > 1 else None
