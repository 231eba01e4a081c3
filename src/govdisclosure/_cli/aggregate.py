"""``govdisclosure aggregate``: a thin wrapper over :func:`govdisclosure.aggregate`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import EXIT_INVALID, EXIT_USAGE, _write, quiet_libraries

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    total = commands.add_parser("aggregate", help="同一年度多份报告的合计 / the total of many reports")
    total.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    total.add_argument("--organ", default="合计", help="the organ named in the total (default: 合计)")
    total.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._codec.io import dumps
    from .._many.aggregate import aggregate
    from .._many.read import read_many

    quiet_libraries()
    reports = []
    for name, report, findings in read_many(args.inputs):
        if report is None:
            codes = ", ".join(sorted({f.code for f in findings})) or "?"
            print(f"govdisclosure: {name} is not a report ({codes}); it is left out", file=sys.stderr)
            continue
        reports.append(report)
    if not reports:
        print("govdisclosure: no report found in the inputs", file=sys.stderr)
        return EXIT_USAGE
    try:
        total = aggregate(reports, organ=args.organ)
    except ValueError as error:
        print(f"govdisclosure: {error}", file=sys.stderr)
        return EXIT_INVALID
    return _write(dumps(total), args.output)
