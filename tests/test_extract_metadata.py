"""checker.extract.document_metadata: the title and the date a document states about itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import document_metadata
from checker.load import read_document
from checker.model import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def meta(text: str, format: str = "markdown") -> tuple[str | None, str | None]:
    return document_metadata(Document(path="d", id="d", text=text, format=format))


def sample(prefix: str) -> Document:
    (path,) = (ROOT / "refs" / "sources").glob(f"{prefix}_*.txt")
    return read_document(str(path))


def month_names_parsed() -> None:
    pytest.importorskip("checker.references.dates", reason="the project's date parser")


def test_samples() -> None:
    assert document_metadata(sample("000")) == (
        "Beijing Binds: COVID-19 and the China-Central Asia Relationship",
        None,
    )
    title, _ = document_metadata(sample("001"))
    assert title == "RUSSIA AND CHINA'S QUIET RIVALRY IN CENTRAL ASIA"
    assert document_metadata(sample("002")) == (None, "2023-05-20")
    assert document_metadata(sample("003"))[1] == "2023-05-19"
    assert document_metadata(sample("004")) == (None, None)


def test_sample_001_states_its_month() -> None:
    month_names_parsed()
    assert document_metadata(sample("001"))[1] == "2020-09"


def test_month_year_line_near_the_top() -> None:
    month_names_parsed()
    assert meta("# Report\n\nSome Institute\n\nSeptember 2020\n\nBody text.\n") == (
        "Report",
        "2020-09",
    )


def test_front_matter() -> None:
    text = '---\ntitle: "Notes in Pandoc"\nsubtitle: A Test\ndate: 2021-03-04\n---\n\n# Other\n'
    assert meta(text) == ("Notes in Pandoc: A Test", "2021-03-04")


def test_labelled_date_and_setext_heading() -> None:
    text = "Trade and Power\n===============\n\n**Published:** 2021-03-04\n\nBody.\n"
    assert meta(text, "text") == ("Trade and Power", "2021-03-04")


def test_prominent_first_line_and_copyright_year() -> None:
    document = read_document(str(FIXTURES / "chicago_endnotes.txt"))
    assert document_metadata(document) == ("The Quiet Rivalry", None)
    assert meta("A Short Title\n\n© 2019 Some Press\n\nBody text starts.\n", "text") == (
        "A Short Title",
        "2019",
    )


def test_dates_in_citations_are_not_the_document_date() -> None:
    text = (
        "# Paper\n\nBody that cites a 2019 work.<sup>1</sup>\n\n"
        "<sup>1</sup> Smith, \"Title,\" 2019-05-05.\n"
    )
    assert meta(text) == ("Paper", None)


def test_no_title_when_the_text_starts_with_a_paragraph() -> None:
    assert meta("A long opening paragraph. " * 20 + "\n\nShort line\n", "text") == (None, None)


def test_html_meta_tags() -> None:
    assert document_metadata(read_document(str(FIXTURES / "wiki_references.html"))) == (
        "Shanghai Cooperation Organisation",
        "2020-09-01",
    )
    assert document_metadata(read_document(str(FIXTURES / "kramdown_footnotes.html"))) == (
        "Smart Cities or Surveillance?",
        "2019-08-07",
    )
    html = (
        "<html><head><title>Only a Title</title></head><body>"
        '<p>Posted <time datetime="2022-01-31T08:00:00+01:00">Jan 31</time></p></body></html>'
    )
    assert meta(html, "html") == ("Only a Title", "2022-01-31")
    json_ld = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "X", "datePublished": "2023-05-19T10:00:00Z"}</script></head>'
        "<body><h1>Summit in Xi&#39;an</h1></body></html>"
    )
    assert meta(json_ld, "html") == ("Summit in Xi'an", "2023-05-19")


def test_date_in_a_byline() -> None:
    assert meta("# Title\n\nJane Doe · 2021-02-03\n") == ("Title", "2021-02-03")


def test_month_name_date_in_a_byline() -> None:
    month_names_parsed()
    text = "# Title\n\n**Jane Doe** | February 2021\n\nBody.\n"
    assert meta(text) == ("Title", "2021-02")


def test_a_legal_captions_matter_is_the_title_and_a_lead_in_line_is_not() -> None:
    caption = ("Before the\nHarbor Commission\nWashington, D.C. 20554\n\nIn the Matter of\n\n"
               "Keeping the Channels Open\n)\n)\nDocket No. 14-28\n\nREPORT AND ORDER\n")
    assert meta(caption)[0] == "Keeping the Channels Open"
    assert meta("Before the\nHarbor Commission\n\nText of the order.\n")[0] == "Harbor Commission"


def test_a_pdf_title_is_no_page_mark_and_a_title_wrapped_in_capitals_is_joined() -> None:
    text = ("[page 1]\n“WATER RIGHTS” AND THE\nLAW OF RIVERS\nThe Clause provides that the\n"
            "government must pay.<sup>1</sup>\n")
    assert meta(text, "pdf")[0] == "“WATER RIGHTS” AND THE LAW OF RIVERS"
    # in capitals only on one side, or apart: no wrapped title
    assert meta("[page 1]\nBEFORE THE\nHarbor Commission\n", "pdf")[0] == "Harbor Commission"
    assert meta("[page 1]\nRIVERS OF THE\n\nSTEPPE TODAY\n", "pdf")[0] == "STEPPE TODAY"


@pytest.mark.parametrize("doctype", ["", "<!DOCTYPE html>"])
def test_an_html_body_states_its_date_outside_its_notes(doctype: str) -> None:
    """The date a page's body states near its top, read around its note markers, its list
    of notes and the citations in it (a date there is a cited work's), however many markers
    a paragraph holds."""
    markers = "".join(f'A claim.<sup><a href="#fn{i}">{i} May 2001</a></sup>\n'
                      for i in range(1, 400))
    page = (f"{doctype}<html><head><title>Harbour Notes</title></head><body>"
            "<h1>Harbour Notes</h1><aside>3 March 1999</aside><p>Roe<cite>4 April 1998</cite>"
            f"</p><p>5 June 2020</p><p>{markers}</p>"
            '<div class="Footnotes"><ol><li id="fn1">1 July 1997</li></ol></div>'
            "</body></html>")
    assert meta(page, "html") == ("Harbour Notes", "2020-06-05")
