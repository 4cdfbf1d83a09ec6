"""Real crawls of small local sites through the CLI (a subprocess), checking the archive."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import (
    LOCAL,
    archiver_cmd,
    assert_manifests_match,
    published_parts,
    read_archive,
    run_summary,
)
from tests.sitebuilder import (
    SiteArticle,
    index_page,
    prose,
    rss,
    sitemap,
    sitemap_index,
    write,
)

pytestmark = pytest.mark.crawl


def build_site(root: Path) -> dict[str, SiteArticle]:
    """A site whose articles are reachable only through one route each:

    home -> a1 (and an AMP alias of a1, a tracking alias of a2), feed -> a2,
    sitemap index -> plain sitemap -> a3, gzipped sitemap -> a4; a5 is a copy of a1's text
    under another URL; a6 is a JavaScript-only article (no text); /private/ is disallowed;
    a7 is Windows-1252 bytes that the server labels UTF-8.
    """
    arts = {f"a{i}": SiteArticle(slug=f"story-number-{i}-about-tech", title=f"Story {i}")
            for i in range(1, 7)}
    arts["a5"].paragraphs = prose(arts["a1"].slug)
    arts["a6"].paragraphs = ["<noscript>Enable JavaScript</noscript>"]
    arts["a7"] = SiteArticle(slug="café-naïve-story-about-tech", title="Zoë’s café — naïve",
                             author="José Müller")
    arts["a7"].paragraphs = [p + " Café “quoted” — naïve." for p in prose("a7")]
    for key, art in arts.items():
        html = art.html()
        write(root, f"{art.path}.html", html.encode("cp1252") if key == "a7" else html)
    amp = SiteArticle(slug="amp", title="Story 1", canonical=arts["a1"].path,
                      paragraphs=prose(arts["a1"].slug)[:5])
    write(root, "amp/news/story-one.html", amp.html())
    write(root, "private/secret-story-about-tech.html",
          SiteArticle(slug="secret-story-about-tech", title="Secret").html())
    write(root, "index.html", index_page("Home", [
        arts["a1"].path, "/amp/news/story-one", f"{arts['a2'].path}?utm_source=x&fbclid=1",
        arts["a5"].path, arts["a6"].path, arts["a7"].path, "/private/secret-story-about-tech",
        "/missing-page",
        "/files/report.pdf", "/files/report-download", "https://elsewhere.example/offsite-story",
    ]))
    write(root, "files/report.pdf", b"%PDF-1.4 not really a pdf\n" * 10)
    # No extension: only the content type and the bytes tell it is not a page.
    write(root, "files/report-download", b"%PDF-1.4 \x00\x01 binary\n" * 10)
    write(root, "feed.xml", rss([arts["a2"].path]))
    write(root, "sitemap.xml", sitemap_index(["/sitemaps/one.xml", "/sitemaps/two.xml.gz"]))
    write(root, "sitemaps/one.xml", sitemap([arts["a3"].path]))
    # The server gzips sitemaps/two.xml when asked for two.xml.gz.
    write(root, "sitemaps/two.xml", sitemap([arts["a4"].path]))
    write(root, "robots.txt", "User-agent: *\nDisallow: /private/\n")
    return arts


def test_crawl_routes_feeds_sitemaps_and_collapses_aliases(tmp_path: Path, serve) -> None:
    arts = build_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/", f"{base}/feed.xml", f"{base}/sitemap.xml",
                          "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr
    records = read_archive(out)
    by_path = {unquote(r["canonical_url"].removeprefix(base)): r for r in records}
    # a1 and a5 carry the same text: whichever is fetched first is kept.
    first = "a1" if arts["a1"].path in by_path else "a5"
    kept = (first, "a2", "a3", "a4", "a7")
    assert set(by_path) == {arts[k].path for k in kept}, result.stderr
    assert len(records) == len(kept)
    for key in kept:
        record = by_path[arts[key].path]
        assert record["title"] == arts[key].title
        assert record["authors"] == [arts[key].author]
        assert record["site"] == "127.0.0.1"
        assert arts[key].text[0] in record["body"]
        assert arts[key].text[-1] in record["body"]
        assert "Home" not in record["body"]

    summary = run_summary(out)
    assert summary["articles_written"] == 5
    # a5 (same text as a1) and the AMP copy of a1 collapse; the tracking alias of a2 is
    # canonicalised before it is requested, so it is never fetched twice.
    assert summary["duplicates_dropped"] >= 1
    assert summary["dropped"].get("empty_extraction", 0) + summary["dropped"].get(
        "too_short", 0) == 1
    assert summary["error_reasons"] == {"http_404": 4}  # /missing-page, author, section, about
    assert summary["skipped"]["robots_txt"] == 1
    assert summary["skipped"]["not_html"] == 1
    assert summary["pages"]["sitemap"] == 3
    assert summary["pages"]["feed"] == 1
    assert "private" not in result.stderr + "".join(r["url"] for r in records)
    parts = [f for f in summary["files"] if f["kind"] == "articles"]
    assert sum(f["records"] for f in parts) == 5
    assert_manifests_match(out)
    assert sorted(out / f["path"] for f in parts) == published_parts(out)


def test_crawl_respects_depth_and_max_articles(tmp_path: Path, serve) -> None:
    build_site(tmp_path / "site")
    base = serve(tmp_path / "site")
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), "--depth", "0", *LOCAL)
    assert result.returncode == 0, result.stderr
    assert read_archive(out) == []
    out2 = tmp_path / "out2"
    result = archiver_cmd("crawl", f"{base}/sitemap.xml", f"{base}/", "--out", str(out2),
                          "--max-articles", "2", *LOCAL)
    assert result.returncode == 0, result.stderr
    assert len(read_archive(out2)) == 2, (run_summary(out2), result.stderr)


def test_links_of_listed_pages_are_followed_only_when_asked(tmp_path: Path, serve) -> None:
    """A sitemap is an explicit list: its entries' own links are not crawled by default."""
    site = tmp_path / "site"
    listed = SiteArticle(slug="listed-story-in-the-sitemap", title="Listed")
    hidden = SiteArticle(slug="linked-only-from-an-article", title="Linked")
    write(site, f"{listed.path}.html", listed.html().replace(
        "</article>", f"<p><a href='{hidden.path}'>Read more</a></p></article>"))
    write(site, f"{hidden.path}.html", hidden.html())
    write(site, "sitemap.xml", sitemap([listed.path]))
    base = serve(site)
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/sitemap.xml", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr
    assert [r["title"] for r in read_archive(out)] == ["Listed"]
    out2 = tmp_path / "out2"
    result = archiver_cmd("crawl", f"{base}/sitemap.xml", "--out", str(out2), *LOCAL,
                          "-s", "ARCHIVER_FOLLOW_FROM_LISTED=True")
    assert result.returncode == 0, result.stderr
    assert sorted(r["title"] for r in read_archive(out2)) == ["Linked", "Listed"]


