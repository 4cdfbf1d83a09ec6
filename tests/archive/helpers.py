"""Building archive sessions and records for the session tests (SQLite and Redis)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from archiver.archive.session import ArchiveSession, SessionConfig
from archiver.extract.text import content_hash
from archiver.extract.urls import article_id
from archiver.items import Article
from tests.sitebuilder import prose

if TYPE_CHECKING:
    from pathlib import Path

    from archiver.archive.state import StateStore

CONFIG = SessionConfig(fsync=False, warc=False)


def make(slug: str, *, site: str = "x.test", title: str | None = None,
         paragraphs: list[str] | None = None, url: str | None = None,
         published: str | None = "2026-10-01T09:00:00+00:00") -> Article:
    canonical = f"https://{site}/news/{slug}"
    body = "\n\n".join(paragraphs or prose(slug))
    return Article(
        id=article_id(canonical), url=url or canonical, canonical_url=canonical, site=site,
        fetched_at="2026-11-27T08:00:00Z", title=title or f"Story {slug}", body=body,
        word_count=len(body.split()), content_hash=content_hash(body), published=published,
    )


def run(root: Path, run_id: str, articles: list[Article], config: SessionConfig = CONFIG,
        store: StateStore | None = None) -> ArchiveSession:
    """One run: admit and write each article, then close."""
    session = ArchiveSession(root, run_id, dataclasses.replace(config), store=store)
    session.open()
    for article in articles:
        if session.admit(article).write:
            session.write(article)
    session.close()
    return session
