"""Pandoc footnotes: `[^label]` markers, `[^label]: text` definitions, `^[inline]` notes.

Continuation follows pandoc: lines directly after a definition belong to it (lazy
continuation), and after a blank line so do lines indented by four spaces or a tab.
Numbers are the labels when every label is a number; otherwise notes are numbered
in the order of their first marker, as pandoc renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.extract.common import clean_note_text
from checker.extract.extraction import Extraction
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_DEFINITION = compile_lazily(r"^ {0,3}\[\^([^\]\s]{1,100})\]:[ \t]*(.*)$")
_MARKER = compile_lazily(r"\[\^([^\]\s]{1,100})\]")
_INLINE = compile_lazily(r"\^\[((?:[^\[\]]|\[[^\[\]]*\])+)\]")
_FENCE = compile_lazily(r"^\s{0,3}(```|~~~)")


def has_pandoc_notes(text: str) -> bool:
    """Cheap test: does the text define `[^label]:` notes or use `^[inline]` notes?"""
    if "^" not in text:  # one character is found faster than either pair is missed
        return False
    if "[^" in text:
        for line in text.split("\n"):
            if _DEFINITION.match(line):
                return True
    return "^[" in text and _INLINE.search(text) is not None


@dataclass
class _Definition:
    label: str
    line: int  # 0-based
    parts: list[str] = field(default_factory=list)
    inline: bool = False


def extract_pandoc(text: str) -> Extraction:
    lines = text.split("\n")
    definitions: list[_Definition] = []
    marker_lines: dict[str, list[int]] = {}
    order: list[str] = []  # labels in order of first marker (inline notes included)
    current: _Definition | None = None
    blanks = 0
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            current = None
            continue
        if in_fence:
            continue
        if not line.strip():
            blanks += 1
            continue
        match = _DEFINITION.match(line)
        start = 0
        if match:
            current = _Definition(match.group(1), index, [match.group(2)])
            definitions.append(current)
            start = match.start(2)
        elif current is not None and (blanks == 0 or line.startswith(("    ", "\t"))):
            current.parts.append(line)
        else:
            current = None
        blanks = 0
        if "[^" in line:
            for marker in _MARKER.finditer(line, start):
                label = marker.group(1)
                if label not in marker_lines:
                    marker_lines[label] = []
                    order.append(label)
                found = marker_lines[label]
                if not found or found[-1] != index:
                    found.append(index)
        if "^[" in line:
            for inline in _INLINE.finditer(line, start):
                label = f"^inline:{index}:{inline.start()}"
                definitions.append(_Definition(label, index, [inline.group(1)], inline=True))
                marker_lines[label] = [index]
                order.append(label)
    numbers = _numbering(definitions, order)
    markers: dict[int, list[int]] = {}
    for label, found in marker_lines.items():
        if label in numbers:
            markers.setdefault(numbers[label], []).extend(line + 1 for line in found)
    footnotes = [
        Footnote(
            number=numbers[definition.label],
            line=definition.line + 1,
            text=clean_note_text(" ".join(part.strip() for part in definition.parts)),
            marker_lines=tuple(sorted(set(markers.get(numbers[definition.label], ())))),
            label=None if definition.inline or definition.label.isdigit() else definition.label,
        )
        for definition in definitions
    ]
    footnotes.sort(key=lambda note: (note.number, note.line))
    # pandoc numbers notes itself: the order of definitions is free
    return Extraction(footnotes, markers, check_order=False)


def _numbering(definitions: list[_Definition], order: list[str]) -> dict[str, int]:
    """Label -> number. Numeric labels keep their number; otherwise, as pandoc renders
    them, defined notes are numbered in the order they are first referenced, then
    unreferenced ones; a marker with no definition gets its label's number if it has one.
    """
    labels = [definition.label for definition in definitions]
    defined = set(labels)
    if all(label.isdigit() for label in labels) and all(label.isdigit() for label in order):
        return {label: int(label) for label in [*labels, *order]}
    numbers: dict[str, int] = {}
    for label in [*(label for label in order if label in defined), *labels]:
        if label not in numbers:
            numbers[label] = len(numbers) + 1
    used = set(numbers.values())
    for label in order:
        if label not in numbers:
            number = int(label) if label.isdigit() and int(label) not in used else len(numbers) + 1
            while number in used:
                number += 1
            numbers[label] = number
            used.add(number)
    return numbers
