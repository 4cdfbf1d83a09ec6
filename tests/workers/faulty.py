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
