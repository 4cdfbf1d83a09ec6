"""The state store in Redis, for crawls spread over several processes and machines.

The same data as :class:`~archiver.archive.state.SqliteStateStore`, as Redis hashes and
sets under one key prefix (``ARCHIVER_REDIS_PREFIX``), so that every crawl process
sharing the Redis sees every article any of them archived. Several processes may write
into one archive root at once: each writes its own part files (named after its run id),
and instead of the archive lock:

- every process keeps a heartbeat key ``<prefix>:alive:<run id>`` (a few seconds' TTL,
  refreshed by a thread); a process whose key expired is dead;
- before a record is written, :meth:`RedisStateStore.claim` atomically claims its record
  id and (for a new article) its body hash, so two processes never write the same article;
  a claim held by a dead process is taken over;
- at start, only the in-progress files of dead runs are recovered
  (:meth:`RedisStateStore.live_runs`).

Writes are buffered in a transaction (``MULTI``) sent at :meth:`commit`.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING, Any

import redis

from archiver.archive.state import Alias, Entry, Known, StateStore, Validators

if TYPE_CHECKING:
    from collections.abc import Iterable

logger = logging.getLogger(__name__)

HEARTBEAT_TTL = 6  # seconds without a heartbeat before a process counts as dead

# Atomic claim of a record (and, for version 1, of its body hash). KEYS: record claim,
# content claims hash, registered content hash, alive-key prefix. ARGV: run id, content
# hash, article id, version. Returns '' when claimed, else the drop reason.
_CLAIM = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] and redis.call('EXISTS', KEYS[4] .. holder) == 1 then
  return 'duplicate_url'
end
if ARGV[4] == '1' then
  local owner = redis.call('HGET', KEYS[3], ARGV[2])
  if owner and owner ~= ARGV[3] then return 'duplicate_content' end
  local claim = redis.call('HGET', KEYS[2], ARGV[2])
  if claim then
    local sep = string.find(claim, '|', 1, true)
    local id, run = string.sub(claim, 1, sep - 1), string.sub(claim, sep + 1)
    if id ~= ARGV[3] and run ~= ARGV[1] and redis.call('EXISTS', KEYS[4] .. run) == 1 then
      return 'duplicate_content'
    end
  end
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3] .. '|' .. ARGV[1])
end
redis.call('SET', KEYS[1], ARGV[1])
return ''
"""


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


