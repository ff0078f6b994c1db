"""GitHub Actions: workflow-command annotations for findings, and the job summary.

Escaping follows the runner's rules for workflow commands: in the message (data) ``%``,
``\\r`` and ``\\n``; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from pathlib import Path

from checker.model import Finding
from checker.report.rows import notes_label

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub refuses a step summary over 1 MiB; stay under it with room for the cut note.
SUMMARY_LIMIT = 1024 * 1024 - 4096


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """``::warning file=..,line=..,title=rule::message`` for one finding."""
    props = []
    if finding.file or finding.document:
        props.append(f"file={escape_property(finding.file or finding.document or '')}")
    if finding.line:
        props.append(f"line={finding.line}")
    props.append(f"title={escape_property(finding.rule)}")
    label = notes_label(finding)
    message = (f"{label}: " if label else "") + finding.message
    return f"::{LEVEL.get(finding.severity, 'notice')} {','.join(props)}::{escape_data(message)}"


def annotations(findings: list[Finding]) -> list[str]:
    """One workflow-command line per finding (error -> ::error, warning, info -> ::notice)."""
    return [annotation(finding) for finding in findings]


def step_summary_text(markdown: str, limit: int = SUMMARY_LIMIT) -> str:
    """The Markdown for $GITHUB_STEP_SUMMARY, cut at a line boundary when it is too big."""
    if len(markdown.encode("utf-8")) <= limit:
        return markdown if markdown.endswith("\n") else markdown + "\n"
    kept, size = [], 0
    for line in markdown.splitlines(keepends=True):
        size += len(line.encode("utf-8"))
        if size > limit:
            break
        kept.append(line)
    return "".join(kept) + "\n\n> The report was cut here: see link-health.md for all of it.\n"


def append_step_summary(path: str | Path, markdown: str) -> None:
    """Append to the job summary file (the runner gives its path in GITHUB_STEP_SUMMARY)."""
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(step_summary_text(markdown))
