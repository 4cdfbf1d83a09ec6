"""The ``archiver`` command: argument parsing -> settings -> crawl. No logic of its own.

Exit codes (stable; see ``EXIT_CODES`` and docs/operations.md): 0 success; 1 the crawl
failed (nothing could be fetched, or it stopped on an error such as a full disk); 2 usage
error; 3 the archive is locked by another crawl; 4 interrupted (SIGTERM/SIGINT): stopped
gracefully, the archive is consistent and a later run continues; 5 configuration error
(``sites.toml`` invalid, unknown site); 6 too many errors (more than
``ARCHIVER_MAX_ERROR_RATIO`` of the requests failed). With several sites, the most severe
code wins: 4, 1, 6, then 0.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import urllib.request
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

EXIT_OK = 0
EXIT_CRAWL_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_INTERRUPTED = 4
EXIT_CONFIG = 5
EXIT_TOO_MANY_ERRORS = 6
# Severity for runs of several sites: the first of these that any run has is the exit code.
_SEVERITY = (EXIT_INTERRUPTED, EXIT_CRAWL_FAILED, EXIT_TOO_MANY_ERRORS, EXIT_OK)

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  the crawl failed (nothing fetched, or stopped on an error such as a full disk)
  2  usage error
  3  the archive is in use by another crawl
  4  interrupted (SIGTERM/SIGINT): stopped gracefully, parts published
  5  configuration error (sites.toml invalid, unknown site)
  6  too many errors (failed requests over ARCHIVER_MAX_ERROR_RATIO, default 0.5)"""

_console = Console(stderr=True)


def parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as given to ``-s``, exactly as ``scrapy crawl -s`` takes them."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        overrides[name.strip()] = value
    return overrides


def project_settings() -> Any:
    """The archiver's Scrapy settings, wherever the command is run from."""
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "archiver.settings")
    return get_project_settings()


