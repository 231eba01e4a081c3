"""``govdisclosure table``: a thin wrapper over :func:`govdisclosure.table`."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from .common import EXIT_OK, EXIT_USAGE, _jobs, _write, cannot_write, duplicates, quiet_libraries, written
from .progress import files_to_read, tracked

__all__ = ["add", "run"]

_Entry = tuple[str, Any, tuple[Any, ...]]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    table = commands.add_parser(
        "table",
        help="多份报告汇成一张数据表 / many reports as one dataset",
        description="多份报告（任何格式）汇成一张数据表：每份报告一行，每个单元格一列，另有常用比率和问题数。\nMany reports in any form as one dataset: a row per report, a column per cell, the usual rates and the counts of findings.",
    )
    table.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="reports in any form, or folders")
    table.add_argument(
        "--format",
        choices=("csv", "jsonl", "xlsx", "parquet"),
        default="csv",
        help="default: csv (xlsx needs the xlsx extra, parquet the parquet extra)",
    )
    table.add_argument(
        "--labels",
        choices=("zh", "en", "keys"),
        default="keys",
        help="column headers: JSON Pointers (keys), Chinese (zh) or English (en) names (default: keys)",
    )
    table.add_argument("--long", action="store_true", help="one row per report and cell")
    table.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    table.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes reading the files (default 1; 0 = one per core)",
    )


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._many.dataset import Column, columns, long_rows, rows
    from .._many.read import read_many

    quiet_libraries()
    unread: list[str] = []
    entries = _noted(read_many(args.inputs, jobs=args.jobs), unread)
    first = next(entries, None)
    if first is None:
        shown = " ".join(args.inputs)
        print(f"govdisclosure: {shown} 中没有报告文件 / holds no report files", file=sys.stderr)
        return EXIT_USAGE
    entries = tracked(itertools.chain((first,), entries), files_to_read(args.inputs))
    if args.long:
        keys = ["source", "organ", "year", "pointer", "label", "value"]
        headers = keys
        cols = tuple(Column(k, k, k, (), "year" if k == "year" else "text") for k in keys)
        produced = long_rows(entries)
    else:
        cols = columns()
        keys = [c.key for c in cols]
        headers = [c.header(args.labels) for c in cols]
        produced = rows(entries)
    if args.format == "parquet":
        from .._ground.extras import MissingExtra
        from .._many.parquet import parquet_bytes

        if args.output is None and sys.stdout.isatty():
            print(
                "govdisclosure: Parquet 是二进制格式，请用 -o 指定文件 / Parquet is binary: give -o FILE",
                file=sys.stderr,
            )
            return EXIT_USAGE
        try:
            data = parquet_bytes(cols, headers, produced)
        except MissingExtra as missing:
            print(f"govdisclosure: {missing}", file=sys.stderr)
            return EXIT_USAGE
        return _write(data, args.output) or (EXIT_USAGE if unread else EXIT_OK)
    if args.format == "xlsx":
        from .._ground.extras import MissingExtra
        from .._workbook.dataset import dataset_bytes

        try:
            data = dataset_bytes(headers, ([row[k] for k in keys] for row in produced))
        except MissingExtra as missing:
            print(f"govdisclosure: {missing}", file=sys.stderr)
            return EXIT_USAGE
        return _write(data, args.output) or (EXIT_USAGE if unread else EXIT_OK)
    try:
        with contextlib.ExitStack() as stack:
            out: IO[str] = sys.stdout if args.output is None else stack.enter_context(written(args.output))
            if args.format == "csv":
                import csv  # only for this format: the command line's start stays short

                from .._render.reporters.csv import BOM

                out.write(BOM)  # for Excel and WPS, which take UTF-8 without one for GBK
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(headers)
                for row in produced:
                    writer.writerow(["" if row[k] is None else _plain(row[k]) for k in keys])
            else:
                for row in produced:
                    out.write(
                        json.dumps(
                            {h: _plain(row[k]) for h, k in zip(headers, keys, strict=True)},
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
    except OSError as error:
        # Inputs that cannot be read are rows with findings: what fails here is the output
        # (standard output's failures are the command line's to report).
        if args.output is None:
            raise
        print(cannot_write(args.output, error), file=sys.stderr)
        return EXIT_USAGE
    # Every row is written; an input that could not be read makes the run a failure.
    return EXIT_USAGE if unread else EXIT_OK


_UNREADABLE = frozenset(("FILE-UNREADABLE", "FILE-NOT-REGULAR"))


def _noted(entries: Iterator[_Entry], unread: list[str]) -> Iterator[_Entry]:
    # A file that holds no report keeps its row (the dataset records every input), and the
    # command says so on standard error, where a row of blanks would go unseen; a file that
    # could not be read is also noted in ``unread`` (the run then ends with exit 2). Two inputs
    # of one organ and year (its web page and its text) are each a row, said once at the end.
    seen: dict[tuple[str, int], list[str]] = {}
    for entry in entries:
        name, report, findings = entry
        if report is not None:
            seen.setdefault((report.organ.name, report.year), []).append(name)
        if report is None:
            codes = sorted({f.code for f in findings})
            if _UNREADABLE & set(codes):
                unread.append(name)
            print(
                f"govdisclosure: {name} 不是报告 / is not a report ({', '.join(codes) or '?'}); its row is blank",
                file=sys.stderr,
            )
        yield entry
    twice = duplicates(seen)
    if twice:
        print(twice, file=sys.stderr)
