"""Incremental re-runs: fetch only what is new or changed since the archive last saw it.

Uses what the archive's state store remembers of every fetched URL (its ETag and
Last-Modified, when it was fetched, and whether it holds an archived article):

- a known **article** page is not requested at all when a sitemap or feed lists it with a
  ``lastmod`` or update time no later than its last fetch, or, when nothing says when it
  changed, when it was fetched less than ``ARCHIVER_REFETCH_AFTER`` hours ago (default 0:
  it is checked, conditionally) (counted as ``archiver/skipped/fresh``);
- known feeds, sitemaps and articles due for a check are requested conditionally
  (``If-None-Match`` / ``If-Modified-Since``). A ``304 Not Modified`` article ends there
  (``archiver/skipped/not_modified``): nothing to parse or re-extract. A ``304`` feed or
  sitemap is read from the copy kept at ``<root>/cache/listings/`` when it was last
  fetched, so its entries and their ``lastmod`` are known without downloading it. Home
  and section pages are always read in full: the articles they link may have changed even
  when the page did not;
- validators and fetch times of ``200`` responses are remembered for the next run; they
  are only used once their run has crawled to its end (``finished``): after an
  interrupted run, a feed or sitemap is fetched in full again, since the pages it lists
  may never have been crawled.

Settings read: ``ARCHIVER_INCREMENTAL``
(off: every page is fetched in full every run), ``ARCHIVER_REFETCH_AFTER``.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest, NotConfigured

from archiver.archive.state import Validators
from archiver.extract.feeds import GZIP_MAGIC
from archiver.runinfo import run_id_of, utc_now_iso
from pipelines.session import SharedSession

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from archiver.archive.state import StateStore


def _is_listing(content_type: str, body: bytes) -> bool:
    """A feed or sitemap (XML or gzip), as opposed to an HTML page."""
    return "xml" in content_type or "gzip" in content_type or body[:2] == GZIP_MAGIC


logger = logging.getLogger(__name__)


class NotModified(IgnoreRequest):
    """The server answered 304: the page did not change since the last run."""


class Fresh(IgnoreRequest):
    """A known article that cannot have changed since it was fetched: not requested."""


class AlreadyFetched(IgnoreRequest):
    """A dated listing entry for a page this run has already requested."""


class IncrementalMiddleware:
    """Skip known-unchanged articles; make conditional requests; remember validators."""

    def __init__(self, crawler: Crawler, refetch_after_hours: float, root: Path) -> None:
        self.crawler = crawler
        self.cache_dir = Path(root) / "cache" / "listings"
        self.started_at = utc_now_iso()
        self.requested: set[str] = set()  # URLs requested by this process in this run
        self.shared = SharedSession.of(crawler)
        self.refetch_after = timedelta(hours=refetch_after_hours)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        if not crawler.settings.getbool("ARCHIVER_INCREMENTAL", True):
            raise NotConfigured
        settings = crawler.settings
        return cls(crawler, settings.getfloat("ARCHIVER_REFETCH_AFTER", 0.0),
                   Path(settings.get("ARCHIVER_OUTPUT_DIR", "output")))

    def _listing_path(self, url: str) -> Path:
        name = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
        return self.cache_dir / name[:2] / name

    def _keep_listing(self, url: str, body: bytes) -> None:
        path = self._listing_path(url)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(body)
            tmp.replace(path)
        except OSError as exc:  # only costs a full fetch next time
            logger.warning("Cannot keep a copy of the listing %s: %s", url, exc)

    def _cached_listing(self, url: str) -> bytes | None:
        try:
            return self._listing_path(url).read_bytes()
        except OSError:
            return None

    def _store(self) -> StateStore | None:
        # The pipelines open the archive session before the first request is sent.
        session = self.shared.session
        return session.store if session is not None else None

    def _checkpoint(self) -> None:
        # Committed with the session's next batch: validators lost to a crash only cost
        # an unconditional request next time.
        if self.shared.session is not None:
            self.shared.session.checkpoint()

    def process_request(self, request: Request, spider: Any = None) -> None:
        store = self._store()
        if store is None or request.url.endswith("/robots.txt"):
            return
        if request.meta.get("alias_fallback"):
            return
        known = store.validators(request.url)
        lastmod = request.meta.get("lastmod")
        if lastmod and (known is None or known.lastmod != lastmod):
            store.set_lastmod(request.url, lastmod)
            self._checkpoint()
        # A dated sitemap or feed entry bypasses the dupefilter (a link may have led to the
        # page first), and so is not recorded in it either: neither it nor a later link to
        # the same page is fetched twice in one run. (Retries and other dont_filter
        # requests without a date pass.)
        if (lastmod or not request.dont_filter) and (request.url in self.requested or (
                lastmod and known is not None
                and (known.fetched_at or "") >= self.started_at)):
            raise AlreadyFetched(f"already fetched: {request.url} in this run")
        self.requested.add(request.url)
        if known is None:
            return
        if known.article_id is not None and known.fetched_at and self._fresh(request, known):
            if known.fetched_at >= self.started_at:
                raise AlreadyFetched(f"already fetched: {request.url} in this run")
            raise Fresh(f"fresh: {request.url} is archived and unchanged since {known.fetched_at}")
        if known.article_id is None and not known.listing:
            # A home or section page: always read in full, since the articles it links
            # may have changed even when the page itself did not.
            return
        if known.etag:
            request.headers.setdefault(b"If-None-Match", known.etag.encode("latin-1"))
        if known.last_modified:
            request.headers.setdefault(b"If-Modified-Since",
                                       known.last_modified.encode("latin-1"))

    def _fresh(self, request: Request, known: Validators) -> bool:
        fetched = known.fetched_at or ""
        # This listing's date, else the one a listing gave before (a link may lead to the
        # page before the sitemap that dates it is read).
        lastmod = request.meta.get("lastmod") or known.lastmod
        if lastmod:
            return bool(lastmod <= fetched)  # both ISO 8601 UTC with "Z": order is time order
        try:
            when = datetime.fromisoformat(fetched.replace("Z", "+00:00"))
        except ValueError:
            return False
        return bool(self.refetch_after) and datetime.now(UTC) - when < self.refetch_after

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Response:
        store = self._store()
        if store is None:
            return response
        if response.status == 304:
            cached = self._cached_listing(request.url)
            if cached is not None:
                # An unchanged feed or sitemap is read from the copy kept at the last run,
                # so its entries (and their lastmod dates) are known without fetching it.
                return response.replace(status=200, body=cached,
                                        flags=[*response.flags, "cached"])
            raise NotModified(f"not modified: {request.url} is unchanged since the last run")
        if response.status == 200:
            header = response.headers.get
            etag, modified = header(b"ETag"), header(b"Last-Modified")
            ctype = (header(b"Content-Type") or b"").decode("latin-1").lower()
            listing = _is_listing(ctype, response.body)
            if listing and (etag or modified):
                self._keep_listing(response.url, response.body)
            store.set_validators(response.url, Validators(
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
                fetched_at=utc_now_iso(), listing=listing), run_id=run_id_of(self.crawler))
            self._checkpoint()
        return response
