"""missing-url, missing-date and missing-title on small references of our own."""

from __future__ import annotations

from checker.model import Document, Footnote, Reference
from checker.rules import missing_date, missing_title, missing_url
from checker.rules.common import RuleContext

CONTEXT = RuleContext(severity="warning")


def notes_flagged(module, *references: Reference) -> list[int]:
    footnotes = [Footnote(number=i + 1, line=i + 20, text="", references=[r])
                 for i, r in enumerate(references)]
    # a prose note without references is never reported
    footnotes.append(Footnote(number=99, line=99, text="See the discussion above."))
    doc = Document(path="p.md", id="p", text="", footnotes=footnotes)
    return [f.footnotes[0] for f in module.check([doc], CONTEXT)]


def test_missing_url_only_for_online_sources_without_a_link():
    assert notes_flagged(
        missing_url,
        Reference(title="Call Tsender", domain="kaktus.media", date="2020-03-02"),  # 1
        Reference(title="A post", type="social", container="Facebook"),  # 2
        Reference(title="Page", domain="kaktus.media", url="https://kaktus.media/doc/1"),
        Reference(title="Premier Li Peng attended ceremony", container="People's Daily",
                  type="news", date="1994-04-20"),  # print newspaper
        Reference(title="A Book", type="book", container="Hurst", date="2015"),
        Reference(title="Journal article", type="journal", doi="10.1000/1"),
        Reference(title="Irrigation of Turkestan", container="Tashkent", date="1918"),  # web
    ) == [1, 2]


def test_missing_url_names_the_site():
    footnote = Footnote(number=7, line=3, text="", references=[
        Reference(title="Call Tsender", domain="kaktus.media")])
    doc = Document(path="p.md", id="p", text="", footnotes=[footnote])
    (finding,) = missing_url.check([doc], RuleContext(severity="info"))
    assert "kaktus.media" in finding.message and finding.severity == "info"


def test_missing_date():
    assert notes_flagged(
        missing_date,
        Reference(title="Undated report", container="UNESCAP"),  # 1
        Reference(title="Dated", date="2019"),
        Reference(title="Accessed only", accessed="2020-05-05"),  # 3
    ) == [1, 3]


def test_missing_date_suggests_the_url_date():
    footnote = Footnote(number=1, line=3, text="", references=[
        Reference(title="X", url="https://thediplomat.com/2019/08/x/")])
    doc = Document(path="p.md", id="p", text="", footnotes=[footnote])
    (finding,) = missing_date.check([doc], CONTEXT)
    assert "2019-08" in finding.message


def test_missing_title():
    ibid = Reference(url="https://example.org/a")
    ibid.ibid = True
    assert notes_flagged(
        missing_title,
        Reference(url="https://example.org/report.pdf"),  # 1
        Reference(domain="kaktus.media", date="2020-03-02"),  # 2
        Reference(title="Titled", domain="kaktus.media"),
        ibid,
    ) == [1, 2]
