from __future__ import annotations

import pytest

from archiver.extract.feeds import feed_links, xml_root_name

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
