"""reStructuredText footnotes: `[1]_` markers and `.. [1]` definitions.

    Nested scopes date from 1994 [1]_; see also the docs [#sys-module]_.

    .. [1] Scoping (was Re: Lambda binding solved?) (Rafael Bracho)
       https://legacy.python.org/search/hypermail/python-1994q1/0301.html

    .. [#sys-module] Python docs (sys -- System-specific parameters and functions)
       https://docs.python.org/release/2.6/library/sys.html

A definition goes on over the lines indented under it (a blank line inside is kept when
the next line is still indented). Numbered labels keep their number; auto-numbered ones
(`[#]`, `[#name]`) take, as docutils numbers them, the lowest numbers no numbered label
uses, in the order they are defined, and keep their printed mark as `label`; `[*]` notes
are numbered the same way. An entry printed without its directive (`[15] text` among the
definitions, the `.. ` lost) is read when it is the number expected next, and reported.
Citations (`.. [CIT2002]`) are not footnotes and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.extract.common import clean_note_text
from checker.extract.extraction import Extraction, Irregularity
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_LABEL = r"\d{1,6}|#[\w.:+-]{0,100}|\*"
_DEFINITION = compile_lazily(
    rf"^(?P<indent>[ \t]*)\.\.[ \t]+\[(?P<label>{_LABEL})\](?:[ \t]+(?P<text>.*))?$")
_BARE_DEFINITION = compile_lazily(r"^\[(?P<label>\d{1,6})\][ \t]+(?P<text>\S.*)$")
_MARKER = compile_lazily(rf"\[({_LABEL})\]_")
_ESCAPED_START = compile_lazily(r"^\\[ \t]+")


def has_rst_notes(text: str) -> bool:
    """Does the text define at least one `.. [n]` footnote that a `[n]_` marker cites?"""
    if "]_" not in text or ".. [" not in text:
        return False
    return any(_DEFINITION.match(line) for line in text.split("\n") if ".. [" in line)


@dataclass
class _Definition:
    label: str
    line: int  # 0-based
    indent: int
    parts: list[str] = field(default_factory=list)
    bare: bool = False


def extract_rst(text: str) -> Extraction:
    lines = [line.rstrip("\r") for line in text.split("\n")]
    definitions = _definitions(lines)
    numbers = _numbers([definition.label for definition in definitions])
    by_label = {d.label: n for d, n in zip(definitions, numbers, strict=True)
                if d.label not in ("#", "*")}
    anonymous = {mark: [n for d, n in zip(definitions, numbers, strict=True) if d.label == mark]
                 for mark in ("#", "*")}
    markers: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if "]_" not in line:
            continue
        for match in _MARKER.finditer(line):
            label = match.group(1)
            if label in anonymous:  # the k-th anonymous marker cites the k-th such note
                number = anonymous[label].pop(0) if anonymous[label] else None
            else:
                number = by_label.get(label)
            if number is not None:
                found = markers.setdefault(number, [])
                if not found or found[-1] != index + 1:
                    found.append(index + 1)
    footnotes = []
    irregular = []
    for definition, number in zip(definitions, numbers, strict=True):
        footnotes.append(Footnote(
            number=number,
            line=definition.line + 1,
            text=clean_note_text(" ".join(part.strip() for part in definition.parts)),
            marker_lines=tuple(markers.get(number, ())),
            label=None if definition.label.isdigit() else definition.label,
        ))
        if definition.bare:
            irregular.append(Irregularity(
                number, definition.line + 1,
                f"footnote {number} is printed without its '.. ' directive (a plain "
                f"'[{definition.label}]' line): reStructuredText does not read it as a note"))
    return Extraction(footnotes, markers, irregular=irregular)


def _definitions(lines: list[str]) -> list[_Definition]:
    definitions: list[_Definition] = []
    current: _Definition | None = None
    pending_blank = False
    for index, line in enumerate(lines):
        match = _DEFINITION.match(line) if ".. [" in line else None
        if match:
            current = _Definition(match.group("label"), index, len(match.group("indent")),
                                  [match.group("text") or ""])
            definitions.append(current)
            pending_blank = False
            continue
        bare = _BARE_DEFINITION.match(line) if line.startswith("[") else None
        if bare and definitions and _follows(definitions[-1].label, bare.group("label")):
            current = _Definition(bare.group("label"), index, 0, [bare.group("text")], bare=True)
            definitions.append(current)
            pending_blank = False
            continue
        if current is None:
            continue
        if not line.strip():
            pending_blank = True
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        escaped = _ESCAPED_START.match(line)
        if indent > current.indent or (escaped and not pending_blank):
            current.parts.append(_ESCAPED_START.sub("", line) if escaped else line)
            pending_blank = False
        else:
            current = None
    return definitions


def _follows(previous: str, label: str) -> bool:
    return previous.isdigit() and int(label) == int(previous) + 1


def _numbers(labels: list[str]) -> list[int]:
    """The number of each definition: numbered labels their own; auto-numbered and symbol
    labels the lowest numbers no numbered label uses, in definition order (a named label
    defined twice keeps its first number)."""
    used = {int(label) for label in labels if label.isdigit()}
    named: dict[str, int] = {}
    numbers = []
    free = 1
    for label in labels:
        if label.isdigit():
            numbers.append(int(label))
            continue
        if label in named:
            numbers.append(named[label])
            continue
        while free in used:
            free += 1
        used.add(free)
        numbers.append(free)
        if label not in ("#", "*"):
            named[label] = free
    return numbers
