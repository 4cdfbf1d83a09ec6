"""Tech-news archiver: crawl news sites, extract articles, keep a deduplicated JSONL archive."""

from typing import Any

__all__ = ["iter_records", "load"]


def __getattr__(name: str) -> Any:
    """``archiver.load`` and ``archiver.iter_records``, imported on first use so that
    ``import archiver`` stays light (see ``archiver/analysis/load.py``)."""
    if name in __all__:
        import importlib

        return getattr(importlib.import_module("archiver.analysis.load"), name)
    raise AttributeError(f"module 'archiver' has no attribute {name!r}")
