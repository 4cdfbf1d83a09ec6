"""Deduplication within a run: one record per canonical URL and per body.

A record is dropped when its canonical URL (or id) was already archived in this run
(``duplicate_url``: tracking-parameter, trailing-slash and AMP aliases) or when the same
normalised body was archived under another URL (``duplicate_content``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from archiver.items import Article

if TYPE_CHECKING:
    from scrapy.crawler import Crawler



class DedupPipeline:
    """Keep the first record of each article seen in this run."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler
        self.seen_ids: dict[str, str] = {}
        self.seen_hashes: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler=crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        if item.id in self.seen_ids:
            self._drop("duplicate_url", item, self.seen_ids[item.id])
        if item.content_hash in self.seen_hashes:
            self._drop("duplicate_content", item, self.seen_hashes[item.content_hash])
        self.seen_ids[item.id] = item.url
        self.seen_hashes[item.content_hash] = item.url
        return item

    def _drop(self, reason: str, item: Article, original: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archiver/dropped/{reason}")
        raise DropItem(f"{reason}: {item.url} is a copy of {original}")
