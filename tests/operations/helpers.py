"""Helpers for the operations tests: read an archive whatever its part layout."""

from __future__ import annotations

import gzip
import json
from pathlib import Path


def archive_records(root: Path) -> list[dict]:
    """Every record of every published part under *root*/articles (``**/*.jsonl*``, gzip
    when the name ends in ``.gz``; hidden in-progress files excluded)."""
    records = []
    for part in sorted((root / "articles").glob("**/*.jsonl*")):
        if part.name.startswith(".") or not part.name.endswith((".jsonl", ".jsonl.gz")):
            continue
        opener = gzip.open if part.name.endswith(".gz") else open
        with opener(part, "rt", encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def summaries(root: Path) -> dict[str, dict]:
    """Every run summary under *root*/runs, by run id."""
    found = {}
    for path in sorted((root / "runs").glob("*.json")):
        summary = json.loads(path.read_text("utf-8"))
        found[summary["run_id"]] = summary
    return found
