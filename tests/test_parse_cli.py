"""The parse pipeline and `footcheck parse` end to end on the sample library."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from children import with_ctrl_c

from checker.cli import main
from checker.parse import parse_paths

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "refs" / "sources"
PAPER_000 = str(next(SOURCES.glob("000_*.txt")))
PAPER_001 = str(next(SOURCES.glob("001_*.txt")))


@pytest.fixture(scope="module")
def samples():
    run = parse_paths([str(SOURCES)])
    return {Path(doc.path).name[:3]: doc for doc in run.documents}, run


def refs_of(doc, number):
    return next(f for f in doc.footnotes if f.number == number).references


def test_sample_counts(samples):
    docs, run = samples
    assert [f.number for f in docs["000"].footnotes] == list(range(1, 64))
    assert [f.number for f in docs["001"].footnotes] == list(range(1, 20))
    assert all(not docs[k].footnotes for k in ("002", "003", "004"))
    assert not run.errors
    assert "README.md" not in {Path(d.path).name for d in run.documents}


def test_sample_multi_work_notes(samples):
    docs, _ = samples
    assert len(refs_of(docs["000"], 21)) == 3
    assert len(refs_of(docs["000"], 62)) == 2
    assert len(refs_of(docs["001"], 2)) == 4
    assert refs_of(docs["001"], 11) == []  # an explanatory note


def test_sample_repairs_become_findings(samples):
    docs, run = samples
    ref = refs_of(docs["001"], 18)[0]
    assert ref.url == ref.url_as_printed and ref.url.startswith("https://thediplo-mat.com")
    malformed = {n for f in run.findings if f.rule == "url-malformed" for n in f.footnotes}
    assert {7, 10, 15, 18} <= malformed
    (asked,) = [f for f in run.findings if f.rule == "url-malformed" and f.footnotes == [18]]
    assert asked.severity == "info" and "https://thediplomat.com/2019/08/" in asked.message


def test_parse_json_shape(tmp_path, capsys):
    code = main(["parse", PAPER_000, "--format", "json", "--refs-dir", str(tmp_path)])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    doc = data["documents"][0]
    assert set(doc) == {"path", "title", "date", "footnotes"}
    note = doc["footnotes"][57]
    assert set(note) == {"number", "part", "label", "file", "page", "line", "text", "marker_lines",
                         "references", "fields"}
    assert note["number"] == 58 and note["marker_lines"]
    ref = note["references"][0]
    assert set(ref) == {"title", "authors", "container", "domain", "url", "url_as_printed",
                        "doi", "date", "accessed", "type"}
    assert ref["date"] == "2019-08-29" and ref["domain"] == "eng.sectsco.org"
    assert (tmp_path / (Path(PAPER_000).stem + ".bib")).exists()
    assert (tmp_path / (Path(PAPER_000).stem + ".json")).exists()


def test_news_articles_have_no_footnotes_said_plainly(tmp_path, capsys):
    news = sorted(str(p) for p in SOURCES.glob("00[234]_*.txt"))
    assert main(["parse", *news, "--refs-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("no footnotes found") == 3
    assert not list(tmp_path.iterdir())


def test_bad_inputs_one_line_each_and_others_still_processed(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.md"
    empty.write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "checker", "parse", str(binary), str(empty),
         str(tmp_path / "missing.txt"), str(tmp_path), PAPER_001,
         "--refs-dir", str(tmp_path / "refs")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("footcheck:")]
    assert any("image.png" in line for line in lines)
    assert any("empty.md" in line for line in lines)
    assert any("missing.txt" in line for line in lines)
    assert "19 footnotes" in result.stdout


def test_wikipedia_style_html_references():
    fixture = Path(__file__).parent / "fixtures" / "wikipedia_style.html"
    doc = parse_paths([str(fixture)]).documents[0]
    assert doc.title == "Lake Issyk-Kul"
    assert doc.date is None  # a citation's date is not the page's date
    first, second = (note.references[0] for note in doc.footnotes)
    assert first.authors == ["Smith, John"] and first.container == "Hydrology Review"
    assert first.date == "2015" and first.accessed == "2020-03-02"
    assert second.url.endswith("30000000.html") and second.date == "2019-01-05"


def test_parse_output_ends_with_the_counts(tmp_path, capsys):
    letters = tmp_path / "letters.md"
    letters.write_text(
        "Letter one.[1]\n\nNotes\n\n[1] Smith, Book, 2001.\n\n# Letter two\n\nText.[1] More.[2]"
        "\n\nNotes\n\n[1] Doe, Article, 2005.\n[2] Ibid.\n\n<sup>*</sup> A starred note.\n",
        encoding="utf-8")
    plain = tmp_path / "plain.md"
    plain.write_text("Text.[^1]\n\n[^1]: Smith, Book, 2001.\n[^3]: Doe, Book, 2002.\n",
                     encoding="utf-8")
    assert main(["parse", "--no-write", str(letters), str(plain)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert "[numbering]" in lines[0]
    assert lines[-2].endswith("letters.md: 4 footnotes (1-2 in 2 parts, numbering restarting, "
                              "marked *), 3 references")
    assert lines[-1].endswith("plain.md: 2 footnotes (1-3), 2 references")


def test_parse_writes_every_base_then_the_state_once_then_the_files(tmp_path, monkeypatch):
    """A crash at any point leaves files the state knows: the bases of both documents and of
    the library first, then the state (once, not once per pair), then the files."""
    from checker.bibliography import write

    written = []
    atomic_write = write.atomic_write

    def recorded(path, *args, **kwargs):
        atomic_write(path, *args, **kwargs)
        written.append(str(path.relative_to(tmp_path)))

    monkeypatch.setattr(write, "atomic_write", recorded)
    assert main(["parse", PAPER_000, PAPER_001, "--refs-dir", str(tmp_path)]) == 0
    names = [Path(PAPER_000).stem, Path(PAPER_001).stem, "library"]
    bases = [f"{write.BASE_DIR}/{name}.{kind}" for name in names for kind in ("bib", "json")]
    files = [f"{name}.{kind}" for name in names for kind in ("bib", "json")]
    assert written == [*bases, write.STATE_NAME, *files]


@pytest.mark.skipif(not Path("/proc").is_dir() or len(__import__("os").sched_getaffinity(0)) < 2,
                    reason="needs two cores and /proc to see the workers")
@pytest.mark.parametrize("after", [0.0, 0.3])  # as the workers are forked; amid their chunks
def test_an_interrupt_while_workers_read_ends_at_once_with_no_process_left(tmp_path, after):
    """Ctrl-C while a large document's notes are read on workers: exit 130 at once, one line,
    the workers stopped (not left to finish their chunks)."""
    import os
    import signal
    import time

    count = 60_000  # chunks of 7,500 notes: each most of a second
    body = " ".join(f"Claim {n}.<sup>{n}</sup>" for n in range(1, count + 1))
    notes = "\n".join(f'<sup>{n}</sup> Jane Doe, "Railway plans {n}," The Diplomat, May '
                      f"{n % 28 + 1}, 2020, https://example.org/2020/05/{n}-rail/."
                      for n in range(1, count + 1))
    paper = tmp_path / "paper.md"
    paper.write_text(f"# Paper\n\n{body}\n\n---\n\n{notes}\n")
    child = subprocess.Popen(
        [sys.executable, "-m", "checker", "parse", str(paper),
         "--refs-dir", str(tmp_path / "refs")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        start_new_session=True, preexec_fn=with_ctrl_c)  # its own process group, as a
    # terminal's Ctrl-C reaches

    def workers() -> list[str]:
        found = Path(f"/proc/{child.pid}/task/{child.pid}/children")
        return found.read_text().split() if found.exists() else []

    deadline = time.monotonic() + 30
    while not workers() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    forked = workers()
    assert forked, "the notes were not read on workers"
    time.sleep(after)
    interrupted = time.monotonic()
    os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=30)
    assert time.monotonic() - interrupted < 0.5  # not after the chunks at work
    assert child.returncode == 130 and "Traceback" not in err, err[-3000:]
    assert err.strip().splitlines()[-1] == "footcheck: interrupted"
    time.sleep(0.3)
    assert not [pid for pid in forked if Path(f"/proc/{pid}").exists()
                and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
