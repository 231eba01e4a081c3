"""Reading many reports from files in any form, one at a time (memory flat in their number)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._codec.convert import Report
from .._findings.finding import Finding
from .batch import FileResult, iter_paths
from .workers import ordered

__all__ = ["SUFFIXES", "read_any", "read_many", "read_one", "unreadable"]

#: The files a directory is searched for: JSON reports and every form extract() reads.
SUFFIXES = (".json", ".txt", ".md", ".html", ".htm", ".mht", ".mhtml", ".pdf", ".docx", ".xlsx")


def read_any(name: str) -> tuple[Report | None, tuple[Finding, ...]]:
    """The report in file ``name`` and its findings: JSON is validated, anything else
    extracted. ``OSError`` if it cannot be read."""
    if name.lower().endswith(".json"):
        from .._validation.validate import validate

        result = validate(Path(name))
        return result.report, result.findings
    from .._extract.pipeline import extract

    extracted = extract(Path(name))
    return extracted.report, extracted.findings


def unreadable(name: str, error: OSError) -> Finding:
    """The ``FILE-UNREADABLE`` finding of a file that could not be read, as a batch gives it
    (the reason in Chinese too, by its ``errno``)."""
    finding = FileResult(name, unreadable=error.strerror or str(error), errno=error.errno).finding
    assert finding is not None
    return finding


def read_many(
    inputs: Iterable[str | os.PathLike[str]], *, jobs: int = 1
) -> Iterator[tuple[str, Report | None, tuple[Finding, ...]]]:
    """``(file, report, findings)`` for every file given or found in the directories given
    (see :data:`SUFFIXES`), in that order; a file that cannot be read has no report and a
    ``FILE-UNREADABLE`` finding. ``jobs``: worker processes reading the files (0: one per
    core; extraction is the slow part: a PDF takes tens of milliseconds a page); results
    stream in input order. A worker process that dies ends the run with
    :class:`~govdisclosure.WorkerDied`."""
    names = iter_paths(inputs, SUFFIXES)
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs <= 1:
        yield from map(read_one, names)
        return
    yield from ordered(read_one, names, jobs)


def read_one(name: str) -> tuple[str, Report | None, tuple[Finding, ...]]:
    """``(file, report, findings)`` of one file, as :func:`read_many` gives it."""
    try:
        report, findings = read_any(name)
    except OSError as error:
        return name, None, (unreadable(name, error),)
    return name, report, findings
