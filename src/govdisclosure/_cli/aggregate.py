"""``govdisclosure aggregate``: a thin wrapper over :func:`govdisclosure.aggregate`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import EXIT_USAGE, _write, duplicates, quiet_libraries
from .progress import files_to_read, tracked

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    total = commands.add_parser(
        "aggregate",
        help="同一年度多份报告的合计 / the total of many reports",
        description="同一年度多份报告各表格单元格的合计，输出为一份报告 JSON；同一机关同一年度的报告只计一次。\nThe sum of every table cell of many reports of one year, as one report JSON; a report of one organ and year counts once.",
    )
    total.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE_OR_DIR",
        help="reports of one year in any form (JSON, PDF, Word, web page, workbook, text), or folders of them",
    )
    total.add_argument("--organ", default="合计", help="the organ named in the total (default: 合计)")
    total.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="sum two inputs of the same organ and year all the same (default: refuse, exit 2)",
    )
    total.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._codec.io import dumps
    from .._many.aggregate import aggregate
    from .._many.read import read_many

    quiet_libraries()
    reports = []
    seen: dict[tuple[str, int], list[str]] = {}
    for name, report, findings in tracked(read_many(args.inputs), files_to_read(args.inputs)):
        if report is None:
            codes = ", ".join(sorted({f.code for f in findings})) or "?"
            print(
                f"govdisclosure: {name} 不是报告，未计入 / is not a report ({codes}); it is left out",
                file=sys.stderr,
            )
            continue
        reports.append(report)
        seen.setdefault((report.organ.name, report.year), []).append(name)
    if not reports:
        print("govdisclosure: 输入中没有报告 / no report found in the inputs", file=sys.stderr)
        return EXIT_USAGE
    twice = duplicates(seen)
    if twice:
        print(twice, file=sys.stderr)
        if not args.allow_duplicates:
            print(
                "govdisclosure: 同一机关同一年度的报告只能计入一次，确需重复计入请加 --allow-duplicates / "
                "a report of one organ and year is summed once: give --allow-duplicates to sum them all",
                file=sys.stderr,
            )
            return EXIT_USAGE
    try:
        total = aggregate(reports, organ=args.organ)
    except ValueError as error:
        print(f"govdisclosure: {error}", file=sys.stderr)
        return EXIT_USAGE
    return _write(dumps(total), args.output)
