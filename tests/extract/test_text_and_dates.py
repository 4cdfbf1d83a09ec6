"""Helpers: text normalisation and date parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archiver.extract.dates import not_after, to_iso
from archiver.extract.text import clean, norm_key, word_count


def test_clean_and_keys():
    assert clean(" a\u00ad b\n\t c\u200b ") == "a b c"
    assert norm_key("Hello, World!") == norm_key("hello world")
    assert word_count("one two, three : l'article") == 4


def test_chinese_and_japanese_characters_count_as_words():
    # No spaces between words: each character is one (a paragraph was one "word").
    assert word_count("北京科技公司今天发布了新的人工智能芯片。") == 19
    assert word_count("東京でiPhone 16が発表されました。") == 13


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-05-19T21:00:00Z", "2024-05-19T21:00:00+00:00"),
        ("2024-05-19T21:00:00+0200", "2024-05-19T21:00:00+02:00"),
        ("2024-05-19T21:00:00.123-05:00", "2024-05-19T21:00:00-05:00"),
        ("2024-05-19", "2024-05-19"),
        ("2024-05-19 08:30", "2024-05-19T08:30:00"),
        ("Tue, 19 May 2026 21:00:00 GMT", "2026-05-19T21:00:00+00:00"),
        ("20240519", "2024-05-19"),
        ("not a date", None),
        ("2024-13-45", None),
    ],
)
def test_to_iso(raw: str, iso: str | None):
    assert to_iso(raw) == iso


def test_not_after():
    limit = datetime(2024, 1, 1, tzinfo=UTC)
    assert not_after("2023-12-31T23:00:00+00:00", limit) == "2023-12-31T23:00:00+00:00"
    assert not_after("2024-01-01T01:00:00+00:00", limit) is None
    assert not_after("2024-01-02", limit) is None
    assert not_after("2024-01-01", limit) == "2024-01-01"


def _page(head: str, body: str = ""):
    from archiver.extract.document import parse
    from archiver.extract.page import Page

    root = parse(f"<html><head>{head}</head><body><article><h1>Headline here</h1>{body}"
                 "<p>Some text of the article.</p></article></body></html>")
    assert root is not None
    return Page("https://example.com/news/story", root)


def test_published_prefers_jsonld_and_next_day_print_dates_do_not_override():
    from archiver.extract.dates import published

    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"Headline here",'
            '"datePublished":"2024-04-25T19:30:04+02:00"}</script>')
    body = '<time datetime="2024-04-26">26.04.2024</time>'
    limit = datetime(2025, 1, 1, tzinfo=UTC)
    assert published(_page(head, body), limit) == "2024-04-25T19:30:04+02:00"


def test_utc_value_shown_in_local_time():
    from archiver.extract.dates import published

    head = '<meta property="article:published_time" content="2023-11-09T05:30:59+00:00">'
    body = '<time datetime="2023-11-08 23:30:59">Nov 8, 2023</time>'
    limit = datetime(2025, 1, 1, tzinfo=UTC)
    assert published(_page(head, body), limit) == "2023-11-08T23:30:59-06:00"


def _page_at(url: str, head: str, body: str = ""):
    from archiver.extract.document import parse
    from archiver.extract.page import Page

    root = parse(f"<html><head>{head}</head><body><article><h1>Headline here</h1>{body}"
                 "<p>Some text of the article.</p></article></body></html>")
    return Page(url, root)


def test_url_day_settles_a_utc_reading_one_day_off():
    from archiver.extract.dates import published

    head = '<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">'
    page = _page_at("https://example.com/2020/02/24/story/", head)
    assert published(page, datetime(2025, 1, 1, tzinfo=UTC)) == "2020-02-24"


def test_url_day_replaces_a_reading_far_away_but_not_a_later_update():
    from archiver.extract.dates import published

    limit = datetime(2025, 1, 1, tzinfo=UTC)
    head = '<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">'
    assert published(_page_at("https://example.com/home/2017/7/12/story", head),
                     limit) == "2017-07-12"
    head = '<meta property="article:published_time" content="2022-05-08T06:00:00-05:00">'
    assert published(_page_at("https://example.com/news/2022/05/02/story/", head),
                     limit) == "2022-05-08T06:00:00-05:00"


def test_utc_midnight_of_central_europe_is_the_next_day():
    from archiver.extract.dates import published

    limit = datetime(2025, 1, 1, tzinfo=UTC)
    head = '<meta property="article:published_time" content="2021-11-04T23:00:00+00:00">'
    assert published(_page(head), limit) == "2021-11-05"
    head = '<meta property="article:published_time" content="2021-11-04T21:00:00+00:00">'
    assert published(_page(head), limit) == "2021-11-04T21:00:00+00:00"


@pytest.mark.parametrize(
    ("shown", "day"),
    [
        ("<p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde</p>", "2019-08-16"),
        ("<span>Erschienen am:</span><h2>13.10.2021</h2>", "2021-10-13"),
        ("<div>Published: 2021-10-13</div>", "2021-10-13"),
    ],
)
def test_labelled_publication_date_outranks_time_elements(shown: str, day: str):
    from archiver.extract.dates import published

    limit = datetime(2025, 1, 1, tzinfo=UTC)
    body = f'<time datetime="2022-08-24T03:36:11+02:00">24.08.2022</time>{shown}'
    assert published(_page("", body), limit) == day


def test_time_element_without_datetime_attribute_is_read_from_its_text():
    from archiver.extract.dates import _time_elements, published

    body = '<time class="field-node-create-date">\n  31.03.2020  </time>'
    assert _time_elements(_page("", body)) == ["2020-03-31"]
    assert published(_page("", body), datetime(2025, 1, 1, tzinfo=UTC)) == "2020-03-31"


def test_day_written_on_the_byline_line_under_the_headline():
    from archiver.extract.dates import published

    body = ('<p class="post-byline">von <a rel="author" href="/author/es">es</a> · '
            '<span class="published">31. Oktober 2023</span></p>'
            '<ul class="related-posts"><li><article><p class="post-date">'
            '<time datetime="2020-12-03 07:32:49">3. Dezember 2020</time></p></article></li></ul>')
    limit = datetime(2025, 1, 1, tzinfo=UTC)
    assert published(_page("", body), limit) == "2023-10-31"


def test_day_on_the_first_line_of_the_block_under_the_headline():
    from archiver.extract.dates import published

    long = "A paragraph of the article that goes on for well over a hundred characters. " * 2
    body = (f"<div><p>1. Februar 2022 , Jane Doe</p><figure></figure><p>{long}</p></div>"
            '<div class="sidebar"><a href="/x">Other story</a> '
            '<span class="date">2022/01/21</span></div>')
    limit = datetime(2025, 1, 1, tzinfo=UTC)
    assert published(_page("", body), limit) == "2022-02-01"


def test_a_sentence_naming_a_day_is_not_a_date_line():
    from archiver.extract.dates import headline_day

    body = "<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Cafe statt.</p>"
    assert headline_day(_page("", body)) is None
