"""Images: the lead image and every inline figure, with caption, credit and alt text.

Credits are found, in order: in elements marked as credits (class vocabulary such as
``credit``/``copyright``/``photographer``, schema.org itemprops, ``<footer>``/``<small>``/
``<cite>`` inside a figure), in the image's own ``title``/``data-*credit*`` attributes, and
as a labelled tail of the caption ("Photo: X / Agency", "© X", "(Image credit: X)") or a
name in parentheses after the caption's last sentence ("Text. (Jane Doe/Agency)") or alone.
A credit listing several holders separated by " | " yields one entry per holder; an image
with several holders is repeated once per holder (the record keeps one credit string per
:class:`~archiver.items.Image`, so holders are never glued together).
"""

from __future__ import annotations

import html
import re
from typing import Any

from lxml.html import HtmlElement

from archiver.extract.document import (
    class_words,
    classes,
    element_text,
    in_boilerplate,
    shown_beside,
)
from archiver.extract.jsonld import PAGE_TYPES, text_of, types_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key
from archiver.extract.urls import join_url, site_of
from archiver.items import Image

_LABELS = (
    r"image credits?|photo credits?|picture credits?|image source|images? courtesy(?: of)?|"
    r"credits?|courtesy(?: of)?|copyright|quelle|bildquelle|source|sources|fonte|fuente|"
    r"fotos?|photos?|photograph(?:y|er)?|pictures?|images?|bild(?:er)?|illustrations?|"
    r"grafik|graphic|v[ií]deo|fotograf(?:ie|ía|ia)?|fotografía|kuva|zdjęcie|zdroj|"
    r"crédits?|crédito|créditos|kilde|källa|bron|beeld|afbeelding|foto ?credit|"
    r"источник|джерело|фото|źródło|lähde|forrás|sursa|zdroj|πηγή|φωτογραφία|출처|사진|"
    r"写真|图片|来源|fotó|kuvat?|foton|fotografija|izvor|fotoğraf|görsel|isithombe|ảnh|"
    r"nuotrauka|fotogrāfija|snímek|bildkälla|коллаж|колаж|collage|montage|fotomontage"
)
_RIGHTS = (r"all rights reserved|tous droits réservés|alle rechte vorbehalten|"
           r"riproduzione riservata|derechos reservados|todos los derechos reservados|"
           r"bildrechte|bildrecht|rechte")
_LABEL = re.compile(
    rf"^(?:(?:{_LABELS}|{_RIGHTS})\s*[:：]\s*|(?:{_LABELS})\s+by\s+|©\s*|\(c\)\s*|"
    rf"copyright\s+|(?:{_RIGHTS})\s+)", re.I,
)
# What every match of _LABEL holds (a colon, "by", "©", a rights phrase...): the
# cheaper test rules out most texts before _LABEL tries its many labels.
_LABEL_HINT = re.compile(r"[:：©]|by|\(c\)|copyright|recht|réserv|reserv|riservat", re.I)
_COURTESY = re.compile(r"^(?:(?:image|photo|picture)s?\s+)?courtesy\s+of\s+", re.I)
_RIGHTS_TAIL = re.compile(rf"\s*[/,.;]?\s*(?:copyright\s+\d{{4}}\b.*|(?:{_RIGHTS})\.?)$", re.I)
_LABEL_LEFT = re.compile(rf"(?:^|(?<=\s))(?:{_LABELS})\s*[:：]\s*$", re.I)
_LABEL_ONLY = re.compile(rf"^(?:{_LABELS}|{_RIGHTS}|©)$", re.I)
_CAPTION_LIKE = re.compile(r"^(?:\S+\s+){8,}\S+$")
_NOT_HOLDER = re.compile(
    r"^(?:by|von|di|par|por|door|av|af)\s|\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b|"
    r"^\d|^@(?:\S+$|\s)|registered trademark|\d{5}|\bgmbh\b|\binc\.|\bltd\b|\b\d{1,2}:\d{2}\b|"
    r"\b\d+\s*(?:min|sec|sek)\b|"
    r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$", re.I,
)
_TAIL_CREDIT = re.compile(
    rf"(?:^|[\s.,;|(\[–—-])\(?((?:{_LABELS})\s*[:：]|(?:picture|photo|image|foto)s?\s+by|©|\(c\))"
    rf"\s*([^()\[\]]+?)\s*[)\]]?\s*$", re.I,
)
_PAREN_TAIL = re.compile(
    r"\(([^()]*\b(?:photo|foto|picture|image|credit|getty|reuters|afp|dpa|epa|ap|"
    r"shutterstock|istock|alamy|imago|unsplash|keystone|anp|ansa|efe)\b[^()]*)\)\s*$", re.I,
)
_SENTENCE_PAREN_TAIL = re.compile(r"(?<=[.!?\"'”’»])\s*\(([^()]{2,80})\)\s*$")
_NOT_PAREN_CREDIT = re.compile(
    r"^(?:file|archive|archiv|symbolbild|symbolfoto|left|right|cent(?:re|er)|top|bottom|"
    r"front|back|pictured|video|[lrc])\b", re.I)
