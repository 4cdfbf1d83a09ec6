"""``archiver report``: one self-contained HTML page about an archive, for editors and analysts.

Articles per day and per site (SVG bar charts), top authors, image credit sources
(agencies), field coverage, duplicates and versions, and the errors of the last runs. The
page has no external resource at all (inline CSS, inline SVG, a few lines of inline
script to sort tables) and a Content-Security-Policy that forbids loading any.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from archiver.analysis.load import ArchiveError, parse_line, part_files, read_lines, record_day

DAYS_SHOWN = 92
TOP = 15

#: Known picture agencies and stock libraries: (display name, regex on the credit).
AGENCIES: tuple[tuple[str, str], ...] = (
    ("Getty Images", r"\bgetty\b"),
    ("iStock", r"\bistock(photo)?\b"),
    ("Shutterstock", r"\bshutterstock\b"),
    ("Reuters", r"\breuters\b"),
    ("AP", r"\b(associated press|ap photo|ap images|ap)\b"),
    ("AFP", r"\b(afp|agence france[- ]presse)\b"),
    ("EPA", r"\bepa(-efe)?\b"),
    ("Alamy", r"\balamy\b"),
    ("Bloomberg", r"\bbloomberg\b"),
    ("Adobe Stock", r"\badobe ?stock\b"),
    ("Unsplash", r"\bunsplash\b"),
    ("Pexels", r"\bpexels\b"),
    ("Pixabay", r"\bpixabay\b"),
    ("Wikimedia Commons", r"\bwiki(media|pedia)\b"),
    ("PA Images", r"\bpa (images|wire|media)\b"),
    ("dpa", r"\bdpa\b"),
    ("NurPhoto", r"\bnurphoto\b"),
    ("SOPA Images", r"\bsopa\b"),
    ("ZUMA", r"\bzuma\b"),
    ("Anadolu", r"\banadolu\b"),
    ("Xinhua", r"\bxinhua\b"),
    ("Dreamstime", r"\bdreamstime\b"),
    ("Future", r"^future( plc)?$"),
)
_AGENCY_RES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in AGENCIES]

#: Field coverage rows: (label, test on a latest record).
COVERAGE: tuple[tuple[str, Any], ...] = (
    ("title", lambda r: bool(r.get("title"))),
    ("authors", lambda r: bool(r.get("authors"))),
    ("byline", lambda r: bool(r.get("byline"))),
    ("published", lambda r: bool(r.get("published"))),
    ("published with time", lambda r: "T" in (r.get("published") or "")),
    ("modified", lambda r: bool(r.get("modified"))),
    ("description", lambda r: bool(r.get("description"))),
    ("language", lambda r: bool(r.get("language"))),
    ("tags", lambda r: bool(r.get("tags"))),
    ("body (≥ 50 words)", lambda r: (r.get("word_count") or 0) >= 50),
    ("images", lambda r: bool(r.get("images"))),
    ("lead image", lambda r: any(i.get("lead") for i in _images(r))),
    ("warc capture", lambda r: bool(r.get("warc"))),
)
IMAGE_COVERAGE = ("caption", "credit", "alt")


def agency_of(credit: str) -> str:
    """The agency or library of an image credit (``Jane Doe / Reuters`` → ``Reuters``);
    the credit itself when no known agency is named in it."""
    text = " ".join(credit.split())
    found = [(m.start(), name) for name, rx in _AGENCY_RES if (m := rx.search(text))]
    if found:
        return min(found)[1]
    return text if len(text) <= 60 else text[:59] + "…"


def _images(record: dict[str, Any]) -> list[dict[str, Any]]:
    images = record.get("images")
    return [i for i in images if isinstance(i, dict)] if isinstance(images, list) else []


@dataclass
class Stats:
    """Everything the page shows, computed in one pass over the archive."""

    archive: str
    generated_at: str
    files: int = 0
    records: int = 0
    bad_lines: int = 0
    bad_examples: list[str] = field(default_factory=list)
    articles: int = 0
    per_day: Counter[date] = field(default_factory=Counter)
    per_site: Counter[str] = field(default_factory=Counter)
    authors: Counter[str] = field(default_factory=Counter)
    author_sites: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    images: int = 0
    credited: int = 0
    agencies: Counter[str] = field(default_factory=Counter)
    agency_examples: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    coverage: dict[str, int] = field(default_factory=dict)
    image_coverage: dict[str, int] = field(default_factory=dict)
    version_hist: Counter[int] = field(default_factory=Counter)
    same_text: list[list[dict[str, str]]] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)
    runs_total: int = 0


def _slim(record: dict[str, Any], day: date | None) -> dict[str, Any]:
    """What the report keeps of a latest record."""
    keep = {label: bool(test(record)) for label, test in COVERAGE}
    return {
        "site": str(record.get("site") or "?"), "day": day,
        "authors": [a for a in record.get("authors") or [] if isinstance(a, str)],
        "credits": [i.get("credit") for i in _images(record)],
        "image_fields": [{k: bool(i.get(k)) for k in IMAGE_COVERAGE} for i in _images(record)],
        "coverage": keep, "hash": record.get("content_hash"),
        "title": str(record.get("title") or ""), "url": str(record.get("url") or ""),
    }


def read_runs(root: Path, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The newest *limit* run summaries (oldest first) and the number of runs."""
    runs: list[dict[str, Any]] = []
    folder = root / "runs"
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in paths:
        if path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {"run_id": path.stem, "finish_reason": "unreadable summary"}
        if isinstance(data, dict):
            data.setdefault("run_id", path.stem)
            runs.append(data)
    runs.sort(key=lambda r: (str(r.get("started_at") or ""), str(r.get("run_id"))))
    return runs[-limit:] if limit > 0 else [], len(runs)


