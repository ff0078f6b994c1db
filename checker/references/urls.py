"""Find URLs in footnote text and repair what PDF conversion did to them.

PDF-to-text conversion breaks URLs in a few recurring ways: a space where the line wrapped
(``http://eng.sectsco.org/ news/...``, ``http://eng.sectsco. org/...``, ``List%20 of%20...``),
a hyphen added at the wrap (``thediplo-mat.com``), markdown escapes (``report\\_Kazakhstan``)
and sentence punctuation glued to the end. Each repair is recorded as one human-readable line,
so the audit can report it (`url-malformed`), and the printed form is kept.

A line-wrap hyphen is removed only on evidence: the joined name is written elsewhere (the
note's own words such as the outlet "The Diplomat", or the rest of the document passed as
`evidence`), the hyphen sat right where the line broke, or the joined host is a well-known
site. A hyphen that is part of the real name (``xinhua-rss.zhongguowangshi.com``) stays.

Domains: `domain_of` gives the lower-case host WITHOUT a leading ``www.`` (and without port
or credentials), so that a site cited as ``state.gov`` and a URL on ``www.state.gov`` name the
same domain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

from checker.lazypattern import compile_lazily
from checker.references.patterns import split_words

# Top-level domains accepted for a site named without a scheme ("kaktus.media"), besides the
# two-letter country codes below. Keeps "U.S." and "e.g." from being sites.
_TLD_WORDS = (
    "com org net edu gov mil int info biz name pro aero asia cat coop jobs mobi museum tel "
    "travel xxx app dev io ai news media online site website blog tech today world global "
    "press agency center centre institute foundation network email live life space store "
    "tv fm am club group company digital solutions international report reviews wiki xyz "
    "top eu academy expert science studio systems city moscow ngo ong law legal tips watch "
    "zone page link one plus health care energy finance capital fund investments money "
    "bank travel review community education school university college events"
)
_CC_TLDS = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo "
    "br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do "
    "dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu "
    "gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr "
    "kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt "
    "mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps "
    "pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz "
    "tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf "
    "ws ye yt za zm zw рф рус бел укр қаз срб мкд"
)
GENERIC_TLDS = frozenset(_TLD_WORDS.split())
COUNTRY_TLDS = frozenset(_CC_TLDS.split())
# A one-letter name before the TLD is real only for a few sites.
_SHORT_SITES = frozenset(("t.me", "x.com", "g.co", "t.co", "j.mp", "v.ht"))

# Well-known sites, for the line-wrap-hyphen heuristic when the note gives no other evidence.
KNOWN_DOMAINS = frozenset(split_words(
    "thediplomat.com nytimes.com washingtonpost.com theguardian.com reuters.com apnews.com "
    "bbc.com bbc.co.uk cnn.com ft.com wsj.com economist.com bloomberg.com aljazeera.com "
    "rferl.org eurasianet.org foreignpolicy.com foreignaffairs.com politico.com "
    "theatlantic.com newyorker.com scmp.com globaltimes.cn chinadaily.com.cn xinhuanet.com "
    "news.cn people.com.cn gov.cn fmprc.gov.cn tass.com tass.ru ria.ru interfax.ru "
    "kommersant.ru vedomosti.ru rbc.ru meduza.io novayagazeta.ru themoscowtimes.com "
    "kremlin.ru mid.ru carnegieendowment.org carnegie.ru brookings.edu csis.org rand.org "
    "chathamhouse.org crisisgroup.org cfr.org atlanticcouncil.org hrw.org amnesty.org "
    "freedomhouse.org worldbank.org imf.org un.org unescap.org undp.org who.int oecd.org "
    "adb.org europa.eu state.gov whitehouse.gov congress.gov treasury.gov defense.gov "
    "akipress.com kaktus.media 24.kg kabar.kg inform.kz tengrinews.kz kun.uz gazeta.uz "
    "fergana.news asiaplustj.info avesta.tj eastasiaforum.org opendemocracy.net thepaper.cn "
    "caixinglobal.com sixthtone.com nikkei.com asia.nikkei.com japantimes.co.jp voanews.com "
    "rfa.org dw.com france24.com lemonde.fr spiegel.de elpais.com wikipedia.org youtube.com "
    "twitter.com facebook.com telegram.org vk.com sectsco.org eng.sectsco.org jamestown.org "
    "ponarseurasia.org cacianalyst.org sipri.org iiss.org ecfr.eu merics.org "
    "lowyinstitute.org nbr.org wilsoncenter.org piie.com cgdev.org aiddata.org doi.org "
    "jstor.org springer.com tandfonline.com sciencedirect.com wiley.com cambridge.org oup.com "
    "academic.oup.com "
))

_HOSTNAME = compile_lazily(
    r"^(?:(?:[^\W_]|[^\W_](?:[^\W_]|-){0,61}[^\W_])\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})$"
)
_DOMAIN_TOKEN = compile_lazily(
    r"(?<![\w@/.:-])((?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,24})(?![\w-]|\.[^\W_])"
)

# "[text](url)", "[text](url "title")"; the text may hold one pair of brackets ("[Title
# [Updated] | Site](url)"), the URL pairs of parentheses, and the scheme may be left to the
# page ("(//books.google.co.uk/...)": https is added)
_MD_LINK = compile_lazily(
    r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,500})\]"
    r"\(\s*<?((?:(?:https?|ftp):)?//[^)\s>]*(?:\([^)\s]*\)[^)\s>]*)*)>?"
    r"(?:\s+\"[^\"]*\")?\s*\)",
    re.IGNORECASE,
)
# A reStructuredText embedded link: ``Link text <https://...>`_`` (named) or ``__``
# (anonymous), the text may be empty (```<https://...>`_``)
_RST_LINK = compile_lazily(
    r"`(?P<text>[^`<>\n]{0,300}?)\s*<(?P<url>(?:https?|ftp)://[^<>`\s]+)>`_{1,2}(?!\w)",
    re.IGNORECASE,
)
_START = compile_lazily(r"(?:https?|ftp)://|(?<![\w@/.:-])www\.", re.IGNORECASE)  # a URL's start
# A TLD followed by a path: where a URL without scheme or "www." may end its host.
_TLD_SLASH = compile_lazily(r"\.[a-z]{2,24}/(?=[^\s/])", re.IGNORECASE)
_DOI_TEXT = compile_lazily(
    r"(?<![\w/.])(?:doi:?\s*|DOI:?\s*)(10\.\d{4,9}/[^\s\"<>“”«»]+)", re.IGNORECASE
)
_DOI_URL = compile_lazily(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/.+)$", re.IGNORECASE)
# A URL runs to a space, a quote or an angle bracket, and to a square bracket that opens
# another URL ("https://a.org/x[https://perma.cc/AB12]": an archived copy beside it, Bluebook)
# (runs of plain characters matched at once, not one repetition of the group per character)
_URL_CHARS = compile_lazily(r"(?:[^\s<>\"“”«»\[]+|\[(?!https?://|www\.))+")
_SCHEME = compile_lazily(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_USUAL_SCHEMES = ("https://", "http://")  # what most URLs open with: `_SCHEME` not asked
_HOSTISH = compile_lazily(r"^[^\W_][\w-]*(?:\.[^\W_][\w-]*)*(?=[/:?#]|$)")
_MD_ESCAPE = compile_lazily(r"\\([\\_&%#$~*\[\]()!+.=-])")
_NOT_ALNUM = compile_lazily(r"[\W_]+")
_ESCAPED = compile_lazily(r"\\[^\sA-Za-z0-9]")
_TRAILING = ".,;:!?'\"”’»)]}*>"
_TRAILING_TUPLE = tuple(_TRAILING)
_PATH_SYMBOLS = frozenset("/.%=_&?#")
_BREAK_ENDINGS = ("/", "-", "_", ".", "=", "&", "?", "%", "#", "+")
_MAX_JOINS = 6


@dataclass(slots=True)
class UrlMatch:
    url: str  # repaired
    printed: str  # as printed in the text
    start: int = 0
    end: int = 0
    repairs: list[str] = field(default_factory=list)
    # A URL valid as printed is never altered: repairs it may need are only suggested,
    # (repaired URL, evidence), for the link check to decide.
    candidates: list[tuple[str, str]] = field(default_factory=list)
    link_text: str | None = None  # for markdown links: the text shown
    doi: str | None = None  # for DOIs: the DOI itself


@lru_cache(maxsize=8192)
def is_valid_hostname(host: str) -> bool:
    """A syntactically valid host name with a letter TLD (IDN letters allowed)."""
    host = host.rstrip(".")
    return 0 < len(host) <= 253 and bool(_HOSTNAME.match(host))


@lru_cache(maxsize=8192)
def looks_like_domain(token: str) -> bool:
    """A site named without a scheme: ``kaktus.media``, ``Reuters.com``, ``en.kabar.kg``;
    not ``U.S.``, ``e.g.`` or ``No.``."""
    token = token.strip().rstrip(".").lower()
    if token.startswith("www."):
        token = token[4:]
    if "." not in token or not is_valid_hostname(token):
        return False
    name, _, tld = token.rpartition(".")
    if not (tld in GENERIC_TLDS or tld in COUNTRY_TLDS):
        return False
    label = name.rpartition(".")[2]
    return len(label) >= 2 or token in _SHORT_SITES


@lru_cache(maxsize=4096)  # a note's URL is asked about more than once, a site's in many notes
def domain_of(url_or_host: str | None) -> str | None:
    """Lower-case host of a URL or host name, without ``www.``, port and credentials; None
    when there is no valid host."""
    if not url_or_host:
        return None
    text = url_or_host.strip()
    scheme = text.find("://")
    if scheme >= 0:
        text = text[scheme + 3:]
    for separator in "/?#":
        index = text.find(separator)
        if index >= 0:
            text = text[:index]
    host = text.rpartition("@")[2].partition(":")[0].rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    return host if is_valid_hostname(host) else None


def find_domains(text: str) -> list[tuple[str, int, int]]:
    """Site names written without a scheme, outside URLs: (token, start, end)."""
    if "." not in text:
        return []
    found = []
    position = 0
    for token in text.split():
        start = text.find(token, position)
        position = start + len(token)
        if "." not in token[1:-1] or "/" in token or "@" in token:
            continue
        for match in _DOMAIN_TOKEN.finditer(token):
            if looks_like_domain(match.group(1)):
                found.append((match.group(1), start + match.start(1), start + match.end(1)))
    return found


def strip_trailing(url: str) -> str:
    """Sentence punctuation glued to a URL's end; a closing bracket stays when it closes one
    opened inside the URL (``.../Foo_(bar)``)."""
    while url and url[-1] in _TRAILING:
        last = url[-1]
        if last == ")" and url.count("(") >= url.count(")"):
            break
        if last == "]" and url.count("[") >= url.count("]"):
            break
        url = url[:-1]
    return url


def _host_part(url: str) -> str:
    scheme = url.find("://")
    start = scheme + 3 if scheme >= 0 else 0
    end = len(url)
    for separator in "/?#":
        index = url.find(separator, start, end)
        if index >= 0:
            end = index
    return url[start:end]


def _in_host(url: str) -> bool:
    rest = _SCHEME.sub("", url, count=1)
    return not any(separator in rest for separator in "/?#")


def _path_like(token: str) -> bool:
    """A token that continues a URL's path, not a word of the sentence after it."""
    core = strip_trailing(token)
    if not core or core[0] in "([{":
        return False
    if not any(ch.isalnum() for ch in core):
        return False  # a dash or dots between words ("https://site.org/ - consulted")
    if core[0] in "/._-?&=%#":
        return True
    inner = core[:-1]
    if any(ch in _PATH_SYMBOLS for ch in inner):
        return True
    if "-" in inner and not core[0].isupper():
        return True  # a slug: us-china-sco-idUSKBN18Z0Z3
    has_digit = any(ch.isdigit() for ch in core)
    has_alpha = any(ch.isalpha() for ch in core)
    return has_digit and has_alpha and len(core) >= 6


