"""Find URLs in footnote text and repair what PDF conversion did to them.

PDF-to-text conversion breaks URLs in a few recurring ways: a space where the line wrapped
(``http://eng.sectsco.org/ news/...``, ``http://eng.sectsco. org/...``, ``List%20 of%20...``),
a hyphen added at the wrap (``thediplo-mat.com``), markdown escapes (``report\\_Kazakhstan``)
and sentence punctuation glued to the end. Each repair is recorded as one line, so the audit
can report it (`url-malformed`) and the printed form is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Top-level domains we accept for a site named without a scheme ("kaktus.media"). Any
# two-letter country code is accepted too. Keeps "U.S." and "e.g." from being sites.
_TLD_WORDS = (
    "com org net edu gov mil int info biz name pro aero asia cat coop jobs mobi museum tel "
    "travel xxx app dev io ai news media online site website blog tech today world global "
    "press agency center centre institute foundation network email live life space store "
    "tv fm am club group company digital solutions international report reviews wiki xyz "
    "top eu academy expert science studio systems city moscow"
)
GENERIC_TLDS = frozenset(_TLD_WORDS.split())
_HOST_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?:{_HOST_LABEL}\.)+[a-z][a-z0-9-]*[a-z0-9]$", re.IGNORECASE)
_DOMAIN_TOKEN = re.compile(rf"(?<![\w@/.-])((?:{_HOST_LABEL}\.)+[a-z]{{2,24}})(?![\w-]|\.\w)",
                           re.IGNORECASE)

_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((\s*(?:https?|ftp)://[^)\s]+)\)", re.IGNORECASE)
_START = re.compile(r"(?:https?://|ftp://|(?<![\w@/.])www\.)", re.IGNORECASE)
_DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s\"<>]+)",
                  re.IGNORECASE)
_URL_CHARS = re.compile(r"[^\s<>\"“”«»]+")
# A token that continues a URL broken by a space: path-like, no capital start.
_CONTINUATION = re.compile(r"^(?:[a-z0-9_~%-]*[/%=?&_.]|%)[^\s<>\"“”]*$")
_TLD_CONTINUATION = re.compile(r"^[a-z]{2,24}(?:[/:]|$)[^\s<>\"“”]*", re.IGNORECASE)
_TRAILING = ".,;:!?'\"”’»)]}*"


@dataclass
class UrlMatch:
    url: str  # repaired
    printed: str  # as printed in the text
    start: int
    end: int
    repairs: list[str] = field(default_factory=list)
    link_text: str | None = None  # for markdown links: the text shown


def is_valid_hostname(host: str) -> bool:
    host = host.rstrip(".")
    return len(host) <= 253 and bool(_HOSTNAME.match(host))


def looks_like_domain(token: str) -> bool:
    """A site named without a scheme: ``kaktus.media``, ``Reuters.com``, ``en.kabar.kg``."""
    token = token.strip().rstrip(".").lower()
    if token.startswith("www."):
        token = token[4:]
    if not is_valid_hostname(token) or "." not in token:
        return False
    tld = token.rsplit(".", 1)[1]
    return tld in GENERIC_TLDS or (len(tld) == 2 and tld.isalpha())


def domain_of(url_or_host: str | None) -> str | None:
    """Lower-case host of a URL or host name, without ``www.`` and port; None if not a host.

    ``www.`` is dropped so that a site cited as ``state.gov`` and a URL on ``www.state.gov``
    name the same domain.
    """
    if not url_or_host:
        return None
    text = url_or_host.strip()
    if "://" in text:
        text = text.split("://", 1)[1]
    for separator in "/?#":
        text = text.split(separator, 1)[0]
    host = text.rsplit("@", 1)[-1]
    host = host.split(":", 1)[0].rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    return host if is_valid_hostname(host) else None


def find_domains(text: str) -> list[tuple[str, int, int]]:
    """Site names written without a scheme, outside URLs: (token, start, end)."""
    return [
        (m.group(1), m.start(1), m.end(1))
        for m in _DOMAIN_TOKEN.finditer(text)
        if looks_like_domain(m.group(1))
    ]


def _strip_trailing(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _extend(text: str, start: int) -> tuple[str, int, list[str]]:
    """The URL starting at `start`, joined across spaces left by line wraps."""
    repairs: list[str] = []
    match = _URL_CHARS.match(text, start)
    url = match.group(0) if match else ""
    end = start + len(url)
    while end < len(text) and text[end] == " ":
        next_match = _URL_CHARS.match(text, end + 1)
        if not next_match:
            break
        token = next_match.group(0)
        core = _strip_trailing(url)
        token_core = _strip_trailing(token)
        in_host = "/" not in re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE)
        path_cut = core.endswith(("/", "%20", "%", "-", "_", "=", "&", "?")) and bool(
            _CONTINUATION.match(token) and re.search(r"[/%=_]|\.\w", token_core)
        )
        host_cut = in_host and url.endswith(".") and bool(_TLD_CONTINUATION.match(token))
        if path_cut or host_cut:
            repairs.append(f"joined a space inside the URL ({core[-12:]!r} + {token[:12]!r})")
            url = url + token
            end = next_match.end()
            continue
        break
    return url, end, repairs


def _dehyphenate_host(url: str, evidence: str) -> tuple[str, str | None]:
    """Remove a line-wrap hyphen from the host when the joined name is attested in
    `evidence` (the note's other words, e.g. the outlet "The Diplomat" for thediplo-mat.com)."""
    match = re.match(r"^([a-z]+://)([^/?#]+)", url, re.IGNORECASE)
    if not match or "-" not in match.group(2):
        return url, None
    host = match.group(2)
    squeezed = re.sub(r"[^a-z0-9]", "", evidence.lower())
    labels = host.split(".")
    for index, label in enumerate(labels):
        if "-" not in label:
            continue
        joined = label.replace("-", "")
        if len(joined) >= 5 and joined in squeezed and label.lower() not in evidence.lower():
            labels[index] = joined
            new_host = ".".join(labels)
            return url.replace(host, new_host, 1), (
                f"removed line-wrap hyphen: {host} -> {new_host}"
            )
    return url, None


def find_urls(text: str, evidence: str = "") -> list[UrlMatch]:
    """Every URL in `text`, repaired. `evidence` is extra text (the rest of the document)
    that may attest a host name split by a line-wrap hyphen."""
    found: list[UrlMatch] = []
    if "://" not in text and "www." not in text.lower():
        return found
    covered: list[tuple[int, int]] = []
    for link in _MD_LINK.finditer(text):
        url = link.group(2).strip()
        found.append(UrlMatch(url=url, printed=url, start=link.start(), end=link.end(),
                              link_text=link.group(1).strip()))
        covered.append((link.start(), link.end()))
    for start_match in _START.finditer(text):
        start = start_match.start()
        if any(s <= start < e for s, e in covered):
            continue
        _, end, repairs = _extend(text, start)
        raw = text[start:end]
        printed = _strip_trailing(raw)
        url = printed
        if "\\" in url:
            url = re.sub(r"\\([_&%#$~*\[\]()])", r"\1", url)
            repairs.append("unescaped markdown backslashes (\\_)")
        url = url.replace(" ", "")
        url = _strip_trailing(url)
        url, hyphen = _dehyphenate_host(url, text.replace(printed, " ") + " " + evidence)
        if hyphen:
            repairs.append(hyphen)
        if url.lower().startswith("www."):
            url = "http://" + url
        found.append(UrlMatch(url=url, printed=printed, start=start, end=start + len(raw),
                              repairs=repairs))
        covered.append((start, start + len(raw)))
    found.sort(key=lambda m: m.start)
    return found


def find_doi(text: str) -> str | None:
    match = _DOI.search(text)
    if not match:
        return None
    return _strip_trailing(match.group(1).replace("\\_", "_"))
