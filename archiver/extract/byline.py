"""Authors and the raw byline: JSON-LD author, meta tags and visible bylines."""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from archiver.extract.document import classes, element_text
from archiver.extract.jsonld import types_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key

_LEAD = re.compile(
    r"^(?:(?:written|posted|published|reported|reporting|text|words|story|photos?|interview)\s+)?"
    r"(?:by|von|vom|par|por|per|di|door|av|af|od|przez|autor(?:in)?|author|auteur|text|texte|"
    r"written by|reporting by|escrito por|scritto da|geschrieben von|erstellt von|verfasst von|"
    r"interview|redacción|texto|testo|tekst|door|ein artikel von|ein beitrag von|artikel von|"
    r"beitrag von)\s*[:\-–]?\s+",
    re.I,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\+|·|•|\s(?:and|und|et|y|e|og|en|i|och|ve|и|a)\s)\s*", re.I,
)
_DATE_LIKE = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|"
    r"\b(?:updated|published|posted|aktualisiert|veröffentlicht|mis à jour|publié)\b",
    re.I,
)
_ROLES = """
editor editors writer writers reporter reporters correspondent correspondents contributor
contributors columnist columnists staff senior chief managing deputy associate executive
contributing freelance news desk team editorial redaktion redakteur redakteurin autor autorin
journalist journalistin reporterin korrespondent korrespondentin analyst producer photographer
photo photos video author authors admin administrator guest intern producer head lead
correspondant rédacteur rédactrice rédaction journaliste envoyé envoyée spécial spéciale
editorial principal science technology politics business sports tech global international
"""
_ROLE_WORDS = frozenset(_ROLES.split())
_NOT_NAMES = """
monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag
freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes
miércoles jueves viernes sábado domingo january february march april june july august
september october november december januar februar märz juni juli oktober dezember datum
date comments comment share teilen anhören listen artikel article von by home menu name
anonymous anonym
"""
_NOT_NAME_WORDS = frozenset(_NOT_NAMES.split())
_NOT_NAME = re.compile(
    r"@|https?:|www\.|\.com\b|\d|\b(?:min|minutes?)\s+read\b|(?-i:^[a-z]+[._][a-z]+$)", re.I,
)
PERSON_SKIP_TYPES = frozenset({"organization", "newsmediaorganization", "corporation",
                               "website", "brand", "organisation"})


def _person_names(value: Any, page: Page, depth: int = 0) -> list[str]:
    """Names of the persons in a JSON-LD ``author`` value of any shape."""
    if depth > 4 or value is None:
        return []
    value = page.ld.resolve(value)
    if isinstance(value, list):
        return [n for item in value for n in _person_names(item, page, depth + 1)]
    if isinstance(value, str):
        return split_names(value, strict=False)
    if isinstance(value, dict):
        if types_of(value) & PERSON_SKIP_TYPES:
            return []
        name = value.get("name")
        if isinstance(name, list):
            name = " ".join(str(x) for x in name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{value.get('givenName') or ''} {value.get('familyName') or ''}"
        return split_names(str(name), strict=False) if name else []
    return []


def from_jsonld(page: Page) -> list[str]:
    """Person authors of the JSON-LD article."""
    art = page.ld_article
    if not art:
        return []
    return _person_names(art.get("author") or art.get("creator"), page)


def from_meta(page: Page) -> list[str]:
    """Authors named in ``<meta>`` tags."""
    names: list[str] = []
    for value in page.meta.all("author", "article:author", "parsely-author", "sailthru.author",
                               "dc.creator", "byl", "twitter:creator:name", "citation_author"):
        if value.startswith(("http", "@", "/")):
            continue
        names.extend(split_names(value))
        if names:
            break
    return names


_BYLINE_CLASS = re.compile(r"byline|author|autor|auteur|writer|reporter|creator|verfasser")
_BYLINE_EXCLUDE = re.compile(
    r"bio\b|biography|comment|avatar|related|footer|about|social|share|follow|more-from|"
    r"newsletter|profile-card|author-box|authorbox|author-info|description|image|photo|"
    r"popup|modal|tooltip|\bcard\b|teaser|recommend|date|time"
)
_AUTHOR_HREF = re.compile(r"/(?:author|authors|autor|autoren|auteur|auteurs|journalist|"
                          r"journalisten|redakteur|newsteam|profile|people|staff|team|"
                          r"mitarbeiter|reporter)s?/[^/?#]+", re.I)
_LABELLED = re.compile(
    r"^\s*(?:by|von|par|por|door|av|af|auteur|autor|autorin|author|text|texte|"
    r"written by|posted by|geschrieben von|écrit par|escrito por|ein artikel von|"
    r"ein beitrag von|artikel von|beitrag von)\b\s*[:\-–]?\s*\S", re.I,
)
_LABEL_ONLY = re.compile(
    r"^\s*(?:(?:by|von|par|por|door|av|af|written by|posted by|geschrieben von|écrit par|"
    r"escrito por)\s*[:\-–]?|(?:auteur|autor|autorin|author|text|texte)\s*[:\-–])\s*$", re.I,
)
_AUTHOR_WORD = re.compile(r"^\s*(?:autor|autorin|autoren|author|authors|auteur|auteurs|autore|"
                          r"autori|autores|skribent|forfatter|författare)\s*:?\s*$", re.I)
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "dt", "th", "strong", "b", "label"})
_SOURCE_LABEL = re.compile(r"^\s*(?:quelle|quellen|source|sources|fuente|fonte|bron)\s*:", re.I)
_NAME_LIKE = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-]+){0,4}$")
_SKIP_TAGS = frozenset({"meta", "link", "script", "style", "img", "html", "body", "head",
                        "input", "symbol", "svg", "path", "use", "time", "form", "button",
                        "select", "option", "textarea", "noscript", "template"})


