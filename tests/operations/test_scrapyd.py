"""The project deploys and runs under scrapyd, exactly as docs/operations.md says: start
scrapyd on loopback, upload the egg with ``python -m archiver.deploy``, schedule the
``news`` spider through ``schedule.json`` (plain start URLs, and a site profile), poll
``listjobs.json``, check the archives."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiver.demo.server import SiteServer
from tests.conftest import REPO
from tests.operations.helpers import archive_records, summaries

pytestmark = pytest.mark.crawl


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _post(url: str, fields: list[tuple[str, str]]) -> dict:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A scrapyd on 127.0.0.1 (free port), working in a temporary directory; its URL."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = _free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\npoll_interval = 0.5\neggs_dir = eggs\nlogs_dir = logs\n"
        "dbs_dir = dbs\nitems_dir =\n", "utf-8")
    with (home / "scrapyd.out").open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=home, stdout=out,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert _get(f"{url}/daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("scrapyd did not start:\n"
                                + (home / "scrapyd.out").read_text("utf-8", "replace"))
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_deploy_and_schedule_under_scrapyd(scrapyd: str, tmp_path: Path) -> None:
    deployed = subprocess.run([sys.executable, "-m", "archiver.deploy", "--url", scrapyd],
                              capture_output=True, text=True, cwd=tmp_path, timeout=120,
                              check=False)
    assert deployed.returncode == 0, deployed.stderr
    assert _get(f"{scrapyd}/listspiders.json?project=archiver")["spiders"] == ["news"]
    assert not (REPO / "setup.py").exists()

    with SiteServer() as site:
        base = site.base_url
        sites = tmp_path / "sites.toml"
        sites.write_text((REPO / "sites.toml").read_text("utf-8").replace(
            "http://127.0.0.1:8000", base), "utf-8")
        plain, profiled = tmp_path / "plain", tmp_path / "profiled"
        local = [("setting", "AUTOTHROTTLE_ENABLED=False"), ("setting", "DOWNLOAD_DELAY=0")]
        jobs = [
            _post(f"{scrapyd}/schedule.json", [
                ("project", "archiver"), ("spider", "news"),
                ("start_urls", f"{base}/,{base}/feed.xml,{base}/sitemap.xml"),
                ("setting", f"ARCHIVER_OUTPUT_DIR={plain}"), *local]),
            _post(f"{scrapyd}/schedule.json", [
                ("project", "archiver"), ("spider", "news"), ("site", "demo"),
                ("sites", str(sites)), ("setting", f"ARCHIVER_OUTPUT_DIR={profiled}"),
                ("setting", "AUTOTHROTTLE_ENABLED=False")]),
        ]
        assert all(job["status"] == "ok" for job in jobs), jobs
        ids = {job["jobid"] for job in jobs}
        deadline = time.monotonic() + 90
        while True:
            listing = _get(f"{scrapyd}/listjobs.json?project=archiver")
            if ids <= {job["id"] for job in listing["finished"]}:
                break
            assert time.monotonic() < deadline, listing
            time.sleep(0.5)

    logs = "".join(p.read_text("utf-8", "replace")
                   for p in (tmp_path / "scrapyd" / "logs").rglob("*.log"))
    for root in (plain, profiled):
        records = archive_records(root)
        assert len(records) == 30, logs[-3000:]
        [summary] = summaries(root).values()
        assert summary["finish_reason"] == "finished"
        assert summary["errors"] == 0
    assert all("/news/" in r["canonical_url"] for r in archive_records(profiled))
    assert "Traceback" not in logs
