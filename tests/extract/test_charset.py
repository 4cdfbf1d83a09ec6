from __future__ import annotations

import pytest

from archiver.extract.charset import decode_body

TEXT = "Zoë’s café — naïve “quotes” and Fadilpašić"
WESTERN = "Zoë’s café — naïve “quotes”"
CYRILLIC = "Новая версия ядра Linux вышла сегодня с поддержкой новых процессоров. " * 3
CHINESE = "北京科技公司今天发布了新的人工智能芯片。这款芯片的性能比上一代提高了百分之四十。" * 3
JAPANESE = "東京で新しいスマートフォンが発表されました。価格は少し高くなる予定です。" * 3


def page(charset_meta: str = "") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}</head><body><p>{{}}</p></body></html>"


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        # honest declarations
        (page("utf-8").format(TEXT).encode(), "text/html; charset=utf-8", TEXT),
        (page().format(WESTERN).encode("cp1252"), "text/html; charset=windows-1252", WESTERN),
        # latin-1 (really cp1252) bytes labelled utf-8 by the server and the page
        (page("utf-8").format(WESTERN).encode("cp1252"), "text/html; charset=utf-8", WESTERN),
        # windows-1252 with no declaration at all
        (page().format(WESTERN).encode("cp1252"), "text/html", WESTERN),
        # utf-8 bytes labelled iso-8859-1: the stale label loses
        (page("iso-8859-1").format(TEXT).encode(), "text/html; charset=iso-8859-1", TEXT),
        # BOM wins over a wrong header
        (b"\xef\xbb\xbf" + page().format(TEXT).encode(), "text/html; charset=iso-8859-1", TEXT),
        # an unknown label is ignored
        (page("x-no-such-charset").format(TEXT).encode(), None, TEXT),
        # UTF-16 with no BOM and no label (ASCII markup would pass as UTF-8 full of NULs)
        (page().format("plain ASCII text").encode("utf-16-le"), "text/html", "plain ASCII"),
        (page().format("plain ASCII text").encode("utf-16-be"), None, "plain ASCII"),
        # a stray NUL byte does not make a UTF-8 page UTF-16
        (page().format(TEXT).encode() + b"\x00", "text/html", TEXT),
        # a stale Latin-1 label on non-Latin bytes (each would decode as cp1252: mojibake)
        (page("iso-8859-1").format(CYRILLIC).encode("cp1251"), None, CYRILLIC),
        (page().format(CHINESE).encode("gbk"), "text/html; charset=ISO-8859-1", CHINESE),
        (page("windows-1252").format(JAPANESE).encode("euc-jp"), None, JAPANESE),
        # iso-8859-1 label means windows-1252: 0x92 is a right single quote
        (page("iso-8859-1").format("it’s").encode("cp1252"), None, "it’s"),
    ],
)
def test_decode_body(body: bytes, content_type: str | None, expected: str) -> None:
    text, _encoding = decode_body(body, content_type)
    assert expected in text
    assert "\ufffd" not in text


MIXED = page("utf-8").format(TEXT + " {}").encode().replace(
    b"{}", "“fermé” — déjà".encode("cp1252"))


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        # UTF-8 bytes under a stale non-Latin single-byte label: every one of these labels
        # decodes UTF-8 bytes strictly (mojibake such as "РќРѕРІ")
        (page("utf-8").format(CYRILLIC).encode(), "text/html; charset=windows-1251", CYRILLIC),
        (page("windows-1251").format(CYRILLIC).encode(), "text/html", CYRILLIC),
        (page("koi8-r").format(CYRILLIC).encode(), None, CYRILLIC),
        (page("iso-8859-7").format(TEXT).encode(), None, TEXT),
        # a UTF-8 page with a phrase pasted in windows-1252 (a template and a legacy
        # snippet): the UTF-8 text and the cp1252 phrase both survive, whatever the label
        (MIXED, "text/html; charset=utf-8", TEXT),
        (MIXED, "text/html; charset=utf-8", "“fermé” — déjà"),
        (MIXED, None, TEXT),
        (MIXED.replace(b"utf-8", b"windows-1252"), "text/html; charset=iso-8859-1", TEXT),
        # a page saying it is UTF-16 (XML declaration or meta) in ASCII-compatible bytes:
        # it cannot be, browsers read it as UTF-8 (decoding it as UTF-16 gave CJK garbage)
        (("<?xml version='1.0' encoding='utf-16'?>" + page().format(TEXT)).encode(),
         "application/xhtml+xml", TEXT),
        (page("utf-16").format(TEXT).encode(), "text/html", TEXT),
    ],
)
def test_decode_body_of_lying_labels(body: bytes, content_type: str | None,
                                     expected: str) -> None:
    text, encoding = decode_body(body, content_type)
    assert expected in text, (encoding, text[:300])
    assert "\ufffd" not in text


