"""Entries -> a ``.bib`` file, biblatex (default) or classic BibTeX; and back, for merging.

biblatex (for biber, UTF-8 kept as is):

==========  =============================================================================
type        entry
==========  =============================================================================
news        ``@online`` with ``organization`` (the outlet); without a URL ``@article``
            with ``journaltitle`` and ``entrysubtype = {newspaper}``
journal     ``@article`` with ``journaltitle``
report      ``@report`` with ``institution``
book        ``@book`` with ``publisher``
chapter     ``@incollection`` with ``booktitle``
government  ``@online`` with ``organization``; without a URL ``@report`` with
            ``institution``
web, social ``@online`` with ``organization`` (site name or domain); without a URL
            ``@misc`` with ``organization``
==========  =============================================================================

Every entry: ``author`` (``Family, Given and Family, Given``; organisations braced),
``title``, ``date`` (ISO, the precision cited), ``url``, ``urldate``, ``doi``, and ``note``
``Cited in footnotes 3, 7``. An archived copy of a dead link (see `update`) goes into
``addendum`` (``Archived copy: \\url{...}, 2 March 2020``), which the standard styles print
after the entry; ``url`` keeps the address cited.

Classic BibTeX (``classic=True``): ``@article`` (``journal``), ``@book``, ``@incollection``,
``@techreport`` (``institution``) where those fit, else ``@misc`` with
``howpublished = {Outlet, \\url{...}}``; ``year`` and ``month`` (the month macros ``jan``...,
unquoted); the access date, archived copy and citing footnotes in ``note``.

Text fields are LaTeX-escaped (``& % $ # _ { } ~ ^ \\``; braces as ``\\textbraceleft{}`` so
the field's own braces stay balanced for every BibTeX parser) and words with capitals
inside them (``COVID``, ``SCO``, ``WeChat``) are braced so styles that change case keep
them. ``url`` and ``doi`` are verbatim fields: only characters that would break the file
(braces, backslash, spaces) are percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import bibtexparser
from bibtexparser import model

from checker import __version__
from checker.bibliography.entries import (
    Entry,
    NotePlace,
    normalise_doi,
    notes_by_part,
    title_identity,
    url_identity,
)
from checker.bibliography.merge import TYPE_FIELD, Record
from checker.bibliography.names import split_person

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_MACROS = tuple(m[:3].lower() for m in MONTHS)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_SPECIALS_TABLE = str.maketrans(_SPECIALS)
_SPECIAL = re.compile("[" + re.escape("".join(_SPECIALS)) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORDS = re.compile(r"(\w+)")
_ASCII_INNER_CAPITAL = re.compile(r"[A-Za-z0-9_][A-Z]")  # in ASCII text: `_protect` may hold
_AND = re.compile(r"\band\b", re.IGNORECASE)
_HEADER_MARK = "% Written by footcheck"
CLASSIC_MARK = "(BibTeX classic)"


@dataclass(slots=True)
class BibRecord:
    """One ``@type{key, field = value}``; values raw, delimiters included (``{...}`` or a
    macro name such as ``mar``)."""

    type: str
    key: str
    fields: dict[str, str]

    def to_record(self) -> Record:
        return Record(key=self.key, fields={TYPE_FIELD: self.type, **self.fields})

    @staticmethod
    def from_record(record: Record) -> BibRecord:
        fields = dict(record.fields)
        kind = str(fields.pop(TYPE_FIELD, "misc"))
        return BibRecord(type=kind, key=record.key, fields=fields)


# -- values ---------------------------------------------------------------------------------
def clean(text: str) -> str:
    """One line, no control characters."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # most texts: no space but single ones inside (printable: no other)
    return " ".join(_CONTROL.sub(" ", text).split())


def _escape(text: str) -> str:
    return text.translate(_SPECIALS_TABLE) if _SPECIAL.search(text) else text


def title_text(title: str | None) -> str | None:
    """A cited title without the punctuation the citation put after it (``Title.``,
    ``Title,``): styles add their own. ``?``, ``!`` and ``...`` stay."""
    text = clean(title or "")
    if not text.endswith("..."):
        text = text.rstrip(".,;: ").strip()
    return text or None


