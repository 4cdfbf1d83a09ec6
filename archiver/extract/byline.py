"""Authors and the raw byline: JSON-LD author, meta tags and visible bylines."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from archiver.extract.document import classes, element_text
from archiver.extract.jsonld import types_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key
from archiver.extract.urls import host_of, site_of

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
_POSTED_BY = re.compile(r"^(?:posted|published|written|updated)\s+(?=(?:by|von|par)\s)", re.I)
_LABEL_AFTER_DATE = re.compile(r"\s(?:by|von|par|por|door|av|af)\s+(?=\S)", re.I)
_JUNK_TAIL = re.compile(
    r"\s(?:search for this author|view all (?:posts|articles)|all (?:posts|articles) by|"
    r"more (?:from|by|articles by)|see all|weitere artikel|alle artikel|mehr von|"
    r"follow on|e-?mail the author|contact the author)\b.*$", re.I)
_PARTICLE_WORDS = """
von van vom zu zur der den de del della di da das dos do du des la le el bin ibn al y e ten
ter op het mac
"""
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_INITIALS = re.compile(r"^(?:[A-ZÀ-Ý]{2,4}|[a-zà-ÿ]{3,4})$")
_MONTH = (r"(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|janv|févr|"
          r"avr|juil|sept|déc|ene|abr|ago|dic|gen|giu|lug|set|ott)[a-zäéûè]*\.?")
_DAY_MONTH_TAIL = re.compile(
    rf"[\s,]+(?:\d{{1,2}}\.?\s*{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)[\s,.]*$",
    re.I)
_WEEKDAY_TAIL = re.compile(
    r"[\s,]+(?:mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|"
    r"mer|jeu|ven|sam|dim|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|am|on|le|el)\.?[\s,]*$",
    re.I)
_META_SEP = re.compile(r"\s[·|•]\s")
_NEVER = """
comment comments kommentar kommentare kommentieren commentaire commentaires commento
commenti comentario comentarios reply antworten uncategorized allgemein
"""
_NEVER_IN_NAME = frozenset(_NEVER.split())
_ROLES = """
editor editors writer writers reporter reporters correspondent correspondents contributor
contributors columnist columnists staff senior chief managing deputy associate executive
contributing freelance news desk team editorial redaktion redakteur redakteurin autor autorin
journalist journalistin reporterin korrespondent korrespondentin analyst producer photographer
photo photos video author authors admin administrator guest intern producer head lead
correspondant rédacteur rédactrice rédaction journaliste envoyé envoyée spécial spéciale
editorial principal science technology politics business sports tech global international
記者 记者 編集 编辑 編輯 編集部 编辑部 特派員 特派员 기자 특파원 편집
"""
_ROLE_WORDS = frozenset(_ROLES.split())
_NOT_NAMES = """
monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag
freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes
miércoles jueves viernes sábado domingo january february march april june july august
september october november december januar februar märz juni juli oktober dezember datum
date comments comment share teilen anhören listen artikel article von by home menu name
anonymous anonym nachrichten aktuelles actualités noticias notizie agencies agency
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
    """Person authors of the JSON-LD article; a CMS login ("christian.stadtfeld") is
    replaced by the full name the page shows for it."""
    art = page.ld_article
    if not art:
        return []
    return [shown_name(page, n) for n in _person_names(art.get("author") or art.get("creator"),
                                                       page)]


_LOGIN = re.compile(r"^([a-zà-ÿ]{2,})[._-]([a-zà-ÿ]{2,})$")


def shown_name(page: Page, name: str) -> str:
    """The name written on the page for the login *name* ("first.last" → "First P. Last"),
    else *name* unchanged."""
    login = _LOGIN.match(name)
    if not login:
        return name
    first, last = login.groups()
    pattern = re.compile(rf"\b((?i:{re.escape(first)})(?:\s+[A-ZÀ-Ý]\.)?(?:\s+[A-ZÀ-Ý][\w'’-]+)?"
                         rf"\s+(?i:{re.escape(last)}))\b")
    for el in page.root.iter():
        if el.tag in ("script", "style", "head", "title"):
            continue
        for text in (el.text, el.tail):
            match = pattern.search(text) if text else None
            if match and match[1][0].isupper() and match[1].split()[-1][0].isupper():
                return clean(match[1])
    return name


_META_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author",
                     "dc.creator", "dc:creator", "dcterms.creator", "byl",
                     "twitter:creator:name", "citation_author")
# Other publishers' author meta names ("articleAuthor", "article:author_name",
# "og:article:author", "cxenseparse:author", "article:byline"); an app banner's, a CMS
# account's or a Twitter card's "author"/"creator" is not the article's.
_META_AUTHOR_KEY = re.compile(r"(?:^|[:._-])(?:article[:._-]?)?(?:authors?|byline)"
                              r"(?:[:._-]?names?)?$")
