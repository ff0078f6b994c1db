"""The whole pipeline on the sample papers against the local test web.

Every host the papers cite is served by loopback servers reached through a forward proxy
(HTTP_PROXY/HTTPS_PROXY, TLS from a test CA via REQUESTS_CA_BUNDLE), and the Wayback Machine is
a fake on loopback: `footcheck check` runs exactly as it would against the real web.
"""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from testweb import Reply
from testweb.wayback import FakeWayback

from checker.cli import main
from checker.parse import parse_paths
from checker.report.jsonreport import schema

SOURCES = Path(__file__).resolve().parents[1] / "refs" / "sources"
PAPERS = [str(next(SOURCES.glob("000_*.txt"))), str(next(SOURCES.glob("001_*.txt")))]
PAPER_001 = PAPERS[1]


def cited_hosts():
    """(host, scheme) of every URL and site the papers cite."""
    hosts = set()
    for doc in parse_paths(PAPERS).documents:
        for note in doc.footnotes:
            for ref in note.references:
                if ref.url:
                    scheme, rest = ref.url.split("://", 1)
                    hosts.add((rest.split("/", 1)[0].lower(), scheme))
                elif ref.domain:
                    hosts.add((ref.domain, "https"))
    return hosts


@pytest.fixture
def sample_web(web_factory, tls_ca, ca_bundle, forward_proxy, monkeypatch, tmp_path):
    hosts = cited_hosts()
    plain = web_factory(host="127.0.0.1")
    secure = web_factory(host="127.0.0.1", tls=tls_ca, names=sorted(h for h, _ in hosts))
    for host, scheme in hosts:
        if scheme == "http":
            forward_proxy.map(host, plain, port=80)
        else:
            forward_proxy.map(host, secure, port=443)
    archive_web = web_factory(host="127.0.0.3")
    wayback = FakeWayback(archive_web)
    # What the test web serves, by path:
    plain.page("/events/president/transcripts/49433",
               "Press Statements following Russian-Chinese talks", published="2015-05-08")
    plain.status("/news/20190320/518936.html", 404)
    wayback.add_snapshot("http://eng.sectsco.org/news/20190320/518936.html", "20190322",
                         title="SCO Secretary-General Vladimir Norov's news conference")
    plain.status("/gongbao/shuju/1992/gwyb199201.pdf", 410)
    # Note 59's article, archived only under its true date (a year before the cited one),
    # beside another article of the site captured in the cited window.
    wayback.add_snapshot(JOBS_ARTICLE, "20190831",
                         title="Alibaba to create 100 million jobs, most of which in SCO "
                               "countries | MarketScreener", published="2019-08-30")
    wayback.add_snapshot("https://www.marketscreener.com/news/latest/Oil-slips--31220/",
                         "20200830", title="Oil slips")
    secure.page("/2019/08/smart-cities-or-surveillance-huawei-in-central-asia/",
                "Kazakhstan's new steppe railway opens", published="2019-08-07")
    secure.challenge("/a/30621018.html")
    secure.redirect("/1ec5143fe4764a1d8ea73ce4a3e2c570",
                    "https://apnews.com/article/digital-police-state", status=301)
    secure.page("/article/digital-police-state",
                "AP Exclusive: Digital police state shackles Chinese minority",
                published="2017-12-17")
    secure.route("/gb/*", lambda req: Reply(503))
    config = tmp_path / "footcheck.toml"
    config.write_text("archive-per-minute = 100000\nretries = 0\ntimeout = 10\n")
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.proxy_url)
    monkeypatch.setenv("HTTPS_PROXY", forward_proxy.proxy_url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.3")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    return {"proxy": forward_proxy, "wayback": wayback, "config": config}


JOBS_ARTICLE = ("https://www.marketscreener.com/news/latest/Alibaba-to-create-100-million-jobs-"
                "most-of-which-in-SCO-countries--29110517/")


def by_url(links, fragment):
    return next(link for link in links if fragment in link["url"])


def test_check_on_sample_papers(sample_web, tmp_path, capsys):
    reports = tmp_path / "reports"
    code = main([
        "check", *PAPERS, "--report-dir", str(reports), "--refs-dir", str(tmp_path / "refs"),
        "--cache", str(tmp_path / "store.sqlite"), "--config", str(sample_web["config"]),
        "--wayback-url", sample_web["wayback"].available_url,
        "--cdx-url", sample_web["wayback"].cdx_url,
        "--wayback-web-url", sample_web["wayback"].web_url, "--quiet",
    ])
    assert code == 1  # errors: the implausible date, a dead link without an archive
    report = json.loads((reports / "link-health.json").read_text())
    jsonschema.validate(report, schema())
    links = report["links"]
    assert by_url(links, "transcripts/49433")["status"] == "ok"
    dead = by_url(links, "news/20190320/518936.html")
    assert dead["status"] == "broken" and dead["http_status"] == 404
    assert dead["archive_url"] and "20190322" in dead["archive_timestamp"]
    assert by_url(links, "gwyb199201.pdf")["status"] == "broken"
    assert by_url(links, "rus.azattyq.org")["status"] == "blocked"
    moved = by_url(links, "apnews.com/1ec5143")
    assert moved["status"] == "redirected"
    assert moved["final_url"] == "https://apnews.com/article/digital-police-state"
    assert by_url(links, "epochtimes.com")["status"] == "broken"  # 503 that persists
    site = by_url(links, "https://kaktus.media/")
    assert site["status"] == "ok" and set(site["footnotes"]) >= {7, 9, 14}
    rules = {(f["rule"], tuple(f["footnotes"])) for f in report["findings"]}
    assert ("date-implausible", (59,)) in rules
    # The flagged date is not trusted: the article is found under its true date.
    assert by_url(links, "marketscreener.com")["recovered_url"] == JOBS_ARTICLE
    assert ("url-recovered", (59,)) in rules
    (mismatch,) = [f for f in report["findings"]
                   if f["rule"] == "published-date-mismatch" and f["footnotes"] == [59]]
    assert "2019-08-30" in mismatch["message"] and JOBS_ARTICLE in mismatch["message"]
    archive_calls = [c for c in sample_web["wayback"].calls
                     if "marketscreener" in c.path.lower()]
    assert len(archive_calls) < 10
    assert ("archived-only", (5,)) in rules
    assert ("link-blocked", (6,)) in rules
    assert ("link-redirected", (17,)) in rules
    assert any(rule == "title-mismatch" and 16 in notes for rule, notes in rules)
    # Everything went through the proxy; names were never resolved here.
    assert sample_web["proxy"].saw("http://en.kremlin.ru/events/president/transcripts/49433")
    assert sample_web["proxy"].saw("thediplomat.com:443")
    junit = ET.parse(reports / "junit.xml").getroot()
    assert int(junit.get("tests")) == len(junit.findall(".//testcase")) > 0
    assert int(junit.get("failures")) > 0
    markdown = (reports / "link-health.md").read_text()
    assert "blocked" in markdown and "archived copy" in markdown
    html = (reports / "link-health.html").read_text()
    assert 'href="http://web.archive.org' not in html and "127.0.0.3" in html
    assert "<script" not in html


def test_second_run_uses_the_store(sample_web, tmp_path):
    args = [
        "check", PAPER_001, "--report-dir", str(tmp_path / "r"),
        "--cache", str(tmp_path / "store.sqlite"), "--config", str(sample_web["config"]),
        "--no-archive", "--quiet", "--fail-on", "never",
    ]
    assert main(args) == 0
    seen = len(sample_web["proxy"].requests)
    assert main(args) == 0
    again = sample_web["proxy"].urls[seen:]
    assert not any("transcripts/49433" in url for url in again)  # ok: reused, no request
    assert any("518936.html" in url for url in again)  # failures are checked again
