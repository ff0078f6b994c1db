"""Small text helpers shared by the extractors (pure functions)."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.lazypattern import compile_lazily

# A PDF's rendered text opens each page with "[page N]" (extract/pdf_layout.py): where the
# page starts, no line of the page's own.
PAGE_START = compile_lazily(r"^\[page \d+\]$")
_DITTO = compile_lazily(r"^(?:[-–—_]\s?){2,}[.,]")  # "———," "---." "__________ ."
_DITTO_STARTS = frozenset(a + b for a in "-–—_" for b in "-–—_ ")


def is_ditto(text: str) -> bool:
    """Does `text` open with the dashes that stand for the author of the work before it, in
    a note or a list of works (``———, *Title*``, ``–––.“Title”``)?"""
    return text[:2] in _DITTO_STARTS and _DITTO.match(text) is not None


def after_ditto(text: str) -> str | None:
    """The work after the dashes that stand for the author above (``–––.The Title. Oxford,
    2003`` -> ``The Title. Oxford, 2003``); None when `text` does not open with them."""
    found = _DITTO.match(text) if text[:2] in _DITTO_STARTS else None
    return text[found.end():].lstrip() if found else None

# Entities only with their semicolon: html.unescape would also turn the legacy
# no-semicolon forms inside URLs ("?a=1&region=x") into symbols ("®ion").
_ENTITY = compile_lazily(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_INLINE_TAG = compile_lazily(
    r"</?(?:sup|sub|span|em|i|b|strong|u|small|font|mark|cite|abbr|ins|del|s)\b[^<>]{0,200}>",
    re.IGNORECASE,
)
_BREAK_TAG = compile_lazily(r"<br\s*/?>", re.IGNORECASE)
_ANCHOR = compile_lazily(
    r"<a\b[^<>]{0,500}?\bhref\s*=\s*[\"']([^\"']*)[\"'][^<>]{0,500}>(.*?)</a>", re.IGNORECASE
)
_IN_PAGE_LINK = compile_lazily(r"\[([^\[\]\n]{0,500})\]\(#[^()\s]{0,200}\)")
# In-page links opening a note back to its markers: "[**^**](#cite_ref-3) [*a*](#cite_ref-3a)"
_LEADING_BACKLINKS = compile_lazily(
    r"^\s*(?:\[[*_]{0,3}(?:\^|↑|↩\ufe0e?|[a-z]{1,2})[*_]{0,3}\]\(#[^()\s]{0,200}\)\s*)+")
# Wikipedia-style back-links left at the start of a note: "^", "^ a b", "↑".
_BACKLINK_START = compile_lazily(r"^(?:\^|↑)(?:\s+[a-z]{1,2}(?=\s))*\s*")


SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
MAX_RANGE = 50  # "3-5" expands; "3-5000" is a page range or a phone number, not markers


def decode_entities(text: str) -> str:
    """Decode HTML character references (`&quot;`, `&#8217;`), semicolon required."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda match: html.unescape(match.group(0)), text)


def strip_inline_tags(text: str) -> str:
    """Drop inline HTML tags kept by PDF converters; links become markdown links."""
    if "<" not in text:
        return text
    text = _ANCHOR.sub(_anchor_to_markdown, text)
    text = _BREAK_TAG.sub(" ", text)
    return _INLINE_TAG.sub("", text)


def _anchor_to_markdown(match: re.Match[str]) -> str:
    href, label = match.group(1).strip(), match.group(2).strip()
    if not is_cited_link(href) or label == href:
        return label
    return f"[{label}]({href})"


_ABSOLUTE_LINK = compile_lazily(r"(?:[A-Za-z][A-Za-z0-9+.-]{0,20}:|//)")


def is_cited_link(href: str) -> bool:
    """Is a link's target something a note cites (`https://...`, `mailto:`, `//host/...`)?
    In-page anchors and a site's own relative paths (`/wiki/Brendan_Eich`) are not: only
    the link's text is kept."""
    return bool(_ABSOLUTE_LINK.match(href.strip()))


# What PDF text extraction leaves in words and URLs: ligature glyphs ("Paciﬁc", "oﬃce"),
# soft hyphens and zero-width spaces (invisible, but they break a URL or a title match)
_PDF_CHARACTERS = str.maketrans({
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
    "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,
    "\ufffe": "-",  # PDFium's mark of a hyphen it took for a line break ("com\ufffepensate")
})
_PDF_CHARACTER = compile_lazily(  # a quick look first, for the same characters
    "[" + "".join(re.escape(chr(code)) for code in _PDF_CHARACTERS) + "]")


def join_wrapped_lines(lines: Iterable[str]) -> str:
    """A note's lines as one text: joined by a space, except that a word broken by a
    line-wrap hyphen (``trans-`` / ``port``, or PDFium's mark of one) is joined whole and
    keeps its hyphen (whether the hyphen is real is decided later, with evidence)."""
    joined = ""
    for line in lines:
        line = line.strip()
        if not joined:
            joined = line
        elif joined.endswith(("-", "\ufffe")) and line[:1].islower():
            joined += line
        else:
            joined += " " + line
    return joined


