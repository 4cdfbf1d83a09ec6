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


def trafilatura_paragraphs(root: HtmlElement, url: str) -> list[str]:
    """Paragraph texts of trafilatura's extraction of *root* (the tree is copied by it)."""
    doc = bare_extraction(root, url=url or None, with_metadata=False, include_comments=False,
                          favor_precision=True,
                          include_tables=True, deduplicate=False)
    if doc is None or getattr(doc, "body", None) is None:
        return []
    out: list[str] = []
    if doc.body.text and doc.body.text.strip():
        out.append(clean(doc.body.text))
    _paragraphs(doc.body, out)
    return [p for p in out if p]


def body(paragraphs: list[str], title: str | None, removed: set[str]) -> str:
    """The body text: paragraphs joined by a blank line, headline and *removed* texts dropped
    (captions and credits), consecutive duplicates collapsed."""
    title_key = norm_key(title)
    kept: list[str] = []
    previous = ""
    for index, para in enumerate(paragraphs):
        key = norm_key(para)
        if not key or key == previous or key in removed:
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
    ``<h1>`` (same parent or grandparent)."""
    from archiver.extract.document import class_words

    for h1 in page_h1s:
        for scope in (h1.getparent(), h1.getparent().getparent()
                      if h1.getparent() is not None else None):
            if scope is None:
                continue
            for el in scope.iter("p", "div", "h2", "span"):
                if el is h1 or not (class_words(el) & _STANDFIRST_WORDS):
                    continue
                text = element_text(el, " ")
                if 30 <= len(text) <= 600:
                    return text
    return None


def with_standfirst(text: str, lead: str | None) -> str:
    """*text* with the standfirst as its first paragraph unless already present."""
    if not lead or not text or norm_key(lead) in norm_key(text[: len(lead) * 3 + 200]):
        return text
    return f"{lead}\n\n{text}"
