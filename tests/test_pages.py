"""process_page: the per-page work done in the workers, offline."""

from __future__ import annotations

from archiver.pages import ALIAS, EMPTY, process_page
from tests.sitebuilder import SiteArticle, index_page

SITES = frozenset({"news.example"})
BASE = "https://news.example"


def test_index_page_gives_canonical_in_site_links_only() -> None:
    html = index_page("Home", [
        "/news/a", "/news/a?utm_source=x#top", "https://www.news.example/news/b",
        "https://other.example/news/c", "/files/report.pdf", "mailto:x@news.example",
        "javascript:void(0)", "#main", "/news/d",
    ])
    result = process_page(html, f"{BASE}/", SITES)
    assert result.kind == "index"
    assert result.article is None
    assert result.links == [f"{BASE}/news/a", "https://www.news.example/news/b",
                            f"{BASE}/news/d"]
    assert result.links_found == 3


def test_feed_and_pagination_links_from_head() -> None:
    html = index_page("Home", ["/news/a"]).replace("<head>", (
        "<head><link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
        "<link rel='next' href='/page/2'><link rel='stylesheet' href='/site.css'>"
        "<link rel='alternate' hreflang='de' href='/de/'>"))
    result = process_page(html, f"{BASE}/", SITES)
    assert result.links == [f"{BASE}/feed.xml", f"{BASE}/page/2", f"{BASE}/news/a"]


def test_link_limit_and_base_href() -> None:
    html = index_page("Home", [f"n{i}" for i in range(50)]).replace(
        "<head>", "<head><base href='https://news.example/archive/'>")
    result = process_page(html, f"{BASE}/", SITES, max_links=10)
    assert result.links_found == 50
    assert result.links == [f"{BASE}/archive/n{i}" for i in range(10)]


def test_no_links_when_not_following() -> None:
    html = index_page("Home", ["/news/a"])
    assert process_page(html, f"{BASE}/", SITES, follow_links=False).links == []


def test_article_is_extracted() -> None:
    art = SiteArticle(slug="the-story-of-a-chip", title="The story of a chip")
    html = art.html().replace("__BASE_URL__", BASE)
    result = process_page(html, f"{BASE}{art.path}?utm_medium=x", SITES)
    assert result.kind == "article"
    assert result.canonical == f"{BASE}{art.path}"
    assert result.article is not None
    assert result.article.title == "The story of a chip"
    assert result.article.canonical_url == f"{BASE}{art.path}"
    assert f"{BASE}/section/tech" in result.links


def test_alias_points_at_its_canonical_unless_told_otherwise() -> None:
    art = SiteArticle(slug="amp-copy", title="Copy", canonical="/news/the-original-story")
    html = art.html().replace("__BASE_URL__", BASE)
    result = process_page(html, f"{BASE}/amp/news/the-original-story", SITES)
    assert result.kind == ALIAS
    assert result.canonical == f"{BASE}/news/the-original-story"
    assert result.article is None
    fallback = process_page(html, f"{BASE}/amp/news/the-original-story", SITES,
                            resolve_aliases=False)
    assert fallback.kind == "article"
    assert fallback.article is not None
    assert fallback.article.canonical_url == f"{BASE}/news/the-original-story"


def test_junk_is_empty() -> None:
    assert process_page("", f"{BASE}/x", SITES).kind == EMPTY
    assert process_page("   \n ", f"{BASE}/x", SITES).kind == EMPTY


def test_raw_bytes_are_decoded_in_the_worker() -> None:
    art = SiteArticle(slug="café-story-about-chips", title="Zoë’s café")
    html = art.html().replace("__BASE_URL__", BASE)
    url = f"{BASE}/news/caf%C3%A9-story-about-chips"
    lying = process_page(html.encode("cp1252"), url, SITES,
                         content_type="text/html; charset=utf-8")
    assert lying.charset_corrected
    assert lying.encoding == "cp1252"
    assert lying.article is not None
    assert lying.article.title == "Zoë’s café"
    honest = process_page(html.encode("utf-8"), url, SITES,
                          content_type="text/html; charset=utf-8")
    assert not honest.charset_corrected
    assert honest.article is not None
    assert honest.article.title == "Zoë’s café"


def test_malformed_links_are_skipped_not_fatal():
    """urllib refuses some hrefs ("http://[x", a host with a full-width solidus): they
    are skipped, the page's other links stay (one used to fail the whole page)."""
    from archiver.extract.document import parse
    from archiver.pages import page_links

    hrefs = ["http://[bad/x", "https://ex\uff0fample.com/a", "//[x/y", "//example.com:-1/a",
             "http://example.com:abc/", "/ok", "next.html"]
    anchors = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    for base in ("", '<base href="http://[bad/">'):
        root = parse(f"<html><head>{base}</head><body>{anchors}</body></html>")
        assert root is not None
        links, found = page_links(root, "https://example.com/a/b.html",
                                  frozenset({"example.com"}), 100)
        assert links == ["https://example.com/ok", "https://example.com/a/next.html"]
        assert found == 2
