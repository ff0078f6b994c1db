"""Entries -> CSL-JSON (what Zotero, pandoc and citeproc read); and back, for merging.

Types: news ``article-newspaper``, journal ``article-journal``, report and government
``report``, book ``book``, chapter ``chapter``, web ``webpage``, social ``post``.

Fields: ``id`` (the citation key), ``type``, ``title``, ``author`` (``{"family", "given"}``
for people, ``{"literal"}`` for organisations), ``container-title`` (outlet, site, or the
book of a chapter), ``publisher`` (of reports and books), ``issued`` and ``accessed``
(``date-parts`` with the precision cited), ``URL``, ``DOI``, ``note`` (``Cited in footnotes
3, 7``). An archived copy of a dead link goes where Zotero keeps it: ``archive`` (``Internet
Archive``) and ``archive_location`` (the snapshot URL), and into ``note``.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from json.encoder import encode_basestring as _json_string  # as dumps(ensure_ascii=False)
from typing import Any
from urllib.parse import urlsplit

from checker.bibliography.biblatex import (
    SharedValues,
    clean,
    human_date,
    iso_parts,
    shared_values,
)
from checker.bibliography.entries import Entry, normalise_doi, title_identity, url_identity
from checker.bibliography.merge import TYPE_FIELD, Record
from checker.bibliography.names import split_person

CSL_TYPES = {
    "news": "article-newspaper",
    "journal": "article-journal",
    "report": "report",
    "government": "report",
    "book": "book",
    "chapter": "chapter",
    "web": "webpage",
    "social": "post",
}
_PUBLISHED_BY = ("report", "government", "book")
# the field names footcheck writes, as `item_fields` writes them before a value
_FIELD_KEYS = {name: "    " + _json_string(name) + ": " for name in (
    "id", "type", "title", "author", "container-title", "publisher", "issued", "URL",
    "accessed", "DOI", "archive", "archive_location", "note")}


def archive_name(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    if host == "archive.org" or host.endswith(".archive.org"):
        return "Internet Archive"
    return host.removeprefix("www.") or "web archive"


def csl_item(entry: Entry) -> dict[str, Any]:
    """`entry` as a CSL-JSON item: what `item_lines` writes, read back."""
    fields, note = item_lines(entry)
    item = {"id": entry.key, **json.loads("{" + fields + "}")}
    if note:
        item["note"] = note
    return item


def item_lines(entry: Entry, shared: SharedValues | None = None) -> tuple[str, str | None]:
    """`entry`'s CSL-JSON item as `item_fields` writes it, less its ``id`` and ``note``
    lines, and its note (None without one); written from the entry directly (no item is
    made to be written). `shared`: its `biblatex.shared_values`, when made already."""
    ref = entry.reference
    url, title, outlet, cited = shared or shared_values(entry)
    lines = [_FIELD_KEYS["type"] + _json_string(CSL_TYPES.get(ref.type, "webpage"))]
    if title:
        lines.append(_FIELD_KEYS["title"] + _json_string(title))
    if ref.authors and (names := _authors_text(ref.authors)):
        lines.append(_FIELD_KEYS["author"] + names)
    if outlet:
        lines.append(_FIELD_KEYS["publisher" if ref.type in _PUBLISHED_BY
                                 else "container-title"] + _json_string(outlet))
    if issued := _iso_date_text(ref.date):
        lines.append(_FIELD_KEYS["issued"] + issued)
    if url:
        lines.append(_FIELD_KEYS["URL"] + _json_string(clean(url)))
        if accessed := _iso_date_text(entry.accessed):
            lines.append(_FIELD_KEYS["accessed"] + accessed)
    if ref.doi and ref.doi.strip():
        lines.append(_FIELD_KEYS["DOI"] + _json_string(normalise_doi(ref.doi)))
    if archive_url := entry.archive_url:
        lines.append(_FIELD_KEYS["archive"] + _json_string(archive_name(archive_url)))
        lines.append(_FIELD_KEYS["archive_location"] + _json_string(archive_url))
        when = human_date(entry.archive_date)
        archived = f"Archived copy: {archive_url}" + (f", {when}" if when else "")
        return ",\n".join(lines), f"{archived}. {cited}" if cited else archived
    return ",\n".join(lines), cited or None


def csl_items(entries: list[Entry]) -> list[dict[str, Any]]:
    return [csl_item(entry) for entry in entries]


def render_csl(items: Iterable[dict[str, Any]]) -> str:
    """Indented JSON (as ``json.dumps(items, indent=2)``), with date parts on one line
    (``"date-parts": [[2020, 3, 2]]``). Written field by field: the standard library's
    indenting encoder is its slow pure-Python one, and built the whole file as millions
    of small strings."""
    return csl_text(item_text(item) for item in items)


def csl_text(items: Iterable[str]) -> str:
    """The file text from its items' texts (`item_text`)."""
    body = ",\n".join(items)
    return "[\n" + body + "\n]\n" if body else "[]\n"


def item_text(item: dict[str, Any]) -> str:
    """One item as `render_csl` writes it."""
    return "  {\n" + item_fields(item) + "\n  }" if item else "  {}"


