"""SSRF guard: never fetch private, loopback, link-local or reserved addresses of hosts
other than the configured sites.

The hosts of the spider's start URLs are trusted (a crawl of an intranet site or of a
local test server works); any other host is refused when its URL names a non-public IP
literal (this middleware) or when its name resolves to one (:class:`GuardedResolver`,
installed with ``TWISTED_DNS_RESOLVER``, so a public-looking name pointing at 127.0.0.1 or
169.254.169.254 is caught too). ``ARCHIVER_ALLOW_PRIVATE_ADDRESSES = True`` switches the
guard off.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scrapy import Request
    from scrapy.crawler import Crawler
    from twisted.internet.base import ReactorBase
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


def is_public_address(host: str) -> bool | None:
    """True/False for an IP literal (public or not), None for a host name."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def trusted_hosts(crawler: Any) -> frozenset[str]:
    """Hosts the operator asked for: those of the spider's start URLs. *crawler* may also
    be the crawler process (which builds the resolver): then all its crawlers count."""
    crawlers = getattr(crawler, "crawlers", None) or [crawler]
    urls = [url for c in crawlers for url in getattr(getattr(c, "spider", None), "start_urls", ())]
    return frozenset(host for url in urls if (host := (urlsplit(url).hostname or "").lower()))


class SsrfGuardMiddleware:
    """Refuse requests whose URL host is a non-public IP literal of an untrusted host."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._trusted: frozenset[str] | None = None

    @property
    def trusted(self) -> frozenset[str]:
        """The start URLs' hosts (fixed once the spider exists)."""
        if self._trusted is None:
            self._trusted = trusted_hosts(self.crawler)
        return self._trusted

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SsrfGuardMiddleware:
        if crawler.settings.getbool("ARCHIVER_ALLOW_PRIVATE_ADDRESSES"):
            raise NotConfigured
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        host = (urlparse_cached(request).hostname or "").lower()
        if not host or host in self.trusted:
            return
        public = is_public_address(host)
        if public is False:
            raise IgnoreRequest(f"SSRF guard: {host} is not a public address")
        if public is None:
            # Resolve now (through the guarded, caching resolver: the download reuses the
            # answer) so that a refusal is reported as such, not as a failed DNS lookup.
            from twisted.internet import reactor

            try:
                await maybe_deferred_to_future(reactor.resolve(host))
            except IgnoreRequest:
                raise
            except Exception:  # noqa: BLE001 - the download reports DNS failures itself
                return


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing names that resolve to non-public addresses
    unless the name is a trusted (start URL) host."""

    def __init__(self, reactor: ReactorBase, cache_size: int, timeout: float,
                 crawler: Any = None) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: ReactorBase) -> GuardedResolver:
        resolver = super().from_crawler(crawler, reactor)
        if not crawler.settings.getbool("ARCHIVER_ALLOW_PRIVATE_ADDRESSES"):
            resolver.crawler = crawler
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        d = super().getHostByName(name, timeout)
        if self.crawler is not None:
            d.addCallback(self._check, name)
        return d

    def _check(self, address: str, name: str) -> str:
        assert self.crawler is not None
        if is_public_address(address) is False and name.lower() not in trusted_hosts(
            self.crawler
        ):
            raise IgnoreRequest(f"SSRF guard: {name} resolves to non-public {address}")
        return address
