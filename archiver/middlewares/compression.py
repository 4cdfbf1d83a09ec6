"""Scrapy's ``HttpCompressionMiddleware`` that refuses a cut-off gzip stream.

The stock ``gunzip`` returns whatever it could inflate when a gzip stream ends early (a
server or proxy that cut the compressed body but sent a matching ``Content-Length``), so
the page would be archived with its end missing, and archived again as a "new version"
once served whole. The check is nearly free for complete streams: a gzip member ends
with the length of its inflated data (mod 2**32), so only when that disagrees with what
was inflated (a cut stream, or several gzip members) is the stream inflated again, with
bounded memory, to see whether it really ends. A cut stream fails the request as
``error/truncated``.
"""

from __future__ import annotations

import zlib
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from archiver.extract.feeds import GZIP_MAGIC

_CHUNK = 1 << 16


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


def _only_gzip(response: Response) -> bool:
    codings = [c.strip().lower() for value in response.headers.getlist(b"Content-Encoding")
               for c in value.decode("latin-1").split(",") if c.strip()]
    return codings in (["gzip"], ["x-gzip"]) and response.body.startswith(GZIP_MAGIC)


class CheckedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Decompress as the stock middleware does; fail a gzip body that was cut short."""

    def process_response(self, request: Request, response: Response, spider: Any = None
                         ) -> Request | Response:
        if not _only_gzip(response):
            return super().process_response(request, response)
        raw = response.body
        result = super().process_response(request, response)
        if not isinstance(result, Response) or result is response:
            return result
        declared = int.from_bytes(raw[-4:], "little")
        if len(result.body) % (1 << 32) != declared and not gzip_complete(raw):
            raise IgnoreRequest(f"truncated gzip body: {len(raw)} bytes inflate to an "
                                f"incomplete stream ({len(result.body)} bytes)")
        return result
