"""The ``news`` spider: discover article pages and hand them to extraction.

Start URLs may be home or section pages, RSS/Atom feeds, XML sitemaps or sitemap indexes
(plain or gzipped) and ``robots.txt`` files; each response is routed by its content, not
its URL. Links are followed within the start URLs' sites (registered domains), up to
``ARCHIVER_DEPTH`` link hops (entries of feeds and sitemaps count as start pages). HTML
pages are classified as articles or index pages; articles become
:class:`~archiver.items.Article` items, everything else only yields links. An article
page whose canonical link names another page (AMP, print, syndicated copy) is not archived
itself: its canonical page is, or the copy if the canonical page cannot be fetched.

Arguments (``-a NAME=VALUE``): ``start_urls`` (comma or whitespace separated),
``allowed_domains`` (optional, comma separated; default: the start URLs' sites).
Settings read: ``ARCHIVER_DEPTH``, ``ARCHIVER_FOLLOW_FROM_ARTICLES``,
``ARCHIVER_MAX_LINKS_PER_PAGE``, ``ARCHIVER_MAX_SITEMAP_URLS``, ``ARCHIVER_RUN_ID``.
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from archiver.extract import extract_article
from archiver.extract.charset import decode_body
from archiver.extract.classify import PageKind, classify_page, declared_canonical
from archiver.extract.feeds import feed_links, looks_like_feed
from archiver.extract.urls import canonicalize, resolve_canonical, site_of
from archiver.outcomes import ERROR, classify_failure, printable
from archiver.runinfo import new_run_id

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

_XML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:[\w-]+:)?(\w+)", re.S)
_GZIP_MAGIC = b"\x1f\x8b"


def split_urls(value: str | Iterable[str] | None) -> list[str]:
    """Start URLs from a ``-a start_urls=...`` string (comma/space separated) or a list."""
    if not value:
        return []
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item and item.strip()]


class NewsSpider(scrapy.Spider):
    """Crawl news sites from home pages, sections, feeds and sitemaps."""

    name = "news"

    def __init__(
        self,
        start_urls: str | list[str] | None = None,
        allowed_domains: str | list[str] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = split_urls(start_urls)
        if not self.start_urls:
            raise ValueError("the news spider needs start_urls (-a start_urls=URL[,URL...])")
        for url in self.start_urls:
            if not re.match(r"^https?://[^/\s]+", url):
                raise ValueError(f"start URL is not an absolute http(s) URL: {url!r}")
        sites = split_urls(allowed_domains) or [site_of(url) for url in self.start_urls]
        self.allowed_domains = sorted(set(sites))
        # Sites are matched by host in _follow_links: LinkExtractor(allow_domains) compares
        # host:port and so never matches a site served on a non-default port.
        self.link_extractor = LinkExtractor(unique=True)
        self.run_id = ""

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.run_id = settings.get("ARCHIVER_RUN_ID") or new_run_id()
        spider.follow_from_articles = settings.getbool("ARCHIVER_FOLLOW_FROM_ARTICLES", True)
        spider.max_depth = settings.getint("ARCHIVER_DEPTH", 3)
        spider.max_links = settings.getint("ARCHIVER_MAX_LINKS_PER_PAGE", 1000)
        spider.max_sitemap_urls = settings.getint("ARCHIVER_MAX_SITEMAP_URLS", 50000)
        spider.max_size = settings.getint("DOWNLOAD_MAXSIZE", 0)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # Filtered like any request: a start page linked again later is not fetched twice.
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    # --- routing ------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Route a response by what it is: sitemap, feed, robots.txt or HTML page."""
        body = self._body(response)
        if body is None:
            return
        if response.url.endswith("/robots.txt"):
            yield from self._parse_robots(response, body)
            return
        root = self._xml_root(body)
        if root in ("urlset", "sitemapindex"):
            yield from self._parse_sitemap(response, body)
        elif root in ("rss", "feed", "rdf") or looks_like_feed(body):
            yield from self._parse_feed(response, body)
        elif isinstance(response, TextResponse) and self._is_html(response):
            yield from self._parse_html(response)
        else:
            self._count("skipped/not_html")
            logger.info("Skipped %s: not HTML (Content-Type %s)", response.url,
                        response.headers.get(b"Content-Type", b"").decode("latin-1"))

    def _body(self, response: Response) -> bytes | None:
        body = response.body
        if body[:2] == _GZIP_MAGIC:
            try:
                body = gunzip(body, max_size=self.max_size)
            except Exception as exc:  # noqa: BLE001 - any gzip failure skips the page
                self._count("error/bad_gzip")
                logger.warning("Skipped %s: cannot gunzip (%s)", response.url, exc)
                return None
        if not body.strip():
            self._count("skipped/empty_body")
            logger.info("Skipped %s: empty body", response.url)
            return None
        return body

    @staticmethod
    def _xml_root(body: bytes) -> str:
        head = body[:2048]
        if b"<html" in head.lower():
            return ""
        match = _XML_START.match(head)
        return match.group(1).decode("ascii", "replace").lower() if match else ""

    @staticmethod
    def _is_html(response: TextResponse) -> bool:
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if "html" in ctype:
            return True
        head = response.body[:1024].lower()
        return b"<html" in head or b"<!doctype html" in head

    # --- discovery ----------------------------------------------------------------------

    def _parse_robots(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        for url in sitemap_urls_from_robots(body.decode("utf-8", "replace"), response.url):
            yield response.follow(url, callback=self.parse, errback=self.on_error)

    def _parse_sitemap(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        self._count("pages/sitemap")
        taken = 0
        try:
            sitemap = Sitemap(body)
            for entry in sitemap:
                loc = (entry.get("loc") or "").strip()
                if not loc:
                    continue
                if taken >= self.max_sitemap_urls:
                    self._count("limit/sitemap_urls")
                    logger.warning("Sitemap %s: stopped after %d URLs", response.url, taken)
                    break
                taken += 1
                yield self._follow(response, loc)
        except Exception as exc:  # noqa: BLE001 - a broken sitemap must not stop the crawl
            self._count("error/bad_sitemap")
            logger.warning("Broken sitemap %s after %d URLs: %s", response.url, taken, exc)

    def _parse_feed(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        self._count("pages/feed")
        try:
            links = feed_links(body, limit=self.max_sitemap_urls)
        except Exception as exc:  # noqa: BLE001 - a broken feed must not stop the crawl
            self._count("error/bad_feed")
            logger.warning("Broken feed %s: %s", response.url, exc)
            return
        for link in links:
            yield self._follow(response, link)

    def _decoded(self, response: TextResponse) -> tuple[TextResponse, str]:
        """The response re-decoded where its declared charset lies, and its text."""
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        text, encoding = decode_body(response.body, ctype)
        if codecs.lookup(encoding).name != codecs.lookup(response.encoding).name:
            self._count("charset_corrected")
            logger.info("Decoded %s as %s, not %s as declared", response.url, encoding,
                        response.encoding)
            response = response.replace(body=text.encode("utf-8"), encoding="utf-8")
        return response, text

    def _parse_html(self, response: TextResponse) -> Iterator[Any]:
        response, text = self._decoded(response)
        tree = response.selector.root
        kind = classify_page(tree, response.url)
        self._count(f"pages/{kind}")
        if kind is PageKind.ARTICLE:
            canonical = resolve_canonical(response.url, declared_canonical(tree))
            if self._is_alias(response, canonical):
                # An AMP, print or tracking copy: archive the page it names as canonical,
                # falling back to this copy only if that page cannot be fetched.
                self._count("pages/alias")
                yield scrapy.Request(
                    canonical, callback=self.parse, errback=self.on_canonical_error,
                    meta={"alias_of": response.url, "hops": response.meta.get("hops", 0)},
                )
                return
            article = self._extract(text, response.url)
            if article is not None:
                yield article
            if not self.follow_from_articles:
                return
        yield from self._follow_links(response)

    def _follow_links(self, response: TextResponse) -> Iterator[scrapy.Request]:
        hops = response.meta.get("hops", 0) + 1
        if hops > self.max_depth:
            self._count("limit/depth")
            return
        sites = set(self.allowed_domains)
        links = [
            link for link in self.link_extractor.extract_links(response)
            if site_of(link.url) in sites
        ]
        if len(links) > self.max_links:
            self._count("limit/links_per_page")
            logger.info("Page %s: %d links, following the first %d", response.url,
                        len(links), self.max_links)
            links = links[: self.max_links]
        for link in links:
            yield self._follow(response, link.url, hops=hops)

    def _follow(self, response: Response, url: str, *, hops: int | None = None) -> scrapy.Request:
        """A request for *url* found on *response*; feed and sitemap entries keep the
        hop count of the feed or sitemap, links on pages add one."""
        # Canonical form first: tracking-parameter and fragment aliases are never fetched twice.
        target = canonicalize(response.urljoin(url))
        hops = response.meta.get("hops", 0) if hops is None else hops
        return scrapy.Request(target, callback=self.parse, errback=self.on_error,
                              meta={"hops": hops})

    @staticmethod
    def _is_alias(response: TextResponse, canonical: str) -> bool:
        if response.meta.get("alias_of") or response.meta.get("alias_fallback"):
            return False  # reached through a canonical link already: never chase twice
        return canonical != canonicalize(response.url)

    def on_canonical_error(self, failure: Failure) -> scrapy.Request:
        """The canonical page of an alias failed: count it, then archive the alias."""
        self.on_error(failure)
        meta = failure.request.meta  # type: ignore[attr-defined]
        alias = meta["alias_of"]
        logger.info("Canonical page failed, archiving its alias %s instead", alias)
        return scrapy.Request(alias, callback=self.parse, errback=self.on_error, dont_filter=True,
                              meta={"alias_fallback": True, "hops": meta.get("hops", 0)})

    # --- extraction ---------------------------------------------------------------------

    def _extract(self, text: str, url: str) -> Any:
        try:
            return extract_article(text, url)
        except Exception as exc:  # noqa: BLE001 - one bad page never stops the crawl
            self._count("error/extract")
            logger.warning("Extraction failed for %s: %s: %s", url, type(exc).__name__, exc)
            return None

    # --- accounting ---------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request with its URL and reason."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(CloseSpider):
            return
        kind, reason = classify_failure(failure)
        self._count(f"{kind}/{reason}")
        level = logging.WARNING if kind == ERROR else logging.INFO
        logger.log(level, "%s %s: %s (%s)", "Failed" if kind == ERROR else "Skipped",
                   request.url, reason, printable(failure.getErrorMessage()))

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"archiver/{key}")
