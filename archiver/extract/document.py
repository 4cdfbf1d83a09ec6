"""Decoding and parsing of the page, and the ``<meta>`` tag index."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from lxml.etree import ParserError
from lxml.html import HtmlElement

from archiver.extract.charset import decode_body
from archiver.extract.text import clean, norm_key

_PARSER_OPTIONS = {"collect_ids": False, "default_doctype": False, "encoding": "utf-8",
                   "remove_comments": True, "remove_pis": True}
_PARSER = lxml.html.HTMLParser(**_PARSER_OPTIONS)
# Lifts libxml2's 10 MB limit on one attribute or text node (an inline data: URI image):
# the HTML parser expands no entities, and the body is already bounded by DOWNLOAD_MAXSIZE.
_HUGE_PARSER = lxml.html.HTMLParser(**_PARSER_OPTIONS, huge_tree=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)\b[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_MAX_DEPTH = 200


def decode(html: str | bytes) -> str:
    """*html* as text: bytes are decoded by BOM, ``<meta charset>`` or detection."""
    if isinstance(html, str):
        return html
    text, _encoding = decode_body(html)
    return text


def parse(text: str) -> HtmlElement | None:
    """The lxml tree of *text* (the ``<html>`` root), or None for empty or junk input.

    C0 control characters (never text, and a way to forge log lines) are removed first.
    libxml2 drops everything nested deeper than 256 elements; such a page is parsed again
    with its excess nesting flattened, so its text survives; one that hits libxml2's size
    limit for an attribute (an inline image of over 10 MB) without ``huge_tree``. Inline
    ``<svg>`` drawings and ``<style>`` sheets (about 6 % of a news page's elements, never
    article text) are dropped, so no extractor walks them again and again; so are program
    ``<script>``s (their code is never shown; trafilatura copies the tree three times with
    it, and htmldate took dates out of it). Data scripts (JSON-LD, ``application/json`` app
    state) stay: they are evidence.
    """
    text = _CONTROL_CHARS.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        return None
    root = _parse(text)
    errors = [str(entry.message).lower() for entry in _PARSER.error_log]
    if any("excessive depth" in message for message in errors):
        root = _parse(flatten_nesting(text))
    elif any("xml_parse_huge" in message for message in errors):
        root = _parse(text, _HUGE_PARSER)
    if root is not None:
        etree.strip_elements(root, "svg", "style", with_tail=False)
        for script in list(root.iter("script")):
            if "json" not in (script.get("type") or "").lower():
                script.drop_tree()
    return root


def _parse(text: str, parser: lxml.html.HTMLParser = _PARSER) -> HtmlElement | None:
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError):
        return None
    return root if isinstance(root, HtmlElement) else None


def flatten_nesting(text: str, limit: int = _MAX_DEPTH) -> str:
    """*text* without the start and end tags that nest deeper than *limit* (their content
    is kept, attached to the deepest kept element)."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, kept)
    open_names: dict[str, int] = {}
    kept_depth = 0
    position = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        out.append(text[position:match.start()])
        position = match.end()
        if closing:
            if not open_names.get(name):
                continue  # a stray end tag: drop it
            while stack:
                popped, kept = stack.pop()
                open_names[popped] -= 1
                kept_depth -= kept
                if popped == name:
                    if kept:
                        out.append(match.group(0))
                    break
            continue
        if name in _VOID or self_closing:
            out.append(match.group(0))
            continue
        kept = kept_depth < limit
        stack.append((name, kept))
        open_names[name] = open_names.get(name, 0) + 1
        kept_depth += kept
        if kept:
            out.append(match.group(0))
    out.append(text[position:])
    return "".join(out)


@dataclass
class Meta:
    """``<meta>`` contents by lower-cased name/property/itemprop, in document order."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def get(self, *keys: str) -> str | None:
        """The first non-empty value for the first key present."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        """Every value of every key, in key order."""
        return [v for key in keys for v in self.values.get(key, ()) if v]


def meta_index(root: HtmlElement) -> Meta:
    """Index every ``<meta>`` of the page by name, property, itemprop and http-equiv."""
    index: dict[str, list[str]] = defaultdict(list)
    for el in root.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        content = clean(content)
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                index[key.strip().lower()].append(content)
    return Meta(dict(index))


_SKIP_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "button"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "section", "article", "header", "footer", "figure", "figcaption", "table",
                    "tr", "td", "th", "dd", "dt", "blockquote", "time"})


def element_text(el: HtmlElement, sep: str = "") -> str:
    """The visible text of *el* (scripts, styles and buttons skipped), whitespace collapsed;
    inline elements are joined with *sep* (as written by default), block elements are
    separated by a space."""
    parts: list[str] = []
    _gather(el, parts, 0)
    return clean(sep.join(parts))


def _gather(el: HtmlElement, parts: list[str], depth: int) -> None:
    if el.text and isinstance(el.tag, str) and el.tag not in _SKIP_TEXT:
        parts.append(el.text)
    if depth < 200:
        for child in el:
            if (isinstance(child.tag, str) and child.tag not in _SKIP_TEXT
                    and child.get("role") != "button"):
                block = child.tag in _BLOCK
                if block:
                    parts.append(" ")
                _gather(child, parts, depth + 1)
                if block:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)


def classes(el: HtmlElement) -> str:
    """Lower-cased class and id of *el*, space separated (for vocabulary tests)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


_PARTS = re.compile(r"[\s_\-]+")


def class_words(el: HtmlElement) -> set[str]:
    """Lower-cased class/id tokens of *el* and their ``-``/``_`` separated parts."""
    raw = classes(el)
    words = set(raw.split())
    words.update(_PARTS.split(raw))
    words.discard("")
    return words


_BOILERPLATE = """
related teaser teasers promo promos recommended recommendations recommendation newsletter
advert advertisement ad ads sponsor sponsored share sharing social comment comments bio
avatar logo footer sidebar outbrain taboola nav navigation menu trending mostread
most-read more-stories read-more readmore thumbnails breadcrumb breadcrumbs latest popular
recirculation recirc
"""
BOILERPLATE_WORDS = frozenset(_BOILERPLATE.split())


def in_boilerplate(el: HtmlElement, stop: frozenset[HtmlElement] = frozenset(),
                   levels: int = 10) -> bool:
    """Whether *el* or one of its close ancestors is a related/ad/share/comment/nav box.

    Ancestors in *stop* (e.g. those holding the headline) and page-level containers are never
    judged: their class names describe the page, not a box."""
    node: HtmlElement | None = el
    for _ in range(levels):
        if node is None or node.tag in ("body", "html", "main") or node in stop:
            return False
        if node.tag in ("aside", "nav", "footer") or class_words(node) & BOILERPLATE_WORDS:
            return True
        node = node.getparent()
    return False


def shown_beside(img: HtmlElement, key: str,
                 sizes: dict[HtmlElement, int]) -> HtmlElement | None:
    """The container of *img*, up to four levels up and holding little more text than
    *key*, that shows the text *key* (*sizes*: raw text lengths of containers already
    measured, so that thousands of pictures in one big box cost one measure, not one
    each)."""
    limit = 1.5 * len(key) + 100
    for container in itertools.islice(img.iterancestors(), 4):
        size = sizes.get(container)
        if size is not None and size > 3 * limit:
            return None
        raw = container.text_content()  # cheap, but with the text of scripts and noscripts
        sizes[container] = len(raw)
        if len(raw) > 3 * limit:
            return None
        if key not in norm_key(raw):
            continue
        text = element_text(container, " ")
        if len(text) > limit:
            return None
        if key in norm_key(text):
            return container
    return None
