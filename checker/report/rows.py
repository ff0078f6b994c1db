"""The per-footnote table rows shared by the Markdown and HTML reports.

One row per cited work (a footnote citing three works gives three rows with the same number)
and per link target that is not a web address (``mailto:``, ``javascript:``: listed with its
status and reason); a footnote with none of these still gets a row, so every note of the
document appears.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.extract.numbering import format_ranges
from checker.linkcheck.targets import normalise_url, site_url
from checker.model import Document, Finding, LinkResult, note_name
from checker.report import ReportInput


@dataclass
class Row:
    number: int
    name: str  # the note as the report names it: "14", "14 (part 2, p. 53)" (see note_name)
    title: str
    link: str | None  # the URL, or the site when only a site is cited
    href: str | None  # what to link to (http/https only; see safe_href)
    status: str  # a LinkStatus value, or "not checked" / "no link" / "no citation"
    detail: str = ""  # "HTTP 404", "failing since 2026-01-02", a short reason
    final_url: str | None = None  # where a redirected link now lives
    archive_url: str | None = None
    archive_date: str = ""  # "2019-03-22", from the snapshot's timestamp
    recovered_url: str | None = None
    rules: list[str] = field(default_factory=list)
    worst: str | None = None  # the most severe finding's severity on this note
    label: str | None = None  # the note's printed label (an entry's key) when not its number


@dataclass(frozen=True)
class NotePages:
    """The page of each of a document's notes (a PDF's), by (part or 0, number), the first
    note where two share them: made once per document (`note_pages`), for the labels of
    its findings and links."""

    path: str
    pages: dict[tuple[int, int], int | None]


def note_pages(doc: Document | None) -> NotePages | None:
    if doc is None:
        return None
    pages: dict[tuple[int, int], int | None] = {}
    for note in doc.footnotes:
        pages.setdefault((note.part or 0, note.number), note.page)
    return NotePages(doc.path, pages)


def notes_label(finding: Finding, pages: NotePages | None = None) -> str:
    """"note 3", "notes 3-5, 9" (ranges capped: see `format_ranges`), "note 14 (part 2)",
    "note 14 (part 2, p. 53)" when `pages` (its document's, a PDF) give the page; "" for
    none."""
    if not finding.footnotes:
        return ""
    if finding.entries:  # a bibliography file: its entries by key
        word = "entry" if len(finding.entries) == 1 else "entries"
        return f"{word} {', '.join(finding.entries)}"
    if len(finding.footnotes) == 1:
        number = finding.footnotes[0]
        page = None
        if pages is not None and pages.path == finding.document:
            page = pages.pages.get((finding.part or 0, number))
        return f"note {note_name(number, finding.part, page)}"
    return f"notes {note_name(format_ranges(finding.footnotes), finding.part)}"


def short(text: str | None, limit: int = 60) -> str:
    """Whitespace collapsed and cut to `limit` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_href(url: str | None) -> str | None:
    """The URL if it is an http(s) link a reader may follow, else None (no javascript: etc.)."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in "\r\n\t"):
        return None
    return url


def status_detail(result: LinkResult) -> str:
    """A few words beside the status: the HTTP status, or how long a link has been failing.

    Nothing for offline links: the banner at the top says it once for all of them.
    """
    if result.status == "failing" and result.first_failure:
        return f"failing since {result.first_failure[:10]}"
    if result.http_status and result.status != "ok":
        return f"HTTP {result.http_status}"
    if result.status in ("ok", "redirected", "offline") or not result.reason:
        return ""
    return short(result.reason, 40)


def _snapshot_date(timestamp: str | None) -> str:
    """``20190322101500`` -> ``2019-03-22`` (empty when not a Wayback timestamp)."""
    if not timestamp or len(timestamp) < 8 or not timestamp[:8].isdigit():
        return ""
    return f"{timestamp[:4]}-{timestamp[4:6]}-{timestamp[6:8]}"


def findings_by_note(
    findings: list[Finding], document: str
) -> dict[tuple[int | None, int], list[Finding]]:
    """(part, number) -> the findings naming that note of `document`."""
    notes: dict[tuple[int | None, int], list[Finding]] = {}
    for finding in findings:
        if finding.document != document:
            continue
        for number in finding.footnotes:
            notes.setdefault((finding.part, number), []).append(finding)
    return notes


_RANK = {"info": 0, "warning": 1, "error": 2}


def _rules(found: list[Finding]) -> tuple[list[str], str | None]:
    rules = list(dict.fromkeys(f.rule for f in found))
    worst = max((f.severity for f in found), key=lambda s: _RANK.get(s, 0), default=None)
    return rules, worst


def _lookup_key(url: str | None, domain: str | None) -> str | None:
    if url:
        return normalise_url(url)
    if domain:
        return site_url(domain)
    return None


def _add_result(row: Row, result: LinkResult) -> None:
    row.status = result.status
    row.detail = status_detail(result)
    moved = result.status == "redirected" or result.permanent_redirect
    if moved and result.final_url and result.final_url != result.url:
        row.final_url = safe_href(result.final_url)
    row.archive_url = safe_href(result.archive_url)
    row.archive_date = _snapshot_date(result.archive_timestamp)
    row.recovered_url = safe_href(result.recovered_url)


def not_web_links(doc: Document, links: list[LinkResult]
                  ) -> dict[tuple[int | None, int], list[LinkResult]]:
    """The link targets of each note that are not web addresses (``mailto:``,
    ``javascript:``...: skipped or invalid, never a reference), by (part, number)."""
    found: dict[tuple[int | None, int], list[LinkResult]] = {}
    for link in links:
        if safe_href(link.url):
            continue
        for citation in link.citations:
            if citation.document == doc.path:
                found.setdefault((citation.part, citation.footnote), []).append(link)
    return found


def document_rows(doc: Document, inp: ReportInput) -> list[Row]:
    """A row per reference (or note without one) of `doc`: made once per report input, as
    the Markdown and HTML reports both show them."""
    rows = inp.rows_by_document.get(id(doc))
    if rows is None:
        rows = inp.rows_by_document[id(doc)] = _document_rows(doc, inp)
    return rows


def _document_rows(doc: Document, inp: ReportInput) -> list[Row]:
    links = {link.url: link for link in inp.links}
    notes = findings_by_note(inp.findings, doc.path)
    others = not_web_links(doc, inp.links)
    unchecked = "offline" if inp.offline else "not checked"
    rows = []
    for footnote in doc.footnotes:
        rules, worst = _rules(notes.get((footnote.part, footnote.number), []))
        name = note_name(footnote.label or footnote.number, footnote.part, footnote.page)
        for other in others.get((footnote.part, footnote.number), []):
            row = Row(footnote.number, name, short(footnote.text), short(other.url, 70), None,
                      other.status, rules=rules, worst=worst, label=footnote.label)
            _add_result(row, other)
            rows.append(row)
        if not footnote.references:
            if not others.get((footnote.part, footnote.number)):
                rows.append(Row(footnote.number, name, short(footnote.text), None, None,
                                "no citation", rules=rules, worst=worst, label=footnote.label))
            continue
        for reference in footnote.references:
            key = _lookup_key(reference.url, reference.domain)
            result = links.get(key) if key else None
            if result is None and reference.url:
                result = links.get(reference.url)
            row = Row(
                number=footnote.number,
                name=name,
                title=short(reference.title or reference.container or footnote.text),
                link=short(reference.url or reference.domain, 70) or None,
                href=safe_href(reference.url) or safe_href(key),
                status=unchecked if (reference.url or reference.domain) else "no link",
                rules=rules,
                worst=worst,
                label=footnote.label,
            )
            if result is not None:
                _add_result(row, result)
            rows.append(row)
    return rows
