"""The ``archiver`` command line: help, errors and exit codes, overrides, extract."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.archive.lock import ArchiveLock
from tests.conftest import LOCAL, REPO, archiver_cmd, read_archive, run_summary
from tests.sitebuilder import SiteArticle, index_page, write


def small_site(root: Path) -> list[SiteArticle]:
    arts = [SiteArticle(slug=f"cli-story-{i}-about-chips", title=f"CLI story {i}")
            for i in range(3)]
    for art in arts:
        write(root, f"{art.path}.html", art.html())
    write(root, "index.html", index_page("Home", [a.path for a in arts]))
    return arts


@pytest.mark.parametrize("command", [[], ["crawl"], ["demo"], ["extract"]])
def test_help_everywhere(command: list[str]) -> None:
    result = archiver_cmd(*command, "--help")
    assert result.returncode == 0
    assert "Usage: " in result.stdout
    assert "--help" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl"], "Missing argument 'URLS...'"),
        (["crawl", "ftp://example.test/"], "not an http(s) URL"),
        (["crawl", "http://127.0.0.1:9/", "-s", "NOVALUE"], "expected NAME=VALUE"),
        (["crawl", "http://127.0.0.1:9/", "--depth", "-1"], "--depth"),
        (["extract", "/nonexistent/page.html"], "no such file"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = archiver_cmd(*args)
    assert result.returncode == 2
    assert message in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.crawl
def test_unreachable_site_fails_with_exit_1(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/"
    result = archiver_cmd("crawl", url, "--out", str(tmp_path), *LOCAL, "-s", "RETRY_TIMES=0")
    assert result.returncode == 1, result.stdout + result.stderr
    summary = run_summary(tmp_path)
    assert summary["errors"] >= 1
    assert summary["articles_written"] == 0
    assert summary["error_reasons"] == {"connection_refused": 1}


@pytest.mark.crawl
def test_a_failed_tls_handshake_is_named_tls(tmp_path: Path, serve) -> None:
    """An ``https://`` URL answered by a plain HTTP server: the handshake fails, and the
    reason says so (Scrapy wraps the TLS error twice; it used to read ``connection_failed``)."""
    site = tmp_path / "site"
    write(site, "/index.html", index_page("Home", []))
    base = serve(site).replace("http://", "https://")
    result = archiver_cmd("crawl", f"{base}/", "--out", str(tmp_path / "out"), *LOCAL,
                          "-s", "RETRY_TIMES=0")
    assert result.returncode == 1, result.stdout + result.stderr
    assert run_summary(tmp_path / "out")["error_reasons"] == {"tls": 1}


@pytest.mark.crawl
def test_locked_archive_exits_3(tmp_path: Path, serve) -> None:
    small_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    lock = ArchiveLock(tmp_path / "out")
    lock.acquire()
    try:
        result = archiver_cmd("crawl", f"{base}/", "--out", str(tmp_path / "out"), *LOCAL)
    finally:
        lock.release()
    assert result.returncode == 3
    assert "in use by another crawl" in result.stderr
    assert not (tmp_path / "out" / "articles").exists()


@pytest.mark.crawl
def test_settings_overrides_reach_the_archiver(tmp_path: Path, serve) -> None:
    small_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    out = tmp_path / "elsewhere"
    result = archiver_cmd("crawl", f"{base}/", *LOCAL, "-s", f"ARCHIVER_OUTPUT_DIR={out}",
                          "-s", "ARCHIVER_MIN_WORDS=100000")
    assert result.returncode == 0, result.stderr
    summary = run_summary(out)
    assert summary["dropped"] == {"too_short": 3}
    assert read_archive(out) == []


@pytest.mark.crawl
def test_scrapy_crawl_works_too(tmp_path: Path, serve) -> None:
    arts = small_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={base}/",
         "-s", f"ARCHIVER_OUTPUT_DIR={out}", *LOCAL],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(r["title"] for r in read_archive(out)) == [a.title for a in arts]


def test_extract_prints_one_record(tmp_path: Path) -> None:
    art = SiteArticle(slug="extract-me-please-now", title="Extract me", author="Zoë Ångström")
    page = tmp_path / "page.html"
    page.write_text(art.html().replace("__BASE_URL__", "https://news.example"), "utf-8")
    result = archiver_cmd("extract", str(page), "--url", "https://news.example/news/x?utm_source=a")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == "Extract me"
    assert record["authors"] == ["Zoë Ångström"]
    assert record["canonical_url"] == "https://news.example/news/extract-me-please-now"
    assert record["site"] == "news.example"
    assert record["body"].split("\n\n") == art.text


def two_host_site(site: Path, serve) -> tuple[str, str, list[SiteArticle]]:
    """A site on 127.0.0.1 whose home page links its articles under ``localhost``."""
    arts = small_site(site)
    base = serve(site)
    other = base.replace("127.0.0.1", "localhost")
    write(site, "index.html", index_page("Home", [f"{other}{a.path}" for a in arts]))
    return base, other, arts


@pytest.mark.crawl
def test_allowed_domains_extend_the_crawl(tmp_path: Path, serve) -> None:
    """Links to another host are followed only when its site is allowed."""
    base, _other, arts = two_host_site(tmp_path / "site", serve)
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr
    assert read_archive(out) == []
    out2 = tmp_path / "out2"
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out2), *LOCAL,
                          "--allowed-domains", "127.0.0.1,localhost",
                          "-s", "ARCHIVER_ALLOW_PRIVATE_ADDRESSES=True")
    assert result.returncode == 0, result.stderr
    # The localhost pages were fetched; they name their 127.0.0.1 address as canonical
    # (the test server writes it into every page), a page of another crawled site, so
    # that page is archived in their place.
    assert run_summary(out2)["pages"]["alias"] == len(arts)
    assert sorted(r["url"] for r in read_archive(out2)) == sorted(
        f"{base}{a.path}" for a in arts)


@pytest.mark.crawl
def test_ssrf_guard_refuses_names_resolving_to_loopback(tmp_path: Path, serve) -> None:
    """``localhost`` is allowed as a site but is not a start host: the DNS guard refuses it
    because it resolves to a loopback address."""
    base, _other, _arts = two_host_site(tmp_path / "site", serve)
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL,
                          "--allowed-domains", "127.0.0.1,localhost")
    assert result.returncode == 0, result.stderr
    assert read_archive(out) == []
    assert run_summary(out)["skipped"].get("ssrf_blocked", 0) >= 1, result.stderr
