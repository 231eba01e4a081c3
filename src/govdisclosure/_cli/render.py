"""``govdisclosure render``: a thin wrapper over :func:`govdisclosure.render`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._codec.io import read_source
from .._findings.finding import ReportError
from .._ground.extras import MissingExtra
from .._many.batch import read_report_any
from .._render import formats as _renderers
from .common import EXIT_INVALID, EXIT_USAGE, _write, cannot_read

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    draw = commands.add_parser(
        "render",
        help="按统一格式排版报告 / render a report in the official layout",
        description="按统一格式排版一份报告：HTML 页面、Markdown 或 Excel 工作簿。\nOne report in the official layout: an HTML page, Markdown or an Excel workbook.",
    )
    draw.add_argument(
        "file",
        metavar="FILE",
        help="a report: JSON, or any form extract reads (PDF, Word, web page, workbook, text); '-' reads standard input",
    )
    draw.add_argument(
        "--format", choices=_renderers.names(), default="html", help="output format (default: html)"
    )
    draw.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._render.render import render

    try:
        source = sys.stdin.buffer.read() if args.file == "-" else read_source(args.file)
        report = read_report_any(args.file, source)
    except OSError as error:
        print(cannot_read(args.file, error), file=sys.stderr)
        return EXIT_USAGE
    except ReportError as error:
        print(f"govdisclosure: {args.file} 不是报告 / is not a report:\n{error}", file=sys.stderr)
        return EXIT_INVALID
    try:
        return _write(render(report, args.format), args.output)
    except MissingExtra as missing:
        print(f"govdisclosure: {missing}", file=sys.stderr)
        return EXIT_USAGE