class RedisStateStore(StateStore):
    """The dedup and version index of an archive, shared through Redis."""

    batches_commits = False

    def __init__(self, url: str, prefix: str, run_id: str,
                 heartbeat_ttl: int = HEARTBEAT_TTL) -> None:
        self.db = redis.Redis.from_url(url, decode_responses=False)
        self.db.ping()
        self.prefix = prefix.rstrip(":")
        self.run_id = run_id
        self.ttl = heartbeat_ttl
        self._tx: Any = None
        self._claim = self.db.register_script(_CLAIM)
        self._stop = threading.Event()
        self._beat()
        self._heart = threading.Thread(target=self._heartbeat, name="archiver-heartbeat",
                                       daemon=True)
        self._heart.start()

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # --- liveness -----------------------------------------------------------------------

    def _beat(self) -> None:
        self.db.set(self.key("alive", self.run_id), b"1", ex=self.ttl)

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                self._beat()
            except redis.RedisError as exc:
                logger.warning("Redis heartbeat failed: %s", exc)

    def live_runs(self) -> set[str]:
        prefix = self.key("alive", "")
        return {k.decode()[len(prefix):] for k in self.db.scan_iter(match=prefix + "*")}

    # --- reads --------------------------------------------------------------------------

    def known(self, article_id: str) -> Known | None:
        data = self.db.hgetall(self.key("article", article_id))
        if not data:
            return None
        get = lambda name: _text(data.get(name.encode())) or ""  # noqa: E731
        return Known(article_id, get("canonical_url"), int(get("version") or 0),
                     get("record_id"), get("version_hash"), get("run_id"))

    def alias(self, url: str) -> Alias | None:
        raw = self.db.hget(self.key("aliases"), url)
        if raw is None:
            return None
        data = json.loads(raw)
        return Alias(url, data["id"], data["reason"], data.get("similarity"))

    def article_for_content(self, content_hash: str) -> str | None:
        return _text(self.db.hget(self.key("content"), content_hash))

    def near_candidates(self, keys: Iterable[int]) -> list[tuple[str, bytes]]:
        sets = [self.key("lsh", str(key)) for key in keys]
        if not sets:
            return []
        ids = sorted({i.decode() for i in self.db.sunion(sets)})
        if not ids:
            return []
        pipe = self.db.pipeline(transaction=False)
        for article_id in ids:
            pipe.hget(self.key("article", article_id), "fingerprint")
        return [(i, bytes(f)) for i, f in zip(ids, pipe.execute(), strict=True) if f]

    def has_record(self, record_id: str) -> bool:
        return bool(self.db.hexists(self.key("records"), record_id))

    def records_of_capture(self, capture: str) -> list[tuple[str, str]]:
        raw = self.db.hget(self.key("captures"), capture)
        return [tuple(pair) for pair in json.loads(raw)] if raw else []  # type: ignore[misc]

    def validators(self, url: str) -> Validators | None:
        raw = self.db.hget(self.key("validators"), url)
        if raw is None:
            return None
        data = json.loads(raw)
        finished = data.get("run_id") and self.db.hexists(self.key("runs"), data["run_id"])
        return Validators(data.get("etag") if finished else None,
                          data.get("last_modified") if finished else None,
                          data.get("fetched_at"), data.get("article"),
                          bool(data.get("listing")), data.get("lastmod"))

    def counts(self) -> dict[str, int]:
        # Counters kept as records and aliases are added: no scan of millions of entries.
        raw = self.db.hgetall(self.key("counts"))
        counts = {k.decode(): int(v) for k, v in raw.items()}
        records = int(self.db.hlen(self.key("records")))
        new_versions = counts.pop("new_versions", 0)
        return {"articles": records - new_versions, "records": records,
                "new_versions": new_versions, **counts}

    # --- claims and writes --------------------------------------------------------------

    def claim(self, record_id: str, article_id: str, version: int, content_hash: str
              ) -> str | None:
        reason = self._claim(
            keys=[self.key("claim", record_id), self.key("content_claims"),
                  self.key("content"), self.key("alive", "")],
            args=[self.run_id, content_hash, article_id, str(version)])
        return _text(reason) or None

    @property
    def tx(self) -> Any:
        if self._tx is None:
            self._tx = self.db.pipeline(transaction=True)
        return self._tx

    def add_record(self, entry: Entry) -> None:
        tx = self.tx
        key = self.key("article", entry.article_id)
        latest = self.known(entry.article_id)
        if latest is None or latest.version < entry.version:
            tx.hset(key, mapping={
                "canonical_url": entry.canonical_url, "site": entry.site, "day": entry.day,
                "version": entry.version, "record_id": entry.record_id,
                "version_hash": entry.version_hash, "fingerprint": entry.fingerprint,
                "run_id": entry.run_id, "last_seen": entry.seen_at})
            tx.hsetnx(key, "first_seen", entry.seen_at)
        if entry.version > 1 and not self.has_record(entry.record_id):
            tx.hincrby(self.key("counts"), "new_versions", 1)
        tx.hsetnx(self.key("records"), entry.record_id, json.dumps({
            "id": entry.article_id, "version": entry.version,
            "content_hash": entry.content_hash, "version_hash": entry.version_hash,
            "capture": entry.capture, "run_id": entry.run_id, "file": entry.file,
            "written_at": entry.seen_at}))
        tx.hsetnx(self.key("content"), entry.content_hash, entry.article_id)
        for lsh in entry.lsh_keys:
            tx.sadd(self.key("lsh", str(lsh)), entry.article_id)
        if entry.capture:
            pairs = self.records_of_capture(entry.capture)
            pairs.append((entry.record_id, entry.version_hash))
            tx.hset(self.key("captures"), entry.capture, json.dumps(pairs))

    def add_alias(self, alias: Alias, seen_at: str) -> None:
        if self.db.hexists(self.key("aliases"), alias.url):
            return  # the first reason wins
        self.tx.hsetnx(self.key("aliases"), alias.url, json.dumps({
            "id": alias.article_id, "reason": alias.reason, "similarity": alias.similarity,
            "first_seen": seen_at}))
        self.tx.hincrby(self.key("counts"), f"aliases_{alias.reason}", 1)

    def touch(self, article_id: str, seen_at: str) -> None:
        self.tx.hset(self.key("article", article_id), "last_seen", seen_at)

    def set_validators(self, url: str, validators: Validators, run_id: str = "") -> None:
        old = self.db.hget(self.key("validators"), url)
        data = json.loads(old) if old else {}
        data.update(etag=validators.etag, last_modified=validators.last_modified,
                    fetched_at=validators.fetched_at, run_id=run_id,
                    listing=validators.listing)
        self.tx.hset(self.key("validators"), url, json.dumps(data))

    def set_lastmod(self, url: str, lastmod: str) -> None:
        old = self.db.hget(self.key("validators"), url)
        data = json.loads(old) if old else {}
        data["lastmod"] = lastmod
        self.tx.hset(self.key("validators"), url, json.dumps(data))

    def mark_article(self, url: str, article_id: str, seen_at: str) -> None:
        old = self.db.hget(self.key("validators"), url)
        data = json.loads(old) if old else {"fetched_at": seen_at}
        data["article"] = article_id
        self.tx.hset(self.key("validators"), url, json.dumps(data))

    def finish_run(self, run_id: str, finished_at: str) -> None:
        self.db.hset(self.key("runs"), run_id, finished_at)

    def commit(self) -> None:
        if self._tx is not None:
            tx, self._tx = self._tx, None
            tx.execute()

    def rollback(self) -> None:
        if self._tx is not None:
            self._tx.reset()
            self._tx = None

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self._stop.set()
            self._heart.join()  # or a last beat could bring the key back after the delete
            self.db.delete(self.key("alive", self.run_id))
            self.db.close()
