"""Process faults: SIGTERM during a crawl, and a disk that fills up while writing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from archiver.archive.session import ArchiveSession
from tests.conftest import REPO, published_parts, run_summary
from tests.faultserver import MANY_ARTICLES, SLOW_ARTICLES
from tests.reliability.conftest import archive_lines, crawl_args, leftovers, run_crawl

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.faultserver import FaultServer

pytestmark = pytest.mark.crawl

DISK_SIZE = "200k"


def test_sigterm_stops_gracefully(fault_server: FaultServer, tmp_path: Path) -> None:
    out, log_file = tmp_path / "out", tmp_path / "crawl.log"
    args = crawl_args(fault_server, out, log_file, ["/slow/"],
                      {"CONCURRENT_REQUESTS_PER_DOMAIN": "4"})
    with (tmp_path / "stderr.txt").open("w") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "archiver.cli", *args], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=stderr,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and proc.poll() is None:
                done = [e for e in fault_server.requests(prefix="/slow/a/") if e["end"]]
                if len(done) >= 6:
                    break
                time.sleep(0.1)
            assert proc.poll() is None, "the crawl ended before it could be stopped"
            proc.send_signal(signal.SIGTERM)
            stopped = time.monotonic()
            returncode = proc.wait(timeout=15)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert time.monotonic() - stopped < 15
    assert returncode >= 0, f"killed by signal {-returncode}"
    summary = run_summary(out)
    assert summary["finish_reason"] == "shutdown"
    assert leftovers(out) == [], "a part was left in progress"
    records = archive_lines(out)
    assert 1 <= len(records) < SLOW_ARTICLES
    assert summary["articles_written"] == len(records)
    assert sorted(out / f["path"] for f in summary["files"] if f["kind"] == "articles") == \
        published_parts(out)
    assert len(fault_server.requests(prefix="/slow/a/")) < SLOW_ARTICLES


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 200 KB tmpfs mounted for this test (skipped where mounting is not permitted)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE}", "tmpfs",
                                  str(disk)], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.skip("no mount command: cannot make a tiny filesystem")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)


def test_disk_full_stops_with_clear_error_and_valid_archive(
    fault_server: FaultServer, tmp_path: Path, tiny_disk: Path,
) -> None:
    out = tiny_disk / "out"
    crawl = run_crawl(fault_server, tmp_path, ["/many/"],
                      {"ARCHIVER_PART_MAX_RECORDS": "10", "ARCHIVER_FSYNC": "False"},
                      out=out, timeout=60)
    log = crawl.log
    assert any(word in log for word in ("No space left on device", "ENOSPC", "disk full")), \
        crawl.context()
    summaries = list((out / "runs").glob("*.json")) if (out / "runs").exists() else []
    finish = run_summary(out)["finish_reason"] if summaries else None
    assert crawl.returncode != 0 or finish not in (None, "finished"), crawl.context()
    assert crawl.returncode != 0, "a crawl that could not write its archive must fail"
    # Every published part holds only complete, valid lines (archive_lines checks).
    published = archive_lines(out)
    assert len({r["url"] for r in published}) == len(published)
    # The records the state store could not commit are in parts left in progress; once
    # there is room again (here: a copy on a larger disk), the next run recovers them.
    roomy = tmp_path / "roomy"
    shutil.copytree(out, roomy)
    recovery = ArchiveSession(roomy, "after-disk-full")
    recovery.open()
    recovery.close()
    records = archive_lines(roomy)
    assert len(published) <= len(records) < MANY_ARTICLES
    assert records, "the records written before the disk filled up were lost"
    assert len({r["url"] for r in records}) == len(records)
    assert not list(roomy.rglob(".*.inprogress"))
