"""Counts every format shows, and the exit code."""

from __future__ import annotations

from collections import Counter
from typing import Any

from checker.model import Finding, Severity
from checker.report import ReportInput

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
STATUS_ORDER = ("ok", "redirected", "failing", "broken", "blocked", "timeout", "invalid",
                "skipped", "offline")
EXIT_OK, EXIT_FINDINGS, EXIT_OFFLINE = 0, 1, 3


def summarize(inp: ReportInput) -> dict[str, Any]:
    statuses = Counter(link.status for link in inp.links)
    by_rule = Counter(finding.rule for finding in inp.findings)
    by_severity = Counter(finding.severity for finding in inp.findings)
    return {
        "documents": len(inp.documents),
        "footnotes": sum(len(doc.footnotes) for doc in inp.documents),
        "references": sum(len(f.references) for doc in inp.documents for f in doc.footnotes),
        "links": len(inp.links),
        "network_checked": inp.network_checked,
        "offline": inp.offline,
        "links_by_status": {s: statuses[s] for s in sorted(statuses, key=_status_key)},
        "findings": len(inp.findings),
        "findings_by_rule": dict(sorted(by_rule.items())),
        "findings_by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "archived": sum(1 for link in inp.links if link.archive_url),
        "recovered": sum(1 for link in inp.links if link.recovered_url),
        "fail_on": inp.fail_on,
    }


def _status_key(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def at_or_above(finding: Finding, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    return SEVERITY_RANK.get(finding.severity, 0) >= SEVERITY_RANK.get(fail_on, 2)


def exit_code(inp: ReportInput, fail_on: str) -> int:
    """0 nothing at or above `fail_on`; 1 findings at or above it; 3 offline."""
    if inp.offline:
        return EXIT_OFFLINE
    if any(at_or_above(finding, fail_on) for finding in inp.findings):
        return EXIT_FINDINGS
    return EXIT_OK


SEVERITIES = tuple(s.value for s in Severity)
