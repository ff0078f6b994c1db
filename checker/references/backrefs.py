"""What a note means only beside the other notes: Ibid., Op. cit., short forms, "supra note
N", and URL repairs attested elsewhere in the document.

- ``Ibid.`` / ``Ibidem`` / ``Id.`` / ``Там же`` / ``Ebenda`` / ``Tamże``: the previous note's
  (last) work.
- ``Smith, op. cit., 45`` / ``Smith, loc. cit.`` / ``art. cit.`` / ``dz. cyt.``: the latest
  earlier work by Smith; ``Smith, Short Title, op. cit.``: Smith's work of that title.
- ``Smith, *Short Title*, 45`` / ``Smith, "Short title," 12`` / ``"Short title," 12``: the
  latest earlier work whose author and title match the short form.
- ``Smith, supra note 3`` / ``see note 3 above``: the work of note 3.
- ``Cooley (2012)``, ``Cooley (2012, 45)``: the latest earlier work by Cooley from 2012.
- ``Roe to Poe, June 1, 1863.``: the same title and date cited earlier with its collection (a
  letter cited again without it).

A resolved reference is a copy of the work pointed to with ``ibid=True``, so that the
bibliography keeps one entry and the audit does not count it twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from checker.extract.common import is_ditto
from checker.lazypattern import compile_lazily
from checker.model import Footnote, Reference, ReferenceType, copy_reference
from checker.references.context import NamedWork
from checker.references.legal import (
    CASE_SHORT_FORM,
    UNNAMED_CASE,
    UNNAMED_DOCKET,
    is_act_section,
)
from checker.references.urls import domain_of

_IBID = compile_lazily(
    r"^\s*(?:(?:vgl|vergl|see|cf)\.?\s+)?(?:ibid|ibidem|ib|id|там\s+же|ebd|ebenda|"
    r"ibíd|idem|tamże|tamze|tamtéž)\b\.?", re.IGNORECASE)
_OP_CIT = compile_lazily(
    r"^\s*(?:see\s+)?(?P<who>[^,\"“«*]{2,80}?),?\s+"
    # "J. Roe, Les ports, op. cit.": a short title may stand between the name and the mark
    r"(?:[«\"“]?\s*(?P<short>[^,\"“«»”]{2,80}?)\s*[»\"”]?,\s+)?(?:\*|_)?(?:op\.?\s*cit|loc\.?\s*cit|"
    r"art\.\s*cit|dz\.\s*cyt|указ\.\s*соч|a\.a\.o)\b", re.IGNORECASE)
_SUPRA = compile_lazily(r"\b(?:supra|above)\s+(?:at\s+)?(?:note|n\.?)\s*(?P<n>\d{1,4})|"
                        r"\bsee\s+(?:note|n\.)\s*(?P<m>\d{1,4})(?:\s+above|\s+supra)?\b",
                        re.IGNORECASE)
_WORD = compile_lazily(r"\w+")
_STOP = frozenset(["the", "a", "an", "of", "and", "in", "on", "for", "to"])


def _family(reference: Reference) -> str | None:
    if reference.authors:
        return reference.authors[0].split(",")[0].strip().lower()
    return None


def _words(text: str | None) -> list[str]:
    return [w for w in _WORD.findall((text or "").lower()) if w not in _STOP]


def _copy(work: Reference, raw: str) -> Reference:
    copy = copy_reference(work)
    copy.repairs = ()
    copy.raw = raw
    copy.ibid = True
    return copy


def _is_short_form(reference: Reference) -> bool:
    """A title (and maybe a family name) without date, URL or DOI; an outlet only with a
    family name (``Roe, 'Harbour Lights', *Coastal History*``: checked against the work's)."""
    return bool(reference.title) and not (
        reference.date or reference.url or reference.doi or reference.domain
        or (reference.container and reference.container != reference.title
            and not reference.authors and reference.type != ReferenceType.CHAPTER)
    ) and all("," not in author for author in reference.authors)


def _same_outlet(short: Reference, work: Reference) -> bool:
    """Does a short form's outlet name the work's (most of its words, in the work's)?"""
    if not short.container or short.container == short.title:
        return True
    words = _words(short.container)
    known = set(_words(work.container))
    return bool(words) and 3 * sum(word in known for word in words) >= 2 * len(words)


def _quick_backref(text: str) -> bool:
    """A cheap first look: could this note be Ibid./Op. cit./supra at all?"""
    if text[0] in "IiТтEeVvSsCcTt" and text[:4].lower().startswith((
            "ib", "id", "там", "eb", "vgl", "verg", "see ", "cf", "tam")):
        return True
    lower = text.lower()  # as the marks are matched ("Op. Cit.", "SUPRA", "A.a.O.")
    return ("cit" in lower or "supra" in lower or "cyt" in lower
            or " id." in text or "Id." in text
            or "note" in lower or "указ" in lower or "a.a.o" in lower or "a. a. o" in lower)


class _Index:
    """The works cited so far, looked up by family name (op. cit.) and by family name and the
    first words of the title (short forms).

    Cheap to keep: a work is only filed under its authors' family names; the words of a
    title are read when a short form asks, for the latest works of that family only, and
    remembered. Resolving stays linear in the number of notes.
    """

    def __init__(self) -> None:
        self.works: list[Reference] = []
        self.indexed = 0
        self.by_family: dict[str, Reference] = {}
        self.positions: dict[str, list[int]] = {}
        self.heads: dict[int, list[str]] = {}
        self.by_title_date: dict[tuple[str, str], Reference] = {}
        self.case_names: dict[str, Reference] = {}  # "Windsor" -> United States v. Windsor

    def add(self, work: Reference) -> None:
        self.works.append(work)
        if work.title and work.date:
            self.by_title_date[(work.title.lower(), work.date)] = work
            if work.container and " v. " in work.title and work.type == ReferenceType.GOVERNMENT:
                name = case_short_name(work.title)
                if name:
                    self.case_names[name] = work

    def fuller_repeat(self, reference: Reference) -> Reference | None:
        """The earlier citation of the same title and date that names its collection (or
        outlet): ``Roe to Poe, June 1, 1863.`` after ``Roe to Poe, June 1, 1863, Roe
        Papers, Harbour Archive``."""
        if not (reference.title and reference.date):
            return None
        work = self.by_title_date.get((reference.title.lower(), reference.date))
        if work is None or work is reference or not work.container:
            return None
        return work

    def _catch_up(self) -> None:
        by_family = self.by_family
        positions = self.positions
        for position in range(self.indexed, len(self.works)):
            work = self.works[position]
            for number, author in enumerate(work.authors):
                family = author.partition(",")[0].lower().rpartition(" ")[2]
                by_family[family] = work
                if number == 0:
                    positions.setdefault(family, []).append(position)
        self.indexed = len(self.works)

    def _head(self, position: int) -> list[str]:
        head = self.heads.get(position)
        if head is None:
            head = self.heads[position] = _words(self.works[position].title)
        return head

    def book_date(self, family: str | None, title: list[str]) -> str | None:
        """The date of the book an undated reference names (``Roe, *Harbour Songs*, 12``
        after ``Jane Roe, "Afterword," in *Harbour Songs* (Kiel: Nord, 1999)``): the latest
        earlier book or chapter by the same family (or, without a name, any, when three
        words or more say which) whose book starts with the same words (two at least).
        Works in one book share its date."""
        if len(title) < (2 if family else 3):
            return None
        self._catch_up()
        if family:
            positions = self.positions.get(family.split()[-1], [])[-_SHORT_FORM_REACH:]
        else:
            positions = list(range(max(0, len(self.works) - _UNNAMED_REACH), len(self.works)))
        size = len(title)
        for position in reversed(positions):
            work = self.works[position]
            if work.date and work.type in _BOOK_TYPES and any(
                    book[:size] == title for book in _book_words(work)):
                return work.date
        return None

    def latest_by(self, family: str) -> Reference | None:
        self._catch_up()
        return self.by_family.get(family)

    def by_year(self, family: str, year: str) -> Reference | None:
        """The latest work by `family` (first author) published in `year`."""
        self._catch_up()
        for position in reversed(self.positions.get(family, [])[-_SHORT_FORM_REACH:]):
            work = self.works[position]
            if (work.date or "").startswith(year):
                return work
        return None

    def part_of_book(self, short: Reference) -> Reference | None:
        """The latest part of a book (an interview, a letter) whose name holds the short
        form's words in order, in the same book: ``Manning interview, *Harbour Narratives*``
        for ``Allen Manning interview in *Harbour Narratives: ...*``."""
        words = _words(short.title)
        if len(words) < 2 or not short.container:
            return None
        for position in range(len(self.works) - 1, max(-1, len(self.works) - _UNNAMED_REACH),
                              -1):
            work = self.works[position]
            if work.container and _in_order(words, self._head(position)) and \
                    _same_outlet(short, work):
                return work
        return None

    def short_form(self, family: str, short: list[str]) -> Reference | None:
        """The latest work (by `family`, if given) whose title starts with `short`; by a
        named author, also one whose title holds the short title's words in order, from its
        first (``Roe, *Visitations of Kent*`` for ``*The Visitations of the County of
        Kent*``)."""
        self._catch_up()
        if family:
            candidates = self.positions.get(family, [])[-_SHORT_FORM_REACH:]
        else:
            candidates = list(range(max(0, len(self.works) - _UNNAMED_REACH), len(self.works)))
        size, first = len(short), short[0]
        works = self.works
        for position in reversed(candidates):
            # a title without the first word anywhere in it is not read into words
            if first in (works[position].title or "").lower() \
                    and self._head(position)[:size] == short:
                return works[position]
        if family and size >= 2:
            for position in reversed(candidates):
                head = self._head(position)
                if head[:1] == short[:1] and _in_order(short, head):
                    return self.works[position]
        return None


def _in_order(short: list[str], words: list[str]) -> bool:
    """Are the words of `short` all in `words`, in the same order?"""
    remaining = iter(words)
    return all(word in remaining for word in short)


_BOOK_TYPES = frozenset((ReferenceType.BOOK, ReferenceType.CHAPTER))


def _book_words(work: Reference) -> list[list[str]]:
    """The names of the book a work is or is in: its title (a book), its container (a
    chapter's book)."""
    if work.type == ReferenceType.CHAPTER:
        return [_words(work.container), _words(work.title)]
    return [_words(work.title)] if work.type == ReferenceType.BOOK else []


_UNNAMED_REACH = 400  # works looked at for a short title without a name, latest first
_SHORT_FORM_REACH = 48  # candidates looked at per short form, latest first


def resolve_backreferences(footnotes: list[Footnote],
                           named: dict[int, NamedWork] | None = None,
                           listed: Sequence[Reference] = ()) -> None:
    """Replace Ibid./Op. cit./short-form notes by the work they point to (``ibid=True``).
    `named` gives, by note position, the work the body names at a note's marker
    (`context.py`): its author and title fill a note that gives only a place, and an
    ``Op. cit.`` with no name points to that author's latest work. `listed` are the works of
    the document's own bibliography: an author-date note ("Smith 2010, p. 5") or a short form
    points to one of them when no note cited it in full before."""
    BackReferenceResolver(listed).feed(footnotes, named)


# A source named by its author alone, the MLA way (the list of works cited says which): at a
# note's start or after a signal, a name followed by a page, or ending a sentence ("See
# Bouwsma, 112ff.", "See Bentley (264–292) on ...", "see Andrew Gurr.", "Ribner, 251–266");
# or, opening the note, the subject of its sentence named in full ("Peter Burke provides ...",
# "Peter Blayney's examination ...").
_NAMED_SOURCE = compile_lazily(
    r"(?:(?:^|(?<=[\s(]))(?:[Ss]ee(?:\s+also)?|[Cc]f\.|[Aa]ccording\s+to)\s+|^)"
    r"(?P<given>(?:[A-Z][a-z]+\s+|[A-Z]\.\s*){0,2})(?P<family>[A-Z][\w'’-]+)"
    r"(?=\s*\(\d|,\s*\d|[.;]?\s*$|[.;]\s|,\s+[a-z]|(?P<sentence>\s+[a-z]|['’]s\s))")


# MLA's parenthetical citation, after a quotation or a claim: "(Blayney 383–422)", "(Bullough
# 6:24)", "(Cicero 2.36)", "(Koselleck, *Vergangene Zukunft* 40)": the author, maybe a short
# title, and the page or book and section
_MLA_PARENTHESIS = compile_lazily(
    r"\((?P<family>[A-Z][\w'’-]+)(?:,\s*\*(?P<short>[^*()]{2,120})\*)?\s+"
    r"(?:\d+(?:\s?[–-]\s?\d+)?|\d+[.:]\d+)(?:\s?[–-]\s?\d+)?\)")


def _named_sources(text: str, listed: dict[str, list[Reference]]) -> list[Reference]:
    """The listed works a note with no citation of its own names by their author alone
    (`_NAMED_SOURCE`), when the document's own list of works has one work by that name (two,
    and the name does not say which) and the given name, if the note gives one, is that
    author's ("William Stirling" is not "Stirling, Brents"); and those its MLA parenthetical
    citations point to (`_MLA_PARENTHESIS`: the one work by that author, or the one of
    theirs whose title the short title opens)."""
    found = []
    if "(" in text:
        for match in _MLA_PARENTHESIS.finditer(text):
            works = listed.get(match.group("family").lower(), [])
            if match.group("short"):
                short = _words(match.group("short"))
                works = [work for work in works if _words(work.title)[:len(short)] == short]
            if len(works) == 1:
                found.append(_copy(works[0], match.group(0)))
    for match in _NAMED_SOURCE.finditer(text):
        works = listed.get(match.group("family").lower())
        if works is None or len(works) != 1:
            continue
        given = match.group("given").strip()
        listed_given = works[0].authors[0].partition(",")[2].strip()
        if given and given[:1] != listed_given[:1]:
            continue
        if match.group("sentence") is not None and (
                match.start() or not given or given.split()[0] != listed_given.split()[0]):
            continue  # "Peter Burke provides ...": the subject of the note's first sentence,
            # named in full as the list names that author
        found.append(_copy(works[0], match.group(0).strip()))
    return _once_each(found)  # a work named in full and in a parenthesis: once


def _quoted_passage(reference: Reference) -> bool:
    """A reading of nothing but a quotation's words as a title: in a note that also cites
    its source by the author, MLA's way (“...” (Roe 12)), the passage the note quotes."""
    return bool(reference.title) and not (
        reference.authors or reference.date or reference.url or reference.domain
        or reference.doi) and f"“{reference.title}" in reference.raw and (
        not reference.container or f"({reference.container}" in reference.raw)  # "(Roe 12"


# Parties a case is not called by: the government that brings it
_GOVERNMENT_PARTY = compile_lazily(
    r"^(?:United States|State|People|Commonwealth|City|County|Town|Village|District|"
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    r"Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming)\b")
_PARTY_NAME = compile_lazily(r"[A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*)?")


def case_short_name(title: str) -> str | None:
    """The name a case is called by in passing (Bluebook's short form): its first party, or
    the second when the first is the government (``Lawrence v. Texas`` -> ``Lawrence``,
    ``United States v. Windsor`` -> ``Windsor``); only a name of one or two words."""
    first, _, second = title.partition(" v. ")
    if first.split()[-1:] == second.split()[-1:]:
        return None  # "Roe v. Roe": a family's case, its name is the persons'
    party = second if _GOVERNMENT_PARTY.match(first) else first
    party = party.strip().rstrip(",")
    if _GOVERNMENT_PARTY.match(party):
        return None  # "Oklahoma v. Texas": "Texas" in a note is the state, not the case
    return party if _PARTY_NAME.fullmatch(party) else None


def _passing_mentions(text: str, references: list[Reference], index: _Index) -> list[Reference]:
    """Cases the note names in passing by the short name of a case cited in full in an
    earlier note (``Lawrence, Romer, and Windsor make clear ...``, ``discussing Baker``):
    short forms of those cases. "The Baker court" names a court, "Jane Baker" a person."""
    if not index.case_names:
        return []
    cited = {ref.title for ref in references}
    found: list[Reference] = []
    quoted = _quoted_spans(text)
    for match in _CAPITALISED.finditer(text):
        if any(a <= match.start() < b for a, b in quoted):
            continue  # words the note quotes: "... opinion in Lucas hints ..."
        work = index.case_names.get(match.group(0)) or index.case_names.get(
            f"{match.group(0)} {match.group(1) or ''}".strip())
        if work is None or work.title in cited:
            continue
        before = text[max(0, match.start() - 20):match.start()]
        after = text[match.end():match.end() + 12]
        if _MENTION_AFTER_NOT.match(after) or _MENTION_BEFORE_NOT.search(before):
            continue
        cited.add(work.title)
        found.append(_copy(work, match.group(0)))
    return found


# A capital not after a word character, a period, an apostrophe or a hyphen: the look-behind is
# checked after the capital (a pattern opening with a character class is searched for fast; one
# opening with a look-behind is tried at every character)
_CAPITALISED = compile_lazily(r"[A-Z](?<![\w.’'-].)[a-z][\w'’-]*(?:\s([A-Z][a-z][\w'’-]*))?")
# "Baker v. Nelson" (the full name), "the Baker court", "Baker, 409 U.S. at 810" (a short
# citation, read already)
_MENTION_AFTER_NOT = compile_lazily(r"(?:\s+v\.|\s+[Cc]ourt\b|,\s+\d|\s+[A-Z])")
# "Jane Baker", "Mr. Baker" (a person), "Nelson v. Baker"
_MENTION_BEFORE_NOT = compile_lazily(r"(?:\bv\.\s+|[A-Z][a-z]+\.?\s+|[A-Z]\.\s+)$")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the note quotes (“...”), as (start, end) spans."""
    if "“" not in text:
        return []
    return [match.span() for match in _QUOTED.finditer(text)]


_QUOTED = compile_lazily(r"“[^“”]*”")


class BackReferenceResolver:
    """`resolve_backreferences` fed a run of notes at a time, in order (`listed`: the works of
    the document's own bibliography, as there)."""

    def __init__(self, listed: Sequence[Reference] = ()) -> None:
        self.index = _Index()
        self.listed: dict[str, list[Reference]] = {}  # the document's list, by family name
        self.by_number: dict[int, list[Reference]] = {}
        self.previous: list[Reference] = []
        self.previous_top: Reference | None = None  # what "Id." in the next note points to
        for work in listed:
            self.index.add(work)
            if work.authors:
                self.listed.setdefault(_family(work), []).append(work)

    def feed(self, footnotes: list[Footnote],
             named: dict[int, NamedWork] | None = None) -> None:
        index, by_number, previous = self.index, self.by_number, self.previous
        previous_top = self.previous_top
        for position, footnote in enumerate(footnotes):
            text = footnote.text.strip()
            if footnote.references and footnote.cited and any(
                    c.works and not c.edited for c in footnote.cited):
                # A reference manager's record says which works the note cites ("Ibid., 7."
                # included): taken as they are (managed.py)
                previous = footnote.references
                previous_top = footnote.references[-1]
                by_number[footnote.number] = footnote.references
                for ref in footnote.references:
                    index.add(ref)
                continue
            resolved: Reference | None = None
            work_named = named.get(position) if named else None
            if work_named is not None and footnote.references:
                first = footnote.references[0]
                if is_unnamed_case(first):  # its earlier full citation, else the body's name
                    case = _resolve_unnamed_case(first, index)
                    if case is first:
                        first.title = work_named.title
                    footnote.references = [case, *footnote.references[1:]]
                else:
                    _fill_from_body(first, work_named)
            if text and _quick_backref(text):
                pointers = _pointers(text)
                if pointers:
                    footnote.references, previous_top = _place_pointers(
                        text, footnote.references, pointers, previous_top, by_number, index)
                    if footnote.references:
                        mentions = _passing_mentions(text, footnote.references, index)
                        if mentions:
                            footnote.references = [*footnote.references, *mentions]
                        previous = footnote.references
                        by_number[footnote.number] = footnote.references
                        for ref in footnote.references:
                            if not ref.ibid:
                                index.add(ref)
                        continue
                if resolved is None:
                    op_cit = _OP_CIT.match(text)
                    if op_cit:
                        who = op_cit.group("who").strip().lower().split()
                        work = None
                        if who and op_cit.group("short"):
                            work = index.short_form(who[-1], _words(op_cit.group("short")))
                        if who and work is None:
                            work = index.latest_by(who[-1])
                        if work is not None:
                            resolved = _copy(work, text)
                    elif work_named is not None and _BARE_OP_CIT.match(text):
                        # "Op. cit., p. 25." after "Mr. Warren remarks": Warren's work
                        family = work_named.authors[0].partition(",")[0].lower()
                        work = index.latest_by(family.rpartition(" ")[2])
                        if work is not None:
                            resolved = _copy(work, text)
                if resolved is not None:
                    footnote.references = [resolved]
            if resolved is None and footnote.references:
                footnote.references = _once_each(_resolve_each(footnote.references, index))
            if text and self.listed and not footnote.references:
                footnote.references = _named_sources(text, self.listed)
            elif text and self.listed and all(map(_quoted_passage, footnote.references)) \
                    and (sources := _named_sources(text, self.listed)):
                footnote.references = sources  # “A passage quoted” (Roe 12): Roe's work
            if text and index.case_names:
                mentions = _passing_mentions(text, footnote.references, index)
                if mentions:  # (the note's references may be the shared empty tuple)
                    footnote.references = [*footnote.references, *mentions]
            if footnote.references:
                for number, ref in enumerate(footnote.references):
                    if not ref.authors and is_ditto(ref.raw):
                        # "———, *Title*": the same author as the work cited just before
                        earlier = footnote.references[number - 1] if number else (
                            previous[-1] if previous else None)
                        if earlier is not None:
                            ref.authors = list(earlier.authors)
                    if not (ref.ibid or ref.date or ref.url or ref.doi) and ref.title:
                        ref.date = index.book_date(_family(ref), _words(ref.title))
                previous = footnote.references
                previous_top = _last_top_level(footnote.references, text)
                by_number[footnote.number] = footnote.references
                for ref in footnote.references:
                    if not ref.ibid:
                        index.add(ref)
        self.previous = previous
        self.previous_top = previous_top


def _resolve_each(references: list[Reference], index: _Index) -> list[Reference]:
    """Each short form of a note (a case by volume and reporter, a short title, an
    author-date cite, a repeat) -> the work it points to."""
    if all(map(_cited_in_full, references)):
        return references  # (most notes) no short form: the note keeps its own list
    resolved, changed = [], False
    for ref in references:
        if not _cited_in_full(ref):
            found = _resolve_short_form(ref, index)
            changed |= found is not ref
            if found is None:
                continue
            ref = found
        resolved.append(ref)
    return resolved if changed else references  # unchanged: the note keeps its own list


def _cited_in_full(reference: Reference) -> bool:
    """A work other than a government's, with its title or date and a link (or an outlet and
    a date): no short form below can be it (most notes; looked at first, it is cheap)."""
    return reference.type != ReferenceType.GOVERNMENT \
        and bool(reference.title or reference.date) \
        and bool(reference.url or reference.doi or reference.domain
                 or (reference.container and reference.date))


def _resolve_short_form(reference: Reference, index: _Index) -> Reference | None:
    """The work a short form points to (itself when it is none); None for a section of an
    act that no act cited before answers."""
    if is_act_section(reference):
        act = _resolve_act(reference, index)
        if act is None:
            return None
        reference = act
    return (
        _resolve_acronym(reference, index) if _is_acronym_short_form(reference)
        else _resolve_case(reference, index) if _is_case_short_form(reference)
        else _resolve_unnamed_case(reference, index) if is_unnamed_case(reference)
        else _resolve_short(reference, index) if _is_short_form(reference)
        else _resolve_author_year(reference, index) if _is_author_year(reference)
        else _resolve_repeat(reference, index)
    )


def _once_each(references: list[Reference]) -> list[Reference]:
    """A work cited twice in one note (in full, then again by a short form it resolved to)
    is one reference of that note."""
    if len(references) < 2:
        return references
    seen: set[tuple[str, str | None, str | None, str | None]] = set()
    kept = []
    for ref in references:
        if ref.title:
            key = (ref.title, ref.container, ref.date, ref.url)
            if key in seen or _short_of_another(ref, references):
                continue
            seen.add(key)
        kept.append(ref)
    return kept if len(kept) < len(references) else references


def _short_of_another(reference: Reference, references: list[Reference]) -> bool:
    """``Barnette, 319 U.S. at 638`` in the note that cites ``W. Va. Bd. v. Barnette, 319 U.S.
    624 (1943)`` in full: the same case, once."""
    if " v. " in (reference.title or "") or not reference.container or reference.date:
        return False
    found = CASE_SHORT_FORM.fullmatch(reference.raw.strip(" .,;"))
    if found is None or not found.group("name"):
        return False
    cite = f"{found.group('volume')} {found.group('reporter').strip()} "
    party = found.group("name").split()[-1]
    return any(other is not reference and cite in other.raw and party in (other.title or "")
               for other in references)


# A note runs several citations together (Bluebook): they part at a semicolon, or at a
# sentence that opens with a signal or "Id.", outside brackets. The sentence's end is matched
# and left out (the break is the space after it): a pattern opening with a character, not a
# look-behind, is searched for fast.
_CITATION_BREAK = compile_lazily(
    r";\s+|[.”\"](?P<space>\s+)(?=(?:See|Cf\.|Compare|But|Accord|Contra|Id\.|E\.g\.)(?:[\s,.]|$))")
_ID_HEAD = compile_lazily(
    r"^(?:(?:see|cf\.|compare|accord|contra|but|also|generally|e\.g\.,?|,)\s*)*(?:id|ibid)\.",
    re.IGNORECASE)
_SIGNAL_LEAD = compile_lazily(
    r"^(?:(?:see|cf\.|compare|accord|contra|but|also|generally|e\.g\.,?|,)\s*)+", re.IGNORECASE)


class _Pointer(NamedTuple):
    """An "Id." or a "Name, supra note N" at the top level of a note, where it starts."""

    start: int
    head_end: int  # where "Id." or "Roe, supra note 3" ends
    text: str  # the citation it opens, to the next one
    number: int | None  # supra: the note pointed to; None for Id.
    name: str  # supra: the words before it ("Roe", "Roe, Short Title"); "" for Id.
    depth: int = 0  # 1 inside a parenthetical: "(citing Roe, supra note 3)"


_BRACKET = compile_lazily(r"[][()]")


def _depths(text: str) -> list[int]:
    """The bracket depth at each character of `text` (round and square brackets; an opening
    bracket is inside, a closing one too): the text between brackets is filled in runs."""
    depth, depths, position = 0, [], 0
    for found in _BRACKET.finditer(text):
        at = found.start()
        if text[at] in "([":
            depth += 1
            depths += [depth - 1] * (at - position)
            depths.append(depth)
        else:
            depths += [depth] * (at - position + 1)
            depth = max(depth - 1, 0)
        position = at + 1
    depths += [depth] * (len(text) - position)
    return depths


def _segments(text: str) -> list[tuple[int, int]]:
    """Where each citation of a note starts and ends (`_CITATION_BREAK`, at depth 0)."""
    depths = _depths(text) if "(" in text or "[" in text else None
    spans, start = [], 0
    for found in _CITATION_BREAK.finditer(text):
        at = found.start() if found.group("space") is None else found.start("space")
        if depths is None or depths[at] == 0:
            spans.append((start, at))
            start = found.end()
    spans.append((start, len(text)))
    return spans


def _pointers(text: str) -> list[_Pointer]:
    """Every citation of a note that is an "Id." (anywhere, not only at the start: ``...;
    see also id. at 15``) or a "supra note N", in order. Ones inside a parenthetical
    (``(quoting id. at 5)``) are the work around them, not pointers."""
    flat = " ".join(text.split())
    found = []
    for number, (start, end) in enumerate(_segments(flat)):
        segment = flat[start:end]
        ibid = (_IBID.match(segment) if number == 0 else None) or _ID_HEAD.match(segment)
        if ibid:
            found.append(_Pointer(start, start + ibid.end(), segment, None, ""))
            continue
        head = segment.split("(", 1)[0]
        supra = _SUPRA.search(head)
        if supra:
            name = _SIGNAL_LEAD.sub("", head[:supra.start()]).strip(" ,")
            pointed = int(supra.group("n") or supra.group("m"))
            if (not name and supra.group("n")) or _SOURCES_CITED.match(name):
                # Bluebook's "See supra note 5", "See sources cited supra note 80": a
                # cross-reference to another note, no work of its own (Chicago's "see note
                # 5 above" stands for the work cited there)
                pointed = -1
            found.append(_Pointer(start, start + supra.end(), segment, pointed, name))
        if "(" in segment[len(head):] and "upra" in segment[len(head):]:
            for inner in _INNER_SUPRA.finditer(segment, len(head)):
                at = start + inner.start("name")
                found.append(_Pointer(at, start + inner.end(), inner.group(0), int(
                    inner.group("n")), inner.group("name").strip(), depth=1))
    return found


_SOURCES_CITED = compile_lazily(r"(?:the\s+)?(?:sources|authorities|cases|articles|works|materials)"
                                r"(?:\s+cited)?$", re.IGNORECASE)
# "(citing, inter alia, Roe, Short Title, supra note 9, at 5)", "(quoting Roe, supra note 3)"
_INNER_SUPRA = compile_lazily(
    r"(?:\(|;\s+)(?:(?:citing|quoting|cited\s+in|quoted\s+in|see|see\s+also|cf\.),?\s+"
    r"(?:inter\s+alia,\s+)?)?(?P<name>[A-Z][^;()]{0,80}?),\s+supra\s+note\s+(?P<n>\d{1,4})")


def _supra_work(works: list[Reference], name: str) -> Reference:
    """Which of a note's works a "Name, supra note N" means: the one by that author (and,
    with a short title, with those words in its title), a case with that party, else the
    first."""
    family, _, short = name.partition(",")
    family_words = {word.lower() for word in _WORD.findall(family)}
    short_words = _words(short)
    best, best_score = works[0], 0
    for work in works:
        families = {_WORD.findall(author.partition(",")[0].lower())[-1]
                    for author in work.authors if _WORD.search(author)}
        score = 0
        if families & family_words:
            score = 2
        elif family and work.title and (
                family in work.title or family in (work.container or "")):
            score = 1
        if score and short_words and _in_order(short_words, _words(work.title)):
            score += 2
        if score > best_score:
            best, best_score = work, score
    return best


def _place_pointers(text: str, references: list[Reference], pointers: list[_Pointer],
                    previous_top: Reference | None, by_number: dict[int, list[Reference]],
                    index: _Index) -> tuple[list[Reference], Reference | None]:
    """A note's own citations and the works its pointers mean, in the note's order, and the
    last one at the top level (what an "Id." in the next note means). "Id." is the work
    cited just before it at the top level, in this note or the one before (not one quoted
    in a parenthetical: after ``Roe, 1 U.S. 1 (quoting Poe, 2 U.S. 2)``, "Id." is Roe); a
    work cited twice in one note is one reference."""
    flat = " ".join(text.split())
    depths = _depths(flat)
    items: list[tuple[int, int, Reference]] = []  # (position, depth, work)
    position = 0
    for ref in _resolve_each([ref for ref in references if not ref.ibid], index):
        at = flat.find(ref.raw[:40], position) if ref.raw else -1
        if at < 0:
            at = flat.find(ref.raw[:40]) if ref.raw else -1
        position = at if at >= 0 else position
        depth = depths[position] if position < len(depths) else 0
        if depth and not (ref.authors or ref.container or ref.url
                          or ref.type == ReferenceType.GOVERNMENT) and any(
                pointer.start <= position < pointer.start + len(pointer.text)
                for pointer in pointers):
            continue  # a quotation in the parenthetical of "Id. at 5 (“...”)": no work
        if not depth and ref.type != ReferenceType.GOVERNMENT and any(
                pointer.start <= position < pointer.head_end for pointer in pointers):
            continue  # "Roe, supra note 3, at 5" read as a citation of its own: the pointer
        items.append((position, depth, ref))
    for pointer in pointers:
        if pointer.number is None:
            earlier = [work for at, depth, work in items if at < pointer.start and depth == 0]
            target = earlier[-1] if earlier else previous_top
            if target is None:
                continue
            work = _id_section(target, pointer.text)
        else:
            works = by_number.get(pointer.number)
            if not works:
                continue
            work = _copy(_supra_work(works, pointer.name), pointer.text)
        items.append((pointer.start, pointer.depth, work))
        items.sort(key=lambda item: item[0])
    kept: list[tuple[int, int, Reference]] = []
    seen: set[tuple[str | None, str | None, str | None, str | None]] = set()
    works = [item[2] for item in items]
    for item in items:
        work = item[2]
        key = (work.title, work.container, work.date, work.url)
        if work.title and (key in seen or _short_of_another(work, works)):
            continue  # "Id. at 5; see also id. at 7": one work
        seen.add(key)
        kept.append(item)
    top = [work for _, depth, work in kept if depth == 0]
    last = top[-1] if top else (kept[-1][2] if kept else previous_top)
    return [work for _, _, work in kept], last


def _last_top_level(references: list[Reference], text: str) -> Reference | None:
    """The last work a note cites outside its parentheticals: what "Id." in the next note
    means (``Roe, 1 U.S. 1 (quoting Poe, 2 U.S. 2)``: Roe)."""
    if not references:
        return None
    if len(references) == 1 or ("(" not in text and "[" not in text):
        return references[-1]
    flat = " ".join(text.split())
    depths = _depths(flat)
    for ref in reversed(references):
        at = flat.find(ref.raw[:40]) if ref.raw else -1
        if at >= 0 and depths[at] == 0:
            return ref
    return references[-1]


_BARE_OP_CIT = compile_lazily(r"^(?:op\.?\s*cit|loc\.?\s*cit|a\.\s?a\.\s?O)\b", re.IGNORECASE)


def _fill_from_body(reference: Reference, work: NamedWork) -> None:
    """A note that gives only a place in the work the body names: the body's author, and
    its title where the note prints none (or only the collection that holds it)."""
    if reference.ibid:
        return
    if not reference.authors:
        reference.authors = list(work.authors)
    if work.title and reference.title != work.title:
        if reference.title and not reference.container:
            reference.container = reference.title  # "Coll. Minn. Hist. Soc., 1885"
        reference.title = work.title


_ID_SECTION = compile_lazily(r"^\s*Id\.\s*(?P<section>(?:§§?|pts?\.)\s*"
                             r"\w+(?:[.:-]\w+)*(?:\([\w]{1,4}\))*(?:\s*(?:-|–|,|and)\s*\d\w*(?:[.:-]\w+)*(?:\([\w]{1,4}\))*)*)")
_CODE_HEAD = compile_lazily(r"^(?P<code>.*?)\s*(?:§§?|pts?\.)")


def _id_section(work: Reference, text: str) -> Reference:
    """``Id.`` is the work before it; ``Id. § 360k(b)`` after ``21 U.S.C. § 360k(a)`` is
    another section of the same code: ``21 U.S.C. § 360k(b)``."""
    copy = _copy(work, text)
    section = _ID_SECTION.match(text)
    head = _CODE_HEAD.match(work.title or "") if section else None
    if section and head and head.group("code"):
        copy.title = f"{head.group('code')} {section.group('section').rstrip('.,;')}"
    return copy


def _is_case_short_form(reference: Reference) -> bool:
    """``Riegel, 552 U.S. at 330``: a case's name (or none), its volume and reporter."""
    return reference.type == ReferenceType.GOVERNMENT and bool(reference.container) \
        and not reference.date and " at " in reference.raw \
        and CASE_SHORT_FORM.fullmatch(reference.raw.strip(" .,;")) is not None


def _resolve_case(reference: Reference, index: _Index) -> Reference:
    """The latest earlier case in the same volume of the same reporter (and, when the short
    form names a party, with that party in its name); or article in that volume of that
    journal by that author (``Roe, 35 Harbor L.Q. at 19``)."""
    found = CASE_SHORT_FORM.fullmatch(reference.raw.strip(" .,;"))
    if found is None:
        return reference
    cite = f"{found.group('volume')} {found.group('reporter').strip()} "
    name = found.group("name")
    party = name.split()[-1] if name else ""
    for work in reversed(index.works[-_UNNAMED_REACH:]):
        if work.container == reference.container and cite in work.raw and (
                not party or party in (work.title or "") or any(
                    author.startswith(party) for author in work.authors)):
            return _copy(work, reference.raw)
    if party and name and " " not in name.strip():
        # "Wolf, 26 F. Supp. 3d at 870", a later decision of a case cited before at another
        # reporter: the case's name, the reporter printed, no date
        for work in reversed(index.works[-_UNNAMED_REACH:]):
            if work.title and work.title.startswith(f"{party} v. ") \
                    and work.type == ReferenceType.GOVERNMENT:
                named = copy_reference(reference)
                named.title = work.title
                return named
    return reference


_INITIALS_SKIP = frozenset(("and", "of", "the", "for", "on", "to", "in", "&"))


def _resolve_act(reference: Reference, index: _Index) -> Reference | None:
    """A section of an act by a short name (``the Budget Act``) or its initials
    (``BBEDCA``): the latest earlier act whose name holds the short name's words in order, or
    whose initials they are. None when no act cited before answers: the words are the
    report's own (a section of the measure it describes), not a citation."""
    short = reference.title or ""
    words = _words(short)
    for work in reversed(index.works[-_UNNAMED_REACH:]):
        name = work.title or ""
        if work.type != ReferenceType.GOVERNMENT or " Act" not in name:
            continue
        if short.isupper():
            initials = "".join(word[0] for word in name.split()
                               if word.lower() not in _INITIALS_SKIP and word[:1].isupper()
                               and not word[:1].isdigit())
            if initials == short:
                return _copy(work, reference.raw)
        elif _in_order(words, _words(name)):
            return _copy(work, reference.raw)
    return None


_ACRONYM = compile_lazily(r"[A-Z][A-Z&]{1,9}")


def _is_acronym_short_form(reference: Reference) -> bool:
    """``UNCTAD, p. 7, <URL>``: a body's initials alone, a place and maybe a link."""
    name = reference.container or (reference.authors[0] if len(reference.authors) == 1 else "")
    return not reference.title and not reference.date and bool(name) \
        and _ACRONYM.fullmatch(name) is not None and reference.raw.startswith(name)


def _resolve_acronym(reference: Reference, index: _Index) -> Reference:
    """The latest earlier work by the body whose name these initials are, printed with them
    in brackets (``United Nations Conference on Trade and Development (UNCTAD)``); the
    short form keeps its own link."""
    name = reference.container or reference.authors[0]
    bracketed = f"({name})"
    for work in reversed(index.works[-_UNNAMED_REACH:]):
        if work.title and any(bracketed in author for author in work.authors):
            copy = _copy(work, reference.raw)
            if reference.url:
                copy.url, copy.url_as_printed = reference.url, reference.url_as_printed
                copy.domain, copy.doi = reference.domain, reference.doi
            return copy
    return reference


def is_undated_case(reference: Reference) -> bool:
    """``Roe v. Roe, 180 S.W.2d 592``: a case cited in full but without its year."""
    return reference.type == ReferenceType.GOVERNMENT and not reference.date \
        and " v. " in (reference.title or "") and bool(reference.container)


def is_unnamed_case(reference: Reference) -> bool:
    """``505 U.S. 1003 (1992)``: a case by volume, reporter and page, its name elsewhere."""
    return reference.type == ReferenceType.GOVERNMENT and not reference.title and (
        (bool(reference.container) and reference.raw[:1].isdigit())
        or bool(UNNAMED_DOCKET.match(reference.raw)))  # "No. 14-556 (U.S. June 26, 2015)"


def _resolve_unnamed_case(reference: Reference, index: _Index) -> Reference:
    """The latest earlier case cited in full at the same volume, reporter and page (its
    name and all): ``505 U.S. 1003 (1992)`` after ``Roe v. Poe, 505 U.S. 1003 (1992)``."""
    found = UNNAMED_CASE.match(reference.raw)
    if found is None:
        return reference
    cite = f"{found.group('volume')} {found.group('reporter')} {found.group('page')}"
    for work in reversed(index.works[-_UNNAMED_REACH:]):
        if work.title and work.container == reference.container and cite in work.raw:
            return _copy(work, reference.raw)
    return reference


def _is_author_year(reference: Reference) -> bool:
    """"Cooley (2012)": family names and a year, nothing else."""
    return bool(reference.authors) and len(reference.date or "") == 4 and not (
        reference.title or reference.url or reference.doi or reference.container
        or reference.domain
    )


def _resolve_author_year(reference: Reference, index: _Index) -> Reference:
    family = reference.authors[0].split(",")[0].lower().rpartition(" ")[2]
    work = index.by_year(family, reference.date or "")
    if work is None or work is reference:
        return reference
    return _copy(work, reference.raw)


def _resolve_repeat(reference: Reference, index: _Index) -> Reference:
    """A work cited again without the collection (or outlet) it was cited with before: the
    fuller earlier citation, a short form of it."""
    if reference.container or reference.url or reference.domain or reference.doi:
        return reference
    work = index.fuller_repeat(reference)
    return reference if work is None else _copy(work, reference.raw)


def _resolve_short(reference: Reference, index: _Index) -> Reference:
    """"Smith, Short Title, 45." -> the latest earlier work by Smith whose title starts with
    the short title's words (or, without a name, the latest whose title starts so)."""
    short = _words(reference.title)
    if not short:
        return reference
    family = _family(reference)
    work = index.short_form(family.split()[-1] if family else "", short)
    if work is None and not family and reference.container:
        work = index.part_of_book(reference)
    if work is None or work is reference or not _same_outlet(reference, work):
        return reference
    return _copy(work, reference.raw)


def repair_across_notes(footnotes: list[Footnote]) -> None:
    """A host printed with a hyphen (``thediplo-mat.com``) that another note of the document
    prints without it (``thediplomat.com``): the hyphenless URL becomes a candidate repair with
    that evidence. The URL stays as printed (it is valid as printed: ``news-desk.org`` and
    ``newsdesk.org`` may both exist); the link check decides."""
    hosts: dict[str, int] = {}
    hyphenated: list[tuple[Reference, str]] = []
    for note in footnotes:
        for ref in note.references:
            if not ref.url or ref.ibid:
                continue
            host = ref.domain or domain_of(ref.url)
            if not host:
                continue
            hosts[host] = hosts.get(host, 0) + 1
            if "-" in host:
                hyphenated.append((ref, host))
    for ref, host in hyphenated:
        joined = host.replace("-", "")
        if joined in hosts and hosts[host] <= 1 and ref.url:
            candidate = re.sub(re.escape(host), joined, ref.url, count=1, flags=re.IGNORECASE)
            if all(found != candidate for found, _ in ref.url_candidates):
                ref.url_candidates += ((candidate, f"another note prints {joined}"),)
    # Ibid. copies made before follow the work they copy.
    by_key = {(r.title, r.url_as_printed): r for note in footnotes for r in note.references
              if not r.ibid}
    for note in footnotes:
        for ref in note.references:
            if ref.ibid:
                original = by_key.get((ref.title, ref.url_as_printed))
                if original is not None:
                    ref.url_candidates = original.url_candidates
