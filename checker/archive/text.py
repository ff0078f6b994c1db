"""Text folding and title similarity shared by `verify` (titles) and `recover` (URL slugs).

Cited titles of non-Latin sources are often transliterated by hand, each author in their own
system: ``Kitaia``/``Kitaya``, ``grajdanami``/``grazhdanami``, ``kitaycev``/``kitaitsev``,
``pomoshch``/``pomoshchh``/``zaschity``. `fold` turns both sides into one canonical Latin
form: Unicode -> ASCII with unidecode (Cyrillic comes out in a BGN/PCGN-like scheme), lower
case, then the usual variants collapsed to one spelling (the table below), punctuation and
apostrophes (soft signs) dropped, doubled letters made single. Applied to both sides, so it
only ever makes two spellings of one word meet; English text is folded the same way on both
sides and compares as before.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz

from checker.transliterate import to_ascii

# Order matters: longer clusters first.
_VARIANTS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("shh", "sh"), ("sch", "sh"),  # щ
    ("dzh", "j"), ("dj", "j"), ("zh", "j"),  # ж, дж
    ("kh", "h"), ("x", "h"),  # х
    ("tz", "c"), ("ts", "c"),  # ц
    ("y", "i"),  # ы, й; also makes ya/ia, yu/iu, yo/io one
)
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02b9\u02ba\u02bc\u0060\u00b4\"]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1+")
_SPLIT_TITLE = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|:|/|\u00bb|\u00ab|\u2022|\u00b7)\s+")


def fold(text: str | None) -> str:
    """`text` in the canonical Latin form used for every comparison (may be ``""``)."""
    if not text:
        return ""
    out = to_ascii(text).lower()
    out = _APOSTROPHES.sub("", out)
    out = _NON_ALNUM.sub(" ", out)
    for variant, canonical in _VARIANTS:
        out = out.replace(variant, canonical)
    out = _REPEATS.sub(r"\1", out)
    return " ".join(out.split())


def title_variants(title: str | None) -> list[str]:
    """`title` and its parts around site-name separators (`` | ``, `` - ``, `` — ``, ...).

    ``"Two cases confirmed | Reuters"`` gives the whole title, ``"Two cases confirmed"``
    and ``"Reuters"``; the comparison takes the best, so a site name before or after the
    article title does not count against it.
    """
    if not title or not title.strip():
        return []
    title = " ".join(title.split())
    parts = [p.strip() for p in _SPLIT_TITLE.split(title) if p.strip()]
    variants = [title]
    if len(parts) > 1:
        variants.extend(parts)
        # Drop only the last or the first part (the site name), keep the rest joined.
        variants.append(" ".join(parts[:-1]))
        variants.append(" ".join(parts[1:]))
    seen: dict[str, None] = {}
    for variant in variants:
        seen.setdefault(variant, None)
    return list(seen)


_DOMAINISH = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")


def strip_site_name(title: str | None) -> str | None:
    """`title` without the site name that pages put after (or before) the headline.

    ``"X | Reuters"`` -> ``"X"``; ``"kaktus.media - X"`` -> ``"X"``. The last part is the
    site name unless the first one looks like one (a domain name, or a few words before a
    long headline).
    """
    if not title or not title.strip():
        return None
    title = " ".join(title.split())
    separators = list(_SPLIT_TITLE.finditer(title))
    if not separators:
        return title
    first = title[: separators[0].start()].strip()
    last = title[separators[-1].end():].strip()
    if _DOMAINISH.match(first) or (len(first.split()) <= 3 and len(last.split()) > 6):
        return title[separators[0].end():].strip() or title
    return title[: separators[-1].start()].strip() or title


def similarity(a: str | None, b: str | None, *, min_share: float = 0.5) -> float:
    """0-100: how alike two titles (or a title and a slug) are, after `fold`.

    The best of: plain ratio, token-sort ratio (word order), and, when the shorter text
    has at least three words and is at least `min_share` of the longer one's length, partial
    ratio (one text truncated, as slugs and long titles are) and token-set ratio (extra
    words on one side). The guard keeps a one-word title from matching any page that
    contains the word.
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 100.0
    scores = [fuzz.ratio(fa, fb), fuzz.token_sort_ratio(fa, fb)]
    short, long = sorted((fa, fb), key=len)
    if len(short.split()) >= 3 and len(short) >= min_share * len(long):
        scores.append(fuzz.partial_ratio(short, long))
        scores.append(fuzz.token_set_ratio(fa, fb))
    return float(max(scores))


