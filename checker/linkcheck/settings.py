"""Every knob of a link check, with its default. Filled from config and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 footcheck/0.1"
)


@dataclass
class CheckSettings:
    user_agent: str = DEFAULT_USER_AGENT
    per_host: int = 2  # concurrent requests to one host
    global_limit: int = 32  # concurrent requests in all
    retries: int = 1  # on 429, 502, 503, 504 and quick connection errors, at the end of the run
    backoff_base: float = 0.5  # seconds; doubled each retry
    retry_after_cap: float = 30.0  # longest Retry-After honoured, seconds
    connect_timeout: float = 10.0
    read_timeout: float = 10.0  # a server silent this long is given up (and not retried)
    deadline: float = 45.0  # total seconds for one attempt at one URL, redirects included
    max_html_bytes: int = 2_000_000  # body read cap (after decompression)
    max_redirects: int = 10
    allow_private: bool = False
    excludes: list[str] = field(default_factory=list)  # regexes on the URL
    check_sites: bool = True  # check the home page of site-only references
    # result store
    cache_path: str | None = None  # None: the user's cache directory
    use_cache: bool = True
    max_age: float = 86400.0  # seconds an ok result is reused
    dead_after: int = 1  # failed runs (on different days) before a link counts as broken
    # archive
    wayback_available_url: str = "https://archive.org/wayback/available"
    cdx_url: str = "https://web.archive.org/cdx/search/cdx"
    wayback_web_url: str = "https://web.archive.org/web"
    archive: bool = True
    doi_resolver: str = "https://doi.org/"  # a cited DOI is checked as <resolver><DOI>
    archive_all: bool = False
    archive_per_minute: float = 24.0
    archive_max_requests: int = 400  # budget for one run
    verify_metadata: bool = True
    recover_urls: bool = True
