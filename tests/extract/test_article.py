"""The public entry point: record shape, decoding, junk input, fetched_at bounds."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime

import pytest

from archiver.extract import extract_article
from archiver.extract.urls import article_id

PAGE = """<html lang="fr"><head><meta charset="{charset}">
<meta property="article:published_time" content="{date}">
<title>Un titre de test | Site</title></head><body><article>
<h1>Un titre de test</h1>
<p>Première phrase de l'article, assez longue pour être retenue par l'extracteur de texte.</p>
<p>Deuxième paragraphe avec des caractères accentués : éèàùç, et encore quelques mots.</p>
<p>Troisième paragraphe qui termine cet article de démonstration sans rien d'autre.</p>
</article></body></html>"""


def page(charset: str = "utf-8", date: str = "2024-02-01T10:00:00+01:00") -> str:
    return PAGE.format(charset=charset, date=date)


def test_record_fields():
    url = "https://www.example.fr/article?utm_source=x"
    record = extract_article(page(), url, fetched_at="2024-03-01T00:00:00Z")
    assert record.url == url
    assert record.canonical_url == "https://www.example.fr/article"
    assert record.id == article_id(record.canonical_url)
    assert record.site == "example.fr"
    assert record.fetched_at == "2024-03-01T00:00:00Z"
    assert record.title == "Un titre de test"
    assert record.language == "fr"
    assert record.published == "2024-02-01T10:00:00+01:00"
    assert record.body.count("\n\n") == 2
    assert record.word_count == sum(1 for t in record.body.split() if any(c.isalnum() for c in t))
    normal = " ".join(unicodedata.normalize("NFKC", record.body).split())
    assert record.content_hash == hashlib.sha256(normal.encode()).hexdigest()
    assert record.version == 1


@pytest.mark.parametrize("charset", ["utf-8", "iso-8859-1", "windows-1252"])
def test_bytes_are_decoded_by_meta_charset(charset: str):
    data = page(charset).encode(charset)
    record = extract_article(data, "https://www.example.fr/a")
    assert "éèàùç" in record.body


def test_bom_wins():
    data = b"\xef\xbb\xbf" + page("iso-8859-1").encode("utf-8")
    assert "éèàùç" in extract_article(data, "https://www.example.fr/a").body


def test_date_after_fetch_is_dropped():
    record = extract_article(page(date="2030-01-01T00:00:00Z"), "https://www.example.fr/a",
                             fetched_at=datetime(2024, 3, 1, tzinfo=UTC))
    assert record.published is None or record.published < "2024-03-02"


def test_fetched_at_defaults_to_now():
    record = extract_article(page(), "https://www.example.fr/a")
    stamp = datetime.fromisoformat(record.fetched_at.replace("Z", "+00:00"))
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60


@pytest.mark.parametrize(
    "junk",
    [
        "",
        b"",
        "   ",
        b"\x00\xff\xfe\x00garbage\x89PNG\r\n",
        "<div>" * 10000 + "deep" + "</div>" * 10000,
        "<p>" + "x" * 2_000_000 + "</p>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<html><head><script type='application/ld+json'>{broken</script></head></html>",
        "<<<>>>&&&;;;",
    ],
)
def test_junk_never_raises(junk: str | bytes):
    record = extract_article(junk, "https://www.example.com/junk")
    assert isinstance(record.body, str)
    assert record.canonical_url == "https://www.example.com/junk"


def test_one_failing_field_keeps_the_rest(monkeypatch: pytest.MonkeyPatch):
    from archiver.extract import title

    def broken(page: object) -> str:
        raise RuntimeError("bug")

    monkeypatch.setattr(title, "title", broken)
    record = extract_article(page(), "https://www.example.fr/a")
    assert record.title is None
    assert record.language == "fr"
    assert "éèàùç" in record.body


def test_failing_body_clean_up_keeps_trafilatura_text(monkeypatch: pytest.MonkeyPatch):
    """A bug in our body clean-up costs the clean-up, not the record."""
    from archiver.extract import body

    def broken(*args: object) -> str:
        raise RuntimeError("bug")

    monkeypatch.setattr(body, "body", broken)
    record = extract_article(page(), "https://www.example.fr/a")
    assert "éèàùç" in record.body
    assert record.language == "fr"
