"""Incremental re-runs: fetch only what is new or changed since the archive last saw it.

Uses what the archive's state store remembers of every fetched URL (its ETag and
Last-Modified, when it was fetched, and whether it holds an archived article):

- a known **article** page is not requested at all when a sitemap or feed lists it with a
  ``lastmod``/date no later than its last fetch, or, when nothing says when it changed,
  when it was fetched less than ``ARCHIVER_REFETCH_AFTER`` hours ago (counted as
  ``archiver/skipped/fresh``);
- every other known URL (feeds, sitemaps, section pages, and articles due for a check)
  is requested conditionally (``If-None-Match`` / ``If-Modified-Since``); a ``304 Not
  Modified`` answer ends there (``archiver/skipped/not_modified``): nothing to parse or
  re-extract;
- validators and fetch times of ``200`` responses are remembered for the next run; they
  are only used once their run has crawled to its end (``finished``): after an
  interrupted run, a feed or sitemap is fetched in full again, since the pages it lists
  may never have been crawled.

Settings read: ``ARCHIVER_INCREMENTAL``
(off: every page is fetched in full every run), ``ARCHIVER_REFETCH_AFTER``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest, NotConfigured

from archiver.archive.state import Validators
from archiver.runinfo import run_id_of, utc_now_iso
from pipelines.session import SharedSession

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from archiver.archive.state import StateStore


class NotModified(IgnoreRequest):
    """The server answered 304: the page did not change since the last run."""


class Fresh(IgnoreRequest):
    """A known article that cannot have changed since it was fetched: not requested."""


class IncrementalMiddleware:
    """Skip known-unchanged articles; make conditional requests; remember validators."""

    def __init__(self, crawler: Crawler, refetch_after_hours: float) -> None:
        self.crawler = crawler
        self.shared = SharedSession.of(crawler)
        self.refetch_after = timedelta(hours=refetch_after_hours)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        if not crawler.settings.getbool("ARCHIVER_INCREMENTAL", True):
            raise NotConfigured
        return cls(crawler, crawler.settings.getfloat("ARCHIVER_REFETCH_AFTER", 168.0))

    def _store(self) -> StateStore | None:
        # The pipelines open the archive session before the first request is sent.
        session = self.shared.session
        return session.store if session is not None else None

    def process_request(self, request: Request, spider: Any = None) -> None:
        store = self._store()
        if store is None or request.url.endswith("/robots.txt"):
            return
        if request.meta.get("alias_fallback"):
            return
        known = store.validators(request.url)
        if known is None:
            return
        if known.article_id is not None and known.fetched_at and self._fresh(request, known):
            raise Fresh(f"fresh: {request.url} is archived and unchanged since {known.fetched_at}")
        if known.etag:
            request.headers.setdefault(b"If-None-Match", known.etag.encode("latin-1"))
        if known.last_modified:
            request.headers.setdefault(b"If-Modified-Since",
                                       known.last_modified.encode("latin-1"))

    def _fresh(self, request: Request, known: Validators) -> bool:
        fetched = known.fetched_at or ""
        lastmod = request.meta.get("lastmod")
        if lastmod:
            return bool(lastmod <= fetched)  # both ISO 8601 UTC with "Z": order is time order
        try:
            when = datetime.fromisoformat(fetched.replace("Z", "+00:00"))
        except ValueError:
            return False
        return datetime.now(UTC) - when < self.refetch_after

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Response:
        store = self._store()
        if store is None:
            return response
        if response.status == 304:
            raise NotModified(f"not modified: {request.url} is unchanged since the last run")
        if response.status == 200:
            header = response.headers.get
            etag, modified = header(b"ETag"), header(b"Last-Modified")
            store.set_validators(response.url, Validators(
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
                fetched_at=utc_now_iso()), run_id=run_id_of(self.crawler))
            store.commit()
        return response