def _settings(overrides: dict[str, Any], verbose: bool, log_file: str | None,
              quiet: bool = False) -> Any:
    settings = project_settings()
    level = "INFO" if verbose or log_file else "ERROR" if quiet else "WARNING"
    settings.set("LOG_LEVEL", level, priority="cmdline")
    if quiet:
        settings.set("ARCHIVER_PROGRESS", False, priority="cmdline")
    if log_file:
        settings.set("LOG_FILE", log_file, priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    return settings


def job_dir(root: Path, name: str, spider_args: dict[str, Any]) -> Path:
    """The Scrapy JOBDIR of a resumable crawl: ``<root>/jobs/<name>`` for a site profile,
    else named after a hash of the start URLs (one per distinct crawl)."""
    if not name:
        key = "\n".join(sorted(spider_args.get("start_urls") or []))
        name = "urls-" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
    return root / "jobs" / name


def run_crawls(settings: Any, jobs: list[tuple[str, dict[str, Any]]]
               ) -> list[dict[str, Any] | None]:
    """Run the news spider once per job, one after another, in this process; return each
    run's summary (None for a run that wrote none). A job is ``(name, spider kwargs)``; a
    named job's run id is ``<run id>-<name>``. After an interrupted run the rest are not
    started."""
    from scrapy.crawler import CrawlerProcess
    from twisted.python.failure import Failure

    from archiver.archive.lock import ArchiveLock, ArchiveLocked
    from archiver.runinfo import new_run_id

    root = Path(settings.get("ARCHIVER_OUTPUT_DIR"))
    if not settings.get("ARCHIVER_REDIS_URL"):  # scale-out coordinates through Redis
        lock = ArchiveLock(root)
        try:
            lock.acquire()
        except ArchiveLocked as exc:
            _console.print(f"[red]error:[/red] {exc}")
            raise SystemExit(EXIT_LOCKED) from None
        lock.release()

    base_id = settings.get("ARCHIVER_RUN_ID") or new_run_id()
    max_articles = settings.getint("ARCHIVER_MAX_ARTICLES")
    if max_articles:
        settings.set("CLOSESPIDER_ITEMCOUNT", max_articles, priority="cmdline")
    process = CrawlerProcess(settings)
    run_ids = [f"{base_id}-{name}" if name else base_id for name, _ in jobs]

    resume = settings.getbool("ARCHIVER_RESUME")

    def start(index: int) -> Any:
        crawler = process.create_crawler("news")
        crawler.settings.set("ARCHIVER_RUN_ID", run_ids[index], priority="cmdline")
        jobdir = job_dir(root, *jobs[index]) if resume else None
        if jobdir is not None:
            crawler.settings.set("JOBDIR", str(jobdir), priority="cmdline")

        def then(result: Any) -> Any:
            if isinstance(result, Failure):
                _console.print(f"[red]error:[/red] crawl {run_ids[index]} failed: "
                               f"{result.getErrorMessage()}")
            stats = getattr(crawler, "stats", None)
            reason = stats.get_value("finish_reason") if stats is not None else None
            if jobdir is not None and reason == "finished":
                shutil.rmtree(jobdir, ignore_errors=True)  # done: the next run starts fresh
            stopped = reason == "shutdown"
            if index + 1 < len(jobs) and not stopped:
                return start(index + 1)
            return None

        return process.crawl(crawler, **jobs[index][1]).addBoth(then)

    start(0)
    process.start()
    summaries: list[dict[str, Any] | None] = []
    for run_id in run_ids:
        summary_path = root / "runs" / f"{run_id}.json"
        if not summary_path.exists():
            if any(s and s["finish_reason"] == "shutdown" for s in summaries):
                _console.print(f"run {run_id} not started: interrupted")
            else:
                _console.print(f"[red]error:[/red] the crawl {run_id} wrote no run summary: "
                               "it failed to start or could not write to the archive (see "
                               "the log)")
            summaries.append(None)
            continue
        summary: dict[str, Any] = json.loads(summary_path.read_text("utf-8"))
        summary["summary_file"] = str(summary_path)
        summaries.append(summary)
    return summaries


def print_summary(summary: dict[str, Any], root: Path) -> None:
    """A short human summary of a run on stdout."""
    table = Table(title=f"Run {summary['run_id']}", show_header=False, box=None)
    table.add_row("articles archived", str(summary["articles_written"]))
    aliases = summary.get("aliases_resolved", 0)
    if summary.get("new_versions"):
        table.add_row("new versions", f"{summary['new_versions']} (of the articles archived)")
    skipped = summary.get("skipped", {})
    known = skipped.get("fresh", 0) + skipped.get("not_modified", 0)
    table.add_row("unchanged", f"{summary.get('unchanged', 0)} (archived before, not written)"
                  + (f"; {known} known pages not fetched again (incremental)" if known else ""))
    table.add_row("duplicates dropped", f"{summary['duplicates_dropped']}" + (
        f" (and {aliases} alias pages resolved to their canonical article)" if aliases else ""))
    other = {k: v for k, v in summary["dropped"].items()
             if not k.startswith(("duplicate", "near_duplicate", "unchanged"))}
    if other:
        table.add_row("other records dropped", ", ".join(f"{k} {v}" for k, v in other.items()))
    table.add_row("pages", ", ".join(f"{k} {v}" for k, v in summary["pages"].items()) or "0")
    errors = ", ".join(f"{k} {v}" for k, v in summary["error_reasons"].items())
    table.add_row("errors", f"{summary['errors']}" + (f" ({errors})" if errors else ""))
    table.add_row("requests", str(summary["requests"]))
    table.add_row("finish reason", summary["finish_reason"])
    table.add_row("archive", str(root / "articles"))
    table.add_row("summary", summary.get("summary_file", ""))
    Console().print(table)


def _exit_code(summary: dict[str, Any] | None, max_error_ratio: float = 0.0) -> int:
    if summary is None:
        return EXIT_CRAWL_FAILED
    if summary["finish_reason"] == "shutdown":
        return EXIT_INTERRUPTED
    if summary["responses"] == 0 or summary["finish_reason"] not in (
        "finished", "closespider_itemcount",
    ):
        return EXIT_CRAWL_FAILED
    if max_error_ratio > 0 and summary["errors"] > max_error_ratio * max(summary["requests"], 1):
        return EXIT_TOO_MANY_ERRORS
    return EXIT_OK


def _finish(summaries: list[dict[str, Any] | None], settings: Any, quiet: bool) -> None:
    """Print the runs' summaries (unless *quiet*) and exit with the most severe code."""
    root = Path(settings.get("ARCHIVER_OUTPUT_DIR"))
    ratio = settings.getfloat("ARCHIVER_MAX_ERROR_RATIO", 0.0)
    codes = {_exit_code(summary, ratio) for summary in summaries}
    for summary in summaries:
        if summary is not None and not quiet:
            print_summary(summary, root)
        if summary is not None and _exit_code(summary, ratio) == EXIT_TOO_MANY_ERRORS:
            click.echo(f"error: run {summary['run_id']}: {summary['errors']} errors in "
                       f"{summary['requests']} requests (more than "
                       f"ARCHIVER_MAX_ERROR_RATIO={ratio:g})", err=True)
    sys.exit(next(code for code in _SEVERITY if code in codes))


_common_options = [
    click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                 help="Archive root directory (default: ARCHIVER_OUTPUT_DIR, 'output')."),
    click.option("--max-articles", type=click.IntRange(min=0), default=None,
                 help="Stop after archiving N articles."),
    click.option("--depth", type=click.IntRange(min=0), default=None,
                 help="Follow links at most N hops from the start pages, feeds and "
                 "sitemaps (ARCHIVER_DEPTH; 0: only those pages and their entries)."),
    click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
                 help="Override any Scrapy or archiver setting (repeatable)."),
    click.option("-v", "--verbose", is_flag=True, help="Log at INFO level (default WARNING)."),
    click.option("--log-file", type=click.Path(dir_okay=False), default=None,
                 help="Write the log to this file (at INFO level)."),
    click.option("--resume", is_flag=True,
                 help="Keep the crawl's queue in <archive>/jobs/ so that a crawl stopped "
                 "with SIGTERM or Ctrl-C continues where it stopped (Scrapy JOBDIR)."),
    click.option("--redis", "redis_url", metavar="URL", default=None,
                 help="Scale out: share the request queue, the seen-requests filter and the "
                 "dedup state with every crawl process using this Redis (scrapy-redis), "
                 "e.g. redis://127.0.0.1:6379/0 (ARCHIVER_REDIS_URL)."),
    click.option("-q", "--quiet", is_flag=True,
                 help="For cron: no progress line, no summary table; only errors on "
                 "stderr (the run summary JSON is still written)."),
]


