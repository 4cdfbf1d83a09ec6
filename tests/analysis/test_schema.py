"""schema/article.schema.json: valid records pass, broken ones are rejected with a reason."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from archiver.analysis.load import iter_records
from archiver.analysis.validate import SCHEMA_PATH, load_schema, record_errors, schema_errors
from archiver.items import RECORD_FIELDS, SCHEMA_VERSION
from tests.analysis.conftest import fixture_records, make_record


def test_schema_is_valid_2020_12_and_matches_the_record_fields():
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert schema["required"] == list(RECORD_FIELDS)
    assert list(schema["properties"]) == list(RECORD_FIELDS)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize("record", fixture_records(), ids=lambda r: r["record_id"])
def test_good_records_are_valid(record):
    assert record_errors(record) == []


def test_nulls_and_empty_lists_where_optional_are_valid():
    record = make_record("example.com", "n", None, authors=[], images=[], title=None,
                         byline=None, description=None, language=None, tags=[], warc=None)
    assert record_errors(record) == []


@pytest.mark.parametrize("value", [
    "2024-05-01", "2024-05-01T10:30:00+02:00", "2024-05-01T10:30:00Z",
    "2024-05-01T10:30:00", "2024-05-01T10:30:00.123456-05:30",
])
def test_accepted_date_forms(value):
    assert record_errors(make_record("example.com", "d", value, modified=value)) == []


def _broken(change) -> list[str]:
    record = copy.deepcopy(make_record("example.com", "a", "2026-11-18T10:00:00+00:00"))
    change(record)
    return record_errors(record)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda r: r.pop("content_hash"), "'content_hash' is a required property"),
    (lambda r: r.pop("supersedes"), "'supersedes' is a required property"),
    (lambda r: r.update(extra=1), "Additional properties are not allowed ('extra'"),
    (lambda r: r.update(version="1"), "$.version:"),
    (lambda r: r.update(word_count=-3), "$.word_count:"),
    (lambda r: r.update(authors="Ana Ruiz"), "$.authors:"),
    (lambda r: r.update(title=5), "$.title:"),
    (lambda r: r["images"][0].pop("lead"), "'lead' is a required property"),
    (lambda r: r["images"][0].update(lead="yes"), "$.images[0].lead:"),
    (lambda r: r.update(schema_version=2), "$.schema_version:"),
    (lambda r: r.update(id="XYZ"), "$.id:"),
    (lambda r: r.update(content_hash="abc"), "$.content_hash:"),
    (lambda r: r.update(url="ftp://example.com/a"), "$.url:"),
    (lambda r: r.update(published="yesterday"), "$.published:"),
    (lambda r: r.update(published="2024-13-01"), "$.published:"),
    (lambda r: r.update(published="2023-02-30"), "$.published: \"2023-02-30\" is not a real date"),
    (lambda r: r.update(fetched_at="2026-11-20T08:00:05+01:00"), "$.fetched_at:"),
    (lambda r: r.update(warc={"file": "warc/x.warc.gz"}), "'offset' is a required property"),
    (lambda r: r.update(record_id=r["id"] + "-v7"), "$.record_id:"),
    (lambda r: r.update(supersedes=r["id"] + "-v1"), "$.supersedes: version 1"),
])
def test_bad_records_are_rejected_with_a_reason(change, expected):
    problems = _broken(change)
    assert problems, "the broken record passed"
    assert any(expected in p for p in problems), problems


def test_messages_are_short_and_do_not_dump_regexes():
    problems = _broken(lambda r: r.update(published="yesterday"))
    assert problems == ['$.published: "yesterday" is not in the expected format']


def test_second_version_must_supersede_an_earlier_one():
    record = make_record("example.com", "a", None, version=3)
    assert record_errors(record) == []
    record["supersedes"] = None
    assert any("should name the previous" in p for p in record_errors(record))
    record["supersedes"] = record["id"] + "-v3"
    assert any("not an earlier version" in p for p in record_errors(record))


def test_not_an_object():
    assert schema_errors([1, 2])
    assert schema_errors(None)


def test_every_record_of_a_real_crawl_validates(demo_archive):
    schema = load_schema()
    validator = Draft202012Validator(schema)
    records = list(iter_records(demo_archive, latest=False))
    assert len(records) >= 20
    for record in records:
        assert list(record) == list(RECORD_FIELDS)
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], (record["url"], errors)
        assert record_errors(record) == [], record["url"]


def test_packaged_schema_is_the_published_one() -> None:
    """The package's copy (for wheel and egg installs) equals schema/article.schema.json."""
    from archiver.analysis.validate import PACKAGED_SCHEMA_PATH, REPO_SCHEMA_PATH

    assert PACKAGED_SCHEMA_PATH.read_bytes() == REPO_SCHEMA_PATH.read_bytes()
