"""Org mode footnotes: `[fn:1]` markers, `[fn:1] text` definitions, inline `[fn::text]`.

    Ducks dabble.[fn:1] Geese honk.[fn:geese] Swans glide.[fn:: Roe, /Swans/, 2003.]

    * Footnotes
    [fn:1] Smith, /Ducks/ (London, 2001).
    [fn:geese] Doe, "Geese," /Bird Journal/ 4 (2002).

A definition starts at the beginning of a line and runs to the next definition, heading or
two blank lines. Notes are numbered in the order they are first referenced, as Org exports
them; a name that is no number (`[fn:geese]`) is kept as `label`, an inline note is
defined where it is used. `/italic/` becomes `*italic*`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.extract.common import clean_note_text
from checker.extract.extraction import Extraction
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_DEFINITION = compile_lazily(r"^\[fn:([\w-]{1,100})\][ \t]*(.*)$")
_REFERENCE = compile_lazily(r"\[fn:([\w-]{0,100})(?::([^\[\]]{0,4000}))?\]")
_HEADING = compile_lazily(r"^\*+\s")
_ITALIC = compile_lazily(r"(?<![\w/:])/([^/\s][^/\n]{0,300}?)/(?![\w/])")


def has_org_notes(text: str) -> bool:
    return "[fn:" in text and _REFERENCE.search(text) is not None


@dataclass
class _Note:
    label: str
    line: int  # 1-based
    parts: list[str] = field(default_factory=list)
    marker_lines: list[int] = field(default_factory=list)


def extract_org(text: str) -> Extraction:
    lines = [line.rstrip("\r") for line in text.split("\n")]
    notes: dict[str, _Note] = {}
    order: dict[str, None] = {}  # labels in order of first reference
    current: _Note | None = None
    blanks = 0
    for index, line in enumerate(lines, start=1):
        definition = _DEFINITION.match(line)
        start = 0
        if definition:
            label = definition.group(1)
            current = notes.setdefault(label, _Note(label, index))
            current.line, current.parts = index, [definition.group(2)]
            start = definition.end(1) + 1
            blanks = 0
        elif not line.strip():
            blanks += 1
            if blanks >= 2:
                current = None
        elif _HEADING.match(line):
            current = None
        elif current is not None:
            current.parts.append(line)
            blanks = 0
        if "[fn:" not in line:
            continue
        for match in _REFERENCE.finditer(line, start):
            label, inline = match.group(1), match.group(2)
            if inline is not None:  # [fn::text] or [fn:name:text]: defined here
                label = label or f"@{index}:{match.start()}"
                note = notes.setdefault(label, _Note(label, index))
                note.parts = [inline]
            elif not label:
                continue
            note = notes.setdefault(label, _Note(label, index))
            note.marker_lines.append(index)
            order.setdefault(label)
    labels = [*order, *(label for label in notes if label not in order)]
    footnotes = []
    markers: dict[int, list[int]] = {}
    for number, label in enumerate(labels, start=1):
        note = notes[label]
        markers[number] = sorted(set(note.marker_lines))
        if not note.parts:
            continue  # referenced, never defined: the numbering findings say so
        footnotes.append(Footnote(
            number=number, line=note.line,
            text=clean_note_text(_ITALIC.sub(r"*\1*", " ".join(p.strip() for p in note.parts))),
            marker_lines=tuple(sorted(set(note.marker_lines))),
            label=None if label.isdigit() or label.startswith("@") else label))
    footnotes.sort(key=lambda note: note.line)
    return Extraction(footnotes, markers, check_order=False)
