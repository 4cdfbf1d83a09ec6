"""Author names from byline strings and JSON-LD shapes."""

from __future__ import annotations

import pytest

from archiver.extract.byline import authors, split_names
from archiver.extract.document import parse
from archiver.extract.page import Page


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe & Max Muster", ["Jane Doe", "John Roe", "Max Muster"]),
        ("Von Erika Mustermann und Max Muster", ["Erika Mustermann", "Max Muster"]),
        ("By Lance Ulanoff, Senior Editor", ["Lance Ulanoff"]),
        ("Sead Fadilpašić published 14 November 2019", ["Sead Fadilpašić"]),
        ("Yasmine Hassan · CBC News · Posted: Aug 08, 2024", ["Yasmine Hassan"]),
        ("By Łukasz Wróblewski, Hardware Editor", ["Łukasz Wróblewski"]),
        ("Harald Bauer Autor", ["Harald Bauer"]),
        ("Vom Krimiblogger", ["Krimiblogger"]),
        ("Jens Bergmann Foto: Michael Hudler", ["Jens Bergmann"]),
        ("Autor: Peter Maahn", ["Peter Maahn"]),
        ("Staff Writer", []),
        ("", []),
    ],
)
def test_split_names(text: str, names: list[str]):
    assert split_names(text) == names


def page(ld: str, body: str = "") -> Page:
    html = (f"<html><head><script type='application/ld+json'>{ld}</script></head>"
            f"<body><article><h1>T</h1>{body}<p>text</p></article></body></html>")
    root = parse(html)
    assert root is not None
    return Page("https://example.com/a", root)


@pytest.mark.parametrize(
    "ld",
    [
        '{"@type":"NewsArticle","headline":"T","author":"Jane Doe"}',
        '{"@type":"NewsArticle","headline":"T","author":{"@type":"Person","name":"Jane Doe"}}',
        '{"@type":"NewsArticle","headline":"T","author":[{"@type":"Person","name":"Jane Doe"}]}',
        '{"@graph":[{"@type":"Person","@id":"#p","name":"Jane Doe"},'
        '{"@type":"Article","headline":"T","author":{"@id":"#p"}}]}',
        '[{"@type":"BlogPosting","headline":"T","author":{"@type":"Person",'
        '"givenName":"Jane","familyName":"Doe"}}]',
    ],
)
def test_jsonld_author_shapes(ld: str):
    assert authors(page(ld))[0] == ["Jane Doe"]


def test_person_beats_organisation_and_visible_byline_is_kept_raw():
    ld = ('{"@type":"NewsArticle","headline":"T","author":[{"@type":"Organization",'
          '"name":"Example News"},{"@type":"Person","name":"Jane Doe"}]}')
    names, raw = authors(page(ld, '<p class="byline">By Jane Doe</p>'), "Example News")
    assert names == ["Jane Doe"]
    assert raw == "By Jane Doe"


def test_comment_authors_are_ignored():
    body = ('<div class="comments"><span class="comment-author">Troll123</span></div>'
            '<div class="byline">By Jane Doe</div>')
    assert authors(page('{"@type":"WebSite"}', body))[0] == ["Jane Doe"]


def test_jsonld_desk_names_are_kept_whole():
    ld = ('{"@type":"NewsArticle","headline":"T","author":[{"@type":"Person",'
          '"name":"BR24 Redaktion"}]}')
    assert authors(page(ld))[0] == ["BR24 Redaktion"]


def test_label_alone_takes_the_following_text():
    body = '<div><h5 class="title-inline">Autor: </h5>Peter Maahn/SP-X</div>'
    assert authors(page('{"@type":"WebSite"}', body))[0] == ["Peter Maahn"]


def test_sources_are_not_authors():
    body = '<div class="article-author">Quelle: sid/dpa</div>'
    ld = ('{"@type":"NewsArticle","headline":"T","author":{"@type":"Organization",'
          '"name":"sportschau.de"}}')
    assert authors(page(ld, body))[0] == ["sportschau.de"]
