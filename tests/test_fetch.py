"""fetch / guard / session against the loopback test web: every classification, the retries,
the caps, the private-address guard, the proxy and CA variables. Nothing mocks `requests`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from email.utils import formatdate

import pytest
import requests
import urllib3.exceptions
from testweb import PROXY_TITLE, ForwardProxy, Reply, Request, TestWeb, refused_port

from checker.linkcheck import guard as guard_module
from checker.linkcheck.fetch import (
    _Inflater,
    check_url,
    classify_error,
    fetch_page,
    is_network_failure,
    retry_after_seconds,
    same_resource,
    soft404_reason,
)
from checker.linkcheck.guard import guard
from checker.linkcheck.session import make_session
from checker.linkcheck.settings import DEFAULT_USER_AGENT, CheckSettings
from checker.model import LinkStatus


def quick(**overrides) -> CheckSettings:
    """Loopback allowed (the test web is loopback), short timeouts, tiny backoff."""
    values = dict(allow_private=True, connect_timeout=2.0, read_timeout=2.0, deadline=6.0,
                  backoff_base=0.01, retries=2)
    values.update(overrides)
    return CheckSettings(**values)


@pytest.fixture
def settings() -> CheckSettings:
    return quick()


@pytest.fixture
def session(settings: CheckSettings) -> Iterator[requests.Session]:
    s = make_session(settings)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _fresh_guard_cache() -> None:
    guard_module.clear_cache()


# -- ok, redirected, redirect chains --------------------------------------------------------

def test_ok_page_keeps_html_and_metadata_fields(web: TestWeb, session, settings) -> None:
    web.page("/article", "A cited article", published="2020-03-02T09:00:00Z")
    page = fetch_page(session, web.url("/article"), settings)
    result = page.result
    assert result.status == LinkStatus.OK.value and result.http_status == 200
    assert result.final_url == web.url("/article") and result.redirect_chain == []
    assert "<title>A cited article</title>" in page.html
    assert result.elapsed_ms is not None and result.elapsed_ms >= 0
    assert result.checked_at.endswith("Z") and result.checked_at[10] == "T"
    assert not result.network_error and result.reason.startswith("HTTP 200")
    assert web.requests[0].headers.get("User-Agent") == DEFAULT_USER_AGENT


def test_user_agent_is_configurable(web: TestWeb) -> None:
    settings = quick(user_agent="footcheck-test/9")
    check_url(make_session(settings), web.url("/"), settings)
    assert web.requests[0].headers.get("User-Agent") == "footcheck-test/9"


def test_temporary_redirect_chain_is_kept(web: TestWeb, session, settings) -> None:
    web.page("/final", "Final")
    hops = web.redirect_chain("/start", 3, "/final", status=302)
    result = check_url(session, web.url("/start"), settings)
    assert result.status == "ok" and not result.permanent_redirect
    assert result.redirect_chain == [*hops, web.url("/final")]
    assert result.final_url == web.url("/final")


def test_permanent_redirect_to_another_url(web_factory, session, settings) -> None:
    old, new = web_factory("127.0.0.1"), web_factory("127.0.0.2")
    new.page("/moved-here", "Moved")
    old.redirect("/article", new.url("/moved-here"), status=301)
    result = check_url(session, old.url("/article"), settings)
    assert result.status == LinkStatus.REDIRECTED.value and result.permanent_redirect
    assert result.final_url == new.url("/moved-here")
    assert result.redirect_chain == [old.url("/article"), new.url("/moved-here")]


def test_trivial_or_temporary_redirects_are_plain_ok(web: TestWeb, session, settings) -> None:
    web.page("/dir/", "Dir")
    web.redirect("/dir", "/dir/", status=308)  # trailing slash only
    result = check_url(session, web.url("/dir"), settings)
    assert result.status == "ok" and not result.permanent_redirect
    web.page("/b", "B")
    web.redirect("/a", "/mid", status=301)
    web.redirect("/mid", "/b", status=302)  # one temporary hop: the cited URL stays canonical
    result = check_url(session, web.url("/a"), settings)
    assert result.status == "ok" and not result.permanent_redirect
    assert same_resource("http://www.Example.com:80/a/", "https://example.com/a")
    assert not same_resource("http://example.com/a", "http://example.com/b")


def test_redirect_loop_and_too_many_redirects(web: TestWeb, session, settings) -> None:
    web.redirect_loop("/loop")
    result = check_url(session, web.url("/loop"), settings)
    assert result.status == "broken" and "loop" in result.reason
    web.page("/end", "End")
    web.redirect_chain("/ten", 10, "/end")
    assert check_url(session, web.url("/ten"), settings).status == "ok"
    web.redirect_chain("/eleven", 11, "/end")
    result = check_url(session, web.url("/eleven"), settings)
    assert result.status == "broken" and "more than 10 redirects" in result.reason
    assert web.hits("/end") == 1  # the eleventh hop was not followed


def test_deep_link_redirected_home_is_soft_404(web: TestWeb, session, settings) -> None:
    web.redirect("/2020/03/some-article", "/", status=301)
    result = check_url(session, web.url("/2020/03/some-article"), settings)
    assert result.status == "broken" and "home page" in result.reason
    web.redirect("/news?id=77", "/en/", status=302)
    web.page("/en/", "Home")
    assert check_url(session, web.url("/news?id=77"), settings).status == "broken"
    # a home page moving to another home page is fine
    web.redirect("/index.html", "/en/", status=302)
    assert check_url(session, web.url("/index.html"), settings).status == "ok"


def test_redirect_to_login_page_is_blocked(web: TestWeb, session, settings) -> None:
    web.page("/accounts/login", "Sign in")
    web.redirect("/report/42", "/accounts/login?next=/report/42", status=302)
    result = check_url(session, web.url("/report/42"), settings)
    assert result.status == "blocked" and "login" in result.reason


# -- broken, blocked ------------------------------------------------------------------------

@pytest.mark.parametrize("code", [400, 404, 410, 451])
def test_client_errors_are_broken(web: TestWeb, session, settings, code: int) -> None:
    web.status("/x", code)
    result = check_url(session, web.url("/x"), settings)
    assert (result.status, result.http_status) == ("broken", code)
    assert web.hits("/x") == 1  # no retries for these


@pytest.mark.parametrize("code", [401, 402, 403, 999])
def test_refusals_are_blocked(web: TestWeb, session, settings, code: int) -> None:
    web.status("/x", code)
    result = check_url(session, web.url("/x"), settings)
    assert (result.status, result.http_status) == ("blocked", code)


def test_soft_404_pages(web: TestWeb, session, settings) -> None:
    web.soft404("/gone")
    result = check_url(session, web.url("/gone"), settings)
    assert result.status == "broken" and "soft-404" in result.reason
    web.page("/ru", "Ошибка", body_text="", extra_head="")
    web.reply("/ru", Reply(200, {"Content-Type": "text/html; charset=windows-1251"},
                           "<title>Страница не найдена</title>".encode("cp1251")))
    assert check_url(session, web.url("/ru"), settings).status == "broken"
    web.page("/fine", "Route 404 bus service returns", body_text="not found anywhere")
    assert check_url(session, web.url("/fine"), settings).status == "ok"


@pytest.mark.parametrize("html, expected", [
    ("<title>404 - Page Not Found | Site</title>", True),
    ("<title>Error 404</title>", True),
    ("<html><h1>Sorry, this page doesn't exist</h1></html>", True),
    ("<title>Page introuvable</title>", True),
    ("<title>Kyrgyzstan closes border</title><h1>Kyrgyzstan closes border</h1>", False),
    ("<p>not found in the title or heading</p>", False),
])
def test_soft404_reason(html: str, expected: bool) -> None:
    assert (soft404_reason(html) is not None) is expected


def test_bot_challenge_is_blocked(web: TestWeb, session, settings) -> None:
    web.challenge("/c")
    result = check_url(session, web.url("/c"), settings)
    assert result.status == "blocked" and "challenge" in result.reason
    web.challenge("/c200", status=200)
    assert check_url(session, web.url("/c200"), settings).status == "blocked"
    captcha = "<html><title>Security check</title><div class='g-recaptcha'></div></html>"
    web.reply("/captcha", Reply(503, {"Content-Type": "text/html"}, captcha))
    result = check_url(session, web.url("/captcha"), settings)
    assert result.status == "blocked" and result.http_status == 503
    # a captcha widget in an ordinary page's form is not a challenge
    web.page("/form", "Contact us", extra_head="<script src='/recaptcha/api.js'></script>",
             body_text="g-recaptcha")
    assert check_url(session, web.url("/form"), settings).status == "ok"


@pytest.mark.parametrize("seed", range(4))
def test_strong_challenge_prefilter_never_hides_a_match(seed: int) -> None:
    """The quick test before the strong-challenge search answers False only where the search
    finds nothing: pages with each of its signs, in mixed case, among ordinary text."""
    import random

    from checker.linkcheck.fetch import _STRONG_CHALLENGE, _may_be_strong

    signs = ["<title>Just a moment...</title>", "<TITLE lang=en> Attention Required!",
             "<title>Checking your browser</title>", "<title>Verifying you are human",
             "<title>verify you are a human", "<title>Are you a robot?", "<title>Security Check",
             "<title>Access Denied</title>", "<title>Pardon Our Interruption",
             "<title>Please solve this CAPTCHA</title>", "cf-chl-bypass", "px-captcha",
             "geo.captcha-delivery.com", "DDoS-Guard", "/cdn-cgi/challenge-platform/h/b/",
             "sgcaptcha", "<title>ſecurity check</title>", "<title>Ümlaut captcha"]
    words = ["the", "news", "of", "march", "about", "trade", "and", "title", "guard", "robot",
             "human", "moment", "check"]
    for sign in signs:
        assert _STRONG_CHALLENGE.search(sign) and _may_be_strong(sign), sign
    pick = random.Random(seed)
    for _ in range(300):
        text = " ".join(pick.choice(words) for _ in range(pick.randint(0, 40)))
        if pick.random() < 0.5:
            sign = pick.choice(signs)
            sign = "".join(c.upper() if pick.random() < 0.3 else c for c in sign)
            cut = pick.randint(0, len(text))
            text = text[:cut] + sign + text[cut:]
        if _STRONG_CHALLENGE.search(text):
            assert _may_be_strong(text), text
    assert not _may_be_strong("<title>Trade corridor talks</title><h1>Trade</h1>")


# -- HEAD / GET -----------------------------------------------------------------------------

def test_head_refused_falls_back_to_get(web: TestWeb, session, settings) -> None:
    web.head_not_allowed("/report.pdf")
    result = check_url(session, web.url("/report.pdf"), settings)
    assert result.status == "ok" and web.methods("/report.pdf") == ["HEAD", "GET"]


def test_head_that_lies_is_confirmed_by_get(web: TestWeb, session, settings) -> None:
    pdf = Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 small")
    web.route("/paper.pdf", lambda req: Reply(404) if req.method == "HEAD" else pdf)
    assert check_url(session, web.url("/paper.pdf"), settings).status == "ok"
    web.status("/missing.pdf", 404)
    result = check_url(session, web.url("/missing.pdf"), settings)
    assert result.status == "broken" and web.methods("/missing.pdf") == ["HEAD", "GET"]


def test_files_are_not_downloaded(web: TestWeb, session, settings) -> None:
    web.huge("/big.pdf", 50_000_000, "application/pdf", declare_length=True)
    page = fetch_page(session, web.url("/big.pdf"), settings)
    assert page.result.status == "ok" and web.methods("/big.pdf") == ["HEAD"]
    assert web.bytes_sent("/big.pdf") == 0 and page.html is None
    web.huge("/download", 50_000_000, "application/pdf")  # no extension: GET, closed at once
    page = fetch_page(session, web.url("/download"), settings)
    assert page.result.status == "ok" and page.bytes_read == 0
    time.sleep(0.2)
    assert web.bytes_sent("/download") < 20_000_000
    unlabelled = Reply(200, {}, chunks=lambda: (b"%PDF-1.7\n" + b"\0" * 65536 for _ in range(800)))
    web.reply("/file", unlabelled)  # no Content-Type: sniffed, and binary
    page = fetch_page(session, web.url("/file"), settings)
    assert page.result.status == "ok" and page.bytes_read == 0 and page.html is None


# -- retries, Retry-After, deadline -----------------------------------------------------------

def test_5xx_is_one_attempt_with_a_retry_hint(web: TestWeb, session, settings) -> None:
    """fetch makes one attempt; the runner retries it at the end of the run (test_runner)."""
    web.status("/down", 503)
    page = fetch_page(session, web.url("/down"), settings)
    assert page.result.status == "broken" and page.result.http_status == 503
    assert page.result.reason == "service unavailable (HTTP 503)"
    assert "HTTP 503" in page.result.detail
    assert web.hits("/down") == 1 and page.retry_in == settings.backoff_base


def test_retry_after_is_the_retry_hint(web: TestWeb, session, settings) -> None:
    web.retry_after("/busy", 7)
    page = fetch_page(session, web.url("/busy"), settings)
    assert page.result.status == "blocked" and page.retry_in == 7.0 and web.hits("/busy") == 1
    assert page.result.reason == "too many requests (HTTP 429)"


def test_retry_after_http_date(web: TestWeb, session, settings) -> None:
    web.retry_after("/busy", formatdate(time.time() + 5, usegmt=True))
    page = fetch_page(session, web.url("/busy"), settings)
    assert page.retry_in is not None and 3.0 <= page.retry_in <= 5.5


def test_retry_after_over_cap_gives_no_retry(web: TestWeb, session) -> None:
    settings = quick(retry_after_cap=30)
    web.retry_after("/slowdown", 3600, times=5)
    page = fetch_page(session, web.url("/slowdown"), settings)
    assert page.result.status == "blocked" and page.result.http_status == 429
    assert page.retry_in is None and "cap" in page.result.detail


def test_404_and_success_give_no_retry(web: TestWeb, session, settings) -> None:
    web.status("/missing", 404)
    web.page("/fine", "Fine")
    missing = fetch_page(session, web.url("/missing"), settings)
    assert missing.retry_in is None and missing.result.reason == "not found (HTTP 404)"
    assert fetch_page(session, web.url("/fine"), settings).retry_in is None


def test_hanging_server_times_out_within_deadline(web: TestWeb, session) -> None:
    settings = quick(read_timeout=10, deadline=1.0)
    web.hang("/hang", 30)
    started = time.monotonic()
    result = check_url(session, web.url("/hang"), settings)
    assert time.monotonic() - started < 2.0
    assert result.status == "timeout" and not result.network_error
    assert result.reason == "timed out after 1 s"
    assert fetch_page(session, web.url("/hang"), settings).retry_in is None  # never retried


def test_trickling_body_is_cut_at_the_deadline(web: TestWeb, session) -> None:
    settings = quick(read_timeout=5, deadline=1.0)

    def trickle() -> Iterator[bytes]:
        yield b"<html><head><title>slow</title>"
        for _ in range(200):
            time.sleep(0.1)
            yield b" "

    web.reply("/trickle", Reply(200, {"Content-Type": "text/html", "Content-Length": "999999"},
                                chunks=trickle))
    started = time.monotonic()
    page = fetch_page(session, web.url("/trickle"), settings)
    assert time.monotonic() - started < 2.0
    assert page.result.http_status == 200 and page.bytes_read < 1000
    assert page.result.status == "ok" and "cut at the deadline" in page.result.reason


def test_body_stall_after_slow_headers_ends_at_the_deadline(web: TestWeb, session) -> None:
    """The socket timeout was clipped when the request started; the watchdog holds the rest."""
    settings = quick(read_timeout=10, deadline=2.0)
    web.reply("/stall", Reply(200, {"Content-Type": "text/html"}, delay=1.5, hang=30,
                              chunks=lambda: [b"<html><title>partial", b"</title></html>"]))
    started = time.monotonic()
    page = fetch_page(session, web.url("/stall"), settings)
    assert time.monotonic() - started < 2.8
    assert page.result.http_status == 200 and "deadline" in page.result.reason


def test_reset_and_refused_are_broken_network_failures(web: TestWeb, session, settings) -> None:
    web.reset("/rst")
    page = fetch_page(session, web.url("/rst"), settings)
    result = page.result
    assert result.status == "broken" and result.reason == "connection reset"
    assert is_network_failure(result) and result.http_status is None
    assert web.hits("/rst") == 1 and page.retry_in is not None  # quick: worth a retry
    result = check_url(session, f"http://127.0.0.1:{refused_port()}/", settings)
    assert result.status == "broken" and result.reason == "connection refused"
    assert "refused" in result.detail.lower()
    assert is_network_failure(result)


def test_dns_failure_is_classified_broken_and_network_level() -> None:
    cause = urllib3.exceptions.NameResolutionError(
        "nowhere.invalid", None, socket.gaierror(-2, "Name or service not known"))
    error = requests.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/", cause))
    status, reason, network, retryable = classify_error(error)
    assert (status, network, retryable) == ("broken", True, False)
    assert reason == "name does not resolve"


# -- caps -----------------------------------------------------------------------------------

def test_huge_html_stops_at_the_cap(web: TestWeb, session) -> None:
    settings = quick(max_html_bytes=200_000)
    web.huge("/huge", 100_000_000)
    tracemalloc.start()
    try:
        page = fetch_page(session, web.url("/huge"), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert page.result.status == "ok" and page.truncated
    assert page.bytes_read == 200_000 and peak < 3_000_000
    time.sleep(0.2)
    assert web.bytes_sent("/huge") < 30_000_000


def test_gzip_bomb_stops_at_the_cap(web: TestWeb, session) -> None:
    settings = quick(max_html_bytes=300_000)
    web.gzip_bomb("/bomb", 200_000_000)
    tracemalloc.start()
    try:
        page = fetch_page(session, web.url("/bomb"), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert page.result.status == "ok" and page.truncated
    assert page.bytes_read == 300_000 and peak < 4_000_000
    assert page.html.startswith("<html>")


def test_gzip_page_is_inflated(web: TestWeb, session, settings) -> None:
    body = _gzip(b"<html><title>Zipped</title></html>")
    web.reply("/z", Reply(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, body))
    page = fetch_page(session, web.url("/z"), settings)
    assert page.result.status == "ok" and "<title>Zipped</title>" in page.html


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def test_inflater_handles_raw_deflate_and_caps() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = packer.compress(b"a" * 100_000) + packer.flush()
    inflater = _Inflater()
    out = inflater.feed(raw, 1000)
    assert out == b"a" * 1000 and inflater.full


# -- invalid, skipped, guard ----------------------------------------------------------------

@pytest.mark.parametrize("url, status", [
    ("", "invalid"),
    ("ftp://files.example.org/a", "invalid"),
    ("javascript:alert(1)", "invalid"),
    ("http://", "invalid"),
    ("http://exa mple.com/a", "invalid"),
    ("http://host:99999/", "invalid"),
    ("http://[::1/", "invalid"),
    ("www.example.org/no-scheme", "invalid"),
    ("mailto:someone@example.org", "skipped"),
])
def test_invalid_and_skipped_without_a_request(url: str, status: str, session,
                                                settings) -> None:
    result = check_url(session, url, settings)
    assert result.status == status and result.reason and result.http_status is None


def test_excluded_by_configuration(web: TestWeb, session) -> None:
    settings = quick(excludes=[r"/private/"])
    result = check_url(session, web.url("/private/x"), settings)
    assert result.status == "skipped" and "excluded" in result.reason
    assert web.requests == []


def test_private_guard_skips_loopback_and_never_connects(web: TestWeb) -> None:
    settings = CheckSettings(deadline=5)  # allow_private off
    session = make_session(settings)
    result = check_url(session, web.url("/a"), settings)
    assert result.status == "skipped" and "loopback" in result.reason
    assert web.requests == []
    started = time.monotonic()
    result = check_url(session, "http://10.0.0.1/admin", settings)
    assert result.status == "skipped" and "private" in result.reason
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/",
    "http://[::1]/", "http://[::ffff:10.0.0.1]/", "http://169.254.169.254/latest/",
    "http://0.0.0.0/", "http://192.168.1.1/", "http://100.64.0.1/", "http://224.0.0.1/",
    "http://localhost:8080/", "http://api.localhost/", "http://printer.local/",
])
def test_guard_refuses_local_addresses(url: str) -> None:
    calls: list[str] = []
    assert guard(url, CheckSettings(), resolve=calls.append) is not None
    assert calls == []  # literals and local names are judged without resolving
    assert guard(url, CheckSettings(allow_private=True)) is None


def test_guard_resolves_names_only_without_a_proxy(monkeypatch) -> None:
    calls: list[str] = []

    def private(host: str) -> list[str]:
        calls.append(host)
        return ["10.1.2.3"]

    assert "10.1.2.3" in guard("http://intranet.corp/x", CheckSettings(), resolve=private)
    assert guard("http://8.8.8.8/", CheckSettings()) is None  # public literal, no lookup
    assert guard("http://public.example/", CheckSettings(),
                 resolve=lambda h: ["93.184.216.34"]) is None

    def fails(host: str) -> list[str]:
        raise socket.gaierror(-2, "Name or service not known")

    assert guard("http://nowhere.example/", CheckSettings(), resolve=fails) is None
    guard_module.clear_cache()
    calls.clear()
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    assert guard("http://intranet.corp/x", CheckSettings(), resolve=private) is None
    assert calls == []  # the proxy resolves names
    assert guard("http://10.0.0.1/", CheckSettings(), resolve=private) is not None
    monkeypatch.setenv("NO_PROXY", "intranet.corp")
    assert guard("http://intranet.corp/x", CheckSettings(), resolve=private) is not None
    assert calls == ["intranet.corp"]


def test_guard_resolves_a_hosts_file_name() -> None:
    """A name mapped to loopback in /etc/hosts (no DNS traffic) is refused after resolving."""
    try:
        with open("/etc/hosts", encoding="utf-8") as hosts:
            lines = hosts.read().splitlines()
    except OSError:
        pytest.skip("no /etc/hosts")
    names = [name for line in lines if line.strip().startswith("127.")
             for name in line.split("#")[0].split()[1:]
             if name != "localhost" and not name.endswith((".localhost", ".local", "localdomain"))]
    if not names:
        pytest.skip("no loopback name in /etc/hosts")
    reason = guard(f"http://{names[0]}/", CheckSettings())
    assert reason is not None and "resolves to a loopback" in reason


def test_redirect_to_a_private_address_is_not_followed(web: TestWeb, monkeypatch,
                                                       forward_proxy: ForwardProxy) -> None:
    web.redirect("/r", "http://10.0.0.1/admin", status=302)
    forward_proxy.map("paper.example", web)
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.proxy_url)
    settings = CheckSettings(deadline=5)
    result = check_url(make_session(settings), "http://paper.example/r", settings)
    assert result.status == "skipped" and "10.0.0.1" in result.reason
    assert forward_proxy.urls == ["http://paper.example/r"]


# -- proxy and CA variables -----------------------------------------------------------------

def test_http_proxy_is_used_and_resolves_names(monkeypatch,
                                                forward_proxy: ForwardProxy) -> None:
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.proxy_url)
    settings = CheckSettings(deadline=5)  # guard on: behind a proxy it must not resolve
    page = fetch_page(make_session(settings), "http://paper.example/page", settings)
    assert page.result.status == "ok", page.result.reason
    assert PROXY_TITLE in page.html
    assert forward_proxy.urls == ["http://paper.example/page"]


def test_no_proxy_is_honoured(web: TestWeb, monkeypatch, forward_proxy: ForwardProxy,
                              settings) -> None:
    monkeypatch.setenv("HTTP_PROXY", forward_proxy.proxy_url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    result = check_url(make_session(settings), web.url("/"), settings)
    assert result.status == "ok" and web.hits("/") == 1 and forward_proxy.urls == []
    monkeypatch.delenv("NO_PROXY")
    result = check_url(make_session(settings), web.url("/"), settings)
    assert result.status == "ok" and forward_proxy.urls == [web.url("/")]


def test_tls_with_requests_ca_bundle(tls_web: TestWeb, ca_bundle: str, monkeypatch,
                                     settings) -> None:
    tls_web.page("/secure", "Secure page")
    result = check_url(make_session(settings), tls_web.url("/secure"), settings)
    assert result.status == "broken" and "TLS" in result.reason
    assert not result.network_error
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    result = check_url(make_session(settings), tls_web.url("/secure"), settings)
    assert result.status == "ok" and result.final_url.startswith("https://")


def test_requests_carry_the_sessions_headers_cookies_and_netrc_login(
        web: TestWeb, monkeypatch, settings, tmp_path) -> None:
    """What `session.send` sends is what `Session.request` would: the session's headers, the
    cookies a site set on an earlier answer, a netrc login when the environment has one."""
    seen: list[Request] = []

    def record(req: Request) -> Reply:
        seen.append(req)
        return Reply(200, {"Content-Type": "text/html"}, "<title>After</title>")

    web.reply("/login", Reply(200, {"Content-Type": "text/html",
                                    "Set-Cookie": "sid=abc; Path=/"}, "<title>In</title>"))
    web.route("/after", record)
    session = make_session(settings)
    assert check_url(session, web.url("/login"), settings).status == "ok"
    assert check_url(session, web.url("/after"), settings).status == "ok"
    assert seen[-1].headers.get("Cookie") == "sid=abc"
    assert seen[-1].headers.get("User-Agent") == settings.user_agent
    assert seen[-1].headers.get("Authorization") is None
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine {web.address} login reader password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert check_url(make_session(settings), web.url("/after"), settings).status == "ok"
    assert seen[-1].headers.get("Authorization") == "Basic cmVhZGVyOnNlY3JldA=="


@pytest.mark.parametrize("url", [
    "http://a.example/x?y=1&z=%20#f", "https://\u00fc.example/p\u00e4th?q=\u00e4 b",
    "http://a.example", "http://[::1]:8080/a b?c", "https://a.example/?", "HTTP://A.example/#x",
])
def test_prepared_as_session_request_prepares(url: str, settings, monkeypatch,
                                              tmp_path) -> None:
    """session.prepare makes the request Session.prepare_request makes of the same URL:
    URL, headers (a cookie and a netrc login included), body."""
    from checker.linkcheck.session import prepare

    netrc = tmp_path / "netrc"
    netrc.write_text("machine a.example login reader password secret\n")
    netrc.chmod(0o600)
    for trusting in (False, True):
        if trusting:
            monkeypatch.setenv("NETRC", str(netrc))
        session = make_session(settings)
        session.cookies.set("sid", "abc", domain="a.example", path="/")
        ours = prepare(session, "get", url)
        theirs = session.prepare_request(requests.Request("GET", url))
        assert (ours.method, ours.url, dict(ours.headers), ours.body) == \
            (theirs.method, theirs.url, dict(theirs.headers), theirs.body)


def test_tls_with_a_ca_folder(tls_web: TestWeb, ca_bundle: str, monkeypatch, settings,
                              tmp_path) -> None:
    """REQUESTS_CA_BUNDLE naming a folder of hashed certificates (c_rehash) works as a file."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to name the certificate by its hash")
    name = subprocess.run([openssl, "x509", "-hash", "-noout", "-in", ca_bundle],
                          capture_output=True, text=True, check=True).stdout.strip()
    shutil.copy(ca_bundle, tmp_path / f"{name}.0")
    tls_web.page("/secure", "Secure page")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path))
    result = check_url(make_session(settings), tls_web.url("/secure"), settings)
    assert result.status == "ok", result.reason


