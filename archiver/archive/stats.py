"""What an archive holds: counts per site and day, versions, duplicates collapsed, field
coverage of the latest versions, and the last runs. Read from the published part files,
the state store and the run manifests; nothing is modified.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.archive.layout import ARTICLES_DIR
from archiver.archive.parts import read_lines
from archiver.archive.state import STATE_FILE

# Field coverage: how many latest versions have each field.
COVERAGE = {
    "title": lambda r: bool(r.get("title")),
    "authors": lambda r: bool(r.get("authors")),
    "published": lambda r: bool(r.get("published")),
    "modified": lambda r: bool(r.get("modified")),
    "language": lambda r: bool(r.get("language")),
    "tags": lambda r: bool(r.get("tags")),
    "lead image": lambda r: any(i.get("lead") for i in r.get("images") or []),
    "image credit": lambda r: any(i.get("credit") for i in r.get("images") or []),
    "image caption": lambda r: any(i.get("caption") for i in r.get("images") or []),
    "raw capture (warc)": lambda r: bool(r.get("warc")),
}


@dataclass
class ArchiveStats:
    """The figures ``archiver stats`` prints."""

    records: int = 0
    articles: int = 0
    versioned_articles: int = 0
    new_versions: int = 0
    bad_lines: int = 0
    parts: int = 0
    per_site_day: dict[tuple[str, str], int] = field(default_factory=dict)
    per_site: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    runs: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records, "articles": self.articles,
            "versioned_articles": self.versioned_articles, "new_versions": self.new_versions,
            "bad_lines": self.bad_lines, "parts": self.parts,
            "per_site": self.per_site,
            "per_site_day": [{"site": s, "date": d, "articles": n}
                             for (s, d), n in sorted(self.per_site_day.items())],
            "coverage": self.coverage, "duplicates_collapsed": self.aliases,
            "runs": self.runs,
        }


def _parts(root: Path) -> list[Path]:
    base = root / ARTICLES_DIR
    if not base.exists():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.name.endswith((".jsonl", ".jsonl.gz")))


def collect(root: Path, last_runs: int = 5) -> ArchiveStats:
    """Read the archive at *root* and compute its :class:`ArchiveStats`."""
    root = Path(root)
    stats = ArchiveStats()
    latest: dict[str, dict[str, Any]] = {}
    versions: Counter[str] = Counter()
    for part in _parts(root):
        stats.parts += 1
        for line in read_lines(part):
            try:
                record = json.loads(line)
                article_id, version = record["id"], int(record["version"])
            except (ValueError, KeyError, TypeError):
                stats.bad_lines += 1
                continue
            stats.records += 1
            versions[article_id] += 1
            if article_id not in latest or version > int(latest[article_id]["version"]):
                latest[article_id] = _slim(record, part)
    stats.articles = len(latest)
    stats.versioned_articles = sum(1 for n in versions.values() if n > 1)
    stats.new_versions = stats.records - stats.articles
    per_site_day: dict[tuple[str, str], int] = defaultdict(int)
    for record in latest.values():
        per_site_day[(record["site"], record["day"])] += 1
    stats.per_site_day = dict(per_site_day)
    stats.per_site = dict(Counter(r["site"] for r in latest.values()).most_common())
    stats.coverage = {name: sum(1 for r in latest.values() if r[name]) for name in COVERAGE}
    stats.aliases = _aliases(root / STATE_FILE)
    stats.runs = _runs(root, last_runs)
    return stats


def _slim(record: dict[str, Any], part: Path) -> dict[str, Any]:
    """What the statistics need of a record: site, day, version and field coverage (the
    body is not kept, so memory stays small)."""
    day = next((seg[5:] for seg in part.parent.parts if seg.startswith("date=")), "")
    slim: dict[str, Any] = {name: test(record) for name, test in COVERAGE.items()}
    slim.update(version=record["version"], site=record.get("site") or "",
                day=day or (record.get("published") or record.get("fetched_at") or "")[:10])
    return slim


def _aliases(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {reason: count for reason, count in
                db.execute("SELECT reason, count(*) FROM aliases GROUP BY reason")}
    except sqlite3.DatabaseError:
        return {}
    finally:
        db.close()


def _runs(root: Path, last: int) -> list[dict[str, Any]]:
    runs = []
    for path in sorted((root / "runs").glob("*.json"))[-last:]:
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        runs.append({key: data.get(key) for key in (
            "run_id", "finished_at", "finish_reason", "articles_written", "new_versions",
            "unchanged", "duplicates_dropped", "errors", "requests")})
    return runs
