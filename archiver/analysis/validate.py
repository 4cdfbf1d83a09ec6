"""Check records and whole archives against ``schema/article.schema.json``.

Beyond the JSON Schema, each record is checked for what a schema cannot say: real
calendar dates, ``record_id`` = ``<id>-v<version>``, ``supersedes`` pointing at an earlier
version of the same article, at most one lead image, the record lying in the partition of
its own site and day, and no ``record_id`` stored twice in the archive.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from archiver.analysis.load import (
    ArchiveError,
    PartFile,
    parse_line,
    part_files,
    partition_value,
    read_lines,
    record_day,
)

# The published schema is schema/article.schema.json at the repository root; the package
# ships a copy (kept identical by tests/analysis/test_schema.py) so that validation also
# works when the archiver is installed from a wheel or deployed as an egg.
REPO_SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "article.schema.json"
PACKAGED_SCHEMA_PATH = Path(__file__).resolve().parent / "article.schema.json"
SCHEMA_PATH = REPO_SCHEMA_PATH if REPO_SCHEMA_PATH.is_file() else PACKAGED_SCHEMA_PATH
_MAX_SHOWN = 60


@cache
def load_schema() -> dict[str, Any]:
    """The record's JSON Schema (2020-12)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return schema


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _message(error: Any) -> str:
    """A short message for one jsonschema error (no regexes, no whole records)."""
    where = error.json_path
    if error.context:
        # A oneOf/anyOf: explain the branch of the instance's own type, if there is one.
        specific = [e for e in error.context if e.validator != "type"]
        if specific:
            return _message(min(specific, key=lambda e: len(e.relative_path)))
        return f"{where}: {_show(error.instance)} has the wrong type"
    if error.validator == "required":
        return f"{where}: {error.message}"
    if error.validator == "additionalProperties":
        return f"{where}: {error.message}"
    if error.validator == "pattern":
        return f"{where}: {_show(error.instance)} is not in the expected format"
    if error.validator in ("type", "const"):
        return f"{where}: {_show(error.instance)} {error.message.split(' ', 1)[-1]}"
    return f"{where}: {error.message if len(error.message) < 200 else error.message[:199]}"


def schema_errors(record: Any) -> list[str]:
    """Messages for every way *record* breaks the JSON Schema (empty when valid)."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.path))
    return [_message(error) for error in errors]


def _bad_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        return True
    return False


def record_errors(record: Any, part: PartFile | None = None) -> list[str]:
    """Schema errors, then the consistency checks of the module docstring."""
    problems = schema_errors(record)
    if not isinstance(record, dict):
        return problems
    dates_ok = not any(p.startswith(("$.fetched_at", "$.published")) for p in problems)
    for key in ("fetched_at", "published", "modified"):
        if any(p.startswith(f"$.{key}:") for p in problems):
            continue
        if _bad_time(record.get(key)):
            problems.append(f"$.{key}: {_show(record[key])} is not a real date")
            dates_ok = dates_ok and key == "modified"
    article_id, version = record.get("id"), record.get("version")
    if isinstance(article_id, str) and isinstance(version, int):
        expected = f"{article_id}-v{version}"
        if record.get("record_id") not in (None, expected):
            problems.append(f"$.record_id: {_show(record['record_id'])} should be "
                            f"{_show(expected)}")
        supersedes = record.get("supersedes")
        if version == 1 and supersedes is not None:
            problems.append("$.supersedes: version 1 supersedes nothing, should be null")
        elif version > 1:
            prefix, _, older = str(supersedes).rpartition("-v")
            if supersedes is None:
                problems.append(f"$.supersedes: version {version} should name the "
                                "previous version's record_id")
            elif prefix != article_id or not older.isdigit() or int(older) >= version:
                problems.append(f"$.supersedes: {_show(supersedes)} is not an earlier "
                                "version of this article")
    images = record.get("images")
    if isinstance(images, list):
        leads = sum(1 for image in images if isinstance(image, dict) and image.get("lead"))
        if leads > 1:
            problems.append(f"$.images: {leads} lead images, at most one allowed")
    if part is not None:
        if part.site is not None and partition_value(record.get("site")) != part.site:
            problems.append(f"$.site: {_show(record.get('site'))} is stored in partition "
                            f"site={part.site}")
        day = record_day(record) if dates_ok else None
        if part.day is not None and day is not None and day != part.day:
            problems.append(f"record of day {day} is stored in partition "
                            f"date={part.day.isoformat()}")
    return problems


@dataclass
class Problem:
    """One bad line of a part file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ArchiveCheck:
    """Counts of an archive check; the problems are yielded as they are found."""

    files: int = 0
    records: int = 0
    valid: int = 0
    bad_lines: int = 0
    seen: dict[str, tuple[Path, int]] = field(default_factory=dict, repr=False)


def iter_problems(path: str | os.PathLike[str], check: ArchiveCheck | None = None
                  ) -> Iterator[Problem]:
    """Check every line of every published part file under *path*; yield bad lines.

    One :class:`Problem` per bad line (its reasons joined with ``; ``). *check* receives
    the counts. Raises ``FileNotFoundError`` when *path* is not an archive.
    """
    check = check if check is not None else ArchiveCheck()
    for part in part_files(path):
        check.files += 1
        try:
            for lineno, raw in read_lines(part.path):
                check.records += 1
                try:
                    record = parse_line(part.path, lineno, raw)
                except ArchiveError as exc:
                    check.bad_lines += 1
                    yield Problem(part.path, lineno, exc.reason)
                    continue
                problems = record_errors(record, part)
                record_id = record.get("record_id")
                if isinstance(record_id, str):
                    first = check.seen.setdefault(record_id, (part.path, lineno))
                    if first != (part.path, lineno):
                        problems.append(f"duplicate record_id {record_id} (first at "
                                        f"{first[0]}:{first[1]})")
                if problems:
                    check.bad_lines += 1
                    yield Problem(part.path, lineno, "; ".join(problems))
                else:
                    check.valid += 1
        except ArchiveError as exc:
            check.bad_lines += 1
            yield Problem(exc.path, exc.line, exc.reason)
