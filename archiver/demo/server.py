"""Serve the bundled demo site (or any directory laid out the same way) on loopback.

URL to file: the query string is ignored, a trailing slash is stripped, then
``<path>``, ``<path>.html`` and ``<path>/index.html`` are tried. ``X.gz`` is served
gzip-compressed from ``X`` when only ``X`` exists. ``__BASE_URL__`` in text files becomes
``http://127.0.0.1:PORT`` so that sitemaps, feeds and canonical links are absolute.
Responses carry an ``ETag`` (a hash of the body) and ``Last-Modified`` (the file's mtime)
and conditional requests get ``304 Not Modified``, as on a real news site. A ``_redirects``
file at the root (lines ``/old/path /new/path [301|302|307|308]``, as on static hosts)
makes those paths redirect (a moved article); a ``_status`` file (lines ``/path STATUS``)
makes those paths answer with that status and a short error page (a failing server).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
from email.utils import formatdate
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

PLACEHOLDER = b"__BASE_URL__"
_TEXT_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".gz": "application/x-gzip",
}


def demo_site_dir() -> Path:
    """The directory of the bundled demo site."""
    return Path(str(files("archiver.demo") / "site"))


class SiteServer:
    """A threaded static server for a site directory, on 127.0.0.1, in a daemon thread."""

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = (root or demo_site_dir()).resolve()
        handler = type("Handler", (_Handler,), {"site_root": self.root})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @cached_property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    site_root: Path
    server_version = "DemoNews/1.0"

    def do_GET(self) -> None:
        url_path = unquote(urlsplit(self.path).path)
        status = self._status(url_path)
        if status is not None:
            self._send(status, b"<h1>Server error</h1>", "text/html; charset=utf-8")
            return
        target = self._redirect(url_path)
        if target is not None:
            self._send(target[1], b"", "text/html; charset=utf-8", {"Location": target[0]})
            return
        found = self._resolve(url_path)
        if found is None:
            self._send(404, b"<h1>Not found</h1>", "text/html; charset=utf-8")
            return
        path, compress = found
        ctype = (_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
                 or "application/octet-stream")
        data = path.read_bytes()
        if ctype.startswith(_TEXT_TYPES):
            host, port = self.server.server_address[:2]
            data = data.replace(PLACEHOLDER, f"http://{host}:{port}".encode())
        if compress:
            data, ctype = gzip.compress(data, mtime=0), _TYPES[".gz"]
        etag = '"' + hashlib.blake2b(data, digest_size=8).hexdigest() + '"'
        modified = formatdate(path.stat().st_mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": modified}
        if self.headers.get("If-None-Match") == etag or (
            "If-None-Match" not in self.headers
            and self.headers.get("If-Modified-Since") == modified
        ):
            self._send(304, b"", ctype, validators)
            return
        self._send(200, data, ctype, validators)

    def _rule(self, filename: str, url_path: str) -> list[str] | None:
        """The fields after *url_path* on its line of the site's rules file *filename*
        (``_redirects``, ``_status``: ``/path field...``; ``#`` comments), if any."""
        rules = self.site_root / filename
        if not rules.is_file():
            return None
        for line in rules.read_text("utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 2 and not fields[0].startswith("#") \
                    and fields[0].rstrip("/") == url_path.rstrip("/"):
                return fields[1:]
        return None

    def _redirect(self, url_path: str) -> tuple[str, int] | None:
        """(location, status) of *url_path* in the site's ``_redirects`` file, if any."""
        fields = self._rule("_redirects", url_path)
        if fields is None:
            return None
        return fields[0], int(fields[1]) if len(fields) > 1 else 301

    def _status(self, url_path: str) -> int | None:
        """The status *url_path* is set to answer in the site's ``_status`` file, if any."""
        fields = self._rule("_status", url_path)
        return int(fields[0]) if fields else None

    def _resolve(self, url_path: str) -> tuple[Path, bool] | None:
        rel = url_path.strip("/")
        candidates = [rel, f"{rel}.html", f"{rel}/index.html"] if rel else ["index.html"]
        for candidate in candidates:
            path = (self.site_root / candidate).resolve()
            if path.is_relative_to(self.site_root) and path.is_file():
                return path, False
        if rel.endswith(".gz"):
            path = (self.site_root / rel[:-3]).resolve()
            if path.is_relative_to(self.site_root) and path.is_file():
                return path, True
        return None

    def _send(self, status: int, data: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if status != 304:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the per-request log on stderr."""
