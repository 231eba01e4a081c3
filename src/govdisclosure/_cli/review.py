"""``govdisclosure validate --format html``: review pages, a thin wrapper over the review page
of :func:`govdisclosure.render` and its folder writer."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _write, cannot_write

__all__ = ["review"]


def review(args: argparse.Namespace, previous: Any) -> int:
    """``validate --format html``: one review page (``-o FILE``, else standard output) for
    one file; for several files or a folder, a folder (``-o DIR``) of pages and an index."""
    from pathlib import Path

    from .._codec.io import read_source
    from .._many.batch import iter_paths, review_any
    from .._many.read import unreadable
    from .._render.review import not_a_report_page, review_page, write_reviews

    def entries() -> Iterator[tuple[str, Any, tuple[Any, ...], dict[str, str]]]:
        for name in names:
            try:
                data = sys.stdin.buffer.read() if name == "-" else read_source(name)
                result, crops = review_any(name, data, previous)
            except OSError as error:
                yield name, None, (unreadable(name, error),), {}
                continue
            yield name, result.report, result.findings, crops

    names = ["-"] if args.files == ["-"] else list(iter_paths(args.files))
    if not names:
        print("govdisclosure: no *.json report files in the input", file=sys.stderr)
        return EXIT_USAGE
    single = len(names) == 1 and not any(Path(f).is_dir() for f in args.files if f != "-")
    if single:
        ((name, report, findings, crops),) = list(entries())
        if report is None:
            for f in findings:
                print(f"govdisclosure: {name}: {f.code} {f.message}", file=sys.stderr)
            if any(f.code in ("FILE-UNREADABLE", "FILE-NOT-REGULAR") for f in findings):
                return EXIT_USAGE
            # Not a report: the page lists what is wrong, as a folder's page of it does.
            return _write(not_a_report_page(name, findings), args.output) or EXIT_INVALID
        status = _write(review_page(report, findings, crops), args.output)
        errors = any(f.severity == "error" for f in findings)
        return status or (EXIT_INVALID if errors else EXIT_OK)
    if args.output is None:
        print(
            "govdisclosure: 多个文件的审核页需用 -o 指定文件夹 / review pages of many files need -o FOLDER",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.output.lower().endswith((".html", ".htm")) and not Path(args.output).is_dir():
        print(
            f"govdisclosure: 多个文件的审核页写入一个文件夹，{args.output} 是文件名；请用 -o 指定文件夹 / "
            f"review pages of many files go into a folder, and {args.output} names a file: give -o FOLDER",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if any(Path(f).is_dir() and Path(f).resolve() == Path(args.output).resolve() for f in args.files):
        print(
            f"govdisclosure: 审核页不能写入报告所在的文件夹 {args.output} / "
            f"the review pages are not written into the folder of the reports, {args.output}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        count, failed = write_reviews(entries(), Path(args.output))
    except OSError as error:
        print(cannot_write(args.output, error), file=sys.stderr)
        return EXIT_USAGE
    print(
        f"{count} 个文件，{failed} 个有错误 / {count} files, {failed} with errors: {Path(args.output) / 'index.html'}"
    )
    return EXIT_INVALID if failed else EXIT_OK
