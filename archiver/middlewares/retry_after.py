"""Retries that honour ``Retry-After`` (Scrapy's own retry middleware ignores it).

A 429 or 503 response with a ``Retry-After`` header (seconds or an HTTP date) is retried
after that delay, capped at ``ARCHIVER_RETRY_AFTER_MAX`` seconds, without blocking the
reactor; everything else is retried exactly as by Scrapy's ``RetryMiddleware`` (whose
settings, ``RETRY_TIMES`` and ``RETRY_HTTP_CODES``, still apply).
"""

from __future__ import annotations

import email.utils
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor as _reactor
from twisted.internet.task import deferLater

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

_HONOURED = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date)."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, plus waiting for ``Retry-After`` on 429/503."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_delay = settings.getfloat("ARCHIVER_RETRY_AFTER_MAX", 60.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        delay = retry_after_seconds(response.headers.get(b"Retry-After"))
        if (
            response.status not in _HONOURED
            or delay is None
            or request.meta.get("dont_retry", False)
        ):
            return super().process_response(request, response)
        retry = self._retry(request, f"{response.status} with Retry-After {delay:g}s")
        if retry is None:
            return response
        wait = min(delay, self.max_delay)
        logger.info("Waiting %.1fs (Retry-After %gs) before retrying %s", wait, delay,
                    request.url)
        self.crawler.stats.inc_value("archiver/retry_after_waits")
        await maybe_deferred_to_future(deferLater(_reactor, wait, lambda: None))
        return retry
