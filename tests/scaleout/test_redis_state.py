"""The Redis state store against a real redis-server: the same decisions as SQLite,
counters, atomic claims between processes, and claims of dead processes taken over."""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING

from archiver.archive.redis_state import RedisStateStore
from archiver.archive.session import ArchiveSession
from tests.archive.test_session import CONFIG, make
from tests.conftest import read_archive
from tests.sitebuilder import prose

if TYPE_CHECKING:
    from pathlib import Path

NO_LOCK = dataclasses.replace(CONFIG, lock=False)


def run(root: Path, redis_url: str, run_id: str, articles: list) -> ArchiveSession:
    session = ArchiveSession(root, run_id, dataclasses.replace(NO_LOCK),
                             store=RedisStateStore(redis_url, "t", run_id))
    session.open()
    for article in articles:
        if session.admit(article).write:
            session.write(article)
    session.close()
    return session


def test_redis_store_makes_the_same_decisions(tmp_path: Path, redis_url: str) -> None:
    original = prose("wire", paragraphs=8)
    copy = ["Republished with permission.", *original[:6], original[6] + " Extra."]
    first = run(tmp_path, redis_url, "r1", [make("a"), make("b"), make("wire",
                paragraphs=original), make("copy", site="y.test", paragraphs=copy)])
    assert first.counts.written == 3
    assert first.counts.dropped == {"near_duplicate": 1}
    edited = [*prose("a")[:-1], "A correction."]
    second = run(tmp_path, redis_url, "r2", [make("a", paragraphs=edited), make("b")])
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
        time.sleep(0.1)
        assert two.claim("abc-v1", "abc", 1, "h1") is None
    finally:
        two.close()
