"""Listings: the URLs of XML sitemaps, sitemap indexes and RSS 2.0 / RSS 1.0 / Atom feeds.

Parsed with an lxml parser that never resolves entities, loads DTDs or touches the
network, so entity-expansion bombs and external entities are inert; sitemaps are read
incrementally. :func:`read_listing` is what the crawler's workers run on a listing's raw
(possibly gzipped) body, so that none of this parsing happens on the reactor thread.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "recover": True,
    "remove_comments": True,
    "remove_pis": True,
}
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
LISTING_ROOTS = _FEED_ROOTS | SITEMAP_ROOTS
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


@dataclass
class Listing:
    """The URLs of a sitemap or feed: ``kind`` is ``sitemap`` or ``feed`` ('' when the
    body is neither); ``truncated`` when the limit cut the list."""

    kind: str
    urls: list[str] = field(default_factory=list)
    truncated: bool = False


def gunzip(data: bytes, max_size: int) -> bytes:
    """Decompress gzip *data*, refusing (``ValueError``) to produce more than *max_size*
    bytes (0: no limit), so a decompression bomb stops at the limit. A truncated stream
    gives the data it holds; one that gives none is broken (``ValueError``)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    try:
        while pending:
            room = _CHUNK if not max_size else min(_CHUNK, max_size + 1 - len(out))
            out += inflater.decompress(pending, room)
            if max_size and len(out) > max_size:
                raise ValueError(f"gzip body larger than {max_size} bytes")
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise ValueError(f"broken gzip stream: {exc}") from exc
    if not out and not inflater.eof:
        raise ValueError("broken gzip stream: no data")
    return bytes(out)  # a truncated stream gives what it holds


def read_listing(body: bytes, limit: int, max_size: int = 0) -> Listing:
    """The URLs of the sitemap or feed *body* (gunzipped first when gzipped), at most
    *limit*. Raises ``ValueError`` for a broken gzip stream or one over *max_size*."""
    if body[:2] == GZIP_MAGIC:
        body = gunzip(body, max_size)
    root = xml_root_name(body)
    if root in SITEMAP_ROOTS:
        urls, truncated = sitemap_locs(body, limit)
        return Listing("sitemap", urls, truncated)
    if root in _FEED_ROOTS:
        urls = feed_links(body, limit=limit + 1)
        return Listing("feed", urls[:limit], len(urls) > limit)
    return Listing("")


def sitemap_locs(body: bytes, limit: int) -> tuple[list[str], bool]:
    """The ``<loc>`` of every ``<url>`` or ``<sitemap>`` entry, at most *limit*, and
    whether there were more. Elements are cleared as they are read."""
    urls: list[str] = []
    events = etree.iterparse(BytesIO(body), events=("end",), **_PARSER_OPTIONS)
    try:
        for _event, element in events:
            if _local(element.tag) != "loc":
                continue
            parent = element.getparent()
            if parent is None or _local(parent.tag) not in ("url", "sitemap"):
                continue
            loc = (element.text or "").strip()
            if loc:
                if len(urls) >= limit:
                    return urls, True
                urls.append(loc)
            parent.clear()
    except etree.LxmlError:
        pass  # a broken sitemap keeps the entries read so far
    if urls and not body.rstrip().endswith(b">"):
        urls.pop()  # cut off mid-document: the last <loc> may be cut too
    return urls, False


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def xml_root_name(body: bytes) -> str:
    """Lower-cased local name of the root element of XML *body* ('' if it is not XML).

    Reads only up to the first element (a prolog with a DOCTYPE and an internal subset is
    skipped, never expanded)."""
    events = etree.iterparse(BytesIO(body), events=("start",), **_PARSER_OPTIONS)
    try:
        for _event, element in events:
            return _local(element.tag)
    except etree.LxmlError:
        return ""
    return ""


def feed_links(body: bytes, limit: int = 50000) -> list[str]:
    """The entry links of a feed, in document order, at most *limit*.

    Raises ``ValueError`` when *body* is not a feed at all.
    """
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    root = etree.fromstring(body, parser=parser)
    if root is None or _local(root.tag) not in _FEED_ROOTS:
        raise ValueError("not an RSS or Atom document")
    links: list[str] = []
    for entry in root.iter():
        if len(links) >= limit:
            break
        name = _local(entry.tag)
        if name == "item":
            link = _rss_item_link(entry)
        elif name == "entry":
            link = _atom_entry_link(entry)
        else:
            continue
        if link:
            links.append(link)
    return links


def _rss_item_link(item: etree._Element) -> str | None:
    guid_link = None
    for child in item:
        name = _local(child.tag)
        text = (child.text or "").strip()
        if name == "link" and text:
            return text
        permalink = child.get("isPermaLink", "true") != "false"
        if name == "guid" and text.startswith("http") and permalink:
            guid_link = text
    return guid_link


def _atom_entry_link(entry: etree._Element) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        if rel == "alternate" and child.get("type", "text/html").startswith("text/html"):
            return child.get("href", "").strip()
        if rel == "alternate":
            fallback = fallback or child.get("href", "").strip()
    return fallback
