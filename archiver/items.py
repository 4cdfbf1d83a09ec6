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
class WarcRef:
    """Where the raw HTTP response of a record is kept: a record of a WARC file."""

    file: str  # path relative to the archive root, e.g. ``warc/<run>-00001.warc.gz``
    offset: int  # byte offset of the record's gzip member in the file
    length: int  # byte length of that gzip member
    record_id: str  # the WARC-Record-ID, ``<urn:uuid:...>``


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
    record_id: str = ""
    supersedes: str | None = None
    run_id: str = ""
    warc: WarcRef | None = None
    schema_version: int = SCHEMA_VERSION
    # Not part of the record: the near-duplicate sketch and its LSH band keys (computed in
    # the worker process, off the crawler's thread) and the raw capture (the HTTP
    # exchange, made a WARC blob if the record is written).
    fingerprint: bytes = field(default=b"", repr=False, compare=False)
    lsh_keys: tuple[int, ...] = field(default=(), repr=False, compare=False)
    capture: Any = field(default=None, repr=False, compare=False)
    # The URLs that redirected to this page (HTTP or meta refresh), as fetched, and the
    # alias page that named it as canonical.
    redirected_from: list[str] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.record_id and self.id:
            self.record_id = record_id_of(self.id, self.version)

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict, keys in schema order."""
        capture, self.capture = self.capture, None  # not copied by asdict
        try:
            data = asdict(self)
        finally:
            self.capture = capture
        return {key: data[key] for key in RECORD_FIELDS}


RECORD_FIELDS = (
    "schema_version", "id", "record_id", "version", "supersedes", "url", "canonical_url",
    "site", "fetched_at", "title", "authors", "byline", "published", "modified",
    "description", "language", "tags", "body", "images", "word_count", "content_hash",
    "run_id", "warc",
)


def record_id_of(article_id: str, version: int) -> str:
    """The id of one version's record: ``<article id>-v<version>``."""
    return f"{article_id}-v{version}"
