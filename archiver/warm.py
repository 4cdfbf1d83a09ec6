"""Warm-up of the page workers' one-time costs, run once in the worker pool's fork server.

The first page of a fresh process pays for lazy set-up: dateparser builds its locale
tables (about 2 s of CPU the first time htmldate's last-resort search reaches it), and
trafilatura, htmldate and our extractors compile patterns and fill caches. Workers fork
from the fork server, so doing that work there once means no worker, not even one
replaced after ``max_tasks`` pages or after a crash, pays it again.

Importing this module runs :func:`warm` (the fork server can only import modules);
:mod:`archiver.workers` lists it in the fork server's preload.
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)

# A page with no date metadata and a relative date in its text (htmldate's extensive
# search hands that to dateparser), a byline, a figure with a credit and a feed link.
_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Warm-up page | Example</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a></nav></header>
<article><h1>How the warm-up page was written</h1>
<p class="byline">By Ada Lovelace and Charles Babbage, Senior Editors</p>
<p class="date">Posted 3 days ago</p>
<figure><img src="/a.jpg" alt=""><figcaption>A machine. (Image credit: Example/Agency)
</figcaption></figure>
<p>This paragraph is long enough to be taken for article text by the extractor, which
needs a few sentences of prose before it trusts that the page is an article at all.</p>
<p>A second paragraph follows, with more words in it, so that the text extraction, the
byline search, the image credits and the date search all run once on this page.</p>
<p>Finally a third paragraph closes the article, mentioning nothing in particular and
ending, like every warm-up, before anyone has noticed it began.</p></article>
<footer><p>Copyright Example</p></footer></body></html>"""


def warm() -> None:
    """Run one extraction and one dateparser call, then freeze the warmed objects so the
    forked workers' garbage collector never walks (and copies) them."""
    try:
        from archiver.pages import process_page

        process_page(_PAGE.encode(), "https://www.example.com/news/warm-up",
                     frozenset({"example.com"}))
        from htmldate.extractors import external_date_parser

        external_date_parser("Posted 3 days ago by the desk", "%Y-%m-%d")
    except Exception:  # a warm-up must never stop the workers from starting
        logger.debug("worker warm-up failed", exc_info=True)
    gc.collect()
    gc.freeze()


warm()
