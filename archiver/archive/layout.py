"""Where records go: Hive-style partitions ``articles/site=<site>/date=<YYYY-MM-DD>/``.

Partition values are sanitised so that no site name (which comes from the web) can
escape the archive root or break a Hive partition path.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

ARTICLES_DIR = "articles"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def partition_value(value: str | None, default: str = "unknown") -> str:
    """*value* made safe as one path segment and a Hive partition value.

    Lower-cased; anything but ``a-z 0-9 . _ -`` becomes ``_`` (``127.0.0.1:8080`` ->
    ``127.0.0.1_8080``); runs of dots are collapsed and leading dots removed, so ``..``
    cannot climb out.
    """
    clean = _DOTS.sub(".", _UNSAFE.sub("_", (value or "").strip().lower())).lstrip("._")
    clean = clean[:120]
    return clean if clean.strip("._-") else default


def record_day(published: str | None, fetched_at: str) -> str:
    """The partition day of a record: the UTC day of its publication time (a bare date as
    given), or the day it was fetched when the page gives no usable publication date."""
    for value in (published, fetched_at):
        if not value:
            continue
        try:
            if _DAY.match(value):
                return date.fromisoformat(value).isoformat()
            moment = datetime.fromisoformat(value)
        except ValueError:
            continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        return moment.date().isoformat()
    return "unknown"


def partition_dir(root: Path, site: str, day: str) -> Path:
    """The directory of the partition holding records of *site* on *day*."""
    return (Path(root) / ARTICLES_DIR / f"site={partition_value(site)}"
            / f"date={partition_value(day)}")
