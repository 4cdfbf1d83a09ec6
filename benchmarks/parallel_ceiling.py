"""How close to 2x can two processes get on this machine? Bare trafilatura, 1 vs 2 at once.

    .venv/bin/python benchmarks/parallel_ceiling.py [--pairs 2] [--json OUT]

Runs one loop of ``trafilatura.bare_extraction(with_metadata=True)`` over the DEV pages,
then two identical loops at the same time (forked processes), ``--pairs`` times. Each loop
times its own CPU per page. Prints CPU ms/page alone and side by side, and the wall-clock
speed-up of two loops over one: the ceiling for the crawl / bare ratio of
``benchmarks/throughput.py`` on this machine. Exits 0 with a message when the DEV pages
are absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "dev"


def load_pages(dev: Path) -> list[tuple[str, str]]:
    """(url, decoded html) of every DEV case."""
    pages = []
    for line in (dev / "cases.jsonl").open(encoding="utf-8"):
        case = json.loads(line)
        raw = gzip.decompress((dev / case["html_file"]).read_bytes())
        pages.append((case["url"], raw.decode(case.get("encoding") or "utf-8", "replace")))
    return pages


def bare_loop(dev: Path, queue: Any) -> None:
    """Extract every page once (after a 20-page warm-up); report CPU ms per page."""
    from trafilatura import bare_extraction

    pages = load_pages(dev)
    for url, html in pages[:20]:
        bare_extraction(html, url=url, with_metadata=True)
    started = time.process_time()
    for url, html in pages:
        bare_extraction(html, url=url, with_metadata=True)
    queue.put((time.process_time() - started) * 1000 / len(pages))


def run(dev: Path, processes: int) -> dict[str, Any]:
    """Run *processes* loops at once; their CPU ms/page and the wall time."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=bare_loop, args=(dev, queue)) for _ in range(processes)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = time.monotonic() - started
    return {"processes": processes, "wall_s": round(wall, 2),
            "cpu_ms_per_page": [round(queue.get(), 1) for _ in workers]}


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--pairs", type=int, default=2, help="one-then-two rounds (default 2)")
    ap.add_argument("--json", type=Path, help="write the rows here")
    args = ap.parse_args(argv)
    if not (args.dev / "cases.jsonl").is_file():
        print(f"DEV benchmark pages not found at {args.dev}: skipped")
        return 0
    rows = []
    print("| round | CPU ms/page, alone | CPU ms/page, two at once | speed-up of two over one |")
    print("|---|---|---|---|")
    for round_no in range(1, args.pairs + 1):
        alone, both = run(args.dev, 1), run(args.dev, 2)
        speedup = 2 * alone["wall_s"] / both["wall_s"]
        rows.append({"alone": alone, "both": both, "speedup": round(speedup, 2)})
        print(f"| {round_no} | {alone['cpu_ms_per_page'][0]} | "
              f"{' / '.join(map(str, both['cpu_ms_per_page']))} | {speedup:.2f}× |",
              flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
