"""Tell article pages from index pages (home, sections, tags, authors, pagination).

Pure: takes an lxml tree and the URL. Evidence, strongest first: schema.org types in
JSON-LD, ``og:type``, the URL's shape, and the page's text density (long paragraphs of
prose versus many short link texts).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

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
_PROSE_MIN_CHARS = 60
_ARTICLE_PROSE_CHARS = 1000


class PageKind(StrEnum):
    """What a fetched HTML page is, for routing."""

    ARTICLE = "article"
    INDEX = "index"


def jsonld_types(tree: HtmlElement) -> set[str]:
    """Lower-cased schema.org ``@type`` values of the page's JSON-LD blocks (with @graph)."""
    types: set[str] = set()
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                kind = node.get("@type")
                for value in kind if isinstance(kind, list) else [kind]:
                    if isinstance(value, str):
                        types.add(value.rsplit("/", 1)[-1].lower())
                if "@graph" in node:
                    stack.append(node["@graph"])
                main = node.get("mainEntity")
                if isinstance(main, (dict, list)):
                    stack.append(main)
    return types


def _og_type(tree: HtmlElement) -> str:
    for meta in tree.iterfind(".//meta[@property]"):
        if meta.get("property", "").lower() == "og:type":
            return (meta.get("content") or "").strip().lower()
    return ""


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


def declared_canonical(tree: HtmlElement) -> str | None:
    """The page's ``<link rel=canonical>`` href, else its ``og:url``, as written."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    for meta in tree.iterfind(".//meta[@property]"):
        if meta.get("property", "").lower() == "og:url" and meta.get("content"):
            return str(meta.get("content")).strip()
    return None


def classify_page(tree: HtmlElement, url: str) -> PageKind:
    """Classify the page at *url* as an article or an index page."""
    score = 0
    types = jsonld_types(tree)
    if types & ARTICLE_TYPES:
        score += 3
    elif types & INDEX_TYPES:
        score -= 2
    og_type = _og_type(tree)
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
