"""A static loopback site of N real pages built from the DEV benchmark pages, for
``benchmarks/throughput.py``.

Page ``i`` serves DEV page ``i mod 462`` at ``/p/<i, six digits>/<original path>`` (the
original path keeps the URL signals the page classifier reads; the zero padding keeps
the copy number from looking like a year). Every copy carries a short unique sentence,
``Benchmark copy <i>.``, inserted at the start of the article's first three paragraphs
(found from the extracted body, else from the case's expected values), so no two copies
have the same body and every copy is archived rather than dropped as ``duplicate_content``.

With ``links="base"`` a ``<base href="original URL">`` is added to ``<head>``, so the
page's relative links resolve to its original site, as they do on the web. With
``links="keep"`` (what throughput.py uses by default, as the acceptance check does) the
pages are served as they are; their relative links would come back to this server as
404s, but the crawler does not follow the links of pages listed in a sitemap.

Map of the site::

    /robots.txt     allow all, names the sitemap
    /sitemap.xml    one urlset listing the N pages (absolute URLs)
    /p/NNNNNN/...   page NNNNNN (exact path only), text/html with the page's charset
    anything else   404
"""

from __future__ import annotations

import gzip
import html
import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    from collections.abc import Callable

_HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_SAFE_PATH = re.compile(r"[^A-Za-z0-9._~/-]")
_CHARSETS = {"utf-8": "utf-8", "cp1252": "windows-1252"}


@dataclass
class Template:
    """One DEV page split where the copy marker goes (``None`` pieces)."""

    case_id: str
    url: str
    path: str
    encoding: str
    pieces: list[bytes | None]
    located: bool  # the marker went into article text (else: after <body>)
    raw: bytes  # the DEV page's own bytes


def copy_marker(index: int) -> str:
    """The sentence that makes copy *index* unique."""
    return f"Benchmark copy {index}. "


def _fragments(expected: dict, extracted: str = "") -> list[str]:
    """Candidate article-text fragments: paragraph starts from the body the extractor
    under test finds (if given), the expected body and the ``with`` snippets, then word
    runs from inside them (an entity or a tag near a paragraph's start hides it from a
    byte search)."""
    texts = [p for p in extracted.split("\n") if p.strip()]
    texts += [p for p in (expected.get("body") or "").split("\n") if p.strip()]
    texts += list(expected.get("with") or [])
    out = []
    for skip in (0, 4, 9):
        for text in texts:
            words = text.split()[skip:]
            frag = ""
            for word in words[:8]:
                frag = f"{frag} {word}" if frag else word
                if len(frag) >= 24:
                    break
            if len(frag) >= 12:
                out.append(frag)
    return out


def _text_start(raw: bytes, pos: int) -> bool:
    """Whether *pos* starts a text node (only whitespace between it and a ``>``)."""
    before = raw[max(0, pos - 200):pos].rstrip()
    return before.endswith(b">")


def _marker_offsets(raw: bytes, encoding: str, expected: dict, extracted: str = "",
                    paragraphs: int = 3) -> tuple[list[int], bool]:
    """Where the marker goes: before every occurrence of the first *paragraphs* article
    fragments found in the page (several, since an extractor may drop a lead paragraph)."""
    chosen: list[list[int]] = []
    fallback: list[list[int]] = []
    for frag in _fragments(expected, extracted):
        needle = frag.encode(encoding, errors="ignore")
        hits = [m.start() for m in re.finditer(re.escape(needle), raw)]
        if any(_text_start(raw, pos) for pos in hits):
            chosen.append(hits)
        elif hits:
            fallback.append(hits)
        if len(chosen) >= paragraphs:
            break
    found = (chosen + fallback)[:paragraphs]
    if found:
        return sorted({pos for hits in found for pos in hits}), True
    body = re.search(rb"<body(?:\s[^>]*)?>", raw, re.IGNORECASE)
    return [body.end() if body else 0], False


