"""Write the report files (atomically) and the GitHub job summary."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.report import ReportInput
from checker.report.html import render_html
from checker.report.jsonreport import render_json
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown

RENDERERS = {
    "md": ("link-health.md", render_markdown),
    "html": ("link-health.html", render_html),
    "json": ("link-health.json", render_json),
    "junit": ("junit.xml", render_junit),
}


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_reports(
    report_dir: Path,
    inp: ReportInput,
    *,
    formats: tuple[str, ...] = ("md", "html", "json", "junit"),
    github_summary_path: str | None = None,
) -> list[Path]:
    written = []
    markdown = None
    for name in formats:
        filename, render = RENDERERS[name]
        text = render(inp)
        if name == "md":
            markdown = text
        path = Path(report_dir) / filename
        atomic_write(path, text)
        written.append(path)
    if github_summary_path:
        with open(github_summary_path, "a", encoding="utf-8") as summary:
            summary.write((markdown or render_markdown(inp)) + "\n")
    return written