JAPANESE = ["東京で新しいスマートフォンが発表されました。",
            "このデバイスは高性能なプロセッサを搭載しています。",
            "価格は前のモデルより少し高くなる予定です。",
            "専門家はバッテリーの持ちが大きく改善されたと評価しています。"]
CHINESE = ["北京科技公司今天发布了新的人工智能芯片。", "这款芯片的性能比上一代提高了百分之四十。",
           "分析人士认为市场需求将继续增长。", "公司表示将在明年扩大生产规模。"]
RUSSIAN = ["Компания представила новый процессор для серверов. ",
           "Инженеры обнаружили ошибку в контроллере памяти. ",
           "Аналитики ожидают роста цен на оборудование в следующем году. ",
           "Регуляторы начали расследование сбора данных о местоположении. "]


def test_utf16_and_cjk_pages_are_archived(tmp_path: Path, serve) -> None:
    """UTF-16 pages were skipped as ``not_html`` (their zero bytes looked binary),
    Chinese and Japanese articles were dropped as ``too_short`` (no spaces between words:
    a paragraph counted as one word), and Cyrillic under a Latin-1 label was mojibake.
    ``.htm`` files are served with no charset."""
    site = tmp_path / "site"
    latin = [p + " Zoë’s café — “naïve”." for p in prose("utf-sixteen")]
    ascii_only = prose("big-endian")
    pages = {
        # (file, title, paragraphs, author, encoding, meta charset)
        "utf16-bom": ("Zoë’s café — UTF-16", latin, "Jane Doe", "utf-16", "utf-16"),
        "utf16-be-no-bom": ("Big-endian page", ascii_only, "Jane Doe", "utf-16-be", ""),
        "shift-jis": ("新型スマートフォン発表", [p * 3 for p in JAPANESE], "山田太郎",
                      "shift_jis", "shift_jis"),
        "gbk-undeclared": ("新人工智能芯片发布", [p * 3 for p in CHINESE], "王伟", "gbk", ""),
        # a stale Latin-1 label on Cyrillic bytes: every byte decodes as cp1252 (mojibake)
        "cp1251-labelled-latin1": ("Новый процессор", [p * 3 for p in RUSSIAN], "Иван Петров",
                                   "cp1251", "iso-8859-1"),
    }
    for name, (title, paragraphs, author, encoding, meta) in pages.items():
        html = SiteArticle(slug=name, title=title, author=author, paragraphs=paragraphs,
                           canonical=f"/news/{name}.htm").html()
        html = html.replace("__BASE_URL__", "").replace(
            "<meta charset='utf-8'>", f"<meta charset='{meta}'>" if meta else "")
        write(site, f"news/{name}.htm", html.encode(encoding))
    write(site, "index.html", index_page("Home", [f"/news/{name}.htm" for name in pages]))
    base = serve(site)
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr
    summary = run_summary(out)
    assert summary["articles_written"] == len(pages), summary
    assert "not_html" not in summary["skipped"]
    assert summary["dropped"] == {}
    by_name = {r["url"].rsplit("/", 1)[-1].removesuffix(".htm"): r for r in read_archive(out)}
    for name, (title, paragraphs, author, _encoding, _meta) in pages.items():
        record = by_name[name]
        assert record["title"] == title
        assert record["authors"] == [author]
        assert paragraphs[0].strip() in record["body"]
        assert paragraphs[-1].strip() in record["body"]
        assert record["word_count"] >= 25


