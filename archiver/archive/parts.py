"""Part files: JSON lines appended to a hidden in-progress file, renamed when complete.

A reader globbing ``*.jsonl`` only ever sees complete parts. A part in progress is
``.<name>.jsonl.inprogress``; after a crash, :func:`recover_parts` cuts it back to its last
complete line and publishes it, so no archived record is lost and no partial line is
ever visible.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

INPROGRESS_SUFFIX = ".inprogress"


def dumps_line(record: dict[str, Any]) -> bytes:
    """One record as one UTF-8 JSON line. U+2028/U+2029 are escaped so that readers
    splitting on any Unicode line break still see one record per line."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (text + "\n").encode("utf-8")


class PartWriter:
    """Append-only writer of one part file; publish it with :meth:`close`."""

    def __init__(self, final_path: Path, fsync: bool = True) -> None:
        self.final_path = final_path
        self.tmp_path = final_path.with_name(f".{final_path.name}{INPROGRESS_SUFFIX}")
        self.fsync = fsync
        self.records = 0
        self.size = 0
        final_path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.tmp_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def write(self, record: dict[str, Any]) -> None:
        """Append one record; the whole line reaches the file before this returns.

        On an I/O error (e.g. ENOSPC, disk full) the part is cut back to its last complete
        line before the error is raised, so it stays valid.
        """
        data = dumps_line(record)
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except OSError:
            os.ftruncate(self._fd, self.size)
            raise
        self.size += len(data)
        self.records += 1

    def close(self) -> Path | None:
        """Flush, publish under the final name and return it (None when empty)."""
        if self._fd < 0:
            return None
        if self.fsync:
            os.fsync(self._fd)
        os.close(self._fd)
        self._fd = -1
        if self.records == 0:
            self.tmp_path.unlink(missing_ok=True)
            return None
        self.tmp_path.replace(self.final_path)
        return self.final_path


def _final_name(tmp: Path) -> Path:
    return tmp.with_name(tmp.name[1 : -len(INPROGRESS_SUFFIX)])


def recover_parts(root: Path) -> list[Path]:
    """Publish the complete lines of parts left in progress by a crashed run.

    Must only be called while holding the archive lock. Returns the published parts.
    """
    recovered: list[Path] = []
    for tmp in sorted(root.rglob(f".*{INPROGRESS_SUFFIX}")):
        data = tmp.read_bytes()
        keep = data[: data.rfind(b"\n") + 1]
        lines = keep.splitlines(keepends=True)
        while lines:
            try:
                json.loads(lines[-1])
                break
            except ValueError:
                lines.pop()
        keep = b"".join(lines)
        if not keep:
            tmp.unlink()
            logger.info("Recovery: removed empty part %s", tmp)
            continue
        if len(keep) != len(data):
            with tmp.open("r+b") as handle:
                handle.truncate(len(keep))
        final = _final_name(tmp)
        tmp.replace(final)
        recovered.append(final)
        logger.warning("Recovery: published %d complete records of interrupted part %s",
                       len(lines), final)
    return recovered
