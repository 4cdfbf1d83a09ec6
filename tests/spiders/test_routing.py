"""The spider's routing of response bodies (pure: no crawl)."""

from __future__ import annotations

import random

from archiver.spiders.news import looks_binary
from tests.sitebuilder import SiteArticle


def test_stray_nul_bytes_do_not_make_a_page_binary() -> None:
    """A page with a few NUL bytes in its text (a CMS paste) was skipped as ``not_html``."""
    html = SiteArticle("nul-story", "Nul story").html().replace("<p>", "<p>\x00", 3)
    assert b"\x00" in html.encode()[:1024]
    assert not looks_binary(html.encode())


def test_binary_files_are_binary() -> None:
    noise = random.Random(7).randbytes(4096)
    assert looks_binary(noise)
    assert looks_binary(b"%PDF-1.7\n" + noise)
    assert looks_binary(b"\xff\xd8\xff\xe0" + noise)
    assert not looks_binary("<html><body><p>UTF-16 text</p></body></html>".encode("utf-16"))
    assert not looks_binary(b"<!doctype html><html><body>plain</body></html>")
