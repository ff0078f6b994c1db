"""Link results -> the network findings of the audit.

`link-broken` (error), `link-blocked` (warning), `link-redirected` (info: cite the new URL),
`archived-only` (warning: dead, but a snapshot exists; cite the archive). One finding per
document citing the link, carrying the footnotes and the line of the first of them.
"""

from __future__ import annotations

from checker.model import Document, Finding, LinkResult, LinkStatus, Severity


def _describe(link: LinkResult) -> str:
    status = f"HTTP {link.http_status}" if link.http_status else link.status
    return f"{link.url} ({status}: {link.reason})" if link.reason else f"{link.url} ({status})"


def finding_for(link: LinkResult) -> tuple[str, str, str] | None:
    """(rule, severity, message) for one link, or None when there is nothing to say."""
    if link.site_only:
        # A site named without a URL: its home page being down says little about the work.
        if link.status in (LinkStatus.BROKEN.value, LinkStatus.TIMEOUT.value):
            return ("link-broken", Severity.WARNING.value,
                    f"the cited site does not answer: {_describe(link)}")
        return None
    if link.status in (LinkStatus.BROKEN.value, LinkStatus.TIMEOUT.value):
        if link.archive_url:
            return ("archived-only", Severity.WARNING.value,
                    f"dead link {_describe(link)}; cite the archived copy {link.archive_url}")
        return ("link-broken", Severity.ERROR.value, f"dead link {_describe(link)}")
    if link.status == LinkStatus.BLOCKED.value:
        return ("link-blocked", Severity.WARNING.value,
                f"the site refused to show the page: {_describe(link)}")
    if link.status == LinkStatus.REDIRECTED.value or link.permanent_redirect:
        return ("link-redirected", Severity.INFO.value,
                f"{link.url} moved permanently; cite the new URL {link.final_url}")
    return None


def link_findings(links: list[LinkResult], documents: list[Document]) -> list[Finding]:
    lines = {
        (doc.path, footnote.part, footnote.number): footnote.line
        for doc in documents
        for footnote in doc.footnotes
    }
    findings = []
    for link in links:
        described = finding_for(link)
        if described is None:
            continue
        rule, severity, message = described
        by_document: dict[tuple[str, int | None], list[int]] = {}
        for citation in link.citations:
            key = (citation.document, citation.part)
            by_document.setdefault(key, []).append(citation.footnote)
        for (document, part), numbers in by_document.items():
            numbers = sorted(set(numbers))
            findings.append(Finding(
                rule=rule, severity=severity, message=message, document=document,
                footnotes=numbers, line=lines.get((document, part, numbers[0])), part=part,
            ))
    return findings
