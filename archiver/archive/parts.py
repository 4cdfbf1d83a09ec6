"""Part files: JSON lines appended to a hidden in-progress file, renamed when complete.

A reader globbing ``*.jsonl.gz`` (or ``*.jsonl``) only ever sees complete parts. A part in
progress is ``.<name>.inprogress``. A gzipped part is one gzip stream (deflated by ISA-L,
``python-isal``, level 1: about ten times faster than zlib's default level, for a part
about 10 % larger), flushed to a byte boundary (``Z_SYNC_FLUSH``) after every record, so
every record that :meth:`PartWriter.write` returned for is decodable from the file even if
the process dies the next instant; the gzip trailer is only written when the part is
closed. After a crash, :func:`recover_parts` keeps the complete lines of each in-progress
part and publishes them as a valid, complete part, so no archived record is lost and no
partial line is ever visible.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from isal import isal_zlib

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

INPROGRESS_SUFFIX = ".inprogress"
_GZIP_WBITS = 31  # zlib's gzip container


def dumps_line(record: dict[str, Any]) -> bytes:
    """One record as one UTF-8 JSON line. U+2028/U+2029 are escaped so that readers
    splitting on any Unicode line break still see one record per line."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class PartInfo:
    """A published part file, as listed in the run manifest."""

    path: Path
    records: int
    bytes: int
    sha256: str


def inprogress_name(final_path: Path) -> Path:
    """The hidden name a part has while it is written."""
    return final_path.with_name(f".{final_path.name}{INPROGRESS_SUFFIX}")


class PartWriter:
    """Append-only writer of one part file; publish it with :meth:`close`.

    *final_path* ending in ``.gz`` makes a gzipped part.
    """

    def __init__(self, final_path: Path, fsync: bool = True, compresslevel: int = 1) -> None:
        self.final_path = final_path
        self.tmp_path = inprogress_name(final_path)
        self.fsync = fsync
        self.records = 0
        self.size = 0
        self._level = compresslevel
        self._digest = hashlib.sha256()
        self._zip = self._compressor() if final_path.name.endswith(".gz") else None
        self._undo: tuple[int, int, Any] | None = None
        final_path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.tmp_path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)

    def _compressor(self) -> Any:
        return isal_zlib.compressobj(self._level, isal_zlib.DEFLATED, _GZIP_WBITS)

    def write(self, record: dict[str, Any]) -> None:
        """Append one record; the whole line reaches the file before this returns.

        On an I/O error (e.g. ENOSPC, disk full) the part is cut back to its last complete
        line before the error is raised, so it stays valid.
        """
        data = dumps_line(record)
        self._undo = (self.size, self.records, self._digest.copy())
        if self._zip is not None:
            data = self._zip.compress(data) + self._zip.flush(isal_zlib.Z_SYNC_FLUSH)
        try:
            self._write_all(data)
        except OSError:
            self.undo()
            raise
        self._digest.update(data)
        self.size += len(data)
        self.records += 1

    def undo(self) -> None:
        """Take back the last :meth:`write` (the caller could not commit its record)."""
        if self._undo is None:
            return
        self.size, self.records, self._digest = self._undo
        self._undo = None
        os.ftruncate(self._fd, self.size)
        if self._zip is not None:
            self._restart_stream()

    def _restart_stream(self) -> None:
        """Rewrite the part as a new gzip stream of its complete lines. The compressor
        already holds the line taken back, and copying it before every record (to restore
        it) would cost more than the compression itself; an undo is rare (disk full)."""
        lines = _complete_lines(_gunzip_prefix(os.pread(self._fd, self.size, 0)))
        self._zip = self._compressor()
        data = b"".join(self._zip.compress(line) for line in lines)
        data += self._zip.flush(isal_zlib.Z_SYNC_FLUSH) if lines else b""
        os.ftruncate(self._fd, 0)
        self.size = 0
        self._write_all(data)
        self.size = len(data)
        self.records = len(lines)
        self._digest = hashlib.sha256(data)

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        offset = self.size
        while view:
            written = os.pwrite(self._fd, view, offset)
            view = view[written:]
            offset += written

    def close(self) -> PartInfo | None:
        """Finish, flush, publish under the final name (None when empty)."""
        if self._fd < 0:
            return None
        try:
            if self.records and self._zip is not None:
                tail = self._zip.flush(isal_zlib.Z_FINISH)
                self._write_all(tail)
                self._digest.update(tail)
                self.size += len(tail)
            if self.fsync:
                os.fsync(self._fd)
        finally:
            os.close(self._fd)
            self._fd = -1
        if self.records == 0:
            self.tmp_path.unlink(missing_ok=True)
            return None
        self.tmp_path.replace(self.final_path)
        return PartInfo(self.final_path, self.records, self.size, self._digest.hexdigest())

    def abandon(self) -> None:
        """Close without publishing (the in-progress file stays for recovery)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def final_name(tmp: Path) -> Path:
    """The published name of an in-progress part."""
    return tmp.with_name(tmp.name[1 : -len(INPROGRESS_SUFFIX)])


def _complete_lines(data: bytes) -> list[bytes]:
    """The leading complete, valid JSON lines of *data*."""
    lines = data[: data.rfind(b"\n") + 1].splitlines(keepends=True)
    for index, line in enumerate(lines):
        try:
            json.loads(line)
        except ValueError:
            return lines[:index]
    return lines


def _gunzip_prefix(data: bytes) -> bytes:
    """Whatever decompresses from the start of a possibly truncated gzip stream."""
    unzip = zlib.decompressobj(_GZIP_WBITS)
    out = []
    step = 1 << 16
    for start in range(0, len(data), step):
        try:
            out.append(unzip.decompress(data[start : start + step]))
        except zlib.error:
            break
    return b"".join(out)


def file_info(path: Path, records: int) -> PartInfo:
    """Size and checksum of a part file on disk."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return PartInfo(path, records, size, digest.hexdigest())


