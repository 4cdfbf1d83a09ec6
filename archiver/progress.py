"""A live progress line on a terminal: pages, articles, duplicates, errors, rate.

Shown only when stderr is a TTY and ``ARCHIVER_PROGRESS`` is on, so cron jobs and log
files stay clean. Redrawn once a second with rich's transient live display.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.text import Text
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class ProgressLine:
    """Redraw one status line per second while the crawl runs."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.console = Console(stderr=True)
        self.live: Live | None = None
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        if not crawler.settings.getbool("ARCHIVER_PROGRESS", True) or not sys.stderr.isatty():
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> Text:
        """The current status line."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        pages = int(stats.get("response_received_count", 0))
        articles = int(stats.get("archiver/articles_written", 0))
        dups = sum(int(v) for k, v in stats.items() if k.startswith("archiver/dropped/duplicate"))
        errors = sum(int(v) for k, v in stats.items() if k.startswith("archiver/error/"))
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        return Text(
            f"pages {pages}  articles {articles}  duplicates {dups}  errors {errors}  "
            f"{rate:.1f} pages/s"
        )

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.live = Live(self.line(), console=self.console, transient=True, auto_refresh=False)
        self.live.start()
        self.loop = task.LoopingCall(self.refresh)
        self.loop.start(1.0, now=False)

    def refresh(self) -> None:
        if self.live is not None:
            self.live.update(self.line(), refresh=True)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live is not None:
            self.live.stop()
            self.live = None
