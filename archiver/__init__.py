"""Tech-news archiver: crawl news sites, extract articles, keep a deduplicated JSONL archive."""
