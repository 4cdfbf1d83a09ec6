"""Images: the lead image and every inline figure, with caption, credit and alt text.

Credits are found, in order: in elements marked as credits (class vocabulary such as
``credit``/``copyright``/``photographer``, schema.org itemprops, ``<footer>``/``<small>``/
``<cite>`` inside a figure), in the image's own ``title``/``data-*credit*`` attributes, and
as a labelled tail of the caption ("Photo: X / Agency", "© X", "(Image credit: X)").
A credit listing several holders separated by " | " yields one entry per holder; an image
with several holders is repeated once per holder (the record keeps one credit string per
:class:`~archiver.items.Image`, so holders are never glued together).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from archiver.extract.document import classes, element_text, in_boilerplate
from archiver.extract.jsonld import text_of, types_of
from archiver.extract.page import Page
from archiver.extract.text import clean, norm_key
from archiver.items import Image

_LABELS = (
    r"image credits?|photo credits?|picture credits?|image source|images? courtesy(?: of)?|"
    r"credits?|courtesy(?: of)?|copyright|quelle|bildquelle|source|sources|fonte|fuente|"
    r"fotos?|photos?|photograph(?:y|er)?|pictures?|images?|bild(?:er)?|illustrations?|"
    r"grafik|graphic|v[ií]deo|fotograf(?:ie|ía|ia)?|fotografía|kuva|zdjęcie|zdroj|"
    r"crédits?|crédito|créditos|kilde|källa|bron|beeld|afbeelding|foto ?credit"
)
_RIGHTS = (r"all rights reserved|tous droits réservés|alle rechte vorbehalten|"
           r"riproduzione riservata|derechos reservados|todos los derechos reservados|"
           r"bildrechte|bildrecht|rechte")
_LABEL = re.compile(
    rf"^(?:(?:{_LABELS}|{_RIGHTS})\s*[:：]\s*|(?:{_LABELS})\s+by\s+|©\s*|\(c\)\s*|"
    rf"copyright\s+|(?:{_RIGHTS})\s+)", re.I,
)
_RIGHTS_TAIL = re.compile(rf"\s*[/,.;]?\s*(?:copyright\s+\d{{4}}\b.*|(?:{_RIGHTS})\.?)$", re.I)
_LABEL_ONLY = re.compile(rf"^(?:{_LABELS}|{_RIGHTS}|©)$", re.I)
_NOT_HOLDER = re.compile(
    r"^(?:by|von|di|par|por|door|av|af)\s|\b\d{1,2}:\d{2}\b|\b\d+\s*(?:min|sec|sek)\b|"
    r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$", re.I,
)
_TAIL_CREDIT = re.compile(
    rf"(?:^|[\s.,;|(\[–—-])\(?((?:{_LABELS})\s*[:：]|(?:picture|photo|image|foto)s?\s+by|©|\(c\))"
    rf"\s*([^()\[\]]+?)\s*[)\]]?\s*$", re.I,
)
_PIPE_TAIL = re.compile(r"\s+\|\s+([^|]{2,80})$")
_CREDIT_CLASS = re.compile(
    r"credit|copyright|photographer|fotograf|urheber|quelle|source|attribution|courtesy|"
    r"byline|author|rights|agency|bildnachweis|picture-?by|image--author"
)
_CAPTION_CLASS = re.compile(r"caption|legend|bildunterschrift|img-info|image-info|"
                            r"figcaption|media-description")
_CREDIT_PROPS = frozenset({"copyrightholder", "credittext", "author", "copyrightnotice",
                           "creator", "accountableperson"})
_CREDIT_TAGS = frozenset({"footer", "small", "cite"})
_FIND_CLASS = re.compile(r"credit|copyright|photographer|fotograf|urheber|bildnachweis")
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
        text = _LABEL.sub("", text).strip()
    return text.strip(" ,;:|.-–—")


def holders(text: str) -> list[str]:
    """Credit holders of one credit text ("© A | B" -> ["A", "B"]), labels stripped."""
    out = []
    text = clean(text)
    match = _TAIL_CREDIT.search(text)
    if match and match.start() > 0 and len(match.group(2)) <= 120:
        text = match.group(2)  # "Caption text. Bild: X" inside a credit element
    for part in re.split(r"\s+\|\s+|\s*\|\s*(?=©)", text):
        part = strip_labels(_RIGHTS_TAIL.sub("", strip_labels(part)))
        if (part and len(part) <= 150 and any(c.isalpha() for c in part) and part not in out
                and not _LABEL_ONLY.match(part) and not _NOT_HOLDER.search(part)):
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
        if value:
            return urljoin(base, value)
    return None


def credit_elements(figure: HtmlElement) -> list[HtmlElement]:
    """Elements inside *figure* that hold a credit (class vocabulary, itemprops, tags)."""
    found: list[HtmlElement] = []
    for el in figure.iter():
        if el is figure or not isinstance(el.tag, str) or el.tag in (
                "img", "source", "picture", "svg", "button", "script", "style"):
            continue
        cls = classes(el)
        prop = (el.get("itemprop") or "").lower()
        if (prop in _CREDIT_PROPS or el.tag in _CREDIT_TAGS or _CREDIT_CLASS.search(cls)) \
                and not _NOT_CREDIT_CLASS.search(cls) and el.get("role") != "button":
            if any(a in found for a in el.iterancestors()):
                continue
            found.append(el)
    return found


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
    match = _TAIL_CREDIT.search(text)
    if match and len(match.group(2)) <= 120:
        caption = text[: match.start()].strip(" ,;|–—-(") or None
        return caption, clean(match.group(2)) or None
    match = _PIPE_TAIL.search(text)
    if match and len(match.group(1).split()) <= 10:
        return text[: match.start()].strip() or None, match.group(1).strip()
    return text or None, None


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


def _attr_credit(img: HtmlElement | None) -> list[str]:
    if img is None:
        return []
    for key, value in img.attrib.items():
        key = key.lower()
        if key.startswith("data-") and value.strip() and (
                "credit" in key or "copyright" in key or "photographer" in key):
            return holders(value)
    title = img.get("title") or ""
    if _LABEL.match(clean(title)):
        return holders(title)
    return []


def figure_images(figure: HtmlElement, base: str) -> list[Image]:
    """The Image entries of one figure-like element (one per credit holder)."""
    img = next(figure.iter("img"), None)
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
                           and _CAPTION_CLASS.search(classes(e))), None)
    caption = None
    if caption_el is not None:
        caption_text = element_text(caption_el, " ")
        for text in removed:
            caption_text = caption_text.replace(text, " ")
        caption, inline = split_caption(caption_text)
        if inline and not credits:
            credits = holders(inline)
        if not credits:
            tail = trailing_credit(caption_el)
            if tail:
                credits = holders(tail)
                if caption:
                    caption = clean(caption.replace(tail, "")) or None
    alt = clean(img.get("alt")) if img is not None else None
    if not credits and alt:
        _, inline = split_caption(alt)
        if inline and _TAIL_CREDIT.search(alt):
            credits = holders(inline)
    first = Image(url=src, caption=caption or None, credit=credits[0] if credits else None,
                  alt=alt or None)
    return [first] + [Image(url=src, caption=first.caption, credit=c, alt=first.alt)
                      for c in credits[1:]]


def figures(page: Page) -> list[HtmlElement]:
    """Figure-like elements of the page outside related/teaser/ad boxes: ``<figure>``s and
    the nearest image container of every credit or caption element."""
    root = page.root
    body = root.find("body")
    scope = body if body is not None else root
    stop = page.headline_ancestors
    out: list[HtmlElement] = []
    inside: set[HtmlElement] = set()
    for el in scope.iter():
        if not isinstance(el.tag, str) or el in inside:
            continue
        container = None
        if el.tag == "figure":
            container = el
        else:
            cls = classes(el)
            if (_FIND_CLASS.search(cls) or _CAPTION_CLASS.search(cls)
                    or (el.text and len(el.text) < 100 and _LABEL.match(el.text.strip())
                        and el.tag not in ("script", "style", "a", "p"))):
                container = _image_container(el)
        if container is None or container in inside or in_boilerplate(container, stop):
            continue
        out.append(container)
        inside.update(container.iter())
    return out


def _image_container(el: HtmlElement) -> HtmlElement | None:
    """The closest ancestor (up to 4 levels) holding exactly one picture."""
    node = el
    for _ in range(4):
        node = node.getparent()
        if node is None or node.tag in ("body", "article", "main"):
            return None
        count = sum(1 for _ in node.iter("img"))
        if count == 1:
            return node
        if count > 1:
            return None
    return None


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
    return None


def lead_image(page: Page) -> Image | None:
    """The lead image: og:image or the JSON-LD article image."""
    art = page.ld_article or {}
    url, obj = _ld_image(art.get("image") or art.get("thumbnailUrl"), page)
    og = page.meta.get("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    src = og or url
    if not src:
        return None
    return Image(
        url=urljoin(page.url, src),
        caption=(clean(text_of(obj.get("caption")) or "") or None) if obj else None,
        credit=ld_credit(obj, page) if obj else None,
        alt=page.meta.get("og:image:alt", "twitter:image:alt"),
        lead=True,
    )


def same_image(a: str, b: str) -> bool:
    """Whether two image URLs name the same file (query and size variants ignored)."""
    def stem(u: str) -> str:
        name = u.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        return re.sub(r"[-_](?:\d+x\d+|\d{2,4}(?:-\d+)?|scaled|large|medium|small)(?=\.)", "",
                      name).lower()
    return stem(a) == stem(b)


def images(page: Page, figs: list[HtmlElement]) -> list[Image]:
    """The lead image first, then every figure of the page; extra holders as extra entries."""
    out: list[Image] = []
    lead = lead_image(page)
    if lead:
        out.append(lead)
    for fig in figs:
        for image in figure_images(fig, page.url):
            if lead and same_image(image.url, lead.url):
                if not lead.credit or norm_key(lead.credit) == norm_key(image.credit):
                    lead.credit = lead.credit or image.credit
                    lead.caption = lead.caption or image.caption
                    lead.alt = lead.alt or image.alt
                    continue
                image.lead = True
            if any(o.url == image.url and o.credit == image.credit for o in out):
                continue
            out.append(image)
    return out
