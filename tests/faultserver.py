"""A fault-injecting web server for the hostile-web crawl tests (issue 5), loopback only.

:class:`FaultServer` listens on ``127.0.0.1`` (port 0) and, to prove that the SSRF guard
holds, on ``127.0.0.2`` and ``[::1]`` too (same routes; requests that arrive there are
"escapes"). Handlers run in daemon threads with byte-level control of the socket; every
slow route is bounded in time and stops when the server stops. Every request is recorded
in :attr:`FaultServer.log` (also served as JSON at ``/__log``): ``t`` (monotonic start),
``end``, ``listener``, ``path``, ``proxied``, ``status``, ``sent`` (body bytes written)
and ``aborted`` (the client went away mid-response).

Absolute-URI requests (``GET http://host/path``) are a crawler using this server as its
HTTP proxy: they are recorded with ``proxied=True`` and answered 502, never forwarded. The
security tests point ``http_proxy`` here so that a request the guard lets through to
``169.254.169.254`` or ``10.0.0.1`` is caught on loopback instead of leaving the machine.

Articles are :class:`tests.sitebuilder.SiteArticle` pages whose canonical URL is the
route itself; their text is seeded by the path, so every article is distinct.

Routes (``BASE`` is ``http://<Host header>``):

Any site
    ``/robots.txt``                 allow everything
    ``/``, ``/section/tech``, ``/about``, ``/author/x``   tiny index pages, no links (the
                                    nav links of every article)
    ``/good/<name>``                a valid article
    ``/<group>/``                   index page of a group (see :data:`GROUPS`)
    ``/__log``                      the request log as JSON
    anything else                   404

HTTP and network (group ``http``)
    ``/flaky``                      500 on the 1st request, then the article
    ``/busy``                       503 + ``Retry-After: 2`` on the 1st request, then the article
    ``/ratelimit``                  429 + ``Retry-After: 1`` on the 1st request, then the article
    ``/ratelimit-huge``             429 + ``Retry-After: 86400`` on the 1st request, then the
                                    article (start URL of its own crawl)
    ``/gone-404``, ``/gone-410``    404, 410
    ``/r1`` -> ``/r2`` -> ``/r3`` -> ``/redirected/final``  302, 301, 307, then the article
    ``/loop-a`` <-> ``/loop-b``     302 to each other forever
    ``/bad-location``               302 to ``http://[bad/x`` (a Location urllib refuses)
    ``/reset``                      Content-Length 20000, 4000 bytes of HTML, then a TCP RST
    ``/lying-length``               Content-Length 100000, 2000 bytes, then a clean close
    ``/hang``                       reads the request, never answers (at most 20 s)
    ``/trickle``                    headers, then one body byte per second (at most 20 s)

Resource exhaustion (groups ``size``, ``heavy``, ``trap``; sitemap start URL)
    ``/big-stream``                 5 MB of HTML, no Content-Length, streamed in 64 KB chunks
    ``/big-announced``              Content-Length 50 MB, body trickled in 64 KB / 20 ms
                                    (at most 10 s)
    ``/bomb-gzip``, ``/bomb-deflate``  ``Content-Encoding: gzip``/``deflate``: 512 MiB of
                                    zeros in ~510 KB (built once per process, at the first start)
    ``/huge-text``                  an article whose last paragraph is one 10.5 MB text node
    ``/deep-nest``                  an article inside 10,000 nested ``<div>``
    ``/link-bomb``                  an index page with 100,000 links to ``/lb/<n>``
    ``/lb/<n>``                     a tiny index page
    ``/calendar/<y>/<m>``           index: next month (forever) and days 1-3
    ``/calendar/<y>/<m>/<d>``       index: back to its month
    ``/sm/index.xml``               sitemap index of ``/sm/huge-1.xml`` .. ``/sm/huge-3.xml``
    ``/sm/huge-<k>.xml``            60,000 URLs ``/sm/page/<k>-<i>``, generated on the fly
    ``/sm/page/<id>``               an article

Content (group ``content``; feeds are start URLs)
    ``/charset/latin1-as-utf8``     latin-1 bytes, labelled utf-8 (header and meta)
    ``/charset/cp1252-undeclared``  windows-1252 bytes, no charset anywhere
    ``/truncated``                  an article cut inside its last closing tag
    ``/broken-links``               an article with malformed link and picture URLs
                                    (``http://[x``, a host with a full-width solidus)
    ``/gzip-cut``                   ``Content-Encoding: gzip``, the stream cut in half
                                    (Content-Length matches the cut body)
    ``/gzip-members``               ``Content-Encoding: gzip``, two complete gzip members
    ``/empty``                      200 with an empty body
    ``/bin/report``                 PDF bytes, ``application/pdf``, no extension
    ``/bin/photo``                  JPEG bytes, ``image/jpeg``, no extension
    ``/bin/fake-html``              JPEG bytes labelled ``text/html``
    ``/js-only``                    NewsArticle JSON-LD, empty container, body set by a script
    ``/feeds/good.xml``             RSS -> ``/good/feed-1``
    ``/feeds/truncated.xml``        RSS -> ``/good/feed-2``, cut mid-tag
    ``/feeds/laughs.xml``           RSS with a billion-laughs DTD -> ``/good/feed-3``
    ``/feeds/xxe.xml``              RSS with ``<!ENTITY xxe SYSTEM "file:///etc/passwd">``
                                    -> ``/good/feed-4`` and ``/xxe-leak/&xxe;``
    ``/sitemaps/laughs.xml``        sitemap with a billion-laughs DTD -> ``/good/feed-5``
    ``/feeds/bad-urls.xml``         RSS -> ``http://[bad/x``, a full-width-solidus host,
                                    then ``/good/feed-6``

Security (groups ``security``, ``forge``)
    ``/to-private``                 302 to ``http://127.0.0.2:PORT2/secret``
    ``/feeds/private.xml``          RSS -> metadata IP, 10.0.0.1, [::1], 127.0.0.2 and
                                    ``/good/sec-feed``
    ``/feeds/private-loopback.xml`` RSS -> ``http://127.0.0.2:PORT2/secret-feed`` only
    ``/secret``, ``/secret-feed``   articles (served on every listener)
    ``/forge/article``              title with ANSI escapes and a ``\\r\\n``-forged log line
    ``/forge/ctype``                non-HTML whose Content-Type carries ANSI escapes
    ``/forge/`` links               also to a ``%0D%0A``-forged 404 URL

Process faults (groups ``slow``, ``many``)
    ``/slow/a/<n>``                 an article after 0.5 s (``/slow/`` links 100 of them)
    ``/many/``                      links ``/good/many-0`` .. ``/good/many-149``
"""

