"""The element that holds the article (for figures): ``<article>``, ``<main>`` or ``<body>``."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from archiver.extract.document import classes

_BODY_CLASS = re.compile(r"article-?body|story-?body|entry-content|post-content|article-content|"
                         r"articlebody|article__body|content-body|post-body")


def _text_weight(el: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in el.iter("p"))


def article_scope(root: HtmlElement) -> HtmlElement:
    """The container of the article: the ``<article>`` with the most paragraph text (if it
    holds a real share of the page's text), else ``<main>``, else ``<body>``."""
    body = root.find("body")
    body = body if body is not None else root
    articles = [a for a in root.iter("article")]
    if articles:
        best = max(articles, key=_text_weight)
        if _text_weight(best) >= 0.3 * max(_text_weight(body), 1):
            return best
    for el in root.iter():
        if el.get("itemprop") == "articleBody" or (
                isinstance(el.tag, str) and _BODY_CLASS.search(classes(el))):
            parent = el.getparent()
            return parent if parent is not None else el
    main = root.find(".//main")
    return main if main is not None else body
