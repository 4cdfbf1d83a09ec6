"""Scrapy's ``MetaRefreshMiddleware`` without decoding every page on the reactor thread.

The stock middleware reads ``response.text`` (decoding the whole body, with encoding
detection) to look for ``<meta http-equiv="refresh">`` in its first 4,096 characters.
In an ASCII-compatible encoding those characters lie within the first 16 KiB, and the
word "refresh" is the same bytes there, so a page without it in those bytes is passed
on at once; the few that have it (or may be UTF-16/32) go through the stock code. The
worker processes decode the page anyway.

A refresh back to a page of its own redirect chain is a loop (``redirect loop``, counted as
``error/redirect_loop``): the duplicate filter would drop it without a trace.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

_WINDOW = 4 * 4096  # 4,096 characters of at most 4 bytes each


def may_refresh(body: bytes) -> bool:
    """False when *body* certainly has no meta refresh in its first 4,096 characters."""
    head = body[:_WINDOW]
    return b"\x00" in head[:1024] or b"refresh" in head.lower()


class CheapMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Skip the stock check for pages that cannot contain a meta refresh."""

    def process_response(self, request: Request, response: Response, spider: Any = None
                         ) -> Request | Response:
        if not may_refresh(response.body):
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request) and result.url in [
                *request.meta.get("redirect_urls", ()), request.url]:
            raise IgnoreRequest(f"redirect loop: {request.url} -> {result.url} (meta refresh)")
        return result
