"""Crawl throughput vs a bare single-process trafilatura loop, in one run on one machine.

    .venv/bin/python benchmarks/throughput.py [--pages 3000] [--repeat 3] [--rss-check]
                                              [--dev DIR] [--links base|keep] [--json OUT]

1. Serves a static loopback site of N real pages (the DEV benchmark pages repeated, each
   copy made unique; see ``benchmarks/corpus_site.py``) from a separate process, listed in
   one ``/sitemap.xml``, and measures the server alone (concurrent keep-alive fetches).
2. Crawls it end to end like the acceptance check (``scrapy crawl news -a
   start_urls=.../sitemap.xml`` with politeness off and 32 concurrent requests) in a
   subprocess from the repo root: wall clock, CPU of the whole process tree (psutil,
   sampled every 0.2 s, split into the Scrapy process, its helpers and the page workers),
   peak RSS (tree sum and largest process), and the CPU other programs used meanwhile.
3. Times ``trafilatura.bare_extraction(html, url=url, with_metadata=True)`` over the same
   N pages in one process; crawl pages/s over bare pages/s is the headline ratio.
4. Per-page cost over the DEV pages, interleaved page by page: ``extract_article`` and
   ``process_page`` vs ``bare_extraction`` (median ms, ratio).
5. ``--rss-check``: crawls of 2,000 and 20,000 pages, peak RSS of each and the ratio.

Crawls and bare loops alternate ``--repeat`` times; the table shows medians. Exits 0
with a message when the DEV pages are absent. Needs psutil.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "benchmarks" / "dev"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_site import CorpusSite, copy_marker, load_templates  # noqa: E402

from archiver.analysis.load import iter_records  # noqa: E402

BUDGET_DEFAULT = 20000  # ARCHIVER_MAX_PAGES_PER_SITE's default
SAMPLE_S = 0.2


# --- machine ------------------------------------------------------------------------------

def machine_facts() -> dict[str, Any]:
    cpu_model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    versions = {}
    for name in ("scrapy", "twisted", "trafilatura", "lxml", "pebble", "psutil", "htmldate",
                 "justext", "courlan"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0)),
        "cpu_model": cpu_model,
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


def busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (all cores, all processes)."""
    import psutil

    t = psutil.cpu_times()
    return sum(getattr(t, f, 0.0) for f in ("user", "nice", "system", "irq", "softirq",
                                             "steal"))


def others_busy(seconds: float = 3.0) -> float:
    """Cores the rest of the machine keeps busy right now (this process excluded)."""
    busy0, own0 = busy_seconds(), time.process_time()
    time.sleep(seconds)
    return max(0.0, (busy_seconds() - busy0 - (time.process_time() - own0)) / seconds)


def wait_for_quiet(max_busy: float, max_wait: float) -> dict[str, Any]:
    """Wait (at most *max_wait* s) until other programs use under *max_busy* cores; other
    engineers benchmark on the same machine. Returns what was seen."""
    start = time.monotonic()
    busy = others_busy()
    while busy > max_busy and time.monotonic() - start < max_wait:
        time.sleep(2)
        busy = others_busy()
    return {"others_cores": round(busy, 2), "waited_s": round(time.monotonic() - start, 1),
            "load": [round(x, 2) for x in os.getloadavg()]}


# --- server -------------------------------------------------------------------------------

def _serve(site: CorpusSite, conn: Any) -> None:
    server = site.serve()
    conn.send(server.server_address[1])
    conn.recv()  # blocks until the parent says stop (or dies)
    server.shutdown()


def start_server(site: CorpusSite) -> tuple[multiprocessing.Process, Any]:
    """Serve *site* from a forked process (own GIL, own CPU accounting)."""
    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.get_context("fork").Process(target=_serve, args=(site, child),
                                                       daemon=True)
    proc.start()
    port = parent.recv()
    site.base = f"http://127.0.0.1:{port}"
    return proc, parent


