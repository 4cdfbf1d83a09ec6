"""The archive session shared by the dedup, WARC and JSONL pipelines of one crawl.

Each pipeline acquires the session in ``open_spider`` and releases it in
``close_spider``; the first acquisition opens it (lock, recovery, state store) and the
last release closes it (publish parts, commit, unlock). The published files are put in
the crawl stats for the run manifest.

Settings read: ``ARCHIVER_OUTPUT_DIR``, ``ARCHIVER_GZIP``, ``ARCHIVER_PART_MAX_RECORDS``,
``ARCHIVER_PART_MAX_BYTES``, ``ARCHIVER_MAX_OPEN_PARTS``, ``ARCHIVER_FSYNC``,
``ARCHIVER_DEDUP_THRESHOLD``, ``ARCHIVER_WARC``, ``ARCHIVER_WARC_MAX_BYTES``,
``ARCHIVER_MAX_ARTICLES``, ``ARCHIVER_REDIS_URL`` and ``ARCHIVER_REDIS_PREFIX`` (the
state store in Redis instead of ``state.sqlite``, for scale-out).
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Self

from archiver.archive import neardup
from archiver.archive.redis_state import RedisStateStore
from archiver.archive.session import ArchiveSession, SessionConfig
from archiver.runinfo import new_run_id, run_id_of
from archiver.scaleout import redis_prefix

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

_SESSIONS: weakref.WeakKeyDictionary[Crawler, SharedSession] = weakref.WeakKeyDictionary()


def session_config(settings: BaseSettings) -> SessionConfig:
    """The archive session's settings."""
    return SessionConfig(
        gzip=settings.getbool("ARCHIVER_GZIP", True),
        part_max_records=settings.getint("ARCHIVER_PART_MAX_RECORDS", 5000),
        part_max_bytes=settings.getint("ARCHIVER_PART_MAX_BYTES", 64 << 20),
        max_open_parts=settings.getint("ARCHIVER_MAX_OPEN_PARTS", 512),
        fsync=settings.getbool("ARCHIVER_FSYNC", True),
        threshold=settings.getfloat("ARCHIVER_DEDUP_THRESHOLD", neardup.DEFAULT_THRESHOLD),
        warc=settings.getbool("ARCHIVER_WARC", True),
        warc_max_bytes=settings.getint("ARCHIVER_WARC_MAX_BYTES", 1 << 30),
        max_articles=settings.getint("ARCHIVER_MAX_ARTICLES", 0),
    )


class SharedSession:
    """Reference-counted :class:`ArchiveSession` of one crawler."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session: ArchiveSession | None = None
        self.users = 0

    @classmethod
    def of(cls, crawler: Crawler) -> SharedSession:
        if crawler not in _SESSIONS:
            _SESSIONS[crawler] = cls(crawler)
        return _SESSIONS[crawler]

    def acquire(self) -> ArchiveSession:
        if self.session is None:
            root = Path(self.crawler.settings.get("ARCHIVER_OUTPUT_DIR", "output"))
            run_id = run_id_of(self.crawler) or new_run_id()
            settings = self.crawler.settings
            config = session_config(settings)
            store = None
            if settings.get("ARCHIVER_REDIS_URL"):
                # Scale-out: the state is shared through Redis, which takes the place of
                # the archive lock (archiver.scaleout).
                store = RedisStateStore(settings.get("ARCHIVER_REDIS_URL"),
                                        redis_prefix(settings), run_id)
                config.lock = False
            session = ArchiveSession(root, run_id, config, store=store)
            session.open()
            self.session = session
            self._stat("archiver/recovered_parts", session.counts.recovered_parts)
            self._stat("archiver/recovered_records", session.counts.recovered_records)
        self.users += 1
        return self.session

    def release(self) -> None:
        self.users -= 1
        if self.users > 0 or self.session is None:
            return
        session, self.session = self.session, None
        try:
            session.close()
        finally:
            self._stat("archiver/files", session.manifest_files())
            self._stat("archiver/state", session.state_counts)
            self._stat("archiver/copies", session.copies)

    def _stat(self, key: str, value: object) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(key, value)


class SessionPipeline:
    """Base of the pipelines that work on the crawl's archive session: it is acquired when
    the spider opens and released when it closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.shared = SharedSession.of(crawler)
        self.session: ArchiveSession | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        self.session = self.shared.acquire()

    def close_spider(self) -> None:
        self.session = None
        self.shared.release()