def clean_note_text(text: str) -> str:
    """Footnote text as handed on: tags stripped, entities decoded, spaces collapsed.

    Markdown emphasis and backslash escapes (`\\_`) are kept: the reference parser
    repairs URLs and needs to see those artefacts. Ligature glyphs become their letters and
    invisible characters (soft hyphens, zero-width spaces) go. A markdown link within the
    page (`[Kaplan et al.](#page-36-0)`, a converter's cross-reference) keeps its text only.
    """
    text = decode_entities(strip_inline_tags(text))
    if "](#" in text:
        text = _IN_PAGE_LINK.sub(r"\1", _LEADING_BACKLINKS.sub("", text, count=1))
    if not text.isascii() and _PDF_CHARACTER.search(text):
        text = text.translate(_PDF_CHARACTERS)
    # already single-spaced (any white space but the space is unprintable): kept as it is
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    if text[:1] in ("^", "↑"):
        text = _BACKLINK_START.sub("", text, count=1)
    return text


# A marker glued to the word or punctuation before it in a PDF's text: "law,2", "mines10"
GLUED_MARKER = compile_lazily(r"(?<=[^\W\d_]|[.,;:!?)\]\"”’])(\d{1,4})(?=[\s.,;:!?)\]\"”’]|$)")
# What a rule between a page's body and its notes is drawn with in a PDF's text (as a class)
RULE_CHARACTERS = "-–—_‒―=*·."
# A note's first word when it is in lower case: a signal or a back-reference
LOWER_NOTE_START = compile_lazily(
    r"^(?:ibid|see\b|cf\.|id\.|op\.|e\.g\.|i\.e\.|https?://|www\.|quoted\b)",
    re.IGNORECASE,
)
# A sentence end inside a note followed by the next note's number: '.html. 9 "SCO...'
_RUN_ON = compile_lazily(r"(?<=[.!?\"”’)\]*])\s+(\d{1,6})\.?\s+(?=\S)")


def run_on_in(part: str, wanted: int, start: int, *,
              citation_opening: bool = False) -> tuple[int, int] | None:
    """(where the number's match starts, where the note's text starts) of note `wanted` run
    on in `part` after `start`: its number after a sentence end, before a capital or a quote;
    with `citation_opening` (where notes are known to run together) also before a digit (a
    volume: `12 505 U.S. 1003`) or a lower-case signal (`see`, `id.`, `cf.`). One forward
    scan from `start`."""
    digits = str(wanted)
    if part.find(digits, start) < 0:
        return None
    for match in _RUN_ON.finditer(part, start):
        if match.group(1) != digits:
            continue
        following = part[match.end() : match.end() + 1]
        if following in "\"“‘'«„*[" or (following.isalpha() and not following.islower()):
            return match.start(), match.end()
        if citation_opening and (following.isdigit()
                                 or LOWER_NOTE_START.match(part, match.end())):
            return match.start(), match.end()
    return None


_POWER_BASE = compile_lazily(r"(?:^|[^\w.,])(?:10|[kcm]?m|ft|mi|in|yd)$")
# What those bases end with ("$" passes a newline): a hot loop looks at the last character
# before a superscript first, and calls `is_power` only when it is one of these
POWER_BASE_ENDS = frozenset("0mtind\n")


def is_power(before: str) -> bool:
    """Is a numbered superscript after `before` an exponent, not a marker?

    Only for a base of 10 and units of area or volume (10<sup>6</sup>, km<sup>2</sup>):
    markers do follow numbers too ("on March 12<sup>3</sup>").
    """
    return before[-1:] in POWER_BASE_ENDS and bool(_POWER_BASE.search(before[-4:]))


def from_superscript(digits: str) -> str:
    return digits.translate(_FROM_SUPERSCRIPT)


def marker_numbers(spec: str) -> list[int]:
    """Numbers named by a marker: "3", "3,4", "3-5", "3–5, 8" (superscripts too)."""
    if spec.isdigit() and spec.isascii():
        return [int(spec)]
    spec = from_superscript(spec).replace("⁻", "-").replace("–", "-").replace("—", "-")
    numbers: list[int] = []
    for part in spec.split(","):
        part = part.strip().strip("[]").strip()
        if not part:
            continue
        if "-" in part:
            low, _, high = part.partition("-")
            if low.strip().isdigit() and high.strip().isdigit():
                start, end = int(low), int(high)
                if start <= end <= start + MAX_RANGE:
                    numbers.extend(range(start, end + 1))
            continue
        if part.isdigit():
            numbers.append(int(part))
    return numbers


@dataclass
class MarkerIndex:
    """Where each footnote number is marked in the body (0-based line indexes)."""

    lines: dict[int, list[int]] = field(default_factory=dict)

    def add(self, number: int, line: int) -> None:
        found = self.lines.get(number)
        if found is None:
            self.lines[number] = [line]
        elif not found or found[-1] != line:
            found.append(line)

    def first(self, number: int) -> int | None:
        found = self.lines.get(number)
        return found[0] if found else None


