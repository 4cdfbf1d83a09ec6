"""The Redis state store against a real redis-server: the same decisions as SQLite,
counters, atomic claims between processes, and claims of dead processes taken over."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from archiver.archive.redis_state import RedisStateStore
from tests.archive.helpers import CONFIG, make, run
from tests.conftest import read_archive
from tests.sitebuilder import prose

if TYPE_CHECKING:
    from pathlib import Path

    from archiver.archive.session import ArchiveSession

NO_LOCK = dataclasses.replace(CONFIG, lock=False)


def redis_run(root: Path, redis_url: str, run_id: str, articles: list) -> ArchiveSession:
    return run(root, run_id, articles, NO_LOCK, RedisStateStore(redis_url, "t", run_id))


def test_redis_store_makes_the_same_decisions(tmp_path: Path, redis_url: str) -> None:
    original = prose("wire", paragraphs=8)
    copy = ["Republished with permission.", *original[:6], original[6] + " Extra."]
    first = redis_run(tmp_path, redis_url, "r1", [make("a"), make("b"), make("wire",
                paragraphs=original), make("copy", site="y.test", paragraphs=copy)])
    assert first.counts.written == 3
    assert first.counts.dropped == {"near_duplicate": 1}
    edited = [*prose("a")[:-1], "A correction."]
    second = redis_run(tmp_path, redis_url, "r2", [make("a", paragraphs=edited), make("b")])
    assert second.counts.written == 1
    assert second.counts.dropped == {"unchanged": 1}
    assert second.state_counts == {"articles": 3, "records": 4, "new_versions": 1,
                                   "aliases_near_duplicate": 1}
    versions = sorted(r["version"] for r in read_archive(tmp_path)
                      if r["canonical_url"].endswith("/a"))
    assert versions == [1, 2]


def test_claims_are_exclusive_while_the_holder_lives(tmp_path: Path, redis_url: str) -> None:
    one = RedisStateStore(redis_url, "t", "run-one", heartbeat_ttl=1)
    two = RedisStateStore(redis_url, "t", "run-two", heartbeat_ttl=1)
    try:
        assert one.claim("abc-v1", "abc", 1, "h1") is None
        assert two.claim("abc-v1", "abc", 1, "h1") == "duplicate_url"
        # The same body under another article id is a copy while its claimer lives.
        assert two.claim("def-v1", "def", 1, "h1") == "duplicate_content"
        assert two.live_runs() >= {"run-one", "run-two"}
        one.close()  # dies: its heartbeat key is gone, its claims can be taken over
        assert two.claim("abc-v1", "abc", 1, "h1") is None
    finally:
        two.close()