def _excluded(el: HtmlElement) -> bool:
    """Inside a comment, bio, related or footer box."""
    return any(_BYLINE_EXCLUDE.search(classes(a)) or a.tag in ("footer", "aside", "nav")
               for a in el.iterancestors())


def byline_elements(page: Page) -> list[HtmlElement]:
    """Visible byline elements: rel/itemprop author and byline/author class vocabulary."""
    found: list[HtmlElement] = []
    for el in page.root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if el.get("rel") != "author" and el.get("itemprop") != "author":
            if not (el.get("class") or el.get("id")):
                continue
            cls = classes(el)
            if not _BYLINE_CLASS.search(cls) or _BYLINE_EXCLUDE.search(cls):
                continue
        if any(a in found for a in el.iterancestors()) or _excluded(el):
            continue
        found.append(el)
    return found


def from_elements(page: Page) -> tuple[list[str], str | None]:
    """Authors and raw text of the first byline element that yields names."""
    for el in byline_elements(page):
        text = element_text(el, " ")
        if not text or len(text) > 200:
            continue
        if _SOURCE_LABEL.match(text):
            continue  # "Quelle: dpa" names the sources, not the authors
        names = split_names(text)
        per_child = child_names(el)
        if len(per_child) > len(names):
            names = per_child
        if names:
            return names, text
    return [], None


def child_names(el: HtmlElement) -> list[str]:
    """Names held one per child element (``<span>A</span><span>B</span>`` without separators)."""
    names: list[str] = []
    for child in el.iter("a", "span", "li", "strong", "b"):
        if child is el or len(child):
            continue
        text = clean(child.text)
        words = text.split()
        if (2 <= len(words) <= 4 and all(w[0].isupper() or not w[0].isascii() for w in words)
                and _NAME_LIKE.match(text) and not is_role(text)
                and not _LABELLED.match(text)):
            names.extend(n for n in split_names(text) if n not in names)
    return names if len(names) >= 2 else []


def from_links(page: Page) -> list[str]:
    """Names of links to author pages (``/author/jane-doe``) outside comment/bio boxes."""
    names: list[str] = []
    for link in page.root.iter("a"):
        href = link.get("href") or ""
        if not _AUTHOR_HREF.search(href) or _excluded(link):
            continue
        text = element_text(link, " ")
        if text and _NAME_LIKE.match(text) and not is_role(text):
            for name in split_names(text):
                if name not in names:
                    names.append(name)
        if len(names) >= 4:
            break
    return names


def from_labels(page: Page) -> tuple[list[str], str | None]:
    """Names after a "By"/"Von"/"Autor:" label in a short text block; a label alone in its
    element ("<h5>Autor:</h5> Jane Doe") takes the text that follows it."""
    for el in page.root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        text = (el.text or "").strip()
        if not text and len(el):
            continue
        heading = el.tag in _LABEL_TAGS and _AUTHOR_WORD.match(text)
        if not (_LABELLED.match(text) or _LABEL_ONLY.match(text) or heading) or _excluded(el):
            continue
        full = element_text(el, " ")
        if _LABEL_ONLY.match(full) or (heading and _AUTHOR_WORD.match(full)):
            following = el.tail or ""
            sibling = el.getnext()
            if not following.strip() and sibling is not None:
                following = element_text(sibling, " ")
            raw = clean(f"{full} {following}")
        elif len(full) > len(text) + 1 or _LABEL_ONLY.sub("", text).strip():
            raw = full
        else:
            parent = el.getparent()
            raw = element_text(parent if parent is not None else el, " ")
        if len(raw) > 120:
            continue
        names = [n for n in split_names(raw) if _NAME_LIKE.match(n)]
        if names:
            return names, raw
    return [], None


