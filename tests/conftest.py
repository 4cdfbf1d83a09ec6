"""Shared fixtures: local HTTP servers on 127.0.0.1 and a runner for the ``archiver`` CLI.

Every server binds port 0 on loopback and is stopped by the fixture; nothing here touches
the public internet.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiver.demo.server import SiteServer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def archiver_cmd(*args: str, timeout: float = 120, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``archiver`` CLI of this interpreter's environment in a subprocess."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "archiver.cli", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or REPO, env=full_env,
        check=False,
    )


LOCAL = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


def published_parts(root: Path) -> list[Path]:
    """Every published part file under *root*/articles (hidden in-progress files excluded)."""
    return sorted(
        path for path in (root / "articles").rglob("*")
        if path.is_file() and path.name.endswith((".jsonl", ".jsonl.gz"))
        and not path.name.startswith(".")
    )


def read_archive(root: Path) -> list[dict]:
    """Every record of every published part under *root*/articles; each one must validate
    against ``schema/article.schema.json`` (so every test crawl checks the schema)."""
    from archiver.analysis.validate import record_errors

    records = []
    for part in published_parts(root):
        opener = gzip.open if part.name.endswith(".gz") else open
        with opener(part, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                record = json.loads(line)
                errors = record_errors(record)
                assert not errors, f"{part}:{number}: {errors}"
                records.append(record)
    return records


def run_summary(root: Path) -> dict:
    """The newest run summary under *root*/runs."""
    summaries = sorted((root / "runs").glob("*.json"))
    assert summaries, f"no run summary in {root / 'runs'}"
    return json.loads(summaries[-1].read_text("utf-8"))


@pytest.fixture
def serve() -> Iterator:
    """Serve a directory on 127.0.0.1: ``base_url = serve(path)``."""
    servers: list[SiteServer] = []

    def start(root: Path) -> str:
        server = SiteServer(root).start()
        servers.append(server)
        return server.base_url

    yield start
    for server in servers:
        server.stop()


def assert_manifests_match(root: Path) -> None:
    """Every file listed by every run manifest of *root* has its listed size and SHA-256."""
    import hashlib

    entries = [entry for path in sorted((root / "runs").glob("*.json"))
               for entry in json.loads(path.read_text("utf-8")).get("files", [])]
    assert entries, f"no files listed in the manifests of {root}"
    for entry in entries:
        data = (root / entry["path"]).read_bytes()
        assert len(data) == entry["bytes"], entry["path"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
