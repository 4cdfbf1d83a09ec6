"""WARC raw capture: real files in tmp_path, checked with warcio's own reader and checker."""

from __future__ import annotations

import glob
import gzip
import json
import os
import pickle
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.archive.warc import (
    WarcBlob,
    WarcError,
    WarcWriter,
    adjust_headers,
    iter_responses,
    read_response,
    recover_warcs,
    response_blob,
)
from archiver.items import WarcRef

REPO = Path(__file__).resolve().parents[2]
DATE = "2026-11-27T07:15:33Z"
WARCIO_CLI = "from warcio.cli import main; main()"


def blob_for(i: int, size: int = 300, *, request: bool = True) -> WarcBlob:
    return response_blob(
        f"https://news.example.com/story/{i}?ref=rss",
        200,
        [("Content-Type", "text/html; charset=utf-8"), ("X-Index", str(i))],
        body_for(i, size),
        DATE,
        request_headers=[("User-Agent", "news-archiver-test")] if request else None,
    )


def body_for(i: int, size: int) -> bytes:
    return random.Random(i).randbytes(size)


def warcio_records(path: Path) -> list[dict[str, object]]:
    """Every record via warcio with digest verification; fails on any digest problem."""
    records = []
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle, check_digests=True)
        for record in iterator:
            content = record.content_stream().read()
            while chunk := record.content_stream().read():
                content += chunk
            records.append({
                "type": record.rec_type,
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "offset": iterator.get_record_offset(),
                "length": iterator.get_record_length(),
                "digest": record.digest_checker.passed,
                "problems": list(record.digest_checker.problems),
            })
    for record in records:
        assert record["problems"] == [], record
        if record["type"] in ("response", "request"):
            assert record["digest"] is True, record
    return records


def warcio_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WARCIO_CLI, *args],
                          capture_output=True, text=True, timeout=60, check=False)


# --- building and round trip -----------------------------------------------------------------


def test_header_adjustments() -> None:
    headers = [
        ("Content-Type", "text/html"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "123"),
        ("Set-Cookie", "a=1\r\nInjected: yes"),
    ]
    assert adjust_headers(headers, 456) == [
        ("Content-Type", "text/html"),
        ("X-Archive-Orig-Content-Encoding", "gzip"),
        ("X-Archive-Orig-Transfer-Encoding", "chunked"),
        ("X-Archive-Orig-Content-Length", "123"),
        ("Set-Cookie", "a=1 Injected: yes"),
        ("Content-Length", "456"),
    ]
    # A correct Content-Length stays where it is.
    assert adjust_headers([("content-length", "5"), ("Server", "x")], 5) == [
        ("content-length", "5"), ("Server", "x"),
    ]


def test_round_trip_exact(tmp_path: Path) -> None:
    cases = [
        # url, status, headers, body
        ("https://example.com/a", 200,
         [("Content-Type", "text/html; charset=windows-1252"), ("Content-Encoding", "br"),
          ("X-Latin", "café Ünïcödé"), ("X-Utf8-Bytes", "cafÃ©")],
         "<p>Fadilpašić – café</p>".encode("cp1250")),
        ("https://example.com/bytes?q=1&x=%C3%A9", 203,
         [("Content-Type", "application/octet-stream"), ("Content-Length", "256")],
         bytes(range(256)) + b"\r\n\r\nHTTP/1.1 200 OK\r\n\xff\xfe"),
        ("https://example.com/big", 200, [("Content-Type", "text/html")],
         random.Random(5).randbytes(5_000_000)),
        ("https://example.com/empty", 204, [], b""),
        ("https://example.com/odd-status", 599, [("X-A", "1"), ("X-A", "2")], b"x"),
    ]
    root = tmp_path
    writer = WarcWriter(root / "warc", "run1", fsync=False)
    refs = []
    for url, status, headers, body in cases:
        blob = response_blob(url, status, headers, body, DATE,
                             request_headers=[("User-Agent", "bot/1.0")])
        assert pickle.loads(pickle.dumps(blob)) == blob
        refs.append(writer.append(blob))
    (published,) = writer.close()
    assert published == root / "warc" / "run1-00001.warc.gz"
    assert all(ref.file == "warc/run1-00001.warc.gz" for ref in refs)

    read = list(iter_responses(published))
    assert len(read) == len(cases)
    for (url, status, headers, body), ref, response in zip(cases, refs, read, strict=True):
        for got in (response, read_response(root, ref)):
            assert got.url == url
            assert got.status == status
            assert got.headers == adjust_headers(headers, len(body))
            assert got.body == body
            assert got.fetched_at == DATE
            assert got.record_id == ref.record_id
            assert (got.file, got.offset, got.length) == (ref.file, ref.offset, ref.length)
    assert ("X-Latin", "café Ünïcödé") in read[0].headers
    assert ("X-Archive-Orig-Content-Encoding", "br") in read[0].headers
    assert ("Content-Length", str(len(cases[0][3]))) in read[0].headers