def server_alone(site: CorpusSite, server_pid: int, requests: int, clients: int,
                 seconds: float) -> dict[str, Any]:
    """Fetch pages with *clients* keep-alive connections (bounded by count and time)."""
    import psutil

    host, port = site.base.removeprefix("http://").split(":")
    counter = iter(range(requests))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    sizes: list[int] = []

    def client() -> None:
        conn = HTTPConnection(host, int(port), timeout=30)
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            conn.request("GET", site.path(index % site.pages))
            resp = conn.getresponse()
            body = resp.read()
            with lock:
                sizes.append(len(body))
        conn.close()

    server = psutil.Process(server_pid)
    cpu0 = sum(server.cpu_times()[:2])
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    wall = time.perf_counter() - start
    cpu = sum(server.cpu_times()[:2]) - cpu0
    return {"requests": len(sizes), "clients": clients, "wall_s": round(wall, 2),
            "pages_per_s": round(len(sizes) / wall, 1),
            "mib_per_s": round(sum(sizes) / wall / 2**20, 1),
            "server_cpu_s": round(cpu, 2),
            "server_pages_per_cpu_s": round(len(sizes) / cpu, 1) if cpu else None,
            "mean_page_kib": round(statistics.mean(sizes) / 1024, 1) if sizes else 0}


# --- crawl --------------------------------------------------------------------------------

# Copies of one DEV page are near-duplicates of each other, so an as-is crawl writes only
# about one copy in six. A site of distinct pages (as in the acceptance check) writes every
# article: the write-all crawls emulate that by raising the near-duplicate threshold out of
# reach, so every copy pays for its record, its WARC record and its state-store rows.
WRITE_ALL = ["-s", "ARCHIVER_DEDUP_THRESHOLD=2"]


def crawl_command(base: str, out: str, pages: int, extra: list[str] | None = None
                  ) -> list[str]:
    scrapy = Path(sys.executable).parent / "scrapy"
    cmd = [str(scrapy)] if scrapy.exists() else [sys.executable, "-m", "scrapy"]
    cmd += ["crawl", "news", "-a", f"start_urls={base}/sitemap.xml",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
            "-s", f"ARCHIVER_OUTPUT_DIR={out}"]  # default LOG_LEVEL (INFO), as in the check
    if pages + 2 >= BUDGET_DEFAULT:  # sitemap + robots.txt count against the site budget
        cmd += ["-s", "ARCHIVER_MAX_PAGES_PER_SITE=0"]
    return cmd + (extra or [])


class TreeSampler(threading.Thread):
    """Sample CPU times and RSS of a process tree every SAMPLE_S seconds."""

    def __init__(self, pid: int, server_pid: int) -> None:
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.server = psutil.Process(server_pid)
        self.stop = threading.Event()
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, user+sys seen last)
        self.peak_tree_rss = 0
        self.peak_single_rss = 0
        self.peak_single_role = ""
        self.peak_procs = 0
        self.server_cpu0 = sum(self.server.cpu_times()[:2])
        self.server_cpu = 0.0

    def role(self, proc: Any) -> str:
        if proc.pid == self.root.pid:
            return "scrapy"
        return "helper" if proc.ppid() == self.root.pid else "worker"

    def sample(self) -> None:
        ps = self.psutil
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except ps.Error:
            return
        total = 0
        for proc in procs:
            try:
                with proc.oneshot():
                    times = proc.cpu_times()
                    rss = proc.memory_info().rss
                    role = self.cpu.get(proc.pid, (None, 0))[0] or self.role(proc)
            except ps.Error:
                continue
            self.cpu[proc.pid] = (role, times.user + times.system)
            total += rss
            if rss > self.peak_single_rss:
                self.peak_single_rss, self.peak_single_role = rss, role
        self.peak_tree_rss = max(self.peak_tree_rss, total)
        self.peak_procs = max(self.peak_procs, len(procs))
        with contextlib.suppress(ps.Error):
            self.server_cpu = sum(self.server.cpu_times()[:2]) - self.server_cpu0

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_S):
            self.sample()

    def split(self) -> dict[str, float]:
        out: dict[str, float] = {"scrapy": 0.0, "helper": 0.0, "worker": 0.0}
        for role, cpu in self.cpu.values():
            out[role] += cpu
        return out


