"""MediaWiki source (wikitext): notes written where they are cited, `<ref>...</ref>`.

    Ducks dabble.<ref name="birds">{{cite web |last=Roe |first=Jane |title=Duck facts
    |website=Bird Site |url=https://birds.example.org/ducks |date=2 May 2017}}</ref>
    Geese honk.<ref>Smith, ''Geese'' (London, 2001).</ref> Again.<ref name="birds" />

Notes are numbered in the order they first appear, as MediaWiki renders them; a named note
used again (`<ref name="birds" />`) is the same note, marked again. A note of a group
(`<ref group="note">`) keeps the group as its label ("note 1"). Citation templates become
the citation they render (`Roe, Jane (2 May 2017). "Duck facts". Bird Site.
https://birds.example.org/ducks`), internal links their text, external links markdown links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.extract.common import LineIndex, clean_note_text
from checker.extract.extraction import Extraction
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_REF = compile_lazily(r"<ref\b(?P<attributes>[^<>]{0,300}?)(?P<empty>/?)>", re.IGNORECASE)
_OPEN = compile_lazily(r"<ref\b", re.IGNORECASE)
_ATTRIBUTE = compile_lazily(r"""\b(name|group)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'/>]+))""",
                            re.IGNORECASE)
_TEMPLATE = compile_lazily(r"\{\{\s*(?P<name>[^|{}]{1,60})(?P<fields>(?:\|[^{}]*)?)\}\}")
_INTERNAL = compile_lazily(r"\[\[(?:[^\[\]|]{1,200}\|)?([^\[\]]{1,300})\]\]")
_EXTERNAL = compile_lazily(r"\[(https?://[^\s\[\]]{1,2000})\s+([^\[\]]{1,300})\]")
_BOLD_ITALIC = compile_lazily(r"'''''(.+?)'''''|'''(.+?)'''|''(.+?)''")
_COMMENT = compile_lazily(r"<!--.*?-->", re.DOTALL)
MAX_NESTING = 10


def has_wikitext_notes(text: str) -> bool:
    return "<ref" in text and "</ref>" in text and _REF.search(text) is not None


@dataclass
class _Note:
    key: str  # the name, or the offset of an unnamed note
    line: int
    body: str = ""
    group: str | None = None
    marker_lines: list[int] = field(default_factory=list)


def extract_wikitext(text: str) -> Extraction:
    where = LineIndex(text)
    text = _COMMENT.sub(lambda m: " " * len(m.group(0)), text)  # offsets kept
    lowered = text.lower()
    notes: dict[str, _Note] = {}
    close = 0  # the next "</ref" at or after the current tag (refs do not nest)
    for match in _REF.finditer(text):
        attributes = {name.lower(): next(v for v in values if v)
                      for name, *values in _ATTRIBUTE.findall(match.group("attributes"))
                      if any(values)}
        body = ""
        if not match.group("empty"):
            if close != -1 and close < match.end():
                close = lowered.find("</ref", match.end())
            following = _OPEN.search(text, match.end(), close) if close != -1 else None
            if close != -1 and following is None:
                body = text[match.end(): close].strip()
        line = where.line_of(match.start())
        key = attributes.get("name") or f"@{match.start()}"
        note = notes.setdefault(key, _Note(key, line, group=attributes.get("group")))
        if body and not note.body:
            note.body, note.line = body, line
        note.marker_lines.append(line)
    counters: dict[str | None, int] = {}
    footnotes = []
    markers: dict[int, list[int]] = {}
    for note in notes.values():
        if not note.body:
            continue  # a reuse of a name never defined: nothing to read
        counters[note.group] = counters.get(note.group, 0) + 1
        number = counters[note.group]
        footnotes.append(Footnote(
            number=number, line=note.line, text=clean_note_text(plain(note.body)),
            marker_lines=tuple(sorted(set(note.marker_lines))),
            label=f"{note.group} {number}" if note.group else None))
        if not note.group:
            markers[number] = sorted(set(note.marker_lines))
    return Extraction(footnotes, markers)


def plain(body: str) -> str:
    """Wikitext -> the text MediaWiki shows, with citation templates rendered."""
    for _ in range(MAX_NESTING):
        rendered = _TEMPLATE.sub(_render_template, body)
        if rendered == body:
            break
        body = rendered
    body = _EXTERNAL.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", body)
    body = _INTERNAL.sub(r"\1", body)
    return _BOLD_ITALIC.sub(lambda m: m.group(1) or m.group(2) or f"*{m.group(3)}*", body)


def _render_template(match: re.Match[str]) -> str:
    name = match.group("name").strip().lower()
    values: dict[str, str] = {}
    for piece in match.group("fields").split("|")[1:]:
        key, equals, value = piece.partition("=")
        if equals:
            values[key.strip().lower()] = value.strip()
    if not name.startswith(("cite", "citation")):
        return ""  # {{dead link}}, {{sfn|...}}, formatting templates: nothing cited
    return render_citation(values)


def render_citation(values: dict[str, str]) -> str:
    """A CS1 citation template's fields, as Wikipedia prints them."""
    authors = []
    for index in ("", "1", "2", "3", "4"):
        last = values.get(f"last{index}") or values.get(f"author{index}")
        if last:
            first = values.get(f"first{index}")
            authors.append(f"{last}, {first}" if first else last)
    pieces = []
    head = "; ".join(authors)
    date = values.get("date") or values.get("year")
    if head:
        pieces.append(f"{head} ({date})." if date else f"{head}.")
    title = values.get("title")
    if title:
        pieces.append(f'"{title}".')
    outlet = next((values[key] for key in ("website", "work", "newspaper", "journal",
                                           "magazine", "periodical", "publisher")
                   if values.get(key)), None)
    if outlet:
        pieces.append(f"*{outlet}*.")
    if date and not head:
        pieces.append(f"{date}.")
    if values.get("url"):
        pieces.append(values["url"])
    if values.get("access-date") or values.get("accessdate"):
        pieces.append(f"Retrieved {values.get('access-date') or values.get('accessdate')}.")
    return " ".join(pieces)
