"""Social media posts cited by handle and date, as investigators' reports print them:
``@harbourmaster 4/30/16 Tweet``, ``@roe 11/3/2019 (6:01 a.m. ET) Tweet``. The reference is the
handle as author, the date and the platform; a post cited with its URL is read by the general
reader (``Jane Roe (@roe), Twitter, April 30, 2016, https://...``).
"""

from __future__ import annotations

import re

from checker.lazypattern import compile_lazily
from checker.model import Reference, ReferenceType
from checker.references.patterns import FoundCitation

_POST = compile_lazily(
    r"(?<![\w@])(?P<handle>@\w{1,30}),?\s+(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/"
    r"(?P<year>\d{4}|\d{2})(?:\s*\([^()]{0,30}\))?,?\s+(?P<kind>Tweet|Retweet|Facebook Post|"
    r"Instagram Post|Post)s?\b",
    re.IGNORECASE,
)
_PLATFORMS = {"tweet": "Twitter", "retweet": "Twitter", "facebook post": "Facebook",
              "instagram post": "Instagram"}


def find_social_posts(text: str) -> list[FoundCitation]:
    """Each ``@handle M/D/YY ... Tweet`` in `text`, in order."""
    if "@" not in text or "/" not in text:
        return []
    found = []
    for match in _POST.finditer(text):
        year = int(match.group("year"))
        if year < 100:
            year += 2000 if year < 70 else 1900
        date = f"{year:04d}-{int(match.group('month')):02d}-{int(match.group('day')):02d}"
        found.append(FoundCitation(match.start(), match.end(), Reference(
            authors=[match.group("handle")], date=date,
            container=_PLATFORMS.get(match.group("kind").lower()),
            type=ReferenceType.SOCIAL, raw=match.group(0))))
    return found
