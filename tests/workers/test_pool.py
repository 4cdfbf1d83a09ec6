"""The worker pool with real processes: a page that hangs, crashes its worker, exhausts
memory or raises costs that page only; the pool goes on serving the others."""

from __future__ import annotations

import asyncio
import time

import pytest

from archiver.workers import PageFailed, PagePool
from tests.workers import faulty


async def _run(pool: PagePool, function_name: str, text: str) -> object:
    pool.function = getattr(faulty, function_name)
    try:
        return await pool.process(text, f"https://x.test/{function_name}")
    except PageFailed as exc:
        return exc


@pytest.fixture
def pool():
    pool = PagePool(workers=2, timeout=5.0, memory_mb=1024)
    yield pool
    pool.close()


def test_failures_cost_one_page_each(pool: PagePool) -> None:
    async def scenario() -> list[object]:
        outcomes = []
        for name, text in [("ok", "a"), ("slow", "30"), ("ok", "b"), ("crash", ""),
                           ("ok", "c"), ("hog", ""), ("boom", ""), ("ok", "d")]:
            outcomes.append(await _run(pool, name, text))
        return outcomes

    started = time.monotonic()
    outcomes = asyncio.run(scenario())
    assert time.monotonic() - started < 30
    reasons = [o.reason if isinstance(o, PageFailed) else o.links[0] for o in outcomes]
    assert reasons == ["a", "extract_timeout", "b", "extract_crash", "c", "extract", "extract",
                       "d"]
    assert "MemoryError" in outcomes[5].detail
    assert "bad page https://x.test/boom" in outcomes[6].detail


def test_pages_run_in_parallel(pool: PagePool) -> None:
    async def scenario() -> float:
        pool.function = faulty.slow
        await pool.process("0", "warm-up")  # worker start-up is not what we time
        await asyncio.gather(pool.process("0", "w1"), pool.process("0", "w2"))
        started = time.monotonic()
        await asyncio.gather(pool.process("1", "a"), pool.process("1", "b"))
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 1.8


def test_in_process_mode_reports_failures_the_same_way() -> None:
    pool = PagePool(workers=0, function=faulty.boom)
    with pytest.raises(PageFailed, match="extract: ValueError: bad page"):
        asyncio.run(pool.process("", "https://x.test/p"))
    pool.close()


def test_workers_start_warm(pool: PagePool) -> None:
    """Workers fork from a fork server that already paid the one-time costs (dateparser's
    locale tables: about 2 s of CPU per process when cold), even a worker replaced after a
    crash."""
    async def scenario() -> list[object]:
        first = await _run(pool, "warmth", "")
        await _run(pool, "crash", "")
        replaced = await _run(pool, "warmth", "")
        return [first, replaced]

    for outcome in asyncio.run(scenario()):
        frozen, first_call = outcome.links  # type: ignore[attr-defined]
        assert int(frozen) > 0
        assert float(first_call) < 0.5


def test_a_worker_is_replaced_after_max_tasks_pages() -> None:
    """``ARCHIVER_WORKER_MAX_TASKS``: a worker serves that many pages, then a fresh fork
    takes its place."""
    pool = PagePool(workers=1, timeout=5.0, max_tasks_per_worker=2)

    async def scenario() -> list[str]:
        return [(await _run(pool, "pid", str(n))).links[0]  # type: ignore[attr-defined]
                for n in range(5)]

    try:
        pids = asyncio.run(scenario())
    finally:
        pool.close()
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
