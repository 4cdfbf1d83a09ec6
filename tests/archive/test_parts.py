from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.archive.lock import ArchiveLock, ArchiveLocked
from archiver.archive.parts import PartWriter, dumps_line, read_lines, recover_parts


def test_part_is_invisible_until_closed(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "articles" / "part-r-00001.jsonl", fsync=False)
    part.write({"id": "a"})
    part.write({"id": "b"})
    assert list((tmp_path / "articles").glob("*.jsonl")) == []
    info = part.close()
    assert info is not None
    published = info.path
    assert published == tmp_path / "articles" / "part-r-00001.jsonl"
    lines = published.read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
    assert info.records == 2
    assert info.bytes == published.stat().st_size
    assert info.sha256 == hashlib.sha256(published.read_bytes()).hexdigest()
    assert not any(p.name.endswith(".inprogress") for p in (tmp_path / "articles").iterdir())


def test_empty_part_is_not_published(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "part-r-00001.jsonl", fsync=False)
    assert part.close() is None
    assert list(tmp_path.iterdir()) == []


def test_line_separators_stay_escaped() -> None:
    line = dumps_line({"title": "a\u2028b\u2029c\nd", "name": "Fadilpašić"})
    assert line.endswith(b"\n")
    assert line.decode("utf-8").count("\n") == 1
    assert len(line.decode("utf-8").splitlines()) == 1
    assert json.loads(line)["title"] == "a\u2028b\u2029c\nd"
    assert "Fadilpašić".encode() in line


def test_recovery_cuts_partial_last_line(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "part-r-00001.jsonl", fsync=False)
    part.write({"id": "a"})
    part.write({"id": "b"})
    # Simulate a crash in the middle of the third line.
    with part.tmp_path.open("ab") as handle:
        handle.write(b'{"id": "c", "bo')
    ((info, lines),) = recover_parts(tmp_path)
    assert info.path == tmp_path / "part-r-00001.jsonl"
    ids = [json.loads(line)["id"] for line in info.path.read_text("utf-8").splitlines()]
    assert ids == ["a", "b"]
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]
    assert not part.tmp_path.exists()


def test_recovery_drops_a_complete_but_corrupt_last_line(tmp_path: Path) -> None:
    tmp = tmp_path / ".part-r-00001.jsonl.inprogress"
    tmp.write_bytes(b'{"id": "a"}\n{"id": \n')
    ((info, _),) = recover_parts(tmp_path)
    assert info.path.read_bytes() == b'{"id": "a"}\n'


