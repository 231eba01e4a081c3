"""``govdisclosure validate``: a thin wrapper over :func:`govdisclosure.validate` and
:func:`~govdisclosure.validate_many`."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
from collections.abc import Iterable
from typing import Any

from .._codec.io import read_source
from .._findings.finding import ReportError
from .._many.batch import FileResult, iter_paths, read_report_any, validate_any, validate_many
from .._render import reporters as _reporters
from .._render.reporters import Tally
from .common import (
    _LANG_HELP,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    _jobs,
    _language,
    cannot_read,
    cannot_write,
    written,
)
from .progress import Progress

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    check = commands.add_parser(
        "validate",
        help="校验报告 / validate reports (JSON, or any form extract reads)",
        description=(
            "校验报告，一次列出全部问题：JSON 文件，或 extract 能读取的任何格式（PDF、Word、网页、Excel、页面文字）。\n"
            "Validate reports, every finding at once: JSON files, or any form extract reads "
            "(PDF, Word, web page, workbook, page text)."
        ),
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=(
            "reports: JSON, or any form extract reads (PDF, Word, web page, workbook, text), "
            "or folders of *.json reports ('-' reads standard input)"
        ),
    )
    check.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1; 0 = one per core)"
    )
    check.add_argument(
        "--previous",
        metavar="FILE",
        help="last year's report of the same organ, in any form (turns on the cross-year rules)",
    )
    check.add_argument(
        "--format",
        choices=(*_reporters.names(), "html"),
        default="text",
        help="output format (default: text); html: review pages, with -o FILE (or a folder for many)",
    )
    check.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=(
            "write the findings to this file instead of standard output; with --format html and "
            "several files or a folder, the folder of review pages"
        ),
    )
    check.add_argument("--lang", choices=("zh", "en"), default=None, help=_LANG_HELP)
    check.add_argument(
        "-q", "--quiet", action="store_true", help="list only files with errors or warnings (text format)"
    )


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    previous = None
    if args.previous is not None:
        try:
            previous = read_report_any(args.previous, read_source(args.previous))
        except OSError as error:
            print(cannot_read(f"--previous {args.previous}", error), file=sys.stderr)
            return EXIT_USAGE
        except ReportError as error:
            print(
                f"govdisclosure: --previous {args.previous} 不是有效的报告 / is not a valid report:\n{error}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if args.format == "html":
        from .review import review

        return review(args, previous)
    if args.files == ["-"]:
        results: Iterable[FileResult] = [
            FileResult("-", validate_any("-", sys.stdin.buffer.read(), previous))
        ]
        total: int | None = 1
    else:
        # The names stream (memory stays flat in their number); only the first is looked at
        # ahead, to tell an input that names no file.
        walked = iter_paths(args.files)
        first = next(walked, None)
        if first is None:
            shown = " ".join(args.files)
            print(
                f"govdisclosure: {shown} 中没有 *.json 报告文件 / holds no *.json report files",
                file=sys.stderr,
            )
            return EXIT_USAGE
        # On a terminal the bar shows a total: the names are counted by a walk of their own,
        # so that none is kept.
        total = sum(1 for _ in iter_paths(args.files)) if sys.stderr.isatty() else None
        names = itertools.chain([first], walked)
        results = validate_many(names, jobs=args.jobs, previous=previous, reports=False)
    progress = Progress(total) if sys.stderr.isatty() and total != 1 else None
    tally = Tally()
    try:
        with contextlib.ExitStack() as stack:
            out = sys.stdout if args.output is None else stack.enter_context(written(args.output))
            reporter = _reporters.load(args.format)(out, _language(args.lang), args.quiet)
            for index, result in enumerate(results):
                item = result.item
                tally.add(item)
                if progress:
                    progress.clear()
                reporter.item(item)
                if progress:
                    progress.show(index + 1)
            if progress:
                progress.clear()
            reporter.close(tally)
    except OSError as error:
        if args.output is None:
            raise
        print(cannot_write(args.output, error), file=sys.stderr)
        return EXIT_USAGE
    if tally.unreadable:
        return EXIT_USAGE
    return EXIT_OK if tally.files == tally.valid else EXIT_INVALID
