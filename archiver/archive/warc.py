"""Raw capture: every archived article's HTTP response as a WARC record (ISO 28500).

Files are ``<directory>/<prefix>-<n:05d>.warc.gz`` (standard "record-at-a-time" gzip: every
WARC record is its own gzip member, so a record can be read by seeking to its offset).
Like part files, a WARC file is written as a hidden ``.<name>.inprogress`` file and renamed
when complete; after a crash :func:`recover_warcs` cuts it back to its last complete gzip
member and publishes it. See ``docs/warc.md``.

Work is split so that the expensive part runs in worker processes: :func:`response_blob`
builds and compresses the records (picklable :class:`WarcBlob`), :class:`WarcWriter`
only appends bytes in the main process. No Scrapy imports here.

Header strings are bytes decoded as ISO-8859-1 (Latin-1), one character per byte, the way
HTTP headers travel; they are written back the same way, so the record holds the header
bytes as received (a character above U+00FF, which no wire header can contain, is written
as UTF-8).
"""

from __future__ import annotations

import logging
import os
import re
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from importlib import metadata
from io import BytesIO
from pathlib import Path
from typing import IO, Any, Self
from urllib.parse import urlsplit

from isal import isal_zlib
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.archive.parts import INPROGRESS_SUFFIX, final_name, inprogress_name
from archiver.items import WarcRef

logger = logging.getLogger(__name__)

WARC_DIRNAME = "warc"  # the WARC files' directory under the archive root
WARC_SUFFIX = ".warc.gz"
SOFTWARE = "news-archiver"
ORIG_PREFIX = "X-Archive-Orig-"  # prefix of original headers that no longer apply
# Each record's gzip member is deflated by ISA-L (python-isal), level 1: on the DEV pages
# (median 129 KiB) 0.28 ms a page against zlib's 1.22 ms at level 1 and 3.4 ms at level 6,
# for the size of zlib's level 1 (23 % of the page); this runs for every archived page.
COMPRESS_LEVEL = 1
_READ_CHUNK = 1 << 18
_MAX_WARC_HEAD = 1 << 16  # a WARC header block larger than this is treated as corrupt


class WarcError(ValueError):
    """A WARC record is missing, corrupt or not what a reference says it is."""


@dataclass
class WarcBlob:
    """The complete gzip members of one capture, ready to be appended to a WARC file.

    Built in a worker process (picklable), appended by the main process. ``data`` holds the
    response record's member first (at ``response_offset``, ``response_length`` bytes
    long), then, when request headers were given, the request record's member.
    """

    record_id: str  # "<urn:uuid:...>" of the response record
    data: bytes
    response_offset: int = 0
    response_length: int = -1  # -1: up to the end of ``data``

    def __post_init__(self) -> None:
        if self.response_length < 0:
            self.response_length = len(self.data) - self.response_offset


@dataclass
class WarcResponse:
    """One response record read back from a WARC file."""

    record_id: str
    url: str
    fetched_at: str  # the WARC-Date, e.g. "2026-11-27T07:15:33Z"
    status: int
    headers: list[tuple[str, str]]  # as stored, i.e. after :func:`adjust_headers`
    body: bytes
    file: str  # relative to the archive root
    offset: int  # of the record's gzip member
    length: int  # of the record's gzip member


# --- building records (worker side) -------------------------------------------------------

