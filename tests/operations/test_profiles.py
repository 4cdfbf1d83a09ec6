"""Site profiles (``sites.toml``): validation errors, translation to spider arguments and
settings, selector overrides. Offline and fast; crawls are in test_profile_crawl.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from archiver.extract.article import extract_page
from archiver.extract.document import parse
from archiver.extract.overrides import Overrides, Selector
from archiver.extract.page import Page
from archiver.profiles import ProfileError, load_profiles, select_profiles
from archiver.spiders.news import NewsSpider
from tests.conftest import REPO
from tests.sitebuilder import SiteArticle

GOOD = """
[sites.verge]
start_urls = ["https://www.theverge.com/"]
feeds = ["https://www.theverge.com/rss/index.xml"]
sitemaps = ["https://www.theverge.com/robots.txt"]
allowed_domains = ["theverge.com"]
article_patterns = ['/\\d{4}/\\d{1,2}/', '/news/\\d+/']
skip_patterns = ['/authors/', '/search']
max_pages = 300
concurrency = 2
delay = 1.5
depth = 2

[sites.verge.selectors]
byline = { css = "span.byline" }
body = { xpath = "//div[@class='body']" }

[sites.other]
feeds = ["https://example.org/feed"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, "utf-8")
    return path


def test_shipped_sites_toml_is_valid() -> None:
    profiles = load_profiles(REPO / "sites.toml")
    assert {"techradar", "verge", "arstechnica", "wired", "zdnet", "demo"} <= set(profiles)
    for profile in profiles.values():
        assert profile.urls
        assert profile.max_pages
        assert profile.concurrency
    demo = profiles["demo"]
    assert demo.urls[0].startswith("http://127.0.0.1:8000/")
    assert demo.selectors.credit == Selector("css", "figure .credit")


def test_profile_fields_and_settings(tmp_path: Path) -> None:
    profiles = load_profiles(write(tmp_path, GOOD))
    verge = profiles["verge"]
    assert verge.urls == ["https://www.theverge.com/", "https://www.theverge.com/rss/index.xml",
                          "https://www.theverge.com/robots.txt"]
    assert verge.settings() == {
        "ARCHIVER_MAX_PAGES_PER_SITE": 300, "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_DELAY": 1.5, "ARCHIVER_DEPTH": 2,
    }
    assert verge.selectors == Overrides(byline=Selector("css", "span.byline"),
                                        body=Selector("xpath", "//div[@class='body']"))
    args = verge.spider_args()
    assert args["allowed_domains"] == "theverge.com"
    assert args["skip_patterns"] == "/authors/ /search"
    other = profiles["other"]
    assert other.settings() == {}
    assert other.domains == ["example.org"]
    assert not other.selectors


def test_select_profiles_keeps_order_and_rejects_unknown(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert [p.name for p in select_profiles(path, None)] == ["verge", "other"]
    assert [p.name for p in select_profiles(path, ["other", "verge"])] == ["other", "verge"]
    with pytest.raises(ProfileError, match=r"no site 'wired' \(sites: verge, other\)"):
        select_profiles(path, ["wired"])


BASE = '[sites.verge]\nstart_urls = ["https://www.theverge.com/"]\n'


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (BASE + "article_patterns = ['ok', '(']",
         "[sites.verge] article_patterns[1]: bad regex '(': missing ), unterminated subpattern"),
        (BASE + "max_page = 3", "[sites.verge] max_page: unknown key"),
        (BASE + 'max_pages = "10"', "[sites.verge] max_pages: expected an integer >= 0, got '10'"),
        (BASE + "max_pages = true", "[sites.verge] max_pages: expected an integer >= 0"),
        (BASE + "concurrency = 0", "[sites.verge] concurrency: expected an integer >= 1, got 0"),
        (BASE + "delay = -1", "[sites.verge] delay: expected seconds >= 0, got -1"),
        (BASE + "skip_patterns = '/tag/'", None),  # one string is a list of one
        (BASE + "skip_patterns = [1]", "[sites.verge] skip_patterns[0]: expected a non-empty "
                                       "string, got 1"),
        ('[sites.verge]\nfeeds = ["www.theverge.com/rss"]',
         "[sites.verge] feeds[0]: bad URL 'www.theverge.com/rss': expected an absolute"),
        ('[sites.verge]\nstart_urls = ["https://x.com:99999/"]',
         "[sites.verge] start_urls[0]: bad URL"),
        (BASE + 'allowed_domains = ["https://theverge.com/"]',
         "[sites.verge] allowed_domains[0]: bad domain 'https://theverge.com/'"),
        ("[sites.verge]\nmax_pages = 3", "[sites.verge]: no URLs: give start_urls, feeds"),
        (BASE + '[sites.verge.selectors]\nbyline = { css = "div[[" }',
         "[sites.verge] selectors.byline.css: bad CSS selector 'div[['"),
        (BASE + '[sites.verge.selectors]\nbody = { xpath = "//div[" }',
         "[sites.verge] selectors.body.xpath: bad xpath selector '//div['"),
        (BASE + '[sites.verge.selectors]\nbody = { css = "a", xpath = "//a" }',
         "[sites.verge] selectors.body: expected {css = \"...\"} or {xpath = \"...\"}"),
        (BASE + '[sites.verge.selectors]\nbody = "article"',
         "[sites.verge] selectors.body: expected {css"),
        (BASE + '[sites.verge.selectors]\nheadline = { css = "h1" }',
         "[sites.verge] selectors.headline: unknown field (known: byline, credit, body)"),
        (BASE + 'selectors = "x"', "[sites.verge] selectors: expected a table"),
        ('[sites."bad name"]\nfeeds = ["https://a.com/f"]', "[sites.bad name]: bad site name"),
        ("[sites]\nverge = 3", "sites.verge must be a table"),
        ("[site.verge]\nfeeds = []", "unknown top-level key 'site'"),
        ("title = 'x'\n", "unknown top-level key 'title'"),
        ("", "no sites: add a [sites.NAME] table"),
        ("[sites.verge\n", "not valid TOML"),
    ],
)
def test_validation_errors_name_file_site_and_key(tmp_path: Path, toml: str,
                                                  message: str | None) -> None:
    path = write(tmp_path, toml)
    if message is None:
        load_profiles(path)
        return
    with pytest.raises(ProfileError) as caught:
        load_profiles(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"nope\.toml: no such file"):
        load_profiles(tmp_path / "nope.toml")


