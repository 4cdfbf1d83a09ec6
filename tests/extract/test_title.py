"""Headline selection."""

from __future__ import annotations

from archiver.extract.document import parse
from archiver.extract.page import Page
from archiver.extract.title import strip_site, title


def build(head: str, body: str) -> Page:
    root = parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    return Page("https://www.example.com/a", root)


def test_h1_wins_over_title_with_site_suffix():
    page = build("<title>Big news today | Example</title>",
                 '<a class="logo"><h1>Example</h1></a><article><h1>Big news today</h1></article>')
    assert title(page) == "Big news today"


def test_kicker_joined_like_the_jsonld_headline():
    page = build(
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"headline":"Flood inquiry: Two resignations"}</script>',
        '<h1><span class="kicker">Flood inquiry</span> <span>Two resignations</span></h1>')
    assert title(page) == "Flood inquiry: Two resignations"


def test_no_h1_falls_back_to_og_title_without_site():
    page = build('<meta property="og:site_name" content="Example">'
                 '<meta property="og:title" content="A headline - Example">', "<p>x</p>")
    assert title(page) == "A headline"


def test_strip_site():
    assert strip_site("Story | Example News", {"example news"}) == "Story"
    assert strip_site("Story: part two", {"example"}) == "Story: part two"