_BAD_NAME_CHARS = re.compile(r"[\x00-\x20:\x7f]")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def _clean_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers that cannot break the HTTP header block: no CR/LF in values (replaced by a
    space), no spaces, colons or controls in names, surrounding blanks stripped."""
    cleaned = []
    for name, value in headers:
        name = _BAD_NAME_CHARS.sub("", name)
        if name:
            cleaned.append((name, _LINE_BREAKS.sub(" ", value).strip(" \t")))
    return cleaned


def adjust_headers(headers: Iterable[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    """The response headers as stored with a content-decoded body of ``body_length`` bytes.

    The stored body is the payload after transfer and content decoding, so headers that
    describe the wire encoding no longer apply and are renamed with the
    ``X-Archive-Orig-`` prefix (the convention of pywb/webrecorder), in place:
    ``Content-Encoding``, ``Transfer-Encoding`` and a ``Content-Length`` that differs from
    ``body_length``. The result always has exactly one ``Content-Length``, equal to
    ``body_length`` (appended at the end when the original had none or a different one).
    All other headers are kept as they are, in order (see :func:`_clean_headers`).
    """
    adjusted = []
    have_length = False
    for name, value in _clean_headers(headers):
        key = name.lower()
        keep = key not in ("content-encoding", "transfer-encoding", "content-length")
        if key == "content-length" and not have_length and value == str(body_length):
            keep = have_length = True
        adjusted.append((name, value) if keep else (ORIG_PREFIX + name, value))
    if not have_length:
        adjusted.append(("Content-Length", str(body_length)))
    return adjusted


def _encode_line(line: str) -> bytes:
    try:
        return line.encode("latin-1")
    except UnicodeEncodeError:
        return line.encode("utf-8")


def _http_head(first_line: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [first_line, *(f"{name}: {value}" for name, value in headers)]
    return b"".join(_encode_line(line) + b"\r\n" for line in lines) + b"\r\n"


class _RawHttpHeaders(StatusAndHeaders):
    """HTTP headers written as given (Latin-1) instead of warcio's %-encoding of
    non-ASCII values, so the record keeps the bytes as received."""

    def __init__(self, first_line: str, headers: list[tuple[str, str]]) -> None:
        protocol, _, statusline = first_line.partition(" ")
        super().__init__(statusline, headers, protocol=protocol)
        self._raw = _http_head(first_line, headers)

    def compute_headers_buffer(self, header_filter: Any = None) -> None:
        self.headers_buff = self._raw


def warc_date(timestamp: str) -> str:
    """ISO 8601 time as a WARC/1.0 date: UTC, second precision, ``Z`` (naive = UTC)."""
    when = datetime.fromisoformat(timestamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def _gzip_member(data: bytes) -> bytes:
    compressor = isal_zlib.compressobj(COMPRESS_LEVEL, isal_zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def _record_bytes(record: Any) -> bytes:
    out = BytesIO()
    WARCWriter(out, gzip=False).write_record(record)
    return out.getvalue()


def _status_line(status: int) -> str:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    return f"HTTP/1.1 {status} {reason}".rstrip()


def _request_line_and_headers(
    url: str, headers: list[tuple[str, str]]
) -> tuple[str, list[tuple[str, str]]]:
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = _clean_headers(headers)
    if not any(name.lower() == "host" for name, _ in headers):
        host = parts.netloc.rpartition("@")[2]
        headers.insert(0, ("Host", host))
    return f"GET {target} HTTP/1.1", headers


@dataclass
class PendingCapture:
    """One fetch whose WARC record is built only when its record is written: duplicates,
    near-duplicates and unchanged pages are dropped before that and never pay for it."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    request_headers: list[tuple[str, str]] | None = None

    def blob(self, fetched_at: str) -> WarcBlob:
        """The capture's WARC records (see :func:`response_blob`)."""
        return response_blob(self.url, self.status, self.headers, self.body, fetched_at,
                             request_headers=self.request_headers)


def response_blob(
    url: str,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    fetched_at: str,
    *,
    request_headers: list[tuple[str, str]] | None = None,
) -> WarcBlob:
    """The WARC response record (and, given ``request_headers``, the request record) of
    one fetch, each compressed as its own gzip member.

    ``body`` is the content-decoded payload; ``headers`` are the response headers as
    received and are stored after :func:`adjust_headers`. ``fetched_at`` becomes the
    WARC-Date (normalised by :func:`warc_date`). warcio adds WARC-Block-Digest and
    WARC-Payload-Digest (SHA-1). The request record is ``GET <path> HTTP/1.1`` with the
    given headers (a ``Host`` header is added when missing, as the HTTP client sends one)
    and points at the response with WARC-Concurrent-To.
    """
    body = bytes(body)
    date = warc_date(fetched_at)
    record_id = new_record_id()
    builder = WARCWriter(BytesIO(), gzip=False)
    response = builder.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=_RawHttpHeaders(_status_line(status), adjust_headers(headers, len(body))),
        warc_headers_dict={"WARC-Record-ID": record_id, "WARC-Date": date},
    )
    response_member = _gzip_member(_record_bytes(response))
    data = response_member
    if request_headers is not None:
        line, req_headers = _request_line_and_headers(url, request_headers)
        request = builder.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=_RawHttpHeaders(line, req_headers),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
        )
        data += _gzip_member(_record_bytes(request))
    return WarcBlob(record_id, data, 0, len(response_member))


