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

# Scrapy's detector of spiders copying response.meta wholesale (a development aid) costs
# the reactor thread a pass over every callback's output.
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}

DOWNLOADER_MIDDLEWARES = {
    # Before OffsiteMiddleware (50) and robots.txt (100): refused hosts are never contacted.
    "archiver.middlewares.ssrf.SsrfGuardMiddleware": 40,
    "archiver.middlewares.budget.PageBudgetMiddleware": 45,
    # robots.txt answering 5xx: the site is disallowed (RFC 9309), not crawled freely.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "archiver.middlewares.robots.ServerErrorRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "archiver.middlewares.retry_after.RetryAfterMiddleware": 550,
    # Conditional requests; skips known-unchanged articles (needs the archive session).
    "archiver.middlewares.incremental.IncrementalMiddleware": 560,
    # After RedirectMiddleware (600) in order, so it sees 3xx responses first.
    "archiver.middlewares.redirect_loop.RedirectLoopMiddleware": 610,
    # The same meta-refresh redirects without decoding every page in the Scrapy process.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "archiver.middlewares.meta_refresh.CheapMetaRefreshMiddleware": 580,
    # The same decompression, refusing a gzip stream that was cut short.
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "archiver.middlewares.compression.CheckedHttpCompressionMiddleware": 590,
}
TWISTED_DNS_RESOLVER = "archiver.middlewares.ssrf.GuardedResolver"

# Switches the crawl to scrapy-redis when ARCHIVER_REDIS_URL is set.
ADDONS = {"archiver.scaleout.ScaleOut": 0}

ITEM_PIPELINES = {
    "pipelines.validate.ValidationPipeline": 100,
    "pipelines.dedup.DedupPipeline": 200,
    "pipelines.warc.WarcPipeline": 250,
    "pipelines.jsonl.JsonlWriterPipeline": 300,
}

EXTENSIONS = {
    "archiver.summary.RunSummary": 500,
    "archiver.progress.ProgressLine": 510,
}

# --- Archiver -----------------------------------------------------------------------------
# Archive root: records go to <root>/articles/site=<site>/date=<day>/, raw responses to
# <root>/warc/, run manifests to <root>/runs/, the dedup state to <root>/state.sqlite.
ARCHIVER_OUTPUT_DIR = "output"
# Gzip the part files (.jsonl.gz); off: plain .jsonl.
ARCHIVER_GZIP = True
# Publish a part after this many compressed bytes (it also rotates by record count).
ARCHIVER_PART_MAX_BYTES = 64 * 1024 * 1024
# Partitions written at once; the least recently used part is published beyond this
# (each open part holds an open file and about 40 KiB of compressor state).
ARCHIVER_MAX_OPEN_PARTS = 512
# Near-duplicate threshold: a new article whose body sketch is at least this similar to an
# archived article's is a copy of it (measured in docs/neardup.md).
ARCHIVER_DEDUP_THRESHOLD = 0.6
# Keep every archived article's raw HTTP response in WARC files (<root>/warc/).
ARCHIVER_WARC = True
# Start a new WARC file after this many bytes.
ARCHIVER_WARC_MAX_BYTES = 1024 * 1024 * 1024
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
# A worker is replaced by a fresh fork of the warmed fork server after this many pages,
# so no slow growth of caches can accumulate; each replacement costs about 0.5 s of CPU
# (caches refilled), so not too often.
ARCHIVER_WORKER_MAX_TASKS = 5000
# Show a live progress line when stderr is a terminal.
ARCHIVER_PROGRESS = True
# `archiver crawl` exits with code 6 (too many errors) when more than this fraction of the
# requests failed (errors / requests; 0: never).
ARCHIVER_MAX_ERROR_RATIO = 0.5
# Incremental re-runs: conditional requests (ETag/Last-Modified) for known URLs, and known
# articles not requested again when a sitemap lastmod or feed update time says they did not
# change since their last fetch, or (with no such date) when they were fetched less than
# ARCHIVER_REFETCH_AFTER hours ago (0: always check them, conditionally).
ARCHIVER_INCREMENTAL = True
ARCHIVER_REFETCH_AFTER = 0
# Scale-out (archiver.scaleout): with a Redis URL, the request queue, the seen-request filter
# and the dedup state are shared by every crawl process using it (scrapy-redis), under the
# key prefix; processes may share one archive root. Empty: one process, state.sqlite.
ARCHIVER_REDIS_URL = ""
ARCHIVER_REDIS_PREFIX = "archiver:news"
# Keep the scheduler state in <root>/jobs/<job>/ (Scrapy's JOBDIR) so that an interrupted
# crawl continues where it stopped (`archiver crawl --resume`).
ARCHIVER_RESUME = False
# Run id (default: UTC timestamp + random suffix, chosen at start).
ARCHIVER_RUN_ID = ""