_META_NOT_AUTHOR = re.compile(r"^(?:smartbanner|twitter|msapplication|apple|app|al:|cms|"
                              r"content|first_historical|its_)")


def from_meta(page: Page) -> list[str]:
    """Authors named in ``<meta>`` tags: the usual names first, then any other author
    meta name (a login is replaced by the name the page shows for it)."""
    keys = [*_META_AUTHOR_KEYS, *(k for k in page.meta.values if k not in _META_AUTHOR_KEYS
                                  and _META_AUTHOR_KEY.search(k)
                                  and not _META_NOT_AUTHOR.match(k))]
    names: list[str] = []
    for value in page.meta.all(*keys):
        if value.startswith(("http", "@", "/")):
            continue
        names.extend(split_names(shown_name(page, value)))
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
_AUTHOR_ONLY_HREF = re.compile(r"/(?:author|authors|autor|autoren|auteur|auteurs)/[^/?#]+",
                               re.I)
_SAID = re.compile(r"\s(?:said|says|sagt|schreibt|a dit|dice)\s*(?::|;|$)", re.I)
_LABELLED = re.compile(
    r"^\s*(?:by|von|par|por|door|av|af|auteur|autor|autorin|author|text|texte|"
    r"written by|posted by|geschrieben von|erstellt von|verfasst von|écrit par|escrito por|"
    r"ein artikel von|ein beitrag von|artikel von|beitrag von)\b\s*[:\-–]?\s*\S", re.I,
)
_LABEL_ONLY = re.compile(
    r"^\s*(?:(?:by|von|par|por|door|av|af|written by|posted by|geschrieben von|erstellt von|"
    r"verfasst von|écrit par|"
    r"escrito por|ein artikel von|ein beitrag von|artikel von|beitrag von|a story by|"
    r"an article by|un article de|un articolo di|un artículo de)\s*[:\-–]?|"
    r"(?:auteur|autor|autorin|author|text|texte)\s*[:\-–])\s*$", re.I,
)
_AUTHOR_WORD = re.compile(r"^\s*(?:autor|autorin|autoren|author|authors|auteur|auteurs|autore|"
                          r"autori|autores|skribent|forfatter|författare)\s*:?\s*$", re.I)
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "dt", "th", "strong", "b", "label"})
_SOURCE_LABEL = re.compile(r"^\s*(?:quelle|quellen|source|sources|fuente|fonte|bron)\s*:", re.I)
_NAME_LIKE = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-]+){0,4}$")
_SKIP_TAGS = frozenset({"meta", "link", "script", "style", "img", "html", "body", "head",
                        "input", "symbol", "svg", "path", "use", "time", "form", "button",
                        "select", "option", "textarea", "noscript", "template"})


# Taxonomy classes name the post's topics ("category-datenschutz", "tag-twitter"), not
# the box: they are ignored when looking for comment/bio/date boxes around a byline.
_TAXONOMY = re.compile(r"(?:^|\s)(?:tag|tags|category|categories|topic|topics|term|"
                       r"post|postid|page|format|type|status|tax|section)[-_]\S*")


def _excluded(el: HtmlElement, article: frozenset[HtmlElement] = frozenset(),
              labelled: bool = False) -> bool:
    """Inside a comment, bio, related or footer box. Containers of the headline
    (*article*) are never such a box, whatever their class ("module-imageTeaser").
    A box named for its author and date ("author-date-container") is a byline line, not
    a date box; with *labelled* (the name carries an author label: "Autor:", "By") no
    date box around it counts."""
    return any((_boxed(classes(a), labelled) and a not in article)
               or a.tag in ("footer", "aside", "nav") for a in el.iterancestors())


def _boxed(cls: str, labelled: bool = False) -> bool:
    if labelled or _BYLINE_CLASS.search(cls):
        cls = _DATE_WORDS.sub(" ", cls)
    return bool(_BYLINE_EXCLUDE.search(cls) and _BYLINE_EXCLUDE.search(_TAXONOMY.sub(" ", cls)))


_DATE_WORDS = re.compile(r"date|time")


def byline_elements(page: Page, walk: list[HtmlElement] | None = None) -> list[HtmlElement]:
    """Visible byline elements: rel/itemprop author and byline/author class vocabulary
    (*walk*: every element of the page in document order, if already listed)."""
    found: list[HtmlElement] = []
    taken: set[HtmlElement] = set()  # (a set: a page may hold thousands of them)
    article = page.headline_ancestors
    for el in page.root.iter(etree.Element) if walk is None else walk:
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or not _byline_marked(el):
            continue
        if any(a in taken for a in el.iterancestors()) or _excluded(el, article):
            continue
        found.append(el)
        taken.add(el)
    return found


