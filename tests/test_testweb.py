"""The test web itself: real sockets, the behaviours do what they say, stop() is bounded."""

from __future__ import annotations

import gzip
import http.client
import socket
import threading
import time
import zlib

import pytest
import requests
from testweb import PROXY_TITLE, ForwardProxy, Reply, TestWeb, refused_port, refused_ports


def test_page_route_query_and_recording(web: TestWeb) -> None:
    web.page("/a", "Hello title", published="2020-03-02T10:00:00Z", body_text="text")
    seen = []
    web.route("/echo", lambda req: seen.append(req) or Reply(201, {"X-M": req.method}, b"e"))
    response = requests.get(web.url("/a"), timeout=5)
    assert response.status_code == 200
    assert "<title>Hello title</title>" in response.text
    assert 'property="og:title" content="Hello title"' in response.text
    assert 'article:published_time" content="2020-03-02T10:00:00Z"' in response.text
    response = requests.post(web.url("/echo?x=1&y=two"), data=b"payload",
                             headers={"X-Test": "yes"}, timeout=5)
    assert response.status_code == 201 and response.headers["X-M"] == "POST"
    req = seen[0]
    assert req.path == "/echo" and req.query == {"x": "1", "y": "two"}
    assert req.body == b"payload" and req.headers.get("x-test") == "yes"
    assert web.hits("/echo") == 1 and web.hits("/echo?x=1&y=two") == 1
    assert web.hits("/a", method="GET") == 1 and web.hits("/a", method="HEAD") == 0
    method, path, _headers, when = web.requests[0]
    assert (method, path) == ("GET", "/a") and when > 0
    assert requests.get(web.url("/nothing"), timeout=5).status_code == 404
    web.reset_stats()
    assert web.requests == [] and web.hits("/a") == 0


def test_keep_alive_reuses_connection(web: TestWeb) -> None:
    web.page("/k", "k")
    conn = http.client.HTTPConnection(web.address, web.port, timeout=5)
    for _ in range(3):
        conn.request("GET", "/k")
        assert conn.getresponse().read().startswith(b"<!DOCTYPE")
    conn.request("HEAD", "/k")
    response = conn.getresponse()
    assert response.status == 200 and response.read() == b""
    conn.close()
    assert web.hits("/k") == 4


def test_several_loopback_hosts(web_factory) -> None:
    one, two = web_factory("127.0.0.1"), web_factory("127.0.0.2")
    one.page("/", "one")
    two.page("/", "two")
    assert one.host.startswith("127.0.0.1:") and two.host.startswith("127.0.0.2:")
    assert "<title>two</title>" in requests.get(two.url("/"), timeout=5).text
    assert one.hits("/") == 0 and two.hits("/") == 1


def test_redirects_sequence_and_retry_after(web: TestWeb) -> None:
    web.page("/final", "Final")
    web.redirect_chain("/start", 3, "/final")
    response = requests.get(web.url("/start"), timeout=5)
    assert response.url == web.url("/final") and len(response.history) == 3
    web.redirect_loop("/loop")
    with pytest.raises(requests.TooManyRedirects):
        requests.get(web.url("/loop"), timeout=5)
    web.sequence("/seq", [Reply(503), Reply(503), Reply(200, body=b"ok")])
    codes = [requests.get(web.url("/seq"), timeout=5).status_code for _ in range(4)]
    assert codes == [503, 503, 200, 200]
    web.retry_after("/ra", 7)
    first = requests.get(web.url("/ra"), timeout=5)
    assert first.status_code == 429 and first.headers["Retry-After"] == "7"
    assert requests.get(web.url("/ra"), timeout=5).status_code == 200


def test_special_behaviours(web: TestWeb) -> None:
    web.head_not_allowed("/h")
    assert requests.head(web.url("/h"), timeout=5).status_code == 405
    assert requests.get(web.url("/h"), timeout=5).status_code == 200
    web.challenge("/c")
    response = requests.get(web.url("/c"), timeout=5)
    assert response.status_code == 403 and response.headers["cf-mitigated"] == "challenge"
    web.soft404("/s")
    response = requests.get(web.url("/s"), timeout=5)
    assert response.status_code == 200 and "Page not found" in response.text
    web.status("/gone", 410)
    assert requests.get(web.url("/gone"), timeout=5).status_code == 410


def test_reset_is_a_connection_error(web: TestWeb) -> None:
    web.reset("/r")
    with pytest.raises(requests.ConnectionError):
        requests.get(web.url("/r"), timeout=5)


