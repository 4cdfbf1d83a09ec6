"""The ``archiver`` command: argument parsing -> settings -> crawl. No logic of its own.

Exit codes: 0 success; 1 the crawl failed (nothing could be fetched, or it stopped on an
error such as a full disk); 2 usage or configuration error; 3 the archive is locked by
another crawl; 4 interrupted (SIGTERM/SIGINT): stopped gracefully, the archive is
consistent and a later run continues.
"""

from __future__ import annotations

import json
import os
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


def _settings(overrides: dict[str, Any], verbose: bool, log_file: str | None) -> Any:
    settings = project_settings()
    settings.set("LOG_LEVEL", "INFO" if verbose or log_file else "WARNING", priority="cmdline")
    if log_file:
        settings.set("LOG_FILE", log_file, priority="cmdline")
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(urls: list[str], settings: Any, allowed_domains: str | None = None
              ) -> dict[str, Any]:
    """Crawl *urls* with the news spider in this process; return the run summary."""
    from scrapy.crawler import CrawlerProcess

    from archiver.archive.lock import ArchiveLock, ArchiveLocked
    from archiver.runinfo import new_run_id

    root = Path(settings.get("ARCHIVER_OUTPUT_DIR"))
    lock = ArchiveLock(root)
    try:
        lock.acquire()
    except ArchiveLocked as exc:
        _console.print(f"[red]error:[/red] {exc}")
        raise SystemExit(EXIT_LOCKED) from None
    lock.release()

    run_id = settings.get("ARCHIVER_RUN_ID") or new_run_id()
    settings.set("ARCHIVER_RUN_ID", run_id, priority="cmdline")
    max_articles = settings.getint("ARCHIVER_MAX_ARTICLES")
    if max_articles:
        settings.set("CLOSESPIDER_ITEMCOUNT", max_articles, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("news")
    process.crawl(crawler, start_urls=urls, allowed_domains=allowed_domains)
    process.start()
    summary_path = root / "runs" / f"{run_id}.json"
    if not summary_path.exists():
        _console.print("[red]error:[/red] the crawl wrote no run summary: it failed to start "
                       "or could not write to the archive (see the log)")
        raise SystemExit(EXIT_CRAWL_FAILED)
    summary: dict[str, Any] = json.loads(summary_path.read_text("utf-8"))
    summary["summary_file"] = str(summary_path)
    return summary


def print_summary(summary: dict[str, Any], root: Path) -> None:
    """A short human summary of a run on stdout."""
    table = Table(title=f"Run {summary['run_id']}", show_header=False, box=None)
    table.add_row("articles archived", str(summary["articles_written"]))
    aliases = summary.get("aliases_resolved", 0)
    table.add_row("duplicates dropped", f"{summary['duplicates_dropped']}" + (
        f" (and {aliases} alias pages resolved to their canonical article)" if aliases else ""))
    other = {k: v for k, v in summary["dropped"].items() if not k.startswith("duplicate")}
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


def _exit_code(summary: dict[str, Any]) -> int:
    if summary["finish_reason"] == "shutdown":
        return EXIT_INTERRUPTED
    if summary["responses"] == 0 or summary["finish_reason"] not in (
        "finished", "closespider_itemcount",
    ):
        return EXIT_CRAWL_FAILED
    return EXIT_OK


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
]


def common_options(func: Any) -> Any:
    for option in reversed(_common_options):
        func = option(func)
    return func


def _crawl_settings(out: Path | None, max_articles: int | None, depth: int | None,
                    overrides: tuple[str, ...], verbose: bool, log_file: str | None,
                    defaults: dict[str, Any] | None = None) -> Any:
    values: dict[str, Any] = dict(defaults or {})
    if out is not None:
        values["ARCHIVER_OUTPUT_DIR"] = str(out)
    if max_articles is not None:
        values["ARCHIVER_MAX_ARTICLES"] = max_articles
    if depth is not None:
        values["ARCHIVER_DEPTH"] = depth
    values.update(parse_overrides(overrides))
    return _settings(values, verbose, log_file)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tech-news-archiver")
def main() -> None:
    """Crawl tech-news sites and archive their articles as deduplicated JSONL."""


@main.command()
@click.argument("urls", nargs=-1, required=True)
@common_options
@click.option("--allowed-domains", metavar="DOMAIN[,DOMAIN...]", default=None,
              help="Sites whose links are followed (default: the start URLs' sites).")
def crawl(urls: tuple[str, ...], out: Path | None, max_articles: int | None, depth: int | None,
          overrides: tuple[str, ...], verbose: bool, log_file: str | None,
          allowed_domains: str | None) -> None:
    """Crawl URLS (home or section pages, RSS/Atom feeds, sitemaps, robots.txt)."""
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"not an http(s) URL: {url!r}", param_hint="URLS")
    settings = _crawl_settings(out, max_articles, depth, overrides, verbose, log_file)
    summary = run_crawl(list(urls), settings, allowed_domains)
    print_summary(summary, Path(settings.get("ARCHIVER_OUTPUT_DIR")))
    sys.exit(_exit_code(summary))


@main.command()
@common_options
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port for the demo site on 127.0.0.1 (default: any free port).")
def demo(out: Path | None, max_articles: int | None, depth: int | None,
         overrides: tuple[str, ...], verbose: bool, log_file: str | None, port: int) -> None:
    """Serve the bundled demo news site on 127.0.0.1 and archive it."""
    from archiver.demo.server import SiteServer

    local = {
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "ARCHIVER_DEPTH": 4,
    }
    settings = _crawl_settings(out, max_articles, depth, overrides, verbose, log_file, local)
    with SiteServer(port=port) as server:
        base = server.base_url
        _console.print(f"Demo site serving at {base}")
        summary = run_crawl([f"{base}/", f"{base}/feed.xml", f"{base}/sitemap.xml"], settings)
    print_summary(summary, Path(settings.get("ARCHIVER_OUTPUT_DIR")))
    sys.exit(_exit_code(summary))


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


def _user_agent() -> str:
    return str(project_settings().get("USER_AGENT"))


if __name__ == "__main__":
    main()
