"""Raw capture: the HTTP response of every record to be written goes to the run's WARC
file (``<root>/warc/<run>-<n>.warc.gz``), and the record points at it (``warc``).

The spider hands the HTTP exchange along with the record; the WARC record is built here,
after the dedup pipeline, so duplicates and unchanged pages never pay for it. It is built
synchronously (about 1 ms per written 200 KiB page on the reactor thread): awaiting a
thread here would let the next item's dedup decision run before this item is committed,
and a copy processed in that gap would be archived twice. Settings read:
``ARCHIVER_WARC`` (off: no raw capture).
"""

from __future__ import annotations

import logging
from typing import Any

from archiver.archive.warc import PendingCapture
from archiver.items import Article
from pipelines.session import SessionPipeline
from pipelines.stop import archive_failed

logger = logging.getLogger(__name__)


class WarcPipeline(SessionPipeline):
    """Append each admitted record's raw response to the WARC file."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        assert self.session is not None
        if self.session.config.warc and isinstance(item.capture, PendingCapture):
            item.capture = item.capture.blob(item.fetched_at)
        try:
            self.session.capture(item)
        except OSError as exc:
            raise archive_failed(self.crawler, exc, f"Cannot write the WARC file: {exc}",
                                 item.url) from exc
        return item