def build_canonical_traps(site: Path) -> dict[str, SiteArticle]:
    """Articles whose ``rel=canonical`` leads nowhere useful: two pages naming each other,
    a canonical URL that redirects back to the page, canonicals naming the home page (an
    index page); and an AMP copy (slightly different text) of an article listed with a
    ``lastmod`` in the sitemap."""
    arts = {
        "loop-a": SiteArticle("loop-story-a", "Loop story", paragraphs=prose("loop"),
                              canonical="/news/loop-story-b"),
        "loop-b": SiteArticle("loop-story-b", "Loop story", paragraphs=prose("loop"),
                              canonical="/news/loop-story-a"),
        "back": SiteArticle("canonical-redirects-back", "Back story",
                            canonical="/go/canonical-redirects-back"),
        "home-1": SiteArticle("home-canonical-one", "Home canonical one", canonical="/"),
        "home-2": SiteArticle("home-canonical-two", "Home canonical two", canonical="/"),
        "listed": SiteArticle("listed-story", "Listed story", paragraphs=prose("listed", 7)),
    }
    for art in arts.values():
        write(site, f"{art.path}.html", art.html())
    write(site, "_redirects", "/go/canonical-redirects-back /news/canonical-redirects-back 301\n")
    amp = SiteArticle("listed-story", "Listed story", canonical="/news/listed-story",
                      paragraphs=[*prose("listed", 7)[:6], "Read the full story on our site."])
    write(site, "amp/listed-story.html", amp.html())
    write(site, "sitemap.xml", sitemap([arts["listed"].path]).replace(
        "</loc>", "</loc><lastmod>2026-10-01T09:00:00Z</lastmod>"))
    write(site, "index.html", index_page("Home", [
        *(arts[k].path for k in ("loop-a", "loop-b", "back", "home-1", "home-2")),
        "/amp/listed-story"]))
    return arts


