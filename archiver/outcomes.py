"""Names for what happened to a request that produced no page: one vocabulary for the
log, the stats (``archiver/error/<reason>``, ``archiver/skipped/<reason>``) and the run
summary. Errors are failures worth alerting on; skips are deliberate (robots.txt, the SSRF
guard, page budgets)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from OpenSSL import SSL
from scrapy.core.downloader.handlers.http11 import TunnelError
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.web._newclient import ResponseFailed

if TYPE_CHECKING:
    from collections.abc import Iterator

    from twisted.python.failure import Failure

ERROR = "error"
SKIPPED = "skipped"

_BY_TYPE: list[tuple[tuple[type[BaseException], ...], str]] = [
    ((SSL.Error,), "tls"),
    ((TunnelError,), "proxy"),
    ((DownloadTimeoutError, net.TimeoutError, net.TCPTimedOutError), "timeout"),
    ((CannotResolveHostError, net.DNSLookupError), "dns"),
    ((DownloadConnectionRefusedError, net.ConnectionRefusedError), "connection_refused"),
    ((ResponseDataLossError, ResponseFailed, net.ConnectionLost, net.ConnectionDone,
      net.ConnectionAborted), "connection_lost"),
    ((DownloadCancelledError,), "too_large"),
    ((DownloadFailedError, net.ConnectError), "connection_failed"),
]
_IGNORED: list[tuple[str, str, str]] = [
    ("robots.txt", SKIPPED, "robots_txt"),
    ("max redirections", ERROR, "redirect_loop"),
    ("redirect loop", ERROR, "redirect_loop"),
    ("bad redirect location", ERROR, "bad_redirect"),
    ("download max size", ERROR, "too_large"),
    ("exceeded download_maxsize", ERROR, "too_large"),
    ("larger than", ERROR, "too_large"),
    ("truncated body", ERROR, "truncated"),
    ("undecodable content-encoding", ERROR, "bad_encoding"),
    ("not modified:", SKIPPED, "not_modified"),
    ("fresh:", SKIPPED, "fresh"),
    ("already fetched:", SKIPPED, "already_fetched"),
    ("ssrf", SKIPPED, "ssrf_blocked"),
    ("offsite", SKIPPED, "offsite"),
    ("page budget", SKIPPED, "page_budget"),
]


def classify_failure(failure: Failure) -> tuple[str, str]:
    """``(kind, reason)`` for a failed request; kind is ``error`` or ``skipped``."""
    value = failure.value
    if isinstance(value, HttpError):
        return ERROR, f"http_{value.response.status}"
    if isinstance(value, IgnoreRequest):
        message = str(value).lower()
        for needle, kind, reason in _IGNORED:
            if needle in message:
                return kind, reason
        return SKIPPED, "ignored"
    causes = list(_causes(value))
    for types, reason in _BY_TYPE:
        if any(isinstance(cause, types) for cause in causes):
            return ERROR, reason
    return ERROR, _snake(type(value).__name__)


def _causes(value: BaseException) -> Iterator[BaseException]:
    """*value*, what it was raised from, and what twisted wrapped in them: Scrapy raises
    ``DownloadFailedError`` from twisted's ``ResponseNeverReceived``, which holds the
    real cause (a TLS handshake failure, say) among its ``reasons``."""
    seen: set[int] = set()
    current: BaseException | None = value
    while current is not None and id(current) not in seen and len(seen) < 8:
        seen.add(id(current))
        yield current
        for reason in getattr(current, "reasons", None) or ():
            cause = getattr(reason, "value", reason)
            if isinstance(cause, BaseException):
                yield cause
        current = current.__cause__


def _snake(name: str) -> str:
    """An exception class name in the reasons' spelling: ``SomeError`` -> ``some_error``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def printable(text: object, limit: int = 300) -> str:
    """*text* safe for a one-line log record: control characters escaped, length capped,
    so a hostile URL or title cannot forge log lines."""
    raw = str(text)
    safe = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in raw[:limit])
    return safe + ("…" if len(raw) > limit else "")
