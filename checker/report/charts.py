"""Inline SVG pictures for the HTML report: the status breakdown and citation timelines.

Plain strings built here, every text escaped; no scripts, no external fonts or images, so
the page stays one self-contained file. Hover text is SVG <title>.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from checker.model import Document, Finding

STATUS_COLOURS = {
    "ok": "#2e7d32", "redirected": "#558b2f", "failing": "#f9a825", "broken": "#c62828",
    "blocked": "#ef6c00", "timeout": "#8e24aa", "invalid": "#6d4c41", "skipped": "#757575",
    "offline": "#546e7a",
}
OTHER_COLOUR = "#455a64"
FLAG_COLOUR = "#d50000"
DOC_COLOUR = "#1565c0"
DATE_RULES = ("date-implausible", "url-date-mismatch", "published-date-mismatch")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _svg_open(width: int, height: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
            f'font-family="system-ui,sans-serif"><title>{escape(label)}</title>')


def status_chart(counts: dict[str, int], width: int = 1040) -> str:
    """One horizontal bar per status, coloured, with its name, count and share."""
    counts = {status: n for status, n in counts.items() if n > 0}
    if not counts:
        return ""
    total = sum(counts.values())
    top = max(counts.values())
    bar, gap, label_width, text_room = 22, 8, 110, 120
    height = len(counts) * (bar + gap) + gap
    parts = [_svg_open(width, height, "Links by status")]
    for index, (status, count) in enumerate(counts.items()):
        y = gap + index * (bar + gap)
        length = max(3, round((width - label_width - text_room) * count / top))
        colour = STATUS_COLOURS.get(status, OTHER_COLOUR)
        share = f"{100 * count / total:.0f}%"
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="14">{escape(status)}</text>'
            f'<rect class="bar-{escape(status)}" x="{label_width}" y="{y}" width="{length}" '
            f'height="{bar}" rx="2" fill="{colour}"><title>{escape(status)}: {count} '
            f'({share})</title></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 16}" font-size="14">{count} '
            f'<tspan fill="#777">({share})</tspan></text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def date_span(iso: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO date of any precision names; None when not a date."""
    match = _ISO.fullmatch((iso or "").strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        first = date(year, month, 1)
        if day is None:
            following = date(year + month // 12, month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        exact = date(year, month, day)
        return exact, exact
    except ValueError:
        return None


def _middle(span: tuple[date, date]) -> date:
    """A month cited as ``2020-08`` sits mid-August, a bare year mid-year."""
    return span[0] + (span[1] - span[0]) / 2


@dataclass
class _Point:
    number: int
    iso: str
    title: str
    day: date
    flag: str | None  # the rule that flagged it
    x: float = 0.0
    level: int = 0


def flagged_notes(doc: Document, findings: list[Finding]) -> dict[int, str]:
    """Footnote number -> the first date rule that flagged it, for this document."""
    flagged: dict[int, str] = {}
    for finding in findings:
        if finding.document == doc.path and finding.rule in DATE_RULES:
            for number in finding.footnotes:
                flagged.setdefault(number, finding.rule)
    return flagged


def _points(doc: Document, flagged: dict[int, str]) -> list[_Point]:
    points = []
    for footnote in doc.footnotes:
        for reference in footnote.references:
            if reference.ibid:  # the same work again: one dot is enough
                continue
            span = date_span(reference.date)
            if span is None:
                continue
            points.append(_Point(footnote.number, reference.date or "", reference.title or "",
                                 _middle(span), flagged.get(footnote.number)))
    return points


def _stack(points: list[_Point], spacing: float, max_level: int) -> int:
    """Greedy levels so dots closer than `spacing` stack upwards; returns levels used."""
    last: list[float] = []
    for point in sorted(points, key=lambda p: (p.x, p.number)):
        for level, x in enumerate(last):
            if point.x - x >= spacing:
                last[level] = point.x
                point.level = level
                break
        else:
            if len(last) < max_level:
                last.append(point.x)
                point.level = len(last) - 1
            else:  # full: overlap on the top level rather than grow without bound
                point.level = max_level - 1
                last[-1] = point.x
    return len(last)


def _label_width(point: _Point, radius: int) -> int:
    """Room taken right of a flagged dot's centre by the dot and its label (an estimate)."""
    return radius + 4 + 10 * len(str(point.number)) + round(6.5 * (len(point.iso) + 1)) + 6


def _skyline(points: list[_Point], radius: int, max_level: int) -> int:
    """Levels for flagged dots, top lane first, so no dot or label sits on another's label.

    Taken left to right, a dot goes one level below every earlier dot whose label reaches
    over it. Its line down to the axis then only passes levels below, where no earlier label
    reaches this far right, and later labels start right of it: lines never cross labels.
    """
    used = 0
    reaching: list[tuple[float, int]] = []  # (how far right an earlier label reaches, level)
    on_level = [0] * max_level  # how many of those labels are on each level
    for point in sorted(points, key=lambda p: (p.x, p.number)):
        # dots come left to right: a label that ends before this dot ends before every later
        while reaching and reaching[0][0] <= point.x - radius:
            on_level[heapq.heappop(reaching)[1]] -= 1
        top = next((level for level in reversed(range(max_level)) if on_level[level]), -1)
        point.level = min(top + 1, max_level - 1)
        heapq.heappush(reaching, (point.x + _label_width(point, radius), point.level))
        on_level[point.level] += 1
        used = max(used, point.level + 1)
    return used


def timeline(doc: Document, flagged: dict[int, str], width: int = 1040) -> str:
    """One dot per dated reference on a time axis with year ticks.

    Flagged notes (a date rule fired on them) are big red dots in their own lane above the
    others, with the note number printed beside them and a red line down to their place on
    the axis; the document's own date is a dashed vertical line.
    """
    points = _points(doc, flagged)
    if not points:
        return ""
    own = date_span(doc.date)
    own_day = _middle(own) if own else None
    days = [p.day for p in points] + ([own_day] if own_day else [])
    start, end = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    span = (end - start).days
    raised = [p for p in points if p.flag]
    small_r, big_r = 4, 8
    # Flag labels always go right of their dot: keep room for them after the axis.
    room = max((_label_width(p, big_r) for p in raised), default=0)
    left, right = 30, width - 30 - room

    def x_of(day: date) -> float:
        return left + (right - left) * (day - start).days / span

    for point in points:
        point.x = x_of(point.day)
    ordinary = [p for p in points if not p.flag]
    levels = _stack(ordinary, 2 * small_r + 1, 12)
    flag_levels = _skyline(raised, big_r, 5)
    top = 30  # room for the document-date label
    flag_lane = top + 12
    axis_y = flag_lane + flag_levels * 22 + (14 if raised else 0) + levels * (2 * small_r + 1) + 8
    height = axis_y + 62
    label = f"Citation dates of {doc.title or doc.path}"
    parts = [_svg_open(width, height, label)]
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#555"/>')
    parts += _ticks(start, end, x_of, axis_y)
    if own_day:
        position = x_of(own_day)
        anchor = "end" if position > right - 90 else ("start" if position < 120 else "middle")
        what = "document date (inferred)" if doc.date_source == "inferred" else "document date"
        parts.append(
            f'<line x1="{position:.1f}" y1="{top - 6}" x2="{position:.1f}" y2="{axis_y}" '
            f'stroke="{DOC_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{position:.1f}" y="{top - 12}" font-size="12" text-anchor="{anchor}" '
            f'fill="{DOC_COLOUR}">{what} {escape(doc.date or "")}</text>'
        )
    for point in ordinary:
        cy = axis_y - small_r - 2 - point.level * (2 * small_r + 1)
        tip = escape(f"note {point.number}: {point.iso} {short_title(point.title)}")
        parts.append(f'<circle cx="{point.x:.1f}" cy="{cy}" r="{small_r}" fill="#546e7a" '
                     f'fill-opacity="0.75"><title>{tip}</title></circle>')
    for point in raised:
        cy = flag_lane + big_r + point.level * 22
        tip = escape(f"note {point.number}: {point.iso} {short_title(point.title)} "
                     f"(flagged: {point.flag})")
        parts.append(
            f'<g class="flagged" data-note="{point.number}">'
            f'<line x1="{point.x:.1f}" y1="{cy}" x2="{point.x:.1f}" y2="{axis_y}" '
            f'stroke="{FLAG_COLOUR}" stroke-width="1.5"/>'
            f'<circle cx="{point.x:.1f}" cy="{cy}" r="{big_r}" fill="{FLAG_COLOUR}" '
            f'stroke="#fff" stroke-width="2"><title>{tip}</title></circle>'
            f'<text x="{point.x + big_r + 4:.1f}" y="{cy + 5}" font-size="15" '
            f'font-weight="bold" fill="{FLAG_COLOUR}">{point.number}'
            f'<tspan font-size="11" font-weight="normal"> {escape(point.iso)}</tspan></text></g>'
        )
    parts += _legend(axis_y + 44, bool(raised), bool(own_day))
    parts.append("</svg>")
    return "".join(parts)


def short_title(title: str, limit: int = 70) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _ticks(start: date, end: date, x_of, axis_y: float) -> list[str]:
    years = list(range(start.year, end.year + 1))
    step = max(1, -(-len(years) // 14))
    parts = []
    if len(years) <= 7:  # short spans: a small tick per month as well
        month = start
        while month < end:
            if month.month != 1:
                position = x_of(month)
                parts.append(f'<line x1="{position:.1f}" y1="{axis_y}" x2="{position:.1f}" '
                             f'y2="{axis_y + 3}" stroke="#999"/>')
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for year in years[::step]:
        position = x_of(date(year, 1, 1))
        parts.append(f'<line x1="{position:.1f}" y1="{axis_y}" x2="{position:.1f}" '
                     f'y2="{axis_y + 7}" stroke="#555"/><text x="{position:.1f}" '
                     f'y="{axis_y + 21}" font-size="12" text-anchor="middle">{year}</text>')
    return parts


def _legend(y: float, flagged: bool, own: bool) -> list[str]:
    """A key under the axis; entries laid out by an estimate of their text width."""
    entries = [("dot", "a cited date")]
    if flagged:
        entries.append(("flag", "flagged date (a date rule fired; note number beside it)"))
    if own:
        entries.append(("line", "the document's own date"))
    parts, x = [], 32
    for kind, text in entries:
        if kind == "dot":
            parts.append(f'<circle cx="{x + 4}" cy="{y - 4}" r="4" fill="#546e7a"/>')
        elif kind == "flag":
            parts.append(f'<circle cx="{x + 6}" cy="{y - 4}" r="7" fill="{FLAG_COLOUR}"/>')
        else:
            parts.append(f'<line x1="{x + 4}" y1="{y - 11}" x2="{x + 4}" y2="{y + 3}" '
                         f'stroke="{DOC_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>')
        parts.append(f'<text x="{x + 18}" y="{y}" font-size="12" fill="#444">'
                     f'{escape(text)}</text>')
        x += 18 + round(6.6 * len(text)) + 28
    return parts
