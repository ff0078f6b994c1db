"""link-health.md: readable on its own and as a GitHub job summary (GitHub-flavoured Markdown).

Every text that comes from a document goes through `cell()`: Markdown specials are
backslash-escaped (a `|` would otherwise split a table row, `$` start LaTeX on GitHub, `<` start
raw HTML). Info findings, often dozens, are folded in a `<details>` block.
"""

from __future__ import annotations

import re

from checker.model import Document, Finding
from checker.report import ReportInput
from checker.report.rows import NotePages, Row, document_rows, note_pages, notes_label
from checker.report.summary import count, severities_by_rule, summarize

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~&$])")
_HREF_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "|": "%7C", "<": "%3C",
                              ">": "%3E", "`": "%60", "\\": "%5C"})


def cell(text: object) -> str:
    """Markdown-safe inline text, on one line."""
    if text is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link(text: str | None, href: str | None) -> str:
    """``[text](href)``, or the escaped text when there is nothing safe to link to."""
    if not text:
        return ""
    if not href or not href.startswith(("http://", "https://")):
        return cell(text)
    target = href.translate(_HREF_UNSAFE)
    return f"[{cell(text)}]({target})"


def status_line(inp: ReportInput) -> list[str]:
    if inp.offline:
        return ["> **Network unavailable: links not checked.** The static audit below still "
                "applies.", ""]
    if not inp.network_checked:
        return ["> Links not checked (static audit).", ""]
    return []


def _row(row: Row) -> str:
    link_cell = link(row.link, row.href)
    if row.final_url:
        link_cell += " → " + link("new URL", row.final_url)
    status = row.status + (f" · {row.detail}" if row.detail else "")
    archive = ""
    if row.archive_url:
        archive = link("archived copy" + (f" {row.archive_date}" if row.archive_date else ""),
                       row.archive_url)
    if row.recovered_url:
        archive += (" · " if archive else "") + link("recovered", row.recovered_url)
    return (f"| {cell(row.name)} | {cell(row.title)} | {link_cell} | {cell(status)} | {archive} | "
            f"{cell(', '.join(row.rules))} |")


def _finding(finding: Finding, pages: NotePages | None = None) -> str:
    label = notes_label(finding, pages)
    where = f" ({label})" if label else ""
    if finding.line:
        where += f" line {finding.line}"
    return f"- **{finding.severity}** `{finding.rule}`{where}: {cell(finding.message)}"


def findings_block(findings: list[Finding], heading: str, doc: Document | None = None
                   ) -> list[str]:
    """Errors and warnings listed; infos folded away; `doc` gives PDF notes' pages."""
    if not findings:
        return []
    ordered = sorted(findings, key=lambda f: ((f.footnotes or [0])[0], f.line or 0))
    loud = [f for f in ordered if f.severity != "info"]
    quiet = [f for f in ordered if f.severity == "info"]
    out = [heading, ""]
    pages = note_pages(doc)
    out += [_finding(f, pages) for f in loud]
    if loud:
        out.append("")
    if quiet:
        out += ["<details>", f"<summary>{count(len(quiet), 'info finding')}</summary>", ""]
        out += [_finding(f, pages) for f in quiet]
        out += ["", "</details>", ""]
    return out


def render_markdown(inp: ReportInput) -> str:
    summary = summarize(inp)
    out = ["# footcheck link-health report", ""]
    out.append(
        " · ".join(count(summary[noun + "s"], noun)
                   for noun in ("document", "footnote", "reference", "link"))
        + (f" · generated {cell(inp.generated_at)}" if inp.generated_at else "")
        + (f" · footcheck {cell(inp.tool_version)}" if inp.tool_version else "")
    )
    out.append("")
    out += status_line(inp)
    for note in inp.notes:
        out.append(f"> Note: {cell(note)}")
    if inp.notes:
        out.append("")
    threshold = "never" if inp.fail_on == "never" else f"`{inp.fail_on}` or above"
    failing = count(summary["failing_findings"], "finding")
    out += [f"**{failing}** at or above the threshold (fail-on: {threshold}).", ""]
    if summary["links_by_status"]:
        out += ["## Links by status", "", "| status | links |", "|---|---:|"]
        out += [f"| {cell(status)} | {n} |" for status, n in summary["links_by_status"].items()]
        if summary["archived"] or summary["recovered"]:
            out += ["", f"{summary['archived']} with an archived copy, "
                    f"{summary['recovered']} with a recovered URL."]
        out.append("")
    elif inp.network_checked and not inp.offline:
        out += ["No links cited.", ""]
    out += ["## Findings by rule", ""]
    if summary["findings_by_rule"]:
        out += ["| rule | findings | severity |", "|---|---:|---|"]
        severities = severities_by_rule(inp.findings)
        out += [f"| {cell(rule)} | {n} | {severities[rule]} |"
                for rule, n in summary["findings_by_rule"].items()]
    else:
        out.append("No findings.")
    out.append("")
    for doc in inp.documents:
        path = doc.path.replace("`", "'")
        dated = f" · dated {cell(doc.date)}" if doc.date else ""
        out += [f"## {cell(doc.title or doc.path)}", "", f"`{path}`{dated}", ""]
        if not doc.footnotes:
            out += ["No footnotes found.", ""]
        else:
            out += ["| note | title | link | status | archive | findings |",
                    "|---:|---|---|---|---|---|"]
            out += [_row(row) for row in document_rows(doc, inp)]
            out.append("")
        out += findings_block([f for f in inp.findings if f.document == doc.path],
                              "### Findings", doc)
    paths = {d.path for d in inp.documents}
    out += findings_block([f for f in inp.findings if f.document not in paths],
                          "## Other findings")
    return "\n".join(out).rstrip("\n") + "\n"
