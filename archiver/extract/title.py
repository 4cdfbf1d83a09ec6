"""The headline: the article's ``<h1>`` as shown, checked against JSON-LD headline/og:title.

Candidates are the ``<h1>`` elements that can be the article's headline: not in navigation,
sidebars, footers, dialogs, logo/site-branding boxes, not hidden, not linking to the home
page (a logo or site name); an ``<h1>`` whose own class or itemprop marks it as the article
headline (``entry-title``, ``article-title``) is not ruled out by widget/sidebar-named
wrappers; ``<h1>`` in breadcrumbs are kept apart (a ``breadcrumbs-visible`` flag on
``<body>`` is no trail). Each gives readings: as shown (visually hidden screen-reader text
skipped), and when it opens with a kicker element the headline alone and "kicker: headline"
(or the kicker joined by the metadata's own separator; when the metadata titles disagree on
that separator, the one most of them use). Metadata parts naming the site are never the
headline: og:site_name, publisher, host, and the text of a logo ``<h1>`` linking home.

Order: (1) the reading equal to the JSON-LD headline or to a separator-delimited part of it
(the longest match), with an unstyled kicker the ``<h1>`` shows in front of it when another
metadata title has "kicker + headline"; the ``<h1>`` as shown when og:title/twitter:title
equal it and the JSON-LD headline only puts "Kicker: " in front; (2) without a usable
``<h1>``: the JSON-LD headline when no ``<h2>``/``<h3>`` or breadcrumb ``<h1>`` shows any
JSON-LD title, else an ``<h2>``/``<h3>`` and then a breadcrumb ``<h1>`` equal to a metadata
title, else an ``<h2>``/``<h3>`` that ends the metadata title or ends with one of its parts;
(3) an ``<h1>`` that starts with a metadata title and goes on; (4) the JSON-LD
headline itself (publishers keep the editorial headline there, the ``<h1>`` is often a
shortened variant); (5) the reading equal to og:title/twitter:title/``<title>`` parts;
(6) the ``<h1>`` closest to the metadata; (7) without a JSON-LD headline, the first ``<h1>``
inside ``<article>``/``<main>`` (og:title is often a rewrite for sharing); (8) a lone
``<h1>`` when the page has neither JSON-LD headline nor og:title; (9) an ``<h2>``/``<h3>``
equal to a metadata title (in the page's spelling); (10) og:title/``<title>`` without the
site name and without short section parts after the headline ("Headline - Section - News").
"""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver.extract.document import classes
from archiver.extract.jsonld import text_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key, similar

_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]{1,2}\s+")
_COLON = re.compile(r"(?<=\S):\s+")  # a colon as in running text ("«Kicker»: Headline")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")
_HIDDEN = re.compile(r"sr-only|visually-?hidden|screen-?reader|offscreen|hidden")
_EDGE_PUNCT = " |-–—:·•/"
_SKIP_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "section", "header", "h2", "h3",
                    "h4", "h5", "h6", "figure", "figcaption", "blockquote", "time"})
# Containers whose headings are not the article's headline: the first word of a class
# (after a one-letter BEM prefix such as "c-"), so "sidebar-left" counts but "no-sidebar",
# "withsidebar" and "content-sidebar-wrap" (a page layout around the article) do not.
_NOT_ARTICLE_WORDS = frozenset({
    "logo", "brand", "branding", "masthead", "navbar", "nav",
    "navigation", "menu", "cookie", "cookies", "consent", "modal", "popup", "newsletter",
    "sidebar", "widget", "footer", "lightbox", "overlay", "showbox",
})
_SITE_TITLE = re.compile(r"^site-?(?:title|name|branding|logo|header)$")
_NOT_ARTICLE_TAGS = frozenset({"nav", "aside", "footer"})
_KICKER = re.compile(r"kicker|roofline|topline|overline|eyebrow|dachzeile|spitzmarke|"
                     r"supertitle|sub-?heading|topic|label|flag|tag\b")
_HEADLINE_CLASS = re.compile(r"(?:^|\s)(?:\w+-)?(?:entry|article|post|story)[-_]*"
                             r"(?:title|headline)(?:\s|$)")
_LOOSE = re.compile(r"\w+")
_WORD_PARTS = re.compile(r"[-_]+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([:,.!?;])")


