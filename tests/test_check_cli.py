"""`footcheck check/audit` from the command line on a small document of our own."""

import json
from pathlib import Path

import pytest
from children import with_ctrl_c
from testweb import refused_port

from checker.cli import main


@pytest.fixture
def paper(web, tmp_path):
    web.redirect("/old", "/new", status=301)
    web.page("/new", "Water Wars in the Valley", published="2018-06-04")
    web.status("/gone", 404)
    text = (
        "# A paper\n\nRivers matter.<sup>1</sup> Dams too.<sup>2</sup>\n\n---\n\n"
        '<sup>1</sup> "Water Wars in the Valley," Steppe Monitor, June 4, 2018, '
        f'{web.url("/old")}.\n\n'
        f'<sup>2</sup> "Dam safety," Steppe Monitor, May 1, 2019, {web.url("/gone")}.\n'
    )
    path = tmp_path / "paper.md"
    path.write_text(text)
    return path


def common(tmp_path):
    return ["--cache", str(tmp_path / "store.sqlite"), "--allow-private", "--no-archive",
            "--quiet", "--report-dir", str(tmp_path / "reports"),
            "--refs-dir", str(tmp_path / "refs")]


def test_update_refs_rewrites_bibliography_with_backup_and_diff(paper, web, tmp_path, capsys):
    assert main(["parse", str(paper), "--refs-dir", str(tmp_path / "refs")]) == 0
    bib = tmp_path / "refs" / "paper.bib"
    before = bib.read_text()
    assert web.url("/old") in before
    code = main(["check", str(paper), *common(tmp_path), "--update-refs"])
    assert code == 1  # the dead link is an error
    after = bib.read_text()
    assert web.url("/new") in after and web.url("/old") not in after
    assert (tmp_path / "refs" / "paper.bib.bak").read_text() == before
    out = capsys.readouterr().out
    assert any(line.startswith("+") and web.url("/new") in line for line in out.splitlines())


