"""The project's one date parser: cited dates, page dates and dates inside URL paths.

Everything returns ISO strings that keep the precision written: ``YYYY-MM-DD``, ``YYYY-MM``
or ``YYYY``. Pure regular expressions and tables (no per-call imports), because the parser
runs once per footnote and the benchmark parses 100,000 of them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

MONTHS: dict[str, int] = {}


def _months(names: str) -> None:
    for number, group in enumerate(names.split(";"), start=1):
        for name in group.split(","):
            MONTHS[name.strip().lower()] = number


# English (full and abbreviated), Russian (nominative, genitive, abbreviated),
# French, German, Spanish.
_months("january,jan;february,feb;march,mar;april,apr;may;june,jun;july,jul;"
        "august,aug;september,sep,sept;october,oct;november,nov;december,dec")
_months("январь,января,янв;февраль,февраля,фев,февр;март,марта,мар;апрель,апреля,апр;"
        "май,мая;июнь,июня,июн;июль,июля,июл;август,августа,авг;сентябрь,сентября,сен,сент;"
        "октябрь,октября,окт;ноябрь,ноября,ноя,нояб;декабрь,декабря,дек")
_months("janvier,janv;février,fevrier,févr,fevr;mars;avril,avr;mai;juin;juillet,juil;"
        "août,aout;septembre;octobre;novembre;décembre,decembre,déc")
_months("januar,jänner;februar;märz,maerz;april;mai;juni;juli;august;september;oktober,okt;"
        "november;dezember,dez")
_months("enero,ene;febrero;marzo;abril,abr;mayo;junio;julio;agosto,ago;septiembre,setiembre;"
        "octubre;noviembre;diciembre,dic")

# Any word, checked against MONTHS afterwards: far faster than an alternation of names.
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_B = r"(?<![\w/.-])"  # not glued to a word, a path or a number
_E = r"(?![\w/-]|\.\d)"

_PATTERNS = [
    # 2020-05-05, 2020/05/05, with an optional time
    re.compile(_B + r"(?P<year>(?:1[5-9]|20)\d\d)(?P<sep>[-/])(?P<mnum>[01]?\d)(?P=sep)"
               r"(?P<day>[0-3]?\d)(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
               r"(?![\w/-])"),
    # 05.05.2020 (day first, as in Europe and Russia)
    re.compile(_B + r"(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:1[5-9]|20)\d\d)" + _E),
    # May 5, 2020 / May 5 2020 / Sept. 5th, 2020
    re.compile(_B + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _E, re.IGNORECASE),
    # 5 May 2020 / 2 марта 2020 г. / 5. Mai 2020 / 5 de mayo de 2020
    re.compile(_B + _DAY + r"\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?" + _YEAR + _E,
               re.IGNORECASE),
    # May 2020 / марта 2020
    re.compile(_B + _MONTH + r",?\s+(?:de\s+)?" + _YEAR + _E, re.IGNORECASE),
    # 2020-05 (ISO month)
    re.compile(_B + r"(?P<year>(?:1[5-9]|20)\d\d)-(?P<mnum>[01]\d)(?![\w/-]|-\d)"),
]
_HAS_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def _combined(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One alternation of `patterns` (in priority order), groups renamed ``name_<n>`` and
    each alternative wrapped in ``(?P<a<n>>...)``: one scan instead of one per pattern."""
    parts = []
    for number, pattern in enumerate(patterns):
        text = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{number}>", pattern.pattern)
        text = re.sub(r"\(\?P=(\w+)\)", rf"(?P=\1_{number})", text)
        parts.append(f"(?P<a{number}>{text})")
    return re.compile("|".join(parts), re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?<![\w/.#:=%-])(?P<year>(?:1[6-9]|20)\d\d)(?![\w/%-]|\.\d)")
_ALL_DATES = _combined([*_PATTERNS, _YEAR_ONLY])
_FULL_DATES = _combined(_PATTERNS)
_ACCESSED = re.compile(
    r"(?:accessed|retrieved|viewed|consulted|last visited|downloaded|consulté le|abgerufen am|"
    r"zugriff am|consultado el|дата обращения|просмотрено)\s*(?:on\s*)?[:\-]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    iso: str
    start: int
    end: int
    text: str
    kind: str  # "published" | "accessed"


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _groups(match: re.Match[str]) -> dict[str, str | None]:
    """The matched alternative's groups under their plain names."""
    suffix = "_" + (match.lastgroup or "a0")[1:]
    return {
        name[: -len(suffix)]: value
        for name, value in match.groupdict().items()
        if name.endswith(suffix)
    }


def _from_groups(groups: dict[str, str | None]) -> str | None:
    year = int(groups["year"] or 0)
    if groups.get("mnum"):
        month = int(groups["mnum"])
    elif groups.get("month"):
        month = MONTHS.get((groups["month"] or "").lower().rstrip("."))
        if month is None:
            return None
    else:
        month = None
    day = int(groups["day"]) if groups.get("day") else None
    return _iso(year, month, day)


def find_dates(text: str, *, years: bool = True) -> list[DateMatch]:
    """Every date in `text`, left to right, without overlaps; a bare year only where no
    fuller date covers it (and only with `years`)."""
    return list(_find_dates(text, years))


@lru_cache(maxsize=2048)
def _find_dates(text: str, years: bool) -> tuple[DateMatch, ...]:
    # A citation's text is looked at several times while its note is parsed.
    found: list[DateMatch] = []
    # Every date holds a year: scan only windows around the years, not the whole text.
    windows: list[list[int]] = []
    for year in _HAS_YEAR.finditer(text):
        start, end = max(0, year.start() - 32), min(len(text), year.end() + 26)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    if not windows:
        return ()
    pattern = _ALL_DATES if years else _FULL_DATES
    for window_start, window_end in windows:
        position = window_start
        while True:
            match = pattern.search(text, position, window_end)
            if match is None:
                break
            groups = _groups(match)
            month = groups.get("month")
            if month and month.lower().rstrip(".") not in MONTHS:
                position = match.start() + 1  # "Report 2019" is no date; its year may be
                continue
            position = match.end()
            iso = _from_groups(groups)  # None for an impossible date: its year is not a date
            if iso is None:
                continue
            before = text[max(0, match.start() - 40): match.start()]
            kind = "accessed" if _ACCESSED.search(before) else "published"
            found.append(DateMatch(iso, match.start(), match.end(), match.group(0), kind))
    found.sort(key=lambda m: m.start)
    return tuple(found)


def parse_date(text: str) -> str | None:
    """One date written as text -> ISO with the precision written, or None."""
    if not text:
        return None
    stripped = text.strip()
    season = re.fullmatch(r"(?:spring|summer|autumn|fall|winter)\s+" + _YEAR, stripped,
                          re.IGNORECASE)
    if season:
        return season.group("year")
    matches = find_dates(stripped)
    return matches[0].iso if matches else None


_URL_DATE_PATTERNS = [
    # /2019/08/07/ or /2019/08/ (also 2019/8/7)
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)(?:/(?P<day>[0-3]?\d))?(?=/|$|\.)"),
    # /2016-06/24/
    re.compile(r"/(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)/(?P<day>[0-3]\d)(?=/)"),
    # /2020-05-05 or /2020_05_05 at the start of a segment
    re.compile(r"/(?P<year>(?:19|20)\d\d)[-_](?P<mnum>[01]\d)[-_](?P<day>[0-3]\d)(?=[/\-_.]|$)"),
    # /20190320/ as a whole segment
    re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)(?=/|\.html?$)"),
    # /gb/11/7/10/: two-digit year, month, day as three consecutive segments after a word
    re.compile(r"/[A-Za-z][\w-]*/(?P<yy>[0-3]\d)/(?P<mnum>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/"),
]


def url_path_date(url: str) -> str | None:
    """A date written in a URL's path (not its host or query), or None. Conservative."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE)
    path = path.split("?", 1)[0].split("#", 1)[0]
    for pattern in _URL_DATE_PATTERNS:
        match = pattern.search(path)
        if not match:
            continue
        groups = match.groupdict()
        year = 2000 + int(groups["yy"]) if groups.get("yy") else int(groups["year"])
        if not 1990 <= year <= 2039:
            continue
        day = int(groups["day"]) if groups.get("day") else None
        iso = _iso(year, int(groups["mnum"]), day)
        if iso:
            return iso
    return None


def precision(iso: str) -> int:
    """1 for a year, 2 for a month, 3 for a day."""
    return iso.count("-") + 1


def to_date(iso: str) -> date:
    """The first day of the period an ISO date of any precision names."""
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period(iso: str | None) -> tuple[date, date] | None:
    """First and last day covered by `iso` (``2020-05`` -> May 1 .. May 31), or None."""
    if not iso or not iso.strip():
        return None
    iso = iso.strip()
    try:
        start = to_date(iso)
        digits = precision(iso)
    except (ValueError, IndexError, TypeError):
        return None
    if digits == 1:
        return start, date(start.year, 12, 31)
    if digits == 2:
        return start, date(start.year, start.month,
                           calendar.monthrange(start.year, start.month)[1])
    return start, start
