"""A .bib or CSL-JSON file as the document: every entry is checked and audited, and the
findings name entry keys. End to end against the test web (tests/testweb)."""

import json

import pytest

from checker.cli import main
from checker.load import read_document
from checker.parse import parse_document
from checker.rules.common import name_entries
from checker.rules.config import Config
from checker.rules.registry import run_rules

BIB = r"""% a library kept by hand
@online{smith2020,
  author = {Smith, Jane},
  title = {Rivers of the {Steppe}},
  organization = {Reuters},
  date = {2020-03-02},
  url = {https://www.reuters.com/world/2020/03/02/rivers-of-the-steppe},
}
@online{smith2020rivers,
  author = {Smith, Jane},
  title = {Rivers of the steppe},
  organization = {Reuters},
  year = {2020}, month = mar,
  url = {https://reuters.com/world/2020/03/02/rivers-of-the-steppe/},
}
@online{dams2019,
  title = {Dam safety in the valley},
  organization = {Reuters},
  date = {2019-06-01},
  url = {https://www.reuters.com/article/2018/05/11/dams},
}
@online{floods2021,
  title = {Floods return to the valley},
  date = {2021-04-02},
  url = {https://www.reutres.com/world/floods-return},
}
@article{lake2017,
  author = {Doe, John and {Water Institute}},
  title = {The shrinking lake},
  journal = {Journal of Water},
  year = {2017},
  doi = {10.1234/water.2017.5},
}
"""

CSL = [
    {"id": "smith2020", "type": "article-newspaper", "title": "Rivers of the Steppe",
     "container-title": "Reuters", "issued": {"date-parts": [[2020, 3, 2]]},
     "author": [{"family": "Smith", "given": "Jane"}],
     "URL": "https://www.reuters.com/world/2020/03/02/rivers-of-the-steppe"},
    {"id": "smith2020rivers", "type": "article-newspaper", "title": "Rivers of the steppe",
     "container-title": "Reuters", "issued": {"date-parts": [[2020, 3]]},
     "author": [{"family": "Smith", "given": "Jane"}],
     "URL": "https://reuters.com/world/2020/03/02/rivers-of-the-steppe/"},
    {"id": "dams2019", "type": "webpage", "title": "Dam safety in the valley",
     "container-title": "Reuters", "issued": {"date-parts": [[2019, 6, 1]]},
     "URL": "https://www.reuters.com/article/2018/05/11/dams"},
    {"id": "floods2021", "type": "webpage", "title": "Floods return to the valley",
     "issued": {"date-parts": [[2021, 4, 2]]},
     "URL": "https://www.reutres.com/world/floods-return"},
]


def audit(path):
    doc = read_document(str(path))
    parse_document(doc)
    findings = run_rules([doc], Config())
    name_entries(findings, [doc])
    return doc, findings


@pytest.fixture(params=["bib", "json"])
def library(request, tmp_path):
    path = tmp_path / f"refs.{request.param}"
    path.write_text(BIB if request.param == "bib" else json.dumps(CSL, indent=2))
    return path


def test_entries_are_the_documents_notes_labelled_by_key(library):
    doc, _ = audit(library)
    assert [n.label for n in doc.footnotes][:4] == [
        "smith2020", "smith2020rivers", "dams2019", "floods2021"]
    first = doc.footnotes[0]
    assert first.references[0].title == "Rivers of the Steppe"
    assert first.references[0].authors == ["Smith, Jane"]
    assert doc.date is None  # a bibliography states no date of its own
    assert first.line == (2 if library.suffix == ".bib" else 3)  # the entry, its "id"


def test_findings_name_the_entry_keys(library):
    _, findings = audit(library)
    by_rule = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    duplicate, = by_rule["duplicate-entry"]
    assert duplicate.entries == ["smith2020", "smith2020rivers"]
    assert "as smith2020 and smith2020rivers" in duplicate.message
    mismatch, = by_rule["url-date-mismatch"]
    assert mismatch.entries == ["dams2019"]
    typo = [f for f in by_rule["domain-typo"] if "reutres" in f.message]
    assert typo and typo[0].entries == ["floods2021"]
    assert "entry floods2021" in typo[0].message and "note" not in typo[0].message
    assert "duplicate-reference" not in by_rule  # said once, as duplicate-entry


