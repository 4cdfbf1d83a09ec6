from __future__ import annotations

import pytest

from archiver.extract.urls import (
    article_id,
    canonicalize,
    resolve_canonical,
    same_page,
    site_of,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"),
        ("https://example.com/a?utm_source=tw&utm_medium=social", "https://example.com/a"),
        ("https://example.com/a?fbclid=XYZ&gclid=1", "https://example.com/a"),
        ("https://example.com/a?id=7&utm_campaign=x", "https://example.com/a?id=7"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://127.0.0.1:8080/a?b=2&a=1", "http://127.0.0.1:8080/a?a=1&b=2"),
        ("https://example.com", "https://example.com/"),
        # The path is what the server sees: no segment or parameter may be lost.
        ("https://web.example.org/web/2016/http://www.site.de/",
         "https://web.example.org/web/2016/http://www.site.de/"),
        ("https://example.com/a//b", "https://example.com/a//b"),
        ("https://example.com/shop;jsessionid=1?p=2", "https://example.com/shop;jsessionid=1?p=2"),
        ("https://example.com/A/./b/../c", "https://example.com/A/c"),
        ("https://example.com/a/b/..", "https://example.com/a/"),
        ("https://example.com/../../x", "https://example.com/x"),
        ("https://example.com/caf\u00e9 1", "https://example.com/caf%C3%A9%201"),
        ("https://example.com/%7Euser/caf%C3%A9", "https://example.com/%7Euser/caf%C3%A9"),
    ],
)
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize(url) == expected


def test_canonicalize_leaves_non_http_alone() -> None:
    assert canonicalize("mailto:someone@example.com") == "mailto:someone@example.com"


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.techradar.com/news/x", "techradar.com"),
        ("https://news.bbc.co.uk/x", "bbc.co.uk"),
        ("http://127.0.0.1:8000/x", "127.0.0.1"),
        ("http://localhost:8000/", "localhost"),
        ("https://user:pw@Blog.Example.org:8443/", "example.org"),
        ("https://www.news.internal/a", "news.internal"),
        ("https://news.internal/a", "news.internal"),
    ],
)
def test_site_of(url: str, site: str) -> None:
    assert site_of(url) == site


def test_resolve_canonical_honours_same_site_only() -> None:
    page = "https://www.example.com/amp/story?utm_source=x"
    assert resolve_canonical(page, "/story") == "https://www.example.com/story"
    assert resolve_canonical(page, "https://m.example.com/story") == "https://m.example.com/story"
    # A canonical link to another site would let any page claim any article.
    assert resolve_canonical(page, "https://evil.test/story") == "https://www.example.com/amp/story"
    assert resolve_canonical(page, None) == "https://www.example.com/amp/story"
    assert resolve_canonical(page, "javascript:alert(1)") == "https://www.example.com/amp/story"
    # A malformed link (its port is not a number) failed the whole page with ValueError.
    for bad in ("http://example.com:80http:/story", "https://[::1/story"):
        assert resolve_canonical(page, bad) == "https://www.example.com/amp/story"


def test_resolve_canonical_honours_another_crawled_site() -> None:
    """A syndicated copy naming its original on another site of the crawl: the original."""
    copy = "https://partner.test/news/story-copy"
    original = "https://www.example.com/news/story"
    assert resolve_canonical(copy, original, frozenset({"example.com"})) == original
    assert resolve_canonical(copy, original, frozenset({"other.test"})) == copy


def test_article_id_is_stable_and_distinct() -> None:
    a = article_id("https://example.com/a")
    assert a == article_id("https://example.com/a")
    assert a != article_id("https://example.com/b")
    assert len(a) == 16
    assert int(a, 16) >= 0


@pytest.mark.parametrize(("url_a", "url_b", "same"), [
    ("https://x.test/News/Case-Story", "https://x.test/news/case-story", True),
    ("https://x.test/news/a;jsessionid=A1B2", "https://x.test/news/a", True),
    ("https://x.test/news/%7Ejoe", "https://x.test/news/~joe", True),
    ("https://x.test/news/caf%c3%a9", "https://x.test/news/café", True),
    ("https://x.test/news/a/amp", "https://x.test/news/a", True),
    ("https://x.test/amp/news/a", "https://x.test/news/a", True),
    ("https://x.test/news/a?amp=1", "https://www.x.test/news/a/", True),
    ("https://m.x.test/news/a?page=1", "http://x.test/news/a", True),
    ("https://x.test/news/a?page=2", "https://x.test/news/a", False),
    ("https://x.test/news/a", "https://x.test/news/b", False),
    ("https://x.test/news/example", "https://x.test/news/ex", False),
    ("https://x.test/news/a", "https://y.test/news/a", False),
    ("https://x.test/news/a?id=1", "https://x.test/news/a?id=2", False),
])
def test_same_page_tells_url_variants_of_one_page(url_a: str, url_b: str, same: bool) -> None:
    assert same_page(url_a, url_b) is same