_EQUALS_TAIL = re.compile(r"[＝=]\s*([^＝=、。\d０-９]{1,30})$")  # Japanese style "caption＝AP"
_WIDE_EQUALS_TAIL = re.compile(r"＝\s*([^＝=、。\d０-９]{1,30})$")  # the same in an alt text
_ONLY_PAREN = re.compile(r"^\(([^()]{2,80})\)$")
_DASH_TAIL = re.compile(r"\s+[—–]\s+([^—–]{2,60})$")


def _holder_like(text: str) -> bool:
    """A short name-like credit: at most 8 words, each capitalised (or holding a "/"),
    no sentence punctuation."""
    words = text.split()
    return (0 < len(words) <= 8 and not text.rstrip().endswith((".", "!", "?", ":"))
            and all(w[0].isupper() or "/" in w or not w[0].isalpha() for w in words))


_PIPE_TAIL = re.compile(r"\s+\|\s+([^|]{2,80})$")
_CREDIT_CLASS = re.compile(
    r"(?<![a-z])credit|credit(?:s|text|line|name)?(?![a-z])|copyright|photographer|fotograf|"
    r"urheber|quelle|source|attribution|courtesy|rights|agency|bildnachweis|licen[cs]e|lizenz|"
    r"picture-?by|(?:media|image|img|photo|foto|picture|caption|figure)[-_]*author|"
    r"distributor|provider"
)
_MEDIA_DESCRIPTION = r"(?:info|media|image|img|photo|foto|picture|slide)[-_]?description"
_CAPTION_CLASS = re.compile(rf"caption|legend|bildunterschrift|img-info|image-info|"
                            rf"figcaption|{_MEDIA_DESCRIPTION}")
_DESCRIPTION_CLASS = re.compile(_MEDIA_DESCRIPTION)
_CREDIT_PROPS = frozenset({"copyrightholder", "credittext", "author", "copyrightnotice",
                           "creator", "accountableperson"})
_CREDIT_TAGS = frozenset({"footer", "small", "cite"})
_FIND_OR_CAPTION = re.compile(
    r"(?<![a-z])credit|credit(?:s|text|line|name)?(?![a-z])|copyright|photographer|fotograf|"
    r"urheber|bildnachweis|caption|legend|bildunterschrift|img-info|image-info|description"
)
# The words of _FIND_OR_CAPTION without its context tests (a class that holds none of
# them matches neither _FIND_OR_CAPTION nor _DESCRIPTION_CLASS).
_FIND_OR_CAPTION_WORDS = re.compile(
    r"credit|copyright|photographer|fotograf|urheber|bildnachweis|caption|legend|"
    r"bildunterschrift|img-info|image-info|description")
_NOT_CREDIT_CLASS = re.compile(r"toggle|expand|button|more\b|\bbtn|close|icon")
_IMG_ATTRS = ("src", "data-src", "data-lazy-src", "data-original", "data-url", "data-srcset",
              "srcset")


def strip_labels(text: str) -> str:
    """A credit without wrapping parentheses and stacked labels ("Image credit: Image source:")."""
    text = clean(text)
    previous = None
    while previous != text:
        previous = text
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1].strip()
        text = _COURTESY.sub("", _LABEL.sub("", text)).strip()
    return text.strip(" ,;:|.-–—[]【】/")


_WIRE_TAG = re.compile(r"\s*\+\+\+.*?\+\+\+\s*")
_HOLDER_SEP = re.compile(r"\s+\|\s+|\s*\|\s*(?=©)|;\s+|,\s+(?![^()]*\))")


def holders(text: str) -> list[str]:
    """Credit holders of one credit text ("© A | B" -> ["A", "B"]), labels stripped."""
    out = []
    text = clean(text)
    match = _TAIL_CREDIT.search(text)
    if match and match.start() > 0 and len(match.group(2)) <= 120:
        text = match.group(2)  # "Caption text. Bild: X" inside a credit element
    elif _CAPTION_LIKE.match(text) and text.endswith((".", "!", "?")) and not _LABEL.match(text):
        return []  # a caption sentence in a credit-classed box
    text = _WIRE_TAG.sub(" ", text)  # "+++ dpa-Bildfunk +++" wire tags
    for part in _HOLDER_SEP.split(text):
        part = strip_labels(_RIGHTS_TAIL.sub("", strip_labels(part)))
        if (part and len(part) <= 150 and any(c.isalpha() for c in part) and part not in out
                and not _LABEL_ONLY.match(part) and not _NOT_HOLDER.search(part)
                and not (_CAPTION_LIKE.match(part) and "/" not in part and ":" not in part
                         and " via " not in part)):
            out.append(part)
    return out


