"""The link-health report: one `ReportInput`, rendered as Markdown, HTML, JSON and JUnit XML.

Every renderer is a pure function of the input (no clock, no environment); `write.py` is the
only module that touches files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import Document, Finding, LinkResult


@dataclass
class ReportInput:
    documents: list[Document]
    links: list[LinkResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    offline: bool = False
    network_checked: bool = True  # False for `footcheck audit` (static only)
    notes: list[str] = field(default_factory=list)
    generated_at: str = ""
    tool_version: str = ""
    fail_on: str = "error"
    # A document's rows (rows.document_rows), built once for the renderers that show them.
    rows_by_document: dict[int, list] = field(default_factory=dict, init=False, repr=False,
                                              compare=False)


__all__ = ["ReportInput"]
