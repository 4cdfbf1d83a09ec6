"""Decode HTML bytes to text without mojibake, even when the page lies about its charset.

Candidates in order: byte-order mark, the HTTP ``Content-Type`` charset, the document's
``<meta charset>``; a declared charset is used only if the bytes decode with it strictly.
Pages labelled with any legacy charset (Latin-1, Windows-1251, KOI8-R, ...) whose bytes
are valid UTF-8 with multi-byte sequences are UTF-8 (the label is stale; legacy text that
happens to be valid UTF-8 is vanishingly rare). So are mostly-UTF-8 pages with a few bytes
that are not (a snippet pasted in Windows-1252): those bytes are read as Windows-1252. A
document declaring UTF-16 in ASCII-compatible bytes cannot be UTF-16 (WHATWG: UTF-8). With
no usable declaration: strict UTF-8, then charset detection (charset-normalizer) for
non-Latin scripts (Cyrillic, CJK, ...), then Windows-1252.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# WHATWG: these labels all mean windows-1252 in browsers.
_SINGLE_BYTE_WESTERN = frozenset({"ascii", "latin_1", "iso8859_1", "cp1252", "windows_1252"})
_LATIN_FAMILY = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "cp850", "cp437",
})
_UNICODE = frozenset({"utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le",
                      "utf_32_be"})
_SNIFF_BYTES = 64 * 1024
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8 (surrogateescape)


# Python codecs that are no web page encoding: a label naming one is ignored, as browsers
# ignore labels they do not know ("undefined" raises on any input, "unicode_escape"
# rewrites backslashes, UTF-7 is barred by WHATWG for the scripts it can smuggle).
_NOT_WEB = frozenset({"undefined", "idna", "punycode", "unicode_escape",
                      "raw_unicode_escape", "utf_7"})


def _normal(encoding: str | None) -> str | None:
    if not encoding:
        return None
    resolved = resolve_encoding(encoding)
    if resolved is None:
        return None
    info = codecs.lookup(resolved)
    name = info.name.replace("-", "_")
    if name in _NOT_WEB or not getattr(info, "_is_text_encoding", True):  # rot13, zlib, hex
        return None
    return name


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeError, LookupError):
        return None


def _escaped_byte(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    return byte.decode("cp1252", "ignore") or byte.decode("latin-1")


def _mostly_utf8(body: bytes) -> str | None:
    """*body* decoded if it is UTF-8 with multi-byte sequences and fewer bytes that are
    not (those read as Windows-1252: a legacy snippet in a UTF-8 page), else None."""
    text = body.decode("utf-8", "surrogateescape")
    # Each byte that is not UTF-8 is one escape: one byte back with surrogateescape, none
    # with ignore (counted in C: this runs on every page whose bytes are not strict UTF-8).
    invalid = len(text.encode("utf-8", "surrogateescape")) - len(text.encode("utf-8", "ignore"))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if not 0 < invalid <= multibyte:
        return None
    return _ESCAPED.sub(_escaped_byte, text)


def utf16_by_zeros(head: bytes) -> str | None:
    """``utf_16_le``/``utf_16_be`` if *head* looks like UTF-16 without a BOM, told by the
    zero high bytes of its ASCII characters (markup is mostly ASCII), else None."""
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > len(head) // 4 and even * 8 < odd:
        return "utf_16_le"
    if even > len(head) // 4 and odd * 8 < even:
        return "utf_16_be"
    return None


def utf16_text(head: bytes) -> str | None:
    """*head* (the first bytes of a body) decoded if it is UTF-16 text, by its byte-order
    mark or the zero high bytes of ASCII markup, else None: UTF-16 has zero bytes, like a
    binary file, and its markup is not found by a byte search for ``<html``."""
    encoding, bom = read_bom(head)
    if encoding in ("utf-16-le", "utf-16-be"):
        head = head[len(bom):]
    elif not (encoding := utf16_by_zeros(head)):
        return None
    text = head[:len(head) // 2 * 2].decode(encoding, "replace")[:-1]  # last may be cut
    printable = sum(char.isprintable() or char in "\t\n\r" for char in text)
    return text if "<" in text and printable >= 0.95 * len(text) else None


def _detected(body: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` if charset detection finds a non-Latin encoding that decodes
    *body*. Detection cannot tell the Latin single-byte code pages apart on short texts
    (cp1250 and cp1252 differ in a few letters); for those the caller uses cp1252, the
    web's legacy default."""
    best = from_bytes(body[:_SNIFF_BYTES]).best()
    if best is not None and best.encoding and _normal(best.encoding) not in _LATIN_FAMILY:
        text = _strict(body, best.encoding)
        if text is not None:
            return text, best.encoding
    return None


_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))


def _mostly_non_latin(body: bytes) -> bool:
    """Whether *body* has so many non-ASCII bytes next to its ASCII letters (markup
    included) that it cannot be Western text: in French or German a few letters in a
    hundred are non-ASCII; in Cyrillic, Greek or CJK text every letter is."""
    sample = body[:_SNIFF_BYTES]
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    letters = len(sample) - len(sample.translate(None, _ASCII_LETTERS))
    return high > 0.1 * (high + letters)


def _declared(body: bytes, content_type: str | None) -> list[str]:
    """The charsets claimed by the HTTP header and the ``<meta>``, normalised, in that
    order, without repeats."""
    in_body = _normal(html_body_declared_encoding(body[:_SNIFF_BYTES]))
    if in_body in _UNICODE:
        in_body = "utf_8"  # readable as ASCII, so not UTF-16/32 (a BOM would have said)
    labels = (_normal(http_content_type_encoding(content_type) if content_type else None),
              in_body)
    return list(dict.fromkeys(label for label in labels if label))


def declared_encoding(body: bytes, content_type: str | None = None) -> str | None:
    """The charset the page claims (HTTP header, else ``<meta>``), normalised; None if it
    claims none. Latin-1 labels count as windows-1252, as browsers read them."""
    labels = _declared(body, content_type)
    if not labels:
        return None
    return "cp1252" if labels[0] in _SINGLE_BYTE_WESTERN else labels[0]


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode *body*; return ``(text, encoding used)``."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        text = _strict(body[len(bom):], bom_encoding)
        if text is not None:
            return text, _normal(bom_encoding) or bom_encoding
    declared = _declared(body, content_type)
    if declared and not body.isascii():
        # UTF-8, or mostly UTF-8, beats a legacy label (stale, or a pasted snippet).
        text = _strict(body, "utf-8")
        if text is None:
            text = _mostly_utf8(body)
        if text is not None and any(label == "utf_8" or label not in _UNICODE
                                    for label in declared):
            return text, "utf_8"
    for encoding in declared:
        if encoding in _SINGLE_BYTE_WESTERN:
            if _mostly_non_latin(body) and (found := _detected(body)) is not None:
                return found  # GBK, Shift-JIS, cp1251... under a stale Latin-1 label
            encoding = "cp1252"
        text = _strict(body, encoding)
        if text is not None:
            return text, encoding
    if (utf16 := utf16_by_zeros(body[:1024])) and (text := _strict(body, utf16)) is not None:
        return text, utf16  # ASCII markup in UTF-16 is valid UTF-8 too (full of NULs)
    text = _strict(body, "utf-8")
    if text is None:
        text = _mostly_utf8(body)
    if text is not None:
        return text, "utf_8"
    if (found := _detected(body)) is not None:
        return found
    text = _strict(body, "cp1252")
    if text is not None:
        return text, "cp1252"
    return body.decode("latin-1"), "latin_1"
