"""Values that are one of a set are enums: severities, link statuses, the errors' kinds."""

import json

import pytest

from checker.errors import InputError, InputProblem
from checker.load import read_document
from checker.model import Finding, LinkResult, LinkStatus, Severity


def test_severity_and_status_are_enums_and_serialise_as_their_values():
    finding = Finding(rule="numbering", severity="warning", message="m")
    link = LinkResult(url="https://example.org/a", status="ok")
    assert finding.severity is Severity.WARNING and link.status is LinkStatus.OK
    assert json.dumps(finding.to_json()) == json.dumps(
        {**finding.to_json(), "severity": "warning"})
    (entry,) = link.to_json_entries()
    assert type(entry["status"]) is str and entry["status"] == "ok"
    assert type(finding.to_json()["severity"]) is str


def test_a_value_outside_the_set_is_refused():
    with pytest.raises(ValueError):
        Finding(rule="numbering", severity="fatal", message="m")
    with pytest.raises(ValueError):
        LinkResult(url="https://example.org/a", status="fine")


@pytest.mark.parametrize(("content", "kind"), [
    (None, InputProblem.MISSING),
    (b"", InputProblem.EMPTY),
    (b"   \n\n", InputProblem.EMPTY),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, InputProblem.BINARY),
])
def test_an_unusable_document_names_its_problem_kind_and_says_it_in_words(
        tmp_path, content, kind):
    path = tmp_path / "doc.md"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert caught.value.kind is kind
    assert str(caught.value).startswith(f"{path}: ") and " " in caught.value.problem