def _protect(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and any(c.isupper() for c in letters[1:])


def latex_text(text: str, *, protect_case: bool = False) -> str:
    """`text` escaped for a BibTeX field; with `protect_case`, mixed-case words braced."""
    return _latex(clean(text), protect_case)


def _latex(text: str, protect_case: bool = False) -> str:
    """`latex_text` of a text `clean` already."""
    if not protect_case or text[1:].islower() or (  # no capital after the first
            text.isascii() and not _ASCII_INNER_CAPITAL.search(text)) or not any(
            _protect(word) for word in _WORDS.findall(text)
            if not word[1:].islower()):  # maybe a capital inside
        return _escape(text)
    pieces = _WORDS.split(text)
    out = []
    for index, piece in enumerate(pieces):
        escaped = _escape(piece)
        if index % 2 == 1 and _protect(piece):
            escaped = "{" + escaped + "}"
        out.append(escaped)
    return "".join(out)


def braced(value: str) -> str:
    return "{" + value + "}"


def verbatim_url(url: str) -> str:
    """A URL safe inside a braced verbatim field."""
    url = clean(url).replace(" ", "%20")
    if "{" not in url and "}" not in url and "\\" not in url:
        return url
    out = []
    for ch in url:
        out.append(f"%{ord(ch):02X}" if ch in "{}\\" else ch)
    return "".join(out)


def url_command(url: str) -> str:
    """``\\url{...}`` inside another field: ``%`` and ``#`` must be escaped there."""
    return r"\url{" + verbatim_url(url).replace("%", r"\%").replace("#", r"\#") + "}"


def names_value(authors: list[str]) -> str:
    return " and ".join([name for name in map(_bib_name, authors) if name])


@lru_cache(maxsize=16384)  # the same authors are cited again and again
def _bib_name(name: str) -> str:
    """One author as `names_value` writes it; "" for a blank name."""
    name = clean(name)  # and so are the parts split_person makes of it
    if not name:
        return ""
    person = split_person(name)
    if person is None:
        return braced(_escape(name))
    family, given = _escape(person[0]), _escape(person[1])
    if _AND.search(family) or (" " in family and not given):
        family = braced(family)
    return f"{family}, {given}" if given else family


@lru_cache(maxsize=8192)  # dates recur: each is read for the .bib and the CSL-JSON
def iso_parts(date: str | None) -> tuple[int, ...]:
    """(Y,), (Y, M) or (Y, M, D) of an ISO date as cited; () when it is not one."""
    match = _ISO.match((date or "").strip())
    if not match:
        return ()
    parts = tuple(int(p) for p in match.groups() if p)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return ()
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return ()
    return parts


def human_date(date: str | None) -> str | None:
    """``2 March 2020``, ``March 2020``, ``2020`` (the precision cited)."""
    parts = iso_parts(date)
    if not parts:
        return None
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


@lru_cache(maxsize=8192)
def iso_date(date: str | None) -> str | None:
    parts = iso_parts(date)
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts)) or None


def cited_in(notes: list[NotePlace]) -> str:
    """"Cited in footnotes 3, 7"; "Cited in part 1, footnotes 3, 7; part 2, footnote 1"
    where the document numbers its notes afresh per part."""
    if len(notes) == 1:  # most works: one note
        part, number = notes[0]
        return f"Cited in {f'part {part}, ' if part else ''}footnote {number}"
    pieces = []
    for part, numbers in notes_by_part(notes):
        word = "footnote" if len(numbers) == 1 else "footnotes"
        pieces.append((f"part {part}, " if part else "")
                      + f"{word} {', '.join(map(str, numbers))}")
    return f"Cited in {'; '.join(pieces)}" if pieces else ""


# -- entries --------------------------------------------------------------------------------
def outlet_name(entry: Entry) -> str | None:
    """Where the work appeared, `clean`: its container, else publisher, else domain."""
    ref = entry.reference
    for name in (ref.container, ref.publisher, ref.domain):
        if name and (text := clean(name)):
            return text
    return None


# reference type -> (entry type, the field naming the outlet), whether it has a URL or not
_BIBLATEX_TYPES = {
    "journal": ("article", "journaltitle"),
    "report": ("report", "institution"),
    "book": ("book", "publisher"),
    "chapter": ("incollection", "booktitle"),
}
_BIBLATEX_TYPES_WITHOUT_URL = {
    "news": ("article", "journaltitle"),
    "government": ("report", "institution"),
}


def _biblatex_type(kind: str, has_url: bool) -> tuple[str, str]:
    """(entry type, the field naming the outlet) of a reference of type `kind`."""
    if kind in _BIBLATEX_TYPES:
        return _BIBLATEX_TYPES[kind]
    if has_url:
        return ("online", "organization")
    return _BIBLATEX_TYPES_WITHOUT_URL.get(kind, ("misc", "organization"))


def _classic_type(entry: Entry) -> tuple[str, str | None]:
    kind = entry.reference.type
    table = {
        "journal": ("article", "journal"),
        "book": ("book", "publisher"),
        "chapter": ("incollection", "booktitle"),
    }
    if kind in table:
        return table[kind]
    if kind in ("report", "government") and not entry.url and outlet_name(entry):
        return ("techreport", "institution")
    if kind == "news" and not entry.url and outlet_name(entry):
        return ("article", "journal")
    return ("misc", "howpublished")


