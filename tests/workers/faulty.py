"""Page functions that misbehave, run in real worker processes by the pool tests."""

from __future__ import annotations

import os
import signal
import time

from archiver.pages import PageResult


def slow(text: str, url: str) -> PageResult:
    time.sleep(float(text))
    return PageResult("index", url)


def crash(text: str, url: str) -> PageResult:
    os.kill(os.getpid(), signal.SIGKILL)
    return PageResult("index", url)


def hog(text: str, url: str) -> PageResult:
    blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB: over the cap
    return PageResult("index", url, links_found=len(blocks))


def boom(text: str, url: str) -> PageResult:
    raise ValueError(f"bad page {url}")


def ok(text: str, url: str) -> PageResult:
    return PageResult("index", url, links=[text])


def warmth(text: str, url: str) -> PageResult:
    """How warm a fresh worker is: objects frozen by the fork server's warm-up, and the CPU
    seconds of this process's first dateparser call (about 2 s when cold)."""
    import gc

    from htmldate.extractors import external_date_parser

    started = time.process_time()
    external_date_parser("Posted 3 days ago by the desk", "%Y-%m-%d")
    return PageResult("index", url, links=[str(gc.get_freeze_count()),
                                           str(time.process_time() - started)])


def pid(text: str, url: str) -> PageResult:
    """Which worker process ran the page."""
    return PageResult("index", url, links=[str(os.getpid())])
