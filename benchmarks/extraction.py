"""Extraction benchmark: the project's extractor vs bare trafilatura on the DEV split.

    .venv/bin/python benchmarks/extraction.py [--split DIR] [--datasets ...] [--limit N]
                                              [--json OUT] [--out-dir DIR]

Runs the shared scorer (``<repo>/../shared/benchmarks/tools/score.py``) twice in the same
process-free way (one subprocess each, same machine, same moment), prints both tables and the
ratio of median ms/page. Exits 0 with a message when the shared benchmark is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "benchmarks"
CALLABLE = "archiver.extract:extract_article"


def run_scorer(split: Path, extractor: str, out: Path, extra: list[str]) -> dict:
    """Run score.py for one extractor; print its table; return its JSON result."""
    cmd = [sys.executable, str(SHARED / "tools" / "score.py"), str(split),
           "--extractor", extractor, "--out", str(out), *extra]
    if extractor == "project":
        cmd += ["--callable", CALLABLE, "--project-root", str(REPO), "--name", "archiver"]
    subprocess.run(cmd, check=True, cwd=REPO)
    return json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", type=Path, default=SHARED / "dev")
    ap.add_argument("--datasets", nargs="+")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path, help="write both results (metrics, timing) here")
    ap.add_argument("--out-dir", type=Path, help="keep the per-case score.py outputs here")
    args = ap.parse_args(argv)
    if not (args.split / "cases.jsonl").is_file():
        print(f"benchmark split not found at {args.split}; skipping")
        return 0
    extra: list[str] = []
    if args.datasets:
        extra += ["--datasets", *args.datasets]
    if args.limit:
        extra += ["--limit", str(args.limit)]
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.out_dir or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        ours = run_scorer(args.split, "project", out_dir / "archiver.json", extra)
        base = run_scorer(args.split, "trafilatura", out_dir / "trafilatura.json", extra)
    ratio = ours["timing"]["median_ms"] / base["timing"]["median_ms"]
    print(f"\nmedian ms/page: archiver {ours['timing']['median_ms']:.1f}, "
          f"trafilatura {base['timing']['median_ms']:.1f}, ratio {ratio:.2f}x")
    if args.json:
        summary = {name: {"metrics": res["metrics"], "timing": res["timing"],
                          "version": res["version"], "date": res["date"]}
                   for name, res in (("archiver", ours), ("trafilatura", base))}
        summary["median_ratio"] = ratio
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
