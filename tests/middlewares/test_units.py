from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from archiver.middlewares.budget import PageBudgetMiddleware
from archiver.middlewares.retry_after import retry_after_seconds
from archiver.middlewares.ssrf import is_public_address

NOW = datetime(2026, 11, 27, 7, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        ("0", 0.0),
        (b"Fri, 27 Nov 2026 07:00:30 GMT", 30.0),
        (b"Fri, 27 Nov 2026 06:00:00 GMT", 0.0),  # in the past: retry now
        (b"soon", None),
        (b"", None),
        (None, None),
        (b"-5", None),
    ],
)
def test_retry_after_seconds(value: bytes | str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("[::1]", False),
        ("::ffff:127.0.0.1", False),
        ("fe80::1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("example.com", None),
    ],
)
def test_is_public_address(host: str, public: bool | None) -> None:
    assert is_public_address(host) is public


def test_page_budget_counts_per_site() -> None:
    budget = PageBudgetMiddleware(budget=2)
    for url in ("https://a.example.com/1", "https://www.example.com/2"):
        assert budget.process_request(Request(url)) is None
    budget.process_request(Request("https://example.com/robots.txt"))  # never counted
    assert budget.process_request(Request("https://other.test/1")) is None
    with pytest.raises(IgnoreRequest, match=r"page budget of 2 reached for example\.com"):
        budget.process_request(Request("https://example.com/3"))


def _decompressed(body: bytes, encoding: str) -> Response | Exception:
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from archiver.middlewares.compression import CheckedHttpCompressionMiddleware

    middleware = CheckedHttpCompressionMiddleware.from_crawler(get_crawler())
    request = Request("http://site.test/news/story")
    response = HtmlResponse(request.url, body=body, request=request, headers={
        "Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding})
    try:
        return middleware.process_response(request, response)
    except Exception as exc:  # noqa: BLE001 - the test looks at it
        return exc


def test_wrong_content_encoding_of_plain_html_is_read_as_is() -> None:
    """A plain page labelled ``Content-Encoding: gzip`` (or br) failed as ``BadGzipFile``
    (or ``error``, brotli's exception name): the page is there, read as it is."""
    html = b"\n<!doctype html><html><body><p>Plain page</p></body></html>"
    for encoding in ("gzip", "br", "deflate"):
        result = _decompressed(html, encoding)
        assert isinstance(result, Response), (encoding, result)
        assert result.body == html
        assert b"Content-Encoding" not in result.headers


def test_undecodable_content_encoding_is_a_named_error() -> None:
    """Compressed bytes of another encoding (gzip labelled br) are ``bad_encoding``."""
    import gzip

    from twisted.python.failure import Failure

    from archiver.outcomes import classify_failure

    body = gzip.compress(b"<html><body><p>Gzip, not brotli</p></body></html>", mtime=0)
    for data, encoding in ((body, "br"), (b"\x00\x01garbage" * 10, "gzip"),
                           (b"\x00\x01garbage" * 10, "deflate")):
        result = _decompressed(data, encoding)
        assert isinstance(result, IgnoreRequest), (encoding, result)
        assert classify_failure(Failure(result)) == ("error", "bad_encoding")


def test_cut_brotli_and_zstd_streams_are_truncated_not_partial_pages() -> None:
    """Scrapy's decoders return what they could of a cut br or zstd stream: a partial
    page would be archived (and come back as a new version once served whole)."""
    import brotli
    from scrapy.utils._compression import zstd
    from twisted.python.failure import Failure

    from archiver.outcomes import classify_failure

    html = b"<html><body>" + b"".join(b"<p>Paragraph %d of the story.</p>" % i
                                      for i in range(3000)) + b"</body></html>"
    for encoding, data in (("br", brotli.compress(html)), ("zstd", zstd.compress(html))):
        whole = _decompressed(data, encoding)
        assert isinstance(whole, Response), encoding
        assert whole.body == html
        cut = _decompressed(data[: len(data) // 2], encoding)
        assert isinstance(cut, IgnoreRequest), (encoding, cut)
        assert classify_failure(Failure(cut)) == ("error", "truncated")


def test_requests_ask_for_gzip_only() -> None:
    from scrapy.utils.test import get_crawler

    from archiver.middlewares.compression import CheckedHttpCompressionMiddleware

    request = Request("http://site.test/news/story")
    CheckedHttpCompressionMiddleware.from_crawler(get_crawler()).process_request(request)
    assert request.headers[b"Accept-Encoding"] == b"gzip"


def test_failure_reasons_are_words_not_exception_class_names() -> None:
    """A proxy refusing the tunnel is ``proxy``; any other unknown failure gets its class
    name in the reasons' snake_case spelling, never ``TunnelError`` and the like."""
    from scrapy.core.downloader.handlers.http11 import TunnelError
    from twisted.python.failure import Failure

    from archiver.outcomes import classify_failure

    class WeirdProtocolThing(Exception):
        pass

    assert classify_failure(Failure(TunnelError("Could not open CONNECT tunnel"))) == \
        ("error", "proxy")
    assert classify_failure(Failure(WeirdProtocolThing())) == ("error", "weird_protocol_thing")
