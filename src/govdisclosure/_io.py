"""Reading and writing reports as JSON text, bytes and files."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import IO, Any

from ._convert import Report, edition_of, money_paths, structure, structure_native, to_dict
from ._findings import Finding, ReportError
from ._json import MAX_DOCUMENT_BYTES, decode, duplicate_keys, emit, parse_text
from ._writer import write

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


_orjson: Any
try:  # the optional "fast" extra
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None

_VALUE = re.compile(rb"[ \t\r\n]*:[ \t\r\n]*(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)")


def _read_native(source: str | bytes) -> Report | None:
    # With orjson installed: a valid document is read here, about twice as fast. Anything
    # else returns None and goes the exact way, so findings never depend on the parser.
    if _orjson is None or len(source) > MAX_DOCUMENT_BYTES:
        return None
    data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        document = _orjson.loads(data)
    except Exception:  # noqa: BLE001 - orjson.JSONDecodeError and whatever else: exact path
        return None
    cls: type | None = edition_of(document)[0]
    if cls is None:
        return None
    for path in money_paths(cls):
        if not _exact_money(document, path, data):
            return None
    tally: list[int] = []
    report = structure_native(document, tally)
    if report is None or data.count(b":") != sum(tally):
        return None
    return report


def _exact_money(document: Any, path: tuple[str, ...], data: bytes) -> bool:
    # orjson reads 64.2623 as a float; the exact digits are taken from the text, where the key
    # of a money field stands exactly once in a valid report (a second occurrence, say inside
    # a string, sends the document the exact way).
    parent = document
    for name in path[:-1]:
        parent = parent.get(name) if type(parent) is dict else None
    if type(parent) is not dict or type(parent.get(path[-1])) is not float:
        return True
    key = b'"' + path[-1].encode() + b'"'
    at = data.find(key)
    if at < 0 or data.find(key, at + 1) >= 0:
        return False
    match = _VALUE.match(data, at + len(key))
    if match is None:
        return False
    exact = Decimal(match.group(1).decode())
    if float(exact) != parent[path[-1]]:
        return False
    parent[path[-1]] = exact
    return True


def read_document(source: str | bytes) -> tuple[Report | None, list[Finding]]:
    """JSON text or bytes to a report: ``(report, [])`` or ``(None, findings)`` of the first
    stage that finds a problem (reading, then structure).

    With the ``fast`` extra (orjson) installed, valid documents are parsed by orjson; every
    other document, and every finding, comes from the exact path below.
    """
    if _orjson is not None:
        report = _read_native(source)
        if report is not None:
            return report, []
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
    text = write(report)
    return text if text is not None else emit(to_dict(report)) + "\n"


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
