"""Writing the bibliography: atomic files, hand edits refused / merged / forced, and the
updates a link check brings (redirects, archived copies, recovered URLs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import bibtexparser
import pybtex.database
import pybtex.errors
import pytest

from checker.bibliography import (
    apply_link_results,
    build_entries,
    update_bibliography,
    write_bibliography,
)
from checker.bibliography.write import BASE_DIR, STATE_NAME, atomic_write
from checker.errors import ConfigError, WriteRefused
from checker.model import Citation, Document, Footnote, LinkResult, Reference

R = Reference
DIPLOMAT = "https://thediplomat.com/2019/08/smart-cities-or-surveillance-huawei-in-central-asia/"


def make_doc(*notes: tuple[int, list[Reference]]) -> Document:
    return Document(
        path="papers/paper.md", id="paper", text="",
        footnotes=[Footnote(number=n, line=n, text="", references=refs) for n, refs in notes],
    )


def base_notes() -> list[tuple[int, list[Reference]]]:
    return [
        (1, [R(title="Smart Cities or Surveillance?", authors=["Yau, Tsz Yan"],
               container="The Diplomat", url=DIPLOMAT, date="2019-08-07", type="news")]),
        (2, [R(title="Call Tsender: Na rynke", container="kaktus.media", domain="kaktus.media",
               date="2020-03-02", type="news"),
             R(title="Kamchybek joldoshbaev o koronaviryse", container="kaktus.media",
               domain="kaktus.media", date="2020-01-29", type="news")]),
        (3, [R(title="Kazakhstan summons Chinese ambassador", container="Reuters",
               url="http://reuters.com/article/kz-summons", date="2020-04-14", type="news",
               accessed="2020-05-01")]),
    ]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def strict_pybtex(text: str) -> pybtex.database.BibliographyData:
    pybtex.errors.set_strict_mode(True)
    with pybtex.errors.capture() as problems:
        data = pybtex.database.parse_string(text, "bibtex")
    assert problems == []
    return data


def merged_flags(refs: Path) -> dict[str, bool]:
    state = json.loads((refs / STATE_NAME).read_text(encoding="utf-8"))
    return {name: entry["merged"] for name, entry in state["files"].items()}


# -- atomic writes ----------------------------------------------------------------------------
def test_writes_both_files_and_leaves_no_temporary_files(tmp_path: Path):
    refs = tmp_path / "refs"
    messages = write_bibliography(make_doc(*base_notes()), refs)
    assert listing(refs) == [BASE_DIR, STATE_NAME, "paper.bib", "paper.json"]
    assert listing(refs / BASE_DIR) == ["paper.bib", "paper.json"]
    assert messages == [f"{refs}/paper.bib: wrote 4 entries, biblatex",
                        f"{refs}/paper.json: wrote 4 entries, CSL-JSON"]
    text = (refs / "paper.bib").read_text(encoding="utf-8")
    assert text.startswith("% Written by footcheck")
    assert bibtexparser.parse_string(text).failed_blocks == []
    assert len(strict_pybtex(text).entries) == 4
    assert len(json.loads((refs / "paper.json").read_text(encoding="utf-8"))) == 4
    again = write_bibliography(make_doc(*base_notes()), refs)
    assert all("unchanged" in m for m in again)
    assert listing(refs) == [BASE_DIR, STATE_NAME, "paper.bib", "paper.json"]
    assert listing(refs / BASE_DIR) == ["paper.bib", "paper.json"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch):
    target = tmp_path / "x.bib"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, "new\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old\n"
    assert listing(tmp_path) == ["x.bib"]
    atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept
    assert listing(tmp_path) == ["x.bib"]


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_a_file_written_from_its_base_has_the_bases_bytes_after_its_head(
        tmp_path: Path, monkeypatch, kernel_copy: bool):
    base = tmp_path / "base.bib"
    base.write_bytes("% Кактус\n@online{a,\n  title = {Жогорку},\n}\n".encode())
    if not kernel_copy:  # an OS or file system without copy_file_range
        def unsupported(*args: object) -> int:
            raise OSError(38, "Function not implemented")
        monkeypatch.setattr(os, "copy_file_range", unsupported)
    head = "% Кактус\n"
    atomic_write(tmp_path / "x.bib", head + "% footcheck-sha256: 00\n", tail=base,
                 tail_start=len(head.encode()))
    assert (tmp_path / "x.bib").read_text(encoding="utf-8") == (
        "% Кактус\n% footcheck-sha256: 00\n@online{a,\n  title = {Жогорку},\n}\n")
    assert listing(tmp_path) == ["base.bib", "x.bib"]


def test_unwritable_folder_is_a_one_line_error(tmp_path: Path):
    blocker = tmp_path / "refs"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(ConfigError, match="refs"):
        write_bibliography(make_doc(*base_notes()), blocker)
    with pytest.raises(ConfigError, match="on_edited"):
        write_bibliography(make_doc(*base_notes()), tmp_path / "r", on_edited="sometimes")


def test_no_cited_works_writes_nothing(tmp_path: Path):
    messages = write_bibliography(make_doc((1, [R()])), tmp_path / "refs")
    assert "no cited works" in messages[0]
    assert not (tmp_path / "refs").exists()


# -- hand edits -------------------------------------------------------------------------------
def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_hand_edited_bib_is_refused_untouched_then_merged_keeping_the_users_fields(
        tmp_path: Path):
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    bib = refs / "paper.bib"
    edit(bib, "title = {Smart Cities or Surveillance?}",
         "title = {Smart Cities or Surveillance? Huawei in Central Asia},\n  keywords = {china}")
    with open(bib, "a", encoding="utf-8") as handle:
        handle.write("\n@book{mine2001,\n  title = {My Own Book},\n  date = {2001},\n}\n")
    edited = bib.read_bytes()
    json_before = (refs / "paper.json").read_bytes()

    notes = base_notes()
    notes.append((4, [R(title="New source", container="akipress.com", date="2020-05-27")]))
    with pytest.raises(WriteRefused) as refused:
        write_bibliography(make_doc(*notes), refs)
    message = str(refused.value)
    assert str(bib) in message and "--merge" in message and "--force" in message
    assert "\n" not in message
    assert bib.read_bytes() == edited  # nothing touched, not even the untouched .json
    assert (refs / "paper.json").read_bytes() == json_before

    messages = write_bibliography(make_doc(*notes), refs, on_edited="merge")
    assert "merged with your edits" in messages[0]
    assert "yau2019smart.title" in messages[0] and "yau2019smart.keywords" in messages[0]
    assert "mine2001" in messages[0] and "akipress2020new" in messages[0]
    data = strict_pybtex(bib.read_text(encoding="utf-8"))
    assert data.entries["yau2019smart"].fields["title"] == (
        "Smart Cities or Surveillance? Huawei in Central Asia")
    assert data.entries["yau2019smart"].fields["keywords"] == "china"
    assert data.entries["mine2001"].fields["title"] == "My Own Book"
    assert "akipress2020new" in data.entries
    assert bibtexparser.parse_string(bib.read_text(encoding="utf-8")).failed_blocks == []

    # The merged file is footcheck's again: later runs need no flag and keep the edits.
    assert merged_flags(refs) == {"paper.bib": True, "paper.json": False}
    notes[2][1][0].date = "2020-04-15"
    write_bibliography(make_doc(*notes), refs)
    assert merged_flags(refs)["paper.bib"] is True  # still holds the user's edits
    data = strict_pybtex(bib.read_text(encoding="utf-8"))
    assert data.entries["yau2019smart"].fields["keywords"] == "china"
    assert data.entries["yau2019smart"].fields["title"].endswith("Huawei in Central Asia")
    assert data.entries["reuters2020kazakhstan"].fields["date"] == "2020-04-15"  # ours updated
    assert "mine2001" in data.entries


def test_a_file_without_merged_edits_is_rewritten_from_the_new_works(tmp_path: Path):
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    assert merged_flags(refs) == {"paper.bib": False, "paper.json": False}
    notes = base_notes()
    del notes[1]
    notes[0][1][0].title = "Smart Cities, or Surveillance?"
    messages = write_bibliography(make_doc(*notes), refs)
    assert all("wrote 2 entries" in message for message in messages)
    fresh = tmp_path / "fresh"
    write_bibliography(make_doc(*notes), fresh)
    for name in ("paper.bib", "paper.json"):
        assert (refs / name).read_text(encoding="utf-8") == (fresh / name).read_text(
            encoding="utf-8")


def test_a_state_from_an_earlier_version_still_gives_the_merge_base(tmp_path: Path):
    """Earlier states kept the generated records, not the text: merges still work."""
    from checker.bibliography.write import _bib_plan, render_entries

    refs = tmp_path / "refs"
    doc = make_doc(*base_notes())
    write_bibliography(doc, refs)
    state_path = refs / STATE_NAME
    state = json.loads(state_path.read_text(encoding="utf-8"))
    plan = _bib_plan(render_entries(build_entries(doc)), refs / "paper.bib", "paper.md", False)
    entry = state["files"]["paper.bib"]
    del entry["merged"]
    (refs / BASE_DIR / "paper.bib").unlink()
    entry["generated"] = [{"key": r.key, "fields": r.fields} for r in plan.ours()]
    state_path.write_text(json.dumps(state), encoding="utf-8")
    bib = refs / "paper.bib"
    edit(bib, "title = {Smart Cities or Surveillance?}",
         "title = {Smart Cities or Surveillance?},\n  keywords = {china}")
    notes = base_notes()
    notes[2][1][0].date = "2020-04-15"
    messages = write_bibliography(make_doc(*notes), refs, on_edited="merge")
    assert "kept your fields yau2019smart.keywords" in messages[0]
    data = strict_pybtex(bib.read_text(encoding="utf-8"))
    assert data.entries["yau2019smart"].fields["keywords"] == "china"
    assert data.entries["reuters2020kazakhstan"].fields["date"] == "2020-04-15"


def test_a_state_keeping_the_base_text_in_itself_still_gives_the_merge_base(tmp_path: Path):
    """States before refs/.footcheck-base/ kept the generated text in themselves."""
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    state_path = refs / STATE_NAME
    state = json.loads(state_path.read_text(encoding="utf-8"))
    base = refs / BASE_DIR / "paper.bib"
    state["files"]["paper.bib"]["generated_text"] = base.read_text(encoding="utf-8")
    state_path.write_text(json.dumps(state), encoding="utf-8")
    base.unlink()
    bib = refs / "paper.bib"
    edit(bib, "title = {Smart Cities or Surveillance?}",
         "title = {Smart Cities or Surveillance?},\n  keywords = {china}")
    messages = write_bibliography(make_doc(*base_notes()), refs, on_edited="merge")
    assert "kept your fields yau2019smart.keywords" in messages[0]
    assert "generated_text" not in json.loads(state_path.read_text(encoding="utf-8"))["files"][
        "paper.bib"]
    assert base.is_file()


def test_entries_the_user_deleted_stay_deleted_and_stale_ones_go(tmp_path: Path):
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    bib = refs / "paper.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{kaktus2020call")
    bib.write_text(text[:start] + text[text.index("}\n", start) + 2:], encoding="utf-8")
    notes = base_notes()[:2]  # the Reuters work is no longer cited
    messages = write_bibliography(make_doc(*notes), refs, on_edited="merge")
    keys = set(strict_pybtex(bib.read_text(encoding="utf-8")).entries)
    assert keys == {"yau2019smart", "kaktus2020kamchybek"}
    assert "left out entries you deleted kaktus2020call" in messages[0]
    assert "dropped entries no longer cited reuters2020kazakhstan" in messages[0]


def test_hand_edited_csl_json_is_refused_then_merged(tmp_path: Path):
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    path = refs / "paper.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    items[0]["title"] = "Edited in Zotero"
    items[0]["language"] = "en"
    path.write_text(json.dumps(items), encoding="utf-8")
    with pytest.raises(WriteRefused, match=r"paper\.json"):
        write_bibliography(make_doc(*base_notes()), refs)
    messages = write_bibliography(make_doc(*base_notes()), refs, on_edited="merge")
    assert "unchanged" in messages[0]  # the .bib was not edited
    assert "kept your fields yau2019smart.title, yau2019smart.language" in messages[1]
    merged = json.loads(path.read_text(encoding="utf-8"))
    assert merged[0]["title"] == "Edited in Zotero" and merged[0]["language"] == "en"
    assert len(merged) == 4


def test_a_file_footcheck_did_not_write_counts_as_edited(tmp_path: Path):
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "paper.bib").write_text("@misc{old, title = {Kept}}\n", encoding="utf-8")
    with pytest.raises(WriteRefused, match="not written by footcheck"):
        write_bibliography(make_doc(*base_notes()), refs)
    write_bibliography(make_doc(*base_notes()), refs, on_edited="merge")
    keys = set(strict_pybtex((refs / "paper.bib").read_text(encoding="utf-8")).entries)
    assert "old" in keys and "yau2019smart" in keys


def test_force_overwrites_keeping_a_backup(tmp_path: Path):
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    edit(refs / "paper.bib", "The Diplomat", "The Diplomat (edited)")
    edited = (refs / "paper.bib").read_text(encoding="utf-8")
    messages = write_bibliography(make_doc(*base_notes()), refs, on_edited="force")
    assert "overwritten (--force)" in messages[0]
    assert (refs / "paper.bib.bak").read_text(encoding="utf-8") == edited
    assert "(edited)" not in (refs / "paper.bib").read_text(encoding="utf-8")


def test_an_edited_file_that_does_not_parse_cannot_be_merged(tmp_path: Path):
    refs = tmp_path / "refs"
    write_bibliography(make_doc(*base_notes()), refs)
    with open(refs / "paper.bib", "a", encoding="utf-8") as handle:
        handle.write("\n@misc{broken, title = {unbalanced\n")
    with pytest.raises(WriteRefused, match="does not parse"):
        write_bibliography(make_doc(*base_notes()), refs, on_edited="merge")


# -- after a link check -----------------------------------------------------------------------
def links() -> list[LinkResult]:
    return [
        LinkResult(url=DIPLOMAT, status="redirected", http_status=200, permanent_redirect=True,
                   final_url="https://thediplomat.com/2019/08/smart-cities/",
                   checked_at="2024-05-01T10:00:00Z",
                   citations=[Citation("papers/paper.md", 1)]),
        LinkResult(url="http://reuters.com/article/kz-summons", status="broken",
                   http_status=404, reason="404 Not Found",
                   archive_url="http://web.archive.org/web/20200415000000/http://reuters.com/"
                               "article/kz-summons",
                   archive_timestamp="20200415000000", checked_at="2024-05-01T10:00:05Z",
                   citations=[Citation("papers/paper.md", 3)]),
        LinkResult(url="https://kaktus.media/", status="ok", site_only=True,
                   recovered_url="https://kaktus.media/doc/406012_call_tsender.html",
                   recovered_score=0.93,
                   recovered_evidence='note 2 "Call Tsender: Na rynke": page title matches',
                   checked_at="2024-05-01T10:00:09Z",
                   citations=[Citation("papers/paper.md", 2)]),
    ]


def test_apply_link_results():
    entries = build_entries(make_doc(*base_notes()))
    changes = apply_link_results(entries, links(), document="papers/paper.md")
    by_key = {e.key: e for e in entries}
    yau = by_key["yau2019smart"]
    assert yau.url == "https://thediplomat.com/2019/08/smart-cities/"
    assert yau.accessed == "2024-05-01"
    assert yau.reference.url == DIPLOMAT  # the citation itself is unchanged
    reuters = by_key["reuters2020kazakhstan"]
    assert reuters.url == "http://reuters.com/article/kz-summons"
    assert reuters.archive_date == "2020-04-15"
    assert reuters.accessed == "2020-05-01"
    assert by_key["kaktus2020call"].url is None  # recovered URLs need accept_recovered
    assert any("suggested" in c and "--accept-recovered" in c for c in changes)
    assert any(c.startswith("yau2019smart: url ") for c in changes)

    entries = build_entries(make_doc(*base_notes()))
    apply_link_results(entries, links(), document="papers/paper.md", accept_recovered=True)
    by_key = {e.key: e for e in entries}
    assert by_key["kaktus2020call"].url == "https://kaktus.media/doc/406012_call_tsender.html"
    assert by_key["kaktus2020kamchybek"].url is None  # the other article of the same site


def test_a_redirect_to_the_home_page_is_not_followed_and_ok_links_get_an_access_date():
    entries = build_entries(make_doc(*base_notes()))
    gone = LinkResult(url=DIPLOMAT, status="redirected", permanent_redirect=True,
                      final_url="https://thediplomat.com/", checked_at="2024-05-01T00:00:00Z")
    changes = apply_link_results(entries, [gone])
    assert entries[0].url == DIPLOMAT and "home page" in changes[0]
    ok = LinkResult(url=DIPLOMAT, status="ok", checked_at="2024-06-02T00:00:00Z")
    assert apply_link_results(entries, [ok]) == [
        "yau2019smart: urldate 2024-06-02 (link checked ok)"]
    assert entries[0].accessed == "2024-06-02"


def test_update_bibliography_keeps_a_backup_prints_a_diff_and_later_parses_keep_it(
        tmp_path: Path):
    refs = tmp_path / "refs"
    doc = make_doc(*base_notes())
    write_bibliography(doc, refs)
    old_bib = (refs / "paper.bib").read_text(encoding="utf-8")
    changes, diff = update_bibliography(doc, links(), refs)
    assert (refs / "paper.bib.bak").read_text(encoding="utf-8") == old_bib
    assert (refs / "paper.json.bak").exists()
    assert f"-  url = {{{DIPLOMAT}}}," in diff
    assert "+  url = {https://thediplomat.com/2019/08/smart-cities/}," in diff
    assert "+  urldate = {2024-05-01}," in diff
    assert any("wrote" in c and "kept as .bak" in c for c in changes)
    bib = (refs / "paper.bib").read_text(encoding="utf-8")
    reuters = strict_pybtex(bib).entries["reuters2020kazakhstan"]
    assert reuters.fields["addendum"] == (
        r"Archived copy: \url{http://web.archive.org/web/20200415000000/http://reuters.com/"
        r"article/kz-summons}, 15 April 2020")
    item = next(i for i in json.loads((refs / "paper.json").read_text(encoding="utf-8"))
                if i["id"] == "reuters2020kazakhstan")
    assert item["archive"] == "Internet Archive"
    assert item["archive_location"].startswith("http://web.archive.org/web/20200415")

    # A later parse (no check) keeps what the check learned.
    messages = write_bibliography(doc, refs)
    assert all("unchanged" in m for m in messages)


def test_update_keeps_the_classic_dialect(tmp_path: Path):
    refs = tmp_path / "refs"
    doc = make_doc(*base_notes())
    write_bibliography(doc, refs, classic=True)
    _, diff = update_bibliography(doc, links(), refs)
    text = (refs / "paper.bib").read_text(encoding="utf-8")
    assert "(BibTeX classic)" in text and "@misc{yau2019smart" in text
    assert r"\url{https://thediplomat.com/2019/08/smart-cities/}" in diff
    strict_pybtex(text)


@pytest.mark.parametrize("odd", ['say "hi"', "back\\slash", "new\nline", "tab\t", "nul\x00",
                                 "Кактус é", "\ud800 lone surrogate", ""])
def test_the_state_is_written_as_json_writes_it_whatever_its_strings_hold(odd: str):
    """The library's identity -> key pairs are joined as they are unless a string needs an
    escape; then each is escaped (the state must read back as written)."""
    from checker.bibliography.write import _state_pieces

    keys = {f"url:example.org/{n}": f"key{n}" for n in range(5000)}
    keys[f"title:{odd}|bare"] = "odd" + odd
    state = {"version": 1, "files": {}, "library": {"documents": {}, "keys": keys}}
    assert "".join(_state_pieces(state)) == json.dumps(
        state, ensure_ascii=False, separators=(",", ":"))
