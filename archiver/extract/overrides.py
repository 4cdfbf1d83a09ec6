"""Per-site selector overrides: CSS or XPath selectors that replace the byline (and
authors), the image credit or the body where generic extraction is wrong on a site.

Pure: a parsed page and its extracted record in, the corrected record out; no Scrapy.
The selectors come from a site profile (``sites.toml``, :mod:`archiver.profiles`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from archiver.extract.byline import split_names
from archiver.extract.images import image_src, strip_labels
from archiver.extract.text import clean, content_hash, word_count

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from archiver.extract.page import Page
    from archiver.items import Article

CSS = "css"
XPATH = "xpath"
FIELDS = ("byline", "credit", "body")
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption")


@dataclass(frozen=True)
class Selector:
    """One CSS or XPath selector (*kind* is ``css`` or ``xpath``)."""

    kind: str
    expr: str

    def __str__(self) -> str:
        return f"{self.kind} {self.expr!r}"


@dataclass(frozen=True)
class Overrides:
    """Selectors for the fields generic extraction gets wrong on one site."""

    byline: Selector | None = None
    credit: Selector | None = None
    body: Selector | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, name) is not None for name in FIELDS)


@lru_cache(maxsize=256)
def compile_selector(selector: Selector) -> etree.XPath:
    """The compiled XPath of *selector*; raises ``ValueError`` when it is invalid."""
    expr = selector.expr
    if selector.kind == CSS:
        from cssselect import GenericTranslator, SelectorError

        try:
            expr = GenericTranslator().css_to_xpath(selector.expr)
        except SelectorError as exc:
            raise ValueError(f"bad CSS selector {selector.expr!r}: {exc}") from None
    elif selector.kind != XPATH:
        raise ValueError(f"unknown selector kind {selector.kind!r} (css or xpath)")
    try:
        return etree.XPath(expr)
    except etree.XPathError as exc:
        raise ValueError(f"bad {selector.kind} selector {selector.expr!r}: {exc}") from None


def select(root: HtmlElement, selector: Selector) -> list[HtmlElement]:
    """The elements *selector* matches under *root*, in document order (strings and
    attribute values an XPath may return are ignored)."""
    found = compile_selector(selector)(root)
    if not isinstance(found, list):
        return []
    return [el for el in found if isinstance(el, etree._Element)
            and isinstance(el.tag, str)]


def _text(el: HtmlElement) -> str:
    return clean(" ".join(el.itertext()))


def _body(containers: list[HtmlElement]) -> str:
    """Paragraphs of the body containers, one per block element (a container without
    block elements is one paragraph)."""
    paragraphs: list[str] = []
    for container in containers:
        blocks = [el for el in container.iter(*_BLOCKS)
                  if not any(a.tag in _BLOCKS for a in el.iterancestors())]
        for text in (_text(el) for el in (blocks or [container])):
            if text and text not in paragraphs:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _image_url(el: HtmlElement, base: str) -> str | None:
    """The URL of the image an element credits: the first ``<img>`` of its nearest
    ancestor (itself included) that holds one."""
    for scope in (el, *el.iterancestors()):
        for img in scope.iter("img"):
            src = image_src(img, base)
            if src:
                return src
        if scope.tag in ("figure", "article", "main", "body"):
            break
    return None


def apply_overrides(page: Page, article: Article, overrides: Overrides | None) -> Article:
    """*article* with the fields *overrides* selects on *page* replaced. A selector that
    matches nothing (or only empty text) leaves its field as extracted."""
    if not overrides:
        return article
    changes: dict[str, object] = {}
    if overrides.byline is not None:
        texts = [t for t in (_text(el) for el in select(page.root, overrides.byline)) if t]
        if texts:
            authors: list[str] = []
            for text in texts:
                authors.extend(n for n in split_names(text) if n not in authors)
            changes["byline"] = ", ".join(dict.fromkeys(texts))
            changes["authors"] = authors
    if overrides.body is not None:
        text = _body(select(page.root, overrides.body))
        if text:
            changes.update(body=text, word_count=word_count(text),
                           content_hash=content_hash(text))
    if overrides.credit is not None and article.images:
        images = list(article.images)
        for el in select(page.root, overrides.credit):
            credit = strip_labels(_text(el))  # "(Image credit: X)" -> "X"
            if not credit:
                continue
            url = _image_url(el, page.url)
            index = next((i for i, image in enumerate(images) if image.url == url), None)
            if index is None:  # not next to an image of the record: the lead image's
                index = next((i for i, image in enumerate(images) if image.lead), 0)
            images[index] = dataclasses.replace(images[index], credit=credit)
        changes["images"] = images
    return dataclasses.replace(article, **changes) if changes else article
