"""Dedup state store benchmark: bytes per article and lookups per second of
:class:`archiver.archive.state.SqliteStateStore` holding N synthetic articles.

    .venv/bin/python benchmarks/dedup_store.py [--articles 1000000] [--dir DIR] [--keep]
                                               [--json OUT] [--repeats 5] [--ops 5000]

1. **Load**: N synthetic articles (one v1 record each) registered with the store's own
   ``add_record`` / ``add_alias`` in large transactions (the loader connection gets a big
   page cache; a B-tree's shape depends on the order of the inserts, not on where the
   commits fall, so the file is the one small per-article commits would build).
   Canonical URLs ``https://siteNN.example/news/YYYY/MM/DD/<slug>-<i>`` (~85 chars) over
   50 sites, random-like content and version hashes, a WARC capture id per record; 10 % of
   the articles also have a URL alias (``?utm_source=rss``), 1 % a ``duplicate_content``
   and 1 % a ``near_duplicate`` alias.
2. **Sketches**: the first ``--real-sketches`` articles get real MinHash sketches of short
   synthetic texts (Zipf-distributed pseudo-words; ~0.3 ms each, too slow for 1M). The
   rest get random sketches of the same format (FORMAT_VERSION byte + 64 little-endian
   uint16), whose LSH keys are computed by ``neardup.lsh_keys`` as usual. Purely random
   sketches never share a band key, which would make ``near_candidates`` look free; so
   each band's 32 bits are drawn from a pool sized to reproduce the spurious-candidate
   rate measured on real bodies in docs/neardup.md (``--spurious-rate``, 5e-5 per pair of
   unrelated articles: ~50 candidates per new article at 1M, ~5 at 100k). ``0`` gives
   uniformly random keys.
3. **Size**: ``state.sqlite`` after a WAL checkpoint (TRUNCATE), per article, per table and
   index (``dbstat``), and the size of a ``VACUUM INTO`` copy (pages packed full).
4. **Lookups** on a fresh store handle (default settings), file read once so it sits in
   the OS cache ("warm"), one warm-up pass, then ``--repeats`` timed passes over
   ``--ops`` random inputs; medians. Every lookup is a real store method.
5. **Admit paths**, each repeat a fresh :class:`ArchiveSession` on the same store (no lock,
   no WARC, no fsync of part files; sketches precomputed as the extraction worker does):

   * ``new``: ``admit`` + ``write`` of an unseen article (known, alias x2,
     article_for_content, lsh_keys + near_candidates + similarity, then lsh_keys again,
     add_record + commit, plus the session's JSON part line);
   * ``unchanged``: ``admit`` of an archived article with the same title and body
     (known + touch + commit);
   * the same two sequences as bare store calls (keys precomputed), i.e. the store's share.

Timings are wall clock on whatever machine runs this; see docs/benchmarks.md for the
conditions of the recorded runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from archiver.archive import neardup  # noqa: E402
from archiver.archive.session import ArchiveSession, SessionConfig, version_hash  # noqa: E402
from archiver.archive.state import (  # noqa: E402
    DUPLICATE_CONTENT,
    NEAR_DUPLICATE,
    STATE_FILE,
    URL_ALIAS,
    Alias,
    Entry,
    SqliteStateStore,
    Validators,
)
from archiver.extract.urls import article_id  # noqa: E402
from archiver.items import Article  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SITES = 50
PER_DAY = 1000  # synthetic articles per day (over all sites)
PER_RUN = 500  # synthetic articles per crawl run
BASE_DAY = date(2024, 1, 1)
SLUG_WORDS = [
    "chip", "phone", "laptop", "cloud", "server", "network", "browser", "update", "security",
    "patch", "model", "battery", "screen", "camera", "vendor", "market", "price", "release",
    "developer", "kernel", "storage", "memory", "driver", "privacy", "data", "cable",
    "router", "satellite", "robot", "startup", "display", "keyboard", "software", "hardware",
    "launches", "unveils", "delays", "recalls", "acquires", "fixes", "leaks", "tests",
]
_M64 = (1 << 64) - 1


# --- synthetic articles -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Synthetic:
    """Everything the store keeps of synthetic article *i* (deterministic in *i*)."""

    i: int
    site: str
    canonical_url: str
    url: str
    id: str
    day: str
    fetched_at: str
    title: str
    content_hash: str
    run_id: str


def synthetic(i: int) -> Synthetic:
    k = i % SITES
    day = BASE_DAY + timedelta(days=i // PER_DAY)
    h = (i * 0x9E3779B97F4A7C15) & _M64
    slug = "-".join(SLUG_WORDS[(h >> (6 * j)) % len(SLUG_WORDS)] for j in range(5))
    site = f"site{k:02d}.example"
    canonical = f"https://{site}/news/{day:%Y/%m/%d}/{slug}-{i}"
    hour = (i % PER_DAY) * 24 // PER_DAY
    run = i // PER_RUN
    return Synthetic(
        i=i, site=site, canonical_url=canonical,
        url=canonical + "?utm_source=rss" if i % 10 == 0 else canonical,
        id=article_id(canonical), day=day.isoformat(),
        fetched_at=f"{day.isoformat()}T{hour:02d}:{i % 60:02d}:00Z",
        title=f"{slug.replace('-', ' ').capitalize()} ({i})",
        content_hash=hashlib.sha256(b"content %d" % i).hexdigest(),
        run_id=f"{day:%Y%m%d}T{hour:02d}0000Z-{run & 0xFFFF:04x}",
    )


def _splitmix(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def random_sketches(rng: np.random.Generator, count: int, pool: int) -> list[bytes]:
    """*count* sketches in the real format. With ``pool > 0`` each band's two values (32
    bits) are one of *pool* values per band, so two sketches share a given band with
    probability 1/pool."""
    nb, rows = neardup._DEFAULT.bands
    if pool <= 0:
        values = rng.integers(0, 1 << 16, size=(count, neardup.NUM_PERM), dtype=np.uint16)
    else:
        pick = rng.integers(0, pool, size=(count, nb), dtype=np.uint64)
        band = np.arange(nb, dtype=np.uint64)
        mixed = _splitmix(pick * np.uint64(nb) + band) & np.uint64(0xFFFFFFFF)
        values = np.empty((count, nb * rows), dtype=np.uint16)
        values[:, 0::2] = (mixed & np.uint64(0xFFFF)).astype(np.uint16)
        values[:, 1::2] = (mixed >> np.uint64(16)).astype(np.uint16)
        if nb * rows < neardup.NUM_PERM:  # values outside any band: random
            extra = rng.integers(0, 1 << 16, size=(count, neardup.NUM_PERM - nb * rows),
                                 dtype=np.uint16)
            values = np.concatenate([values, extra], axis=1)
    head = bytes([neardup.FORMAT_VERSION])
    raw = values.astype("<u2")
    return [head + row.tobytes() for row in raw]


_VOCAB: list[str] = []


def synthetic_text(seed: int, words: int = 400) -> str:
    """Pseudo-prose: Zipf-distributed words from a 20,000-word pseudo-vocabulary."""
    if not _VOCAB:
        syl = ["ka", "ro", "mi", "te", "su", "na", "lo", "pe", "di", "ba", "ve", "zu", "ho",
               "ri", "ga", "fe", "ny", "to", "che", "la"]
        vocab_rng = np.random.default_rng(7)
        seen: set[str] = set()
        while len(_VOCAB) < 20_000:
            w = "".join(syl[j] for j in vocab_rng.integers(0, len(syl),
                                                            vocab_rng.integers(1, 5)))
            if w not in seen:
                seen.add(w)
                _VOCAB.append(w)
    rng = np.random.default_rng(1_000_003 + seed)
    idx = np.minimum(rng.zipf(1.25, words), len(_VOCAB)) - 1
    return " ".join(_VOCAB[j] for j in idx)


def entry_of(s: Synthetic, sketch: bytes) -> Entry:
    record_id = f"{s.id}-v1"
    return Entry(
        article_id=s.id, canonical_url=s.canonical_url, site=s.site, day=s.day, version=1,
        record_id=record_id, content_hash=s.content_hash,
        version_hash=version_hash(s.title, s.content_hash), fingerprint=sketch,
        lsh_keys=tuple(neardup.lsh_keys(sketch)), run_id=s.run_id,
        file=f"articles/site={s.site}/date={s.day}/part-{s.run_id}-00001.jsonl.gz",
        seen_at=s.fetched_at,
        capture=f"<urn:uuid:{uuid.UUID(bytes=hashlib.md5(record_id.encode()).digest())}>",
    )


def validators_of(s: Synthetic) -> Validators:
    etag = f'W/"{s.content_hash[:16]}"' if s.i % 2 else None
    modified = f"{s.day} 08:00:00 GMT" if s.i % 3 else None  # format does not matter here
    try:
        return Validators(etag, modified, fetched_at=s.fetched_at)  # type: ignore[call-arg]
    except TypeError:  # the store version without fetch times
        return Validators(etag, modified)


def article_of(s: Synthetic, sketch: bytes, body: str) -> Article:
    return Article(
        id=s.id, url=s.url, canonical_url=s.canonical_url, site=s.site,
        fetched_at=s.fetched_at, title=s.title, body=body, word_count=len(body.split()),
        content_hash=s.content_hash, published=s.fetched_at, fingerprint=sketch,
    )


def sketches_for(indices: Sequence[int], real: int, pool: int, seed: int) -> list[bytes]:
    """The sketches of articles *indices* (consecutive); the first *real* ones from text."""
    out: list[bytes] = []
    rand = [i for i in indices if i >= real]
    rng = np.random.default_rng(seed)
    bulk = iter(random_sketches(rng, len(rand), pool)) if rand else iter(())
    for i in indices:
        out.append(neardup.fingerprint(synthetic_text(i)) if i < real else next(bulk))
    return out


# --- load -----------------------------------------------------------------------------------


def load(path: Path, n: int, *, batch: int, real: int, pool: int, cache_mib: int,
         chunk: int = 10_000) -> dict[str, Any]:
    store = SqliteStateStore(path)
    store.db.execute(f"PRAGMA cache_size=-{cache_mib * 1024}")
    incremental = hasattr(store, "mark_article")
    start = time.perf_counter()
    since_commit = 0
    last_report = start
    for lo in range(0, n, chunk):
        idx = range(lo, min(n, lo + chunk))
        sketches = sketches_for(idx, real, pool, seed=lo)
        for i, sketch in zip(idx, sketches, strict=True):
            s = synthetic(i)
            store.add_record(entry_of(s, sketch))
            if s.url != s.canonical_url:
                store.add_alias(Alias(s.url, s.id, URL_ALIAS), s.fetched_at)
            if incremental:  # what the incremental middleware and the session record
                store.set_validators(s.url, validators_of(s))
                store.mark_article(s.url, s.id, s.fetched_at)
            if i % 100 == 1:
                store.add_alias(Alias(f"https://mirror{i % 7}.example/story/{i}", s.id,
                                      DUPLICATE_CONTENT, 1.0), s.fetched_at)
            elif i % 100 == 2:
                store.add_alias(Alias(f"https://wire{i % 5}.example/{s.day}/{i}", s.id,
                                      NEAR_DUPLICATE, 0.83), s.fetched_at)
        since_commit += len(idx)
        if since_commit >= batch:
            store.commit()
            since_commit = 0
        now = time.perf_counter()
        if now - last_report > 30:
            last_report = now
            done = lo + len(idx)
            print(f"  loaded {done:,} / {n:,} ({done / (now - start):,.0f} articles/s)",
                  flush=True)
    store.commit()
    loaded = time.perf_counter() - start
    t = time.perf_counter()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint = time.perf_counter() - t
    store.close()
    return {"load_s": round(loaded, 1), "checkpoint_s": round(checkpoint, 1),
            "articles_per_s": round(n / loaded)}


def sizes(path: Path, n: int, vacuum: bool) -> dict[str, Any]:
    files = {p.name: p.stat().st_size for p in path.parent.glob(STATE_FILE + "*")}
    total = sum(files.values())
    out: dict[str, Any] = {"files": files, "bytes": total, "bytes_per_article": total / n}
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT name, count(*), sum(pgsize), sum(payload), sum(unused) FROM dbstat "
            "GROUP BY name ORDER BY sum(pgsize) DESC").fetchall()
        out["objects"] = [
            {"name": name, "pages": pages, "bytes": size, "payload": payload,
             "unused": unused, "bytes_per_article": size / n, "fill": payload / size}
            for name, pages, size, payload, unused in rows]
    except sqlite3.Error as exc:
        out["objects"] = f"dbstat unavailable: {exc}"
    out["counts"] = {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "records", "content", "lsh", "aliases", "validators")}
    if vacuum:
        packed = path.parent / "vacuum-copy.sqlite"
        t = time.perf_counter()
        db.execute("VACUUM INTO ?", (str(packed),))
        out["vacuum_s"] = round(time.perf_counter() - t, 1)
        out["vacuum_bytes"] = packed.stat().st_size
        out["vacuum_bytes_per_article"] = packed.stat().st_size / n
        packed.unlink()
    db.close()
    return out


# --- measurements ---------------------------------------------------------------------------


def timed(fn: Callable[[Any], Any], inputs: Sequence[Any], repeats: int) -> dict[str, float]:
    for x in inputs:  # warm-up
        fn(x)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for x in inputs:
            fn(x)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    return {"per_s": len(inputs) / med, "us": med / len(inputs) * 1e6,
            "us_min": min(times) / len(inputs) * 1e6, "us_max": max(times) / len(inputs) * 1e6}


def warm(path: Path) -> None:
    with path.open("rb") as f:
        while f.read(1 << 24):
            pass


def lookups(store: SqliteStateStore, n: int, args: argparse.Namespace) -> list[dict[str, Any]]:
    rng = np.random.default_rng(42)
    ops = args.ops
    hit_i = sorted(set(rng.integers(0, n, ops).tolist()), key=lambda _: rng.random())
    hits = [synthetic(int(i)) for i in hit_i]
    miss = [synthetic(n + 10_000_000 + j) for j in range(ops)]
    alias_hits = [synthetic(int(i)) for i in rng.integers(0, max(1, n // 10), ops) * 10]
    alias_hits = [s for s in alias_hits if s.i < n]
    real_hits = [int(i) for i in rng.integers(0, min(n, args.real_sketches), ops)] \
        if args.real_sketches else []
    results = []

    def row(name: str, fn: Callable[[Any], Any], inputs: Sequence[Any], note: str = "") -> None:
        r = timed(fn, inputs, args.repeats)
        r.update(op=name, n=len(inputs), note=note)
        results.append(r)
        print(f"  {name:<44} {r['us']:8.1f} us  {r['per_s']:10,.0f}/s  {note}", flush=True)

    def check(fn: Callable[[Any], Any], inputs: Sequence[Any]) -> float:
        return sum(fn(x) is not None for x in inputs) / len(inputs)

    row("known() hit", store.known, [s.id for s in hits],
        f"hit rate {check(store.known, [s.id for s in hits[:200]]):.0%}")
    row("known() miss", store.known, [s.id for s in miss])
    row("alias() hit (url alias)", store.alias, [s.url for s in alias_hits],
        f"hit rate {check(store.alias, [s.url for s in alias_hits[:200]]):.0%}")
    row("alias() miss", store.alias, [s.canonical_url for s in miss])
    if hasattr(store, "mark_article"):
        row("validators() hit", store.validators, [s.url for s in hits],
            f"hit rate {check(store.validators, [s.url for s in hits[:200]]):.0%}")
        row("validators() miss", store.validators, [s.url for s in miss])

        def fetched(s: Synthetic) -> None:  # IncrementalMiddleware.process_response, 200
            store.set_validators(s.url, validators_of(s))
            store.commit()

        row("set_validators() + commit (per 200 response)", fetched, hits)
    row("article_for_content() hit", store.article_for_content,
        [s.content_hash for s in hits])
    row("article_for_content() miss", store.article_for_content,
        [s.content_hash for s in miss])

    # near_candidates with the keys of archived articles (bulk and text-sketched) and of new
    # ones (random-format sketches from the same key pool, and sketches of new texts).
    def keys_of(indices: Sequence[int]) -> list[list[int]]:
        rows = [store.db.execute("SELECT fingerprint FROM articles WHERE id = ?",
                                 (synthetic(i).id,)).fetchone()[0] for i in indices]
        return [neardup.lsh_keys(bytes(f)) for f in rows]

    def count(keys: Sequence[list[int]]) -> str:
        sizes_ = [len(store.near_candidates(k)) for k in keys[:500]]
        return f"candidates mean {statistics.mean(sizes_):.2f}, max {max(sizes_)}"

    bulk_old = keys_of([s.i for s in hits if s.i >= args.real_sketches][:ops])
    new_sk = random_sketches(np.random.default_rng(99), ops, args.pool)
    new_keys = [neardup.lsh_keys(f) for f in new_sk]
    if bulk_old:
        row("near_candidates() archived article", store.near_candidates, bulk_old,
            count(bulk_old))
    row("near_candidates() new article", store.near_candidates, new_keys, count(new_keys))
    if real_hits:
        real_old = keys_of(real_hits[: min(ops, 1000)])
        row("near_candidates() archived, text sketch", store.near_candidates, real_old,
            count(real_old))
        real_new = [neardup.lsh_keys(neardup.fingerprint(synthetic_text(50_000_000 + j)))
                    for j in range(min(ops, 1000))]
        row("near_candidates() new, text sketch", store.near_candidates, real_new,
            count(real_new))

    def near_check(keys: list[int]) -> None:
        sketch = new_sk[0]
        for _, other in store.near_candidates(keys):
            neardup.similarity(sketch, other)

    row("near_candidates() + similarity, new", near_check, new_keys)
    return results


def admit_paths(store: SqliteStateStore, n: int, args: argparse.Namespace,
                work: Path) -> list[dict[str, Any]]:
    """Full admit paths through ArchiveSession and as bare store call sequences."""
    per = args.admit
    body = synthetic_text(123, 250)
    config = SessionConfig(fsync=False, warc=False, lock=False)
    rng = np.random.default_rng(7)
    unchanged_pool = rng.permutation(n)[: per * (args.repeats + 1) * 2].tolist()
    new_next = n
    results = []
    store_close = store.close
    mark = hasattr(store, "mark_article")
    store.close = store.commit  # type: ignore[method-assign]  # sessions must not close it

    def session_pass(kind: str, rep: int) -> tuple[float, dict[str, int]]:
        nonlocal new_next
        if kind == "new":
            idx = list(range(new_next, new_next + per))
            new_next += per
            sketches = random_sketches(np.random.default_rng(1000 + rep), per, args.pool)
        else:
            idx = unchanged_pool[:per]
            del unchanged_pool[:per]
            sketches = [b""] * per  # not needed: known + same version hash
        articles = [article_of(synthetic(i), sk, body) for i, sk in zip(idx, sketches,
                                                                          strict=True)]
        session = ArchiveSession(work / "session", f"bench-{kind}-{rep}",
                                 dataclasses.replace(config), store=store)
        session.open()
        t = time.perf_counter()
        for a in articles:
            if session.admit(a).write:
                session.write(a)
        elapsed = time.perf_counter() - t
        session.close()
        outcome = dict(session.counts.dropped, written=session.counts.written,
                       parts=len(session.files))
        return elapsed, outcome

    def store_pass(kind: str, rep: int) -> tuple[float, dict[str, int]]:
        nonlocal new_next
        if kind == "new":
            idx = list(range(new_next, new_next + per))
            new_next += per
            sketches = random_sketches(np.random.default_rng(2000 + rep), per, args.pool)
            entries = [entry_of(synthetic(i), sk) for i, sk in zip(idx, sketches,
                                                                    strict=True)]
            t = time.perf_counter()
            for e, sk in zip(entries, sketches, strict=True):
                store.known(e.article_id)
                store.alias(e.canonical_url)
                store.alias(e.canonical_url + "?utm_source=rss")
                store.article_for_content(e.content_hash)
                for _, other in store.near_candidates(e.lsh_keys):
                    neardup.similarity(sk, other)
                store.add_record(e)
                if mark:
                    store.mark_article(e.canonical_url, e.article_id, e.seen_at)
                store.commit()
            return time.perf_counter() - t, {"written": per}
        idx = unchanged_pool[:per]
        del unchanged_pool[:per]
        items = [(s.id, s.fetched_at, s.url) for s in map(synthetic, idx)]
        t = time.perf_counter()
        for aid, seen, url in items:
            store.known(aid)
            store.touch(aid, seen)
            if mark:
                store.mark_article(url, aid, seen)
            store.commit()
        return time.perf_counter() - t, {"unchanged": per}

    for label, fn, kind in (
        ("admit+write NEW (ArchiveSession)", session_pass, "new"),
        ("admit UNCHANGED (ArchiveSession)", session_pass, "unchanged"),
        ("NEW, store calls only", store_pass, "new"),
        ("UNCHANGED, store calls only", store_pass, "unchanged"),
    ):
        fn(kind, -1)  # warm-up
        runs = [fn(kind, rep) for rep in range(args.repeats)]
        times = [elapsed for elapsed, _ in runs]
        med = statistics.median(times)
        r = {"op": label, "n": per, "per_s": per / med, "us": med / per * 1e6,
             "us_min": min(times) / per * 1e6, "us_max": max(times) / per * 1e6,
             "note": f"outcome {runs[0][1]}"}
        results.append(r)
        print(f"  {label:<44} {r['us']:8.1f} us  {r['per_s']:10,.0f}/s  {r['note']}",
              flush=True)
    store.close = store_close  # type: ignore[method-assign]
    return results


# --- main -----------------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    lines = ["| operation | median µs/op | ops/s | min–max µs | note |",
             "|---|---|---|---|---|"]
    for r in result["lookups"] + result["admit"]:
        lines.append(f"| {r['op']} | {r['us']:.1f} | {r['per_s']:,.0f} | "
                     f"{r['us_min']:.1f}–{r['us_max']:.1f} | {r['note']} |")
    return "\n".join(lines)


def size_table(size: dict[str, Any]) -> str:
    if not isinstance(size.get("objects"), list):
        return str(size.get("objects"))
    lines = ["| table / index | MiB | bytes/article | fill |", "|---|---|---|---|"]
    for o in size["objects"]:
        lines.append(f"| {o['name']} | {o['bytes'] / 2**20:,.1f} | "
                     f"{o['bytes_per_article']:,.1f} | {o['fill']:.0%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, help="build the store here (default: a temp dir)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temp dir afterwards (a --dir is always kept)")
    ap.add_argument("--reuse", action="store_true",
                    help="use the store already in --dir (built with the same --articles)")
    ap.add_argument("--batch", type=int, default=250_000, help="articles per load commit")
    ap.add_argument("--cache-mib", type=int, default=3072, help="loader page cache")
    ap.add_argument("--real-sketches", type=int, default=10_000)
    ap.add_argument("--spurious-rate", type=float, default=5e-5,
                    help="P(two unrelated articles share an LSH key); 0: uniform keys")
    ap.add_argument("--ops", type=int, default=5000, help="inputs per lookup pass")
    ap.add_argument("--admit", type=int, default=1000, help="articles per admit pass")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-vacuum", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    nb = neardup._DEFAULT.bands[0]
    args.pool = round(nb / args.spurious_rate) if args.spurious_rate > 0 else 0
    n = args.articles

    tmp = None
    if args.dir is None:
        tmp = tempfile.mkdtemp(prefix="dedup-store-")
        work = Path(tmp)
    else:
        work = args.dir
        work.mkdir(parents=True, exist_ok=True)
    path = work / STATE_FILE
    code = {name: hashlib.sha256((REPO / "archiver" / "archive" / name).read_bytes())
            .hexdigest()[:12] for name in ("state.py", "session.py")}
    print(f"measuring state.py/session.py as they are now: {code}")
    result: dict[str, Any] = {"articles": n, "sqlite": sqlite3.sqlite_version, "code": code,
                              "spurious_rate": args.spurious_rate, "key_pool": args.pool,
                              "real_sketches": min(n, args.real_sketches),
                              "repeats": args.repeats}
    try:
        if not args.reuse:
            for p in work.glob(STATE_FILE + "*"):
                p.unlink()
            shutil.rmtree(work / "session", ignore_errors=True)
            print(f"loading {n:,} synthetic articles into {path} ...", flush=True)
            result["load"] = load(path, n, batch=args.batch, real=args.real_sketches,
                                  pool=args.pool, cache_mib=args.cache_mib)
            print(f"  {result['load']}", flush=True)
        size = sizes(path, n, not args.no_vacuum)
        result["size"] = size
        print(f"state.sqlite: {size['bytes']:,} bytes = {size['bytes_per_article']:,.0f} "
              f"bytes/article; VACUUM INTO copy: "
              f"{size.get('vacuum_bytes_per_article', float('nan')):,.0f} bytes/article")
        print(f"rows: {size['counts']}")
        print(size_table(size), flush=True)

        warm(path)
        store = SqliteStateStore(path)
        try:
            print("lookups (warm cache):", flush=True)
            result["lookups"] = lookups(store, n, args)
            print("admit paths:", flush=True)
            result["admit"] = admit_paths(store, n, args, work)
        finally:
            store.close()
        print()
        print(table(result))
        if args.json:
            args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    finally:
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
