"""``archiver crawl --resume``: a crawl stopped with SIGTERM continues where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from tests.conftest import LOCAL, REPO, archiver_cmd, read_archive, run_summary
from tests.sitebuilder import SiteArticle, prose, sitemap, write

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.crawl


def test_resume_continues_an_interrupted_crawl(tmp_path: Path, serve) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    arts = [SiteArticle(f"r{n:02d}", f"Story {n}", paragraphs=prose(f"r{n}", 4))
            for n in range(30)]
    for art in arts:
        write(site, f"{art.path}.html", art.html())
    write(site, "/sitemap.xml", sitemap([a.path for a in arts]))
    base = serve(site)
    args = ["crawl", f"{base}/sitemap.xml", "--out", str(out), "--resume", *LOCAL,
            "-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS=1"]
    proc = subprocess.Popen([sys.executable, "-m", "archiver.cli", *args], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list((out / "warc").glob(".*inprogress")):  # the first article is in
            assert time.monotonic() < deadline, "the crawl archived nothing"
            assert proc.poll() is None, "the crawl ended before it could be stopped"
            time.sleep(0.05)
        time.sleep(0.5)  # a few more (0.1 s apart); checked below: 0 < written < 30
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 4  # interrupted
    finally:
        if proc.poll() is None:
            proc.kill()
    first = run_summary(out)
    assert first["finish_reason"] == "shutdown"
    assert 0 < first["articles_written"] < 30
    jobs = list((out / "jobs").iterdir())
    assert len(jobs) == 1, "the queue was not kept"

    result = archiver_cmd(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    second = run_summary(out)
    assert second["finish_reason"] == "finished"
    assert first["articles_written"] + second["articles_written"] == 30
    # Resumed, not restarted: the sitemap and the pages fetched before are not requested
    # again (only robots.txt and what was left).
    assert second["requests"] <= 30 - first["articles_written"] + 2
    assert sorted(r["canonical_url"] for r in read_archive(out)) == sorted(
        f"{base}{a.path}" for a in arts)
    assert not (out / "jobs" / jobs[0].name).exists(), "a finished crawl keeps its queue"
