"""Three-way merge of a bibliography the user edited with the one footcheck generates now.

The three versions, each a list of records (key + fields, the entry type being the field
``@type``):

* current: the file as it is on disk (the user's);
* base: what footcheck generated last time (kept in the state file), or None when unknown;
* ours: what footcheck generates now.

A current record is matched with ours by key, else by identity (DOI, URL, title and year:
the user may have renamed the key), and with base the same way. Per field:

* with a base: a field the user left as it was takes our new value; a field the user
  changed, added or deleted keeps the user's version;
* without a base: the user's value wins wherever the user has the field, ours fills in
  fields and entries the user does not have.

Records only the user has are kept, unless they are exactly an old footcheck record whose
work is no longer cited (then they are dropped as stale). Records only we have are added,
unless the base shows the user deleted them (then they stay out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TYPE_FIELD = "@type"
_MISSING = object()


@dataclass
class Record:
    key: str
    fields: dict[str, Any]


@dataclass
class MergeReport:
    kept_fields: list[str] = field(default_factory=list)  # "key.field" where the user's won
    kept_entries: list[str] = field(default_factory=list)  # entries only the user has
    added_entries: list[str] = field(default_factory=list)
    added_fields: list[str] = field(default_factory=list)  # ours added to the user's entries
    left_out: list[str] = field(default_factory=list)  # deleted by the user, not re-added
    stale: list[str] = field(default_factory=list)  # old footcheck entries no longer cited

    def summary(self, limit: int = 6) -> str:
        parts = []
        for label, items in (
            ("kept your fields", self.kept_fields),
            ("kept your entries", self.kept_entries),
            ("added entries", self.added_entries),
            ("added fields", self.added_fields),
            ("left out entries you deleted", self.left_out),
            ("dropped entries no longer cited", self.stale),
        ):
            if items:
                shown = ", ".join(items[:limit])
                more = f" and {len(items) - limit} more" if len(items) > limit else ""
                parts.append(f"{label} {shown}{more}")
        return "; ".join(parts) or "nothing to change"


class _Index:
    """Find records by key or by identity."""

    def __init__(self, records: list[Record], identify: Callable[[Record], list[str]]):
        self.by_key = {r.key: r for r in records}
        self.by_identity: dict[str, Record] = {}
        for record in records:
            for identity in identify(record):
                self.by_identity.setdefault(identity, record)

    def find(self, record: Record, identify: Callable[[Record], list[str]]) -> Record | None:
        if record.key in self.by_key:
            return self.by_key[record.key]
        for identity in identify(record):
            if identity in self.by_identity:
                return self.by_identity[identity]
        return None


def _merge_fields(
    ours: Record, mine: Record, base: Record | None, report: MergeReport
) -> Record:
    names = list(dict.fromkeys([*ours.fields, *mine.fields]))
    merged: dict[str, Any] = {}
    for name in names:
        o = ours.fields.get(name, _MISSING)
        m = mine.fields.get(name, _MISSING)
        if base is not None:
            b = base.fields.get(name, _MISSING)
            value = o if m == b else m
            if m != b and m != o:
                report.kept_fields.append(f"{mine.key}.{name}")
        else:
            value = m if m is not _MISSING else o
            if m is not _MISSING and o is not _MISSING and m != o:
                report.kept_fields.append(f"{mine.key}.{name}")
            elif m is _MISSING and o is not _MISSING:
                report.added_fields.append(f"{mine.key}.{name}")
        if value is not _MISSING:
            merged[name] = value
    # The key too: one the user did not rename follows ours (a retitled work gets its new key).
    key = ours.key if base is not None and mine.key == base.key else mine.key
    return Record(key=key, fields=merged)


def three_way(
    current: list[Record],
    base: list[Record] | None,
    ours: list[Record],
    identify: Callable[[Record], list[str]],
) -> tuple[list[Record], MergeReport]:
    """The merged records (ours in order, then the user's own) and what was done."""
    report = MergeReport()
    mine_index = _Index(current, identify)
    base_index = _Index(base or [], identify)
    matched: set[int] = set()
    merged: list[Record] = []
    for record in ours:
        mine = mine_index.find(record, identify)
        if mine is not None and id(mine) in matched:
            mine = None  # already merged with another of ours
        old = base_index.find(record, identify) if base is not None else None
        if mine is None:
            if old is not None:
                report.left_out.append(record.key)
            else:
                report.added_entries.append(record.key)
                merged.append(record)
            continue
        matched.add(id(mine))
        if base is not None and old is None:
            old = base_index.find(mine, identify)
        merged.append(_merge_fields(record, mine, old, report))
    taken = {r.key for r in merged}
    for mine in current:
        if id(mine) in matched:
            continue
        old = base_index.find(mine, identify) if base is not None else None
        if old is not None and old.fields == mine.fields:
            report.stale.append(mine.key)
            continue
        if mine.key in taken:
            continue  # a second record with a key we already wrote; cannot keep both
        report.kept_entries.append(mine.key)
        merged.append(mine)
        taken.add(mine.key)
    return merged, report
