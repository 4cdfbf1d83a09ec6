"""Stable exit codes for unattended runs (5 config error, 6 too many errors), --quiet,
--log-file, and the exit code table in --help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import LOCAL, archiver_cmd
from tests.operations.helpers import summaries
from tests.sitebuilder import SiteArticle, index_page, write


def test_help_lists_the_exit_codes() -> None:
    for command in ([], ["crawl"], ["demo"]):
        result = archiver_cmd(*command, "--help")
        assert result.returncode == 0
        for line in ("0  success", "3  the archive is in use", "5  configuration error",
                     "6  too many errors"):
            assert line in result.stdout


@pytest.mark.parametrize(
    ("toml", "args", "message"),
    [
        ("[sites.verge]\nstart_urls = ['https://www.theverge.com/']\n"
         "article_patterns = ['(']\n", ["--site", "verge"],
         "[sites.verge] article_patterns[0]: bad regex '('"),
        ("[sites.verge]\nfeeds = ['https://www.theverge.com/rss']\n", ["--site", "wired"],
         "no site 'wired'"),
        ("[sites.verge]\nfeeds = 'nope'\n", ["--all-sites"], "feeds[0]: bad URL 'nope'"),
    ],
)
def test_config_errors_exit_5(tmp_path: Path, toml: str, args: list[str], message: str) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(toml, "utf-8")
    result = archiver_cmd("crawl", "--sites", str(sites), *args, "--out", str(tmp_path / "o"))
    assert result.returncode == 5, result.stderr
    assert f"{sites}: " in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "o").exists()


def test_missing_sites_file_exits_5(tmp_path: Path) -> None:
    result = archiver_cmd("crawl", "--sites", str(tmp_path / "none.toml"), "--all-sites")
    assert result.returncode == 5
    assert "none.toml: no such file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["https://a.example/", "--site", "x"], ["--site", "x", "--all-sites"],
     ["--site", "x", "--allowed-domains", "a.example"]],
)
def test_urls_and_sites_together_are_usage_errors(args: list[str]) -> None:
    assert archiver_cmd("crawl", *args).returncode == 2


def broken_site(root: Path) -> None:
    art = SiteArticle(slug="the-only-working-story-here", title="Working")
    write(root, f"{art.path}.html", art.html())
    write(root, "index.html", index_page("Home", [art.path] + [f"/gone/{i}" for i in range(6)]))


@pytest.mark.crawl
def test_too_many_errors_exit_6_and_quiet(tmp_path: Path, serve) -> None:
    broken_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    out = tmp_path / "out"
    log = tmp_path / "crawl.log"
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL, "--quiet",
                          "--log-file", str(log))
    assert result.returncode == 6, result.stderr
    assert result.stdout == ""
    assert "errors in" in result.stderr
    assert "ARCHIVER_MAX_ERROR_RATIO=0.5" in result.stderr
    [summary] = summaries(out).values()
    assert summary["errors"] >= 6  # the gone pages, and the article's own dead links
    assert summary["errors"] > 0.5 * summary["requests"]
    assert summary["articles_written"] == 1
    assert "Spider closed (finished)" in log.read_text("utf-8")
    # The threshold is a setting; 0 switches the check off.
    again = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL, "--quiet",
                         "-s", "ARCHIVER_MAX_ERROR_RATIO=0")
    assert again.returncode == 0, again.stderr
    assert (again.stdout, again.stderr) == ("", "")


@pytest.mark.crawl
def test_quiet_success_prints_nothing_and_writes_the_summary(tmp_path: Path, serve) -> None:
    root = tmp_path / "site"
    art = SiteArticle(slug="a-quiet-story-for-cron-runs", title="Quiet")
    write(root, f"{art.path}.html", art.html())
    write(root, "index.html", index_page("Home", [art.path]))
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{serve(root)}/", "--out", str(out), *LOCAL, "-q")
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == ("", "")
    [path] = (out / "runs").glob("*.json")
    summary = json.loads(path.read_text("utf-8"))
    for key in ("run_id", "started_at", "finished_at", "finish_reason", "articles_written",
                "errors", "requests", "responses", "pages", "error_reasons"):
        assert key in summary
    assert summary["articles_written"] == 1
