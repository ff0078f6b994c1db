"""Project Gutenberg plain text: `[n]` markers and `[Footnote n: ...]` blocks.

    Mr. Warren, in his History of the Ojibwa Indians,[1] bases his belief

        [Footnote 1: Coll. Minn. Hist. Soc., 1885, vol. 5, p. 130.]

A block starts with `[Footnote` at the start of a line (indented or not) and ends at the
bracket that closes it, over as many lines and paragraphs as it takes (brackets inside a
note, `[1843(?)]`, are balanced). Its mark is a number, a letter or a symbol (`[Footnote
A: ...]`, `[Footnote *: ...]`): a mark that is no number is kept as `label`, the note
numbered by its position. Where the numbers start again at 1 (per chapter), each run of
notes is a `part`. CRLF line ends are read as they come.
"""

from __future__ import annotations

import re

from checker.extract.common import clean_note_text
from checker.extract.extraction import Extraction, MarkerHandout, restart_parts
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_START = compile_lazily(
    r"^[ \t]*\[Footnote[ \t]+(?P<mark>[^\s:\]]{1,12})[ \t]*:[ \t]*", re.IGNORECASE)
_MARKER = compile_lazily(r"\[(\d{1,4}|[A-Za-z*†‡§])\]")
MAX_NOTE_LINES = 400  # a block not closed by then ends at its first blank line


def has_gutenberg_notes(text: str) -> bool:
    return "[Footnote" in text and any(
        _START.match(line) for line in text.split("\n") if "[Footnote" in line)


def extract_gutenberg(text: str) -> Extraction:
    lines = [line.rstrip("\r") for line in text.split("\n")]
    blocks: list[tuple[str, int, str]] = []  # (mark, 0-based line, text)
    inside: set[int] = set()
    index = 0
    while index < len(lines):
        match = _START.match(lines[index]) if "[Footnote" in lines[index] else None
        if match is None:
            index += 1
            continue
        end, body = _block(lines, index, match.end())
        blocks.append((match.group("mark"), index, body))
        inside.update(range(index, end + 1))
        index = end + 1
    marks = [mark for mark, _, _ in blocks]
    numbers = [int(mark) if mark.isdigit() else position + 1
               for position, mark in enumerate(marks)]
    parts = restart_parts([n for n, mark in zip(numbers, marks, strict=True) if mark.isdigit()])
    numbered = iter(parts) if parts else None
    note_parts = [next(numbered) if numbered is not None and mark.isdigit() else None
                  for mark in marks]
    markers = _markers(lines, inside, [line for _, line, _ in blocks], note_parts)
    footnotes = []
    handout = MarkerHandout(markers, zip(note_parts, marks, strict=True))
    for (mark, line, body), number, part in zip(blocks, numbers, note_parts, strict=True):
        footnotes.append(Footnote(
            number=number, line=line + 1, text=clean_note_text(body),
            marker_lines=handout.take((part, mark), line + 1), part=part,
            label=None if mark.isdigit() else mark))
    flat: dict[int, list[int]] = {}
    for (_part, mark), found in markers.items():
        if mark.isdigit():
            flat.setdefault(int(mark), []).extend(found)
    return Extraction(footnotes, flat)


def _block(lines: list[str], start: int, text_from: int) -> tuple[int, str]:
    """The last line of the block starting at `start`, and its text without the brackets.

    A block not closed before the next one starts (or within MAX_NOTE_LINES) ends at its
    first blank line."""
    depth = 1
    pieces: list[str] = []
    for index in range(start, min(len(lines), start + MAX_NOTE_LINES)):
        line = lines[index][text_from:] if index == start else lines[index]
        if index > start and "[Footnote" in line and _START.match(line):
            break
        if "[" in line or "]" in line:
            for position, character in enumerate(line):
                if character == "[":
                    depth += 1
                elif character == "]":
                    depth -= 1
                    if depth == 0:
                        pieces.append(line[:position])
                        return index, " ".join(piece.strip() for piece in pieces)
        pieces.append(line)
    end = start
    while end + 1 < len(lines) and lines[end + 1].strip() and not _START.match(lines[end + 1]):
        end += 1
    body = [lines[start][text_from:], *lines[start + 1: end + 1]]
    return end, " ".join(piece.strip() for piece in body)


def _markers(lines: list[str], inside: set[int], starts: list[int],
             block_parts: list[int | None]) -> dict[tuple[int | None, str], list[int]]:
    """(part, mark) -> 1-based lines of `[mark]` in the text outside the blocks (which
    start on `starts`); a marker belongs to the part of the first block after it."""
    parted = any(part is not None for part in block_parts)
    part_from: list[int | None] = [None] * (len(starts) + 1)  # first numbered block's part
    for position in range(len(starts) - 1, -1, -1):
        part_from[position] = block_parts[position] or part_from[position + 1]
    last_part = next((p for p in reversed(block_parts) if p is not None), None)
    found: dict[tuple[int | None, str], list[int]] = {}
    following = 0
    for index, line in enumerate(lines):
        while following < len(starts) and starts[following] < index:
            following += 1
        if index in inside or "[" not in line:
            continue
        part = (part_from[following] or last_part) if parted else None
        for match in _MARKER.finditer(line):
            lines_of = found.setdefault((part, match.group(1)), [])
            if not lines_of or lines_of[-1] != index + 1:
                lines_of.append(index + 1)
    return found
