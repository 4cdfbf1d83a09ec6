"""robots.txt as RFC 9309 reads a server error: the whole site is disallowed.

Scrapy's ``RobotsTxtMiddleware`` parses whatever body a robots.txt request returns, so a
robots.txt answering 500 (an error page, no rules) lets the crawler fetch everything. RFC
9309 (2.3.1.4) says an unreachable robots.txt (a 5xx answer) means complete disallow: a
site whose server is failing is not crawled. 4xx answers still mean "no rules" (allow
all), as the RFC says. The pages refused are counted as ``skipped/robots_txt``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

logger = logging.getLogger(__name__)

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class ServerErrorRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Obey robots.txt; a robots.txt answering 5xx disallows the whole site."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            logger.warning("robots.txt of %s answered %d: the site is not crawled "
                           "(RFC 9309: a server error means complete disallow)",
                           netloc, response.status)
            response = response.replace(body=DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)
