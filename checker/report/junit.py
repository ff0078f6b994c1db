"""junit.xml: one test case per link and per finding, so CI systems list them.

One <testsuite> per document (links it cites, then its findings); links cited by no listed
document and findings about no listed document get a suite of their own.

Links (classname ``links.<doc id>``, name = the URL):
- broken, timeout, invalid: <failure>;
- skipped, offline: <skipped> (not checked, so neither pass nor fail);
- blocked: passes, with the reason in <system-out>. The site answered but refused an automated
  client (403, 429, a bot challenge); that says nothing about the citation, and the
  `link-blocked` finding already carries whatever severity the configuration gives it;
- failing (broken, but not yet on --dead-after different days): passes, with a note;
- ok, redirected: pass.
Findings (classname ``findings.<rule>``): <failure> when at or above --fail-on, else a pass
with the message in <system-out>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from checker.model import Citation, Finding, LinkResult, note_name
from checker.report import ReportInput
from checker.report.rows import NotePages, note_pages, notes_label, short
from checker.report.summary import at_or_above

FAILING_LINKS = {"broken", "timeout", "invalid"}
SKIPPED_LINKS = {"skipped", "offline"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text XML 1.0 can hold (the control characters it cannot, and U+FFFE/U+FFFF, dropped)."""
    return _XML_INVALID.sub("", text)


def _link_detail(link: LinkResult, numbers: list[str]) -> str:
    parts = [link.status + (f" (HTTP {link.http_status})" if link.http_status else "")]
    if link.reason and link.reason != f"HTTP {link.http_status}":
        parts.append(link.reason)
    if link.status == "failing" and link.first_failure:
        parts.append(f"failing since {link.first_failure}")
    if numbers:
        parts.append("footnotes " + ", ".join(numbers))
    if link.final_url and link.final_url != link.url:
        parts.append(f"now at {link.final_url}")
    if link.archive_url:
        parts.append(f"archived copy {link.archive_url}")
    return clean("; ".join(parts))


def _names(citations: Iterable[Citation], notes: NotePages | None = None) -> list[str]:
    """The citing notes as the reports name them ("3", "14 (part 2)", "5 (p. 4)"), in note
    order; `notes` (`note_pages` of a PDF) gives the pages."""
    pages = notes.pages if notes else {}
    keys = sorted({(c.part or 0, c.footnote) for c in citations})
    return [note_name(number, part or None, pages.get((part, number))) for part, number in keys]


def _link_case(suite: ET.Element, link: LinkResult, classname: str, numbers: list[str]) -> None:
    case = ET.SubElement(suite, "testcase", classname=classname, name=clean(link.url),
                         time=f"{(link.elapsed_ms or 0) / 1000:.3f}")
    detail = _link_detail(link, numbers)
    if link.status in FAILING_LINKS:
        ET.SubElement(case, "failure", message=detail, type=link.status).text = detail
    elif link.status in SKIPPED_LINKS:
        ET.SubElement(case, "skipped", message=detail)
    else:  # a pass; the detail still says which footnotes cite it, and any redirect
        ET.SubElement(case, "system-out").text = detail


def _finding_case(suite: ET.Element, finding: Finding, fail_on: str,
                  pages: NotePages | None = None) -> None:
    label = notes_label(finding, pages)
    name = (f"{label}: " if label else "") + short(finding.message, 100)
    case = ET.SubElement(suite, "testcase", classname=f"findings.{clean(finding.rule)}",
                         name=clean(name), time="0.000")
    where = (f"{finding.document}" if finding.document else "") + (
        f":{finding.line}" if finding.line else "")
    text = clean(f"{finding.severity}: {finding.message}" + (f" ({where})" if where else ""))
    if at_or_above(finding, fail_on):
        ET.SubElement(case, "failure", message=clean(finding.message),
                      type=clean(finding.rule)).text = text
    else:
        ET.SubElement(case, "system-out").text = text


def _close(suite: ET.Element) -> ET.Element:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    suite.set("time", f"{sum(float(c.get('time', '0')) for c in cases):.3f}")
    return suite


def build_junit(inp: ReportInput) -> ET.Element:
    root = ET.Element("testsuites", name="footcheck")
    paths = {doc.path for doc in inp.documents}
    for doc in inp.documents:
        suite = ET.SubElement(root, "testsuite", name=clean(doc.path))
        pages = note_pages(doc)
        for link in inp.links:
            numbers = _names((c for c in link.citations if c.document == doc.path), pages)
            if numbers:
                _link_case(suite, link, f"links.{clean(doc.id)}", numbers)
        for finding in inp.findings:
            if finding.document == doc.path:
                _finding_case(suite, finding, inp.fail_on, pages)
        _close(suite)
    stray_links = [link for link in inp.links
                   if not any(c.document in paths for c in link.citations)]
    stray_findings = [f for f in inp.findings if f.document not in paths]
    if stray_links or stray_findings:
        suite = ET.SubElement(root, "testsuite", name="other")
        for link in stray_links:
            _link_case(suite, link, "links.other", _names(link.citations))
        for finding in stray_findings:
            _finding_case(suite, finding, inp.fail_on)
        _close(suite)
    for name in ("tests", "failures", "errors", "skipped"):
        root.set(name, str(sum(int(s.get(name, "0")) for s in root.findall("testsuite"))))
    root.set("time", f"{sum(float(s.get('time', '0')) for s in root.findall('testsuite')):.3f}")
    return root


def render_junit(inp: ReportInput) -> str:
    root = build_junit(inp)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
