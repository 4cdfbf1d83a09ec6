"""archiver.load(): partitioned .jsonl.gz archives as dicts or a DataFrame, with filters;
pandas, DuckDB and Polars each load a real crawled archive."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime

import duckdb
import pandas as pd
import polars as pl
import pytest

import archiver
from archiver.analysis.load import ArchiveError, part_files
from archiver.archive import layout
from archiver.items import RECORD_FIELDS
from tests.analysis.conftest import RUN_2, article_id, make_record


def ids(records) -> set[str]:
    return {r["record_id"] for r in records}


def aid(site: str, slug: str) -> str:
    return article_id(f"https://www.{site}/news/{slug}")


def test_latest_versions_by_default(fixture_archive):
    records = list(archiver.load(fixture_archive, as_frame=False))
    assert len(records) == 6
    by_id = {r["id"]: r for r in records}
    assert by_id[aid("example.com", "a")]["version"] == 2
    assert by_id[aid("example.com", "a")]["run_id"] == RUN_2
    assert all(list(r) == list(RECORD_FIELDS) for r in records)


def test_all_versions(fixture_archive):
    records = list(archiver.iter_records(fixture_archive, latest=False))
    assert len(records) == 7
    assert sorted(r["version"] for r in records if r["id"] == aid("example.com", "a")) == [1, 2]


def test_site_filter(fixture_archive):
    assert {r["site"] for r in archiver.iter_records(fixture_archive, site="other.org")} == {
        "other.org"}
    assert len(list(archiver.iter_records(fixture_archive, site=["other.org",
                                                                 "example.com"]))) == 6
    assert list(archiver.iter_records(fixture_archive, site="nowhere.net")) == []


def test_date_range_is_inclusive_and_uses_the_utc_publication_day(fixture_archive):
    got = list(archiver.iter_records(fixture_archive, since="2026-11-20", until="2026-11-20"))
    # b was published 2026-11-19T23:30-02:00, i.e. on 2026-11-20 UTC; c on the bare day.
    assert {r["id"] for r in got} == {aid("example.com", "b"), aid("example.com", "c")}
    got = list(archiver.iter_records(fixture_archive, since=date(2026, 11, 21)))
    assert {r["id"] for r in got} == {aid("example.com", "d")}  # undated: the fetch day
    got = list(archiver.iter_records(fixture_archive, until=datetime(2026, 11, 18, 23)))
    assert {r["id"] for r in got} == {aid("example.com", "a"), aid("other.org", "y")}


def test_filters_combine(fixture_archive):
    got = list(archiver.iter_records(fixture_archive, site="example.com", until="2026-11-18",
                                     latest=False))
    assert {(r["id"], r["version"]) for r in got} == {(aid("example.com", "a"), 1),
                                                       (aid("example.com", "a"), 2)}


def test_bad_date_argument(fixture_archive):
    with pytest.raises(ValueError, match="since: not a date"):
        list(archiver.iter_records(fixture_archive, since="last week"))


def test_hidden_files_and_directories_are_ignored(fixture_archive):
    hidden_dir = fixture_archive / "articles" / ".tmp" / "site=x" / "date=2026-01-01"
    hidden_dir.mkdir(parents=True)
    (hidden_dir / "part-x-00001.jsonl.gz").write_bytes(b"junk")
    names = [f.path.name for f in part_files(fixture_archive)]
    assert names
    assert not any(n.startswith(".") for n in names)
    assert len(list(archiver.iter_records(fixture_archive))) == 6


def test_a_bad_line_raises_with_its_place_or_is_skipped(fixture_archive):
    part = part_files(fixture_archive)[0].path
    import gzip

    with gzip.open(part, "at") as fh:
        fh.write("{not json\n")
    with pytest.raises(ArchiveError, match=rf"{part.name}:2: not valid JSON"):
        list(archiver.iter_records(fixture_archive, latest=False))
    assert len(list(archiver.iter_records(fixture_archive, skip_bad=True))) == 6


def test_site_filter_finds_sites_with_hostile_names(tmp_path):
    """Records written by the real writer under sanitised partition names (``a..b`` ->
    ``a.b``, ``_x`` -> ``x``) are found by their site and validate in their folder."""
    from archiver.analysis.validate import iter_problems
    from archiver.archive.parts import PartWriter

    for site in ("a..b", "_x", "127.0.0.1:8080", "Example.COM"):
        record = make_record(site, "n", "2026-10-01T09:00:00+00:00")
        folder = layout.partition_dir(tmp_path, site, "2026-10-01")
        part = PartWriter(folder / f"part-r-{len(list(tmp_path.rglob('*.gz'))):05d}.jsonl.gz",
                          fsync=False)
        part.write(record)
        part.close()
    for site in ("a..b", "_x", "127.0.0.1:8080", "Example.COM"):
        assert [r["site"] for r in archiver.iter_records(tmp_path, site=site)] == [site]
    assert list(iter_problems(tmp_path)) == []


def test_the_plain_iterator_needs_no_pandas(fixture_archive):
    code = (
        "import sys, archiver\n"
        f"rows = list(archiver.load({str(fixture_archive)!r}, as_frame=False, "
        "site='example.com'))\n"
        "assert len(rows) == 4 and isinstance(rows[0], dict)\n"
        "assert 'pandas' not in sys.modules and 'pyarrow' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    code = "import sys, archiver; assert 'archiver.analysis' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_dataframe(fixture_archive):
    frame = archiver.load(fixture_archive)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [*RECORD_FIELDS, "date"]
    assert len(frame) == 6
    assert str(frame["fetched_at"].dt.tz) == "UTC"
    assert frame.loc[frame["id"] == aid("example.com", "b"), "date"].iloc[0] == pd.Timestamp(
        "2026-11-20")
    assert frame.explode("authors")["authors"].value_counts()["Ana Ruiz"] == 5
    assert len(archiver.load(fixture_archive, latest=False)) == 7
    assert len(archiver.load(fixture_archive, site="nowhere.net")) == 0


# --- a real crawled archive -----------------------------------------------------------


def test_pandas_loads_a_crawled_archive(demo_archive):
    frame = archiver.load(demo_archive)
    expected = list(archiver.iter_records(demo_archive))
    assert len(frame) == len(expected) >= 20
    assert frame["id"].is_unique
    assert set(frame["site"]) == {"127.0.0.1"}
    assert frame["title"].notna().all()
    assert (frame["word_count"] > 0).all()
    per_day = frame.groupby("date").size()
    assert per_day.sum() == len(frame)


def test_duckdb_reads_the_partition_glob(demo_archive):
    glob = f"{demo_archive}/articles/*/*/*.jsonl.gz"
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT site, date, count(*) AS n FROM read_json('{glob}', hive_partitioning=true) "
        "GROUP BY ALL ORDER BY date").fetchall()
    assert sum(n for _, _, n in rows) == len(list(archiver.iter_records(demo_archive,
                                                                       latest=False)))
    assert {s for s, _, _ in rows} == {"127.0.0.1"}
    assert isinstance(rows[0][1], date)
    # The latest version of every article, as docs/analysts.md shows it.
    latest = con.execute(
        f"SELECT id, version, title FROM read_json('{glob}', hive_partitioning=true) "
        "QUALIFY row_number() OVER (PARTITION BY id ORDER BY version DESC) = 1").fetchall()
    assert {r[0] for r in latest} == {r["id"] for r in archiver.iter_records(demo_archive)}


def test_polars_reads_the_archive(demo_archive):
    files = [str(f.path) for f in part_files(demo_archive)]
    frame = pl.read_ndjson(files[0])
    assert frame.columns == list(RECORD_FIELDS)
    frame = pl.concat([pl.read_ndjson(f) for f in files], how="diagonal_relaxed")
    latest = frame.sort("version").group_by("id").last()
    assert latest.height == len(list(archiver.iter_records(demo_archive)))
    assert set(latest["site"].to_list()) == {"127.0.0.1"}


def test_every_line_is_one_json_object(demo_archive):
    import gzip

    for part in part_files(demo_archive):
        with gzip.open(part.path, "rt", encoding="utf-8") as fh:
            for line in fh:
                assert isinstance(json.loads(line), dict)
