"""Crawl tests for the hostile web (issue 5): faults, bad input, security, process faults."""
