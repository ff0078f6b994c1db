"""Caselaw Access Project court opinions (CaseMETS XML): `<footnotemark>` and `<footnote>`.

    <p>... died around 1950<footnotemark>5</footnotemark>.</p>
    <footnote label="5">
      <p>5 The Green affidavit is dated September 15, 1953.</p>
    </footnote>

Each `<footnote label="...">` is a note, its paragraphs its text, without the label the
court reporter repeats at its start; a label that is no number (`*`) is kept as `label` and
the note numbered by its position among the notes. `<footnotemark>` elements are markers.
"""

from __future__ import annotations

import re

from checker.extract.common import LineIndex, clean_note_text, decode_entities
from checker.extract.extraction import Extraction
from checker.model import Footnote

_FOOTNOTE = re.compile(
    r"<footnote\b[^<>]*?\blabel\s*=\s*\"([^\"]{1,20})\"[^<>]*>(.{0,20000}?)</footnote\s*>",
    re.DOTALL | re.IGNORECASE)
_MARK = re.compile(r"<footnotemark\b[^<>]*>\s*([^<\s]{1,20})\s*</footnotemark\s*>",
                   re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,500}>")


def has_casemets_notes(text: str) -> bool:
    return "<footnote" in text and _FOOTNOTE.search(text) is not None


def extract_casemets(text: str) -> Extraction:
    where = LineIndex(text)
    marks: dict[str, list[int]] = {}
    for match in _MARK.finditer(text):
        found = marks.setdefault(match.group(1), [])
        line = where.line_of(match.start())
        if not found or found[-1] != line:
            found.append(line)
    footnotes = []
    markers: dict[int, list[int]] = {}
    for position, match in enumerate(_FOOTNOTE.finditer(text), start=1):
        label = match.group(1).strip()
        number = int(label) if label.isdigit() else position
        body = decode_entities(" ".join(_TAG.sub(" ", match.group(2)).split()))
        if body.startswith(label):  # the reporter prints the label again: "5 The Green..."
            body = body[len(label):]
        footnotes.append(Footnote(
            number=number, line=where.line_of(match.start()), text=clean_note_text(body),
            marker_lines=list(marks.get(label, [])),
            label=None if label.isdigit() else label))
        if label.isdigit() and label in marks:
            markers[number] = list(marks[label])
    return Extraction(footnotes, markers)
