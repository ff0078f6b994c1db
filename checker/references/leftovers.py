"""What converters leave in a note's text that is not part of the citation, removed before
the note is read (pure functions).

Wikipedia pages converted to markdown (docling, pandoc, html2text) or copied as text keep:

- the back-links that open a reference: ``^``, ``↑``, ``^ a b c``, ``***a*** ***b***``,
  ``[**^**](#cite_ref-3)``;
- links to the wiki's own pages, relative or absolute: ``[Roe, Jane](/wiki/Jane_Roe "Jane Roe")``,
  ``[McFarland](https://en.wikipedia.org/wiki/McFarland)`` (a quoted title linked there is a
  cited article and stays),
  ``[*Harbour Weekly*](\\wiki\\Harbour_Weekly)``, ``[Roe 2001](#CITEREFRoe2001)``: only their
  text is the citation's (a link title in quotes would read as the work's title);
- identifier links, whose target is a catalogue or a resolver and not the work cited:
  ``[ISSN](\\wiki\\ISSN) [0129-6264](https://search.worldcat.org/issn/0129-6264)``,
  ``[S2CID](...) [6540738](https://api.semanticscholar.org/CorpusID:6540738)``: the identifier
  is kept as text (``ISSN 0129-6264``); a DOI stays a DOI (``doi:10.1142/...``);
- Zotero's placeholder links in a Google Docs document (exported as Word, HTML, PDF or
  markdown): each citation Zotero inserts there is a link to
  ``https://www.zotero.org/google-docs/?<id>`` (its record kept in the document's own
  storage, which no export carries): ``[Jane Roe, “Ports,” 2001.](https://www.zotero.org/
  google-docs/?a1B2c3)`` is the citation ``Jane Roe, “Ports,” 2001.``, not a page of
  zotero.org to cite or check;
- TeX's quotation marks as typed (````Title,''``), in text taken from a .tex or a plain-text
  dump: ``“Title,”``;
- a space before punctuation (docling: ``*Estuary Letters* . **17** (1)``);
- HTML entities (``&amp;``);
- a double quotation mark closed by two single ones (``“Uneasy Lies’’ in *Shakespeare and
  History*``: LaTeX's ``''`` as some fonts set it, copied from a PDF): ``”``, where a ``“`` is
  open before it (a possessive inside a single quotation, ``‘the students’’``, has none);
- a quotation inside a quotation closed in the wrong order (``“... His Forged ‘Antiquities.”’``:
  the two closing marks' boxes overlap in a PDF and were read right to left): ``’”``, where a
  ``‘`` is open inside an open ``“``.

`clean_converted(text)` returns the text without them; text without any of these signs is
returned as it is.
"""

from __future__ import annotations

import re

from checker.extract.common import decode_entities
from checker.lazypattern import compile_lazily

# A markdown link whose target is not a web address: in-page anchors, the site's own pages
# (/wiki/X, \wiki\X, ./x), with an optional link title. The text may hold one bracket pair
# ("[Title [Updated]](...)") and the target one pair of parentheses ("ISBN_(identifier)").
_RELATIVE_LINK = compile_lazily(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,500})\]"
    r"\((?!\s*<?(?:[A-Za-z][A-Za-z0-9+.-]{0,20}:|//|www\.))\s*"
    r"(?:[^()\s]|\([^()\s]*\)){0,300}(?:\s+\"[^\"\n]{0,300}\")?\s*\)"
)
# The same, written as an absolute link to the wiki's article (a page saved with its links
# made absolute): "[*Harbour Weekly*](https://en.wikipedia.org/wiki/Harbour_Weekly)"
_WIKI_PAGE_LINK = compile_lazily(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,500})\]\(\s*<?https?://[a-z-]{2,20}\.(?:m\.)?wikipedia"
    r"\.org/wiki/(?:[^()\s]|\([^()\s]*\)){0,300}(?:\s+\"[^\"\n]{0,300}\")?\s*>?\)"
)
# Back-links at the start of a reference, once relative links are text: "^", "↑",
# "**^**", "^ a b c", "***a*** ***b***".
_BACKLINKS = compile_lazily(
    r"^\s*(?:(?:[*_]{0,3}(?:\^|↑)[*_]{0,3})(?:\s+[*_]{0,3}[a-z]{1,2}[*_]{0,3}(?=\s))*"
    r"|[*_]{2,3}[a-z]{1,2}[*_]{2,3}(?:\s+[*_]{2,3}[a-z]{1,2}[*_]{2,3})*)\s+"
)
# An identifier's name, then its value as a link to a catalogue or resolver.
_IDENTIFIER_LINK = compile_lazily(
    r"\b(?P<name>doi|DOI|ISBN|ISSN|eISSN|OCLC|PMID|PMC|S2CID|Bibcode|arXiv|CiteSeerX|JSTOR|"
    r"hdl|LCCN|OSTI|SSRN|ZDB|MR|Zbl|ERIC|ASIN|ISMN|OL|RFC|EISSN|id)\s*:?\s*"
    r"\[(?P<value>[^\[\]\n]{1,80})\]\((?:https?:)?//[^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
    r"(?:\s+\"[^\"\n]{0,200}\")?\)"
)
# Zotero's placeholder for a citation in Google Docs (its fieldURL, brokenFieldURL and
# noteInsertionPlaceholderURL): "[(Roe 2001)](https://www.zotero.org/google-docs/?d4E5f6)",
# in an HTML export wrapped in Google's redirect ("https://www.google.com/url?q=https://www.
# zotero.org/google-docs/?d4E5f6&sa=D&...")
_ZOTERO_PLACEHOLDER = compile_lazily(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,2000})\]\(\s*<?"
    r"(?:https?://(?:www\.)?google\.com/url\?q=)?https?(?:://|%3A%2F%2F)(?:www\.)?zotero\.org"
    r"(?:/|%2F)(?:google-docs(?:/|%2F))?(?:\?|%3F)[^()\s]{0,300}\s*>?\)", re.IGNORECASE)
