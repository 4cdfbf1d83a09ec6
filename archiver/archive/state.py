"""The archive's memory across runs: which articles it holds, in which versions, under
which URLs, with which content and near-duplicate sketch.

:class:`StateStore` is the interface the archive session uses; :class:`SqliteStateStore`
keeps it in ``<root>/state.sqlite`` (one file, WAL journal, safe against ``kill -9``).
Another backend (Redis, for crawls spread over several machines) implements the same
methods. Writes are pending until :meth:`StateStore.commit`: the session commits only
after the record's line is in its part file, so a crash between the two leaves the
record in the part and recovery registers it again.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

STATE_FILE = "state.sqlite"

# Why a URL is known as another article's alias.
URL_ALIAS = "url"  # a fetched URL whose page names another canonical URL
DUPLICATE_CONTENT = "duplicate_content"  # same normalised body as an archived article
NEAR_DUPLICATE = "near_duplicate"  # a syndicated or lightly edited copy


@dataclass(frozen=True)
class Known:
    """What the store holds of one article: its latest version."""

    article_id: str
    canonical_url: str
    version: int
    record_id: str
    version_hash: str
    run_id: str


@dataclass(frozen=True)
class Alias:
    """A URL that leads to an archived article."""

    url: str
    article_id: str
    reason: str
    similarity: float | None = None


@dataclass(frozen=True)
class Entry:
    """One archived record, as registered in the store."""

    article_id: str
    canonical_url: str
    site: str
    day: str
    version: int
    record_id: str
    content_hash: str
    version_hash: str
    fingerprint: bytes
    lsh_keys: tuple[int, ...]
    run_id: str
    file: str
    seen_at: str
    capture: str | None = None  # WARC-Record-ID of the raw response


@dataclass(frozen=True)
class Validators:
    """What the archive knows of a fetched URL, for incremental re-runs: its HTTP cache
    validators, when it was last fetched, and the article it holds (if any)."""

    etag: str | None
    last_modified: str | None
    fetched_at: str | None = None
    article_id: str | None = None
    listing: bool = False  # a feed or sitemap (XML), not an HTML page
    lastmod: str | None = None  # the last lastmod a feed or sitemap gave for the URL


class StateStore(ABC):
    """The dedup and version index of an archive."""

    # Whether reads see this store's own uncommitted writes, so that commits can be
    # batched (SQLite); otherwise every change is committed at once (Redis, whose
    # transaction is only sent at commit, and whose other processes must see it).
    batches_commits: bool = True

    @abstractmethod
    def known(self, article_id: str) -> Known | None:
        """The latest archived version of *article_id*, if any."""

    @abstractmethod
    def alias(self, url: str) -> Alias | None:
        """The article *url* is an alias of, if it is one."""

    @abstractmethod
    def article_for_content(self, content_hash: str) -> str | None:
        """The article archived with exactly this normalised body, if any."""

    @abstractmethod
    def near_candidates(self, keys: Iterable[int]) -> list[tuple[str, bytes]]:
        """(article id, sketch) of archived articles sharing an LSH key with *keys*."""

    @abstractmethod
    def has_record(self, record_id: str) -> bool:
        """Whether the record *record_id* is registered."""

    @abstractmethod
    def records_of_capture(self, capture: str) -> list[tuple[str, str]]:
        """(record id, version hash) of the records extracted from the WARC record
        *capture*, oldest first."""

    @abstractmethod
    def add_record(self, entry: Entry) -> None:
        """Register a written record (a new article or a new version)."""

    @abstractmethod
    def add_alias(self, alias: Alias, seen_at: str) -> None:
        """Remember that *alias.url* leads to *alias.article_id* (first reason wins)."""

    @abstractmethod
    def touch(self, article_id: str, seen_at: str) -> None:
        """Note that *article_id* was seen again, unchanged."""

    @abstractmethod
    def validators(self, url: str) -> Validators | None:
        """The validators last seen for *url*."""

    @abstractmethod
    def set_validators(self, url: str, validators: Validators, run_id: str = "") -> None:
        """Remember *url*'s validators and fetch time, as seen by *run_id* (its article
        is kept)."""

    @abstractmethod
    def set_lastmod(self, url: str, lastmod: str) -> None:
        """Remember the lastmod a feed or sitemap gave for *url*."""

    @abstractmethod
    def finish_run(self, run_id: str, finished_at: str) -> None:
        """Record that *run_id* crawled to its end: the validators it saw may be used for
        conditional requests (those of an interrupted run may not: the pages behind a
        listing it fetched may never have been crawled)."""

    @abstractmethod
    def mark_article(self, url: str, article_id: str, seen_at: str) -> None:
        """Note that the page at *url* holds (or is a copy of) *article_id*."""

    def claim(self, record_id: str, article_id: str, version: int, content_hash: str
              ) -> str | None:
        """Claim the right to write *record_id* (and, for version 1, the body
        *content_hash*); None when claimed, else why not (``duplicate_url``,
        ``duplicate_content``: another process writes it). A store used by one process
        at a time (under the archive lock) has nothing to claim."""
        return None

    def live_runs(self) -> set[str]:
        """Run ids of other processes writing into the archive now (their in-progress
        files must not be recovered)."""
        return set()

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Articles, records, versions beyond the first, and aliases by reason."""

    @abstractmethod
    def commit(self) -> None:
        """Make pending writes durable."""

    @abstractmethod
    def rollback(self) -> None:
        """Forget pending writes."""

    @abstractmethod
    def close(self) -> None:
        """Commit and release the store."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    canonical_url TEXT NOT NULL,
    site TEXT NOT NULL,
    day TEXT NOT NULL,
    version INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    version_hash TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    run_id TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY,
    n INTEGER NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    version_hash TEXT NOT NULL,
    capture TEXT,
    run_id TEXT NOT NULL,
    file TEXT NOT NULL,
    written_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS content (
    content_hash TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lsh (
    key INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (key, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,
    n INTEGER NOT NULL,
    reason TEXT NOT NULL,
    similarity REAL,
    first_seen TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,
    run_id TEXT,
    listing INTEGER NOT NULL DEFAULT 0,
    lastmod TEXT,
    n INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    finished_at TEXT NOT NULL
) WITHOUT ROWID;
"""