def collect(archive: str | os.PathLike[str], runs: int = 10) -> Stats:
    """Read the archive once and compute the report's numbers."""
    root = Path(archive)
    stats = Stats(archive=str(root),
                  generated_at=datetime.now(UTC).replace(microsecond=0).isoformat())
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    for part in part_files(root):
        stats.files += 1
        try:
            for lineno, raw in read_lines(part.path):
                try:
                    record = parse_line(part.path, lineno, raw)
                except ArchiveError as exc:
                    stats.bad_lines += 1
                    if len(stats.bad_examples) < 5:
                        stats.bad_examples.append(str(exc))
                    continue
                stats.records += 1
                key = str(record.get("id"))
                version = record.get("version")
                version = version if isinstance(version, int) else 1
                if key not in latest or version > latest[key][0]:
                    latest[key] = (version, _slim(record, part.day or record_day(record)))
        except ArchiveError as exc:
            stats.bad_lines += 1
            if len(stats.bad_examples) < 5:
                stats.bad_examples.append(str(exc))
    stats.articles = len(latest)
    stats.coverage = {label: 0 for label, _ in COVERAGE}
    stats.image_coverage = dict.fromkeys(IMAGE_COVERAGE, 0)
    by_hash: dict[str, list[dict[str, str]]] = defaultdict(list)
    for version, slim in latest.values():
        stats.version_hist[version] += 1
        if slim["day"] is not None:
            stats.per_day[slim["day"]] += 1
        stats.per_site[slim["site"]] += 1
        for author in dict.fromkeys(slim["authors"]):
            stats.authors[author] += 1
            stats.author_sites[author].add(slim["site"])
        for credit in slim["credits"]:
            stats.images += 1
            if isinstance(credit, str) and credit.strip():
                stats.credited += 1
                agency = agency_of(credit)
                stats.agencies[agency] += 1
                stats.agency_examples[agency][" ".join(credit.split())] += 1
        for label, ok in slim["coverage"].items():
            stats.coverage[label] += ok
        for image in slim["image_fields"]:
            for key, ok in image.items():
                stats.image_coverage[key] += ok
        if slim["hash"]:
            by_hash[slim["hash"]].append({"title": slim["title"], "url": slim["url"],
                                          "site": slim["site"]})
    stats.same_text = sorted((g for g in by_hash.values() if len(g) > 1),
                             key=lambda g: (-len(g), g[0]["url"]))
    stats.runs, stats.runs_total = read_runs(root if (root / "runs").is_dir()
                                             else root.parent, runs)
    return stats


# --- rendering -------------------------------------------------------------------------

