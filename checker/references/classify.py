"""A reference's type (news, journal, report, book, chapter, government, web, social) from the
evidence in its fields and text, strongest evidence first:

social      a platform's domain (facebook, twitter/x, vk, telegram, youtube...) or name
chapter     ``in *Book*, ed. ...`` / ``In: ...``
journal     a DOI (not a book's), volume/issue/pages, a journal's name
government  a government domain (.gov, .gov.xx, .gouv.fr, kremlin.ru...) or a ministry,
            state council, embassy... as author or publisher
report      "Report", working paper, policy brief/memo in the title or series; a think tank,
            international organisation or NGO as publisher; a PDF
book        Place: Publisher, a publisher's name, an italic title without outlet, an ISBN
news        a known news outlet or newspaper-like name or domain, or a site cited with a
            title and a day-precise date
web         everything else
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from checker.lazypattern import compile_lazily
from checker.model import Reference, ReferenceType
from checker.references.outlets import (
    is_known_outlet,
    is_news_domain,
    is_news_outlet,
    is_platform,
    is_publisher,
    is_social_domain,
    is_think_tank,
)


@dataclass(slots=True)
class Evidence:
    """What the field reader saw besides the fields themselves."""

    chapter: bool = False
    place_publisher: bool = False
    publisher: str | None = None
    series: bool = False  # "Working Paper No. 12", "Report no. 245"
    journal_hint: bool = False  # a volume after the container, "//" (GOST)
    container_is_italic: bool = False
    italic_title: bool = False
    container_is_publisher: bool = False  # the name read as container publishes the work


_GOVERNMENT_DOMAIN = compile_lazily(
    r"(?:^|\.)(?:gov|mil|gouv|gob|govt|gv|go|admin|gub)\.[a-z]{2}$|\.(?:gov|mil)$|"
    r"(?:^|\.)(?:kremlin\.ru|government\.ru|mid\.ru|mil\.ru|duma\.gov\.ru|akorda\.kz|"
    r"president\.kg|gov\.kz|mfa\.[a-z.]+|mofa\.[a-z.]+|fmprc\.gov\.cn|gov\.cn|gc\.ca|"
    r"canada\.ca|bund\.de|bundesregierung\.de|elysee\.fr|diplomatie\.gouv\.fr|"
    r"europa\.eu|parliament\.uk|gov\.uk|mofcom\.gov\.cn|president\.uz|gov\.uz|prezident\.tj|"
    r"mfa\.tj|turkmenistan\.gov\.tm|whitehouse\.gov|state\.gov|congress\.gov|президент\.рф)$",
    re.IGNORECASE,
)
_GOVERNMENT_WORDS = compile_lazily(
    r"\b(?:ministry|ministries|minister|ministère|ministerio|ministerium|state council|"
    r"government|presidential|president of|office of the president|prime minister|"
    r"parliament|congress|senate|house of representatives|house of commons|duma|"
    r"embassy|consulate|department of|dept\. of|white house|kremlin|state department|"
    r"official gazette|gazette of|federal register|cabinet|secretary of state|"
    r"министерство|правительство|администрация президента|посольство|государственная дума|"
    r"указ|постановление|федеральный закон|law no\.|resolution no\.|decree)\b",
    re.IGNORECASE,
)
_LEGAL_ACT = compile_lazily(
    r"\b(?:law|act|decree|resolution|order|ordinance|regulation|directive|закон|указ|"
    r"постановление|распоряжение|приказ)\b[^.;]{0,80}?(?:\bno\.?|№)\s*[\w/-]*\d"
)
_INSTRUMENTS = (r"agreement|treaty|convention|memorandum of understanding|protocol|charter|"
                r"joint (?:statement|declaration|communiqu[eé])")
# An international instrument named by its own title: "Convention on the Legal Status of..."
INSTRUMENT_NAME = compile_lazily(
    rf"^(?:the\s+)?(?:{_INSTRUMENTS})\s+(?:between|of|on|among|concerning|regarding|for)\s",
    re.IGNORECASE,
)
# The title of an agreement between states or an act of a government
_INSTRUMENT_TITLE = compile_lazily(
    rf"^(?:the\s+)?(?:{_INSTRUMENTS}|decree|law|resolution)\s+"
    r"(?:between|of|on|by|among|concerning|regarding)\b"
    r"[^.;]{0,120}?\b(?:government|republic|kingdom|state|states|federation|ministry|council|"
    r"people's|union|nations)\b",
    re.IGNORECASE,
)
_UN_DOCUMENT = compile_lazily(r"\bresolution\s+\d{2,5}\b|\b[as]/res/\d")
_JOURNAL_NAME = compile_lazily(
    r"\b(?:journal|review|quarterly|studies|annals|bulletin|proceedings|transactions|"
    r"letters|affairs|survey|forum|perspectives|inquiry|research|science|sciences|"
    r"вестник|журнал|известия|вопросы|проблемы|обозрение)\b",
    re.IGNORECASE,
)
# Volume, issue and pages, each pattern behind a cheap substring test (see _volume_issue).
_NUMBER_ISSUE = compile_lazily(r"\b\d{1,4},?\s*no\.\s*\d")
_VOLUME = compile_lazily(r"\bvol\.\s*\d|\bvolume\s+\d")
_VOLUME_PARENS = compile_lazily(
    r"\b\d{1,4}\s?\(\d{1,4}(?:[/–-]\d+)?\)\s*[:,]\s*\d|\(\d{4}\):\s*\d|"
    r"\d{1,4}\s*\(\s*(?:spring|summer|autumn|fall|winter|january|february|march|april|may|"
    r"june|july|august|september|october|november|december)[^)]*\d{4}\)"
)
_GOST_ISSUE = compile_lazily(r"№\s*\d+.{0,20}\bс\.\s*\d|\bт\.\s*\d+")
_ISSUE_PAGES = compile_lazily(r"\bissue\s+\d+.{0,30}\bpp?\.\s*\d")


def _volume_issue(lowered: str) -> bool:
    """Volume/issue/pages as journals print them: ``12, no. 3``, ``vol. 12``, ``12(3): 45``,
    ``(2018): 233``, ``32 (Winter 2009)``, ``№ 3. С. 45``."""
    if "no." in lowered and _NUMBER_ISSUE.search(lowered):
        return True
    if "vol" in lowered and _VOLUME.search(lowered):
        return True
    if ("):" in lowered or "),"in lowered or ") :" in lowered) and _number_paren(lowered) \
            and _VOLUME_PARENS.search(lowered):
        return True
    if ("№" in lowered or "т." in lowered) and _GOST_ISSUE.search(lowered):
        return True
    if "issue" in lowered and _ISSUE_PAGES.search(lowered):
        return True
    # (a URL's "https:" is no volume's colon: look only when there is another colon, and one
    # that pages follow)
    return lowered.count(":") > lowered.count("://") and _PAGES_AFTER_COLON.search(lowered) \
        is not None and bool(_VOLUME_COLON_PAGES.search(lowered))


def _number_paren(lowered: str) -> bool:
    """A cheap look before `_VOLUME_PARENS`: a bracket after a number ("12 (3)", "32 (winter")
    or opening a year and a colon ("(2018):")."""
    position = lowered.find("(")
    while position >= 0:
        before = position - 1
        while before >= 0 and lowered[before].isspace():
            before -= 1
        if before >= 0 and lowered[before].isdigit():
            return True
        if lowered.startswith("):", position + 5) and lowered[position + 1: position + 5].isdigit():
            return True
        position = lowered.find("(", position + 1)
    return False


_REFERENCE_WORK = compile_lazily(r"\b(?:wikipedia|wikimedia|britannica|encyclopa?edia)\b",
                                 re.IGNORECASE)
# "Asia Policy 24: 110-116" (author-date style): a name, the volume, a colon, the pages
_VOLUME_COLON_PAGES = compile_lazily(r"[a-z)]\s+\d{1,4}\s*:\s*\d{1,5}\s*[–—-]\s*\d{1,5}\b")
# A cheap look before it: its part from the colon on, a literal to scan for (in lower-case
# text, `_VOLUME_COLON_PAGES` is tried at almost every character)
_PAGES_AFTER_COLON = compile_lazily(r":\s*\d{1,5}\s*[–—-]\s*\d{1,5}\b")


_REPORT_WORDS = compile_lazily(
    r"\b(?:reports?|working papers?|policy (?:brief|paper|memo)|brief(?:ing)?|white paper|"
    r"discussion paper|occasional paper|research paper|technical paper|issue brief|"
    r"background paper|factsheet|fact sheet|policy memo|memo|analysis|assessment|survey|"
    r"yearbook|outlook|index|доклад|отчет|отчёт|аналитическая записка)\b",
    re.IGNORECASE,
)
_CHAPTER_TEXT = compile_lazily(
    r"(?:\bin\s+\*?[A-Z][^,]{0,150}?,?\s*(?:eds?\.|edited\s+by|ed\.\s+by)|\bin:\s|"
    r"//\s*(?:in|в):?\s)",
    re.IGNORECASE,
)
_BOOK_TEXT = compile_lazily(r"\bisbn\b|\b(?:\d+(?:st|nd|rd|th)|revised|rev\.) ed(?:ition|\.)",
                            re.IGNORECASE)


class _NameKind(NamedTuple):
    platform: bool
    government: bool
    journal: bool
    news: bool
    report: bool
    think_tank: bool
    publisher: bool


@lru_cache(maxsize=8192)
def _name_kind(name: str) -> _NameKind:
    """What an outlet's, publisher's or organisation's name says (cached: names repeat)."""
    if not name:
        return _NameKind(False, False, False, False, False, False, False)
    lowered = name.lower()
    news = is_news_outlet(name)
    journal = bool(_JOURNAL_NAME.search(name)) and not news and (
        lowered.startswith(("journal", "the journal")) or not _NEWS_NAME_HINT.search(lowered)
    )
    return _NameKind(
        platform=is_platform(name),
        government=bool(_GOVERNMENT_WORDS.search(name)),
        journal=journal,
        news=news,
        report=bool(_REPORT_WORDS.search(name)),
        think_tank=is_think_tank(name),
        publisher=is_publisher(name),
    )


