"""Read an archive: the partitioned ``.jsonl.gz`` part files, as dicts or a DataFrame.

Layout (see ``docs/schema.md`` and ``docs/analysts.md``)::

    <root>/articles/site=<site>/date=<YYYY-MM-DD>/part-<run_id>-<n>.jsonl.gz

Parts being written are hidden (``.<name>.inprogress``); every file or directory whose
name starts with a dot is ignored. Plain ``.jsonl`` parts (the older flat layout,
``<root>/articles/part-*.jsonl``) are read too.

:func:`iter_records` needs nothing but the standard library; :func:`load` returns a
pandas DataFrame (``pip install 'tech-news-archiver[analysis]'``) or, with
``as_frame=False``, the same plain iterator of dicts.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver.archive import layout
from archiver.archive.layout import partition_value
from archiver.items import RECORD_FIELDS

if TYPE_CHECKING:
    import pandas as pd

PART_SUFFIXES = (".jsonl.gz", ".jsonl")
#: Columns of :func:`load`'s DataFrame: the record fields, then the partition day.
FRAME_COLUMNS = (*RECORD_FIELDS, "date")

# The writer puts these keys first, in this order: read id and version without a full parse.
_HEAD = re.compile(
    rb'^\{"schema_version":\d+,"id":"([^"]*)","record_id":"[^"]*","version":(\d+)[,}]'
)


class ArchiveError(ValueError):
    """A part file that cannot be read: bad gzip data or a line that is not a JSON object."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class PartFile:
    """One published part file and the partition it lies in (None outside partitions)."""

    path: Path
    site: str | None = None
    day: date | None = None


def articles_dir(path: str | os.PathLike[str]) -> Path:
    """The directory holding the part files: ``<path>/articles`` or *path* itself."""
    root = Path(path)
    if (root / "articles").is_dir():
        return root / "articles"
    if root.is_dir():
        return root
    raise FileNotFoundError(f"no archive at {root}: expected a directory with articles/")


def partition_of(path: Path) -> tuple[str | None, date | None]:
    """``(site, day)`` from the hive-style ``site=…/date=…`` directories above *path*."""
    site: str | None = None
    day: date | None = None
    for part in path.parts[:-1]:
        key, sep, value = part.partition("=")
        if not sep:
            continue
        if key == "site":
            site = value
        elif key == "date":
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = None
    return site, day


def part_files(path: str | os.PathLike[str]) -> list[PartFile]:
    """Every published part file of the archive at *path* (root, ``articles/`` or one
    file), sorted by site, day and name. Hidden files and directories are skipped."""
    given = Path(path)
    if given.is_file():
        return [PartFile(given, *partition_of(given))]
    base = articles_dir(given)
    found: list[PartFile] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(PART_SUFFIXES):
                continue
            file = Path(dirpath) / name
            found.append(PartFile(file, *partition_of(file.relative_to(base))))
    return found


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw line)`` of a part file, gzip or plain; blank lines skipped.

    Raises :class:`ArchiveError` (with the line number reached) on corrupt gzip data.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as handle:
            for lineno, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield lineno, raw
    except (OSError, EOFError, zlib.error) as exc:
        raise ArchiveError(path, lineno + 1, f"unreadable part file: {exc}") from None


def parse_line(path: Path, lineno: int, raw: bytes) -> dict[str, Any]:
    """One line as a record dict, or :class:`ArchiveError`."""
    try:
        record = json.loads(raw.rstrip(b"\r\n"))
    except UnicodeDecodeError as exc:
        raise ArchiveError(path, lineno, f"not UTF-8: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ArchiveError(path, lineno, f"not valid JSON: {exc.msg} at column {exc.colno}"
                           ) from None
    if not isinstance(record, dict):
        raise ArchiveError(path, lineno, f"not a JSON object but {type(record).__name__}")
    return record


