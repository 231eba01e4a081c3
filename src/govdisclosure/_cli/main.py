"""The ``govdisclosure`` command line: thin wrappers over library functions."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .._codec.io import read_source
from .._codec.jsontext import emit
from .._findings.finding import ReportError
from .._many.batch import FileResult, iter_paths, validate_many
from .._model.editions import EDITIONS
from .._render import reporters as _reporters
from .._render.reporters import Tally
from .._rules.engine import rules
from .._validation.validate import read_report, validate
from .common import (
    _LANG_HELP,
    _NEWEST,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    _jobs,
    _language,
    _Parser,
    _version,
    _write,
)

__all__ = ["main"]


def _add_validate(commands: Any) -> None:
    check = commands.add_parser(
        "validate",
        help="校验报告 JSON 文件 / validate report JSON files",
        description="Validate report files.",
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="report JSON files or directories of them ('-' reads standard input)",
    )
    check.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1; 0 = one per core)"
    )
    check.add_argument(
        "--previous", metavar="FILE", help="last year's report of the same organ (cross-year rules)"
    )
    check.add_argument(
        "--format",
        choices=(*_reporters.names(), "html"),
        default="text",
        help="output format (default: text); html: review pages, with -o FILE (or a folder for many)",
    )
    check.add_argument("-o", "--output", metavar="PATH", help="where the html review is written")
    check.add_argument("--lang", choices=("zh", "en"), default=None, help=_LANG_HELP)
    check.add_argument(
        "-q", "--quiet", action="store_true", help="list only files with errors or warnings (text format)"
    )


def _add_schema(commands: Any) -> None:
    schema = commands.add_parser("schema", help="输出 JSON Schema / print the JSON Schema")
    schema.add_argument(
        "--edition",
        choices=tuple(EDITIONS),
        default=_NEWEST,
        help=f"template edition (default: {_NEWEST})",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _add_rules(commands: Any) -> None:
    listing = commands.add_parser("rules", help="列出校验规则 / list the content rules")
    listing.add_argument("--edition", choices=tuple(EDITIONS), help="only the rules for this edition")
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    listing.add_argument("--lang", choices=("zh", "en"), default=None, help=_LANG_HELP)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only`` (a command's name), the parser of that command
    alone, which is all a run of it needs (the others cost most of building the parser)."""
    parser = _Parser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告：校验、JSON Schema 与规则。Annual reports on government "
        "information disclosure: validation, JSON Schema and rules.",
    )
    parser.add_argument("--version", action="version", version=f"govdisclosure {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if only is None or name == only:
            add(commands)
    return parser


def _validate(args: argparse.Namespace) -> int:
    previous = None
    if args.previous is not None:
        try:
            previous = read_report(read_source(args.previous))
        except OSError as error:
            print(
                f"govdisclosure: cannot read --previous {args.previous}: {error.strerror or error}",
                file=sys.stderr,
            )
            return EXIT_USAGE
        except ReportError as error:
            print(
                f"govdisclosure: --previous {args.previous} is not a valid report:\n{error}", file=sys.stderr
            )
            return EXIT_USAGE
    if args.format == "html":
        from .many import review

        return review(args, previous)
    if args.files == ["-"]:
        results: Iterable[FileResult] = [
            FileResult("-", validate(sys.stdin.buffer.read(), previous=previous))
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
    progress = _Progress(total) if sys.stderr.isatty() and total != 1 else None
    tally = Tally()
    reporter = _reporters.load(args.format)(sys.stdout, _language(args.lang), args.quiet)
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
    if tally.unreadable:
        return EXIT_USAGE
    return EXIT_OK if tally.files == tally.valid else EXIT_INVALID


class _Progress:
    """A one-line progress count on standard error (only ever drawn on a terminal)."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def show(self, done: int) -> None:
        if self.total is None:  # a stream of files: the count so far
            sys.stderr.write(f"\r{done} …")
            sys.stderr.flush()
            return
        width = 30
        filled = width * done // self.total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _schema(args: argparse.Namespace) -> int:
    from .._codec.schema import json_schema

    return _write(emit(json_schema(args.edition)) + "\n", args.output)


def _rules(args: argparse.Namespace) -> int:
    selected = rules(args.edition)
    if args.format == "json":
        payload = [
            {
                "code": r.code,
                "severity": r.severity,
                "title": r.title,
                "title_en": r.title_en,
                "editions": list(r.editions),
                "cross_year": r.cross_year,
                "source": r.source,
            }
            for r in selected
        ]
        sys.stdout.write(emit(payload) + "\n")
        return EXIT_OK
    lang = _language(args.lang)
    for r in selected:
        scope = ("跨年度" if lang == "zh" else "cross-year") if r.cross_year else "/".join(r.editions)
        sys.stdout.write(
            f"{r.code:<22} {r.severity:<8} {scope}\n    {r.title if lang == 'zh' else r.title_en}\n"
        )
    return EXIT_OK


def _tolerant_streams() -> None:
    # A file name that is not valid UTF-8 (bytes kept as surrogates by the file system
    # encoding) must not stop the report at that file: such characters are written escaped.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    # After a failed write, the interpreter would try to flush standard output again at exit
    # and print a traceback of its own: point it at the null device first.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no file descriptor
        pass


# The commands defined in modules of their own, imported only when one of them runs: the
# module, by command.
_ELSEWHERE = {
    **dict.fromkeys(("render", "template", "extract"), "tools"),
    **dict.fromkeys(("table", "aggregate", "compare"), "many"),
}


def _module(name: str) -> Any:
    return importlib.import_module(f"{__package__}.{_ELSEWHERE[name]}")


def _add_elsewhere(name: str) -> Callable[[Any], None]:
    def add(commands: Any) -> None:
        _module(name).PARSERS[name](commands)

    return add


def _run_elsewhere(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        _quiet_libraries()
        handler: Callable[[argparse.Namespace], int] = _module(name).HANDLERS[name]
        return handler(args)

    return run


def _quiet_libraries() -> None:
    # These commands read published files. pdfminer logs every oddity of a damaged PDF (data
    # lost in a stream, an operator it cannot parse) as a warning, which Python prints on
    # standard error when no logging is set up: one line each, among the findings, which say
    # what the reading lost. The command line is an application, and sets its loggers.
    import logging

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)


# Each command: how its parser is added, and its handler, in the order of the help.
_COMMANDS: dict[str, Callable[[Any], None]] = {
    "validate": _add_validate,
    "schema": _add_schema,
    "rules": _add_rules,
    **{name: _add_elsewhere(name) for name in _ELSEWHERE},
}
_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "schema": _schema,
    "rules": _rules,
    **{name: _run_elsewhere(name) for name in _ELSEWHERE},
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status: 0 ok, 1 findings with errors, 2 usage
    or unreadable input, 74 when the output cannot be written, 130 when interrupted."""
    try:
        _tolerant_streams()
        arguments = sys.argv[1:] if argv is None else list(argv)
        first = arguments[0] if arguments else None
        args = _parser(first if first in _COMMANDS else None).parse_args(arguments)
        handler = _HANDLERS[args.command]
        status = handler(args)
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        print("\ngovdisclosure: 已中断 / interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of the output went away (``| head``): that is how pipes end.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        if error.filename is not None:
            raise
        _silence_stdout()
        reason = error.strerror or str(error)
        print(f"govdisclosure: 无法写入输出 / cannot write the output: {reason}", file=sys.stderr)
        return EXIT_OUTPUT