# TeX's quotation marks, left as typed in text taken from a .tex or a plain-text dump:
# ``Title,'' -> “Title,”
_LATEX_QUOTES = compile_lazily(r"``([^`'\n]{1,400}?)''")
# arXiv's subject class after its number: "[ [cs.DS](https://arxiv.org/archive/cs.DS) ]"
# docling's space before a full stop, comma or semicolon (not an ellipsis ". . .")
_SPACED_PUNCTUATION = compile_lazily(r"(?<=[\w*)\]\"”’]) ([.,;:])(?=\s|$)(?! \.)")
_ARXIV_CLASS = compile_lazily(
    r"\[\s*\[(?P<value>[\w.-]{2,20})\]\((?:https?:)?//arxiv\.org/archive/[^()\s]*\)\s*\]")


def clean_converted(text: str) -> str:
    """The note's text without back-links, wiki-internal links, identifier links and
    entities (see the module's docstring)."""
    if "](" in text:
        if "](#" in text or "](/" in text or "](\\" in text or "](." in text:
            text = _RELATIVE_LINK.sub(_link_text, text)
        if "wikipedia.org/wiki/" in text:
            text = _WIKI_PAGE_LINK.sub(_wiki_link_text, text)
        if "zotero.org/" in text:
            text = _ZOTERO_PLACEHOLDER.sub(r"\1", text)
        if "](" in text:
            text = _IDENTIFIER_LINK.sub(_identifier_text, text)
            if "arxiv.org/archive" in text:
                text = _ARXIV_CLASS.sub(r"[\g<value>]", text)
    if " ." in text or " ," in text or " ;" in text:
        text = _SPACED_PUNCTUATION.sub(r"\1", text)
    if text[:12].lstrip()[:1] in ("^", "↑", "*", "_"):
        text = _BACKLINKS.sub("", text, count=1)
    if "&" in text and ";" in text:
        text = decode_entities(text)
    if "``" in text and "''" in text:
        text = _LATEX_QUOTES.sub(r"“\1”", text)
    if "’’" in text and "“" in text:
        text = _closing_double_quotes(text)
    if "”’" in text and "‘" in text:
        text = _nested_quotes_closed_in_order(text)
    return text


def _nested_quotes_closed_in_order(text: str) -> str:
    """Each ``”’`` that closes an open ``‘`` inside an open ``“`` as ``’”`` (see the
    module's docstring); an apostrophe inside a word (``it’s``) closes nothing."""
    chars = list(text)
    opened: list[str] = []
    index = 0
    while index < len(chars):
        char = chars[index]
        if char in "“‘":
            opened.append(char)
        elif char == "”":
            if opened[-2:] == ["“", "‘"] and chars[index + 1: index + 2] == ["’"]:
                chars[index], chars[index + 1] = "’", "”"
                del opened[-2:]
                index += 2
                continue
            while opened and opened.pop() != "“":
                pass
        elif char == "’" and opened and opened[-1] == "‘" and not (
                index + 1 < len(chars) and chars[index + 1].isalpha()
                and index and chars[index - 1].isalpha()):
            opened.pop()
        index += 1
    return "".join(chars)


def _closing_double_quotes(text: str) -> str:
    """Each ``’’`` that closes an open ``“`` as ``”`` (see the module's docstring)."""
    parts = _DOUBLE_QUOTE_MARKS.split(text)
    open_quotes = 0
    for index, part in enumerate(parts):
        if part == "“":
            open_quotes += 1
        elif part == "”":
            open_quotes = max(0, open_quotes - 1)
        elif part == "’’" and open_quotes:
            parts[index] = "”"
            open_quotes -= 1
    return "".join(parts)


_DOUBLE_QUOTE_MARKS = compile_lazily("(“|”|’’)")


def _link_text(match: re.Match[str]) -> str:
    return match.group(1)


def _wiki_link_text(match: re.Match[str]) -> str:
    """A link to a wiki article: its text, unless the text is a quoted title (the article is
    the work cited: ``["Duck"](https://en.wikipedia.org/wiki/Duck)``)."""
    label = match.group(1)
    return match.group(0) if label.lstrip("*_")[:1] in "\"“'‘«" else label


def _identifier_text(match: re.Match[str]) -> str:
    name, value = match.group("name"), match.group("value").strip()
    if name.lower() == "doi":
        return f"doi:{value}"
    return f"{name} {value}"
