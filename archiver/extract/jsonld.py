"""JSON-LD: collect the objects of a page, flatten ``@graph``, resolve ``@id`` references."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "techarticle",
    "livebloposting", "liveblogposting", "report", "scholarlyarticle", "socialmediaposting",
    "askpublicnewsarticle", "satiricalarticle", "advertisercontentarticle", "review", "posting",
    "discussionforumposting", "medicalscholarlyarticle", "newsarticlereview",
})
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage"})

_COMMENTS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _loads(text: str) -> Any:
    """Tolerant JSON: comments/CDATA wrappers, control characters, trailing commas. None
    for what cannot be read, nesting too deep for the parser included (a JSON bomb of
    thousands of brackets raised RecursionError and failed the page)."""
    text = _COMMENTS.sub("", text.strip()).strip().rstrip(";")
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except RecursionError:
        return None
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)
    except (ValueError, RecursionError):
        return None


def types_of(obj: dict[str, Any]) -> set[str]:
    """The lower-cased ``@type`` names of *obj* (schema.org prefixes dropped)."""
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


@dataclass
class JsonLd:
    """All typed JSON-LD objects of a page and an ``@id`` index."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """*value* with a bare ``{"@id": ...}`` reference replaced by the object it names."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            target = self.by_id.get(str(value["@id"]))
            if target is not None:
                return target
        if isinstance(value, str) and value in self.by_id:
            return self.by_id[value]
        return value

    def of_types(self, names: frozenset[str]) -> list[dict[str, Any]]:
        """Objects having one of the given (lower-cased) types."""
        return [o for o in self.objects if types_of(o) & names]


def _walk(value: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(value, list):
        for item in value:
            _walk(item, out, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value or "@id" in value:
            out.append(value)
        for key, item in value.items():
            if key != "@context" and isinstance(item, (list, dict)):
                _walk(item, out, depth + 1)


def collect(root: HtmlElement) -> JsonLd:
    """Every typed object of every ``application/ld+json`` script, nested ones included."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        _walk(_loads(script.text or ""), found)
    data = JsonLd()
    for obj in found:
        ident = obj.get("@id")
        if isinstance(ident, str):
            known = data.by_id.get(ident)
            if known is None or len(obj) > len(known):
                data.by_id[ident] = obj
        if "@type" in obj:
            data.objects.append(obj)
    return data


def main_article(data: JsonLd, url: str | None = None) -> dict[str, Any] | None:
    """The article object of the page: an Article-like type, preferring one with a headline
    and a matching url; a WebPage with a headline as a fallback."""
    candidates = data.of_types(ARTICLE_TYPES)
    if not candidates:
        candidates = [o for o in data.of_types(PAGE_TYPES) if o.get("headline")]
    if not candidates:
        return None

    def rank(obj: dict[str, Any]) -> tuple[int, int, int]:
        own = obj.get("url") or obj.get("mainEntityOfPage")
        own = own.get("@id") if isinstance(own, dict) else own
        same = int(bool(url) and isinstance(own, str) and own.rstrip("/") == url.rstrip("/"))
        return same, int(bool(obj.get("headline"))), len(obj)

    return max(candidates, key=rank)


def text_of(value: Any) -> str | None:
    """A plain string from a JSON-LD value (string, list of strings, ``{"name": ...}``)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            text = text_of(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value"))
    if isinstance(value, (int, float)):
        return str(value)
    return None
