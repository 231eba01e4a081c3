"""Reading and writing reports as JSON text, bytes and files."""

from __future__ import annotations

import os
from typing import IO, Any

from ._convert import Report, structure, to_dict
from ._findings import Finding, ReportError
from ._json import MAX_DOCUMENT_BYTES, decode, duplicate_keys, emit, parse_text

__all__ = ["dump", "dumps", "load", "loads", "read_source"]

PathOrFile = str | os.PathLike[str] | IO[bytes]


def read_source(file: PathOrFile) -> bytes:
    """The bytes of a path or binary file, reading at most one byte past the size limit.

    Raises ``OSError`` when the file cannot be read.
    """
    if isinstance(file, (str, os.PathLike)):
        with open(file, "rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1)
    data = file.read(MAX_DOCUMENT_BYTES + 1)
    if isinstance(data, str):
        raise TypeError("load() needs a binary file: open it with 'rb'")
    return data


def read_document(source: str | bytes) -> tuple[Report | None, list[Finding]]:
    """JSON text or bytes to a report: ``(report, [])`` or ``(None, findings)`` of the first
    stage that finds a problem (reading, then structure)."""
    text, findings = decode(source)
    if text is None:
        return None, findings
    data, findings = parse_text(text)
    if findings:
        return None, findings
    tally: list[int] = []
    report, findings = structure(data, tally)
    # Every key of the text is followed by a colon, so when the text has no more colons than
    # the report has keys, no key was given twice; only otherwise is the text parsed again to
    # look for duplicates (a problem of the reading stage, reported before structure).
    if report is None or text.count(":") != sum(tally):
        duplicates = duplicate_keys(text)
        if duplicates:
            return None, duplicates
    return report, findings


def loads(source: str | bytes) -> Report:
    """Read a report from JSON text or UTF-8 bytes.

    The edition is chosen by ``format_version``; see :func:`from_dict` for how values are
    read. Raises :class:`ReportError` carrying every problem found (bad JSON with line and
    column, bad encoding, or every structural problem, each with a JSON Pointer).
    """
    report, findings = read_document(source)
    if report is None:
        raise ReportError(findings)
    return report


def load(file: PathOrFile) -> Report:
    """Read a report from a path or a binary file; see :func:`loads`.

    Raises ``OSError`` if the file cannot be read and :class:`ReportError` if it is not a
    report.
    """
    return loads(read_source(file))


def dumps(report: Report) -> str:
    """The report as canonical JSON text.

    Keys in template order, optional parts that are ``None`` left out, non-ASCII characters
    unescaped, 2-space indent, one trailing newline, money with its exact digits. For any
    canonical text ``x``, ``dumps(loads(x)) == x``.
    """
    return emit(to_dict(report)) + "\n"


def dump(report: Report, file: str | os.PathLike[str] | IO[Any]) -> None:
    """Write :func:`dumps` of the report to a path (as UTF-8) or to an open file.

    A binary file receives UTF-8 bytes, a text file the text.
    """
    text = dumps(report)
    if isinstance(file, (str, os.PathLike)):
        with open(file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    try:
        file.write(text.encode("utf-8"))
    except TypeError:
        file.write(text)
