"""collect_targets: distinct URLs and cited sites, with their citations and cited dates."""

from __future__ import annotations

import pytest

from checker.errors import ConfigError
from checker.linkcheck.settings import CheckSettings
from checker.linkcheck.targets import collect_targets, host_key, normalise_url, site_url
from checker.model import Citation, Document, Footnote, Reference


def doc(path: str, notes: dict[int, list[Reference]], date: str | None = None) -> Document:
    return Document(
        path=path, id=path.rsplit(".", 1)[0], text="", date=date,
        footnotes=[Footnote(number=n, line=n, text="", references=refs)
                   for n, refs in notes.items()],
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTP://Example.COM:80/Path?q=1#frag", "http://example.com/Path?q=1"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://www.Example.com./a/b/", "https://www.example.com/a/b/"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("thediplomat.com/2020/01/article", "http://thediplomat.com/2020/01/article"),
        ("http://[::1]:8080/x#y", "http://[::1]:8080/x"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("https://example.com:99999/", "https://example.com:99999/"),  # bad port: left as is
    ],
)
def test_normalise_url(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


def test_host_key_includes_only_non_default_ports() -> None:
    assert host_key("https://Example.com/a") == "example.com"
    assert host_key("http://example.com:80/a") == "example.com"
    assert host_key("http://127.0.0.1:8081/a") == "127.0.0.1:8081"
    assert host_key("https://example.com:80/") == "example.com:80"


def test_site_url() -> None:
    assert site_url("kaktus.media") == "https://kaktus.media/"
    assert site_url("Www.RFERL.org/") == "https://www.rferl.org/"
    assert site_url("https://24.kg") == "https://24.kg/"
    assert site_url("Reuters") is None
    assert site_url("") is None


def test_one_target_per_url_with_every_citation() -> None:
    a = Reference(title="Article", url="https://example.com/a#section", date="2020-03-02")
    a_again = Reference(title="Article", url="HTTPS://EXAMPLE.com:443/a", ibid=True)
    b = Reference(title="Other", url="https://example.org/b")
    docs = [
        doc("one.md", {1: [a], 2: [a_again, b]}, date="2020-09-01"),
        doc("two.md", {7: [Reference(url="https://example.com/a", date="2020-02-01")]}),
    ]
    targets = collect_targets(docs, CheckSettings())
    assert [t.url for t in targets] == ["https://example.com/a", "https://example.org/b"]
    first = targets[0]
    assert first.citations == [
        Citation("one.md", 1), Citation("one.md", 2), Citation("two.md", 7)
    ]
    assert first.titles == ["Article"]
    assert first.cited_date == "2020-02-01"  # the earliest reference date
    assert not first.site_only
    assert targets[1].cited_date == "2020-09-01"  # no reference date: the document's


def test_same_footnote_citing_a_url_twice_is_one_citation() -> None:
    ref = Reference(url="https://example.com/")
    targets = collect_targets([doc("d.md", {3: [ref, ref]})], CheckSettings())
    assert targets[0].citations == [Citation("d.md", 3)]


def test_site_only_references_give_the_site_home_page() -> None:
    refs = {
        1: [Reference(title="Kyrgyzstan closes borders", domain="kaktus.media",
                      date="2020-03-02")],
        2: [Reference(title="Flights suspended", domain="Kaktus.media", date="2020-02-20")],
        3: [Reference(title="Named only", domain="Reuters")],  # not a host: no target
    }
    targets = collect_targets([doc("d.md", refs, date="2020-05-01")], CheckSettings())
    assert len(targets) == 1
    site = targets[0]
    assert site.url == "https://kaktus.media/"
    assert site.site_only and site.domain == "kaktus.media"
    assert site.titles == ["Kyrgyzstan closes borders", "Flights suspended"]
    assert [(w.footnote, w.date) for w in site.works] == [(1, "2020-03-02"), (2, "2020-02-20")]
    assert site.cited_date == "2020-02-20"


def test_a_home_page_also_cited_in_full_is_not_site_only() -> None:
    refs = {1: [Reference(domain="example.com")], 2: [Reference(url="https://example.com")]}
    targets = collect_targets([doc("d.md", refs)], CheckSettings())
    assert len(targets) == 1 and not targets[0].site_only


def test_excludes_keep_the_target_but_mark_it_skipped() -> None:
    refs = {1: [Reference(url="https://twitter.com/x/status/1")],
            2: [Reference(url="https://example.com/")]}
    settings = CheckSettings(excludes=[r"^https?://(www\.)?twitter\.com/"])
    targets = collect_targets([doc("d.md", refs)], settings)
    assert [t.skip_reason is not None for t in targets] == [True, False]
    assert "twitter" in targets[0].skip_reason


def test_site_checks_off_skips_site_home_pages() -> None:
    refs = {1: [Reference(domain="kaktus.media", title="T")]}
    targets = collect_targets([doc("d.md", refs)], CheckSettings(check_sites=False))
    assert targets[0].site_only and targets[0].skip_reason


def test_bad_exclude_regex_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a valid regex"):
        collect_targets([], CheckSettings(excludes=["(unclosed"]))


def test_no_references_no_targets() -> None:
    assert collect_targets([doc("d.md", {1: [Reference(title="A book")]})], CheckSettings()) == []
