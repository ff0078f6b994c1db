"""duplicate-document on three small articles of our own (tests/fixtures/rules/flood_*):
an original report, a rewritten copy of it, and another article on the same flood."""

from __future__ import annotations

from pathlib import Path

from checker.model import Document
from checker.rules import duplicate_document
from checker.rules.common import RuleContext

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
CONTEXT = RuleContext(severity="warning")


def load(name: str, date: str | None = None) -> Document:
    path = FIXTURES / f"{name}.txt"
    return Document(path=f"docs/{name}.txt", id=name, text=path.read_text(encoding="utf-8"),
                    date=date, date_source="stated" if date else None)


def test_a_rewritten_copy_is_reported_once_on_the_later_document():
    original, rewrite, other = load("flood_original"), load("flood_rewrite"), load("flood_other")
    found = duplicate_document.check([original, rewrite, other], CONTEXT)
    assert len(found) == 1
    finding = found[0]
    assert finding.document == "docs/flood_rewrite.txt"  # given after the original
    assert "docs/flood_original.txt" in finding.message and "%" in finding.message
    assert finding.rule == "duplicate-document" and finding.severity == "warning"


def test_the_later_dated_document_is_the_copy_whatever_the_order():
    original = load("flood_original", "2024-04-01")
    rewrite = load("flood_rewrite", "2024-04-02")
    found = duplicate_document.check([rewrite, original], CONTEXT)
    assert [f.document for f in found] == ["docs/flood_rewrite.txt"]


def test_another_article_on_the_same_event_is_not_a_duplicate():
    assert duplicate_document.check([load("flood_original"), load("flood_other")], CONTEXT) == []
    assert duplicate_document.check([load("flood_rewrite"), load("flood_other")], CONTEXT) == []


def test_a_verbatim_copy_with_markup_is_a_duplicate():
    original = load("flood_original")
    copy = Document(path="copy.html", id="copy", format="html",
                    text="<html><body><p>" + original.text.replace("\n\n", "</p><p>")
                    + "</p></body></html>")
    assert len(duplicate_document.check([original, copy], CONTEXT)) == 1


def test_short_or_empty_documents_and_the_same_path_twice():
    original = load("flood_original")
    tiny = Document(path="tiny.txt", id="tiny", text="Floods in Uralsk.")
    empty = Document(path="empty.txt", id="empty", text="")
    assert duplicate_document.check([original, tiny, empty, load("flood_original")],
                                    CONTEXT) == []