def complete_lines(path: Path) -> list[bytes]:
    """The complete, valid lines of a part file, also of one in progress or cut short."""
    data = path.read_bytes()
    gzipped = path.name.endswith(".gz") or path.name.endswith(".gz" + INPROGRESS_SUFFIX)
    return _complete_lines(_gunzip_prefix(data) if gzipped else data)


def recover_part(tmp: Path) -> tuple[PartInfo | None, list[bytes]]:
    """Publish the complete records of one in-progress part; return it and its lines."""
    gzipped = tmp.name.endswith(".gz" + INPROGRESS_SUFFIX)
    lines = complete_lines(tmp)
    if not lines:
        tmp.unlink()
        logger.info("Recovery: removed empty part %s", tmp)
        return None, []
    final = final_name(tmp)
    scratch = tmp.with_name(tmp.name + ".recovered")
    payload = b"".join(lines)
    with scratch.open("wb") as handle:
        if gzipped:
            with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as zipped:
                zipped.write(payload)
        else:
            handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    scratch.replace(final)
    tmp.unlink()
    logger.warning("Recovery: published %d complete records of interrupted part %s",
                   len(lines), final)
    return file_info(final, len(lines)), lines


def recover_parts(root: Path, skip: Callable[[Path], bool] | None = None
                  ) -> list[tuple[PartInfo, list[bytes]]]:
    """Publish the complete lines of every part left in progress under *root* by a
    crashed run, and drop leftovers of an interrupted recovery.

    Must only be called while holding the archive lock (or, in scale-out mode, with
    *skip* true for the parts of live crawl processes). Returns the published parts with
    their lines (so their records can be registered in the state store).
    """
    for scratch in root.rglob(f".*{INPROGRESS_SUFFIX}.recovered"):
        scratch.unlink()
    recovered = []
    for tmp in sorted(root.rglob(f".*{INPROGRESS_SUFFIX}")):
        if skip is not None and skip(tmp):
            continue
        info, lines = recover_part(tmp)
        if info is not None:
            recovered.append((info, lines))
    return recovered


def read_lines(path: Path) -> list[bytes]:
    """The lines of a published part (gzipped or not)."""
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            return handle.read().splitlines(keepends=True)
    return path.read_bytes().splitlines(keepends=True)
