"""link-health.html: one self-contained page (inline CSS and SVG, no scripts, no assets)."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from checker.report import ReportInput
from checker.report.charts import STATUS_COLOURS, flagged_notes, status_chart, timeline
from checker.report.rows import document_rows
from checker.report.summary import summarize

_ENVIRONMENT = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_TEMPLATE = _ENVIRONMENT.from_string(
    resources.files("checker.report").joinpath("templates/link-health.html.j2").read_text("utf-8")
)


def render_html(inp: ReportInput) -> str:
    summary = summarize(inp)
    docs = [
        {
            "doc": doc,
            "rows": document_rows(doc, inp),
            "timeline": Markup(timeline(doc, flagged_notes(doc, inp.findings))),
            "findings": sorted(
                (f for f in inp.findings if f.document == doc.path),
                key=lambda f: (f.footnotes or [0])[0],
            ),
        }
        for doc in inp.documents
    ]
    return _TEMPLATE.render(
        inp=inp, s=summary, docs=docs, colours=STATUS_COLOURS,
        chart=Markup(status_chart(summary["links_by_status"])),
    )
