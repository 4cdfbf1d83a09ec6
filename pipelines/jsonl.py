"""The JSONL writer: records go to Hive-style partitions of the archive root,
``articles/site=<site>/date=<YYYY-MM-DD>/part-<run>-<n>.jsonl.gz``.

Each part is written under a hidden in-progress name and renamed when complete (after
``ARCHIVER_PART_MAX_RECORDS`` records or ``ARCHIVER_PART_MAX_BYTES`` bytes, when more than
``ARCHIVER_MAX_OPEN_PARTS`` partitions are open, and at the end of the run), so readers
never see a partial line. A record is committed to the state store only after its line
is written (see :mod:`archiver.archive.session`).
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from archiver.items import Article
from pipelines.session import SharedSession
from pipelines.stop import stop_crawl

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from archiver.archive.session import ArchiveSession


class JsonlWriterPipeline:
    """Append archived articles to rotating, partitioned JSONL part files."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.shared = SharedSession.of(crawler)
        self.session: ArchiveSession | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonlWriterPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.session = self.shared.acquire()

    def close_spider(self) -> None:
        self.session = None
        self.shared.release()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        assert self.session is not None
        try:
            self.session.write(item)
        except OSError as exc:
            # Disk full or I/O error: the part keeps every complete line written so far.
            reason = "disk_full" if exc.errno == errno.ENOSPC else "write_failed"
            stop_crawl(self.crawler, reason, f"Cannot write to the archive "
                       f"{self.session.root}: {exc}; {item.url} was not archived")
            raise DropItem(f"{reason}: {item.url}: {exc}") from exc
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("archiver/articles_written")
        return item
