"""Listings: the URLs of XML sitemaps, sitemap indexes and RSS 2.0 / RSS 1.0 / Atom feeds.

Parsed with an lxml parser that never resolves entities, loads DTDs or touches the
network, so entity-expansion bombs and external entities are inert; sitemaps are read
incrementally. :func:`read_listing` is what the crawler's workers run on a listing's raw
(possibly gzipped) body, so that none of this parsing happens on the reactor thread.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
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
_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHUNK = 64 * 1024


@dataclass
class Listing:
    """The URLs of a sitemap or feed: ``kind`` is ``sitemap`` or ``feed`` ('' when the
    body is neither); ``truncated`` when the limit cut the list."""

    kind: str
    urls: list[str] = field(default_factory=list)
    truncated: bool = False
    lastmod: dict[str, str] = field(default_factory=dict)  # url -> ISO UTC, when given


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
    *limit*, with the entries' last-modified times where the listing gives them. Raises
    ``ValueError`` for a broken gzip stream or one over *max_size*."""
    if body[:2] == GZIP_MAGIC:
        body = gunzip(body, max_size)
    root = xml_root_name(body)
    if root in SITEMAP_ROOTS:
        entries, truncated = sitemap_entries(body, limit)
        return Listing("sitemap", [url for url, _ in entries], truncated,
                       {url: when for url, when in entries if when})
    if root in _FEED_ROOTS:
        entries = feed_entries(body, limit=limit + 1)
        return Listing("feed", [url for url, _ in entries[:limit]], len(entries) > limit,
                       {url: when for url, when in entries[:limit] if when})
    return Listing("")


def listing_time(value: str | None) -> str | None:
    """A sitemap ``<lastmod>`` (W3C datetime) or feed date (RFC 822 or RFC 3339) as ISO
    8601 UTC (``2026-11-27T07:15:33Z``); None when absent or unreadable.

    A bare date is read as the last moment of that day anywhere on Earth (UTC-12), so a
    page fetched earlier that day and changed later still counts as changed."""
    text = (value or "").strip()
    if not text:
        return None
    if _BARE_DATE.fullmatch(text):
        try:
            day = datetime.fromisoformat(text).replace(tzinfo=UTC)
        except ValueError:
            return None
        moment = day + timedelta(days=1, hours=12, seconds=-1)
        return moment.isoformat().replace("+00:00", "Z")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sitemap_entries(body: bytes, limit: int) -> tuple[list[tuple[str, str | None]], bool]:
    """``(loc, lastmod)`` of every ``<url>`` or ``<sitemap>`` entry, at most *limit*, and
    whether there were more. Elements are cleared as they are read."""
    entries: list[tuple[str, str | None]] = []
    events = etree.iterparse(BytesIO(body), events=("end",), **_PARSER_OPTIONS)
    try:
        for _event, element in events:
            if _local(element.tag) not in ("url", "sitemap"):
                continue
            loc = lastmod = None
            for child in element:
                name = _local(child.tag)
                if name == "loc":
                    loc = (child.text or "").strip()
                elif name == "lastmod":
                    lastmod = listing_time(child.text)
            element.clear()
            if loc:
                if len(entries) >= limit:
                    return entries, True
                entries.append((loc, lastmod))
    except etree.LxmlError:
        pass  # a broken sitemap keeps the entries read so far
    if entries and not body.rstrip().endswith(b">"):
        entries.pop()  # cut off mid-document: the last entry may be cut too
    return entries, False


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
    return [url for url, _ in feed_entries(body, limit)]


def feed_entries(body: bytes, limit: int = 50000) -> list[tuple[str, str | None]]:
    """``(link, updated)`` of the entries of a feed, in document order, at most *limit*;
    *updated* is the entry's update time (ISO UTC) when given."""
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    root = etree.fromstring(body, parser=parser)
    if root is None or _local(root.tag) not in _FEED_ROOTS:
        raise ValueError("not an RSS or Atom document")
    entries: list[tuple[str, str | None]] = []
    for entry in root.iter():
        if len(entries) >= limit:
            break
        name = _local(entry.tag)
        if name == "item":
            link = _rss_item_link(entry)
        elif name == "entry":
            link = _atom_entry_link(entry)
        else:
            continue
        if link:
            entries.append((link, _entry_time(entry)))
    return entries


# Only update times: an article corrected after publication keeps its publication date,
# so a feed's pubDate/published says nothing about whether the page changed since.
_TIME_TAGS = ("updated", "modified")


def _entry_time(entry: etree._Element) -> str | None:
    """The entry's last update time (Atom ``updated``, ``dc:modified``), if given."""
    times = [listing_time(child.text) for child in entry
             if _local(child.tag) in _TIME_TAGS]
    known = [t for t in times if t]
    return max(known) if known else None


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
