"""The archive across real crawls of a local site: re-runs, edits, aliases, syndicated
copies, raw capture and re-extraction, ``kill -9`` in the middle of a crawl.

The site (served from a temporary directory on 127.0.0.1, edited between runs):

- ``/news/a1`` … ``/news/a8``: articles, listed in ``/sitemap.xml`` and ``/feed.xml`` and
  linked from ``/``;
- ``/amp/a1``: an AMP copy of a1 (canonical link to ``/news/a1``);
- ``/news/a2?utm_source=home``: a tracking alias of a2, linked from ``/``;
- ``/partner/a2-syndicated``: a2 with another intro and outro and one sentence changed,
  its canonical link pointing at itself (a syndicated copy);
- ``/mirror/a3``: a3's text under another URL and title (an exact copy).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from archiver.archive.parts import complete_lines
from archiver.archive.reextract import reextract
from archiver.archive.warc import read_response
from archiver.items import WarcRef
from tests.conftest import (
    LOCAL,
    REPO,
    archiver_cmd,
    assert_manifests_match,
    read_archive,
    run_summary,
)
from tests.sitebuilder import SiteArticle, index_page, prose, rss, sitemap, write

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.crawl

SLUGS = [f"a{n}" for n in range(1, 9)]


def articles() -> dict[str, SiteArticle]:
    return {slug: SiteArticle(slug, f"Story {slug} about chips", paragraphs=prose(slug, 7))
            for slug in SLUGS}


def build(root: Path, arts: dict[str, SiteArticle], *, copies: bool = True) -> None:
    for art in arts.values():
        write(root, f"{art.path}.html", art.html())
    a1, a2, a3 = arts["a1"], arts["a2"], arts["a3"]
    amp = SiteArticle("a1", a1.title, paragraphs=a1.text, canonical=a1.path)
    write(root, "/amp/a1.html", amp.html())
    links = [a.path for a in arts.values()]
    if copies:
        syndicated = SiteArticle(
            "a2-syndicated", a2.title + " (via Partner)", canonical="/partner/a2-syndicated",
            paragraphs=["This story first appeared on our partner site and is republished.",
                        *a2.text[:3], a2.text[3].replace("part", "section", 1), *a2.text[4:],
                        "Sign up to the Partner newsletter for more stories like this one."])
        write(root, "/partner/a2-syndicated.html", syndicated.html())
        mirror = SiteArticle("a3-mirror", "Mirror: " + a3.title, paragraphs=a3.text,
                             canonical="/mirror/a3")
        write(root, "/mirror/a3.html", mirror.html())
        links += ["/partner/a2-syndicated", "/mirror/a3"]
    paths = [a.path for a in arts.values()]
    write(root, "/index.html", index_page("Home", [
        *links, "/amp/a1", "/news/a2?utm_source=home"]))
    write(root, "/sitemap.xml", sitemap(paths))
    write(root, "/feed.xml", rss(paths))


def crawl(base: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # Every page fetched in full every run: these tests are about what the archive
    # keeps (tests/archive/test_incremental.py is about what re-runs fetch).
    result = archiver_cmd("crawl", f"{base}/", f"{base}/sitemap.xml", f"{base}/feed.xml",
                          "--out", str(out), *LOCAL, "-s", "ARCHIVER_INCREMENTAL=False",
                          *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def by_slug(records: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for record in records:
        found.setdefault(record["canonical_url"].rsplit("/", 1)[1], []).append(record)
    return found


def versions(out: Path, article_id: str) -> list[dict]:
    """The archived records of one article, oldest version first."""
    return sorted((r for r in read_archive(out) if r["id"] == article_id),
                  key=lambda r: r["version"])


def test_reruns_versions_aliases_copies_and_reextract(tmp_path: Path, serve) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    arts = articles()
    site.mkdir()
    base = serve(site)

    build(site, arts, copies=False)
    crawl(base, out)
    first = run_summary(out)
    records = read_archive(out)
    found = by_slug(records)
    assert sorted(found) == SLUGS, [r["url"] for r in records]
    assert all(len(v) == 1 for v in found.values())
    assert first["articles_written"] == 8
    assert first["duplicates_dropped"] == 0, first["dropped"]
    for record in records:
        assert record["version"] == 1
        assert record["supersedes"] is None
        assert record["warc"] is not None
        raw = read_response(out, WarcRef(**record["warc"]))
        assert raw.url == record["url"]
        assert record["title"].encode() in raw.body

    # Second run: nothing changed, but a syndicated copy of a2 (other intro and outro, one
    # sentence changed) and an exact copy of a3 appeared on other URLs: nothing is written.
    build(site, arts, copies=True)
    crawl(base, out)
    second = run_summary(out)
    assert second["articles_written"] == 0
    assert second["unchanged"] == 8
    assert second["dropped"].get("near_duplicate") == 1, second["dropped"]
    assert second["dropped"].get("duplicate_content") == 1, second["dropped"]
    assert len(read_archive(out)) == 8
    ids = {r["canonical_url"].rsplit("/", 1)[1]: r["id"] for r in records}
    copies = {c["url"].removeprefix(base): c for c in second["copies"]}
    assert copies["/partner/a2-syndicated"]["reason"] == "near_duplicate"
    assert copies["/partner/a2-syndicated"]["of"] == ids["a2"]
    assert copies["/partner/a2-syndicated"]["similarity"] >= 0.6
    assert copies["/mirror/a3"] == {"url": f"{base}/mirror/a3", "reason": "duplicate_content",
                                    "of": ids["a3"], "similarity": 1.0}

    # Edits: a6 gets a correction (a new version); a7 only whitespace; a8 gains a link
    # with tracking parameters. Only a6 is written again.
    arts["a6"].paragraphs = [*arts["a6"].text[:-1], arts["a6"].text[-1] + " Corrected."]
    build(site, arts)
    a7 = (site / "news/a7.html").read_text("utf-8")
    (site / "news/a7.html").write_text(a7.replace("<p>", "<p>\n   ").replace(". ", ".  "),
                                       "utf-8")
    a8 = (site / "news/a8.html").read_text("utf-8")
    (site / "news/a8.html").write_text(
        a8.replace("</p>", " <a href='/news/a1?utm_source=a8&utm_medium=x'>Read</a></p>", 1),
        "utf-8")
    crawl(base, out)
    third = run_summary(out)
    assert third["articles_written"] == 1, third
    assert third["new_versions"] == 1
    a6 = versions(out, ids["a6"])
    assert [r["version"] for r in a6] == [1, 2]
    assert a6[1]["supersedes"] == a6[0]["record_id"]
    assert a6[1]["body"].endswith("Corrected.")
    assert not a6[0]["body"].endswith("Corrected.")
    assert b"Corrected." in read_response(out, WarcRef(**a6[1]["warc"])).body

    # Nothing is left in progress; the manifests' sizes and checksums match the files.
    assert not list(out.rglob(".*.inprogress"))
    assert_manifests_match(out)

    # Re-extraction with the same extractor changes nothing...
    before = read_archive(out)
    result = reextract(out, workers=1)
    assert (result.responses, result.written) == (9, 0)
    # (a6's first capture is history: its article has a newer version.)
    assert result.dropped == {"unchanged": 8, "superseded": 1}
    # ...and rebuilds the same records from the WARC files alone.
    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(out / "warc", rebuilt / "warc")
    result = reextract(rebuilt, workers=1)
    assert result.written == 9
    strip = lambda r: {k: v for k, v in r.items() if k != "run_id"}  # noqa: E731
    assert sorted(map(strip, read_archive(rebuilt)), key=lambda r: r["record_id"]) == \
        sorted(map(strip, before), key=lambda r: r["record_id"])


def test_a_moved_and_edited_article_becomes_a_new_version(tmp_path: Path, serve) -> None:
    """An article moved to a new URL (the old one redirects there) with its text edited is
    the next version of the archived article, not a near-duplicate copy of it; once the
    listings link the new URL directly, its next edit is the version after."""
    site, out = tmp_path / "site", tmp_path / "out"
    arts = articles()
    build(site, arts, copies=False)
    base = serve(site)
    crawl(base, out)
    old = by_slug(read_archive(out))["a5"][0]

    # The old URL stays in the listings and now redirects; the story gained a paragraph.
    update = "An update: the company confirmed the figures in a statement on Friday."
    moved = SiteArticle("a5-renamed", arts["a5"].title,
                        paragraphs=[*arts["a5"].text, update])
    write(site, f"{moved.path}.html", moved.html())
    (site / "news/a5.html").unlink()
    write(site, "/_redirects", "/news/a5 /news/a5-renamed 301\n")
    crawl(base, out)
    second = run_summary(out)
    assert (second["articles_written"], second["new_versions"]) == (1, 1), second
    assert second["dropped"].get("near_duplicate") is None, second["dropped"]
    a5 = versions(out, old["id"])
    assert [r["version"] for r in a5] == [1, 2]
    assert a5[1]["canonical_url"] == f"{base}/news/a5-renamed"
    assert a5[1]["supersedes"] == old["record_id"]
    assert a5[1]["body"].endswith(update)

    # The listings now link the new URL, and the story is edited again: version 3.
    moved.paragraphs = [*moved.paragraphs, "A second update followed on Monday morning."]
    build(site, {**arts, "a5": moved}, copies=False)
    crawl(base, out)
    third = run_summary(out)
    assert (third["articles_written"], third["new_versions"]) == (1, 1), third
    a5 = versions(out, old["id"])
    assert [r["version"] for r in a5] == [1, 2, 3]
    assert a5[2]["body"].endswith("Monday morning.")
    assert len(read_archive(out)) == 10


def _changed_extractor(body: bytes, url: str, content_type: str, fetched_at: str):
    """The current extractor plus a fix that changes every title (module level: picklable)."""
    from archiver.archive.reextract import extract_response

    article = extract_response(body, url, content_type, fetched_at)
    if article is not None:
        article.title = (article.title or "") + " (fixed)"
    return article


def test_reextract_with_a_better_extractor_writes_new_versions(tmp_path: Path, serve) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    build(site, articles())
    crawl(serve(site), out)
    result = reextract(out, workers=0, extractor=_changed_extractor)
    assert result.written == 8
    assert result.new_versions == 8
    latest = {r["id"]: r for r in read_archive(out) if r["version"] == 2}
    assert len(latest) == 8
    assert all(r["title"].endswith("(fixed)") for r in latest.values())
    assert all(r["supersedes"] == f"{r['id']}-v1" for r in latest.values())
    # The new versions point at the original raw captures.
    originals = {r["id"]: r for r in read_archive(out) if r["version"] == 1}
    assert all(latest[i]["warc"] == originals[i]["warc"] for i in latest)


def test_cli_reextract_and_stats(tmp_path: Path, serve) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    build(site, articles())
    crawl(serve(site), out)
    result = archiver_cmd("reextract", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    # 8 captures: the AMP alias and the two copies were never archived, so never captured.
    assert "Re-extracted 8 archived responses" in result.stdout
    assert "0 records written" in " ".join(result.stdout.split())
    stats = archiver_cmd("stats", str(out), "--json")
    assert stats.returncode == 0, stats.stderr
    import json

    figures = json.loads(stats.stdout)
    assert figures["articles"] == 8
    assert figures["records"] == 8
    assert figures["duplicates_collapsed"] == {"duplicate_content": 1, "near_duplicate": 1}
    assert figures["coverage"]["authors"] == 8
    assert sum(row["articles"] for row in figures["per_site_day"]) == 8
    table = archiver_cmd("stats", str(out))
    assert table.returncode == 0
    assert "Field coverage" in table.stdout


def _count_written(out: Path) -> int:
    """Complete record lines in the archive's part files, published or in progress (the
    state store commits records in batches, so it lags behind the parts)."""
    written = 0
    for path in (out / "articles").rglob("*.gz*") if (out / "articles").exists() else []:
        try:
            written += len(complete_lines(path))
        except OSError:  # renamed or removed while we looked
            continue
    return written


def test_kill_9_mid_crawl_then_rerun_archives_every_article_exactly_once(
    tmp_path: Path, serve,
) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    slugs = [f"k{n:02d}" for n in range(40)]
    arts = {s: SiteArticle(s, f"Story {s}", paragraphs=prose(s, 5)) for s in slugs}
    for art in arts.values():
        write(site, f"{art.path}.html", art.html())
    write(site, "/sitemap.xml", sitemap([a.path for a in arts.values()]))
    base = serve(site)
    args = [sys.executable, "-m", "archiver.cli", "crawl", f"{base}/sitemap.xml", "--out",
            str(out), *LOCAL, "-s", "CONCURRENT_REQUESTS=2", "-s", "DOWNLOAD_DELAY=0.05",
            "-s", "ARCHIVER_FSYNC=False"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed_after = []
    for kill_at in (4, 15):
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while _count_written(out) < kill_at and proc.poll() is None:
                assert time.monotonic() < deadline, "the crawl made no progress"
                time.sleep(0.02)
            assert proc.poll() is None, "the crawl finished before it could be killed"
            os.killpg(proc.pid, signal.SIGKILL)  # the whole process group, workers too
            proc.wait(timeout=10)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        killed_after.append(_count_written(out))
        # No published part ever holds a partial or invalid line.
        for record in read_archive(out):
            assert record["canonical_url"].startswith(base)
    assert 4 <= killed_after[0] < killed_after[1] < len(slugs)
    assert list(out.rglob(".*.inprogress")), "the kill left nothing in progress to recover"

    result = archiver_cmd("crawl", f"{base}/sitemap.xml", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr[-3000:]
    summary = run_summary(out)
    assert summary["recovered_parts"] >= 1
    records = read_archive(out)
    urls = sorted(r["canonical_url"] for r in records)
    assert urls == sorted(f"{base}/news/{s}" for s in slugs), "lost or doubled articles"
    # Exactly the articles the killed runs had not written to a part are written now; the
    # others (committed, or recovered from the parts in progress) are found unchanged.
    assert summary["recovered_records"] >= 1
    assert summary["articles_written"] == len(slugs) - killed_after[-1]
    assert summary["articles_written"] + summary["unchanged"] == len(slugs)
    assert not list(out.rglob(".*.inprogress"))
    assert not list((out / "warc").glob(".*"))


def _without_canonical(art: SiteArticle) -> str:
    """*art*'s page without a ``rel=canonical`` link (sites that have none)."""
    return re.sub(r"<link rel='canonical'[^>]*>", "", art.html())


