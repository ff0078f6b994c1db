"""refs/library.bib and refs/library.json: one entry per work across every document parsed
into refs/, saying where each is cited; kept across runs without losing other papers' works
or the user's edits."""

import json

import bibtexparser
import pybtex.database

from checker.cli import main

SMITH_A = ('Jane Smith, "Rivers of the Steppe," Reuters, March 2, 2020, '
           "https://www.reuters.com/world/rivers-of-the-steppe.")
SMITH_B = ('Smith, Jane. "Rivers of the Steppe." Reuters, 2 March 2020. '
           "https://reuters.com/world/rivers-of-the-steppe/.")
DAMS = '"Dam safety," Water Agency, 2019, https://agency.gov/dams.'
FLOODS = 'Ann Roe, "Floods return," Daily Post, April 2, 2021, https://post.example.com/floods.'


def paper(path, *notes):
    body = " ".join(f"Claim {n}.[^{n}]" for n in range(1, len(notes) + 1))
    defs = "\n".join(f"[^{n}]: {text}" for n, text in enumerate(notes, start=1))
    path.write_text(f"# {path.stem}\n\n{body}\n\n{defs}\n")
    return str(path)


def parse(tmp_path, *papers, extra=()):
    assert main(["parse", *papers, "--refs-dir", str(tmp_path / "refs"), *extra]) == 0


def library(tmp_path):
    bib = bibtexparser.parse_string((tmp_path / "refs" / "library.bib").read_text())
    csl = json.loads((tmp_path / "refs" / "library.json").read_text())
    return {e.key: {f.key: f.value for f in e.fields} for e in bib.entries}, \
        {item["id"]: item for item in csl}


def test_two_papers_citing_one_work_give_one_entry_citing_both(tmp_path):
    a = paper(tmp_path / "paper-a.md", SMITH_A, DAMS)
    b = paper(tmp_path / "paper-b.md", FLOODS, SMITH_B)
    parse(tmp_path, a, b)
    bib, csl = library(tmp_path)
    assert sorted(bib) == sorted(csl) == ["roe2021floods", "smith2020rivers", "water2019dam"]
    assert bib["smith2020rivers"]["footcheck-cited-in"] == "paper-a: 1; paper-b: 2"
    assert csl["smith2020rivers"]["footcheck-cited-in"] == "paper-a: 1; paper-b: 2"
    assert "note" not in bib["smith2020rivers"] and "note" not in csl["smith2020rivers"]
    assert bib["water2019dam"]["footcheck-cited-in"] == "paper-a: 2"


def test_parsing_one_paper_again_keeps_the_others_works_and_the_keys(tmp_path):
    a = paper(tmp_path / "paper-a.md", SMITH_A, DAMS)
    b = paper(tmp_path / "paper-b.md", FLOODS, SMITH_B)
    parse(tmp_path, a, b)
    paper(tmp_path / "paper-b.md", SMITH_B)  # paper B drops the floods article
    parse(tmp_path, b)
    bib, csl = library(tmp_path)
    assert sorted(bib) == sorted(csl) == ["smith2020rivers", "water2019dam"]
    assert bib["smith2020rivers"]["footcheck-cited-in"] == "paper-a: 1; paper-b: 1"
    assert bib["water2019dam"]["footcheck-cited-in"] == "paper-a: 2"


