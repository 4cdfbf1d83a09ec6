"""The article text: trafilatura's main-content extraction, re-joined as paragraphs and
cleaned of captions, credits, newsletter and related-article leftovers."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from archiver.extract.byline import source_split
from archiver.extract.document import class_words, classes, element_text, shown_beside
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
    """Text of a block, its tail excluded. A line break (``<br>``, trafilatura's ``lb``)
    separates words: lines of a list written with breaks ("…, FL<br>June 10 …") must not
    run together into one word."""
    parts = [el.text or ""]
    for child in el:
        parts.append(" " if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _run(root: HtmlElement, url: str, precision: bool, fast: bool = False) -> list[str]:
    doc = bare_extraction(root, url=url or None, with_metadata=False, include_comments=False,
                          favor_precision=precision, include_tables=True, deduplicate=False,
                          fast=fast)
    if doc is None or getattr(doc, "body", None) is None:
        return []
    out: list[str] = []
    if doc.body.text and doc.body.text.strip():
        out.append(clean(doc.body.text))
    _paragraphs(doc.body, out)
    return [p for p in out if p]


_OUTSIDE_TEXT = ("aside", "nav", "footer")


def _long_paragraphs(root: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """The page's ``<p>`` elements of 120+ characters outside asides, navigation and
    footers, with their texts."""
    found: list[tuple[HtmlElement, str]] = []
    for para in root.iter("p"):
        text = para.text_content()
        # a tag filter on the ancestors is matched in lxml, without an object per ancestor
        if len(text) >= 120 and next(para.iterancestors(_OUTSIDE_TEXT), None) is None:
            found.append((para, text))
    return found


def found_too_little(found: int, estimate: int, page_text: int) -> bool:
    """Whether trafilatura's main extractor alone (``fast``) found too little text: under
    half the page's long-paragraph text (*estimate*) or under 5 % of all its text.

    Only then are its second opinions (readability and jusText, compared with the main
    result) worth their cost, about 40 % of a full run: on the 462 DEV pages they
    changed the text of 20, 16 of them pages where the main extractor found next to
    nothing, and body F1 is the same with this gate (measured in docs/benchmarks.md)."""
    return found < 0.5 * estimate or found < 0.05 * page_text


def trafilatura_paragraphs(root: HtmlElement, url: str) -> list[str]:
    """Paragraph texts of trafilatura's extraction of *root* (the tree is copied by it).

    Precision mode first (less boilerplate), without trafilatura's second opinions unless
    it found too little (:func:`found_too_little`); when it keeps under 40 % of the page's
    paragraph text, the balanced mode is tried and kept if it finds much more. Long page
    paragraphs trafilatura skipped between two it kept, in the same kind of container, are
    put back (anywhere on the page when it still has less than half of the text: an
    article body split into several blocks). Then headline repeats, author-box text and
    teasers of other stories are dropped."""
    longs = _long_paragraphs(root)
    estimate = sum(len(text) for _, text in longs)  # a cheap yardstick of the article text
    paragraphs = _run(root, url, precision=True, fast=True)
    found = sum(len(p) for p in paragraphs)
    if found_too_little(found, estimate, len(root.text_content())):
        paragraphs = _run(root, url, precision=True)  # with readability and jusText
        found = sum(len(p) for p in paragraphs)
    if found < 0.4 * estimate:  # above that, balanced mode only adds boilerplate
        balanced = _run(root, url, precision=False)
        size = sum(len(p) for p in balanced)
        if 1.5 * found < size <= 1.2 * estimate:
            paragraphs, found = balanced, size
    paragraphs = with_sibling_paragraphs(paragraphs, longs, found < 0.5 * estimate)
    paragraphs = without_headline_repeats(paragraphs, headline_keys(root))
    drop = bio_keys(root) | story_link_keys(root, url, paragraphs)
    if drop:
        paragraphs = [p for p in paragraphs if norm_key(p) not in drop]
    return paragraphs


def _container(para: HtmlElement) -> tuple[object, ...]:
    """What makes two paragraphs parts of the same text: their own class, their parent's
    tag and class, and the ``<article>`` they belong to."""
    parent = para.getparent()
    article = next(para.iterancestors("article"), None)
    if parent is None:
        return (para.get("class") or "", None, "", article)
    return (para.get("class") or "", parent.tag, parent.get("class") or "", article)


def _solid(text: str) -> str:
    """*text* without any whitespace: a cheap key to recognise a paragraph."""
    return "".join(text.split())


def with_sibling_paragraphs(paragraphs: list[str], longs: list[tuple[HtmlElement, str]],
                            anywhere: bool) -> list[str]:
    """*paragraphs* plus the long page paragraphs they lack that sit in the same kind of
    container (class, parent, ``<article>``) as long paragraphs they hold, in page order:
    only gaps between kept paragraphs are filled unless *anywhere*. A kept paragraph that
    starts and ends like a longer page paragraph lost words on the way (trafilatura drops
    the text of some links): the page's text replaces it."""
    solids = [_solid(para) for para in paragraphs]
    position: dict[str, int] = {}
    starts: dict[str, int] = {}
    for index, solid in enumerate(solids):
        position.setdefault(solid, index)
        if len(solid) >= 80:
            starts.setdefault(solid[:30], index)
    keyed = [(para, text, _solid(text)) for para, text in longs]
    matched = [i for i, (_, _, key) in enumerate(keyed) if key in position]
    if not matched:
        return paragraphs
    kept = {_container(keyed[i][0]) for i in matched}
    first, final = (0, len(keyed)) if anywhere else (matched[0], matched[-1])
    joined = " ".join(position)
    after: dict[int, list[str]] = {}
    fuller: dict[int, str] = {}
    last = -1
    for index, (para, text, key) in enumerate(keyed):
        if key in position:
            last = position[key]
            continue
        lossy = starts.get(key[:30])
        if lossy is not None:
            short = solids[lossy]
            if key.endswith(short[-30:]) and len(short) < len(key) <= 1.5 * len(short):
                fuller[lossy] = clean(text)
                last = lossy
        elif (first <= index <= final and key[:50] not in joined and key[-50:] not in joined
              and _container(para) in kept and next(para.iter("style", "script"), None) is None):
            after.setdefault(last, []).append(clean(text))
            position[key] = last
    if not after and not fuller:
        return paragraphs
    out = after.get(-1, [])
    for index, para in enumerate(paragraphs):
        out.append(fuller.get(index, para))
        out.extend(after.get(index, ()))
    return out


def headline_keys(root: HtmlElement) -> set[str]:
    """Comparison keys of the page's headlines: every ``<h1>``, ``<title>`` and og:title."""
    keys: set[str] = set()
    for el in root.iter("h1", "title", "meta"):
        if el.tag == "meta":
            if el.get("property") == "og:title":
                keys.add(norm_key(el.get("content")))
        else:
            keys.add(norm_key(el.text_content()))
    return {k for k in keys if len(k) >= 15}


def without_headline_repeats(paragraphs: list[str], headlines: set[str]) -> list[str]:
    """*paragraphs* without the headline repeated at the top in another form (with its
    kicker, the section name or the site name; the ``<title>`` or og:title), and without
    the short labels above such a repeat."""
    if not headlines:
        return paragraphs
    for index, para in enumerate(paragraphs[:4]):
        if len(para) > 300:
            break
        key = norm_key(para)
        if any((h in key and key.count(" ") - h.count(" ") <= 4)  # a kicker or site name
               or (key in h and 2 * len(key) >= len(h)) for h in headlines):
            return [p for i, p in enumerate(paragraphs)
                    if i > index or (i < index and len(p) > 40)]
    return paragraphs


def story_link_keys(root: HtmlElement, url: str, paragraphs: list[str]) -> set[str]:
    """Keys of the short *paragraphs* (four words or more) that are teasers of other stories
    of the same site: the text of a link to such a page, that text after a short label (a
    kicker or section name), or a card link (one wrapping blocks: kicker,
    headline) followed by the card's summary."""
    wanted = {norm_key(p): p for p in paragraphs if len(p) <= 300 and p.count(" ") >= 3}
    wanted.pop("", None)
    if not wanted:
        return set()
    site = site_of(url)
    here = url.split("#")[0]
    tokens = {t.strip(_PUNCT) for p in wanted.values() for t in p.casefold().split()}
    keys: set[str] = set()
    for link in root.iter("a"):
        first = link.text
        if not first or first.isspace():
            first = link.text_content()
        words = first.split(None, 1)
        if not words or words[0].casefold().strip(_PUNCT) not in tokens:
            continue  # cheap test first: the link's first word is in no candidate
        href = link.get("href")
        if not href or len(href) < 2 or href[0] == "#" or href.startswith(
                ("javascript:", "mailto:")):
            continue
        key = norm_key(" ".join(link.itertext()))  # blocks of a card are words apart
        if len(key) < 15 or key.count(" ") < 2:
            continue
        matches = [k for k in wanted if key in k and k not in keys]
        if not matches:
            continue
        target = urljoin(url, href.strip()).split("#")[0]
        if target == here or site_of(target) != site:
            continue
        card = next(link.iter("p", "div", "h2", "h3", "h4"), None) is not None
        for k in matches:
            label = k[: len(k) - len(key)]
            if k == key or (card and k.startswith(key)) or (
                    k.endswith(key) and _KICKER.match(label)
                    and ":" not in wanted[k][: len(label) + 2]):
                keys.add(k)
    return keys


_PUNCT = "\"'„“”‚‘’«»‹›()[]{}.,;:!?¿¡…–—-*/|"
_KICKER = re.compile(r"^(?:[^\W\d]+ ){1,3}$")  # one to three words, no digits
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
        cls = el.get("class")
        if not cls:
            continue
        cls = cls.lower()
        if "auth" not in cls and "autor" not in cls and "auteur" not in cls:
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


# The phrases open at the start of the line (``^``) or at a word boundary: one ``\b`` in
# front of all the word alternatives, so the search tests one boundary, not some twenty
# alternatives, at each position of the line.
_PROMO = re.compile(
    r"^(?:\*?(?:werbung|anzeige|advertisement|sponsored|publicidad|publicité|pubblicità)\b|"
    r"(?:wie )?hat ihnen (?:dieser|der) artikel gefallen|was this article helpful|"
    r"rate this article|durchschnittliche bewertung|"
    # a paywall notice
    r"il vous reste [\d.,]+ ?% de cet article)|"
    r"\b(?:newsletters?|subscribe|sign up|abonnieren|s'abonner|suscr[ií]bete|iscriviti|"
    r"abonneer|"
    r"follow\b.{0,60}\b(?:twitter|facebook|instagram|linkedin|tiktok|youtube|whatsapp|"
    r"telegram|google news)|"
    r"(?:folgst|folgen sie|folge|suivez|síguenos|seguici|volg)\b.{0,60}\b(?:whatsapp|"
    r"telegram|instagram|facebook|twitter|google news)|"
    r"kostenlos testen|free trial|braucht (?:deine|ihre) unterstützung|"
    r"support (?:our|independent) journalism|"
    # paywall notices and newsletter consent blurbs
    r"réservée? aux abonnés|(?:nur|exklusiv) für abonnenten|for subscribers only|"
    r"read our privacy (?:policy|notice)|(?:check out|unsubscribe|opt out) at any time|"
    # newsletter and tip-line calls, comment-system notices, breaking-news stubs
    r"(?:get|sign up for|subscribe to)\s+(?:the|our)\b[^!?]{0,80}\b(?:in|to|into) your inbox|"
    r"(?:delivered|sent|straight|directly) (?:straight |directly )?(?:to|into) your inbox|"
    r"got a story\?|get in touch with our (?:news )?(?:team|desk)|"
    r"(?:confirm|set|choose) (?:your|a) (?:public )?display name|"
    r"this is a (?:breaking|developing) (?:news? )?story)\b",
    re.I,
)
_SECTION_LABEL = re.compile(
    r"^(?:weitere informationen|mehr informationen|zusatzinformationen|zum weiterlesen|"
    r"weiterführende links|kontakt|contact|further reading|more information|more info|"
    r"originalpublikation|original publication|quellen|sources|links|infos?|"
    r"pour en savoir plus|más información|per saperne di più|titelbild|bildnachweis|"
    r"fotos?|photos?|credits?|article content|recommended videos?|etiketler|"
    r"schlagworte|more|don['’]t miss)\s*:?$",
    re.I,
)
# wire-service credit lines closing a story ("Reporting by X; Editing by Y", "X contributed
# to this report") and newsletter blurbs with their call to sign up ("… Newsletter … Hier
# geht's zur Anmeldung!"): one pattern, one search per paragraph
_CONTRIBUTORS = re.compile(
    r"^(?:(?:additional )?reporting by|writing by|editing by|compiled by)\b|"
    r"\b(?:contributed (?:reporting )?to this (?:report|story|article)\.?$|"
    r"newsletter\b.*\b(?:anmeldung|anmelden|abonnieren|sign up|subscribe|inscri\w*|"
    r"iscriviti|suscr[ií]bete)\b)",
    re.I,
)
# media teasers ending with "date | duration", gallery counters "[1/5]"
_MEDIA_TEASER = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\s*\|\s*\d{1,2}:\d{2}\s*min\.?$", re.I)
_GALLERY_COUNTER = re.compile(r"^\[\d{1,3}\s*/\s*\d{1,3}\]")
_BARE_DATE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|"
    r"martes|miércoles|jueves|viernes|sábado|domingo)?[,\s]*[\d\s./:,\-–]+(?:uhr|h)?$",
    re.I,
)