def _clean(text: str | None) -> str:
    return clean(html.unescape(text)) if text else ""


def _loose(text: str) -> str:
    """A case-kept key that ignores punctuation and spacing."""
    return " ".join(_LOOSE.findall(text))


def ld_headline(page: Page) -> str | None:
    """The JSON-LD headline of the article, if any."""
    art = page.ld_article
    return _clean(text_of(art.get("headline"))) or None if art else None


def ld_titles(page: Page) -> list[str]:
    """The JSON-LD article's headline, name and alternative headline."""
    art = page.ld_article
    if not art:
        return []
    found = (_clean(text_of(art.get(key))) for key in ("headline", "name", "alternativeHeadline"))
    return [t for t in found if t]


def evidence(page: Page) -> list[str]:
    """Headline candidates from metadata, most trusted first."""
    out = ld_titles(page)
    for value in page.meta.all("og:title", "twitter:title", "dc.title", "title"):
        out.append(_clean(value))
    head = page.root.find("head")  # the <head> first: a search of the whole tree is slow
    head_title = head.find("title") if head is not None else None
    if head_title is None:
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


class Reading(str):
    """A reading of a heading that we composed from its kicker and headline: its
    punctuation is the metadata's to give (*joined*: glued with a bare space, which only
    a punctuation-blind comparison may match)."""

    joined: bool = False
    marked: bool = False  # the kicker is styled as one (class, <small>, <em>)


def _composed(text: str, joined: bool = False, marked: bool = False) -> Reading:
    reading = Reading(text)
    reading.joined = joined
    reading.marked = marked
    return reading


def matching_reading(heads: list[list[str]], text: str,
                     names: set[str] | frozenset[str] = frozenset(),
                     votes: list[str] | None = None) -> str | None:
    """The heading reading equal to *text* or to a separator-delimited part of it that is
    not the site name: exact (punctuation kept) matches first, then matches up to
    punctuation and spacing (the metadata's spelling is kept for a kicker we joined, our
    own spacing artefacts are fixed otherwise), then case-insensitive ones. Among the
    matches of the first heading that has one, the longest wins ("kicker: headline" over
    "headline" when the metadata has both), then the most exact. A kicker we joined takes
    the punctuation most of the *votes* (metadata titles) give it."""
    parts = [p for p in segments(text) if norm_key(p) not in names]
    exact = {_exact(p) for p in parts} - {""}
    loose = {_loose(p): p for p in parts if _loose(p)}
    keys = {norm_key(p) for p in parts} - {""}

    def exact_match(reading: str) -> str | None:
        if getattr(reading, "joined", False) or _exact(reading) not in exact:
            return None
        return str(reading)

    def loose_match(reading: str) -> str | None:
        part = loose.get(_loose(reading))
        if part is None:
            return None
        if isinstance(reading, Reading):
            return part.strip(_EDGE_PUNCT)
        return _SPACE_BEFORE_PUNCT.sub(r"\1", str(reading))

    def key_match(reading: str) -> str | None:
        if getattr(reading, "joined", False) or norm_key(reading) not in keys:
            return None
        return str(reading)

    for readings in heads:
        found = [(len(_loose(m)), -rank, m, isinstance(r, Reading)) for rank, match in
                 enumerate((exact_match, loose_match, key_match))
                 for r in readings if (m := match(r))]
        if found:
            _, _, best, composed = max(found)
            if not (composed and votes):
                return best
            bare = {_exact(r) for r in readings if getattr(r, "joined", False)}
            return _majority(best, votes, names, bare)
    return None


def _majority(title: str, votes: list[str], names: set[str] | frozenset[str],
              bare: set[str]) -> str:
    """The spelling of *title* (up to punctuation) that most *votes* have, if more of them
    have it than *title*'s own ("Kicker: Headline" in og:title and ``<title>`` against
    "Kicker - Headline" in JSON-LD); kicker and headline glued by a bare space (*bare*, a
    text dump of the heading) is no spelling."""
    key = _loose(title)
    counts: Counter[str] = Counter()
    for text in votes:
        counts.update({p.strip(_EDGE_PUNCT) for p in segments(text)
                       if _loose(p) == key and norm_key(p) not in names
                       and _exact(p) not in bare})
    if counts:
        top, n = counts.most_common(1)[0]
        if n > counts.get(title, 0):
            return top
    return title


