"""Publication and modification dates: JSON-LD, meta tags, ``<time>``, the date line shown
next to the headline, the URL; htmldate as the last resort (it is slow)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from archiver.extract.document import class_words, classes, in_boilerplate
from archiver.extract.jsonld import text_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key

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
# generic names a CMS fills with a record's creation or a print edition's day: the day shown
# under the headline outranks them
GENERIC_META = ("dc.date", "dcterms.date", "dcterms.created", "date")
_SPECIFIC_META = tuple(m for m in PUBLISHED_META if m not in GENERIC_META)
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
    for el in page.itemprops.get(prop, ()):
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
    if not page.h1s:
        return None
    for sibling in itertools.islice(page.h1s[0].itersiblings(), 2):
        line = _first_line(sibling)
        if line:
            day = _numeric_day(line) or written_day(line)
            return day if day and _other_words(line) <= 6 else None
    return None


_DATE_WORDS = re.compile(r"[\d.,:/|·•-]+|\b[^\W\d_]{3,10}\.?(?=\s+\d)|"
                         r"(?<=\d)\.?\s+[^\W\d_]{3,10}\b", re.I)


def _other_words(text: str) -> int:
    """How many words *text* has besides its date (numbers, month names, separators)."""
    return len(_DATE_WORDS.sub(" ", text).split())


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
    # Russian, Ukrainian and Polish genitives ("15 августа 2016", "3 maja 2021")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12, "січня": 1,
    "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7,
    "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12, "stycznia": 1,
    "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
    "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
}
_DAY_FIRST = re.compile(r"\b(?P<day>\d{1,2})\.?\s+(?:de\s+)?(?P<month>[^\W\d_]{3,10})\.?,?\s+"
                        r"(?:de\s+)?(?P<year>(?:19|20)\d{2})\b")
_MONTH_FIRST = re.compile(r"\b(?P<month>[^\W\d_]{3,10})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                          r"(?P<year>(?:19|20)\d{2})\b")


def written_day(text: str) -> str | None:
    """The day of a date written with a month name ("31. Oktober 2023", "3 mars 2020",
    "March 3, 2021", "3 maja 2021"), in English, German, French, Spanish, Italian, Dutch,
    Russian, Ukrainian or Polish."""
    for match in itertools.chain(_DAY_FIRST.finditer(text), _MONTH_FIRST.finditer(text)):
        month = _MONTHS.get(match["month"].casefold())
        if month:
            try:
                return date(int(match["year"]), month, int(match["day"])).isoformat()
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
    element gives it); the day shown under the headline and the day written in the URL
    ("/2020/02/24/") settle disagreements."""
    shown = visible_days(page, limit)
    found = _published(page, limit, shown)
    if found and (found.endswith("+00:00")):
        found = local_reading(found, _time_elements(page)[:3]) or midnight_day(found)
    found = shown_modification(page, limit, found, shown) or found
    day = url_day(page.url)
    if day and found and not_after(day, limit) and url_day_wins(found, day):
        return day
    return found


def visible_days(page: Page, limit: datetime) -> list[tuple[str, bool]]:
    """:func:`shown_dates` that are plausible publication days (1990 up to *limit*)."""
    return [(day, updated) for day, updated in shown_dates(page)
            if day >= "1990" and not_after(day, limit)]


def shown_modification(page: Page, limit: datetime, found: str | None,
                       shown: list[tuple[str, bool]]) -> str | None:
    """The modification date when the page shows it, unlabelled, as the article's date and
    the publication day is not shown next to the headline: readers (and archives) know the
    story by the day it shows."""
    if not found or not shown or shown[0][1] or any(d == found[:10] for d, _ in shown):
        return None
    changed = modified(page, limit)
    return changed if changed and changed[:10] == shown[0][0] else None


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


_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/")


