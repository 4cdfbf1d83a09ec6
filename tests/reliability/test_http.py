"""HTTP and network faults: retries, Retry-After, gone pages, redirects, resets, timeouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.reliability.conftest import Crawl, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

    from tests.faultserver import FaultServer

pytestmark = pytest.mark.crawl

RECOVERED = ["/flaky", "/busy", "/ratelimit"]
GOOD = ["/good/http-1", "/good/http-2"]


@pytest.fixture(scope="module")
def http_crawl(module_server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """One crawl of the ``/http/`` group: DOWNLOAD_TIMEOUT=2, one retry."""
    return run_crawl(module_server, tmp_path_factory.mktemp("http"), ["/http/"],
                     {"DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "1"}, timeout=60)


def _gap(server: FaultServer, path: str) -> float:
    """Seconds between the end of the first answer for *path* and the next request."""
    first, second = server.requests(path)[:2]
    return second["t"] - first["end"]


def test_http_crawl_finishes_with_valid_archive(http_crawl: Crawl) -> None:
    assert http_crawl.returncode == 0, http_crawl.context()
    assert http_crawl.seconds < 30, "a fault held the crawl up"
    assert sorted(http_crawl.paths()) == sorted([*GOOD, *RECOVERED, "/redirected/final"])
    assert http_crawl.summary["articles_written"] == 6


def test_500_then_200_is_retried_and_archived(http_crawl: Crawl) -> None:
    assert len(http_crawl.server.requests("/flaky")) == 2
    assert http_crawl.record("/flaky")["title"] == "Article flaky"


def test_503_retry_after_is_honoured(http_crawl: Crawl) -> None:
    requests = http_crawl.server.requests("/busy")
    assert [r["status"] for r in requests] == [503, 200]
    assert _gap(http_crawl.server, "/busy") >= 1.95, "retried before Retry-After: 2 elapsed"
    http_crawl.record("/busy")


def test_429_retry_after_is_honoured(http_crawl: Crawl) -> None:
    requests = http_crawl.server.requests("/ratelimit")
    assert [r["status"] for r in requests] == [429, 200]
    assert _gap(http_crawl.server, "/ratelimit") >= 0.95, "retried before Retry-After: 1"
    http_crawl.record("/ratelimit")


def test_retry_after_is_capped(fault_server: FaultServer, tmp_path: Path) -> None:
    crawl = run_crawl(fault_server, tmp_path, ["/ratelimit-huge", "/good/cap-1"],
                      {"ARCHIVER_RETRY_AFTER_MAX": "1"}, timeout=30)
    assert crawl.returncode == 0, crawl.context()
    gap = _gap(fault_server, "/ratelimit-huge")
    assert 0.95 <= gap < 5, f"Retry-After: 86400 capped at 1 s, retried after {gap:.2f} s"
    assert sorted(crawl.paths()) == ["/good/cap-1", "/ratelimit-huge"]


def test_404_and_410_are_counted_not_archived(http_crawl: Crawl) -> None:
    errors = http_crawl.summary["error_reasons"]
    assert errors.get("http_404") == 1
    assert errors.get("http_410") == 1
    assert len(http_crawl.server.requests("/gone-404")) == 1, "a 404 is not retried"
    assert "/gone-404" not in http_crawl.paths()
    assert "/gone-410" not in http_crawl.paths()


def test_redirect_chain_records_final_url(http_crawl: Crawl) -> None:
    server = http_crawl.server
    assert [len(server.requests(p)) for p in ("/r1", "/r2", "/r3")] == [1, 1, 1]
    record = http_crawl.record("/redirected/final")
    assert record["url"] == f"{server.base_url}/redirected/final"
    assert record["canonical_url"] == f"{server.base_url}/redirected/final"


def test_redirect_loop_is_stopped_and_counted(http_crawl: Crawl) -> None:
    assert http_crawl.summary["error_reasons"].get("redirect_loop") == 1
    hops = len(http_crawl.server.requests(prefix="/loop-"))
    assert 2 <= hops <= 12


def test_reset_and_lying_length_are_connection_lost(http_crawl: Crawl) -> None:
    assert http_crawl.summary["error_reasons"].get("connection_lost") == 2
    assert "/reset" not in http_crawl.paths()
    assert "/lying-length" not in http_crawl.paths()


def test_silent_and_trickling_servers_time_out(http_crawl: Crawl) -> None:
    assert http_crawl.summary["error_reasons"].get("timeout") == 2
    for path in ("/hang", "/trickle"):
        assert len(http_crawl.server.requests(path)) == 2, "one try and one retry"
        assert path not in http_crawl.paths()


def test_every_http_failure_has_a_reason(http_crawl: Crawl) -> None:
    assert http_crawl.summary["error_reasons"] == {
        "http_404": 1, "http_410": 1, "redirect_loop": 1, "connection_lost": 2, "timeout": 2,
        "bad_redirect": 1,
    }
    for path in ("/gone-404", "/gone-410", "/reset", "/hang", "/trickle", "/loop-a",
                 "/bad-location"):
        assert any(path in line and ("Failed" in line or "Skipped" in line)
                   for line in http_crawl.log.splitlines()), f"{path} not in the log"
