"""``archiver export``: the latest versions to Parquet or CSV, one file or partitioned,
read back with pyarrow."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pyarrow.csv as pacsv
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

import archiver
from archiver.analysis.export import export
from archiver.items import RECORD_FIELDS
from tests.analysis.conftest import article_id
from tests.conftest import archiver_cmd

COLUMNS = [*RECORD_FIELDS, "date"]
# Read the dates as the text they are (pyarrow would guess timestamps), empty as null.
CSV_TEXT = pacsv.ConvertOptions(
    column_types=dict.fromkeys(("fetched_at", "published", "modified"), "string"),
    strings_can_be_null=True)


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


def test_parquet_round_trip(fixture_archive, tmp_path):
    out = tmp_path / "latest.parquet"
    result = archiver_cmd("export", str(fixture_archive), "--format", "parquet", "--out",
                          str(out))
    assert result.returncode == 0, result.stderr
    assert "6 articles written" in result.stderr
    table = pq.read_table(out)
    assert table.column_names == COLUMNS
    rows = _by_id(table.to_pylist())
    expected = _by_id(list(archiver.iter_records(fixture_archive)))
    assert rows.keys() == expected.keys()
    for key, record in expected.items():
        row = rows[key]
        for name in RECORD_FIELDS:
            if name == "fetched_at":
                assert row[name] == datetime.fromisoformat(record[name]).astimezone(UTC)
            else:
                assert row[name] == record[name], name
    a = rows[article_id("https://www.example.com/news/a")]
    assert a["version"] == 2
    assert a["date"] == date(2026, 11, 18)
    assert str(table.schema.field("images").type).startswith("list<element: struct<url")
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_csv_round_trip(fixture_archive, tmp_path):
    out = tmp_path / "latest.csv"
    assert archiver_cmd("export", str(fixture_archive), "--format", "csv", "--out",
                        str(out)).returncode == 0
    table = pacsv.read_csv(out, convert_options=CSV_TEXT)
    assert table.column_names == COLUMNS
    rows = _by_id(table.to_pylist())
    expected = _by_id(list(archiver.iter_records(fixture_archive)))
    assert rows.keys() == expected.keys()
    for key, record in expected.items():
        row = rows[key]
        for name in ("authors", "tags", "images", "warc"):
            assert json.loads(row[name]) == record[name]
        for name in ("title", "body", "url", "published", "fetched_at", "content_hash"):
            assert row[name] == record[name]
        assert row["version"] == record["version"]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_partitioned_export(fixture_archive, tmp_path, fmt):
    out = tmp_path / "export"
    result = archiver_cmd("export", str(fixture_archive), "--format", fmt, "--out", str(out),
                          "--partitioned")
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob(f"*.{fmt}"))
    assert files == [f"site=example.com/date={d}/part-0.{fmt}"
                     for d in ("2026-11-18", "2026-11-20", "2026-11-21")] + [
                     f"site=other.org/date={d}/part-0.{fmt}" for d in ("2026-11-18",
                                                                       "2026-11-19")]
    file_format = pads.CsvFileFormat(convert_options=CSV_TEXT) if fmt == "csv" else fmt
    table = pads.dataset(out, format=file_format, partitioning="hive").to_table()
    assert table.num_rows == 6
    assert sorted(set(table.column("site").to_pylist())) == ["example.com", "other.org"]
    # Re-exporting replaces the partitions instead of adding files.
    assert archiver_cmd("export", str(fixture_archive), "--format", fmt, "--out", str(out),
                        "--partitioned").returncode == 0
    assert pads.dataset(out, format=file_format, partitioning="hive").to_table().num_rows == 6


def test_export_filters(fixture_archive, tmp_path):
    out = tmp_path / "x.parquet"
    result = archiver_cmd("export", str(fixture_archive), "--out", str(out), "--site",
                          "example.com", "--since", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert pq.read_table(out).num_rows == 3
    assert archiver_cmd("export", str(fixture_archive), "--out", str(out), "--since",
                        "soon").returncode == 2
    assert archiver_cmd("export", str(fixture_archive), "--out", str(out), "--format",
                        "xlsx").returncode == 2


def test_export_of_a_crawled_archive(demo_archive, tmp_path):
    count = export(demo_archive, tmp_path / "demo.parquet")
    table = pq.read_table(tmp_path / "demo.parquet")
    assert table.num_rows == count == len(list(archiver.iter_records(demo_archive)))
    assert table.column("warc").null_count == 0
    export(demo_archive, tmp_path / "demo.csv", "csv")
    assert pacsv.read_csv(tmp_path / "demo.csv").num_rows == count


def test_empty_export(fixture_archive, tmp_path):
    out = tmp_path / "none.parquet"
    assert export(fixture_archive, out, site="nowhere.net") == 0
    assert pq.read_table(out).num_rows == 0
