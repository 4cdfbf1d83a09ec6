"""Export the latest version of every article to Parquet or CSV (needs pyarrow).

One file, or a hive-partitioned directory ``<out>/site=<site>/date=<YYYY-MM-DD>/``. The
columns are the record fields in schema order plus ``date`` (the partition day: UTC day
of ``published``, else of ``fetched_at``).

Parquet keeps the record's types: ``authors``/``tags`` are lists of strings, ``images`` a
list of structs, ``warc`` a struct, ``fetched_at`` a UTC timestamp, ``date`` a date.
CSV has no nested types: there ``authors``, ``tags``, ``images`` and ``warc`` are JSON
text and ``fetched_at`` stays the record's ISO 8601 string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from archiver.analysis.load import iter_records, record_day
from archiver.items import RECORD_FIELDS

FORMATS = ("parquet", "csv")
_NESTED = ("authors", "tags", "images", "warc")
_BATCH = 5000


def arrow_schema(fmt: str) -> Any:
    """The pyarrow schema of an export in format *fmt*."""
    import pyarrow as pa

    text = pa.string()
    nested = fmt == "parquet"
    image = pa.struct([("url", text), ("caption", text), ("credit", text), ("alt", text),
                       ("lead", pa.bool_())])
    warc = pa.struct([("file", text), ("offset", pa.int64()), ("length", pa.int64()),
                      ("record_id", text)])
    types: dict[str, Any] = {
        "schema_version": pa.int32(), "version": pa.int32(), "word_count": pa.int64(),
        "fetched_at": pa.timestamp("s", tz="UTC") if nested else text,
        "authors": pa.list_(text) if nested else text,
        "tags": pa.list_(text) if nested else text,
        "images": pa.list_(image) if nested else text,
        "warc": warc if nested else text,
    }
    fields = [pa.field(name, types.get(name, text)) for name in RECORD_FIELDS]
    return pa.schema([*fields, pa.field("date", pa.date32())])


def _row(record: dict[str, Any], fmt: str) -> dict[str, Any]:
    row = {key: record.get(key) for key in RECORD_FIELDS}
    if fmt == "parquet":
        fetched = row["fetched_at"]
        if isinstance(fetched, str):
            stamp = datetime.fromisoformat(fetched)
            stamp = stamp.replace(tzinfo=stamp.tzinfo or UTC).astimezone(UTC)
            row["fetched_at"] = stamp.replace(microsecond=0)
    else:
        for key in _NESTED:
            row[key] = json.dumps(row[key], ensure_ascii=False)
    row["date"] = record_day(record)
    return row


def _batches(records: Iterable[dict[str, Any]], fmt: str, counter: list[int]) -> Iterator[Any]:
    import pyarrow as pa

    schema = arrow_schema(fmt)
    rows: list[dict[str, Any]] = []
    for record in records:
        rows.append(_row(record, fmt))
        if len(rows) >= _BATCH:
            counter[0] += len(rows)
            yield pa.RecordBatch.from_pylist(rows, schema=schema)
            rows = []
    if rows or counter[0] == 0:
        counter[0] += len(rows)
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def export(
    archive: str | os.PathLike[str],
    out: str | os.PathLike[str],
    fmt: str = "parquet",
    *,
    partitioned: bool = False,
    site: str | Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
) -> int:
    """Write the latest versions of the archive's articles to *out*; return the count.

    *out* is a file, or with *partitioned* a directory of ``site=…/date=…/part-0.<fmt>``
    files (partitions written again are replaced, others are left alone).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {FORMATS}")
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.dataset as pads
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("archiver export needs pyarrow: pip install "
                          "'tech-news-archiver[analysis]'") from exc
    records = iter_records(archive, site=site, since=since, until=until, latest=True)
    schema = arrow_schema(fmt)
    counter = [0]
    batches = _batches(records, fmt, counter)
    target = Path(out)
    if partitioned:
        partitioning = pads.partitioning(
            pa.schema([schema.field("site"), pa.field("date", pa.string())]), flavor="hive")
        stringly = pa.schema([f if f.name != "date" else pa.field("date", pa.string())
                              for f in schema])

        def with_string_dates() -> Iterator[Any]:
            for batch in batches:
                yield batch.set_column(batch.schema.get_field_index("date"), "date",
                                       batch.column("date").cast(pa.string()))

        file_format = pads.ParquetFileFormat() if fmt == "parquet" else pads.CsvFileFormat()
        pads.write_dataset(
            with_string_dates(), target, schema=stringly, format=file_format,
            partitioning=partitioning, basename_template=f"part-{{i}}.{fmt}",
            existing_data_behavior="delete_matching",
        )
        return counter[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.inprogress")
    writer: Any = (pq.ParquetWriter(tmp, schema) if fmt == "parquet"
                   else pacsv.CSVWriter(tmp, schema))
    try:
        with writer:
            for batch in batches:
                writer.write_batch(batch)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    return counter[0]
