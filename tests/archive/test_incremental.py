"""Incremental re-runs over a local site with ETags, a sitemap with ``lastmod`` and a
feed: a re-run of an unchanged site needs a fraction of the first run's requests, and
still finds the new and the changed article.

The site: ``/`` links 10 section pages, each linking 30 of the 300 articles
(``/news/s<k>-<n>``); ``/sitemap.xml`` lists every article with its ``lastmod``;
``/feed.xml`` the 20 newest with their dates. The server answers conditional requests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from tests.conftest import LOCAL, archiver_cmd, read_archive, run_summary
from tests.sitebuilder import SiteArticle, index_page, prose, write

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.crawl

SECTIONS, PER_SECTION = 10, 30


def stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build(root: Path, arts: dict[str, SiteArticle], lastmod: dict[str, str]) -> None:
    for art in arts.values():
        write(root, f"{art.path}.html", art.html())
    slugs = list(arts)
    sections = []
    for k in range(SECTIONS):
        links = [arts[s].path for s in slugs if s.startswith(f"s{k}-")]
        write(root, f"/section/{k}.html", index_page(f"Section {k}", links))
        sections.append(f"/section/{k}")
    write(root, "/index.html", index_page("Home", sections + [arts[s].path for s in slugs[-5:]]))
    urls = "".join(f"<url><loc>__BASE_URL__{arts[s].path}</loc><lastmod>{lastmod[s]}</lastmod>"
                   "</url>" for s in slugs)
    write(root, "/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
          f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    items = "".join(f"<item><link>__BASE_URL__{arts[s].path}</link><pubDate>"
                    f"{datetime.fromisoformat(lastmod[s]).strftime('%a, %d %b %Y %H:%M:%S GMT')}"
                    "</pubDate></item>" for s in slugs[-20:])
    write(root, "/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>T'
          f"</title>{items}</channel></rss>")


def crawl(base: str, out: Path, *starts: str) -> dict:
    starts = starts or ("/", "/sitemap.xml", "/feed.xml")
    # The test pages link a few missing pages (nav, author): not "too many errors".
    result = archiver_cmd("crawl", *(base + s for s in starts), "--out", str(out), *LOCAL,
                          "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
                          "-s", "ARCHIVER_MAX_ERROR_RATIO=0", timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return run_summary(out)


def test_rerun_fetches_a_fraction_and_finds_new_and_changed(tmp_path: Path, serve) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    arts = {f"s{k}-{n}": SiteArticle(f"s{k}-{n}", f"Story {k}-{n}",
                                     paragraphs=prose(f"s{k}-{n}", 3))
            for n in range(PER_SECTION) for k in range(SECTIONS)}
    lastmod = dict.fromkeys(arts, "2026-10-01T09:00:00Z")
    build(site, arts, lastmod)
    base = serve(site)

    first = crawl(base, out)
    assert first["articles_written"] == SECTIONS * PER_SECTION
    # Listed in the sitemap (dated), 20 also in the feed, 5 linked from the home page and
    # all from a section page: each is still fetched once.
    assert first["pages"]["article"] == SECTIONS * PER_SECTION
    second = crawl(base, out)
    assert second["articles_written"] == 0
    assert second["requests"] <= 0.25 * first["requests"], (first["requests"],
                                                             second["requests"])
    assert second["error_reasons"] == {}

    # One article is corrected, one is new: both are found, and little else is fetched.
    edited = arts["s3-7"]
    edited.paragraphs = [*edited.text, "Update: the company has since responded."]
    arts["s0-99"] = SiteArticle("s0-99", "A brand new story", paragraphs=prose("new", 3))
    now = stamp()
    lastmod.update({"s3-7": now, "s0-99": now})
    build(site, arts, lastmod)
    third = crawl(base, out)
    assert third["articles_written"] == 2, third
    assert third["new_versions"] == 1
    assert third["requests"] <= 0.25 * first["requests"]
    records = read_archive(out)
    assert len(records) == SECTIONS * PER_SECTION + 2
    latest = [r for r in records if r["canonical_url"].endswith("/news/s3-7")]
    assert sorted(r["version"] for r in latest) == [1, 2]
    print(f"requests: first run {first['requests']}, unchanged re-run {second['requests']}, "
          f"re-run with one new and one changed article {third['requests']}")


def test_correction_without_any_date_is_still_found(tmp_path: Path, serve) -> None:
    """No lastmod, no update time: a known article is checked (conditionally) every run,
    so a correction becomes a new version on the next run."""
    site, out = tmp_path / "site", tmp_path / "out"
    arts = {s: SiteArticle(s, f"Story {s}", paragraphs=prose(s, 3)) for s in ("a", "b")}
    for art in arts.values():
        write(site, f"{art.path}.html", art.html())
    write(site, "/index.html", index_page("Home", [a.path for a in arts.values()]))
    base = serve(site)
    assert crawl(base, out, "/")["articles_written"] == 2
    arts["a"].paragraphs = [*arts["a"].text, "Correction: an earlier version misspelt a name."]
    write(site, "/news/a.html", arts["a"].html())
    third = crawl(base, out, "/")
    assert third["articles_written"] == 1
    assert third["new_versions"] == 1
    assert third["skipped"].get("not_modified", 0) >= 1  # b: a 304, not a full fetch


def test_same_day_update_with_a_date_only_lastmod_is_found(tmp_path: Path, serve) -> None:
    """Many sitemaps give only the day: an article fetched this morning and corrected this
    afternoon keeps today's lastmod, and must still be fetched again."""
    site, out = tmp_path / "site", tmp_path / "out"
    arts = {s: SiteArticle(s, f"Story {s}", paragraphs=prose(s, 3)) for s in ("a", "b")}
    today = datetime.now(UTC).date().isoformat()
    lastmod = dict.fromkeys(arts, today)
    build(site, arts, lastmod)
    base = serve(site)
    assert crawl(base, out, "/sitemap.xml")["articles_written"] == 2
    arts["a"].paragraphs = [*arts["a"].text, "Update: the figures were revised."]
    build(site, arts, lastmod)  # same date-only lastmod
    again = crawl(base, out, "/sitemap.xml")
    assert again["articles_written"] == 1
    assert again["new_versions"] == 1
