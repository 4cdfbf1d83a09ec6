"""The JSONL writer: archived records go to ``<root>/articles/part-<run>-<n>.jsonl``.

Each part is written under a hidden in-progress name and renamed when complete (every
``ARCHIVER_PART_MAX_RECORDS`` records and at the end of the run), so readers never see a
partial line. The writer holds the archive root's lock for the whole run and, on
opening, publishes the complete lines of parts a crashed run left behind.

Settings read: ``ARCHIVER_OUTPUT_DIR``, ``ARCHIVER_PART_MAX_RECORDS``, ``ARCHIVER_FSYNC``,
``ARCHIVER_MAX_ARTICLES``.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from archiver.archive.lock import ArchiveLock
from archiver.archive.parts import PartWriter, recover_parts
from archiver.items import Article
from archiver.runinfo import new_run_id, run_id_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class JsonlWriterPipeline:
    """Append archived articles to rotating JSONL part files under the archive root."""

    def __init__(
        self,
        root: Path,
        part_max_records: int = 5000,
        fsync: bool = True,
        max_articles: int = 0,
        crawler: Crawler | None = None,
    ) -> None:
        self.root = Path(root)
        self.part_max_records = max(1, part_max_records)
        self.fsync = fsync
        self.max_articles = max_articles
        self.crawler = crawler
        self.lock = ArchiveLock(self.root)
        self.run_id = ""
        self.written = 0
        self.parts: list[Path] = []
        self._part: PartWriter | None = None
        self._stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsonlWriterPipeline:
        settings = crawler.settings
        return cls(
            root=Path(settings.get("ARCHIVER_OUTPUT_DIR", "output")),
            part_max_records=settings.getint("ARCHIVER_PART_MAX_RECORDS", 5000),
            fsync=settings.getbool("ARCHIVER_FSYNC", True),
            max_articles=settings.getint("ARCHIVER_MAX_ARTICLES", 0),
            crawler=crawler,
        )

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    def open_spider(self) -> None:
        self.lock.acquire()
        self.run_id = run_id_of(self.crawler) or new_run_id()
        recovered = recover_parts(self.articles_dir) if self.articles_dir.exists() else []
        self._stat("archiver/recovered_parts", len(recovered))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        if self.max_articles and self.written >= self.max_articles:
            self._inc("archiver/dropped/max_articles")
            raise DropItem(f"max_articles: {item.url}: limit of {self.max_articles} reached")
        if self._part is None:
            name = f"part-{self.run_id}-{len(self.parts) + 1:05d}.jsonl"
            self._part = PartWriter(self.articles_dir / name, fsync=self.fsync)
        try:
            self._part.write(item.to_dict())
        except OSError as exc:
            self._fail(item, exc)
        self.written += 1
        self._inc("archiver/articles_written")
        if self._part.records >= self.part_max_records:
            self._publish()
        return item

    def _fail(self, item: Article, exc: OSError) -> None:
        """Writing failed (disk full, I/O error): stop the crawl cleanly; the part keeps
        every complete line written so far."""
        reason = "disk_full" if exc.errno == errno.ENOSPC else "write_failed"
        self._inc(f"archiver/error/{reason}")
        logger.error("Cannot write to the archive %s (%s): %s; stopping the crawl, "
                     "%s was not archived", self.articles_dir, reason, exc, item.url)
        if self.crawler is not None and self.crawler.engine is not None and not self._stopping:
            self._stopping = True
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))
        raise DropItem(f"{reason}: {item.url}: {exc}")

    def close_spider(self) -> None:
        try:
            self._publish()
        finally:
            self._stat("archiver/parts", [str(p) for p in self.parts])
            self.lock.release()

    def _publish(self) -> None:
        if self._part is not None:
            path = self._part.close()
            self._part = None
            if path is not None:
                self.parts.append(path)
                logger.info("Published %s", path)

    def _inc(self, key: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def _stat(self, key: str, value: Any) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.set_value(key, value)
