"""The article text: trafilatura's main-content extraction, re-joined as paragraphs and
cleaned of captions, credits, newsletter and related-article leftovers."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from archiver.extract.document import class_words, classes, element_text
from archiver.extract.text import norm_key
from archiver.extract.text import squash as clean
from archiver.extract.urls import site_of

_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "cell", "list", "table",
                     "lb", "graphic", "div"})
_DROP_CLASS = re.compile(
    r"newsletter|caption|credit|copyright|related|promo|subscribe|signup|sign-up|paywall-msg|"
    r"advert|sponsor|share|social|cookie|consent|author-bio|comment"
)


def _paragraphs(node: _Element, out: list[str]) -> None:
    """Block texts of a trafilatura body tree, one per paragraph / heading / list item
    (loose text between blocks included)."""
    for child in node:
        tag = child.tag
        tail = clean(child.tail) if child.tail and child.tail.strip() else ""
        if not isinstance(tag, str):
            if tail:
                out.append(tail)
            continue
        _block(child, out)
        if tail:
            out.append(tail)


def _block(child: _Element, out: list[str]) -> None:
    """Append the paragraph(s) of one block element."""
    tag = child.tag
    if tag == "row" and len(child):
        out.append(clean(" | ".join(
            clean("".join(c.itertext())) for c in child if c.tag == "cell")))
        return
    if tag in ("list", "table", "quote", "div") and len(child):
        if child.text and child.text.strip():
            out.append(clean(child.text))
        _paragraphs(child, out)
        return
    if _DROP_CLASS.search(classes(child)):  # type: ignore[arg-type]
        return
    out.append(clean(_own_text(child)))


def _own_text(el: _Element) -> str:
    """Text of a block, its tail excluded."""
    parts = [el.text or ""]
    for child in el:
        parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _run(root: HtmlElement, url: str, precision: bool) -> list[str]:
    doc = bare_extraction(root, url=url or None, with_metadata=False, include_comments=False,
                          favor_precision=precision, include_tables=True, deduplicate=False)
    if doc is None or getattr(doc, "body", None) is None:
        return []
    out: list[str] = []
    if doc.body.text and doc.body.text.strip():
        out.append(clean(doc.body.text))
    _paragraphs(doc.body, out)
    return [p for p in out if p]


def paragraph_text_estimate(root: HtmlElement) -> int:
    """Characters in the page's long ``<p>`` elements outside asides, navigation and footers:
    a cheap yardstick of how much article text there is."""
    total = 0
    for para in root.iter("p"):
        length = len(para.text_content())
        if length >= 120 and not any(a.tag in ("aside", "nav", "footer")
                                     for a in para.iterancestors()):
            total += length
    return total


def trafilatura_paragraphs(root: HtmlElement, url: str) -> list[str]:
    """Paragraph texts of trafilatura's extraction of *root* (the tree is copied by it).

    Precision mode first (less boilerplate); when it keeps under half of the page's
    paragraph text, the balanced mode is tried and kept if it finds much more."""
    paragraphs = _run(root, url, precision=True)
    found = sum(len(p) for p in paragraphs)
    estimate = paragraph_text_estimate(root)
    if found < 0.5 * estimate:
        balanced = _run(root, url, precision=False)
        size = sum(len(p) for p in balanced)
        if 1.5 * found < size <= 1.2 * estimate:
            paragraphs = balanced
    drop = bio_keys(root) | story_link_keys(root, url, paragraphs)
    if drop:
        paragraphs = [p for p in paragraphs if norm_key(p) not in drop]
    return paragraphs


def story_link_keys(root: HtmlElement, url: str, paragraphs: list[str]) -> set[str]:
    """Keys of the short *paragraphs* (four words or more) that are nothing but the text of a
    link to another page of the same site: teasers of other stories."""
    wanted = {norm_key(p) for p in paragraphs if len(p) <= 300 and p.count(" ") >= 3}
    wanted.discard("")
    if not wanted:
        return set()
    site = site_of(url)
    here = url.split("#")[0]
    initials = {k[0] for k in wanted}
    keys: set[str] = set()
    for link in root.iter("a"):
        first = link.text if link.text and link.text.strip() else next(
            (c.text for c in link if c.text and c.text.strip()), None)
        if not first or first.lstrip()[0].casefold() not in initials:
            continue
        head = norm_key(first)[:12]
        if not head or not any(k.startswith(head) for k in wanted):
            continue
        key = norm_key(link.text_content())
        href = (link.get("href") or "").strip()
        if key not in wanted or not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(url, href).split("#")[0]
        if target != here and site_of(target) == site:
            keys.add(key)
    return keys


_BIO_WORDS = frozenset({"bio", "bios", "biography", "description", "info", "box", "about",
                        "details", "container", "card", "profile"})
_BIO_JOINED = re.compile(r"author-?bio|authorbox|about-?the-?author|autorbox|autoren-?info")


def bio_keys(root: HtmlElement) -> set[str]:
    """Comparison keys of the paragraphs in author boxes (an ``author``/``autor``/``auteur``
    class combined with bio/description/info/box/about/card/profile, or ``author-bio``,
    ``authorbox``, ``about-the-author``): the author's portrait text is not article text.
    Boxes holding the headline, or too long to be a portrait, are left alone."""
    keys: set[str] = set()
    for el in root.iter("div", "section", "aside", "footer", "p"):
        cls = (el.get("class") or "").lower()
        if not cls or ("auth" not in cls and "autor" not in cls and "auteur" not in cls):
            continue
        words = class_words(el)
        if not (_BIO_JOINED.search(cls) or (
                words & {"author", "authors", "autor", "autoren", "auteur"}
                and words & _BIO_WORDS)):
            continue
        if next(el.iter("h1"), None) is not None or len(el.text_content()) > 2000:
            continue
        for block in el.iter("p", "div", "span"):
            key = norm_key(element_text(block, " "))
            if len(key) >= 40:
                keys.add(key)
    return keys


_DATELINE = re.compile(
    r"^(?:stand|updated|last updated|published|posted|veröffentlicht|aktualisiert|"
    r"zuletzt aktualisiert|mis à jour|publié|publicado|actualizado|pubblicato|aggiornato|"
    r"gepubliceerd|bijgewerkt|publicerad|uppdaterad|publisert|oppdatert)\b.{0,60}\d",
    re.I,
)
_DURATION = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:min|minuten|minutes)?\b", re.I)
_BYLINE_LEAD = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", re.I)
_CREDIT_LINE = re.compile(
    r"^(?:foto|fotos|photo|photos|bild|quelle|source|credit|image credit|picture|titelbild|"
    r"bildnachweis|image|images|imagen|immagine|afbeelding|zdjęcie|©)\s*[:©]",
    re.I,
)


_PROMO = re.compile(
    r"\bnewsletters?\b|\bsubscribe\b|\bsign up\b|\babonnieren\b|\bs'abonner\b|"
    r"\bsuscr[ií]bete\b|\biscriviti\b|\babonneer\b|"
    r"\bfollow\b.{0,60}\b(?:twitter|facebook|instagram|linkedin|tiktok|youtube|whatsapp|"
    r"telegram|google news)\b|"
    r"\b(?:folgst|folgen sie|folge|suivez|síguenos|seguici|volg)\b.{0,60}\b(?:whatsapp|"
    r"telegram|instagram|facebook|twitter|google news)\b|"
    r"^\*?(?:werbung|anzeige|advertisement|sponsored|publicidad|publicité|pubblicità)\b|"
    r"\bkostenlos testen\b|\bfree trial\b|\bbraucht (?:deine|ihre) unterstützung\b|"
    r"\bsupport (?:our|independent) journalism\b|^wie hat ihnen (?:dieser|der) artikel "
    r"gefallen|^was this article helpful|^rate this article|^durchschnittliche bewertung|"
    # paywall notices and newsletter consent blurbs
    r"\bréservée? aux abonnés\b|^il vous reste [\d.,]+ ?% de cet article|"
    r"\b(?:nur|exklusiv) für abonnenten\b|\bfor subscribers only\b|"
    r"\bread our privacy (?:policy|notice)\b|\b(?:check out|unsubscribe|opt out) at any time\b",
    re.I,
)
_SECTION_LABEL = re.compile(
    r"^(?:weitere informationen|mehr informationen|zusatzinformationen|zum weiterlesen|"
    r"weiterführende links|kontakt|contact|further reading|more information|more info|"
    r"originalpublikation|original publication|quellen|sources|links|infos?|"
    r"pour en savoir plus|más información|per saperne di più|titelbild|bildnachweis|"
    r"fotos?|photos?|credits?)\s*:?$",
    re.I,
)
_BARE_DATE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|"
    r"martes|miércoles|jueves|viernes|sábado|domingo)?[,\s]*[\d\s./:,\-–]+(?:uhr|h)?$",
    re.I,
)


_SEE_ALSO = re.compile(
    r"^(?:see also|read also|also read|read more|related(?: articles?| stories)?|more on this|"
    r"lesen sie auch|auch interessant|mehr zum thema|weitere artikel|kommentierte artikel|"
    r"vea también|lee también|ver también|lire aussi|à lire aussi|voir aussi|leggi anche|"
    r"zie ook|lees ook|les også|läs också|læs også|czytaj też|czytaj także|czytaj więcej|"
    r"zum artikel|mehr dazu|weiterlesen|"
    r"category|categories|kategorie|kategorien|tags|schlagwörter|release date)\b\s*:?",
    re.I,
)


def is_noise(para: str, authors: list[str]) -> bool:
    """A byline, dateline, media duration, credit/copyright or newsletter line left in the
    text."""
    if len(para) <= 200 and _PROMO.search(para):
        return True
    if len(para) > 120:
        return False
    if _SEE_ALSO.match(para) or _SECTION_LABEL.match(para) or _BARE_DATE.match(para):
        return True
    if "©" in para or para.lower().startswith("copyright"):
        return True
    if _DATELINE.match(para) or _DURATION.match(para):
        return True
    if _CREDIT_LINE.match(para) and len(para.split()) <= 8:
        return True
    if _BYLINE_LEAD.match(para):
        key = norm_key(para)
        return any(norm_key(name) in key for name in authors)
    return False


def body(paragraphs: list[str], title: str | None, removed: set[str],
         authors: list[str] | None = None) -> str:
    """The body text: paragraphs joined by a blank line, headline and *removed* texts dropped
    (captions and credits), bylines/datelines removed, consecutive duplicates collapsed."""
    title_key = norm_key(title)
    kept: list[str] = []
    previous = ""
    for index, para in enumerate(paragraphs):
        key = norm_key(para)
        if not key or key == previous or key in removed or is_noise(para, authors or []):
            continue
        if title_key and key == title_key and index < 3:
            continue
        previous = key
        kept.append(para)
    return "\n\n".join(kept)


def caption_keys(figures: list[HtmlElement]) -> set[str]:
    """Comparison keys of figure captions and credits (never part of the body)."""
    keys: set[str] = set()
    for fig in figures:
        for el in fig.iter("figcaption"):
            keys.add(norm_key(element_text(el)))
    keys.discard("")
    return keys


_STANDFIRST_WORDS = frozenset({"standfirst", "strapline", "dek", "deck", "subheadline",
                               "sub-headline", "subhead", "lede", "lead", "intro", "summary",
                               "teaser", "excerpt", "kicker-text", "article-lead",
                               "article-summary", "description", "abstract", "subtitle"})


def standfirst(page_h1s: list[HtmlElement]) -> str | None:
    """The standfirst shown under the headline: a summary/dek/strapline element next to the
    ``<h1>`` (same parent or grandparent), below it when there is one below it; never in an
    author box, never a teaser card (a linked block or one with its own heading)."""
    for h1 in page_h1s:
        for scope in (h1.getparent(), h1.getparent().getparent()
                      if h1.getparent() is not None else None):
            if scope is None:
                continue
            above: str | None = None
            below = False
            for el in scope.iter("h1", "p", "div", "h2", "span"):
                if el is h1:
                    below = True
                    continue
                if not (class_words(el) & _STANDFIRST_WORDS) or _in_author_box(el, scope):
                    continue
                if (el.tag != "h2" and next(el.iter("h2", "h3", "h4"), None) is not None) or any(
                        a.tag == "a" for a in el.iterancestors()):
                    continue
                text = element_text(el, " ")
                linked = sum(len(a.text_content()) for a in el.iter("a"))
                if linked > 0.5 * len(text):
                    continue  # a teaser: its text is a link to another story
                if 30 <= len(text) <= 600 and len(text.split()) >= 6:
                    if below:
                        return text
                    above = above or text
            if above:
                return above
    return None


_AUTHOR_BOX = frozenset({"author", "authors", "autor", "autoren", "auteur",
                         "bio", "biography"})


def _in_author_box(el: HtmlElement, scope: HtmlElement) -> bool:
    """Whether *el* is (inside) an author box below *scope* ("author-description" is the
    author's portrait, not the article's summary)."""
    node: HtmlElement | None = el
    while node is not None and node is not scope:
        if class_words(node) & _AUTHOR_BOX:
            return True
        node = node.getparent()
    return False


def with_standfirst(text: str, lead: str | None) -> str:
    """*text* with the standfirst as its first paragraph unless already present."""
    if not lead or not text or norm_key(lead) in norm_key(text[: len(lead) * 3 + 200]):
        return text
    return f"{lead}\n\n{text}"
