"""Peak memory of crawls over the fault server (issue 5: must stay under 500 MB).

Runs ``archiver crawl`` over the ``/size/`` (oversized bodies, gzip/deflate bombs) and
``/heavy/`` (10 MB text node, 10,000 nested tags, 100,000 links) groups of
``tests/faultserver.py`` and samples the resident memory of the whole process tree (the
crawler, the forkserver and the extraction workers) with psutil every 50 ms. The tree sum
counts pages shared between forked processes more than once: an upper bound.

    python benchmarks/fault_rss.py [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.faultserver import FaultServer  # noqa: E402
from tests.reliability.conftest import crawl_args  # noqa: E402

CASES = {
    "/size/": {"DOWNLOAD_MAXSIZE": "1000000"},
    "/heavy/": {"ARCHIVER_MAX_LINKS_PER_PAGE": "50"},
}


def measure(server: FaultServer, group: str, settings: dict[str, str]) -> dict[str, float]:
    """Run one crawl, return its exit code, seconds and peak RSS (tree sum, largest)."""
    work = Path(tempfile.mkdtemp())
    args = crawl_args(server, work / "out", work / "crawl.log", [group], settings, ())
    started = time.monotonic()
    crawl = subprocess.Popen([sys.executable, "-m", "archiver.cli", *args], cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(crawl.pid)
    tree = largest = 0
    while crawl.poll() is None:
        try:
            rss = [p.memory_info().rss for p in (root, *root.children(recursive=True))]
        except psutil.Error:
            continue
        tree, largest = max(tree, sum(rss)), max(largest, max(rss))
        time.sleep(0.05)
    return {"exit": crawl.returncode, "seconds": round(time.monotonic() - started, 1),
            "peak_tree_mib": round(tree / 2**20), "peak_largest_mib": round(largest / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results here")
    options = parser.parse_args()
    with FaultServer() as server:
        results = {group: measure(server, group, settings) for group, settings in CASES.items()}
    print(f"{'crawl':10} {'exit':>4} {'s':>6} {'peak tree MiB':>14} {'largest MiB':>12}")
    for group, row in results.items():
        print(f"{group:10} {row['exit']:>4} {row['seconds']:>6} {row['peak_tree_mib']:>14} "
              f"{row['peak_largest_mib']:>12}")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
