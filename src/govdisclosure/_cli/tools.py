"""The commands that convert one report: ``extract`` (a published report to JSON), ``render``
(JSON to the official layout) and ``template`` (an empty workbook to fill in), each a thin
wrapper over :func:`govdisclosure.extract`, :func:`~govdisclosure.render` and
:func:`~govdisclosure.template`."""

from __future__ import annotations

import argparse
import io
import os
import sys
from typing import Any

from .._codec.io import dumps, read_source
from .._findings.finding import ReportError
from .._findings.item import Item
from .._ground.extras import MissingExtra
from .._model.editions import EDITIONS
from .._render import formats as _renderers
from .._render import reporters as _reporters
from .._validation.validate import read_report

# The command line imports this module when one of its commands runs: its names are there.
from .common import _LANG_HELP, _NEWEST, EXIT_INVALID, EXIT_OK, EXIT_USAGE, _language, _write

__all__ = ["HANDLERS", "PARSERS"]


def _add_render(commands: Any) -> None:
    draw = commands.add_parser("render", help="按统一格式排版报告 / render a report in the official layout")
    draw.add_argument("file", metavar="FILE", help="report JSON file ('-' reads standard input)")
    draw.add_argument(
        "--format", choices=_renderers.names(), default="html", help="output format (default: html)"
    )
    draw.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _add_template(commands: Any) -> None:
    blank_form = commands.add_parser(
        "template", help="生成待填写的 Excel 模板 / an empty Excel workbook to fill in (extra xlsx)"
    )
    blank_form.add_argument(
        "--edition", choices=tuple(EDITIONS), default=_NEWEST, help=f"template edition (default: {_NEWEST})"
    )
    blank_form.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _add_extract(commands: Any) -> None:
    from typing import get_args

    from .._extract.result import Format

    pull = commands.add_parser("extract", help="从已发布的报告文本中读取数据 / import a published report")
    pull.add_argument(
        "file",
        metavar="FILE",
        help="report as text, Markdown, HTML (.mht too), PDF, Word .docx, Excel .xlsx or JSON ('-' reads standard input)",
    )
    pull.add_argument(
        "-o", "--output", metavar="FILE", help="write the report JSON here (default: standard output)"
    )
    pull.add_argument(
        "--input-format",
        choices=get_args(Format),
        help="format of FILE (default: detected from its content)",
    )
    pull.add_argument(
        "--format", choices=_reporters.names(), default="text", help="format of the findings (default: text)"
    )
    pull.add_argument("--lang", choices=("zh", "en"), default=None, help=_LANG_HELP)


def _extract(args: argparse.Namespace) -> int:
    from .._extract.pipeline import extract
    from .._ground.limits import MAX_SOURCE_BYTES

    try:
        # A file by its path: extract() looks at its size before it reads (a 2 GB file was
        # read whole, 9 s and 2.1 GB, to be refused); standard input up to the limit.
        source = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1) if args.file == "-" else _Path(args.file)
        result = extract(source, format=args.input_format)
    except IsADirectoryError:
        print(
            f"govdisclosure: {args.file} 是文件夹，extract 只读取一个文件（table、aggregate、compare 可读取文件夹）"
            " / is a folder: extract reads one file (table, aggregate and compare read folders)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except OSError as error:
        print(f"govdisclosure: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    buffer = io.StringIO()
    lang = _language(args.lang)
    tally = _reporters.report([Item(args.file, result.findings)], buffer, args.format, lang)
    # The findings always go to standard error, the report only where asked: --output, else
    # standard output. So "extract a.txt > a.json" writes nothing but the report into a.json.
    sys.stderr.write(buffer.getvalue())
    if result.report is not None:
        code = _write(dumps(result.report), args.output)
        if code:
            return code
    return EXIT_OK if tally.valid and result.report is not None else EXIT_INVALID


class _Path(os.PathLike[str]):
    # A file name as extract() takes a path (a str is text to it); not pathlib, which would
    # add a twentieth to the command's start.
    def __init__(self, name: str) -> None:
        self.name = name

    def __fspath__(self) -> str:
        return self.name


def _template(args: argparse.Namespace) -> int:
    from .._render.render import template

    try:
        return _write(template(args.edition), args.output)
    except MissingExtra as missing:
        print(f"govdisclosure: {missing}", file=sys.stderr)
        return EXIT_USAGE


def _render(args: argparse.Namespace) -> int:
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


PARSERS = {"render": _add_render, "template": _add_template, "extract": _add_extract}
HANDLERS = {"render": _render, "template": _template, "extract": _extract}
