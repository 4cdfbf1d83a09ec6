"""Run manifest: a JSON file per run in the archive, ``<root>/runs/<run_id>.json``.

Built from the crawl stats when the spider closes: run id, start and end, articles and
new versions written, unchanged and duplicate records, pages seen by kind, records
dropped and requests failed (each by reason), and every file the run published with its
record count, size and SHA-256. The CLI prints it; schedulers and monitoring read it.
Settings read: ``ARCHIVER_OUTPUT_DIR``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis
from scrapy import signals

from archiver.archive.redis_state import RedisStateStore
from archiver.archive.state import SqliteStateStore, StateStore
from archiver.runinfo import run_id_of, utc_now_iso
from archiver.scaleout import redis_prefix

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler


def _grouped(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {
        key[len(prefix):]: int(value)
        for key, value in sorted(stats.items())
        if key.startswith(prefix) and isinstance(value, int)
    }


def build_summary(stats: dict[str, Any], run_id: str, reason: str) -> dict[str, Any]:
    """The run summary document from a Scrapy stats dict."""
    start = stats.get("start_time")
    dropped = _grouped(stats, "archiver/dropped/")
    errors = _grouped(stats, "archiver/error/")
    return {
        "run_id": run_id,
        "started_at": start.isoformat() if start is not None else None,
        "finished_at": utc_now_iso(),
        "finish_reason": reason,
        "articles_written": int(stats.get("archiver/articles_written", 0)),
        "new_versions": int(stats.get("archiver/new_versions", 0)),
        "unchanged": dropped.get("unchanged", 0),
        "duplicates_dropped": sum(v for k, v in dropped.items()
                                  if k.startswith(("duplicate", "near_duplicate"))),
        "aliases_resolved": int(stats.get("archiver/pages/alias", 0)),
        "errors": sum(errors.values()),
        "pages": _grouped(stats, "archiver/pages/"),
        "dropped": dropped,
        "error_reasons": errors,
        "skipped": _grouped(stats, "archiver/skipped/"),
        "limits_hit": _grouped(stats, "archiver/limit/"),
        "requests": int(stats.get("downloader/request_count", 0)),
        "responses": int(stats.get("downloader/response_count", 0)),
        "response_status": _grouped(stats, "downloader/response_status_count/"),
        "recovered_parts": int(stats.get("archiver/recovered_parts", 0)),
        "recovered_records": int(stats.get("archiver/recovered_records", 0)),
        "files": list(stats.get("archiver/files", [])),
        "copies": list(stats.get("archiver/copies", [])),
        "archive": dict(stats.get("archiver/state", {})),
    }


class RunSummary:
    """Write the run summary JSON when the spider closes."""

    def __init__(self, root: Path, crawler: Crawler) -> None:
        self.root = root
        self.crawler = crawler
        self.summary: dict[str, Any] | None = None
        self.path: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunSummary:
        ext = cls(Path(crawler.settings.get("ARCHIVER_OUTPUT_DIR", "output")), crawler)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        self.summary = build_summary(stats, run_id_of(self.crawler), reason)
        if reason == "finished":
            self._finish_run(self.summary["run_id"], self.summary["finished_at"])
        runs = self.root / "runs"
        path = runs / f"{self.summary['run_id'] or 'run'}.json"
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            runs.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(self.summary, indent=2, ensure_ascii=False) + "\n",
                           "utf-8")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            logger.error("Cannot write the run summary %s: %s", path, exc)
            return
        self.path = path

    def _finish_run(self, run_id: str, finished_at: str) -> None:
        """Tell the state store the run crawled to its end (incremental re-runs trust
        only the HTTP validators of finished runs)."""
        settings = self.crawler.settings
        try:
            store: StateStore = (
                RedisStateStore(settings.get("ARCHIVER_REDIS_URL"), redis_prefix(settings),
                                run_id)
                if settings.get("ARCHIVER_REDIS_URL") else SqliteStateStore.at(self.root))
        except (sqlite3.Error, redis.RedisError) as exc:
            logger.error("Cannot record the end of run %s in the state store: %s", run_id, exc)
            return
        try:
            store.finish_run(run_id, finished_at)
        except (sqlite3.Error, redis.RedisError) as exc:
            logger.error("Cannot record the end of run %s in the state store: %s", run_id, exc)
        finally:
            store.close()
