"""GitHub Actions: workflow-command annotations for findings."""

from __future__ import annotations

from checker.model import Finding

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(findings: list[Finding]) -> list[str]:
    """``::warning file=..,line=..,title=rule::message`` lines, one per finding."""
    lines = []
    for finding in findings:
        props = []
        if finding.document:
            props.append(f"file={_escape_property(finding.document)}")
        if finding.line:
            props.append(f"line={finding.line}")
        props.append(f"title={_escape_property(finding.rule)}")
        notes = ", ".join(map(str, finding.footnotes))
        message = (f"note {notes}: " if notes else "") + finding.message
        lines.append(f"::{LEVEL.get(finding.severity, 'notice')} {','.join(props)}::"
                     f"{_escape_data(message)}")
    return lines