def test_output_passes_warcio_check_and_index(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "warc", "run", fsync=False)
    refs = [writer.append(blob_for(i, request=i % 2 == 0)) for i in range(6)]
    (path,) = writer.close()

    records = warcio_records(path)
    assert [r["type"] for r in records] == [
        "warcinfo", "response", "request", "response", "response", "request",
        "response", "response", "request", "response",
    ]
    responses = [r for r in records if r["type"] == "response"]
    assert [(r["offset"], r["length"], r["id"]) for r in responses] == [
        (ref.offset, ref.length, ref.record_id) for ref in refs
    ]

    check = warcio_cli("check", "-v", str(path))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == len(records)

    index = warcio_cli("index", "-f", "offset,length,warc-type,warc-record-id,http:status",
                       str(path))
    assert index.returncode == 0, index.stderr
    rows = [json.loads(line) for line in index.stdout.splitlines()]
    assert [(int(r["offset"]), int(r["length"]), r["warc-record-id"]) for r in rows
            if r["warc-type"] == "response"] == [
        (ref.offset, ref.length, ref.record_id) for ref in refs
    ]
    assert {r["http:status"] for r in rows if r["warc-type"] == "response"} == {"200"}


def test_standard_record_layout(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "warc", "run", fsync=False)
    ref = writer.append(blob_for(1))
    (path,) = writer.close()
    data = path.read_bytes()
    # Each record is its own gzip member: the referenced bytes alone decompress to it.
    member = gzip.decompress(data[ref.offset:ref.offset + ref.length])
    assert member.startswith(b"WARC/1.0\r\n")
    assert b"WARC-Type: response\r\n" in member
    assert f"WARC-Record-ID: {ref.record_id}\r\n".encode() in member
    assert f"WARC-Date: {DATE}\r\n".encode() in member
    assert b"WARC-Payload-Digest: sha1:" in member
    assert b"WARC-Block-Digest: sha1:" in member
    assert b"Content-Type: application/http; msgtype=response\r\n" in member
    assert member.endswith(b"\r\n\r\n")
    everything = gzip.decompress(data)
    assert everything.startswith(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")
    assert b"software: news-archiver/" in everything
    assert b"WARC-Filename: run-00001.warc.gz\r\n" in everything
    assert b"WARC-Type: request\r\n" in everything
    assert f"WARC-Concurrent-To: {ref.record_id}".encode() in everything
    assert b"GET /story/1?ref=rss HTTP/1.1\r\nHost: news.example.com\r\n" in everything


def test_record_ids_are_unique() -> None:
    ids = [blob_for(i, 10).record_id for i in range(200)]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("<urn:uuid:") and i.endswith(">") for i in ids)