def _software() -> str:
    try:
        version = metadata.version("tech-news-archiver")
    except metadata.PackageNotFoundError:
        version = "0"
    try:
        warcio_version = metadata.version("warcio")
    except metadata.PackageNotFoundError:
        warcio_version = "?"
    return f"{SOFTWARE}/{version} (warcio/{warcio_version})"


def warcinfo_member(filename: str, is_part_of: str = "") -> bytes:
    """The gzip member of the warcinfo record that starts every file."""
    builder = WARCWriter(BytesIO(), gzip=False)
    info = {
        "software": _software(),
        "format": "WARC File Format 1.0",
        "conformsTo": "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf",
        "isPartOf": is_part_of,
        "description": "HTTP responses of archived news articles (bodies content-decoded)",
    }
    return _gzip_member(_record_bytes(builder.create_warcinfo_record(filename, info)))


# --- writing (main process) ---------------------------------------------------------------


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


class WarcWriter:
    """Appends :class:`WarcBlob` s to ``<directory>/<prefix>-<n:05d>.warc.gz`` files.

    The file being written is hidden (``.<name>.inprogress``) and renamed by :meth:`close`
    or when the next blob would take it past ``max_bytes`` (a single larger blob gets a
    file of its own). Each file starts with a warcinfo record. :meth:`append` writes the
    whole blob before it returns and, when the write fails (e.g. ENOSPC), cuts the file
    back to its previous size before re-raising, so the file only ever grows by complete
    records. With ``fsync`` the file is flushed to disk before it is published.
    """

    def __init__(
        self,
        directory: Path,
        prefix: str,
        *,
        max_bytes: int = 1_000_000_000,
        fsync: bool = True,
        root: Path | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.fsync = fsync
        self.root = Path(root) if root is not None else self.directory.parent
        self.files: list[Path] = []
        self._fd = -1
        self._final: Path | None = None
        self._tmp: Path | None = None
        self._size = 0  # bytes of complete records in the current file
        self._records = 0  # blobs in the current file
        self._dirty = False  # a failed write could not be cut back yet
        self._number = 1
        self._name_re = re.compile(
            rf"^\.?{re.escape(prefix)}-(\d+){re.escape(WARC_SUFFIX)}"
            rf"(?:{re.escape(INPROGRESS_SUFFIX)})?$"
        )

    @property
    def current(self) -> Path | None:
        """The hidden file being written; None between files."""
        return self._tmp

    def _next_number(self) -> int:
        highest = 0
        for path in self.directory.iterdir():
            match = self._name_re.match(path.name)
            if match:
                highest = max(highest, int(match.group(1)))
        return max(self._number, highest + 1)

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        number = self._next_number()
        while True:
            name = f"{self.prefix}-{number:05d}{WARC_SUFFIX}"
            final = self.directory / name
            tmp = inprogress_name(self.directory / name)
            if final.exists():
                number += 1
                continue
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            except FileExistsError:
                number += 1
                continue
            break
        self._fd, self._final, self._tmp = fd, final, tmp
        self._number = number + 1
        self._size = self._records = 0
        try:
            self._write_all(warcinfo_member(name, self.prefix))
        except BaseException:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            self._fd, self._final, self._tmp = -1, None, None
            raise
        self._size = os.fstat(fd).st_size

    def _cut_back(self) -> None:
        try:
            os.ftruncate(self._fd, self._size)
            self._dirty = False
        except OSError:
            self._dirty = True
            logger.exception("Could not cut %s back to %d bytes", self._tmp, self._size)

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except BaseException:
            self._cut_back()
            raise

    def append(self, blob: WarcBlob) -> WarcRef:
        """Append one capture; returns where its response record is in the final file."""
        if not (
            blob.response_offset >= 0
            and blob.response_length > 0
            and blob.response_offset + blob.response_length <= len(blob.data)
        ):
            raise ValueError("blob's response record lies outside its data")
        if self._dirty:
            self._cut_back()
            if self._dirty:
                raise OSError(f"{self._tmp} could not be cut back after a failed write")
        if self._fd >= 0 and self._records and self._size + len(blob.data) > self.max_bytes:
            self._publish()
        if self._fd < 0:
            self._open()
        assert self._final is not None
        start = self._size
        self._write_all(blob.data)
        self._size += len(blob.data)
        self._records += 1
        return WarcRef(
            file=_relative(self._final, self.root),
            offset=start + blob.response_offset,
            length=blob.response_length,
            record_id=blob.record_id,
        )

    def _publish(self) -> None:
        assert self._tmp is not None
        assert self._final is not None
        if self._dirty:
            self._cut_back()
            if self._dirty:  # leave the file to recover_warcs
                raise OSError(f"{self._tmp} could not be cut back after a failed write")
        tmp, final, fd = self._tmp, self._final, self._fd
        self._fd, self._tmp, self._final = -1, None, None
        try:
            if self.fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        if self._records == 0:
            tmp.unlink(missing_ok=True)
        else:
            tmp.replace(final)
            if self.fsync:
                _fsync_dir(self.directory)
            self.files.append(final)
        self._size = self._records = 0

    def close(self) -> list[Path]:
        """Publish the current file; returns every file this writer published."""
        if self._fd >= 0:
            self._publish()
        return list(self.files)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- recovery ------------------------------------------------------------------------------


class _RecordCheck:
    """Watches the decompressed bytes of one gzip member: is it one whole WARC record?"""

    def __init__(self) -> None:
        self.head = bytearray()
        self.total = 0
        self.tail = b""

    def feed(self, data: bytes) -> None:
        if len(self.head) < _MAX_WARC_HEAD:
            self.head += data[: _MAX_WARC_HEAD - len(self.head)]
        self.total += len(data)
        self.tail = (self.tail + data[-4:])[-4:]

    def warc_type(self) -> str | None:
        """The record's WARC-Type when the member is one complete record, else None."""
        if not self.head.startswith(b"WARC/"):
            return None
        end = self.head.find(b"\r\n\r\n")
        if end < 0:
            return None
        fields: dict[str, str] = {}
        for line in bytes(self.head[:end]).split(b"\r\n")[1:]:
            name, sep, value = line.partition(b":")
            if sep:
                fields[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        try:
            length = int(fields["content-length"])
        except (KeyError, ValueError):
            return None
        if self.total != end + 4 + length + 4 or self.tail != b"\r\n\r\n":
            return None
        return fields.get("warc-type", "")


def _complete_members(handle: IO[bytes]) -> Iterator[tuple[int, int, str]]:
    """(offset, length, WARC-Type) of each complete gzip member holding one whole WARC
    record, from the start of the file up to the first one that is not (truncated, bad
    CRC, garbage)."""
    pos = 0
    pending = b""
    while True:
        if not pending:
            pending = handle.read(_READ_CHUNK)
            if not pending:
                return
        start = pos
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        check = _RecordCheck()
        data = pending
        while True:
            try:
                check.feed(decompressor.decompress(data))
            except zlib.error:
                return
            if decompressor.eof:
                pending = decompressor.unused_data
                pos += len(data) - len(pending)
                break
            pos += len(data)
            data = handle.read(_READ_CHUNK)
            if not data:
                return
        warc_type = check.warc_type()
        if warc_type is None:
            return
        yield start, pos - start, warc_type


def recover_warcs(directory: Path, *, fsync: bool = True,
                  skip: Callable[[Path], bool] | None = None) -> list[Path]:
    """Publish the complete records of WARC files left in progress by a crashed run.

    Each ``.*.warc.gz.inprogress`` file is cut back to the end of its last complete, valid
    gzip member (one whole WARC record) and renamed to its final name; it is deleted when
    no response record remains. A published file is never overwritten. Idempotent; call
    it only while holding the archive lock. With ``fsync`` the cut file and the rename
    are flushed to disk. Files for which *skip* is true (being written by another live
    crawl process) are left alone. Returns the published files.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return []
    recovered: list[Path] = []
    for tmp in sorted(directory.glob(f".*{WARC_SUFFIX}{INPROGRESS_SUFFIX}")):
        if skip is not None and skip(tmp):
            continue
        end = responses = 0
        with tmp.open("rb") as handle:
            for offset, length, warc_type in _complete_members(handle):
                end = offset + length
                responses += warc_type == "response"
        if responses == 0:
            tmp.unlink()
            logger.info("Recovery: removed WARC file without complete responses %s", tmp)
            continue
        final = final_name(tmp)
        if final.exists():
            logger.error("Recovery: %s exists, leaving %s as it is", final, tmp)
            continue
        with tmp.open("r+b") as handle:
            if handle.seek(0, os.SEEK_END) != end:
                handle.truncate(end)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        tmp.replace(final)
        if fsync:
            _fsync_dir(directory)
        recovered.append(final)
        logger.warning("Recovery: published %d complete responses of interrupted WARC file %s",
                       responses, final)
    return recovered


# --- reading -------------------------------------------------------------------------------


def _read_all(stream: Any) -> bytes:
    chunks = []
    while True:
        chunk = stream.read(_READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def parse_http_response(block: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) of a stored HTTP response (headers decoded as Latin-1)."""
    end = block.find(b"\r\n\r\n")
    if end < 0 or not block.startswith(b"HTTP/"):
        raise WarcError("not an HTTP response block")
    lines = block[:end].decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError):
        raise WarcError(f"bad HTTP status line {lines[0]!r}") from None
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:  # obsolete line folding
            name, value = headers[-1]
            headers[-1] = (name, value + " " + line.strip(" \t"))
            continue
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip(" \t"), value.strip(" \t")))
    return status, headers, block[end + 4 :]