def test_recovery_removes_empty_parts(tmp_path: Path) -> None:
    (tmp_path / ".part-r-00001.jsonl.inprogress").write_bytes(b'{"id": "a"')
    assert recover_parts(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_lock_refuses_a_second_holder_in_another_process(tmp_path: Path) -> None:
    lock = ArchiveLock(tmp_path)
    lock.acquire()
    code = (
        "import sys; from pathlib import Path\n"
        "from archiver.archive.lock import ArchiveLock, ArchiveLocked\n"
        "try:\n    ArchiveLock(Path(sys.argv[1])).acquire()\n"
        "except ArchiveLocked as exc:\n    print(exc); sys.exit(3)\n"
    )
    other = subprocess.run([sys.executable, "-c", code, str(tmp_path)],
                           capture_output=True, text=True, check=False)
    assert other.returncode == 3
    assert f"pid {os.getpid()}" in other.stdout
    lock.release()
    again = subprocess.run([sys.executable, "-c", code, str(tmp_path)],
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0


def test_lock_in_same_process_conflicts(tmp_path: Path) -> None:
    first, second = ArchiveLock(tmp_path), ArchiveLock(tmp_path)
    first.acquire()
    with pytest.raises(ArchiveLocked, match="in use by another crawl"):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_write_error_leaves_only_complete_lines(tmp_path: Path) -> None:
    """A real short write: the file size limit (RLIMIT_FSIZE) makes write() fail midway,
    as a full disk would; the part must be cut back to its last complete line."""
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from archiver.archive.parts import PartWriter\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "part = PartWriter(Path(sys.argv[1]) / 'part-r-00001.jsonl', fsync=False)\n"
        "n = 0\n"
        "try:\n"
        "    while True:\n"
        "        part.write({'n': n, 'pad': 'x' * 90}); n += 1\n"
        "except OSError as exc:\n"
        "    print(n, exc.errno)\n"
        "part.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    written = int(result.stdout.split()[0])
    assert 0 < written < 10
    data = (tmp_path / "part-r-00001.jsonl").read_bytes()
    assert data.endswith(b"\n")
    assert [json.loads(line)["n"] for line in data.splitlines()] == list(range(written))


def test_gzip_part_is_one_valid_gzip_stream(tmp_path: Path) -> None:
    part = PartWriter(tmp_path / "part-r-00001.jsonl.gz", fsync=False)
    records = [{"id": str(n), "body": "word " * n} for n in range(50)]
    for record in records:
        part.write(record)
    info = part.close()
    assert info is not None
    with gzip.open(info.path, "rt", encoding="utf-8") as handle:
        assert [json.loads(line) for line in handle] == records
    assert info.sha256 == hashlib.sha256(info.path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["part-r-00001.jsonl.gz", "part-r-00001.jsonl"])
@pytest.mark.parametrize("taken_back", [0, 1, 3])
def test_undo_takes_back_the_last_record_and_the_part_stays_valid(
        tmp_path: Path, name: str, taken_back: int) -> None:
    """The session takes a line back when the state store cannot commit it; the part
    goes on taking records and publishes exactly the ones kept, as valid gzip."""
    part = PartWriter(tmp_path / name, fsync=False)
    kept = []
    for n in range(taken_back):
        part.write({"n": n, "text": f"kept {n} " * 30})
        kept.append(n)
    part.write({"n": "gone", "text": "taken back " * 30})
    part.undo()
    assert part.records == len(kept)
    for n in range(10, 13):
        part.write({"n": n, "text": f"after {n} " * 30})
        kept.append(n)
    info = part.close()
    assert info is not None
    lines = read_lines(info.path)
    assert [json.loads(line)["n"] for line in lines] == kept
    assert info.records == len(kept)
    assert info.bytes == info.path.stat().st_size
    assert info.sha256 == hashlib.sha256(info.path.read_bytes()).hexdigest()
    if name.endswith(".gz"):
        with gzip.open(info.path, "rb") as handle:  # one complete stream, trailer checked
            assert handle.read().count(b"\n") == len(kept)


def test_gzip_recovery_keeps_every_record_written_at_any_cut(tmp_path: Path) -> None:
    """A kill at any byte of the stream: every record whose write() returned before the
    cut is recovered, and the published part is a complete, valid gzip file."""
    part = PartWriter(tmp_path / "src" / "part-r-00001.jsonl.gz", fsync=False)
    ends = []
    for n in range(6):
        part.write({"n": n, "text": f"record {n} " * 20})
        ends.append(part.size)
    data = part.tmp_path.read_bytes()
    part.abandon()
    for cut in range(0, len(data) + 1, 7):
        work = tmp_path / f"cut{cut}"
        work.mkdir()
        (work / ".part-r-00001.jsonl.gz.inprogress").write_bytes(data[:cut])
        recovered = recover_parts(work)
        complete = sum(1 for end in ends if end <= cut)
        # A record whose deflate data is whole but whose flush marker was cut off is
        # recovered too: it was complete on disk.
        if not recovered:
            assert complete == 0
            assert list(work.iterdir()) == []
            continue
        ((info, _),) = recovered
        numbers = [json.loads(line)["n"] for line in read_lines(info.path)]
        assert numbers == list(range(len(numbers)))
        assert complete <= len(numbers) <= complete + 1
        assert not any(p.name.startswith(".") for p in work.iterdir())


def test_gzip_write_error_keeps_the_stream_valid(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes write() fail midway; the published gzip part holds exactly the
    records written before."""
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from archiver.archive.parts import PartWriter\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (3000, hard))\n"
        "part = PartWriter(Path(sys.argv[1]) / 'part-r-00001.jsonl.gz', fsync=False)\n"
        "n = 0\n"
        "try:\n"
        "    while True:\n"
        "        part.write({'n': n, 'pad': sys.argv[2] * 40}); n += 1\n"
        "except OSError as exc:\n"
        "    print(n, exc.errno)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))\n"
        "part.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path), os.urandom(8).hex()],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    written = int(result.stdout.split()[0])
    assert written > 0
    lines = read_lines(tmp_path / "part-r-00001.jsonl.gz")
    assert [json.loads(line)["n"] for line in lines] == list(range(written))
