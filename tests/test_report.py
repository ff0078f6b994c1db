"""The report formats, built from hand-made inputs (no parsing, no network)."""

from __future__ import annotations

import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import jsonschema
import pytest

from checker.errors import ConfigError, WriteRefused
from checker.model import Citation, Document, Finding, Footnote, LinkResult, Reference
from checker.report import ReportInput
from checker.report.charts import FLAG_COLOUR, date_span, status_chart, timeline
from checker.report.github import annotations, append_step_summary, step_summary_text
from checker.report.html import render_html
from checker.report.jsonreport import build_json, render_json, schema
from checker.report.junit import render_junit
from checker.report.markdown import render_markdown
from checker.report.summary import exit_code, summarize
from checker.report.write import write_reports

A, B, C = "papers/a.md", "papers/b.html", "papers/c.txt"
EVIL_TITLE = "Plain | pipe <script>alert(1)</script> $x$ *bold*"


def note(number: int, line: int, *references: Reference) -> Footnote:
    return Footnote(number, line, f"note {number} text", [line - 30], list(references))


def link(url: str, status: str, *cited: tuple[str, int], **extra) -> LinkResult:
    return LinkResult(url=url, status=status, citations=[Citation(d, n) for d, n in cited],
                      **extra)


def sample_input(**overrides) -> ReportInput:
    """Three documents, links of every status, findings of several rules and severities."""
    doc_a = Document(path=A, id="a", text="", title="A paper on <b>things</b>", date="2021-03",
                     date_source="stated", footnotes=[
        note(1, 31, Reference(title=EVIL_TITLE, url="https://ok.example/page",
                              date="2020-05-01")),
        note(2, 32, Reference(title="Gone", url="https://gone.example/x", date="2020-06")),
        note(3, 33, Reference(title="Site only", domain="site.example", date="2020-07-02")),
        note(4, 34, Reference(title="Slow", url="https://slow.example/", date="2020")),
        note(5, 35, Reference(title="Bad", url="htp:/bad", date="2020-05-03")),
        note(6, 36, Reference(title="Moved", url="https://moved.example/old", date="2020-05-04")),
        note(7, 37, Reference(title="Mail", url="mailto:x@y.example")),
        note(8, 38, Reference(title="Flaky", url="https://failing.example/", date="2020-05-05")),
        note(9, 39, Reference(title="Same page again", url="https://ok.example/page",
                              date="2021-08-30")),
        note(10, 40),
        note(11, 41, Reference(title="Script link", url="javascript:alert(1)")),
        note(12, 42, Reference(title="Odd url", url="https://odd.example/a|b (c)",
                               date="2020-05-06")),
    ])
    doc_b = Document(path=B, id="b", text="", title=None, footnotes=[
        note(1, 31, Reference(title="Undated", url="https://ok.example/page")),
    ])
    doc_c = Document(path=C, id="c", text="", title="No notes here")
    links = [
        link("https://ok.example/page", "ok", (A, 1), (A, 9), (B, 1), http_status=200,
             elapsed_ms=120),
        link("https://gone.example/x", "broken", (A, 2), http_status=404, reason="HTTP 404",
             archive_url="https://web.archive.org/web/20200601000000/https://gone.example/x",
             archive_timestamp="20200601000000"),
        link("https://site.example/", "blocked", (A, 3), http_status=403, site_only=True,
             reason="bot challenge"),
        link("https://slow.example/", "timeout", (A, 4), reason="no answer in 20 s"),
        link("htp:/bad", "invalid", (A, 5), reason="unsupported scheme"),
        link("https://moved.example/old", "redirected", (A, 6), http_status=200,
             final_url="https://moved.example/new", permanent_redirect=True),
        link("mailto:x@y.example", "skipped", (A, 7), reason="mailto"),
        link("https://failing.example/", "failing", (A, 8), http_status=500,
             first_failure="2026-01-01T00:00:00Z", consecutive_failures=1),
        link("https://odd.example/a|b (c)", "ok", (A, 12), http_status=200),
        link("https://nobody.example/", "offline", reason="network unavailable"),
    ]
    findings = [
        Finding("date-implausible", "error", "2021-08-30 is after the document (2021-03)", A,
                [9], 39),
        Finding("url-date-mismatch", "warning", "URL says 2019, note says 2020-06", A, [2], 32),
        Finding("link-broken", "error", "https://gone.example/x is gone", A, [2], 32),
        Finding("link-blocked", "info", "site.example refused us", A, [3], 33),
        Finding("missing-url", "info", "site only", A, [3], 33),
        Finding("duplicate-reference", "info", "notes 1 and 9 cite one page", A, [1, 9], 31),
        Finding("duplicate-document", "warning", "b is a copy of c", B, [], None),
        Finding("domain-typo", "warning", "a stray finding, 50%: odd\nline", None, [], None),
    ]
    values = dict(documents=[doc_a, doc_b, doc_c], links=links, findings=findings,
                  generated_at="2026-01-01T00:00:00Z", tool_version="0.1.0", fail_on="error",
                  notes=["archive budget ran out after 400 requests"])
    values.update(overrides)
    return ReportInput(**values)


