"""checker.extract on HTML: note lists, Wikipedia references, asides, linked notes."""

from __future__ import annotations

from pathlib import Path

from checker.extract import extract_footnotes
from checker.load import read_document
from checker.model import Document, Finding, Footnote

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def extract_file(name: str) -> tuple[dict[int, Footnote], list[Finding]]:
    document = read_document(str(FIXTURES / name))
    assert document.format == "html"
    footnotes, findings = extract_footnotes(document)
    return {note.number: note for note in footnotes}, findings


def test_footnotes_div_with_backlinks() -> None:
    notes, findings = extract_file("kramdown_footnotes.html")
    assert sorted(notes) == [1, 2, 3]
    assert notes[1].text == (
        "Yau, Tsz Yan. “Smart Cities or Surveillance?” *The Diplomat*, August 7, 2019, "
        "https://thediplomat.com/2019/08/smart-cities/."
    )
    # a link whose text is not its address keeps the address, as a markdown link
    assert notes[2].text == (
        "“Cameras Installed,” [24.kg](https://24.kg/cameras), 2020. A second line of the same note."
    )
    assert notes[3].text == "Ibid."
    assert [notes[n].line for n in (1, 2, 3)] == [17, 20, 24]
    assert [notes[n].marker_lines for n in (1, 2, 3)] == [(11,), (12,), (14,)]  # not the comment
    assert findings == []


def test_wikipedia_references() -> None:
    notes, findings = extract_file("wiki_references.html")
    assert notes[1].text == (
        '["About the SCO"](https://eng.sectsco.org/about/). *SCO*. Retrieved 5 May 2020.'
    )
    assert notes[2].text == "Doe, Jane (2019). *Eurasian Institutions*. Oxford: OUP. p. 12."
    assert notes[1].marker_lines == (10, 12) and notes[2].marker_lines == (11,)
    assert (notes[1].line, notes[2].line) == (16, 18)
    assert findings == []


def test_asides_named_anchors_and_numbered_lists() -> None:
    notes, findings = extract_file("asides_and_links.html")
    assert notes[1].text == "Smith, *The Long Border*, 2001, 45."
    assert notes[2].text == '"Talks Stall," Kommersant, 2010.'
    assert notes[3].text == "Doe, Jane. [Report](http://example.org/report.pdf), 2015."
    assert notes[4].text.startswith("Fourth note")  # <ol class="footnotes" start="4">
    assert [notes[n].line for n in (1, 2, 3, 4)] == [5, 6, 9, 11]
    assert notes[1].marker_lines == notes[2].marker_lines == (4,)
    assert notes[3].marker_lines == (7,)
    assert [f.footnotes for f in findings] == [[4]]


def test_paragraphs_starting_with_a_superscript() -> None:
    notes, findings = extract_file("pdf_export.html")
    assert notes[1].text == "World Bank, *Trade Report*, 2019."
    assert notes[2].text == '"Trade Falls," Reuters, 2020.'
    assert (notes[1].line, notes[2].line) == (3, 5)
    assert findings == []


def test_pandoc_html_output() -> None:
    text = (
        "<!DOCTYPE html>\n<html><body>\n"
        '<p>Claim.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref">'
        "<sup>1</sup></a></p>\n"
        '<section class="footnotes" role="doc-endnotes">\n<hr />\n<ol>\n'
        '<li id="fn1"><p>Note with <a href="https://example.org/x?a=1&amp;b=2">a link</a>.'
        '<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>\n'
        "</ol>\n</section>\n</body></html>\n"
    )
    footnotes, findings = extract_footnotes(Document("p.txt", "p", text, format="markdown"))
    (note,) = footnotes
    assert note.text == "Note with [a link](https://example.org/x?a=1&b=2)."
    assert (note.number, note.line, note.marker_lines) == (1, 7, (3,))
    assert findings == []


def test_italics_in_a_note_are_markdown_emphasis() -> None:
    """`<i>`/`<em>` become `*...*` (as in markdown notes: the reference parser reads an italic
    name as a title or an outlet), spaces kept outside the marks, empty ones dropped."""
    text = (
        "<html><body><p>Tides.<sup><a href=\"#fn1\">1</a></sup></p>\n"
        '<ol class="footnotes"><li id="fn1">Roe, <em>Harbour Songs </em>(Kiel, 1990); '
        '"Pilots," <i>Harbour Weekly</i>, <a href="https://hw.example/p"><i>online</i></a>'
        "<i> </i>.</li></ol></body></html>"
    )
    (note,), _ = extract_footnotes(Document("i.html", "i", text, format="html"))
    assert note.text == ('Roe, *Harbour Songs* (Kiel, 1990); "Pilots," *Harbour Weekly*, '
                         "[*online*](https://hw.example/p) .")


