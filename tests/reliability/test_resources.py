"""Resource exhaustion: oversized bodies, decompression bombs, huge pages, link bombs,
crawler traps and giant sitemaps, each bounded by a setting; peak RSS stays small."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.faultserver import ANNOUNCED_BYTES, BIG_STREAM_BYTES, SITEMAP_FILES
from tests.reliability.conftest import Crawl, run_crawl
from tests.sitebuilder import prose

if TYPE_CHECKING:
    from pathlib import Path

    from tests.faultserver import FaultServer

pytestmark = pytest.mark.crawl

RSS_LIMIT_KB = 500 * 1024


@pytest.fixture(scope="module")
def size_crawl(module_server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """The ``/size/`` group with DOWNLOAD_MAXSIZE=1000000, peak RSS measured."""
    return run_crawl(module_server, tmp_path_factory.mktemp("size"), ["/size/"],
                     {"DOWNLOAD_MAXSIZE": "1000000"}, timeout=60, measure_rss=True)


@pytest.fixture(scope="module")
def heavy_crawl(module_server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """The ``/heavy/`` group (default size limit) with at most 50 links per page, peak RSS
    measured."""
    return run_crawl(module_server, tmp_path_factory.mktemp("heavy"), ["/heavy/"],
                     {"ARCHIVER_MAX_LINKS_PER_PAGE": "50"}, timeout=90, measure_rss=True)


def test_oversized_and_bomb_responses_are_too_large(size_crawl: Crawl) -> None:
    assert size_crawl.returncode == 0, size_crawl.context()
    # /big-stream, /big-announced, /bomb-gzip, /bomb-deflate
    assert size_crawl.summary["error_reasons"] == {"too_large": 4}, size_crawl.context()
    assert sorted(size_crawl.paths()) == ["/good/size-1", "/good/size-2"]


def test_oversized_bodies_are_aborted_not_buffered(size_crawl: Crawl) -> None:
    server = size_crawl.server
    (announced,) = server.requests("/big-announced")
    # Cancelled on the Content-Length header: the server is cut off long before 50 MB.
    assert announced["aborted"], "the crawler read the whole announced body"
    assert announced["sent"] < ANNOUNCED_BYTES // 10
    assert announced["end"] - announced["t"] < 5
    (stream,) = server.requests("/big-stream")
    assert stream["sent"] <= BIG_STREAM_BYTES + 65536
    assert size_crawl.seconds < 30


def test_decompression_bombs_are_not_retried(size_crawl: Crawl) -> None:
    for path in ("/bomb-gzip", "/bomb-deflate"):
        assert len(size_crawl.server.requests(path)) == 1
        assert path not in size_crawl.paths()


def test_peak_rss_stays_under_500_mb(size_crawl: Crawl, heavy_crawl: Crawl) -> None:
    # The largest process of the crawl's tree (crawler or extraction worker).
    for crawl in (size_crawl, heavy_crawl):
        assert crawl.maxrss_kb is not None, crawl.stderr
        assert crawl.maxrss_kb < RSS_LIMIT_KB, f"peak RSS {crawl.maxrss_kb} KB"


def test_link_bomb_is_bounded(heavy_crawl: Crawl) -> None:
    assert heavy_crawl.returncode == 0, heavy_crawl.context()
    assert heavy_crawl.summary["limits_hit"].get("links_per_page") == 1
    assert 1 <= len(heavy_crawl.server.requests(prefix="/lb/")) <= 50


def test_huge_text_node_is_archived(heavy_crawl: Crawl) -> None:
    record = heavy_crawl.record("/huge-text")
    assert prose("huge-text")[0] in record["body"]
    assert "extract" not in heavy_crawl.summary["error_reasons"], heavy_crawl.context()


def test_deeply_nested_page_is_archived(heavy_crawl: Crawl) -> None:
    record = heavy_crawl.record("/deep-nest")
    assert prose("deep-nest")[0] in record["body"]
    assert prose("deep-nest")[-1] in record["body"]


def test_heavy_pages_leave_good_pages_and_no_errors(heavy_crawl: Crawl) -> None:
    assert heavy_crawl.summary["error_reasons"] == {}, heavy_crawl.context()
    heavy_crawl.record("/good/heavy-1")
    heavy_crawl.record("/good/heavy-2")
    assert heavy_crawl.seconds < 60


def test_calendar_trap_is_bounded_by_depth(fault_server: FaultServer, tmp_path: Path) -> None:
    crawl = run_crawl(fault_server, tmp_path, ["/trap/"], timeout=60)
    assert crawl.returncode == 0, crawl.context()
    assert crawl.summary["limits_hit"].get("depth", 0) >= 1
    # ARCHIVER_DEPTH=3: /calendar/2024/01 (hop 1), then two more months with their days.
    assert len(fault_server.requests(prefix="/calendar/")) <= 9
    assert crawl.paths() == ["/good/trap-1"]


def test_calendar_trap_is_bounded_by_page_budget(fault_server: FaultServer,
                                                 tmp_path: Path) -> None:
    crawl = run_crawl(fault_server, tmp_path, ["/trap/"],
                      {"ARCHIVER_MAX_PAGES_PER_SITE": "20"}, extra=("--depth", "1000"),
                      timeout=60)
    assert crawl.returncode == 0, crawl.context()
    assert crawl.summary["skipped"].get("page_budget", 0) >= 1, crawl.context()
    fetched = [e for e in fault_server.requests() if e["path"] != "/robots.txt"]
    assert len(fetched) <= 20
    assert crawl.paths() == ["/good/trap-1"]


def test_giant_sitemaps_are_capped(fault_server: FaultServer, tmp_path: Path) -> None:
    crawl = run_crawl(fault_server, tmp_path, ["/sm/index.xml"],
                      {"ARCHIVER_MAX_SITEMAP_URLS": "500", "ARCHIVER_MAX_PAGES_PER_SITE": "40"},
                      timeout=90)
    assert crawl.returncode == 0, crawl.context()
    summary = crawl.summary
    assert summary["limits_hit"].get("sitemap_urls") == SITEMAP_FILES
    assert summary["pages"].get("sitemap") == 1 + SITEMAP_FILES
    assert summary["skipped"].get("page_budget", 0) >= 1
    fetched = [e for e in fault_server.requests() if e["path"] != "/robots.txt"]
    assert len(fetched) <= 40
    assert 1 <= summary["articles_written"] <= 40 - 1 - SITEMAP_FILES
    assert crawl.seconds < 60