def test_fetched_at_is_normalised_to_a_warc_date(tmp_path: Path) -> None:
    blob = response_blob("https://e.com/", 200, [], b"x", "2026-11-27T08:15:33.25+01:00")
    writer = WarcWriter(tmp_path / "warc", "run", fsync=False)
    ref = writer.append(blob)
    writer.close()
    assert read_response(tmp_path, ref).fetched_at == DATE


# --- writer: hidden files, rotation ----------------------------------------------------------


def test_in_progress_file_is_hidden_until_close(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    writer = WarcWriter(directory, "run", fsync=True)
    assert writer.close() == []
    assert not directory.exists() or list(directory.iterdir()) == []
    ref = writer.append(blob_for(1))
    assert glob.glob(str(directory / "*")) == []  # nothing visible to a reader
    (hidden,) = directory.iterdir()
    assert hidden.name == ".run-00001.warc.gz.inprogress"
    assert ref.file == "warc/run-00001.warc.gz"  # the final name
    assert writer.close() == [directory / "run-00001.warc.gz"]
    assert [p.name for p in directory.iterdir()] == ["run-00001.warc.gz"]
    assert writer.close() == [directory / "run-00001.warc.gz"]  # idempotent
    assert read_response(tmp_path, ref).url.endswith("/story/1?ref=rss")


def test_rotation_at_max_bytes(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    blobs = [blob_for(i, 400) for i in range(12)]
    max_bytes = 3 * len(blobs[0].data) + 500
    writer = WarcWriter(directory, "run", max_bytes=max_bytes, fsync=False)
    refs = [writer.append(blob) for blob in blobs]
    assert len(writer.files) >= 2  # rotated files are published right away
    assert all(path.exists() for path in writer.files)
    files = writer.close()
    assert files == sorted(directory.glob("*.warc.gz"))
    assert [p.name for p in files] == [f"run-{n:05d}.warc.gz" for n in range(1, len(files) + 1)]
    assert len(files) >= 4
    assert all(path.stat().st_size <= max_bytes for path in files)
    assert [ref.file for ref in refs] == sorted(ref.file for ref in refs)
    assert {ref.file for ref in refs} == {f"warc/{p.name}" for p in files}
    for path in files:
        records = warcio_records(path)
        assert records[0]["type"] == "warcinfo"  # every file starts with one
        assert sum(r["type"] == "warcinfo" for r in records) == 1
    for i, ref in enumerate(refs):
        assert read_response(tmp_path, ref).body == body_for(i, 400)
    assert [r.record_id for p in files for r in iter_responses(p)] == [b.record_id for b in blobs]


def test_oversized_blob_gets_a_file_of_its_own(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "warc", "run", max_bytes=2000, fsync=False)
    refs = [writer.append(blob_for(0, 100)), writer.append(blob_for(1, 5000)),
            writer.append(blob_for(2, 100))]
    files = writer.close()
    assert len(files) == 3
    assert [ref.file for ref in refs] == [f"warc/run-0000{n}.warc.gz" for n in (1, 2, 3)]


def test_new_writer_does_not_reuse_existing_numbers(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    first = WarcWriter(directory, "run", fsync=False)
    first.append(blob_for(0))
    first.close()
    leftover = directory / ".run-00002.warc.gz.inprogress"
    leftover.write_bytes(b"")
    second = WarcWriter(directory, "run", fsync=False)
    assert second.append(blob_for(1)).file == "warc/run-00003.warc.gz"
    second.close()


def test_custom_root(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "a" / "b", "run", root=tmp_path, fsync=False)
    ref = writer.append(blob_for(3))
    (path,) = writer.close()
    assert ref.file == "a/b/run-00001.warc.gz"
    assert next(iter_responses(path, root=tmp_path)).file == ref.file
    assert read_response(tmp_path, ref).body == body_for(3, 300)


def test_read_response_rejects_bad_references(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path / "warc", "run", fsync=False)
    ref = writer.append(blob_for(1))
    writer.close()
    bad = [
        WarcRef(ref.file, ref.offset, ref.length, "<urn:uuid:not-it>"),
        WarcRef(ref.file, ref.offset + 1, ref.length, ref.record_id),
        WarcRef(ref.file, 0, ref.offset, ref.record_id),  # the warcinfo record
        WarcRef(ref.file, ref.offset, 10**9, ref.record_id),
        WarcRef("../outside.warc.gz", 0, 10, ref.record_id),
    ]
    for wrong in bad:
        with pytest.raises(WarcError):
            read_response(tmp_path, wrong)


# --- crash safety ----------------------------------------------------------------------------


def write_inprogress(directory: Path, count: int) -> tuple[bytes, list[WarcRef], list[int]]:
    """An in-progress file with ``count`` captures: its bytes, the refs and every gzip
    member boundary (end offsets)."""
    writer = WarcWriter(directory, "crash", fsync=False)
    refs, ends = [], []
    for i in range(count):
        blob = blob_for(i, 200)
        ref = writer.append(blob)
        if not ends:
            ends.append(ref.offset)  # end of the warcinfo member
        refs.append(ref)
        ends += [ref.offset + ref.length, ref.offset - blob.response_offset + len(blob.data)]
    assert writer.current is not None
    data = writer.current.read_bytes()
    writer.close()
    (directory / "crash-00001.warc.gz").unlink()
    return data, refs, ends


def test_recovery_after_truncation_at_every_offset(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    data, refs, ends = write_inprogress(directory, 4)
    tmp = directory / ".crash-00001.warc.gz.inprogress"
    final = directory / "crash-00001.warc.gz"
    last_blob_start = ends[-3]
    cuts = sorted({*range(last_blob_start, len(data) + 1), *range(0, last_blob_start, 23),
                   *ends, *(end - 1 for end in ends), *(end + 1 for end in ends[:-1])})
    for n, cut in enumerate(cuts):
        tmp.write_bytes(data[:cut])
        kept = [ref for ref in refs if ref.offset + ref.length <= cut]
        recovered = recover_warcs(directory, fsync=False)
        assert not tmp.exists()
        if not kept:
            assert recovered == []
            assert list(directory.iterdir()) == []
            continue
        assert recovered == [final]
        assert final.stat().st_size == max(end for end in ends if end <= cut)
        responses = list(iter_responses(final))
        assert [r.record_id for r in responses] == [ref.record_id for ref in kept]
        assert [r.body for r in responses] == [body_for(i, 200) for i in range(len(kept))]
        assert read_response(tmp_path, kept[-1]).record_id == kept[-1].record_id
        if n % 25 == 0 or cut in ends:
            warcio_records(final)
        assert recover_warcs(directory, fsync=False) == []  # idempotent
        final.unlink()


def test_recovery_drops_garbage_and_empty_files(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    data, refs, _ = write_inprogress(directory, 2)
    # Zeros after the last record (as after a power loss), a torn file with only the
    # warcinfo record and an empty one.
    (directory / ".crash-00001.warc.gz.inprogress").write_bytes(data + b"\0" * 4096)
    (directory / ".crash-00002.warc.gz.inprogress").write_bytes(data[:refs[0].offset])
    (directory / ".crash-00003.warc.gz.inprogress").write_bytes(b"")
    (directory / "unrelated.txt").write_text("keep me")
    assert recover_warcs(directory, fsync=False) == [directory / "crash-00001.warc.gz"]
    assert (directory / "crash-00001.warc.gz").read_bytes() == data
    assert sorted(p.name for p in directory.iterdir()) == ["crash-00001.warc.gz",
                                                           "unrelated.txt"]
    assert recover_warcs(directory, fsync=False) == []
    assert recover_warcs(tmp_path / "missing") == []


def test_recovery_never_overwrites_a_published_file(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    data, _, _ = write_inprogress(directory, 1)
    (directory / "crash-00001.warc.gz").write_bytes(b"published")
    (directory / ".crash-00001.warc.gz.inprogress").write_bytes(data)
    assert recover_warcs(directory, fsync=False) == []
    assert (directory / "crash-00001.warc.gz").read_bytes() == b"published"


KILL_CHILD = textwrap.dedent("""
    import itertools, random, sys
    from pathlib import Path
    from archiver.archive.warc import WarcWriter, response_blob
    writer = WarcWriter(Path(sys.argv[1]), "kill", max_bytes=150_000, fsync=False)
    for i in itertools.count():
        body = random.Random(i).randbytes(1000 + (i * 7919) % 20000)
        blob = response_blob(f"https://e.com/{i}", 200, [("X-I", str(i))], body,
                             "2026-11-27T07:15:33Z", request_headers=[("User-Agent", "t")])
        ref = writer.append(blob)
        print(i, ref.file, ref.offset, ref.length, ref.record_id, flush=True)
""")


def test_real_kill_loses_no_acknowledged_record(tmp_path: Path) -> None:
    directory = tmp_path / "warc"
    child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(directory)],
                             stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert child.stdout is not None
    lines = []
    try:
        while len(lines) < 40:
            line = child.stdout.readline()
            assert line, "child exited early"
            lines.append(line)
        time.sleep(random.uniform(0, 0.02))
    finally:
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=10)
    # The kill may cut the child's last acknowledgement line short: only whole lines count.
    lines += [line for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    assert child.returncode == -signal.SIGKILL
    acknowledged = []
    for line in lines:
        i, file, offset, length, record_id = line.split()
        acknowledged.append((int(i), WarcRef(file, int(offset), int(length), record_id)))

    recover_warcs(directory)
    assert not [p for p in directory.iterdir() if p.name.endswith(".inprogress")]
    files = sorted(directory.glob("*.warc.gz"))
    assert len(files) >= 2  # rotation happened before the kill
    seen = []
    for path in files:
        warcio_records(path)
        for response in iter_responses(path):
            i = int(dict(response.headers)["X-I"])
            assert response.body == random.Random(i).randbytes(1000 + (i * 7919) % 20000)
            seen.append(i)
    assert seen == list(range(len(seen)))
    assert len(seen) >= len(acknowledged)
    for i, ref in acknowledged:
        assert int(dict(read_response(tmp_path, ref).headers)["X-I"]) == i


FULL_DISK_CHILD = textwrap.dedent("""
    import os, random, resource, signal, sys
    from pathlib import Path
    from archiver.archive.warc import WarcWriter, response_blob
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    def blob(i, size):
        return response_blob(f"https://e.com/{i}", 200, [], random.Random(i).randbytes(size),
                             "2026-11-27T07:15:33Z")
    writer = WarcWriter(Path(sys.argv[1]), "full", fsync=False)
    writer.append(blob(0, 500))
    size = os.path.getsize(writer.current)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 3000, hard))
    try:
        writer.append(blob(1, 10_000))
    except OSError as exc:
        print("failed", exc.errno, os.path.getsize(writer.current) == size)
    writer.append(blob(2, 500))
    print(len(writer.close()))
""")


def test_failed_write_is_cut_back(tmp_path: Path) -> None:
    """A write that fails half-way (file size limit, like ENOSPC) leaves no partial
    record: the file is cut back and later appends and the file stay valid."""
    directory = tmp_path / "warc"
    result = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD, str(directory)],
                            capture_output=True, text=True, timeout=60, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    failed, published = result.stdout.splitlines()
    assert failed.split()[0] == "failed"
    assert failed.split()[2] == "True"
    assert published == "1"
    (path,) = directory.glob("*.warc.gz")
    warcio_records(path)
    assert [r.url for r in iter_responses(path)] == ["https://e.com/0", "https://e.com/2"]
    assert os.listdir(directory) == ["full-00001.warc.gz"]
