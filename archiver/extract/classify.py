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

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle",
        "review", "liveblogposting", "scholarlyarticle", "socialmediaposting", "report",
    }
)
INDEX_TYPES = frozenset(
    {"collectionpage", "itemlist", "searchresultspage", "profilepage", "aboutpage",
     "contactpage", "website"}
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
_ARTICLE_PROSE_CHARS = 1000


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


def _prose_chars(tree: HtmlElement) -> int:
    """Characters of real prose: paragraphs of a sentence or more, mostly not link text."""
    total = 0
    for p in tree.iterfind(".//p"):
        text = " ".join(p.text_content().split())
        if len(text) < _PROSE_MIN_CHARS:
            continue
        link_chars = sum(len(a.text_content()) for a in p.iterfind(".//a"))
        if link_chars < 0.5 * len(text):
            total += len(text)
    return total


def classify_page(page: Page) -> PageKind:
    """Classify *page* as an article or an index page."""
    tree, url = page.root, page.url
    score = 0
    types = _jsonld_types(page)
    if types & ARTICLE_TYPES:
        score += 3
    elif types & INDEX_TYPES:
        score -= 2
    og_type = (page.meta.get("og:type") or "").strip().lower()
    if og_type == "article":
        score += 2
    elif og_type == "website":
        score -= 1

    path = urlsplit(url).path
    if path in ("", "/") or _INDEX_PATH.search(path):
        score -= 2
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if _DATE_PATH.search(path) or last.count("-") >= 3:
        score += 1

    prose = _prose_chars(tree)
    if prose >= _ARTICLE_PROSE_CHARS:
        score += 2
    elif prose < _PROSE_MIN_CHARS * 2:
        # Mild: a declared article whose text is injected by JavaScript is still an
        # article, to be reported as an empty extraction rather than silently skipped.
        score -= 1
    cards = len(tree.findall(".//article"))
    if cards >= 4:
        score -= 1
    return PageKind.ARTICLE if score >= 2 else PageKind.INDEX