def _warc_response(record: Any, block: bytes, file: str, offset: int, length: int
                   ) -> WarcResponse:
    status, headers, body = parse_http_response(block)
    fields = record.rec_headers
    return WarcResponse(
        record_id=fields.get_header("WARC-Record-ID") or "",
        url=fields.get_header("WARC-Target-URI") or "",
        fetched_at=fields.get_header("WARC-Date") or "",
        status=status,
        headers=headers,
        body=body,
        file=file,
        offset=offset,
        length=length,
    )


def iter_responses(path: Path, root: Path | None = None) -> Iterator[WarcResponse]:
    """Every HTTP response record of a .warc.gz file, with its member's offset/length.

    ``file`` is ``path`` relative to ``root`` (default: the parent of the file's
    directory, i.e. the archive root for ``<root>/warc/<name>``).
    """
    path = Path(path)
    file = _relative(path, root if root is not None else path.parent.parent)
    with path.open("rb") as handle:
        records = ArchiveIterator(handle, no_record_parse=True)
        for record in records:
            if record.rec_type != "response":
                continue
            block = _read_all(record.raw_stream)
            if not block.startswith(b"HTTP/"):
                continue  # e.g. a dns: response
            offset, length = records.get_record_offset(), records.get_record_length()
            yield _warc_response(record, block, file, offset, length)