def biblatex_record(entry: Entry) -> BibRecord:
    """`entry` as a biblatex record: what `biblatex_lines` writes, read back."""
    kind, lines, note = biblatex_lines(entry)
    # each line "  name = value,": values are on one line (`clean`)
    fields = dict(line[2:-1].split(" = ", 1) for line in lines.split("\n") if line)
    if note:
        fields["note"] = note
    return BibRecord(type=kind, key=entry.key, fields=fields)


# (URL, title, outlet, the notes citing it): see `shared_values`
SharedValues = tuple[str | None, str | None, str | None, str]


def shared_values(entry: Entry) -> SharedValues:
    """What an entry's .bib and CSL-JSON both write, made once for both: its URL, its title
    (`title_text`), its outlet (`outlet_name`) and the notes citing it (`cited_in`)."""
    return entry.url, title_text(entry.reference.title), outlet_name(entry), cited_in(entry.notes)


def biblatex_lines(entry: Entry, shared: SharedValues | None = None) -> tuple[str, str, str | None]:
    """`entry` in biblatex: its type, its field lines as `field_lines` writes them less the
    ``note``, and the note's value (None without one); written from the entry directly (no
    record is made to be written). `shared`: its `shared_values`, when made already."""
    ref = entry.reference
    url, title, outlet, note = shared or shared_values(entry)
    kind, outlet_field = _biblatex_type(ref.type, bool(url))
    lines = []
    if ref.authors and (names := names_value(ref.authors)):
        lines.append(braced_line("author", names))
    if title:
        lines.append(braced_line("title", _latex(title, protect_case=True)))
    if outlet:
        lines.append(braced_line(outlet_field, _latex(outlet)))
    if kind == "article" and ref.type == "news":
        lines.append("  entrysubtype = {newspaper},\n")
    if date := iso_date(ref.date):
        lines.append(braced_line("date", date))
    if url:
        lines.append(braced_line("url", verbatim_url(url)))
        if accessed := iso_date(entry.accessed):
            lines.append(braced_line("urldate", accessed))
    if ref.doi and ref.doi.strip():
        lines.append(braced_line("doi", verbatim_url(normalise_doi(ref.doi))))
    if archive_url := entry.archive_url:
        when = human_date(entry.archive_date)
        archived = "Archived copy: " + url_command(archive_url) + (f", {when}" if when else "")
        lines.append(braced_line("addendum", archived))
    return kind, "".join(lines), braced(note) if note else None


def classic_lines(entry: Entry) -> tuple[str, str, str | None]:
    """`entry` in classic BibTeX as `biblatex_lines` gives it in biblatex."""
    record = classic_record(entry)
    note = record.fields.pop("note", None)
    return record.type, field_lines(record.fields), note


def classic_record(entry: Entry) -> BibRecord:
    ref = entry.reference
    kind, outlet_field = _classic_type(entry)
    fields: dict[str, str] = {}
    if ref.authors and (names := names_value(ref.authors)):
        fields["author"] = braced(names)
    if title := title_text(ref.title):
        fields["title"] = braced(_latex(title, protect_case=True))
    outlet = outlet_name(entry)
    if kind == "misc":
        published = [_latex(outlet)] if outlet else []
        if entry.url:
            published.append(url_command(entry.url))
        if published:
            fields["howpublished"] = braced(", ".join(published))
    elif outlet and outlet_field:
        fields[outlet_field] = braced(_latex(outlet))
    parts = iso_parts(ref.date)
    if parts:
        fields["year"] = braced(str(parts[0]))
    if len(parts) > 1:
        fields["month"] = MONTH_MACROS[parts[1] - 1]
    if ref.doi and ref.doi.strip():
        fields["doi"] = braced(verbatim_url(normalise_doi(ref.doi)))
    notes = []
    if entry.url and kind != "misc":
        notes.append("Available at " + url_command(entry.url))
    if entry.url and (accessed := human_date(entry.accessed)):
        notes.append(f"Accessed {accessed}")
    if entry.archive_url:
        when = human_date(entry.archive_date)
        notes.append("Archived copy: " + url_command(entry.archive_url)
                     + (f", {when}" if when else ""))
    if cited := cited_in(entry.notes):
        notes.append(cited)
    if notes:
        fields["note"] = braced(". ".join(notes))
    return BibRecord(type=kind, key=entry.key, fields=fields)


def bib_records(entries: list[Entry], *, classic: bool = False) -> list[BibRecord]:
    make = classic_record if classic else biblatex_record
    return [make(entry) for entry in entries]


# -- the file -------------------------------------------------------------------------------
def header_lines(source: str, *, classic: bool) -> list[str]:
    dialect = CLASSIC_MARK if classic else "(biblatex, UTF-8, for biber)"
    return [
        f"{_HEADER_MARK} {__version__} from {clean(source)} {dialect}.",
        "% Edit freely: footcheck will not overwrite your edits; rerun with --merge to keep "
        "them.",
    ]


