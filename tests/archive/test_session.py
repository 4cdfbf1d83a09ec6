"""The archive session on real files: dedup across runs, versions, near-duplicates,
partitions, manifest, recovery after a crash."""

from __future__ import annotations

import dataclasses
import errno
import json
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from archiver.archive.layout import partition_value, record_day
from archiver.archive.lock import ArchiveLocked
from archiver.archive.parts import complete_lines, read_lines
from archiver.archive.session import ArchiveSession
from archiver.extract.urls import article_id
from tests.archive.helpers import CONFIG, make, run
from tests.conftest import REPO, published_parts, read_archive
from tests.sitebuilder import prose

if TYPE_CHECKING:
    from pathlib import Path

def test_second_run_writes_nothing_for_unchanged_articles(tmp_path: Path) -> None:
    first = run(tmp_path, "r1", [make("a"), make("b"), make("c")])
    assert first.counts.written == 3
    second = run(tmp_path, "r2", [make("a"), make("b"), make("c")])
    assert second.counts.written == 0
    assert second.counts.dropped == {"unchanged": 3}
    assert len(read_archive(tmp_path)) == 3


def test_changed_body_or_title_is_a_new_version_cosmetic_change_is_not(tmp_path: Path) -> None:
    paragraphs = prose("a")
    run(tmp_path, "r1", [make("a"), make("b"), make("c")])
    edited = [*paragraphs[:-1], paragraphs[-1] + " A correction was added."]
    spaced = ["  " + p.replace(" ", "   ") + "\n" for p in prose("b")]
    second = run(tmp_path, "r2", [make("a", paragraphs=edited), make("b", paragraphs=spaced),
                                  make("c", title="Story c, updated")])
    assert second.counts.written == 2
    assert second.counts.dropped == {"unchanged": 1}
    records = {r["record_id"]: r for r in read_archive(tmp_path)}
    a_id, c_id = article_id("https://x.test/news/a"), article_id("https://x.test/news/c")
    assert records[f"{a_id}-v2"]["supersedes"] == f"{a_id}-v1"
    assert records[f"{a_id}-v2"]["version"] == 2
    assert records[f"{a_id}-v2"]["body"].endswith("A correction was added.")
    assert records[f"{a_id}-v1"]["body"] == "\n\n".join(paragraphs)  # never overwritten
    assert records[f"{c_id}-v2"]["title"] == "Story c, updated"
    third = run(tmp_path, "r3", [make("a", paragraphs=edited)])
    assert third.counts.dropped == {"unchanged": 1}
    fourth = run(tmp_path, "r4", [make("a")])  # reverted: a third version, not v1 again
    assert fourth.counts.new_versions == 1
    assert {r["record_id"] for r in read_archive(tmp_path)} >= {f"{a_id}-v3"}


def test_alias_url_in_the_same_run_is_a_duplicate(tmp_path: Path) -> None:
    session = run(tmp_path, "r1", [make("a"), make("a", url="https://x.test/news/a?ref=rss")])
    assert session.counts.written == 1
    assert session.counts.dropped == {"duplicate_url": 1}


def test_exact_and_near_copies_on_other_urls_collapse_and_stay_aliases(tmp_path: Path) -> None:
    original = prose("wire-story", paragraphs=8)
    copy = ["Published with permission of the Wire Agency.", *original[:5],
            original[5].replace("part", "section"), *original[6:],
            "Sign up for our newsletter to get the best tech stories every day."]
    first = run(tmp_path, "r1", [
        make("wire", site="a.test", paragraphs=original),
        make("exact-copy", site="b.test", paragraphs=original),
        make("syndicated", site="c.test", paragraphs=copy),
        make("other", site="c.test"),  # a different article from the same template
    ])
    assert first.counts.written == 2
    assert first.counts.dropped == {"duplicate_content": 1, "near_duplicate": 1}
    assert {r["url"] for r in read_archive(tmp_path)} == {
        "https://a.test/news/wire", "https://c.test/news/other"}
    # Next run: the copies are known aliases, even when the copy changed a little since.
    changed_copy = [*copy[:-1], "Follow us on social media."]
    second = run(tmp_path, "r2", [make("syndicated", site="c.test", paragraphs=changed_copy),
                                  make("exact-copy", site="b.test", paragraphs=original)])
    assert second.counts.written == 0
    assert second.counts.dropped == {"near_duplicate": 1, "duplicate_content": 1}
    assert first.state_counts["aliases_near_duplicate"] == 1


def test_threshold_is_a_setting(tmp_path: Path) -> None:
    original = prose("wire-story", paragraphs=8)
    copy = [*original[:6], "An extra paragraph written by the syndicating site."]
    strict = dataclasses.replace(CONFIG, threshold=0.99)
    session = run(tmp_path, "r1", [make("wire", paragraphs=original),
                                   make("copy", paragraphs=copy)], strict)
    assert session.counts.written == 2