def test_edited_articles_under_url_variants_and_new_canonicals_are_new_versions(
        tmp_path: Path, serve) -> None:
    """An article first archived under a variant of its URL (case, ``;jsessionid=``,
    ``%7E``, an ``/amp`` suffix, ``?page=1``; pages without a canonical link), or whose
    canonical link names a new URL in the next run, is the same article when it comes back
    edited under its plain URL: a new version, never a near-duplicate copy that loses the
    edit (before: all six edits were dropped as ``near_duplicate``)."""
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    base = serve(site)
    # slug -> (URL linked in run 1, URL linked in run 2, files serving both)
    variants = {
        "case": ("/News/Case-Story", "/news/case-story", ["News/Case-Story", "news/case-story"]),
        "session": ("/news/session;jsessionid=A1B2", "/news/session",
                    ["news/session;jsessionid=A1B2", "news/session"]),
        "tilde": ("/news/%7Ejoe/column", "/news/~joe/column", ["news/~joe/column"]),
        "amp": ("/news/amped/amp", "/news/amped", ["news/amped/amp", "news/amped"]),
        "paged": ("/news/paged?page=1", "/news/paged", ["news/paged"]),
    }
    texts = {slug: prose(f"variant-{slug}", 6) for slug in [*variants, "canon"]}
    edit = "Update: the company corrected the figures in a statement on Friday."

    def build_run(run: int) -> None:
        for slug, (_, _, files) in variants.items():
            art = SiteArticle(slug, f"Story {slug}", paragraphs=texts[slug] + [edit] * (run - 1))
            for name in files:
                write(site, f"{name}.html", _without_canonical(art))
        canon = SiteArticle("canon-old", "Story canon", paragraphs=texts["canon"] + [edit] * (
            run - 1), canonical="/news/canon-old" if run == 1 else "/news/canon-new")
        write(site, "/news/canon-old.html", canon.html())
        if run > 1:
            canon.canonical = "/news/canon-new"
            write(site, "/news/canon-new.html", canon.html())
        links = [pair[run - 1] for pair in variants.values()]
        write(site, "/index.html", index_page("Home", [*links, "/news/canon-old"]))

    build_run(1)
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr[-3000:]
    first = {r["id"]: r for r in read_archive(out)}
    assert len(first) == 6, [r["url"] for r in first.values()]

    build_run(2)
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr[-3000:]
    second = run_summary(out)
    assert second["dropped"].get("near_duplicate") is None, second["copies"]
    assert (second["articles_written"], second["new_versions"]) == (6, 6), second
    records = read_archive(out)
    assert {r["id"] for r in records} == set(first)  # no new article
    latest = {r["id"]: r for r in sorted(records, key=lambda r: r["version"])}
    for article, record in latest.items():
        assert record["version"] == 2
        assert record["supersedes"] == first[article]["record_id"]
        assert record["body"].endswith(edit)
    assert {r["canonical_url"] for r in latest.values()} >= {f"{base}/news/canon-new"}