def is_site(name: str, site_keys: frozenset[str]) -> bool:
    """Whether *name* is the publication ("CBC News" on cbc.ca, "Lrt.lt")."""
    key = norm_key(name)
    return key in site_keys or any(k in key.split() for k in site_keys if " " not in k)


def is_role(part: str) -> bool:
    """Whether *part* is a job title rather than a name ("Senior Editor")."""
    words = norm_key(part).split()
    return bool(words) and all(w in _ROLE_WORDS or len(w) <= 2 for w in words)


def split_names(text: str, strict: bool = True) -> list[str]:
    """Individual person names from a byline string (*strict*: also reject digits, e-mail
    and URL-like parts, which declared JSON-LD names may legitimately contain)."""
    text = clean(text)
    if not text:
        return []
    match = _DATE_LIKE.search(text)
    if match:
        text = text[: match.start()]
    text = re.sub(r"\s[-–—]\s.*$", "", text)
    text = re.split(r"\b(?:foto|fotos|photo|photos|bild|bilder|image)\s*:", text, flags=re.I)[0]
    names: list[str] = []
    for part in _SPLIT.split(text):
        part = _LEAD.sub("", part.strip()).strip(" .:-–—()[]\"'")
        part = _LEAD.sub("", part).strip()
        if not part or is_role(part) or (strict and _NOT_NAME.search(part)):
            continue
        words = part.split()
        if len(words) > 5 or len(part) > 50 or not any(c.isalpha() for c in part):
            continue
        stripped = False
        while strict and len(words) > 1 and words[-1].casefold() in _ROLE_WORDS:
            words.pop()  # "Harald Bauer Autor"
            stripped = True
        if stripped and len(words) < 2:
            continue  # "Hardware Editor", "Security Correspondent": a desk and a role
        part = " ".join(words)
        if len(words) == 1 and part.casefold() in _NOT_NAME_WORDS:
            continue
        if part not in names:
            names.append(part)
    return names


def from_jsonld_orgs(page: Page) -> list[str]:
    """Organisation authors of the JSON-LD article (news agencies, desks)."""
    art = page.ld_article
    if not art:
        return []
    value = page.ld.resolve(art.get("author"))
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        item = page.ld.resolve(item)
        if isinstance(item, dict) and types_of(item) & PERSON_SKIP_TYPES:
            name = clean(str(item.get("name") or ""))
            if name and name not in out:
                out.append(name)
    return out


def authors(page: Page, site_name: str | None = None) -> tuple[list[str], str | None]:
    """The list of author names and the raw visible byline (or None).

    Person authors declared in JSON-LD win, then visible bylines (byline elements, author
    links, "By ..." labels), then organisation authors declared in JSON-LD, then ``<meta>``.
    """
    persons = from_jsonld(page)
    visible, raw = from_elements(page)
    visible = [n for n in visible if not is_site(n, page.site_keys)]
    if not visible and not persons:
        visible = [n for n in from_links(page) if not is_site(n, page.site_keys)]
    if not visible and not persons:
        visible, label_raw = from_labels(page)
        visible = [n for n in visible if not is_site(n, page.site_keys)]
        raw = raw or label_raw
    if len(persons) > 1:
        persons = [n for n in persons if not is_site(n, page.site_keys)] or persons
    if persons and visible and set(persons) < set(visible):
        persons = visible  # the visible byline lists co-authors the metadata misses
    for names in (persons, visible, from_jsonld_orgs(page), from_meta(page)):
        if names:
            return names, raw
    return from_trafilatura(page), raw


def from_trafilatura(page: Page) -> list[str]:
    """trafilatura's author heuristics (its own XPath vocabulary), the last resort."""
    from trafilatura.metadata import extract_author

    try:
        found = extract_author(page.root)
    except (ValueError, TypeError):
        return []
    names: list[str] = []
    for value in (found or "").split(";"):
        names.extend(n for n in split_names(value) if n not in names
                     and not is_site(n, page.site_keys))
    return names