def test_records_go_to_sanitised_hive_partitions(tmp_path: Path) -> None:
    run(tmp_path, "r1", [make("a", site="../../etc"), make("b", site="news.test:8080",
                                                           published="2026-10-01T23:30:00-05:00"),
                         make("c", published=None)])
    parts = [p.relative_to(tmp_path).as_posix() for p in published_parts(tmp_path)]
    assert sorted(parts) == [
        "articles/site=etc/date=2026-10-01/part-r1-00001.jsonl.gz",
        "articles/site=news.test_8080/date=2026-10-02/part-r1-00001.jsonl.gz",
        "articles/site=x.test/date=2026-11-27/part-r1-00001.jsonl.gz",
    ]
    for path in published_parts(tmp_path):
        assert path.resolve().is_relative_to(tmp_path.resolve())


@pytest.mark.parametrize(("value", "expected"), [
    ("techradar.com", "techradar.com"), ("..", "unknown"), ("../x", "x"), ("../../etc", "etc"),
    (".hidden", "hidden"), ("", "unknown"),
    ("a/b\\c", "a_b_c"), ("Ünïcode.de", "n_code.de"), ("127.0.0.1:8080", "127.0.0.1_8080"),
])
def test_partition_values_cannot_escape(value: str, expected: str) -> None:
    assert partition_value(value) == expected


@pytest.mark.parametrize(("published", "day"), [
    ("2026-10-01T23:30:00-05:00", "2026-10-02"), ("2026-10-01", "2026-10-01"),
    ("2026-10-01T10:00:00", "2026-10-01"), ("garbage", "2026-11-27"), (None, "2026-11-27"),
])
def test_partition_day(published: str | None, day: str) -> None:
    assert record_day(published, "2026-11-27T08:00:00Z") == day


def test_parts_rotate_by_count(tmp_path: Path) -> None:
    config = dataclasses.replace(CONFIG, part_max_records=2)
    session = run(tmp_path, "r1", [make(s) for s in "abcde"], config)
    assert [info.records for info in session.files] == [2, 2, 1]
    assert len(read_archive(tmp_path)) == 5