def parse_day(value: str | None) -> date | None:
    """The UTC day of an ISO 8601 date or date-time (naive times taken as UTC)."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC)
    return stamp.date()


def record_day(record: dict[str, Any]) -> date | None:
    """The partition day of a record, as the writer chooses it
    (:func:`archiver.archive.layout.record_day`): UTC day of ``published``, else of
    ``fetched_at``."""
    day = layout.record_day(record.get("published"), record.get("fetched_at") or "")
    return None if day == "unknown" else date.fromisoformat(day)


def _as_day(value: date | datetime | str | None, name: str) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).date() if value.tzinfo else value.date()
    day = parse_day(str(value))
    if day is None:
        raise ValueError(f"{name}: not a date: {value!r} (expected YYYY-MM-DD)")
    return day


def _sites(site: str | Iterable[str] | None) -> frozenset[str] | None:
    if site is None:
        return None
    return frozenset([site] if isinstance(site, str) else site)


def _records(files: Iterable[PartFile], skip_bad: bool
             ) -> Iterator[tuple[PartFile, dict[str, Any]]]:
    for part in files:
        try:
            for lineno, raw in read_lines(part.path):
                try:
                    yield part, parse_line(part.path, lineno, raw)
                except ArchiveError:
                    if not skip_bad:
                        raise
        except ArchiveError:
            if not skip_bad:
                raise


def _latest_versions(files: Iterable[PartFile], skip_bad: bool) -> dict[str, int]:
    """``{id: highest version}`` over *files*, reading only the head of each line."""
    latest: dict[str, int] = {}
    for part in files:
        try:
            for lineno, raw in read_lines(part.path):
                match = _HEAD.match(raw)
                if match:
                    key, version = match.group(1).decode(), int(match.group(2))
                else:
                    try:
                        record = parse_line(part.path, lineno, raw)
                    except ArchiveError:
                        if skip_bad:
                            continue
                        raise
                    key, version = str(record.get("id")), int(record.get("version") or 1)
                if version > latest.get(key, 0):
                    latest[key] = version
        except ArchiveError:
            if not skip_bad:
                raise
    return latest


def iter_records(
    path: str | os.PathLike[str],
    *,
    site: str | Iterable[str] | None = None,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    latest: bool = True,
    skip_bad: bool = False,
) -> Iterator[dict[str, Any]]:
    """The records of the archive at *path* as plain dicts (standard library only).

    *site*: one site or several (the ``site`` field, e.g. ``"techradar.com"``).
    *since* / *until*: inclusive day range on the partition day (the UTC day of
    ``published``, or of ``fetched_at`` when it is null).
    *latest*: only the highest ``version`` of each article ``id`` (decided over the whole
    archive, so an article whose newest version moved out of the range is not returned
    in an older version). ``latest=False`` returns every version.
    *skip_bad*: skip unreadable lines instead of raising :class:`ArchiveError`.
    """
    sites = _sites(site)
    start, end = _as_day(since, "since"), _as_day(until, "until")
    folders = None if sites is None else {partition_value(s) for s in sites}
    files = [f for f in part_files(path)
             if folders is None or f.site is None or f.site in folders]

    def in_range(day: date | None) -> bool:
        if day is None:
            return start is None and end is None
        return (start is None or day >= start) and (end is None or day <= end)

    newest = _latest_versions(files, skip_bad) if latest else {}
    emitted: set[str] = set()
    wanted = [f for f in files if f.day is None or in_range(f.day)]
    for part, record in _records(wanted, skip_bad):
        if sites is not None and record.get("site") not in sites:
            continue
        if part.day is None and not in_range(record_day(record)):
            continue
        if latest:
            key = str(record.get("id"))
            if int(record.get("version") or 1) != newest.get(key) or key in emitted:
                continue
            emitted.add(key)
        yield record


def load(
    path: str | os.PathLike[str],
    *,
    site: str | Iterable[str] | None = None,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    latest: bool = True,
    skip_bad: bool = False,
    as_frame: bool = True,
) -> pd.DataFrame | Iterator[dict[str, Any]]:
    """Load the archive at *path* (the archive root, its ``articles/`` or one part file).

    Returns a pandas DataFrame with one row per record, columns :data:`FRAME_COLUMNS`
    (the record fields in schema order, ``fetched_at`` as a UTC timestamp, plus ``date``,
    the partition day), or with ``as_frame=False`` a plain iterator of record dicts,
    which needs no extra. Filters as in :func:`iter_records`; by default only the
    latest version of each article.
    """
    records = iter_records(path, site=site, since=since, until=until, latest=latest,
                           skip_bad=skip_bad)
    if not as_frame:
        return records
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "archiver.load() needs pandas for a DataFrame: pip install "
            "'tech-news-archiver[analysis]', or pass as_frame=False for plain dicts"
        ) from exc
    rows = []
    for record in records:
        row = {key: record.get(key) for key in RECORD_FIELDS}
        day = record_day(record)
        row["date"] = day.isoformat() if day else None
        rows.append(row)
    frame = pd.DataFrame.from_records(rows, columns=list(FRAME_COLUMNS))
    frame["fetched_at"] = pd.to_datetime(frame["fetched_at"], utc=True, format="ISO8601")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    return frame