def url_month_day(page: Page) -> str | None:
    """For a URL naming only the month ("/2010/05/slug/"), the first date line anywhere on
    the page that falls in that month (an "about this post" box: "19. Mai 2010")."""
    match = _URL_MONTH.search(page.url.split("?")[0])
    if not match:
        return None
    month = f"{match.group(1)}-{int(match.group(2)):02d}"
    body = page.root.find("body")
    for el, text in _segments(body if body is not None else page.root, boxes=True):
        text = text.strip()
        if 6 <= len(text) <= 80:
            day = _line_day(el, text)
            if day and day.startswith(month):
                return day
    return None


def _link_key(base: str, href: str) -> str | None:
    """The address *href* points to (resolved against *base*) without scheme, ``www.``,
    query, fragment and trailing slash; None when it is malformed."""
    try:
        parts = urlsplit(urljoin(base, href.strip()))
    except ValueError:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def self_card_day(page: Page) -> str | None:
    """The day shown on a card that links to the page itself: a related-stories list that
    includes the current story ("Achtsam durch die Krise · 18. März 2020"), on a page that
    shows no date of its own. The card is the closest container (up to four levels above
    the link) that holds a date line and links to no other page."""
    own = _link_key(page.url, "")
    if not own:
        return None
    found: set[str] = set()
    for link in page.root.iter("a"):
        href = link.get("href")
        if not href or "#" in href or _link_key(page.url, href) != own:
            continue  # (a permalink to a comment or section is no card)
        node = link
        for _ in range(4):
            node = node.getparent()
            if node is None or node.tag in ("body", "html"):
                break
            targets = {_link_key(page.url, a.get("href") or "")
                       for a in node.iter("a") if (a.get("href") or "#")[0] != "#"}
            if targets != {own}:
                break  # a list of several stories, not one story's card
            days = {day for el, text in _segments(node, boxes=True)
                    if 6 <= len(text.strip()) <= 80 and (day := _line_day(el, text.strip()))}
            if days:
                found |= days
                break
    return found.pop() if len(found) == 1 else None


def midnight_day(iso: str) -> str:
    """A UTC value at 22:00 or 23:00 sharp is a Central European midnight (a CMS that stores
    dates only, serialised in UTC): the next calendar day, as a date."""
    stamp = datetime.fromisoformat(iso)
    if stamp.hour >= 22 and stamp.minute == 0 and stamp.second == 0:
        return (stamp.date() + timedelta(days=1)).isoformat()
    return iso


def headline_times(page: Page) -> list[str | None]:
    """``<time datetime>`` values next to the headline: in the closest of the ``<h1>``'s
    ancestors (up to 4 levels) that holds any; times marked as updates are not
    publication dates."""
    if not page.h1s:
        return []
    node = page.h1s[0]
    for _ in range(4):
        node = node.getparent()
        if node is None:
            break
        found = [t.get("datetime") for t in node.iter("time") if t.get("datetime")
                 and not in_boilerplate(t, page.headline_ancestors, levels=12)
                 and not _update_time(t)]
        if found:
            return found
    return []


def _update_time(el: HtmlElement) -> bool:
    """Whether the ``<time>`` *el* gives a modification: ``itemprop=dateModified``, an
    update class ("LastUpdatedDateTime", "updated") or label ("Aktualisiert: …")."""
    return _update_marked(el) or bool(_UPDATED_WORDS.search(el.text_content()[:40]))


def _update_marked(el: HtmlElement) -> bool:
    """Whether *el* is marked as a modification date: ``itemprop=dateModified`` or an update
    class ("updated", "LastUpdatedDateTime")."""
    if (el.get("itemprop") or "").lower() == "datemodified":
        return True
    words = {w.lower() for w in _CAMEL.findall(el.get("class") or "")} | class_words(el)
    return bool(words & _UPDATED_CLASSES)


_CAMEL = re.compile(r"[A-Z]?[a-z]+")


