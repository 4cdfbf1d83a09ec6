"""The archive record (schema v1): plain dataclasses, nothing else.

Scrapy accepts dataclass instances as items (via itemadapter), so the spider yields
:class:`Article` directly and the pipelines read and write its fields. The JSON shape is
documented in ``docs/schema.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Image:
    """One image of the article: the lead image or an inline figure."""

    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None
    lead: bool = False


@dataclass
class Article:
    """One archived capture of one article page."""

    id: str
    url: str
    canonical_url: str
    site: str
    fetched_at: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    published: str | None = None
    modified: str | None = None
    description: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    body: str = ""
    images: list[Image] = field(default_factory=list)
    word_count: int = 0
    content_hash: str = ""
    version: int = 1
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict, keys in schema order."""
        data = asdict(self)
        order = (
            "schema_version", "id", "version", "url", "canonical_url", "site", "fetched_at",
            "title", "authors", "byline", "published", "modified", "description", "language",
            "tags", "body", "images", "word_count", "content_hash",
        )
        return {key: data[key] for key in order}
