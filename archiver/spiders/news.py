"""The ``news`` spider: discover article pages and hand them to extraction.

Start URLs may be home or section pages, RSS/Atom feeds, XML sitemaps or sitemap indexes
(plain or gzipped) and ``robots.txt`` files; each response is routed by its content, not
its URL. Links are followed within the start URLs' sites (registered domains), up to
``ARCHIVER_DEPTH`` link hops. Pages listed in feeds and sitemaps are fetched, but their
own links are not followed (``ARCHIVER_FOLLOW_FROM_LISTED``): a feed or sitemap is an
explicit list, and following every entry's links would re-crawl the whole site each run.

HTML pages go to a pool of worker processes (:mod:`archiver.workers`) which classify
them, collect their links and extract articles; sitemaps and feeds are gunzipped and
parsed there too. The reactor thread only downloads and routes. An article page whose
canonical link names another page (AMP, print, syndicated copy) is not archived itself:
its canonical page is, or the copy if the canonical page gives no article: it failed, it
is an index page, it names the copy back (a canonical loop, a canonical URL redirecting to
the copy), or its request was refused as a duplicate of one that gave no article.

Arguments (``-a NAME=VALUE``): ``start_urls`` (comma or whitespace separated),
``allowed_domains`` (optional, comma separated; default: the start URLs' sites),
``skip_patterns`` (regexes, whitespace separated: matching URLs are never requested),
``article_patterns`` (regexes: only matching pages are archived, the others are still
followed as index pages), ``site`` and ``sites``: crawl the site profile ``site`` of the
``sites.toml`` at ``sites`` (default ``./sites.toml``; :mod:`archiver.profiles`), which
gives all of the above, selector overrides, and its politeness and budget settings (at
``spider`` priority: ``-s`` still wins).
Settings read: ``ARCHIVER_DEPTH``, ``ARCHIVER_FOLLOW_FROM_ARTICLES``,
``ARCHIVER_FOLLOW_FROM_LISTED``,
``ARCHIVER_MAX_LINKS_PER_PAGE``, ``ARCHIVER_MAX_SITEMAP_URLS``, ``ARCHIVER_RUN_ID``,
``ARCHIVER_WORKERS``, ``ARCHIVER_WORKER_TIMEOUT``, ``ARCHIVER_WORKER_MEMORY_MB``,
``ARCHIVER_WORKER_MAX_PENDING``, ``DOWNLOAD_MAXSIZE``.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import sitemap_urls_from_robots

from archiver.archive.warc import PendingCapture
from archiver.extract.charset import utf16_text
from archiver.extract.feeds import (
    GZIP_MAGIC,
    LISTING_ROOTS,
    Listing,
    read_listing,
    xml_root_name,
)
from archiver.extract.urls import canonicalize, join_url, site_of
from archiver.items import Article
from archiver.outcomes import ERROR, classify_failure, printable
from archiver.pages import ALIAS, PageResult
from archiver.profiles import DEFAULT_FILE, SiteProfile, compile_patterns, matches, select_profiles
from archiver.runinfo import new_run_id
from archiver.workers import PageFailed, PagePool, default_workers, start_server

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Iterator

    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

# What a URL gave in this run, for the alias pages waiting on it as their canonical page.
ARTICLE = "article"  # an article (or one archived before and unchanged since)
NO_ARTICLE = "page"  # fetched, but no article: an index page, an alias, not HTML
FAILED = "failed"  # not fetched: an error, robots.txt, the page budget...
_ARCHIVED_SKIPS = frozenset({"fresh", "not_modified"})

_BINARY_MAGIC = (b"%PDF", b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"PK\x03\x04", b"RIFF",
                 b"\x00\x00\x00", b"OggS", b"ID3", b"\x7fELF")
_CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32)) + b"\x7f"  # never in text


def split_urls(value: str | Iterable[str] | None) -> list[str]:
    """Start URLs from a ``-a start_urls=...`` string (comma/space separated) or a list."""
    if not value:
        return []
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item and item.strip()]


def split_patterns(value: str | Iterable[str] | None) -> list[str]:
    """URL regexes from a ``-a skip_patterns=...`` string (whitespace separated: write a
    space as ``\\s``) or a list."""
    if not value:
        return []
    items = value.split() if isinstance(value, str) else list(value)
    return [item for item in items if item]


def looks_binary(body: bytes) -> bool:
    """Whether *body* is a file (PDF, image, archive...) rather than text, by its bytes:
    a known signature, or zero bytes among many control bytes (a few stray NULs in a
    page's text do not make it a file). UTF-16 text has zero bytes too: it is text."""
    head = body[:1024]
    if head.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" not in head or utf16_text(head) is not None:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 20 > len(head)


class NewsSpider(scrapy.Spider):
    """Crawl news sites from home pages, sections, feeds and sitemaps."""

    name = "news"

    def __init__(
        self,
        start_urls: str | list[str] | None = None,
        allowed_domains: str | list[str] | None = None,
        *args: Any,
        site: str | None = None,
        sites: str | None = None,
        skip_patterns: str | list[str] | None = None,
        article_patterns: str | list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.profile: SiteProfile | None = None
        if site:
            self.profile = select_profiles(sites or DEFAULT_FILE, [site])[0]
            start_urls = start_urls or self.profile.urls
            allowed_domains = allowed_domains or self.profile.domains
            skip_patterns = skip_patterns or list(self.profile.skip_patterns)
            article_patterns = article_patterns or list(self.profile.article_patterns)
        self.overrides = self.profile.selectors if self.profile else None
        self.skip_patterns = compile_patterns(split_patterns(skip_patterns))
        self.article_patterns = compile_patterns(split_patterns(article_patterns))
        self.start_urls = split_urls(start_urls)
        if not self.start_urls:
            raise ValueError("the news spider needs start_urls (-a start_urls=URL[,URL...])")
        for url in self.start_urls:
            if not re.match(r"^https?://[^/\s]+", url):
                raise ValueError(f"start URL is not an absolute http(s) URL: {url!r}")
        sites = split_urls(allowed_domains) or [site_of(url) for url in self.start_urls]
        self.allowed_domains = sorted(set(sites))
        self.sites = frozenset(self.allowed_domains)
        self.run_id = ""
        self.pages: PagePool | None = None
        # Canonical URL -> what it gave (ARTICLE, NO_ARTICLE, FAILED) in this run, and what
        # waits for that: the meta of alias pages, or URLs that redirected to it.
        self._outcomes: dict[str, str] = {}
        self._waiting: dict[str, list[dict[str, Any] | str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        if spider.profile is not None and not settings.frozen:
            # Still mutable here (Scrapy applies settings after creating the spider).
            settings.setdict(spider.profile.settings(), priority="spider")
        elif spider.profile is not None:
            logger.warning("Settings of site profile %s not applied: settings are frozen",
                           spider.profile.name)
        spider.run_id = settings.get("ARCHIVER_RUN_ID") or new_run_id()
        spider.max_depth = settings.getint("ARCHIVER_DEPTH", 3)
        spider.incremental = settings.getbool("ARCHIVER_INCREMENTAL", True)
        spider.follow_from_articles = settings.getbool("ARCHIVER_FOLLOW_FROM_ARTICLES", True)
        spider.follow_from_listed = settings.getbool("ARCHIVER_FOLLOW_FROM_LISTED", False)
        spider.max_links = settings.getint("ARCHIVER_MAX_LINKS_PER_PAGE", 1000)
        spider.max_sitemap_urls = settings.getint("ARCHIVER_MAX_SITEMAP_URLS", 50000)
        spider.max_size = settings.getint("DOWNLOAD_MAXSIZE", 0)
        if settings.getint("ARCHIVER_WORKERS", -1) != 0:
            start_server()  # its warm-up overlaps the rest of the crawler's start-up
        crawler.signals.connect(spider.open_pool, signal=signals.spider_opened)
        crawler.signals.connect(spider.close_pool, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_request_dropped, signal=signals.request_dropped)
        return spider

    def open_pool(self) -> None:
        """Start the worker processes (``ARCHIVER_WORKERS``; -1: one per core)."""
        settings = self.crawler.settings
        workers = settings.getint("ARCHIVER_WORKERS", -1)
        self.pages = PagePool(
            workers=default_workers() if workers < 0 else workers,
            timeout=settings.getfloat("ARCHIVER_WORKER_TIMEOUT", 30.0),
            max_pending=settings.getint("ARCHIVER_WORKER_MAX_PENDING", 0),
            memory_mb=settings.getint("ARCHIVER_WORKER_MEMORY_MB", 2048),
            max_tasks_per_worker=settings.getint("ARCHIVER_WORKER_MAX_TASKS", 5000),
        )

    def close_pool(self) -> None:
        if self.pages is not None:
            self.pages.close()
            self.pages = None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # Filtered like any request: a start page linked again later is not fetched twice.
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    # --- routing ------------------------------------------------------------------------

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Route a response by what it is: sitemap or feed, robots.txt, HTML page; then
        settle what its URL gave, for alias pages waiting on it as their canonical page."""
        outcome = NO_ARTICLE
        try:
            async for output in self._route(response):
                if isinstance(output, Article):
                    outcome = ARTICLE
                yield output
        finally:
            meta = response.meta
            self._settle([*meta.get("redirect_urls", ()), response.url], outcome)
            if meta.get("alias_of"):  # this is the canonical page of an alias page
                self._resolve(meta, outcome)

    async def _route(self, response: Response) -> AsyncIterator[Any]:
        body = response.body
        if not body.strip():
            self._count("skipped/empty_body")
            logger.info("Skipped %s: empty body", response.url)
            return
        if response.url.endswith("/robots.txt"):
            for request in self._parse_robots(response, body):
                yield request
        elif body[:2] == GZIP_MAGIC or self._xml_root(body) in LISTING_ROOTS:
            async for request in self._parse_listing(response):
                yield request
        elif isinstance(response, TextResponse) and self._is_html(response):
            async for output in self._parse_html(response):
                yield output
        else:
            self._skip_not_html(response)

    def _skip_not_html(self, response: Response) -> None:
        self._count("skipped/not_html")
        logger.info("Skipped %s: not HTML (Content-Type %s)", response.url,
                    printable(response.headers.get(b"Content-Type", b"").decode("latin-1")))

    @staticmethod
    def _xml_root(body: bytes) -> str:
        """The local name of the document's root element if it is XML, else ''."""
        head = body[:2048].lower()
        if b"<html" in head or b"<!doctype html" in head:
            return ""
        return xml_root_name(body)

    @staticmethod
    def _is_html(response: TextResponse) -> bool:
        if looks_binary(response.body):
            return False
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if "html" in ctype:
            return True
        head = response.body[:1024]
        text = (utf16_text(head) or head.decode("latin-1")).lower()
        return "<html" in text or "<!doctype html" in text

    # --- discovery ----------------------------------------------------------------------

    def _parse_robots(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        for url in sitemap_urls_from_robots(body.decode("utf-8", "replace"), response.url):
            request = self._request(url, base=response.url, hops=response.meta.get("hops", 0))
            if request is not None:
                yield request

    async def _parse_listing(self, response: Response) -> AsyncIterator[scrapy.Request]:
        """Requests for the entries of a sitemap, sitemap index or feed. Gunzipping and
        parsing (up to ``DOWNLOAD_MAXSIZE`` bytes) happen in a worker, off the reactor."""
        gzipped = response.body[:2] == GZIP_MAGIC
        assert self.pages is not None
        try:
            listing: Listing = await self.pages.run(
                read_listing, response.body, self.max_sitemap_urls, self.max_size)
        except PageFailed as exc:
            reason = exc.reason if exc.reason != "extract" else (
                "bad_gzip" if gzipped else "bad_listing")
            self._count(f"error/{reason}")
            logger.warning("Broken sitemap or feed %s: %s (%s)", response.url, reason,
                           printable(exc.detail))
            return
        if not listing.kind:
            self._skip_not_html(response)  # a gzip file that is no sitemap or feed
            return
        self._count(f"pages/{listing.kind}")
        if listing.truncated:
            self._count("limit/sitemap_urls")
            logger.warning("%s %s: stopped after %d URLs", listing.kind.capitalize(),
                           response.url, len(listing.urls))
        hops = response.meta.get("hops", 0)
        for url in listing.urls:
            lastmod = listing.lastmod.get(url)
            # With a lastmod, the entry is requested even if a link led to the page first
            # in this run: the incremental middleware decides with the date (and never
            # fetches a page twice in a run).
            request = self._request(url, base=response.url, hops=hops, listed=True,
                                    lastmod=lastmod,
                                    dont_filter=bool(lastmod) and self.incremental)
            if request is not None:
                yield request

    def _request(self, url: str, *, hops: int, base: str | None = None,
                 dont_filter: bool = False, **meta: Any) -> scrapy.Request | None:
        """A request for a discovered *url* (relative to *base*, if given), or None when
        ``skip_patterns`` exclude it or it is malformed (``http://[x``: counted as
        ``skipped/bad_url``; the listing's other entries are still followed)."""
        # links from the workers are canonical already: only listing entries are joined
        # here, on the reactor thread
        absolute = join_url(base, url) if base is not None else url
        if absolute is not None and self.skip_patterns and matches(self.skip_patterns, absolute):
            self._count("skipped/skip_pattern")
            return None
        try:
            # Canonical form first: tracking-parameter and fragment aliases are never
            # fetched twice.
            canonical = canonicalize(absolute) if absolute is not None else None
        except ValueError:  # (a host IDNA cannot encode)
            canonical = None
        if canonical is None:
            self._count("skipped/bad_url")
            logger.info("Skipped %s: malformed URL", printable(url))
            return None
        return scrapy.Request(canonical, callback=self.parse, errback=self.on_error,
                              meta={"hops": hops, **meta}, dont_filter=dont_filter)

    # --- pages --------------------------------------------------------------------------

    async def _parse_html(self, response: TextResponse) -> AsyncIterator[Any]:
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
        hops = response.meta.get("hops", 0) + 1
        listed = bool(response.meta.get("listed"))
        follow = hops <= self.max_depth and (self.follow_from_listed or not listed)
        chased = bool(response.meta.get("alias_of") or response.meta.get("alias_fallback"))
        assert self.pages is not None
        try:
            # Raw bytes: decoding, like parsing, happens in the worker, off the reactor.
            result: PageResult = await self.pages.process(
                response.body, response.url, self.sites, content_type=ctype,
                max_links=self.max_links, follow_links=follow,
                follow_from_articles=self.follow_from_articles, resolve_aliases=not chased,
                own_canonical=bool(response.meta.get("own_canonical")),
                overrides=self.overrides or None,
            )
        except PageFailed as exc:
            self._count(f"error/{exc.reason}")
            logger.warning("Failed %s: %s (%s)", response.url, exc.reason, printable(exc.detail))
            return
        self._count(f"pages/{result.kind}")
        if result.charset_corrected:
            self._count("charset_corrected")
            logger.info("Decoded %s as %s, not as its declared charset", response.url,
                        result.encoding)
        if hops > self.max_depth:
            self._count("limit/depth")
        if result.links_found > len(result.links):
            self._count("limit/links_per_page")
            logger.info("Page %s: %d links, following the first %d", response.url,
                        result.links_found, len(result.links))
        if result.kind == ALIAS:
            # An AMP, print or tracking copy: archive the page it names as canonical,
            # falling back to this copy only if that page cannot be fetched.
            yield scrapy.Request(result.canonical, callback=self.parse,
                                 errback=self.on_canonical_error,
                                 meta={"alias_of": response.url, "hops": hops - 1,
                                       "listed": listed})
        elif result.article is not None:
            if self.article_patterns and not (matches(self.article_patterns, response.url)
                                              or matches(self.article_patterns,
                                                         result.canonical)):
                self._count("dropped/article_pattern")
                logger.info("Not archived %s: no article_patterns match", response.url)
            else:
                result.article.capture = self._capture(response)
                # The URLs that led here: redirects, and an alias page naming this page as
                # canonical (an archived article whose canonical link changed has moved).
                result.article.redirected_from = [
                    *response.meta.get("redirect_urls", ()),
                    *([response.meta["alias_of"]] if response.meta.get("alias_of") else [])]
                yield result.article
        for link in result.links:
            if (request := self._request(link, hops=hops)) is not None:
                yield request

    def on_canonical_error(self, failure: Failure) -> None:
        """The request for the canonical page of an alias page failed: count it; archive
        the alias page unless the canonical page is archived and unchanged, or was already
        requested in this run (then it waits for what that request gave)."""
        reason = self._failed(failure)
        request = failure.request  # type: ignore[attr-defined]
        if reason is None:
            return
        if reason == "already_fetched":
            self._when_settled(request.url, request.meta)
        elif reason not in _ARCHIVED_SKIPS:
            self._resolve(request.meta, FAILED)

    def on_request_dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        """The duplicate filter refused *request*: its URL was requested before in this
        run. An alias page whose canonical request it is, and the URLs that redirected to
        it, get what that earlier request gave (a canonical loop, or a canonical URL that
        redirects back to the alias page, ends here)."""
        for url in request.meta.get("redirect_urls", ()):
            self._when_settled(request.url, canonicalize(url))
        if request.meta.get("alias_of"):
            self._when_settled(request.url, request.meta)

    def _settle(self, urls: Iterable[str], outcome: str) -> None:
        """Record what *urls* gave in this run (the first outcome counts) and pass it on
        to what waits for them."""
        for url in urls:
            key = canonicalize(url)
            if key in self._outcomes:
                continue
            self._outcomes[key] = outcome
            for waiter in self._waiting.pop(key, ()):
                self._resolve(waiter, outcome)

    def _when_settled(self, url: str, waiter: dict[str, Any] | str) -> None:
        """Resolve *waiter* (an alias page's request meta, or a URL) with what *url* gave,
        now or once it is known."""
        key = canonicalize(url)
        if key in self._outcomes:
            self._resolve(waiter, self._outcomes[key])
        else:
            self._waiting.setdefault(key, []).append(waiter)

    def _resolve(self, waiter: dict[str, Any] | str, outcome: str) -> None:
        if isinstance(waiter, str):
            self._settle([waiter], outcome)
        elif outcome != ARTICLE:
            self._keep_alias(waiter, own_canonical=outcome == NO_ARTICLE)

    def _keep_alias(self, meta: dict[str, Any], *, own_canonical: bool) -> None:
        """Archive the alias page of the canonical request *meta*: its canonical page gave
        no article. When that page was fetched (an index page, another alias page, the
        alias page itself), the canonical link is wrong and the alias page is its own
        canonical page; when it failed, it keeps its canonical URL (the page may be back
        next time)."""
        alias = meta["alias_of"]
        self._count("pages/alias_kept")
        logger.info("Canonical page of %s gave no article (%s), archiving the page itself",
                    alias, "no article there" if own_canonical else "failed")
        request = scrapy.Request(alias, callback=self.parse, errback=self.on_error,
                                 dont_filter=True,
                                 meta={"alias_fallback": True, "hops": meta.get("hops", 0),
                                       "listed": meta.get("listed", False),
                                       "own_canonical": own_canonical})
        self.crawler.engine.crawl(request)

    @staticmethod
    def _capture(response: Response) -> PendingCapture:
        """The HTTP exchange of *response*; its WARC record is built only if the record is
        written (the archive session does it)."""
        def pairs(headers: Any) -> list[tuple[str, str]]:
            return [(name.decode("latin-1"), value.decode("latin-1"))
                    for name, values in headers.items() for value in values]
        request = response.request
        return PendingCapture(response.url, response.status, pairs(response.headers),
                              response.body,
                              pairs(request.headers) if request is not None else None)

    # --- accounting ---------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        """Count and log a failed request with its URL and reason."""
        self._failed(failure)

    def _failed(self, failure: Failure) -> str | None:
        """Count and log a failed request; its reason (None: the crawl is closing)."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(CloseSpider):
            return None
        kind, reason = classify_failure(failure)
        if reason != "already_fetched":
            self._settle([*request.meta.get("redirect_urls", ()), request.url],
                         ARTICLE if reason in _ARCHIVED_SKIPS else FAILED)
        self._count(f"{kind}/{reason}")
        level = logging.WARNING if kind == ERROR else logging.INFO
        logger.log(level, "%s %s: %s (%s)", "Failed" if kind == ERROR else "Skipped",
                   request.url, reason, printable(failure.getErrorMessage()))
        return reason

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"archiver/{key}")
