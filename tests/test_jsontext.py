"""`jsontext` writes what ``json.dumps(ensure_ascii=False, indent=2)`` writes."""

import json

import pytest

from checker.jsontext import json_pieces, json_text
from checker.model import ReferenceType, Severity

VALUES = [
    None, True, False, 0, -7, 2.5, float("nan"), "", "plain", 'quote " and \\ and \n tab\t',
    "Кактус – «кавычки» \u2028 \x00", [], {}, [[]], [{}], {"a": []}, {"a": {}},
    {"type": ReferenceType.NEWS, "severity": Severity.ERROR},
    {"nested": [1, [2, [3, {"x": None, "y": [True, 1.0]}]]], "empty": "", "n": 10**20},
    {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
    ("a", ("b",)),
]


@pytest.mark.parametrize("value", VALUES)
def test_json_text_is_json_dumps_indented(value):
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert json_text(value) == expected
    assert "".join(json_pieces(value)) == expected


def test_a_generator_is_written_as_a_list_item_by_item():
    notes = [{"number": n, "references": [{"title": f"T{n}", "authors": []}]} for n in range(3)]
    data = {"documents": [{"path": "a.md", "footnotes": (note for note in notes)},
                          {"path": "b.md", "footnotes": iter([])}], "findings": []}
    expected = json.dumps({"documents": [{"path": "a.md", "footnotes": notes},
                                         {"path": "b.md", "footnotes": []}], "findings": []},
                          ensure_ascii=False, indent=2)
    pieces = list(json_pieces(data))
    assert "".join(pieces) == expected
    assert len(pieces) > 3  # the notes came one at a time


def test_what_json_cannot_write_raises_as_json_does():
    with pytest.raises(TypeError):
        json_text({"a": object()})