def _hidden(el: HtmlElement) -> bool:
    return (el.get("hidden") is not None or bool(_HIDDEN.search(classes(el)))
            or "display:none" in (el.get("style") or "").replace(" ", ""))


def shown_text(el: HtmlElement) -> str:
    """The text of *el* as a reader sees it: visually hidden parts (screen-reader labels)
    skipped, block children separated by a space."""
    parts: list[str] = []

    def gather(node: HtmlElement, depth: int) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if (depth < 50 and isinstance(child.tag, str) and child.tag not in _SKIP_TEXT
                    and not _hidden(child)):
                block = child.tag in _BLOCK
                parts.append(" " if block else "")
                gather(child, depth + 1)
                parts.append(" " if block else "")
            if child.tail:
                parts.append(child.tail)

    gather(el, 0)
    return clean("".join(parts))


def _content_nodes(el: HtmlElement) -> list[HtmlElement | str]:
    """The visible direct content of *el*: child elements with text and loose text runs,
    descending through a lone wrapper element."""
    while True:
        nodes: list[HtmlElement | str] = []
        if clean(el.text):
            nodes.append(clean(el.text))
        for child in el:
            if (isinstance(child.tag, str) and child.tag not in _SKIP_TEXT
                    and not _hidden(child) and shown_text(child)):
                nodes.append(child)
            if clean(child.tail):
                nodes.append(clean(child.tail))
        if len(nodes) == 1 and not isinstance(nodes[0], str):
            el = nodes[0]
            continue
        return nodes


def kicker_split(h1: HtmlElement) -> tuple[str, str, bool] | None:
    """``(kicker, headline, marked)`` when the heading starts with a kicker element
    (topic label, roofline) followed by the headline; *marked*: the kicker's class or tag
    says so."""
    nodes = _content_nodes(h1)
    if len(nodes) < 2 or isinstance(nodes[0], str):
        return None
    first = nodes[0]
    kicker = shown_text(first).strip(_EDGE_PUNCT)
    rest = clean(" ".join(n if isinstance(n, str) else shown_text(n) for n in nodes[1:]))
    rest = rest.strip(_EDGE_PUNCT)
    if not kicker or not rest:
        return None
    marked = bool(_KICKER.search(classes(first))) or first.tag in ("small", "em", "i")
    return kicker, rest, marked


def variants(h1: HtmlElement) -> list[str]:
    """Readings of a heading: as shown, without a kicker, "kicker: headline". The second
    reading is the one to use without metadata: the headline without its kicker when the
    kicker is marked as such or shorter than the headline, else the whole."""
    full = shown_text(h1)
    out: list[str] = [full]
    split = kicker_split(h1)
    if split:
        kicker, rest, marked = split
        if not (marked or len(kicker) < len(rest)):
            out.append(full)  # a long unmarked first part: the whole stays the default
        out += [rest, _composed(f"{kicker}: {rest}", marked=marked),
                _composed(f"{kicker} - {rest}", marked=marked),
                _composed(f"{kicker} {rest}", joined=True, marked=marked)]
    return [v for v in out if 3 <= len(v) <= 400]


def _links_home(el: HtmlElement, host: str) -> bool:
    """Whether *el* links to the site's home page (a logo or site name)."""
    for link in el.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        try:
            parts = urlsplit(href)
        except ValueError:  # a malformed link ("http://[x") leads nowhere
            continue
        if parts.path in ("", "/") and not parts.query and not parts.fragment and (
                not parts.netloc or parts.netloc.removeprefix("www.") == host):
            return True
    return False


def _not_article(cls: str) -> bool:
    for token in cls.split():
        words = [w for w in _WORD_PARTS.split(token) if w]
        if words and len(words[0]) == 1:
            words = words[1:]
        if words and (words[0] in _NOT_ARTICLE_WORDS or _SITE_TITLE.match(token)):
            return True
    return False


def _breadcrumb(h: HtmlElement) -> bool:
    """A heading inside (or marked as) a breadcrumb trail: it often repeats the headline,
    but the page shows the headline elsewhere."""
    if any("breadcrumb" in name.lower() for name in h.attrib):
        return True
    for el in (h, *h.iterancestors()):
        if el.tag in ("body", "html"):  # page-wide flags ("breadcrumbs-visible")
            return False
        if "breadcrumb" in classes(el):
            return True
    return False