def test_articles_with_broken_canonical_links_are_archived_once(tmp_path: Path,
                                                                 serve) -> None:
    """An article whose canonical page never yields it was lost without a trace: the
    request for a canonical page already requested (A and B naming each other, a canonical
    URL redirecting back to the page) was dropped by the duplicate filter, and a canonical
    naming an index page gave no article. And an AMP copy whose canonical page was skipped
    (already fetched in the run, or unchanged since the last run) was archived in its
    place, its text becoming a new version of the article."""
    site, out = tmp_path / "site", tmp_path / "out"
    arts = build_canonical_traps(site)
    base = serve(site)
    for run in (1, 2):
        result = archiver_cmd("crawl", f"{base}/sitemap.xml", f"{base}/", "--out", str(out),
                              *LOCAL, "-s", "ARCHIVER_MAX_ERROR_RATIO=0")
        assert result.returncode == 0, result.stderr[-3000:]
        records = read_archive(out)
        summary = run_summary(out)
        bodies = {key: [r for r in records if arts[key].text[0] in r["body"]] for key in arts}
        assert {key: len(found) for key, found in bodies.items()} == {
            "loop-a": 1, "loop-b": 1, "back": 1, "home-1": 1, "home-2": 1, "listed": 1,
        }, (run, [r["url"] for r in records], summary)
        assert len(records) == 5, [r["url"] for r in records]
        for key in ("home-1", "home-2"):  # not versions of the home page
            assert bodies[key][0]["canonical_url"] == base + arts[key].path
        listed = bodies["listed"][0]
        assert listed["url"] == base + "/news/listed-story"
        assert listed["version"] == 1
        assert arts["listed"].text[-1] in listed["body"]
        if run == 2:
            assert summary["articles_written"] == 0, summary


@pytest.mark.parametrize(("status", "archived"), [(503, 0), (404, 2)])
def test_a_failing_robots_txt_disallows_the_site(tmp_path: Path, serve, status: int,
                                                 archived: int) -> None:
    """RFC 9309: a robots.txt answering 5xx means complete disallow; 4xx means no rules."""
    arts = [SiteArticle(slug=f"robots-story-{i}-about-tech", title=f"Robots story {i}")
            for i in range(2)]
    for art in arts:
        write(tmp_path / "site", f"{art.path}.html", art.html())
    write(tmp_path / "site", "sitemap.xml", sitemap([art.path for art in arts]))
    write(tmp_path / "site", "_status", f"/robots.txt {status}\n")
    base = serve(tmp_path / "site")
    out = tmp_path / "out"
    result = archiver_cmd("crawl", f"{base}/sitemap.xml", "--out", str(out), *LOCAL)
    assert result.returncode == 0, result.stderr
    assert len(read_archive(out)) == archived
    skipped = run_summary(out)["skipped"].get("robots_txt", 0)
    assert skipped == (1 if archived == 0 else 0)  # the sitemap itself is refused
    assert ("robots.txt of" in result.stderr) == (archived == 0)


def test_a_copy_naming_its_original_on_another_crawled_site_is_not_archived(
        tmp_path: Path, serve) -> None:
    """Site B's syndicated copy names site A's original as canonical, and both sites are
    crawled: the original is fetched and archived, the copy is not (before, a canonical
    link to another site was ignored and the copy was archived under its own URL)."""
    original = SiteArticle(slug="original-story-about-tech", title="Original story")
    copy = SiteArticle(slug="syndicated-story-about-tech", title="Original story",
                       paragraphs=original.text, canonical=original.path)
    root = tmp_path / "site"
    write(root, f"{original.path}.html", original.html())
    write(root, f"{copy.path}.html", copy.html())
    # http://127.0.0.1:PORT is site A; the same server as localhost is site B (the
    # server writes its 127.0.0.1 address into every canonical link).
    base = serve(root)
    copy_url = base.replace("127.0.0.1", "localhost") + copy.path
    out = tmp_path / "out"
    result = archiver_cmd("crawl", copy_url, "--allowed-domains", "localhost,127.0.0.1",
                          "--out", str(out), "-s", "ARCHIVER_DEPTH=0",
                          "-s", "ARCHIVER_ALLOW_PRIVATE_ADDRESSES=True", *LOCAL)
    assert result.returncode == 0, result.stderr
    records = read_archive(out)
    assert [r["canonical_url"] for r in records] == [base + original.path], result.stderr
    assert run_summary(out)["pages"]["alias"] == 1