def _byline_marked(el: HtmlElement) -> bool:
    """Whether *el* is marked as a byline: by its class/id vocabulary (not that of a bio,
    comment or date box) or as ``rel``/``itemprop`` author."""
    # (one case-sensitive search of the lower-cased words is much cheaper than testing
    # the raw class and id case-insensitively, and finds the same elements)
    cls = classes(el)
    if _BYLINE_CLASS.search(cls) and not _BYLINE_EXCLUDE.search(cls):
        return True
    return el.get("rel") == "author" or el.get("itemprop") == "author"


def from_elements(page: Page, elements: list[HtmlElement] | None = None,
                  ) -> tuple[list[str], str | None]:
    """Authors and raw text of the first byline element (of *elements*, by default the
    page's :func:`byline_elements`) that yields names."""
    for el in byline_elements(page) if elements is None else elements:
        text = element_text(el, " ")
        if not text or len(text) > 200:
            continue
        if _SOURCE_LABEL.match(text):
            continue  # "Quelle: dpa" names the sources, not the authors
        names = split_names(text)
        shown = _JUNK_TAIL.split(text)[0]
        per_child = [n for n in child_names(el) if n in shown]
        if len(per_child) > len(names) and len(per_child) >= 2:
            names = per_child
        marked = person_names(el)
        if len(marked) > len(names):
            names = marked
        initials = _LEAD.sub("", text).strip(" .,()")
        if not names and _INITIALS.match(initials):
            names = [initials]  # "von LD", "(kesm)": the author signs with initials
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


def person_names(el: HtmlElement) -> list[str]:
    """Names of the people marked up one by one inside a byline box (``rel=author``,
    ``itemprop=author``, schema.org ``Person`` items), read separately even
    when the box has no separators between them."""
    names: list[str] = []
    marked: list[HtmlElement] = []
    for child in el.iterdescendants():
        if not isinstance(child.tag, str) or any(a in marked for a in child.iterancestors()):
            continue
        props = (child.get("itemprop") or "").split()
        if (child.get("rel") == "author" or "author" in props
                or (child.get("itemtype") or "").rstrip("/").endswith("/Person")):
            marked.append(child)
    for child in marked:
        found = split_names(element_text(child, " "))
        if len(found) == 1 and found[0] not in names:
            names.append(found[0])
    return names if len(names) >= 2 else []


def from_links(page: Page) -> list[str]:
    """Names of links to author pages (``/author/jane-doe``) outside comment/bio boxes."""
    names: list[str] = []
    for link in page.root.iter("a"):
        href = link.get("href") or ""
        if not _AUTHOR_HREF.search(href) or _excluded(link, page.headline_ancestors):
            continue
        text = element_text(link, " ")
        if len(text.split()) < 2 and not _AUTHOR_ONLY_HREF.search(href):
            continue  # "/people/portraits": a one-word section, not a person's page
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
        if not text:
            continue  # (no label matches an empty text)
        heading = el.tag in _LABEL_TAGS and _AUTHOR_WORD.match(text)
        if el.tag in ("h1", "h2", "h3", "title"):
            continue  # a headline may start with "Von …" ("Von Sprachregeln und …")
        if (not (_LABELLED.match(text) or _LABEL_ONLY.match(text) or heading)
                or _excluded(el, page.headline_ancestors, labelled=True)):
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


# Han, kana and hangul: two characters of these scripts make a whole name ("新間", "王伟").
_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
                  r"\uf900-\ufaff]")


def is_role(part: str) -> bool:
    """Whether *part* is a job title rather than a name ("Senior Editor"); short filler
    words ("of", "US") count as part of a title, but not a word written in Chinese,
    Japanese or Korean characters."""
    words = norm_key(part).split()
    return bool(words) and all(
        w in _ROLE_WORDS or (len(w) <= 2 and not _CJK.search(w)) for w in words)


_DASH_REST = re.compile(r"\s[-–—]\s.*$")
_PHOTO_LABEL = re.compile(r"\b(?:foto|fotos|photo|photos|bild|bilder|image)\s*:", re.I)


