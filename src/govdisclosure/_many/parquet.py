"""A dataset as a Parquet file (``table --format parquet``, :func:`to_parquet`; the ``parquet``
extra, pyarrow).

The columns and their types come from :func:`~govdisclosure._many.dataset.columns`, the same
for every file written, so that the parts many workers write read back as one dataset: counts
(the 2019 edition's signed changes too) and the year as 64-bit integers, the indicators as doubles, everything else as text. Money is
its exact decimal digits as text, as in the CSV: a report's amount may have any exponent, which
no fixed Parquet decimal holds, and a float would round it.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, Literal

from .._ground.extras import require
from .._ground.output import written
from .dataset import Column, columns

__all__ = ["BATCH", "parquet_bytes", "to_parquet"]

#: Rows written per row group: memory stays flat in the number of reports.
BATCH = 1_000


def to_parquet(
    rows: Iterable[dict[str, Any]],
    target: str | os.PathLike[str] | IO[bytes],
    *,
    labels: Literal["keys", "zh", "en"] = "keys",
) -> int:
    """Write dataset rows (as :func:`govdisclosure.table` or :func:`govdisclosure.row` give
    them) to a Parquet file; returns the number of rows written.

    ``target`` is a path or a binary file object. A path is written whole or not at all (to a
    temporary file in its folder, then renamed over it). ``labels`` names the columns: their
    keys (JSON Pointers for cells, the default), or their Chinese or English headers. Every file
    has the same columns and types, so that parts written by many processes read back as one
    dataset (``pyarrow.parquet.read_table(folder)``, ``pandas.read_parquet(folder)``).
    :class:`~govdisclosure._ground.extras.MissingExtra` without pyarrow (the ``parquet`` extra).
    """
    cols = columns()
    headers = [c.header(labels) for c in cols]
    if not isinstance(target, (str, os.PathLike)):
        return _write(cols, headers, rows, target)
    with written(os.fspath(target), binary=True) as sink:
        return _write(cols, headers, rows, sink)


def parquet_bytes(cols: Sequence[Column], headers: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    """The Parquet file of ``rows`` (dicts keyed by the columns' keys) with ``headers`` as the
    column names, as bytes."""
    buffer = io.BytesIO()
    _write(cols, headers, rows, buffer)
    return buffer.getvalue()


def _write(cols: Sequence[Column], headers: Sequence[str], rows: Iterable[dict[str, Any]], sink: Any) -> int:
    pa = require("pyarrow")
    import pyarrow.parquet as parquet

    types = {"count": pa.int64(), "signed": pa.int64(), "year": pa.int64(), "rate": pa.float64()}
    schema = pa.schema(
        [pa.field(h, types.get(c.kind, pa.string())) for c, h in zip(cols, headers, strict=True)]
    )
    numeric = [c.kind in types for c in cols]
    written = 0
    with parquet.ParquetWriter(sink, schema) as writer:
        for batch in _batches(rows):
            arrays = [
                [row[c.key] if number else _text(row[c.key]) for row in batch]
                for c, number in zip(cols, numeric, strict=True)
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            written += len(batch)
    return written


def _text(value: Any) -> str | None:
    # Text columns hold text: money's exact digits, the long form's values of any kind.
    return None if value is None else value if isinstance(value, str) else str(value)


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
