"""Writing ``refs/<doc-id>.bib`` and ``refs/<doc-id>.json``: atomically, never over hand edits.

Atomic: each file is written to a temporary file in the same folder, flushed and fsynced,
then renamed over the old one (``os.replace``), so a reader or a crash sees the old file or
the new one, never half of one. In order: the bases of the pairs written together (`parse`
writes a document's pair and the library's), then the state once, then their files, so that
a crash leaves files the state knows; a file that is its base's text (with the .bib's
fingerprint line) is copied from the base, not encoded again.

Hand edits. footcheck remembers what it wrote:

* the .bib carries ``% footcheck-sha256: <hex>``, the SHA-256 of the file without that line;
* ``refs/.footcheck-state.json`` keeps, per file, the SHA-256 of the texts footcheck wrote
  (JSON has no comments) and, per document, what a link check learned (see `update`), so
  that a later ``parse`` does not lose the updated URLs; a command reads it once;
* ``refs/.footcheck-base/<name>`` keeps the text footcheck generated last for each file:
  the base of a three-way merge (see `merge`), read only when a merge needs it.

A file whose content is not what footcheck last wrote was edited by hand (a file footcheck
never wrote counts as edited). Then `on_edited` decides: ``refuse`` (raise `WriteRefused`,
touch nothing), ``merge`` (keep every field and entry the user changed or added, add ours,
say which), ``force`` (overwrite, keeping the user's version as ``<name>.bak``).

A file that is still footcheck's own but holds edits merged earlier is merged again with
the base silently, so those edits survive later runs.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from json.encoder import encode_basestring as _json_string  # as dumps(ensure_ascii=False)
from pathlib import Path
from typing import Any, BinaryIO

from checker.bibliography.biblatex import (
    BibRecord,
    bib_identities,
    bib_records,
    biblatex_lines,
    biblatex_record,
    braced,
    braced_line,
    classic_lines,
    classic_record,
    entry_text,
    field_line,
    field_lines,
    header_lines,
    is_classic,
    parse_bib,
    render_bib,
    shared_values,
)
from checker.bibliography.csljson import (
    csl_identities,
    csl_item,
    csl_items,
    from_record,
    item_lines,
    item_text,
    parse_csl,
    render_csl,
    string_field,
    to_record,
)
from checker.bibliography.entries import LEARNED_FIELDS, Entry, build_entries
from checker.bibliography.library import (
    CITED_IN,
    LibraryEntries,
    LibraryEntry,
    StoredWorks,
    compact_json,
    library_entries,
    stored_works,
)
from checker.bibliography.merge import MergeReport, Record, three_way
from checker.bibliography.pieces import Pieces
from checker.errors import ConfigError, ConfigProblem, WriteProblem, WriteRefused
from checker.model import Document

STATE_NAME = ".footcheck-state.json"
BASE_DIR = ".footcheck-base"  # refs/.footcheck-base/<name>: what footcheck generated last
LIBRARY_STEM = "library"  # refs/library.bib and .json: every document's works (see library)
ON_EDITED = ("refuse", "merge", "force")
_FINGERPRINT = re.compile(r"^% footcheck-sha256: ([0-9a-f]{64})\n", re.MULTILINE)
_PIECE = 1 << 20  # characters written at a time
_HASHES_KEPT = 2  # the text written now and the one before (a crash between writes)
_JSON_ESCAPED = bytes([*range(32), ord('"'), ord("\\")])  # json escapes these (`_json_pairs`)
_CSL_ID = '  {\n    "id": '  # an item's opening and its first field (`csljson.item_text`)
_CSL_CITED_IN = ",\n" + string_field(CITED_IN, "")[:-2]  # `string_field` less its value
# id(entry.reference) -> a document's entry rendered for its own files, less its key and note:
# the .bib type and field lines and the CSL item's field lines, made the library's entry
# under the library's key (`render_entries`, `render_library`)
Rendered = dict[int, tuple[str, str, str]]


@dataclass
class WriteResult:
    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    # (old text, new text, their names); the new as written, in pieces
    changes: list[tuple[str, str | Pieces, str, str]] = field(default_factory=list)

    @property
    def diff(self) -> str:
        """Unified diff of every file changed (made on demand: a large bibliography's diff
        costs seconds that `parse` never needs)."""
        return "".join(
            "".join(difflib.unified_diff(
                _without_fingerprint(old).splitlines(keepends=True),
                _without_fingerprint(str(new)).splitlines(keepends=True),
                fromfile=before, tofile=after,
            ))
            for old, new, before, after in self.changes
        )


# -- fingerprints and files -----------------------------------------------------------------
def sha256(text: str, skip: tuple[int, int] = (0, 0)) -> str:
    """SHA-256 of `text` as UTF-8, without the characters ``text[skip[0]:skip[1]]``; encoded
    a piece at a time (a large file's text is not copied whole)."""
    digest = hashlib.sha256()
    for start, end in ((0, skip[0]), (skip[1], len(text))):
        for at in range(start, end, _PIECE):
            digest.update(text[at: min(at + _PIECE, end)].encode("utf-8"))
    return digest.hexdigest()


def add_fingerprint(text: str) -> str:
    """Insert the fingerprint line after the leading ``%`` comment lines."""
    at = _comments_end(text)
    return f"{text[:at]}% footcheck-sha256: {sha256(text)}\n{text[at:]}"


def _comments_end(text: str) -> int:
    """Where the leading ``%`` comment lines of `text` end."""
    at = 0
    while text.startswith("%", at):
        end = text.find("\n", at)
        at = len(text) if end < 0 else end + 1
    return at


def bib_fingerprint(text: str) -> tuple[str | None, bool]:
    """(the recorded fingerprint, whether the text still matches it)."""
    match = _FINGERPRINT.search(text)
    if not match:
        return None, False
    return match.group(1), sha256(text, skip=match.span()) == match.group(1)


def atomic_write(path: Path, text: str | Iterable[str], *, tail: Path | None = None,
                 tail_start: int = 0, digest: Any = None) -> None:
    """Write `text` (UTF-8, ``\\n`` line ends), or its pieces in turn, to `path` by temp file
    + fsync + rename; then, with `tail`, the bytes of the file `tail` from `tail_start` on,
    copied by the kernel (a generated file is the base written just before it). `digest`
    (a hashlib object), when given, is updated with the bytes of `text` as they are written."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pieces = (text[i: i + _PIECE] for i in range(0, len(text), _PIECE)) \
                if isinstance(text, str) else text  # never the whole file encoded at once
            for piece in pieces:
                data = piece.encode("utf-8")
                if digest is not None:
                    digest.update(data)
                handle.write(data)
            handle.flush()
            if tail is not None:
                _copy_tail(tail, tail_start, handle)
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (not on every OS)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _copy_tail(source: Path, start: int, handle: BinaryIO) -> None:
    """Append the bytes of `source` from `start` on to `handle` (flushed): in the kernel
    where it can (``copy_file_range``), else read and written."""
    with open(source, "rb") as src:
        size = os.fstat(src.fileno()).st_size
        with contextlib.suppress(AttributeError, OSError):  # no such call, or not here
            while start < size:
                copied = os.copy_file_range(src.fileno(), handle.fileno(), size - start, start)
                if not copied:
                    break
                start += copied
        if start < size:
            handle.seek(0, os.SEEK_END)
            src.seek(start)
            shutil.copyfileobj(src, handle)


def _write(path: Path, text: str | Iterable[str] | Pieces, tail: Path | None = None,
           tail_start: int = 0, digest: Any = None) -> None:
    try:
        atomic_write(path, text.chunks() if isinstance(text, Pieces) else text, tail=tail,
                     tail_start=tail_start, digest=digest)
    except OSError as error:
        raise ConfigError(ConfigProblem.UNWRITABLE,
                          f"{path}: cannot write: {error.strerror or error}") from None


def _read(path: Path) -> tuple[bool, str | None]:
    """(exists, text); text None when the file is not UTF-8 text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False, None
    except OSError as error:
        raise ConfigError(ConfigProblem.UNREADABLE,
                          f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return True, data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True, None


# -- state ----------------------------------------------------------------------------------
# 2: the library's works kept as arrays (`library.StoredWorks`); a state of 1, which kept
# them as objects, is read all the same
STATE_VERSION = 2


def load_state(refs_dir: Path) -> dict[str, Any]:
    """The state file, or an empty state when it is missing or unreadable."""
    try:
        state = json.loads((refs_dir / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": STATE_VERSION, "files": {}, "learned": {}}
    if not isinstance(state, dict):
        state = {}
    for name in ("files", "learned"):
        if not isinstance(state.get(name), dict):
            state[name] = {}
    state["version"] = STATE_VERSION
    return state


def forget_stored_works(state: dict[str, Any], entries: dict[str, list[Entry]]) -> None:
    """Put the entries of documents parsed again in place of the works the state kept of
    them (which `write_library` replaces all the same), in the same place among the
    documents: a hundred thousand works read from the state are let go at once."""
    library = state.get("library")
    documents = library.get("documents") if isinstance(library, dict) else None
    if not isinstance(documents, dict):
        return
    for doc_id, doc_entries in entries.items():
        if doc_id in documents:
            documents[doc_id] = stored_works(doc_entries)


def _records_from_json(data: Any) -> list[Record] | None:
    if not isinstance(data, list):
        return None
    records = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("fields"), dict):
            return None
        records.append(Record(key=str(item.get("key")), fields=item["fields"]))
    return records


def restore_learned(entries: list[Entry], refs_dir: Path, doc_id: str,
                    state: dict[str, Any] | None = None) -> None:
    """Put back what earlier link checks learned about these entries (kept in the state:
    `state` when read already), for entries still citing the same URL."""
    state = load_state(refs_dir) if state is None else state
    stored = state["learned"].get(doc_id)
    if not isinstance(stored, dict):
        return
    for entry in entries:
        learned = stored.get(entry.key)
        if isinstance(learned, dict) and learned.get("cited_url") == entry.reference.url:
            entry.learned.update(
                {k: v for k, v in learned.items() if k in LEARNED_FIELDS and isinstance(v, str)}
            )


# -- one file -------------------------------------------------------------------------------
@dataclass
class _Plan:
    path: Path
    ours: Any  # () -> list[Record]: generated now, as records (made only to merge)
    generated: Pieces  # ours rendered: written when nothing is merged, and the next base
    render: Any  # list[Record] -> text (without fingerprint)
    parse: Any  # the file on disk -> list[Record] (ValueError); keeps what it must carry over
    parse_base: Any  # footcheck's own earlier text -> list[Record] (ValueError)
    identify: Any
    fingerprinted: bool
    exists: bool = False
    old: str | None = None
    status: str = "new"  # new | ours | edited | foreign
    text: Pieces = field(default_factory=lambda: Pieces([]))  # to write
    digest: str = ""  # SHA-256 of `text` (without its fingerprint line: what the line says)
    unchanged: bool = False  # `text` is the file as it is
    # `text` as (its start, where the rest begins in the base's bytes): when `text` is
    # `generated`, written first as the base, with the fingerprint line inserted if any
    from_base: tuple[str, int] | None = None
    report: MergeReport | None = None
    backup: bool = False


def _classify(plan: _Plan, state_entry: dict[str, Any] | None) -> None:
    plan.exists, plan.old = _read(plan.path)
    if not plan.exists:
        plan.status = "new"
    elif plan.old is None:
        plan.status = "foreign"
    elif plan.fingerprinted:
        recorded, intact = bib_fingerprint(plan.old)
        plan.status = "ours" if intact else ("edited" if recorded else "foreign")
    else:
        hashes = (state_entry or {}).get("sha256") or []
        plan.status = "ours" if sha256(plan.old) in hashes else (
            "edited" if state_entry else "foreign")


def _set_text(plan: _Plan, text: Pieces, digest: str | None = None) -> None:
    """`plan.text`: `text`, fingerprinted when the file is, and its digest (`digest`: the
    SHA-256 of `text`, when known)."""
    plan.from_base = None
    if not plan.fingerprinted:
        plan.text, plan.digest = text, digest or text.sha256()
        plan.from_base = ("", 0) if text is plan.generated else None
        return
    first = text.pieces[0] if text.pieces else ""
    at = _comments_end(first)
    if at >= len(first):  # the leading comment lines run past the first piece
        whole = str(text)
        plan.text, plan.digest = Pieces([add_fingerprint(whole)]), sha256(whole)
        return
    plan.digest = digest or text.sha256()
    line = f"% footcheck-sha256: {plan.digest}\n"
    plan.text = text.with_line(line, at)
    if text is plan.generated:
        plan.from_base = (first[:at] + line, len(first[:at].encode("utf-8")))


def _base_path(path: Path) -> Path:
    return path.parent / BASE_DIR / path.name


def _base(plan: _Plan, stored: dict[str, Any]) -> list[Record] | None:
    """What footcheck generated last time: kept as a file beside the state (older states
    kept it as text in themselves, and before that as records)."""
    text = stored.get("generated_text")
    if not isinstance(text, str):
        text = _read(_base_path(plan.path))[1]
    if isinstance(text, str):
        try:
            return plan.parse_base(text)
        except ValueError:
            return None
    return _records_from_json(stored.get("generated"))


def _merge(plan: _Plan, base: list[Record] | None, *, quiet_failure: bool) -> bool:
    """Merge the file on disk with ours into plan.text; False if it does not parse."""
    try:
        current = plan.parse(plan.old or "")
    except ValueError as error:
        if quiet_failure:
            return False
        raise WriteRefused(
            WriteProblem.UNMERGEABLE,
            f"{plan.path}: cannot merge, the file does not parse ({error}); fix it or rerun "
            "with --force to overwrite it (a .bak copy is kept)"
        ) from None
    merged, plan.report = three_way(current, base, plan.ours(), plan.identify)
    _set_text(plan, Pieces([plan.render(merged)]))
    return True


def _refusal(plans: list[_Plan]) -> str:
    edited = [p for p in plans if p.status in ("edited", "foreign")]
    names = " and ".join(str(p.path) for p in edited)
    why = ("was not written by footcheck (or its footcheck header was removed)"
           if all(p.status == "foreign" for p in edited) else "was edited by hand")
    why = why.replace("was", "were", 1) if len(edited) > 1 else why
    return (f"{names} {why}; not overwritten. Rerun with --merge to keep your edits and add "
            "footcheck's, or --force to overwrite (a .bak copy is kept)")


@dataclass
class Generated:
    """A bibliography as footcheck generates it: each entry's text in the .bib
    (`biblatex.entry_text`) and in the CSL-JSON (`csljson.item_text`), and the same entries
    as a .bib's records and CSL items, made only when a merge needs them."""

    bib: list[str]  # the entries' pieces, separators included
    csl: list[str]
    count: int
    bib_records: Callable[[], list[BibRecord]]
    csl_items: Callable[[], list[dict[str, Any]]]

    def add(self, bib: Iterable[str], csl: Iterable[str]) -> None:
        """One more entry, as the pieces of its .bib and CSL-JSON texts."""
        if self.count:
            self.bib.append("\n")
            self.csl.append(",\n")
        self.bib.extend(bib)
        self.csl.extend(csl)
        self.count += 1


def _bib_plan(generated: Generated, path: Path, source: str, classic: bool) -> _Plan:
    header = header_lines(source, classic=classic)
    extra: list[str] = []

    def parse(text: str) -> list[Record]:
        records, blocks = parse_bib(text)
        extra[:] = blocks
        return [r.to_record() for r in records]

    def parse_base(text: str) -> list[Record]:
        return [r.to_record() for r in parse_bib(text)[0]]

    def render(records: list[Record]) -> str:
        return render_bib((BibRecord.from_record(r) for r in records), header, extra)

    # as `bib_text` writes it (no blocks carried over: made before any parse)
    head = "\n".join(header) + "\n" + ("\n" if generated.count else "")
    body, generated.bib = generated.bib, []  # handed over, not kept twice
    return _Plan(path=path, ours=lambda: [r.to_record() for r in generated.bib_records()],
                 generated=Pieces([head, *body]),
                 render=render, parse=parse, parse_base=parse_base,
                 identify=bib_identities, fingerprinted=True)


def _csl_plan(generated: Generated, path: Path) -> _Plan:
    def parse(text: str) -> list[Record]:  # JSON carries nothing over: one parse serves both
        return [to_record(item) for item in parse_csl(text)]

    body, generated.csl = generated.csl, []  # as `csl_text` writes it
    return _Plan(
        path=path, ours=lambda: [to_record(item) for item in generated.csl_items()],
        generated=Pieces(["[\n", *body, "\n]\n"] if body else ["[]\n"]),
        render=lambda records: render_csl(from_record(r) for r in records),
        parse=parse, parse_base=parse, identify=csl_identities, fingerprinted=False,
    )


# -- rendering ------------------------------------------------------------------------------
def _bib_head(kind: str, key: str) -> str:
    return f"@{kind}{{{key},\n"  # as `biblatex.entry_text` writes it


def _csl_head(key: str) -> str:
    return _CSL_ID + _json_string(key) + ",\n"  # as `csljson.item_text` writes it


def render_entries(entries: list[Entry], *, classic: bool = False,
                   rendered: Rendered | None = None) -> Generated:
    """A document's entries as its .bib and CSL-JSON generate them, one entry at a time
    (nothing kept but the texts). `rendered`, when given (biblatex only), gets the parts of
    every entry without learned values that the library reuses (`render_library`)."""
    keep = rendered is not None and not classic
    generated = Generated([], [], 0, lambda: bib_records(entries, classic=classic),
                          lambda: csl_items(entries))
    for entry in entries:
        # Both end with their note (the notes citing the work), which the library leaves out.
        shared = shared_values(entry)
        (kind, fields, note), (middle, csl_note) = (
            classic_lines(entry) if classic else biblatex_lines(entry, shared),
            item_lines(entry, shared))
        generated.add(
            [_bib_head(kind, entry.key), fields,
             field_line("note", note) + "}\n" if note else "}\n"],
            [_csl_head(entry.key), middle,
             ",\n" + string_field("note", csl_note) + "\n  }" if csl_note else "\n  }"])
        if keep and not entry.learned:
            rendered[id(entry.reference)] = (kind, fields, middle)  # type: ignore[index]
    return generated


def render_library(library: LibraryEntries, *, classic: bool = False,
                   rendered: Rendered | None = None) -> Generated:
    """The library's entries as its .bib and CSL-JSON generate them: each with the
    documents citing it (``footcheck-cited-in``) and no note. A work the library holds as one
    document cites it is that document's entry as `render_entries` rendered it (`rendered`),
    under the library's key."""
    make = classic_record if classic else biblatex_record
    reuse = rendered if rendered is not None and not classic else {}

    def record(item: LibraryEntry) -> BibRecord:
        made = make(item.entry)
        made.fields[CITED_IN] = braced(item.cited_in_text)
        return made

    def csl(item: LibraryEntry) -> dict[str, Any]:
        return {**csl_item(item.entry), CITED_IN: item.cited_in_text}

    generated = Generated([], [], 0, lambda: list(map(record, library)),
                          lambda: list(map(csl, library)))
    # each work's pieces, by position, made in the works' order (see `LibraryEntries.rows`)
    bibs: list[Iterable[str]] = [()] * len(library)
    csls: list[Iterable[str]] = [()] * len(library)
    for work, key, reference, cited_in in library.rows():
        # Document ids are [A-Za-z0-9._-] (load.document_id) and the field is never printed:
        # written as is, so that tools reading it back get the ids.
        done = reuse.pop(id(reference), None) if reference is not None else None
        if done is None:
            item = library.entry(work)
            made = record(item)
            bibs[work] = (entry_text(made.type, key, field_lines(made.fields)),)
            csls[work] = (item_text(csl(item)),)
        else:
            kind, fields, middle = done
            bibs[work] = (_bib_head(kind, key), fields, braced_line(CITED_IN, cited_in) + "}\n")
            csls[work] = (_csl_head(key), middle,
                          _CSL_CITED_IN + _json_string(cited_in) + "\n  }")
    for work in library.order:
        generated.add(bibs[work], csls[work])
    return generated


# -- the pair -------------------------------------------------------------------------------
def write_entries(
    doc: Document,
    entries: list[Entry],
    refs_dir: Path,
    *,
    classic: bool = False,
    on_edited: str = "refuse",
    keep_backup: bool = False,
    rendered: Rendered | None = None,
    state: dict[str, Any] | None = None,
    pending: Pending | None = None,
) -> WriteResult:
    """Write `entries` as ``<refs_dir>/<doc.id>.bib`` and ``.json`` (see the module docstring).
    `state`: the state file's content when read already (`load_state`; updated here);
    `pending`: see `write_pair`.

    `rendered`, when given, gets every entry without learned values rendered less its key
    and note, by its reference (for `write_library`).

    With `keep_backup` every file that changes keeps its previous version as ``.bak``
    (``check --update-refs``). Raises `WriteRefused` (nothing written) for hand-edited files
    under ``refuse``, or an edited file that cannot be parsed under ``merge``; `ConfigError`
    for an unknown `on_edited` or a folder that cannot be written.
    """
    refs_dir = Path(refs_dir)
    stem = document_stem(doc.id)
    if not entries:
        result = WriteResult()
        result.messages.append(
            f"{doc.path}: no cited works; {refs_dir / (stem + '.bib')} not written")
        return result
    generated = render_entries(entries, classic=classic, rendered=rendered)

    def remember(state: dict[str, Any]) -> None:
        learned = {e.key: {"cited_url": e.reference.url, **e.learned}
                   for e in entries if e.learned}
        if learned:
            state["learned"][doc.id] = learned
        else:
            state["learned"].pop(doc.id, None)

    return write_pair(refs_dir, stem, Path(doc.path).name, generated, classic=classic,
                      on_edited=on_edited, keep_backup=keep_backup, update_state=remember,
                      state=state, pending=pending)


def written_classic(path: Path) -> bool:
    """Whether the footcheck .bib at `path` is plain BibTeX (False: biblatex, or no file)."""
    try:
        return bool(is_classic(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def document_stem(doc_id: str) -> str:
    """The file name of a document's bibliography: its id, unless that is the library's."""
    return doc_id + "_document" if doc_id == LIBRARY_STEM else doc_id


def write_pair(
    refs_dir: Path,
    stem: str,
    source: str,
    generated: Generated,
    *,
    classic: bool = False,
    on_edited: str = "refuse",
    keep_backup: bool = False,
    update_state: Any = None,
    state: dict[str, Any] | None = None,
    pending: Pending | None = None,
) -> WriteResult:
    """Write ``<refs_dir>/<stem>.bib`` and ``.json`` as `generated` (see the module
    docstring); `update_state(state)` adds to the state written with them; `state`: the
    state when read already (updated here, as written). Merge `Record`s are made only when a
    merge needs them. With `pending` (whose state `state` is) the bases are written here,
    the state and the files later, with those of other pairs (`Pending.write`)."""
    if on_edited not in ON_EDITED:
        raise ConfigError(ConfigProblem.INVALID, f"on_edited must be one of "
                          f"{', '.join(ON_EDITED)}, not {on_edited!r}")
    result = WriteResult()
    try:
        refs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(ConfigProblem.UNWRITABLE,
                          f"{refs_dir}: cannot create: {error.strerror or error}") from None
    state = load_state(refs_dir) if state is None else state
    count = generated.count
    plans = [_bib_plan(generated, refs_dir / f"{stem}.bib", source, classic),
             _csl_plan(generated, refs_dir / f"{stem}.json")]
    for plan in plans:
        _classify(plan, state["files"].get(plan.path.name))
    if on_edited == "refuse" and any(p.status in ("edited", "foreign") for p in plans):
        raise WriteRefused(WriteProblem.EDITED, _refusal(plans))

    for plan in plans:
        stored = state["files"].get(plan.path.name) or {}
        # the generated text is fingerprinted once hashed, as its base is written (below)
        if plan.status == "new" or (plan.status == "ours" and stored.get("merged") is False):
            plan.text = plan.generated  # no edits merged earlier to keep
        elif plan.status == "ours":
            base = _base(plan, stored)
            if base is None or not _merge(plan, base, quiet_failure=True):
                plan.text = plan.generated
        elif on_edited == "force":
            plan.text = plan.generated
            plan.backup = True
        else:
            _merge(plan, _base(plan, stored), quiet_failure=False)
        plan.backup = plan.backup or (keep_backup and plan.exists)

    # The bases and the state first: a crash later leaves files the state still knows.
    for plan in plans:
        base = _base_path(plan.path)
        try:
            base.parent.mkdir(exist_ok=True)
        except OSError as error:
            raise ConfigError(ConfigProblem.UNWRITABLE,
                              f"{base.parent}: cannot create: {error.strerror or error}") from None
        hashed = hashlib.sha256()
        _write(base, plan.generated, digest=hashed)
        if plan.text is plan.generated:
            _set_text(plan, plan.generated, hashed.hexdigest())
        plan.unchanged = plan.old is not None and plan.text.equals(plan.old)
        stored = state["files"].get(plan.path.name) or {}
        old_hashes = [h for h in stored.get("sha256", []) if isinstance(h, str)]
        state["files"][plan.path.name] = {
            "sha256": list(dict.fromkeys([plan.digest, *old_hashes]))[:_HASHES_KEPT],
            "merged": plan.report is not None,  # holds the user's edits: merge again next time
        }
    if update_state is not None:
        update_state(state)

    files = []
    for plan in plans:
        result.messages.append(_message(plan, count, classic))
        if plan.unchanged:
            continue
        backup = plan.path.with_name(plan.path.name + ".bak")
        kept = plan.old if plan.backup else None  # held until written: only when kept
        files.append(partial(_write_file, plan.path, None if plan.from_base else plan.text,
                             plan.from_base, backup, kept))
        result.written.append(plan.path)
        result.changes.append((plan.old or "", plan.text,
                               str(backup if plan.backup else plan.path), str(plan.path)))
    if pending is None:
        Pending(refs_dir, state, files, due=True).write()
    else:
        pending.files.extend(files)
        pending.due = True
    return result


@dataclass
class Pending:
    """Pairs written together (`write_pair`: a document's files and the library's): their
    bases as each is planned, then the state once, then their files (`write`)."""

    refs_dir: Path
    state: dict[str, Any]
    files: list[Callable[[], None]] = field(default_factory=list)  # each writes a file
    due: bool = False  # the state was updated

    def write(self) -> None:
        """The state, then the files (nothing when no pair updated the state)."""
        if self.due:
            _write(self.refs_dir / STATE_NAME, chain(_state_pieces(self.state), "\n"))
            for write in self.files:
                write()
        self.files.clear()
        self.due = False


def _write_file(path: Path, text: Pieces | None, from_base: tuple[str, int] | None,
                backup: Path, kept: str | None) -> None:
    """A pair's file (`_Plan`): `kept` (its old text) first written as `backup` when given;
    the text copied from the base when it is the base's (`from_base`)."""
    if kept is not None:
        _write(backup, kept)
    if from_base is not None:  # the base's bytes copied, not encoded again
        head, rest = from_base
        _write(path, head, tail=_base_path(path), tail_start=rest)
    elif text is not None:
        _write(path, text)


def _state_pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """The state as ``json.dumps(state, ensure_ascii=False, separators=(",", ":"))`` writes
    it, a document's works in the library (``library`` / ``documents`` / id) written from
    its entries (`library.StoredWorks`)."""
    if isinstance(value, StoredWorks):
        yield from value.json_pieces()
    elif isinstance(value, dict) and (depth < 2 or any(
            isinstance(item, StoredWorks) for item in value.values())):
        yield "{"
        for index, (name, item) in enumerate(value.items()):
            yield ("," if index else "") + compact_json(name) + ":"
            yield from _state_pieces(item, depth + 1)
        yield "}"
    elif isinstance(value, dict) and value and {*map(type, value), *map(type, value.values())} \
            == {str}:
        # the library's keys (identity -> key): a few hundred thousand, written directly
        # (json's encoder first makes a tuple of each pair), a batch at a time
        names, items, opening = iter(value), iter(value.values()), "{"
        while batch := list(islice(names, 4096)):
            yield opening + _json_pairs(batch, list(islice(items, len(batch))))
            opening = ","
        yield "}"
    else:
        yield compact_json(value)


def _json_pairs(names: list[str], values: list[str]) -> str:
    """``"a":"b","c":"d"``: the pairs of strings as json writes them (ensure_ascii False).
    Joined as they are and checked once for a character json escapes (identities and keys
    hardly have one); each string escaped by a C function only when the batch has one."""
    if len(names) != len(values):
        raise ValueError("as many values as names")
    # name, '":"', value, '","', name...: laid out by slices, joined once (no pair made)
    parts = [""] * (4 * len(names) - 1)
    parts[0::4], parts[1::4], parts[2::4] = names, ['":"'] * len(names), values
    parts[3::4] = ['","'] * (len(names) - 1)
    text = "".join(parts)
    data = text.encode("utf-8", "surrogatepass")  # json leaves a lone surrogate as it is
    if len(data.translate(None, _JSON_ESCAPED)) == len(data) - 4 * len(names) + 2:
        return '"' + text + '"'
    escaped = zip(map(_json_string, names), map(_json_string, values), strict=True)
    return ",".join(map(":".join, escaped))


def _without_fingerprint(text: str) -> str:
    """The diff shows what changed, not the fingerprint that changes with it."""
    return _FINGERPRINT.sub("", text)


def _message(plan: _Plan, count: int, classic: bool) -> str:
    kind = ("BibTeX" if classic else "biblatex") if plan.fingerprinted else "CSL-JSON"
    what = f"{count} entr{'y' if count == 1 else 'ies'}, {kind}"
    if plan.unchanged:
        return f"{plan.path}: unchanged ({what})"
    if plan.status in ("edited", "foreign") and plan.report is None:  # force
        return (f"{plan.path}: was edited by hand; overwritten (--force), your version is "
                f"in {plan.path.name}.bak ({what})")
    if plan.report is not None and plan.status in ("edited", "foreign"):
        return f"{plan.path}: merged with your edits: {plan.report.summary()} ({what})"
    backup = " (old version kept as .bak)" if plan.backup else ""
    if plan.report is not None and (plan.report.kept_fields or plan.report.kept_entries):
        return (f"{plan.path}: wrote {what}, keeping your earlier edits "
                f"({plan.report.summary()}){backup}")
    return f"{plan.path}: wrote {what}{backup}"


def write_bibliography(
    doc: Document, refs_dir: Path, *, classic: bool = False, on_edited: str = "refuse",
    entries: list[Entry] | None = None, rendered: Rendered | None = None,
    state: dict[str, Any] | None = None, pending: Pending | None = None,
) -> list[str]:
    """Write the .bib and CSL-JSON of `doc` from its entries (built here unless given);
    messages for the user. `rendered`, `state`, `pending`: see `write_entries`."""
    entries = build_entries(doc) if entries is None else entries
    state = load_state(Path(refs_dir)) if state is None else state
    restore_learned(entries, Path(refs_dir), doc.id, state)
    return write_entries(doc, entries, Path(refs_dir), classic=classic,
                         on_edited=on_edited, rendered=rendered, state=state,
                         pending=pending).messages


def write_library(
    documents: list[Document], refs_dir: Path, *, classic: bool = False,
    on_edited: str = "refuse", entries: dict[str, list[Entry]] | None = None,
    keep_backup: bool = False, rendered: Rendered | None = None,
    state: dict[str, Any] | None = None, pending: Pending | None = None,
) -> WriteResult:
    """Put the works of `documents` into ``refs/library.bib`` and ``.json``, beside those of
    the documents parsed into `refs_dir` before (see `library`): its messages and changes.
    `entries`: each document's entries by id, when built already (`build_entries`), with
    what link checks learned about them (`restore_learned`, `update.apply_link_results`);
    `rendered`: what writing their own files rendered of them (see `write_entries`), reused
    for the works the library holds as one document cites them; `state`, `pending`: see
    `write_pair`.
    With `keep_backup` a changed file keeps its previous version as ``.bak``."""
    refs_dir = Path(refs_dir)
    state = load_state(refs_dir) if state is None else state
    stored = state.get("library")
    stored = stored if isinstance(stored, dict) else {}
    works = stored.get("documents") if isinstance(stored.get("documents"), dict) else {}
    known = stored.get("keys") if isinstance(stored.get("keys"), dict) else {}
    known = {k: v for k, v in known.items() if isinstance(k, str) and isinstance(v, str)}
    current = {}
    for doc in documents:
        if entries and doc.id in entries:
            current[doc.id] = entries[doc.id]
        else:
            current[doc.id] = build_entries(doc)
            restore_learned(current[doc.id], refs_dir, doc.id, state)
    library, remembered = library_entries(works, known, current)
    for doc_id, doc_entries in current.items():
        works[doc_id] = stored_works(doc_entries)
    generated = render_library(library, classic=classic, rendered=rendered)

    def remember(state: dict[str, Any]) -> None:
        state["library"] = {"documents": works, "keys": {**known, **remembered}}

    source = "the documents parsed into " + (str(refs_dir) or ".")
    return write_pair(refs_dir, LIBRARY_STEM, source, generated, classic=classic,
                      on_edited=on_edited, keep_backup=keep_backup, update_state=remember,
                      state=state, pending=pending)
