"""Images: the lead image and every inline figure, with caption, credit and alt text."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from archiver.extract.document import classes, element_text
from archiver.extract.jsonld import text_of, types_of
from archiver.extract.page import Page
from archiver.extract.text import clean
from archiver.items import Image

_LABELS = (
    r"image credits?|photo credits?|picture credits?|image source|images? courtesy(?: of)?|"
    r"credits?|courtesy(?: of)?|copyright|quelle|bildquelle|source|sources|fonte|fuente|"
    r"fotos?|photos?|photograph(?:y|er)?|pictures?|images?|bild(?:er)?|illustrations?|"
    r"grafik|graphic|v[ií]deo|fotograf(?:ie|ía|ia)?|foto(?:grafía)?|kuva|zdjęcie|zdroj|"
    r"zdroj obrázku|zdjęcia|crédits?|crédito|créditos|kilde|källa|bron|beeld|afbeelding"
)
_LABEL = re.compile(rf"^(?:(?:{_LABELS})\s*[:：]\s*|©\s*|\(c\)\s*|copyright\s+)", re.I)
_INLINE_CREDIT = re.compile(
    rf"(?:^|[\s.,;|(\[–—-])((?:{_LABELS})\s*[:：]|©|\(c\))\s*([^()\[\]]+?)\s*[)\]]?\s*$", re.I,
)
_CREDIT_CLASS = re.compile(
    r"credit|copyright|photographer|fotograf|urheber|quelle|source|attribution|courtesy|"
    r"byline|author|caption-?rights|rights|agency"
)
_CREDIT_PROPS = frozenset({"copyrightholder", "credittext", "author", "copyrightnotice",
                           "creator", "accountableperson"})
_SKIP_FIGURE = re.compile(
    r"related|teaser|promo|recommend|newsletter|advert|sponsor|share|social|comment|author-bio|"
    r"avatar|logo|footer|sidebar|nav|widget|outbrain|taboola"
)
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
    return text.strip(" ,;:|.")


def _best_src(img: HtmlElement, base: str) -> str | None:
    for attr in _IMG_ATTRS:
        value = (img.get(attr) or "").strip()
        if not value or value.startswith("data:"):
            continue
        if "srcset" in attr or ("," in value and " " in value):
            value = _widest(value)
        if value:
            return urljoin(base, value)
    return None


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


def credit_elements(figure: HtmlElement) -> list[HtmlElement]:
    """Elements inside *figure* that hold a credit (class vocabulary, schema.org itemprops)."""
    found: list[HtmlElement] = []
    for el in figure.iter():
        if not isinstance(el.tag, str) or el.tag in ("img", "source", "picture", "svg"):
            continue
        prop = (el.get("itemprop") or "").lower()
        if prop in _CREDIT_PROPS or (el is not figure and _CREDIT_CLASS.search(classes(el))):
            if any(a in found for a in el.iterancestors()):
                continue
            found.append(el)
    return found


def split_caption(text: str) -> tuple[str | None, str | None]:
    """(caption, credit) from a caption text carrying a labelled credit at its end."""
    text = clean(text)
    match = _INLINE_CREDIT.search(text)
    if match and len(match.group(2)) <= 120:
        credit = strip_labels(match.group(2))
        caption = text[: match.start()].strip(" ,;|–—-(") or None
        return caption, credit or None
    return text or None, None


def figure_image(figure: HtmlElement, base: str) -> Image | None:
    """The Image of one ``<figure>``-like element."""
    img = next((i for i in figure.iter("img")), None)
    src = _best_src(img, base) if img is not None else None
    if src is None:
        source = next((s for s in figure.iter("source")), None)
        src = _best_src(source, base) if source is not None else None
    if src is None:
        return None
    credits = [strip_labels(element_text(el)) for el in credit_elements(figure)]
    credits = [c for c in credits if c and len(c) <= 150]
    caption_el = next((c for c in figure.iter("figcaption")), None)
    caption = None
    if caption_el is not None:
        caption_text = element_text(caption_el)
        for credit in credits:
            caption_text = caption_text.replace(credit, "")
        caption, inline = split_caption(caption_text)
        if inline and not credits:
            credits = [inline]
        if caption:
            caption = _LABEL.sub("", caption).strip(" ()|") or None
    alt = clean(img.get("alt")) if img is not None else ""
    credit = "; ".join(dict.fromkeys(credits)) if credits else None
    return Image(url=src, caption=caption or None, credit=credit, alt=alt or None)


def figures(scope: HtmlElement) -> list[HtmlElement]:
    """The figure elements of the article (not in related/teaser/ad boxes)."""
    out = []
    for fig in scope.iter("figure"):
        if any(_SKIP_FIGURE.search(classes(a)) for a in (fig, *fig.iterancestors())):
            continue
        out.append(fig)
    return out


def _ld_image(value: Any, page: Page) -> tuple[str | None, dict[str, Any]]:
    value = page.ld.resolve(value)
    if isinstance(value, list):
        value = value[0] if value else None
        value = page.ld.resolve(value)
    if isinstance(value, str):
        return value, {}
    if isinstance(value, dict):
        return text_of(value.get("url") or value.get("contentUrl")), value
    return None, {}


def ld_credit(obj: dict[str, Any], page: Page) -> str | None:
    """Credit of a JSON-LD ImageObject (creditText, copyrightHolder, author, copyrightNotice)."""
    for key in ("creditText", "copyrightHolder", "author", "creator", "copyrightNotice"):
        value = page.ld.resolve(obj.get(key))
        if isinstance(value, dict) and types_of(value) & {"organization"} and key == "author":
            continue
        text = text_of(value)
        if text:
            return strip_labels(text)
    return None


def lead_image(page: Page) -> Image | None:
    """The lead image: og:image or the JSON-LD image."""
    art = page.ld_article or {}
    url, obj = _ld_image(art.get("image") or art.get("thumbnailUrl"), page)
    og = page.meta.get("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    src = og or url
    if not src:
        return None
    return Image(
        url=urljoin(page.url, src),
        caption=clean(text_of(obj.get("caption")) or "") or None if obj else None,
        credit=ld_credit(obj, page) if obj else None,
        alt=page.meta.get("og:image:alt", "twitter:image:alt"),
        lead=True,
    )


def images(page: Page, scope: HtmlElement) -> list[Image]:
    """The lead image first, then every inline figure of *scope*, one entry per URL."""
    out: list[Image] = []
    lead = lead_image(page)
    if lead:
        out.append(lead)
    for fig in figures(scope):
        image = figure_image(fig, page.url)
        if image is None:
            continue
        if any(_same_image(image.url, o.url) for o in out):
            prev = next(o for o in out if _same_image(image.url, o.url))
            prev.caption = prev.caption or image.caption
            prev.credit = prev.credit or image.credit
            prev.alt = prev.alt or image.alt
            continue
        out.append(image)
    return out


def _same_image(a: str, b: str) -> bool:
    return a.split("?")[0].rsplit("/", 1)[-1] == b.split("?")[0].rsplit("/", 1)[-1]
