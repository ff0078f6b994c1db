"""Zotero's, Mendeley's and EndNote's citation fields in Word and ODF notes: the works their records
name, beside the citations typed around them (extract/citefields.py, references/managed.py).

The .docx and .odt are made by pandoc from tests/fixtures/native/citations.md, which
citations_md.py writes (make_fixtures.sh); the records are in that script.
"""

from __future__ import annotations

import base64
import json
import zipfile
from pathlib import Path

import pytest

from checker.cli import main
from checker.extract.citefields import (
    FIELD_END,
    FIELD_START,
    bookmark_records,
    citation_record,
    content_control_record,
    cut_fields,
)
from checker.parse import parse_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "native"
ROE = "Ports of Call: Trade and Memory"


def zotero_instruction(items: list[dict], plain: str | None = None, **properties) -> str:
    data = {"citationItems": [{"id": n, "itemData": item} for n, item in enumerate(items)],
            "properties": {**({"plainCitation": plain} if plain else {}), **properties}}
    return " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(data) + " "


BOOK = {"type": "book", "title": "Ports of Call", "author": [{"family": "Roe", "given": "Jane"}],
        "issued": {"date-parts": [[2001]]}, "publisher": "Clarendon"}


@pytest.fixture(scope="module", params=["citations.docx", "citations.odt"])
def parsed(request):
    run = parse_paths([FIXTURES / request.param])
    assert not run.errors
    return run


def notes_of(run):
    return {note.number: note for note in run.documents[0].footnotes}


def test_a_field_gives_the_works_of_its_record(parsed):
    notes = notes_of(parsed)
    (book,) = notes[1].references
    assert (book.title, book.authors, book.date, book.publisher, book.type) == \
        (ROE, ["Roe, Jane"], "2001", "Clarendon", "book")
    assert notes[1].text.startswith("See Jane Roe, *Ports of Call")  # the note as printed
    assert [c.manager for c in notes[1].cited] == ["Zotero"]
    assert book.ibid is False  # its first citation


def test_an_ibid_field_is_its_record_work_as_a_back_reference(parsed):
    (again,) = notes_of(parsed)[2].references
    assert (again.title, again.authors, again.ibid) == (ROE, ["Roe, Jane"], True)


def test_one_field_of_two_works_and_a_typed_citation_after_it(parsed):
    dues, stats, tables = notes_of(parsed)[3].references
    assert (dues.title, dues.authors, dues.container, dues.doi, dues.date) == (
        "Harbour Dues in the Baltic", ["Lind, Per", "Ek, Sara"], "Journal of Maritime History",
        "10.1234/jmh.2015.12", "2015-06")
    assert (stats.url, stats.date, stats.accessed) == (
        "http://port.example/stats", "2021-03-02", "2022-01-05")
    assert stats.url_as_printed == "http://port.example/stats"  # printed in the note
    # typed after the field: read from the text
    assert (tables.title, tables.url) == ("Tonnage by Port", "http://ministry.example/tables")


def test_a_citation_edited_by_hand_is_read_as_printed_and_said(parsed):
    (book,) = notes_of(parsed)[4].references
    assert book.title == "Harbours Remembered"  # what the reader sees, not the record's book
    assert notes_of(parsed)[4].cited[0].edited
    (finding,) = [f for f in parsed.findings if f.footnotes == [4]]
    assert finding.rule == "citation-field" and finding.severity == "info"
    assert "edited by hand" in finding.message and ROE in finding.message


def test_mendeley_fields_are_read_too(parsed):
    (article,) = notes_of(parsed)[5].references
    assert (article.title, article.authors, article.container) == (
        "Tides", ["Smith, Ann"], "Sea Review")
    assert notes_of(parsed)[5].cited[0].manager == "Mendeley"


def test_a_record_cut_short_leaves_the_printed_text_and_a_finding(parsed):
    (work,) = notes_of(parsed)[6].references
    assert (work.title, work.authors) == ("Quays", ["Berg, Karl"])
    (finding,) = [f for f in parsed.findings if f.footnotes == [6]]
    assert "no readable record" in finding.message


def test_a_note_without_fields_is_read_as_before(parsed):
    note = notes_of(parsed)[7]
    assert note.cited == ()
    assert [r.url for r in note.references] == ["http://coastal.example/salt"]


def test_the_json_names_each_field_and_whether_its_record_was_used(capsys):
    assert main(["parse", "--no-write", "--format", "json", str(FIXTURES / "citations.docx")]) == 0
    notes = json.loads(capsys.readouterr().out)["documents"][0]["footnotes"]
    assert notes[0]["fields"] == [{"manager": "Zotero", "record_used": True, "text":
                                   "Jane Roe, *Ports of Call: Trade and Memory* (Oxford: "
                                   "Clarendon, 2001), 5."}]
    assert [f["record_used"] for f in notes[3]["fields"]] == [False]  # edited by hand
    assert notes[6]["fields"] == []


