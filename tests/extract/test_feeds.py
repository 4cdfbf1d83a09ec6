from __future__ import annotations

import gzip

import pytest

from archiver.extract.feeds import (
    Listing,
    feed_links,
    gunzip,
    listing_time,
    read_listing,
    xml_root_name,
)

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title><link>https://x.test/</link>
<item><title>A</title><link>https://x.test/a</link></item>
<item><title>B</title><guid isPermaLink="true">https://x.test/b</guid></item>
<item><title>C</title><guid isPermaLink="false">tag:x.test,2024:c</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<link rel="self" href="https://x.test/atom.xml"/>
<entry><title>A</title><link rel="alternate" type="text/html" href="https://x.test/a"/>
<link rel="enclosure" href="https://x.test/a.mp3"/></entry>
<entry><title>B</title><link href="https://x.test/b"/></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel><title>T</title></channel><item><title>A</title><link>https://x.test/a</link></item>
</rdf:RDF>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss><channel><item><title>&d;</title><link>https://x.test/a</link></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><link>https://x.test/&xxe;</link></item></channel></rss>"""


def test_rss_links_with_permalink_guids() -> None:
    assert feed_links(RSS) == ["https://x.test/a", "https://x.test/b"]


def test_atom_prefers_html_alternate() -> None:
    assert feed_links(ATOM) == ["https://x.test/a", "https://x.test/b"]


def test_rdf_feed() -> None:
    assert feed_links(RDF) == ["https://x.test/a"]


def test_limit() -> None:
    assert feed_links(RSS, limit=1) == ["https://x.test/a"]


def test_entity_bomb_is_not_expanded() -> None:
    assert feed_links(LAUGHS) == ["https://x.test/a"]


def test_external_entity_is_not_loaded() -> None:
    links = feed_links(XXE)
    assert all("root:" not in link for link in links)


@pytest.mark.parametrize("body", [b"<html><body>hi</body></html>", b"<urlset/>"])
def test_not_a_feed(body: bytes) -> None:
    assert xml_root_name(body) not in ("rss", "feed", "rdf")
    with pytest.raises(ValueError, match="not an RSS"):
        feed_links(body)


def test_feed_roots_are_recognised() -> None:
    assert [xml_root_name(body) for body in (RSS, ATOM, RDF)] == ["rss", "feed", "rdf"]


SITEMAP = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           + b"".join(b"<url><loc> https://x.test/%d </loc><lastmod>2024-01-01</lastmod></url>"
                      % i for i in range(10)) + b"</urlset>")
INDEX = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         b"<sitemap><loc>https://x.test/a.xml.gz</loc></sitemap></sitemapindex>")


def test_sitemap_and_index_locs() -> None:
    urls = [f"https://x.test/{i}" for i in range(10)]
    assert read_listing(SITEMAP, 100) == Listing(
        "sitemap", urls, truncated=False, lastmod=dict.fromkeys(urls, "2024-01-02T11:59:59Z"))
    assert read_listing(INDEX, 100) == Listing("sitemap", ["https://x.test/a.xml.gz"])


def test_listing_limit_and_gzip() -> None:
    listing = read_listing(gzip.compress(SITEMAP), 3)
    assert listing.urls == ["https://x.test/0", "https://x.test/1", "https://x.test/2"]
    assert listing.truncated
    assert read_listing(RSS, 1) == Listing("feed", ["https://x.test/a"], truncated=True)


def test_truncated_sitemap_keeps_complete_entries_only() -> None:
    cut = SITEMAP[: SITEMAP.index(b"https://x.test/5") + 10]
    assert read_listing(cut, 100).urls == [f"https://x.test/{i}" for i in range(5)]


def test_entity_bomb_sitemap_is_not_expanded() -> None:
    bomb = LAUGHS.replace(b"<rss><channel><item><title>&d;</title><link>", b"<urlset><url><loc>")
    bomb = bomb.replace(b"</link></item></channel></rss>", b"</loc></url></urlset>")
    assert read_listing(bomb, 100) == Listing("sitemap", ["https://x.test/a"])


def test_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    with pytest.raises(ValueError, match="larger than 1000000 bytes"):
        read_listing(bomb, 10, max_size=1_000_000)
    assert gunzip(gzip.compress(b"x" * 5000), 5000) == b"x" * 5000
    with pytest.raises(ValueError, match="broken gzip"):
        gunzip(b"\x1f\x8b\x08\x00garbage", 0)


def test_html_is_no_listing() -> None:
    assert read_listing(b"<html><body><p>hi</p></body></html>", 10) == Listing("")


def test_truncated_gzip_gives_what_it_holds() -> None:
    packed = gzip.compress(SITEMAP)
    part = gunzip(packed[: len(packed) // 2], 0)
    assert part
    assert SITEMAP.startswith(part)


@pytest.mark.parametrize(("value", "expected"), [
    # A bare date: the end of that day anywhere (UTC-12), so a same-day update counts.
    ("2026-11-27", "2026-11-28T11:59:59Z"),
    ("2026-02-30", None),
    ("2026-11-27T09:30:00+02:00", "2026-11-27T07:30:00Z"),
    ("2026-11-27T07:30:00.123Z", "2026-11-27T07:30:00Z"),
    ("Fri, 27 Nov 2026 07:30:00 GMT", "2026-11-27T07:30:00Z"),
    ("Fri, 27 Nov 2026 08:30:00 +0100", "2026-11-27T07:30:00Z"),
    ("yesterday", None), ("", None), (None, None),
])
def test_listing_time(value: str | None, expected: str | None) -> None:
    assert listing_time(value) == expected


def test_listing_dates_from_sitemaps_and_feeds() -> None:
    sitemap = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               b"<url><loc>https://x.test/a</loc><lastmod>2026-11-20</lastmod></url>"
               b"<url><lastmod>2026-11-21T10:00:00+00:00</lastmod><loc>https://x.test/b</loc></url>"
               b"<url><loc>https://x.test/c</loc></url></urlset>")
    listing = read_listing(sitemap, 10)
    assert listing.urls == ["https://x.test/a", "https://x.test/b", "https://x.test/c"]
    assert listing.lastmod == {"https://x.test/a": "2026-11-21T11:59:59Z",
                               "https://x.test/b": "2026-11-21T10:00:00Z"}
    rss = (b'<rss version="2.0"><channel><item><link>https://x.test/a</link>'
           b"<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
           b"<item><link>https://x.test/b</link></item></channel></rss>")
    # A publication date says nothing about later corrections: not a lastmod.
    assert read_listing(rss, 10).lastmod == {}
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            b'<link href="https://x.test/a"/><published>2026-11-01T00:00:00Z</published>'
            b"<updated>2026-11-22T00:00:00Z</updated></entry></feed>")
    assert read_listing(atom, 10).lastmod == {"https://x.test/a": "2026-11-22T00:00:00Z"}
