"""`footcheck check` against the loopback test web: every link target of a note is listed
(mailto:, javascript:, tel: included) and every failure reason is a few words a reader
understands, the technical detail kept in the JSON report only."""

from __future__ import annotations

import datetime as dt
import json
import ssl
from pathlib import Path
from typing import Any

import pytest
from testweb import TestWeb, refused_port

from checker.cli import main


def write_paper(tmp_path: Path, notes: list[str]) -> Path:
    markers = " ".join(f"Claim {n}.<sup>{n}</sup>" for n in range(1, len(notes) + 1))
    body = "\n\n".join(f"<sup>{n}</sup> {text}" for n, text in enumerate(notes, start=1))
    path = tmp_path / "paper.md"
    path.write_text(f"# A paper\n\n{markers}\n\n---\n\n{body}\n", encoding="utf-8")
    return path


def check_json(paper: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
               *extra: str) -> tuple[dict[str, Any], str]:
    code = main(["check", str(paper), "--cache", str(tmp_path / "store.sqlite"),
                 "--allow-private", "--no-archive", "--quiet", "--report-dir",
                 str(tmp_path / "reports"), "--format", "json", "--fail-on", "never", *extra])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    markdown = (tmp_path / "reports" / "link-health.md").read_text(encoding="utf-8")
    return {link["url"]: link for link in data["links"]}, markdown


def test_every_link_target_of_a_note_is_listed(web: TestWeb, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    web.page("/report", "Annual water report", published="2019-05-01")
    paper = write_paper(tmp_path, [
        f'"Annual water report," Basin Council, May 1, 2019, {web.url("/report")}.',
        "Press office of the Basin Council, mailto:press@basin.example.",
        "The council's map viewer, [open the map](javascript:openMap(3)).",
        "Hotline of the council, tel:+1-202-555-0100.",
    ])
    links, markdown = check_json(paper, tmp_path, capsys)
    assert links[web.url("/report")]["status"] == "ok"
    mail = links["mailto:press@basin.example"]
    assert (mail["status"], mail["footnotes"]) == ("skipped", [2])
    assert mail["reason"] == "an e-mail address, not a web page"
    script = links["javascript:openMap(3)"]
    assert (script["status"], script["footnotes"]) == ("invalid", [3])
    assert script["reason"] == "a javascript: link, not a web address"
    phone = links["tel:+1-202-555-0100"]
    assert (phone["status"], phone["footnotes"]) == ("skipped", [4])
    assert phone["reason"] == "a telephone number, not a web page"
    for target in ("mailto:press@basin.example", "javascript:openMap(3)", "tel:+1-202-555-0100"):
        assert target in markdown


def test_prose_is_not_taken_for_a_link_target(web: TestWeb, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    web.page("/book", "JavaScript: The Good Parts")
    paper = write_paper(tmp_path, [
        f'Douglas Crockford, "JavaScript: The Good Parts," 2008, {web.url("/book")}.',
    ])
    links, _ = check_json(paper, tmp_path, capsys)
    assert list(links) == [web.url("/book")]


@pytest.fixture
def expired_web(tls_ca: Any) -> Any:
    """An HTTPS server whose certificate (from the trusted test CA) expired last year."""
    now = dt.datetime.now(dt.UTC)
    leaf = tls_ca.issue_cert("127.0.0.1", "localhost",
                             not_before=now - dt.timedelta(days=730),
                             not_after=now - dt.timedelta(days=365))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    leaf.configure_cert(context)
    with TestWeb(tls=context) as server:
        yield server


def test_failure_reasons_are_words_and_the_detail_stays_in_the_json(
        web: TestWeb, expired_web: TestWeb, ca_bundle: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)  # the CA is trusted: only the date fails
    web.status("/gone", 404)
    web.hang("/silent", 5)
    expired_web.page("/secure", "Secure page")
    refused = f"http://127.0.0.1:{refused_port()}/page"
    urls = {
        "connection refused": refused,
        "not found (HTTP 404)": web.url("/gone"),
        "timed out after 1 s": web.url("/silent"),
        "TLS certificate expired": expired_web.url("/secure"),
        "name does not resolve": "http://nowhere.invalid/page",
    }
    paper = write_paper(tmp_path, [f'"Page {n}," Site, 2020, {url}.'
                                   for n, url in enumerate(urls.values(), start=1)])
    links, markdown = check_json(paper, tmp_path, capsys, "--timeout", "1", "--retries", "0")
    for reason, url in urls.items():
        link = links[url]
        assert link["reason"] == reason, (url, link["reason"], link["detail"])
        assert link["detail"], url  # the technical words are kept, in their own field
    assert "refused" in links[refused]["detail"].lower()
    assert "expired" in links[expired_web.url("/secure")]["detail"].lower()
    assert "404" in links[web.url("/gone")]["detail"]
    for technical in ("Max retries", "ConnectionPool", "Errno", "SSLError", "NameResolution"):
        assert technical not in markdown