def run_crawl(site: CorpusSite, server_pid: int, label: str,
              before: dict[str, Any], extra: list[str] | None = None) -> dict[str, Any]:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        out = Path(tmp) / "archive"
        cmd = crawl_command(site.base, str(out), site.pages, extra)
        log = Path(tmp) / "crawl.log"
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0 = busy_seconds()
        start = time.perf_counter()
        with log.open("wb") as sink:
            proc = subprocess.Popen(cmd, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT)
            sampler = TreeSampler(proc.pid, server_pid)
            sampler.sample()
            sampler.start()
            code = proc.wait()
            wall = time.perf_counter() - start
            sampler.stop.set()
            sampler.join()
        busy = busy_seconds() - busy0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if code != 0:
            tail = log.read_text(errors="replace")[-3000:]
            raise SystemExit(f"crawl {label} failed (exit {code}):\n{tail}")
        runs = sorted((out / "runs").glob("*.json"))
        summary = json.loads(runs[-1].read_text(encoding="utf-8")) if runs else {}
        records = marked = 0
        if (out / "articles").is_dir():
            for record in iter_records(out, latest=False):
                records += 1
                marked += "Benchmark copy " in record.get("body", "")
        warnings = sum(1 for line in log.read_text(errors="replace").splitlines()
                       if " WARNING" in line or " ERROR" in line)
    split = sampler.split()
    cpu_tree = sum(split.values())
    cpu_rusage = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    articles = int(summary.get("pages", {}).get("article", 0))
    others = max(0.0, busy - max(cpu_tree, cpu_rusage) - sampler.server_cpu)
    return {
        "label": label,
        "pages": site.pages,
        "command": shlex.join(cmd).replace(str(out), "<tmp>/archive"),
        "wall_s": round(wall, 2),
        "article_pages": articles,
        "articles_written": summary.get("articles_written"),
        "records_in_files": records,
        "records_with_marker": marked,
        "article_pages_per_s": round(articles / wall, 2),
        "responses_per_s": round(int(summary.get("responses", 0)) / wall, 2),
        "cpu_s_tree": round(cpu_tree, 1),
        "cpu_s_rusage_children": round(cpu_rusage, 1),
        "cpu_s_split": {k: round(v, 1) for k, v in split.items()},
        "cpu_utilisation": round(max(cpu_tree, cpu_rusage) / (wall * cores), 3),
        "scrapy_process_core_share": round(split["scrapy"] / wall, 3),
        "workers_core_share": round(split["worker"] / wall, 3),
        "server_cpu_s": round(sampler.server_cpu, 1),
        "other_programs_cores": round(others / wall, 2),
        "peak_rss_tree_mib": round(sampler.peak_tree_rss / 2**20, 1),
        "peak_rss_single_mib": round(sampler.peak_single_rss / 2**20, 1),
        "peak_rss_single_role": sampler.peak_single_role,
        "processes_max": sampler.peak_procs,
        "before": before,
        "log_warnings": warnings,
        "summary": {k: summary.get(k) for k in ("articles_written", "pages", "dropped",
                                                  "error_reasons", "skipped", "limits_hit",
                                                  "requests", "responses",
                                                  "response_status")},
    }


# --- bare trafilatura ---------------------------------------------------------------------

def run_bare(site: CorpusSite, label: str, before: dict[str, Any]) -> dict[str, Any]:
    from trafilatura import bare_extraction

    busy0 = busy_seconds()
    cpu0 = time.process_time()
    marked = empty = 0
    start = time.perf_counter()
    for index in range(site.pages):
        result = bare_extraction(site.text(index), url=site.url(index), with_metadata=True)
        text = (getattr(result, "text", None) or "") if result is not None else ""
        if not text:
            empty += 1
        elif copy_marker(index).strip() in text:
            marked += 1
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    others = max(0.0, busy_seconds() - busy0 - cpu)
    return {"label": label, "pages": site.pages, "wall_s": round(wall, 2),
            "pages_per_s": round(site.pages / wall, 2), "cpu_s": round(cpu, 1),
            "with_text": site.pages - empty, "with_marker": marked,
            "other_programs_cores": round(others / wall, 2), "before": before}


