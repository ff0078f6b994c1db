"""Text -> footnotes: every definition, its text and line, and where it is marked.

`extract_footnotes` picks the extractor by the document's format and shape
(HTML, pandoc `[^1]` notes, or PDF-converted markdown/plain text) and adds the
`numbering` findings. `document_metadata` gives the stated title and date.
"""

from __future__ import annotations

from checker.extract.metadata import document_metadata
from checker.extract.numbering import numbering_findings
from checker.model import Document, Finding, Footnote

__all__ = ["document_metadata", "extract_footnotes"]


def extract_footnotes(doc: Document) -> tuple[list[Footnote], list[Finding]]:
    """Every footnote definition in `doc`, sorted by number, and the numbering findings."""
    check_order = True
    if doc.format == "html" or _looks_like_html(doc.text):
        from checker.extract.html import extract_html

        found, markers = extract_html(doc.text)
    else:
        from checker.extract.pandoc import extract_pandoc, has_pandoc_notes

        if has_pandoc_notes(doc.text):
            result = extract_pandoc(doc.text)
            found, markers = result.footnotes, result.markers
            check_order = False  # pandoc numbers notes itself; definition order is free
        else:
            from checker.extract.markdown import extract_markdown

            result = extract_markdown(doc.text)
            found, markers = result.footnotes, result.markers
    findings = numbering_findings(found, markers, doc.path, check_order=check_order)
    footnotes = sorted(found, key=lambda note: (note.number, note.line))
    return footnotes, findings


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html"))
