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
the state file) however many papers cite it later; a new work gets `keys.key_base` with a
suffix when that key is taken. Parsing a document again replaces only that document's works;
the other documents' works stay, read from the state (``library`` in
``.footcheck-state.json``). Hand edits to the library files are kept by the same three-way
merge as a document's own bibliography (`write.write_library`).

Pure functions; `write.write_library` reads and writes the files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from json.encoder import encode_basestring as _json_string  # as dumps(ensure_ascii=False)
from typing import Any

from checker.bibliography.entries import (
    LEARNED_FIELDS,
    Entry,
    NotePlace,
    group_references,
    identities,
    notes_by_part,
)
from checker.bibliography.keys import free_key, key_base
from checker.model import Reference, ReferenceType

CITED_IN = "footcheck-cited-in"
_dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
_STORED = ("title", "authors", "container", "publisher", "domain", "url", "url_as_printed",
           "doi", "date", "accessed", "type")


@dataclass(slots=True)
class LibraryEntry:
    entry: Entry  # key and merged reference (its `notes` stay empty: no note)
    cited_in: dict[str, list[NotePlace]] = field(default_factory=dict)  # document id -> notes

    @property
    def cited_in_text(self) -> str:
        """``paper-a: 3, 7; order, part 1: 5; order, part 2: 5, 9`` (documents by id)."""
        return "; ".join(
            (f"{doc}, part {part}: " if part else f"{doc}: ") + ", ".join(map(str, numbers))
            for doc, notes in sorted(self.cited_in.items())
            for part, numbers in notes_by_part(notes))


class StoredWorks:
    """A document's entries as the state keeps them: a list of works, each the reference's
    fields (those it has), the notes as [part, number] (part 0: numbered once through) and
    what link checks learned. Written to the state file from the entries (`json_pieces`),
    without a dict per work; read back as that list (`library_entries` takes either)."""

    __slots__ = ("entries",)

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def json_pieces(self) -> Iterator[str]:
        """The list as ``json.dumps(works, ensure_ascii=False, separators=(",", ":"))``."""
        yield "["
        for index, entry in enumerate(self.entries):
            yield ("," if index else "") + _work_json(entry)
        yield "]"


def stored_works(entries: list[Entry]) -> StoredWorks:
    """A document's entries as kept in the state (see `StoredWorks`)."""
    return StoredWorks(entries)


def _work_json(entry: Entry) -> str:
    fields = []
    for name in _STORED:
        value = getattr(entry.reference, name)
        if value is not None:
            fields.append(f'"{name}":' + (_json_string(value) if isinstance(value, str)
                                           else _dump(value)))
    notes = ",".join(f"[{part:d},{number:d}]" for part, number in entry.notes)
    learned = ',"learned":' + _dump(dict(entry.learned)) if entry.learned else ""
    return '{"notes":[' + notes + '],"reference":{' + ",".join(fields) + "}" + learned + "}"


def _stored_notes(work: dict[str, Any]) -> list[NotePlace]:
    """The notes of a stored work; a state written before parts were kept has numbers."""
    if isinstance(work.get("notes"), list):
        return [(place[0], place[1]) for place in work["notes"]
                if isinstance(place, list) and len(place) == 2
                and all(isinstance(n, int) for n in place)]
    return [(0, n) for n in work.get("footnotes") or [] if isinstance(n, int)]


def _stored_learned(learned: Any) -> dict[str, str]:
    """What link checks learned, as kept (in the state or on an entry)."""
    if not isinstance(learned, dict):
        return {}
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


class LibraryEntries:
    """The library's entries in key order (a sequence of `LibraryEntry`), each made as it is
    read: the library of a hundred thousand works keeps no object per work beyond its
    reference."""

    def __init__(self, keyed: list[tuple[str, Reference, Sequence[int], Sequence[str]]],
                 owners: list[tuple[str, list[NotePlace], dict[str, str], str]]) -> None:
        self._keyed = keyed
        self._owners = owners

    def __len__(self) -> int:
        return len(self._keyed)

    def __iter__(self) -> Iterator[LibraryEntry]:
        owners = self._owners
        for key, reference, indexes, ids in self._keyed:
            if len(indexes) == 1:  # one document's entry
                doc_id, notes, known, _ = owners[indexes[0]]
                yield LibraryEntry(Entry(key=key, reference=reference, identities=ids,
                                         learned=_consistent(dict(known))),
                                   {doc_id: sorted(set(notes))})
                continue
            cited_in: dict[str, list[NotePlace]] = {}
            learned: dict[str, str] = {}
            for index in indexes:
                doc_id, notes, known, _ = owners[index]
                cited_in.setdefault(doc_id, []).extend(notes)
                for name, value in known.items():  # the first document's, as for the fields
                    learned.setdefault(name, value)
            yield LibraryEntry(
                Entry(key=key, reference=reference, learned=_consistent(learned), identities=ids),
                {doc: sorted(set(notes)) for doc, notes in cited_in.items()})


def library_entries(
    works_by_document: dict[str, list[dict[str, Any]] | StoredWorks], known_keys: dict[str, str],
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
    cited: list[tuple[int, Reference, Sequence[str]]] = []
    owners: list[tuple[str, list[NotePlace], dict[str, str], str]] = []  # and the key base
    for doc_id in [*works_by_document, *(d for d in current if d not in works_by_document)]:
        works = works_by_document.get(doc_id)
        entries = current[doc_id] if doc_id in current else (
            works.entries if isinstance(works, StoredWorks) else None)
        if entries is not None:
            for entry in entries:
                cited.append((len(owners), entry.reference,
                              entry.identities or identities(entry.reference)))
                owners.append((doc_id, entry.notes, _stored_learned(entry.learned),
                               entry.base_key))
            continue
        for work in works if isinstance(works, list) else []:
            reference = reference_from_stored(work.get("reference")) if isinstance(
                work, dict) else None
            if reference is None:
                continue
            cited.append((len(owners), reference, identities(reference)))
            owners.append((doc_id, _stored_notes(work), _stored_learned(work.get("learned")),
                           ""))
    used: set[str] = set()
    keyed: list[tuple[str, Reference, Sequence[int], Sequence[str]]] = []
    fresh: list[tuple[Reference, list[int], Sequence[str]]] = []
    for reference, indexes, ids in group_references(cited):  # works seen before keep their keys
        key = next((known_keys[i] for i in ids
                    if i in known_keys and known_keys[i] not in used), None)
        if key is None:
            fresh.append((reference, indexes, ids))
        else:
            used.add(key)
            keyed.append((key, reference, indexes, ids))
    taken = used | set(known_keys.values())
    tried: dict[str, int] = {}
    for reference, indexes, ids in fresh:  # one document's entry: its base as it was made
        base = (len(indexes) == 1 and owners[indexes[0]][3]) or key_base(reference)
        key = free_key(base, taken, tried)
        taken.add(key)
        keyed.append((key, reference, indexes, ids))
    del cited, fresh
    keyed.sort(key=lambda item: item[0])
    remembered = {identity: key for key, _, _, ids in keyed for identity in ids}
    return LibraryEntries(keyed, owners), remembered


def _consistent(learned: dict[str, str]) -> dict[str, str]:
    """An archived copy's date only with the copy."""
    if "archive_url" not in learned:
        learned.pop("archive_date", None)
    return learned
