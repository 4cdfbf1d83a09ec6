"""The article text: trafilatura's main-content extraction, re-joined as paragraphs and
cleaned of captions, credits, newsletter and related-article leftovers."""

from __future__ import annotations

import re

from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from archiver.extract.document import classes, element_text
from archiver.extract.text import clean, norm_key

_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "cell", "list", "table",
                     "lb", "graphic", "div"})
_DROP_CLASS = re.compile(
    r"newsletter|caption|credit|copyright|related|promo|subscribe|signup|sign-up|paywall-msg|"
    r"advert|sponsor|share|social|cookie|consent|author-bio|comment"
)


def _paragraphs(node: _Element, out: list[str]) -> None:
    """Block texts of a trafilatura body tree, one per paragraph / heading / list item."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in ("list", "table", "row", "quote", "div") and len(child):
            if tag == "row":
                out.append(clean(" | ".join(
                    clean("".join(c.itertext())) for c in child if c.tag == "cell")))
                continue
            if child.text and child.text.strip():
                out.append(clean(child.text))
            _paragraphs(child, out)
            continue
        if _DROP_CLASS.search(classes(child)):  # type: ignore[arg-type]
            continue
        out.append(clean("".join(child.itertext())))


def trafilatura_paragraphs(root: HtmlElement, url: str) -> list[str]:
    """Paragraph texts of trafilatura's extraction of *root* (the tree is copied by it)."""
    doc = bare_extraction(root, url=url or None, with_metadata=False, include_comments=False,
                          include_tables=True, deduplicate=False)
    if doc is None or getattr(doc, "body", None) is None:
        return []
    out: list[str] = []
    _paragraphs(doc.body, out)
    return [p for p in out if p]


def body(paragraphs: list[str], title: str | None, removed: set[str]) -> str:
    """The body text: paragraphs joined by a blank line, headline and *removed* texts dropped
    (captions and credits), consecutive duplicates collapsed."""
    title_key = norm_key(title)
    kept: list[str] = []
    seen: set[str] = set()
    for para in paragraphs:
        key = norm_key(para)
        if not key or (title_key and key == title_key) or key in removed:
            continue
        if key in seen and len(key) < 200:
            continue
        seen.add(key)
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