from __future__ import annotations

import functools
import gzip
import json
import socket
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from tests.sitebuilder import SiteArticle, index_page, prose, rss, sitemap, sitemap_index

HANG_MAX = 20.0
BOMB_BYTES = 512 * 1024 * 1024
BIG_STREAM_BYTES = 5 * 1024 * 1024
ANNOUNCED_BYTES = 50_000_000
HUGE_TEXT_BYTES = 10_500_000
NEST_DEPTH = 10_000
LINK_BOMB = 100_000
SITEMAP_URLS = 60_000
SITEMAP_FILES = 3
SLOW_DELAY = 0.5
SLOW_ARTICLES = 100
MANY_ARTICLES = 150

# What the crawls must reveal about the tests' hostile pages.
LATIN1_PHRASE = "Café naïve élan, façade über."
CP1252_PHRASE = "“Quoted” café — naïve, €5 déjà."
FORGED_LINE = "1999-01-01 00:00:00 [archiver] ERROR: FORGED"

GROUPS: dict[str, list[str]] = {
    "http": [
        "/good/http-1", "/good/http-2", "/flaky", "/busy", "/ratelimit", "/gone-404",
        "/gone-410", "/r1", "/loop-a", "/reset", "/lying-length", "/hang", "/trickle",
        "/bad-location",
    ],
    "size": ["/good/size-1", "/good/size-2", "/big-stream", "/big-announced", "/bomb-gzip",
             "/bomb-deflate"],
    "heavy": ["/good/heavy-1", "/good/heavy-2", "/huge-text", "/deep-nest", "/link-bomb"],
    "trap": ["/good/trap-1", "/calendar/2024/01"],
    "content": [
        "/good/content-1", "/charset/latin1-as-utf8", "/charset/cp1252-undeclared",
        "/truncated", "/empty", "/bin/report", "/bin/photo", "/bin/fake-html", "/js-only",
        "/gzip-cut", "/gzip-members", "/broken-links",
    ],
    "security": ["/good/sec-1", "/to-private", "http://169.254.169.254/latest/meta-data/",
                 "http://10.0.0.1/", "__V6__/secret", "__ALT__/secret"],
    "forge": [
        "/good/forge-1", "/forge/article", "/forge/ctype",
        "/forge/x%0D%0A1999-01-01%2000:00:00%20[archiver]%20ERROR:%20FORGED%1B[2J",
    ],
    "slow": [f"/slow/a/{n}" for n in range(SLOW_ARTICLES)],
    "many": [f"/good/many-{n}" for n in range(MANY_ARTICLES)],
}