def _published(page: Page, limit: datetime, shown: list[tuple[str, bool]]) -> str | None:
    """JSON-LD, meta, itemprop and headline ``<time>`` readings; without them the day shown
    under the headline; when readings disagree on the day, the shown day (else htmldate's
    guess) picks among them."""
    art = page.ld_article
    ld = [text_of(art.get("datePublished")), text_of(art.get("dateCreated"))] if art else []
    readings = [
        _first_valid(ld, limit),
        _first_valid(page.meta.all(*_SPECIFIC_META), limit),
        _first_valid(_itemprop(page, "datePublished"), limit),
        _first_valid(headline_times(page)[:1], limit),
    ]
    found = [r for r in readings if r]
    labelled = None if readings[0] else labelled_date(page)
    if labelled and not_after(labelled, limit):
        # a date the page labels "Published on" outranks meta and <time> guesses
        return _reading_on(found, labelled) or labelled
    if not found:
        seen = next((day for day, updated in shown if not updated), None)
        generic = _first_valid(page.meta.all(*GENERIC_META), limit)
        if generic and (not seen or seen == generic[:10]):
            return generic
        return (seen
                or _first_valid([headline_day(page), url_day(page.url)], limit)
                or _first_valid(_time_elements(page)[:1], limit)
                or _first_valid([url_month_day(page)], limit)
                or _first_valid([self_card_day(page)], limit)
                or fallback_date(page, limit))
    days = sorted({date.fromisoformat(r[:10]) for r in found})
    if (days[-1] - days[0]).days <= 1:  # an evening post dated for the next morning's paper
        return found[0]
    for day, updated in shown:
        if not updated and (reading := _reading_on(found, day)):
            return reading
    guess = fallback_date(page, limit)
    return (_reading_on(found, guess[:10]) if guess else None) or found[0]


def _reading_on(readings: list[str], day: str) -> str | None:
    """The first of *readings* on *day* (``YYYY-MM-DD``)."""
    return next((r for r in readings if r[:10] == day), None)


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
    if not found or (found.endswith("-01-01") and not shows_new_year(page, found[:4])):
        return None
    return not_after(to_iso(found), limit)


_JANUARY = r"(?:jan(?:uary|uar|vier)?|enero|gennaio|januari|stycznia|января|січня)\.?"


def shows_new_year(page: Page, year: str) -> bool:
    """Whether the page (text or URL) shows the 1st of January of *year*. htmldate turns a
    bare year, typically the copyright line's "© 2016", into 2016-01-01: without the day
    itself on the page, that is no publication date."""
    day = re.compile(
        rf"{year}[-/.]0?1[-/.]0?1\b|\b0?1[./]\s?0?1[./]\s?{year}|"
        rf"\b{_JANUARY}\s+0?1(?:st)?,?\s+{year}|\b0?1(?:st|er)?\.?\s+(?:of\s+|de\s+)?"
        rf"{_JANUARY}\s+(?:de\s+)?{year}", re.I)
    return bool(day.search(page.url) or day.search(" ".join(page.root.itertext())))


_PUBLISHED_WORDS = ("veröffentlicht", "erschienen", "publiziert", "published", "posted",
                    "publié", "publicado", "pubblicato", "gepubliceerd", "publicerad",
                    "publisert", "udgivet", "julkaistu", "opublikowano")
_PUBLISHED_LABEL = re.compile(
    rf"^\s*(?:{'|'.join(_PUBLISHED_WORDS)})"
    r"(?:\s+(?:am|on|le|el|il|op|den|dne|at))?\s*:?\s*(.{0,40})$", re.I)
# the labels' first letters: a cheap test that rules out almost every element's text
_LABEL_START = re.compile(rf"\s*[{''.join(sorted({w[0] for w in _PUBLISHED_WORDS}))}]", re.I)
_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")


def labelled_date(page: Page) -> str | None:
    """A day the page shows with a publication label: "Veröffentlicht am 16.08.2019",
    "Erschienen am: <h2>13.10.2021</h2>", "Published: 2020-03-01" (the date in the label's
    element or the next one)."""
    for el in page.root.iter("span", "p", "div", "li", "dt", "strong", "b", "small", "em"):
        text = el.text
        if not text or len(text) > 80 or not _LABEL_START.match(text):
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


