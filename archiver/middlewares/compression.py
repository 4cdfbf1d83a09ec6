"""Scrapy's ``HttpCompressionMiddleware`` that refuses a cut-off gzip stream.

The stock ``gunzip`` returns whatever it could inflate when a gzip stream ends early (a
server or proxy that cut the compressed body but sent a matching ``Content-Length``), so
the page would be archived with its end missing, and archived again as a "new version"
once served whole. The check is nearly free for complete streams: a gzip member ends
with the length of its inflated data (mod 2**32), so only when that disagrees with what
was inflated (a cut stream, or several gzip members) is the stream inflated again, with
bounded memory, to see whether it really ends. A cut stream fails the request as
``error/truncated``. Requests ask for gzip only; a ``br`` or ``zstd`` body sent anyway is
decoded a second time, chunk by chunk, to see that its stream ends.

A body that is not in its declared ``Content-Encoding`` (a plain page labelled gzip,
gzip labelled br) made the stock middleware raise the decoder's own exception. A plain
page (it starts with markup) is read as it is; anything else fails the request as
``error/bad_encoding``.
"""

from __future__ import annotations

import logging
import re
import sys
import zlib
from typing import Any

import brotli
from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from archiver.extract.feeds import GZIP_MAGIC

if sys.version_info >= (3, 14):  # pragma: no cover
    from compression import zstd
else:
    from backports import zstd

logger = logging.getLogger(__name__)

_CHUNK = 1 << 16
_MARKUP = re.compile(rb"(?:\xef\xbb\xbf)?\s*<[!?a-zA-Z]")  # HTML or XML text, not encoded


def gzip_complete(data: bytes) -> bool:
    """Whether *data* is one or more complete gzip members (trailing zero padding
    allowed), inflated chunk by chunk and discarded."""
    while data:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            inflater.decompress(data, _CHUNK)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        except zlib.error:
            return False
        if not inflater.eof:
            return False
        data = inflater.unused_data
        if not data.startswith(GZIP_MAGIC):
            return not data.strip(b"\x00")
    return True


def stream_complete(data: bytes, coding: str) -> bool:
    """Whether *data* is one complete ``br`` or ``zstd`` stream, decoded chunk by chunk
    and discarded (the stock decoders return what they could of a cut stream)."""
    try:
        if coding == "br":
            unbrotli = brotli.Decompressor()
            unbrotli.process(data, output_buffer_limit=_CHUNK)
            while not unbrotli.is_finished() and unbrotli.process(
                    b"", output_buffer_limit=_CHUNK):
                pass
            return bool(unbrotli.is_finished())
        unzstd = zstd.ZstdDecompressor()
        unzstd.decompress(data, _CHUNK)
        while not unzstd.eof and not unzstd.needs_input:
            unzstd.decompress(b"", _CHUNK)
        return bool(unzstd.eof)
    except (brotli.error, zstd.ZstdError):
        return False


def _codings(response: Response) -> list[str]:
    return [c.strip().lower() for value in response.headers.getlist(b"Content-Encoding")
            for c in value.decode("latin-1").split(",") if c.strip()]


class CheckedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Decompress as the stock middleware does; fail a gzip body that was cut short."""

    def process_request(self, request: Request, spider: Any = None) -> None:
        """Ask for gzip only: the one coding whose end is checked cheaply (its trailer)."""
        request.headers.setdefault("Accept-Encoding", b"gzip")

    def process_response(self, request: Request, response: Response, spider: Any = None
                         ) -> Request | Response:
        try:
            return self._decompressed(request, response)
        except IgnoreRequest:
            raise
        except Exception as exc:  # the decoder's own error: zlib, gzip, brotli, zstd...
            codings = response.headers.get(b"Content-Encoding", b"").decode("latin-1")
            if _MARKUP.match(response.body[:256]):
                logger.warning("%s is not in its declared Content-Encoding %r: read as it is",
                               response.url, codings)
                headers = response.headers.copy()
                headers.pop(b"Content-Encoding", None)
                return response.replace(headers=headers)
            raise IgnoreRequest(f"undecodable Content-Encoding {codings!r}: "
                                f"{type(exc).__name__}: {exc}") from exc

    def _decompressed(self, request: Request, response: Response) -> Request | Response:
        codings = _codings(response)
        raw = response.body
        result = super().process_response(request, response)
        if not isinstance(result, Response) or result is response:
            return result
        if len(codings) == 1 and not _complete(raw, result.body, codings[0]):
            raise IgnoreRequest(f"truncated body ({codings[0]}): {len(raw)} bytes decode to "
                                f"an incomplete stream ({len(result.body)} bytes)")
        return result


def _complete(raw: bytes, decoded: bytes, coding: str) -> bool:
    """Whether *raw*, in *coding*, was a whole stream (True for codings not checked)."""
    if coding in ("gzip", "x-gzip"):
        # The trailer's length (mod 2**32) settles it without inflating again, unless it
        # disagrees: a cut stream, or several members.
        return (not raw.startswith(GZIP_MAGIC)
                or len(decoded) % (1 << 32) == int.from_bytes(raw[-4:], "little")
                or gzip_complete(raw))
    if coding in ("br", "zstd"):
        return stream_complete(raw, coding)
    return True
