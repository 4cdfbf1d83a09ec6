"""Scale-out on scrapy-redis: N crawl processes on N machines share one frontier.

Switched on by ``ARCHIVER_REDIS_URL`` (``archiver crawl --redis URL``), through the
:class:`ScaleOut` add-on, which sets:

- scrapy-redis's request dupefilter and a FIFO request queue in Redis, under
  ``ARCHIVER_REDIS_PREFIX`` (default ``archiver:news``), so a URL any process has seen is
  never requested again by another;
- :class:`ReliableScheduler`: scrapy-redis's scheduler, plus a record of the requests each
  process has taken from the queue and not finished (``<prefix>:inflight:<run id>``).
  When a process dies (its heartbeat key ``<prefix>:alive:<run id>`` expires), the next
  process that looks (every second while crawling, and at start) puts its unfinished
  requests back in the queue: killing a worker loses nothing. A process stopped with
  SIGTERM puts back its own unfinished requests before it exits;
- :class:`InflightAck`: marks a request finished once its callback's output was handled;
- the archive's state store in Redis (:mod:`archiver.archive.redis_state`) instead of
  ``state.sqlite``, and no archive lock: each process writes its own part files into the
  shared archive root.

A crawl is one "generation" of the shared frontier: the first process to start when no
other is alive, the queue is empty and nothing is in flight forgets the previous crawl's
seen requests, so scheduled re-runs start fresh (the state store still knows every
archived article, so unchanged ones are not archived again).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

import redis
from scrapy.exceptions import NotConfigured
from scrapy_redis.scheduler import Scheduler

from archiver.archive.redis_state import HEARTBEAT_TTL

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "archiver:news"


def redis_prefix(settings: BaseSettings) -> str:
    return str(settings.get("ARCHIVER_REDIS_PREFIX") or DEFAULT_PREFIX).rstrip(":")


class ScaleOut:
    """Scrapy add-on: switch the crawl to scrapy-redis when ``ARCHIVER_REDIS_URL`` is set."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("ARCHIVER_REDIS_URL")
        if not url:
            return
        prefix = redis_prefix(settings)
        settings.set("REDIS_URL", url, priority="addon")
        settings.set("SCHEDULER", "archiver.scaleout.ReliableScheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter",
                     priority="addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.FifoQueue", priority="addon")
        settings.set("SCHEDULER_QUEUE_KEY", f"{prefix}:requests", priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", f"{prefix}:dupefilter", priority="addon")
        settings.set("SCHEDULER_PERSIST", True, priority="addon")  # others still use it
        settings.set("JOBDIR", None, priority="addon")  # the frontier is in Redis
        middlewares = settings.getdict("SPIDER_MIDDLEWARES")
        middlewares["archiver.scaleout.InflightAck"] = 50
        settings.set("SPIDER_MIDDLEWARES", middlewares, priority="addon")


class ReliableScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler that never loses the requests of a process that died."""

    requeue_every = 1.0  # seconds between looks for dead processes' requests
    crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReliableScheduler:
        scheduler: ReliableScheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        return scheduler

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.prefix = redis_prefix(spider.settings)
        self.run_id = str(getattr(spider, "run_id", "")) or "run"
        self.inflight_key = f"{self.prefix}:inflight:{self.run_id}"
        self._last_look = 0.0
        with self.server.lock(f"{self.prefix}:start-lock", timeout=30, blocking_timeout=60):
            alive = list(self.server.scan_iter(match=f"{self.prefix}:alive:*"))
            inflight = list(self.server.scan_iter(match=f"{self.prefix}:inflight:*"))
            if not alive and not inflight and len(self.queue) == 0:
                self.df.clear()
                logger.info("Scale-out: starting a new crawl of the shared frontier %s",
                            self.prefix)
            else:
                logger.info("Scale-out: joining the crawl of %s (%d queued, %d processes)",
                            self.prefix, len(self.queue), len(alive))
            self.server.set(f"{self.prefix}:alive:{self.run_id}", b"1", ex=HEARTBEAT_TTL)
        self.requeue_dead()

    def _look(self) -> int:
        """Requeue dead processes' requests, at most every ``requeue_every`` seconds."""
        now = time.monotonic()
        if now - self._last_look < self.requeue_every:
            return 0
        self._last_look = now
        return self.requeue_dead()

    def next_request(self) -> Request | None:
        self._look()
        if len(self.queue) > 0:
            # Busy before taking a request, so that no other process sees an empty queue
            # and nobody busy in between: the others wait for what it may add.
            self.server.set(f"{self.prefix}:busy:{self.run_id}", b"1", ex=HEARTBEAT_TTL)
        request = super().next_request()
        if request is not None:
            self.server.hset(self.inflight_key, self.df.request_fingerprint(request),
                             self.queue._encode_request(request))
        return request

    def has_pending_requests(self) -> bool:
        """Requests in the shared queue, or soon: a dead process's requests to take over,
        or another process still working (it may find more). A process only stops when
        the queue is empty and every process is idle."""
        if len(self.queue) > 0 or self._look() > 0:
            return True
        busy_key = f"{self.prefix}:busy:{self.run_id}"
        if self._locally_busy():
            self.server.set(busy_key, b"1", ex=HEARTBEAT_TTL)
            return False  # the engine knows about its own work
        self.server.delete(busy_key)
        waiting = any(key != busy_key.encode() for key in
                      self.server.scan_iter(match=f"{self.prefix}:busy:*"))
        if waiting:
            self._poll_soon()
        return waiting

    def _poll_soon(self) -> None:
        """Look at the shared queue again shortly (Scrapy's own heartbeat is 5 s; requests
        another process adds should not wait that long)."""
        slot = getattr(self.crawler.engine, "_slot", None) if self.crawler else None
        if slot is not None:
            slot.nextcall.schedule(self.requeue_every / 2)

    def _locally_busy(self) -> bool:
        engine = self.crawler.engine if self.crawler is not None else None
        if engine is None:
            return False
        scraper_slot = getattr(engine.scraper, "slot", None)
        return bool(engine.downloader.active) or (
            scraper_slot is not None and not scraper_slot.is_idle())

    def requeue_dead(self) -> int:
        """Put the unfinished requests of dead processes back in the queue; how many."""
        moved = 0
        for key in self.server.scan_iter(match=f"{self.prefix}:inflight:*"):
            name = key.decode() if isinstance(key, bytes) else key
            run = name.rsplit(":", 1)[1]
            if run == self.run_id or self.server.exists(f"{self.prefix}:alive:{run}"):
                continue
            claimed = f"{self.prefix}:requeue:{self.run_id}:{run}"
            try:
                self.server.rename(name, claimed)  # exactly one process takes them over
            except redis.ResponseError:
                logger.debug("Scale-out: another process took over %s", name)
                continue
            moved += self._push_back(claimed)
            logger.warning("Scale-out: process %s died; its unfinished requests are back "
                           "in the queue", run)
        return moved

    def _push_back(self, key: str) -> int:
        entries = self.server.hgetall(key)
        for raw in entries.values():
            self.queue.push(self.queue._decode_request(raw))
        self.server.delete(key)
        return len(entries)

    def ack(self, request: Request) -> None:
        self.server.hdel(self.inflight_key, self.df.request_fingerprint(request))

    def close(self, reason: str) -> None:
        if reason != "finished":
            # Stopped early: what this process took and did not finish goes back.
            claimed = f"{self.prefix}:requeue:{self.run_id}:{self.run_id}"
            if self.server.exists(self.inflight_key):
                self.server.rename(self.inflight_key, claimed)
                self._push_back(claimed)
        self.server.delete(self.inflight_key, f"{self.prefix}:busy:{self.run_id}",
                           f"{self.prefix}:alive:{self.run_id}")
        super().close(reason)


class InflightAck:
    """Spider middleware: a request is finished when its callback's output is handled."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InflightAck:
        if not crawler.settings.get("ARCHIVER_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any],
                                    spider: Any = None) -> AsyncIterator[Any]:
        async for output in result:
            yield output
        scheduler = getattr(getattr(self.crawler.engine, "_slot", None), "scheduler", None)
        if isinstance(scheduler, ReliableScheduler) and response.request is not None:
            scheduler.ack(response.request)
