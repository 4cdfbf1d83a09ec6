"""The parsed page shared by the field extractors (parsed once, read only)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from archiver.extract import jsonld
from archiver.extract.document import Meta, meta_index
from archiver.extract.text import norm_key


@dataclass
class Page:
    """A page: URL, lxml tree, and lazily computed shared indexes."""

    url: str
    root: HtmlElement

    @cached_property
    def meta(self) -> Meta:
        """The ``<meta>`` index."""
        return meta_index(self.root)

    @cached_property
    def ld(self) -> jsonld.JsonLd:
        """All JSON-LD objects."""
        return jsonld.collect(self.root)

    @cached_property
    def ld_article(self) -> dict[str, Any] | None:
        """The JSON-LD article object, if any."""
        return jsonld.main_article(self.ld, self.url)

    @cached_property
    def site_keys(self) -> frozenset[str]:
        """Comparison keys of the publication's names (og:site_name, publisher, host)."""
        names = {self.meta.get("og:site_name"), self.meta.get("application-name")}
        if self.ld_article:
            publisher = self.ld.resolve(self.ld_article.get("publisher"))
            if isinstance(publisher, dict):
                names.add(str(publisher.get("name") or ""))
        host = (urlsplit(self.url).hostname or "").removeprefix("www.")
        names.update({host, host.split(".")[0]})
        return frozenset(k for k in (norm_key(n) for n in names if n) if k)

    @cached_property
    def headline_ancestors(self) -> frozenset[HtmlElement]:
        """Ancestors of the ``<h1>`` elements: containers of the article, never a box."""
        return frozenset(a for h1 in self.h1s for a in h1.iterancestors())

    @cached_property
    def itemprops(self) -> dict[str, list[HtmlElement]]:
        """Elements by each of their ``itemprop`` names, in document order (one walk)."""
        index: dict[str, list[HtmlElement]] = {}
        for el in self.root.xpath("//*[@itemprop]"):
            for name in el.get("itemprop", "").split():
                index.setdefault(name, []).append(el)
        return index

    @cached_property
    def h1s(self) -> list[HtmlElement]:
        """Every ``<h1>`` of the page."""
        return list(self.root.iter("h1"))
