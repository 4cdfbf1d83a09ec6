"""Tell article pages from index pages (home, sections, tags, authors, pagination).

Pure: reads the shared parsed :class:`~archiver.extract.page.Page`. Evidence, strongest
first: schema.org types in JSON-LD, ``og:type``, the URL's shape, and the page's text
density (long paragraphs of prose versus many short link texts).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from archiver.extract import jsonld

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from archiver.extract.page import Page

INDEX_TYPES = frozenset(
    {"collectionpage", "itemlist", "searchresultspage", "profilepage", "aboutpage",
     "contactpage"}
)

_INDEX_PATH = re.compile(
    r"/(?:tag|tags|topic|topics|category|categories|section|sections|author|authors|"
    r"authors?|page|search|archive|archives|feed|about|contact|privacy|terms|newsletter)"
    r"(?:/|$)",
    re.IGNORECASE,
)
_DATE_PATH = re.compile(r"/(?:19|20)\d{2}/(?:[01]?\d/)?")
_ENTITY_KEYS = frozenset({"mainEntity", "mainEntityOfPage", "@graph"})
_PROSE_MIN_CHARS = 60
_ARTICLE_PROSE_CHARS = 800
_SHORT_ARTICLE_CHARS = 300


class PageKind(StrEnum):
    """What a fetched HTML page is, for routing."""

    ARTICLE = "article"
    INDEX = "index"


def _jsonld_types(page: Page) -> set[str]:
    """Lower-cased schema.org types of the page's own JSON-LD objects: top-level ones,
    ``@graph`` members and main entities, not objects nested in them (an index page's
    ``ItemList`` of articles does not make it an article)."""
    objects = page.ld.objects
    nested: set[int] = set()
    for obj in objects:
        for key, value in obj.items():
            if key in _ENTITY_KEYS:
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, dict):
                    nested.add(id(child))
    return {kind for obj in objects if id(obj) not in nested for kind in jsonld.types_of(obj)}


def prose_block(tree: HtmlElement) -> int:
    """Characters of prose in the page's largest block of consecutive paragraphs.

    An article's text is a run of paragraphs under one parent; an index page's teasers
    are one short paragraph per card. Paragraphs shorter than a sentence or made mostly
    of link text do not count."""
    blocks: dict[HtmlElement, int] = {}
    for p in tree.iter("p"):
        text = p.text_content()
        if len(text) < _PROSE_MIN_CHARS:
            continue  # shorter still with its spaces collapsed
        text = " ".join(text.split())
        if len(text) < _PROSE_MIN_CHARS:
            continue
        link_chars = sum(len(a.text_content()) for a in p.iter("a"))
        if link_chars < 0.5 * len(text):
            parent = p.getparent()
            blocks[parent] = blocks.get(parent, 0) + len(text)
    return max(blocks.values(), default=0)


def classify_page(page: Page) -> PageKind:
    """Classify *page* as an article or an index page."""
    tree, url = page.root, page.url
    score = 0
    types = _jsonld_types(page)
    if types & jsonld.ARTICLE_TYPES:
        score += 3
    elif types & INDEX_TYPES:
        score -= 2
    # og:type "website" is the default of many CMSs on every page: only "article" counts.
    if (page.meta.get("og:type") or "").strip().lower() == "article":
        score += 2
    declared = score >= 2

    path = urlsplit(url).path
    if path in ("", "/") or _INDEX_PATH.search(path):
        score -= 2
    last = path.rstrip("/").rsplit("/", 1)[-1]
    score += bool(_DATE_PATH.search(path)) + (last.count("-") >= 3)
    if score >= 3 or score <= -1:
        return PageKind.ARTICLE if score >= 2 else PageKind.INDEX  # prose moves it by -1..2

    prose = prose_block(tree)
    if prose >= _ARTICLE_PROSE_CHARS:
        score += 2
    elif prose >= _SHORT_ARTICLE_CHARS:
        score += 1
    elif prose < _PROSE_MIN_CHARS * 2 and not declared:
        # A page that declares itself an article stays one without <p> prose: its text
        # may be in other elements, or injected by JavaScript (then it is reported as an
        # empty extraction rather than silently skipped).
        score -= 1
    return PageKind.ARTICLE if score >= 2 else PageKind.INDEX
