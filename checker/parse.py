"""The parse pipeline: paths -> Documents with footnotes and references, plus parse findings."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path

from checker.errors import InputError
from checker.extract import document_metadata, extract_footnotes
from checker.load import read_document
from checker.model import Document, Finding, Reference, Severity
from checker.references import parse_references, repair_across_notes, resolve_backreferences

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml")


@dataclass
class ParseRun:
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Directories become the documents inside them (sorted, not recursive).

    A folder's README is its description, not one of its documents, so it is left out;
    a README named explicitly is parsed like any file.
    """
    expanded: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = [
                str(child)
                for child in sorted(path.iterdir())
                if child.is_file()
                and child.suffix.lower() in DOCUMENT_SUFFIXES
                and not child.name.startswith(".")
                and not child.stem.upper().startswith("README")
            ]
            # An empty folder stays in the list so that loading names the problem.
            expanded.extend(inside or [given])
        else:
            expanded.append(given)
    return expanded


def parse_document(doc: Document, doc_date: str | None = None) -> list[Finding]:
    """Fill `doc` with its metadata, footnotes and references; return parse findings."""
    title, stated_date = document_metadata(doc)
    doc.title = title
    if doc_date:
        doc.date, doc.date_source = doc_date, "option"
    elif stated_date:
        doc.date, doc.date_source = stated_date, "stated"
    footnotes, findings = extract_footnotes(doc)
    for footnote, references in zip(
        footnotes, parse_all([f.text for f in footnotes]), strict=True
    ):
        footnote.references = references
    resolve_backreferences(footnotes)
    repair_across_notes(footnotes)
    doc.footnotes = footnotes
    findings.extend(url_repair_findings(doc))
    return findings


PARALLEL_FROM = 5000  # notes; below this, starting worker processes costs more than it saves


_FIELDS = tuple(f.name for f in fields(Reference))


def _parse_chunk(texts: list[str]) -> list[list[Reference]]:
    return [parse_references(text) for text in texts]


def _parse_chunk_as_tuples(texts: list[str]) -> list[list[tuple]]:
    """Plain tuples cross the process boundary several times faster than dataclasses."""
    with gc_paused():
        return [
            [tuple(getattr(ref, name) for name in _FIELDS) for ref in refs]
            for refs in _parse_chunk(texts)
        ]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Parsing allocates many small objects that live on: collecting them midway is waste."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_all(texts: list[str]) -> list[list[Reference]]:
    """parse_references over many notes, on every core for a large document."""
    workers = min(os.cpu_count() or 1, 8)
    if len(texts) < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        with gc_paused():
            return _parse_chunk(texts)
    size = -(-len(texts) // (workers * 2))
    chunks = [texts[i: i + size] for i in range(0, len(texts), size)]
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool, \
                gc_paused():
            return [
                [Reference(*values) for values in refs]
                for chunk in pool.map(_parse_chunk_as_tuples, chunks)
                for refs in chunk
            ]
    except (OSError, BrokenProcessPool):
        with gc_paused():
            return _parse_chunk(texts)


def url_repair_findings(doc: Document) -> list[Finding]:
    findings = []
    for footnote in doc.footnotes:
        for reference in footnote.references:
            if reference.repairs and not reference.ibid:
                findings.append(
                    Finding(
                        rule="url-malformed",
                        severity=Severity.WARNING.value,
                        document=doc.path,
                        footnotes=[footnote.number],
                        line=footnote.line,
                        message=(
                            f"URL printed as {reference.url_as_printed!r} was repaired to "
                            f"{reference.url!r}: " + "; ".join(reference.repairs)
                        ),
                    )
                )
    return findings


def parse_paths(paths: Iterable[str], doc_date: str | None = None) -> ParseRun:
    run = ParseRun()
    for path in expand_paths(paths):
        try:
            doc = read_document(path)
        except InputError as error:
            run.errors.append(error)
            continue
        run.findings.extend(parse_document(doc, doc_date))
        run.documents.append(doc)
    return run
