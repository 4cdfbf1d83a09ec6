"""Meta-refresh redirects still work, without decoding pages that have none."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from archiver.middlewares.meta_refresh import CheapMetaRefreshMiddleware

REFRESH = '<meta http-equiv="Refresh" content="0; url=/moved">'


def _response(html: str, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse("https://news.test/old", body=html.encode(encoding),
                        headers={"Content-Type": f"text/html; charset={encoding}"})


@pytest.fixture
def middleware() -> CheapMetaRefreshMiddleware:
    return CheapMetaRefreshMiddleware.from_crawler(get_crawler())


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_refresh_is_followed(middleware: CheapMetaRefreshMiddleware, encoding: str) -> None:
    page = f"<html><head>{REFRESH}</head><body><p>Moved, café.</p></body></html>"
    out = middleware.process_response(Request("https://news.test/old"),
                                      _response(page, encoding))
    assert isinstance(out, Request)
    assert out.url == "https://news.test/moved"


def test_page_without_refresh_is_not_decoded(middleware: CheapMetaRefreshMiddleware) -> None:
    response = _response("<html><head><title>A story</title></head><body>"
                         + "<p>Words of the story.</p>" * 2000 + "</body></html>")
    assert middleware.process_response(Request(response.url), response) is response
    assert getattr(response, "_cached_ubody", None) is None  # response.text never built


def test_refresh_late_in_a_long_head_is_still_seen(middleware: CheapMetaRefreshMiddleware
                                                   ) -> None:
    # Multi-byte text before the tag: 3,000 characters are 9,000 bytes.
    page = "<html><head><title>" + "€" * 3000 + f"</title>{REFRESH}</head></html>"
    out = middleware.process_response(Request("https://news.test/old"), _response(page))
    assert isinstance(out, Request)


def test_refresh_loop_is_a_counted_redirect_loop(middleware: CheapMetaRefreshMiddleware
                                                 ) -> None:
    """``/a`` refreshing to ``/b`` refreshing to ``/a``: the second visit of ``/a`` was
    dropped by the duplicate filter, so both pages vanished without a count or a log."""
    from scrapy.exceptions import IgnoreRequest
    from twisted.python.failure import Failure

    from archiver.outcomes import classify_failure

    page = '<html><head><meta http-equiv="refresh" content="0; url=/old"></head></html>'
    request = Request("https://news.test/moved", meta={"redirect_urls": ["https://news.test/old"]})
    response = HtmlResponse(request.url, body=page.encode(), request=request,
                            headers={"Content-Type": "text/html; charset=utf-8"})
    with pytest.raises(IgnoreRequest) as raised:
        middleware.process_response(request, response)
    assert classify_failure(Failure(raised.value)) == ("error", "redirect_loop")
