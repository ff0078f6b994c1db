"""`footcheck check` on a PDF end to end, against the test web: the notes' URLs come from the
PDF's link annotations and the report names each note by its number and page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.cli import main
from checker.load import read_document

PAPER = Path(__file__).resolve().parent / "fixtures" / "native" / "paper.pdf"


@pytest.fixture
def paper_web(web_factory, tls_ca, ca_bundle, forward_proxy, monkeypatch):
    doc = read_document(str(PAPER))
    hosts = sorted({host for note in doc.footnotes
                    for host in re.findall(r"https://([^/\s)]+)", note.text)})
    assert hosts  # the fixture cites its sources by URL
    secure = web_factory(host="127.0.0.1", tls=tls_ca, names=hosts)
    for host in hosts:
        forward_proxy.map(host, secure, port=443)
    secure.page("/2024/03/02/strait-traffic-falls-by-half-after-attacks-on-tankers-and-bulk-"
                "carriers", "Traffic Through the Strait Falls by Half", published="2024-03-02")
    secure.page("/insurance/war-risk-premiums-rise-again", "War Risk Premiums Rise Again",
                published="2024-03-04")
    secure.status("/statistics/monthly-throughput-february-2024.pdf", 404)
    secure.redirect("/analysis/how-long-will-the-disruption-last",
                    "/analysis/how-long-will-the-disruption-last-2024", status=301)
    secure.page("/analysis/how-long-will-the-disruption-last-2024",
                "How Long Will the Disruption Last?", published="2024-03-10")
    monkeypatch.setenv("HTTPS_PROXY", forward_proxy.proxy_url)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    return doc


def test_check_a_pdf_end_to_end(paper_web, tmp_path, capsys):
    reports = tmp_path / "reports"
    code = main(["check", str(PAPER), "--cache", str(tmp_path / "store.sqlite"),
                 "--no-archive", "--quiet", "--report-dir", str(reports),
                 "--refs-dir", str(tmp_path / "refs"), "--format", "json"])
    assert code == 1  # the dead link is an error
    data = json.loads(capsys.readouterr().out)
    statuses = {link["url"].rsplit("/", 1)[1]: link["status"] for link in data["links"]}
    assert statuses["monthly-throughput-february-2024.pdf"] == "broken"
    assert statuses["how-long-will-the-disruption-last"] == "redirected"
    assert statuses["war-risk-premiums-rise-again"] == "ok"
    broken = next(f for f in data["findings"] if f["rule"] == "link-broken")
    assert broken["footnotes"] == [5]
    page = next(note.page for note in paper_web.footnotes if note.number == 5)
    markdown = (reports / "link-health.md").read_text()
    assert f"note 5 (p. {page})" in markdown  # the finding names the note and its page
    assert f"| 5 (p. {page}) |" in markdown  # and so does the table's row
    junit = (reports / "junit.xml").read_text()
    assert f"note 5 (p. {page})" in junit
