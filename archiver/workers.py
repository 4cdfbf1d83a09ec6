"""A pool of worker processes for the CPU work of a crawl (parsing, classification, link
and article extraction), awaited from the asyncio reactor so downloads never wait on it.

Built on pebble's ``ProcessPool``: a page that hangs past the timeout gets its worker
killed and replaced, a worker that crashes (segfault, out of memory) is replaced too;
either way only that page is lost, and the caller gets :class:`PageFailed` with the
reason. A semaphore bounds the pages queued for the workers (back-pressure); Scrapy's
scraper slot limit then stops downloads while the workers are behind, so memory stays
bounded. With ``workers=0`` pages are processed in the calling thread (debugging).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import resource
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool

from archiver.pages import PageResult, process_page

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)


class PageFailed(Exception):
    """Processing one page failed; ``reason`` is ``extract_timeout``, ``extract_crash`` or
    ``extract``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _limit_memory(max_mb: int) -> None:
    """Worker initializer: cap the address space, so a pathological page raises
    MemoryError in its worker instead of swapping the machine."""
    if max_mb > 0:
        limit = max_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def default_workers() -> int:
    """One worker per core available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def start_server(function: Callable[..., Any] = process_page) -> None:
    """Start the fork server the workers fork from, if it is not running yet.

    Its imports and warm-up (:mod:`archiver.warm`) take about 2 s of one core. Started
    when the spider is created, that overlaps the crawler's own start-up (about 0.9 s to
    open the spider) instead of holding back the first pages.
    """
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(
        [function.__module__, "archiver.warm"])
    forkserver.ensure_running()


class PagePool:
    """Process pages in worker processes; ``await pool.process(...)``."""

    def __init__(
        self,
        workers: int,
        timeout: float = 30.0,
        max_pending: int = 0,
        max_tasks_per_worker: int = 5000,
        memory_mb: int = 2048,
        function: Callable[..., PageResult] = process_page,
    ) -> None:
        self.workers = workers
        self.timeout = timeout
        self.function = function
        self._semaphore = asyncio.Semaphore(max_pending or max(1, workers) * 4)
        self._pool: ProcessPool | None = None
        if workers > 0:
            # Workers fork from a clean server process (never from the crawler, whose
            # reactor threads must not be copied) that has already imported the page
            # code and paid its one-time costs (archiver.warm), so a new or replaced
            # worker is ready at once.
            context = multiprocessing.get_context("forkserver")
            start_server(function)
            self._pool = ProcessPool(
                max_workers=workers,
                max_tasks=max_tasks_per_worker,
                initializer=_limit_memory,
                initargs=(memory_mb,),
                context=context,
            )

    async def process(self, *args: Any, **kwargs: Any) -> PageResult:
        """Run the page function on *args*; raise :class:`PageFailed` when it fails."""
        result: PageResult = await self.run(self.function, *args, **kwargs)
        return result

    async def run(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run any picklable module-level *function* in a worker (sitemap and feed parsing
        too), with the same timeout, isolation and back-pressure as pages."""
        if self._pool is None:
            try:
                return function(*args, **kwargs)
            except Exception as exc:
                raise PageFailed("extract", f"{type(exc).__name__}: {exc}") from exc
        async with self._semaphore:
            future = self._pool.schedule(function, args=args, kwargs=kwargs,
                                         timeout=self.timeout)
            try:
                return await asyncio.wrap_future(future)
            except FutureTimeout as exc:
                raise PageFailed("extract_timeout", f"over {self.timeout:g}s") from exc
            except ProcessExpired as exc:
                raise PageFailed("extract_crash", f"worker died ({exc})") from exc
            except Exception as exc:
                raise PageFailed("extract", f"{type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        """Stop the workers (pending pages are abandoned)."""
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None