def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _num(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _nice_max(value: int) -> int:
    """A round axis maximum ≥ *value*, divisible by 4 so that the 4 grid steps are whole
    numbers: 4, 8, …, 20, then 2/4/6/8/10 × 10ⁿ."""
    if value <= 20:
        return max(4, -(-value // 4) * 4)
    base = 10
    while True:
        for factor in (2, 4, 6, 8, 10):
            if base * factor >= value:
                return base * factor
        base *= 10


def column_chart(title: str, labels: list[str], values: list[int], *, label_every: int = 1,
                 css: str = "chart") -> str:
    """A vertical bar chart as inline SVG; one ``rect.bar`` per value, with a tooltip."""
    width, height, left, bottom, top = 900, 260, 64, 66, 12
    inner_w, inner_h = width - left - 10, height - bottom - top
    top_value = _nice_max(max(values, default=0))
    slot = inner_w / max(len(values), 1)
    bar_w = max(slot * 0.8, 1)
    parts = [f'<svg class="{css}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_e(title)}" preserveAspectRatio="xMidYMid meet">']
    for i in range(5):
        tick = top_value * i / 4
        y = top + inner_h - inner_h * i / 4
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text class="axis" x="{left - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{tick:g}</text>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + i * slot + (slot - bar_w) / 2
        h = inner_h * value / top_value
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{top + inner_h - h:.1f}" '
                     f'width="{bar_w:.1f}" height="{h:.1f}"><title>{_e(label)}: {value}'
                     '</title></rect>')
        if i % label_every == 0:
            tx, ty = x + bar_w / 2, top + inner_h + 12
            parts.append(f'<text class="axis" x="{tx:.1f}" y="{ty:.1f}" text-anchor="end" '
                         f'transform="rotate(-40 {tx:.1f} {ty:.1f})">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, rows: list[tuple[str, int]], css: str = "chart",
              width: int = 900) -> str:
    """A horizontal bar chart as inline SVG (one row per label)."""
    if not rows:
        return '<p class="empty">Nothing to show.</p>'
    row_h, label_w = 24, min(260, width // 3)
    height = row_h * len(rows) + 8
    top_value = max(v for _, v in rows) or 1
    parts = [f'<svg class="{css}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_e(title)}">']
    for i, (label, value) in enumerate(rows):
        y = 4 + i * row_h
        w = (width - label_w - 70) * value / top_value
        room = label_w // 7
        short = label if len(label) <= room else label[: room - 1] + "…"
        parts.append(
            f'<text class="label" x="{label_w - 8}" y="{y + 16}" text-anchor="end">'
            f'{_e(short)}</text><rect class="bar" x="{label_w}" y="{y + 3}" '
            f'width="{max(w, 1):.1f}" height="{row_h - 6}"><title>{_e(label)}: {value}'
            f'</title></rect><text class="value" x="{label_w + w + 6:.1f}" y="{y + 16}">'
            f'{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None,
           css: str = "") -> str:
    numeric = numeric or set()
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{_e(h)}</th>'
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(
            f'<td{" class=num" if i in numeric else ""}>{_cell(cell)}</td>'
            for i, cell in enumerate(row)) + "</tr>"
        for row in rows)
    if not rows:
        body = f'<tr><td colspan="{len(headers)}" class="empty">None.</td></tr>'
    return (f'<table class="sortable {css}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


class Markup(str):
    """Already-escaped HTML for a table cell."""

    __slots__ = ()


def _cell(value: Any) -> str:
    return value if isinstance(value, Markup) else _e(value)


def _meter(part: int, whole: int) -> Markup:
    share = 100 * part / whole if whole else 0
    return Markup(f'<span class="meter"><span style="width:{share:.0f}%"></span></span> '
                  f"{_pct(part, whole)}")


def _days_section(stats: Stats) -> str:
    if not stats.per_day:
        return '<p class="empty">No dated articles.</p>'
    first, last = min(stats.per_day), max(stats.per_day)
    start = max(first, last - timedelta(days=DAYS_SHOWN - 1))
    days = [start + timedelta(days=n) for n in range((last - start).days + 1)]
    every = max(1, -(-len(days) // 16))
    chart = column_chart("Articles per day", [d.isoformat() for d in days],
                         [stats.per_day.get(d, 0) for d in days], label_every=every,
                         css="chart per-day")
    note = (f"By publication day (UTC; the fetch day when unknown), {days[0]} to {days[-1]}.")
    older = sum(n for d, n in stats.per_day.items() if d < start)
    out = f'<p class="note">{_e(note)}</p>{chart}'
    if older:
        months: Counter[str] = Counter()
        for d, n in stats.per_day.items():
            months[d.strftime("%Y-%m")] += n
        labels = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            labels.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        out += (f'<p class="note">{older} older articles are outside this window; per month '
                "over the whole archive:</p>" +
                column_chart("Articles per month", labels, [months.get(m, 0) for m in labels],
                             label_every=max(1, -(-len(labels) // 24)), css="chart per-month"))
    return out


def _runs_section(stats: Stats) -> str:
    if not stats.runs:
        return '<p class="empty">No run summaries in runs/.</p>'
    rows = []
    reasons: Counter[str] = Counter()
    for run in reversed(stats.runs):
        errors = run.get("error_reasons") or run.get("errors_by_reason") or {}
        if isinstance(errors, dict):
            for reason, n in errors.items():
                reasons[str(reason)] += _num(n)
            detail = ", ".join(f"{k} {v}" for k, v in sorted(errors.items(),
                                                                key=lambda kv: -_num(kv[1])))
        else:
            detail = ""
        finish = str(run.get("finish_reason") or "?")
        flag = "ok" if finish in ("finished", "closespider_itemcount") else "bad"
        rows.append([
            str(run.get("run_id", "?")), str(run.get("started_at") or "")[:19].replace("T", " "),
            Markup(f'<span class="{flag}">{_e(finish)}</span>'),
            _num(run.get("requests")),
            _num(run.get("articles_written")),
            _num(run.get("new_versions", run.get("versions_written"))),
            _num(run.get("unchanged")),
            _num(run.get("duplicates_dropped")),
            _num(run.get("errors")),
            detail,
        ])
    table = _table(["run", "started (UTC)", "finish", "requests", "written", "new versions",
                    "unchanged", "duplicates", "errors", "errors by reason"], rows,
                   {3, 4, 5, 6, 7, 8})
    chart = bar_chart("Errors by reason, last runs", reasons.most_common(TOP),
                      css="chart errors") if reasons else '<p class="ok">No errors.</p>'
    shown = len(stats.runs)
    return (f'<p class="note">The last {shown} of {stats.runs_total} runs, newest first.</p>'
            f"{table}<h3>Errors by reason (these runs)</h3>{chart}")


CSS = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bar:#2f6fdf;--bg:#fff;--soft:#f5f7fa}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
 background:var(--soft);margin:0}
header{background:#102a43;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px} header p{margin:0;color:#bcccdc;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:18px}
section{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:14px 18px;
 margin:0 0 16px}
h2{font-size:18px;margin:0 0 8px} h3{font-size:15px;margin:14px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}
.card{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.card b{display:block;font-size:22px} .card b.small{font-size:15px;padding:5px 0 4px}
.card span{color:var(--muted);font-size:13px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:800px){.grid2{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;display:block}
svg .bar{fill:var(--bar)} svg .bar:hover{fill:#e8590c}
svg .grid{stroke:var(--line)} svg text{font-size:11px;fill:var(--muted)}
svg .label{font-size:13px;fill:var(--ink)} svg .value{font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);cursor:pointer;user-select:none;white-space:nowrap}
th.num,td.num{text-align:right} th[aria-sort]::after{content:" ↕";color:var(--muted)}
td{word-break:break-word}
.meter{display:inline-block;width:120px;height:9px;background:var(--line);border-radius:4px;
 vertical-align:middle;overflow:hidden} .meter span{display:block;height:100%;background:var(--bar)}
.note{color:var(--muted);font-size:13px;margin:4px 0 8px} .empty{color:var(--muted)}
.bad{color:#c92a2a;font-weight:600} .ok{color:#2b8a3e}
.warn{background:#fff4e6;border-color:#ffa94d}
"""

SCRIPT = """
(function () {
  "use strict";
  function key(cell) {
    var text = cell.textContent.trim();
    var num = parseFloat(text.replace(/[%,]/g, ""));
    return isNaN(num) || !/^[-\\d.,%]+$/.test(text) ? text.toLowerCase() : num;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, column) {
      th.setAttribute("aria-sort", "none");
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var down = th.getAttribute("aria-sort") !== "descending";
        rows.sort(function (a, b) {
          var x = key(a.cells[column] || a.cells[0]), y = key(b.cells[column] || b.cells[0]);
          if (x === y) { return 0; }
          return (x < y ? -1 : 1) * (down ? -1 : 1);
        });
        table.querySelectorAll("th").forEach(function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
"""

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:")


def render(stats: Stats) -> str:
    """The report page for *stats*."""
    versions = sum(n for v, n in stats.version_hist.items() if v > 1)
    dups_dropped = sum(_num(r.get("duplicates_dropped")) for r in stats.runs)
    unchanged = sum(_num(r.get("unchanged")) for r in stats.runs)
    errors = sum(_num(r.get("errors")) for r in stats.runs)
    last_run = stats.runs[-1] if stats.runs else {}
    days = sorted(stats.per_day)
    cards = [
        (stats.articles, "articles (latest versions)"),
        (stats.records, "records (all versions)"),
        (len(stats.per_site), "sites"),
        (f"{days[0]} → {days[-1]}" if days else "–", "publication days"),
        (stats.runs_total, "runs"),
        (errors, f"errors in the last {len(stats.runs)} runs"),
    ]
    cards_html = "".join(
        f'<div class="card"><b{" class=small" if len(str(v)) > 12 else ""}>{_e(v)}</b>'
        f"<span>{_e(k)}</span></div>" for v, k in cards)
    warn = ""
    if stats.bad_lines:
        items = "".join(f"<li><code>{_e(x)}</code></li>" for x in stats.bad_examples)
        warn = (f'<section class="warn"><h2>Unreadable lines: {stats.bad_lines}</h2>'
                f"<p>These lines were skipped; run <code>archiver validate</code> for the "
                f"full list.</p><ul>{items}</ul></section>")

    sites = stats.per_site.most_common()
    site_rows = sites[:TOP] + ([(f"{len(sites) - TOP} other sites",
                                 sum(n for _, n in sites[TOP:]))] if len(sites) > TOP else [])
    author_rows = [[a, n, ", ".join(sorted(stats.author_sites[a]))]
                   for a, n in stats.authors.most_common(TOP)]
    with_authors = stats.coverage.get("authors", 0)
    agency_rows = [[a, n, _pct(n, stats.credited),
                    "; ".join(c for c, _ in stats.agency_examples[a].most_common(3))]
                   for a, n in stats.agencies.most_common(TOP)]
    coverage_rows = [[label, n, _meter(n, stats.articles)]
                     for label, n in stats.coverage.items()]
    coverage_rows += [[f"image {key}", n, _meter(n, stats.images)]
                      for key, n in stats.image_coverage.items()]
    hist_rows = [[f"{v} version{'s' if v > 1 else ''}", n]
                 for v, n in sorted(stats.version_hist.items())]
    same_rows = [[len(g), Markup("<br>".join(_e(x["title"] or x["url"]) for x in g[:4])),
                  ", ".join(sorted({x["site"] for x in g}))] for g in stats.same_text[:10]]

    body = f"""
<header><h1>Archive report</h1>
<p>{_e(stats.archive)} · generated {_e(stats.generated_at)} · {stats.files} part files
{" · last run " + _e(last_run.get("run_id", "")) if last_run else ""}</p></header>
<main>
<div class="cards" id="summary">{cards_html}</div>
{warn}
<section id="per-day"><h2>Articles per day</h2>{_days_section(stats)}</section>
<div class="grid2">
<section id="per-site"><h2>Articles per site</h2>
{bar_chart("Articles per site", site_rows, css="chart per-site", width=520)}</section>
<section id="authors"><h2>Top authors</h2>
<p class="note">{with_authors} of {stats.articles} articles ({_pct(with_authors, stats.articles)})
name at least one author.</p>
{_table(["author", "articles", "sites"], author_rows, {1})}</section>
</div>
<section id="credits"><h2>Image credit sources</h2>
<p class="note">{stats.credited} of {stats.images} images ({_pct(stats.credited, stats.images)})
carry a credit; credits naming a known agency or library are grouped under it.</p>
<div class="grid2"><div>{bar_chart("Image credit sources", stats.agencies.most_common(10),
                                   css="chart credits", width=520)}</div>
<div>{_table(["source", "images", "share", "credits as written"], agency_rows, {1, 2})}</div>
</div></section>
<section id="coverage"><h2>Field coverage</h2>
<p class="note">Share of the {stats.articles} latest articles with a value (image rows: share
of the {stats.images} images).</p>
{_table(["field", "count", "coverage"], coverage_rows, {1}, css="coverage")}</section>
<section id="versions"><h2>Duplicates and versions</h2>
<div class="cards">
<div class="card"><b>{versions}</b><span>articles with more than one version</span></div>
<div class="card"><b>{stats.records - stats.articles}</b><span>superseded records</span></div>
<div class="card"><b>{dups_dropped}</b><span>duplicates dropped (last runs)</span></div>
<div class="card"><b>{unchanged}</b><span>unchanged re-fetches (last runs)</span></div>
<div class="card"><b>{len(stats.same_text)}</b><span>texts archived under several ids</span></div>
</div>
<h3>Versions per article</h3>{_table(["versions", "articles"], hist_rows, {1})}
<h3>Same text under different article ids</h3>
{_table(["ids", "titles", "sites"], same_rows, {0})}</section>
<section id="runs"><h2>Last runs</h2>{_runs_section(stats)}</section>
</main>"""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Archive report · {_e(stats.archive)}</title>
<style>{CSS}</style></head>
<body>{body}
<script>{SCRIPT}</script>
</body></html>
"""


def write_report(archive: str | os.PathLike[str], out: str | os.PathLike[str],
                 runs: int = 10) -> Stats:
    """Write the HTML report of *archive* to *out*; return the numbers shown."""
    stats = collect(archive, runs)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.inprogress")
    tmp.write_text(render(stats), encoding="utf-8")
    tmp.replace(target)
    return stats
