"""The headline: the article ``<h1>`` as shown, checked against JSON-LD headline/og:title.

When the JSON-LD headline differs from every reading of the ``<h1>`` the JSON-LD headline
wins: publishers keep it as the editorial headline while the ``<h1>`` is often a shortened or
kicker-prefixed variant.
"""

from __future__ import annotations

import html
import re

from lxml.html import HtmlElement

from archiver.extract.document import classes, element_text
from archiver.extract.jsonld import text_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key, similar

_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]{1,2}\s+")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")
_HIDDEN = re.compile(r"sr-only|visually-?hidden|screen-?reader|offscreen|hidden")


def _clean(text: str | None) -> str:
    return clean(html.unescape(text)) if text else ""


def ld_headline(page: Page) -> str | None:
    """The JSON-LD headline of the article, if any."""
    art = page.ld_article
    return _clean(text_of(art.get("headline"))) or None if art else None


def evidence(page: Page) -> list[str]:
    """Headline candidates from metadata, most trusted first."""
    out: list[str] = []
    art = page.ld_article
    if art:
        for key in ("headline", "name", "alternativeHeadline"):
            out.append(_clean(text_of(art.get(key))))
    for value in page.meta.all("og:title", "twitter:title", "dc.title", "title"):
        out.append(_clean(value))
    head_title = page.root.find(".//title")
    if head_title is not None and head_title.text:
        out.append(_clean(head_title.text))
    return [t for t in out if t]


def strip_site(title: str, names: set[str]) -> str:
    """*title* without ``" | Site"`` style prefixes or suffixes naming the publication."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    kept = [p for p in parts
            if not any(norm_key(p) == n or (n in norm_key(p) and len(p.split()) <= 4)
                       or (norm_key(p) in n and len(norm_key(p)) > 3) for n in names)]
    if kept and len(kept) < len(parts):
        return _join_kept(title, kept)
    return title


def _join_kept(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end] if 0 <= start < end else " - ".join(kept)


def segments(text: str) -> list[str]:
    """*text* and every contiguous run of its separator-delimited parts."""
    bounds = [0]
    for match in _SEPARATORS.finditer(text):
        bounds += [match.start(), match.end()]
    bounds.append(len(text))
    starts, ends = bounds[0::2], bounds[1::2]
    return [text[a:b] for a in starts for b in ends if b > a]


def _exact(text: str) -> str:
    return clean(text).casefold()


def matching_reading(heads: list[list[str]], text: str,
                     names: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The first ``<h1>`` reading equal to *text* or to a separator-delimited part of it
    that is not the site name, exact (punctuation kept) matches first."""
    parts = [p for p in segments(text) if norm_key(p) not in names]
    for key in (_exact, norm_key):
        wanted = {key(p) for p in parts} - {""}
        for readings in heads:
            for reading in readings:
                if key(reading) in wanted:
                    return reading
    return None


def variants(h1: HtmlElement) -> list[str]:
    """Readings of an ``<h1>``: as shown, without a kicker/topline child, "kicker: headline"."""
    full = element_text(h1)
    out = [full]
    children = [c for c in h1 if isinstance(c.tag, str) and element_text(c)
                and not _HIDDEN.search(classes(c))]
    if len(children) >= 2:
        kicker = element_text(children[0])
        rest = clean(" ".join(element_text(c) for c in children[1:]))
        if rest and len(kicker) < len(rest):
            out += [rest, f"{kicker}: {rest}", f"{kicker} - {rest}"]
    return [v for v in out if 3 <= len(v) <= 400]


def title(page: Page) -> str | None:
    """The article headline."""
    ev = evidence(page)
    heads = [v for v in (variants(h) for h in page.h1s) if v]
    names = set(page.site_keys)
    headline = ld_headline(page)
    if headline:
        found = matching_reading(heads, headline, names)
        if found:
            return found
        others = [e for e in ev if e != headline]
        if not _TRUNCATED.search(headline) and (
                not others or max(similar(headline, e) for e in others) >= 0.3):
            return strip_site(headline, names)
    for text in ev:
        found = matching_reading(heads, text, names)
        if found:
            return found
    if heads and ev:
        best = max(heads, key=lambda r: max(similar(r[0], e) for e in ev))
        if max(similar(best[0], e) for e in ev) >= 0.5:
            return best[1] if len(best) > 1 else best[0]
    if ev:
        return strip_site(ev[0], names)
    return heads[0][0] if heads else None
