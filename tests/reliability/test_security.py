"""Security: the SSRF guard, forged log lines, and the archive root.

The crawls of the SSRF tests use the fault server as their HTTP proxy (``http_proxy``,
loopback excepted), so a request the guard lets through to 169.254.169.254 or 10.0.0.1
arrives here, is answered 502 and counts as an escape, instead of leaving the machine.
Requests the guard lets through to 127.0.0.2 or [::1] arrive at the fault server's
listeners there, and count as escapes too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from tests.reliability.conftest import LOG_LINE, Crawl, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

    from tests.faultserver import FaultServer

pytestmark = pytest.mark.crawl


def _proxy_env(server: FaultServer) -> dict[str, str]:
    return {"http_proxy": server.base_url, "HTTP_PROXY": server.base_url,
            "no_proxy": "127.0.0.1,127.0.0.2,::1,localhost",
            "NO_PROXY": "127.0.0.1,127.0.0.2,::1,localhost"}


# The private hosts are allowed *domains* (so Scrapy's offsite filter does not stop them
# first) but not start-URL hosts: only the SSRF guard stands between them and the crawler.
# The CLI has no option for allowed domains, so these crawls run ``scrapy crawl news``.
ALLOWED = {"allowed_domains": "127.0.0.1,127.0.0.2,::1,169.254.169.254,10.0.0.1"}


@pytest.fixture(scope="module")
def ssrf_crawl(module_server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """A site page and a feed linking to private addresses; a redirect to 127.0.0.2."""
    return run_crawl(module_server, tmp_path_factory.mktemp("ssrf"),
                     ["/security/", "/feeds/private.xml"], {"DOWNLOAD_TIMEOUT": "2"},
                     timeout=60, env=_proxy_env(module_server), spider_args=ALLOWED)


@pytest.fixture(scope="module")
def forge_crawl(module_server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """Titles, URLs and headers with control characters and forged log lines."""
    workdir = tmp_path_factory.mktemp("forge")
    return run_crawl(module_server, workdir, ["/forge/"], out=workdir / "nest" / "out",
                     timeout=60)


def test_private_addresses_are_never_fetched(ssrf_crawl: Crawl) -> None:
    assert ssrf_crawl.returncode == 0, ssrf_crawl.context()
    assert ssrf_crawl.summary["finish_reason"] == "finished"
    assert ssrf_crawl.server.escapes() == []


def test_ssrf_refusals_are_counted(ssrf_crawl: Crawl) -> None:
    # 4 feed entries (169.254.169.254, 10.0.0.1, [::1], 127.0.0.2) and 1 redirect.
    assert ssrf_crawl.summary["skipped"].get("ssrf_blocked", 0) >= 5, ssrf_crawl.context()
    assert any("ssrf" in line.lower() and "169.254.169.254" in line
               for line in ssrf_crawl.log.splitlines()), "refusal not logged with its URL"


def test_site_pages_are_still_archived_next_to_private_links(ssrf_crawl: Crawl) -> None:
    assert sorted(ssrf_crawl.paths()) == ["/good/sec-1", "/good/sec-feed"]


def test_private_addresses_allowed_by_setting(fault_server: FaultServer, tmp_path: Path) -> None:
    crawl = run_crawl(fault_server, tmp_path, ["/feeds/private-loopback.xml"],
                      {"ARCHIVER_ALLOW_PRIVATE_ADDRESSES": "True"}, timeout=30,
                      env=_proxy_env(fault_server), spider_args=ALLOWED)
    assert crawl.returncode == 0, crawl.context()
    assert "/secret-feed" in [e["path"] for e in fault_server.requests(listener="127.0.0.2")]
    assert [r["url"] for r in crawl.records] == [f"{fault_server.alt_url}/secret-feed"]


def test_log_has_no_forged_lines_or_escapes(forge_crawl: Crawl) -> None:
    assert forge_crawl.returncode == 0, forge_crawl.context()
    log = forge_crawl.log
    assert "FORGED" in log, "the hostile URLs were not logged at all"
    assert "\x1b" not in log, "ANSI escape written to the log"
    assert "\r" not in log
    assert "\x07" not in log
    year = datetime.now(UTC).year
    for line in log.splitlines():
        assert not line.startswith("1999-"), f"forged log line: {line!r}"
        if "FORGED" in line or line[:1].isdigit():
            assert LOG_LINE.match(line), f"not a log record: {line!r}"
            assert abs(int(line[:4]) - year) <= 1, line


def test_hostile_title_is_archived_on_one_line(forge_crawl: Crawl) -> None:
    record = forge_crawl.record("/forge/article")
    assert "FORGED" in record["title"]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", record["title"]), record["title"]
    forge_crawl.record("/good/forge-1")


def test_archive_stays_inside_out(forge_crawl: Crawl) -> None:
    out = forge_crawl.out
    assert [p.name for p in out.parent.iterdir()] == ["out"]
    root = out.resolve()
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(root), path
