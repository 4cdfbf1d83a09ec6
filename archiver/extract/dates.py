"""Publication and modification dates: JSON-LD, meta tags, ``<time>``, htmldate fallback."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from lxml.html import HtmlElement

from archiver.extract.document import in_boilerplate
from archiver.extract.jsonld import text_of
from archiver.extract.page import Page
from archiver.extract.text import clean

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
        value = el.get("datetime") or _numeric_day((el.text or "")[:40])
        if value:
            out.append(value)
    return out


def headline_day(page: Page) -> str | None:
    """The day shown on a short line right under the headline ("von Jane Doe · 31. Oktober
    2023", "1. Februar 2022, Jane Doe", "March 3, 2021"): the byline/date line, a date and
    at most a few words (a name, a label)."""
    for h1 in page.h1s[:1]:
        sibling = h1.getnext()
        for _ in range(2):
            if sibling is None:
                break
            line = _first_line(sibling)
            if line:
                day = _numeric_day(line) or written_day(line)
                rest = _DATE_WORDS.sub(" ", line).split()
                return day if day and len(rest) <= 6 else None
            sibling = sibling.getnext()
    return None


_DATE_WORDS = re.compile(r"[\d.,:/|·•-]+|\b[^\W\d_]{3,10}\.?(?=\s+\d)|"
                         r"(?<=\d)\.?\s+[^\W\d_]{3,10}\b", re.I)


def _first_line(el: HtmlElement) -> str | None:
    """The text of the first text block at the start of *el* (*el* itself when short)."""
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "noscript"):
            continue
        text = clean(node.text_content())
        if text and len(text) <= 100:
            return text
        if text and clean(node.text):
            return None  # a long paragraph of its own: no date line here
    return None


_MONTHS = {
    "jan": 1, "janv": 1, "januar": 1, "jänner": 1, "january": 1, "janvier": 1, "enero": 1,
    "gennaio": 1, "januari": 1, "feb": 2, "febr": 2, "februar": 2, "february": 2,
    "février": 2, "févr": 2, "febrero": 2, "febbraio": 2, "februari": 2, "mar": 3,
    "märz": 3, "march": 3, "mars": 3, "marzo": 3, "maart": 3, "apr": 4, "april": 4,
    "avril": 4, "abril": 4, "aprile": 4, "mai": 5, "may": 5, "mayo": 5, "maggio": 5,
    "mei": 5, "jun": 6, "juni": 6, "june": 6, "juin": 6, "junio": 6, "giugno": 6, "jul": 7,
    "juli": 7, "july": 7, "juillet": 7, "juil": 7, "julio": 7, "luglio": 7, "aug": 8,
    "august": 8, "août": 8, "agosto": 8, "augustus": 8, "sep": 9, "sept": 9,
    "september": 9, "septembre": 9, "septiembre": 9, "settembre": 9, "oct": 10, "okt": 10,
    "oktober": 10, "october": 10, "octobre": 10, "octubre": 10, "ottobre": 10, "nov": 11,
    "november": 11, "novembre": 11, "noviembre": 11, "dec": 12, "dez": 12, "dezember": 12,
    "december": 12, "décembre": 12, "déc": 12, "diciembre": 12, "dicembre": 12,
}
_DAY_FIRST = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,10})\.?,?\s+(?:de\s+)?"
                        r"((?:19|20)\d{2})\b")
_MONTH_FIRST = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+"
                          r"((?:19|20)\d{2})\b")


def written_day(text: str) -> str | None:
    """The day of a date written with a month name ("31. Oktober 2023", "3 mars 2020",
    "March 3, 2021"), in English, German, French, Spanish, Italian or Dutch."""
    for match in _DAY_FIRST.finditer(text):
        month = _MONTHS.get(match.group(2).casefold())
        if month:
            try:
                return date(int(match.group(3)), month, int(match.group(1))).isoformat()
            except ValueError:
                continue
    for match in _MONTH_FIRST.finditer(text):
        month = _MONTHS.get(match.group(1).casefold())
        if month:
            try:
                return date(int(match.group(3)), month, int(match.group(2))).isoformat()
            except ValueError:
                continue
    return None


def local_reading(iso: str, candidates: list[str | None]) -> str | None:
    """*iso* (a UTC time) as the page shows it in local time: a ``<time>`` value naming the
    same instant a whole number of hours away, with the offset made explicit."""
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if stamp.utcoffset() is None or stamp.utcoffset().total_seconds() != 0:
        return None
    for value in candidates:
        other = to_iso(value)
        if not other or "T" not in other:
            continue
        local = datetime.fromisoformat(other)
        if local.utcoffset() is not None:
            if local.utcoffset().total_seconds() != 0 and local == stamp:
                return other
            continue
        delta = local - stamp.replace(tzinfo=None)
        hours = delta.total_seconds() / 3600
        if hours and hours.is_integer() and abs(hours) <= 14:
            sign = "+" if hours > 0 else "-"
            return f"{local.isoformat()}{sign}{int(abs(hours)):02d}:00"
    return None


def published(page: Page, limit: datetime) -> str | None:
    """The publication date (a UTC value is shown in the page's local time when a ``<time>``
    element gives it); the day written in the URL ("/2020/02/24/") settles a disagreement."""
    found = _published(page, limit)
    if found and (found.endswith("+00:00")):
        found = local_reading(found, _time_elements(page)[:3]) or midnight_day(found)
    day = url_day(page.url)
    if day and found and not_after(day, limit) and url_day_wins(found, day):
        return day
    return found


def url_day_wins(found: str, day: str) -> bool:
    """Whether the day in the URL replaces the reading *found*: a UTC reading one day off
    (the URL has the local day), or one more than a month away (a template's or reused date:
    a URL's date is written once, when the story first appears)."""
    gap = abs((date.fromisoformat(found[:10]) - date.fromisoformat(day)).days)
    return (gap == 1 and found.endswith("+00:00")) or gap > 31


_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|\.html?|$)")


def url_day(url: str) -> str | None:
    """The publication day written in an article URL path ("/2020/02/24/slug")."""
    match = _URL_DAY.search(url.split("?")[0])
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


def midnight_day(iso: str) -> str:
    """A UTC value at 22:00 or 23:00 sharp is a Central European midnight (a CMS that stores
    dates only, serialised in UTC): the next calendar day, as a date."""
    stamp = datetime.fromisoformat(iso)
    if stamp.hour >= 22 and stamp.minute == 0 and stamp.second == 0:
        return (stamp.date() + timedelta(days=1)).isoformat()
    return iso


def headline_times(page: Page) -> list[str | None]:
    """``<time datetime>`` values next to the headline: in the closest of the ``<h1>``'s
    ancestors (up to 4 levels) that holds any."""
    if not page.h1s:
        return []
    node = page.h1s[0]
    for _ in range(4):
        node = node.getparent()
        if node is None:
            break
        found = [t.get("datetime") for t in node.iter("time") if t.get("datetime")
                 and not in_boilerplate(t, page.headline_ancestors, levels=12)]
        if found:
            return found
    return []


def _published(page: Page, limit: datetime) -> str | None:
    """JSON-LD, meta, itemprop and headline ``<time>`` readings; when they disagree on the
    day, htmldate's guess picks among them."""
    art = page.ld_article
    ld = [text_of(art.get("datePublished")), text_of(art.get("dateCreated"))] if art else []
    readings = [
        _first_valid(ld, limit),
        _first_valid(page.meta.all(*PUBLISHED_META), limit),
        _first_valid(_itemprop(page, "datePublished"), limit),
        _first_valid(headline_times(page)[:1], limit),
    ]
    shown = None if readings[0] else labelled_date(page)
    if shown and not_after(shown, limit):
        # a date the page labels "Published on" outranks meta and <time> guesses
        return next((r for r in readings if r and r[:10] == shown), shown)
    found = [r for r in readings if r]
    if not found:
        return (_first_valid([headline_day(page)], limit)
                or _first_valid(_time_elements(page)[:1], limit)
                or fallback_date(page, limit))
    days = sorted({date.fromisoformat(r[:10]) for r in found})
    if (days[-1] - days[0]).days <= 1:  # an evening post dated for the next morning's paper
        return found[0]
    guess = fallback_date(page, limit)
    if guess:
        for reading in found:
            if reading[:10] == guess[:10]:
                return reading
    return found[0]


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


_PUBLISHED_LABEL = re.compile(
    r"^\s*(?:veröffentlicht|erschienen|publiziert|published|posted|publié|publicado|"
    r"pubblicato|gepubliceerd|publicerad|publisert|udgivet|julkaistu|opublikowano)"
    r"(?:\s+(?:am|on|le|el|il|op|den|dne|at))?\s*:?\s*(.{0,40})$", re.I)
_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")


def labelled_date(page: Page) -> str | None:
    """A day the page shows with a publication label: "Veröffentlicht am 16.08.2019",
    "Erschienen am: <h2>13.10.2021</h2>", "Published: 2020-03-01" (the date in the label's
    element or the next one)."""
    for el in page.root.iter("span", "p", "div", "li", "dt", "strong", "b", "small", "em"):
        text = el.text
        if not text or len(text) > 80:
            continue
        match = _PUBLISHED_LABEL.match(text)
        if not match:
            continue
        candidates = [match.group(1)]
        following = el.getnext()
        if following is not None and isinstance(following.tag, str):
            candidates.append(following.text_content()[:40])
        candidates.append(el.tail or "")
        for value in candidates:
            day = _numeric_day(value)
            if day:
                return day
    return None


def _numeric_day(text: str) -> str | None:
    match = _DMY.search(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day).isoformat()
        match = _ISO.search(text)
        if match:
            return date(*(int(g) for g in match.groups()[:3])).isoformat()
    except ValueError:
        return None
    return None
