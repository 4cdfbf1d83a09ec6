from __future__ import annotations

import json

import lxml.html
import pytest

from archiver.extract.classify import PageKind, classify_page
from archiver.extract.page import Page

PROSE = "".join(
    f"<p>Paragraph {i} of the story says something substantial about chips, phones and the "
    "cloud, in full sentences that a person would actually read to the end.</p>"
    for i in range(8)
)
LONG_TEASERS = "".join(
    f'<div class="card"><h2><a href="/news/story-{i}">Story {i}</a></h2><p>A teaser of the '
    f"story number {i}, long enough to read like a sentence of prose, and then some more.</p>"
    "</div>"
    for i in range(20)
)
TEASERS = "".join(
    f'<article><h2><a href="/news/story-number-{i}-about-things">Story {i}</a></h2>'
    f"<p>Short teaser {i}.</p></article>"
    for i in range(12)
)


def page(body: str, head: str = "", url: str = "https://x.test/x") -> Page:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return Page(url=url, root=lxml.html.document_fromstring(html))


def ld(kind: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": kind})}</script>'


@pytest.mark.parametrize(
    ("url", "head", "body", "kind"),
    [
        ("https://x.test/news/a-long-story-slug-here", ld("NewsArticle"), PROSE, PageKind.ARTICLE),
        ("https://x.test/p/123", "", PROSE, PageKind.ARTICLE),
        ("https://x.test/2024/05/story", '<meta property="og:type" content="article">',
         "<p>Short.</p>" * 3, PageKind.ARTICLE),
        ("https://x.test/", '<meta property="og:type" content="website">', TEASERS,
         PageKind.INDEX),
        ("https://x.test/section/security", "", TEASERS, PageKind.INDEX),
        ("https://x.test/section/security/page/2", ld("CollectionPage"), TEASERS + PROSE,
         PageKind.INDEX),
        ("https://x.test/about", "", "<p>We are a small team.</p>", PageKind.INDEX),
        # og:type "website" is many CMSs' default for every page: the prose decides
        ("https://x.test/daily/cowboy-boots", '<meta property="og:type" content="website">',
         f"<article>{PROSE}</article>", PageKind.ARTICLE),
        # plenty of teaser text, but one paragraph per card: an index
        ("https://x.test/technology", "", LONG_TEASERS, PageKind.INDEX),
        # a declared article without <p> prose (text in divs, or injected by script)
        ("https://x.test/p/42", '<meta property="og:type" content="article">',
         "<div>Some text</div>", PageKind.ARTICLE),
    ],
)
def test_classify_page(url: str, head: str, body: str, kind: PageKind) -> None:
    assert classify_page(page(body, head, url)) is kind


def test_jsonld_graph_and_broken_json() -> None:
    graph = {"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"]}]}
    head = (
        '<script type="application/ld+json">{broken</script>'
        f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    )
    assert classify_page(page(PROSE, head)) is PageKind.ARTICLE


def test_articles_listed_in_an_index_page_do_not_make_it_an_article() -> None:
    listing = {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": i, "item": {"@type": "NewsArticle", "headline": "h"}}
        for i in range(5)]}
    head = f'<script type="application/ld+json">{json.dumps(listing)}</script>'
    assert classify_page(page(TEASERS, head, "https://x.test/latest")) is PageKind.INDEX