# Columns added after the first release of the store, for _migrate (the CREATE TABLE
# statements above already have them).
_ADDED_COLUMNS = {
    "records": [("version_hash", "TEXT NOT NULL DEFAULT ''"), ("capture", "TEXT")],
    "validators": [("fetched_at", "TEXT"), ("run_id", "TEXT"),
                   ("listing", "INTEGER NOT NULL DEFAULT 0"), ("lastmod", "TEXT")],
}


class SqliteStateStore(StateStore):
    """The state store in one SQLite file (``<root>/state.sqlite``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self._migrate()
        self.db.execute("CREATE INDEX IF NOT EXISTS records_capture ON records (capture)")
        self._in_tx = False

    def _migrate(self) -> None:
        """Add the columns a store written by an earlier version lacks (an archive must
        survive an upgrade of the archiver between two scheduled runs)."""
        for table, columns in _ADDED_COLUMNS.items():
            present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, declaration in columns:
                if name not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")

    @classmethod
    def at(cls, root: Path) -> SqliteStateStore:
        return cls(Path(root) / STATE_FILE)

    def _begin(self) -> None:
        if not self._in_tx:
            self.db.execute("BEGIN")
            self._in_tx = True

    def _n(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT n FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else int(row[0])

    def _id(self, n: int) -> str:
        return str(self.db.execute("SELECT id FROM articles WHERE n = ?", (n,)).fetchone()[0])

    def known(self, article_id: str) -> Known | None:
        row = self.db.execute(
            "SELECT id, canonical_url, version, record_id, version_hash, run_id "
            "FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else Known(*row)

    def alias(self, url: str) -> Alias | None:
        row = self.db.execute(
            "SELECT a.id, s.reason, s.similarity FROM aliases s JOIN articles a ON a.n = s.n "
            "WHERE s.url = ?", (url,)).fetchone()
        return None if row is None else Alias(url, row[0], row[1], row[2])

    def article_for_content(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT a.id FROM content c JOIN articles a ON a.n = c.n WHERE c.content_hash = ?",
            (content_hash,)).fetchone()
        return None if row is None else str(row[0])

    def near_candidates(self, keys: Iterable[int]) -> list[tuple[str, bytes]]:
        keys = list(keys)
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT id, fingerprint FROM articles WHERE n IN "  # noqa: S608 (placeholders only)
            f"(SELECT DISTINCT n FROM lsh WHERE key IN ({marks}))", keys).fetchall()
        return [(str(i), bytes(f)) for i, f in rows]

    def has_record(self, record_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM records WHERE record_id = ?",
                               (record_id,)).fetchone() is not None

    def records_of_capture(self, capture: str) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT record_id, version_hash FROM records WHERE capture = ? "
                               "ORDER BY version", (capture,)).fetchall()
        return [(str(r), str(h)) for r, h in rows]

    def add_record(self, entry: Entry) -> None:
        self._begin()
        n = self._n(entry.article_id)
        if n is None:
            n = self.db.execute(
                "INSERT INTO articles (id, canonical_url, site, day, version, record_id, "
                "version_hash, fingerprint, run_id, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.article_id, entry.canonical_url, entry.site, entry.day, entry.version,
                 entry.record_id, entry.version_hash, entry.fingerprint, entry.run_id,
                 entry.seen_at, entry.seen_at)).lastrowid
        else:
            # Only a later version replaces the article's latest state (re-registering an
            # older record during recovery or re-extraction must not roll it back).
            self.db.execute(
                "UPDATE articles SET version = ?, record_id = ?, version_hash = ?, "
                "fingerprint = ?, run_id = ?, day = ?, last_seen = ? "
                "WHERE n = ? AND version < ?",
                (entry.version, entry.record_id, entry.version_hash, entry.fingerprint,
                 entry.run_id, entry.day, entry.seen_at, n, entry.version))
            self.db.execute("DELETE FROM lsh WHERE n = ?", (n,))
        self.db.execute(
            "INSERT OR IGNORE INTO records (record_id, n, version, content_hash, version_hash, "
            "capture, run_id, file, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.record_id, n, entry.version, entry.content_hash, entry.version_hash,
             entry.capture, entry.run_id, entry.file, entry.seen_at))
        self.db.execute("INSERT OR IGNORE INTO content (content_hash, n) VALUES (?, ?)",
                        (entry.content_hash, n))
        self.db.executemany("INSERT OR IGNORE INTO lsh (key, n) VALUES (?, ?)",
                            [(key, n) for key in entry.lsh_keys])

    def add_alias(self, alias: Alias, seen_at: str) -> None:
        n = self._n(alias.article_id)
        if n is None:
            return
        self._begin()
        self.db.execute(
            "INSERT OR IGNORE INTO aliases (url, n, reason, similarity, first_seen) "
            "VALUES (?, ?, ?, ?, ?)", (alias.url, n, alias.reason, alias.similarity, seen_at))

    def touch(self, article_id: str, seen_at: str) -> None:
        self._begin()
        self.db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (seen_at, article_id))

    def validators(self, url: str) -> Validators | None:
        row = self.db.execute(
            "SELECT v.etag, v.last_modified, v.fetched_at, a.id, r.run_id, v.listing, "
            "v.lastmod "
            "FROM validators v LEFT JOIN articles a ON a.n = v.n "
            "LEFT JOIN runs r ON r.run_id = v.run_id WHERE v.url = ?", (url,)).fetchone()
        if row is None:
            return None
        etag, modified, fetched_at, article, finished, listing, lastmod = row
        if finished is None:  # seen by an interrupted run: no conditional request
            etag = modified = None
        return Validators(etag, modified, fetched_at, article, bool(listing), lastmod)

    def set_validators(self, url: str, validators: Validators, run_id: str = "") -> None:
        self._begin()
        self.db.execute(
            "INSERT INTO validators (url, etag, last_modified, fetched_at, run_id, listing) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
            "run_id = excluded.run_id, listing = excluded.listing",
            (url, validators.etag, validators.last_modified, validators.fetched_at, run_id,
             int(validators.listing)))

    def set_lastmod(self, url: str, lastmod: str) -> None:
        self._begin()
        self.db.execute(
            "INSERT INTO validators (url, lastmod) VALUES (?, ?) "
            "ON CONFLICT (url) DO UPDATE SET lastmod = excluded.lastmod", (url, lastmod))

    def finish_run(self, run_id: str, finished_at: str) -> None:
        self._begin()
        self.db.execute("INSERT OR REPLACE INTO runs (run_id, finished_at) VALUES (?, ?)",
                        (run_id, finished_at))
        self.commit()

    def mark_article(self, url: str, article_id: str, seen_at: str) -> None:
        n = self._n(article_id)
        if n is None:
            return
        self._begin()
        self.db.execute(
            "INSERT INTO validators (url, fetched_at, n) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET n = excluded.n, "
            "fetched_at = coalesce(validators.fetched_at, excluded.fetched_at)",
            (url, seen_at, n))

    def counts(self) -> dict[str, int]:
        one = self.db.execute
        counts = {
            "articles": one("SELECT count(*) FROM articles").fetchone()[0],
            "records": one("SELECT count(*) FROM records").fetchone()[0],
            "new_versions": one("SELECT count(*) FROM records WHERE version > 1").fetchone()[0],
        }
        for reason, number in one("SELECT reason, count(*) FROM aliases GROUP BY reason"):
            counts[f"aliases_{reason}"] = number
        return counts

    def commit(self) -> None:
        if self._in_tx:
            self.db.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        if self._in_tx:
            self.db.execute("ROLLBACK")
            self._in_tx = False

    def close(self) -> None:
        self.commit()
        self.db.close()
