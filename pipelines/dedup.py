"""Deduplication and versioning against the archive's state store, across runs.

Each record is checked against everything the archive holds (see
:meth:`archiver.archive.session.ArchiveSession.admit`) and dropped with a counted reason
(``archiver/dropped/<reason>``) when it adds nothing:

- ``unchanged``: the article is archived and its title and body are the same;
- ``duplicate_url``: the article was already archived in this run under an alias URL;
- ``duplicate_content``: another URL's article has exactly this body;
- ``near_duplicate``: a syndicated or lightly edited copy of an archived article (its
  URL is remembered as an alias);
- ``max_articles``: ``ARCHIVER_MAX_ARTICLES`` records were written already.

An archived article whose title or body changed passes as a new version (``version`` + 1,
``supersedes`` naming the record it follows).
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from archiver.items import Article
from pipelines.session import SessionPipeline
from pipelines.stop import archive_failed


class DedupPipeline(SessionPipeline):
    """Drop records the archive already holds; number new versions."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        assert self.session is not None
        try:
            decision = self.session.admit(item)
        except OSError as exc:  # the state store cannot commit (disk full)
            raise archive_failed(self.crawler, exc, f"Cannot update the archive's state: {exc}",
                                 item.url) from exc
        stats = self.crawler.stats
        if not decision.write:
            if stats is not None:
                stats.inc_value(f"archiver/dropped/{decision.action}")
            similarity = f" (similarity {decision.similarity})" if decision.similarity else ""
            raise DropItem(f"{decision.action}: {item.url} is a copy of {decision.of}"
                           f"{similarity}" if decision.of else f"{decision.action}: {item.url}")
        if item.version > 1 and stats is not None:
            stats.inc_value("archiver/new_versions")
        return item
