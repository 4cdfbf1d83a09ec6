from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

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
