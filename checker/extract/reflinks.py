"""Markdown reference-style links in notes, resolved to the links they stand for (pure).

A note may link a word to a URL defined elsewhere in the document (markdown, pandoc,
kramdown blogs)::

    [^2]: Jane Roe, "Tides of Kiel," [Harbour Blog][hb], May 5, 2014.

    [hb]: http://blog.harbour.example/2014/05/tides/

`link_definitions(text)` reads the definitions (``[label]: URL``, ``[label]: <URL> "title"``);
`resolve_reference_links(note, definitions)` writes each ``[text][label]``, ``[text][]`` and
``[text]`` whose label is defined as the inline link ``[text](URL)``, the form the reference
parser reads. Labels match case-insensitively with spaces collapsed, as in CommonMark; a
label not defined (``[sic]``, ``[@key]``, a footnote's ``[^1]``) is left as printed.
"""

from __future__ import annotations

import re

from checker.lazypattern import compile_lazily

_DEFINITION = compile_lazily(
    r"^ {0,3}\[(?P<label>[^\]\^\n][^\]\n]{0,200})\]:[ \t]*<?(?P<url>[^\s<>]+)>?"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$",
    re.MULTILINE,
)
# "[text][label]", "[text][]" and "[text]" not followed by "(" (an inline link) or ":"
_REFERENCE_LINK = compile_lazily(
    r"(?<![\]\\!])\[(?P<text>[^\[\]\n]{1,300})\](?:\[(?P<label>[^\[\]\n]{0,200})\]|(?![(\[:]))")


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def link_definitions(text: str) -> dict[str, str]:
    """The document's link reference definitions: label (normalised) -> URL."""
    if "]:" not in text:
        return {}
    definitions: dict[str, str] = {}
    for found in _DEFINITION.finditer(text):
        url = found.group("url")
        if "://" in url or url.startswith(("www.", "mailto:")):
            definitions.setdefault(_key(found.group("label")), url)
    return definitions


def resolve_reference_links(note: str, definitions: dict[str, str]) -> str:
    """`note` with each reference-style link whose label is defined written inline."""
    if not definitions or "[" not in note:
        return note

    def inline(found: re.Match[str]) -> str:
        text = found.group("text")
        label = found.group("label")
        url = definitions.get(_key(label or text))
        if url is None or text.startswith(("^", "@")):
            return found.group(0)
        return f"[{text}]({url})"

    return _REFERENCE_LINK.sub(inline, note)
