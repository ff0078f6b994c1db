"""checker.extract on pandoc markdown: `[^label]` notes and `^[inline]` notes."""

from __future__ import annotations

from pathlib import Path

from checker.extract import extract_footnotes
from checker.load import read_document
from checker.model import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def extract(text: str) -> tuple[dict[int, object], list[str]]:
    footnotes, findings = extract_footnotes(Document(path="p.md", id="p", text=text))
    return {note.number: note for note in footnotes}, [f.message for f in findings]


def test_numeric_labels_with_continuations() -> None:
    text = (
        "A claim.[^1] Another,[^2] and the first again.[^1]\n"
        "\n"
        "[^1]: Smith, *Title*, 2001,\n"
        "    https://example.org/a\\_b.\n"
        "\n"
        "    A second paragraph of note one.\n"
        "\n"
        "[^2]: Doe &amp; Roe, \"Paper,\" 2005.\n"
        "\n"
        "Body text after the notes, not part of note 2.\n"
    )
    notes, findings = extract(text)
    assert sorted(notes) == [1, 2]
    assert notes[1].text == (
        "Smith, *Title*, 2001, https://example.org/a\\_b. A second paragraph of note one."
    )
    assert notes[1].line == 3 and notes[1].marker_lines == (1,)
    assert notes[2].text == 'Doe & Roe, "Paper," 2005.'
    assert findings == []


def test_named_labels_numbered_in_order_of_reference() -> None:
    document = read_document(str(FIXTURES / "pandoc_notes.md"))
    footnotes, findings = extract_footnotes(document)
    notes = {note.number: note for note in footnotes}
    assert notes[1].text.startswith("Smith, *Title*, 2001, https://example.org/a\\_b.")
    assert notes[2].text == 'A long note with "entities" and a lazy continuation line.'
    assert notes[3].text == "Inline: *Book*, 2019."  # ^[inline] note, defined where it is used
    assert notes[3].line == notes[3].marker_lines[0] == 8
    assert notes[4].text == "Never referenced." and notes[4].marker_lines == ()
    messages = [finding.message for finding in findings]
    assert "footnote 9 is marked in the text but never defined" in messages
    assert "footnote 4 is defined but never marked in the text" in messages


def test_definitions_inside_code_fences_are_ignored() -> None:
    text = "Text.[^1]\n\n```\n[^2]: not a note\n```\n\n[^1]: The note, 2020.\n"
    notes, findings = extract(text)
    assert sorted(notes) == [1] and findings == []


def test_definition_order_is_free_in_pandoc() -> None:
    text = "One.[^1] Two.[^2]\n\n[^2]: Second.\n[^1]: First.\n"
    notes, findings = extract(text)
    assert notes[1].text == "First." and notes[2].text == "Second."
    assert findings == []


def test_reference_style_links_in_notes_are_written_inline() -> None:
    """`[text][label]`, `[text][]` and `[text]` with `[label]: URL` defined elsewhere in the
    document: the note holds the link itself; undefined labels and `[^n]` stay as printed."""
    text = (
        "Body.[^1] More.[^2] Last.[^3]\n\n"
        "[^1]: See the [Harbour Project][] for the data [sic].\n\n"
        '[^2]: Jane Roe, "Tides," [Harbour Blog][HB], May 5, 2014.\n\n'
        "[^3]: See my [open\n    notebook] and [@roe2014].\n\n"
        "[harbour project]: http://harbour.example.org/project/\n"
        '[hb]: <http://blog.harbour.example/2014/05/tides/> "Harbour Blog"\n'
        "[open notebook]: https://notes.example.org/open\n"
    )
    notes, _ = extract(text)
    assert notes[1].text == ("See the [Harbour Project](http://harbour.example.org/project/) "
                             "for the data [sic].")
    assert notes[2].text == ('Jane Roe, "Tides," [Harbour Blog]'
                             "(http://blog.harbour.example/2014/05/tides/), May 5, 2014.")
    assert notes[3].text == "See my [open notebook](https://notes.example.org/open) and [@roe2014]."
