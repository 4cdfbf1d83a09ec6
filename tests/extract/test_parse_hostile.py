"""Parsing hostile HTML: excess nesting, control characters, junk."""

from __future__ import annotations

import time

import pytest

from archiver.extract.document import flatten_nesting, parse
from archiver.extract.feeds import xml_root_name
from archiver.pages import PageResult, process_page


def test_text_below_libxml2_depth_limit_survives() -> None:
    deep = ("<html><body>" + "<div>" * 10_000 + "<p>deep text</p>" + "</div>" * 10_000
            + "<p>after</p></body></html>")
    root = parse(deep)
    assert root is not None
    text = root.text_content()
    assert "deep text" in text
    assert "after" in text


def test_text_after_a_huge_attribute_survives() -> None:
    """An inline image over 10 MB (a ``data:`` URI) hit libxml2's buffer limit: the parse
    stopped there and the article's text was lost (``empty_extraction``)."""
    html = ('<html><body><img src="data:image/png;base64,' + "A" * 11_000_000
            + '"><p>text after the image</p></body></html>')
    root = parse(html)
    assert root is not None
    assert "text after the image" in root.text_content()


@pytest.mark.parametrize(
    ("html", "limit", "expected"),
    [
        ("<div><p>a<br>b</p><img src=x/></div>", 1, "<div>a<br>b<img src=x/></div>"),
        ("<div><p>a</p></div>", 5, "<div><p>a</p></div>"),
        ("<b>x</span></b>", 5, "<b>x</b>"),  # stray end tag dropped
        ("<div><div><div>t</div></div></div>", 2, "<div><div>t</div></div>"),
    ],
)
def test_flatten_nesting(html: str, limit: int, expected: str) -> None:
    assert flatten_nesting(html, limit) == expected


def test_control_characters_are_removed() -> None:
    root = parse("<html><head><title>a\x1b[31mb\x07c\x00</title></head><body>x</body></html>")
    assert root is not None
    assert root.findtext(".//title") == "a[31mbc"


@pytest.mark.parametrize("junk", ["", "   ", "\x00\x01", "<?xml version='1.0'?>"])
def test_junk_gives_none(junk: str) -> None:
    assert parse(junk) is None


@pytest.mark.parametrize(
    ("body", "root"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]>'
         b"<urlset><url><loc>&b;</loc></url></urlset>", "urlset"),
        (b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'/>", "sitemapindex"),
        (b"<rss version='2.0'><channel/></rss>", "rss"),
        (b"plain text", ""),
    ],
)
def test_xml_root_name(body: bytes, root: str) -> None:
    assert xml_root_name(body) == root


def test_drawings_and_style_sheets_are_dropped_text_around_them_kept() -> None:
    root = parse("<html><head><style>p{color:red}</style></head><body><p>Before "
                 "<svg><path d='M0'/><text>chart label</text></svg> after.</p>"
                 "<style>.x{}</style><p>Next.</p></body></html>")
    assert root is not None
    assert next(root.iter("svg", "style", "path"), None) is None
    assert [p.text_content() for p in root.iter("p")] == ["Before  after.", "Next."]


def test_program_scripts_are_dropped_data_scripts_kept() -> None:
    root = parse('<html><head><script>var published = "2012-04-17";</script>'
                 '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
                 '<script id="__NEXT_DATA__" type="application/json">{"a": 1}</script>'
                 '</head><body><p>Text <script type="module">go()</script>kept.</p>'
                 "</body></html>")
    assert root is not None
    assert [s.get("type") for s in root.iter("script")] == [
        "application/ld+json", "application/json"]
    assert root.find(".//p").text_content() == "Text kept."


def test_a_date_only_in_program_code_is_not_the_publication_date() -> None:
    from archiver.extract import extract_article

    paragraph = "<p>" + "A sentence of article text that goes on for a while. " * 8 + "</p>"
    html = ('<html><head><title>A page</title><script>var build = "2012-04-17T10:00:00";'
            'window.cfg = {"date": "2012-04-17"};</script></head><body><article>'
            f"<h1>A page without a date</h1>{paragraph * 3}</article></body></html>")
    record = extract_article(html, "https://news.example.com/story/a-page",
                             fetched_at="2026-11-27T00:00:00Z")
    assert record.body
    assert record.published is None


def _article_page(head: str = "", extra: str = "") -> tuple[PageResult, float]:
    """``process_page`` of an article with *head* in its ``<head>`` and *extra* between
    its two paragraphs, and the seconds it took."""
    text = "<p>" + "Running text of the article, long enough to count as text. " * 8 + "</p>"
    html = (f"<html><head><title>T</title>{head}</head><body><article><h1>Headline here</h1>"
            f"{text}{extra}{text}</article></body></html>")
    started = time.perf_counter()
    result = process_page(html, "https://example.com/2024/01/a.html", frozenset({"example.com"}))
    return result, time.perf_counter() - started


@pytest.mark.parametrize("bomb", ['{"a":' * 5000 + "1" + "}" * 5000, "[" * 5000 + "]" * 5000])
def test_json_ld_nested_too_deep_for_the_parser_is_ignored(bomb: str) -> None:
    """A JSON-LD block of thousands of nested brackets raised RecursionError, which
    failed the whole page in the worker; it is now unreadable metadata, nothing more."""
    result, _ = _article_page(head=f"<script type='application/ld+json'>{bomb}</script>")
    assert result.article is not None
    assert result.article.title == "Headline here"
    assert "Running text of the article" in result.article.body


def test_thousands_of_headings_bylines_and_figures_cost_linear_time() -> None:
    """A page of 3,000 ``<h1>``, 3,000 byline boxes and 3,000 credited figures: each used
    to be compared with all the others (the standfirst search walked the container of
    every ``<h1>``; bylines and figures were looked up in lists), 20 s and more."""
    n = 3000
    junk = "".join(f"<h1>Heading {i}</h1><span class='byline'>By Jane Doe{i}</span>"
                   f"<figure><img src='/i{i}.jpg'><figcaption>Caption {i}. Photo: Ann Lee"
                   "</figcaption></figure>" for i in range(n))
    result, seconds = _article_page(extra=junk)
    assert seconds < 8.0
    assert result.article is not None
    assert len(result.article.images) == n


def test_thousands_of_credited_json_ld_images_cost_linear_time() -> None:
    """6,000 credited JSON-LD ImageObjects: each was compared with every image before it
    (21 s); they are indexed by file name now."""
    n = 6000
    images = ",".join(f'{{"@type":"ImageObject","url":"https://example.com/i{i}.jpg",'
                      f'"creditText":"Agency {i}"}}' for i in range(n))
    result, seconds = _article_page(
        head=f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"H",'
             f'"image":[{images}]}}</script>')
    assert seconds < 6.0
    assert result.article is not None
    assert len(result.article.images) == n
