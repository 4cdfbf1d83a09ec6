"""Publication and modification dates: JSON-LD, meta tags, ``<time>``, htmldate fallback."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from archiver.extract.jsonld import text_of
from archiver.extract.page import Page

_ISO = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)?)?",
    re.I,
)

PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "article.published", "published_time", "publish-date", "publishdate",
    "pubdate", "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
    "citation_publication_date",
    "article:published", "release_date", "originalpublicationdate",
)
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "article.updated", "modified_time", "last-modified", "dcterms.modified", "dc.date.modified",
    "lastmod",
)


def to_iso(value: str | None) -> str | None:
    """An ISO 8601 string (date, or date-time with offset where known) from *value*."""
    if not value:
        return None
    value = value.strip()
    match = _ISO.search(value)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            if hour is None:
                return datetime(int(year), int(month), int(day)).date().isoformat()
            stamp = datetime(int(year), int(month), int(day), int(hour), int(minute),
                             int(second or 0))
        except ValueError:
            return None
        text = stamp.isoformat()
        if zone:
            zone = zone.upper()
            if zone in ("Z", "UTC", "GMT"):
                return text + "+00:00"
            zone = zone.replace(":", "")
            zone = zone + "00" if len(zone) == 3 else zone
            return f"{text}{zone[:3]}:{zone[3:]}"
        return text
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.isoformat() if stamp else None


def not_after(iso: str | None, limit: datetime) -> str | None:
    """*iso* unless it lies after *limit* (a date-only value is compared by day)."""
    if not iso:
        return None
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        if stamp.date() > limit.astimezone(UTC).date():
            return None
        return iso
    return iso if stamp <= limit else None


def _first_valid(values: list[str | None], limit: datetime) -> str | None:
    for value in values:
        iso = not_after(to_iso(value), limit)
        if iso and iso[:4] >= "1990":
            return iso
    return None


def _itemprop(page: Page, prop: str) -> list[str | None]:
    out: list[str | None] = []
    for el in page.root.iterfind(f".//*[@itemprop='{prop}']"):
        out.append(el.get("datetime") or el.get("content") or el.text)
    return out


def _time_elements(page: Page) -> list[str | None]:
    out: list[str | None] = []
    for el in page.root.iter("time"):
        value = el.get("datetime")
        if value:
            out.append(value)
    return out


def published(page: Page, limit: datetime) -> str | None:
    """The publication date."""
    art = page.ld_article
    ld = [text_of(art.get("datePublished")), text_of(art.get("dateCreated"))] if art else []
    found = _first_valid([*ld, *page.meta.all(*PUBLISHED_META)], limit)
    found = found or _first_valid(_itemprop(page, "datePublished"), limit)
    found = found or _first_valid(_time_elements(page)[:1], limit)
    return found or fallback_date(page, limit)


def modified(page: Page, limit: datetime) -> str | None:
    """The last modification date."""
    art = page.ld_article
    ld = [text_of(art.get("dateModified"))] if art else []
    found = _first_valid([*ld, *page.meta.all(*MODIFIED_META)], limit)
    return found or _first_valid(_itemprop(page, "dateModified"), limit)


def fallback_date(page: Page, limit: datetime) -> str | None:
    """htmldate's guess of the original publication date (last resort: it is slow)."""
    from htmldate import find_date

    try:
        found = find_date(page.root, extensive_search=True, original_date=True,
                          max_date=limit.strftime("%Y-%m-%d"), url=page.url)
    except (ValueError, TypeError):
        return None
    return not_after(to_iso(found), limit) if found else None
