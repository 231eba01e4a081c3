"""``govdisclosure render``: a thin wrapper over :func:`govdisclosure.render`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._codec.io import read_source
from .._findings.finding import ReportError
from .._ground.extras import MissingExtra
from .._render import formats as _renderers
from .._validation.validate import read_report
from .common import EXIT_INVALID, EXIT_USAGE, _write

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    draw = commands.add_parser("render", help="按统一格式排版报告 / render a report in the official layout")
    draw.add_argument("file", metavar="FILE", help="report JSON file ('-' reads standard input)")
    draw.add_argument(
        "--format", choices=_renderers.names(), default="html", help="output format (default: html)"
    )
    draw.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._render.render import render

    try:
        source = sys.stdin.buffer.read() if args.file == "-" else read_source(args.file)
        report = read_report(source)
    except OSError as error:
        print(f"govdisclosure: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except ReportError as error:
        print(f"govdisclosure: {args.file} is not a report:\n{error}", file=sys.stderr)
        return EXIT_INVALID
    try:
        return _write(render(report, args.format), args.output)
    except MissingExtra as missing:
        print(f"govdisclosure: {missing}", file=sys.stderr)
        return EXIT_USAGE
