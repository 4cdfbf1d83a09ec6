"""The analyst's side: validate, load, export and report on an archive.

``load`` and ``iter_records`` read the partitioned ``.jsonl.gz`` layout (pandas is needed
only for a DataFrame); ``validate`` checks records against ``schema/article.schema.json``;
``export`` writes Parquet/CSV with pyarrow; ``report`` renders a self-contained HTML page.
Nothing heavy is imported until it is used.
"""

from __future__ import annotations

from archiver.analysis.load import ArchiveError, iter_records, load, part_files

__all__ = ["ArchiveError", "iter_records", "load", "part_files"]
