"""Texinfo notes: `@footnote{...}` written where the note is marked.

    the embedding enables the designer to snarf@footnote{Snarf: ``To grab ...''
    (These definitions were snarfed from @ref{Steele et al. 1983}.)} features ...

A note runs to the brace that closes it, over lines and nested braces (`@code{(f x)}`);
`@{`, `@}` and `@@` are escaped characters, not braces. Notes are numbered in order, as
makeinfo numbers them; the marker is where the note is written. In the text, formatting
commands keep their argument (`@code{x}` -> `x`, `@ref{Raymond 1993}` -> `Raymond 1993`,
`@uref{url, text}` -> `text url`), TeX quotes become typographic ones.
"""

from __future__ import annotations

import re

from checker.extract.common import LineIndex, clean_note_text
from checker.extract.extraction import Extraction
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_FOOTNOTE = compile_lazily(r"@footnote\s*\{")
_URL_COMMAND = compile_lazily(r"@(?:uref|url)\{([^{}]*)\}")
_DROPPED = compile_lazily(r"@(?:anchor|[cfkvpt]index)\{[^{}]*\}")
_COMMAND_WITH_ARGUMENT = compile_lazily(r"@[A-Za-z]+\{([^{}]*)\}")
MAX_NESTING = 50
_COMMAND_ALONE = compile_lazily(r"@(?:[A-Za-z]+|[,\\:.!?*\s-])")
_QUOTES = (("``", "“"), ("''", "”"))


def has_texinfo_notes(text: str) -> bool:
    return "@footnote" in text and _FOOTNOTE.search(text) is not None


def extract_texinfo(text: str) -> Extraction:
    where = LineIndex(text)
    footnotes = []
    markers: dict[int, list[int]] = {}
    position = 0
    while True:
        match = _FOOTNOTE.search(text, position)
        if match is None:
            break
        end = _closing_brace(text, match.end())
        line = where.line_of(match.start())
        number = len(footnotes) + 1
        body = text[match.end(): end if end >= 0 else len(text)]
        footnotes.append(Footnote(number=number, line=line, text=clean_note_text(plain(body)),
                                  marker_lines=(line,)))
        markers[number] = [line]
        position = end + 1 if end >= 0 else len(text)
    return Extraction(footnotes, markers)


def _closing_brace(text: str, start: int) -> int:
    """Offset of the `}` closing a brace opened just before `start`, or -1."""
    depth = 1
    index = start
    length = len(text)
    while index < length:
        character = text[index]
        if character == "@":
            index += 2  # an escaped character or the first letter of a command
            continue
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def plain(body: str) -> str:
    """Texinfo markup -> plain text, innermost commands first."""
    body = body.replace("@@", "\0at\0").replace("@{", "\0open\0").replace("@}", "\0close\0")
    body = _DROPPED.sub("", _URL_COMMAND.sub(_url_text, body))
    for _ in range(MAX_NESTING):
        previous, body = body, _COMMAND_WITH_ARGUMENT.sub(r"\1", body)
        if body == previous:
            break
    body = _COMMAND_ALONE.sub(" ", body)
    for tex, quote in _QUOTES:
        body = body.replace(tex, quote)
    return body.replace("\0at\0", "@").replace("\0open\0", "{").replace("\0close\0", "}")


def _url_text(match: re.Match[str]) -> str:
    url, _, label = match.group(1).partition(",")
    return f"{label.strip()} {url.strip()}" if label.strip() else url.strip()
