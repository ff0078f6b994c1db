"""Bibliography entries, keys and the two file formats, proved by independent parsers:
bibtexparser and pybtex read the .bib, citeproc-py renders the CSL-JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pybtex.database
import pybtex.errors
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from pybtex.richtext import Text

from checker.bibliography.biblatex import (
    bib_records,
    biblatex_lines,
    biblatex_record,
    entry_text,
    field_lines,
    render_bib,
)
from checker.bibliography.csljson import csl_item, csl_items, item_lines, item_text, render_csl
from checker.bibliography.entries import build_entries
from checker.bibliography.keys import assign_keys, key_base, site_label
from checker.bibliography.names import split_person
from checker.model import Document, Footnote, Reference

R = Reference


def make_doc(*notes: tuple[int, list[Reference]], doc_id: str = "paper") -> Document:
    return Document(
        path=f"papers/{doc_id}.md", id=doc_id, text="",
        footnotes=[Footnote(number=n, line=n, text="", references=refs) for n, refs in notes],
    )


def keys_of(doc: Document) -> list[str]:
    return [e.key for e in build_entries(doc)]


def bib_text(doc: Document, classic: bool = False) -> str:
    return render_bib(bib_records(build_entries(doc), classic=classic), ["% test"])


def pybtex_parse(text: str) -> pybtex.database.BibliographyData:
    """Parse with pybtex, failing on any error or warning it reports."""
    pybtex.errors.set_strict_mode(True)
    with pybtex.errors.capture() as problems:
        data = pybtex.database.parse_string(text, "bibtex")
    assert problems == []
    return data


def from_latex(value: str) -> str:
    """Plain text of a LaTeX field value, as pybtex renders it (plus the commands pybtex
    does not know: brace and caret commands, ``\\$``)."""
    value = value.replace(r"\textbraceleft{}", "\x01").replace(r"\textbraceright{}", "\x02")
    value = value.replace(r"\textasciicircum{}", "\x03").replace(r"\$", "\x04")
    text = Text.from_latex(value).render_as("text")
    return text.replace("\x01", "{").replace("\x02", "}").replace("\x03", "^").replace(
        "\x04", "$")


def render_csl_bibliography(items: list[dict]) -> list[str]:
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(line) for line in bibliography.bibliography()]


DIPLOMAT = "https://thediplomat.com/2019/08/smart-cities-or-surveillance-huawei-in-central-asia/"


def sample_doc() -> Document:
    return make_doc(
        (1, [R(title="Gazette of the State Council", type="government", date="1992",
               authors=["General Office of the State Council"],
               url="http://www.gov.cn/gongbao/shuju/1992/gwyb199201.pdf")]),
        (2, [R(title="Premier Li Peng and President Karimov attended signatory ceremony.",
               authors=["Xu, Hongzhi"], container="People's Daily", date="1994-04-20",
               type="news"),
             R(title="China and Turkmenistan signed several documents.", authors=["Xu, Hongzhi"],
               container="People's Daily", date="1994-04-22", type="news")]),
        (7, [R(title="Kamchybek joldoshbaev o koronaviryse", container="kaktus.media",
               domain="kaktus.media", date="2020-01-29", type="news")]),
        (16, [R(title="Smart Cities or Surveillance? Huawei in Central Asia.",
                authors=["Yau, Tsz Yan"], container="The Diplomat", url=DIPLOMAT,
                date="2019-08-07", type="news")]),
        (17, [R(title="The Rise of Digital Authoritarianism", authors=["Shih, Gerry"],
                container="Journal of Democracy", date="2017-12", type="journal",
                doi="https://doi.org/10.1353/JOD.2017.0001")]),
        (18, [R(title="Smart Cities or Surveillance? Huawei in Central Asia",
                authors=["Yau, Tsz Yan"], url=DIPLOMAT.replace("https://", "http://www."),
                date="2019-08-07", accessed="2020-09-01", type="news")]),
        (19, [R(title="Report on Transport Facilitation & 50% of _procedures_",
                authors=["Hodgkinson, P.J.", "World Bank"], type="report",
                container="United Nations ESCAP", date="2015")]),
        (20, [R(title="Book of Things", authors=["van der Berg, Jan"], container="Hurst",
                type="book", date="2015-04")]),
        (21, [R(title="A Chapter", authors=["Doe, Jane"], container="Handbook of Asia",
                type="chapter", date="2018")]),
        (22, [R(title="ChinaAmbassadorKazakhstan – Post April 17", container="Facebook.com",
                url="https://www.facebook.com/ChinaAmbassadorKazakhstan/posts/1", type="social",
                date="2020-04-17")]),
        (23, [R(title="Пандемия и Китай: «Кактус» о помощи", container="Азаттык",
                url="https://rus.azattyq.org/a/30621018.html?utm_source=x", type="web",
                date="2020-05-19", accessed="2020-06-01")]),
    )


# -- entries ----------------------------------------------------------------------------------
def test_same_work_in_several_footnotes_is_one_entry_with_the_most_complete_fields():
    entries = build_entries(sample_doc())
    yau = [e for e in entries if e.reference.authors == ["Yau, Tsz Yan"]]
    assert len(yau) == 1
    entry = yau[0]
    assert entry.footnotes == [16, 18]
    assert entry.reference.container == "The Diplomat"  # from note 16
    assert entry.reference.accessed == "2020-09-01"  # from note 18
    assert entry.reference.url == DIPLOMAT  # the first cited
    assert entry.reference.title.endswith("Asia.")  # the longer


def test_duplicates_merge_by_title_and_site_doi_and_transitively():
    doc = make_doc(
        (33, [R(title="Kazakhstan summons Chinese ambassador", domain="reuters.com",
                date="2020-04-14")]),
        (34, [R(title="Other", doi="10.1/ABC")]),
        (35, [R(title="Other work, same DOI", doi="https://doi.org/10.1/abc")]),
        (36, [R(title="Kazakhstan Summons Chinese Ambassador", container="Reuters.com",
                date="2020-04-14", url="https://www.reuters.com/article/kz-1")]),
        (37, [R(title="Cited by URL only", url="http://reuters.com/article/kz-1/#top")]),
    )
    entries = build_entries(doc)
    assert [e.footnotes for e in entries] == [[33, 36, 37], [34, 35]]
    assert entries[0].reference.url == "https://www.reuters.com/article/kz-1"


def test_different_works_stay_apart():
    doc = make_doc(
        (1, [R(title="Press release", domain="kaktus.media", date="2020")]),
        (2, [R(title="Press release", domain="akipress.com", date="2020")]),
        (3, [R(domain="kaktus.media", date="2020-03-02")]),  # titles unknown: not the same
        (4, [R(domain="kaktus.media", date="2020-03-02")]),
        (5, [R(title="Home page one", url="https://example.org/")]),  # a home page is no id
        (6, [R(title="Home page two", url="https://example.org")]),
        (7, [R()]),  # nothing to cite
        (8, [R(title="Press statement", container="Ministry of Foreign Affairs",
               date="2020-01-05")]),
        (9, [R(title="Press statement", container="Ministry of Foreign Affairs",
               date="2020-03-05")]),
        (10, [R(title="Press statement", container="Ministry of Foreign Affairs",
                date="2020-03")]),  # agrees with note 9
    )
    assert [e.footnotes for e in build_entries(doc)] == [
        [1], [2], [3], [4], [5], [6], [8], [9, 10]]


def test_a_work_cited_again_after_another_of_its_title_is_one_entry():
    def chen(date: str | None) -> Reference:
        return R(title="Water and Power", authors=["Chen, Jun"], container="Survey", date=date)

    doc = make_doc((1, [chen("2006")]), (2, [chen("2013")]), (3, [chen("2006")]),
                   (4, [chen("2013-05")]), (5, [chen(None)]), (6, [chen("2020")]),
                   (7, [chen("2006-02")]))
    entries = build_entries(doc)
    assert [(e.reference.date, e.footnotes) for e in entries] == [
        ("2006-02", [1, 3, 7]), ("2013-05", [2, 4, 5]), ("2020", [6])]
    assert [e.key for e in entries] == ["chen2006water", "chen2013water", "chen2020water"]


def test_entries_are_in_order_of_first_citation():
    doc = make_doc((5, [R(title="Later")]), (2, [R(title="Earlier")]), (9, [R(title="Later")]))
    assert [(e.reference.title, e.footnotes) for e in build_entries(doc)] == [
        ("Later", [5, 9]), ("Earlier", [2])]


# -- keys -------------------------------------------------------------------------------------
def test_keys_are_readable():
    assert keys_of(sample_doc()) == [
        "general1992gazette", "xu1994premier", "xu1994china", "kaktus2020kamchybek",
        "yau2019smart", "shih2017rise", "hodgkinson2015report", "vanderberg2015book",
        "doe2018chapter", "facebook2020chinaambassadorkazak", "azattyk2020pandemiia",
    ]


@pytest.mark.parametrize(("ref", "key"), [
    (R(title="SCO promotes transport links", url="http://eng.sectsco.org/n/1.html",
       date="2017"), "sectsco2017sco"),
    (R(title="Kazakhstan to resume exports", container="Reuters.com", date="2020-02-26"),
     "reuters2020kazakhstan"),
    (R(title="Notify the first case", domain="www.bbc.co.uk", date="2020"), "bbc2020notify"),
    (R(title="La politique de la Chine", container="Le Monde", date="2001"),
     "monde2001politique"),
    (R(title="Der Weg in die Zukunft", authors=["Müller, Jürgen"]), "mullerndweg"),
    (R(title="Как Китай помогает", authors=["Иванов, Иван"], date="2020-03"),
     "ivanov2020kitai"),
    (R(title="1984", authors=["Orwell, George"], date="1949"), "orwell19491984"),
    (R(date="2020"), "anon2020"),
    (R(title="V Tashkent pribyl gruz", domain="uzdaily.uz", date="2020-04-10"),
     "uzdaily2020tashkent"),
])
def test_key_shapes(ref: Reference, key: str):
    assert key_base(ref) == key


def test_site_label():
    assert site_label("kaktus.media") == "kaktus"
    assert site_label("eng.sectsco.org") == "sectsco"
    assert site_label("www.gov.cn") == "gov"
    assert site_label("news.bbc.co.uk") == "bbc"


def test_collisions_get_suffixes_in_document_order_and_keys_are_stable():
    refs = [
        (3, [R(title="China and Kyrgyzstan", authors=["Xu, Hongzhi"], date="1994")]),
        (4, [R(title="China and Kazakhstan", authors=["Xu, Hongzhi"], date="1994")]),
        (5, [R(title="China and Turkmenistan", authors=["Xu, Hongzhi"], date="1994")]),
    ]
    first = keys_of(make_doc(*refs))
    assert first == ["xu1994china", "xu1994chinaa", "xu1994chinab"]
    assert keys_of(make_doc(*refs)) == first  # same input, same keys
    # An unrelated work cited first changes no other key.
    more = keys_of(make_doc((1, [R(title="Unrelated", authors=["Yau, Tsz Yan"])]), *refs))
    assert more == ["yaundunrelated", *first]
    assert assign_keys(["a1", "a1", "a1a"]) == ["a1", "a1b", "a1a"]


def test_person_or_organisation():
    assert split_person("Yau, Tsz Yan") == ("Yau", "Tsz Yan")
    assert split_person("van der Berg, Jan") == ("van der Berg", "Jan")
    assert split_person("World Bank") is None
    assert split_person("Ministry of Foreign Affairs, Kazakhstan") is None
    assert split_person("Shanghai Cooperation Organization") is None


# -- biblatex ---------------------------------------------------------------------------------
def test_biblatex_round_trips_through_bibtexparser_and_pybtex():
    text = bib_text(sample_doc())
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    keys = [e.key for e in library.entries]
    assert len(keys) == len(set(keys)) == 11
    types = {e.key: e.entry_type for e in library.entries}
    assert types == {
        "general1992gazette": "online", "xu1994premier": "article", "xu1994china": "article",
        "kaktus2020kamchybek": "article", "yau2019smart": "online", "shih2017rise": "article",
        "hodgkinson2015report": "report", "vanderberg2015book": "book",
        "doe2018chapter": "incollection", "facebook2020chinaambassadorkazak": "online",
        "azattyk2020pandemiia": "online",
    }
    data = pybtex_parse(text)
    assert set(data.entries) == set(keys)

    yau = data.entries["yau2019smart"]
    assert yau.fields["date"] == "2019-08-07"
    assert yau.fields["urldate"] == "2020-09-01"
    assert yau.fields["url"] == DIPLOMAT
    assert yau.fields["organization"] == "The Diplomat"
    assert yau.fields["note"] == "Cited in footnotes 16, 18"
    assert [str(p) for p in yau.persons["author"]] == ["Yau, Tsz Yan"]

    xu = data.entries["xu1994premier"]
    assert xu.fields["journaltitle"] == "People's Daily"
    assert xu.fields["entrysubtype"] == "newspaper"
    assert "url" not in xu.fields
    assert from_latex(xu.fields["title"]) == (
        "Premier Li Peng and President Karimov attended signatory ceremony")

    shih = data.entries["shih2017rise"]
    assert shih.fields["doi"] == "10.1353/jod.2017.0001"
    assert shih.fields["journaltitle"] == "Journal of Democracy"
    assert shih.fields["date"] == "2017-12"

    report = data.entries["hodgkinson2015report"]
    assert report.fields["institution"] == "United Nations ESCAP"
    people = report.persons["author"]
    assert people[0].last_names == ["Hodgkinson"]
    assert str(people[1]) == "{World Bank}"  # an organisation stays one name
    assert data.entries["vanderberg2015book"].fields["publisher"] == "Hurst"
    assert data.entries["vanderberg2015book"].persons["author"][0].last_names == ["Berg"]
    assert data.entries["doe2018chapter"].fields["booktitle"] == "Handbook of Asia"


SPECIAL = 'AT&T cuts 50% of R_D & $5 #1 {braces} ~tilde^ back\\slash “Кактус” «Азаттык» ’s'


def test_special_characters_survive_both_parsers():
    doc = make_doc((1, [R(title=SPECIAL, container="Q&A_site %", authors=["O’Brien, Seán"],
                          url="https://example.com/a%20b_c?x=1&y=2#frag~1", date="2020")]))
    text = bib_text(doc)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    entry = pybtex_parse(text).entries[library.entries[0].key]
    assert from_latex(entry.fields["title"]) == SPECIAL
    assert from_latex(entry.fields["organization"]) == "Q&A_site %"
    assert entry.fields["url"] == "https://example.com/a%20b_c?x=1&y=2#frag~1"
    assert str(entry.persons["author"][0]) == "O’Brien, Seán"
    # and CSL-JSON keeps it all as plain text
    item = json.loads(render_csl(csl_items(build_entries(doc))))[0]
    assert item["title"] == SPECIAL
    assert item["URL"] == "https://example.com/a%20b_c?x=1&y=2#frag~1"


def test_mixed_case_words_are_protected_from_case_changes():
    doc = make_doc((1, [R(title="COVID-19 and the SCO on WeChat", date="2020")]))
    title = pybtex_parse(bib_text(doc)).entries["anon2020covid"].fields["title"]
    assert title == "{COVID}-19 and the {SCO} on {WeChat}"


def test_biblatex_entry_written_directly_is_what_its_record_renders_to():
    """The files are written from `biblatex_lines`; a merge renders records (`entry_text`):
    both must write an entry the same way, archived copy and learned URL included."""
    doc = sample_doc()
    doc.footnotes.append(Footnote(number=30, line=30, text="", references=[
        R(title="E = mc2, and other = signs,", authors=["Doe, Jane = J."], date="2001")]))
    entries = build_entries(doc)
    entries[0].learned.update(url="https://example.com/moved", accessed="2021-02-03",
                              archive_url="http://web.archive.org/web/2020/http://x.cn/",
                              archive_date="2020-04-15")
    assert biblatex_record(entries[-1]).fields["title"] == "{E = mc2, and other = signs}"
    for entry in entries:
        kind, fields, note = biblatex_lines(entry)
        record = biblatex_record(entry)
        direct = f"@{kind}{{{entry.key},\n{fields}" + (f"  note = {note},\n" if note else "")
        assert entry_text(record.type, record.key, field_lines(record.fields)) == direct + "}\n"
    assert r"Archived copy: \url{http://web.archive.org/" in biblatex_record(
        entries[0]).fields["addendum"]


def test_classic_bibtex():
    text = bib_text(sample_doc(), classic=True)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert re.search(r"^\s*month = aug,$", text, re.MULTILINE)  # a macro, unquoted
    assert "date =" not in text and "urldate" not in text
    data = pybtex_parse(text)
    yau = data.entries["yau2019smart"]
    assert data.entries["yau2019smart"].type == "misc"
    assert yau.fields["year"] == "2019"
    assert yau.fields["month"] == "August"  # pybtex expands the macro
    assert yau.fields["howpublished"] == r"The Diplomat, \url{" + DIPLOMAT + "}"
    assert yau.fields["note"] == "Accessed 1 September 2020. Cited in footnotes 16, 18"
    assert data.entries["shih2017rise"].type == "article"
    assert data.entries["shih2017rise"].fields["journal"] == "Journal of Democracy"
    assert data.entries["vanderberg2015book"].type == "book"
    assert data.entries["hodgkinson2015report"].type == "techreport"
    # \url inside another field: % and # escaped, or they would end the line in the .bbl
    doc = make_doc((1, [R(title="T", url="https://e.com/a%20b#x", date="2020")]))
    assert r"\url{https://e.com/a\%20b\#x}" in bib_text(doc, classic=True)


# -- CSL-JSON ---------------------------------------------------------------------------------
def test_csl_item_written_directly_is_what_its_item_renders_to():
    """The files are written from `item_lines`; a merge renders items (`item_text`): both
    must write an entry the same way, archived copy and learned URL included."""
    entries = build_entries(sample_doc())
    entries[0].learned.update(url="https://example.com/moved", accessed="2021-02-03",
                              archive_url="http://web.archive.org/web/2020/http://x.cn/",
                              archive_date="2020-04-15")
    for entry in entries:
        fields, note = item_lines(entry)
        direct = '  {\n    "id": ' + json.dumps(entry.key, ensure_ascii=False) + ",\n" + fields
        direct += (',\n    "note": ' + json.dumps(note, ensure_ascii=False) if note else "")
        assert item_text(csl_item(entry)) == direct + "\n  }"
    assert "Archived copy: http://web.archive.org/" in csl_item(entries[0])["note"]


def test_csl_json_renders_through_citeproc():
    items = json.loads(render_csl(csl_items(build_entries(sample_doc()))))
    assert [i["id"] for i in items] == keys_of(sample_doc())
    by_id = {i["id"]: i for i in items}
    assert by_id["yau2019smart"]["type"] == "article-newspaper"
    assert by_id["yau2019smart"]["issued"] == {"date-parts": [[2019, 8, 7]]}
    assert by_id["yau2019smart"]["accessed"] == {"date-parts": [[2020, 9, 1]]}
    assert by_id["yau2019smart"]["author"] == [{"family": "Yau", "given": "Tsz Yan"}]
    assert by_id["shih2017rise"]["type"] == "article-journal"
    assert by_id["shih2017rise"]["issued"] == {"date-parts": [[2017, 12]]}
    assert by_id["shih2017rise"]["DOI"] == "10.1353/jod.2017.0001"
    assert by_id["general1992gazette"]["author"] == [
        {"literal": "General Office of the State Council"}]
    assert by_id["hodgkinson2015report"]["publisher"] == "United Nations ESCAP"
    assert by_id["doe2018chapter"]["type"] == "chapter"
    assert by_id["facebook2020chinaambassadorkazak"]["type"] == "post"
    assert by_id["azattyk2020pandemiia"]["type"] == "webpage"
    lines = render_csl_bibliography(items)
    assert len(lines) == len(items)
    rendered = "\n".join(lines)
    for item in items:
        assert item["title"] in rendered
    assert "Пандемия и Китай" in rendered


def test_keys_do_not_depend_on_the_interpreter_run():
    """Same input in two interpreters with different hash seeds: same keys and .bib text."""
    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from test_bibliography import sample_doc, bib_text, keys_of\n"
        "print(keys_of(sample_doc())); print(bib_text(sample_doc()))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=60, cwd=Path(__file__).parent.parent)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert "yau2019smart" in outputs[0]
