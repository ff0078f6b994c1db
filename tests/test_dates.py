"""The project's date parser: free text, dates inside citations, dates inside URL paths."""

from datetime import date

import pytest

from checker.references.dates import (
    agree,
    days_apart,
    find_dates,
    parse_date,
    period,
    precision,
    to_date,
    truncate,
    url_path_date,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("May 5, 2020", "2020-05-05"),
        ("5 May 2020", "2020-05-05"),
        ("May 5 2020", "2020-05-05"),
        ("May 5th, 2020", "2020-05-05"),
        ("Sept. 30, 2019", "2019-09-30"),
        ("Feb 3, 2021", "2021-02-03"),
        ("2020-05-05", "2020-05-05"),
        ("2020/05/05", "2020-05-05"),
        ("05.05.2020", "2020-05-05"),
        ("15.03.2020", "2020-03-15"),
        ("3/15/2020", "2020-03-15"),
        ("2020-05-05T10:00:00Z", "2020-05-05"),
        ("2020-05-05T10:00:00+02:00", "2020-05-05"),
        ("Tue, 05 May 2020 10:00:00 GMT", "2020-05-05"),
        ("20200505", "2020-05-05"),
        ("May 2020", "2020-05"),
        ("Sept. 2019", "2019-09"),
        ("2019-12", "2019-12"),
        ("Spring 2019", "2019"),
        ("Winter 2020", "2020"),
        ("2019", "2019"),
        ("2 марта 2020", "2020-03-02"),
        ("2 марта 2020 г.", "2020-03-02"),
        ("марта 2020", "2020-03"),
        ("5 mai 2020", "2020-05-05"),
        ("5. März 2020", "2020-03-05"),
        ("5 de mayo de 2020", "2020-05-05"),
        ("2020年5月5日", "2020-05-05"),
        ("February 29, 2020", "2020-02-29"),
    ],
)
def test_parse_date_keeps_the_precision_written(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["February 30, 2020", "31.04.2019", "2020-13-01", "February 29, 2019", "no date here",
     "", "   ", "$2000", "Issue 12"],
)
def test_impossible_or_missing_dates_give_none(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_accepts_none() -> None:
    assert parse_date(None) is None


def test_find_dates_spans_and_kinds() -> None:
    text = ('Smith, John (12 May 2015). "Title". BBC. Archived from the original on '
            "2 June 2015. Retrieved 3 March 2020.")
    found = find_dates(text)
    assert [(d.iso, d.kind) for d in found] == [
        ("2015-05-12", "published"), ("2015-06-02", "published"), ("2020-03-03", "accessed"),
    ]
    assert text[found[0].start:found[0].end] == found[0].text == "12 May 2015"


@pytest.mark.parametrize(
    "text",
    [
        "URL, accessed May 5, 2021.",
        "URL (accessed on 5 May 2021).",
        "Retrieved 5 May 2021.",
        "viewed 2021-05-05",
        "(дата обращения: 05.05.2021)",
        "consulté le 5 mai 2021",
        "abgerufen am 5. Mai 2021",
    ],
)
def test_access_dates_are_kept_apart(text: str) -> None:
    (found,) = find_dates(text)
    assert found.iso == "2021-05-05" and found.kind == "accessed"


def test_bare_years_only_where_they_stand_alone() -> None:
    assert [d.iso for d in find_dates("Oxford: Oxford University Press, 2019), 45")] == ["2019"]
    assert find_dates("it cost $2019 and 2019% more") == []
    assert find_dates("see /2019/ and 12019 and 20190") == []
    assert [d.iso for d in find_dates("Smith (2019a) and (2019b)")] == ["2019", "2019"]  # APA
    assert [d.iso for d in find_dates("No. 3 (2018): 233-50")] == ["2018"]
    assert find_dates("2019", years=False) == []


def test_a_date_range_reads_its_first_day() -> None:
    assert [d.iso for d in find_dates("May 5–7, 2020")] == ["2020-05-05"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # a double issue or a quarter starts with its first month, as a range of days does
        ("Harbour Review 12 (July–August 1961), 4", "1961-07"),
        ("Revue du port, n. 40-41 (juillet-août 1961)", "1961-07"),
        ("Quarterly (Oct.-Dec., 1930): 12", "1930-10"),
        # a work dated by a range of years is complete in its last year
        ("the years 2010-2015", "2015"),
        ("Will of Jane Roe (P.C.C. 1601–02)", "1602"),
        ("the 1886-87 season", "1887"),
    ],
)
def test_ranges_of_months_and_years(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize(
    ("text", "isos"),
    [
        ("Harbour Studies 49(5): 1670- 1683", []),  # volume(issue): pages
        ("Tides 127: 1607, 2001.", ["2001"]),
        ("vol. 21, no 12, p. 1734-1740, 2012", ["2012"]),
        ("Bulletin, v. 90, 34 p. 1963.", ["1963"]),  # a count of pages, then the year
        ("Roe, P. 1999. Tides.", ["1999"]),  # an initial, not "p."
    ],
)
def test_pages_are_no_years(text: str, isos: list[str]) -> None:
    assert [d.iso for d in find_dates(text)] == isos


def test_an_issn_is_no_year() -> None:
    assert find_dates("Harbour Review, ISSN 1618-2154") == []
    assert find_dates("ISSN 1744-113X") == []


def test_an_impossible_date_does_not_leave_its_year() -> None:
    assert find_dates("February 30, 2020") == []


def test_month_names_need_a_real_month() -> None:
    assert [d.iso for d in find_dates("Issue 5, 2020")] == ["2020"]
    assert [d.iso for d in find_dates("Mayday 2020")] == ["2020"]


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://thediplomat.com/2019/08/smart-cities-or-surveillance/", "2019-08"),
        ("https://www.nytimes.com/2020/03/05/world/asia/china.html", "2020-03-05"),
        ("http://eng.sectsco.org/news/20190320/518936.html", "2019-03-20"),
        ("http://www.xinhuanet.com//world/2016-06/24/c_1119108815.htm", "2016-06-24"),
        ("https://www.epochtimes.com/gb/11/7/10/n3311105.htm", "2011-07-10"),
        ("https://example.org/2020-05-05-some-title", "2020-05-05"),
        ("https://www.theguardian.com/world/2019/may/05/water", "2019-05-05"),
        ("http://paper.people.com.cn/rmrb/html/2019/0807/c1002-31280311.html", "2019-08-07"),
        ("http://www.gov.cn/zhengce/content/2020-03/05/content_5487200.htm", "2020-03-05"),
        ("https://www.mfa.example/t20190807_12345.html", "2019-08-07"),
    ],
)
def test_url_path_dates(url: str, iso: str) -> None:
    assert url_path_date(url) == iso


