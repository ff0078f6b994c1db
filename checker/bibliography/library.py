"""One library across documents: ``refs/library.bib`` and ``refs/library.json``.

Every document parsed into ``refs/`` adds its works (its entries, see `entries`) under its
id; the library holds one entry per work over all of them. Works of different documents are
the same work by the identities `entries` uses within one document (DOI, URL, title with
site or author and agreeing dates), so the article two papers cite is one entry.

Each entry says where it is cited in ``footcheck-cited-in`` (``paper-a: 3, 7; paper-b: 1``:
document id, then footnote numbers; ``order, part 2: 14`` where a document numbers its notes
afresh per chapter or section, see `entries.NotePlace`), a field biblatex, biber, BibTeX,
pybtex, citeproc and Zotero ignore; the library carries no ``note`` (styles print it).
What a link check learned about a work (`Entry.learned`: a redirect's final URL, the check
date, an archived copy) is kept with the document's works and goes into the library too.

Keys are stable: a work keeps the key it was given first (remembered by its identities in
the state file; a title identity several works hold, with each one's date: two works of
one title and author with different dates are two works, `dated_identity`) however many
papers cite it later; a new work gets `keys.key_base` with a suffix when that key is taken.
Parsing a document again replaces only that document's works; the other documents' works
stay, read from the state (``library`` in ``.footcheck-state.json``). Hand edits to the
library files are kept by the same three-way merge as a document's own bibliography
(`write.write_library`).

Pure functions; `write.write_library` reads and writes the files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter, itemgetter
from typing import Any

from checker.bibliography.entries import (
    LEARNED_FIELDS,
    Entry,
    IdentityReader,
    NotePlace,
    group_references,
    notes_by_part,
)
from checker.bibliography.keys import free_key, key_base
from checker.model import Reference, ReferenceType

CITED_IN = "footcheck-cited-in"
# the state file's JSON: compact, not ASCII-escaped (library works here, the rest in `write`)
compact_json = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
_STORED = ("title", "authors", "container", "publisher", "domain", "url", "url_as_printed",
           "doi", "date", "accessed", "type")
_stored_values = attrgetter(*_STORED)
_SUFFIX = re.compile(r"[a-z]{0,2}")  # `keys.key_suffix` of a key's first 702 namesakes


@dataclass(slots=True)
class LibraryEntry:
    entry: Entry  # key and merged reference (its `notes` stay empty: no note)
    cited_in: dict[str, list[NotePlace]] = field(default_factory=dict)  # document id -> notes

    @property
    def cited_in_text(self) -> str:
        """``paper-a: 3, 7; order, part 1: 5; order, part 2: 5, 9`` (documents by id)."""
        return cited_in_text(self.cited_in)


def cited_in_text(cited_in: dict[str, list[NotePlace]]) -> str:
    """`LibraryEntry.cited_in_text` of the notes citing a work, by document."""
    if len(cited_in) == 1:  # most works: one document, one note
        ((doc, notes),) = cited_in.items()
        if len(notes) == 1:
            part, number = notes[0]
            return f"{doc}, part {part}: {number}" if part else f"{doc}: {number}"
    return "; ".join(
        (f"{doc}, part {part}: " if part else f"{doc}: ") + ", ".join(map(str, numbers))
        for doc, notes in sorted(cited_in.items())
        for part, numbers in notes_by_part(notes))


class StoredWorks:
    """A document's entries as the state keeps them: a list of works, each an array of its
    notes as [part, number] (part 0: numbered once through), its reference's fields in the
    order of `_STORED` (null for one it lacks) and, when a link check learned something, that
    (`_stored_work` reads it back, and the objects earlier states kept). Written to the state
    file from the entries by json's own encoder (`json_pieces`); read back as that list
    (`library_entries` takes either)."""

    __slots__ = ("entries",)

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def json_pieces(self) -> Iterator[str]:
        """The list as ``json.dumps(works, ensure_ascii=False, separators=(",", ":"))``, a
        few thousand works a piece (arrays, not objects: json's C encoder writes them from
        the entries' own tuples, and a hundred thousand works name no field)."""
        entries = self.entries
        yield "["
        for start in range(0, len(entries), 4096):
            works = [(entry.notes, _stored_values(entry.reference), dict(entry.learned))
                     if entry.learned else (entry.notes, _stored_values(entry.reference))
                     for entry in entries[start: start + 4096]]
            yield ("," if start else "") + compact_json(works)[1:-1]
        yield "]"


def stored_works(entries: list[Entry]) -> StoredWorks:
    """A document's entries as kept in the state (see `StoredWorks`)."""
    return StoredWorks(entries)


def _stored_work(work: Any) -> tuple[Reference, list[NotePlace], dict[str, str]] | None:
    """(reference, notes, learned) of a work as the state keeps it (`StoredWorks`), or as
    states before 2026-12-07 did: ``{"notes": [[part, number]...], "reference": {fields},
    "learned": {...}}``, and before parts were kept ``"footnotes": [numbers]``. None for
    anything else (the state is footcheck's, but a file can be damaged)."""
    if isinstance(work, list) and len(work) in (2, 3) and isinstance(work[1], list) \
            and len(work[1]) == len(_STORED):
        fields: Any = dict(zip(_STORED, work[1], strict=True))
        notes, learned = _stored_notes(work[0]), work[2] if len(work) == 3 else None
    elif isinstance(work, dict):
        fields, learned = work.get("reference"), work.get("learned")
        notes = _stored_notes(work["notes"]) if isinstance(work.get("notes"), list) else [
            (0, n) for n in work.get("footnotes") or [] if isinstance(n, int)]
    else:
        return None
    reference = reference_from_stored(fields)
    return None if reference is None else (reference, notes, _stored_learned(learned))


def _stored_notes(places: Any) -> list[NotePlace]:
    """The [part, number] pairs of a stored work's notes."""
    if not isinstance(places, list):
        return []
    return [(place[0], place[1]) for place in places
            if isinstance(place, list) and len(place) == 2
            and all(isinstance(n, int) for n in place)]


_NOTHING_LEARNED: dict[str, str] = {}  # shared by the works of no link check (never changed)


def _stored_learned(learned: Any) -> dict[str, str]:
    """What link checks learned, as kept (in the state or on an entry)."""
    if not learned or not isinstance(learned, dict):
        return _NOTHING_LEARNED
    return {k: v for k, v in learned.items() if k in LEARNED_FIELDS and isinstance(v, str)}


def reference_from_stored(data: dict[str, Any]) -> Reference | None:
    if not isinstance(data, dict):
        return None
    values = {name: data.get(name) for name in _STORED if data.get(name) is not None}
    try:
        values["type"] = ReferenceType(values.get("type", "web"))
        values["authors"] = [str(a) for a in values.get("authors") or []]
        return Reference(**values)
    except (TypeError, ValueError):
        return None


@dataclass(slots=True)
class _Cited:
    """The works cited in the documents, as parallel lists (no object per work): each
    reference, its identities, and the document citing it, the notes there, what link checks
    learned and the key base it was made with ("" for a stored work)."""

    references: list[Reference] = field(default_factory=list)
    identities: list[Sequence[str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    notes: list[Sequence[NotePlace]] = field(default_factory=list)
    learned: list[dict[str, str]] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)

    def add(self, reference: Reference, ids: Sequence[str], document: str,
            notes: Sequence[NotePlace], learned: dict[str, str], base: str) -> None:
        self.references.append(reference)
        self.identities.append(ids)
        self.documents.append(document)
        self.notes.append(notes)
        self.learned.append(learned)
        self.bases.append(base)

    def add_entries(self, entries: list[Entry], document: str,
                    identify: Callable[[Reference], Sequence[str]]) -> None:
        """`add` each of a document's entries (`identify`: the identities of a reference
        whose entry has none), a list at a time."""
        self.references.extend([entry.reference for entry in entries])
        self.identities.extend([entry.identities or identify(entry.reference)
                                for entry in entries])
        self.documents.extend([document] * len(entries))
        self.notes.extend([entry.notes for entry in entries])
        self.learned.extend([_stored_learned(entry.learned) if entry.learned
                             else _NOTHING_LEARNED for entry in entries])
        self.bases.extend([entry.base_key for entry in entries])


class LibraryEntries:
    """The library's entries in key order (a sequence of `LibraryEntry`), each made as it is
    read: the library of a hundred thousand works keeps no object per work beyond its
    reference."""

    def __init__(self, cited: _Cited, references: list[Reference],
                 members: list[Sequence[int]], ids: list[Sequence[str]],
                 keys: list[str], shared: set[str]) -> None:
        """`references`, `members` (positions in `cited`), `ids`, `keys`: the works;
        `shared`: the title identities held by several of them."""
        self._cited, self._shared = cited, shared
        self._references, self._members, self._ids, self._keys = references, members, ids, keys
        self._order = sorted(range(len(keys)), key=keys.__getitem__)

    def __len__(self) -> int:
        return len(self._order)

    def remembered(self) -> dict[str, str]:
        """identity -> key of every work, to remember in the state; a title identity held
        by several works (of different dates) with each work's date (`dated_identity`)."""
        shared, references, keys = self._shared, self._references, self._keys
        return {dated_identity(identity, references[work].date) if identity in shared
                else identity: keys[work] for work in self._order for identity in self._ids[work]}

    def __iter__(self) -> Iterator[LibraryEntry]:
        return map(self.entry, self._order)

    def entry(self, work: int) -> LibraryEntry:
        """The library's entry of a work (its position: `rows`)."""
        cited, members = self._cited, self._members[work]
        entry = Entry(key=self._keys[work], reference=self._references[work],
                      identities=tuple(self._ids[work]))
        if len(members) == 1:  # most works: one document's entry
            (index,) = members
            if cited.learned[index]:
                entry.learned = _consistent(dict(cited.learned[index]))
            notes = cited.notes[index]
            return LibraryEntry(entry, {cited.documents[index]: list(notes) if len(notes) == 1
                                        else sorted(set(notes))})
        cited_in: dict[str, list[NotePlace]] = {}
        learned: dict[str, str] = {}
        for index in members:
            cited_in.setdefault(cited.documents[index], []).extend(cited.notes[index])
            for name, value in cited.learned[index].items():  # the first document's,
                learned.setdefault(name, value)  # as for the fields
        entry.learned = _consistent(learned)
        return LibraryEntry(entry, {doc: sorted(set(notes)) for doc, notes in cited_in.items()})

    @property
    def order(self) -> list[int]:
        """The works' positions in key order."""
        return self._order

    def rows(self) -> Iterator[tuple[int, str, Reference | None, str]]:
        """The works in the order they were found (not key order: each one's objects were
        made together, and a hundred thousand works read in key order wait on memory), as
        `write.render_library` reads them: no entry made for a work that is one document's
        entry with nothing learned, whose text it reuses. Each as (its position, for `entry`;
        its key; for such a work, that entry's reference and its
        `LibraryEntry.cited_in_text`; for any other work None and "")."""
        cited, keys, references = self._cited, self._keys, self._references
        documents, notes, learned = cited.documents, cited.notes, cited.learned
        for work, members in enumerate(self._members):
            if len(members) == 1 and not learned[index := members[0]]:  # most works
                places = notes[index]
                text = cited_in_text({documents[index]: places if len(places) == 1
                                      else sorted(set(places))})
                yield work, keys[work], references[work], text
            else:
                yield work, keys[work], None, ""


def library_entries(
    works_by_document: dict[str, list[Any] | StoredWorks], known_keys: dict[str, str],
    current: dict[str, list[Entry]] | None = None,
) -> tuple[LibraryEntries, dict[str, str]]:
    """The library's entries (sorted by key) and the identity -> key map to remember.

    `works_by_document`: each document's works as kept in the state (`stored_works`), in
    the order the documents came; `current`: the entries built in this run, by document id,
    used as they are in place of that document's stored works (a document new to the
    library comes last). `known_keys` maps identities of works to the keys they were given
    before. A library entry made of one document entry holds that entry's reference itself
    (the same object)."""
    current = current or {}
    cited = _Cited()
    reader = IdentityReader()
    for doc_id in [*works_by_document, *(d for d in current if d not in works_by_document)]:
        works = works_by_document.get(doc_id)
        entries = current[doc_id] if doc_id in current else (
            works.entries if isinstance(works, StoredWorks) else None)
        if entries is not None:
            cited.add_entries(entries, doc_id, reader.identities)
            continue
        for work in works if isinstance(works, list) else []:
            stored = _stored_work(work)
            if stored is not None:
                reference, notes, learned = stored
                cited.add(reference, reader.identities(reference), doc_id, notes, learned, "")
    references: list[Reference] = []
    members: list[Sequence[int]] = []
    work_ids: list[Sequence[str]] = []
    shared: set[str] = set()
    for reference, cites, ids in group_references(cited.references, cited.identities, shared,
                                                  reader.identities):
        references.append(reference)
        members.append(cites)
        work_ids.append(ids)

    def base(work: int) -> str:  # one document's entry: its base as it was made
        cites = members[work]
        return (len(cites) == 1 and cited.bases[cites[0]]) or key_base(references[work])

    keys = _known_keys(references, work_ids, known_keys, shared, base)
    taken = set(keys) | set(known_keys.values())
    tried: dict[str, int] = {}
    for work, key in enumerate(keys):
        if key is None:  # a new work
            keys[work] = key = free_key(base(work), taken, tried)
            taken.add(key)
    library = LibraryEntries(cited, references, members, work_ids, keys,  # type: ignore[arg-type]
                             shared)
    return library, library.remembered()


def dated_identity(identity: str, date: str | None) -> str:
    """A title identity as the library remembers it when several works hold it:
    ``title:water|by:chen|date:2006`` (``|date:`` without a date). Works of one title by
    one author or on one site are different works when their dates disagree, so the title
    alone would name several keys."""
    return f"{identity}|date:{date or ''}" if identity.startswith("title:") else identity


def _undated(identity: str) -> tuple[str, str] | None:
    """``title:...|date:2006`` -> (``title:...``, ``2006``); None for any other identity."""
    if not identity.startswith("title:"):
        return None
    title, found, date = identity.rpartition("|date:")
    return (title, date) if found else None


def _dates_agree(a: str, b: str) -> bool:
    """As works are grouped (`entries`): one missing, or one a prefix of the other."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def _known_keys(references: list[Reference], work_ids: list[Sequence[str]],
                known_keys: dict[str, str], shared: set[str],
                base: Callable[[int], str]) -> list[str | None]:
    """The key each work was given before (None for a new work), each key to one work.

    The state remembers a title identity without a date when one work held it, with each
    one's date when several did (`dated_identity`). A work takes the key of its first
    identity known: a DOI or URL, or a title identity with the work's date. A work still
    without a key, then, takes that of a title identity remembered with a date agreeing with
    its own (``2020-04`` -> ``2020-04-14``: a later note dated it more precisely), the
    closest date first; else that of a title identity remembered without a date, if only
    this work holds it now and no date was remembered for it, or if the key is the work's
    own key base with a suffix (the year in it says which work it was made for; a state
    written before dates were remembered names one key for several works of a title)."""
    keys: list[str | None] = [None] * len(references)
    if not known_keys:  # a first run: every work is new
        return keys
    used: set[str] = set()

    def take(work: int, key: str | None) -> bool:
        if key is None or key in used:
            return False
        keys[work] = key
        used.add(key)
        return True

    for work, ids in enumerate(work_ids):
        date = references[work].date
        for identity in ids:
            if take(work, known_keys.get(dated_identity(identity, date))):
                break
    if all(key is not None for key in keys):
        return keys
    by_title: dict[str, list[tuple[str, str]]] = {}  # title identity -> (date, key)
    for identity, key in known_keys.items():
        if (dated := _undated(identity)) is not None:
            by_title.setdefault(dated[0], []).append((dated[1], key))
    for work, ids in enumerate(work_ids):
        if keys[work] is not None:
            continue
        date = references[work].date or ""
        candidates = sorted(
            ((abs(len(known) - len(date)), key) for identity in ids
             for known, key in by_title.get(identity, ()) if _dates_agree(known, date)),
            key=itemgetter(0))
        if any(take(work, key) for _, key in candidates):
            continue
        for identity in ids:
            key = known_keys.get(identity) if identity.startswith("title:") else None
            if key is None:
                continue
            sole = identity not in shared and identity not in by_title
            if (sole or _made_from(key, base(work))) and take(work, key):
                break
    return keys


def _made_from(key: str, base: str) -> bool:
    """Is `key` `base` or `base` with a suffix (`keys.free_key`)?"""
    return key.startswith(base) and _SUFFIX.fullmatch(key, len(base)) is not None


def _consistent(learned: dict[str, str]) -> dict[str, str]:
    """An archived copy's date only with the copy."""
    if "archive_url" not in learned:
        learned.pop("archive_date", None)
    return learned
