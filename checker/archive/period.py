"""The span of time an ISO date of the project stands for, and Wayback timestamps.

Dates in the project are ISO strings that keep the precision cited (``2020``, ``2020-05``,
``2020-05-14``; see `checker.model.Reference`). Free text is parsed elsewhere
(`checker.references.dates.parse_date`); this module only reads those ISO strings.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from checker.references.dates import period


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between the periods of two ISO dates (0 when they overlap), or None."""
    pa, pb = period(a), period(b)
    if pa is None or pb is None:
        return None
    if pa[1] < pb[0]:
        return (pb[0] - pa[1]).days
    if pb[1] < pa[0]:
        return (pa[0] - pb[1]).days
    return 0


def timestamp(day: date, end_of_day: bool = False) -> str:
    """A 14-digit Wayback timestamp for the start (or last second) of `day`."""
    return day.strftime("%Y%m%d") + ("235959" if end_of_day else "000000")


def cited_instant(iso: str | None, today: date | None = None) -> str:
    """The Wayback timestamp "as of" a cited date: the last second of its period.

    A page cited as of ``2020-03`` may have been seen any day in March, so a snapshot of
    March 31 is still "before the cited date". No date: the end of today (UTC).
    """
    span = period(iso)
    if span is None:
        today = today or datetime.now(UTC).date()
        return timestamp(today, end_of_day=True)
    return timestamp(span[1], end_of_day=True)


def shift(ts: str, days: int) -> str:
    """`ts` (8 or 14 digits) moved by `days`; keeps the time of day."""
    day = datetime.strptime(ts[:8], "%Y%m%d").date() + timedelta(days=days)
    return day.strftime("%Y%m%d") + ts[8:14]


def timestamp_iso(ts: str) -> str | None:
    """``20200313101500`` -> ``2020-03-13`` (None when it is not a timestamp)."""
    if not re.fullmatch(r"\d{8,14}", ts or ""):
        return None
    try:
        return datetime.strptime(ts[:8], "%Y%m%d").date().isoformat()
    except ValueError:
        return None
