"""LaTeX input: each construct on a fixture of our own, then the real LaTeX documents of
the shared corpus (read from ../shared, never copied here), which must give their
manifests' note counts."""

from collections import Counter
from pathlib import Path

import pytest

from checker.load import read_document
from checker.parse import parse_document, parse_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def parse_tex(tmp_path, text, name="paper.tex", **others):
    for other, content in others.items():
        path = tmp_path / other.replace("__", "/").replace("_DOT_", ".")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    path = tmp_path / name
    path.write_text(text)
    doc = read_document(str(path))
    findings = parse_document(doc)
    return doc, findings


def test_tex_and_bib_and_csl_json_are_sniffed(tmp_path):
    (tmp_path / "a.tex").write_text("Hello\\footnote{x}\n")
    (tmp_path / "b.bib").write_text("@book{k, title={T}}\n")
    (tmp_path / "c.json").write_text('[{"id": "k", "type": "book", "title": "T"}]\n')
    (tmp_path / "d.json").write_text('{"not": "csl"}\n')
    (tmp_path / "e.txt").write_text("\\documentclass{article}\n\\begin{document}\n")
    formats = {p.name: read_document(str(p)).format for p in sorted(tmp_path.iterdir())}
    assert formats == {"a.tex": "latex", "b.bib": "bibtex", "c.json": "csljson",
                       "d.json": "csljson", "e.txt": "latex"}  # any JSON: read (or refused) as one


def test_footnote_with_nested_braces_emph_url_href_and_comments(tmp_path):
    doc, _ = parse_tex(tmp_path, r"""\documentclass{article}
\begin{document}
Body.\footnote{A note with {nested {braces}} and \emph{emphasis}.}
% A commented-out note: \footnote{never counted}
More.%\footnote{nor this}
Link.\footnote{See \url{https://example.org/a_b\%20c} for more.}
\begin{verbatim}
\footnote{inside verbatim}
\end{verbatim}
Href.\footnote{Read
  \href{https://example.org/report.pdf}{the annual report}, 2020.}
\verb|\footnote{verb}|
\end{document}
""")
    notes = doc.footnotes
    assert [(n.number, n.line) for n in notes] == [(1, 3), (2, 6), (3, 10)]
    assert notes[0].text == "A note with nested braces and *emphasis*."  # italics as markdown
    assert "https://example.org/a_b%20c" in notes[1].text
    assert notes[2].text == "Read the annual report https://example.org/report.pdf, 2020."
    assert notes[2].references[0].url == "https://example.org/report.pdf"


def test_latex_italics_follow_the_rules_of_every_format(tmp_path):
    """``\\emph`` and ``\\textit`` go through `with_emphasis`, as Word's, ODF's, PDF's and HTML's
    italics do: an italic signal is no title, and a work after "Id.; " keeps its author."""
    doc, _ = parse_tex(tmp_path, r"""\documentclass{article}
\begin{document}
One.\footnote{Jean Roe, \emph{Harbour Songs}, Paris, Gallimard, 1990, p.~12.}
Two.\footnote{See \textit{Id.} at 5; Ann Poe, \textit{Tides} (Kiel: Nord, 2001).}
\end{document}
""")
    assert [note.text for note in doc.footnotes] == [
        "Jean Roe, *Harbour Songs*, Paris, Gallimard, 1990, p. 12.",
        "See Id. at 5; Ann Poe, *Tides* (Kiel: Nord, 2001)."]
    assert [[(ref.title, ref.authors) for ref in note.references] for note in doc.footnotes] \
        == [[("Harbour Songs", ["Roe, Jean"])],
            [("Harbour Songs", ["Roe, Jean"]), ("Tides", ["Poe, Ann"])]]


def test_endnotes_by_let_and_restarts_by_setcounter_give_parts(tmp_path):
    doc, _ = parse_tex(tmp_path, r"""\documentclass{article}
\usepackage{endnotes}
\let\footnote=\endnote % every footnote is an endnote
\begin{document}
One.\footnote{first} Two.\footnote{second}
\theendnotes
\setcounter{endnote}{0}
Three.\footnote{third}
\end{document}
""")
    assert [(n.part, n.number, n.text) for n in doc.footnotes] == [
        (1, 1, "first"), (1, 2, "second"), (2, 1, "third")]