def test_hang_and_stop_is_bounded() -> None:
    web = TestWeb().start()
    web.hang("/slow", 60)
    errors = []

    def client() -> None:
        try:
            requests.get(web.url("/slow"), timeout=30)
        except requests.RequestException as error:
            errors.append(error)

    thread = threading.Thread(target=client)
    thread.start()
    deadline = time.monotonic() + 5
    while web.hits("/slow") == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    web.stop()
    thread.join(5)
    assert time.monotonic() - started < 3
    assert not thread.is_alive() and errors  # the client saw the connection end
    assert not [e for e in web.errors if "still running" in e]


def test_hang_after_headers_times_out_on_read(web: TestWeb) -> None:
    web.hang("/stall", 30, after_headers=True)
    response = requests.get(web.url("/stall"), timeout=(2, 0.3), stream=True)
    assert response.status_code == 200
    with pytest.raises(requests.ConnectionError):  # urllib3 read timeout while streaming
        for _ in response.iter_content(1024):
            pass


def test_huge_is_streamed_and_gzip_bomb_is_small(web: TestWeb) -> None:
    web.huge("/big", 50_000_000)
    response = requests.get(web.url("/big"), timeout=5, stream=True)
    assert "Content-Length" not in response.headers
    got = 0
    for block in response.iter_content(65536):
        got += len(block)
        if got > 1_000_000:
            break
    response.close()
    time.sleep(0.1)
    assert web.bytes_sent("/big") < 50_000_000
    web.gzip_bomb("/bomb", 20_000_000)
    raw = requests.get(web.url("/bomb"), timeout=5, stream=True)
    compressed = raw.raw.read(decode_content=False)
    assert raw.headers["Content-Encoding"] == "gzip" and len(compressed) < 100_000
    inflater = zlib.decompressobj(31)
    assert len(inflater.decompress(compressed, 1000)) == 1000
    assert gzip.decompress(compressed)[:6] == b"<html>"


def test_tls_with_trustme_ca(tls_web: TestWeb, ca_bundle: str) -> None:
    tls_web.page("/t", "Secure")
    assert tls_web.base_url.startswith("https://127.0.0.1:")
    assert requests.get(tls_web.url("/t"), verify=ca_bundle, timeout=5).status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(tls_web.url("/t"), timeout=5)


def test_max_in_flight(web: TestWeb) -> None:
    web.page("/slow", "slow", delay=0.3)
    threads = [threading.Thread(target=requests.get, args=(web.url("/slow"),),
                                kwargs={"timeout": 5}) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert web.max_in_flight == 3


def test_forward_proxy_answers_and_forwards(forward_proxy: ForwardProxy, web: TestWeb) -> None:
    proxies = {"http": forward_proxy.proxy_url}
    response = requests.get("http://paper.example/page", proxies=proxies, timeout=5)
    assert response.status_code == 200 and PROXY_TITLE in response.text
    assert forward_proxy.urls == ["http://paper.example/page"]
    web.page("/x", "Forwarded")
    forward_proxy.map("mapped.example", web)
    response = requests.get("http://mapped.example/x?q=1", proxies=proxies, timeout=5)
    assert "<title>Forwarded</title>" in response.text and web.hits("/x?q=1") == 1
    response = requests.get(web.url("/x"), proxies=proxies, timeout=5)  # loopback literal
    assert response.headers["X-Proxy"] == "testweb" and web.hits("/x") == 2


def test_forward_proxy_tunnels_https(forward_proxy: ForwardProxy, tls_ca, ca_bundle) -> None:
    with TestWeb(tls=tls_ca, names=["secure.example"]) as secure:
        secure.page("/s", "Tunnelled")
        forward_proxy.map("secure.example", secure)
        response = requests.get(f"https://secure.example:{secure.port}/s", verify=ca_bundle,
                                proxies={"https": forward_proxy.proxy_url}, timeout=5)
        assert "<title>Tunnelled</title>" in response.text
        assert forward_proxy.urls == [f"secure.example:{secure.port}"]


def test_stop_closes_idle_keep_alive_connections() -> None:
    web = TestWeb().start()
    sock = socket.create_connection((web.address, web.port), timeout=5)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert sock.recv(100).startswith(b"HTTP/1.1 200")
    started = time.monotonic()
    web.stop()
    assert time.monotonic() - started < 2 and not web.errors
    sock.close()


def test_refused_ports_refuse_and_stay_taken() -> None:
    ports = refused_ports(3)
    assert len(set(ports)) == 3 and refused_port() not in ports
    for port in ports:
        with socket.socket() as client, pytest.raises(ConnectionRefusedError):
            client.connect(("127.0.0.1", port))
        with socket.socket() as other, pytest.raises(OSError):
            other.bind(("127.0.0.1", port))  # held: no server can take it meanwhile
