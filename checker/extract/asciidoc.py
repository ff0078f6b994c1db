"""AsciiDoc footnotes, written where they are cited: `footnote:[text]`.

    Ducks dabble.footnote:birds[Roe, _Duck Facts_ (2017), https://birds.example.org.]
    Geese honk.footnote:[Smith, _Geese_, 2001.] Ducks again.footnote:birds[]

Notes are numbered in order, as Asciidoctor renders them; a note given an id
(`footnote:birds[...]`) and cited again with `footnote:birds[]` is the same note, marked
again. The older `footnoteref:[birds,text]` form reads the same way. `\\]` is a bracket
inside the text; `_italic_` becomes `*italic*`.
"""

from __future__ import annotations

from checker.extract.common import LineIndex, clean_note_text
from checker.extract.extraction import Extraction
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_FOOTNOTE = compile_lazily(r"footnote(ref)?:([\w-]{0,100})\[")
_ITALIC = compile_lazily(r"(?<![\w_])_([^_\s][^_\n]{0,300}?)_(?![\w_])")


def has_asciidoc_notes(text: str) -> bool:
    return "footnote" in text and _FOOTNOTE.search(text) is not None and "]" in text


def extract_asciidoc(text: str) -> Extraction:
    where = LineIndex(text)
    footnotes: list[Footnote] = []
    by_id: dict[str, Footnote] = {}
    markers: dict[int, list[int]] = {}
    close = 0  # the next unescaped "]" at or after the current note (notes do not nest)
    for match in _FOOTNOTE.finditer(text):
        if close != -1 and close < match.end():
            close = _closing_bracket(text, match.end())
        if close == -1:
            break  # never closed: no note can be read from here on
        if _FOOTNOTE.search(text, match.end(), close):
            continue  # not closed before the next note starts
        old_form, identifier, body = match.group(1), match.group(2), text[match.end(): close]
        if old_form and not identifier:  # footnoteref:[id,text]
            identifier, _, body = body.partition(",")
        line = where.line_of(match.start())
        note = by_id.get(identifier) if identifier else None
        if note is None:
            if not body.strip():
                continue  # a reuse of an id never defined
            note = Footnote(number=len(footnotes) + 1, line=line, text=clean_note_text(
                _ITALIC.sub(r"*\1*", body.replace("\\]", "]"))), label=identifier or None)
            footnotes.append(note)
            if identifier:
                by_id[identifier] = note
        found = markers.setdefault(note.number, [])
        if not found or found[-1] != line:
            found.append(line)
    for note in footnotes:
        note.marker_lines = tuple(markers[note.number])
    return Extraction(footnotes, markers)


def _closing_bracket(text: str, start: int) -> int:
    """The first "]" at or after `start` that is not escaped as "\\]", or -1."""
    close = text.find("]", start)
    while close > 0 and text[close - 1] == "\\":
        close = text.find("]", close + 1)
    return close
