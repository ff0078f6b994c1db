"""A bibliography file as a document: each entry is one "note" labelled with its key.

`footcheck check refs.bib` (or a CSL-JSON export) checks and audits the entries the way it
does a paper's notes: the entry's fields are its reference (see `bibliography.read`), its
number is its position in the file and its `label` the key, so that findings and reports
name keys (see `rules.common.name_entries`).
"""

from __future__ import annotations

from checker.bibliography.read import BibliographyError, read_bib_blocks, read_csl
from checker.errors import InputError, InputProblem
from checker.model import Document, Finding, Footnote, Reference, Severity


def entry_text(reference: Reference) -> str:
    """The entry as a one-line citation: ``Kant, Immanuel. "Title." Journal, 2020. URL``."""
    parts = []
    if reference.authors:
        parts.append("; ".join(reference.authors) + ".")
    if reference.title:
        parts.append(f"\u201c{reference.title}.\u201d")
    tail = [p for p in (reference.container, reference.date) if p]
    if tail:
        parts.append(", ".join(tail) + ".")
    if reference.doi:
        parts.append(f"doi:{reference.doi}")
    if reference.url:
        parts.append(reference.url)
    return " ".join(parts)


def extract_bibliography(doc: Document) -> tuple[list[Footnote], list[Finding]]:
    """One footnote per entry (number = position, label = key, references = the entry).
    Raises `InputError` when no entry at all can be read (garbage, a JSON that is no CSL)."""
    failed: list[int] = []
    try:
        if doc.format == "csljson":
            items = read_csl(doc.text)
        else:
            items, failed = read_bib_blocks(doc.text)
    except BibliographyError as error:  # nothing to check: unusable input, as a binary is
        raise InputError(doc.path, InputProblem.DAMAGED,
                         f"is no usable bibliography: {error}") from None
    footnotes = []
    for number, item in enumerate(items, start=1):
        reference = item.reference
        reference.raw = entry_text(reference)
        footnotes.append(Footnote(number=number, line=item.line, text=reference.raw,
                                  marker_lines=(item.line,), references=[reference],
                                  label=item.key))
    findings = [Finding(rule="bibliography", severity=Severity.WARNING.value, document=doc.path,
                        line=line, message=f"the block at line {line} is not a readable entry "
                        "(an unclosed brace, a missing key or comma?): left out of the check")
                for line in failed]
    return footnotes, findings