# --- summary and exit codes ---------------------------------------------------------------

def test_summary_counts_what_was_given():
    summary = summarize(sample_input())
    assert (summary["documents"], summary["footnotes"], summary["references"]) == (3, 13, 12)
    assert summary["links"] == 10
    assert list(summary["links_by_status"]) == [
        "ok", "redirected", "failing", "broken", "blocked", "timeout", "invalid", "skipped",
        "offline"]
    assert summary["links_by_status"]["ok"] == 2
    assert summary["findings_by_rule"]["date-implausible"] == 1
    assert summary["findings_by_severity"] == {"error": 2, "warning": 3, "info": 3}
    assert summary["archived"] == 1 and summary["failing_findings"] == 2


@pytest.mark.parametrize(("fail_on", "expected"),
                         [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_exit_codes_by_fail_on(fail_on, expected):
    assert exit_code(sample_input(), fail_on) == expected


@pytest.mark.parametrize(("severity", "fail_on", "expected"), [
    ("info", "error", 0), ("info", "warning", 0), ("info", "info", 1),
    ("warning", "error", 0), ("warning", "warning", 1), ("error", "never", 0),
])
def test_exit_code_threshold(severity, fail_on, expected):
    inp = sample_input(findings=[Finding("missing-url", severity, "x", A, [3])])
    assert exit_code(inp, fail_on) == expected


def test_exit_code_offline_and_clean_and_unknown_threshold():
    assert exit_code(sample_input(offline=True), "error") == 3  # offline wins over findings
    assert exit_code(sample_input(findings=[]), "info") == 0
    with pytest.raises(ConfigError, match="fail-on"):
        exit_code(sample_input(), "warn")


# --- JSON ---------------------------------------------------------------------------------

def test_json_matches_schema_and_says_what_was_given():
    data = json.loads(render_json(sample_input()))
    jsonschema.validate(data, schema())
    assert data["schema"] == "footcheck/link-health/1"
    assert data["generated_at"] == "2026-01-01T00:00:00Z"
    assert data["tool"] == {"name": "footcheck", "version": "0.1.0"}
    gone = next(entry for entry in data["links"] if entry["url"] == "https://gone.example/x")
    assert gone["status"] == "broken" and gone["http_status"] == 404
    assert gone["document"] == A and gone["footnotes"] == [2]
    assert gone["archive_timestamp"] == "20200601000000"
    shared = [entry for entry in data["links"] if entry["url"] == "https://ok.example/page"]
    assert sorted((e["document"], tuple(e["footnotes"])) for e in shared) == [
        (A, (1, 9)), (B, (1,))]
    uncited = next(entry for entry in data["links"] if entry["status"] == "offline")
    assert uncited["document"] is None and uncited["footnotes"] == []
    assert len(data["findings"]) == 8 and data["findings"][0]["line"] == 39
    assert data["notes"] == ["archive budget ran out after 400 requests"]
    assert data["summary"]["links_by_status"]["timeout"] == 1


@pytest.mark.parametrize("damage", [
    lambda d: d["links"][0].update(status="fine"),
    lambda d: d["links"][0].pop("checked_at"),
    lambda d: d["findings"][0].update(severity="fatal"),
    lambda d: d.update(schema="footcheck/link-health/0"),
    lambda d: d["summary"].pop("links_by_status"),
])
def test_schema_rejects_damaged_reports(damage):
    data = build_json(sample_input())
    damage(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_json_of_a_static_audit_validates():
    data = build_json(sample_input(links=[], network_checked=False))
    jsonschema.validate(data, schema())
    assert data["links"] == [] and data["summary"]["network_checked"] is False


# --- Markdown -----------------------------------------------------------------------------

def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_summary_and_rows():
    text = render_markdown(sample_input())
    assert "| broken | 1 |" in text and "| ok | 2 |" in text
    assert "| date-implausible | 1 | 1 error |" in text
    assert ("| 2 | Gone | [https://gone.example/x](https://gone.example/x) | broken · HTTP 404 "
            "| [archived copy 2020-06-01](https://web.archive.org/web/20200601000000/"
            "https://gone.example/x) | url-date-mismatch, link-broken |") in text
    assert "[site.example](https://site.example/) | blocked · HTTP 403" in text
    assert "→ [new URL](https://moved.example/new)" in text
    assert "failing · failing since 2026-01-01" in text
    assert "| 10 | note 10 text |  | no citation |" in text
    assert "> Note: archive budget ran out after 400 requests" in text
    assert "**2 findings** at or above the threshold" in text


def test_markdown_escapes_cells_and_keeps_tables_intact():
    text = render_markdown(sample_input())
    assert r"Plain \| pipe \<script\>alert(1)\</script\> \$x\$ \*bold\*" in text
    assert "<script>" not in text and "<b>" not in text
    assert "(https://odd.example/a%7Cb%20%28c%29)" in text
    assert "[javascript:alert(1)](" not in text  # shown, never linked
    for table in re.findall(r"(?m)^\| note \| title.*?(?=^$)", text, re.S):
        for line in table.splitlines():
            assert _unescaped_pipes(line) == 7, line


def test_markdown_folds_infos_and_lists_errors():
    text = render_markdown(sample_input())
    details = text[text.index("<details>"): text.index("</details>")]
    assert "`missing-url`" in details and "`date-implausible`" not in details
    assert "- **error** `date-implausible` (note 9) line 39:" in text
    assert "`duplicate-reference` (notes 1, 9) line 31:" in details
    assert "## Other findings" in text and "a stray finding, 50%: odd line" in text


def test_markdown_offline_and_static_audit_say_so():
    offline = render_markdown(sample_input(offline=True))
    assert "Network unavailable: links not checked" in offline
    static = render_markdown(sample_input(network_checked=False, links=[]))
    assert "Links not checked (static audit)" in static
    assert "## Links by status" not in static and "| not checked |" in static


def test_long_urls_are_shortened_for_reading_but_linked_in_full():
    url = "https://long.example/" + "segment/" * 20 + "page.html"
    doc = Document(path=A, id="a", text="", footnotes=[
        note(1, 31, Reference(title="Long", url=url, date="2020-01-01"))])
    inp = sample_input(documents=[doc], links=[link(url, "ok", (A, 1))], findings=[])
    text = render_markdown(inp)
    shown = re.search(r"\[(https://long[^\]]*)\]\(([^)]*)\)", text)
    assert shown.group(2) == url and shown.group(1).endswith("…") and len(shown.group(1)) <= 70
    anchors = parse_page(render_html(inp)).anchors
    assert [href for text, href in anchors.items() if text.startswith("https://long")] == [url]


# --- HTML ---------------------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.anchors: dict[str, str] = {}
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._href is not None:
            self.anchors.setdefault(data.strip(), self._href)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


def parse_page(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def test_html_is_self_contained():
    page = render_html(sample_input())
    parsed = parse_page(page)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    assert "url(" not in page and "@import" not in page
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs and all(h.startswith(("https://", "http://", "#doc-")) for h in hrefs)


def test_html_escapes_and_links():
    page = render_html(sample_input())
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>things</b>" not in page
    anchors = parse_page(page).anchors
    assert anchors["archived copy"] == (
        "https://web.archive.org/web/20200601000000/https://gone.example/x")
    assert anchors["https://gone.example/x"] == "https://gone.example/x"
    assert anchors["new URL"] == "https://moved.example/new"
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    assert "Note: archive budget ran out after 400 requests" in page


def _svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", page, re.S)]


SVG = "{http://www.w3.org/2000/svg}"


def test_html_pictures_show_statuses_and_the_flagged_date():
    page = render_html(sample_input())
    chart, line = _svgs(page)  # doc b has no dated citation, doc c no footnotes
    labels = [t.text for t in chart.iter(f"{SVG}text")]
    assert {"ok", "broken", "blocked", "timeout", "invalid", "skipped", "offline"} <= set(labels)
    flagged = [g for g in line.iter(f"{SVG}g") if g.get("class") == "flagged"]
    assert [g.get("data-note") for g in flagged] == ["2", "9"]  # url-date-mismatch, too
    late = flagged[1]
    dot = late.find(f"{SVG}circle")
    assert dot.get("fill") == FLAG_COLOUR and float(dot.get("r")) >= 8
    assert late.find(f"{SVG}text").text == "9"
    assert "2021-08-30" in dot.find(f"{SVG}title").text
    ordinary = [c for c in line.iter(f"{SVG}circle") if c.get("fill") != FLAG_COLOUR
                and c.find(f"{SVG}title") is not None]
    assert all(float(c.get("cx")) < float(dot.get("cx")) for c in ordinary)
    assert len(ordinary) == 7  # dated references of doc a, less the two flagged
    assert "document date 2021-03" in "".join(line.itertext())
    assert "No dated citations to draw." in page and "No footnotes found." in page


def test_html_offline_and_static_audit_say_so():
    assert "Network unavailable: links not checked" in render_html(sample_input(offline=True))
    static = render_html(sample_input(network_checked=False, links=[]))
    assert "Links not checked (static audit)" in static
    assert "Links by status" not in static and len(_svgs(static)) == 1


# --- charts -------------------------------------------------------------------------------

@pytest.mark.parametrize(("iso", "expected"), [
    ("2020", ("2020-01-01", "2020-12-31")),
    ("2020-02", ("2020-02-01", "2020-02-29")),
    ("2019-12", ("2019-12-01", "2019-12-31")),
    ("2020-02-29", ("2020-02-29", "2020-02-29")),
    ("2021-02-29", None), ("2020-13", None), ("August 2020", None), ("", None), (None, None),
])
def test_date_span(iso, expected):
    span = date_span(iso)
    assert (None if span is None else tuple(d.isoformat() for d in span)) == expected


def _doc(dates: list[str | None], doc_date: str | None = None) -> Document:
    return Document(path="x.md", id="x", text="", date=doc_date, footnotes=[
        note(i + 1, 40 + i, Reference(title=f"t{i}", date=d)) for i, d in enumerate(dates)])


def test_timeline_year_ticks_stacking_and_edge_labels():
    svg = ET.fromstring(timeline(_doc(["2015-03-01", "2015-03-01", "2015-03-02", "2018-12-20"]),
                                 {4: "date-implausible"}))
    years = [t.text for t in svg.iter(f"{SVG}text") if (t.text or "").isdigit()
             and len(t.text) == 4]
    assert years == ["2015", "2016", "2017", "2018", "2019"]
    dots = [c for c in svg.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    same_day = [c for c in dots if "2015-03-01" in c.find(f"{SVG}title").text]
    assert len({c.get("cy") for c in same_day}) == 2  # stacked, not hidden under each other
    flag = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "flagged")
    label = flag.find(f"{SVG}text")
    room = float(svg.get("width")) - float(label.get("x"))
    assert room >= 6.5 * len("4 2018-12-20")  # the late note's label is not cut off


def _flags(svg: ET.Element) -> dict[str, tuple[float, float]]:
    return {g.get("data-note"): (float(g.find(f"{SVG}circle").get("cx")),
                                 float(g.find(f"{SVG}circle").get("cy")))
            for g in svg.iter(f"{SVG}g") if g.get("class") == "flagged"}


def test_timeline_flag_labels_do_not_collide():
    dates = ["2020-01-10", "2020-02-01", "2020-08-30", "2020-09-02", "2020-11-12", "2020-03-01"]
    flagged = {3: "date-implausible", 4: "url-date-mismatch", 5: "date-implausible",
               6: "published-date-mismatch"}
    flags = _flags(ET.fromstring(timeline(_doc(dates), flagged)))
    assert set(flags) == {"3", "4", "5", "6"}
    assert flags["3"][1] < flags["4"][1]  # 3 days apart: the later one a level lower
    assert flags["6"][1] == flags["3"][1]  # far apart: the same top level


def test_timeline_without_dates_and_with_bad_dates():
    assert timeline(_doc([None, "not a date", "2020-02-30"]), {}) == ""
    svg = ET.fromstring(timeline(_doc([None, "1998", "2020-02-30"], doc_date="2020"), {}))
    assert len([c for c in svg.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]) == 1


def test_status_chart_escapes_unknown_statuses():
    svg = ET.fromstring(status_chart({"ok": 3, "<weird>": 1, "broken": 0}))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "<weird>" in texts and "broken" not in texts
    assert status_chart({}) == ""


# --- JUnit --------------------------------------------------------------------------------

def _cases(suite: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {c.get("name"): c for c in suite.findall("testcase")
            if c.get("classname").startswith(prefix)}


def test_junit_outcomes_and_counts():
    root = ET.fromstring(render_junit(sample_input()))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == [A, B, C, "other"]
    links = _cases(suites[A], "links.a")
    assert len(links) == 9  # links cited by doc a (the ok page once)
    assert links["https://gone.example/x"].find("failure").get("type") == "broken"
    for url in ("https://slow.example/", "htp:/bad"):
        assert links[url].find("failure") is not None
    assert links["mailto:x@y.example"].find("skipped") is not None
    assert "403" in links["https://site.example/"].find("system-out").text
    assert links["https://site.example/"].find("failure") is None
    assert links["https://failing.example/"].find("failure") is None
    assert links["https://ok.example/page"].find("failure") is None
    assert "footnotes 1, 9" in ET.tostring(suites[A], "unicode")
    assert suites["other"].find("testcase[@classname='links.other']").find("skipped") is not None
    findings = [c for c in root.iter("testcase") if c.get("classname").startswith("findings.")]
    assert len(findings) == 8
    failed = {c.get("classname") for c in findings if c.find("failure") is not None}
    assert failed == {"findings.date-implausible", "findings.link-broken"}
    for element in [root, *suites.values()]:
        cases = list(element.iter("testcase"))
        assert int(element.get("tests")) == len(cases)
        assert int(element.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(element.get("skipped")) == sum(c.find("skipped") is not None for c in cases)
    assert int(suites[C].get("tests")) == 0


@pytest.mark.parametrize(("fail_on", "failing"), [("warning", 5), ("info", 8), ("never", 0)])
def test_junit_findings_follow_fail_on(fail_on, failing):
    root = ET.fromstring(render_junit(sample_input(fail_on=fail_on)))
    findings = [c for c in root.iter("testcase") if c.get("classname").startswith("findings.")]
    assert sum(c.find("failure") is not None for c in findings) == failing


def test_junit_survives_control_characters_and_markup():
    bad = Finding("missing-title", "error", "bad \x00\x1b char <&> \"q\"", A, [1], 31)
    root = ET.fromstring(render_junit(sample_input(findings=[bad])))
    failure = root.find(".//testcase[@classname='findings.missing-title']/failure")
    assert failure.get("message") == "bad  char <&> \"q\""


def test_junit_offline_links_are_skipped():
    offline = [link("https://ok.example/page", "offline", (A, 1), reason="network unavailable")]
    root = ET.fromstring(render_junit(sample_input(links=offline, offline=True, findings=[])))
    assert root.get("skipped") == "1" and root.get("failures") == "0"


# --- GitHub -------------------------------------------------------------------------------

def test_github_annotations_levels_and_escaping():
    lines = annotations([
        Finding("domain-typo", "warning", "50% of a:b,\r\nc", "d,1:x.md", [4], 7),
        Finding("missing-url", "info", "m", None, []),
        Finding("date-implausible", "error", "late", "refs/sources/000.txt", [59], 175),
    ])
    assert lines[0] == (
        "::warning file=d%2C1%3Ax.md,line=7,title=domain-typo::note 4: 50%25 of a:b,%0D%0Ac")
    assert lines[1] == "::notice title=missing-url::m"
    assert lines[2] == ("::error file=refs/sources/000.txt,line=175,title=date-implausible::"
                        "note 59: late")
    assert all("\n" not in line for line in lines)


def test_step_summary_is_appended_and_cut_when_too_big(tmp_path):
    path = tmp_path / "summary.md"
    path.write_text("earlier step\n")
    append_step_summary(path, "# report\n")
    assert path.read_text() == "earlier step\n# report\n"
    big = "# head\n" + "| row |\n" * 1000
    cut = step_summary_text(big, limit=500)
    assert len(cut.encode()) < 600 and cut.startswith("# head\n") and "was cut here" in cut
    assert step_summary_text("small") == "small\n"


# --- writing ------------------------------------------------------------------------------

def test_write_reports_atomic_files_and_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    out = tmp_path / "new" / "reports"
    old = os.umask(0o022)
    try:
        paths = write_reports(out, sample_input(), github_summary_path=str(summary))
    finally:
        os.umask(old)
    assert sorted(p.name for p in paths) == ["junit.xml", "link-health.html",
                                             "link-health.json", "link-health.md"]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in paths)
    assert summary.read_text().startswith("earlier step\n# footcheck link-health report")
    jsonschema.validate(json.loads((out / "link-health.json").read_text()), schema())
    ET.parse(out / "junit.xml")
    assert (out / "link-health.md").read_text() == render_markdown(sample_input())
    # the page is written in the pieces the template yields: the same page
    assert (out / "link-health.html").read_text() == render_html(sample_input())


def test_write_reports_chosen_formats_and_errors(tmp_path):
    paths = write_reports(tmp_path, sample_input(), formats=("json",))
    assert [p.name for p in paths] == ["link-health.json"]
    with pytest.raises(ConfigError, match="unknown report format 'pdf'"):
        write_reports(tmp_path, sample_input(), formats=("md", "pdf"))
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(WriteRefused, match="cannot write the report"):
        write_reports(blocker / "reports", sample_input())


def test_a_report_that_fails_to_render_leaves_the_previous_reports(tmp_path, monkeypatch):
    """Each report is written beside its place as it is rendered, and moved in only once all
    are: a failure halfway (here the JSON renderer's) leaves the earlier set whole, and no
    temporary file behind."""
    from checker.report import write

    first = write_reports(tmp_path, sample_input())
    before = {path.name: path.read_bytes() for path in first}
    (tmp_path / "link-health.md").write_text("the user's last report\n")
    before["link-health.md"] = b"the user's last report\n"

    def broken(inp):
        raise RuntimeError("renderer failed")

    monkeypatch.setitem(write.RENDERERS, "json", ("link-health.json", broken))
    with pytest.raises(RuntimeError, match="renderer failed"):
        write_reports(tmp_path, sample_input())
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_rows_made_once_for_the_markdown_and_html_reports():
    """A document's rows are made once per report input and shared by the renderers; a new
    input makes its own, and the reports read as from fresh rows."""
    from checker.report.rows import document_rows

    inp = sample_input()
    doc = inp.documents[0]
    first = document_rows(doc, inp)
    assert document_rows(doc, inp) is first
    markdown, html = render_markdown(inp), render_html(inp)
    again = sample_input()
    assert document_rows(again.documents[0], again) is not first
    assert (render_markdown(again), render_html(again)) == (markdown, html)


def test_junit_clean_drops_exactly_what_xml_cannot_hold():
    import random

    from checker.report.junit import clean

    def allowed(char: str) -> bool:  # XML 1.0's Char below U+D800 and above U+DFFF
        return char in "\t\n\r" or (ord(char) >= 32 and char not in "\ufffe\uffff")

    pick = random.Random(7)
    for _ in range(3000):
        text = "".join(chr(pick.choice([pick.randint(0, 40), pick.randint(32, 126),
                                        pick.randint(0xFFF0, 0xFFFF), pick.randint(0x80, 0x3000)]))
                       for _ in range(pick.randint(0, 30)))
        assert clean(text) == "".join(char for char in text if allowed(char))
    assert clean("a\x00b\x1fc\ufffe\td") == "abc\td"