def common_options(func: Any) -> Any:
    for option in reversed(_common_options):
        func = option(func)
    return func


def _crawl_settings(out: Path | None, max_articles: int | None, depth: int | None,
                    overrides: tuple[str, ...], verbose: bool, log_file: str | None,
                    defaults: dict[str, Any] | None = None, quiet: bool = False,
                    resume: bool = False, redis_url: str | None = None) -> Any:
    values: dict[str, Any] = dict(defaults or {})
    if resume:
        values["ARCHIVER_RESUME"] = True
    if redis_url:
        values["ARCHIVER_REDIS_URL"] = redis_url
    if out is not None:
        values["ARCHIVER_OUTPUT_DIR"] = str(out)
    if max_articles is not None:
        values["ARCHIVER_MAX_ARTICLES"] = max_articles
    if depth is not None:
        values["ARCHIVER_DEPTH"] = depth
    values.update(parse_overrides(overrides))
    return _settings(values, verbose, log_file, quiet)


def _profiles(sites: Path, names: tuple[str, ...] | None) -> list[Any]:
    """The site profiles *names* of *sites* (all when None); exit 5 when invalid."""
    from archiver.profiles import ProfileError, select_profiles

    try:
        return select_profiles(sites, names)
    except ProfileError as exc:
        click.echo(f"error: {exc}", err=True)  # plain: no markup, no wrapping
        raise SystemExit(EXIT_CONFIG) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_CODES_HELP)
@click.version_option(package_name="tech-news-archiver")
def main() -> None:
    """Crawl tech-news sites and archive their articles as deduplicated JSONL."""


_sites_option = click.option(
    "--sites", type=click.Path(dir_okay=False, path_type=Path), default=Path("sites.toml"),
    show_default=True, help="Site profiles file (see docs/operations.md).")


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("urls", nargs=-1)
@common_options
@click.option("--allowed-domains", metavar="DOMAIN[,DOMAIN...]", default=None,
              help="Sites whose links are followed (default: the start URLs' sites).")
@_sites_option
@click.option("--site", "site_names", multiple=True, metavar="NAME",
              help="Crawl the site profile NAME of --sites instead of URLS (repeatable; "
              "one run each, one after another).")