def test_book_chapters_restart_footnotes_but_starred_chapters_do_not(tmp_path):
    doc, _ = parse_tex(tmp_path, r"""\documentclass{book}
\begin{document}
\chapter*{Preface}
A.\footnote{a} B.\footnote{b}
\chapter{One}
C.\footnote{c}
\chapter*{Interlude}
D.\footnote{d}
\chapter{Two}
E.\footnote[7]{e}
\end{document}
""")
    assert [(n.part, n.number) for n in doc.footnotes] == [(1, 1), (1, 2), (2, 1), (2, 2),
                                                          (3, 7)]


def test_article_chapters_do_not_restart_and_no_parts(tmp_path):
    doc, _ = parse_tex(tmp_path, "\\documentclass{article}\n\\section{A}x\\footnote{a}\n"
                                 "\\section{B}y\\footnote{b}\n")
    assert [(n.part, n.number) for n in doc.footnotes] == [(None, 1), (None, 2)]


BIB = r"""@string{nyt = {The New York Times}}
@article{smith2020,
  author = {Smith, Jane and Doe, John},
  title = {Rivers of the {Steppe}},
  journaltitle = {Journal of Water},
  date = {2020-03-02},
  doi = {10.1234/water.2020},
}
@online{agency2019,
  author = {{Water Agency}},
  title = {Dam safety report},
  url = {https://agency.example/dams},
  urldate = {2021-01-05},
  year = {2019},
}
"""


def test_cite_in_a_note_becomes_the_entrys_reference(tmp_path):
    doc, findings = parse_tex(tmp_path, r"""\documentclass{article}
\begin{document}
Text.\footnote{As shown by \cite[p.~4]{smith2020}; see also \citet{agency2019}.}
Plain.\footnote{No citation here.}
Missing.\footnote{\cite{nobody}}
\bibliography{refs}
\end{document}
""", refs_DOT_bib=BIB)
    first = doc.footnotes[0]
    assert [r.title for r in first.references] == ["Rivers of the Steppe", "Dam safety report"]
    smith = first.references[0]
    assert smith.authors == ["Smith, Jane", "Doe, John"]
    assert (smith.container, smith.date, smith.doi, smith.type) == (
        "Journal of Water", "2020-03-02", "10.1234/water.2020", "journal")
    assert first.references[1].url == "https://agency.example/dams"
    assert first.references[1].accessed == "2021-01-05"
    assert "Smith, Rivers of the Steppe (2020), p. 4" in first.text
    assert [f.message for f in findings if f.rule == "latex"] == [
        f"1 cited keys are in none of the bibliographies ({tmp_path}/refs.bib): nobody"]


def test_footcite_footcites_and_autocite_under_a_note_style(tmp_path):
    body = r"""\begin{document}
A.\footcite[12]{smith2020} B.\footcites[see][3]{smith2020}{agency2019}
C.\autocite{agency2019} D.\footnote{plain}
\end{document}
"""
    verbose = "\\documentclass{article}\n\\usepackage[style=verbose]{biblatex}\n" \
        "\\addbibresource{refs.bib}\n" + body
    doc, _ = parse_tex(tmp_path, verbose, refs_DOT_bib=BIB)
    assert [len(n.references) for n in doc.footnotes] == [1, 2, 1, 0]
    assert [n.number for n in doc.footnotes] == [1, 2, 3, 4]
    assert doc.footnotes[0].text == "Smith, Rivers of the Steppe (2020), 12"
    inline = verbose.replace("style=verbose", "style=authoryear")
    doc, _ = parse_tex(tmp_path, inline, name="inline.tex")
    assert [n.number for n in doc.footnotes] == [1, 2, 3]  # \autocite is inline there


def test_csl_json_bibliography_resolves_cites(tmp_path):
    csl = ('[{"id": "k1", "type": "article-newspaper", "title": "Floods", '
           '"container-title": "Daily Post", "URL": "https://post.example/floods", '
           '"issued": {"date-parts": [[2021, 4]]}, '
           '"author": [{"family": "Roe", "given": "Ann"}]}]')
    doc, _ = parse_tex(tmp_path, "\\documentclass{article}\n\\addbibresource{lib.json}\n"
                       "X.\\footnote{\\cite{k1}}\n", lib_DOT_json=csl)
    ref = doc.footnotes[0].references[0]
    assert (ref.title, ref.authors, ref.container, ref.date, ref.type) == (
        "Floods", ["Roe, Ann"], "Daily Post", "2021-04", "news")


