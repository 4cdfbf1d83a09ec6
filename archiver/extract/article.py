"""Orchestration: html + url -> :class:`~archiver.items.Article`.

The page is decoded and parsed once; every field function reads the shared
:class:`~archiver.extract.page.Page`; trafilatura receives the same tree (it copies it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from archiver.extract import body as body_mod
from archiver.extract import byline, dates, images, metadata, title
from archiver.extract.document import decode, parse
from archiver.extract.jsonld import text_of
from archiver.extract.overrides import Overrides, apply_overrides
from archiver.extract.page import Page
from archiver.extract.text import content_hash, word_count
from archiver.extract.urls import article_id, resolve_canonical, site_of
from archiver.items import Article

logger = logging.getLogger(__name__)
T = TypeVar("T")


def fetched_time(fetched_at: str | datetime | None) -> datetime:
    """*fetched_at* as an aware UTC datetime (now when None or unparseable)."""
    if isinstance(fetched_at, datetime):
        stamp = fetched_at
    elif isinstance(fetched_at, str) and fetched_at.strip():
        try:
            stamp = datetime.fromisoformat(fetched_at.strip().replace("Z", "+00:00"))
        except ValueError:
            stamp = datetime.now(UTC)
    else:
        stamp = datetime.now(UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def _iso_z(stamp: datetime) -> str:
    return stamp.isoformat(timespec="seconds").replace("+00:00", "Z")


def empty_article(url: str, fetched: datetime) -> Article:
    """The record of a page without article text."""
    canonical = resolve_canonical(url, None)
    return Article(id=article_id(canonical), url=url, canonical_url=canonical,
                   site=site_of(canonical), fetched_at=_iso_z(fetched),
                   content_hash=content_hash(""))


def extract_article(html: str | bytes, url: str, *,
                    fetched_at: str | datetime | None = None) -> Article:
    """Extract the article record of the page *html* fetched from *url*.

    Never raises on bad input: a page without article text gives a record with ``body=""``.
    """
    fetched = fetched_time(fetched_at)
    try:
        root = parse(decode(html))
    except Exception:  # junk HTML must never break the crawl
        logger.exception("parsing failed for %s", url)
        return empty_article(url, fetched)
    if root is None:
        return empty_article(url, fetched)
    return extract_page(Page(url=url, root=root), fetched_at=fetched)


def extract_page(page: Page, *, fetched_at: str | datetime | None = None,
                 overrides: Overrides | None = None, canonical_link: bool = True) -> Article:
    """Extract the article record of an already parsed *page* (the crawler's workers parse
    each page once for classification, links and extraction). *overrides*: a site's
    selectors for fields generic extraction gets wrong there (:mod:`.overrides`).
    *canonical_link* false: the page's canonical link is known to be wrong (it leads to
    no article), so the page's own URL is its canonical URL."""
    fetched = fetched_time(fetched_at)
    try:
        return apply_overrides(page, _extract(page, fetched, canonical_link), overrides)
    except Exception:  # junk HTML must never break the crawl
        logger.exception("extraction failed for %s", page.url)
        return empty_article(page.url, fetched)


def _guard(page: Page, name: str, func: Callable[[], T], default: T) -> T:
    """*func*'s value, or *default* (logged with the URL) if it fails: one field's bug must
    not cost the whole record."""
    try:
        return func()
    except Exception:
        logger.exception("extracting %s failed for %s", name, page.url)
        return default


def _standfirst(page: Page) -> str | None:
    """The standfirst shown under the headline: a summary-named element, else the page's
    declared description where the page shows it."""
    found = body_mod.standfirst(page.h1s)
    if found:
        return found
    declared = page.meta.all("og:description", "description", "twitter:description")
    if page.ld_article:
        declared.append(text_of(page.ld_article.get("description")) or "")
    return body_mod.shown_description(page.h1s, declared)


def _extract(page: Page, fetched: datetime, canonical_link: bool = True) -> Article:
    declared = (_guard(page, "canonical", lambda: metadata.declared_canonical(page), None)
                if canonical_link else None)
    canonical = resolve_canonical(page.url, declared)
    headline = _guard(page, "title", lambda: title.title(page), None)
    authors, raw_byline = _guard(page, "authors", lambda: byline.authors(page),
                                 ([], None))
    figures = _guard(page, "figures", lambda: images.figures(page), [])
    pictures = _guard(page, "images", lambda: images.images(page, figures), [])
    paragraphs = body_mod.trafilatura_paragraphs(page.root, page.url)
    text = _guard(page, "body",
                  lambda: body_mod.body(paragraphs, headline, body_mod.caption_keys(figures)
                                        | body_mod.alt_text_keys(page.root),
                                        authors),
                  "\n\n".join(paragraphs))
    text = _guard(page, "standfirst",
                  lambda: body_mod.with_standfirst(text, _standfirst(page)), text)
    return Article(
        id=article_id(canonical),
        url=page.url,
        canonical_url=canonical,
        site=site_of(canonical),
        fetched_at=_iso_z(fetched),
        title=headline,
        authors=authors,
        byline=raw_byline,
        published=_guard(page, "published", lambda: dates.published(page, fetched), None),
        modified=_guard(page, "modified", lambda: dates.modified(page, fetched), None),
        description=_guard(page, "description", lambda: metadata.description(page), None),
        language=_guard(page, "language", lambda: metadata.language(page), None),
        tags=_guard(page, "tags", lambda: metadata.tags(page), []),
        body=text,
        images=pictures,
        word_count=word_count(text),
        content_hash=content_hash(text),
    )
