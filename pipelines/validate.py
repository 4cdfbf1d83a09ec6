"""Validation: drop records that are not a usable article, with a counted reason.

Settings read: ``ARCHIVER_MIN_WORDS`` (records with a shorter body are dropped as
``too_short``; an empty body is ``empty_extraction``, typically a page whose text is
injected by JavaScript).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from archiver.items import Article, Image

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


_REQUIRED_STR = ("id", "url", "canonical_url", "site", "fetched_at", "content_hash")
_OPTIONAL_STR = ("title", "byline", "published", "modified", "description", "language")


def problems(article: Article) -> list[str]:
    """Every way *article* breaks schema v1 (empty when it is valid)."""
    found: list[str] = []
    for name in _REQUIRED_STR:
        value = getattr(article, name)
        if not isinstance(value, str) or not value:
            found.append(f"{name} missing")
    for name in _OPTIONAL_STR:
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            found.append(f"{name} is {type(value).__name__}, not str")
    for name in ("published", "modified", "fetched_at"):
        value = getattr(article, name)
        if isinstance(value, str) and value:
            try:
                datetime.fromisoformat(value)
            except ValueError:
                found.append(f"{name} is not ISO 8601: {value!r}")
    for name in ("authors", "tags"):
        value = getattr(article, name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            found.append(f"{name} is not a list of non-empty strings")
    if not isinstance(article.images, list) or not all(
        isinstance(image, Image) and image.url for image in article.images
    ):
        found.append("images is not a list of images with URLs")
    if not isinstance(article.word_count, int) or article.word_count < 0:
        found.append("word_count is not a non-negative int")
    if not isinstance(article.body, str):
        found.append("body is not a string")
    return found


class ValidationPipeline:
    """Drop invalid, empty and too-short records; count each reason as
    ``archiver/dropped/<reason>``."""

    def __init__(self, min_words: int = 25, crawler: Crawler | None = None) -> None:
        self.min_words = min_words
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(min_words=crawler.settings.getint("ARCHIVER_MIN_WORDS", 25), crawler=crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        found = problems(item)
        if found:
            self._drop("invalid", item, "; ".join(found))
        if not item.body.strip():
            self._drop("empty_extraction", item, "no article text found")
        if item.word_count < self.min_words:
            self._drop("too_short", item, f"{item.word_count} words < {self.min_words}")
        return item

    def _drop(self, reason: str, item: Article, detail: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"archiver/dropped/{reason}")
        raise DropItem(f"{reason}: {item.url}: {detail}")
