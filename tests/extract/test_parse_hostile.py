"""Parsing hostile HTML: excess nesting, control characters, junk."""

from __future__ import annotations

import pytest

from archiver.extract.document import flatten_nesting, parse
from archiver.extract.feeds import xml_root_name


def test_text_below_libxml2_depth_limit_survives() -> None:
    deep = ("<html><body>" + "<div>" * 10_000 + "<p>deep text</p>" + "</div>" * 10_000
            + "<p>after</p></body></html>")
    root = parse(deep)
    assert root is not None
    text = root.text_content()
    assert "deep text" in text
    assert "after" in text


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
