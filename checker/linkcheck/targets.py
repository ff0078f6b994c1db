"""Documents -> the distinct links to check, each once however many footnotes cite it.

Two kinds of target:

* a URL cited by at least one reference; identity is the normalised URL (scheme and host
  lower-cased, default port dropped, empty path made ``/``, fragment dropped), so
  ``HTTP://Example.com:80/a#x`` and ``http://example.com/a`` are one target;
* the home page of a site named by references that give only a site (``domain`` set, ``url``
  None, e.g. ``kaktus.media, March 2, 2020``): ``https://<domain>/`` with ``site_only=True``.
  Redirects (to ``www.`` or ``http``) are left to the fetcher. Each such reference is kept in
  ``works`` with its title and date, so that the archive stage can look for the article.

Each target carries every citation (document, footnote), the cited works (title, date,
accessed) and the cited date used for the Wayback lookup: the earliest date of a reference
citing it, else the earliest date of a document citing it.

A target whose URL matches one of ``settings.excludes`` (regexes, ``re.search``) is kept, with
``skip_reason`` set; the runner reports it ``skipped`` without a request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit

from checker.errors import ConfigError, ConfigProblem
from checker.linkcheck.settings import CheckSettings
from checker.model import Citation, Document, Reference

DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SITE_CHECKS_OFF = "site home pages are not checked (check_sites is off)"
_BARE_HOST = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[:/?#]|$)")


@dataclass
class CitedWork:
    """One reference citing a target: what the archive stage compares the page with."""

    document: str
    footnote: int
    title: str | None = None
    date: str | None = None  # the reference's own date (ISO, cited precision)
    accessed: str | None = None
    document_date: str | None = None


@dataclass
class LinkTarget:
    url: str  # normalised; what is checked and reported
    citations: list[Citation] = field(default_factory=list)
    works: list[CitedWork] = field(default_factory=list)
    cited_date: str | None = None  # ISO; for the closest Wayback snapshot
    site_only: bool = False  # the home page of a site named without a URL
    domain: str | None = None  # the site, for site-only targets
    skip_reason: str | None = None  # excluded by configuration

    @property
    def titles(self) -> list[str]:
        """The distinct cited titles, in citation order."""
        seen: dict[str, None] = {}
        for work in self.works:
            if work.title and work.title.strip():
                seen.setdefault(work.title.strip(), None)
        return list(seen)

    @property
    def host_key(self) -> str:
        return host_key(self.url)

    @property
    def wants_page(self) -> bool:
        """Whether anyone uses the page's title and date: a cited work gives a title or a
        date to compare with them. A site's home page (site-only) is never compared."""
        return not self.site_only and any(work.title or work.date for work in self.works)


@lru_cache(maxsize=65536)  # asked again for every link by the repairs and the reports
def normalise_url(url: str) -> str:
    """The identity of a URL: same page, same string.

    Only changes that cannot change the page: scheme and host case, default port, empty path,
    fragment. Anything unparsable is returned stripped, unchanged (the fetcher calls it
    invalid). A scheme-less ``example.com/page`` gets ``http://``.
    """
    url = url.strip()
    if not _SCHEME.match(url) and _BARE_HOST.match(url):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url.split("#", 1)[0] if scheme in DEFAULT_PORTS else url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def host_key(url: str) -> str:
    """``hostname[:port]`` of a URL (port only when not the scheme's default).

    The unit of the per-host limit. Unparsable URLs share the key ``""``.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        return f"{host}:{port}"
    return host


def site_url(domain: str) -> str | None:
    """``https://<domain>/`` for a cited site name, or None when it is not a host name."""
    domain = domain.strip().strip("/").lower()
    domain = re.sub(r"^[a-z]+://", "", domain).split("/", 1)[0]
    if not re.fullmatch(r"[a-z0-9\u00a1-\uffff-]+(\.[a-z0-9\u00a1-\uffff-]+)+(:\d+)?", domain):
        return None
    return normalise_url(f"https://{domain}/")