_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
_JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01" + bytes(range(256)) * 8
         + b"\xff\xd9")
_LAUGHS_DTD = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10)
)


def article(base: str, path: str, title: str | None = None,
            paragraphs: list[str] | None = None) -> str:
    """A valid article page served at *path* (its own canonical URL)."""
    slug = path.strip("/").replace("/", "-") or "home"
    page = SiteArticle(slug=slug, title=title or f"Article {slug}", canonical=path,
                       paragraphs=paragraphs or [])
    return page.html().replace("__BASE_URL__", base)


@functools.cache
def _raw_bomb() -> tuple[bytes, int, int]:
    """Raw deflate of BOMB_BYTES zeros, with their CRC-32 and Adler-32 (built once)."""
    chunk = b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts, crc, adler = [], 0, 1
    for _ in range(BOMB_BYTES // len(chunk)):
        parts.append(comp.compress(chunk))
        crc = zlib.crc32(chunk, crc)
        adler = zlib.adler32(chunk, adler)
    parts.append(comp.flush())
    return b"".join(parts), crc, adler


def bomb(encoding: str) -> bytes:
    """A gzip or zlib ("deflate") stream that inflates to BOMB_BYTES zeros."""
    raw, crc, adler = _raw_bomb()
    if encoding == "gzip":
        header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03"
        return header + raw + struct.pack("<II", crc, BOMB_BYTES & 0xFFFFFFFF)
    return b"\x78\xda" + raw + struct.pack(">I", adler)


@functools.cache
def _huge_text_page() -> str:
    sentence = "The kernel patch ships to every phone and laptop this week. "
    node = sentence * (HUGE_TEXT_BYTES // len(sentence) + 1)
    return article("__BASE__", "/huge-text", paragraphs=[*prose("huge-text"), node])


class _Listener(ThreadingHTTPServer):
    daemon_threads = True
    fault: FaultServer
    name: str


class _Listener6(_Listener):
    address_family = socket.AF_INET6


class FaultServer:
    """The fault server: start it, crawl ``base_url``, read :attr:`log`, stop it."""

    def __init__(self) -> None:
        self.stop_event = threading.Event()
        self.log: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._listeners: list[_Listener] = []
        self._threads: list[threading.Thread] = []
        self.main = self._listen(_Listener, "127.0.0.1")
        self.alt = self._listen(_Listener, "127.0.0.2")
        try:
            self.v6: _Listener | None = self._listen(_Listener6, "::1")
        except OSError:  # no IPv6 loopback here: nothing can arrive there either
            self.v6 = None

    def _listen(self, cls: type[_Listener], host: str) -> _Listener:
        listener = cls((host, 0), _Handler)
        listener.fault = self
        listener.name = host
        self._listeners.append(listener)
        return listener

    @staticmethod
    def _url(listener: _Listener | None) -> str:
        if listener is None:
            return "http://[::1]:9"
        host, port = listener.server_address[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return self._url(self.main)

    @property
    def alt_url(self) -> str:
        return self._url(self.alt)

    @property
    def v6_url(self) -> str:
        return self._url(self.v6)

    def start(self) -> FaultServer:
        _raw_bomb()  # built before serving (~2 s, once per process), not inside a download
        for listener in self._listeners:
            thread = threading.Thread(target=listener.serve_forever, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self.stop_event.set()
        for listener in self._listeners:
            if self._threads:  # shutdown() waits for serve_forever(): only if it runs
                listener.shutdown()
            listener.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the log, for the tests ------------------------------------------------------

    def requests(self, path: str | None = None, *, prefix: str | None = None,
                 listener: str = "127.0.0.1") -> list[dict[str, Any]]:
        """Log entries of direct requests to *listener* for *path* (or under *prefix*)."""
        with self._lock:
            entries = list(self.log)
        return [
            e for e in entries
            if e["listener"] == listener and not e["proxied"]
            and (path is None or e["path"] == path)
            and (prefix is None or e["path"].startswith(prefix))
        ]

    def escapes(self) -> list[dict[str, Any]]:
        """Requests that reached another listener than 127.0.0.1, or used us as a proxy."""
        with self._lock:
            return [e for e in self.log if e["proxied"] or e["listener"] != "127.0.0.1"]

    def _record(self, listener: str, path: str, proxied: bool) -> dict[str, Any]:
        entry = {"t": time.monotonic(), "end": None, "listener": listener, "path": path,
                 "proxied": proxied, "status": None, "sent": 0, "aborted": False}
        with self._lock:
            self.log.append(entry)
        return entry

    def nth(self, path: str) -> int:
        """How many times *path* was requested before (per-path counter)."""
        with self._lock:
            count = self._counts.get(path, 0)
            self._counts[path] = count + 1
            return count


class _Handler(BaseHTTPRequestHandler):
    server: _Listener
    protocol_version = "HTTP/1.0"  # one response per connection; bodies may be close-delimited
    server_version = "FaultServer/1.0"
    timeout = 30  # bounds reading a request

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        fault = self.server.fault
        proxied = self.path.startswith(("http://", "https://"))
        self.entry = fault._record(self.server.name, self.path, proxied)
        try:
            if proxied:
                self.send(502, b"this test server is no proxy", "text/plain")
            else:
                self.route(urlsplit(self.path).path)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.entry["aborted"] = True
        finally:
            self.entry["end"] = time.monotonic()

    # --- helpers -----------------------------------------------------------------------

    @property
    def fault(self) -> FaultServer:
        return self.server.fault

    @property
    def base(self) -> str:
        return f"http://{self.headers.get('Host') or self.server.name}"

    def head(self, status: int, ctype: str | None = "text/html; charset=utf-8",
             length: int | None = None, headers: dict[str, str] | None = None) -> None:
        self.entry["status"] = status
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def body(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()
        self.entry["sent"] += len(data)

    def send(self, status: int, data: bytes | str, ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.head(status, ctype, len(raw), headers)
        self.body(raw)

    def page(self, html: str) -> None:
        self.send(200, html.replace("__BASE__", self.base))

    def article(self, path: str, **kwargs: Any) -> None:
        self.send(200, article(self.base, path, **kwargs))

    def redirect(self, status: int, location: str) -> None:
        self.send(status, b"", headers={"Location": location})

    def xml(self, text: str) -> None:
        self.send(200, text.replace("__BASE_URL__", self.base), "application/xml; charset=utf-8")

    def wait(self, seconds: float) -> bool:
        """Sleep in this handler thread; False when the server is stopping."""
        return not self.fault.stop_event.wait(seconds)

    def first_time(self, path: str) -> bool:
        return self.fault.nth(path) == 0

    # --- routing -----------------------------------------------------------------------

    def route(self, path: str) -> None:
        exact = _EXACT.get(path)
        if exact is not None:
            exact(self, path)
            return
        group = path.strip("/")
        if path.endswith("/") and group in GROUPS:
            self.group(group)
            return
        for prefix, handler in _PREFIX:
            if path.startswith(prefix):
                handler(self, path)
                return
        self.send(404, b"<h1>Not found</h1>")

    def group(self, name: str) -> None:
        links = [
            link.replace("__V6__", self.fault.v6_url).replace("__ALT__", self.fault.alt_url)
            for link in GROUPS[name]
        ]
        self.page(index_page(f"Group {name}", links))

    # --- generic -----------------------------------------------------------------------

    def r_robots(self, path: str) -> None:
        self.send(200, b"User-agent: *\nDisallow:\n", "text/plain")

    def r_empty_index(self, path: str) -> None:
        self.page(index_page(f"Page {path}", []))

    def r_log(self, path: str) -> None:
        with self.fault._lock:
            data = json.dumps(self.fault.log)
        self.send(200, data, "application/json")

    def r_good(self, path: str) -> None:
        self.article(path)

    # --- HTTP and network --------------------------------------------------------------

    def r_flaky(self, path: str) -> None:
        if self.first_time(path):
            self.send(500, b"<h1>Internal error</h1>")
        else:
            self.article(path)

    def r_retry_after(self, path: str) -> None:
        status, after = {"/busy": (503, "2"), "/ratelimit": (429, "1"),
                         "/ratelimit-huge": (429, "86400")}[path]
        if self.first_time(path):
            self.send(status, b"<h1>Come back later</h1>", headers={"Retry-After": after})
        else:
            self.article(path)

    def r_gone(self, path: str) -> None:
        self.send(int(path.rsplit("-", 1)[1]), b"<h1>Gone</h1>")

    def r_redirect(self, path: str) -> None:
        if path == "/bad-location":
            self.redirect(302, "http://[bad/x")  # a Location urllib refuses
            return
        status, target = {"/r1": (302, "/r2"), "/r2": (301, "/r3"),
                          "/r3": (307, "/redirected/final"),
                          "/loop-a": (302, "/loop-b"), "/loop-b": (302, "/loop-a")}[path]
        self.redirect(status, f"{self.base}{target}")

    def r_reset(self, path: str) -> None:
        html = article(self.base, path).encode("utf-8")
        self.head(200, length=20_000)
        self.body(html[:4000])
        # SO_LINGER 0: close() sends a RST instead of a FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def r_lying_length(self, path: str) -> None:
        html = article(self.base, path).encode("utf-8")
        self.head(200, length=100_000)
        self.body(html[:2000])

    def r_hang(self, path: str) -> None:
        self.wait(HANG_MAX)

    def r_trickle(self, path: str) -> None:
        html = article(self.base, path).encode("utf-8")
        self.head(200, length=len(html))
        deadline = time.monotonic() + HANG_MAX
        for byte in html:
            if time.monotonic() > deadline:
                break
            self.body(bytes([byte]))
            if not self.wait(1.0):
                break

    # --- resource exhaustion -----------------------------------------------------------

    def r_big_stream(self, path: str) -> None:
        html = article(self.base, path).encode("utf-8")
        self.head(200)  # no Content-Length: the body ends when the connection closes
        self.body(html[: html.index(b"</article>")])
        filler = b"<p>" + b"filler text " * 5460 + b"</p>\n"  # ~64 KB
        while self.entry["sent"] < BIG_STREAM_BYTES and not self.fault.stop_event.is_set():
            self.body(filler)

    def r_big_announced(self, path: str) -> None:
        self.head(200, length=ANNOUNCED_BYTES)
        filler = b"x" * 65536
        deadline = time.monotonic() + 10
        while self.entry["sent"] < ANNOUNCED_BYTES and time.monotonic() < deadline:
            self.body(filler)
            if not self.wait(0.02):
                break

    def r_bomb(self, path: str) -> None:
        encoding = path.rsplit("-", 1)[1]
        self.send(200, bomb(encoding), headers={"Content-Encoding": encoding})

    def r_huge_text(self, path: str) -> None:
        self.page(_huge_text_page())

    def r_deep_nest(self, path: str) -> None:
        html = article(self.base, path)
        html = html.replace("<main>", "<main>" + "<div>" * NEST_DEPTH)
        html = html.replace("</main>", "</div>" * NEST_DEPTH + "</main>")
        self.page(html)

    def r_link_bomb(self, path: str) -> None:
        self.page(index_page("Link bomb", [f"/lb/{i}" for i in range(LINK_BOMB)]))

    def r_calendar(self, path: str) -> None:
        parts = [int(p) for p in path.split("/")[2:] if p.isdigit()]
        if len(parts) == 2:
            year, month = parts
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            links = [f"/calendar/{year}/{month:02d}"] + [f"{path}/{d:02d}" for d in (1, 2, 3)]
        else:
            links = [path.rsplit("/", 1)[0]]
        self.page(index_page(f"Calendar {path}", links))

    def r_sitemap_index(self, path: str) -> None:
        self.xml(sitemap_index([f"/sm/huge-{k}.xml" for k in range(1, SITEMAP_FILES + 1)]))

    def r_sitemap_huge(self, path: str) -> None:
        k = path.removeprefix("/sm/huge-").removesuffix(".xml")
        self.head(200, "application/xml; charset=utf-8")  # streamed, close-delimited
        self.body(b'<?xml version="1.0" encoding="UTF-8"?>'
                  b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
        for start in range(0, SITEMAP_URLS, 1000):
            if self.fault.stop_event.is_set():
                return
            self.body("".join(f"<url><loc>{self.base}/sm/page/{k}-{i}</loc></url>"
                              for i in range(start, start + 1000)).encode("ascii"))
        self.body(b"</urlset>")

    # --- content -----------------------------------------------------------------------

    def r_latin1(self, path: str) -> None:
        html = article(self.base, path, title="Café naïve",
                       paragraphs=[f"{p} {LATIN1_PHRASE}" for p in prose(path)])
        self.send(200, html.encode("latin-1"), "text/html; charset=utf-8")

    def r_cp1252(self, path: str) -> None:
        html = article(self.base, path, title="Zoë’s café — “naïve”",
                       paragraphs=[f"{p} {CP1252_PHRASE}" for p in prose(path)])
        html = html.replace("<meta charset='utf-8'>", "")
        self.send(200, html.encode("cp1252"), "text/html")

    def r_truncated(self, path: str) -> None:
        html = article(self.base, path)
        cut = html.rindex("</p>") + 2  # "...last paragraph text</"
        self.page(html[:cut])

    def r_broken_links(self, path: str) -> None:
        bad = ["http://[bad/x", "https://ex\uff0fample.com/a", "//[x/y"]
        links = "".join(f'<p><a href="{u}">broken link</a></p>' for u in bad)
        pictures = "".join(f'<figure><img src="{u}"><figcaption>Broken picture. Photo: Ann Lee'
                           "</figcaption></figure>" for u in bad)
        good = ("<figure><img src='/img/good.jpg'><figcaption>A good picture. Photo: Max Muster"
                "</figcaption></figure>")
        html = article(self.base, path)
        html = html.replace("</article>", f"{links}{pictures}{good}</article>")
        self.page(html)

    def r_gzip(self, path: str) -> None:
        """An article gzipped whole in two members, or its gzip stream cut in half."""
        data = article(self.base, path).encode()
        if path == "/gzip-cut":
            packed = gzip.compress(data)
            packed = packed[:len(packed) // 2]
        else:
            packed = gzip.compress(data[:len(data) // 2]) + gzip.compress(data[len(data) // 2:])
        self.send(200, packed, headers={"Content-Encoding": "gzip"})

    def r_empty(self, path: str) -> None:
        self.send(200, b"")

    def r_binary(self, path: str) -> None:
        data, ctype = {"/bin/report": (_PDF, "application/pdf"),
                       "/bin/photo": (_JPEG, "image/jpeg"),
                       "/bin/fake-html": (_JPEG, "text/html; charset=utf-8")}[path]
        self.send(200, data, ctype)

    def r_js_only(self, path: str) -> None:
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                         "headline": "Rendered by script", "datePublished": "2026-10-01"})
        script = ("document.getElementById('app').innerHTML = "
                  "'<p>' + 'Chip kernel update for every phone. '.repeat(200) + '</p>';")
        self.page(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Rendered by script</title><meta property='og:type' content='article'>"
            f"<script type='application/ld+json'>{ld}</script></head><body>"
            f"<main><article><h1>Rendered by script</h1><div id='app'></div></article></main>"
            f"<script>{script}</script></body></html>"
        )

    def r_feed(self, path: str) -> None:
        name = path.removeprefix("/feeds/").removesuffix(".xml")
        if name == "good":
            self.xml(rss(["/good/feed-1"]))
        elif name == "truncated":
            text = rss(["/good/feed-2", "/good/feed-2b"])
            self.xml(text[: text.index("/good/feed-2b") - 20])
        elif name == "laughs":
            self.xml(rss(["/good/feed-3"]).replace(
                "<rss", f"<!DOCTYPE rss [{_LAUGHS_DTD}]><rss", 1).replace(
                "<title>Test News</title>", "<title>&lol9;</title>"))
        elif name == "xxe":
            text = rss(["/good/feed-4"]).replace(
                "<rss", '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss', 1)
            text = text.replace(
                "</channel>",
                "<item><title>&xxe;</title><description>&xxe;</description>"
                "<link>__BASE_URL__/xxe-leak/&xxe;</link></item></channel>")
            self.xml(text)
        elif name == "private":
            self.xml(_absolute_rss([
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                f"{self.fault.v6_url}/secret", f"{self.fault.alt_url}/secret-feed",
                f"{self.base}/good/sec-feed",
            ]))
        elif name == "bad-urls":  # entries urllib refuses, then a good one
            self.xml(_absolute_rss(["http://[bad/x", "https://ex\uff0fample.com/a",
                                    f"{self.base}/good/feed-6"]))
        elif name == "private-loopback":
            self.xml(_absolute_rss([f"{self.fault.alt_url}/secret-feed"]))
        else:
            self.send(404, b"<h1>Not found</h1>")

    def r_sitemap_laughs(self, path: str) -> None:
        text = sitemap(["/good/feed-5"]).replace(
            "<urlset", f"<!DOCTYPE urlset [{_LAUGHS_DTD}]><urlset", 1).replace(
            "</urlset>", "<url><loc>&lol9;</loc></url></urlset>")
        self.xml(text)

    # --- security ----------------------------------------------------------------------

    def r_to_private(self, path: str) -> None:
        self.redirect(302, f"{self.fault.alt_url}/secret")

    def r_forge_article(self, path: str) -> None:
        title = f"Evil \x1b[31mred\x1b[0m title\r\n{FORGED_LINE}-TITLE\x07"
        self.article(path, title=title)

    def r_forge_ctype(self, path: str) -> None:
        self.send(200, _PDF, "application/x-evil\x1b[2J\x1b[31m; name=FORGED")

    def r_slow(self, path: str) -> None:
        if self.wait(SLOW_DELAY):
            self.article(path)


def _absolute_rss(urls: list[str]) -> str:
    items = "".join(f"<item><title>{u}</title><link>{u}</link></item>" for u in urls)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Links</title>{items}</channel></rss>")


_H = _Handler
_EXACT = {
    "/robots.txt": _H.r_robots, "/": _H.r_empty_index, "/section/tech": _H.r_empty_index,
    "/about": _H.r_empty_index, "/author/x": _H.r_empty_index, "/__log": _H.r_log,
    "/flaky": _H.r_flaky, "/busy": _H.r_retry_after, "/ratelimit": _H.r_retry_after,
    "/ratelimit-huge": _H.r_retry_after, "/gone-404": _H.r_gone, "/gone-410": _H.r_gone,
    "/r1": _H.r_redirect, "/r2": _H.r_redirect, "/r3": _H.r_redirect,
    "/bad-location": _H.r_redirect,
    "/loop-a": _H.r_redirect, "/loop-b": _H.r_redirect, "/redirected/final": _H.r_good,
    "/reset": _H.r_reset, "/lying-length": _H.r_lying_length, "/hang": _H.r_hang,
    "/trickle": _H.r_trickle,
    "/big-stream": _H.r_big_stream, "/big-announced": _H.r_big_announced,
    "/bomb-gzip": _H.r_bomb, "/bomb-deflate": _H.r_bomb, "/huge-text": _H.r_huge_text,
    "/deep-nest": _H.r_deep_nest, "/link-bomb": _H.r_link_bomb,
    "/sm/index.xml": _H.r_sitemap_index,
    "/charset/latin1-as-utf8": _H.r_latin1, "/charset/cp1252-undeclared": _H.r_cp1252,
    "/truncated": _H.r_truncated, "/broken-links": _H.r_broken_links,
    "/gzip-cut": _H.r_gzip, "/gzip-members": _H.r_gzip,
    "/empty": _H.r_empty, "/bin/report": _H.r_binary,
    "/bin/photo": _H.r_binary, "/bin/fake-html": _H.r_binary, "/js-only": _H.r_js_only,
    "/sitemaps/laughs.xml": _H.r_sitemap_laughs,
    "/to-private": _H.r_to_private, "/secret": _H.r_good, "/secret-feed": _H.r_good,
    "/forge/article": _H.r_forge_article, "/forge/ctype": _H.r_forge_ctype,
}
_PREFIX = [
    ("/good/", _H.r_good), ("/lb/", _H.r_empty_index), ("/calendar/", _H.r_calendar),
    ("/sm/huge-", _H.r_sitemap_huge), ("/sm/page/", _H.r_good), ("/feeds/", _H.r_feed),
    ("/slow/a/", _H.r_slow),
]
