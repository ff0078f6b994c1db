"""page_metadata: a page's title and publication date from varied HTML."""

from __future__ import annotations

from checker.archive.metadata import PageMeta, clean_title, page_metadata


def head(*tags: str, body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{''.join(tags)}</head><body>{body}</body></html>"


def test_open_graph_beats_the_title_tag_and_both_are_kept() -> None:
    page = page_metadata(head(
        "<title>China-led project abandoned after protests | Reuters</title>",
        '<meta property="og:title" content="China-led $280 million project abandoned">',
        '<meta property="article:published_time" content="2020-02-18T09:12:00Z">',
    ))
    assert page.title == "China-led $280 million project abandoned"
    assert page.title_source == "og:title"
    assert "China-led project abandoned after protests | Reuters" in page.titles
    assert page.date == "2020-02-18"
    assert page.date_source == "article:published_time"


def test_local_date_of_a_timestamp_is_kept() -> None:
    page = page_metadata(head(
        '<meta property="article:published_time" content="2020-03-13T23:30:00-05:00">'))
    assert page.date == "2020-03-13"


def test_json_ld_graph_article_headline_and_date() -> None:
    ld = """{"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "Fergana News"},
        {"@type": "WebSite", "name": "fergana.news"},
        {"@type": ["NewsArticle"], "headline": "Два случая заражения коронавирусом",
         "datePublished": "2020-03-13T10:00:00+05:00"}]}"""
    page = page_metadata(head(f'<script type="application/ld+json">{ld}</script>',
                              "<title>Fergana</title>"))
    assert page.title == "Два случая заражения коронавирусом"
    assert page.title_source == "json-ld"
    assert "Fergana News" not in page.titles  # an organisation's name is not a title
    assert page.date == "2020-03-13"
    assert page.date_source == "json-ld"


def test_broken_json_ld_is_ignored() -> None:
    page = page_metadata(head('<script type="application/ld+json">{"headline": "x",,}</script>',
                              '<script type="application/ld+json">[1, 2</script>',
                              "<title>Plain title</title>"))
    assert page.title == "Plain title"
    assert page.date is None


def test_json_ld_name_of_an_article_when_no_headline() -> None:
    ld = '{"@type": "ScholarlyArticle", "name": "On transliteration", "datePublished": "2019"}'
    page = page_metadata(head(f'<script type="application/ld+json">{ld}</script>'))
    assert page.title == "On transliteration"
    assert page.date == "2019"


def test_citation_meta_tags() -> None:
    page = page_metadata(head(
        '<meta name="citation_title" content="Beijing Binds: COVID-19 and Central Asia">',
        '<meta name="citation_publication_date" content="2020-06">',
    ))
    assert page.title == "Beijing Binds: COVID-19 and Central Asia"
    assert page.title_source == "citation_title"
    assert page.date == "2020-06"
    assert page.date_source == "citation_publication_date"


def test_dublin_core_case_insensitive() -> None:
    page = page_metadata(head('<meta name="DC.Title" content="Annual report">',
                              '<META NAME="DC.Date" CONTENT="2018-11-02">'))
    assert page.title == "Annual report"
    assert page.date == "2018-11-02"


def test_time_inside_article_not_the_header_clock() -> None:
    page = page_metadata(head(
        "<title>Story</title>",
        body=('<header><time datetime="2024-01-01">Today</time></header>'
              '<article><h1>Story</h1><time datetime="2020-04-10T08:00">April 10</time>'
              "</article>"),
    ))
    assert page.date == "2020-04-10"
    assert page.date_source == "htmldate"


def test_time_marked_as_published_wins_over_article_order() -> None:
    page = page_metadata(head(body=(
        '<article><time datetime="2020-05-02">updated</time>'
        '<time itemprop="datePublished" datetime="2020-04-30">published</time></article>')))
    assert page.date == "2020-04-30"


def test_meta_order_published_time_before_late_names() -> None:
    page = page_metadata(head('<meta name="date" content="2024-02-02">',
                              '<meta name="pubdate" content="2021-07-07">',
                              '<meta property="article:published_time" content="2021-07-06">'))
    assert page.date == "2021-07-06"


def test_twitter_title_only_and_whitespace() -> None:
    page = page_metadata(head('<meta name="twitter:title" content="  Two \n  cases  ">'))
    assert page.title == "Two cases"


def test_h1_is_the_last_resort() -> None:
    page = page_metadata(head(body="<h1>Only a <em>heading</em></h1>"))
    assert page.title == "Only a heading"
    assert page.title_source == "<h1>"


def test_junk_never_raises() -> None:
    for junk in ["", None, "\x00\x01\x02binary", "<html><head><title>", "<<<>>>",
                 "<meta property='og:title'>", "<time datetime='yesterday'>x</time>",
                 '<meta property="article:published_time" content="not a date">',
                 "<" * 10000]:
        page = page_metadata(junk)  # type: ignore[arg-type]
        assert isinstance(page, PageMeta)
        assert page.date is None
    assert page_metadata("<html><head><title>").title is None


def test_unparseable_date_moves_on_to_the_next_source() -> None:
    page = page_metadata(head('<meta property="article:published_time" content="garbage">',
                              '<meta name="citation_date" content="2017-09-14">'))
    assert page.date == "2017-09-14"
    assert page.date_source == "citation_date"


def test_clean_title_drops_the_site_name() -> None:
    assert clean_title("Two cases confirmed in Kazakhstan | Reuters") == \
        "Two cases confirmed in Kazakhstan"
    assert clean_title("Kaktus.media - Два случая заражения коронавирусом") == \
        "Два случая заражения коронавирусом"
    assert clean_title("Plain") == "Plain"
    assert clean_title(None) is None
    page = page_metadata(head("<title>Story — The Diplomat</title>"))
    assert page.clean_title == "Story"


def test_written_out_dates_go_through_the_project_parser() -> None:
    page = page_metadata(head('<meta name="citation_publication_date" content="2020/03/13">'))
    assert page.date == "2020-03-13"
    page = page_metadata(head(body='<article><time>March 2, 2020</time></article>'))
    assert page.date == "2020-03-02"
    page = page_metadata(head(body='<article><p>x</p><time>2 марта 2020</time></article>'))
    assert page.date == "2020-03-02"
    page = page_metadata(head('<meta name="DC.date.issued" content="Fri, 13 Mar 2020 10:00 GMT">'))
    assert page.date == "2020-03-13"


def test_the_stated_date_wins_and_the_others_are_named() -> None:
    page = page_metadata(head(
        '<meta property="article:published_time" content="2019-08-30T10:00:00Z">'
        '<meta name="citation_publication_date" content="2019/09/02">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2019-08-30", "dateModified": "2020-01-05"}</script>'))
    assert page.date == "2019-08-30"
    assert page.date_source == ("article:published_time; the page also gives 2019-09-02 "
                                "(citation_publication_date)")


def test_htmldate_reads_what_no_stated_field_gives() -> None:
    page = page_metadata(head('<meta name="DC.date.issued" content="2018-06-04">'))
    assert (page.date, page.date_source) == ("2018-06-04", "htmldate")
    assert page_metadata(head(body="<p>No date at all</p>")).date is None


def test_an_xml_declaration_and_junk_do_not_break_it() -> None:
    page = page_metadata('<?xml version="1.0" encoding="utf-8"?><html><head>'
                         "<title>Declared</title></head></html>")
    assert page.title == "Declared"
    junk = page_metadata("\x00\x01\x02<<<>>>")
    assert junk.title is None and junk.date is None