_SEE_ALSO = re.compile(
    r"^(?:see also|see more|read also|also read|read more|"
    r"related(?: articles?| stories)?|more on this|"
    r"lesen sie auch|auch interessant|mehr zum thema|weitere artikel|kommentierte artikel|"
    r"vea también|lee también|ver también|lire aussi|à lire aussi|voir aussi|leggi anche|"
    r"zie ook|lees ook|les også|läs också|læs også|czytaj też|czytaj także|czytaj więcej|"
    r"zum artikel|mehr dazu|weiterlesen|(?:read next|more)(?=\s*:)|"
    r"category|categories|kategorie|kategorien|tags|schlagwörter|release date)\b\s*:?",
    re.I,
)


def is_noise(para: str, authors: list[str]) -> bool:
    """A byline (or the author's name alone), dateline, media duration or teaser, credit/
    copyright, gallery counter, contributor or newsletter line left in the text."""
    if len(para) <= 200 and _PROMO.search(para):
        return True
    if len(para) <= 400 and (
            _CONTRIBUTORS.search(para)
            or (para.endswith(("min", "min.")) and _MEDIA_TEASER.search(para))
            or (para[0] == "[" and _GALLERY_COUNTER.match(para))):
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
    if authors and "/" in para and len(para) <= 80 and _source_line(para, authors):
        return True
    if _BYLINE_LEAD.match(para):
        key = norm_key(para)
        return any(norm_key(name) in key for name in authors)
    if len(para) <= 60 and authors:  # the author's name alone on its line
        key = norm_key(para)
        return any(norm_key(name) == key for name in authors)
    return False


