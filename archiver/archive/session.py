"""One run's handle on an archive root: dedup and version decisions, raw capture, part
files, recovery. Used by the item pipelines during a crawl and by ``archiver reextract``.

The order of a record's writes is what makes ``kill -9`` safe at any instant:

1. its raw response is appended to the run's WARC file (an orphan WARC record is harmless);
2. its JSON line is appended to a hidden in-progress part (flushed to the OS);
3. the state store commits it, with the other changes of its batch: every
   ``commit_every`` changes or ``commit_seconds`` seconds, and always before a part is
   published, so every record of a published part is committed.

A crash before 3 leaves lines the store does not know, all in in-progress parts:
:meth:`ArchiveSession.open` publishes the complete lines of in-progress parts and
registers the records it finds there, so the next run neither loses nor duplicates them.
When the store cannot commit (disk full), the session does the same: the batch is rolled
back and the open parts are left in progress for the next run to recover.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import re
import sqlite3
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver.archive import neardup
from archiver.archive.layout import ARTICLES_DIR, partition_dir, partition_value, record_day
from archiver.archive.lock import ArchiveLock
from archiver.archive.parts import PartInfo, PartWriter, file_info, recover_parts
from archiver.archive.state import (
    DUPLICATE_CONTENT,
    NEAR_DUPLICATE,
    URL_ALIAS,
    Alias,
    Entry,
    Known,
    SqliteStateStore,
    StateStore,
)
from archiver.archive.warc import WarcWriter, recover_warcs
from archiver.extract.urls import article_id, canonicalize, same_page
from archiver.items import record_id_of
from archiver.runinfo import utc_now_iso

if TYPE_CHECKING:
    from collections.abc import Iterable

    from archiver.items import Article

logger = logging.getLogger(__name__)

WRITE = "write"
UNCHANGED = "unchanged"
DUPLICATE_URL = "duplicate_url"
MAX_ARTICLES = "max_articles"
WARC_DIR = "warc"
MAX_LISTED_COPIES = 10_000  # copies listed in a run manifest (all are counted)
_WS = re.compile(r"\s+")


def version_hash(title: str | None, content_hash: str) -> str:
    """What makes a new version: the normalised title and body. Whitespace, Unicode
    compatibility forms and link targets (not part of the text) never do."""
    norm_title = _WS.sub(" ", unicodedata.normalize("NFKC", title or "")).strip()
    return hashlib.sha256(f"{norm_title}\x00{content_hash}".encode()).hexdigest()


@dataclass
class Decision:
    """Whether to write a record, and if not, why and of what it is a copy."""

    action: str
    of: str | None = None
    similarity: float | None = None

    @property
    def write(self) -> bool:
        return self.action == WRITE


@dataclass
class SessionConfig:
    """Settings of a session (from ``ARCHIVER_*`` settings in a crawl)."""

    gzip: bool = True
    part_max_records: int = 5000
    part_max_bytes: int = 64 << 20
    max_open_parts: int = 512
    fsync: bool = True
    threshold: float = neardup.DEFAULT_THRESHOLD
    warc: bool = True
    warc_max_bytes: int = 1 << 30
    max_articles: int = 0
    lock: bool = True
    # State-store changes per commit, and the longest a change waits for one: a commit
    # per record cost 0.3-0.7 ms of the crawler's thread (WAL pages of every index).
    commit_every: int = 64
    commit_seconds: float = 1.0


@dataclass
class SessionCounts:
    """What the session did, for the run summary."""

    written: int = 0
    new_versions: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    recovered_parts: int = 0
    recovered_records: int = 0


class ArchiveSession:
    """Open an archive root for one run, decide and write records, close it."""

    def __init__(self, root: Path, run_id: str, config: SessionConfig | None = None,
                 store: StateStore | None = None) -> None:
        self.root = Path(root)
        self.run_id = run_id
        self.config = config or SessionConfig()
        self.lock = ArchiveLock(self.root) if self.config.lock else None
        self._store = store
        self.counts = SessionCounts()
        self.files: list[PartInfo] = []
        self.warc_files: list[Path] = []
        self._parts: OrderedDict[tuple[str, str], PartWriter] = OrderedDict()
        self._part_numbers: dict[tuple[str, str], int] = {}
        self._warc: WarcWriter | None = None
        # Article ids archived or found unchanged in this run -> the URL first seen at.
        self._seen: dict[str, str] = {}
        self._opened = False
        self._pending = 0  # state-store changes since the last commit
        self._committed_at = time.monotonic()
        self._failed = False  # the store could not commit: leave the parts to recovery
        self.state_counts: dict[str, int] = {}
        # Copies dropped in this run (URL, reason, the article they copy), for the manifest.
        self.copies: list[dict[str, Any]] = []

    @property
    def store(self) -> StateStore:
        assert self._store is not None, "the session is not open"
        return self._store

    # --- lifecycle ----------------------------------------------------------------------

    def open(self) -> None:
        """Lock the root, recover what a crashed run left, open the state store."""
        if self._opened:
            return
        if self.lock is not None:
            self.lock.acquire()
        try:
            if self._store is None:
                self._store = SqliteStateStore.at(self.root)
            self._recover()
        except BaseException:
            if self.lock is not None:
                self.lock.release()
            raise
        self._opened = True

    def close(self) -> list[PartInfo]:
        """Publish every open part and WARC file, commit, unlock. Returns this run's parts."""
        if not self._opened:
            return self.files
        try:
            try:
                while self._parts and not self._failed:
                    self._publish(next(iter(self._parts)))
            except OSError as exc:
                logger.error("%s", exc)
            if self._failed:
                self._abandon_parts()
            if self._warc is not None:
                self.warc_files.extend(self._warc.close())
                self._warc = None
            try:
                self.store.commit()
                self.state_counts = self.store.counts()
            except sqlite3.Error as exc:
                logger.error("The state store %s could not be read back: %s", self.root, exc)
            self.store.close()
        finally:
            if self.lock is not None:
                self.lock.release()
            self._opened = False
        return self.files

    def abort(self) -> None:
        """Stop without publishing (tests simulate a crash this way); recovery follows."""
        self._abandon_parts()
        if self._store is not None:
            self._store.rollback()
            self._store.close()
        if self.lock is not None:
            self.lock.release()
        self._opened = False

    def _abandon_parts(self) -> None:
        """Close the open parts without publishing them: the next run recovers them."""
        if self._parts:
            logger.warning("Leaving %d parts in progress for the next run to recover",
                           len(self._parts))
        for part in self._parts.values():
            part.abandon()
        self._parts.clear()

    def checkpoint(self) -> None:
        """Note a change to the state store; commit the batch when it is due."""
        self._pending += 1
        if (not self.store.batches_commits or self._pending >= self.config.commit_every
                or time.monotonic() - self._committed_at >= self.config.commit_seconds):
            self.commit()

    def commit(self) -> None:
        """Commit the state store's pending changes now.

        Raises OSError (ENOSPC for a full disk) when it cannot: the batch is rolled back,
        and the session publishes no more parts (they hold records of that batch).
        """
        try:
            self.store.commit()
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc
        self._pending = 0
        self._committed_at = time.monotonic()

    def _fail(self, exc: sqlite3.Error) -> OSError:
        """The state store failed: roll its batch back, publish no more parts (they hold
        records of that batch; the next run recovers them) and return the OSError to
        raise (ENOSPC for a full disk)."""
        self.store.rollback()
        self._failed = True
        full = "full" in str(exc).lower()
        return OSError(errno.ENOSPC if full else errno.EIO, f"state store: {exc}")

    def _recover(self) -> None:
        live = self.store.live_runs() - {self.run_id}

        def busy(path: Path) -> bool:  # written right now by another crawl process
            return any(run in path.name for run in live)

        articles = self.root / ARTICLES_DIR
        if articles.exists():
            for info, lines in recover_parts(articles, skip=busy):
                self.counts.recovered_parts += 1
                self.files.append(info)
                for line in lines:
                    self._register_recovered(json.loads(line), info.path)
            self.store.commit()
        warc_dir = self.root / WARC_DIR
        if warc_dir.exists():
            self.warc_files.extend(recover_warcs(warc_dir, skip=busy))

    def _register_recovered(self, record: dict[str, Any], path: Path) -> None:
        if self.store.has_record(record["record_id"]):
            return
        sketch = neardup.fingerprint(record.get("body") or "")
        self.store.add_record(self._entry(record, sketch, neardup.lsh_keys(sketch), path))
        self.counts.recovered_records += 1

    def _entry(self, record: dict[str, Any], sketch: bytes, keys: Iterable[int],
               path: Path) -> Entry:
        """The state store's entry for a *record* (as written, with its body's *sketch* and
        LSH *keys*) in the part *path*."""
        return Entry(
            article_id=record["id"], canonical_url=record["canonical_url"],
            site=record["site"], day=record_day(record.get("published"), record["fetched_at"]),
            version=int(record["version"]), record_id=record["record_id"],
            content_hash=record["content_hash"],
            version_hash=version_hash(record.get("title"), record["content_hash"]),
            fingerprint=sketch, lsh_keys=tuple(keys),
            run_id=record.get("run_id") or "", file=self._relative(path),
            seen_at=record["fetched_at"], capture=(record.get("warc") or {}).get("record_id"),
        )

    # --- decisions ----------------------------------------------------------------------

    def admit(self, article: Article) -> Decision:
        """Decide whether *article* is written; if it is, set its version fields.
        Raises OSError when the state store fails (as :meth:`commit`).

        Same article id (canonical URL) or a URL alias of it: unchanged (dropped) or a new
        version. Otherwise: a copy of an archived article's exact body
        (``duplicate_content``) or a near-duplicate (``near_duplicate``) is dropped and
        its URL kept as an alias; anything else is a new article, version 1.
        """
        try:
            return self._admit(article)
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def _admit(self, article: Article) -> Decision:
        store = self.store
        if self.config.max_articles and self.counts.written >= self.config.max_articles:
            return self._drop(Decision(MAX_ARTICLES))
        now = article.fetched_at or utc_now_iso()
        known = store.known(article.id)
        if known is None:
            for url in (article.canonical_url, article.url):
                alias = store.alias(url)
                if alias is None:
                    continue
                target = store.known(alias.article_id)
                if alias.reason == URL_ALIAS or self._same_page(article, target):
                    known = target
                    break
                return self._drop(Decision(alias.reason, alias.article_id, alias.similarity),
                                  article.url)
        vhash = version_hash(article.title, article.content_hash)
        copy = None
        if known is None:
            copy = self._copy_of(article)
            original = store.known(copy.of or "") if copy is not None else None
            if original is not None and (original.article_id in self._redirected_articles(
                    article) or self._same_page(article, original)):
                # The archived page now redirects here (the article moved to a new slug),
                # or names this page as canonical, or this URL is a variant of the archived
                # one (case, ``;jsessionid=``, ``/amp``...): this is its next version, not a
                # copy of it.
                known, copy = original, None
        if known is not None:
            if known.article_id in self._seen and (
                    known.version_hash == vhash
                    or self._seen[known.article_id] != article.url):
                # Archived or found unchanged in this run under another URL: a second URL
                # of it (an AMP or mobile variant with a text of its own) must not make a
                # version, or versions would alternate with every run.
                return self._drop(Decision(DUPLICATE_URL, known.record_id), article.url)
            if known.version_hash == vhash:
                self._see(known.article_id, article.url)
                store.touch(known.article_id, now)
                store.mark_article(article.url, known.article_id, now)
                self.checkpoint()
                return self._drop(Decision(UNCHANGED, known.record_id))
            article.id = known.article_id
            article.version = known.version + 1
            article.supersedes = known.record_id
        else:
            if copy is not None:
                store.add_alias(Alias(article.canonical_url, copy.of or "", copy.action,
                                      copy.similarity), now)
                store.mark_article(article.url, copy.of or "", now)
                self.checkpoint()
                return self._drop(copy, article.url)
            article.version = 1
            article.supersedes = None
        article.record_id = record_id_of(article.id, article.version)
        article.run_id = self.run_id
        taken = store.claim(article.record_id, article.id, article.version,
                            article.content_hash)
        if taken is not None:  # another crawl process writes it (scale-out)
            return self._drop(Decision(taken, article.record_id))
        self._see(article.id, article.url)
        return Decision(WRITE)

    def _see(self, article_id: str, url: str) -> None:
        """Note that this run archived *article_id* (or found it unchanged) at *url*."""
        self._seen.setdefault(article_id, url)

    def admit_reextracted(self, article: Article) -> Decision:
        """Like :meth:`admit`, for a record re-extracted from its archived raw capture
        (``article.warc``): compared with the record first extracted from that capture.
        A capture whose article has a later version from a newer capture is history and
        is left alone (``superseded``): re-extraction never makes old text the latest."""
        assert article.warc is not None
        previous = self.store.records_of_capture(article.warc.record_id)
        if not previous:
            return self.admit(article)  # a capture the archive has no record of
        known = self.store.known(article.id)
        record_ids = [record_id for record_id, _ in previous]
        if known is None or known.record_id not in record_ids:
            return self._drop(Decision("superseded", known.record_id if known else None))
        if known.version_hash == version_hash(article.title, article.content_hash):
            return self._drop(Decision(UNCHANGED, known.record_id))
        article.version = known.version + 1
        article.supersedes = known.record_id
        article.record_id = record_id_of(article.id, article.version)
        article.run_id = self.run_id
        return Decision(WRITE)

    def _redirected_articles(self, article: Article) -> set[str]:
        """Ids of the archived articles whose URLs redirected to *article*'s page."""
        ids: set[str] = set()
        for url in article.redirected_from:
            for candidate in dict.fromkeys((url, canonicalize(url))):
                if self.store.known(candidate_id := article_id(candidate)) is not None:
                    ids.add(candidate_id)
                alias = self.store.alias(candidate)
                if alias is not None:
                    ids.add(alias.article_id)
        return ids

    @staticmethod
    def _same_page(article: Article, other: Known | None) -> bool:
        """Whether *article*'s URL or canonical URL is a variant of the canonical URL of
        the archived article *other* (:func:`~archiver.extract.urls.same_page`)."""
        return other is not None and any(
            same_page(url, other.canonical_url)
            for url in dict.fromkeys((article.canonical_url, article.url)))

    def _copy_of(self, article: Article) -> Decision | None:
        original = self.store.article_for_content(article.content_hash)
        if original is not None:
            return Decision(DUPLICATE_CONTENT, original, 1.0)
        sketch, keys = self._sketch(article)
        best: tuple[float, str] | None = None
        for candidate, other in self.store.near_candidates(keys):
            score = neardup.similarity(sketch, other)
            if score >= self.config.threshold and (best is None or score > best[0]):
                best = (score, candidate)
        if best is not None:
            return Decision(NEAR_DUPLICATE, best[1], round(best[0], 4))
        return None

    @staticmethod
    def _sketch(article: Article) -> tuple[bytes, tuple[int, ...]]:
        """The article's near-duplicate sketch and LSH keys, as the worker process computed
        them (computed here only for records that come without, e.g. re-extracted ones)."""
        if not article.fingerprint and article.body:
            article.fingerprint = neardup.fingerprint(article.body)
        if not article.lsh_keys and article.fingerprint:
            article.lsh_keys = tuple(neardup.lsh_keys(article.fingerprint))
        return article.fingerprint, article.lsh_keys

    def _drop(self, decision: Decision, url: str | None = None) -> Decision:
        self.counts.dropped[decision.action] = self.counts.dropped.get(decision.action, 0) + 1
        if url is not None and len(self.copies) < MAX_LISTED_COPIES:
            self.copies.append({"url": url, "reason": decision.action, "of": decision.of,
                                "similarity": decision.similarity})
        return decision

    # --- writing ------------------------------------------------------------------------

    def capture(self, article: Article) -> None:
        """Append the article's raw response (a :class:`~archiver.archive.warc.WarcBlob`,
        built by the WARC pipeline) to this run's WARC file and point the record at it."""
        if not self.config.warc or article.capture is None:
            return
        if self._warc is None:
            self._warc = WarcWriter(self.root / WARC_DIR, self.run_id,
                                    max_bytes=self.config.warc_max_bytes,
                                    fsync=self.config.fsync, root=self.root)
        article.warc = self._warc.append(article.capture)
        article.capture = None

    def write(self, article: Article) -> Path:
        """Append the admitted *article* to its partition's part and commit it."""
        key = (partition_value(article.site), record_day(article.published, article.fetched_at))
        part = self._part(key)
        record = article.to_dict()
        part.write(record)  # on failure the part is cut back; the store holds nothing of it
        try:
            self._register(article, record, part)
        except sqlite3.Error as exc:
            # The state store cannot take the record (e.g. disk full): take the line back,
            # and leave the batch's other lines to recovery.
            part.undo()
            raise self._fail(exc) from exc
        except OSError:  # its batch could not be committed (commit())
            part.undo()
            raise
        self.counts.written += 1
        if article.version > 1:
            self.counts.new_versions += 1
        if (part.records >= self.config.part_max_records
                or part.size >= self.config.part_max_bytes):
            self._publish(key)
        return part.final_path

    def _register(self, article: Article, record: dict[str, Any], part: PartWriter) -> None:
        store = self.store
        store.add_record(self._entry(record, *self._sketch(article), part.final_path))
        for url in dict.fromkeys((article.url, article.canonical_url)):
            if article_id(url) != article.id:  # an alias of an article with another URL
                store.add_alias(Alias(url, article.id, URL_ALIAS), article.fetched_at)
        store.mark_article(article.url, article.id, article.fetched_at)
        self.checkpoint()

    def _part(self, key: tuple[str, str]) -> PartWriter:
        part = self._parts.get(key)
        if part is not None:
            self._parts.move_to_end(key)
            return part
        while len(self._parts) >= max(1, self.config.max_open_parts):
            self._publish(next(iter(self._parts)))
        number = self._part_numbers.get(key, 0) + 1
        self._part_numbers[key] = number
        suffix = ".jsonl.gz" if self.config.gzip else ".jsonl"
        path = partition_dir(self.root, *key) / f"part-{self.run_id}-{number:05d}{suffix}"
        part = PartWriter(path, fsync=self.config.fsync)
        self._parts[key] = part
        return part

    def _publish(self, key: tuple[str, str]) -> None:
        if self._failed:
            raise OSError(errno.EIO, "state store failed: parts are left to recovery")
        self.commit()  # every record of a published part is committed first
        part = self._parts.pop(key)
        info = part.close()
        if info is not None:
            self.files.append(info)
            logger.info("Published %s (%d records)", info.path, info.records)

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # --- manifest -----------------------------------------------------------------------

    def manifest_files(self) -> list[dict[str, Any]]:
        """The files this run published, with sizes and SHA-256 checksums."""
        entries = [{"path": self._relative(info.path), "kind": "articles",
                    "records": info.records, "bytes": info.bytes, "sha256": info.sha256}
                   for info in self.files]
        for path in self.warc_files:
            info = file_info(path, 0)
            entries.append({"path": self._relative(path), "kind": "warc", "records": None,
                            "bytes": info.bytes, "sha256": info.sha256})
        return entries