def _widest(srcset: str) -> str:
    best, width = "", -1.0
    for item in srcset.split(","):
        parts = item.strip().split()
        if not parts:
            continue
        size = parts[1] if len(parts) > 1 else "1w"
        try:
            value = float(size.rstrip("wx"))
        except ValueError:
            value = 0.0
        if value > width:
            best, width = parts[0], value
    return best


def image_src(img: HtmlElement, base: str) -> str | None:
    """The absolute URL of an ``<img>``/``<source>`` (the widest srcset entry if needed)."""
    for attr in _IMG_ATTRS:
        value = (img.get(attr) or "").strip()
        if not value or value.startswith("data:"):
            continue
        if "srcset" in attr or ("," in value and " " in value):
            value = _widest(value)
        joined = join_url(base, value) if value else None
        if joined:
            return joined
    for attr, value in img.attrib.items():  # other lazy loaders: data-*-src / data-*-srcset
        value = value.strip()
        if (attr.startswith("data-") and attr.endswith(("src", "srcset")) and value
                and not value.startswith("data:")):
            value = _widest(value) if "srcset" in attr else value
            joined = join_url(base, value) if value else None
            if joined:
                return joined
    return None


def credit_elements(figure: HtmlElement) -> list[HtmlElement]:
    """Elements inside *figure* that hold a credit: marked ones (class vocabulary, itemprops)
    first; elements that only start with a credit label, or short ``<small>``/``<footer>``/
    ``<cite>`` texts, when nothing is marked."""
    marked: list[HtmlElement] = []
    loose: list[HtmlElement] = []
    for el in figure.iter():
        if el is figure or not isinstance(el.tag, str) or el.tag in (
                "img", "source", "picture", "svg", "button", "script", "style"):
            continue
        cls = classes(el)
        if _NOT_CREDIT_CLASS.search(cls) or el.get("role") == "button":
            continue
        if ((el.get("itemprop") or "").lower() in _CREDIT_PROPS or _CREDIT_CLASS.search(cls)
                or _credit_attribute(el)):
            if _holds_caption(el):
                continue  # a wrapper of caption and credit ("caption-source"): look inside
            target = marked
        else:
            own = (el.text or "").strip()
            labelled = bool(own) and len(own) < 100 and bool(_LABEL.match(own))
            if labelled and _LABEL_ONLY.match(own.rstrip(" :：")):
                # "<strong>Image Credits:</strong> Strava": the holder follows the label
                parent = el.getparent()
                if parent is not None and parent is not figure and parent not in loose:
                    el = parent
            if el.tag in _CREDIT_TAGS and not labelled:
                text = element_text(el, " ")
                labelled = (0 < len(text.split()) <= 5) or text.startswith("©")
            if not labelled:
                continue
            target = loose
        if not any(a in marked or a in loose for a in el.iterancestors()):
            target.append(el)
    return marked or loose


def _caption_or_credit_class(cls: str) -> bool:
    """Whether the class/id words *cls* mark a credit or a caption ("description" counts
    only as an image's or slide's description)."""
    if not _FIND_OR_CAPTION_WORDS.search(cls):
        return False  # (the cheap test first: few classes hold any of the words)
    return (any(m.group() != "description" for m in _FIND_OR_CAPTION.finditer(cls))
            or _DESCRIPTION_CLASS.search(cls) is not None)


def _holds_caption(el: HtmlElement) -> bool:
    """Whether *el* wraps a caption (a ``<figcaption>`` or a caption-classed element)."""
    return any(isinstance(d.tag, str)
               and (d.tag == "figcaption" or bool(_CAPTION_CLASS.search(classes(d))))
               for d in el.iterdescendants())


_CREDIT_ATTR = re.compile(r"credit|copyright|photographer|author", re.I)


def _credit_attribute(el: HtmlElement) -> bool:
    """Whether *el* is marked as a credit by the name of a valueless ``data-*`` attribute
    (``<span data-caption-author>``; an attribute with a value holds the credit itself)."""
    for name, value in el.attrib.items():
        if (name.startswith("data-") and _CREDIT_ATTR.search(name)
                and value.strip().lower() in ("", "true", "1")):
            return True
    return False


