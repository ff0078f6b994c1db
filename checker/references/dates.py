"""The project's one date parser: cited dates, page dates and dates inside URL paths.

Everything returns ISO strings that keep the precision written: ``YYYY-MM-DD``, ``YYYY-MM``
or ``YYYY``. Pure regular expressions and tables, no per-call imports: the parser runs on
every footnote (the benchmark parses 100,000 of them), on page metadata and in audit rules.

How `find_dates` stays cheap: every date holds a four-digit year, so it finds the years
first (one scan) and then reads only the few characters around each one. What comes before a
year (``March 5,`` / ``5 May`` / ``05.05.``) is matched on the reversed prefix with an
anchored pattern, one attempt per year instead of a search over the whole text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from checker.lazypattern import compile_lazily

MONTHS: dict[str, int] = {}


def _months(names: str) -> None:
    for number, group in enumerate(names.split(";"), start=1):
        for name in group.split(","):
            MONTHS[name.strip().lower()] = number


# English (full and abbreviated), Russian (nominative, genitive, abbreviated), French,
# German, Spanish, Italian, Portuguese (the cheap ones: one table, no per-call cost).
_months("january,jan;february,feb,febr;march,mar;april,apr;may;june,jun;july,jul;"
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
_months("gennaio;febbraio;marzo;aprile;maggio;giugno;luglio;agosto;settembre;ottobre;"
        "novembre;dicembre")
_months("janeiro;fevereiro;março,marco;abril;maio;junho;julho;agosto;setembro;outubro;"
        "novembro;dezembro")

SEASONS = frozenset(("spring", "summer", "autumn", "fall", "winter", "весна", "лето", "осень",
                     "зима", "printemps", "été", "automne", "hiver", "frühling", "sommer",
                     "herbst", "primavera", "verano", "otoño", "invierno"))

# A year: scanned alone (a lookbehind would triple the cost), its neighbours checked in code.
_YEAR = compile_lazily(r"(?:1[5-9]|20)\d\d")

# What may come right BEFORE a year, matched on the reversed text (hence reversed words:
# "ts" is "st", "ed" is "de"). Groups: day (reversed digits), day0 (first day of a range),
# month (reversed letters), num (numeric day.month.), sep.
_BEFORE = compile_lazily(
    r"""
    (?:
        # "March 5, " / "Sept. 5th " / "May 5-7, "  (month day)
        \s*,?\s*(?:ts|dn|dr|ht)?(?P<day_a>\d\d?)(?:[–-](?P<day0_a>\d\d?))?(?!\d)\s+\.?
        (?P<month_a>[^\W\d_]{3,10})(?![^\W\d_])
    |
        # "5 May " / "5. Mai " / "5 de mayo de " / "2 марта " / "5-7 May "  (day month)
        \s*(?:ed\s+)?,?\s*\.?(?P<month_b>[^\W\d_]{3,10})(?![^\W\d_])\s*\.?\s*(?:ed\s+)?
        (?:ts|dn|dr|ht|re|\.)?(?P<day_b>\d\d?)(?:[–-](?P<day0_b>\d\d?))?(?![\d.,/])
    |
        # "05.05." / "5/15/" / "15-03-"  (numeric day and month)
        (?P<sep>[./-])(?P<num2>\d\d?)(?P=sep)(?P<num1>\d\d?)(?![\d.])
    |
        # "May " / "May, " / "марта " / "de mayo de " / "Spring "  (month or season)
        \s*(?:ed\s+)?,?\s*\.?(?P<month_c>[^\W\d_]{3,10})(?![^\W\d_])
    )
    """,
    re.VERBOSE,
)
_BEFORE_SPAN = 28

# What may come right AFTER a year: ISO "-05-05", "/05/05", "-05", a time, "年5月5日",
# or the APA "(2020, May 5)".
_AFTER = compile_lazily(
    r"""
    (?:
        (?P<sep>[-/.])(?P<mnum>[01]?\d)(?:(?P=sep)(?P<day>[0-3]?\d))?(?![\d/])
        (?:[T\s]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:\s?Z|\s?[+-]\d\d:?\d\d|\s?UTC|\s?GMT)?)?
    |
        \s?年\s?(?P<cjk_month>\d\d?)\s?月(?:\s?(?P<cjk_day>\d\d?)\s?日)?
    |
        ,\s(?P<apa_month>[^\W\d_]{3,10})\.?(?:\s(?P<apa_day>\d\d?)(?!\d))?(?=\))
    )
    """,
    re.VERBOSE,
)
_ACCESS_WORDS = (
    "accessed", "retrieved", "viewed", "consulted", "visited", "downloaded", "last checked",
    "checked", "consulté", "abgerufen", "zugriff", "consultado", "consultato", "acesso",
    "дата обращения", "обращения", "просмотрено", "accessed on", "retrieved on",
)
_ACCESS_PREPOSITIONS = (" on", " am", " le", " el", " em", " from", " at", " in")


# The last letters of what `_is_accessed` looks for (an access word, a preposition after one,
# "web"): a text ending in any other ("Harbor Times, " before most dates) is never one
_ACCESS_ENDINGS = frozenset(word[-1] for word in (*_ACCESS_WORDS, *_ACCESS_PREPOSITIONS, "web"))
_ACCESS_TAIL_STRIPPED = " \t\u00a0:.-–(["  # what `_is_accessed` strips before its last letter
# The characters `_find_dates` finds before a date that leave `_is_accessed` something to look
# at: one it strips, or one whose lower case is one of `_ACCESS_ENDINGS` (these letters and
# their capitals: no other character lowers to them)
_MAY_END_ACCESS_TEXT = frozenset(
    (*_ACCESS_TAIL_STRIPPED, *_ACCESS_ENDINGS, *(letter.upper() for letter in _ACCESS_ENDINGS)))


def _is_accessed(before: str) -> bool:
    """Does the text right before a date say it is an access date ("accessed", "Retrieved",
    "дата обращения:", "consulté le")?"""
    tail = before.rstrip(_ACCESS_TAIL_STRIPPED)
    if tail[-1:].lower()[-1:] not in _ACCESS_ENDINGS:
        return False  # most dates follow an outlet's name and a comma: one letter looked at
    tail = tail.lower()
    if tail.endswith(". web") or tail == "web":
        return True  # MLA: "Astana, 2012. Web. 12 Mar. 2015."
    for preposition in _ACCESS_PREPOSITIONS:
        if tail.endswith(preposition):
            tail = tail[: -len(preposition)].rstrip()
            break
    return tail.endswith(_ACCESS_WORDS)


# `DateMatch(...)` without the Python-level `__new__` a NamedTuple has (one call less a date)
_new_date = tuple.__new__
_NOT_BEFORE_BARE_YEAR = frozenset("$£€¥#№/\\_=&%+@:")
_NOT_AFTER_BARE_YEAR = frozenset("%/\\_=&+@")


class DateMatch(NamedTuple):
    """A date found in a text: ISO value, span, the text matched and its kind."""

    iso: str
    start: int
    end: int
    text: str
    kind: str  # "published" | "accessed"
    years_range: bool = False  # "1850–1920": a period (iso is its last year)


@lru_cache(maxsize=16384)  # the same dates recur across a paper's notes
def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{_TWO_DIGITS[month]}"
    if not 1 <= day <= _MONTH_DAYS[month]:
        return None
    if month == 2 and day == 29 and (year % 4 or (year % 100 == 0 and year % 400)):
        return None  # February 29 of a common year
    return f"{year:04d}-{_TWO_DIGITS[month]}-{_TWO_DIGITS[day]}"


_TWO_DIGITS = tuple(f"{number:02d}" for number in range(32))


_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_number(reversed_name: str) -> int | None:
    return MONTHS.get(reversed_name[::-1].lower())


def _read_before(text: str, start: int, year: int) -> tuple[str | None, int, bool]:
    """(iso or None, start of the date, a day/month was written) for the year at `start`."""
    previous = text[start - 1] if start else ""
    if not previous or previous not in _BEFORE_YEAR_CHARS:
        return None, start, False  # "(2020", "—2020": nothing written before the year
    lo = start - _BEFORE_SPAN if start > _BEFORE_SPAN else 0
    match = _BEFORE.match(text[lo:start][::-1])
    if match is None:
        return None, start, False
    found_start = start - match.end()
    (day_a, day0_a, month_a, month_b, day_b, day0_b, sep, num2, num1, month_c) = match.groups()
    if sep is not None:
        first, second = int(num1[::-1]), int(num2[::-1])
        if sep == "/" and first <= 12 and second <= 31:
            month, day = first, second  # 5/15/2020: the US order unless impossible
        else:
            day, month = first, second
        if month > 12 and day <= 12:
            day, month = month, day
        return _iso(year, month, day), found_start, True
    if found_start > 0 and text[found_start - 1].isalnum():
        return None, start, False  # "xMay 2020": part of a longer word
    if month_a is not None:
        name, day_text = month_a, day0_a or day_a
    elif month_b is not None:
        name, day_text = month_b, day0_b or day_b
    else:
        name, day_text = month_c, None
    if name is None:
        return None, start, False
    named_month = MONTHS.get(name[::-1].lower())
    if named_month is None:
        if day_text is None and name[::-1].lower() in SEASONS:
            return f"{year:04d}", found_start, False  # "Spring 2019" is that year
        return None, start, False  # "Issue 5, 2020": the year alone
    if day_text is None and found_start > 4 and text[found_start - 1] in _RANGE_DASHES_OR_SLASH:
        first = _FIRST_MONTH.search(text, max(0, found_start - 12), found_start)
        if first and MONTHS.get(first.group(1).lower()) and (
                first.start() == 0 or not text[first.start() - 1].isalpha()):
            # "July–August 1975", "juillet-août 1975": the issue from its first month on
            named_month, found_start = MONTHS[first.group(1).lower()], first.start()
    return _iso(year, named_month, int(day_text[::-1]) if day_text else None), found_start, True


_FIRST_MONTH = compile_lazily(r"([^\W\d_]{3,10})\.?[-–—/]$")


_AFTER_YEAR_CHARS = frozenset("-/.年")
_BEFORE_YEAR_CHARS = frozenset(" \u00a0\t\n,./-")


def _read_after(text: str, end: int, year: int, after_paren: bool) -> tuple[str | None, int]:
    match = _AFTER.match(text, end)
    if not match:
        return None, end
    groups = match.groupdict()
    if groups["mnum"] is not None:
        if groups["sep"] == "." and groups["day"] is None:
            return None, end  # "2019.5" is no date
        if groups["day"] is None and (len(groups["mnum"]) < 2 or groups["sep"] == "/"):
            return None, end  # "2019-5", "2019/20": a range, not a month
        day = int(groups["day"]) if groups["day"] else None
        iso = _iso(year, int(groups["mnum"]), day)
        if iso is None and groups["day"] is None:
            return None, end  # "2019-20": a range of years
        return iso or "", match.end()
    if groups["cjk_month"] is not None:
        day = int(groups["cjk_day"]) if groups["cjk_day"] else None
        return _iso(year, int(groups["cjk_month"]), day) or "", match.end()
    if groups["apa_month"] is not None and after_paren:
        month = MONTHS.get(groups["apa_month"].lower())
        if month:
            day = int(groups["apa_day"]) if groups["apa_day"] else None
            return _iso(year, month, day) or "", match.end()
    return None, end


def find_dates(text: str, *, years: bool = True) -> list[DateMatch]:
    """Every date in `text`, left to right, without overlaps.

    A bare year counts only with `years` and only where it is not glued to an amount, a
    path or a longer number. An impossible date (February 30, 2020) is no date at all, and
    its year is not reported alone either.
    """
    global _last  # a note's text is often read twice in a row (split, then fields)
    last = _last
    if last[0] == text and last[1] == years:
        return list(last[2])
    found = _find_dates(text, years)
    _last = (text, years, found)
    return list(found)


_last: tuple[str, bool, list[DateMatch]] = ("", True, [])


def _find_dates(text: str, years: bool) -> list[DateMatch]:
    found: list[DateMatch] = []
    taken_until = 0
    length = len(text)
    # does the text hold "accessed", "retrieved"...? (asked once a date reads as accessed; an
    # access word none of these hints is in, "acesso", counts only beside another that is)
    hinted: bool | None = None
    for year_match in _YEAR.finditer(text):
        start, end = year_match.span()
        if start < taken_until:
            continue
        if (start and text[start - 1].isdigit()) or (end < length and text[end].isdigit()):
            continue
        year = int(year_match.group())
        iso, date_start, written = _read_before(text, start, year)
        years_range = False
        date_end = end
        if not written and end < length and (
            text[end] in _AFTER_YEAR_CHARS
            or (text[end] == "," and start and text[start - 1] == "(")
            or (text[end] == " " and text[end + 1: end + 2] == "年")
        ):
            after, after_end = _read_after(
                text, end, year, start > 0 and text[start - 1] == "("
            )
            if after is not None:
                iso, date_end, written = after, after_end, True
        if written and not iso:
            taken_until = date_end
            continue  # an impossible date hides its year
        if not written:
            if not years:
                continue
            before = text[start - 1] if start else " "
            after_char = text[end] if end < length else " "
            if before in _NOT_BEFORE_BARE_YEAR or after_char in _NOT_AFTER_BARE_YEAR:
                continue
            if before in ".-–" and start > 1 and text[start - 2].isdigit():
                continue  # "1.2019", "pp. 1998-2005" is handled below
            if before == " " and _PAGE_BEFORE.search(text, max(0, start - 8), start):
                continue  # "49(5): 1670- 1683", "127: 1607", "p. 1734": pages, not years
            if after_char == " " and text[end + 1:end + 2] in _RANGE_DASHES \
                    and text[end + 2:end + 3] == " " and text[end + 3:end + 7].isdigit():
                spaced = _range_end(text, end + 1, year)  # "1865 - 1900", "1800 – 1875"
                if spaced and len(spaced) == 4 and text[end + 3:end + 7] == spaced:
                    iso, years_range = spaced, True
            if after_char in _RANGE_DASHES:
                last = _range_end(text, end, year)
                if last is None:
                    continue  # "ISSN 1618-2154": a number, not a year
                if last:
                    # "1522–23": complete in its last year. The span stays the first year's:
                    # the rest is left in the text, where a sentence may end after it.
                    iso, years_range = last, True
            if iso is None:
                iso = f"{year:04d}"
        assert iso is not None
        date_start = max(date_start, taken_until)
        kind = "published"
        # (the character before the date, a space skipped, tells most dates apart without
        # asking `_is_accessed`: "Harbor Times, May 5, 2020" has a comma there)
        last = text[date_start - 1] if date_start > 6 else ""
        if last == " ":
            last = text[date_start - 2]
        if last in _MAY_END_ACCESS_TEXT \
                and _is_accessed(text[max(0, date_start - 40): date_start]):
            if hinted is None:
                lowered = text.lower()
                hinted = ("ccess" in lowered or "triev" in lowered or "view" in lowered
                          or "web." in lowered
                          or "onsult" in lowered or "visit" in lowered or "nload" in lowered
                          or "check" in lowered or "bgeruf" in lowered or "griff" in lowered
                          or "бращ" in lowered or "смотр" in lowered)
            if hinted:
                kind = "accessed"
        found.append(_new_date(DateMatch, (iso, date_start, date_end, text[date_start:date_end],
                                           kind, years_range)))
        taken_until = date_end
    return found


_RANGE_DASHES = frozenset("-–—")
_RANGE_DASHES_OR_SLASH = _RANGE_DASHES | {"/"}  # "March–April 2020", "March/April 2020"
# What puts a number among pages: a volume and a colon ("49(5): ", "127: "), "p."/"pp." (lower
# case: "Roe, P. 1999" is an initial; "124 p. 1975" counts the pages before the year),
# or the dash of a page range spaced out ("1670- ").
_PAGE_BEFORE = compile_lazily(r"(?:\d\)?:|(?<!\d\s)\bpp?\.|\d\s?[-–—])\s$")
_RANGE_END = compile_lazily(r"[-–—]\s?(\d{4}|\d{2})(?![^\W_])|[-–—](\d{3}[\dX])(?![^\W_])")


def _range_end(text: str, end: int, year: int) -> str | None:
    """What follows a year and a dash: "" for nothing of note, the last year of a range of
    years (``1990–1995``, ``1522–23``, ``1886-87``), or None for the second half of a number
    such as an ISSN (``1618-2154``)."""
    found = _RANGE_END.match(text, end)
    if found is None:
        return ""
    if found.group(2) is not None:
        return None  # "1618-215X", "1618-2154" (not a year after the dash)
    second = found.group(1)
    last = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
    if len(second) == 4 and not _YEAR.fullmatch(second):
        return None
    return f"{last:04d}" if year < last <= year + 99 else ""


_ISO_FULL = compile_lazily(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_COMPACT = compile_lazily(r"(\d{4})(\d\d)(\d\d)")


def parse_date(text: str | None) -> str | None:
    """One date written as text -> ISO with the precision written, or None.

    ``May 5, 2020``, ``5 May 2020``, ``2020-05-05``, ``05.05.2020``, ``May 2020``,
    ``Spring 2019`` (-> ``2019``), ``2019``, ISO datetimes, ``2 марта 2020``. An impossible
    date (``February 30, 2020``) gives None.
    """
    if not text:
        return None
    stripped = text.strip()
    if not stripped:
        return None
    iso_match = _ISO_FULL.fullmatch(stripped)
    if iso_match:
        year, month, day = iso_match.groups()
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    compact = _COMPACT.fullmatch(stripped)
    if compact:
        return _iso(*(int(part) for part in compact.groups()))
    matches = find_dates(stripped)
    return matches[0].iso if matches else None


# ---- dates in URLs ---------------------------------------------------------------------

_URL_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|" \
    "january|february|march|april|june|july|august|september|october|november|december"
_URL_DATE_PATTERNS = [
    # /2019/08/07/ or /2019/08/ or /2019/8/7 (a segment each)
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mnum>1[0-2]|0?[1-9])"
               r"(?:/(?P<day>3[01]|[12]\d|0?[1-9]))?(?=/|$|\.\w+$)"),
    # /2019/may/05/ (the Guardian)
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mname>" + _URL_MONTHS + r")"
               r"(?:/(?P<day>3[01]|[12]\d|0?[1-9]))?(?=/|$)", re.IGNORECASE),
    # /2016-06/24/ (Xinhua, gov.cn)
    re.compile(r"/(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)/(?P<day>[0-3]\d)(?=/)"),
    # /2019/0807/ (People's Daily)
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]\d)(?P<day>[0-3]\d)(?=/)"),
    # /2020-05-05, /2020_05_05 at the start of a segment (also /2020-05-05-title)
    re.compile(r"/(?P<year>(?:19|20)\d\d)([-_])(?P<mnum>[01]\d)\2(?P<day>[0-3]\d)"
               r"(?=[/\-_.]|$)"),
    # /20190320/ or /20190320.html or /20190320-title as a segment, t20190807_123.html
    re.compile(r"/t?(?P<year>(?:19|20)\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)"
               r"(?=/|\.html?$|\.s?html?$|[-_][a-z]|_\d+\.)"),
    # /2020-05/ (a month segment)
    re.compile(r"/(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)(?=/)"),
    # /gb/11/7/10/: two-digit year, month, day as three segments after a word segment
    re.compile(r"/[A-Za-z][\w-]*/(?P<yy>[0-3]\d)/(?P<mnum>1[0-2]|0?[1-9])"
               r"/(?P<day>3[01]|[12]\d|0?[1-9])/"),
]
_SCHEME_HOST = compile_lazily(r"^(?:[a-z][a-z0-9+.-]*:)?//[^/]*", re.IGNORECASE)


def url_path_date(url: str | None) -> str | None:
    """A date written in a URL's path (not its host, query or fragment), or None.

    Conservative: a date needs a year and a month in a shape sites use for dated paths
    (``/2019/08/``, ``/2019/08/07/``, ``/news/20190320/``, ``/2016-06/24/``, ``/gb/11/7/10/``,
    ``/2020-05-05-title``, ``/2019/may/05/``); long numeric IDs give nothing.
    """
    if not url:
        return None
    path = _SCHEME_HOST.sub("", url.strip(), count=1)
    for cut in "?#":
        index = path.find(cut)
        if index >= 0:
            path = path[:index]
    if len(path) < 7:
        return None
    for pattern in _URL_DATE_PATTERNS:
        for match in pattern.finditer(path):
            groups = match.groupdict()
            year = 2000 + int(groups["yy"]) if groups.get("yy") else int(groups["year"])
            if not 1990 <= year <= 2039:
                continue
            if groups.get("mname"):
                month: int | None = MONTHS.get(groups["mname"].lower())
            else:
                month = int(groups["mnum"])
            day = int(groups["day"]) if groups.get("day") else None
            iso = _iso(year, month, day) if month else None
            if iso:
                return iso
    return None


# ---- precision and comparison ------------------------------------------------------------


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


def truncate(iso: str, level: int) -> str:
    """`iso` cut to `level` (1 year, 2 month, 3 day) when it is more precise than that."""
    return "-".join(iso.split("-")[:level])


def agree(first: str, second: str) -> bool:
    """Do two ISO dates name the same period at the precision both have?

    ``2019-08`` agrees with ``2019-08-07`` and ``2019``; ``2019-08-07`` does not agree with
    ``2019-08-08``.
    """
    level = min(precision(first), precision(second))
    return truncate(first, level) == truncate(second, level)


def days_apart(first: str, second: str) -> int:
    """Whole days between the starts of the two periods (absolute)."""
    return abs((to_date(first) - to_date(second)).days)