def split_names(text: str, strict: bool = True) -> list[str]:
    """Individual person names from a byline string (*strict*: also reject digits, e-mail
    and URL-like parts, which declared JSON-LD names may legitimately contain)."""
    text = clean(text)
    if not text:
        return []
    text = _POSTED_BY.sub("", text)
    match = _DATE_LIKE.search(text)
    if match:
        after = _LABEL_AFTER_DATE.search(text, match.end())
        # "Posted on September 21, 2020 by Adi Tzlil": the name follows the date
        text = _META_SEP.split(text[after.end():])[0] if after else text[: match.start()]
        match = _DATE_LIKE.search(text)
        if match:
            text = text[: match.start()]
        # "Von Tomas Spahn Fr, 18. Oktober 2019", "Jane Doe Thu, October 1, 2020"
        previous = None
        while previous != text:  # "Jane Doe am Dienstag 6. Mai": every tail word goes
            previous = text
            text = _WEEKDAY_TAIL.sub("", _DAY_MONTH_TAIL.sub("", text))
    text = _JUNK_TAIL.split(text)[0]
    text = _DASH_REST.sub("", text)
    text = _PHOTO_LABEL.split(text)[0]
    names: list[str] = []
    for part in _SPLIT.split(text):
        part = _LEAD.sub("", part.strip()).strip(" .:-–—()[]\"'")
        part = _LEAD.sub("", part).strip()
        if not part or is_role(part) or (strict and _NOT_NAME.search(part)):
            continue
        words = part.split()
        if len(words) > 5 or len(part) > 50 or not any(c.isalpha() for c in part):
            continue
        if len(words) > 2 and not any(c.isupper() or c.islower() for c in part):
            continue  # caseless scripts write a name in one or two words: this is a profile
        if strict and (
                (len(words) > 1 and any(w[0].islower() and w not in _PARTICLES for w in words))
                or any(w.casefold().strip(".,:") in _NEVER_IN_NAME for w in words)):
            continue  # "in Uncategorized", "Mob mit Macheten ermordet", "Leave a comment"
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


def site_keys(page: Page) -> frozenset[str]:
    """The publication's name keys, the first label of a sub-domain host replaced by the
    domain's: on ``france.attac.org`` or ``jane.wordpress.com`` that label is an edition
    or a blogger, not the publication."""
    host = (urlsplit(page.url).hostname or "").removeprefix("www.")
    site = site_of(page.url)
    if not site or host == site:
        return page.site_keys
    # The registered domain's own label (``bbc`` of ``news.bbc.co.uk``), from the Public
    # Suffix List, not the host's next-to-last label (``co``).
    return (page.site_keys - {norm_key(host.split(".")[0])}) | {norm_key(site.split(".")[0])}


_SIGNATURE_TAGS = frozenset({"strong", "b", "em", "i"})
_NOT_SIGNATURE_WORDS = """
weitere mehr infos informationen thema themen zum related more read lesen lire aussi see
also video videos fotos bilder galerie anzeige werbung quelle quellen source sources hinweis
update note info links kontakt contact newsletter podcast live ende fin
"""
_NOT_SIGNATURE = frozenset(_NOT_SIGNATURE_WORDS.split())


def from_signature(page: Page) -> list[str]:
    """A signature closing the article text: the last paragraph of a block of prose is a
    name alone in bold or italics (``<p><strong>Jane Doe</strong></p>``)."""
    seen: set[HtmlElement] = set()
    for para in page.root.iter("p"):
        container = para.getparent()
        if container is None or container in seen:
            continue
        seen.add(container)
        paragraphs = [p for p in container if p.tag == "p"]
        if len(paragraphs) < 4:
            continue
        last = next((p for p in reversed(paragraphs) if element_text(p)), None)
        if last is None or clean(last.text):
            continue
        inner = [c for c in last.iter() if c is not last]
        if not inner or any(clean(c.tail) for c in inner) or not all(
                c.tag in _SIGNATURE_TAGS for c in inner):
            continue
        text = element_text(last, " ")
        words = text.split()
        if not (2 <= len(words) <= 3 and _NAME_LIKE.match(text) and not is_role(text)
                and all(w[0].isupper() and w.casefold() not in _NOT_SIGNATURE for w in words)):
            continue
        if sum(len(element_text(p)) > 120 for p in paragraphs) >= 2:
            return split_names(text)
    return []


_INITIALS_PART = re.compile(r"^[a-zà-ÿ]{2,4}$")
_DESK_PART = re.compile(r"^[^\W\d_][\w.]*-(?:redaktion|team|desk)$", re.I)
_SIGNATURE_PARENT_TAGS = frozenset({"p", "span", "em", "i", "small", "div", "strong", "b"})


def from_closing_line(page: Page) -> list[str]:
    """A signature line among the last lines of the article text (the block holding the
    most long paragraphs): initials ("ssi, dan; Foto: …", "(dmk)") or a desk
    ("<em>IN-Redaktion</em>"). A publication followed by its source ("Example / Agency")
    is :func:`from_source_line`'s."""
    keys = site_keys(page)
    for text in _closing_lines(page, 6):
        names = signature_names(text, keys)
        if names:
            return names
    return []


def _closing_lines(page: Page, last: int) -> list[str]:
    """Texts of the last *last* non-empty children of the article's text block that can
    sign it: ``<p>``, ``<span>``, ``<em>``… lines without links, in page order."""
    box = _text_block(page)
    if box is None:
        return []
    tail = [el for el in box if isinstance(el.tag, str) and element_text(el)][-last:]
    return [element_text(el, " ") for el in tail
            if el.tag in _SIGNATURE_PARENT_TAGS and next(el.iter("a"), None) is None]