def load_templates(dev: Path, links: str = "base",
                   body_of: Callable[[str, str], str] | None = None) -> list[Template]:
    """The DEV pages of *dev* (``cases.jsonl`` + ``html/``) as templates, in file order.

    *body_of(html, url)*, the article text the crawl will extract, guides where the
    marker goes (so it lands in the archived body); without it, the expected values do.
    """
    templates = []
    with (dev / "cases.jsonl").open(encoding="utf-8") as lines:
        cases = [json.loads(line) for line in lines if line.strip()]
    for case in cases:
        raw = gzip.decompress((dev / case["html_file"]).read_bytes())
        encoding = case.get("encoding") or "utf-8"
        extracted = ""
        if body_of is not None:
            extracted = body_of(raw.decode(encoding, errors="replace"), case["url"])
        offsets, located = _marker_offsets(raw, encoding, case.get("expected") or {},
                                           extracted)
        inserts: list[tuple[int, bytes | None]] = [(pos, None) for pos in offsets]
        if links == "base":
            head = _HEAD.search(raw)
            if head:
                tag = f'<base href="{html.escape(case["url"], quote=True)}">'
                inserts.append((head.end(), tag.encode("ascii", "xmlcharrefreplace")))
        pieces: list[bytes | None] = []
        start = 0
        for pos, insert in sorted(inserts, key=lambda item: item[0]):
            pieces += [raw[start:pos], insert]
            start = pos
        pieces.append(raw[start:])
        path = _SAFE_PATH.sub("", quote(urlsplit(case["url"]).path or "/", safe="/"))
        templates.append(Template(case["id"], case["url"], path.lstrip("/") or "index",
                                  encoding, pieces, located, raw))
    return templates


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # 32 connections opening at once must not hit the backlog


class CorpusSite:
    """N pages over a list of templates; page bytes are built on demand (no N copies in
    memory, so a 20,000-page site costs what a 462-page one does)."""

    def __init__(self, templates: list[Template], pages: int) -> None:
        self.templates = templates
        self.pages = pages
        self.base = ""

    def template(self, index: int) -> Template:
        return self.templates[index % len(self.templates)]

    def path(self, index: int) -> str:
        return f"/p/{index:06d}/{self.template(index).path}"

    def url(self, index: int) -> str:
        return f"{self.base}{self.path(index)}"

    def body(self, index: int) -> bytes:
        tpl = self.template(index)
        marker = copy_marker(index).encode(tpl.encoding)
        return b"".join(marker if piece is None else piece for piece in tpl.pieces)

    def text(self, index: int) -> str:
        """Page *index* decoded as a crawler would (its charset, errors replaced)."""
        tpl = self.template(index)
        return self.body(index).decode(tpl.encoding, errors="replace")

    def content_type(self, index: int) -> str:
        charset = _CHARSETS.get(self.template(index).encoding, self.template(index).encoding)
        return f"text/html; charset={charset}"

    def sitemap(self) -> bytes:
        entries = "".join(f"<url><loc>{html.escape(self.url(i))}</loc></url>\n"
                          for i in range(self.pages))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{entries}</urlset>\n").encode()

    def robots(self) -> bytes:
        return f"User-agent: *\nAllow: /\nSitemap: {self.base}/sitemap.xml\n".encode()

    def resolve(self, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body for a request path."""
        if path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", self.robots()
        if path == "/sitemap.xml":
            return 200, "application/xml", self._sitemap
        match = re.match(r"/p/(\d{6})/", path)
        if match:
            index = int(match.group(1))
            if index < self.pages and path == self.path(index):
                return 200, self.content_type(index), self.body(index)
        return 404, "text/plain; charset=utf-8", b"not found\n"

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
        """Start a threaded HTTP/1.1 server (keep-alive) in a daemon thread."""
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status, ctype, body = site.resolve(self.path.split("?", 1)[0])
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = _Server((host, port), Handler)
        self.base = f"http://{host}:{server.server_address[1]}"
        self._sitemap = self.sitemap()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server
