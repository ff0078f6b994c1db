"""A reference's type (news, journal, report, book, chapter, government, web, social) from the
evidence in its fields and text."""

from __future__ import annotations

import re

from checker.model import Reference

SOCIAL_DOMAINS = frozenset((
    "facebook.com", "twitter.com", "x.com", "t.me", "telegram.org", "vk.com", "youtube.com",
    "youtu.be", "instagram.com", "linkedin.com", "tiktok.com", "weibo.com", "ok.ru",
    "reddit.com", "mastodon.social", "bsky.app",
))
NEWS_DOMAIN_WORDS = re.compile(
    r"(?:news|times|post|daily|herald|tribune|gazet|journal|press|media|reuters|rferl|"
    r"apnews|bbc|cnn|guardian|xinhua|globaltimes|azattyq|azattyk|tass|interfax|ria|kommersant|"
    r"vedomosti|eurasianet|diplomat|akipress|kabar|inform|tengri|fergana|kun\.uz|uzdaily|"
    r"kaktus|sputnik|aljazeera|bloomberg|ft\.com|wsj|nytimes|washingtonpost|economist|"
    r"scmp|chinadaily|people|voanews|rfa\.org|mk\.ru|avesta|asiaplus)",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"(?:\.gov(?:\.[a-z]{2})?$|\.mil$|\.gouv\.|\.gob\.|kremlin\.ru$|\.gc\.ca$|mfa\.|"
    r"europa\.eu$|un\.org$|\.int$)",
    re.IGNORECASE,
)
_GOVERNMENT_WORDS = re.compile(
    r"\b(?:ministry|state council|government|presidential|parliament|congress|senate|"
    r"embassy|department of|white house|kremlin|gazette|official journal|secretariat)\b",
    re.IGNORECASE,
)
_JOURNAL_WORDS = re.compile(r"\b(?:vol|no|pp?|journal|review|quarterly|studies)\b\.?\s*\d?",
                            re.IGNORECASE)
_JOURNAL_NAME = re.compile(r"\b(?:journal|review|quarterly|studies|bulletin|annals|proceedings)\b",
                           re.IGNORECASE)
_VOLUME_NUMBER = re.compile(r"\b\d{1,4},\s*no\.\s*\d", re.IGNORECASE)
_JOURNAL_NUMBERS = re.compile(r"\d\s?\(\d{1,4}\)|\(\d{4}\):\s?\d")
_CHAPTER = re.compile(r"\bin\s+(?:[A-Z*][^,]{0,80},\s*)?(?:ed\.|eds\.|edited by)|\bin:\s",
                      re.IGNORECASE)
_REPORT = re.compile(
    r"\b(?:report|working paper|policy brief|brief|white paper|discussion paper|occasional paper|"
    r"research paper|technical paper|issue brief|factsheet|fact sheet|memo|study|"
    r"occasional paper|analysis)\b",
    re.IGNORECASE,
)
_REPORT_NUMBER = re.compile(r"\b(?:report|paper|memo|brief|study)\s+no\.?\s*\d", re.IGNORECASE)
_BOOK = re.compile(r"[A-Z][\w .'-]{1,40}:\s*[A-Z][^,;:()]{1,80},\s*(?:1[6-9]|20)\d\d")


def classify(reference: Reference, text: str) -> str:
    domain = (reference.domain or "").lower()
    container = reference.container or ""
    labels = domain.split(".")
    if any(".".join(labels[i:]) in SOCIAL_DOMAINS for i in range(len(labels) - 1)):
        return "social"
    lowered = text.lower()
    if ("in " in lowered or "in:" in lowered) and _CHAPTER.search(text):
        return "chapter"
    if reference.doi:
        return "journal"
    publisher = " ".join([container, *(a for a in reference.authors if "," not in a)])
    if (domain and _GOVERNMENT.search(domain)) or _GOVERNMENT_WORDS.search(publisher):
        return "government"
    if _is_journal(text, container):
        return "journal"
    if (_REPORT.search(reference.title or "") or _REPORT.search(container)
            or _REPORT_NUMBER.search(text)):
        return "report"
    if not domain and ":" in text and _BOOK.search(text):
        return "book"
    if NEWS_DOMAIN_WORDS.search(domain) or NEWS_DOMAIN_WORDS.search(container):
        return "news"
    if reference.url and re.search(r"\.pdf(?:$|\?)", reference.url, re.IGNORECASE):
        return "report"
    if not domain and not reference.url and "*" in text and not reference.container:
        return "book"
    if domain and not reference.url and reference.title and reference.date and (
        reference.date.count("-") == 2
    ):
        # "Title," site.com, May 5, 2020: an article of a site, dated to the day.
        return "news"
    return "web"


def _is_journal(text: str, container: str) -> bool:
    """Volume and issue ("18, no. 59", "vol. 7", "7(1)", "(2009): 271"), pages, or a
    journal's name as the container. A bare "No. 245" is a report's number."""
    if _JOURNAL_NAME.search(container):
        return True
    for match in _JOURNAL_WORDS.finditer(text):
        word = match.group(0).lower()
        if word.startswith(("vol", "pp")):
            return True
        if word.startswith("no") and _VOLUME_NUMBER.search(text):
            return True
    return "(" in text and bool(_JOURNAL_NUMBERS.search(text))