def test_manifest_lists_files_with_checksums(tmp_path: Path) -> None:
    import hashlib

    session = run(tmp_path, "r1", [make("a"), make("b", site="y.test")])
    files = session.manifest_files()
    assert sorted(f["path"] for f in files) == sorted(
        p.relative_to(tmp_path).as_posix() for p in published_parts(tmp_path))
    for entry in files:
        data = (tmp_path / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert entry["records"] == len(read_lines(tmp_path / entry["path"]))


def test_second_session_on_the_same_root_is_refused(tmp_path: Path) -> None:
    first = ArchiveSession(tmp_path, "r1", CONFIG)
    first.open()
    with pytest.raises(ArchiveLocked):
        ArchiveSession(tmp_path, "r2", CONFIG).open()
    first.close()


def test_crash_before_commit_recovers_the_line_and_registers_it(tmp_path: Path) -> None:
    """A crash after a record's line is written but before the state commits: the next
    run publishes the line and knows the article, so it is neither lost nor doubled."""
    session = ArchiveSession(tmp_path, "r1", CONFIG)
    session.open()
    for slug in "ab":
        article = make(slug)
        assert session.admit(article).write
        session.write(article)
    session.commit()  # a batch commit (every commit_every changes or commit_seconds)
    last = make("c")
    assert session.admit(last).write
    part = session._part(("x.test", "2026-10-01"))
    part.write(last.to_dict())  # the line is on disk; the commit never happens
    session.abort()
    assert published_parts(tmp_path) == []

    second = run(tmp_path, "r2", [make("a"), make("b"), make("c"), make("d")])
    assert second.counts.recovered_parts == 1
    assert second.counts.recovered_records == 1  # a and b were committed already
    assert second.counts.written == 1
    assert second.counts.dropped == {"unchanged": 3}
    ids = [r["canonical_url"].rsplit("/", 1)[1] for r in read_archive(tmp_path)]
    assert sorted(ids) == ["a", "b", "c", "d"]
    assert not list(tmp_path.rglob(".*.inprogress"))


def test_state_store_failure_takes_the_line_back(tmp_path: Path) -> None:
    """A record the state store cannot take is taken back from its part; the records of
    the failed batch stay in the part, which is left in progress, and the next run
    recovers and registers them: nothing is lost, nothing is archived twice."""
    session = _store_failing_after_a(tmp_path, "records", "disk I/O")  # no more records
    second = make("b")
    assert session.admit(second).write
    with pytest.raises(OSError, match="state store"):
        session.write(second)
    session.close()
    assert published_parts(tmp_path) == []
    (left,) = tmp_path.rglob(".*.inprogress")
    assert [json.loads(line)["canonical_url"] for line in complete_lines(left)] == \
        ["https://x.test/news/a"]
    _next_run_recovers_a(tmp_path)


def _store_failing_after_a(root: Path, table: str, message: str) -> ArchiveSession:
    """An open session that wrote article "a" (its rows still in the open batch) and whose
    state store from now on fails every insert into *table* with *message*."""
    session = ArchiveSession(root, "r1", CONFIG)
    session.open()
    first = make("a")
    assert session.admit(first).write
    session.write(first)
    session.store.db.execute(f"CREATE TEMP TRIGGER full BEFORE INSERT ON main.{table} "
                             f"BEGIN SELECT RAISE(FAIL, '{message}'); END")
    return session


def _next_run_recovers_a(root: Path) -> None:
    """The next run finds "a" in the part left in progress, registers it and does not
    write it again."""
    second_run = run(root, "r2", [make("a")])
    assert second_run.counts.recovered_records == 1
    assert second_run.counts.dropped == {"unchanged": 1}
    assert [r["canonical_url"] for r in read_archive(root)] == ["https://x.test/news/a"]


def test_record_fields(tmp_path: Path) -> None:
    run(tmp_path, "r1", [make("a")])
    (record,) = read_archive(tmp_path)
    assert record["record_id"] == f"{record['id']}-v1"
    assert record["version"] == 1
    assert record["supersedes"] is None
    assert record["run_id"] == "r1"
    assert record["warc"] is None  # no raw capture given
    assert list(record)[:4] == ["schema_version", "id", "record_id", "version"]


def test_state_store_of_an_earlier_version_is_upgraded(tmp_path: Path) -> None:
    """A state.sqlite written before the validators and capture columns existed opens,
    gains them, and keeps what it knew."""
    import sqlite3

    db = sqlite3.connect(tmp_path / "state.sqlite")
    db.executescript("""
        CREATE TABLE articles (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
            canonical_url TEXT NOT NULL, site TEXT NOT NULL, day TEXT NOT NULL,
            version INTEGER NOT NULL, record_id TEXT NOT NULL, version_hash TEXT NOT NULL,
            fingerprint BLOB NOT NULL, run_id TEXT NOT NULL, first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL);
        CREATE TABLE records (record_id TEXT PRIMARY KEY, n INTEGER NOT NULL,
            version INTEGER NOT NULL, content_hash TEXT NOT NULL, run_id TEXT NOT NULL,
            file TEXT NOT NULL, written_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,
            n INTEGER) WITHOUT ROWID;
        INSERT INTO validators VALUES ('https://x.test/feed', '"e1"', NULL, NULL);
    """)
    db.commit()
    db.close()
    first = run(tmp_path, "r1", [make("a")], dataclasses.replace(CONFIG, lock=False))
    assert first.counts.written == 1
    second = run(tmp_path, "r2", [make("a")], dataclasses.replace(CONFIG, lock=False))
    assert second.counts.dropped == {"unchanged": 1}
    from archiver.archive.state import SqliteStateStore

    store = SqliteStateStore.at(tmp_path)
    assert store.validators("https://x.test/feed") is not None
    store.close()


def test_state_store_failure_in_a_decision_raises_oserror_and_loses_nothing(
        tmp_path: Path) -> None:
    """A store that fails while deciding on a page (recording a copy's URL as an alias)
    raises OSError like a failed write, so the crawl stops; the batch's records are
    recovered by the next run."""
    session = _store_failing_after_a(tmp_path, "aliases", "database or disk is full")
    with pytest.raises(OSError, match="state store") as raised:
        session.admit(make("copy", paragraphs=prose("a")))  # its alias cannot be stored
    assert raised.value.errno == errno.ENOSPC
    session.close()
    assert published_parts(tmp_path) == []
    _next_run_recovers_a(tmp_path)


FULL_PART_CHILD = textwrap.dedent("""
    import os, random, resource, signal, sys
    from pathlib import Path
    from archiver.archive.session import ArchiveSession
    from tests.archive.helpers import CONFIG, make
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    root = Path(sys.argv[1])
    session = ArchiveSession(root, "r1", CONFIG)
    session.open()
    first = make("a")
    assert session.admit(first).write
    session.write(first)  # in the part, its state-store rows still in the open batch
    largest = max(p.stat().st_size for p in root.rglob("*") if p.is_file())
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 65536, hard))
    words = random.Random(7).choices([f"w{n}" for n in range(50_000)], k=200_000)
    big = make("b", paragraphs=[" ".join(words)])
    assert session.admit(big).write
    try:
        session.write(big)  # its line cannot reach the part: the file is full
    except OSError as exc:
        print("failed", exc.errno)
    session.close()
""")


def test_a_part_that_cannot_be_written_keeps_the_batch_of_the_records_before(
        tmp_path: Path) -> None:
    """A line the part cannot take (disk full) must not throw away the state-store batch
    of the records already in the part: those records are archived exactly once (before,
    the batch was rolled back and the part published, so the next run wrote them again)."""
    result = subprocess.run([sys.executable, "-c", FULL_PART_CHILD, str(tmp_path)],
                            capture_output=True, text=True, timeout=60, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "failed"
    second = run(tmp_path, "r2", [make("a")])
    assert second.counts.written == 0
    assert [r["canonical_url"] for r in read_archive(tmp_path)] == ["https://x.test/news/a"]