_SOURCE_SEP = re.compile(r"\s*/\s*")
_SOURCE_NAME = re.compile(r"^[^\W\d_][\w.&'’-]*(?:\s[\w.&'’-]+){0,3}$")


def source_split(line: str) -> tuple[str, list[str]]:
    """A "Site / Source / Source" line as (site, sources); no sources without a slash."""
    site, *sources = _SOURCE_SEP.split(line.strip(" .()"))
    return site, sources


def from_source_line(page: Page) -> list[str]:
    """The source a closing line credits after the publication's own name ("Example /
    Última Hora", "Example/dpa/AFP"): the news agency or newspaper the story comes from,
    named the way a dateline names its agency ("Hamburg (dpa) –")."""
    keys = site_keys(page)
    for text in reversed(_closing_lines(page, 3)):
        if len(text) > 80:
            continue
        site, sources = source_split(text)
        if (sources and is_site(site, keys)
                and all(_SOURCE_NAME.match(s) and not is_site(s, keys) for s in sources)):
            return sources
    return []


_CAPITALISED_NAME = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý]\.?)?"
                               r"(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}")
_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_LETTER = re.compile(r"[^a-zà-ÿ]")


def _letters(text: str) -> str:
    """The letters of *text*, case-folded: "Gregory Szorc" and "gregoryszorc" agree."""
    return _NOT_LETTER.sub("", text.casefold())


def from_site_owner(page: Page) -> list[str]:
    """The owner of a personal site named after them (``gregoryszorc.com``,
    ``alexanderlasch.wordpress.com``): a person's name of two or three words whose letters
    are the host's own label, shown as the owner: in the possessive in the page's
    ``<title>`` ("Gregory Szorc's Digital Home") or as the site's tagline (a
    ``site-description`` element, ``msapplication-tooltip``) beside a site name of its
    own. Only when nothing else names an author: on such a site its owner writes the
    posts. A name that is the site's name itself ("Al Bawaba" on albawaba.com) is a brand."""
    label = _letters(host_of(page.url).removeprefix("www.").split(".")[0])
    if len(label) < 8:
        return []  # "bbc", "zeit": short labels are brands, not names
    names = {norm_key(n) for n in page.meta.all("og:site_name", "application-name")}
    found: list[tuple[str, bool]] = []  # (text, the name must be in the possessive)
    title = page.root.find(".//title")
    if title is not None:
        found.append((element_text(title, " "), True))
    found += [(text, False) for text in page.meta.all("msapplication-tooltip")]
    for el in page.root.iter("span", "div", "p"):
        cls = classes(el)
        if "site-description" in cls or "site-tagline" in cls:
            found.append((element_text(el, " "), False))
    for text, possessive in found:
        for match in _CAPITALISED_NAME.finditer(text[:200]):
            words = match[0].split()
            for size in range(2, len(words) + 1):  # "Gregory Szorc's Digital": two words
                shown = " ".join(words[:size])
                name = _POSSESSIVE.sub("", shown)
                if possessive and name == shown:
                    continue
                if _letters(name) == label and norm_key(name) not in names:
                    return [name]
    return []


def _text_block(page: Page) -> HtmlElement | None:
    """The element holding the most paragraphs of 120+ characters (at least two)."""
    counts: dict[HtmlElement, int] = {}
    for para in page.root.iter("p"):
        parent = para.getparent()  # (lxml's text_content: a cheap upper bound first)
        if (parent is not None and len(para.text_content()) >= 120
                and len(element_text(para)) >= 120):
            counts[parent] = counts.get(parent, 0) + 1
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and counts[best] >= 2 else None


def signature_names(text: str, keys: frozenset[str]) -> list[str]:
    """The names of a signature line: lower-case initials (two or more, in parentheses
    or before a labelled credit) or a desk ("IN-Redaktion"); nothing for any other text."""
    if len(text) > 100:
        return []
    labelled = ";" in text
    text = text.split(";")[0] if labelled and ":" in text.split(";", 1)[1] else text
    if ":" in text or any(c.isdigit() for c in text):
        return []
    bracketed = text.strip().startswith("(") and text.strip().endswith(")")
    parts = [p.strip(" ()[].-–—") for p in _SPLIT.split(text.strip(" ()"))]
    parts = [p for p in parts if p]
    if not parts:
        return []
    if all(_INITIALS_PART.match(p) and p not in _NOT_NAME_WORDS for p in parts) and (
            bracketed or len(parts) >= 2 or labelled):
        return parts
    if len(parts) == 1 and _DESK_PART.match(parts[0]) and not is_site(parts[0], keys):
        return parts
    return []


