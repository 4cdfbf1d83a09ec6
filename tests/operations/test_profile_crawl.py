"""Real crawls of local sites with site profiles: skip and article patterns, selector
overrides, several sites in one command, the shipped demo profile."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.demo.server import demo_site_dir
from tests.conftest import REPO, archiver_cmd
from tests.operations.helpers import archive_records, summaries
from tests.sitebuilder import SiteArticle, index_page, write

pytestmark = pytest.mark.crawl


def profile_site(root: Path, prefix: str = "") -> dict[str, SiteArticle]:
    """Home -> two news articles, a draft (skipped), an opinion page (not archived, but its
    link to a third news article is followed)."""
    folders = {"draft": "drafts", "opinion": "opinion"}
    arts = {}
    for name in ("alpha", "beta", "deep", "draft", "opinion"):
        slug = f"{prefix}{name}-story-about-chips-and-phones"
        arts[name] = SiteArticle(slug=slug, title=f"{name} story",
                                 canonical=f"/{folders.get(name, 'news')}/{slug}")
    extra = "<div class='real-byline'>By Robin Override</div>"
    for name, art in arts.items():
        html = art.html().replace("</article>", extra + "</article>")
        if name == "opinion":
            html = html.replace("</article>", f"<a href='{arts['deep'].path}'>deep</a></article>")
        write(root, f"{art.canonical}.html", html)
    write(root, "index.html", index_page("Home", [
        arts[name].canonical or "" for name in ("alpha", "beta", "draft", "opinion")]))
    return arts


def sites_toml(path: Path, sites: dict[str, str], extra: str = "") -> Path:
    text = ""
    for name, base in sites.items():
        text += (f'[sites.{name}]\nstart_urls = ["{base}/"]\nskip_patterns = ["/drafts/"]\n'
                 f'article_patterns = ["/news/"]\nmax_pages = 50\nconcurrency = 8\ndelay = 0\n'
                 f'{extra}\n')
    path.write_text(text, "utf-8")
    return path


def test_profile_crawl_applies_patterns_and_selectors(tmp_path: Path, serve) -> None:
    arts = profile_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    sites = sites_toml(tmp_path / "sites.toml", {"local": base},
                       '[sites.local.selectors]\nbyline = { css = ".real-byline" }\n')
    out = tmp_path / "out"
    result = archiver_cmd("crawl", "--sites", str(sites), "--site", "local", "--out", str(out),
                          "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr
    records = archive_records(out)
    assert sorted(r["title"] for r in records) == sorted(
        arts[name].title for name in ("alpha", "beta", "deep"))
    assert {tuple(r["authors"]) for r in records} == {("Robin Override",)}
    [summary] = summaries(out).values()
    assert summary["run_id"].endswith("-local")
    assert summary["skipped"]["skip_pattern"] >= 1
    assert summary["dropped"]["article_pattern"] == 1  # the opinion page
    # home, alpha, beta, opinion, deep: the draft (a 200 too) was never requested
    assert summary["response_status"]["200"] == 5
    assert "Run " in result.stdout


def test_all_sites_runs_each_profile(tmp_path: Path, serve) -> None:
    profile_site(tmp_path / "one")
    profile_site(tmp_path / "two", prefix="other-")
    sites = sites_toml(tmp_path / "sites.toml",
                       {"one": serve(tmp_path / "one"), "two": serve(tmp_path / "two")})
    out = tmp_path / "out"
    result = archiver_cmd("crawl", "--sites", str(sites), "--all-sites", "--out", str(out),
                          "-s", "AUTOTHROTTLE_ENABLED=False", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    runs = summaries(out)
    assert sorted(run_id.rsplit("-", 1)[1] for run_id in runs) == ["one", "two"]
    assert all(summary["articles_written"] == 3 for summary in runs.values())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_demo_with_the_shipped_demo_profile(tmp_path: Path) -> None:
    port = _free_port()
    sites = tmp_path / "sites.toml"
    sites.write_text((REPO / "sites.toml").read_text("utf-8").replace(
        "127.0.0.1:8000", f"127.0.0.1:{port}"), "utf-8")
    out = tmp_path / "out"
    result = archiver_cmd("demo", "--sites", str(sites), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"127.0.0.1:{port}" in result.stderr
    records = archive_records(out)
    assert len(records) == 30
    assert all("/news/" in r["canonical_url"] for r in records)
    credits = [i["credit"] for r in records for i in r["images"] if i["credit"]]
    assert credits
    assert not any(c.startswith("(") for c in credits)


def test_sigterm_stops_all_sites_after_the_current_one(tmp_path: Path, serve) -> None:
    base = serve(demo_site_dir())
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[sites.a]\nstart_urls = ["{base}/"]\ndelay = 0.5\n'
                     f'[sites.b]\nstart_urls = ["{base}/feed.xml"]\n', "utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "archiver.cli", "crawl", "--sites", str(sites), "--all-sites",
         "--out", str(out), "-q", "-s", "AUTOTHROTTLE_ENABLED=False"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not list((out / "articles").glob("**/*")) and time.monotonic() < deadline:
        time.sleep(0.2)  # until the first site's crawl is under way
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 4, stderr
    assert "-b not started: interrupted" in stderr
    [summary] = summaries(out).values()
    assert summary["run_id"].endswith("-a")
    assert summary["finish_reason"] == "shutdown"