_NO_KIND = _NameKind(False, False, False, False, False, False, False)


class _DomainKind(NamedTuple):
    social: bool
    government: bool
    news: bool


@lru_cache(maxsize=8192)
def _domain_kind(domain: str) -> _DomainKind:
    if not domain:
        return _DomainKind(False, False, False)
    return _DomainKind(
        social=is_social_domain(domain),
        government=bool(_GOVERNMENT_DOMAIN.search(domain)),
        news=is_news_domain(domain),
    )


_NEWS_NAME_HINT = compile_lazily(r"\b(?:times|post|daily|news)\b")


def _report_hint(title: str) -> bool:
    """A cheap first look for report words in a lower-case title."""
    return ("report" in title or "paper" in title or "brief" in title or "memo" in title
            or "analys" in title or "assessment" in title or "survey" in title
            or "yearbook" in title or "outlook" in title or "index" in title
            or "fact" in title or "доклад" in title or "отч" in title or "записк" in title)


def classify(reference: Reference, lowered: str, evidence: Evidence | None = None) -> ReferenceType:
    """The type of `reference`; `lowered` is the citation's text in lower case."""
    evidence = evidence or Evidence()
    domain = _domain_kind((reference.domain or "").lower())
    container = reference.container or ""
    container_kind = _name_kind(container)
    authors = reference.authors
    # an organisation (or a lone family name) is written without a comma
    organisation_kind = _name_kind(authors[0]) if authors and "," not in authors[0] \
        else _NO_KIND
    if domain.social or container_kind.platform:
        return ReferenceType.SOCIAL
    if evidence.chapter or (
        " in" in lowered and ("ed." in lowered or "edited" in lowered or "in:" in lowered
                              or "// " in lowered) and _CHAPTER_TEXT.search(lowered)
    ):
        return ReferenceType.CHAPTER
    if reference.doi:
        if "/978-" in reference.doi or "/978" in reference.doi[:12] or (
                evidence.place_publisher and not _volume_issue(lowered)):
            return ReferenceType.BOOK  # an ISBN DOI, or "(Cambridge: CUP, 2006), https://doi.org/..."
        return ReferenceType.JOURNAL
    if domain.government or container_kind.government or organisation_kind.government:
        return ReferenceType.GOVERNMENT
    if (" no" in lowered or "№" in lowered) and _LEGAL_ACT.search(lowered):
        return ReferenceType.GOVERNMENT  # "Law of the Republic of ... No. 123", "Указ ... № 45"
    if "res" in lowered and not container_kind.news and _UN_DOCUMENT.search(lowered):
        return ReferenceType.GOVERNMENT  # "Security Council Resolution 1373 (2001)", "S/RES/2231"
    if reference.title and not evidence.place_publisher and not (
        authors and "," in authors[0]  # a person's book or article about an agreement
    ) and not container_kind.news and (_INSTRUMENT_TITLE.match(reference.title) or (
            not container and not authors and INSTRUMENT_NAME.match(reference.title))):
        # "Agreement between the Government of ... and ...", a treaty
        return ReferenceType.GOVERNMENT
    if evidence.series and not container_kind.journal:
        # "Policy Memo No. 672 (September 2020)" is no volume and season
        return ReferenceType.REPORT
    if evidence.place_publisher and container and container == evidence.publisher:
        return ReferenceType.BOOK  # "(London: J. Murray, 1788), vol. 2": a book's volume
    if _volume_issue(lowered) or (evidence.journal_hint and container_kind.journal):
        return ReferenceType.JOURNAL
    if container_kind.journal and not domain.news and not evidence.place_publisher and (
        container.lower().startswith(("journal", "the journal")) or not reference.domain
    ):
        return ReferenceType.JOURNAL
    title = (reference.title or "").lower()
    if evidence.series or container_kind.report:
        return ReferenceType.REPORT
    if container_kind.news and is_known_outlet(container):
        return ReferenceType.NEWS  # "Chinese business briefing ...", Eurasianet: a news story
    if _report_hint(title) and _REPORT_WORDS.search(title):
        return ReferenceType.REPORT
    if (container_kind.think_tank or organisation_kind.think_tank) and not container_kind.news:
        return ReferenceType.REPORT
    if container and _REFERENCE_WORK.search(container):
        return ReferenceType.WEB  # an encyclopedia entry is no news article, whatever its date
    if container_kind.news and is_known_outlet(container):
        return ReferenceType.NEWS
    if evidence.place_publisher or container_kind.publisher or (
        ("isbn" in lowered or " ed" in lowered) and _BOOK_TEXT.search(lowered)
    ):
        return ReferenceType.BOOK
    if container_kind.news or domain.news:
        return ReferenceType.NEWS
    url = (reference.url or "").lower()
    if url.endswith(".pdf") or ".pdf?" in url:
        return ReferenceType.REPORT
    if evidence.italic_title and not container and not reference.domain:
        return ReferenceType.BOOK
    if evidence.italic_title and not container and not domain.news:
        return ReferenceType.BOOK if not reference.url else ReferenceType.WEB
    publisher_is_author = bool(authors) and container == authors[0]
    if (reference.domain or (container and not publisher_is_author)) and reference.title \
            and reference.date and reference.date.count("-") == 2:
        return ReferenceType.NEWS  # "Title," site.com, May 5, 2020: an article, dated to the day
    return ReferenceType.WEB