def is_classic(text: str) -> bool | None:
    """Which dialect a footcheck .bib was written in (None: not one of ours)."""
    for line in text.splitlines()[:5]:
        if line.startswith(_HEADER_MARK):
            return CLASSIC_MARK in line
    return None


def render_bib(records: Iterable[BibRecord], header: list[str], extra: list[str] = ()) -> str:
    """The file text: header comment lines, the user's own blocks kept by a merge
    (``@string``, ``@preamble``, comments), then the entries (`entry_text`).
    Raises ValueError for duplicate keys."""
    keys: set[str] = set()
    duplicates: list[str] = []
    entries = []
    for record in records:
        if record.key in keys:
            duplicates.append(record.key)
        keys.add(record.key)
        entries.append(entry_text(record.type, record.key, field_lines(record.fields)))
    if duplicates:
        raise ValueError(f"duplicate citation keys: {', '.join(duplicates)}")
    return bib_text(entries, header, extra)


def bib_text(entries: Iterable[str], header: list[str], extra: list[str] = ()) -> str:
    """The file text from its entries' texts (`entry_text`, keys distinct): header comment
    lines, the user's own blocks kept by a merge, then the entries."""
    blocks = ["\n".join(header) + "\n", *(b.strip() + "\n" for b in extra if b.strip())]
    body = "\n".join(entries)
    if body:
        blocks.append(body)
    return "\n".join(blocks)


def entry_text(kind: str, key: str, fields: str) -> str:
    """``@type{key,`` / `fields` (`field_lines`) / ``}``: the layout bibtexparser writes,
    written here directly (building its model of 84,000 entries to print them took
    seconds)."""
    return f"@{kind}{{{key},\n{fields}}}\n"


def field_lines(fields: dict[str, str]) -> str:
    """``  field = value,`` lines; an empty raw value is left out (it would not parse
    back)."""
    return "".join(field_line(name, value) for name, value in fields.items()
                   if (text := str(value)) and not text.isspace())


def field_line(name: str, value: str) -> str:
    """One ``  field = value,`` line (of a value not blank)."""
    return f"  {name} = {value},\n"


def braced_line(name: str, value: str) -> str:
    """`field_line` of a braced value."""
    return f"  {name} = {{{value}}},\n"


def parse_bib(text: str) -> tuple[list[BibRecord], list[str]]:
    """A .bib the user may have edited -> (records with raw values, other blocks as text).

    Raises ValueError naming the first line that does not parse.
    """
    library = bibtexparser.parse_string(text, parse_stack=[])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = (block.start_line or 0) + 1
        error = getattr(block, "error", None)
        why = (getattr(error, "abort_reason", None) or str(error or "")).strip() \
            or type(error or block).__name__
        raise ValueError(f"line {line}: {why}")
    records = [
        BibRecord(type=e.entry_type.lower(), key=e.key,
                  fields={f.key.lower(): str(f.value) for f in e.fields})
        for e in library.entries
    ]
    extra = []
    for block in library.blocks:
        if isinstance(block, model.ImplicitComment):
            kept = [line for line in block.comment.splitlines()
                    if not line.startswith(("% Written by footcheck", "% Edit freely: footcheck",
                                            "% footcheck-sha256:"))]
            if "\n".join(kept).strip():
                extra.append("\n".join(kept))
        elif isinstance(block, model.String | model.Preamble | model.ExplicitComment) \
                and block.raw:
            extra.append(block.raw)
    return records, extra


_URL_IN = re.compile(r"https?://[^\s{}\\]+")
_COMMAND = re.compile(r"\\[a-zA-Z]+(\{\})?")


def plain(value: str) -> str:
    """A raw value without delimiters and LaTeX markup (for matching only)."""
    return _COMMAND.sub(" ", value).replace("{", "").replace("}", "").replace("\\", "")


def bib_identities(record: Record) -> list[str]:
    """How a user's record is recognised when its key was changed: DOI, URL, title+year."""
    fields = {k: str(v) for k, v in record.fields.items()}
    found = []
    if fields.get("doi"):
        found.append("doi:" + normalise_doi(plain(fields["doi"])))
    for name in ("url", "howpublished", "note"):
        raw = fields.get(name, "")
        url = plain(raw).strip() if name == "url" else None
        match = _URL_IN.search(raw.replace(r"\%", "%").replace(r"\#", "#"))
        candidate = url or (match.group(0) if match else None)
        if candidate and (identity := url_identity(candidate)):
            found.append("url:" + identity)
            break
    title = title_identity(plain(fields.get("title", "")))
    year = re.search(r"\d{4}", fields.get("date", "") or fields.get("year", ""))
    if title:
        found.append(f"title:{title}|{year.group(0) if year else ''}")
    return found
