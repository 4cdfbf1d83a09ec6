"""The JSONL writer: records go to Hive-style partitions of the archive root,
``articles/site=<site>/date=<YYYY-MM-DD>/part-<run>-<n>.jsonl.gz``.

Each part is written under a hidden in-progress name and renamed when complete (after
``ARCHIVER_PART_MAX_RECORDS`` records or ``ARCHIVER_PART_MAX_BYTES`` bytes, when more than
``ARCHIVER_MAX_OPEN_PARTS`` partitions are open, and at the end of the run), so readers
never see a partial line. A record is committed to the state store only after its line
is written (see :mod:`archiver.archive.session`).
"""

from __future__ import annotations

from typing import Any

from archiver.items import Article
from pipelines.session import SessionPipeline
from pipelines.stop import archive_failed


class JsonlWriterPipeline(SessionPipeline):
    """Append archived articles to rotating, partitioned JSONL part files."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        assert self.session is not None
        try:
            self.session.write(item)
        except OSError as exc:
            # Disk full or I/O error: the part keeps every complete line written so far.
            raise archive_failed(self.crawler, exc, f"Cannot write to the archive "
                                 f"{self.session.root}: {exc}; {item.url} was not archived",
                                 item.url) from exc
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("archiver/articles_written")
        return item