# --- per-page cost ------------------------------------------------------------------------

def per_page_cost(site: CorpusSite, before: dict[str, Any]) -> dict[str, Any]:
    """Median ms/page over the DEV pages as they are, the three functions interleaved
    page by page (rotating their order) so machine noise hits all three alike."""
    import gc

    from trafilatura import bare_extraction

    from archiver.extract import extract_article
    from archiver.extract.urls import site_of
    from archiver.pages import process_page

    pages = [(tpl.url, tpl.raw.decode(tpl.encoding, errors="replace"))
             for tpl in site.templates]

    funcs = {
        "bare_extraction": lambda h, u: bare_extraction(h, url=u, with_metadata=True),
        "extract_article": lambda h, u: extract_article(h, u),
        "process_page": lambda h, u: process_page(h, u, frozenset([site_of(u)])),
    }
    names = list(funcs)
    for url, text in pages[:3]:  # warm-up: imports, caches
        for name in names:
            funcs[name](text, url)
    times: dict[str, list[float]] = {name: [] for name in names}
    busy0 = busy_seconds()
    cpu0 = time.process_time()
    start = time.perf_counter()
    for i, (url, text) in enumerate(pages):
        order = names[i % 3:] + names[:i % 3]
        for name in order:
            gc.collect()
            t0 = time.perf_counter()
            funcs[name](text, url)
            times[name].append((time.perf_counter() - t0) * 1000)
    wall = time.perf_counter() - start
    others = max(0.0, busy_seconds() - busy0 - (time.process_time() - cpu0))
    med = {name: statistics.median(v) for name, v in times.items()}
    mean = {name: statistics.mean(v) for name, v in times.items()}
    paired = {name: statistics.median(a / b for a, b in zip(times[name],
                                                             times["bare_extraction"],
                                                             strict=True))
              for name in ("extract_article", "process_page")}
    return {
        "pages": len(pages),
        "median_ms": {k: round(v, 2) for k, v in med.items()},
        "mean_ms": {k: round(v, 2) for k, v in mean.items()},
        "ratio_of_medians": {k: round(med[k] / med["bare_extraction"], 3)
                             for k in ("extract_article", "process_page")},
        "ratio_of_means": {k: round(mean[k] / mean["bare_extraction"], 3)
                           for k in ("extract_article", "process_page")},
        "median_paired_ratio": {k: round(v, 3) for k, v in paired.items()},
        "before": before,
        "other_programs_cores": round(others / wall, 2),
    }


# --- report -------------------------------------------------------------------------------

