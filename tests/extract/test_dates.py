"""Publication dates: the day shown next to the headline, and its precedence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archiver.extract import dates
from archiver.extract.document import parse
from archiver.extract.page import Page

LIMIT = datetime(2025, 1, 1, tzinfo=UTC)
LONG = "A paragraph of the article that goes on for well over a hundred characters. " * 3


def _page(body: str, head: str = "", url: str = "https://example.com/news/story") -> Page:
    root = parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return Page(url, root)


def _no_htmldate(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(page: Page, limit: datetime) -> str | None:
        raise AssertionError("htmldate must not be needed")

    monkeypatch.setattr(dates, "fallback_date", fail)


def test_date_line_in_the_block_after_the_headline(monkeypatch: pytest.MonkeyPatch):
    _no_htmldate(monkeypatch)
    head = '<meta property="og:updated_time" content="2022-12-16T17:30:38+0100">'
    body = ('<header><div><h1>Headline here</h1></div>'
            '<div class="byline"><span class="byline__author">Von Jane Doe</span>'
            '<span class="byline__created-date">07 Dezember, 2022</span></div></header>'
            f'<p>{LONG}</p><ul class="teaser-list"><li><span class="date">12.10.2022</span>'
            '</li></ul>')
    assert dates.published(_page(body, head), LIMIT) == "2022-12-07"


def test_date_line_over_the_headline(monkeypatch: pytest.MonkeyPatch):
    _no_htmldate(monkeypatch)
    body = ('<main><div><h3 class="bb-teaser-meta">02.01.2022</h3><h1>Headline here</h1>'
            f'<p><em>Potsdam</em> – {LONG}</p></div></main>')
    assert dates.published(_page(body), LIMIT) == "2022-01-02"


def test_related_boxes_and_sentences_are_not_date_lines():
    body = ('<h1>Headline here</h1><ul class="related-posts"><li><a href="/a">Other</a>'
            '<span class="date">03.12.2020</span></li></ul>'
            '<p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr statt.</p>'
            '<p class="meta">Posted by Jane · <span>31. Oktober 2023</span></p>'
            f'<p>{LONG}</p><div class="comments"><time>01.11.2023</time></div>')
    assert dates.shown_dates(_page(body)) == [("2023-10-31", False)]


def test_updated_label_is_recognised():
    body = ('<h1>Headline here</h1><div class="timestamp">Updated May 06, 2019</div>'
            f'<p>{LONG}</p>')
    assert dates.shown_dates(_page(body)) == [("2019-05-06", True)]


def test_generic_date_meta_yields_to_the_day_shown():
    head = '<meta name="date" content="2021-12-20T11:02:44+01:00">'
    body = f'<h1>Headline here</h1><span class="date">27.01.2022</span><p>{LONG}</p>'
    assert dates.published(_page(body, head), LIMIT) == "2022-01-27"
    body = f'<h1>Headline here</h1><p>{LONG}</p>'
    assert dates.published(_page(body, head), LIMIT) == "2021-12-20T11:02:44+01:00"


def _ld(published: str, changed: str) -> str:
    return ('<script type="application/ld+json">{"@type":"Article","headline":"Headline here",'
            f'"datePublished":"{published}","dateModified":"{changed}"}}</script>')


def test_modification_day_shown_as_the_article_date():
    head = _ld("2021-11-29T14:13:37+00:00", "2022-01-12T14:27:30+00:00")
    body = ('<h1>Headline here</h1><div class="author"><span class="icon-calendar"></span>'
            f' 12.01.2022</div><p>{LONG}</p>')
    assert dates.published(_page(body, head), LIMIT) == "2022-01-12T14:27:30+00:00"


@pytest.mark.parametrize("shown", [
    "<div>Aktualisiert: 12.01.2022</div>",  # labelled as an update
    "<div>12.01.2022</div><div>29.11.2021</div>",  # the publication day is shown too
])
def test_modification_day_does_not_replace_a_shown_publication(shown: str):
    head = _ld("2021-11-29T14:13:37+01:00", "2022-01-12T14:27:30+01:00")
    body = f"<h1>Headline here</h1>{shown}<p>{LONG}</p>"
    assert dates.published(_page(body, head), LIMIT) == "2021-11-29T14:13:37+01:00"


def test_shown_day_picks_among_disagreeing_readings(monkeypatch: pytest.MonkeyPatch):
    _no_htmldate(monkeypatch)
    head = ('<meta property="article:published_time" content="2020-05-20T09:00:00+02:00">'
            '<meta itemprop="datePublished" content="2020-04-03T10:35:41+02:00">')
    body = f'<h1>Headline here</h1><p class="date">03.04.2020</p><p>{LONG}</p>'
    assert dates.published(_page(body, head), LIMIT) == "2020-04-03T10:35:41+02:00"


def test_url_month_finds_the_day_in_an_about_this_post_box():
    body = ('<div id="sidebar"><h2>Über diesen Artikel</h2><p><a href="/x">Post</a> wurde am '
            '<nobr>19. Mai 2010</nobr> um <nobr>23:03</nobr> Uhr gepostet</p></div>'
            f'<div id="content"><h1>Headline here</h1><p>{LONG}</p></div>'
            '<div id="footer"><p>© 2016 Theme by X</p></div>')
    page = _page(body, url="https://blog.example.de/2010/05/headline-here/")
    assert dates.published(page, LIMIT) == "2010-05-19"


def test_url_day_is_used_before_htmldate(monkeypatch: pytest.MonkeyPatch):
    _no_htmldate(monkeypatch)
    body = f"<h1>Headline here</h1><p>{LONG} Founded on 18.11.1920.</p>"
    page = _page(body, url="https://example.at/2021/10/20/headline-here/")
    assert dates.published(page, LIMIT) == "2021-10-20"


@pytest.mark.parametrize(("head", "body", "headline", "shown"), [
    # the <h1> matching the title, not a logo or navigation heading
    ('<meta property="og:title" content="Erinnerung an die Opfer">',
     '<h1 class="logo">Site</h1><h1>Navigation</h1><div><h1>Gedenktag Erinnerung '
     'an die Opfer</h1><p class="date">27.01.2022</p></div>',
     ("h1", "Gedenktag Erinnerung an die Opfer"), ("2022-01-27", False)),
    # no usable <h1>: the <h2> reading as the title
    ("<title>Pour le néolibéralisme | AOC</title>",
     '<h1 class="logo">Opinion</h1><div><h2 class="title">Pour le néolibéralisme</h2>'
     '<p class="byline">Par Jane Doe</p><a class="date">10.12.19</a></div>',
     ("h2", "Pour le néolibéralisme"), ("2019-12-10", False)),
])
def test_headline_is_the_heading_reading_as_the_title(
        head: str, body: str, headline: tuple[str, str], shown: tuple[str, bool]):
    page = _page(body, head)
    element = dates.headline_element(page)
    assert element is not None
    assert (element.tag, element.text) == headline
    assert dates.shown_dates(page) == [shown]


@pytest.mark.parametrize(("text", "day"), [
    ("31. Oktober 2023", "2023-10-31"), ("March 3, 2021", "2021-03-03"),
    ("3 mars 2020", "2020-03-03"), ("4 de mayo de 2022", "2022-05-04"),
    ("Sept. 9th, 2019", "2019-09-09"), ("Kapitel 3 von 2020", None),
    ("15 августа 2016, 13:43", "2016-08-15"), ("3 maja 2021", "2021-05-03"),
    ("12 січня 2020", "2020-01-12"),
])
def test_written_day(text: str, day: str | None):
    assert dates.written_day(text) == day


@pytest.mark.parametrize("stamp", [
    '<time class="updated" datetime="2018-11-12T17:36:26-08:00">Nov 12, 2018</time>',
    '<time class="LastUpdatedDateTime_root" datetime="2018-11-12T17:36:26-08:00">'
    'Aktualisiert: 12.11.2018</time>',
    '<time itemprop="dateModified" datetime="2018-11-12T17:36:26-08:00">12.11.2018</time>',
])
def test_an_update_time_under_the_headline_is_not_a_publication_reading(
        monkeypatch: pytest.MonkeyPatch, stamp: str):
    _no_htmldate(monkeypatch)
    head = '<meta property="article:published_time" content="2018-10-07T09:00:35-08:00">'
    body = f"<header><h1>Headline here</h1><div>{stamp}</div></header><p>{LONG}</p>"
    assert dates.published(_page(body, head), LIMIT) == "2018-10-07T09:00:35-08:00"


def _fallback(html: str, url: str = "https://blog.test/page") -> str | None:
    root = parse(html)
    assert root is not None
    return dates.fallback_date(Page(url, root), datetime(2026, 11, 27, tzinfo=UTC))


def test_copyright_year_is_no_publication_date() -> None:
    """htmldate reads "© 2016" as 2016-01-01; a page that never shows that day has no date."""
    page = ("<html><body><h1>Our training</h1><p>We teach diving to fire brigades in the "
            "region, with courses all year long and for every level.</p>"
            "<footer>© 2016 Taucher GmbH</footer></body></html>")
    assert _fallback(page) is None


@pytest.mark.parametrize("shown", ["Posted on January 1st, 2016", "01.01.2016",
                                   "am 1. Januar 2016", "le 1er janvier 2016"])
def test_new_year_shown_on_the_page_is_kept(shown: str) -> None:
    page = (f"<html><body><h1>New year</h1><p>{shown}</p><p>The year began with a "
            "concert in the old town square, as it has for decades.</p>"
            "<footer>© 2016 Example</footer></body></html>")
    assert _fallback(page) == "2016-01-01"


def test_generic_date_metas_are_read_in_a_fixed_order() -> None:
    """Two generic date metas that disagree: the first in ``PUBLISHED_META`` order wins in
    every process (they were read from a set, in hash-seed order)."""
    import subprocess
    import sys

    script = (
        "from datetime import UTC, datetime\n"
        "from archiver.extract import dates\n"
        "from archiver.extract.document import parse\n"
        "from archiver.extract.page import Page\n"
        "html = ('<html><head><meta name=\"date\" content=\"2020-01-05\">'\n"
        "        '<meta name=\"dcterms.created\" content=\"2020-01-04\">'\n"
        "        '<meta name=\"dc.date\" content=\"2020-01-03\"></head><body><h1>A story</h1>'\n"
        "        '<p>Words of the story, long enough to be a paragraph.</p></body></html>')\n"
        "page = Page(url='https://news.test/story', root=parse(html))\n"
        "print(dates.published(page, datetime(2026, 1, 1, tzinfo=UTC)))\n"
    )
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": str(seed), "PATH": ""}
                           ).stdout.strip()
            for seed in range(8)}
    assert seen == {"2020-01-03"}


_CARDS = ('<div class="swiper">'
          '<div class="slide"><article class="teaser"><h2><a href="/news/other">Other story</a>'
          '</h2><footer><span class="teaser__date">01. Juli 2020</span></footer></article></div>'
          '<div class="slide"><article class="teaser"><h2><a href="{own}">Our story</a></h2>'
          '<footer><span class="teaser__date">18. März 2020</span></footer></article></div>'
          '</div>')


@pytest.mark.parametrize("own", ["/news/story", "https://www.example.com/news/story/"])
def test_a_card_linking_to_the_page_itself_gives_its_day(monkeypatch: pytest.MonkeyPatch,
                                                         own: str):
    # the story shows no date of its own; the related-stories slider lists it with its day
    _no_htmldate(monkeypatch)
    body = f'<h1>Our story</h1><p>{LONG}</p><p>{LONG}</p>' + _CARDS.format(own=own)
    assert dates.published(_page(body), LIMIT) == "2020-03-18"


@pytest.mark.parametrize(
    "box",
    [
        # a list item linking to several stories is no card of ours
        '<ul class="latest"><li><a href="/news/story">Our story</a> '
        '<a href="/news/other">Other story</a> <span>18. März 2020</span></li></ul>',
        # a comment's permalink points into the page, its date is the comment's
        '<div class="comment"><p>Great!</p><a href="/news/story#comment-3">18. März 2020</a>'
        '</div>',
    ],
)
def test_links_to_the_page_that_are_no_card(monkeypatch: pytest.MonkeyPatch, box: str):
    monkeypatch.setattr(dates, "fallback_date", lambda page, limit: None)
    body = f'<h1>Our story</h1><p>{LONG}</p><p>{LONG}</p>{box}'
    assert dates.published(_page(body), LIMIT) is None
