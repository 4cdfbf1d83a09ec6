"""Fixtures for the hostile-web crawl tests: the fault server and a crawl runner.

Each crawl runs the real ``archiver crawl`` CLI in a subprocess against
:class:`tests.faultserver.FaultServer` with small timeouts, and returns a :class:`Crawl`
holding the exit status, the run summary, the archived records, the log file and the
server's request log.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LOCAL, REPO, archiver_cmd, published_parts, run_summary
from tests.faultserver import FaultServer

# Small timeouts so every fault ends within seconds.
FAST = {"DOWNLOAD_TIMEOUT": "3", "RETRY_TIMES": "1", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}
# The first line of every record of Scrapy's log, e.g. ``2026-11-27 07:30:01 [scrapy...``.
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[")
# Run a command and report the peak RSS of its process tree (the largest child) in KB.
_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], check=False).returncode\n"
    "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Crawl:
    """The outcome of one crawl over the fault server."""

    server: FaultServer
    out: Path
    log_file: Path
    returncode: int
    stderr: str
    seconds: float
    maxrss_kb: int | None = None
    records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, Any]:
        return run_summary(self.out)

    @property
    def log(self) -> str:
        return self.log_file.read_text("utf-8", "replace") if self.log_file.exists() else ""

    def paths(self) -> list[str]:
        """The archived records' URLs, relative to the server when on it."""
        return [r["url"].removeprefix(self.server.base_url) for r in self.records]

    def record(self, path: str) -> dict[str, Any]:
        found = [r for r in self.records if r["url"] == self.server.base_url + path]
        assert len(found) == 1, f"{path} archived {len(found)} times; archived: {self.paths()}"
        return found[0]

    def context(self) -> str:
        """What to print when an assertion fails."""
        tail = "\n".join(self.log.splitlines()[-40:])
        return f"exit {self.returncode}; summary file {self.out / 'runs'}\n{tail}\n{self.stderr}"


def archive_lines(out: Path) -> list[dict[str, Any]]:
    """Every record of every published part; fails on any partial or invalid line."""
    records = []
    for part in published_parts(out):
        data = gzip.decompress(part.read_bytes()) if part.name.endswith(".gz") else \
            part.read_bytes()
        assert not data or data.endswith(b"\n"), f"{part} ends with a partial line"
        for number, line in enumerate(data.splitlines(), 1):
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                raise AssertionError(f"{part}:{number} is not JSON: {line[:200]!r}") from exc
    return records


def leftovers(out: Path) -> list[Path]:
    """Parts left in progress (not published) under *out*."""
    return sorted(out.rglob("*.inprogress"))


def crawl_args(server: FaultServer, out: Path, log_file: Path, urls: list[str],
               settings: dict[str, str] | None = None, extra: tuple[str, ...] = ()) -> list[str]:
    values = {**FAST, **(settings or {})}
    sets = [arg for name, value in values.items() for arg in ("-s", f"{name}={value}")]
    full = [u if u.startswith("http") else server.base_url + u for u in urls]
    return ["crawl", *full, "--out", str(out), "--log-file", str(log_file), *LOCAL, *sets,
            *extra]


def scrapy_args(server: FaultServer, out: Path, log_file: Path, urls: list[str],
                settings: dict[str, str] | None, spider_args: dict[str, str]) -> list[str]:
    """``scrapy crawl news`` arguments, for what the CLI does not expose (``-a``)."""
    values = {**FAST, "DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False",
              "ARCHIVER_OUTPUT_DIR": str(out), "LOG_FILE": str(log_file), "LOG_LEVEL": "INFO",
              **(settings or {})}
    full = [u if u.startswith("http") else server.base_url + u for u in urls]
    spider = {"start_urls": ",".join(full), **spider_args}
    return [
        "-m", "scrapy", "crawl", "news",
        *[arg for name, value in spider.items() for arg in ("-a", f"{name}={value}")],
        *[arg for name, value in values.items() for arg in ("-s", f"{name}={value}")],
    ]


def run_crawl(server: FaultServer, workdir: Path, urls: list[str],
              settings: dict[str, str] | None = None, *, extra: tuple[str, ...] = (),
              timeout: float = 90, env: dict[str, str] | None = None,
              measure_rss: bool = False, out: Path | None = None,
              spider_args: dict[str, str] | None = None) -> Crawl:
    """Crawl *urls* (paths on *server* or absolute URLs) through the CLI, or through
    ``scrapy crawl news`` when *spider_args* (``-a``) are given."""
    out = out or workdir / "out"
    log_file = workdir / "crawl.log"
    args = crawl_args(server, out, log_file, urls, settings, extra)
    start = time.monotonic()
    maxrss = None
    if spider_args is not None:
        result = subprocess.run(
            [sys.executable, *scrapy_args(server, out, log_file, urls, settings, spider_args)],
            capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
    elif measure_rss:
        result = subprocess.run(
            [sys.executable, "-c", _RSS_WRAPPER, sys.executable, "-m", "archiver.cli", *args],
            capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        found = re.search(r"MAXRSS_KB (\d+)", result.stderr)
        maxrss = int(found.group(1)) if found else None
    else:
        result = archiver_cmd(*args, timeout=timeout, env=env)
    crawl = Crawl(server=server, out=out, log_file=log_file, returncode=result.returncode,
                  stderr=result.stderr[-3000:], seconds=time.monotonic() - start,
                  maxrss_kb=maxrss)
    crawl.records = archive_lines(out) if (out / "articles").exists() else []
    return crawl


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """A fresh fault server (fresh per-path counters and log) for one test."""
    with FaultServer() as server:
        yield server


@pytest.fixture(scope="module")
def module_server() -> Iterator[FaultServer]:
    """A fault server shared by the tests of one module (one crawl, several asserts)."""
    with FaultServer() as server:
        yield server
