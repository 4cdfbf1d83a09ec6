"""Log formatting: dropped records are routine (duplicates), so they are logged at INFO
with their reason and URL only, never with the whole record."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import logformatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from twisted.python.failure import Failure


class ArchiverLogFormatter(logformatter.LogFormatter):
    """Short, one-line messages for dropped and scraped items."""

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None,
        spider: Spider | None = None,
    ) -> logformatter.LogFormatterResult:
        return {"level": logging.INFO, "msg": "Dropped %(reason)s",
                "args": {"reason": str(exception)}}

    def scraped(
        self, item: Any, response: Response | Failure | None, spider: Spider | None = None,
    ) -> logformatter.LogFormatterResult:
        url = getattr(item, "url", "")
        return {"level": logging.DEBUG, "msg": "Archived %(url)s", "args": {"url": url}}
