"""``govdisclosure template``: a thin wrapper over :func:`govdisclosure.template`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._ground.extras import MissingExtra
from .._model.editions import EDITIONS
from .common import _NEWEST, EXIT_USAGE, _write

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    blank_form = commands.add_parser(
        "template",
        help="生成待填写的 Excel 模板 / an empty Excel workbook to fill in (extra xlsx)",
        description="生成待填写的 Excel 模板：三张表格按统一格式排版，报告信息逐行填写（需要 xlsx 扩展）。\nAn empty Excel workbook to fill in: the three tables in the official layout and the report's other values one per row (the xlsx extra).",
    )
    blank_form.add_argument(
        "--edition", choices=tuple(EDITIONS), default=_NEWEST, help=f"template edition (default: {_NEWEST})"
    )
    blank_form.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._render.render import template

    try:
        return _write(template(args.edition), args.output)
    except MissingExtra as missing:
        print(f"govdisclosure: {missing}", file=sys.stderr)
        return EXIT_USAGE
