"""The private-address guard: a document must not make the checker probe its own network.

`guard(url, settings)` returns why a URL must be skipped, or None. Refused: IP literals that
are loopback, private, link-local, unspecified, multicast, reserved or otherwise not global
(IPv4-mapped IPv6 and the legacy IPv4 forms ``127.1`` / ``2130706433`` / ``0x7f.0.0.1``
included), and the names ``localhost``, ``*.localhost``, ``*.local``. When no proxy applies to
the URL the name is resolved (short timeout) and every address is judged; behind a proxy the
proxy resolves names, so only literals and local names are judged. A name that does not
resolve is not refused here: the fetch reports the DNS failure. ``settings.allow_private``
turns the guard off.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlsplit

import requests.utils

from checker.linkcheck.settings import CheckSettings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], Iterable[str]]

RESOLVE_TIMEOUT = 3.0  # seconds
CACHE_SECONDS = 300.0
_LEGACY_IPV4 = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)
_cache: dict[str, tuple[float, str | None]] = {}
_cache_lock = threading.Lock()


def address_reason(ip: IPAddress) -> str | None:
    """Why `ip` is not a public address, or None."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    for test, label in (
        ("is_loopback", "loopback"), ("is_unspecified", "unspecified"),
        ("is_link_local", "link-local"), ("is_multicast", "multicast"),
        ("is_private", "private"), ("is_reserved", "reserved"),
    ):
        if getattr(ip, test):
            return f"{label} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def ip_literal(host: str) -> IPAddress | None:
    """The address `host` names literally (``[::1]``, ``10.0.0.1``, ``127.1``), else None."""
    host = host.strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):  # what getaddrinfo (and so urllib3) would accept
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def local_name_reason(host: str) -> str | None:
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return f"local name {name}"
    if name.endswith(".local") or name == "local":
        return f"local (mDNS) name {name}"
    return None


def proxy_for(url: str, proxies: Mapping[str, str] | None = None) -> str | None:
    """The proxy `requests` would use for `url` (environment, NO_PROXY, then `proxies`)."""
    merged: dict[str, str] = {}
    no_proxy = (proxies or {}).get("no_proxy")
    merged.update(requests.utils.get_environ_proxies(url, no_proxy=no_proxy))
    merged.update({k: v for k, v in (proxies or {}).items() if v})
    return requests.utils.select_proxy(url, merged) or None


def _system_resolve(host: str) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]


def _resolve_with_timeout(host: str, resolve: Resolver, timeout: float) -> list[str] | None:
    """Addresses of `host`; None when resolution failed or took longer than `timeout`."""
    box: list[list[str]] = []

    def run() -> None:
        with contextlib.suppress(OSError, UnicodeError, ValueError):
            box.append(list(resolve(host)))

    thread = threading.Thread(target=run, name="footcheck-resolve", daemon=True)
    thread.start()
    thread.join(timeout)
    return box[0] if box else None


def _resolved_reason(host: str, resolve: Resolver, timeout: float) -> str | None:
    key = host.lower()
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
    addresses = _resolve_with_timeout(host, resolve, timeout)
    if addresses is None:
        return None  # not cached: DNS failures are the fetch's to report
    reason = None
    for text in addresses:
        try:
            why = address_reason(ipaddress.ip_address(text.split("%", 1)[0]))
        except ValueError:
            continue
        if why:
            reason = f"{host} resolves to a {why}"
            break
    with _cache_lock:
        if len(_cache) > 4096:
            _cache.clear()
        _cache[key] = (now + CACHE_SECONDS, reason)
    return reason


def guard(url: str, settings: CheckSettings, proxies: Mapping[str, str] | None = None, *,
          resolve: Resolver = _system_resolve,
          timeout: float = RESOLVE_TIMEOUT) -> str | None:
    """Why `url` must not be fetched (one line), or None when it may be.

    `proxies`: explicit proxies as given to `requests` (the environment is consulted too,
    exactly as `requests` does); `resolve`: ``host -> addresses`` (tests inject one).
    """
    if settings.allow_private:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None  # unparsable: the fetch calls it invalid
    if not host:
        return None
    literal = ip_literal(host)
    if literal is not None:
        why = address_reason(literal)
        return f"{why} (use --allow-private to check it)" if why else None
    why = local_name_reason(host)
    if why:
        return f"{why} (use --allow-private to check it)"
    if proxy_for(url, proxies):
        return None  # the proxy resolves names, not us
    why = _resolved_reason(host, resolve, timeout)
    return f"{why} (use --allow-private to check it)" if why else None


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
