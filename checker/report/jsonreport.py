"""link-health.json: the machine-readable report (schema in link-health.schema.json)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from checker.report import ReportInput
from checker.report.summary import summarize

SCHEMA_ID = "footcheck/link-health/1"


def build_json(inp: ReportInput) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "generated_at": inp.generated_at,
        "tool": {"name": "footcheck", "version": inp.tool_version},
        "documents": [
            {"path": doc.path, "title": doc.title, "date": doc.date,
             "footnotes": len(doc.footnotes)}
            for doc in inp.documents
        ],
        "links": [entry for link in inp.links for entry in link.to_json_entries()],
        "findings": [finding.to_json() for finding in inp.findings],
        "notes": list(inp.notes),
        "summary": summarize(inp),
    }


def render_json(inp: ReportInput) -> str:
    return json.dumps(build_json(inp), ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    text = resources.files("checker.report").joinpath("link-health.schema.json").read_text()
    return json.loads(text)
