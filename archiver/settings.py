"""Scrapy settings for the archiver: every default in one place.

Archiver settings are prefixed ``ARCHIVER_``. Every value can be overridden on the command
line with ``-s NAME=VALUE`` (``archiver crawl`` and ``scrapy crawl`` alike). The defaults
are polite for real sites; local tests switch politeness off with
``-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False``.
"""

from __future__ import annotations

BOT_NAME = "archiver"
SPIDER_MODULES = ["archiver.spiders"]
NEWSPIDER_MODULE = "archiver.spiders"

# --- Politeness ---------------------------------------------------------------------------
USER_AGENT = "tech-news-archiver/0.1 (+https://github.com/tech-news-archiver; archiving bot)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- Limits -------------------------------------------------------------------------------
# Scrapy's own depth counts every hop (sitemap index -> sitemap -> page): a safety net
# only. How far links are followed is ARCHIVER_DEPTH, which counts HTML link hops.
DEPTH_LIMIT = 16
# Breadth-first: home and section pages before the long tail.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 10

# --- Engine -------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "archiver.logformatter.ArchiverLogFormatter"
# Scrapy starts this many asyncio tasks per response to consume the callback's output; a
# page yields one record and a few links, and the pipelines are synchronous, so 100 (the
# default) only costs CPU on the reactor thread.
CONCURRENT_ITEMS = 8

DOWNLOADER_MIDDLEWARES = {
    # Before OffsiteMiddleware (50) and robots.txt (100): refused hosts are never contacted.
    "archiver.middlewares.ssrf.SsrfGuardMiddleware": 40,
    "archiver.middlewares.budget.PageBudgetMiddleware": 45,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "archiver.middlewares.retry_after.RetryAfterMiddleware": 550,
    # After RedirectMiddleware (600) in order, so it sees 3xx responses first.
    "archiver.middlewares.redirect_loop.RedirectLoopMiddleware": 610,
}
TWISTED_DNS_RESOLVER = "archiver.middlewares.ssrf.GuardedResolver"

ITEM_PIPELINES = {
    "pipelines.validate.ValidationPipeline": 100,
    "pipelines.dedup.DedupPipeline": 200,
    "pipelines.jsonl.JsonlWriterPipeline": 300,
}

EXTENSIONS = {
    "archiver.summary.RunSummary": 500,
    "archiver.progress.ProgressLine": 510,
}

# --- Archiver -----------------------------------------------------------------------------
# Archive root: JSONL parts go to <root>/articles/, run summaries to <root>/runs/.
ARCHIVER_OUTPUT_DIR = "output"
# Stop after this many archived articles (0: no limit).
ARCHIVER_MAX_ARTICLES = 0
# Records with fewer body words are dropped as too_short.
ARCHIVER_MIN_WORDS = 25
# Rotate to a new part file after this many records.
ARCHIVER_PART_MAX_RECORDS = 5000
# fsync each part file when it is completed (durability against power loss).
ARCHIVER_FSYNC = True
# Follow links at most this many hops from a start page (0: fetch only the start pages
# and the entries of start feeds and sitemaps).
ARCHIVER_DEPTH = 3
# Follow links found on pages listed in feeds and sitemaps. Off: a feed or sitemap is an
# explicit list; following every entry's links would re-crawl the whole site each run.
ARCHIVER_FOLLOW_FROM_LISTED = False
# Follow links found on article pages too (not only on index pages).
ARCHIVER_FOLLOW_FROM_ARTICLES = True
# At most this many links taken from one page (bounds link-bomb pages).
ARCHIVER_MAX_LINKS_PER_PAGE = 1000
# At most this many URLs taken from one sitemap or feed.
ARCHIVER_MAX_SITEMAP_URLS = 50000
# Never fetch more than this many pages from one site (registered domain) in a run;
# bounds calendar and pagination traps (0: no limit).
ARCHIVER_MAX_PAGES_PER_SITE = 50000
# Ceiling for Retry-After waits on 429/503 responses, in seconds.
ARCHIVER_RETRY_AFTER_MAX = 60
# Fetch private, loopback and link-local addresses of hosts other than the start URLs'
# (off: SSRF guard; switch on for intranets).
ARCHIVER_ALLOW_PRIVATE_ADDRESSES = False
# Worker processes for parsing and extraction (-1: one per core; 0: in the crawler's
# own thread, for debugging).
ARCHIVER_WORKERS = -1
# A page whose processing takes longer is abandoned (its worker is replaced).
ARCHIVER_WORKER_TIMEOUT = 30
# Address-space cap per worker, in MiB: a pathological page fails alone.
ARCHIVER_WORKER_MEMORY_MB = 2048
# Pages queued for the workers at most (0: 4 per worker); beyond it downloads wait.
ARCHIVER_WORKER_MAX_PENDING = 0
# Show a live progress line when stderr is a terminal.
ARCHIVER_PROGRESS = True
# Run id (default: UTC timestamp + random suffix, chosen at start).
ARCHIVER_RUN_ID = ""