@pytest.mark.parametrize(
    "url",
    [
        "http://xinhua-rss.zhongguowangshi.com/13694/-8243510397293591651/2477527.html",
        "https://rus.azattyq.org/a/30621018.html",
        "http://www.gov.cn/gongbao/shuju/1992/gwyb199201.pdf",
        "http://www.scio.gov.cn/zhzc/8/2/Document/1468523/1468523.htm",
        "https://www.fmprc.gov.cn/mfa_eng/zxxx_662805/t1798492.shtml",
        "https://apnews.com/1ec5143fe4764a1d8ea73ce4a3e2c570",
        "https://example.org/2019/",
        "https://example.org/page?date=2019-08-07",
        "https://2019.example.org/08/07/",
        "https://example.org/2019/13/40/",
        None,
        "",
    ],
)
def test_url_path_dates_are_conservative(url: str | None) -> None:
    assert url_path_date(url) is None


def test_precision_period_and_comparison() -> None:
    assert [precision(x) for x in ("2020", "2020-05", "2020-05-05")] == [1, 2, 3]
    assert to_date("2020-05") == date(2020, 5, 1)
    assert period("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert period("2019") == (date(2019, 1, 1), date(2019, 12, 31))
    assert period("not a date") is None and period(None) is None
    assert truncate("2019-08-07", 2) == "2019-08"
    assert agree("2019-08", "2019-08-07") and agree("2019", "2019-12-31")
    assert not agree("2019-08-07", "2019-08-08")
    assert days_apart("2020-03-01", "2020-02-28") == 2


def test_many_dates_stay_fast() -> None:
    """The parser runs on every note: a long note full of dates is still cheap."""
    import time

    text = "; ".join(f"May {day}, 2020, accessed June {day}, 2021" for day in range(1, 29)) * 20
    start = time.perf_counter()
    found = find_dates(text)
    assert time.perf_counter() - start < 0.5
    assert len(found) == 28 * 2 * 20
    assert sum(d.kind == "accessed" for d in found) == 28 * 20


@pytest.mark.parametrize(("text", "expected"), [
    ("Harbour Reform, 1865 - 1900. Kiel: Nord, 1985.", [("1900", True), ("1985", False)]),
    ("Harbours 1800 – 1875: from the first plans", [("1875", True)]),
    ("Harbours 1865–1900.", [("1900", True)]),
    ("in 1990 - 45 ships sailed", [("1990", False)]),
])
def test_a_range_of_years_spaced_or_not_is_its_last_year(text: str, expected: list) -> None:
    assert [(d.iso, d.years_range) for d in find_dates(text)] == expected
