"""Per-site page budget: at most ``ARCHIVER_MAX_PAGES_PER_SITE`` requests to one site
(registered domain) per run, so calendar and pagination traps end. Refused requests are
counted as ``archiver/skipped/page_budget``."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest, NotConfigured

from archiver.extract.urls import site_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


class PageBudgetMiddleware:
    """Refuse requests beyond the per-site budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageBudgetMiddleware:
        budget = crawler.settings.getint("ARCHIVER_MAX_PAGES_PER_SITE", 0)
        if budget <= 0:
            raise NotConfigured
        return cls(budget)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if request.url.endswith("/robots.txt"):
            return
        site = site_of(request.url)
        if self.used[site] >= self.budget:
            raise IgnoreRequest(f"page budget of {self.budget} reached for {site}")
        self.used[site] += 1
