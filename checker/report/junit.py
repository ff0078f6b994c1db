"""junit.xml: one test case per link and per finding, so CI systems list them.

Links: broken, timeout and invalid fail; skipped and offline are skipped; blocked passes with
a note in system-out (the site is there but refused us: not the citation's fault).
Findings: a failure when at or above --fail-on, else a passing case with the message.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.report import ReportInput
from checker.report.summary import at_or_above

FAILING_LINKS = {"broken", "timeout", "invalid"}
SKIPPED_LINKS = {"skipped", "offline"}


def _suite(name: str) -> ET.Element:
    return ET.Element("testsuite", name=name)


def _close(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    suite.set("errors", "0")


def render_junit(inp: ReportInput) -> str:
    root = ET.Element("testsuites", name="footcheck")
    for doc in inp.documents:
        suite = _suite(doc.path)
        doc_id = doc.id
        for link in inp.links:
            numbers = sorted({c.footnote for c in link.citations if c.document == doc.path})
            if not numbers:
                continue
            case = ET.SubElement(suite, "testcase", classname=f"links.{doc_id}", name=link.url)
            detail = (f"{link.status} (HTTP {link.http_status}) " if link.http_status
                      else f"{link.status} ") + (link.reason or "")
            detail += f"; footnotes {', '.join(map(str, numbers))}"
            if link.archive_url:
                detail += f"; archived copy {link.archive_url}"
            if link.status in FAILING_LINKS:
                ET.SubElement(case, "failure", message=detail.strip(), type=link.status)
            elif link.status in SKIPPED_LINKS:
                ET.SubElement(case, "skipped", message=detail.strip())
            elif link.status == "blocked":
                ET.SubElement(case, "system-out").text = detail.strip()
        for index, finding in enumerate(f for f in inp.findings if f.document == doc.path):
            notes = ",".join(map(str, finding.footnotes))
            case = ET.SubElement(suite, "testcase", classname=f"findings.{finding.rule}",
                                 name=f"{doc_id} note {notes or '-'} #{index + 1}")
            if at_or_above(finding, inp.fail_on):
                ET.SubElement(case, "failure", message=finding.message, type=finding.rule)
            else:
                ET.SubElement(case, "system-out").text = f"{finding.severity}: {finding.message}"
        _close(suite)
        root.append(suite)
    other = [f for f in inp.findings if f.document not in {d.path for d in inp.documents}]
    if other:
        suite = _suite("other findings")
        for index, finding in enumerate(other):
            case = ET.SubElement(suite, "testcase", classname=f"findings.{finding.rule}",
                                 name=f"#{index + 1}")
            if at_or_above(finding, inp.fail_on):
                ET.SubElement(case, "failure", message=finding.message, type=finding.rule)
        _close(suite)
        root.append(suite)
    for name in ("tests", "failures", "skipped", "errors"):
        root.set(name, str(sum(int(s.get(name, "0")) for s in root.findall("testsuite"))))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
