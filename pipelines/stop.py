"""Stopping the crawl from a pipeline when the archive cannot be written."""

from __future__ import annotations

import errno
import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def stop_crawl(crawler: Crawler, reason: str, message: str) -> None:
    """Count ``archiver/error/<reason>``, log *message* and close the spider (once)."""
    if crawler.stats is not None:
        crawler.stats.inc_value(f"archiver/error/{reason}")
    logger.error("%s (%s); stopping the crawl", message, reason)
    engine = crawler.engine
    if engine is not None and not getattr(crawler, "_archiver_stopping", False):
        crawler._archiver_stopping = True  # type: ignore[attr-defined]
        deferred_from_coro(engine.close_spider_async(reason=reason))


def archive_failed(crawler: Crawler, exc: OSError, message: str, url: str) -> DropItem:
    """The archive could not take *url*'s record (*exc*): stop the crawl with the reason
    ``disk_full`` or ``write_failed`` and return the DropItem to raise for the record."""
    reason = "disk_full" if exc.errno == errno.ENOSPC else "write_failed"
    stop_crawl(crawler, reason, message)
    return DropItem(f"{reason}: {url}: {exc}")