def best_similarity(cited: str | None, candidates: list[str]) -> tuple[float, str | None]:
    """The best `similarity` of `cited` to any of `candidates` (and their `title_variants`)."""
    best: tuple[float, str | None] = (0.0, None)
    for candidate in candidates:
        for variant in title_variants(candidate):
            score = similarity(cited, variant)
            if score > best[0]:
                best = (score, candidate)
    return best


def missing_words(cited: str | None, page: str | None, *, min_length: int = 4) -> list[str]:
    """Words of `cited` (folded, at least `min_length` letters) with no counterpart in `page`.

    A counterpart is a word at least 70% alike (transliteration noise: ``jinhai`` /
    ``junhai``) or one that starts with it (a word split by PDF conversion: ``osno`` of
    ``osnovatelem``). Two headlines that differ in one name (``... v Kazakhstane`` /
    ``... v Uzbekistane``) score high as wholes; this names the word that differs.
    """
    page_words = fold(page).split()
    missing = []
    for word in fold(cited).split():
        if len(word) < min_length or word.isdigit():
            continue
        if not any(other.startswith(word) or (word.startswith(other) and len(other) >= 4)
                   or fuzz.ratio(word, other) >= 70 for other in page_words):
            missing.append(word)
    return missing


_SLUG_NOISE = re.compile(r"^(?:index|default|amp|html?|php|aspx?|jsp|shtml|print|news|doc)$")
_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)


def slug_text(url: str) -> str:
    """The words of a URL's path (and query values), for comparison with a title.

    Percent-escapes decoded (Cyrillic slugs), file extensions, pure numbers (article ids,
    dates) and boilerplate words (``index``, ``amp``, ``news``) dropped; the rest joined
    with spaces. ``https://site/doc/406137_call_centr_na_rynke.html`` gives
    ``"call centr na rynke"``.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    path = unquote(parts.path)
    segments = [_EXTENSION.sub("", s) for s in path.split("/") if s]
    # Query values only (``?id=123&title=some-words``); a key alone (``?lenta``) is kept too.
    values = [pair.partition("=")[2] or pair for pair in unquote(parts.query).split("&")]
    words: list[str] = []
    for piece in [*segments, *values]:
        for word in re.split(r"[\s\-_+.,:;!?()\[\]'\"~]+", piece):
            if not word or word.isdigit() or _SLUG_NOISE.match(word.lower()):
                continue
            words.append(word)
    return " ".join(words)


# Common words that say nothing about which article a URL holds.
_COMMON_WORDS = frozenset((
    "about", "after", "also", "amid", "among", "been", "before", "being", "between", "could",
    "does", "during", "from", "have", "into", "more", "most", "much", "over", "says", "said",
    "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "under", "upon", "were", "what", "when", "where", "which", "while",
    "will", "with", "would", "your",
))


def url_search_words(title: str | None, count: int = 3) -> tuple[str, ...]:
    """The `count` longest telling words of `title` (four letters or more, transliterated,
    lower case): what an article's URL slug most likely holds. ``"Alibaba to create 100
    million jobs, most of which in SCO countries"`` -> ``("countries", "alibaba",
    "million")``."""
    words = re.findall(r"[a-z0-9]+", to_ascii(title or "").lower())
    telling = {w: None for w in words if len(w) >= 4 and not w.isdigit()
               and w not in _COMMON_WORDS}
    return tuple(sorted(telling, key=len, reverse=True)[:count])
