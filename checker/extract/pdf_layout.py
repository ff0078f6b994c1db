"""A PDF's positioned lines (`pdf.py`) -> footnotes and endnotes. Pure functions.

What it reads, in order:
- page furniture: running heads and feet (a page's first or last lines that recur, digits
  aside, on many pages: "2 TARRANT REGIONAL WATER DIST. v. HERRMANN", "Page 4 of 21") and bare
  page numbers are left out first, so a head starting with a number is never a note;
- the body size: the commonest size of the lines' text, weighted by characters;
- footnotes at page bottoms: below a drawn rule (or a line of dashes) when the first line
  under it opens the expected note or the notes run on from the page before; else the run of
  lines set smaller than the body at the page's foot, from the first line that opens the
  expected note (so a smaller block quotation above the notes stays body text);
- endnotes: after a heading "Notes" or "Endnotes", every line up to the next heading;
- a note opens where a line starts with the next number, raised ("¹ Text", also a number set
  2 pt off its line) or inline ("3. Text", "4Text"); numbers starting again at 1 open a new
  part; a line that opens no note continues the open one, across pages too;
- body markers: raised digits in body lines, matched to the notes in order;
- line ends: a hyphen is undone only with evidence: inside a link whose annotation has no
  hyphen there, when the word without it occurs elsewhere in the document, or when what
  follows it is no word of the document (a syllable: "Dic-" "tionary"); otherwise kept and
  the halves joined ("sea-" "side" where "side" is a word; a URL's own hyphens stay);
- links: characters under a link annotation are that link; a printed URL is replaced by its
  annotation's URI (so the URL checked is the one linked), and where they differ beyond a line
  break a `url-malformed` finding names both; other linked text becomes ``[text](uri)``.

The rendering (`NativeText.text`) is each page's body lines (markers as ``<sup>N</sup>``)
followed by the notes opening on that page as ``[^N]: text`` lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from checker.extract.common import ITALIC_OFF, ITALIC_ON, with_emphasis
from checker.extract.native import NativeText, Rendering
from checker.extract.pdf import Line, Page, read_pages, word_gap
from checker.lazypattern import compile_lazily
from checker.model import Finding, Footnote, Severity

SMALLER = 0.92  # a line set at most this share of the body size is small (notes)
HEADING = 1.15  # a line set at least this share of the body size is a heading
FURNITURE_SHARE = 0.3  # a head or foot recurring on this share of pages is furniture
MAX_SKIP = 3  # a raised number this far past the expected one still opens a note
INDENT_TOLERANCE = 4.0  # points: note openings of one document start this close
MARKER_WINDOW = 40  # a note's marker is looked for among this many markers after the last
_DIGITS = compile_lazily(r"\d+")
_PAGE_NUMBER = compile_lazily(r"^(?:page\s*)?(?:\d+|[ivxlc]+)(?:\s*of\s*\d+)?$", re.IGNORECASE)
_DASH_RULE = compile_lazily(r"^[\s—–_\-‒―]{5,}$")
_NOTES_HEADING = compile_lazily(r"^(?:end)?notes$", re.IGNORECASE)
_DOMAIN_END = compile_lazily(r"(?:com|org|net|gov|edu|int|mil|info|[a-z]{2})(?:/|$)")
_URL_LIKE = compile_lazily(r"^(?:https?://|www\.)|^[\w-]+(?:\.[\w-]+)+/", re.IGNORECASE)
_TRAILING = ".,;:)]»”’\"'"
_WORD = compile_lazily(r"[^\W\d_]+")


@dataclass
class _Note:
    number: int
    part: int
    page: int
    pieces: list[tuple[Line, int]] = field(default_factory=list)  # (line, first glyph)
    marker_line: int | None = None


@dataclass
class _Marker:
    number: int
    order: int  # position among the markers, in reading order
    line: int  # rendering line
    used: bool = False


@dataclass
class _State:
    expected: int = 1
    part: int = 1
    open: _Note | None = None
    style: Counter[str] = field(default_factory=Counter)
    indents: list[float] = field(default_factory=list)  # of inline-numbered note openings
    left: float = 0.0  # the current page's left text edge


def read_pdf(data: bytes) -> NativeText:
    """The notes of the PDF in `data` (raises `NativeError`)."""
    pages, title, date = read_pages(data)
    return notes_from_pages(pages, title, date)


def notes_from_pages(pages: list[Page], title: str | None, date: str | None) -> NativeText:
    furniture = _furniture(pages)
    reading = _Reading(body_size=_body_size(pages, furniture))
    layout = [_PageLayout(page) for page in pages]
    for page, placed in zip(pages, layout, strict=True):
        lines = [line for line in page.lines if id(line) not in furniture]
        reading.state.left = _left_edge(lines)
        columns = page.columns()
        for index, (left, right) in enumerate(columns):
            # lines spanning both columns (a title) are read with the first
            own = [line for line in lines if (line.x0 >= left - 1 and line.x1 <= right + 1)
                   or (index == 0 and line.x0 < right < line.x1)]
            rules = [rule for rule in page.rules if rule[0] >= left - 5 and rule[1] <= right + 5]
            _read_column(page, own, rules, right - left, reading, placed)
    return _render(layout, reading.notes, _document_words(pages), title, date)


@dataclass
class _Reading:
    body_size: float
    state: _State = field(default_factory=lambda: _State())
    notes: list[_Note] = field(default_factory=list)
    in_endnotes: bool = False


def _read_column(page: Page, lines: list[Line], rules: list[tuple[float, float, float]],
                 width: float, reading: _Reading, placed: _PageLayout) -> None:
    """One column of a page (the whole page when it has one): body lines, then notes."""
    state, body_size = reading.state, reading.body_size
    if reading.in_endnotes:
        body, note_lines = [], lines
    else:
        start = _zone_start(page, lines, rules, width, body_size, state)
        body, note_lines = lines[:start], lines[start:]
        heading = _notes_heading(body, state)
        if heading is not None:  # an endnote section starts here
            reading.in_endnotes = True
            state.open = None
            body, note_lines = body[:heading + 1], body[heading + 1:] + note_lines
    placed.body.extend(line for line in body if not _DASH_RULE.match(line.text))
    for line in note_lines:
        if _DASH_RULE.match(line.text):
            continue
        heading_sized = line.size >= HEADING * body_size
        if reading.in_endnotes and heading_sized:
            reading.in_endnotes = False  # the next chapter's heading ends the section
            state.open = None
        opened = None if heading_sized else _opens(line, state)
        if opened is not None:
            number, first = opened
            if number == 1 and reading.notes:
                state.part += 1
            note = _Note(number, state.part, page.number, [(line, first)])
            reading.notes.append(note)
            placed.notes.append(note)
            state.open = note
            state.expected = number + 1
        elif state.open is not None and not heading_sized:
            state.open.pieces.append((line, 0))
        else:
            placed.body.append(line)


@dataclass
class _PageLayout:
    page: Page
    body: list[Line] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)


def _notes_heading(body: list[Line], state: _State) -> int | None:
    """Index of a "Notes" / "Endnotes" heading followed by a line opening note 1 (or the
    next note)."""
    for index, line in enumerate(body[:-1]):
        if _NOTES_HEADING.match(line.text.strip()):
            probe = _State(expected=state.expected, style=Counter(state.style))
            following = _opens(body[index + 1], probe)
            if following is not None and following[0] in (1, state.expected):
                return index
    return None


# --- page structure -----------------------------------------------------------------------


def _furniture(pages: list[Page]) -> set[int]:
    """ids of running heads, feet and page numbers."""
    counts: Counter[str] = Counter()
    edges: list[list[Line]] = []
    for page in pages:
        ends = page.lines[:2] + page.lines[-2:]
        ends = [line for line in ends
                if line.baseline > 0.88 * page.height or line.baseline < 0.12 * page.height]
        edges.append(ends)
        counts.update({_shape(line.text) for line in ends})
    enough = max(3, FURNITURE_SHARE * len(pages))
    found = set()
    for ends in edges:
        for line in ends:
            text = line.text.strip()
            if counts[_shape(text)] >= enough or _PAGE_NUMBER.match(text.replace(" ", "")):
                found.add(id(line))
    return found


def _shape(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _body_size(pages: list[Page], furniture: set[int]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if id(line) not in furniture:
                sizes[round(line.size * 2) / 2] += len(line.glyphs)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _left_edge(lines: list[Line]) -> float:
    """Where the page's text lines start (its left margin)."""
    starts = sorted(line.x0 for line in lines if len(line.glyphs) > 20)
    return starts[len(starts) // 10] if starts else 0.0


def _document_words(pages: list[Page]) -> set[str]:
    """The document's words, lower case, without the halves of words hyphenated at a line
    end (the evidence for undoing such a hyphen must come from elsewhere)."""
    words: set[str] = set()
    broken = False
    for page in pages:
        for line in page.lines:
            found = _WORD.findall(line.text)
            if broken and found:
                found = found[1:]
            broken = line.text.endswith("-")
            if broken and found:
                found = found[:-1]
            words.update(word.lower() for word in found)
    return words


def _zone_start(page: Page, lines: list[Line], drawn: list[tuple[float, float, float]],
                width: float, body_size: float, state: _State) -> int:
    """Index of the first line of the column's footnote zone (len(lines) when none)."""
    # (a long note can fill the next column from its top: a short rule counts anywhere; a
    # long one only in the lower part, where it is no running head's underline)
    rules = [(y, x1 - x0 < 0.45 * width) for x0, x1, y in drawn
             if y < 0.75 * page.height or x1 - x0 < 0.45 * width]
    for line in lines:
        if _DASH_RULE.match(line.text):
            rules.append((line.baseline, True))
    best = len(lines)
    for y, short in sorted(rules, reverse=True):
        below = [index for index, line in enumerate(lines)
                 if line.baseline < y and not _DASH_RULE.match(line.text)]
        if not below:
            continue
        first = lines[below[0]]
        sizes = sorted(lines[index].size for index in below)
        if sizes[len(sizes) // 2] > 1.02 * body_size:
            continue
        opens = _opens(first, state, probe=True) is not None
        small = sizes[len(sizes) // 2] <= SMALLER * body_size
        if opens or (state.open is not None and (small or short)):
            best = below[0]
            break
    if best < len(lines):
        # dash rules themselves are not text of either part
        return best
    # No rule: the run of small lines at the foot, from the first line opening a note.
    index = len(lines)
    while index > 0 and lines[index - 1].size <= SMALLER * body_size:
        index -= 1
    for position in range(index, len(lines)):
        if _opens(lines[position], state, probe=True) is not None:
            return position
    return len(lines)


def _opens(line: Line, state: _State, probe: bool = False) -> tuple[int, int] | None:
    """(number, index of the first glyph of the text) when `line` opens the next note."""
    glyphs = line.glyphs
    index = 0
    while index < len(glyphs) and glyphs[index].char.isspace():
        index += 1
    digits = ""
    raised = index < len(glyphs) and glyphs[index].raised
    while index < len(glyphs) and glyphs[index].char.isdigit() and \
            glyphs[index].raised == raised and len(digits) < 5:
        digits += glyphs[index].char
        index += 1
    if not digits or index >= len(glyphs):
        return None
    number = int(digits)
    if not raised:
        follower = glyphs[index]
        if follower.char in ".)":
            index += 1
        elif follower.char.isdigit() or follower.char in ",–-/:%":
            return None  # "1966", "12,000", "3-5": a number inside the text
        elif follower.char.isalpha() and follower.char.islower() and \
                follower.x0 - glyphs[index - 1].x1 > 0.2 * line.size:
            return None  # "42 percent": a number starting a sentence of the text
    style = "raised" if raised else "inline"
    indent = line.x0 - state.left
    if not raised and len(state.indents) >= 3:
        usual = sorted(state.indents)[len(state.indents) // 2]
        if abs(indent - usual) > INDENT_TOLERANCE:
            return None  # not where this document's notes open: a list inside a note
    expected = state.expected
    accepted = number == expected or (number == 1 and expected > 1) or (
        raised and expected < number <= expected + MAX_SKIP)
    if not accepted:
        return None
    if state.style and style not in state.style and number != expected:
        return None
    if not probe:
        state.style[style] += 1
        if not raised:
            state.indents.append(indent)
    while index < len(glyphs) and glyphs[index].char.isspace():
        index += 1
    return number, index




# --- rendering ----------------------------------------------------------------------------


def _render(layout: list[_PageLayout], notes: list[_Note], words: set[str], title: str | None,
            date: str | None) -> NativeText:
    out = Rendering()
    markers: list[_Marker] = []
    texts: dict[int, tuple[int, str, list[str]]] = {}  # id(note) -> (line, text, evidence)
    for placed in layout:
        out.add(f"[page {placed.page.number}]")
        for line in placed.body:
            text, numbers = _body_text(line)
            written = out.add(text)
            markers.extend(_Marker(number, len(markers) + k, written)
                           for k, number in enumerate(numbers))
        for note in placed.notes:
            text, evidence = note_text(note.pieces, words)
            texts[id(note)] = (out.add(f"[^{note.number}]: {text}"), text, evidence)
    _match_markers(notes, markers)
    parted = any(note.part > 1 for note in notes)
    footnotes: list[Footnote] = []
    findings: list[Finding] = []
    for note in notes:
        line, text, evidence = texts[id(note)]
        part = note.part if parted else None
        footnotes.append(Footnote(
            number=note.number, line=line, text=text, part=part, page=note.page,
            marker_lines=(note.marker_line,) if note.marker_line else (),
        ))
        findings.extend(
            Finding(rule="url-malformed", severity=Severity.WARNING.value, message=message,
                    footnotes=[note.number], line=line, part=part)
            for message in evidence
        )
    return NativeText(text=out.text(), footnotes=footnotes, title=title, date=date,
                      findings=findings)


def _body_text(line: Line) -> tuple[str, list[int]]:
    """The body line's text with raised digit runs as ``<sup>N</sup>``, and their numbers."""
    out: list[str] = []
    numbers: list[int] = []
    glyphs = line.glyphs
    index = 0
    previous = None
    while index < len(glyphs):
        glyph = glyphs[index]
        if previous is not None and word_gap(previous, glyph, line.size) and \
                out and not out[-1].endswith(" "):
            out.append(" ")
        if glyph.raised and glyph.char.isdigit():
            run = ""
            while index < len(glyphs) and glyphs[index].raised and \
                    (glyphs[index].char.isdigit() or glyphs[index].char == ","):
                run += glyphs[index].char
                index += 1
            for digits in run.split(","):
                if digits:
                    numbers.append(int(digits))
                    out.append(f"<sup>{int(digits)}</sup>")
            previous = glyphs[index - 1]
            continue
        out.append(glyph.char)
        previous = glyph
        index += 1
    return "".join(out), numbers


def _match_markers(notes: list[_Note], markers: list[_Marker]) -> None:
    """Each note's marker: the next unused marker with its number, in reading order."""
    position = 0
    for note in notes:
        for index in range(position, min(len(markers), position + MARKER_WINDOW)):
            marker = markers[index]
            if not marker.used and marker.number == note.number:
                marker.used = True
                note.marker_line = marker.line
                position = index + 1
                break


# --- a note's text --------------------------------------------------------------------------


def note_text(pieces: list[tuple[Line, int]], words: set[str]) -> tuple[str, list[str]]:
    """The note's lines joined (hyphens undone only with evidence), its links resolved and
    its italics written as emphasis (`common.with_emphasis`); with the messages for printed
    URLs that disagree with their link annotations."""
    chars: list[tuple[str, str | None]] = []
    joins: set[int] = set()  # positions in `chars` where a line break was
    italic = [False]  # set in italics at the end of the lines so far
    for line, first in pieces:
        own = _line_chars(line, first, italic)
        if not own:
            continue
        if chars:
            joins.add(len(chars))
            chars.extend(_join(chars, own, words))
        chars.extend(own)
    if italic[0]:
        chars.append((ITALIC_OFF, None))
    text, messages = _resolve_links(chars, joins)
    return with_emphasis(text), messages


_TOGGLES = (ITALIC_ON, ITALIC_OFF)


def _line_chars(line: Line, first: int, italic: list[bool]) -> list[tuple[str, str | None]]:
    """The line's characters from glyph `first` on, with their links; where the type turns
    italic or upright (`italic[0]` says how the text before it was set), a mark before the
    letter or digit (punctuation is often set upright inside italics: ``E.g.``)."""
    out: list[tuple[str, str | None]] = []
    previous = None
    for glyph, uri in zip(line.glyphs[first:], line.links[first:], strict=False):
        if previous is not None and word_gap(previous[0], glyph, line.size) and \
                out and out[-1][0] != " ":
            out.append((" ", uri if uri == previous[1] else None))
        if glyph.italic is not italic[0] and glyph.char.isalnum():
            italic[0] = glyph.italic
            out.append((ITALIC_ON if glyph.italic else ITALIC_OFF, uri))
        out.append((glyph.char, uri))
        previous = (glyph, uri)
    return out


def _plain(chars: list[tuple[str, str | None]]) -> str:
    """The characters' text without the italic marks."""
    return "".join(char for char, _ in chars if char not in _TOGGLES)


def _join(before: list[tuple[str, str | None]], after: list[tuple[str, str | None]],
          words: set[str]) -> list[tuple[str, str | None]]:
    """What goes between two lines: a space, nothing (a URL or a hyphenated word run on), and
    whether the hyphen ending `before` goes (removed in place)."""
    last, last_uri = before[-1]
    first, first_uri = next(((char, uri) for char, uri in after if char not in _TOGGLES),
                            after[0])
    tail = _token_before(before).lstrip("[(<\"'“‘")
    linked = last_uri is not None and last_uri == first_uri
    if last == "-" and len(before) > 1 and before[-2][0].isalnum() and first.isalnum():
        if linked or _URL_LIKE.search(tail) or "/" in tail:
            return []  # a URL's own hyphen, or one the annotation will judge
        head = _WORD.match(_plain(after[:40]))
        stems = _WORD.findall(tail[:-1])
        stem = _WORD.fullmatch(stems[-1]) if stems and tail[:-1].endswith(stems[-1]) else None
        joined = ((stem.group(0) if stem else "") + (head.group(0) if head else "")).lower()
        if stem and head and _WORD.fullmatch(joined) and (
                joined in words or (head.group(0).islower() and head.group(0) not in words)):
            # the word occurs whole elsewhere, or what follows the hyphen is no word of the
            # document ("Mar-" "itime", "Dic-" "tionary"): the hyphen was the line break's
            before.pop()
        return []
    if linked or (_URL_LIKE.search(tail) and not tail.endswith((".", ",", ";"))
                  and first not in "(\"“"):
        return []  # a URL broken across lines
    if _URL_LIKE.search(tail) and tail.endswith(".") and \
            _DOMAIN_END.match(_plain(after[:12])):
        return []  # "http://www.jsonline." + "com/news/...": the host runs on

    return [(" ", None)]


def _token_before(chars: list[tuple[str, str | None]]) -> str:
    token: list[str] = []
    for char, _ in reversed(chars):
        if char == " ":
            break
        if char not in _TOGGLES:
            token.append(char)
    return "".join(reversed(token))


def _canonical(url: str) -> str:
    """For comparing a printed URL with its link: no spaces (letter-spaced type), scheme,
    ``www.``, trailing slash or case; a DOI printed bare is its doi.org link."""
    url = "".join(url.split())
    url = re.sub(r"^(?:https?://)?(?:www\.)?(?:(?:dx\.)?doi\.org/)?(?:doi:\s*)?", "", url,
                 flags=re.IGNORECASE)
    return url.rstrip("/").lower()


def _resolve_links(chars: list[tuple[str, str | None]], joins: set[int]) -> tuple[str, list[str]]:
    """Linked runs written as their links: a printed URL as its annotation's URI (with a
    message when the two differ by more than a line break), other text as ``[text](uri)``."""
    out: list[str] = []
    messages: list[str] = []
    index = 0
    while index < len(chars):
        char, uri = chars[index]
        if uri is None:
            out.append(char)
            index += 1
            continue
        end = index
        while end < len(chars) and chars[end][1] == uri:
            end += 1
        extra = end  # a printed URL may run on past the annotation, to the next space
        while extra < len(chars) and chars[extra][1] is None and chars[extra][0] != " ":
            extra += 1
        breaks = [position - index for position in joins if index < position < extra]
        printed = _plain(chars[index:end])  # a link's text is never emphasised
        longer = _plain(chars[index:extra])
        lead = printed[: len(printed) - len(printed.lstrip())]
        body, trailing = _split_trailing(printed.strip(), uri)
        index = end
        if not _looks_like_url(body):
            # a link's words end before the punctuation that follows them (a box drawn a
            # little wide takes in the comma)
            words = printed.strip().rstrip(",;:.")
            after = printed.strip()[len(words):] + printed[len(printed.rstrip()):]
            out.append(f"{lead}[{words}]({uri}){after}")
            continue
        target = _canonical(uri)
        long_body, long_trailing = _split_trailing(longer.strip(), uri)
        unbroken_long, _ = _split_trailing(_without_break_hyphens(longer, breaks).strip(), uri)
        unbroken, _ = _split_trailing(_without_break_hyphens(printed, breaks).strip(), uri)
        if target in (_canonical(long_body), _canonical(unbroken_long)) and extra > end:
            index, trailing = extra, long_trailing
        elif target not in (_canonical(body), _canonical(unbroken)):
            messages.append(f"URL printed as {body!r} links to {uri!r} (the PDF's link "
                            "annotation); the annotation's URL is the one cited and checked")
        out.append(f"{lead}{uri}{trailing}")
    return " ".join("".join(out).split()), messages


def _split_trailing(text: str, uri: str) -> tuple[str, str]:
    """("https://x.org/a", ".") from "https://x.org/a." - punctuation the URI does not end in."""
    trailing = ""
    while text and text[-1] in _TRAILING and not uri.endswith(text[-1] + trailing):
        trailing = text[-1] + trailing
        text = text[:-1]
    return text, trailing


def _looks_like_url(text: str) -> bool:
    return bool(_URL_LIKE.search(text)) or (" " not in text and "." in text and "/" in text)


def _without_break_hyphens(printed: str, breaks: list[int]) -> str:
    """The printed text without the hyphens that end a line inside it."""
    keep = list(printed)
    for position in sorted(breaks, reverse=True):
        if 0 < position <= len(keep) and keep[position - 1] == "-":
            del keep[position - 1]
    return "".join(keep)
