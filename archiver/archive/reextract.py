"""Rebuild records from the raw responses in the archive's WARC files with the current
extractor, so that improving extraction never needs a re-crawl.

Every response record of ``<root>/warc/*.warc.gz`` is extracted again (in worker
processes, in file order, so versions stay chronological) and goes through the same
dedup and version decisions as a crawl, compared with the record first extracted from the
same capture: a record whose title and body come out the same is ``unchanged`` and not
written; one that changed becomes a new version that ``supersedes`` the latest one. A
capture behind an older version (the article changed on the site since) is left alone
(``superseded``), so re-extraction never makes old text the latest version. Records
point at the WARC record they came from; the WARC files themselves are never modified.
An archive whose ``articles/`` and ``state.sqlite`` were deleted is rebuilt whole.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from archiver.archive import neardup
from archiver.archive.session import WARC_DIR, ArchiveSession, SessionConfig
from archiver.archive.warc import WarcResponse, iter_responses
from archiver.extract.article import extract_page
from archiver.extract.charset import decode_body
from archiver.extract.document import parse
from archiver.extract.page import Page
from archiver.items import Article, WarcRef
from archiver.runinfo import new_run_id

logger = logging.getLogger(__name__)

Extractor = Callable[[bytes, str, str, str], "Article | None"]


def extract_response(body: bytes, url: str, content_type: str, fetched_at: str
                     ) -> Article | None:
    """The record of one archived response (None if the page no longer parses)."""
    text, _ = decode_body(body, content_type or None)
    root = parse(text)
    if root is None:
        return None
    article = extract_page(Page(url=url, root=root), fetched_at=fetched_at)
    article.fingerprint = neardup.fingerprint(article.body)
    return article


@dataclass
class ReextractResult:
    """What a re-extraction did."""

    run_id: str
    responses: int = 0
    written: int = 0
    new_versions: int = 0
    failed: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, object]] = field(default_factory=list)


def warc_files(root: Path) -> list[Path]:
    """The archive's published WARC files, oldest first (names start with the run id)."""
    directory = Path(root) / WARC_DIR
    if not directory.exists():
        return []
    return sorted(p for p in directory.glob("*.warc.gz") if not p.name.startswith("."))


def _responses(root: Path) -> Iterator[WarcResponse]:
    for path in warc_files(root):
        yield from iter_responses(path, root)


def _content_type(response: WarcResponse) -> str:
    for name, value in response.headers:
        if name.lower() == "content-type":
            return value
    return ""


def reextract(root: Path, *, workers: int | None = None, extractor: Extractor | None = None,
              config: SessionConfig | None = None, min_words: int = 25,
              batch: int = 64) -> ReextractResult:
    """Re-extract every archived response under *root*; see the module docstring.

    *workers*: extraction processes (None: one per core; 0: in this process).
    *extractor*: replaces :func:`extract_response` (it must be picklable when
    *workers* is not 0). Records with fewer than *min_words* words are not written.
    """
    extract = extractor or extract_response
    config = config or SessionConfig()
    config.warc = False  # records keep pointing at their original capture
    result = ReextractResult(run_id=new_run_id())
    session = ArchiveSession(root, result.run_id, config)
    session.open()
    workers = (os.cpu_count() or 1) if workers is None else workers
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 0 else None
    try:
        responses = _responses(root)
        while chunk := list(islice(responses, batch)):
            args = [(r.body, r.url, _content_type(r), r.fetched_at) for r in chunk]
            if pool is not None:
                articles = list(pool.map(extract, *zip(*args, strict=True)))
            else:
                articles = [extract(*a) for a in args]
            for response, article in zip(chunk, articles, strict=True):
                _admit(session, result, response, article, min_words)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        session.close()
    result.written = session.counts.written
    result.new_versions = session.counts.new_versions
    result.dropped = dict(session.counts.dropped)
    result.files = session.manifest_files()
    return result


def _admit(session: ArchiveSession, result: ReextractResult, response: WarcResponse,
           article: Article | None, min_words: int) -> None:
    result.responses += 1
    if article is None or not article.body.strip() or article.word_count < min_words:
        result.failed += 1
        logger.warning("Re-extraction of %s (%s) gave no article text", response.url,
                       response.record_id)
        return
    article.fetched_at = response.fetched_at
    article.warc = WarcRef(response.file, response.offset, response.length,
                           response.record_id)
    if session.admit_reextracted(article).write:
        session.write(article)
