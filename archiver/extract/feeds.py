"""Article links from RSS 2.0, RSS 1.0 (RDF) and Atom feeds.

Parsed with an lxml parser that never resolves entities, loads DTDs or touches the
network, so entity-expansion bombs and external entities are inert.
"""

from __future__ import annotations

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