def test_italic_signals_and_bluebook_italics_stay_plain() -> None:
    """The same rules as Word's, ODF's and PDF's italics (`common.with_emphasis`): a signal
    is no title, nor is anything in a note citing law in the Bluebook's italics."""
    text = (
        "<html><body><p>Tides.<sup><a href=\"#fn1\">1</a></sup> Law.<sup><a href=\"#fn2\">2</a>"
        "</sup></p>\n"
        '<ol class="footnotes"><li id="fn1"><i>See, e.g.</i>, Roe, <em>Harbour Songs, supra</em> '
        'note 4, at 9.</li><li id="fn2"><i>See</i> <i>Roe v. Wade</i>, 410 U.S. 113, 120 (1973).'
        "</li></ol></body></html>"
    )
    notes, _ = extract_footnotes(Document("i.html", "i", text, format="html"))
    assert [note.text for note in notes] == [
        "See, e.g., Roe, *Harbour Songs*, supra note 4, at 9.",
        "See Roe v. Wade, 410 U.S. 113, 120 (1973)."]


def test_html_without_notes() -> None:
    text = "<html><body><h1>News</h1><p>Area 5 km<sup>2</sup>. Claim.<sup>3</sup></p></body></html>"
    footnotes, findings = extract_footnotes(Document("n.html", "n", text, format="html"))
    assert footnotes == []
    assert [f.footnotes for f in findings] == [[3]]  # a numbered superscript with no note


def test_numbered_contents_links_and_powers_are_not_notes() -> None:
    text = (
        "<html><body>\n"
        '<nav><a href="#s1">1</a> <a href="#s2">2</a></nav>\n'
        '<h2 id="s1">One</h2>\n<div><p>About 10<sup>6</sup> people.</p></div>\n'
        '<h2 id="s2">Two</h2>\n<p>More text.</p>\n'
        "</body></html>"
    )
    assert extract_footnotes(Document("t.html", "t", text, format="html")) == ([], [])


def test_word_html_export_footnotes() -> None:
    """Word's "Save as HTML": `[N]` links to `#_ftnN`, notes in `mso-element:footnote` divs."""
    notes, findings = extract_file("word_export_footnotes.html")
    assert sorted(notes) == [1, 2]
    assert notes[1].text.startswith("Niva Yau, “Tracing the Chinese Footprints,” *The Diplomat*")
    assert notes[2].text == "“Border talks,” Reuters, May 5, 2020."
    assert notes[1].marker_lines == (2,) and notes[2].marker_lines == (2,)
    assert not [f for f in findings if f.severity == "error"]


def test_google_docs_html_export_footnotes() -> None:
    """Google Docs' HTML export: `<sup><a href="#ftnt1">[1]</a></sup>`, notes after an `<hr>`;
    its links go through google.com/url?q=, which the reference parser unwraps."""
    from checker.references import parse_references

    notes, _ = extract_file("google_docs_footnotes.html")
    assert sorted(notes) == [1, 2]
    assert notes[1].text.startswith("World Bank, Kyrgyz Republic Economic Update")
    (reference,) = parse_references(notes[2].text)
    assert reference.url == "https://24.kg/english/123/"
    assert reference.url_as_printed.startswith("https://www.google.com/url?q=")
    assert reference.repairs == ("unwrapped the redirect through google.com",)


def test_word_html_endnotes_numbered_in_roman() -> None:
    """Word numbers endnotes i, ii, iii: `[i]` links to `#_edn1`, notes in endnote divs."""
    notes, findings = extract_file("word_export_endnotes.html")
    assert sorted(notes) == [1, 2]
    assert notes[1].text == "“Loans rise,” Reuters, May 5, 2020."
    assert notes[2].text.startswith("Niva Yau, “Security ties,”")
    assert notes[1].marker_lines == (2,) and notes[2].marker_lines == (2,)
    assert not [f for f in findings if f.severity == "error"]


