"""url-date-mismatch on small references of our own."""

from __future__ import annotations

import pytest

from checker.model import Document, Footnote, Reference
from checker.rules import url_date_mismatch
from checker.rules.common import RuleContext


def check(url: str, cited: str | None) -> list:
    doc = Document(path="p.md", id="p", text="", footnotes=[
        Footnote(number=4, line=9, text="", references=[Reference(title="T", url=url,
                                                                   date=cited)])])
    return url_date_mismatch.check([doc], RuleContext(severity="warning"))


@pytest.mark.parametrize(("url", "cited"), [
    ("https://thediplomat.com/2019/08/smart-cities/", "2019-08-07"),
    ("https://thediplomat.com/2019/08/smart-cities/", "2019"),
    ("http://eng.sectsco.org/news/20190320/518936.html", "2019"),
    ("http://eng.sectsco.org/news/20190320/518936.html", "2019-03-20"),
    ("http://eng.sectsco.org/news/20190320/518936.html", "2019-03-21"),  # time zones
    ("http://eng.sectsco.org/news/20190320/518936.html", "2019-03-19"),
    ("http://www.xinhuanet.com//world/2016-06/24/c_1119108815.htm", "2016-06-24"),
    ("https://www.epochtimes.com/gb/11/7/10/n3311105.htm", "2011-07-10"),
    ("https://example.com/about/", "2015-01-01"),  # no date in the path
])
def test_agreeing_dates(url: str, cited: str):
    assert check(url, cited) == []


@pytest.mark.parametrize(("url", "cited"), [
    ("https://thediplomat.com/2019/08/smart-cities/", "2020-08-07"),
    ("https://thediplomat.com/2019/08/smart-cities/", "2019-10"),
    ("http://eng.sectsco.org/news/20190320/518936.html", "2019-03-23"),
    ("http://eng.sectsco.org/news/20190320/518936.html", "2018"),
    ("http://www.xinhuanet.com//world/2016-06/24/c_1119108815.htm", "2016-07-24"),
    ("https://www.epochtimes.com/gb/11/7/10/n3311105.htm", "2012-07-10"),
])
def test_disagreeing_dates(url: str, cited: str):
    (finding,) = check(url, cited)
    assert finding.rule == "url-date-mismatch" and finding.footnotes == [4]
    assert finding.line == 9 and cited in finding.message


def test_no_cited_date_is_another_rule():
    assert check("https://thediplomat.com/2019/08/x/", None) == []
