"""Render the HTML report in real headless Chromium and check the screenshot.

Skipped when Chromium is not installed (CI installs it: see .ci/run). Set
FOOTCHECK_SCREENSHOT_DIR to keep the PNGs and look at them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser.screenshot import colour_rows, find_chromium, png_pixels, screenshot

from checker.model import Citation, Document, Finding, Footnote, LinkResult, Reference
from checker.report import ReportInput
from checker.report.charts import FLAG_COLOUR, STATUS_COLOURS
from checker.report.html import render_html

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="headless Chromium not found at /usr/bin/chromium (apt-get install chromium)",
)
PAPER = "papers/meeting.md"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def report_input(flag: bool) -> ReportInput:
    """Twenty notes dated in 2019, and one (note 21) dated a year later by a typo."""
    dates = [f"2019-{1 + i // 2:02d}-{1 + 7 * (i % 2):02d}" for i in range(20)] + ["2020-08-30"]
    notes = [Footnote(i + 1, 100 + i, f"note {i + 1}", [], [Reference(
        title=f"Report number {i + 1}", url=f"https://news.example/{i + 1}", date=day)])
        for i, day in enumerate(dates)]
    doc = Document(path=PAPER, id="meeting", text="", title="A meeting, mid-last year",
                   date="2020-03", date_source="stated", footnotes=notes)
    statuses = ["ok"] * 12 + ["broken"] * 3 + ["blocked"] * 2 + ["timeout", "redirected",
                                                                 "skipped", "ok"]
    links = [LinkResult(url=f"https://news.example/{i + 1}", status=status,
                        http_status={"ok": 200, "broken": 404, "blocked": 403}.get(status),
                        archive_url=(f"https://web.archive.org/web/2019/news.example/{i + 1}"
                                     if status == "broken" else None),
                        citations=[Citation(PAPER, i + 1)])
             for i, status in enumerate(statuses)]
    findings = [Finding("link-broken", "error", "gone", PAPER, [13], 112)]
    if flag:
        findings.append(Finding("date-implausible", "error", "2020-08-30 is after the document "
                                "(2020-03); note 20 dates the same meeting 2019-08-29",
                                PAPER, [21], 120))
    return ReportInput(documents=[doc], links=links, findings=findings, offline=False,
                       network_checked=True, notes=[], generated_at="2026-01-01T00:00:00Z",
                       tool_version="test", fail_on="error")


def _shoot(tmp_path: Path, name: str, inp: ReportInput) -> bytes:
    page = tmp_path / f"{name}.html"
    page.write_text(render_html(inp), encoding="utf-8")
    png = screenshot(page, tmp_path / f"{name}.png", width=1280, height=2400)
    keep = os.environ.get("FOOTCHECK_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / png.name)
    return png.read_bytes()


def test_report_renders_in_chromium_with_the_flagged_date_visible(tmp_path):
    data = _shoot(tmp_path, "flagged", report_input(flag=True))
    width, height, _, rows = png_pixels(data)
    assert (width, height) == (1280, 2400)
    assert len(data) > 30_000 and len(set(rows)) > 300, "the screenshot is nearly blank"
    red = colour_rows(data, _rgb(FLAG_COLOUR))
    assert len(red) >= 12, "the flagged date is not drawn big and red"
    broken_bar = colour_rows(data, _rgb(STATUS_COLOURS["broken"]))
    ok_bar = colour_rows(data, _rgb(STATUS_COLOURS["ok"]))
    assert broken_bar and ok_bar and min(ok_bar) < min(red), "status chart missing or misplaced"


def test_without_a_flagged_date_nothing_is_red(tmp_path):
    data = _shoot(tmp_path, "plain", report_input(flag=False))
    assert not colour_rows(data, _rgb(FLAG_COLOUR))