def test_the_audit_takes_the_ibid_field_for_a_short_form(tmp_path, monkeypatch, capsys):
    """Through the command: the "Ibid." field is no second citation in full."""
    monkeypatch.chdir(tmp_path)
    main(["audit", str(FIXTURES / "citations.docx"), "--format", "json"])
    report = json.loads((tmp_path / "reports" / "link-health.json").read_text())
    rules = [finding["rule"] for finding in report["findings"]]
    assert "duplicate-reference" not in rules
    assert rules.count("citation-field") == 2


# -- the record and the marks, on their own ------------------------------------------------


def test_record_of_a_zotero_field():
    record = citation_record(zotero_instruction([BOOK], "Roe, Ports of Call, 5."))
    assert record is not None and record.manager == "Zotero"
    assert [w.reference.title for w in record.works] == ["Ports of Call"]
    assert record.written == "Roe, Ports of Call, 5."


def test_et_al_typed_as_a_name_is_no_author():
    book = {**BOOK, "author": [{"family": "Roe", "given": "Jane"}, {"family": "al", "given": "et"},
                               {"literal": "et al."}]}
    (work,) = citation_record(zotero_instruction([book])).works
    assert work.reference.authors == ["Roe, Jane"]


def test_other_fields_are_no_citations():
    assert citation_record(' HYPERLINK "https://example.org" ') is None
    assert citation_record(" ADDIN EN.CITE.DATA ") is None  # (EndNote's record is outside)
    assert citation_record(" ADDIN ZOTERO_BIBL {} CSL_BIBLIOGRAPHY ") is None
    assert citation_record(" PAGE ") is None


def test_older_mendeley_names_its_field_with_an_id():
    data = json.dumps({"citationItems": [{"itemData": BOOK}]})
    record = citation_record(f"ADDIN Mendeley Citation{{8f1c-22}} CSL_CITATION {data}")
    assert record is not None and record.manager == "Mendeley" and len(record.works) == 1


def test_endnote_fields_in_the_instruction_and_in_field_data():
    """Word only: note 8's record is in its instruction, note 9's in its w:fldData."""
    notes = notes_of(parse_paths([FIXTURES / "citations.docx"]))
    (webb,) = notes[8].references
    assert (webb.title, webb.authors, webb.container, webb.doi, webb.date, webb.type) == (
        "Vegetation history and climate change", ["Webb, Thompson, III"], "Quaternary Research",
        "10.1016/0033-5894(81)90001-X", "1981", "journal")
    (chapter,) = notes[9].references
    assert (chapter.title, chapter.container, chapter.publisher, chapter.url, chapter.type) == (
        "Palaeoecological events during the last 15 000 years", "Regional Syntheses", "Wiley",
        "https://wiley.example/berglund", "chapter")
    assert [c.manager for c in notes[9].cited] == ["EndNote"]


def test_mendeley_cite_content_controls():
    """Word only: Mendeley Reference Manager's add-in keeps the CSL citation, base64, in the
    tag of a content control around the printed citation."""
    note = notes_of(parse_paths([FIXTURES / "citations.docx"]))[11]
    assert note.text == "As argued in (Berg, 2017)."
    (article,) = note.references
    assert (article.title, article.authors, article.container, article.url) == (
        "Gulls of the Outer Harbour", ["Berg, Karl"], "Coastal Birds",
        "https://birds.example/gulls")
    assert [c.manager for c in note.cited] == ["Mendeley"]
    assert article.url_as_printed is None  # the record's link, not printed in the note


def test_a_content_control_that_is_no_citation():
    assert content_control_record("") is None
    assert content_control_record("ZOTERO_ITEM") is None  # another add-in's tag
    assert content_control_record("MENDELEY_CITATION_v3_not base64!").works == ()
    broken = base64.b64encode(b'{"citationItems": [').decode()
    assert content_control_record("MENDELEY_CITATION_v3_" + broken).works == ()


