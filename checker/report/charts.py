"""Inline SVG pictures for the HTML report: the status breakdown and citation timelines."""

from __future__ import annotations

from datetime import date
from html import escape

from checker.model import Document
from checker.references.dates import to_date

STATUS_COLOURS = {
    "ok": "#2e7d32", "redirected": "#66bb6a", "failing": "#f9a825", "broken": "#c62828",
    "blocked": "#ef6c00", "timeout": "#8e24aa", "invalid": "#6d4c41", "skipped": "#9e9e9e",
    "offline": "#607d8b",
}
DATE_RULES = ("date-implausible", "url-date-mismatch", "published-date-mismatch")


def status_chart(counts: dict[str, int], width: int = 760) -> str:
    """Horizontal bars, one per status, with colour and text label."""
    if not counts:
        return ""
    top = max(counts.values()) or 1
    bar_height, gap, label_width = 22, 8, 110
    height = len(counts) * (bar_height + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="links by status"><title>Links by status</title>']
    for index, (status, count) in enumerate(counts.items()):
        y = gap + index * (bar_height + gap)
        length = max(2, round((width - label_width - 60) * count / top))
        colour = STATUS_COLOURS.get(status, "#455a64")
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="14">{escape(status)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
            f'fill="{colour}"><title>{escape(status)}: {count}</title></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 16}" font-size="14">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ordinal(day: date) -> float:
    return day.toordinal()


def timeline(doc: Document, flagged: dict[int, str], width: int = 760) -> str:
    """One dot per dated reference on a time axis; flagged notes big, red and numbered."""
    points = [
        (footnote.number, reference.date, reference.title or "")
        for footnote in doc.footnotes
        for reference in footnote.references
        if reference.date and not reference.ibid
    ]
    if not points:
        return '<p class="muted">No dated citations to draw.</p>'
    days = [to_date(iso) for _, iso, _ in points]
    marks = list(days)
    own = None
    if doc.date:
        own = to_date(doc.date)
        marks.append(own)
    first, last = min(marks), max(marks)
    start = date(first.year, 1, 1)
    end = date(last.year + 1, 1, 1)
    span = max(1.0, _ordinal(end) - _ordinal(start))
    left, right, height = 30, width - 30, 130
    axis_y = 90

    def x(day: date) -> float:
        return left + (right - left) * (_ordinal(day) - _ordinal(start)) / span

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="citation dates"><title>Citation dates</title>',
             f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#555"/>']
    years = range(start.year, end.year + 1)
    step = max(1, len(years) // 12)
    for year in years[::step]:
        tick = x(date(year, 1, 1))
        parts.append(f'<line x1="{tick:.1f}" y1="{axis_y}" x2="{tick:.1f}" y2="{axis_y + 6}" '
                     f'stroke="#555"/><text x="{tick:.1f}" y="{axis_y + 22}" font-size="12" '
                     f'text-anchor="middle">{year}</text>')
    if own:
        position = x(own)
        parts.append(f'<line x1="{position:.1f}" y1="20" x2="{position:.1f}" y2="{axis_y}" '
                     f'stroke="#1565c0" stroke-dasharray="4 3"/><text x="{position:.1f}" y="14" '
                     f'font-size="12" text-anchor="middle" fill="#1565c0">document '
                     f'{escape(doc.date or "")}</text>')
    ordinary, raised = [], []
    for (number, iso, title), day in zip(points, days, strict=True):
        tip = escape(f"note {number}: {iso} {title}")
        if number in flagged:
            raised.append(
                f'<circle cx="{x(day):.1f}" cy="{axis_y - 30}" r="8" fill="#d50000" '
                f'stroke="#fff" stroke-width="2"><title>{tip} ({escape(flagged[number])})'
                f'</title></circle><text x="{x(day) + 11:.1f}" y="{axis_y - 26}" '
                f'font-size="14" font-weight="bold" fill="#d50000">{number}</text>'
            )
        else:
            ordinary.append(f'<circle cx="{x(day):.1f}" cy="{axis_y - 8}" r="4" '
                            f'fill="#546e7a" fill-opacity="0.6"><title>{tip}</title></circle>')
    parts += ordinary + raised + ["</svg>"]
    return "".join(parts)


def flagged_notes(doc: Document, findings) -> dict[int, str]:
    flagged: dict[int, str] = {}
    for finding in findings:
        if finding.document == doc.path and finding.rule in DATE_RULES:
            for number in finding.footnotes:
                flagged.setdefault(number, finding.rule)
    return flagged