def compile_excludes(patterns: list[str]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise ConfigError(
                ConfigProblem.INVALID, f"exclude pattern {pattern!r} is not a valid regex: {error}"
            ) from None
    return compiled


def _earliest(dates: list[str | None]) -> str | None:
    """Earliest ISO date; with equal prefixes the less precise one wins (``2020`` < ``2020-03``)."""
    present = sorted(d for d in dates if d)
    return present[0] if present else None


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def doi_url(doi: str, resolver: str) -> str | None:
    """``10.1234/x`` (or ``doi:10.1234/x``, ``https://doi.org/10.1234/x``) -> the resolver's
    URL for it; None when it is not a DOI."""
    doi = _DOI_PREFIX.sub("", doi.strip()).strip().rstrip(".")
    if not re.fullmatch(r"10\.\d{4,9}/\S+", doi):
        return None
    return normalise_url(resolver.rstrip("/") + "/" + quote(doi, safe="/:;()._-<>[]"))


# A link target that is not a web address: listed (skipped or invalid, with the reason), never
# requested. Each needs something right after its colon, so prose ("JavaScript: The Good
# Parts") is not taken for one.
_NOT_WEB = re.compile(
    r"(?<![\w.+-])(?:mailto:[^\s<>()\[\]\"',;]+@[^\s<>()\[\]\"',;]*[\w]|tel:\+?[\d().\s-]*\d|"
    r"javascript:[^\s<>\]\"']+|file://[^\s<>()\[\]\"']+)",
    re.IGNORECASE,
)


def not_web_targets(text: str) -> list[str]:
    """The ``mailto:``, ``tel:``, ``javascript:`` and ``file://`` targets in a note's text
    (the reference parser reads web addresses only), trailing punctuation left out."""
    found: list[str] = []
    for match in _NOT_WEB.finditer(text or ""):
        target = match.group(0).rstrip(".,;:")
        while target.endswith(")") and target.count(")") > target.count("("):
            target = target[:-1].rstrip(".,;:")  # the bracket around it, not part of it
        if target not in found:
            found.append(target)
    return found


def collect_targets(documents: list[Document], settings: CheckSettings) -> list[LinkTarget]:
    """Every distinct URL and cited site of `documents`, in order of first citation, then the
    notes' link targets that are not web addresses (`not_web_targets`)."""
    excludes = compile_excludes(settings.excludes)
    targets: dict[str, LinkTarget] = {}

    def add(url: str, doc: Document, number: int, ref: Reference, site_only: bool,
            part: int | None = None) -> None:
        target = targets.get(url)
        if target is None:
            target = targets[url] = LinkTarget(url=url, site_only=site_only)
            if site_only:
                target.domain = host_key(url)
        citation = Citation(document=doc.path, footnote=number, part=part)
        if citation not in target.citations:
            target.citations.append(citation)
        target.works.append(
            CitedWork(document=doc.path, footnote=number, title=ref.title, date=ref.date,
                      accessed=ref.accessed, document_date=doc.date)
        )
        # A URL also cited in full is a page of its own, not only a stand-in for articles.
        target.site_only = target.site_only and site_only

    for doc in documents:
        for footnote in doc.footnotes:
            for ref in footnote.references:
                if ref.url and ref.url.strip():
                    add(normalise_url(ref.url), doc, footnote.number, ref, site_only=False,
                        part=footnote.part)
                elif ref.domain and (home := site_url(ref.domain)):
                    add(home, doc, footnote.number, ref, site_only=True, part=footnote.part)
                if ref.doi and (resolved := doi_url(ref.doi, settings.doi_resolver)) \
                        and resolved != normalise_url(ref.url or ""):
                    add(resolved, doc, footnote.number, ref, site_only=False,
                        part=footnote.part)

        for footnote in doc.footnotes:
            for other in not_web_targets(footnote.text):
                target = targets.setdefault(other, LinkTarget(url=other))
                citation = Citation(document=doc.path, footnote=footnote.number,
                                    part=footnote.part)
                if citation not in target.citations:
                    target.citations.append(citation)

    for target in targets.values():
        target.cited_date = _earliest([w.date for w in target.works]) or _earliest(
            [w.document_date for w in target.works]
        )
        matched = next((p.pattern for p in excludes if p.search(target.url)), None)
        if matched is not None:
            target.skip_reason = f"excluded by pattern {matched!r}"
        elif target.site_only and not settings.check_sites:
            target.skip_reason = SITE_CHECKS_OFF
    return list(targets.values())