# --- visible dates near the headline -------------------------------------------------------

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select",
                        "form", "figure", "figcaption", "iframe", "textarea", "aside", "nav",
                        "footer"})
# boxes whose dates belong to other stories or to readers (class words)
_BOX_WORDS = frozenset({
    "related", "teaser", "teasers", "promo", "recommended", "recommendations", "comment",
    "comments", "sidebar", "outbrain", "taboola", "trending", "mostread", "most-read",
    "more-stories", "read-more", "readmore", "latest", "popular", "recirculation", "recirc",
    "newsletter", "navigation", "menu", "breadcrumb", "breadcrumbs",
})
_SCRIPTS = frozenset({"script", "style", "noscript", "template", "svg"})
_BOX_PARTS = frozenset({"related", "comment", "comments", "recommended", "outbrain",
                        "taboola", "sidebar"})
_PARTS = re.compile(r"[-_]+")
_NOT_HEADLINE = frozenset({"logo", "brand", "site-title", "sitetitle", "site-name", "masthead"})
_UPDATED_WORDS = re.compile(
    r"\b(?:updated?|last\s+edited|modified|aktualisiert|editiert|bearbeitet|geändert|stand|"
    r"mis\s+à\s+jour|modifié|actualizado|aggiornato|bijgewerkt|päivitetty|uppdaterad|"
    r"oppdatert|opdateret|zaktualizowano)\b|更新", re.I)
_UPDATED_CLASSES = frozenset({"updated", "modified", "update", "lastupdated", "datemodified",
                              "last-updated", "last-modified"})
_DMY_SHORT = re.compile(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{2})\s*")
_SHOWN_BUDGET = 1200  # characters of text read after the headline
_SHOWN_BUDGET_BEFORE = 300  # ... and before it


# the first <title> in document order: libxml2 stops at it (lxml's iter() would go on
# looking for a second one through the whole page)
_FIRST_TITLE = etree.XPath("descendant-or-self::title[1]")


def headline_element(page: Page) -> HtmlElement | None:
    """The article's headline: among the ``<h1>``s that are not a logo/site title nor in a
    navigation or box, the first that reads as part of og:title or ``<title>`` (else the
    first); when there is none, the ``<h2>`` that reads as part of them."""
    title = _FIRST_TITLE(page.root)
    names = [norm_key(page.meta.get("og:title") or ""),
             norm_key((title[0] if title else page.root).text or "")]
    candidates = [h1 for h1 in page.h1s if _headline_like(h1)]
    for h1 in candidates:
        key = norm_key(h1.text_content())
        if key and any(key[:40] in name or (len(name) > 10 and name in key) for name in names):
            return h1
    if candidates:
        return candidates[0]
    for h2 in itertools.islice(page.root.iter("h2"), 30):
        key = norm_key(h2.text_content())
        if len(key) > 10 and any(name.startswith(key) for name in names):
            return h2
    return None


def _headline_like(h1: HtmlElement) -> bool:
    """Whether *h1* can be the headline: text, no logo class, not in a nav/aside/footer or
    a related/teaser/comment box (whole class names)."""
    if class_words(h1) & _NOT_HEADLINE or not clean(h1.text_content()):
        return False
    for node in itertools.islice(h1.iterancestors(), 8):
        if node.tag in ("nav", "aside", "footer") or set(classes(node).split()) & _BOX_WORDS:
            return False
    return True