def _source_line(para: str, authors: list[str]) -> bool:
    """A closing "Site / Agency" line whose sources are the authors: the attribution
    :func:`byline.from_source_line` took the authors from, not text."""
    _, sources = source_split(para)
    names = {norm_key(name) for name in authors}
    return bool(sources) and all(norm_key(source) in names for source in sources)


# screen-reader hints written after links: "(öffnet im neuen Fenster)", ", opens new tab";
# the "Click To Tweet" button closing a tweetable quote
_LINK_HINT = re.compile(
    r"\s*\((?:öffnet (?:sich )?(?:im|in einem) neuen (?:fenster|tab)|opens? in (?:a )?new "
    r"(?:tab|window)|ouvre dans (?:un )?nouvel onglet|se abre en una (?:nueva )?(?:ventana|"
    r"pestaña))\)|,\s*opens? (?:in )?(?:a )?new (?:tab|window)\b|\s*click to tweet$",
    re.I,
)

_HINT_MARKS = ("ffnet", "pens", "ouvre", "abre en", "weet", "FFNET", "PENS", "OUVRE", "WEET")


def body(paragraphs: list[str], title: str | None, removed: set[str],
         authors: list[str] | None = None) -> str:
    """The body text: paragraphs joined by a blank line, headline and *removed* texts dropped
    (captions and credits), bylines/datelines removed, consecutive duplicates collapsed,
    screen-reader hints after links removed."""
    title_key = norm_key(title)
    kept: list[str] = []
    previous = ""
    for index, para in enumerate(paragraphs):
        if any(mark in para for mark in _HINT_MARKS):
            para = _LINK_HINT.sub("", para)
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


