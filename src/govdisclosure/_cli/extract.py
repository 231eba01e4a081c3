"""``govdisclosure extract``: a thin wrapper over :func:`govdisclosure.extract`."""

from __future__ import annotations

import argparse
import io
import os
import sys
from typing import Any

from .._codec.convert import to_dict
from .._codec.io import dumps
from .._findings.item import Item
from .._many.sidecar import sidecar_of, sidecar_text
from .._render import reporters as _reporters
from .common import (
    _LANG_HELP,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    _language,
    _write,
    cannot_read,
    quiet_libraries,
)
from .progress import pages_told

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    from typing import get_args

    from .._extract.result import Format

    pull = commands.add_parser(
        "extract",
        help="从已发布的报告文本中读取数据 / import a published report",
        description="读取已发布的报告（网页、PDF、Word、Excel、页面文字），输出报告 JSON；读取中的问题写到标准错误。\nRead a published report (web page, PDF, Word, workbook, page text) and write its JSON; the findings of the reading go to standard error.",
    )
    pull.add_argument(
        "file",
        metavar="FILE",
        help="report as text, Markdown, HTML (.mht too), PDF, Word .docx, Excel .xlsx or JSON ('-' reads standard input)",
    )
    pull.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report JSON here, and the findings of the reading beside it in FILE's name with .findings.json (default: standard output)",
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


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._extract.pipeline import extract
    from .._ground.limits import MAX_SOURCE_BYTES

    quiet_libraries()
    try:
        # A file by its path: extract() looks at its size before it reads (a 2 GB file was
        # read whole, 9 s and 2.1 GB, to be refused); standard input up to the limit.
        source = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1) if args.file == "-" else _Path(args.file)
        with pages_told():
            result = extract(source, format=args.input_format)
    except IsADirectoryError:
        print(
            f"govdisclosure: {args.file} 是文件夹，extract 只读取一个文件（table、aggregate、compare 可读取文件夹）"
            " / is a folder: extract reads one file (table, aggregate and compare read folders)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except OSError as error:
        print(cannot_read(args.file, error), file=sys.stderr)
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
        side_name = sidecar_of(args.output) if args.output not in (None, "-") else ""
        if side_name and os.path.isfile(args.output) and not _same(side_name, args.file):
            # The findings travel with the report: validating it reports them again.
            side = sidecar_text(
                result.findings, to_dict(result.report), args.output, args.file, result.format
            )
            code = _write(side, side_name)
            if code:
                return code
    return EXIT_OK if tally.valid and result.report is not None else EXIT_INVALID


def _same(one: str, other: str) -> bool:
    # Whether the file of findings would be the file read (never overwritten).
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


class _Path(os.PathLike[str]):
    # A file name as extract() takes a path (a str is text to it); not pathlib, which would
    # add a twentieth to the command's start.
    def __init__(self, name: str) -> None:
        self.name = name

    def __fspath__(self) -> str:
        return self.name
