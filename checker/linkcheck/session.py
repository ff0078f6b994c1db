"""One `requests.Session` per worker: browser-like headers, connection pooling, no retries.

`trust_env` stays True, so ``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY`` and
``REQUESTS_CA_BUNDLE`` work exactly as they do for `requests` (they are read per request by
`Session.request`, which is why `fetch` always goes through it). Retries, redirects and
timeouts are handled by `fetch`, not by urllib3.
"""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

from checker.linkcheck.settings import CheckSettings

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# Only encodings `fetch` inflates itself under a size cap.
ACCEPT_ENCODING = "gzip, deflate"


def make_session(settings: CheckSettings) -> requests.Session:
    session = requests.Session()
    session.headers.update({
        "User-Agent": settings.user_agent,
        "Accept": ACCEPT,
        "Accept-Language": "en-US,en;q=0.9,*;q=0.5",
        "Accept-Encoding": ACCEPT_ENCODING,
    })
    # A worker sends one request at a time, but keeps idle connections to many hosts.
    adapter = HTTPAdapter(pool_connections=64, pool_maxsize=max(1, settings.per_host),
                          max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.max_redirects = settings.max_redirects
    return session
