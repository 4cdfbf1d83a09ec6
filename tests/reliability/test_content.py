"""Content faults: lying or missing charsets, truncated HTML, empty bodies, binary files,
JavaScript-only articles, malformed and hostile (billion laughs, XXE) feeds and sitemaps."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest

from tests.faultserver import CP1252_PHRASE, LATIN1_PHRASE
from tests.reliability.conftest import Crawl, run_crawl
from tests.sitebuilder import prose

if TYPE_CHECKING:
    from tests.faultserver import FaultServer

pytestmark = pytest.mark.crawl

FEEDS = ["/feeds/good.xml", "/feeds/truncated.xml", "/feeds/laughs.xml", "/feeds/xxe.xml",
         "/sitemaps/laughs.xml", "/feeds/bad-urls.xml"]
MOJIBAKE = ("\ufffd", "Ã", "â€", "Â")
PASSWD = ("root:x:0:0", "/bin/bash", "/usr/sbin/nologin", "daemon:x:")


@pytest.fixture(scope="module")
def content_crawl(module_server: FaultServer,
                  tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """The ``/content/`` group plus the good, malformed and hostile feeds as start URLs."""
    return run_crawl(module_server, tmp_path_factory.mktemp("content"), ["/content/", *FEEDS],
                     timeout=60)


def test_content_crawl_finishes_with_valid_archive(content_crawl: Crawl) -> None:
    assert content_crawl.returncode == 0, content_crawl.context()
    assert content_crawl.seconds < 30
    paths = content_crawl.paths()
    assert len(paths) == len(set(paths)), "a page was archived twice"
    for path in ("/good/content-1", "/good/feed-1", "/charset/latin1-as-utf8",
                 "/charset/cp1252-undeclared", "/truncated", "/broken-links"):
        assert path in paths, f"{path} not archived: {paths}"


def test_latin1_labelled_utf8_is_decoded(content_crawl: Crawl) -> None:
    record = content_crawl.record("/charset/latin1-as-utf8")
    assert record["title"] == "Café naïve"
    assert LATIN1_PHRASE in record["body"]


def test_undeclared_windows_1252_is_decoded(content_crawl: Crawl) -> None:
    record = content_crawl.record("/charset/cp1252-undeclared")
    assert record["title"] == "Zoë’s café — “naïve”"
    assert CP1252_PHRASE in record["body"]


def test_no_record_has_mojibake(content_crawl: Crawl) -> None:
    for record in content_crawl.records:
        text = f"{record['title']}\n{record['body']}"
        assert not [m for m in MOJIBAKE if m in text], record["url"]


def test_truncated_html_is_archived(content_crawl: Crawl) -> None:
    record = content_crawl.record("/truncated")
    assert prose("truncated")[0] in record["body"]


def test_malformed_link_and_picture_urls_lose_nothing_else(content_crawl: Crawl) -> None:
    """A link or picture URL that urllib refuses ("http://[x") is skipped: the article is
    archived with its other pictures (before, one such link failed the whole page)."""
    record = content_crawl.record("/broken-links")
    assert prose("broken-links")[0] in record["body"]
    assert [(i["url"].rsplit("/", 1)[-1], i["credit"]) for i in record["images"]] == [
        ("good.jpg", "Max Muster")]


def test_feed_entries_urllib_refuses_are_skipped_and_the_rest_followed(
        content_crawl: Crawl) -> None:
    assert "/good/feed-6" in content_crawl.paths(), content_crawl.context()
    assert content_crawl.summary["skipped"].get("bad_url") == 2, \
        content_crawl.context()


def test_cut_gzip_stream_is_an_error_not_a_partial_article(content_crawl: Crawl) -> None:
    # A gzip body cut in half (Content-Length matching the cut): counted, logged, not
    # archived; the same page in two complete gzip members is archived whole.
    assert content_crawl.summary["error_reasons"].get("truncated") == 1, content_crawl.context()
    assert "/gzip-cut" not in content_crawl.paths()
    assert any("/gzip-cut" in line and "truncated" in line
               for line in content_crawl.log.splitlines())
    record = content_crawl.record("/gzip-members")
    assert record["body"].endswith(prose("gzip-members")[-1])


def test_empty_body_is_skipped(content_crawl: Crawl) -> None:
    assert content_crawl.summary["skipped"].get("empty_body") == 1
    assert "/empty" not in content_crawl.paths()


def test_binary_files_are_skipped_not_archived(content_crawl: Crawl) -> None:
    # PDF and JPEG by content type, JPEG bytes labelled text/html by sniffing.
    assert content_crawl.summary["skipped"].get("not_html") == 3, content_crawl.context()
    for path in ("/bin/report", "/bin/photo", "/bin/fake-html"):
        assert path not in content_crawl.paths()
    for record in content_crawl.records:
        assert "JFIF" not in record["body"]
        assert "PDF-1.7" not in record["body"]


def test_javascript_only_article_is_empty_extraction(content_crawl: Crawl) -> None:
    assert content_crawl.summary["dropped"].get("empty_extraction") == 1
    assert "/js-only" not in content_crawl.paths()
    assert not any("Rendered by script" in (r["title"] or "") for r in content_crawl.records)


def test_hostile_feeds_expand_nothing_and_leak_nothing(content_crawl: Crawl) -> None:
    archive = "\n".join(f"{r['title']}\n{r['body']}\n{r['url']}" for r in content_crawl.records)
    for text in (archive, content_crawl.log, content_crawl.stderr):
        assert not [p for p in PASSWD if p in text], "file contents leaked"
        assert "lollollollol" not in text, "an entity was expanded"
    for entry in content_crawl.server.log:
        assert not [p for p in PASSWD if p in unquote(entry["path"])], entry
    # The sitemap with a DTD is still recognised as a sitemap (and parsed inertly).
    assert content_crawl.summary["pages"].get("sitemap") == 1, "DOCTYPE sitemap not routed"
    # The crawl goes on after the hostile documents: the good feed's entry is archived.
    content_crawl.record("/good/feed-1")