def test_roman_numerals_only_where_they_can_number_a_note() -> None:
    from checker.extract.html import _numbers_of

    assert _numbers_of("[iv]") == [4] and _numbers_of("xii") == [12] and _numbers_of("[XC]") == [90]
    assert _numbers_of("[iv]", roman=False) == [] and _numbers_of("3") == [3]
    assert _numbers_of("ivy") == [] and _numbers_of("[]") == [] and _numbers_of("iiii") == []


def test_infobox_card_name_is_no_note() -> None:
    """An infobox is a microformats card: its `class="fn"` is the formatted name, not a note."""
    text = (
        '<html><body><table class="infobox vcard"><caption class="fn org">Acme</caption></table>'
        '<p>Acme was founded in 1998.<sup id="cite_ref-1"><a href="#cite_note-1">[1]</a></sup></p>'
        '<ol class="references"><li id="cite_note-1"><a href="#cite_ref-1">^</a> "About Acme". '
        "Acme. Retrieved 2 May 2017.</li></ol></body></html>"
    )
    footnotes, _ = extract_footnotes(Document(path="a.html", id="a", text=text, format="html"))
    assert [(note.number, note.text) for note in footnotes] == [
        (1, '"About Acme". Acme. Retrieved 2 May 2017.')]


def test_relative_links_keep_only_their_text() -> None:
    """A wiki's link to its own page for an author is no cited URL; an external link is."""
    text = (
        '<html><body><p>Text.<sup><a href="#n1">1</a></sup></p><ol class="references">'
        '<li id="n1"><a href="/wiki/Jane_Roe">Roe, Jane</a> (2003). '
        '<a href="https://example.org/a">"A Title"</a>. '
        '<a href="mailto:jane@example.org">jane@example.org</a></li></ol></body></html>'
    )
    (note,), _ = extract_footnotes(Document(path="a.html", id="a", text=text, format="html"))
    assert note.text == ('Roe, Jane (2003). ["A Title"](https://example.org/a). '
                         "[jane@example.org](mailto:jane@example.org)")


def test_html_tree_is_freed_when_read_without_the_collector() -> None:
    """A page's tree is a web of reference cycles: `html_tree` tears it down as it ends, so it
    is freed at once, not at the garbage collector's next full pass (here: none at all)."""
    import gc
    import weakref

    from checker.extract.html import html_tree

    text = ("<html><head><title>T</title></head><body><p>A claim.<sup>1</sup></p>"
            '<ol class="footnotes"><li id="fn1">"A Title," Site, 2020.</li></ol></body></html>')
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with html_tree(text) as soup:
            item, title = weakref.ref(soup.find("li")), weakref.ref(soup.title)
            whole = weakref.ref(soup)
            assert item() is not None and title() is not None
        del soup
        assert item() is None and title() is None and whole() is None
    finally:
        if was_enabled:
            gc.enable()


def test_a_page_is_parsed_once_for_its_metadata_and_its_notes(monkeypatch) -> None:
    """parse_document reads an HTML page's title, date and notes from one BeautifulSoup tree
    (a 4 MB page took 1.6 s more with two), with the same answers as two parses."""
    import bs4

    from checker.extract import html
    from checker.parse import parse_document

    text = ('<html><head><title>Trade corridor | Site</title>'
            '<meta property="article:published_time" content="2020-03-02"></head><body>'
            '<h1>Trade corridor</h1><p>Claim.<sup><a href="#fn1">1</a></sup> Other.'
            '<sup><a href="#fn2">2</a></sup></p><ol class="footnotes">'
            '<li id="fn1">"Rail talks," Site, May 1, 2020.</li>'
            '<li id="fn2">"Port deal," Site, May 2, 2020.</li></ol></body></html>')
    made = []
    real_init = bs4.BeautifulSoup.__init__

    def counting_init(self, *args, **kwargs):
        made.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(bs4.BeautifulSoup, "__init__", counting_init)
    doc = Document(path="page.html", id="page", text=text, format="html")
    parse_document(doc)
    assert len(made) == 1
    assert (doc.title, doc.date) == ("Trade corridor", "2020-03-02")
    assert [note.text for note in doc.footnotes] == ['"Rail talks," Site, May 1, 2020.',
                                                    '"Port deal," Site, May 2, 2020.']
    assert made[0].contents == []  # torn down when the page was read
    with html.html_tree(text) as again:  # outside the block: a tree of its own
        assert again is not made[0]
    assert len(made) == 2
