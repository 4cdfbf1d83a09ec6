"""Description, language, tags and the canonical URL declared by the page."""

from __future__ import annotations

import re

from archiver.extract.jsonld import text_of
from archiver.extract.page import Page
from archiver.extract.text import clean

_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$", re.I)


def description(page: Page) -> str | None:
    """The standfirst/summary declared in og/meta description or JSON-LD."""
    value = page.meta.get("og:description", "description", "twitter:description")
    if not value and page.ld_article:
        value = text_of(page.ld_article.get("description"))
    return clean(value) or None


def _norm_lang(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().split(",")[0].strip()
    if not _LANG.match(value):
        return None
    parts = value.replace("_", "-").split("-")
    return parts[0].lower() + ("-" + parts[1].upper() if len(parts) > 1 else "")


def language(page: Page) -> str | None:
    """The page language: ``<html lang>``, og:locale, content-language or JSON-LD inLanguage."""
    art = page.ld_article or {}
    for value in (page.root.get("lang"), page.root.get("xml:lang"),
                  page.meta.get("og:locale"), page.meta.get("content-language", "language"),
                  text_of(art.get("inLanguage"))):
        lang = _norm_lang(value)
        if lang:
            return lang
    return None


def tags(page: Page) -> list[str]:
    """Keywords: article:tag metas and JSON-LD keywords (news_keywords/keywords as fallback)."""
    values = page.meta.all("article:tag")
    art = page.ld_article or {}
    keywords = art.get("keywords")
    if isinstance(keywords, list):
        values.extend(str(k) for k in keywords if isinstance(k, str))
    elif isinstance(keywords, str):
        values.extend(keywords.split(","))
    if not values:
        for value in page.meta.all("news_keywords", "keywords"):
            values.extend(value.split(","))
    out: list[str] = []
    for value in values:
        tag = clean(value)
        if tag and len(tag) <= 80 and tag not in out:
            out.append(tag)
    return out


def declared_canonical(page: Page) -> str | None:
    """The ``rel=canonical`` link or og:url of the page."""
    for link in page.root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href"))
    return page.meta.get("og:url")
