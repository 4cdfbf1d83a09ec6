"""Scale-out on scrapy-redis with a real Redis: several crawl processes share one frontier
and one archive root, and never archive an article twice; a killed process loses
nothing.

The site: 60 articles (``/news/w00`` … ``/news/w59``), listed in ``/sitemap.xml`` and
linked from ``/``, each also reachable through a tracking alias linked from ``/``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from typing import TYPE_CHECKING

import pytest
import redis

from tests.conftest import LOCAL, REPO, archiver_cmd, read_archive
from tests.sitebuilder import SiteArticle, index_page, prose, sitemap, write

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.crawl

ARTICLES = 60


def build(root: Path) -> list[str]:
    arts = [SiteArticle(f"w{n:02d}", f"Story {n}", paragraphs=prose(f"w{n}", 4))
            for n in range(ARTICLES)]
    for art in arts:
        write(root, f"{art.path}.html", art.html())
    paths = [a.path for a in arts]
    write(root, "/sitemap.xml", sitemap(paths))
    write(root, "/index.html", index_page("Home", paths + [f"{p}?utm_source=home"
                                                           for p in paths]))
    return paths


def worker(base: str, out: Path, redis_url: str, run_id: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "archiver.cli", "crawl", f"{base}/", f"{base}/sitemap.xml",
            "--out", str(out), "--redis", redis_url, *LOCAL, "-s", f"ARCHIVER_RUN_ID={run_id}",
            "-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS=2", "-q"]
    return subprocess.Popen(args, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def check_exactly_once(out: Path, base: str, paths: list[str]) -> list[dict]:
    records = read_archive(out)
    counts = Counter(r["canonical_url"] for r in records)
    assert sorted(counts) == sorted(base + p for p in paths), "an article is missing"
    assert max(counts.values()) == 1, [u for u, n in counts.items() if n > 1]
    return records


def test_two_processes_share_the_frontier(tmp_path: Path, serve, redis_url: str) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    paths = build(site)
    base = serve(site)
    procs = [worker(base, out, redis_url, f"run-{name}") for name in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()[-3000:]
    records = check_exactly_once(out, base, paths)
    by_run = Counter(r["run_id"] for r in records)
    assert set(by_run) == {"run-a", "run-b"}, by_run  # both did part of the work
    # Each process wrote its own part files (and WARC files) into the shared root.
    parts = {p.name.split("-")[2] for p in (out / "articles").rglob("part-*.jsonl.gz")}
    assert parts == {"a", "b"}
    assert {r["warc"]["file"].split("/")[1][:5] for r in records} == {"run-a", "run-b"}

    # A second crawl over the unchanged site (a new generation of the shared frontier)
    # archives nothing again.
    again = archiver_cmd("crawl", f"{base}/sitemap.xml", "--out", str(out), "--redis",
                         redis_url, *LOCAL)
    assert again.returncode == 0, again.stderr[-2000:]
    assert len(read_archive(out)) == ARTICLES


def test_killed_worker_loses_nothing(tmp_path: Path, serve, redis_url: str) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    paths = build(site)
    base = serve(site)
    db = redis.Redis.from_url(redis_url)
    survivor = worker(base, out, redis_url, "run-a")
    victim = worker(base, out, redis_url, "run-b")
    try:
        deadline = time.monotonic() + 60
        while db.hlen("archiver:news:inflight:run-b") == 0 or db.hlen(
                "archiver:news:records") < 10:
            assert time.monotonic() < deadline, "the crawl made no progress"
            assert victim.poll() is None, "the worker finished before it could be killed"
            time.sleep(0.02)
        os.killpg(victim.pid, signal.SIGKILL)  # the process and its extraction workers
        victim.wait(timeout=10)
        _, err = survivor.communicate(timeout=180)
        assert survivor.returncode == 0, err.decode()[-3000:]
    finally:
        for proc in (survivor, victim):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            if proc.stderr is not None:
                proc.stderr.close()
    # If the survivor finished before the victim's heartbeat expired, a restart picks up
    # what the victim had taken from the queue.
    deadline = time.monotonic() + 20
    while db.exists("archiver:news:alive:run-b"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    restart = worker(base, out, redis_url, "run-c")
    _, err = restart.communicate(timeout=180)
    assert restart.returncode == 0, err.decode()[-3000:]
    check_exactly_once(out, base, paths)
    assert not db.exists("archiver:news:inflight:run-b")
    assert not list(out.rglob(".*.inprogress"))
    db.close()
