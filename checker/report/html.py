"""link-health.html: one self-contained page (inline CSS and SVG, no scripts, no assets).

The template is autoescaped; the SVG pictures are built (and escaped) in charts.py and are the
only values marked safe.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

from jinja2 import Environment, Template, select_autoescape
from markupsafe import Markup

from checker.model import Finding
from checker.report import ReportInput
from checker.report.charts import (
    STATUS_COLOURS,
    flagged_notes,
    status_chart,
    timeline,
)
from checker.report.rows import document_rows, note_pages, notes_label
from checker.report.summary import count, severities_by_rule, summarize


@cache
def page_template() -> Template:
    """The page's template, compiled once (`footcheck check` compiles it while the network is
    waited on)."""
    environment = Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
    )
    source = resources.files("checker.report").joinpath("templates/link-health.html.j2")
    return environment.from_string(source.read_text(encoding="utf-8"))


def _split(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(errors and warnings, infos), in note order."""
    ordered = sorted(findings, key=lambda f: ((f.footnotes or [0])[0], f.line or 0))
    return ([f for f in ordered if f.severity != "info"],
            [f for f in ordered if f.severity == "info"])


def render_html(inp: ReportInput) -> str:
    return "".join(html_pieces(inp))


def html_pieces(inp: ReportInput) -> Iterator[str]:
    """The page in the pieces the template yields, to be written as they come: a paper of
    100,000 notes makes a page of 60 MB, which as one string (and its pieces before the
    join) took 300 MB."""
    summary = summarize(inp)
    docs = []
    for doc in inp.documents:
        loud, quiet = _split([f for f in inp.findings if f.document == doc.path])
        docs.append({
            "doc": doc,
            "rows": document_rows(doc, inp),
            "timeline": Markup(timeline(doc, flagged_notes(doc, inp.findings))),
            "loud": loud,
            "quiet": quiet,
        })
    paths = {doc.path for doc in inp.documents}
    by_path = {doc.path: note_pages(doc) for doc in inp.documents}
    other_loud, other_quiet = _split([f for f in inp.findings if f.document not in paths])
    return page_template().generate(
        inp=inp, s=summary, count=count, docs=docs, other_loud=other_loud,
        other_quiet=other_quiet, colours=STATUS_COLOURS,
        label=lambda finding: notes_label(finding, by_path.get(finding.document)),
        chart=Markup(status_chart(summary["links_by_status"])),
        severities=severities_by_rule(inp.findings),
    )
