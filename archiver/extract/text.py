"""Small text helpers shared by the field extractors."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: Han (CJK ideographs), Hiragana, Katakana.
# Each of their characters counts as a word, as word processors count them.
CJK = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                 "\uff66-\uff9f\U00020000-\U0003134f]")


def clean(text: str | None) -> str:
    """Invisible characters removed and whitespace collapsed to single spaces."""
    if not text:
        return ""
    return _WS.sub(" ", _INVISIBLE.sub("", text)).strip()


def squash(text: str | None) -> str:
    """Whitespace collapsed to single spaces, every other character kept as written (body
    text keeps soft hyphens: they are part of the publisher's text)."""
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\ufeff", "")).strip()


def norm_key(text: str | None) -> str:
    """A comparison key: NFKC, casefolded, only word characters kept, single spaces."""
    if not text:
        return ""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def word_count(text: str) -> int:
    """Number of words in *text*: whitespace-separated tokens holding a letter or digit,
    and every Chinese or Japanese character (those scripts put no spaces between words, so
    a whole paragraph would otherwise be one or two "words" and fail ``ARCHIVER_MIN_WORDS``)."""
    text, cjk = CJK.subn(" ", text)
    return cjk + sum(1 for token in text.split() if _WORD.search(token))


def content_hash(body: str) -> str:
    """sha256 hex digest of the NFKC-normalised, whitespace-collapsed body."""
    normal = _WS.sub(" ", unicodedata.normalize("NFKC", body)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def similar(a: str | None, b: str | None) -> float:
    """Token-set overlap (Jaccard) of two texts, 0..1."""
    ta, tb = set(norm_key(a).split()), set(norm_key(b).split())
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