def med(rows: list[dict[str, Any]], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def headline(result: dict[str, Any], crawls: str = "crawls") -> dict[str, Any]:
    """Medians over the repeats, and the ratio projected to idle cores: other engineers'
    benchmarks share this machine, so each run also gets CPU-seconds per page, which
    contention changes much less than wall-clock rates."""
    c, b = result[crawls], result["bare"]
    cores = result["machine"]["cores"]
    crawl_rate, bare_rate = med(c, "article_pages_per_s"), med(b, "pages_per_s")
    crawl_ms = statistics.median(x["cpu_s_tree"] * 1000 / x["article_pages"] for x in c)
    bare_ms = statistics.median(x["cpu_s"] * 1000 / x["pages"] for x in b)
    return {
        "crawl_pages_per_s": round(crawl_rate, 2),
        "bare_pages_per_s": round(bare_rate, 2),
        "ratio": round(crawl_rate / bare_rate, 2),
        "ratios_per_repeat": [round(x["article_pages_per_s"] / y["pages_per_s"], 2)
                              for x, y in zip(c, b, strict=True)],
        "cpu_utilisation": med(c, "cpu_utilisation"),
        "scrapy_process_cores": med(c, "scrapy_process_core_share"),
        "workers_cores": med(c, "workers_core_share"),
        "others_cores_crawl": med(c, "other_programs_cores"),
        "others_cores_bare": med(b, "other_programs_cores"),
        "crawl_cpu_ms_per_article": round(crawl_ms, 1),
        "bare_cpu_ms_per_page": round(bare_ms, 1),
        "projected_ratio_idle_cores": round(cores * bare_ms / crawl_ms, 2),
        "peak_rss_tree_mib": med(c, "peak_rss_tree_mib"),
        "peak_rss_single_mib": med(c, "peak_rss_single_mib"),
    }


def report(result: dict[str, Any]) -> str:
    lines = []
    srv = result["server_alone"]
    lines.append(f"Server alone: {srv['pages_per_s']:.0f} pages/s ({srv['mib_per_s']} MiB/s, "
                 f"{srv['clients']} keep-alive clients in one Python process, "
                 f"{srv['requests']} requests; server {srv['server_pages_per_cpu_s']} "
                 f"pages per CPU-second)")
    lines.append("")
    crawls = (result.get("crawls", []) + result.get("crawls_write_all", [])
              + result.get("rss_crawls", []))
    bares = result.get("bare", [])
    if crawls:
        lines += ["| run | pages | wall s | article pages/s | CPU util | scrapy proc "
                  "(cores) | workers (cores) | peak RSS tree MiB | peak RSS single MiB | "
                  "written | CPU ms/article | others (cores) |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for c in crawls:
            lines.append(f"| {c['label']} | {c['pages']} | {c['wall_s']} | "
                         f"{c['article_pages_per_s']} | {c['cpu_utilisation']:.0%} | "
                         f"{c['scrapy_process_core_share']} | {c['workers_core_share']} | "
                         f"{c['peak_rss_tree_mib']} | {c['peak_rss_single_mib']} "
                         f"({c['peak_rss_single_role']}) | {c['articles_written']}/"
                         f"{c['article_pages']} | "
                         f"{c['cpu_s_tree'] * 1000 / c['article_pages']:.1f} | "
                         f"{c['other_programs_cores']} |")
        lines.append("")
    if bares:
        lines += ["| bare run | pages | wall s | pages/s | marker in text | CPU ms/page | "
                  "others (cores) |",
                  "|---|---|---|---|---|---|---|"]
        for b in bares:
            lines.append(f"| {b['label']} | {b['pages']} | {b['wall_s']} | "
                         f"{b['pages_per_s']} | {b['with_marker']}/{b['with_text']} | "
                         f"{b['cpu_s'] * 1000 / b['pages']:.1f} | {b['other_programs_cores']} |")
        lines.append("")
    head = result.get("headline")
    lines += ["| measure | value | target |", "|---|---|---|"]
    if head:
        lines += [
                  f"| crawl article pages/s | {head['crawl_pages_per_s']} | |",
                  f"| bare trafilatura pages/s (1 process) | {head['bare_pages_per_s']} | |",
                  f"| crawl / bare | **{head['ratio']}×** (per repeat: "
                  f"{', '.join(f'{x}×' for x in head['ratios_per_repeat'])}) | "
                  "≥ 1.6× (limit 2×) |",
                  f"| other programs' load during crawl / bare (cores) | "
                  f"{head['others_cores_crawl']} / {head['others_cores_bare']} | |",
                  f"| CPU ms per page: crawl tree per article page / bare | "
                  f"{head['crawl_cpu_ms_per_article']} / {head['bare_cpu_ms_per_page']} | |",
                  f"| crawl / bare projected to idle cores ({result['machine']['cores']} × "
                  f"bare ms / crawl ms) | {head['projected_ratio_idle_cores']}× | |",
                  f"| CPU utilisation (tree, {result['machine']['cores']} cores) | "
                  f"{head['cpu_utilisation']:.0%} | |",
                  f"| Scrapy process CPU (cores) | {head['scrapy_process_cores']} | |",
                  f"| workers CPU (cores) | {head['workers_cores']} | |",
                  f"| peak RSS, tree sum / largest process (MiB) | "
                  f"{head['peak_rss_tree_mib']} / {head['peak_rss_single_mib']} | |"]
    every = result.get("headline_write_all")
    if every:
        lines += [f"| write-all crawls ({' '.join(WRITE_ALL)}): article pages/s | "
                  f"{every['crawl_pages_per_s']} | |",
                  f"| write-all crawl / bare | **{every['ratio']}×** (per repeat: "
                  f"{', '.join(f'{x}×' for x in every['ratios_per_repeat'])}) | ≥ 1.6× |",
                  f"| write-all CPU ms per article / bare; projected to idle cores | "
                  f"{every['crawl_cpu_ms_per_article']} / {every['bare_cpu_ms_per_page']}; "
                  f"{every['projected_ratio_idle_cores']}× | |",
                  f"| write-all CPU utilisation; Scrapy process (cores) | "
                  f"{every['cpu_utilisation']:.0%}; {every['scrapy_process_cores']} | |"]
    cost = result.get("per_page")
    if cost:
        m, r = cost["median_ms"], cost["ratio_of_medians"]
        lines += [f"| per-page ms (median, {cost['pages']} DEV pages): bare / "
                  f"extract_article / process_page | {m['bare_extraction']} / "
                  f"{m['extract_article']} / {m['process_page']} | |",
                  f"| extract_article / bare (ratio of medians; paired median; means) | "
                  f"**{r['extract_article']}×**; {cost['median_paired_ratio']['extract_article']}×;"
                  f" {cost['ratio_of_means']['extract_article']}× | ≤ 1.2× |",
                  f"| process_page / bare (ratio of medians; paired median; means) | "
                  f"{r['process_page']}×; {cost['median_paired_ratio']['process_page']}×; "
                  f"{cost['ratio_of_means']['process_page']}× | |"]
    rss = result.get("rss_check")
    if rss:
        lines += [f"| peak RSS tree, 2,000 / 20,000 pages (MiB) | {rss['small_mib']} / "
                  f"{rss['large_mib']} (**{rss['ratio']}×**) | ≤ 1.3× |",
                  f"| largest process, 2,000 / 20,000 pages (MiB) | {rss['small_single_mib']} / "
                  f"{rss['large_single_mib']} ({rss['single_ratio']}×) | |"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV, help="DEV split (cases.jsonl + html/)")
    ap.add_argument("--pages", type=int, default=3000, help="pages on the site (default 3000)")
    ap.add_argument("--repeat", type=int, default=3, help="crawl + bare runs, alternating")
    ap.add_argument("--rss-check", action="store_true",
                    help="also crawl 2,000 and 20,000 pages and compare peak RSS")
    ap.add_argument("--rss-pages", type=int, nargs=2, default=[2000, 20000],
                    metavar=("SMALL", "LARGE"))
    ap.add_argument("--no-per-page", action="store_true", help="skip the per-page cost step")
    ap.add_argument("--write-all", action="store_true",
                    help="each repeat also crawls with every copy written (as on a site of "
                         "distinct pages): " + " ".join(WRITE_ALL))
    ap.add_argument("--links", choices=("base", "keep"), default="keep",
                    help="keep: pages served as they are, as in the acceptance check "
                         "(default); base: relative links resolve to the original site")
    ap.add_argument("--max-busy", type=float, default=0.3,
                    help="before each timed step, wait until other programs use fewer cores")
    ap.add_argument("--max-wait", type=float, default=90.0,
                    help="at most this many seconds per step (then go on; the load is noted)")
    ap.add_argument("--json", type=Path, help="write every number here")
    ap.add_argument("--from-json", type=Path, help="print the tables of a saved --json run")
    args = ap.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        if saved.get("crawls") and saved.get("bare"):
            saved["headline"] = headline(saved)
        if saved.get("crawls_write_all") and saved.get("bare"):
            saved["headline_write_all"] = headline(saved, "crawls_write_all")
        print(report(saved))
        return 0
    if not (args.dev / "cases.jsonl").is_file():
        print(f"DEV benchmark pages not found at {args.dev}: skipped")
        return 0
    try:
        import psutil  # noqa: F401
    except ImportError:
        print("psutil is needed (pip install psutil): skipped")
        return 0

    started = dt.datetime.now(dt.UTC)
    result: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"),
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "machine": machine_facts(),
        "settings": {"pages": args.pages, "repeat": args.repeat, "links": args.links,
                     "write_all": args.write_all,
                     "dev": str(args.dev)},
    }
    from archiver.extract import extract_article

    print("placing the copy markers (one extraction per DEV page)...", flush=True)
    templates = load_templates(args.dev, links=args.links,
                               body_of=lambda html, url: extract_article(html, url).body)
    result["templates"] = {"pages": len(templates),
                           "marker_in_article_text": sum(t.located for t in templates)}
    def quiet() -> dict[str, Any]:
        return wait_for_quiet(args.max_busy, args.max_wait)

    result["load_at_start"] = quiet()
    print(f"{len(templates)} DEV pages; load {result['load_at_start']}", flush=True)

    site = CorpusSite(templates, args.pages)
    proc, conn = start_server(site)
    try:
        result["server_alone"] = server_alone(site, proc.pid, requests=min(args.pages, 3000),
                                              clients=32, seconds=20)
        print(f"server alone: {result['server_alone']}", flush=True)
        result["crawls"], result["bare"] = [], []
        for rep in range(1, args.repeat + 1):
            crawl = run_crawl(site, proc.pid, f"crawl {rep}", quiet())
            print(json.dumps({k: v for k, v in crawl.items() if k != "summary"}), flush=True)
            result["crawls"].append(crawl)
            if args.write_all:
                crawl = run_crawl(site, proc.pid, f"write-all {rep}", quiet(), WRITE_ALL)
                print(json.dumps({k: v for k, v in crawl.items() if k != "summary"}),
                      flush=True)
                result.setdefault("crawls_write_all", []).append(crawl)
            bare = run_bare(site, f"bare {rep}", quiet())
            print(json.dumps(bare), flush=True)
            result["bare"].append(bare)
        if args.repeat:
            result["headline"] = headline(result)
            if args.write_all:
                result["headline_write_all"] = headline(result, "crawls_write_all")
        if not args.no_per_page:
            result["per_page"] = per_page_cost(site, quiet())
            print(f"per page: {result['per_page']}", flush=True)
        if args.rss_check:
            checks = []
            for pages in args.rss_pages:
                site.pages = pages
                site._sitemap = site.sitemap()
                conn.send("stop")
                proc.join(10)
                proc, conn = start_server(site)
                crawl = run_crawl(site, proc.pid, f"rss {pages}", quiet())
                print(json.dumps({k: v for k, v in crawl.items() if k != "summary"}), flush=True)
                checks.append(crawl)
            small, large = checks
            result["rss_crawls"] = checks
            result["rss_check"] = {
                "small_pages": small["pages"], "large_pages": large["pages"],
                "small_mib": small["peak_rss_tree_mib"], "large_mib": large["peak_rss_tree_mib"],
                "ratio": round(large["peak_rss_tree_mib"] / small["peak_rss_tree_mib"], 3),
                "small_single_mib": small["peak_rss_single_mib"],
                "large_single_mib": large["peak_rss_single_mib"],
                "single_ratio": round(large["peak_rss_single_mib"]
                                      / small["peak_rss_single_mib"], 3),
            }
    finally:
        with contextlib.suppress(OSError):
            conn.send("stop")
        proc.join(10)
        if proc.is_alive():
            proc.terminate()
    result["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["duration_s"] = round((dt.datetime.now(dt.UTC) - started).total_seconds())
    print()
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