def test_ca_bundle_is_looked_at_once(web: TestWeb, tls_web: TestWeb, ca_bundle: str,
                                     monkeypatch, settings) -> None:
    """The connection pool's key is the one requests builds, but the bundle's kind (file or
    folder) is asked of the file system once, not on every request."""
    for n in range(3):
        web.page(f"/p{n}", f"Page {n}")
    tls_web.page("/secure", "Secure page")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    session = make_session(settings)
    asked: list[str] = []
    isdir = os.path.isdir
    monkeypatch.setattr(os.path, "isdir", lambda path: asked.append(path) or isdir(path))
    for n in range(3):
        assert check_url(session, web.url(f"/p{n}"), settings).status == "ok"
    assert asked.count(ca_bundle) == 1
    assert check_url(session, tls_web.url("/secure"), settings).status == "ok"


def test_session_connections_acknowledge_answers_at_once(
        web: TestWeb, tls_web: TestWeb, ca_bundle: str, monkeypatch, settings) -> None:
    """Before reading each answer, the session's connections ask for its immediate
    acknowledgement (quick_ack: else a server writing headers and body apart waits 40 ms for
    it on a kept connection); over HTTPS too, and the pages still read."""
    from checker.linkcheck import session as session_module

    asked: list[object] = []
    quick_ack = session_module.quick_ack
    monkeypatch.setattr(session_module, "quick_ack",
                        lambda sock: asked.append(sock) or quick_ack(sock))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca_bundle)
    web.page("/a", "Page A")
    tls_web.page("/b", "Page B")
    session = make_session(settings)
    for url in (web.url("/a"), web.url("/a"), web.url("/a"), tls_web.url("/b")):
        assert check_url(session, url, settings).status == "ok"
    assert len(asked) == 4 and all(sock is not None for sock in asked)
    quick_ack(None)  # no socket: nothing to do
    with socket.socket() as sock:
        quick_ack(sock)  # an unconnected socket takes it or is left alone, without error


@pytest.mark.parametrize("verify", [True, False, "file", "folder"])
def test_ca_bundle_adapter_keys_pools_as_requests_does(verify, tmp_path) -> None:
    from requests.adapters import HTTPAdapter

    from checker.linkcheck.session import LinkAdapter

    if verify == "file":
        verify = str(tmp_path / "ca.pem")
        (tmp_path / "ca.pem").write_text("")
    elif verify == "folder":
        verify = str(tmp_path)
    request = requests.Request("GET", "https://example.org:8443/x").prepare()
    assert LinkAdapter().build_connection_pool_key_attributes(request, verify) == \
        HTTPAdapter().build_connection_pool_key_attributes(request, verify)


def test_retry_after_seconds_parsing() -> None:
    from datetime import UTC, datetime

    now = datetime(2024, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Mon, 01 Jan 2024 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Mon, 01 Jan 2024 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
