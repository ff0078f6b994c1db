"""The link check's `requests.Session`: browser-like headers, connection pooling, no retries.

``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE`` and ``~/.netrc`` work
exactly as they do for `requests`: `trust_env` stays True, and they are read per request as
`Session.request` reads them (`fetch` sends through `send`, which does what
`Session.request` does), whenever there is a proxy variable or a netrc file. When there is
neither (`environment_is_empty`, on Linux, where `requests` reads nothing else) it is turned
off, and a CA bundle variable is given to the session once, as `requests` would have read
it: the same behaviour without walking the environment and looking for a netrc file on
every request. A CA bundle given as a path (``REQUESTS_CA_BUNDLE``) is looked at once, not
on every request, and an answer is acknowledged at once (`LinkAdapter`). Retries, redirects
and timeouts are handled by `fetch`, not by urllib3.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest
from requests.utils import get_netrc_auth
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from checker.linkcheck.settings import CheckSettings

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# Only encodings `fetch` inflates itself under a size cap.
ACCEPT_ENCODING = "gzip, deflate"


def environment_is_empty() -> bool:
    """Nothing `requests` would read with ``trust_env`` but a CA bundle variable: no
    ``*_proxy`` variable (any case), no netrc file; on Linux (elsewhere the system's proxy
    settings count too, so the answer is False)."""
    if not sys.platform.startswith("linux"):
        return False
    env = os.environ
    if any(name.lower().endswith("_proxy") for name in env) or "NETRC" in env:
        return False
    return not any(os.path.exists(os.path.expanduser(f"~/{name}"))
                   for name in (".netrc", "_netrc"))


def environment_ca_bundle() -> str | None:
    """The CA bundle `requests` takes from the environment, in its order."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None


def quick_ack(sock: socket.socket | None) -> None:
    """Acknowledge what comes on `sock` at once, not up to 40 ms later (Linux's delayed
    acknowledgement, which a request sent soon after the last answer turns on): a server
    that writes an answer's headers and body apart and waits for the first to be
    acknowledged before it sends the second (Nagle's algorithm: Python's http.server, for
    one) otherwise holds the body 40 ms. Nothing where the system has no such switch."""
    option = getattr(socket, "TCP_QUICKACK", None)
    if option is not None and sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, option, 1)


class _QuickAck:
    """A connection (mixed in before urllib3's) whose answer is acknowledged at once."""

    sock: socket.socket | None

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        quick_ack(self.sock)
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _QuickAckHTTPConnection(_QuickAck, HTTPConnection):
    pass


class _QuickAckHTTPSConnection(_QuickAck, HTTPSConnection):
    pass


class _QuickAckHTTPPool(HTTPConnectionPool):
    ConnectionCls = _QuickAckHTTPConnection


class _QuickAckHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _QuickAckHTTPSConnection


class LinkAdapter(HTTPAdapter):
    """requests' adapter with two changes that keep the answers and save time:

    - a CA bundle path (``verify``) is asked once whether it is a folder (``ca_cert_dir``)
      or a file (``ca_certs``): `requests` asks the file system on every request, and each
      such call hands the interpreter's lock to another worker. The connection pool's key
      is the one `requests` builds;
    - its direct connections acknowledge an answer at once (`quick_ack`), before reading
      it (urllib3's documented way: the pool manager's ``pool_classes_by_scheme``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ca_kinds: dict[str, str] = {}

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _QuickAckHTTPPool,
                                                   "https": _QuickAckHTTPSPool}

    def build_connection_pool_key_attributes(self, request: Any, verify: Any,
                                             cert: Any = None) -> tuple[dict, dict]:
        if not isinstance(verify, str):
            return super().build_connection_pool_key_attributes(request, verify, cert)
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, True, cert)
        kind = self._ca_kinds.get(verify)
        if kind is None:
            kind = self._ca_kinds[verify] = "ca_cert_dir" if os.path.isdir(verify) \
                else "ca_certs"
        pool_kwargs[kind] = verify
        return host_params, pool_kwargs


def make_session(settings: CheckSettings) -> requests.Session:
    session = requests.Session()
    if environment_is_empty():
        session.trust_env = False
        session.verify = environment_ca_bundle() or True  # what trust_env would have read
    session.headers.update({
        "User-Agent": settings.user_agent,
        "Accept": ACCEPT,
        "Accept-Language": "en-US,en;q=0.9,*;q=0.5",
        "Accept-Encoding": ACCEPT_ENCODING,
    })
    # The workers share it: one pool per host (up to 256 kept), as many connections as
    # the host may have requests at once.
    adapter = LinkAdapter(pool_connections=256, pool_maxsize=max(1, settings.per_host),
                          max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.max_redirects = settings.max_redirects
    return session


def prepare(session: requests.Session, method: str, url: str) -> PreparedRequest:
    """The request `session.request(method, url)` would send: the session's headers,
    cookies and hooks, its netrc login when it trusts the environment; made without what
    `Session.prepare_request` does for arguments we never pass (a copy of the session's
    cookie jar and a merge of every setting, on every request)."""
    auth = get_netrc_auth(url) if session.trust_env and not session.auth else None
    request = PreparedRequest()
    # No parameters (the session has none): an empty dict would be checked against requests'
    # runtime protocols to add nothing to the URL.
    request.prepare(method=method.upper(), url=url, headers=session.headers,
                    params=session.params or None, auth=auth or session.auth,
                    cookies=session.cookies, hooks=session.hooks)
    return request


def send(session: requests.Session, method: str, url: str, timeout: Any) -> requests.Response:
    """``session.request(method, url, allow_redirects=False, stream=True, timeout=timeout)``:
    the same request (`prepare`), sent with the environment's proxies and CA bundle when the
    session trusts the environment, as `Session.request` sends it."""
    request = prepare(session, method, url)
    settings = session.merge_environment_settings(request.url, {}, True, None, None)
    return session.send(request, allow_redirects=False, timeout=timeout, **settings)
