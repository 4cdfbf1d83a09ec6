"""Downloader middlewares: politeness (Retry-After), safety (SSRF guard), budgets."""