def _credit_text(el: HtmlElement) -> str:
    """Text of a credit element without nested buttons/toggles ("Vis mer")."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and (child.tag in ("button", "svg", "script")
                                           or _NOT_CREDIT_CLASS.search(classes(child))):
            parts.append(child.tail or "")
            continue
        parts.append(element_text(child, " "))
        parts.append(child.tail or "")
    return clean(" ".join(parts))


def split_caption(text: str) -> tuple[str | None, str | None]:
    """(caption, credit) from a caption whose end carries a labelled or piped credit."""
    text = clean(text)
    match = _ONLY_PAREN.match(text)
    if match and _paren_holder(match.group(1)):
        # a caption line that is only "(Holder)": the credit shown under the picture
        return None, match.group(1).strip()
    match = _TAIL_CREDIT.search(text)
    if match and len(match.group(2)) <= 120:
        caption = text[: match.start()].strip(" ,;|–—-(") or None
        return caption, clean(match.group(2)) or None
    match = _EQUALS_TAIL.search(text)
    if match:
        return text[: match.start()].strip() or None, match.group(1).strip()
    match = _PAREN_TAIL.search(text)
    if match and match.start() > 0 and len(match.group(1)) <= 80:
        return text[: match.start()].strip() or None, match.group(1).strip()
    match = _SENTENCE_PAREN_TAIL.search(text)
    if match and _paren_holder(match.group(1)):
        return text[: match.start()].strip() or None, match.group(1).strip()
    match = _PIPE_TAIL.search(text)
    if match and len(match.group(1).split()) <= 10:
        return text[: match.start()].strip() or None, match.group(1).strip()
    match = _DASH_TAIL.search(text)
    if match and match.start() > 0 and _holder_like(match.group(1)):
        return text[: match.start()].strip() or None, match.group(1).strip()
    return text or None, None


def _paren_holder(text: str) -> bool:
    """Whether the text in parentheses names a holder ("Jane Doe/Reuters"), not a note
    ("File", "left")."""
    return _holder_like(text) and not _NOT_PAREN_CREDIT.match(text)


def trailing_credit(caption: HtmlElement) -> str | None:
    """A short last child of a caption that is set apart from the caption text: wrapped in
    parentheses, or a short name-like line after a sentence ("<span>Text.</span><span>X</span>")."""
    parts = [c for c in caption if isinstance(c.tag, str) and element_text(c, " ")]
    if len(parts) < 2:
        return None
    last = element_text(parts[-1], " ")
    first = element_text(parts[0], " ")
    if last.startswith("(") and last.endswith(")") and len(last) <= 80:
        return last
    if (len(last) <= 60 and len(last.split()) <= 6 and not last.endswith((".", "!", "?", ":"))
            and len(first) > 2 * len(last) and (caption.text or "").strip() == ""):
        return last
    return None


def alt_credit(alt: str) -> list[str]:
    """Credit holders written at the end of an alt text ("... (AP Photo/Jane Doe)")."""
    match = _TAIL_CREDIT.search(alt)
    if match and match.start() > 0 and "video" not in match.group(1).lower():
        return holders(match.group(2))
    match = _PAREN_TAIL.search(alt)
    if match and match.start() > 0:
        return holders(match.group(1))
    match = _WIDE_EQUALS_TAIL.search(alt)
    if match and match.start() > 0:
        return holders(match.group(1))
    return []


def _attr_credit(img: HtmlElement | None) -> list[str]:
    if img is None:
        return []
    for key, value in img.attrib.items():
        key = key.lower()
        if key.startswith("data-") and value.strip() and (
                "credit" in key or "copyright" in key or "photographer" in key):
            return holders(value)
    title = clean(img.get("title"))
    if _LABEL.match(title):
        return holders(title)
    return title_tail_credit(title, clean(img.get("alt")))


def title_tail_credit(title: str, alt: str) -> list[str]:
    """Holders of an image ``title`` written as "<alt text> | <credit>" (the caption as
    tooltip with the credit appended) or ending in a labelled part ("… | Bildquelle: X")."""
    head, sep, tail = title.rpartition(" | ")
    if not sep or not tail or len(tail) > 100:
        return []
    if _LABEL.match(tail) or (alt and norm_key(head) == norm_key(alt)):
        return holders(tail)
    return []


def figure_images(figure: HtmlElement, base: str) -> list[Image]:
    """The Image entries of one figure-like element (one per credit holder)."""
    img = next((i for i in figure.iter("img") if not ui_icon(i)), None)
    src = image_src(img, base) if img is not None else None
    if src is None:
        source = next(figure.iter("source"), None)
        src = image_src(source, base) if source is not None else None
    if src is None:
        return []
    credit_els = credit_elements(figure)
    credits: list[str] = []
    removed = []
    for el in credit_els:
        text = _credit_text(el)
        removed.append(text)
        credits.extend(h for h in holders(text) if h not in credits)
    if not credits:
        credits = _attr_credit(img)
    caption_el = next(figure.iter("figcaption"), None)
    sibling = figure.getnext()
    if caption_el is None and sibling is not None and isinstance(sibling.tag, str) and (
            sibling.tag == "figcaption" or _CAPTION_CLASS.search(classes(sibling))):
        caption_el = sibling
        for el in credit_elements(sibling):
            text = _credit_text(el)
            removed.append(text)
            credits.extend(h for h in holders(text) if h not in credits)
    if caption_el is None:
        caption_el = next((e for e in figure.iter() if isinstance(e.tag, str) and e is not figure
                           and _CAPTION_CLASS.search(classes(e)) and element_text(e)), None)
    alt = clean(img.get("alt")) if img is not None else None
    caption = None
    if caption_el is None and alt and figure is not img and figure.tag != "figure":
        # a picture whose alt text its box shows as text (:func:`figures`): the caption
        shown = element_text(figure, " ")
        if norm_key(alt) in norm_key(shown) and len(shown) <= 1.5 * len(alt) + 100:
            caption, inline = split_caption(alt)  # "Foto: The Nation" is a credit alone
            if inline and not credits:
                credits = holders(inline)
    if caption_el is not None:
        caption_text = element_text(caption_el, " ")
        for text in removed:
            caption_text = caption_text.replace(text, " ")
        if removed:  # "… helfen. Quelle: <cite>THW</cite>": the credit's label goes too
            caption_text = _LABEL_LEFT.sub("", caption_text)
        caption, inline = split_caption(caption_text)
        if inline and not credits:
            credits = holders(inline)
        if not credits:
            tail = trailing_credit(caption_el)
            if tail:
                credits = holders(tail)
                if caption:
                    caption = clean(caption.replace(tail, "")) or None
    if not credits and alt:
        credits = alt_credit(alt)
    first = Image(url=src, caption=caption or None, credit=credits[0] if credits else None,
                  alt=alt or None)
    return [first] + [Image(url=src, caption=first.caption, credit=c, alt=first.alt)
                      for c in credits[1:]]


def figures(page: Page) -> list[HtmlElement]:
    """Figure-like elements of the page outside related/teaser/ad boxes: ``<figure>``s and
    the nearest image container of every credit or caption element (or the picture right
    before a caption that shares no container with it).

    Cards that show another story are skipped: pictures wrapped in a link to another page,
    and pictures inside an ``<article>`` other than the one holding the headline."""
    root = page.root
    body = root.find("body")
    scope = body if body is not None else root
    stop = page.headline_ancestors
    main = headline_articles(page)
    out: list[HtmlElement] = []
    alt_taken: list[HtmlElement] = []  # the <img> elements taken for their alt credit
    inside: set[HtmlElement] = set()
    sizes: dict[HtmlElement, int] = {}
    after: set[HtmlElement] | bool | None = False  # pictures after the <h1>, when needed
    for el in scope.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in ("script", "style", "a") or el in inside:
            continue
        container = None
        if tag == "figure":
            container = el
            if class_words(el) & _AUTHOR_WORDS:
                continue
        elif tag == "img":
            alt = el.get("alt")
            title = el.get("title")
            credited = (alt and alt_credit(alt)) or (
                title and title_tail_credit(clean(title), clean(alt)))
            if not any(a.tag in ("a", "li") for a in el.iterancestors()):
                if credited:
                    container = el
                elif alt and alt.count(" ") >= 3:
                    # its alt text shown in its own small box: a caption outside a figure
                    if after is False:
                        after = _pictures_after_headline(page)
                    if after is None or el in after:
                        container = _captioned_by_alt(el, norm_key(alt), sizes)
        else:
            marked = el.get("class") or el.get("id")
            text = el.text
            if ((marked and _caption_or_credit_class(classes(el)))
                    or (tag == "figcaption" and el.getparent().tag != "figure")):
                container = _image_container(el)
                if container is None:
                    container = _picture_before(el)
            elif (text and len(text) < 100 and _LABEL_HINT.search(text)
                  and _LABEL.match(text.strip())):
                # a bare "Quelle:" line in the article header names the text's source
                container = _image_container(el, stop, header=False)
        if (container is None or container in inside or in_boilerplate(container, stop)
                or other_story(container, page.url, main) or video_poster(container)):
            continue
        if container.tag != "img" and alt_taken:
            # a credit shown next to a picture already taken for its alt text wins over it
            held = {f for f in alt_taken if container in f.iterancestors()}
            if held:
                out = [f for f in out if f not in held]
                alt_taken = [f for f in alt_taken if f not in held]
        elif container.tag == "img":
            alt_taken.append(container)
        out.append(container)
        inside.update(container.iter())
    return out


def _pictures_after_headline(page: Page) -> set[HtmlElement] | None:
    """The ``<img>`` elements after the page's first ``<h1>`` in document order (None:
    the page has no ``<h1>``). A picture above the headline is the site's header or the
    lead image (og:image)."""
    if not page.h1s:
        return None
    h1 = page.h1s[0]
    return {img for node in (h1, *h1.iterancestors()) for sibling in node.itersiblings()
            for img in sibling.iter("img")}


def _captioned_by_alt(img: HtmlElement, key: str,
                      sizes: dict[HtmlElement, int]) -> HtmlElement | None:
    """The small box that shows *img*'s alt text (key *key*) as text beside it: a caption
    outside a ``<figure>``. Not a picture inline in running text (a ``<p>``: formulas,
    emoji), a logo or portrait, or a teaser whose shown text is a link (another story's
    headline)."""
    if next(img.iterancestors("p"), None) is not None:
        return None
    box = shown_beside(img, key, sizes)
    if box is None or _portrait(img, box):
        return None
    if any(key in norm_key(element_text(link, " ")) for link in box.iter("a")):
        return None
    return box


_PLAYER_WORDS = frozenset({"player", "videoplayer", "video-player", "jwplayer", "vjs"})
_STILL_WORDS = frozenset({"image", "img", "photo", "picture", "foto", "bild"})


def video_poster(container: HtmlElement) -> bool:
    """Whether *container*'s picture is the poster frame of a video player (a ``<video>``,
    or an element between the picture and *container* marked as a player, or as a video and
    not also as an image): the picture stands for the video, its credit is not an image
    credit."""
    if next(container.iter("video"), None) is not None:
        return True
    img = container if container.tag == "img" else next(container.iter("img"), None)
    node = img
    while node is not None:
        words = class_words(node)
        if words & _PLAYER_WORDS or ("video" in words and not words & _STILL_WORDS):
            return True
        if node is container:
            return False
        node = node.getparent()
    return False


def headline_articles(page: Page) -> frozenset[HtmlElement]:
    """The ``<article>`` elements around the first headline that sits in one (a page that
    continues with further full stories has an ``<h1>`` in each)."""
    for h1 in page.h1s:
        found = frozenset(a for a in h1.iterancestors() if a.tag == "article")
        if found:
            return found
    return frozenset()


def _story_link(href: str | None, url: str) -> bool:
    """Whether *href* leads to another page of the same site (not to an image file, the
    picture's own page such as ``/attachment/…`` or ``/photos/…``, an anchor, or another
    site such as a shop or the picture's source)."""
    href = (href or "").strip()
    if (not href or href.startswith(("#", "javascript:")) or _IMAGE_FILE.search(href)
            or _PICTURE_PAGE.search(href)):
        return False
    target = join_url(url, href)
    if target is None or target.split("#")[0] == url.split("#")[0]:
        return False
    return site_of(target) == site_of(url)


_PICTURE_PAGE = re.compile(r"/(?:[a-z]*photos?|fotos?|attachment|bilder?|images?)/", re.I)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|tiff?)(?:[?#]|$)", re.I)


def other_story(container: HtmlElement, url: str,
                main: frozenset[HtmlElement] = frozenset()) -> bool:
    """Whether *container* is a card showing another story: its picture is wrapped in a
    link to another page (a link to the image file itself is a lightbox), or it sits in an
    ``<article>`` that is neither the one holding the headline (*main*) nor around it."""
    img = container if container.tag == "img" else next(container.iter("img"), None)
    for node in (img if img is not None else container).iterancestors():
        if node.tag in ("body", "html"):
            break
        if (node.tag == "a" and _story_link(node.get("href"), url)
                and "attachment" not in (node.get("rel") or "")):
            return True
    if main:
        for node in container.iterancestors():
            if node.tag == "article":
                return node not in main
    return False


_AUTHOR_WORDS = frozenset({"author", "authors", "byline", "bylines", "avatar", "profile",
                           "autor", "auteur", "logo"})


def _portrait(img: HtmlElement, upto: HtmlElement) -> bool:
    """Whether *img* is an author portrait, a logo or sits in an aside between itself and
    *upto*."""
    node: HtmlElement | None = img
    while node is not None:
        if node.tag in ("aside", "nav", "footer") or class_words(node) & _AUTHOR_WORDS:
            return True
        if node is upto:
            return False
        node = node.getparent()
    return False


def _image_container(el: HtmlElement, stop: frozenset[HtmlElement] = frozenset(), *,
                     header: bool = True) -> HtmlElement | None:
    """The closest ancestor (up to 4 levels) with exactly one picture that is not an author
    portrait or logo, and none of *stop* (the headline's ancestors, for labelled lines).
    A ``<header>`` is searched when *header* (marked credits and captions: a lede picture
    and its credit in sibling blocks), not for labelled lines (a "Quelle:" line in the
    article header names the text's source)."""
    node = el
    for _ in range(4):
        node = node.getparent()
        if node is None or node in stop or node.tag in (
                "body", "article", "main", "nav", "footer", "aside", "html") or (
                node.tag == "header" and not header):
            return None
        imgs = [img for img in node.iter("img") if not ui_icon(img)]
        if len(imgs) == 1:
            return None if _portrait(imgs[0], node) else node
        if len(imgs) > 1:
            return None
    return None


# Words that only ever name a control, never a subject: "zoom", "pixel" or "icon" alone
# could be a story's subject (Zoom calls, a Pixel phone, an app icon redesign).
_ICON_FILE = re.compile(r"lupe|loupe|magnifier|lightbox|spacer|sprite|zoom[-_]?(?:in|out|icon)|"
                        r"icon[-_]?zoom|transparent\.gif|blank\.gif", re.I)
_ICON_DIRS = frozenset({"icons", "icon", "sprites"})
_ICON_CLASS = frozenset({"icon", "loupe", "lupe", "zoom-icon", "lightbox-icon"})


def ui_icon(img: HtmlElement) -> bool:
    """Whether *img* is a control, not a picture: a zoom/lightbox/magnifier icon, a sprite
    or spacer (by its file name or class), or drawn at 40 pixels or less. A picture and
    the magnifier that opens it in a lightbox share one box: the icon must not make it a
    box of two pictures, whose credit then belongs to neither."""
    path = (img.get("src") or "").split("?")[0].lower()
    folders, _, name = path.rpartition("/")
    if (_ICON_FILE.search(name) or not _ICON_DIRS.isdisjoint(folders.split("/"))
            or not _ICON_CLASS.isdisjoint(class_words(img))):
        return True
    sizes = [img.get("width") or "", img.get("height") or ""]
    return all(v.isdigit() and int(v) <= 40 for v in sizes)


def _picture_before(caption: HtmlElement) -> HtmlElement | None:
    """The picture right before a caption that has no common container with it (a
    ``<figcaption>`` following a ``<picture>`` outside any ``<figure>``)."""
    previous = caption.getprevious()
    parent = caption.getparent()
    if (previous is None or parent is None or not isinstance(previous.tag, str)
            or any(a.tag == "figure" for a in caption.iterancestors())):
        return None
    imgs = [previous] if previous.tag == "img" else list(previous.iter("img"))
    return previous if len(imgs) == 1 and not _portrait(imgs[0], parent) else None


def _ld_image(value: Any, page: Page) -> tuple[str | None, dict[str, Any]]:
    value = page.ld.resolve(value)
    if isinstance(value, list):
        value = page.ld.resolve(value[0]) if value else None
    if isinstance(value, str):
        return value, {}
    if isinstance(value, dict):
        return text_of(value.get("url") or value.get("contentUrl")), value
    return None, {}


def ld_credit(obj: dict[str, Any], page: Page) -> str | None:
    """Credit of a JSON-LD ImageObject (creditText, copyrightHolder, author, copyrightNotice)."""
    for key in ("creditText", "copyrightHolder", "author", "creator", "copyrightNotice"):
        value = page.ld.resolve(obj.get(key))
        if isinstance(value, dict) and "organization" in types_of(value) and key == "author":
            continue
        text = text_of(value)
        if text:
            return strip_labels(text) or None
    caption = clean(text_of(obj.get("caption")) or "")
    if caption and _LABEL.match(caption):
        return strip_labels(caption) or None
    if caption:
        found = alt_credit(caption)
        if found:
            return found[0]
    return None


def lead_images(page: Page) -> list[Image]:
    """The lead image (og:image or the JSON-LD article image), once per credit holder."""
    lead = lead_image(page)
    if lead is None:
        return []
    credits = holders(lead.credit) if lead.credit else []
    if len(credits) <= 1:
        lead.credit = credits[0] if credits else None
        return [lead]
    return [Image(url=lead.url, caption=lead.caption, credit=c, alt=lead.alt, lead=True)
            for c in credits]


def lead_image(page: Page) -> Image | None:
    """The lead image: og:image or the JSON-LD article image."""
    art = page.ld_article or {}
    url, obj = _ld_image(art.get("image") or art.get("thumbnailUrl"), page)
    og = page.meta.get("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    src = og or url
    src = join_url(page.url, src) if src else None
    if not src:
        return None
    alt = page.meta.get("og:image:alt", "twitter:image:alt")
    credit = ld_credit(obj, page) if obj else None
    if not credit and alt:
        found = alt_credit(alt)
        credit = found[0] if found else None
    return Image(
        url=src,
        caption=(clean(text_of(obj.get("caption")) or "") or None) if obj else None,
        credit=credit,
        alt=alt,
        lead=True,
    )


_SIZE_SUFFIX = re.compile(r"[-_](?:\d+x\d+|\d{2,4}(?:-\d+)?|scaled|large|medium|small)(?=\.)")


def image_stem(url: str) -> str:
    """The file name of an image URL without query and size variant ("a-800x600.jpg")."""
    name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return _SIZE_SUFFIX.sub("", name).lower()


def same_image(a: str, b: str) -> bool:
    """Whether two image URLs name the same file (query and size variants ignored)."""
    return image_stem(a) == image_stem(b)


def images(page: Page, figs: list[HtmlElement]) -> list[Image]:
    """The lead image first, then every figure of the page; extra holders as extra entries."""
    out: list[Image] = lead_images(page)
    stills = video_stills(page)
    for image in out:
        if image.url in stills:
            image.credit = None  # the lead is the poster of the page's video
    if len(out) > 1 and not out[0].credit:
        out = out[:1]
    lead = out[0] if out else None
    visible_lead = False
    seen = {(o.url, o.credit) for o in out}  # (a set: pages with thousands of figures)
    for fig in figs:
        for image in figure_images(fig, page.url):
            if lead and same_image(image.url, lead.url):
                if image.credit and lead.credit and not visible_lead and len(out) == 1:
                    lead.credit = image.credit  # the credit shown on the page wins
                if (not lead.credit or not image.credit
                        or norm_key(lead.credit) == norm_key(image.credit)):
                    lead.credit = lead.credit or image.credit
                    lead.caption = lead.caption or image.caption
                    lead.alt = lead.alt or image.alt
                    visible_lead = True
                    continue
                image.lead = True
            if (image.url, image.credit) in seen:
                continue
            seen.add((image.url, image.credit))
            out.append(image)
    by_stem: dict[str, list[Image]] = {}  # (an index: pages with thousands of images)
    for o in out:
        by_stem.setdefault(image_stem(o.url), []).append(o)
    for image in ld_images(page):
        if image.url in stills:
            continue
        same = by_stem.setdefault(image_stem(image.url), [])
        if any(norm_key(o.credit) == norm_key(image.credit) for o in same):
            continue
        blank = next((o for o in same if not o.credit), None)
        if blank is not None:
            blank.credit = image.credit
        elif not same:
            out.append(image)
            same.append(image)
    return out


def video_stills(page: Page) -> set[str]:
    """URLs of the pictures the page's JSON-LD gives as a video's image or thumbnail: a
    video's poster frame, whose credit is the video's, not a picture's."""
    out: set[str] = set()
    for video in page.ld.of_types(frozenset({"videoobject"})):
        for key in ("image", "thumbnail", "thumbnailUrl"):
            value = page.ld.resolve(video.get(key))
            for item in value if isinstance(value, list) else [value]:
                item = page.ld.resolve(item)
                if isinstance(item, dict):
                    item = text_of(item.get("url") or item.get("contentUrl"))
                joined = join_url(page.url, html.unescape(item)) if isinstance(item, str) else None
                if joined:
                    out.add(joined)
    return out


def ld_images(page: Page) -> list[Image]:
    """Credited JSON-LD ImageObjects of the page (the article's image list and any other
    ImageObject carrying a credit), one entry per credit holder."""
    out: list[Image] = []
    seen: set[tuple[str, str]] = set()
    foreign = foreign_ld_images(page)
    for obj in page.ld.of_types(frozenset({"imageobject"})):
        if id(obj) in foreign:
            continue
        url = join_url(page.url, html.unescape(text_of(obj.get("url") or obj.get("contentUrl"))
                                              or "")) or ""
        credit = ld_credit(obj, page)
        if not url or url == page.url or not credit or norm_key(credit) in page.site_keys:
            continue
        caption = clean(text_of(obj.get("caption")) or "") or None
        for holder in holders(credit) or [credit]:
            if (url, holder) not in seen:
                seen.add((url, holder))
                out.append(Image(url=url, caption=caption, credit=holder))
    return out


def foreign_ld_images(page: Page) -> set[int]:
    """``id()`` of the JSON-LD ImageObjects that belong to another thing than the article:
    a video's thumbnail, a publisher's logo, a person's portrait, another article's image.
    The page's article, its web page and standalone ImageObjects are not "other things"."""
    main = page.ld_article
    out: set[int] = set()

    def walk(value: Any, depth: int) -> None:
        if depth > 12 or value is main:
            return
        if isinstance(value, list):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            if "imageobject" in types_of(value):
                out.add(id(value))
                return
            for key, item in value.items():
                if key != "@context" and isinstance(item, (list, dict)):
                    walk(item, depth + 1)

    for obj in page.ld.objects:
        if obj is not main and not types_of(obj) & _OWN_TYPES:
            for item in obj.values():
                if isinstance(item, (list, dict)):
                    walk(item, 1)
    return out


_OWN_TYPES = PAGE_TYPES | frozenset({"imageobject", "webpage", "website"})