def test_real_single_byte_pages_keep_their_label() -> None:
    """Legacy pages that are not UTF-8 are still decoded with their label."""
    for body, label, text in (
        (page("windows-1251").format(CYRILLIC).encode("cp1251"), "windows-1251", CYRILLIC),
        (page("koi8-r").format(CYRILLIC).encode("koi8-r"), "koi8-r", CYRILLIC),
        (page("iso-8859-1").format(WESTERN).encode("cp1252"), "iso-8859-1", WESTERN),
    ):
        decoded, _encoding = decode_body(body, f"text/html; charset={label}")
        assert text in decoded


def test_undecodable_garbage_still_decodes() -> None:
    text, encoding = decode_body(bytes(range(256)) * 4, "text/html; charset=utf-8")
    assert len(text) == 1024
    assert encoding


def test_undeclared_cyrillic_is_detected() -> None:
    text = "Новая версия ядра Linux вышла сегодня с поддержкой новых процессоров. " * 5
    decoded, _encoding = decode_body(page().format(text).encode("cp1251"), "text/html")
    assert text in decoded


@pytest.mark.parametrize(
    ("body", "content_type", "declared"),
    [
        (b"<meta charset='utf-8'>", None, "utf_8"),
        (b"<meta charset='iso-8859-1'>", None, "cp1252"),
        (b"<meta charset='utf-8'>", "text/html; charset=windows-1251", "cp1251"),
        (b"<p>no declaration</p>", "text/html", None),
    ],
)
def test_declared_encoding(body: bytes, content_type: str | None, declared: str | None) -> None:
    from archiver.extract.charset import declared_encoding

    assert declared_encoding(body, content_type) == declared


@pytest.mark.parametrize("label", ["undefined", "unicode_escape", "raw_unicode_escape",
                                   "utf-7", "idna", "punycode", "rot13", "zlib", "hex"])
@pytest.mark.parametrize("where", ["header", "meta"])
def test_python_codecs_that_are_no_web_encoding_are_ignored(label: str, where: str) -> None:
    """A page labelled with a Python codec that no browser knows is read as if unlabelled
    ("undefined" raised on any input and failed the page; "unicode_escape" rewrote
    backslashes; UTF-7 can smuggle markup)."""
    meta = f'<meta charset="{label}">' if where == "meta" else ""
    prose = "Die Bürger wählen früh, die Straße ist grün, das Café öffnet. " * 10
    html = (f"<html><head>{meta}<title>Café</title></head><body><p>Naïve \\n +ADw-b+AD4- "
            f"text</p><p>{prose}</p></body></html>")  # enough text for the sniffer
    ctype = f"text/html; charset={label}" if where == "header" else "text/html"
    body = html.encode("cp1252")  # not UTF-8: the labels are tried
    text, encoding = decode_body(body, ctype)
    # read as the same bytes are read when the label is one nobody knows (same length,
    # so that sniffing sees the same page)
    unknown = "q" * len(label)
    reference, reference_encoding = decode_body(body.replace(label.encode(), unknown.encode()),
                                                ctype.replace(label, unknown))
    assert encoding == reference_encoding
    assert text == reference.replace(unknown, label)
    assert "\\n +ADw-b+AD4- text" in text
