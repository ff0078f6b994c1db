"""The report formats, built from hand-made inputs."""

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from checker.model import Citation, Document, Finding, Footnote, LinkResult, Reference
from checker.report import ReportInput
from checker.report.github import annotations
from checker.report.html import render_html
from checker.report.jsonreport import build_json, schema
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown
from checker.report.summary import exit_code
from checker.report.write import write_reports

STATUSES = ["ok", "redirected", "broken", "blocked", "timeout", "invalid", "skipped"]


def make_input(**overrides):
    return sample_input(**overrides)


def sample_input(**overrides):
    notes = [
        Footnote(1, 10, "a", [3], [Reference(title="Plain | pipe <script>x</script>",
                                             url="https://a.example/ok", date="2020-01-05")]),
        Footnote(2, 11, "b", [4], [Reference(title="Gone", url="https://a.example/gone",
                                             date="2020-08-30")]),
        Footnote(3, 12, "c", [5], [Reference(title="Site only", domain="site.example",
                                             date="2020-02-01")]),
    ]
    doc = Document(path="papers/p.md", id="p", text="", title="A paper", date="2020-06",
                   footnotes=notes)
    links = [
        LinkResult(url="https://a.example/ok", status="ok", http_status=200,
                   citations=[Citation("papers/p.md", 1)]),
        LinkResult(url="https://a.example/gone", status="broken", http_status=404,
                   reason="HTTP 404", archive_url="https://web.archive.org/web/2020/x",
                   archive_timestamp="20200101000000", citations=[Citation("papers/p.md", 2)]),
        LinkResult(url="https://site.example/", status="blocked", http_status=403,
                   site_only=True, citations=[Citation("papers/p.md", 3)]),
    ]
    findings = [
        Finding("date-implausible", "error", "2020-08-30 is after the document", "papers/p.md",
                [2], 11),
        Finding("missing-url", "info", "site only", "papers/p.md", [3], 12),
    ]
    values = dict(documents=[doc], links=links, findings=findings, generated_at="2026-01-01",
                  tool_version="0.1.0", fail_on="error")
    values.update(overrides)
    return ReportInput(**values)


def test_json_matches_schema_and_says_what_was_given():
    data = build_json(make_input())
    jsonschema.validate(data, schema())
    assert data["summary"]["links_by_status"] == {"ok": 1, "broken": 1, "blocked": 1}
    gone = next(link for link in data["links"] if link["url"].endswith("/gone"))
    assert gone["document"] == "papers/p.md" and gone["footnotes"] == [2]
    assert gone["archive_url"].startswith("https://web.archive.org")


def test_schema_rejects_a_wrong_status():
    data = build_json(make_input())
    data["links"][0]["status"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_markdown_table_and_escaping():
    text = render_markdown(make_input())
    assert "| 2 | Gone | [https://a.example/gone](https://a.example/gone) | broken |" in text
    assert "[archived copy](https://web.archive.org/web/2020/x)" in text
    assert "Plain \\| pipe \\<script\\>" in text
    assert "| date-implausible | 1 |" in text


def test_markdown_says_offline_and_static():
    assert "Network unavailable" in render_markdown(make_input(offline=True))
    assert "static audit" in render_markdown(make_input(network_checked=False, links=[]))


def test_html_is_self_contained_escaped_and_marks_flagged_dates():
    page = render_html(make_input())
    assert "<script>x" not in page and "&lt;script&gt;" in page
    assert 'src="http' not in page and "<link " not in page
    assert '<a href="https://web.archive.org/web/2020/x">archived copy</a>' in page
    assert page.count("<svg") == 2  # status breakdown and the timeline
    flagged = page[page.index('fill="#d50000"') - 200: page.index('fill="#d50000"') + 300]
    assert "note 2" in flagged and ">2</text>" in flagged


def test_junit_counts_and_outcomes():
    root = ET.fromstring(render_junit(make_input()))
    cases = root.findall(".//testcase")
    assert int(root.get("tests")) == len(cases) == 5
    failures = [c for c in cases if c.find("failure") is not None]
    assert {c.get("name") for c in failures} == {"https://a.example/gone", "p note 2 #1"}
    assert int(root.get("failures")) == 2


@pytest.mark.parametrize(("fail_on", "expected"),
                         [("error", 1), ("warning", 1), ("never", 0)])
def test_exit_codes(fail_on, expected):
    assert exit_code(make_input(), fail_on) == expected


def test_exit_code_without_errors_and_offline():
    quiet = make_input(findings=[Finding("missing-url", "info", "x", "papers/p.md", [3])])
    assert exit_code(quiet, "error") == 0
    assert exit_code(quiet, "info") == 1
    assert exit_code(make_input(offline=True), "error") == 3


def test_github_annotations_escape_properties_and_data():
    lines = annotations([Finding("domain-typo", "warning", "50% of a:b,\nc", "d,1:x.md", [4], 7),
                         Finding("missing-url", "info", "m", None, [])])
    assert lines[0] == (
        "::warning file=d%2C1%3Ax.md,line=7,title=domain-typo::note 4: 50%25 of a:b,%0Ac"
    )
    assert lines[1].startswith("::notice title=missing-url::")


def test_write_reports_atomic_and_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    paths = write_reports(tmp_path / "out", make_input(), github_summary_path=str(summary))
    assert sorted(p.name for p in paths) == ["junit.xml", "link-health.html",
                                             "link-health.json", "link-health.md"]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    text = summary.read_text()
    assert text.startswith("earlier step\n") and "footcheck link-health report" in text
    json.loads((tmp_path / "out" / "link-health.json").read_text())