def _join_reason(url: str, token: str) -> str | None:
    """Why `url` and the next `token` (separated by a space) are one URL, or None."""
    if url.endswith("://"):
        return "host" if _HOSTISH.match(strip_trailing(token)) else None
    if _START.match(token):
        return None  # the next URL
    if _in_host(url):
        core = strip_trailing(token)
        if url.endswith((".", "-")):
            if not _HOSTISH.match(core):
                return None
            host_so_far = _host_part(url).rstrip(".-")
            complete = "." in host_so_far and _has_tld(host_so_far)
            if complete and not (url.endswith("-") or ("/" in core and core.islower())):
                return None  # "http://example.com. It ...": the sentence went on
            if _has_tld(_host_part(url + core)):
                return "host-hyphen" if url.endswith("-") else "host"
            return None
        if core.startswith(".") and _HOSTISH.match(core[1:]):
            return "host"
        if "/" in core and _HOSTISH.match(core) and not _has_tld(_host_part(url)) \
                and _has_tld(_host_part(url + core)):
            return "host"  # "https://thedi plomat.com/2021/...": a space inside the host
        if core.startswith("/") and len(core) > 1:
            return "path"
        return None
    if url.endswith(_BREAK_ENDINGS) or re.search(r"%[0-9A-Fa-f]?$|%20$", url):
        if _path_like(token) or (url.endswith(("-", "_")) and token[:1].islower()):
            return "path-hyphen" if url.endswith("-") else "path"
        return None
    core = strip_trailing(token)
    if core[:1] in ("/", ".", "_", "?", "&", "=", "%", "#") and len(core) > 1:
        return "path"
    return None


