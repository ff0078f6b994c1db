"""The per-footnote table rows shared by the Markdown and HTML reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.linkcheck.targets import normalise_url, site_url
from checker.model import Document, Finding, LinkResult
from checker.report import ReportInput


@dataclass
class Row:
    number: int
    title: str
    link: str | None  # URL, or the site when only a site is cited
    href: str | None
    status: str
    archive_url: str | None = None
    recovered_url: str | None = None
    rules: list[str] = field(default_factory=list)


def short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _links_by_url(links: list[LinkResult]) -> dict[str, LinkResult]:
    return {link.url: link for link in links}


def findings_by_note(findings: list[Finding], document: str) -> dict[int, list[str]]:
    notes: dict[int, list[str]] = {}
    for finding in findings:
        if finding.document != document:
            continue
        for number in finding.footnotes:
            rules = notes.setdefault(number, [])
            if finding.rule not in rules:
                rules.append(finding.rule)
    return notes


def document_rows(doc: Document, inp: ReportInput) -> list[Row]:
    links = _links_by_url(inp.links)
    notes = findings_by_note(inp.findings, doc.path)
    not_checked = "offline" if inp.offline else "not checked"
    rows = []
    for footnote in doc.footnotes:
        references = footnote.references or [None]
        for reference in references:
            if reference is None:
                rows.append(Row(footnote.number, short(footnote.text), None, None, "no citation",
                                rules=notes.get(footnote.number, [])))
                continue
            link_text = reference.url or reference.domain
            key = None
            if reference.url:
                key = normalise_url(reference.url)
            elif reference.domain:
                key = site_url(reference.domain)
            result = links.get(key) if key else None
            status = result.status if result else ("no link" if not link_text else not_checked)
            rows.append(Row(
                number=footnote.number,
                title=short(reference.title or reference.container or footnote.text),
                link=link_text,
                href=reference.url or (key if key else None),
                status=status,
                archive_url=result.archive_url if result else None,
                recovered_url=result.recovered_url if result else None,
                rules=notes.get(footnote.number, []),
            ))
    return rows