def _segments(el: HtmlElement, boxes: bool = False) -> Iterator[tuple[HtmlElement, str]]:
    """(element, text) pieces of *el* in reading order (a ``<time>`` is one piece); scripts,
    figures, asides and related/comment/teaser boxes are skipped (boxes are read when
    *boxes*)."""
    skip = _SCRIPTS if boxes else _SKIP_TAGS
    if not _readable(el, skip, boxes):
        return
    if el.tag == "time":
        yield el, el.text_content()
        return
    if el.text:
        yield el, el.text
    # a stack of child iterators, not a generator per element: pieces of deep elements
    # would pass through every enclosing generator
    stack = [(el, iter(el))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and parent.tail:
                yield stack[-1][0], parent.tail
            continue
        if _readable(child, skip, boxes):
            if child.tag == "time":
                yield child, child.text_content()
            else:
                if child.text:
                    yield child, child.text
                stack.append((child, iter(child)))
                continue  # its tail follows its pieces
        if child.tail:
            yield parent, child.tail


def _readable(el: HtmlElement, skip: frozenset[str], boxes: bool) -> bool:
    """Whether :func:`_segments` reads *el*: an element not in *skip*, nor a box unless
    *boxes*."""
    tag = el.tag
    return (isinstance(tag, str) and tag not in skip
            and (boxes or not len(el) or not _is_box(el)))


def _is_box(el: HtmlElement) -> bool:
    """A related/teaser/comment box: a whole class name from the box vocabulary, or a part
    of one naming related stories or comments ("c-related-list", "comment-body")."""
    names = classes(el).split()
    if not names:
        return False
    return not _BOX_WORDS.isdisjoint(names) or any(
        part in _BOX_PARTS for name in names for part in _PARTS.split(name))


def _after(start: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Text pieces following *start* in document order."""
    node: HtmlElement | None = start
    while node is not None and node.tag not in ("html", "body"):
        parent = node.getparent()
        for sib in node.itersiblings():
            yield from _segments(sib)
            if sib.tail and parent is not None:
                yield parent, sib.tail
        node = parent


def _before(start: HtmlElement, levels: int = 3) -> Iterator[tuple[HtmlElement, str]]:
    """Text pieces before *start* inside its closest containers (a date or kicker line over
    the headline), nearest first."""
    node = start
    for _ in range(levels):
        parent = node.getparent()
        if parent is None or parent.tag in ("html", "body"):
            return
        for sib in node.itersiblings(preceding=True):
            if sib.tail:
                yield parent, sib.tail
            yield from reversed(list(_segments(sib)))
        node = parent


def _line_day(el: HtmlElement, text: str) -> str | None:
    """The day of a date line: a date and at most four other words ("Updated May 06, 2019",
    "am 3. Februar 2022 um 21:17", "10.12.19"), or a ``<time>``'s ``datetime``."""
    match = _DMY_SHORT.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(2000 + year, month, day).isoformat()
        except ValueError:
            return None
    found = _numeric_day(text) or written_day(text)
    if found and _other_words(text) <= 4:
        return found
    if el.tag == "time" and not found:
        iso = to_iso(el.get("datetime"))
        return iso[:10] if iso else None
    return None


def shown_dates(page: Page, limit: int = 2) -> list[tuple[str, bool]]:
    """Days shown right after the headline, before the article text runs on: pairs
    ``(day, labelled_as_update)`` in page order ("Aktualisiert: 11.04.2020", a class
    ``updated``)."""
    h1 = headline_element(page)
    if h1 is None:
        return []
    out = _dated_lines(_after(h1), _SHOWN_BUDGET, limit)
    return out or _dated_lines(_before(h1), _SHOWN_BUDGET_BEFORE, limit)


def _dated_lines(pieces: Iterator[tuple[HtmlElement, str]], budget: int,
                 limit: int) -> list[tuple[str, bool]]:
    """Up to *limit* ``(day, labelled_as_update)`` of the date lines among *pieces* (read
    until *budget* characters are spent)."""
    out: list[tuple[str, bool]] = []
    spent = 0
    previous = ""
    for el, text in pieces:
        text = text.strip()
        if not text:
            continue
        spent += len(text)
        if spent > budget:
            break
        day = _line_day(el, text) if len(text) <= 80 else None
        if day:
            parent = el.getparent()
            updated = bool(_UPDATED_WORDS.search(f"{previous[-30:]} {text}")
                           or _update_marked(el)
                           or (parent is not None and _update_marked(parent)))
            out.append((day, updated))
            if len(out) >= limit:
                break
        previous = text
    return out