def test_check_json_output_and_fail_on(paper, tmp_path, capsys):
    code = main(["check", str(paper), *common(tmp_path), "--format", "json",
                 "--fail-on", "never"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    statuses = {link["url"].rsplit("/", 1)[1]: link["status"] for link in data["links"]}
    assert statuses == {"old": "redirected", "gone": "broken"}
    assert {f["rule"] for f in data["findings"]} >= {"link-broken", "link-redirected"}


def test_audit_json_has_parse_shape_and_static_findings(tmp_path, capsys):
    doc = tmp_path / "a.md"
    doc.write_text('Text.<sup>1</sup>\n\n---\n\n<sup>1</sup> "Dam safety," site.example, '
                   "May 1, 2019, https://site.example/2018/02/dams.html.\n")
    code = main(["audit", str(doc), "--format", "json", "--report-dir", str(tmp_path / "r")])
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"documents", "findings"}
    assert data["documents"][0]["footnotes"][0]["references"][0]["date"] == "2019-05-01"
    assert "url-date-mismatch" in {f["rule"] for f in data["findings"]}
    assert code == 0  # warnings only, fail-on error
    assert (tmp_path / "r" / "link-health.html").exists()


def test_unknown_config_key_is_a_one_line_error(tmp_path, capsys):
    config = tmp_path / "footcheck.toml"
    config.write_text("fail-onn = 'error'\n")
    doc = tmp_path / "a.md"
    doc.write_text("No notes here.\n")
    assert main(["audit", str(doc), "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "fail-onn" in err[0]


def test_hand_edited_bibliography_is_not_overwritten(paper, tmp_path, capsys):
    refs = tmp_path / "refs"
    assert main(["parse", str(paper), "--refs-dir", str(refs)]) == 0
    bib = refs / "paper.bib"
    edited = bib.read_text().replace("Dam safety", "Dam Safety (my fix)")
    bib.write_text(edited)
    assert main(["parse", str(paper), "--refs-dir", str(refs)]) == 2
    assert bib.read_text() == edited
    assert "--merge" in capsys.readouterr().err
    assert main(["parse", str(paper), "--refs-dir", str(refs), "--merge"]) == 0
    assert "Dam Safety (my fix)" in bib.read_text()
    assert Path(str(bib)).exists()


def test_a_tie_between_two_spellings_is_asked_offline_and_decided_by_the_network(
        web_factory, tls_ca, ca_bundle, forward_proxy, monkeypatch, tmp_path, capsys):
    """Each spelling cited once: the audit asks; the check finds that only one host answers."""
    secure = web_factory(host="127.0.0.1", tls=tls_ca, names=["eng.scobureau.org"])
    secure.page("/", "SCO Bureau: news and statements")
    forward_proxy.map("eng.scobureau.org", secure, port=443)  # eng.scobreau.org: no such host
    for name in ("HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, forward_proxy.proxy_url)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    paper = tmp_path / "paper.md"
    paper.write_text(
        "# Notes\n\nA workshop.<sup>1</sup> A meeting.<sup>2</sup>\n\n---\n\n"
        '<sup>1</sup> "Workshop on trade," eng.scobreau.org, May 14, 2020.\n\n'
        '<sup>2</sup> "Meeting of ministers," eng.scobureau.org, August 29, 2019.\n'
    )
    assert main(["audit", str(paper), "--format", "json", "--fail-on", "never",
                 "--report-dir", str(tmp_path / "reports")]) == 0
    audit = json.loads(capsys.readouterr().out)
    (asked,) = [f for f in audit["findings"] if f["rule"] == "domain-typo"]
    assert asked["severity"] == "info" and asked["footnotes"] == [1, 2]
    assert "eng.scobreau.org" in asked["message"] and "eng.scobureau.org" in asked["message"]

    code = main(["check", str(paper), "--cache", str(tmp_path / "store.sqlite"),
                 "--no-archive", "--quiet", "--format", "json", "--fail-on", "never",
                 "--report-dir", str(tmp_path / "reports"), "--timeout", "10"])
    assert code == 0
    checked = json.loads(capsys.readouterr().out)
    (decided,) = [f for f in checked["findings"] if f["rule"] == "domain-typo"]
    assert decided["severity"] == "warning" and decided["footnotes"] == [1]
    assert "a typo for eng.scobureau.org?" in decided["message"]
    assert "decided by the link check: eng.scobreau.org answered nothing" in decided["message"]


def test_a_suggested_repair_is_decided_by_the_network(
        web_factory, tls_ca, ca_bundle, forward_proxy, monkeypatch, tmp_path, capsys):
    """Two URLs printed whole with a hyphen in the host, each with evidence for a wrap
    artefact: the real hyphenated host answers and is kept; the misprinted one fails while its
    repair answers, and the repair is made and written into the bibliography."""
    hosts = ["bureau.news-desk.org", "www.steppemonitor.org"]
    secure = web_factory(host="127.0.0.1", tls=tls_ca, names=hosts)
    secure.page("/budget", "Budget cuts")
    secure.page("/2020/05/dams/", "Dams and rivers")
    for host in hosts:
        forward_proxy.map(host, secure, port=443)  # www.steppemo-nitor.org: no such host
    for name in ("HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, forward_proxy.proxy_url)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    paper = tmp_path / "paper.md"
    paper.write_text(
        "# Notes\n\nCuts.<sup>1</sup> Dams.<sup>2</sup>\n\n---\n\n"
        '<sup>1</sup> "Budget cuts," News Desk, May 3, 2021, https://bureau.news-desk.org/budget\n\n'
        '<sup>2</sup> "Dams and rivers," Steppe Monitor, May 1, 2020, '
        "https://www.steppemo-nitor.org/2020/05/dams/\n"
    )
    refs = tmp_path / "refs"
    assert main(["parse", str(paper), "--refs-dir", str(refs)]) == 0
    assert "steppemo-nitor.org" in (refs / "paper.bib").read_text()  # kept as printed
    capsys.readouterr()
    check = ["check", str(paper), "--cache", str(tmp_path / "store.sqlite"), "--no-archive",
             "--quiet", "--fail-on", "never", "--report-dir", str(tmp_path / "reports"),
             "--refs-dir", str(refs), "--timeout", "10"]
    assert main([*check, "--format", "json"]) == 0
    checked = json.loads(capsys.readouterr().out)
    malformed = {f["footnotes"][0]: f for f in checked["findings"]
                 if f["rule"] == "url-malformed"}
    assert malformed[1]["severity"] == "info"
    assert "kept as printed: it answers" in malformed[1]["message"]
    assert malformed[2]["severity"] == "warning"
    assert "https://www.steppemonitor.org/2020/05/dams/' answers (HTTP 200)" \
        in malformed[2]["message"]
    printed = next(link for link in checked["links"] if "steppemo-nitor" in link["url"])
    assert printed["repaired_url"] == "https://www.steppemonitor.org/2020/05/dams/"
    assert main([*check, "--update-refs"]) == 0
    bib = (refs / "paper.bib").read_text()
    assert "https://www.steppemonitor.org/2020/05/dams/" in bib
    assert "https://bureau.news-desk.org/budget" in bib


def test_update_refs_updates_the_library_keeping_other_papers_and_hand_edits(
        paper, web, tmp_path, capsys):
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nFloods.[^1]\n\n[^1]: Ann Roe, \"Floods return,\" Daily Post, "
                     "April 2, 2021, https://post.example.com/floods.\n")
    refs = tmp_path / "refs"
    assert main(["parse", str(paper), str(other), "--refs-dir", str(refs)]) == 0
    library = refs / "library.bib"
    edited = library.read_text().replace("title = {Floods return},",
                                         "title = {Floods return},\n  keywords = {floods},")
    assert edited != library.read_text()
    library.write_text(edited)
    capsys.readouterr()
    assert main(["check", str(paper), *common(tmp_path), "--update-refs"]) == 1
    after = library.read_text()
    assert web.url("/new") in after and web.url("/old") not in after  # the learned URL
    assert "keywords = {floods}" in after  # the hand edit, and the other paper's entry
    assert "footcheck-cited-in = {other: 1}" in after
    assert (refs / "library.bib.bak").read_text() == edited
    csl = json.loads((refs / "library.json").read_text())
    assert web.url("/new") in {item.get("URL") for item in csl}
    out = capsys.readouterr().out
    assert any(line.startswith("+++") and "library.bib" in line for line in out.splitlines())
    # What the check learned stays in the library when the paper is parsed again.
    assert main(["parse", str(paper), "--refs-dir", str(refs)]) == 0
    assert web.url("/new") in library.read_text()


def test_offline_is_said_after_the_first_wave_and_the_rest_left_unchecked(
        web_factory, tmp_path):
    from testweb import Reply

    # four hosts that take 0.3 s to drop every connection without an answer, as a lookup
    # does offline before it fails; and an archive where nothing listens
    hosts = [web_factory() for _ in range(4)]
    urls = []
    for n in range(1, 61):
        host = hosts[n % 4]
        host.reply(f"/report-{n}", Reply(reset=True, delay=0.3))
        urls.append(host.url(f"/report-{n}"))
    lines = ["# Offline", "", *(f"Claim {n}.[^{n}]" for n in range(1, 61)), ""]
    lines += [f'[^{n}]: "Report {n}," Site {n}, March 2, 2020, {url}'
              for n, url in enumerate(urls, start=1)]
    paper = tmp_path / "paper.md"
    paper.write_text("\n".join(lines) + "\n")
    archive = f"http://127.0.0.1:{refused_port()}"
    code = main(["check", str(paper), "--cache", str(tmp_path / "store.sqlite"),
                 "--allow-private", "--quiet", "--report-dir", str(tmp_path / "reports"),
                 "--global-limit", "4", "--wayback-url", f"{archive}/wayback/available",
                 "--cdx-url", f"{archive}/cdx/search/cdx", "--wayback-web-url", f"{archive}/web"])
    assert code == 3
    report = json.loads((tmp_path / "reports" / "link-health.json").read_text())
    assert len(report["links"]) == 60
    assert {link["status"] for link in report["links"]} == {"offline"}
    [note] = [n for n in report["notes"] if n.startswith("network unavailable")]
    assert "the first 8 links tried, on 4 hosts" in note and "links were left unchecked" in note
    # two waves of four, the archive asked meanwhile, then nothing more: far from 60 links
    assert sum(sum(host.hits(f"/report-{n}") for n in range(1, 61)) for host in hosts) < 20


def test_an_interrupt_while_links_hang_ends_at_once_in_one_line(web, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    for n in range(1, 6):
        web.hang(f"/slow-{n}", 30)
    lines = ["# Hanging", "", *(f"Claim {n}.[^{n}]" for n in range(1, 6)), ""]
    lines += [f'[^{n}]: "Report {n}," Site, March 2, 2020, {web.url(f"/slow-{n}")}'
              for n in range(1, 6)]
    paper = tmp_path / "paper.md"
    paper.write_text("\n".join(lines) + "\n")
    child = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", str(paper), "--allow-private", "--no-archive",
         "--cache", str(tmp_path / "store.sqlite"), "--report-dir", str(tmp_path / "reports")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # SIGABRT: every thread's stack
        preexec_fn=with_ctrl_c,
    )

    def stacks() -> str:
        """The child's threads where they are, for the failure's message."""
        child.send_signal(signal.SIGABRT)
        return child.communicate(timeout=20)[1][-6000:]

    started = time.monotonic()
    deadline = started + 20  # two hang at once (the per-host limit), the rest wait
    while sum(web.hits(f"/slow-{n}") for n in range(1, 6)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    if time.monotonic() >= deadline:
        hits = sum(web.hits(f"/slow-{n}") for n in range(1, 6))
        pytest.fail(f"{hits} hanging links reached in 20 s; the child:\n{stacks()}")
    interrupted = time.monotonic()
    child.send_signal(signal.SIGINT)
    try:
        _, err = child.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running 20 s after the interrupt "
                    f"({interrupted - started:.1f} s after the start); the child:\n{stacks()}")
    assert time.monotonic() - interrupted < 5, err[-3000:]  # not after the hangs' timeout
    assert child.returncode == 130, err[-3000:]
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "footcheck: interrupted"
    assert not (tmp_path / "reports").exists()  # no half-made report
