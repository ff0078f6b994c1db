"""Write the report files (atomically) and append the GitHub job summary.

The only module of the report that touches files. Each file is written to a temporary file
in the same folder and moved over the old one with os.replace once all are written, so a
reader (or a CI upload) never sees half a report, nor a new report beside old ones.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from checker.errors import ConfigError, ConfigProblem, WriteProblem, WriteRefused
from checker.report import ReportInput
from checker.report.github import append_step_summary
from checker.report.html import html_pieces
from checker.report.jsonreport import render_json
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown

# A renderer makes its report as one string or, the HTML page, as pieces written as they come.
RENDERERS: dict[str, tuple[str, Callable[[ReportInput], str | Iterable[str]]]] = {
    "md": ("link-health.md", render_markdown),
    "html": ("link-health.html", html_pieces),
    "json": ("link-health.json", render_json),
    "junit": ("junit.xml", render_junit),
}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_beside(path: Path, text: str | Iterable[str]) -> str:
    """`text` (UTF-8; a string or its pieces) written and synced to a new temporary file in
    `path`'s folder; its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; a report is an ordinary file, readable as umask allows.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n") as out:
            if isinstance(text, str):
                out.write(text)
            else:
                out.writelines(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def write_reports(
    report_dir: Path,
    inp: ReportInput,
    *,
    formats: tuple[str, ...] = ("md", "html", "json", "junit"),
    github_summary_path: str | None = None,
) -> list[Path]:
    """Render and write each format into `report_dir`; returns the paths written.

    Each report is written beside its place as soon as it is rendered (one report in memory
    at a time: a paper of 100,000 notes makes tens of megabytes of each), and all are moved
    into place once every one is rendered: a failure leaves the previous reports as they were.
    `github_summary_path` is the value of GITHUB_STEP_SUMMARY (read by the caller): the
    Markdown report is appended there.
    """
    unknown = [name for name in formats if name not in RENDERERS]
    if unknown:
        raise ConfigError(ConfigProblem.INVALID, f"unknown report format {unknown[0]!r} "
                          f"(known: {', '.join(RENDERERS)})")
    written: list[Path] = []
    staged: list[tuple[str, Path]] = []  # (temporary file, its place), in the formats' order
    markdown = None
    try:
        try:
            for name in formats:
                filename, render = RENDERERS[name]
                text = render(inp)
                if name == "md" and github_summary_path:
                    markdown = text if isinstance(text, str) else None
                path = Path(report_dir) / filename
                staged.append((_write_beside(path, text), path))
                del text
            for temporary, path in staged:
                os.replace(temporary, path)
                written.append(path)
        finally:
            for temporary, _ in staged[len(written):]:  # not moved into place
                Path(temporary).unlink(missing_ok=True)
    except OSError as error:
        raise WriteRefused(WriteProblem.UNWRITABLE, f"cannot write the report into "
                           f"{report_dir}: {error.strerror or error}") from error
    if github_summary_path:
        try:
            append_step_summary(github_summary_path, markdown or render_markdown(inp))
        except OSError as error:
            raise WriteRefused(WriteProblem.UNWRITABLE, "cannot append to GITHUB_STEP_SUMMARY "
                               f"({github_summary_path}): {error.strerror or error}") from error
    return written