def alt_text_keys(root: HtmlElement) -> set[str]:
    """Comparison keys of pictures' alt (or title) texts of four words or more that are
    shown as text in the picture's own small container (a caption block beside the
    ``<picture>``, outside any ``<figure>``): a caption, not article text. A caption that
    repeats a paragraph shown elsewhere on the page (a pull quote under the picture) is
    left alone: that paragraph is article text."""
    shown: dict[str, HtmlElement] = {}
    sizes: dict[HtmlElement, int] = {}  # a gallery's pictures share their containers
    for img in root.iter("img"):
        for text in (img.get("alt"), img.get("title")):
            if text and text.count(" ") >= 3:
                key = norm_key(text.split(" | ")[0])
                container = None if key in shown else shown_beside(img, key, sizes)
                if container is not None:
                    shown[key] = container
    if shown:
        for para in root.iter("p"):
            text = para.text_content()
            key = norm_key(text) if len(text) >= 20 else ""
            if key in shown and shown[key] not in para.iterancestors():
                del shown[key]
    return set(shown)


_STANDFIRST_WORDS = frozenset({"standfirst", "strapline", "dek", "deck", "subheadline",
                               "sub-headline", "subhead", "lede", "lead", "intro", "summary",
                               "teaser", "excerpt", "kicker-text", "article-lead",
                               "article-summary", "description", "abstract", "subtitle", "desc",
                               "leadtext"})