def test_bib_values_are_read_from_latex(tmp_path):
    path = tmp_path / "accents.bib"
    path.write_text("@book{k, author = {Barr{\\'e}, Jean and Jos\\'e Mar\\'ia Doe},"
                    " title = {{\\'E}tudes ``choisies''}, year = 1999}\n")
    doc, _ = audit(path)
    ref = doc.footnotes[0].references[0]
    assert ref.authors == ["Barré, Jean", "Doe, José María"]
    assert ref.title == "Études \u201cchoisies\u201d"
    assert (ref.type, ref.date) == ("book", "1999")


@pytest.mark.parametrize(("name", "text"), [
    ("broken.bib", "@article{oops, title = {never closed\n"),
    ("garbage.bib", "@@@@ {{{ not bib at all }}} @article{\n" * 3),
    ("broken.json", '[{"id": "roe", "type": "article", "title": "Rivers",}]'),
    ("package.json", '{"name": "a-package", "version": 1}'),
])
def test_a_bibliography_without_one_readable_entry_is_one_line_and_exit_2(
        tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text)
    code = main(["check", str(path), "--no-archive", "--quiet",
                 "--report-dir", str(tmp_path / "r"), "--refs-dir", str(tmp_path / "refs")])
    captured = capsys.readouterr()
    assert code == 2
    (line,) = captured.err.strip().splitlines()
    assert line.startswith(f"footcheck: {path}: is no usable bibliography")
    assert "Traceback" not in captured.out + captured.err


def common(tmp_path):
    return ["--cache", str(tmp_path / "store.sqlite"), "--allow-private", "--no-archive",
            "--quiet", "--report-dir", str(tmp_path / "reports"),
            "--refs-dir", str(tmp_path / "refs"), "--format", "json", "--fail-on", "never"]


def test_check_a_bib_end_to_end_checks_urls_and_dois(web, tmp_path, capsys):
    web.page("/rivers", "Rivers of the Steppe", published="2020-03-02")
    web.status("/gone", 404)
    web.redirect("/10.1234/lake", "/lake-article", status=302)
    web.page("/lake-article", "The shrinking lake")
    path = tmp_path / "refs.bib"
    path.write_text(
        f"@online{{rivers, title = {{Rivers of the Steppe}}, date = {{2020-03-02}},\n"
        f"  url = {{{web.url('/rivers')}}}}}\n"
        f"@online{{gone, title = {{Dam safety}}, date = {{2019}}, url = {{{web.url('/gone')}}}}}\n"
        "@article{lake, title = {The shrinking lake}, journal = {Water}, year = 2017,\n"
        "  doi = {10.1234/lake}}\n")
    code = main(["check", str(path), *common(tmp_path), "--doi-resolver", web.url("/")])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    statuses = {link["url"].rsplit("/", 1)[1]: link["status"] for link in data["links"]}
    assert statuses == {"rivers": "ok", "gone": "broken", "lake": "ok"}
    broken, = [f for f in data["findings"] if f["rule"] == "link-broken"]
    assert broken["entries"] == ["gone"]
    assert {link["url"].rsplit("/", 1)[1]: link["entries"] for link in data["links"]} == {
        "rivers": ["rivers"], "gone": ["gone"], "lake": ["lake"]}
    saved = json.loads((tmp_path / "reports" / "link-health.json").read_text())
    assert [link["entries"] for link in saved["links"]] == [
        link["entries"] for link in data["links"]]
    report = (tmp_path / "reports" / "link-health.md").read_text()
    assert "| gone |" in report


