"""One bibliography entry per distinct work, however many footnotes cite it.

Two references are the same work when they share any identity:

* the DOI (case-insensitive, without ``https://doi.org/``);
* the URL, compared without scheme, ``www.``, default port, fragment, trailing slash and
  ``utm_*`` parameters (a site's home page identifies nothing: it is not an identity);
* the title (folded to ASCII words) together with where it appeared (the main label of the
  container or domain: ``The Diplomat`` and ``thediplomat.com`` are different labels, so
  each is an identity of its own) or with the first author's family name; a title cited
  with nothing else at all is an identity on its own.

A title identity joins only works whose dates agree (one missing, or one a prefix of the
other: ``2020-04`` and ``2020-04-14``): ``Press statement`` of the same ministry on two days
is two works; a note citing the first again after the second joins the first (every work
holding a title identity is kept), and an undated one joins the last cited of them.
Identities are transitive (note 16 with a URL and note 18 with the same title and a
repaired URL are one work even if the second lacks the container). Titles alone never merge:
``Press release`` on two sites are two works.

The merged reference keeps the most complete value of each field: the longer title,
container and author list, the more precise date, the first URL and DOI cited, a specific
type over the default ``web``. Entries are in order of first citation.

An entry names the notes citing it by part and number (`NotePlace`): a document numbering
its notes afresh per chapter or Word section has several notes 3, and the entry says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from checker.bibliography.keys import (
    ascii_words,
    assign_keys,
    author_label,
    host_of,
    key_base,
    key_base_from,
    site_label,
    title_words,
)
from checker.model import Document, Footnote, Reference, copy_reference
from checker.references.urls import url_identity

LEARNED_FIELDS = ("url", "accessed", "archive_url", "archive_date")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

# A note as (part, number): `Footnote.part`, 0 where the document numbers its notes once
# through, and the note's number. Tuples sort and compare as the notes run.
NotePlace = tuple[int, int]


def note_place(part: int | None, number: int) -> NotePlace:
    return (part or 0, number)


def notes_by_part(notes: Iterable[NotePlace]) -> list[tuple[int, list[int]]]:
    """The notes' numbers per part, both sorted: [(0, [3, 7])] for a document numbered
    once through, [(1, [3, 7]), (2, [1])] for one numbered afresh per part."""
    by_part: dict[int, list[int]] = {}
    for part, number in sorted(set(notes)):
        by_part.setdefault(part, []).append(number)
    return list(by_part.items())


@dataclass(slots=True)
class Entry:
    """A distinct work: its key, the merged reference and the footnotes citing it.

    `reference` stays as cited. `learned` holds what a link check learned (see
    `bibliography.update`): ``url`` (final URL of a permanent redirect or an accepted
    recovered URL), ``accessed`` (the check date), ``archive_url`` and ``archive_date``
    (an archived copy of a dead link). The writers use the properties below, which prefer
    what was learned.
    """

    key: str
    reference: Reference
    notes: tuple[NotePlace, ...] = ()  # (part, number), sorted
    learned: dict[str, str] = field(default_factory=dict)
    # `identities(reference)` and `key_base(reference)`, kept from grouping and keying: the
    # library groups and keys the works again
    identities: tuple[str, ...] = field(default=(), repr=False, compare=False)
    base_key: str = field(default="", repr=False, compare=False)

    @property
    def footnotes(self) -> list[int]:
        """The numbers of the notes citing the work (without their parts), sorted."""
        return sorted({number for _, number in self.notes})

    @property
    def url(self) -> str | None:
        return self.learned.get("url") or self.reference.url

    @property
    def accessed(self) -> str | None:
        return self.learned.get("accessed") or self.reference.accessed

    @property
    def archive_url(self) -> str | None:
        return self.learned.get("archive_url")

    @property
    def archive_date(self) -> str | None:
        return self.learned.get("archive_date")


def normalise_doi(doi: str) -> str:
    return _DOI_PREFIX.sub("", doi.strip()).strip().rstrip(".").lower()


def title_identity(title: str | None) -> str | None:
    words = title_words(title)
    return " ".join(words) if words else None


def identities(ref: Reference) -> tuple[str, ...]:
    """The identities of `ref` (see the module docstring)."""
    return IdentityReader().identities(ref)


class IdentityReader:
    """The identities and key bases of a run's references: each URL is read once however
    often it is cited (a large paper's URLs are many, and each costs a URL parse), and each
    place a work appeared in (container, domain, the URL's site) once."""

    __slots__ = ("_places", "_urls")

    def __init__(self) -> None:
        self._urls: dict[str, tuple[str | None, str | None]] = {}  # url -> (identity, site)
        # (container, domain, the URL's site) -> (the labels naming them, sorted; any label)
        self._places: dict[tuple[str | None, str | None, str | None],
                           tuple[tuple[str, ...], bool]] = {}

    def identities(self, ref: Reference) -> tuple[str, ...]:
        """`identities(ref)`."""
        return self._identities(ref, title_words(ref.title), author_label(ref.authors))

    def identities_and_key_base(self, ref: Reference) -> tuple[tuple[str, ...], str]:
        """`identities(ref)` and `keys.key_base(ref)`, its title folded and its author
        named once for both."""
        words, author = title_words(ref.title), author_label(ref.authors)
        return self._identities(ref, words, author), key_base_from(ref, words, author)

    def _url(self, url: str) -> tuple[str | None, str | None]:
        """(the URL's identity, the main label of its host)."""
        read = self._urls.get(url)
        if read is None:
            host = host_of(url)
            read = self._urls[url] = (url_identity(url), site_label(host) if host else None)
        return read

    def _identities(self, ref: Reference, words: Sequence[str],
                    author: str | None) -> tuple[str, ...]:
        found = []
        if ref.doi and ref.doi.strip():
            found.append("doi:" + normalise_doi(ref.doi))
        url, url_site = self._url(ref.url) if ref.url else (None, None)
        if url:
            found.append("url:" + url)
        if not words:
            return tuple(found)
        title = " ".join(words)
        place = (ref.container, ref.domain, url_site)
        labels, labelled = self._places.get(place) or self._read_place(place)
        for label in labels:
            found.append(f"title:{title}|in:{label}")
        if author:
            found.append(f"title:{title}|by:{author}")
        if not labelled and not author:
            found.append(f"title:{title}|bare")  # a title cited with nothing else, twice
        return tuple(found)

    def _read_place(self, place: tuple[str | None, str | None, str | None]
                    ) -> tuple[tuple[str, ...], bool]:
        """The labels of where a work appeared: its container's and domain's main labels
        (a container not a site name: its words) and its URL's site; whether it has any."""
        container, domain, url_site = place
        labels = set()
        for text in (container, domain):
            host = host_of(text)
            if host:
                labels.add(site_label(host))
            elif text and text is container:
                labels.add(" ".join(ascii_words(text)))
        if url_site:
            labels.add(url_site)
        read = self._places[place] = (tuple(sorted(label for label in labels if label)),
                                      bool(labels))
        return read


def is_citable(ref: Reference) -> bool:
    """A reference naming nothing to cite (an empty split, an unresolved Ibid.) is not an
    entry."""
    for value in (ref.title, ref.url, ref.doi, ref.container, ref.domain):
        if value and not value.isspace():
            return True
    return False


def _precision(date: str | None) -> int:
    return len(date or "")


def _longer(a: str | None, b: str | None) -> str | None:
    if not a or not a.strip():
        return b
    if b and len(b.strip()) > len(a.strip()):
        return b
    return a


def merge_references(a: Reference, b: Reference) -> Reference:
    """`a` completed by `b` (a was cited first; see the module docstring): a copy of `a`
    (`copy_reference`, cheaper than `dataclasses.replace`) with the merged fields set."""
    merged = copy_reference(a)
    if (len(b.authors), sum(map(len, b.authors))) > (len(a.authors), sum(map(len, a.authors))):
        merged.authors = list(b.authors)
    if not a.url:
        merged.url, merged.url_as_printed = b.url, b.url_as_printed
    merged.title = _longer(a.title, b.title)
    merged.container = _longer(a.container, b.container)
    merged.publisher = _longer(a.publisher, b.publisher)
    merged.domain = a.domain or b.domain
    merged.doi = a.doi or b.doi
    if _precision(b.date) > _precision(a.date):
        merged.date = b.date
    if _precision(b.accessed) > _precision(a.accessed):
        merged.accessed = b.accessed
    if a.type == "web" and b.type:
        merged.type = b.type
    merged.repairs = tuple(dict.fromkeys((*a.repairs, *b.repairs)))
    merged.ibid = a.ibid and b.ibid
    return merged


def _dates_agree(ref: Reference, others: Iterable[Reference]) -> bool:
    """Same title, same site, different dates: two issues of ``Press statement``."""
    for other in others:
        a, b = ref.date or "", other.date or ""
        if a and b and not (a.startswith(b) or b.startswith(a)):
            return False
    return True


def group_references(
    references: Sequence[Reference], ids: Sequence[Sequence[str]],
    shared: set[str] | None = None, identify: Callable[[Reference], Sequence[str]] = identities,
) -> Iterator[tuple[Reference, Sequence[int], Sequence[str]]]:
    """Merge references into distinct works, in order of first citation: each work as its
    merged reference, the positions in `references` of the references it merges (ascending)
    and the identities of the merged reference (`ids[i]`: the `identities` of
    `references[i]`).

    A work is named by the position of its first reference; most works are one reference,
    and only works of several hold a list of their members (a hundred thousand notes make
    no object per note). `shared`, when given, gets the title identities held by several
    works (of different dates), before the first work is yielded. `identify`: `identities`
    (an `IdentityReader`'s, to read the merged works' URLs from the run's)."""
    owner: dict[str, int] = {}  # identity -> the work holding it
    # a title identity held by works of other dates too: those works, after `owner`'s
    also: dict[str, list[int]] = {}
    members: dict[int, list[int]] = {}  # a work of several references: their positions
    held: dict[int, list[str]] = {}  # ... and the identities it took (some since passed on)
    absorbed: set[int] = set()  # works found to be part of another
    starts: list[int] = []  # the works, in order of first citation

    def cited(work: int) -> Iterable[Reference]:
        return (references[seq] for seq in members.get(work, (work,)))

    def joined(identity: str, holder: int, ref: Reference) -> int | None:
        """The work `ref` joins by `identity`, which `holder` holds: `holder`; for a title
        identity, the last holder whose dates agree (an undated note joins one work, not
        all of that title)."""
        if not identity.startswith("title:"):
            return holder
        for work in reversed((holder, *also.get(identity, ()))):
            if _dates_agree(ref, cited(work)):
                return work
        return None

    def claim(identity: str, work: int) -> None:
        holder = owner.get(identity)
        if holder is None or holder == work or not identity.startswith("title:"):
            owner[identity] = work
        elif work not in (others := also.setdefault(identity, [])):
            others.append(work)

    def pass_on(identity: str, old: int, new: int) -> None:
        """`old` is part of `new` now."""
        others = also.get(identity)
        if owner[identity] == old:
            owner[identity] = new
        elif others and old in others:
            others[others.index(old)] = new
        if others and new in others and (owner[identity] == new or others.count(new) > 1):
            others.remove(new)

    held_identities = owner.keys()
    for seq, ref in enumerate(references):
        if held_identities.isdisjoint(work_ids := ids[seq]):  # most: a work not seen before
            starts.append(seq)
            for identity in work_ids:
                owner[identity] = seq
            continue
        hits = sorted({work for identity in work_ids
                       if (holder := owner.get(identity)) is not None
                       and (work := joined(identity, holder, ref)) is not None})
        if not hits:
            starts.append(seq)
            for identity in ids[seq]:
                claim(identity, seq)
            continue
        index = hits[0]
        if index not in members:
            members[index] = [index]
            held[index] = list(ids[index])
        target, taken = members[index], held[index]
        for other in hits[1:]:  # this reference joins works thought distinct so far
            target.extend(members.pop(other, (other,)))
            absorbed.add(other)
            for identity in held.pop(other, None) or ids[other]:
                pass_on(identity, other, index)
                taken.append(identity)
        target.append(seq)
        for identity in ids[seq]:
            claim(identity, index)
        taken.extend(ids[seq])
    if shared is not None:
        shared.update(identity for identity, others in also.items() if others)
    for seq in starts:
        if seq in absorbed:
            continue
        group = members.get(seq)
        if group is None:  # most works: cited once, their identities known
            yield references[seq], (seq,), ids[seq]
            continue
        group.sort()  # citation order
        merged = references[group[0]]
        for other in group[1:]:
            merged = merge_references(merged, references[other])
        yield merged, group, identify(merged)


def build_entries(doc: Document) -> list[Entry]:
    """One `Entry` per distinct work cited in `doc`, in order of first citation."""
    reader = EntryReader()
    reader.read(doc.footnotes)
    return reader.entries()


class EntryReader:
    """`build_entries` of a document whose notes come a run at a time, in order (as the parse
    resolves them: `DocumentEntries`): each citable reference's identities and key base are
    read as it comes; the works are grouped and keyed once every note is in (`entries`)."""

    __slots__ = ("_bases", "_ids", "_places", "_reader", "_references")

    def __init__(self) -> None:
        self._places: list[NotePlace] = []
        self._references: list[Reference] = []
        self._ids: list[tuple[str, ...]] = []
        self._bases: list[str] = []  # each reference's key base
        self._reader = IdentityReader()

    def read(self, footnotes: Iterable[Footnote]) -> None:
        """The next notes, their references as they will be written."""
        places, references, ids, bases = self._places, self._references, self._ids, self._bases
        identities_and_key_base = self._reader.identities_and_key_base
        for footnote in footnotes:
            place = note_place(footnote.part, footnote.number)
            for ref in footnote.references:
                if is_citable(ref):
                    places.append(place)
                    references.append(ref)
                    work_ids, base = identities_and_key_base(ref)
                    ids.append(work_ids)
                    bases.append(base)

    def entries(self) -> list[Entry]:
        """One `Entry` per distinct work of the notes read, in order of first citation."""
        places, bases = self._places, self._bases
        entries = [
            Entry(key="", reference=ref, identities=work_ids,
                  base_key=bases[cites[0]] if len(cites) == 1 else key_base(ref),
                  notes=(places[cites[0]],) if len(cites) == 1
                  else tuple(sorted({places[seq] for seq in cites})))
            for ref, cites, work_ids in group_references(self._references, self._ids,
                                                         identify=self._reader.identities)
        ]
        for entry, key in zip(entries, assign_keys(entry.base_key for entry in entries),
                              strict=True):
            entry.key = key
        return entries


class DocumentEntries:
    """The entries of each document parsed, read as the parse resolves its notes: called
    with a document and its next notes (`parse.parse_paths`'s ``on_resolved``), an
    `EntryReader` a document; `entries(doc)` once it is parsed."""

    def __init__(self) -> None:
        self._readers: dict[int, tuple[Document, EntryReader]] = {}  # each document held,
        # so that its id names no other

    def __call__(self, doc: Document, footnotes: list[Footnote]) -> None:
        held = self._readers.get(id(doc))
        if held is None or held[0] is not doc:
            held = self._readers[id(doc)] = (doc, EntryReader())
        held[1].read(footnotes)

    def entries(self, doc: Document) -> list[Entry]:
        """`build_entries(doc)`, from the notes read as they came (once: it is let go)."""
        held = self._readers.pop(id(doc), None)
        if held is None or held[0] is not doc:
            return build_entries(doc)
        return held[1].entries()