def test_input_and_include_are_followed_from_the_main_file(tmp_path):
    doc, findings = parse_tex(tmp_path, r"""\documentclass{article}
\begin{document}
Intro.\footnote{in main}
\input{chapters/one}
\include{chapters/two.tex}
\input{missing}
\end{document}
""", chapters__one_DOT_tex="First line.\n\nOne.\\footnote{in one}\n",
        chapters__two_DOT_tex="Two.\\footnote{in two}\\input{chapters/three}\n",
        chapters__three_DOT_tex="%\\footnote{no}\nThree.\\footnote{in three}\n")
    assert [(n.number, n.line, n.text) for n in doc.footnotes] == [
        (1, 3, "in main"), (2, 3, "in one"), (3, 1, "in two"), (4, 2, "in three")]
    assert [n.file for n in doc.footnotes] == [
        None, f"{tmp_path}/chapters/one.tex", f"{tmp_path}/chapters/two.tex",
        f"{tmp_path}/chapters/three.tex"]
    assert any("missing not found" in f.message for f in findings)


def test_an_input_cycle_is_reported_not_followed_forever(tmp_path):
    doc, findings = parse_tex(tmp_path, "A\\footnote{a}\\input{b}\n",
                              b_DOT_tex="B\\footnote{b}\\input{paper}\n")
    assert [n.text for n in doc.footnotes] == ["a", "b"]
    assert any("includes itself" in f.message for f in findings)


# -- the shared corpus ----------------------------------------------------------------------
CORPUS = [
    # (path under ../shared/corpus, notes, notes per part or None)
    ("docs/sicp-concurrency-section.tex", 18, None),
    ("docs/sicp-ru-elements-of-programming-section.tex", 11, None),  # held out: count only
    ("native/kant-aufsatz/latex/kant-aufsatz.tex", 28, None),
    ("native/barre-canons/Memoire_M1_HN_Jean_Barre_LATEX.tex", 18, [6, 5, 2, 5]),
    ("native/syrek-dissertation/dissertation.tex", 70, [23, 24, 21, 2]),
]


@pytest.mark.parametrize(("name", "count", "parts"), CORPUS)
def test_shared_latex_documents_give_their_manifest_counts(name, count, parts):
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    run = parse_paths([str(path)])
    assert not run.errors
    notes = run.documents[0].footnotes
    assert len(notes) == count
    if parts is None:
        assert {n.part for n in notes} == {None}
        assert [n.number for n in notes] == list(range(1, count + 1))
    else:
        sizes = Counter(n.part for n in notes)
        assert [sizes[p] for p in sorted(sizes)] == parts
        for part in sizes:
            assert [n.number for n in notes if n.part == part] == list(
                range(1, sizes[part] + 1))


def test_a_folder_holding_a_latex_project_is_its_main_file(tmp_path):
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n% \\input{old}\n\\input{ch1}\n\\include{ch2.tex}\n"
        "\\bibliography{refs,more}\n")
    for name in ("ch1.tex", "ch2.tex", "old.tex", "other.tex"):
        (tmp_path / name).write_text("x\\footnote{n}\n")
    for name in ("refs.bib", "more.bib", "loose.bib"):
        (tmp_path / name).write_text("@book{k, title={T}}\n")
    from checker.parse import expand_paths

    assert [Path(p).name for p in expand_paths([str(tmp_path)])] == [
        "loose.bib", "main.tex", "old.tex", "other.tex"]


def test_renewcommand_footnote_as_endnote_footnotetext_and_unclosed_braces(tmp_path):
    doc, findings = parse_tex(tmp_path, "\\renewcommand{\\footnote}{\\endnote}\n"
                              "A\\footnote{one}\\footnotemark B\\footnotetext{two}\n"
                              "C\\endnote{three\n")
    assert [(n.number, n.text) for n in doc.footnotes] == [(1, "one"), (1, "two"),
                                                          (2, "three")]
    assert any("never close" in f.message and f.line == 3 for f in findings)


def test_ligatures_become_characters_but_not_inside_urls(tmp_path):
    doc, _ = parse_tex(tmp_path, "A\\footnote{``Quoted''---pp.~3--5, \\url{https://x.org/~me/a--b}}\n")
    assert doc.footnotes[0].text == "\u201cQuoted\u201d\u2014pp. 3\u20135, https://x.org/~me/a--b"


def test_braces_nested_thousands_deep_are_a_finding_not_a_traceback(tmp_path):
    text = ("\\documentclass{article}\\begin{document}A\\footnote{" + "{" * 20000 + "x"
            + "}" * 20000 + "}\n\\end{document}\n")
    doc, findings = parse_tex(tmp_path, text)
    assert doc.footnotes == []
    assert any("nests its groups too deeply" in f.message for f in findings)