def test_check_a_latex_paper_end_to_end(web, tmp_path, capsys):
    web.page("/report", "Annual water report", published="2020-05-01")
    web.status("/missing", 404)
    (tmp_path / "refs.bib").write_text(
        f"@report{{agency2020, title = {{Annual water report}}, institution = {{Water "
        f"Agency}}, date = {{2020-05-01}}, url = {{{web.url('/report')}}}}}\n")
    (tmp_path / "chapter.tex").write_text(
        "Gone.\\footnote{See \\href{" + web.url("/missing") + "}{the old page}, 2019.}\n")
    paper = tmp_path / "paper.tex"
    paper.write_text("\\documentclass{article}\n\\title{Water}\n\\begin{document}\n"
                     "Cited.\\footnote{As \\cite{agency2020} shows.}\n\\input{chapter}\n"
                     "\\bibliography{refs}\n\\end{document}\n")
    code = main(["check", str(paper), *common(tmp_path)])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    doc, = data["documents"]
    assert doc["title"] == "Water"
    assert [n["references"][0]["title"] for n in doc["footnotes"]][:1] == [
        "Annual water report"]
    statuses = {link["url"].rsplit("/", 1)[1]: link["status"] for link in data["links"]}
    assert statuses == {"report": "ok", "missing": "broken"}
    broken, = [f for f in data["findings"] if f["rule"] == "link-broken"]
    assert broken["footnotes"] == [2]
    assert (broken["file"], broken["line"]) == (str(tmp_path / "chapter.tex"), 1)


def test_check_a_csl_json_export_end_to_end(web, tmp_path, capsys):
    web.page("/rivers", "Rivers of the Steppe", published="2020-03-02")
    web.status("/gone", 404)
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps([
        {"id": "rivers", "type": "webpage", "title": "Rivers of the Steppe",
         "issued": {"date-parts": [[2020, 3, 2]]}, "URL": web.url("/rivers")},
        {"id": "gone", "type": "webpage", "title": "Dam safety",
         "issued": {"date-parts": [[2019]]}, "URL": web.url("/gone")},
    ]))
    code = main(["check", str(path), *common(tmp_path)])
    assert code == 0  # --fail-on never
    data = json.loads(capsys.readouterr().out)
    statuses = {link["url"].rsplit("/", 1)[1]: link["status"] for link in data["links"]}
    assert statuses == {"rivers": "ok", "gone": "broken"}
    broken, = [f for f in data["findings"] if f["rule"] == "link-broken"]
    assert broken["entries"] == ["gone"]


def test_a_block_that_cannot_be_read_is_a_warning_naming_its_line_the_rest_is_read(tmp_path):
    path = tmp_path / "mixed.bib"
    path.write_text("@article{roe2020, title = {Rivers}, year = {2020}}\n\n"
                    "@article{poe2021 title = {no comma after the key}, year = {2021}}\n\n"
                    "@book{doe2019, title = {Harbors}, year = {2019}}\n")
    doc = read_document(str(path))
    findings = parse_document(doc)
    assert [note.label for note in doc.footnotes] == ["roe2020", "doe2019"]
    (warning,) = [f for f in findings if f.rule == "bibliography"]
    assert warning.severity == "warning" and warning.line == 3


def test_parse_says_a_bibliographys_entries_not_footnotes(tmp_path, capsys):
    path = tmp_path / "refs.bib"
    path.write_text("@book{a, title = {Rivers}, year = 1999}\n"
                    "@book{b, title = {Tides}, year = 2001}\n")
    assert main(["parse", str(path), "--no-write"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == f"{path}: 2 bibliography entries"


def test_each_csl_item_is_placed_on_the_line_of_its_id() -> None:
    """The line of an item's own ``"id"``: not of an id it begins (50 after 5), with an id
    written in any script or as a number; found in one pass over the export."""
    from checker.bibliography.read import read_csl

    text = ('[\n  {"id": 50, "title": "Harbour Fifty"},\n'
            '  {"type": "book",\n   "id": 5, "title": "Harbour Five"},\n'
            '  {"id": "Ünal2020", "title": "Liman"},\n'
            '  {"id":"roe\\u00e9", "title": "Escaped"},\n'
            '  {"title": "No id"}\n]\n')
    assert [(item.key, item.line) for item in read_csl(text)] == [
        ("50", 2), ("5", 4), ("Ünal2020", 5), ("roeé", 6)]
