"""Article extraction: ``extract_article(html, url) -> Article``. Pure; never imports Scrapy."""

from __future__ import annotations

from archiver.extract.article import extract_article

__all__ = ["extract_article"]
