"""Fixture archives for the analysis tests.

``fixture_archive`` is a small hand-made archive in the writer's layout
(``articles/site=<site>/date=<day>/part-<run>-<n>.jsonl.gz`` plus ``runs/<run>.json``),
with two sites, several days, a second version of one article, a hidden in-progress part
and two runs. ``demo_archive`` is a real crawl of the bundled demo site, made once per
session with ``archiver demo``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from archiver.analysis.load import record_day
from archiver.archive import layout
from archiver.items import RECORD_FIELDS
from tests.conftest import archiver_cmd

RUN_1 = "20261120T080000Z-aaaa"
RUN_2 = "20261126T080000Z-bbbb"


def article_id(url: str) -> str:
    return hashlib.blake2b(url.encode(), digest_size=8).hexdigest()


def make_record(site: str, slug: str, published: str | None, *, version: int = 1,
                run_id: str = RUN_1, fetched_at: str = "2026-11-20T08:00:05Z",
                body: str | None = None, authors: list[str] | None = None,
                images: list[dict] | None = None, **extra: object) -> dict:
    """A valid record in schema order."""
    url = f"https://www.{site}/news/{slug}"
    aid = article_id(url)
    body = body if body is not None else f"Body of {slug}, version {version}.\n\nMore text."
    record = {
        "schema_version": 1, "id": aid, "record_id": f"{aid}-v{version}", "version": version,
        "supersedes": f"{aid}-v{version - 1}" if version > 1 else None,
        "url": url, "canonical_url": url, "site": site, "fetched_at": fetched_at,
        "title": f"Title of {slug}", "authors": authors if authors is not None else ["Ana Ruiz"],
        "byline": "By Ana Ruiz", "published": published, "modified": None,
        "description": f"About {slug}", "language": "en", "tags": ["News"], "body": body,
        "images": images if images is not None else [
            {"url": f"https://cdn.{site}/{slug}.jpg", "caption": "A caption",
             "credit": "Getty Images", "alt": "alt text", "lead": True},
        ],
        "word_count": len(body.split()),
        "content_hash": hashlib.sha256(body.encode()).hexdigest(),
        "run_id": run_id,
        "warc": {"file": f"warc/{run_id}-00001.warc.gz", "offset": 0, "length": 1234,
                 "record_id": "<urn:uuid:0e8f4a52-5d6b-4c1f-9a0e-2b9c3d4e5f60>"},
    }
    record.update(extra)
    assert list(record) == list(RECORD_FIELDS)
    return record


def write_archive(root: Path, records: list[dict], *, hidden_junk: bool = True) -> Path:
    """Write *records* in the partitioned layout: one part per (run, site, day)."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for record in records:
        day = record_day(record)
        assert day is not None
        key = (record["run_id"], record["site"], day.isoformat())
        groups.setdefault(key, []).append(record)
    for (run_id, site, day), group in sorted(groups.items()):
        folder = layout.partition_dir(root, site, day)  # the writer's own naming
        folder.mkdir(parents=True, exist_ok=True)
        n = len(list(folder.glob(f"part-{run_id}-*.jsonl.gz"))) + 1
        with gzip.open(folder / f"part-{run_id}-{n:05d}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for record in group:
                fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    if hidden_junk:
        # A part being written: readers must not see it.
        some = next((root / "articles").glob("site=*/date=*"))
        with gzip.open(some / f".part-{RUN_2}-00099.jsonl.gz.inprogress", "wt") as fh:
            fh.write('{"schema_version":1,"id":"half-writ')
    return root


def fixture_records() -> list[dict]:
    """Seven records, six articles: example.com (4, one with two versions), other.org (2)."""
    return [
        make_record("example.com", "a", "2026-11-18T10:00:00+00:00",
                    authors=["Ana Ruiz", "Bo Chen"]),
        make_record("example.com", "b", "2026-11-19T23:30:00-02:00"),  # UTC: 2026-11-20
        make_record("example.com", "c", "2026-11-20",
                    images=[{"url": "https://cdn.example.com/c.jpg", "caption": None,
                             "credit": "Jane Doe / Reuters", "alt": None, "lead": True},
                            {"url": "https://cdn.example.com/c2.jpg", "caption": "x",
                             "credit": "Shutterstock/Toria", "alt": None, "lead": False}]),
        make_record("example.com", "d", None, fetched_at="2026-11-21T09:00:00Z", authors=[]),
        make_record("other.org", "x", "2026-11-19T08:00:00+01:00", images=[]),
        make_record("other.org", "y", "2026-11-18T12:00:00Z", run_id=RUN_1),
        # The second version of example.com/a, captured by the second run.
        make_record("example.com", "a", "2026-11-18T10:00:00+00:00", version=2, run_id=RUN_2,
                    fetched_at="2026-11-26T08:00:09Z", body="Updated body of a.\n\nNew.",
                    authors=["Ana Ruiz", "Bo Chen"]),
    ]


def write_runs(root: Path) -> None:
    runs = root / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    (runs / f"{RUN_1}.json").write_text(json.dumps({
        "run_id": RUN_1, "started_at": "2026-11-20T08:00:00Z",
        "finished_at": "2026-11-20T08:03:00Z", "finish_reason": "finished",
        "articles_written": 6, "duplicates_dropped": 2, "unchanged": 0, "new_versions": 0,
        "errors": 3, "error_reasons": {"timeout": 2, "http_503": 1},
        "pages": {"article": 8, "index": 3}, "dropped": {"duplicate_content": 2},
        "requests": 14,
    }))
    (runs / f"{RUN_2}.json").write_text(json.dumps({
        "run_id": RUN_2, "started_at": "2026-11-26T08:00:00Z",
        "finished_at": "2026-11-26T08:01:00Z", "finish_reason": "finished",
        "articles_written": 1, "duplicates_dropped": 0, "unchanged": 5, "new_versions": 1,
        "errors": 1, "error_reasons": {"dns": 1}, "requests": 9,
    }))


@pytest.fixture
def fixture_archive(tmp_path: Path) -> Path:
    root = write_archive(tmp_path / "archive", fixture_records())
    write_runs(root)
    return root


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real archive: ``archiver demo`` crawled twice into one directory (read only!)."""
    root = tmp_path_factory.mktemp("demo") / "archive"
    with socket.socket() as sock:  # one port for both runs: the second sees the same URLs
        sock.bind(("127.0.0.1", 0))
        port = str(sock.getsockname()[1])
    for _ in range(2):
        result = archiver_cmd("demo", "--out", str(root), "--port", port, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
    parts = list((root / "articles").glob("site=*/date=*/part-*.jsonl.gz"))
    assert parts, f"the demo crawl wrote no partitioned part files under {root}"
    return root


def copy_archive(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".lock", "state.sqlite*", "warc"))
    return dst


def chromium_binary() -> str | None:
    """Debian's ``chromium`` (or $CHROMIUM), if installed."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")