def test_a_works_key_is_stable_when_another_work_would_take_it(tmp_path):
    first = 'Jane Smith, "Rivers of Asia," Reuters, 2020, https://reuters.com/asia.'
    second = 'Jane Smith, "Rivers of Africa," Reuters, 2020, https://reuters.com/africa.'
    parse(tmp_path, paper(tmp_path / "b.md", second))
    parse(tmp_path, paper(tmp_path / "a.md", first))  # sorts first, but came later
    bib, _ = library(tmp_path)
    assert bib["smith2020rivers"]["title"] == "Rivers of Africa"
    assert bib["smith2020riversa"]["title"] == "Rivers of Asia"
    parse(tmp_path, str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    assert library(tmp_path)[0] == bib


def test_hand_edits_to_the_library_survive_parsing_again(tmp_path):
    a = paper(tmp_path / "paper-a.md", SMITH_A, DAMS)
    parse(tmp_path, a)
    bib_path = tmp_path / "refs" / "library.bib"
    bib_path.write_text(bib_path.read_text().replace(
        "title = {Dam safety},", "title = {Dam safety in the valley},\n  keywords = {dams},"))
    json_path = tmp_path / "refs" / "library.json"
    items = json.loads(json_path.read_text())
    items[0]["abstract"] = "Written by hand."
    json_path.write_text(json.dumps(items, indent=2))
    parse(tmp_path, paper(tmp_path / "paper-b.md", SMITH_B))
    bib, csl = library(tmp_path)
    assert bib["water2019dam"]["title"] == "Dam safety in the valley"
    assert bib["water2019dam"]["keywords"] == "dams"
    assert csl[items[0]["id"]]["abstract"] == "Written by hand."
    assert bib["smith2020rivers"]["footcheck-cited-in"] == "paper-a: 1; paper-b: 1"


def test_force_overwrites_a_hand_edited_library_keeping_a_backup(tmp_path):
    a = paper(tmp_path / "paper-a.md", DAMS)
    parse(tmp_path, a)
    bib_path = tmp_path / "refs" / "library.bib"
    edited = bib_path.read_text().replace("{Dam safety}", "{Dams}")
    bib_path.write_text(edited)
    parse(tmp_path, a, extra=["--force"])
    assert "{Dam safety}" in bib_path.read_text()
    assert (tmp_path / "refs" / "library.bib.bak").read_text() == edited


def test_library_bib_parses_in_pybtex_with_one_entry_per_work(tmp_path):
    parse(tmp_path, paper(tmp_path / "paper-a.md", SMITH_A, DAMS),
          paper(tmp_path / "paper-b.md", FLOODS, SMITH_B))
    data = pybtex.database.parse_file(str(tmp_path / "refs" / "library.bib"))
    assert sorted(data.entries) == ["roe2021floods", "smith2020rivers", "water2019dam"]
    assert data.entries["smith2020rivers"].fields["footcheck-cited-in"] == \
        "paper-a: 1; paper-b: 2"


def test_a_paper_named_library_does_not_overwrite_the_library(tmp_path):
    parse(tmp_path, paper(tmp_path / "library.md", DAMS), paper(tmp_path / "x_y.md", DAMS))
    refs = tmp_path / "refs"
    assert (refs / "library_document.bib").is_file()
    assert "footcheck-cited-in = {library: 1; x_y: 1}" in (refs / "library.bib").read_text()


def test_a_bibliography_given_as_a_document_is_checked_not_copied(tmp_path):
    bib = tmp_path / "mine.bib"
    bib.write_text("@book{k, title = {A book}, year = 2001}\n")
    parse(tmp_path, str(bib))
    assert not (tmp_path / "refs").exists()


def test_notes_numbered_afresh_per_chapter_are_named_by_part(tmp_path):
    thesis = tmp_path / "thesis.tex"
    thesis.write_text(
        "\\documentclass{book}\n\\begin{document}\n\\chapter{One}\n"
        f"Text.\\footnote{{{DAMS}}} More.\\footnote{{{FLOODS}}}\n"
        f"\\chapter{{Two}}\nText.\\footnote{{{DAMS}}}\n\\end{{document}}\n")
    parse(tmp_path, str(thesis), paper(tmp_path / "paper-a.md", DAMS))
    bib, csl = library(tmp_path)
    assert bib["water2019dam"]["footcheck-cited-in"] == \
        "paper-a: 1; thesis, part 1: 1; thesis, part 2: 1"
    assert csl["water2019dam"]["footcheck-cited-in"] == bib["water2019dam"]["footcheck-cited-in"]
    assert bib["roe2021floods"]["footcheck-cited-in"] == "thesis, part 1: 2"
    own = bibtexparser.parse_string((tmp_path / "refs" / "thesis.bib").read_text())
    notes = {e.key: e.fields_dict["note"].value for e in own.entries}
    assert notes["water2019dam"] == "Cited in part 1, footnote 1; part 2, footnote 1"
    assert notes["roe2021floods"] == "Cited in part 1, footnote 2"


CHEN_2006 = 'Jun Chen, "Water and Power in Central Asia," Central Asian Survey, 2006.'
CHEN_2013 = 'Jun Chen, "Water and Power in Central Asia," Central Asian Survey, 2013.'
CHEN_2013_AGAIN = 'Chen, Jun. "Water and Power in Central Asia." Central Asian Survey, 2013.'


def dates_by_key(tmp_path):
    bib, csl = library(tmp_path)
    assert sorted(bib) == sorted(csl)
    return {key: fields.get("date") for key, fields in bib.items()}


def test_works_sharing_a_title_keep_their_keys_across_runs(tmp_path):
    # one title, one author, two years: two works whose title identities are the same
    a = paper(tmp_path / "paper-a.md", CHEN_2006, CHEN_2013)
    parse(tmp_path, a)
    first = (tmp_path / "refs" / "library.bib").read_text()
    assert dates_by_key(tmp_path) == {"chen2006water": "2006", "chen2013water": "2013"}
    parse(tmp_path, a)
    parse(tmp_path, a)
    assert (tmp_path / "refs" / "library.bib").read_text() == first
    # a third note, and a second paper citing the 2013 work: the keys stay
    a = paper(tmp_path / "paper-a.md", CHEN_2006, CHEN_2013, CHEN_2013_AGAIN)
    parse(tmp_path, a, paper(tmp_path / "paper-b.md", CHEN_2013_AGAIN, CHEN_2006))
    parse(tmp_path, a)
    assert dates_by_key(tmp_path) == {"chen2006water": "2006", "chen2013water": "2013"}
    bib, _ = library(tmp_path)
    assert bib["chen2013water"]["footcheck-cited-in"] == "paper-a: 2, 3; paper-b: 1"


def test_a_work_sharing_a_title_cited_later_takes_a_new_key(tmp_path):
    parse(tmp_path, paper(tmp_path / "paper-a.md", CHEN_2013))
    # a 2006 work, new, cited first; the 2013 work again, more precisely dated
    b = paper(tmp_path / "paper-b.md", CHEN_2006, CHEN_2006.replace("2006", "2013-05"))
    for _ in range(2):
        parse(tmp_path, b)
        assert dates_by_key(tmp_path) == {"chen2013water": "2013-05", "chen2006water": "2006"}


def test_a_hand_edit_stays_with_its_work_sharing_a_title(tmp_path):
    a = paper(tmp_path / "paper-a.md", CHEN_2006, CHEN_2013)
    parse(tmp_path, a)
    bib_path = tmp_path / "refs" / "library.bib"
    bib_path.write_text(bib_path.read_text().replace(
        "date = {2006},", "date = {2006},\n  keywords = {first edition},"))
    for _ in range(2):
        parse(tmp_path, a)
        assert dates_by_key(tmp_path) == {"chen2006water": "2006", "chen2013water": "2013"}
        bib, _ = library(tmp_path)
        assert bib["chen2006water"]["keywords"] == "first edition"
        assert "keywords" not in bib["chen2013water"]


def test_a_work_left_alone_with_its_title_keeps_its_key(tmp_path):
    parse(tmp_path, paper(tmp_path / "paper-a.md", CHEN_2006, DAMS))  # the title: one work
    parse(tmp_path, paper(tmp_path / "paper-b.md", CHEN_2013))  # two works
    assert dates_by_key(tmp_path) == {
        "chen2006water": "2006", "chen2013water": "2013", "water2019dam": "2019"}
    a = paper(tmp_path / "paper-a.md", DAMS)  # paper A no longer cites the 2006 work
    for _ in range(2):
        parse(tmp_path, a)
        assert dates_by_key(tmp_path) == {"chen2013water": "2013", "water2019dam": "2019"}
    parse(tmp_path, paper(tmp_path / "paper-a.md", CHEN_2006, DAMS))  # cited again
    assert dates_by_key(tmp_path) == {
        "chen2006water": "2006", "chen2013water": "2013", "water2019dam": "2019"}


def _state(tmp_path):
    return tmp_path / "refs" / ".footcheck-state.json"


def test_works_kept_by_an_earlier_state_as_objects_stay_in_the_library(tmp_path):
    """States of version 1 kept each work as {"notes", "reference", "learned"}: a paper
    parsed then, its works still there when another is parsed now."""
    a = paper(tmp_path / "paper-a.md", SMITH_A, DAMS)
    parse(tmp_path, a)
    state = json.loads(_state(tmp_path).read_text())
    assert state["version"] == 2
    names = ("title", "authors", "container", "publisher", "domain", "url", "url_as_printed",
             "doi", "date", "accessed", "type")
    state["version"] = 1
    state["library"]["documents"]["paper-a"] = [
        {"notes": notes, "reference": {
            name: value for name, value in zip(names, fields, strict=True) if value is not None}}
        for notes, fields, *_ in state["library"]["documents"]["paper-a"]]
    _state(tmp_path).write_text(json.dumps(state))
    b = paper(tmp_path / "paper-b.md", FLOODS, SMITH_B)
    parse(tmp_path, b)
    bib, _ = library(tmp_path)
    assert sorted(bib) == ["roe2021floods", "smith2020rivers", "water2019dam"]
    assert bib["smith2020rivers"]["footcheck-cited-in"] == "paper-a: 1; paper-b: 2"
    assert bib["water2019dam"]["title"] == "Dam safety"


def test_a_damaged_work_in_the_state_is_left_out_not_a_traceback(tmp_path):
    a = paper(tmp_path / "paper-a.md", SMITH_A, DAMS)
    parse(tmp_path, a)
    state = json.loads(_state(tmp_path).read_text())
    works = state["library"]["documents"]["paper-a"]
    works[0][1] = works[0][1][:5]  # fields cut short
    works.append("not a work")
    _state(tmp_path).write_text(json.dumps(state))
    parse(tmp_path, paper(tmp_path / "paper-b.md", FLOODS))
    bib, _ = library(tmp_path)
    assert sorted(bib) == ["roe2021floods", "water2019dam"]