def test_spider_takes_the_profile_and_its_settings(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    crawler = Crawler(NewsSpider, Settings({"DOWNLOAD_DELAY": 1.0}))
    crawler.settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 7, priority="cmdline")  # -s wins
    spider = NewsSpider.from_crawler(crawler, site="verge", sites=str(path))
    assert spider.start_urls[0] == "https://www.theverge.com/"
    assert spider.allowed_domains == ["theverge.com"]
    assert [p.pattern for p in spider.skip_patterns] == ["/authors/", "/search"]
    assert len(spider.article_patterns) == 2
    assert spider.overrides
    assert spider.overrides.byline == Selector("css", "span.byline")
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 1.5
    assert crawler.settings.getint("ARCHIVER_MAX_PAGES_PER_SITE") == 300
    assert crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 7
    assert spider.max_depth == 2


def test_spider_patterns_without_profile() -> None:
    spider = NewsSpider(start_urls="https://a.example/", skip_patterns=r"/tag/ \?page=\d+",
                        article_patterns=["/news/"])
    assert [p.pattern for p in spider.skip_patterns] == ["/tag/", r"\?page=\d+"]
    assert [p.pattern for p in spider.article_patterns] == ["/news/"]
    assert spider.profile is None
    assert spider.overrides is None


def _page(extra: str = "") -> Page:
    art = SiteArticle(slug="override-me-please-now", title="Override me", author="Jane Doe")
    html = art.html().replace("__BASE_URL__", "https://news.example").replace(
        "</article>", extra + "</article>")
    root = parse(html)
    assert root is not None
    return Page(url="https://news.example/news/override-me-please-now", root=root)


def test_overrides_replace_byline_body_and_credit() -> None:
    extra = ("<div class='real-byline'>By Robin Override and Kim Other</div>"
             "<figure><img src='/img/a.jpg' alt='A chip'><figcaption>A chip."
             "<span class='photo-by'>(Image credit: Acme Labs)</span></figcaption></figure>"
             "<div class='story'><p>First real paragraph.</p><p>Second real one.</p></div>")
    page = _page(extra)
    plain = extract_page(page)
    assert plain.authors == ["Jane Doe"]
    overrides = Overrides(byline=Selector("css", ".real-byline"),
                          body=Selector("xpath", "//div[@class='story']"),
                          credit=Selector("css", ".photo-by"))
    record = extract_page(page, overrides=overrides)
    assert record.authors == ["Robin Override", "Kim Other"]
    assert record.byline == "By Robin Override and Kim Other"
    assert record.body == "First real paragraph.\n\nSecond real one."
    assert record.word_count == 6
    assert record.content_hash != plain.content_hash
    credits = {image.url: image.credit for image in record.images}
    assert credits.get("https://news.example/img/a.jpg") == "Acme Labs"


def test_override_matching_nothing_keeps_the_extracted_field() -> None:
    page = _page()
    plain = extract_page(page)
    record = extract_page(page, overrides=Overrides(byline=Selector("css", ".nothing"),
                                                    body=Selector("css", ".nothing")))
    assert (record.authors, record.body) == (plain.authors, plain.body)
