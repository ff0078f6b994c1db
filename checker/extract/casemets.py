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
from checker.extract.extraction import Extraction, MarkerHandout
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_FOOTNOTE = compile_lazily(r"<footnote\b[^<>]{0,500}?\blabel\s*=\s*\"([^\"]{1,20})\"[^<>]{0,500}>",
                           re.IGNORECASE)
_CLOSE = "</footnote"
_MARK = compile_lazily(r"<footnotemark\b[^<>]*>\s*([^<\s]{1,20})\s*</footnotemark\s*>",
                       re.IGNORECASE)
_TAG = compile_lazily(r"<[^<>]{0,500}>")


def has_casemets_notes(text: str) -> bool:
    return "<footnote" in text and _FOOTNOTE.search(text) is not None and _CLOSE in text.lower()


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
    lowered = text.lower() if _CLOSE not in text else text
    handout = MarkerHandout(marks, (m.group(1).strip() for m in _FOOTNOTE.finditer(text)))
    close = 0  # the next closing tag at or after the current note (notes do not nest)
    for match in _FOOTNOTE.finditer(text):
        if close != -1 and close < match.end():
            close = lowered.find(_CLOSE, match.end())
        if close == -1:
            break  # never closed: no note can be read from here on
        label = match.group(1).strip()
        number = int(label) if label.isdigit() else len(footnotes) + 1
        following = _FOOTNOTE.search(text, match.end(), close)  # this one was never closed
        end = following.start() if following is not None else close
        body = decode_entities(" ".join(_TAG.sub(" ", text[match.end(): end]).split()))
        if body.startswith(label):  # the reporter prints the label again: "5 The Green..."
            body = body[len(label):]
        line = where.line_of(match.start())
        own = handout.take(label, line)
        footnotes.append(Footnote(
            number=number, line=line, text=clean_note_text(body), marker_lines=own,
            label=None if label.isdigit() else label))
        if label.isdigit():
            markers.setdefault(number, []).extend(own)
    return Extraction(footnotes, markers)

