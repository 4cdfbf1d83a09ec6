"""Run ids and run-wide facts shared by the spider, pipelines and extensions."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime


def utc_now_iso() -> str:
    """The current UTC time as ISO 8601 with a ``Z`` suffix, second precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_run_id() -> str:
    """A sortable, unique run id: ``20261127T071500Z-3f9a``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(2)}"


def run_id_of(crawler: object) -> str:
    """The run id of *crawler*'s spider (set by the spider from ``ARCHIVER_RUN_ID``)."""
    spider = getattr(crawler, "spider", None)
    return str(getattr(spider, "run_id", "") or "")