# every word above is a substring of the class/id names holding it: a cheap test first
_STANDFIRST_HINT = re.compile("|".join(sorted(_STANDFIRST_WORDS)))


_HEADLINE_CANDIDATES = 5


def standfirst(page_h1s: list[HtmlElement]) -> str | None:
    """The standfirst shown under the headline: a summary/dek/strapline element next to the
    ``<h1>`` (same parent or grandparent), below it when there is one below it; never in an
    author box, never a teaser card (a linked block, one with its own heading, or one
    opening with a link). Only the first few ``<h1>`` are the headline's candidates: a page
    of thousands of them must not cost a walk of their container each."""
    for h1 in page_h1s[:_HEADLINE_CANDIDATES]:
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
                if not _standfirst_named(el) or _in_author_box(el, scope):
                    continue
                if (el.tag != "h2" and next(el.iter("h2", "h3", "h4"), None) is not None) or any(
                        a.tag == "a" for a in el.iterancestors()):
                    continue
                text = element_text(el, " ")
                linked = sum(len(a.text_content()) for a in el.iter("a"))
                if linked > 0.5 * len(text) or _opens_with_link(el, text):
                    continue  # a teaser: its text is (opens with) a link to another story
                if 30 <= len(text) <= 600 and len(text.split()) >= 6 and not is_noise(text, []):
                    if below:
                        return text
                    above = above or text
            if above:
                return above
    return None


def _standfirst_named(el: HtmlElement) -> bool:
    """Whether a class/id word of *el* names a standfirst ("article-lead", "dek")."""
    return (_STANDFIRST_HINT.search(classes(el)) is not None
            and not class_words(el).isdisjoint(_STANDFIRST_WORDS))


def _opens_with_link(el: HtmlElement, text: str) -> bool:
    """Whether *text* (that of *el*) opens with the text of a link of two words or more
    inside *el*: a teaser card headed by the linked headline of another story."""
    key = norm_key(text)
    for link in el.iter("a"):
        href = link.get("href") or ""
        head = norm_key(" ".join(link.itertext()))
        if href[:1] not in ("", "#") and " " in head and key.startswith(head):
            return True
    return False


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


_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "a", "nav", "aside",
                        "footer", "figure", "figcaption", "button", "title"})


def shown_description(page_h1s: list[HtmlElement], descriptions: list[str]) -> str | None:
    """The page's declared description (meta, og or JSON-LD) when the page shows it as a
    block of its own after the first ``<h1>``: a standfirst whose element has no standfirst
    class name (hashed CSS classes, a bare ``<p>`` in an ``<hgroup>``). The block's text is
    the description, word for word; never in a link, navigation, aside, footer or figure."""
    if not page_h1s:
        return None
    h1 = page_h1s[0]
    for description in dict.fromkeys(descriptions):
        key = norm_key(description)
        words = description.split()
        if key.count(" ") < 7 or not words:
            continue
        found = _shown_block(h1, key, words[0])
        if found:
            return found
    return None


def _shown_block(h1: HtmlElement, key: str, head: str) -> str | None:
    """Text of the element after *h1* whose text has the comparison key *key* (found from
    the text nodes holding its first word *head*)."""
    limit = 2 * len(key) + 40
    for node in h1.xpath("following::text()[position() <= 600][contains(., $head)]",
                         head=head)[:8]:
        el = node.getparent()
        if el is not None and node.is_tail:
            el = el.getparent()
        for _ in range(3):
            if el is None or el.tag in _NOT_SHOWN or len(el.text_content()) > 3 * limit:
                break  # the raw text (scripts included) is a cheap bound first
            text = element_text(el)
            if len(text) > limit:
                break
            if norm_key(text) == key:
                if next(el.iterancestors(*_NOT_SHOWN), None) is not None:
                    return None
                return text
            el = el.getparent()
    return None


def with_standfirst(text: str, lead: str | None) -> str:
    """*text* with the standfirst as its first paragraph unless already present (anywhere:
    a summary list may come first, or the text may split the standfirst into lines)."""
    if not lead or not text or norm_key(lead) in norm_key(text):
        return text
    return f"{lead}\n\n{text}"
