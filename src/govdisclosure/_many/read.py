"""Reading many reports from files in any form, one at a time (memory flat in their number)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._codec.convert import Report
from .._findings.finding import Finding
from .batch import FileResult, iter_paths

__all__ = ["SUFFIXES", "read_any", "read_many", "unreadable"]

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
    inputs: Iterable[str | os.PathLike[str]],
) -> Iterator[tuple[str, Report | None, tuple[Finding, ...]]]:
    """``(file, report, findings)`` for every file given or found in the directories given
    (see :data:`SUFFIXES`); a file that cannot be read has no report and a ``FILE-UNREADABLE``
    finding."""
    for name in iter_paths(inputs, SUFFIXES):
        try:
            report, findings = read_any(name)
        except OSError as error:
            yield name, None, (unreadable(name, error),)
            continue
        yield name, report, findings
