"""``archiver stats`` as readable tables (rich)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from rich.console import Console

    from archiver.archive.stats import ArchiveStats


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def render(stats: ArchiveStats, console: Console, *, by: str = "day", rows: int = 40) -> None:
    """Print *stats*: totals, per site and date, coverage, duplicates, last runs."""
    totals = Table(title="Archive", show_header=False)
    totals.add_row("articles (latest versions)", str(stats.articles))
    totals.add_row("records (all versions)", str(stats.records))
    totals.add_row("articles with several versions", str(stats.versioned_articles))
    totals.add_row("part files", str(stats.parts))
    if stats.bad_lines:
        totals.add_row("[red]unreadable lines[/red]", str(stats.bad_lines))
    collapsed = sum(stats.aliases.get(k, 0) for k in ("duplicate_content", "near_duplicate"))
    totals.add_row("copies collapsed (other URLs)", f"{collapsed} ("
                   f"exact {stats.aliases.get('duplicate_content', 0)}, "
                   f"near-duplicate {stats.aliases.get('near_duplicate', 0)})")
    totals.add_row("URL aliases known", str(stats.aliases.get("url", 0)))
    console.print(totals)

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for (site, day), number in stats.per_site_day.items():
        counts[(site, day[:7] if by == "month" else day)] += number
    table = Table(title=f"Articles per site and {by}")
    for column in ("site", by, "articles"):
        table.add_column(column, justify="right" if column == "articles" else "left")
    keys = sorted(counts, key=lambda k: (k[1], k[0]), reverse=True)
    for site, when in keys[:rows]:
        table.add_row(site, when, str(counts[(site, when)]))
    if len(keys) > rows:
        table.caption = f"latest {rows} of {len(keys)} rows; --rows N or --json for all"
    console.print(table)

    coverage = Table(title="Field coverage (latest versions)")
    coverage.add_column("field")
    coverage.add_column("articles", justify="right")
    coverage.add_column("share", justify="right")
    for name, number in stats.coverage.items():
        coverage.add_row(name, str(number), _percent(number, stats.articles))
    console.print(coverage)

    if stats.runs:
        runs = Table(title="Last runs")
        columns = {"run_id": "run", "finish_reason": "finish", "articles_written": "written",
                   "new_versions": "versions", "unchanged": "unchanged",
                   "duplicates_dropped": "copies", "errors": "errors", "requests": "requests"}
        for header in columns.values():
            runs.add_column(header, no_wrap=header in ("run", "finish"))
        for run in stats.runs:
            runs.add_row(*(str(run.get(c, "")) for c in columns))
        console.print(runs)
