"""``archiver validate ARCHIVE``: every bad line reported as file:line: reason; exit 0/1/2."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.analysis.conftest import copy_archive, make_record
from tests.conftest import archiver_cmd


def _parts(root: Path) -> list[Path]:
    return sorted((root / "articles").glob("site=*/date=*/part-*.jsonl.gz"))


def _lines(part: Path) -> list[str]:
    return gzip.decompress(part.read_bytes()).decode("utf-8").splitlines()


def _rewrite(part: Path, lines: list[str]) -> None:
    with gzip.open(part, "wt", encoding="utf-8") as fh:
        fh.write("".join(line + "\n" for line in lines))


def test_a_valid_archive_passes(fixture_archive):
    result = archiver_cmd("validate", str(fixture_archive))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "6 part files, 7 records: all valid" in result.stderr


def test_a_real_crawl_passes(demo_archive):
    result = archiver_cmd("validate", str(demo_archive))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "all valid" in result.stderr


def test_bad_lines_are_reported_with_file_and_line(fixture_archive):
    part = _parts(fixture_archive)[0]
    lines = _lines(part)
    good = json.loads(lines[0])
    wrong_type = dict(good, record_id=good["id"] + "-v9", word_count="many")
    bad_date = dict(good, record_id=good["id"] + "-v8", version=8,
                    supersedes=good["id"] + "-v7", published="2026-02-30")
    missing = {k: v for k, v in good.items() if k != "body"}
    missing["record_id"] = good["id"] + "-v5"
    missing.update(version=5, supersedes=good["id"] + "-v4")
    _rewrite(part, [lines[0], '{"schema_version":1,"id":"trunc', json.dumps(wrong_type),
                    json.dumps(bad_date), json.dumps(missing), lines[0]])

    result = archiver_cmd("validate", str(fixture_archive))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{part}:2: not valid JSON")
    assert out[1].startswith(f"{part}:3: $.word_count:")
    assert out[2].startswith(f"{part}:4: $.published:")
    assert "not a real date" in out[2]
    assert out[3] == f"{part}:5: $: 'body' is a required property"
    assert out[4].startswith(f"{part}:6: duplicate record_id {good['record_id']}")
    assert len(out) == 5
    assert "5 bad lines" in result.stderr


def test_a_corrupt_gzip_member_is_reported(fixture_archive):
    part = _parts(fixture_archive)[-1]
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2])  # cut mid-stream, as a crash would
    result = archiver_cmd("validate", str(fixture_archive))
    assert result.returncode == 1
    assert f"{part}:1: unreadable part file" in result.stdout


def test_records_in_the_wrong_partition_are_reported(fixture_archive):
    parts = _parts(fixture_archive)
    stray = make_record("other.org", "stray", "2020-01-01")
    _rewrite(parts[0], [*_lines(parts[0]), json.dumps(stray)])
    result = archiver_cmd("validate", str(fixture_archive))
    assert result.returncode == 1
    assert "is stored in partition site=example.com" in result.stdout
    assert "record of day 2020-01-01 is stored in partition date=" in result.stdout


def test_hidden_in_progress_parts_are_not_checked(fixture_archive):
    hidden = list((fixture_archive / "articles").rglob(".*inprogress"))
    assert hidden  # the fixture has a half-written one; it is not part of the archive
    assert archiver_cmd("validate", str(fixture_archive)).returncode == 0


def test_one_part_file_can_be_checked(fixture_archive):
    part = _parts(fixture_archive)[0]
    result = archiver_cmd("validate", str(part))
    assert result.returncode == 0
    assert "1 part files" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert archiver_cmd("validate", str(tmp_path / "missing")).returncode == 2
    (tmp_path / "empty").mkdir()
    result = archiver_cmd("validate", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "not an archive" in result.stderr
    assert archiver_cmd("validate").returncode == 2


def test_a_crawled_archive_with_an_edited_line_fails(demo_archive, tmp_path):
    root = copy_archive(demo_archive, tmp_path / "copy")
    part = _parts(root)[0]
    lines = _lines(part)
    record = json.loads(lines[0])
    record["images"] = [{"url": "x"}]
    _rewrite(part, [json.dumps(record), *lines[1:]])
    result = archiver_cmd("validate", str(root))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{part}:1: $.images[0]: 'caption' is a required property")