def read_response(root: Path, ref: WarcRef) -> WarcResponse:
    """The response record ``ref`` points at (random access: reads only its member).

    Raises :class:`WarcError` when the file is outside ``root``, the bytes there are not a
    response record, or its WARC-Record-ID differs from ``ref.record_id``.
    """
    root = Path(root)
    path = root / ref.file
    if not path.resolve().is_relative_to(root.resolve()):
        raise WarcError(f"WARC file {ref.file!r} is outside the archive")
    if ref.offset < 0 or ref.length <= 0:
        raise WarcError(f"bad WARC reference {ref!r}")
    with path.open("rb") as handle:
        handle.seek(ref.offset)
        data = handle.read(ref.length)
    if len(data) != ref.length:
        raise WarcError(f"{ref.file} ends before {ref.offset}+{ref.length}")
    try:
        record = next(iter(ArchiveIterator(BytesIO(data), no_record_parse=True)))
        if record.rec_type != "response":
            raise WarcError(f"{ref.file}@{ref.offset} is a {record.rec_type} record")
        block = _read_all(record.raw_stream)
        response = _warc_response(record, block, ref.file, ref.offset, ref.length)
    except (ArchiveLoadFailed, StopIteration, EOFError, zlib.error, OSError) as exc:
        raise WarcError(f"no WARC record at {ref.file}@{ref.offset}: {exc}") from exc
    if response.record_id != ref.record_id:
        raise WarcError(
            f"{ref.file}@{ref.offset} is {response.record_id}, not {ref.record_id}"
        )
    return response