@click.option("--all-sites", is_flag=True, help="Crawl every site profile of --sites.")
def crawl(urls: tuple[str, ...], out: Path | None, max_articles: int | None, depth: int | None,
          overrides: tuple[str, ...], verbose: bool, log_file: str | None, resume: bool,
          redis_url: str | None, quiet: bool,
          allowed_domains: str | None, sites: Path, site_names: tuple[str, ...],
          all_sites: bool) -> None:
    """Crawl URLS (home or section pages, RSS/Atom feeds, sitemaps, robots.txt), or the
    site profiles chosen with --site / --all-sites."""
    if (site_names or all_sites) and (urls or allowed_domains):
        raise click.UsageError("give URLS or --site/--all-sites, not both")
    if site_names and all_sites:
        raise click.UsageError("give --site NAME or --all-sites, not both")
    if not (urls or site_names or all_sites):
        raise click.UsageError("Missing argument 'URLS...' (or --site NAME, --all-sites)")
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="URLS")
    profiles = _profiles(sites, None if all_sites else site_names) if not urls else []
    settings = _crawl_settings(out, max_articles, depth, overrides, verbose, log_file,
                               quiet=quiet, resume=resume, redis_url=redis_url)
    if urls:
        jobs = [("", {"start_urls": list(urls), "allowed_domains": allowed_domains})]
    else:
        jobs = [(p.name, {"site": p.name, "sites": str(sites)}) for p in profiles]
    _finish(run_crawls(settings, jobs), settings, quiet)


@main.command(epilog=EXIT_CODES_HELP)
@common_options
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port for the demo site on 127.0.0.1 (default: any free port; with "
              "--sites: the port of the demo profile's URLs).")
@click.option("--sites", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Crawl with the 'demo' profile of this sites.toml (its URLs name the "
              "port to serve on, e.g. http://127.0.0.1:8000/).")
def demo(out: Path | None, max_articles: int | None, depth: int | None,
         overrides: tuple[str, ...], verbose: bool, log_file: str | None, resume: bool,
         redis_url: str | None, quiet: bool,
         port: int, sites: Path | None) -> None:
    """Serve the bundled demo news site on 127.0.0.1 and archive it."""
    from urllib.parse import urlsplit

    from archiver.demo.server import SiteServer

    local = {
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "ARCHIVER_DEPTH": 4,
    }
    if sites is not None:
        profile = _profiles(sites, ("demo",))[0]
        port = port or urlsplit(profile.urls[0]).port or 80
    settings = _crawl_settings(out, max_articles, depth, overrides, verbose, log_file, local,
                               quiet=quiet, resume=resume, redis_url=redis_url)
    with SiteServer(port=port) as server:
        base = server.base_url
        if not quiet:
            _console.print(f"Demo site serving at {base}")
        if sites is not None:
            jobs = [("demo", {"site": "demo", "sites": str(sites)})]
        else:
            urls = [f"{base}/", f"{base}/feed.xml", f"{base}/sitemap.xml"]
            jobs = [("", {"start_urls": urls})]
        summaries = run_crawls(settings, jobs)
    _finish(summaries, settings, quiet)


@main.command()
@click.argument("source")
@click.option("--url", default=None, help="The page's URL when SOURCE is a saved file.")
def extract(source: str, url: str | None) -> None:
    """Extract one article from a saved HTML FILE or a URL and print its record as JSON."""
    from archiver.extract import extract_article

    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": _user_agent()})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                html: bytes = response.read(20 * 1024 * 1024)
                page_url = url or response.geturl()
        except OSError as exc:
            raise click.ClickException(f"cannot fetch {source}: {exc}") from None
    else:
        path = Path(source)
        if not path.is_file():
            raise click.BadParameter(f"no such file: {source}", param_hint="SOURCE")
        html = path.read_bytes()
        page_url = url or path.resolve().as_uri()
    article = extract_article(html, page_url)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


_archive_argument = click.argument(
    "archive", required=False, default=None,
    type=click.Path(file_okay=False, path_type=Path))


def _archive_root(archive: Path | None) -> Path:
    root = archive or Path(project_settings().get("ARCHIVER_OUTPUT_DIR", "output"))
    if not root.is_dir():
        raise click.BadParameter(f"no archive at {root}", param_hint="ARCHIVE")
    return root


@main.command()
@_archive_argument
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--by", type=click.Choice(["day", "month"]), default="day", show_default=True,
              help="Granularity of the per-site counts.")
@click.option("--rows", type=click.IntRange(min=1), default=40, show_default=True,
              help="Show at most this many of the latest site/date rows.")
