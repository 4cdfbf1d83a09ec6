"""One crawl per archive root at a time: an advisory ``flock`` on ``<root>/.lock``.

The kernel releases the lock when the holder dies (even by SIGKILL), so a crashed run
never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class ArchiveLocked(RuntimeError):
    """Another process holds the archive root's lock."""


class ArchiveLock:
    """Exclusive, non-blocking lock on an archive root."""

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / ".lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`ArchiveLocked` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise ArchiveLocked(
                f"archive {self.path.parent} is in use by another crawl (pid {holder}); "
                "wait for it to finish or use another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        """Release the lock (idempotent)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