_BIO_BOX = re.compile(r"author-?bio|author-?box|about-?the-?author|author-?info|"
                      r"author-?card|author-?profile")


_ABOUT = re.compile(r"^(?:über|about|à propos de|sobre|su|over)\s+(?=\w)", re.I)


def from_bio(page: Page) -> list[str]:
    """The name heading (or author-page link) of an "about the author" box: on a blog
    post without a byline, the one person the box presents wrote it."""
    for box in page.root.iter(etree.Element):
        raw_class = box.get("class") or ""
        if not ("uthor" in raw_class or "UTHOR" in raw_class
                or "uthor" in (box.get("id") or "")) or not _BIO_BOX.search(classes(box)):
            continue
        for el in box.iter("h2", "h3", "h4", "h5", "strong", "a"):
            text = element_text(el, " ")
            if el.tag == "a" and not _AUTHOR_HREF.search(el.get("href") or ""):
                continue
            name = _ABOUT.sub("", text)  # "Über Kathrin", "About Jane Doe"
            names = split_names(name)
            if (len(names) == 1 and _NAME_LIKE.match(name)
                    and (len(name.split()) >= 2 or name != text)):
                return names
    return []


def from_other_jsonld(page: Page) -> list[str]:
    """Person authors of the page's other JSON-LD items (a Recipe, a WebPage) when there
    is no article item."""
    if page.ld_article:
        return []
    for obj in page.ld.objects:
        value = obj.get("author") or obj.get("creator")
        if value:
            names = _person_names(value, page)
            if names:
                return names
    return []


_DATELINE = re.compile(
    r"^[^\W\d][\w .,'/-]{0,40}?\s*\((?P<agency>[A-Za-z][\w/ .&-]{1,24}?)\)\s*[–—-]\s")
_AGENCY_NOT = re.compile(r"^(?:ots|video|audio|foto|photo|update|live|\d+)$", re.I)


def from_dateline(page: Page) -> list[str]:
    """The news agency of a dateline opening the text: "Hamburg (dpa/lno) – …",
    "WASHINGTON (Reuters) - …", "(AP) — …" (kept whole: "dpa/lno" is one service)."""
    texts = page.meta.all("og:description", "description")
    for container in page.root.iter("article", "main"):
        first = next((p for p in container.iter("p") if element_text(p)), None)
        if first is not None:
            texts.insert(0, element_text(first, " "))
            break
    for text in texts:
        match = _DATELINE.match(text) or _DATELINE.match(f"x {text}")
        if match and not _AGENCY_NOT.match(match["agency"]):
            return [clean(match["agency"])]
    return []


def from_headline_line(page: Page) -> list[str]:
    """The name on a short dated line right under the headline ("11.12.2019 - Jane Doe")."""
    for h1 in page.h1s:
        sibling = h1.getnext()
        for _ in range(2):
            if sibling is None:
                break
            text = element_text(sibling, " ") if isinstance(sibling.tag, str) else ""
            date = _DATE_LIKE.search(text) if text and len(text) <= 80 else None
            if date:
                # the name before the date ("Jane Doe | 05.04.2025 - Updated: …"), else
                # the line without its dates ("11.12.2019 - Jane Doe")
                for rest in (text[: date.start()],
                             _META_SEP.sub(" ", _DATE_LIKE.sub(" ", text))):
                    rest = clean(rest).strip(" -–—|·,")
                    words = rest.split()
                    if (2 <= len(words) <= 3 and _NAME_LIKE.match(rest)
                            and all(w[0].isupper() for w in words)):
                        return split_names(rest)
            sibling = sibling.getnext()
    return []