def stats(archive: Path | None, as_json: bool, by: str, rows: int) -> None:
    """Counts per site and date, versions, duplicates collapsed and field coverage of the
    archive ARCHIVE (default: ARCHIVER_OUTPUT_DIR)."""
    from archiver.archive.stats import collect
    from archiver.archive.stats_view import render

    figures = collect(_archive_root(archive))
    if as_json:
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False, indent=2))
        return
    render(figures, Console(), by=by, rows=rows)


@main.command()
@_archive_argument
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Extraction processes (default: one per core; 0: none).")
@click.option("-v", "--verbose", is_flag=True, help="Log at INFO level (default WARNING).")
def reextract(archive: Path | None, workers: int | None, verbose: bool) -> None:
    """Rebuild records from the raw responses in ARCHIVE's WARC files with the current
    extractor: only records whose extraction changed are written, as new versions."""
    from archiver.archive.lock import ArchiveLocked
    from archiver.archive.reextract import reextract as run_reextract
    from pipelines.session import session_config

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    root = _archive_root(archive)
    settings = project_settings()
    config = session_config(settings)
    try:
        result = run_reextract(root, workers=workers, config=config,
                               min_words=settings.getint("ARCHIVER_MIN_WORDS", 25))
    except ArchiveLocked as exc:
        _console.print(f"[red]error:[/red] {exc}")
        sys.exit(EXIT_LOCKED)
    dropped = ", ".join(f"{k} {v}" for k, v in sorted(result.dropped.items())) or "none"
    click.echo(f"Re-extracted {result.responses} archived responses (run {result.run_id}): "
               f"{result.written} records written ({result.new_versions} new versions); "
               f"not written: {dropped}; no article text: {result.failed}")
    sys.exit(EXIT_OK)


def _user_agent() -> str:
    return str(project_settings().get("USER_AGENT"))


# --- the analyst's side: validate, export, report (logic in archiver/analysis/) -------------

_archive_arg = click.argument(
    "archive", type=click.Path(exists=True, file_okay=True, path_type=Path))


def _archive_or_usage(archive: Path) -> None:
    from archiver.analysis.load import part_files

    try:
        found = part_files(archive)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    if not found and not (archive / "articles").is_dir():
        raise click.UsageError(f"not an archive: {archive} has no articles/ directory "
                               "and no part files")


@main.command()
@_archive_arg
def validate(archive: Path) -> None:
    """Check every record of ARCHIVE against schema/article.schema.json.

    Prints FILE:LINE: REASON for each bad line; exit 0 when all are valid, 1 otherwise.
    """
    from archiver.analysis.validate import ArchiveCheck, iter_problems

    _archive_or_usage(archive)
    check = ArchiveCheck()
    for problem in iter_problems(archive, check):
        click.echo(str(problem))
    verdict = "all valid" if not check.bad_lines else f"{check.bad_lines} bad lines"
    click.echo(f"{check.files} part files, {check.records} records: {verdict}", err=True)
    sys.exit(EXIT_CRAWL_FAILED if check.bad_lines else EXIT_OK)


@main.command()
@_archive_arg
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="Output format.")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Output file, or directory with --partitioned.")
@click.option("--partitioned", is_flag=True,
              help="Write OUT/site=<site>/date=<day>/part-0.<format> files.")
@click.option("--site", "sites", multiple=True, help="Only this site (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="First publication day (UTC), YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Last publication day (UTC), YYYY-MM-DD.")
def export(archive: Path, fmt: str, out: Path, partitioned: bool, sites: tuple[str, ...],
           since: Any, until: Any) -> None:
    """Export the latest version of every article of ARCHIVE to Parquet or CSV."""
    from archiver.analysis.export import export as run_export

    _archive_or_usage(archive)
    count = run_export(archive, out, fmt, partitioned=partitioned, site=sites or None,
                       since=since.date() if since else None,
                       until=until.date() if until else None)
    click.echo(f"{count} articles written to {out}", err=True)


@main.command()
@_archive_arg
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("report.html"), show_default=True, help="Output HTML file.")
@click.option("--runs", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the last runs to show.")
def report(archive: Path, html_out: Path, runs: int) -> None:
    """Write a self-contained HTML report on ARCHIVE (charts, authors, credits, coverage,
    versions, errors of the last runs)."""
    from archiver.analysis.report import write_report

    _archive_or_usage(archive)
    stats = write_report(archive, html_out, runs)
    click.echo(f"{stats.articles} articles, {stats.records} records: report written to "
               f"{html_out}", err=True)


if __name__ == "__main__":
    main()