def _has_tld(host: str) -> bool:
    tld = host.rpartition(".")[2].lower()
    return tld in GENERIC_TLDS or tld in COUNTRY_TLDS


def _extend(text: str, start: int) -> tuple[str, int, list[str], list[tuple[str, str]]]:
    """The URL starting at `start`, joined across spaces left by line wraps.

    Returns (raw text of the URL with its spaces, end offset, repairs, hyphen breaks), where
    a hyphen break is (text before, text after) a hyphen that ended a line.
    """
    repairs: list[str] = []
    breaks: list[tuple[str, str]] = []
    match = _URL_CHARS.match(text, start)
    url = match.group(0) if match else ""
    end = start + len(url)
    joined = url
    length = len(text)
    if end >= length or not text[end].isspace():
        return url, end, repairs, breaks  # the common case: nothing to join
    for _ in range(_MAX_JOINS):
        if end >= length or not text[end].isspace():
            break
        gap_end = end
        while gap_end < length and text[gap_end].isspace() and gap_end - end < 3:
            gap_end += 1
        next_match = _URL_CHARS.match(text, gap_end)
        if not next_match:
            break
        token = next_match.group(0)
        if joined.endswith(_TRAILING_TUPLE) and not joined.endswith((".", "/", ")")):
            break  # "http://x.org/a, next words": the comma ended the URL
        reason = _join_reason(joined, token)
        if reason is None:
            break
        if reason.endswith("hyphen"):
            breaks.append((joined, token))
        repairs.append(
            f"joined a space inside the URL: ...{joined[-16:]} + {strip_trailing(token)[:16]}..."
        )
        joined += token
        end = next_match.end()
    return text[start:end], end, repairs, breaks


