"""Redirect loops end as a counted error (``redirect_loop``), and so does a redirect to a
``Location`` urllib refuses (``bad_redirect``).

Scrapy's duplicate filter silently drops the second visit of a looping redirect, so the
page would vanish without a trace. This middleware sits just before Scrapy's
``RedirectMiddleware`` on the response path and refuses a redirect whose target is
already in the request's redirect chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest
from w3lib.url import safe_url_string

from archiver.extract.urls import join_url
from archiver.outcomes import printable

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Raise ``IgnoreRequest("redirect loop ...")`` when a redirect goes back in its chain."""

    def process_response(self, request: Request, response: Response, spider: Any = None
                         ) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in _REDIRECTS or not location:
            return response
        where = location.decode("latin-1")
        joined = join_url(request.url, where)
        if joined is None:  # "http://[x": Scrapy's redirect would raise a bare ValueError
            raise IgnoreRequest(f"bad redirect location {printable(where)}")
        target = safe_url_string(joined)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response