class LineIndex:
    """Character offset -> 1-based line number, by binary search over line starts."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        position = find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self._starts = starts

    def line_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset)


# An italic run's text is put between these while a note is read, until `with_emphasis`.
ITALIC_ON, ITALIC_OFF = "\x0e", "\x0f"  # shift out, shift in
_EMPHASIS_SPAN = compile_lazily("\x0e([^\x0e\x0f]*)\x0f")
# an italic run ends where the next begins, or a space or an upright hyphen or full stop away
_TOUCHING_RUNS = compile_lazily("\x0f(\\s*|[-–.’']{1,2})\x0e")
_MOVED_OUT = ",;:“‘(["  # a run's last character that is the sentence's (or opens what follows)
# Words set in italics that are no title: signals and the Latin of short forms, opening a run
# ("*See, e.g.*,", "*Id.* at 5", "*Id.; see supra* notes 18-20", "*s. v. Mazarinades*",
# "*Cf. Brand X*", "*available at*", their full stop in the run or after it) or closing it
# ("*The Federalist Dimension, supra* note 59")
_NO_TITLE_LEAD = compile_lazily(
    r"(?:(?:but\s+)?see(?:\s+also|\s+generally)?|cf\.?|compare|contra|accord|e\.\s?g\.?|"
    r"i\.\s?e\.?|id\.?|ibid\.?|ibidem|op\.\s?cit\.?|loc\.\s?cit\.?|supra|infra|passim|"
    r"et\s+al\.?|et\s+seq\.?|s\.\s?v\.?|sub\s+voce|vgl\.?|voir|cfr\.?|available\s+at|"
    r"(?:reprinted|quoted|cited)\s+in|aff['’]d|rev['’]d|cert\.\s+denied|hereinafter)"
    r"(?:[,;]?\s+|[,;]?$)",
    re.IGNORECASE)
_NO_TITLE_END = compile_lazily(r"[,;]?\s+(?:supra|infra|passim|et\s+al\.?|id\.?|ibid\.?)$",
                               re.IGNORECASE)


def with_emphasis(text: str) -> str:
    """A note's text with its italic runs, marked by `ITALIC_ON` and `ITALIC_OFF`, written
    as markdown emphasis (``*Title*``), the way the readers take an italic title from a
    converted document. Runs that touch, or are parted by spaces only or by an upright
    hyphen or full stop (``*E*.*g*.``, ``*United States*-*Flag*``), are one (a word
    processor splits a run wherever anything in its formatting changes); the spaces and a
    final ``,`` ``;`` ``:`` at a run's ends go outside it, and so do signals and the Latin
    of short forms opening a run (``*See, e.g.*``, ``*Id.*``, ``*s. v.*``). Left plain: a
    run without a letter or digit, a URL, text holding a ``*``, a run that is the whole
    note (an italic note says nothing of its titles), and every run of a note that cites
    law the way the legal readers find it (``Roe v. Wade, 410 U.S. 113``): the Bluebook
    sets signals, case names and short forms in italics alike (``*See* *Roe*, 410 U.S. at
    120``), which says nothing of what the title is.

    ``"Voir la \x0eBallade \x0f\x0eburlesque,\x0f en vers"`` -> ``"Voir la *Ballade
    burlesque*, en vers"``."""
    if ITALIC_ON not in text:
        return text.replace(ITALIC_OFF, "")
    text = _TOUCHING_RUNS.sub(r"\1", text)
    spans = _EMPHASIS_SPAN.findall(text)
    whole = len(spans) == 1 and text.strip() == f"{ITALIC_ON}{spans[0]}{ITALIC_OFF}"
    plain = without_italic_marks(text)
    if whole:
        return plain
    written = without_italic_marks(_EMPHASIS_SPAN.sub(_emphasis, text))
    if written.count("*") > plain.count("*") and _cites_law(plain):
        return plain  # (looked for last: the finders take their time)
    return written


def without_italic_marks(text: str) -> str:
    """`text` without the `ITALIC_ON` and `ITALIC_OFF` marks (a link's text, a note kept
    plain)."""
    return text.replace(ITALIC_ON, "").replace(ITALIC_OFF, "")


def _cites_law(text: str) -> bool:
    from checker.references.legal import cites_law  # the readers' own finders

    return cites_law(text)


def _emphasis(match: re.Match[str]) -> str:
    inner = match.group(1)
    core = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    tail = inner[len(inner.rstrip()):]
    while core and core[-1] in _MOVED_OUT:
        kept = core[:-1].rstrip()
        tail = core[len(kept):] + tail
        core = kept
    while lead_word := _NO_TITLE_LEAD.match(core):
        lead += lead_word.group(0) if lead_word.end() < len(core) else core
        core = core[lead_word.end():]
        if lead_word.end() == 0:
            break
    end = max(0, len(core) - 16)  # the words looked for are short: their end is enough
    if end_word := _NO_TITLE_END.search(core, end):
        tail = core[end_word.start():] + tail
        core = core[:end_word.start()]
    if (not any(char.isalnum() for char in core) or "*" in core or "://" in core
            or core.lower().startswith("www.")):
        return inner
    return f"{lead}*{core}*{tail}"
