"""link-health.md: readable on its own and as a GitHub job summary."""

from __future__ import annotations

import re

from checker.report import ReportInput
from checker.report.rows import document_rows
from checker.report.summary import summarize

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def cell(text: object) -> str:
    """Markdown-safe table cell."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split())) if text is not None else ""


def link(text: str | None, href: str | None) -> str:
    if not text:
        return ""
    if not href or not href.startswith(("http://", "https://")):
        return cell(text)
    return f"[{cell(text)}]({href.replace(' ', '%20').replace(')', '%29')})"


def render_markdown(inp: ReportInput) -> str:
    summary = summarize(inp)
    out = ["# footcheck link-health report", ""]
    out.append(
        f"{summary['documents']} documents, {summary['footnotes']} footnotes, "
        f"{summary['references']} references, {summary['links']} links checked"
        + (f" · generated {inp.generated_at}" if inp.generated_at else "")
    )
    out.append("")
    if inp.offline:
        out += ["> **Network unavailable:** links were not checked; the static audit below "
                "still applies.", ""]
    elif not inp.network_checked:
        out += ["> Links not checked (static audit).", ""]
    for note in inp.notes:
        out.append(f"> Note: {cell(note)}")
    if inp.notes:
        out.append("")
    if summary["links_by_status"]:
        out += ["## Links by status", "", "| status | links |", "|---|---:|"]
        out += [f"| {status} | {n} |" for status, n in summary["links_by_status"].items()]
        out.append("")
    out += ["## Findings by rule", ""]
    if summary["findings_by_rule"]:
        out += ["| rule | findings |", "|---|---:|"]
        out += [f"| {rule} | {n} |" for rule, n in summary["findings_by_rule"].items()]
    else:
        out.append("No findings.")
    out.append("")
    for doc in inp.documents:
        out += [f"## {cell(doc.title or doc.path)}", "", f"`{doc.path}`"
                + (f" · dated {doc.date}" if doc.date else ""), ""]
        if not doc.footnotes:
            out += ["No footnotes found.", ""]
        else:
            out += ["| note | title | link | status | archive | findings |",
                    "|---:|---|---|---|---|---|"]
            for row in document_rows(doc, inp):
                archive = link("archived copy", row.archive_url) if row.archive_url else ""
                if row.recovered_url:
                    archive += (" · " if archive else "") + link("recovered", row.recovered_url)
                out.append(
                    f"| {row.number} | {cell(row.title)} | {link(row.link, row.href)} | "
                    f"{row.status} | {archive} | {cell(', '.join(row.rules))} |"
                )
            out.append("")
        doc_findings = [f for f in inp.findings if f.document == doc.path]
        if doc_findings:
            out += ["### Findings", ""]
            for finding in sorted(doc_findings, key=lambda f: (f.footnotes or [0])[0]):
                notes = ", ".join(map(str, finding.footnotes))
                out.append(f"- **{finding.severity}** `{finding.rule}`"
                           + (f" (note {notes})" if notes else "") + f": {cell(finding.message)}")
            out.append("")
    other = [f for f in inp.findings if f.document not in {d.path for d in inp.documents}]
    if other:
        out += ["## Other findings", ""]
        out += [f"- **{f.severity}** `{f.rule}`: {cell(f.message)}" for f in other]
        out.append("")
    return "\n".join(out)
