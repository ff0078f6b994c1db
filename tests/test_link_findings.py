"""Link results -> the network findings of the audit."""

from checker.linkcheck.findings import link_findings
from checker.model import Citation, Document, Footnote, LinkResult


def doc():
    return Document(path="p.md", id="p", text="",
                    footnotes=[Footnote(3, 30, "x"), Footnote(7, 70, "y")])


def findings_for(link):
    return link_findings([link], [doc()])


def test_dead_link_without_archive_is_an_error_on_every_citing_note():
    [finding] = findings_for(LinkResult("https://a/x", "broken", http_status=404,
                                        citations=[Citation("p.md", 7), Citation("p.md", 3)]))
    assert (finding.rule, finding.severity, finding.footnotes, finding.line) == (
        "link-broken", "error", [3, 7], 30)
    assert "HTTP 404" in finding.message


def test_dead_link_with_archive_suggests_the_archive():
    [finding] = findings_for(LinkResult("https://a/x", "timeout", archive_url="https://w/x",
                                        citations=[Citation("p.md", 3)]))
    assert finding.rule == "archived-only" and "https://w/x" in finding.message


def test_blocked_redirected_and_ok():
    blocked = findings_for(LinkResult("https://a/x", "blocked", http_status=403,
                                      citations=[Citation("p.md", 3)]))
    assert [f.rule for f in blocked] == ["link-blocked"]
    moved = findings_for(LinkResult("https://a/x", "redirected", final_url="https://a/y",
                                    permanent_redirect=True, citations=[Citation("p.md", 3)]))
    assert moved[0].rule == "link-redirected" and "https://a/y" in moved[0].message
    assert findings_for(LinkResult("https://a/x", "ok", citations=[Citation("p.md", 3)])) == []
    assert findings_for(LinkResult("https://a/x", "skipped", citations=[Citation("p.md", 3)])) == []


def test_site_only_home_page_down_is_only_a_warning():
    [finding] = findings_for(LinkResult("https://site.example/", "broken", site_only=True,
                                        citations=[Citation("p.md", 3)]))
    assert finding.rule == "link-broken" and finding.severity == "warning"