def _known_site(host: str | None) -> bool:
    """Is `host` a well-known site or one of its subdomains?"""
    if not host:
        return False
    labels = host.split(".")
    return any(".".join(labels[i:]) in KNOWN_DOMAINS for i in range(len(labels) - 1))


def _squeeze(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _dehyphenate(url: str, evidence: str, breaks: list[tuple[str, str]]
                 ) -> tuple[str, list[str], list[tuple[str, str]]]:
    """Remove line-wrap hyphens from the host (and from path words) on evidence.

    Only a hyphen that ended a printed line (the URL was printed broken, so invalid as
    printed) is removed. A hyphen inside a host printed whole on one line is kept, as
    ``bureau.news-desk.org`` must be even in a note naming "News Desk": when the same
    evidence suggests a wrap artefact, the hyphenless URL is returned as a candidate,
    (URL, evidence), for the link check to decide. Returns (url, repairs, candidates)."""
    repairs: list[str] = []
    candidates: list[tuple[str, str]] = []
    host = _host_part(url)
    if "-" in host:
        labels = host.split(".")
        squeezed: str | None = None
        lowered = evidence.lower()
        at_break = {before.rstrip("-").rpartition(".")[2].rpartition("/")[2].lower()
                    for before, _ in breaks}
        for index, label in enumerate(labels):
            if "-" not in label or label.startswith("xn--"):
                continue
            joined = label.replace("-", "")
            candidate = ".".join([*labels[:index], joined, *labels[index + 1:]])
            if squeezed is None:
                squeezed = _squeeze(evidence)
            hyphen_written = label.lower() in lowered
            reason = None
            if hyphen_written:
                continue
            if len(joined) >= 5 and joined.lower() in squeezed:
                reason = "the joined name is written in the note"
            elif any(label.lower().startswith(part + "-") for part in at_break if part):
                reason = "the hyphen ended a line"
            elif _known_site(domain_of(candidate)):
                reason = "a well-known site"
            if not reason:
                continue
            if any(label.lower().startswith(part + "-") for part in at_break if part):
                labels[index] = joined
            else:
                candidates.append((url.replace(host, candidate, 1),
                                   f"{reason} ({joined}); printed whole as {label}"))
        new_host = ".".join(labels)
        if new_host != host:
            url = url.replace(host, new_host, 1)
            repairs.append(f"removed line-wrap hyphen: {host} -> {new_host}")
    # A path word split at a line end ("surveil- lance"): joined when the note writes it whole.
    for before, after in breaks:
        if _in_host(before):
            continue
        head = re.search(r"([^\W\d_]+)-$", before)
        tail = re.match(r"[^\W\d_]+", after)
        if not head or not tail:
            continue
        word = head.group(1) + tail.group(0)
        hyphenated = f"{head.group(1)}-{tail.group(0)}"
        if len(word) >= 6 and re.search(rf"\b{re.escape(word)}\b", evidence, re.IGNORECASE) \
                and hyphenated.lower() not in evidence.lower() and hyphenated in url:
            url = url.replace(hyphenated, word, 1)
            repairs.append(f"removed line-wrap hyphen: {hyphenated} -> {word}")
    return url, repairs, candidates


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


# A wiki's external link "[URL label]" whose closing bracket a converter percent-encoded
# into the URL: "[http://site.de/page.html%5D-" (and what followed it, glued on)
_ENCODED_CLOSING_BRACKET = compile_lazily(r"%5[Dd][-–—.,;:]*$")


def _unencoded_bracket(url: str, repairs: list[str]) -> str:
    """`url`, printed right after a ``[``, without the ``%5D`` that is that bracket's pair
    (evidence: the ``[`` before it, and no ``%5B`` in the URL for it to close)."""
    found = _ENCODED_CLOSING_BRACKET.search(url)
    if found is None or "%5b" in url.lower():
        return url
    repairs.append(f"removed the link's closing bracket, percent-encoded: {url[found.start():]}")
    return url[:found.start()]


def _unescape(url: str, repairs: list[str]) -> str:
    if "\\" not in url:
        return url
    cleaned = _MD_ESCAPE.sub(_first_group, url)
    if cleaned != url:
        escaped = sorted(set(_ESCAPED.findall(url)))
        repairs.append(f"unescaped {' '.join(escaped)}" if escaped else "unescaped backslashes")
    return cleaned


def _url_starts(text: str, lowered: str) -> list[int]:
    """Where URLs start: a scheme (http, https, ftp) before "://", or "www." not glued to a
    word or path. (String search: a regex with a lookbehind costs more on every note.)"""
    starts: list[int] = []
    index = text.find("://")
    while index >= 0:
        for scheme in ("https", "http", "ftp"):
            begin = index - len(scheme)
            if begin >= 0 and lowered.startswith(scheme, begin) and (
                begin == 0 or not text[begin - 1].isalpha()
            ):
                starts.append(begin)
                break
        index = text.find("://", index + 3)
    index = lowered.find("www.")
    while index >= 0:
        if index == 0 or not (text[index - 1].isalnum() or text[index - 1] in "@/.:-_"):
            starts.append(index)
        index = lowered.find("www.", index + 4)
    starts.sort()
    return starts


class _Spans:
    """Parts of a text already read as URLs: disjoint, sorted intervals, so that asking
    whether a position is covered costs a bisection (a note of 10,000 URLs stays linear)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        index = bisect_right(self.starts, start)
        if index and self.ends[index - 1] >= start:  # touches the one before: merge
            index -= 1
            start = self.starts[index]
        last = index
        while last < len(self.starts) and self.starts[last] <= end:
            end = max(end, self.ends[last])
            last += 1
        self.starts[index:last] = [start]
        self.ends[index:last] = [end]

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


def has_labelled_link(text: str) -> bool:
    """A markdown or reST link (``[text](URL)``): one that `find_urls` reads with its
    `link_text`."""
    return ("](" in text and _MD_LINK.search(text) is not None) or (
        ">`_" in text and _RST_LINK.search(text) is not None)


def find_urls(text: str, evidence: str = "") -> list[UrlMatch]:
    """Every URL (and DOI) in `text`, left to right, each repaired with its repairs listed.

    `evidence` is extra text (the rest of the document) that may attest a host name split by
    a line-wrap hyphen. Handles markdown links ``[site](http://site)``, reST links
    (Title <http://...> in backquotes, an underscore after), ``<http://...>``,
    ``www.example.com`` and ``example.com/path`` without a scheme (``http://`` and
    ``https://`` are added respectively), ``doi:10...`` (-> ``https://doi.org/10...``).
    """
    lowered = text.lower()
    has_scheme = "://" in text
    has_www = "www." in lowered
    has_doi = "10." in text and "doi" in lowered
    has_path = "/" in text and "." in text
    if not (has_scheme or has_www or has_doi or has_path):
        return []
    found: list[UrlMatch] = []
    spans = _Spans()
    if "](" in text:
        for link in _MD_LINK.finditer(text):
            repairs: list[str] = []
            url = _unescape(link.group(2), repairs)
            if url.startswith("//"):
                url = "https:" + url
            found.append(UrlMatch(url=url, printed=link.group(2), start=link.start(),
                                  end=link.end(), repairs=repairs,
                                  link_text=link.group(1).strip()))
            spans.add(link.start(), link.end())
    if ">`_" in text:
        for link in _RST_LINK.finditer(text):
            found.append(UrlMatch(url=link.group("url"), printed=link.group("url"),
                                  start=link.start(), end=link.end(),
                                  link_text=link.group("text").strip()))
            spans.add(link.start(), link.end())
    if has_scheme or has_www:
        for start in _url_starts(text, lowered):
            if spans.covers(start):
                continue
            found.append(_read_url(text, start, evidence))
            spans.add(start, found[-1].end)
    if has_doi and lowered.count("doi") > lowered.count("doi.org"):
        for doi in _DOI_TEXT.finditer(text):
            if spans.covers(doi.start()):
                continue
            value = _unescape(strip_trailing(doi.group(1)), [])
            printed = strip_trailing(doi.group(0))
            found.append(UrlMatch(url=f"https://doi.org/{value}", printed=printed,
                                  start=doi.start(), end=doi.start() + len(printed), doi=value))
            spans.add(doi.start(), doi.end())
    slashes_outside = 0
    if has_path:  # a slash outside the URLs read: a site named without a scheme may be there
        slashes_outside = text.count("/")
        for span_start, span_end in zip(spans.starts, spans.ends, strict=True):
            slashes_outside -= text.count("/", span_start, span_end)
    if slashes_outside > 0:
        for tld in _TLD_SLASH.finditer(text):
            if spans.covers(tld.start()):
                continue
            host_start = tld.start()
            while host_start > 0 and (text[host_start - 1].isalnum()
                                      or text[host_start - 1] in ".-"):
                host_start -= 1
            if spans.covers(host_start) or (
                host_start > 0 and text[host_start - 1] in "@/:%\\_"
            ):
                continue
            if not looks_like_domain(text[host_start:tld.end() - 1]):
                continue
            match = _read_url(text, host_start, evidence, scheme="https://")
            found.append(match)
            spans.add(match.start, match.end)
    for match in found:
        if "?" in match.url:
            unwrapped = unwrap_redirect(match.url)
            if unwrapped != match.url:
                match.repairs.append(f"unwrapped the redirect through {domain_of(match.url)}")
                match.url = unwrapped
        if match.doi is None and "doi.org/" in match.url:
            doi_url = _DOI_URL.match(match.url)
            if doi_url:
                match.doi = doi_url.group(1)
    found.sort(key=lambda m: m.start)
    return found


def _read_url(text: str, start: int, evidence: str, scheme: str = "http://") -> UrlMatch:
    raw, _, repairs, breaks = _extend(text, start)
    printed = strip_trailing(raw)
    url = printed
    if " " in url or "\n" in url or "\t" in url or "\u00a0" in url:
        url = "".join(url.split())
    if url is not printed or "\\" in url:  # (as printed, it is stripped already)
        url = strip_trailing(_unescape(url, repairs))
    if start and text[start - 1] == "[" and "%5" in url:
        url = _unencoded_bracket(url, repairs)
    if breaks or ("-" in url and "-" in _host_part(url)):
        before = text[max(0, start - 400): start]
        after = text[start + len(raw): start + len(raw) + 200]
        url, hyphen_repairs, candidates = _dehyphenate(
            url, f"{before} {after} {evidence}", breaks
        )
        repairs.extend(hyphen_repairs)
    else:
        candidates = []
    if not (url.startswith(_USUAL_SCHEMES) or _SCHEME.match(url)):
        url = scheme + url
        candidates = [(scheme + found, why) for found, why in candidates]
    return UrlMatch(url=url, printed=printed, start=start, end=start + len(printed),
                    repairs=repairs, candidates=candidates)


_DEFAULT_PORTS = {"http": "80", "https": "443"}
# A URL of the plain shape: scheme, an ASCII host (no user, port or brackets), a path of no
# spaces or controls, no query; its host and path are what `urlsplit` makes of it.
_PLAIN_URL = compile_lazily(
    r"[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9._-]+)(/[^?#\s\x00-\x1f]*)?(?:#.*)?", re.DOTALL)


def url_identity(url: str) -> str | None:
    """The URL as an identity of the page it names: without scheme, ``www.``, default port,
    fragment, trailing slash and ``utm_*`` parameters. None for a site's home page (it
    identifies no work) or for something that is not a web URL."""
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    if plain := _PLAIN_URL.fullmatch(text):  # most URLs: no need of urlsplit
        host, path = plain.groups()
        host = host.lower().rstrip(".").removeprefix("www.")
        path = path.rstrip("/") if path else ""
        return f"{host}{path}" if host and path else None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    if not host:
        return None
    if port is not None and str(port) != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith("utm_")]
    ) if parts.query else ""
    if not path and not query:
        return None
    return f"{host}{path}" + (f"?{query}" if query else "")


# Link wrappers that exports and mail clients put around a link: host -> query parameter
_REDIRECTORS = {
    "google.com": "q", "www.google.com": "q", "l.facebook.com": "u", "lm.facebook.com": "u",
    "l.messenger.com": "u", "l.instagram.com": "u", "away.vk.com": "to", "vk.com": "to",
    "slack-redir.net": "url", "t.umblr.com": "z",
}
_SAFELINKS = ".safelinks.protection.outlook.com"


def unwrap_redirect(url: str) -> str:
    """The link a wrapper points to: a Google Docs export's ``google.com/url?q=<link>``,
    Outlook's safe links, Facebook's ``l.php?u=<link>``; any other URL unchanged."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    name = _REDIRECTORS.get(host) or ("url" if host.endswith(_SAFELINKS) else None)
    if name is None or (host.endswith("google.com") and parts.path != "/url") or (
            host == "vk.com" and parts.path != "/away.php"):
        return url
    target = parse_qs(parts.query).get(name, [""])[0]
    return target if target.lower().startswith(("http://", "https://")) else url


def find_doi(text: str) -> str | None:
    """The first DOI written in `text` (``doi:10...``, ``https://doi.org/10...``)."""
    for match in find_urls(text):
        if match.doi:
            return match.doi
    return None