WORD_SOURCES = """<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/\
bibliography" SelectedStyle="\\APA.XSL" StyleName="APA"><b:Source><b:Tag>Roe01</b:Tag>\
<b:SourceType>JournalArticle</b:SourceType><b:Author><b:Author><b:NameList><b:Person>\
<b:Last>Roe</b:Last><b:First>Jane</b:First></b:Person></b:NameList></b:Author></b:Author>\
<b:Title>Harbour Tolls</b:Title><b:JournalName>Port Studies</b:JournalName><b:Year>2001\
</b:Year><b:Month>March</b:Month><b:URL>https://ports.example/tolls</b:URL></b:Source>\
<b:Source><b:Tag>Min19</b:Tag><b:SourceType>Report</b:SourceType><b:Author><b:Author>\
<b:Corporate>Ministry of Transport</b:Corporate></b:Author></b:Author><b:Title>Tonnage by Port\
</b:Title><b:Year>2019</b:Year></b:Source></b:Sources>"""


def word_citation(instruction: str, printed: str) -> str:
    return ('<w:sdt><w:sdtPr><w:citation/></w:sdtPr><w:sdtContent>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t xml:space="preserve">{printed}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:sdtContent></w:sdt>')


def with_word_citations(folder: Path, sources: str | None) -> Path:
    """citations.docx with note 7's text replaced by two citations Word's own tool inserts
    (References > Insert Citation), and its source list (`sources`) as a custom XML part."""
    path = folder / "word-citations.docx"
    with zipfile.ZipFile(FIXTURES / "citations.docx") as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/footnotes.xml":
                text = data.decode("utf-8")
                at = text.index("Maria Vale")
                run_start = text.rindex("<w:r>", 0, at)
                paragraph_end = text.index("</w:p>", at)
                text = (text[:run_start] + word_citation(" CITATION Roe01 \\l 1033 \\p 5 ",
                                                         "(Roe, 2001, p. 5)")
                        + '<w:r><w:t xml:space="preserve">; </w:t></w:r>'
                        + word_citation(" CITATION Min19 \\l 1033 ",
                                        "(Ministry of Transport, 2019)")
                        + '<w:r><w:t>.</w:t></w:r>' + text[paragraph_end:])
                data = text.encode("utf-8")
            target.writestr(item, data)
        if sources is not None:
            target.writestr("customXml/item1.xml", sources)
    return path


def test_words_own_citations_take_their_sources(tmp_path):
    """Word's References > Insert Citation: CITATION fields, the sources in customXml."""
    note = notes_of(parse_paths([with_word_citations(tmp_path, WORD_SOURCES)]))[7]
    assert note.text == "(Roe, 2001, p. 5); (Ministry of Transport, 2019)."
    roe, ministry = note.references
    assert (roe.title, roe.authors, roe.container, roe.date, roe.url, roe.type) == (
        "Harbour Tolls", ["Roe, Jane"], "Port Studies", "2001-03", "https://ports.example/tolls",
        "journal")
    assert (ministry.title, ministry.authors, ministry.date) == (
        "Tonnage by Port", ["Ministry of Transport"], "2019")
    assert [c.manager for c in note.cited] == ["Word", "Word"]


@pytest.mark.parametrize("sources", [None, "<b:Sources damaged", "<other/>"])
def test_words_citations_without_their_sources_are_read_as_printed(tmp_path, sources):
    run = parse_paths([with_word_citations(tmp_path, sources)])
    assert not run.errors  # a damaged source list does not make the document unreadable
    note = notes_of(run)[7]
    assert [c.works for c in note.cited] == [(), ()]
    assert "Harbour Tolls" not in [r.title for r in note.references]
    assert [r.date for r in note.references][:1] == ["2001"]  # "(Roe, 2001, ...)" as printed
    assert sum("no readable record" in f.message for f in run.findings if f.footnotes == [7]) == 2


@pytest.mark.parametrize("name", ["bookmarks.docx", "bookmarks.odt"])
def test_zotero_bookmarks_take_their_codes_from_the_documents_properties(name):
    """Zotero's bookmark storage: ZOTERO_BREF_<id> around the citation, its code in the
    custom properties ZOTERO_BREF_<id>_1, _2, ...; a bookmark whose code is not there is
    only a bookmark."""
    notes = notes_of(parse_paths([FIXTURES / name]))
    (book,) = notes[1].references
    assert (book.title, book.authors, book.publisher) == (ROE, ["Roe, Jane"], "Clarendon")
    assert [c.manager for c in notes[1].cited] == ["Zotero"]
    assert notes[2].cited == () and [r.title for r in notes[2].references] == ["Tides"]


def test_bookmark_codes_are_joined_in_their_parts_order():
    code = zotero_instruction([BOOK]).replace(" ADDIN ", "").strip()
    parts = {f"ZOTERO_BREF_x1_{n + 1}": code[at:at + 40]
             for n, at in enumerate(range(0, len(code), 40))}
    shuffled = dict(reversed(list(parts.items())))  # (the properties' order is no promise)
    (record,) = bookmark_records({**shuffled, "Title": "Ports", "ZOTERO_BREF_x1": "?"}).values()
    assert [w.reference.title for w in record.works] == ["Ports of Call"]


