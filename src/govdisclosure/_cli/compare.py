"""``govdisclosure compare``: a thin wrapper over :func:`govdisclosure.compare`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .common import EXIT_INVALID, EXIT_USAGE, _write, cannot_read, quiet_libraries

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    both = commands.add_parser(
        "compare",
        help="本年与上年对比 / this year's report against last year's",
        description="同一机关本年与上年报告的对比：每个单元格的变化、与上年重复的文字、跨年度规则的问题。\nThis year's report of an organ against last year's: every cell's change, text repeated from last year, and the findings of the cross-year rules.",
    )
    both.add_argument("previous", metavar="LAST", help="last year's report (any form)")
    both.add_argument("current", metavar="THIS", help="this year's report (any form)")
    both.add_argument("--format", choices=("text", "json", "html"), default="text", help="default: text")
    both.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._many.compare import compare
    from .._many.read import read_any

    quiet_libraries()
    read = []
    for name in (args.previous, args.current):
        try:
            report, _ = read_any(name)
        except OSError as error:
            print(cannot_read(name, error), file=sys.stderr)
            return EXIT_USAGE
        if report is None:
            print(f"govdisclosure: {name} 不是报告 / is not a report", file=sys.stderr)
            return EXIT_INVALID
        read.append(report)
    comparison = compare(read[0], read[1])
    if args.format == "json":
        text = json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        from .._render.comparison import page

        text = page(read[0], read[1], comparison)
    else:
        lines = [
            f"{c.label}: {c.previous} → {c.current}" + ("" if c.change is None else f" ({_signed(c.change)})")
            for c in comparison.cells
            if c.differs
        ]
        lines += [f"{t.label}: {t.similarity:.0%} 与上年相同 / repeated" for t in comparison.texts]
        lines += [f"{f.code} {f.path}: {f.message}" for f in comparison.findings]
        text = "\n".join(lines) + "\n"
    return _write(text, args.output)


def _signed(value: Any) -> str:
    return f"+{value}" if value is not None and value > 0 else str(value)
