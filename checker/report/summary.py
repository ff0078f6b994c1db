"""The counts every format shows, and the exit code."""

from __future__ import annotations

from collections import Counter
from typing import Any

from checker.errors import ConfigError, ConfigProblem
from checker.exitcodes import EXIT_FINDINGS, EXIT_OFFLINE, EXIT_OK
from checker.model import Finding, LinkStatus, Severity
from checker.report import ReportInput

SEVERITY_RANK = {s.value: s.rank for s in Severity}
FAIL_ON = ("error", "warning", "info", "never")
STATUS_ORDER = tuple(s.value for s in (
    LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.FAILING, LinkStatus.BROKEN,
    LinkStatus.BLOCKED, LinkStatus.TIMEOUT, LinkStatus.INVALID, LinkStatus.SKIPPED,
    LinkStatus.OFFLINE,
))


def _status_key(status: str) -> tuple[int, str]:
    return (STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER), status)


def summarize(inp: ReportInput) -> dict[str, Any]:
    """Counts by link status (in a fixed order), findings by rule and severity, sizes."""
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
        "failing_findings": sum(1 for f in inp.findings if _at_or_above(f, inp.fail_on)),
    }


def severities_by_rule(findings: list[Finding]) -> dict[str, str]:
    """Rule -> ``"2 error, 1 warning"`` (the configuration may give one rule several)."""
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        per_rule = counts.setdefault(finding.rule, {})
        per_rule[finding.severity] = per_rule.get(finding.severity, 0) + 1
    return {rule: ", ".join(f"{n} {s}" for s, n in c.items()) for rule, c in counts.items()}


def count(number: int, noun: str) -> str:
    """``1 document``, ``2 documents`` (nouns here take a plain -s)."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _check_fail_on(fail_on: str) -> None:
    if fail_on not in FAIL_ON:
        raise ConfigError(ConfigProblem.INVALID,
                          f"fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")


def _at_or_above(finding: Finding, fail_on: str) -> bool:
    if fail_on not in SEVERITY_RANK:  # "never", or unknown (exit_code rejects unknown)
        return False
    return SEVERITY_RANK.get(finding.severity, 0) >= SEVERITY_RANK[fail_on]


def at_or_above(finding: Finding, fail_on: str) -> bool:
    """Whether `finding` is at or above the `fail_on` threshold (never: nothing is)."""
    _check_fail_on(fail_on)
    return _at_or_above(finding, fail_on)


def exit_code(inp: ReportInput, fail_on: str) -> int:
    """0 nothing at or above `fail_on`; 1 findings at or above it; 3 offline.

    Offline wins: when nothing could be reached the run did not do what was asked, whatever
    the static audit found (that audit is still in the report). Exit 2, unusable input, is
    decided by the CLI before a report exists.
    """
    _check_fail_on(fail_on)
    if inp.offline:
        return EXIT_OFFLINE
    if any(_at_or_above(finding, fail_on) for finding in inp.findings):
        return EXIT_FINDINGS
    return EXIT_OK