def _marked_headline(h: HtmlElement) -> bool:
    """Whether heading *h* says it is the article's headline (``itemprop=headline``, an
    ``entry-title``/``article-title``/``post__title``-like class)."""
    return h.get("itemprop") == "headline" or bool(_HEADLINE_CLASS.search(classes(h)))


def usable(h: HtmlElement, host: str) -> bool:
    """Whether heading *h* can be the article's headline (not a logo, site name, menu,
    sidebar, footer or dialog heading). A heading marked as the article's headline keeps
    that role inside containers named like widgets or sidebars (layout wrappers)."""
    if h.get("role") == "presentation" or _hidden(h):
        return False
    marked = _marked_headline(h)
    for el in (h, *h.iterancestors()):
        if el.tag in ("body", "html"):
            break
        if el.tag in _NOT_ARTICLE_TAGS or (not marked and _not_article(classes(el))):
            return False
    return not _links_home(h, host)


def _in_article(h: HtmlElement) -> bool:
    return h.get("itemprop") == "headline" or next(
        h.iterancestors("article", "main"), None) is not None


def _host(page: Page) -> str:
    return (urlsplit(page.url).hostname or "").removeprefix("www.")


def heading_elements(page: Page, tag: str = "h1", crumbs: bool = False
                     ) -> list[HtmlElement]:
    """The usable headings of *tag* (*crumbs*: only those in breadcrumbs, otherwise only
    those outside), those inside the article first."""
    host = _host(page)
    found = [h for h in (page.h1s if tag == "h1" else page.root.iter(tag))
             if _breadcrumb(h) == crumbs and usable(h, host)]
    found.sort(key=lambda h: not _in_article(h))
    return found


def headings(page: Page, tag: str = "h1", crumbs: bool = False) -> list[list[str]]:
    """Readings of the usable headings of *tag* (see :func:`heading_elements`)."""
    return [v for v in map(variants, heading_elements(page, tag, crumbs)) if v]


def _extended(heads: list[list[str]], texts: list[str]) -> str | None:
    """An ``<h1>`` that starts with a metadata title and goes on (the metadata keeps a
    shortened headline: "X" for the visible "X in Tennessee")."""
    for text in texts:
        key = _loose(text)
        if len(key.split()) < 3:
            continue
        for readings in heads:
            shown = readings[0]
            if _loose(shown).startswith(key + " ") and len(shown) <= 2 * len(text) + 20:
                return shown
    return None


_LEADING_JUNK = re.compile(r"^[\s\[\]>|/·•]+")  # not dashes: "- Quote" is Nordic


def _tidy(text: str) -> str:
    """*text* without leading separator debris ("» Jens Weber", "[> Jens Weber")."""
    text = _LEADING_JUNK.sub("", text)
    if text.startswith("»") and "«" not in text:
        text = text.lstrip("» ")
    return text.strip()


def title(page: Page) -> str | None:
    """The article headline."""
    found = _title(page)
    return _tidy(found) or found if found else None


def _with_shown_kicker(heads: list[list[str]], found: str, ev: list[str],
                       names: set[str]) -> str:
    """*found* (a heading's reading matching the JSON-LD headline) with the kicker the
    heading shows in front of it, unstyled, when another metadata title has "kicker +
    headline" (a kicker styled as one, ``<small>`` or a kicker class, stays out)."""
    key = _loose(found)
    readings = next((rs for rs in heads if any(_loose(r) == key for r in rs)), None)
    if readings is None:
        return found
    composed = [r for r in readings if isinstance(r, Reading)]
    if not composed or any(r.marked or _loose(r) == key for r in composed):
        return found  # no kicker, a styled one, or the match has it already
    for text in ev:
        longer = matching_reading([readings], text, names, ev)
        if longer and _loose(longer).endswith(" " + key):
            return longer
    return found


def _without_kicker(heads: list[list[str]], headline: str, page: Page) -> str | None:
    """The ``<h1>`` as shown when og:title/twitter:title equal it and the JSON-LD headline
    only puts a kicker and a colon in front of it ("«Kicker»: Headline")."""
    social = {_exact(_clean(t)) for t in page.meta.all("og:title", "twitter:title")}
    tail = _COLON.split(headline)[-1]
    for readings in heads:
        if _exact(readings[0]) in social and _loose(readings[0]) == _loose(tail) != _loose(
                headline):
            return readings[0]
    return None


