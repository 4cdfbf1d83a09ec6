"""Everything the crawler needs from one HTML page, computed in one place (and, in a
crawl, in a worker process): what kind of page it is, its in-site links, its canonical
URL and, for an article, the extracted record.

Pure and picklable: text and URL in, :class:`PageResult` out; no Scrapy imports, so the
worker processes stay small and the function is testable offline.
"""

from __future__ import annotations

import codecs
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from archiver.archive import neardup
from archiver.extract.article import extract_page
from archiver.extract.charset import declared_encoding, decode_body
from archiver.extract.classify import PageKind, classify_page
from archiver.extract.document import parse
from archiver.extract.metadata import declared_canonical
from archiver.extract.page import Page
from archiver.extract.urls import canonicalize, join_url, resolve_canonical, site_of_host

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from archiver.extract.overrides import Overrides
    from archiver.items import Article

ALIAS = "alias"
EMPTY = "empty"

# Links to these are files, not pages: never requested (content sniffing catches the rest).
_BINARY_EXTENSIONS = (
    ".7z .aac .apk .avi .bin .bmp .bz2 .css .csv .deb .dmg .doc .docx .eot .epub .exe .flac "
    ".flv .gif .gz .heic .ico .iso .jar .jpeg .jpg .js .json .m4a .m4v .mkv .mov .mp3 .mp4 "
    ".mpeg .mpg .msi .odp .ods .odt .ogg .otf .pdf .png .ppt .pptx .ps .psd .rar .rpm .svg "
    ".tar .tgz .tif .tiff .ttf .wav .webm .webp .wma .wmv .woff .woff2 .xls .xlsx .xz .zip"
)
BINARY_EXTENSIONS = frozenset(_BINARY_EXTENSIONS.split())


@dataclass
class PageResult:
    """The outcome of processing one HTML page."""

    kind: str
    canonical: str
    article: Article | None = None
    links: list[str] = field(default_factory=list)
    links_found: int = 0
    encoding: str = ""
    charset_corrected: bool = False


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def _is_discovery_link(link: HtmlElement) -> bool:
    """``<link>`` elements worth following: feeds (``rel=alternate``) and pagination."""
    rel = (link.get("rel") or "").lower().split()
    if "next" in rel:
        return True
    return "alternate" in rel and (link.get("type") or "").lower().startswith(_FEED_TYPES)


def page_links(root: HtmlElement, url: str, sites: frozenset[str], limit: int) -> tuple[
    list[str], int
]:
    """Canonical in-site links of *root* (anchors, feeds announced with ``<link
    rel=alternate>``, ``rel=next`` pagination), in document order, at most *limit*; and
    how many distinct ones there were."""
    base = url
    for element in root.iter("base"):
        if element.get("href"):
            base = join_url(url, element.get("href", "").strip()) or url
            break
    seen: dict[str, None] = {}
    hrefs: set[str] = set()  # navigation repeats links: each is resolved once
    for element in root.iter("a", "area", "link"):
        if element.tag == "link" and not _is_discovery_link(element):
            continue
        href = (element.get("href") or "").strip()
        if not href or href in hrefs or href.startswith(
                ("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        hrefs.add(href)
        absolute = href if href.startswith(("http://", "https://")) else join_url(base, href)
        target = link_target(absolute, sites) if absolute else None
        if target is not None:
            seen.setdefault(target, None)
    links = list(seen)
    return links[:limit], len(links)


@lru_cache(maxsize=16384)
def link_target(absolute: str, sites: frozenset[str]) -> str | None:
    """The canonical URL of the absolute link *absolute* when it is an http(s) page on one
    of *sites*, else None. Cached: a site's navigation, footer and teasers repeat the same
    links on every page, and a worker processes many pages of a site. A malformed link
    (``http://[x``) is None: one broken link never fails its page."""
    try:
        parts = urlsplit(absolute)
        host = parts.hostname
        if parts.scheme not in ("http", "https") or not host:
            return None
        if posixpath.splitext(parts.path)[1].lower() in BINARY_EXTENSIONS:
            return None
        if site_of_host(host) not in sites:
            return None
        return canonicalize(absolute)  # (reads the port: "http://a:-1/" is refused here)
    except ValueError:
        return None


def process_page(
    html: str | bytes,
    url: str,
    sites: frozenset[str],
    *,
    content_type: str | None = None,
    max_links: int = 1000,
    follow_links: bool = True,
    follow_from_articles: bool = True,
    resolve_aliases: bool = True,
    own_canonical: bool = False,
    overrides: Overrides | None = None,
) -> PageResult:
    """Classify the page at *url*, collect its links and extract its article.

    *html* may be the raw response body (decoded here, by :func:`decode_body`, with the
    HTTP *content_type* as evidence) or text. An article page whose canonical URL is
    another page (AMP, print or syndicated copy) comes back as ``alias`` with no record,
    unless *resolve_aliases* is false; with *own_canonical* its canonical link is ignored
    (it was followed and led to no article). *overrides*: the site profile's selectors for
    fields generic extraction gets wrong on this site.
    """
    encoding, corrected = "", False
    if isinstance(html, bytes):
        text, encoding = decode_body(html, content_type)
        declared = declared_encoding(html, content_type)
        corrected = declared is not None and codecs.lookup(declared) != codecs.lookup(encoding)
    else:
        text = html
    result = _process(text, url, sites, max_links, follow_links, follow_from_articles,
                      resolve_aliases, own_canonical, overrides)
    result.encoding, result.charset_corrected = encoding, corrected
    if result.article is not None:
        result.article.fingerprint = neardup.fingerprint(result.article.body)
        result.article.lsh_keys = tuple(neardup.lsh_keys(result.article.fingerprint))
    return result


def _process(text: str, url: str, sites: frozenset[str], max_links: int, follow_links: bool,
             follow_from_articles: bool, resolve_aliases: bool, own_canonical: bool,
             overrides: Overrides | None = None) -> PageResult:
    root = parse(text)
    if root is None:
        return PageResult(EMPTY, canonicalize(url))
    page = Page(url=url, root=root)  # parsed once: classification, links and extraction
    kind = classify_page(page)
    links: list[str] = []
    found = 0
    if follow_links and (kind is PageKind.INDEX or follow_from_articles):
        links, found = page_links(root, url, sites, max_links)
    if kind is not PageKind.ARTICLE:
        return PageResult(str(kind), canonicalize(url), links=links, links_found=found)
    declared = None if own_canonical else declared_canonical(page)
    canonical = resolve_canonical(url, declared, sites)
    if resolve_aliases and canonical != canonicalize(url):
        return PageResult(ALIAS, canonical, links=links, links_found=found)
    article = extract_page(page, overrides=overrides, canonical_link=not own_canonical)
    return PageResult(str(kind), canonical, article=article, links=links, links_found=found)