def string_field(name: str, value: str) -> str:
    """One field line of a text value, as `item_fields` writes it."""
    return "    " + _json_string(name) + ": " + _json_string(value)


def item_fields(item: dict[str, Any]) -> str:
    """The lines of an item's fields (joined by ``,\n``, no final line end)."""
    lines = []
    for name, value in item.items():
        key = _FIELD_KEYS.get(name) or "    " + _json_string(name) + ": "
        if isinstance(value, str):
            lines.append(key + _json_string(value))
        elif _is_date(value):
            lines.append(key + _date_text(value["date-parts"][0]))
        elif _is_names(value):
            lines.append(key + _names_text(value))
        else:
            nested = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            lines.append(key + _DATE_PARTS.sub(_one_line_parts, nested))
    return ",\n".join(lines)


def _date_text(parts: Iterable[int]) -> str:
    """A date's value (``{"date-parts": [[2020, 3]]}``), as `item_fields` writes it."""
    return '{\n      "date-parts": [[' + ", ".join(map(str, parts)) + "]]\n    }"


@lru_cache(maxsize=8192)  # dates recur
def _iso_date_text(date: str | None) -> str:
    """The value of an ISO date as cited (`_date_text`); "" when it is not one."""
    parts = iso_parts(date)
    return _date_text(parts) if parts else ""


def _names_text(names: Iterable[dict[str, str]]) -> str:
    """An ``author`` list's value, as `item_fields` writes it."""
    return "[\n" + ",\n".join(map(_name_text, names)) + "\n    ]"


def _authors_text(authors: list[str]) -> str:
    """A reference's authors as an ``author`` list's value (`_names_text` of their
    ``{"family", "given"}`` or ``{"literal"}`` names), written from the names directly; ""
    for no names."""
    names = [name for name in map(_author_text, authors) if name]
    return "[\n" + ",\n".join(names) + "\n    ]" if names else ""


@lru_cache(maxsize=16384)  # the same authors are cited again and again
def _author_text(name: str) -> str:
    """One author of `_authors_text`; "" for a blank name."""
    name = clean(name)
    if not name:
        return ""
    person = split_person(name)
    if person is None:
        return '      {\n        "literal": ' + _json_string(name) + "\n      }"
    family, given = person
    return '      {\n        "family": ' + _json_string(family) + (
        ',\n        "given": ' + _json_string(given) if given else "") + "\n      }"


def _name_text(name: dict[str, str]) -> str:
    """One name of an ``author`` list, as `item_fields` writes it."""
    return "      {\n" + ",\n".join(
        "        " + _json_string(part) + ": " + _json_string(text)
        for part, text in name.items()) + "\n      }"


def _is_date(value: Any) -> bool:
    """``{"date-parts": [[2020, 3]]}``: the shape footcheck writes dates in."""
    if not isinstance(value, dict) or len(value) != 1 or "date-parts" not in value:
        return False
    parts = value["date-parts"]
    return (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)
            and bool(parts[0]) and all(type(part) is int for part in parts[0]))


def _is_names(value: Any) -> bool:
    """``[{"family": ..., "given": ...}, {"literal": ...}]``: how footcheck writes names."""
    return isinstance(value, list) and bool(value) and all(
        isinstance(name, dict) and name
        and all(isinstance(text, str) for text in name.values()) for name in value)


_DATE_PARTS = re.compile(r'"date-parts": \[\s*\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]\s*\]')


def _one_line_parts(match: re.Match[str]) -> str:
    return '"date-parts": [[' + re.sub(r",\s*", ", ", match.group(1)) + "]]"


def parse_csl(text: str) -> list[dict[str, Any]]:
    """A CSL-JSON file the user may have edited -> its items. Raises ValueError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error.msg} at line {error.lineno}") from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and isinstance(item.get("id"), str | int) for item in data
    ):
        raise ValueError("not a CSL-JSON list of items with ids")
    return data


def to_record(item: dict[str, Any]) -> Record:
    fields = {k: v for k, v in item.items() if k != "id"}
    fields[TYPE_FIELD] = fields.pop("type", "document")
    return Record(key=str(item["id"]), fields=fields)


def from_record(record: Record) -> dict[str, Any]:
    fields = dict(record.fields)
    return {"id": record.key, "type": fields.pop(TYPE_FIELD, "document"), **fields}


def csl_identities(record: Record) -> list[str]:
    fields = record.fields
    found = []
    if isinstance(fields.get("DOI"), str) and fields["DOI"].strip():
        found.append("doi:" + normalise_doi(fields["DOI"]))
    if isinstance(fields.get("URL"), str) and (identity := url_identity(fields["URL"])):
        found.append("url:" + identity)
    title = title_identity(fields["title"]) if isinstance(fields.get("title"), str) else None
    if title:
        year = ""
        issued = fields.get("issued")
        with contextlib.suppress(KeyError, IndexError, TypeError):
            year = str(issued["date-parts"][0][0])  # type: ignore[index]
        found.append(f"title:{title}|{year}")
    return found
