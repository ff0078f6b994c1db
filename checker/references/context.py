"""The work the body names at a note's marker, for notes that give only a place in it (older
books and reports): ``Mr. Warren, in his History of the Ojibwa Indians,[1]`` with the note
``Coll. Minn. Hist. Soc., 1885, vol. 5, p. 130.``, ``Hennepin, in "A Continuation of the New
Discovery," etc.,[4]`` with ``London, 1689, p. 59``, ``La Hontan[3] says`` with the book's
title and year, ``Schoolcraft affirms[7]`` with ``Op. cit., vol. 5, p. 423.``

`body_at_marker` cuts the body's words around a marker out of the document's lines (the
edge); `work_named_before` is pure: it reads the author (and the title when the body gives it)
from those words: a name with "in his *Title*" or "in "Title"", or a name with a verb of
saying; it says nothing when the body names no one at the marker.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, NamedTuple, overload

from checker.extract.common import from_superscript
from checker.lazypattern import compile_lazily
from checker.model import Footnote
from checker.references.authors import parse_authors


class NamedWork(NamedTuple):
    authors: list[str]
    title: str | None


_NAME = r"(?P<name>[A-Z][a-z][\w'’-]*(?:\s(?:[A-Z][a-z][\w'’-]*|de|van|von|la|le))?)"
_HONORIFIC = r"(?:(?:Mr|Mrs|Dr|Prof|Professor|Rev|Father)\.?\s+)"
# "Mr. Warren, in his History of the Ojibwa Indians," / 'Hennepin, in "A Continuation," etc.,'
_NAME_IN_TITLE = compile_lazily(
    rf"(?:^|(?<=[\s.;(]))(?:{_HONORIFIC})?{_NAME},?\s+in\s+(?:(?:his|her|their)\s+"
    r"(?:work\s+|book\s+)?[\"“]?|[\"“])(?P<title>[A-Z][^\"“”\[\],;]{3,120}?)[\"”]?,?[\"”]?"
    r"(?:\s*etc\.,?)?\s*$")
_SAYING_WORDS = ("says", "said", "affirms", "remarks", "remarked", "states", "stated", "writes",
                 "wrote", "observes", "observed", "adds", "notes", "relates", "asserts",
                 "declares", "mentions")
_SAYING = f"(?:{'|'.join(_SAYING_WORDS)})"
# "Schoolcraft affirms", "Mr. Warren remarks" before the marker
_NAME_SAYS = compile_lazily(
    rf"(?:^|(?<=[.;:,]\s)|{_HONORIFIC}){_NAME}\s+(?:\w+ly\s+)?{_SAYING}\s*$")
# "La Hontan[3] says", "Schoolcraft,[5] who ...": the name alone, the verb after the marker
_NAME_ALONE = compile_lazily(rf"(?:^|(?<=[.;:,]\s)|{_HONORIFIC}){_NAME},?\s*$")
# ... with its verb right after the marker or after a clause: "Roe,[5] in speaking of X, says"
_SAYS_AFTER = compile_lazily(rf"^(?:\s*|,?\s+in\s[^.;:\[\]]{{0,60}}?,\s*)(?:\w+ly\s+)?{_SAYING}\b")


# The writer referred to by a pronoun at the marker: "In his work[11] he states:", "In speaking
# of X,[8] he says:"; or named right after it: "another,[9] in which Mr. Roe, in a note, affirms"
_PRONOUN_SAYS_AFTER = compile_lazily(rf"^\s*,?\s*(?:he|she)\s+(?:\w+ly\s+)?{_SAYING}\b")
_HIS_WORK_BEFORE = compile_lazily(
    r"\b(?:[Ii]n|[Ff]rom)\s+(?:his|her)\s+(?:work|book|history|account|"
    r"report|paper|memoir)\s*,?\s*$")
_NAMED_AFTER = compile_lazily(rf"^\s*,?\s*in\s+which\s+{_HONORIFIC}?{_NAME}\b")
# the last person the body named before: "Mr. Warren", "Rev. Peter Jones", "Dr. Roe's"
_HONORED_NAME = compile_lazily(rf"{_HONORIFIC}(?:[A-Z]\.\s*)*{_NAME}")


def _writer_by_pronoun(lead: str, follow: str) -> str | None:
    """The person a pronoun at the marker points to: the last one the body named with a
    title (Mr., Dr., Rev.) in the words before it (its last 800 characters), or the one
    named right after it."""
    opening = follow.lstrip()
    if not opening.startswith(("in", "he", "she", ",")) or (
            opening[:1] == "," and not opening[1:].lstrip().startswith(("in", "he", "she"))):
        return None  # neither "in which Mr. Roe" nor "he says" follows: no need to read on
    lead = _last_chars(lead, 800)
    follow = " ".join(follow.split())
    after = _NAMED_AFTER.match(follow)
    if after:
        return after.group("name")
    if not (_PRONOUN_SAYS_AFTER.match(follow) or (
            _HIS_WORK_BEFORE.search(lead) and _PRONOUN_SAYS_AFTER.match(follow))):
        return None
    names = list(_HONORED_NAME.finditer(lead))
    if not names:
        return None
    name = names[-1].group("name")
    return name[:-2] if name.endswith(("’s", "'s")) else name  # "Mr. Warren’s work"


def _last_chars(text: str, size: int) -> str:
    """The last `size` characters of `text` with its white space made single spaces
    (``" ".join(text.split())[-size:]``), reading only as much of its end as that needs: the
    body before a marker is a whole paragraph, and a long one has dozens of markers."""
    window = 2 * size + 64
    while window < len(text):
        words = text[-window:].split()
        joined = " ".join(words[1:])  # the first word may be cut: what follows it is whole
        if len(joined) >= size:
            return joined[-size:]
        window *= 4
    return " ".join(text.split())[-size:]


def work_named_before(lead: str, follow: str = "") -> NamedWork | None:
    """The author (and title) the body names right at a marker, from the body's words
    before it (`lead`) and after it (`follow`); None when it names no one there. A pronoun
    at the marker ("In his work[11] he states:") is the person the body named last."""
    body = lead  # a pronoun's person is looked for further back, only when one follows
    lead = _last_chars(body, 200)  # single spaces: the patterns' spaces are looked for first
    found = _NAME_IN_TITLE.search(lead) if " in " in lead else None
    title: str | None = None
    if found:
        title = found.group("title").strip(" ,")
    else:
        found = _NAME_SAYS.search(lead) if lead.endswith(_SAYING_WORDS) else None
        if not found and _SAYS_AFTER.match(follow):
            found = _NAME_ALONE.search(lead)
    if not found:
        writer = _writer_by_pronoun(body, follow)
        return NamedWork([writer], None) if writer else None
    name = found.group("name")
    authors = parse_authors(name) if " " in name and name.split()[0] not in (
        "La", "Le", "De", "Van", "Von") else [name]
    return NamedWork(list(authors or [name]), title)


_CASE_PARTY = r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|de|ex|rel\.|&)){0,8}?"
# "... the first effort arrived in Roe Harbor Co. v. New York City," at the marker
_CASE_AT_END = compile_lazily(rf"(?:^|(?<=[\s(—–]))(?P<name>{_CASE_PARTY}\s+v\.\s+{_CASE_PARTY})"
                              r"[,)]?\s*$")
_SENTENCE_OPENERS = frozenset(("The", "In", "See", "Under", "After", "Before", "Since", "When",
                               "Indeed", "But", "And", "As", "Then", "Also", "Thus"))


_HEADING_WORD = compile_lazily(r"[A-Z][A-Z'’&-]+|[IVXLC]+\.|[A-Z]\.")  # "LITIGATION", "II.", "A."


def case_named_before(lead: str) -> NamedWork | None:
    """The case the body names right before a marker, for a note that cites it only by
    volume, reporter and page (``... in Roe Harbor Co. v. New York City,[38]`` with the note
    ``438 U.S. 104 (1978).``): its name as the title; None when no case name ends there."""
    lead = _last_chars(lead, 200)
    found = _CASE_AT_END.search(lead)
    if not found:
        return None
    words = found.group("name").split()
    while words and words[0] in _SENTENCE_OPENERS:
        words.pop(0)
    heading = 0  # "I. MARRIAGE EQUALITY LITIGATION United States v. Windsor": a heading before
    while heading < len(words) - 1 and _HEADING_WORD.fullmatch(words[heading]):
        heading += 1
    if heading and words[heading][:1].isupper() and not words[heading].isupper() \
            and words[heading] != "v.":
        words = words[heading:]
    return NamedWork([], " ".join(words)) if " v. " in " ".join(words) else None


_YEAR = compile_lazily(r"\b(?:1[6-9]|20)\d\d\b")


def case_year_before(lead: str) -> str | None:
    """The year the body gives a case in the sentence that ends at the marker, for a note
    that cites the case without one (``... decided by the Supreme Court of Missouri in
    1944.[2]`` with ``Roe v. Roe, 180 S.W.2d 592``): the one year that sentence names."""
    lead = _last_chars(lead, 300).rstrip(" .")
    cut = max(lead.rfind(". "), lead.rfind("? "), lead.rfind("! "))
    years = _YEAR.findall(lead[cut + 1:])
    return years[0] if len(years) == 1 else None


# How much of the body around a marker is cut out for the readers: before it, as much as
# `_last_chars` reads to find the last 800 characters of words (`_writer_by_pronoun`) in
# anything but a run of white space; after it, far more than the patterns reach (about 35
# words). A line is cut, not copied whole: a converted paper that lost its line breaks holds
# thousands of markers on one line.
LEAD_CHARS = 4 * (2 * 800 + 64) + 1
FOLLOW_CHARS = 4096
# The markers the readers here place a note by, most explicit first; group 1 is the number
PRINTED_MARKERS = (
    compile_lazily(r"\[([1-9][0-9]*|0)\]"),
    compile_lazily(r"<sup>([1-9][0-9]*|0)</sup>"),
    compile_lazily(r"<footnotemark>([1-9][0-9]*|0)</footnotemark>"),
)


class TextLines(Sequence[str]):
    """The lines of a text as ``text.split("\\n")`` gives them, each cut out of the text when
    asked: a large document's body is not held a second time, as lines, while its notes are
    read (a 100,000-note paper's 17 MB body took 27 MB more)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = array("q", [0])  # where each line starts
        self._starts.extend(accumulate(len(line) + 1 for line in text.split("\n")))
        # (the last start is one past the text's end: where a next line would start)

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        text, starts = self._text, self._starts
        count = len(starts) - 1
        if isinstance(index, slice):
            return [text[starts[line]:starts[line + 1] - 1]
                    for line in range(*index.indices(count))]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        return text[starts[index]:starts[index + 1] - 1]


class MarkedLines:
    """A document's lines (numbered from 1, as the readers number them) and where each note's
    marker first appears on a line, in each of `shapes` (patterns whose group 1 is the note's
    number, superscript digits read as digits; most explicit first): found once for the line,
    as a long paragraph holds hundreds of markers, thousands in a converted document that lost
    its line breaks."""

    def __init__(self, lines: Sequence[str], shapes: Sequence[Any] = PRINTED_MARKERS) -> None:
        self.lines = lines
        self.shapes = shapes
        self._markers: dict[int, list[dict[int, tuple[int, int]]]] = {}
        self._above: tuple[int, str] = (0, "")  # (a line, `above(line)`): the last asked
        self._around: tuple[int, str, str] = (0, "", "")  # (a line, `around(line)`): the same

    @classmethod
    def of(cls, text: str, shapes: Sequence[Any] = PRINTED_MARKERS) -> MarkedLines:
        """The lines of a document's `text`, numbered as the readers number them (split at
        line feeds only: a form feed is no line), each cut out as asked (`TextLines`)."""
        return cls(TextLines(text), shapes)

    def first(self, line: int, number: int) -> tuple[int, int] | None:
        """Where the first marker of note `number` on `line` starts and ends, in the first
        shape the line has it in; None where it has none."""
        shapes = self._markers.get(line)
        if shapes is None:
            shapes = self._markers[line] = []
            for pattern in self.shapes:
                found: dict[int, tuple[int, int]] = {}
                for match in pattern.finditer(self.lines[line - 1]):
                    digits = match.group(1)
                    note = int(digits if digits.isascii() else from_superscript(digits))
                    found.setdefault(note, match.span())
                shapes.append(found)
        for found in shapes:
            if number in found:
                return found[number]
        return None

    def around(self, line: int) -> tuple[str, str]:
        """Line `line` and the line after it ("" after the last), cut out once for the notes
        marked on it."""
        if self._around[0] != line:
            after = self.lines[line] if line < len(self.lines) else ""
            self._around = (line, self.lines[line - 1], after)
        return self._around[1], self._around[2]

    def above(self, line: int) -> str:
        """The six lines above `line` (fewer at the top), each followed by a space: joined
        once for the notes marked on one line (a paragraph holds dozens of markers)."""
        if self._above[0] != line:
            above = self.lines[max(0, line - 7):line - 1]
            self._above = (line, " ".join(above) + " " if above else "")
        return self._above[1]


def body_at_marker(lines: MarkedLines, footnote: Footnote) -> tuple[str, str] | None:
    """The body's words before the note's first marker (its line and up to six before; the
    last `LEAD_CHARS` of its line when that is longer) and after it (its line and the next;
    their first `FOLLOW_CHARS`), when the marker is printed as ``[n]``, ``<sup>n</sup>`` or
    ``<footnotemark>n</footnotemark>`` (court XML); None when it cannot be placed."""
    if not footnote.marker_lines or footnote.label:
        return None
    line = footnote.marker_lines[0]
    if not 0 < line <= len(lines.lines):
        return None
    marker = lines.first(line, footnote.number)
    if marker is None:
        return None
    (text, after), (at, end) = lines.around(line), marker
    # (near the line's start, a few lines before too: who "he" is)
    lead = text[at - LEAD_CHARS: at] if at > LEAD_CHARS else lines.above(line) + text[:at]
    if len(text) - end > FOLLOW_CHARS:
        return lead, text[end: end + FOLLOW_CHARS]
    return lead, f"{text[end:]} {after[:FOLLOW_CHARS]}"