def _lower_match(lowers: tuple[list[list[str]], ...], ev: list[str],
                 names: set[str]) -> str | None:
    """The first of the *lowers* heading groups that shows a metadata title (two words
    or more), in the page's spelling."""
    for lower in lowers:
        for text in ev:
            found = matching_reading(lower, text, names, ev)
            if found and len(found.split()) >= 2:
                return found
    return None


def _without_sections(title: str) -> str:
    """*title* without trailing parts of one or two words after a headline of four words or
    more ("Headline - Section - News")."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2 or len(parts[0].split()) < 4 or any(
            len(p.split()) > 2 or any(c.isdigit() for c in p) for p in parts[1:]):
        return title
    return parts[0]


def _lower_overlap(lower: list[list[str]], ev: list[str], names: set[str]) -> str | None:
    """The first ``<h2>``/``<h3>`` whose end is the end of a metadata title."""
    for text in ev[:1]:
        parts = [p for p in segments(text) if norm_key(p) not in names]
        key = _loose(text).casefold()
        for readings in lower:
            shown = _loose(readings[0]).casefold()
            if len(shown.split()) >= 2 and (key.endswith(" " + shown) or any(
                    shown.endswith(" " + _loose(p).casefold()) for p in parts if _loose(p))):
                return readings[0]
    return None


def _logo_names(page: Page) -> set[str]:
    """Keys of the site's name as its logo heading shows it (an ``<h1>`` linking to the
    home page) and of each of its parts of two words or more ("Salsa-Figuren - Rueda in
    Berlin"): ``<title>`` parts equal to them are not the headline."""
    host = _host(page)
    keys = {norm_key(part) for h in page.h1s if _links_home(h, host)
            for part in segments(shown_text(h))}
    return {k for k in keys if " " in k}


def _title(page: Page) -> str | None:
    ev = evidence(page)
    shown = [(h, v) for h in heading_elements(page) if (v := variants(h))]
    heads = [v for _, v in shown]
    names = set(page.site_keys) | _logo_names(page)
    headline = ld_headline(page)
    if headline:
        found = matching_reading(heads, headline, names, ev)
        if found:
            return _with_shown_kicker(heads, found, ev, names)
        found = _without_kicker(heads, headline, page)
        if found:
            return found
    if not heads:  # the page's <h1> is its logo or a breadcrumb: a lower heading shows it
        lowers = (headings(page, "h2") + headings(page, "h3"), headings(page, crumbs=True))
        ld_texts = ld_titles(page)
        if headline and not _TRUNCATED.search(headline) and not any(
                matching_reading(lower, text, names) for lower in lowers for text in ld_texts):
            return strip_site(headline, names)  # no heading shows a JSON-LD title
        found = _lower_match(lowers, ev, names) or _lower_overlap(lowers[0], ev, names)
        if found:
            return found
    extended = _extended(heads, [strip_site(e, names) for e in ev])
    if extended:
        return extended
    if headline:
        others = [e for e in ev if e != headline]
        if not _TRUNCATED.search(headline) and (
                not others or max(similar(headline, e) for e in others) >= 0.3):
            return strip_site(headline, names)
    for text in ev:
        found = matching_reading(heads, text, names, ev)
        if found:
            return found
    if heads and ev:
        best = max(heads, key=lambda r: max(similar(r[0], e) for e in ev))
        if max(similar(best[0], e) for e in ev) >= 0.5:
            return best[1] if len(best) > 1 else best[0]
    if not headline:  # og:title is often a rewrite for sharing: the article's <h1> wins
        article = next((v for h, v in shown if _in_article(h)), None)
        if article:
            return article[1] if len(article) > 1 else article[0]
    if heads and len(heads) == 1 and not (headline or page.meta.get("og:title")):
        return heads[0][1] if len(heads[0]) > 1 else heads[0][0]
    if heads:  # the <h1>s show other things: a lower heading may show the metadata title
        found = _lower_match((headings(page, "h2") + headings(page, "h3"),), ev, names)
        if found:
            return found
    if ev:
        return _without_sections(strip_site(ev[0], names))
    every = [v for v in (variants(h) for h in page.h1s) if v]
    return every[0][0] if every else None
