"""Decoding and parsing of the page, and the ``<meta>`` tag index."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement
from w3lib.encoding import html_to_unicode

from archiver.extract.text import clean

_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
    remove_pis=True,
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def decode(html: str | bytes) -> str:
    """*html* as text: bytes are decoded by BOM, ``<meta charset>`` or detection."""
    if isinstance(html, str):
        return html
    _encoding, text = html_to_unicode(None, html)
    return text


def parse(text: str) -> HtmlElement | None:
    """The lxml tree of *text* (the ``<html>`` root), or None for empty or junk input."""
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (ParserError, ValueError):
        return None
    return root if isinstance(root, HtmlElement) else None


@dataclass
class Meta:
    """``<meta>`` contents by lower-cased name/property/itemprop, in document order."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def get(self, *keys: str) -> str | None:
        """The first non-empty value for the first key present."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        """Every value of every key, in key order."""
        return [v for key in keys for v in self.values.get(key, ()) if v]


def meta_index(root: HtmlElement) -> Meta:
    """Index every ``<meta>`` of the page by name, property, itemprop and http-equiv."""
    index: dict[str, list[str]] = defaultdict(list)
    for el in root.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        content = clean(content)
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                index[key.strip().lower()].append(content)
    return Meta(dict(index))


_SKIP_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "section", "article", "header", "footer", "figure", "figcaption", "table",
                    "tr", "td", "th", "dd", "dt", "blockquote", "time"})


def element_text(el: HtmlElement, sep: str = "") -> str:
    """The visible text of *el* (scripts, styles and buttons skipped), whitespace collapsed;
    inline elements are joined with *sep* (as written by default), block elements are
    separated by a space."""
    parts: list[str] = []
    _gather(el, parts, 0)
    return clean(sep.join(parts))


def _gather(el: HtmlElement, parts: list[str], depth: int) -> None:
    if el.text and isinstance(el.tag, str) and el.tag not in _SKIP_TEXT:
        parts.append(el.text)
    if depth < 200:
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TEXT:
                block = child.tag in _BLOCK
                if block:
                    parts.append(" ")
                _gather(child, parts, depth + 1)
                if block:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)


def classes(el: HtmlElement) -> str:
    """Lower-cased class and id of *el*, space separated (for vocabulary tests)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


_PARTS = re.compile(r"[\s_\-]+")


def class_words(el: HtmlElement) -> set[str]:
    """Lower-cased class/id tokens of *el* and their ``-``/``_`` separated parts."""
    raw = classes(el)
    words = set(raw.split())
    words.update(_PARTS.split(raw))
    words.discard("")
    return words


_BOILERPLATE = """
related teaser teasers promo promos recommended recommendations recommendation newsletter
advert advertisement ad ads sponsor sponsored share sharing social comment comments bio
avatar logo footer sidebar outbrain taboola nav navigation menu trending mostread
most-read more-stories read-more readmore thumbnail thumbnails breadcrumb breadcrumbs
"""
BOILERPLATE_WORDS = frozenset(_BOILERPLATE.split())


def in_boilerplate(el: HtmlElement, stop: frozenset[HtmlElement] = frozenset(),
                   levels: int = 10) -> bool:
    """Whether *el* or one of its close ancestors is a related/ad/share/comment/nav box.

    Ancestors in *stop* (e.g. those holding the headline) and page-level containers are never
    judged: their class names describe the page, not a box."""
    node: HtmlElement | None = el
    for _ in range(levels):
        if node is None or node.tag in ("body", "html", "main") or node in stop:
            return False
        if node.tag in ("aside", "nav", "footer") or class_words(node) & BOILERPLATE_WORDS:
            return True
        node = node.getparent()
    return False