def authors(page: Page) -> tuple[list[str], str | None]:
    """The list of author names and the raw visible byline (or None).

    Person authors declared in JSON-LD win, then visible bylines (byline elements, author
    links, "By ..." labels, a signature closing the text unless JSON-LD names an
    organisation other than the publication), then organisation authors declared in
    JSON-LD (agencies, desks; never the publication itself), then ``<meta>``. Pages with
    none of these fall back, in order, to the signature, the dated name line under the
    headline, the post author's own comments (WordPress ``bypostauthor``), trafilatura's
    heuristics, an "about the author" box, other JSON-LD items (a Recipe's author), a desk
    byline, the news agency of a dateline ("Hamburg (dpa) –"), the source a closing line
    credits after the site's name ("Example / Agency") and the owner of a personal site
    named after them. The site's name is never an author.
    """
    # lxml makes a Python object for each element a walk visits and drops it after;
    # holding them all while the finders below walk the page again lets them reuse the
    # objects, which makes each further walk several times cheaper.
    walk = list(page.root.iter())
    keys = site_keys(page)
    persons = from_jsonld(page)
    elements = byline_elements(page, walk)
    shown, raw = from_elements(page, elements)
    visible = [n for n in shown if not is_site(n, keys)]
    if not visible and not persons:
        visible = [n for n in from_links(page) if not is_site(n, keys)]
    if not visible and not persons:
        visible, label_raw = from_labels(page)
        visible = [n for n in visible if not is_site(n, keys)]
        raw = raw or label_raw
    declared_orgs = from_jsonld_orgs(page)
    # An agency or desk named as author stays; the publication itself is no author.
    orgs = [n for n in declared_orgs if not is_site(n, keys)]
    if not visible and not persons and not orgs:
        # a signature closing the text names a person; an organisation author that is the
        # publication itself says less
        visible = [n for n in from_signature(page) if not is_site(n, keys)]
    if len(persons) > 1:
        persons = [n for n in persons if not is_site(n, keys)] or persons
    if persons and all(is_site(n, keys) for n in persons):
        # a blog account named after the site: the signature under the text names people
        persons = from_closing_line(page) or persons
    if persons and visible and set(persons) < set(visible):
        persons = visible  # the visible byline lists co-authors the metadata misses
    for names in (persons, visible, orgs, from_meta(page)):
        if names:
            return names, raw
    # (the signature was tried above; only the site's name can come of it here)
    for find in (from_headline_line, from_post_author_comment, from_trafilatura, from_bio,
                 from_other_jsonld, from_closing_line):
        names = [n for n in find(page) if not is_site(n, keys)]
        if names:
            return names, raw
    # A byline naming only the publication keeps its text in ``byline`` but names no
    # author; a copyright holder is not an author either.
    desk, desk_raw = from_desk(elements, keys)
    if desk:  # the byline names a desk ("Redaktion"): it outranks a dateline's agency
        return desk, raw or desk_raw
    return from_dateline(page) or from_source_line(page) or from_site_owner(page), raw


_COMMENT_AUTHOR_SLUG = re.compile(r"(?:^|\s)comment-author-(\S+)")
_COMMENTER_CLASS = re.compile(r"(?:^|\s)(?:fn|comment-author|comment_author|author|"
                              r"comment-author-name|commenter)(?:\s|$)")
_COMMENT_TEXT = re.compile(r"comment-content|comment-text|comment-entry|children")
_SAYS = re.compile(r"\s*(?:says|sagt|dit|dice|schreibt)\s*:?\s*$", re.I)


def from_post_author_comment(page: Page) -> list[str]:
    """The post's author answering in the comments: WordPress marks those comments
    ``bypostauthor``, so the commenter's name (or login, ``comment-author-<login>``) is the
    author's when the post itself names none. Other commenters never count."""
    for comment in page.root.iter(etree.Element):
        comment_class = comment.get("class") or ""
        if "bypostauthor" not in comment_class.split():
            continue
        for el in comment.iterdescendants():
            if not isinstance(el.tag, str):
                continue
            cls = el.get("class") or ""
            if _COMMENTER_CLASS.search(cls):
                text = _SAYS.sub("", element_text(el, " "))
                names = split_names(text)  # "Martina Berg Autor": the badge goes
                if len(names) == 1 and len(text.split()) <= 4:
                    return names
            if el.tag in ("p", "ul", "ol") or _COMMENT_TEXT.search(cls):
                break  # the comment's text and replies follow its header
        slug = _COMMENT_AUTHOR_SLUG.search(comment_class)
        if slug:
            return [shown_name(page, slug[1])]
    return []


def from_desk(elements: list[HtmlElement], keys: frozenset[str]) -> tuple[list[str], str | None]:
    """A byline (of the page's :func:`byline_elements`) that names only a desk or a role
    ("von Redaktion", "By Staff Writer"): the attribution the page gives when no person is
    named."""
    for el in elements:
        text = element_text(el, " ")
        desk = _LEAD.sub("", text).strip(" ,.;:|-–—")
        if (desk and len(desk.split()) <= 3 and is_role(desk) and not is_site(desk, keys)
                and not _DATE_LIKE.search(desk)):
            return [desk], text
    return [], None


def from_trafilatura(page: Page) -> list[str]:
    """trafilatura's author heuristics (its own XPath vocabulary), the last resort."""
    try:
        found = trafilatura_author(page.root)
    except (ValueError, TypeError):
        return []
    names: list[str] = []
    if _SAID.search(found or ""):
        return []  # "stephan said:": a comment header, not a byline
    for value in (found or "").split(";"):
        names.extend(n for n in split_names(value) if n not in names)
    return names  # authors() drops the site's own name