def test_libreoffice_bibliography_marks():
    """ODF only: LibreOffice's own bibliography, a text:bibliography-mark with the fields."""
    note = notes_of(parse_paths([FIXTURES / "citations.odt"]))[10]
    assert note.text == "See [Ek2018], 44."
    (book,) = note.references
    assert (book.title, book.authors, book.publisher, book.date, book.url, book.type) == (
        "Tolls and Tides", ["Ek, Sara", "Lind, Per"], "Baltic Press", "2018",
        "http://baltic.example/tolls", "book")
    assert [c.manager for c in note.cited] == ["LibreOffice"]


def test_an_endnote_record_dated_by_its_publication_day():
    xml = ('<EndNote><Cite><DisplayText>(Roe 2020)</DisplayText><record>'
           '<ref-type name="Newspaper Article">23</ref-type><titles><title>Port strike'
           '</title></titles><dates><year>2020</year><pub-dates><date>Mar 2</date></pub-dates>'
           '</dates></record></Cite></EndNote>')
    (work,) = citation_record(" ADDIN EN.CITE " + xml).works
    assert (work.reference.date, work.reference.type) == ("2020-03-02", "news")


@pytest.mark.parametrize("instruction, data", [
    (" ADDIN EN.CITE <EndNote><Cite>", None),  # damaged XML
    (" ADDIN EN.CITE ", "not base64 at all!"),
    (" ADDIN EN.CITE ", None),
    (' ADDIN EN.CITE <!DOCTYPE x [<!ENTITY a "aaaa">]><EndNote>&a;</EndNote>', None),
])
def test_an_unreadable_endnote_record_has_no_works(instruction, data):
    record = citation_record(instruction, data)
    assert record is not None and record.manager == "EndNote" and record.works == ()


@pytest.mark.parametrize("instruction", [
    " ADDIN ZOTERO_ITEM CSL_CITATION {broken",
    " ADDIN CSL_CITATION []",
    " ADDIN ZOTERO_ITEM CSL_CITATION " + "[" * 200_000,  # deeper than json can go
    ' ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems": [{"uris": ["http://zotero.org/1"]}]}',
])
def test_an_unreadable_record_has_no_works(instruction):
    record = citation_record(instruction)
    assert record is not None and record.works == ()


def cut(printed: str, record, before: str = "See ", after: str = ".") -> object:
    text, (cited,) = cut_fields(f"{before}{FIELD_START}{printed}{FIELD_END}{after}", [record])
    assert text == before + printed + after
    assert text[cited.start:cited.end] == printed
    return cited


def test_the_record_is_trusted_where_the_print_names_its_work():
    record = citation_record(zotero_instruction([BOOK]))  # no plainCitation recorded
    assert not cut("Roe, *Ports of Call*, 9", record).edited
    assert cut("Roe, *Harbour Tales*, 9", record).edited


def test_a_year_typed_over_the_records_is_the_prints():
    """Named by its title, but printed with another year than the record's: the print is
    what the reader sees and the audit weighs (no manager's text to compare with)."""
    record = citation_record(zotero_instruction([BOOK]))  # BOOK: 2001
    assert not cut("Roe, *Ports of Call* (2001), 9", record).edited
    assert cut("Roe, *Ports of Call* (2010), 9", record).edited


def test_a_print_as_the_manager_wrote_it_is_trusted_without_a_title():
    record = citation_record(zotero_instruction([BOOK], "Ibid., 7."))
    cited = cut("Ibid., 7.", record, after="")
    assert not cited.edited and cited.works[0].ibid  # a short form


def test_an_edit_that_only_adds_keeps_the_record():
    """Zotero marks any hand edit (``dontUpdate``); a page added to an author-date citation
    leaves the work as it was, a page changed after "Ibid." may not."""
    record = citation_record(zotero_instruction([BOOK], "(Roe 2001)", dontUpdate=True))
    assert not cut("(Roe 2001 : p. 5)", record, after="").edited
    assert cut("(Roe 2010 : p. 5)", record, after="").edited
    ibid = citation_record(zotero_instruction([BOOK], "Ibid., 7."))
    assert cut("Ibid., 9.", ibid, after="").edited


def test_a_field_left_open_runs_to_the_notes_end():
    record = citation_record(zotero_instruction([BOOK]))
    text, (cited,) = cut_fields(f"See {FIELD_START}Roe, Ports of Call, 5.", [record])
    assert (text, cited.start, cited.end) == ("See Roe, Ports of Call, 5.", 4, len(text))
