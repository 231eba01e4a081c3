"""The commands over many reports: ``table``, ``aggregate`` and ``compare`` (each a thin
wrapper over :func:`govdisclosure.table`, :func:`~govdisclosure.aggregate` and
:func:`~govdisclosure.compare`)."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

# The command line imports this module when one of its commands runs: its names are there.
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _write

__all__ = ["HANDLERS", "PARSERS"]

_Entry = tuple[str, Any, tuple[Any, ...]]


def _add_table(commands: Any) -> None:
    table = commands.add_parser("table", help="多份报告汇成一张数据表 / many reports as one dataset")
    table.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="reports in any form, or folders")
    table.add_argument("--format", choices=("csv", "jsonl", "xlsx"), default="csv", help="default: csv")
    table.add_argument("--labels", choices=("zh", "en", "keys"), default="keys", help="column headers")
    table.add_argument("--long", action="store_true", help="one row per report and cell")
    table.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _add_aggregate(commands: Any) -> None:
    total = commands.add_parser("aggregate", help="同一年度多份报告的合计 / the total of many reports")
    total.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    total.add_argument("--organ", default="合计", help="the organ named in the total (default: 合计)")
    total.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _add_compare(commands: Any) -> None:
    both = commands.add_parser("compare", help="本年与上年对比 / this year's report against last year's")
    both.add_argument("previous", metavar="LAST", help="last year's report (any form)")
    both.add_argument("current", metavar="THIS", help="this year's report (any form)")
    both.add_argument("--format", choices=("text", "json", "html"), default="text", help="default: text")
    both.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _progress(items: Iterator[Any]) -> Iterator[Any]:
    # A count on standard error, only on a terminal.
    tty = sys.stderr.isatty()
    for done, item in enumerate(items, 1):
        if tty and done % 50 == 0:
            sys.stderr.write(f"\r{done} …")
            sys.stderr.flush()
        yield item
    if tty:
        sys.stderr.write("\r\033[K")


def _table(args: argparse.Namespace) -> int:
    from .._many.dataset import columns, long_rows, rows
    from .._many.read import read_many

    entries = _noted(read_many(args.inputs))
    first = next(entries, None)
    if first is None:
        shown = " ".join(args.inputs)
        print(f"govdisclosure: {shown} 中没有报告文件 / holds no report files", file=sys.stderr)
        return EXIT_USAGE
    entries = _progress(itertools.chain((first,), entries))
    if args.long:
        keys = ["source", "organ", "year", "pointer", "label", "value"]
        headers = keys
        produced = long_rows(entries)
    else:
        cols = columns()
        keys = [c.key for c in cols]
        headers = [c.header(args.labels) for c in cols]
        produced = rows(entries)
    if args.format == "xlsx":
        from .._ground.extras import MissingExtra
        from .._workbook.dataset import dataset_bytes

        try:
            data = dataset_bytes(headers, ([row[k] for k in keys] for row in produced))
        except MissingExtra as missing:
            print(f"govdisclosure: {missing}", file=sys.stderr)
            return EXIT_USAGE
        return _write(data, args.output)
    out: IO[str] = sys.stdout
    try:
        if args.output:
            # As on standard output: a lone surrogate is written escaped.
            out = open(args.output, "w", encoding="utf-8", errors="backslashreplace", newline="")  # noqa: SIM115
    except OSError as error:
        print(f"govdisclosure: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.format == "csv":
            import csv  # only for this format: the command line's start stays short

            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(headers)
            for row in produced:
                writer.writerow(["" if row[k] is None else _plain(row[k]) for k in keys])
        else:
            for row in produced:
                out.write(
                    json.dumps(
                        {h: _plain(row[k]) for h, k in zip(headers, keys, strict=True)}, ensure_ascii=False
                    )
                    + "\n"
                )
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_OK


def _noted(entries: Iterator[_Entry]) -> Iterator[_Entry]:
    # A file that holds no report keeps its row (the dataset records every input), and the
    # command says so on standard error, where a row of blanks would go unseen.
    for entry in entries:
        name, report, findings = entry
        if report is None:
            codes = ", ".join(sorted({f.code for f in findings})) or "?"
            print(
                f"govdisclosure: {name} 不是报告 / is not a report ({codes}); its row is blank",
                file=sys.stderr,
            )
        yield entry


def _aggregate(args: argparse.Namespace) -> int:
    from .._codec.io import dumps
    from .._many.aggregate import aggregate
    from .._many.read import read_many

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


def _compare(args: argparse.Namespace) -> int:
    from .._many.compare import compare
    from .._many.read import read_any

    read = []
    for name in (args.previous, args.current):
        try:
            report, _ = read_any(name)
        except OSError as error:
            print(f"govdisclosure: cannot read {name}: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
        if report is None:
            print(f"govdisclosure: {name} is not a report", file=sys.stderr)
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


def review(args: argparse.Namespace, previous: Any) -> int:
    """``validate --format html``: one review page (``-o FILE``, else standard output) for
    one file; for several files or a folder, a folder (``-o DIR``) of pages and an index."""
    from pathlib import Path

    from .._many.batch import iter_paths
    from .._many.read import unreadable
    from .._render.review import not_a_report_page, review_page, write_reviews
    from .._validation.validate import validate

    def entries() -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
        for name in names:
            try:
                result = validate(sys.stdin.buffer.read() if name == "-" else Path(name), previous=previous)
            except OSError as error:
                yield name, None, (unreadable(name, error),)
                continue
            yield name, result.report, result.findings

    names = ["-"] if args.files == ["-"] else list(iter_paths(args.files))
    if not names:
        print("govdisclosure: no *.json report files in the input", file=sys.stderr)
        return EXIT_USAGE
    single = len(names) == 1 and not any(Path(f).is_dir() for f in args.files if f != "-")
    if single:
        ((name, report, findings),) = list(entries())
        if report is None:
            for f in findings:
                print(f"govdisclosure: {name}: {f.code} {f.message}", file=sys.stderr)
            if any(f.code == "FILE-UNREADABLE" for f in findings):
                return EXIT_USAGE
            # Not a report: the page lists what is wrong, as a folder's page of it does.
            return _write(not_a_report_page(name, findings), args.output) or EXIT_INVALID
        status = _write(review_page(report, findings), args.output)
        errors = any(f.severity == "error" for f in findings)
        return status or (EXIT_INVALID if errors else EXIT_OK)
    if args.output is None:
        print("govdisclosure: review pages of many files need -o FOLDER", file=sys.stderr)
        return EXIT_USAGE
    try:
        count, failed = write_reviews(entries(), Path(args.output))
    except OSError as error:
        print(f"govdisclosure: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{count} 个文件，{failed} 个有错误 / {count} files, {failed} with errors: {Path(args.output) / 'index.html'}"
    )
    return EXIT_INVALID if failed else EXIT_OK


#: The three commands: how each adds its parser, and its handler.
PARSERS = {"table": _add_table, "aggregate": _add_aggregate, "compare": _add_compare}
HANDLERS = {"table": _table, "aggregate": _aggregate, "compare": _compare}