# trafilatura's author XPaths (``trafilatura.xpaths.AUTHOR_XPATHS`` and
# ``AUTHOR_DISCARD_XPATHS``, version 2.x) as one pass over the tree: its six XPath
# expressions each walk the whole page with regex tests and it deep-copies the tree to
# prune the discarded boxes, which made it the most expensive part of byline extraction.
_TF_TAGS_1 = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TF_TAGS_2 = frozenset({"a", "div", "h3", "h4", "p", "span"})
_TF_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_TF_CLASS_1 = re.compile(r"author-?name|AuthorName|authorName")
_TF_ID_2 = re.compile(r"author|zuozhe|bianji|xiaobian")
_TF_CLASS_2 = re.compile(
    r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_TF_ID_3 = re.compile(r"[Aa]uthor")
_TF_CLASS_3 = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
_TF_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_TF_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    r"article-(?:share|support)|print|category|meta-date|meta-reviewer")


def _trafilatura_candidates(
        root: HtmlElement) -> tuple[list[list[HtmlElement]], set[HtmlElement]]:
    """The elements each of trafilatura's three author expressions selects, in document
    order, and the elements its pruning removes."""
    found: list[list[HtmlElement]] = [[], [], []]
    discarded: set[HtmlElement] = set()
    class_marks: dict[str | None, tuple[bool, bool, bool, bool]] = {}  # (classes repeat)
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in ("time", "figure"):
            discarded.add(el)
        if not el.keys():
            if tag == "author":
                found[0].append(el)
            continue
        cls, ident = el.get("class"), el.get("id")
        prop, component = el.get("itemprop") or "", el.get("data-component") or ""
        marks = class_marks.get(cls)
        if marks is None:
            marks = class_marks[cls] = _trafilatura_class_marks(cls)
        discard_class, class_1, class_2, class_3 = marks
        if (tag in _TF_DISCARD_TAGS
                and (ident == "comments" or cls in ("comments", "title", "date")
                     or (ident and _TF_DISCARD_ID.search(ident))
                     or discard_class or "Figure" in component)):
            discarded.add(el)
        if tag == "author" or (tag in _TF_TAGS_1 and (
                el.get("rel") == "author" or ident == "author" or cls == "author"
                or prop == "author name" or el.get("data-testid") in ("AuthorCard", "AuthorURL")
                or class_1)):
            found[0].append(el)
        if tag in _TF_TAGS_2 and (
                cls in ("byline", "username", "byl", "BBL") or "author" in prop
                or (ident and _TF_ID_2.search(ident)) or class_2):
            found[1].append(el)
        if ("Byline" in component or "author" in prop or (ident and _TF_ID_3.search(ident))
                or class_3):
            found[2].append(el)
    return found, discarded


def _trafilatura_class_marks(cls: str | None) -> tuple[bool, bool, bool, bool]:
    """Whether the class *cls* passes the class tests of trafilatura's pruning and of its
    three author expressions."""
    if not cls:
        return False, False, False, False
    return (_TF_DISCARD_CLASS.search(cls) is not None, _TF_CLASS_1.search(cls) is not None,
            _TF_CLASS_2.search(cls) is not None, _TF_CLASS_3.search(cls) is not None)


# A comment thread or one comment ("comment" alone may also mark an opinion piece).
_COMMENT_BOX = re.compile(r"(?:^|\s)(?:comments|commentlist|comment-list|comment-body|"
                          r"comment-thread|bypostauthor)(?:\s|$)")


def _in_comment(el: HtmlElement) -> bool:
    """Whether *el* is or lies in a comment thread or a comment (``id="comment-12"``)."""
    return any(_COMMENT_BOX.search(a.get("class") or "")
               or (a.get("id") or "").startswith(("comment-", "comments"))
               for a in (el, *el.iterancestors()))


def trafilatura_author(root: HtmlElement) -> str | None:
    """What ``trafilatura.metadata.extract_author`` finds, without its deep copy of the
    tree: elements inside its discarded boxes (comments, dates, figures, …) are skipped
    instead of pruned, and their text is left out of a match. Unlike trafilatura, names
    inside any comment thread or comment are skipped too."""
    from trafilatura.metadata import normalize_authors

    found, discarded = _trafilatura_candidates(root)
    for results in found:
        for el in results:
            if (el in discarded or any(a in discarded for a in el.iterancestors())
                    or _in_comment(el)):
                continue  # (unlike trafilatura, any comment box is skipped)
            parts: list[str] = []
            _kept_text(el, discarded, parts)
            content = " ".join(" ".join(parts).split())
            if content and 2 < len(content) < 120:
                return normalize_authors(None, content)
    return None


def _kept_text(el: HtmlElement, discarded: set[HtmlElement], parts: list[str]) -> None:
    """The text of *el* without its *discarded* descendants (their tails are kept)."""
    if el.text:
        parts.append(el.text)
    for child in el:
        if child not in discarded:
            _kept_text(child, discarded, parts)
        if child.tail:
            parts.append(child.tail)
