"""Shared fixtures: the loopback "test web" (tests/testweb/), TLS with a trustme CA, a proxy.

Import the classes in a test with ``from testweb import TestWeb, Reply, ForwardProxy``
(pytest puts this folder on sys.path). Helpers may append fixtures below; keep them small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from testweb import ForwardProxy, TestWeb

NETWORK_ENV = (
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
    "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
)


@pytest.fixture(autouse=True)
def _clean_network_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proxy and CA variables of the machine running the tests must not leak into them (a
    CI proxy would otherwise receive our loopback traffic). Tests set them explicitly."""
    for name in NETWORK_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def tls_ca() -> Any:
    """A throwaway certificate authority (trustme.CA)."""
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_bundle(tls_ca: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path to a PEM file holding the test CA: what REQUESTS_CA_BUNDLE should point at."""
    path = tmp_path_factory.mktemp("ca") / "test-ca.pem"
    tls_ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def web() -> Iterator[TestWeb]:
    """A started plain-HTTP TestWeb on 127.0.0.1 (free port)."""
    with TestWeb() as server:
        yield server


@pytest.fixture
def tls_web(tls_ca: Any) -> Iterator[TestWeb]:
    """A started HTTPS TestWeb on 127.0.0.1, its certificate signed by `tls_ca`."""
    with TestWeb(tls=tls_ca) as server:
        yield server


@pytest.fixture
def web_factory() -> Iterator[Callable[..., TestWeb]]:
    """``make(host="127.0.0.2", tls=None, **kw) -> started TestWeb``; all stopped afterwards.
    Several loopback addresses give several distinct "hosts"."""
    started: list[TestWeb] = []

    def make(host: str = "127.0.0.1", tls: Any = None, **kwargs: Any) -> TestWeb:
        server = TestWeb(host=host, tls=tls, **kwargs).start()
        started.append(server)
        return server

    yield make
    for server in reversed(started):
        server.stop()


@pytest.fixture
def forward_proxy() -> Iterator[ForwardProxy]:
    """A started ForwardProxy; set HTTP_PROXY to ``forward_proxy.proxy_url`` to use it."""
    with ForwardProxy() as proxy:
        yield proxy
