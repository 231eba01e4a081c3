"""Reading and writing reports as JSON text, bytes and files."""

from __future__ import annotations

import errno
import os
import stat
from typing import IO, Any

from .._codec.strings import count_in_strings
from .._findings.finding import Finding, ReportError
from .convert import Report, structure, to_dict
from .jsontext import MAX_DOCUMENT_BYTES, decode, duplicate_keys, emit, parse_text

__all__ = ["dump", "dumps", "load", "loads", "read_source"]

PathOrFile = str | os.PathLike[str] | IO[bytes]


def read_source(file: PathOrFile) -> bytes:
    """The bytes of a path or binary file, reading at most one byte past the size limit.

    Raises ``OSError`` when the file cannot be read (and, without waiting, for a path that
    names a FIFO, a device or a socket: ``strerror`` is :data:`NOT_REGULAR`), ``TypeError`` for
    anything that is neither a path nor a file.
    """
    if isinstance(file, (str, os.PathLike)):
        return _read_path(file)
    if not callable(getattr(file, "read", None)):
        raise TypeError(f"expected a path or a binary file, not {type(file).__name__}")
    data = file.read(MAX_DOCUMENT_BYTES + 1)
    if isinstance(data, str):
        raise TypeError("load() needs a binary file: open it with 'rb'")
    return data


# Not blocking: opening a FIFO for reading waits for a writer, which may never come; a FIFO,
# a device or a socket is refused once opened (a regular file reads as ever).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)

#: The reason given for a path that names no regular file.
NOT_REGULAR = "not a regular file"


def _read_path(path: str | os.PathLike[str]) -> bytes:
    # A file descriptor, not a file object: a batch reads thousands of files, and the buffered
    # file object costs a third of reading one.
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # open() says so at once; read() would, without the name
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, NOT_REGULAR, os.fspath(path))
        # The file's own size plus one byte (to see a file that grew), not the limit: a buffer
        # of the limit's size per file would be mapped and unmapped every time.
        size, limit = info.st_size, MAX_DOCUMENT_BYTES + 1
        want = size + 1 if 0 < size < limit else limit
        parts, got = [], 0
        while got < limit:
            chunk = os.read(fd, want - got)
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
            if got >= want:
                want = limit  # it grew: read on, up to the limit
        return b"".join(parts)
    finally:
        os.close(fd)


#: Whether valid documents may take the ``fast`` extra's path (msgspec, when installed); the
#: tests and the bench switch it off to compare with the exact path.
native = True
# The first document of a process is read the exact way: importing msgspec and building its
# decoder cost as much as reading a few hundred documents, which a command that checks one
# file never reads.
_first = True


# Loaded on first use, then called straight: each replaces itself by the function it loads (an
# import statement in the function would cost a microsecond on every call).
def _read_native(source: str | bytes) -> Report | None:
    # msgspec's path, from the second document of a process on.
    global _read_native
    from .native import read_native

    _read_native = read_native
    return read_native(source)  # type: ignore[no-any-return]


def _write(report: Report) -> str | None:
    # The generated writer: validating never writes.
    global _write
    from .writer import write

    _write = write
    return write(report)


def _no_duplicate_keys(report: Report, text: str | bytes, keys: int) -> bool:
    """Whether the colons of a document's text prove that no key in it was given twice.

    ``keys`` is the number of keys of the objects read. Every member of an object in the text
    is followed by one colon; every other colon stands inside a string (the keys of a report
    hold none), written as it is or escaped (``\\u003a``). So, without such escapes, the text
    holds at least as many colons as the report has keys plus colons in its strings, and
    exactly as many only when no member was dropped as a duplicate.
    """
    colon, backslash, escape = (":", "\\", "\\u003") if isinstance(text, str) else (b":", b"\\", b"\\u003")
    colons = text.count(colon)  # type: ignore[arg-type]
    if colons == keys:
        return True
    # A backslash, rare in a report's text, is looked for first: that search is far quicker.
    escaped = backslash in text and escape in text  # type: ignore[operator]
    return not escaped and colons == keys + count_in_strings(report, ":")


def read_document(source: str | bytes) -> tuple[Report | None, list[Finding]]:
    """JSON text or bytes to a report: ``(report, [])`` or ``(None, findings)`` of the first
    stage that finds a problem (reading, then structure).

    With the ``fast`` extra (msgspec) installed, valid documents are read by msgspec; every
    other document, and every finding, comes from the exact path below.
    """
    global _first
    if native and not _first:
        report = _read_native(source)
        if report is not None:
            return report, []
    _first = False
    text, findings = decode(source)

    if text is None:
        return None, findings
    data, findings = parse_text(text)
    if findings:
        return None, findings
    tally: list[int] = []
    report, findings = structure(data, tally)
    # Only when the colons cannot prove it is the text parsed again to look for duplicate keys
    # (a problem of the reading stage, reported before structure).
    if report is None or not _no_duplicate_keys(report, text, sum(tally)):
        duplicates = duplicate_keys(text)
        if duplicates:
            return None, duplicates
    return report, findings


def loads(source: str | bytes | bytearray | memoryview) -> Report:
    """Read a report from JSON text or UTF-8 bytes (or a ``bytearray`` or ``memoryview``).

    The edition is chosen by ``format_version``; see :func:`from_dict` for how values are
    read. Raises :class:`ReportError` carrying every problem found (bad JSON with line and
    column, bad encoding, or every structural problem, each with a JSON Pointer);
    ``TypeError`` if ``source`` is neither text nor bytes.
    """
    if isinstance(source, (bytearray, memoryview)):
        source = bytes(source)
    if not isinstance(source, (str, bytes)):
        raise TypeError(f"loads() reads JSON text (str) or bytes, not {type(source).__name__}")
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

    A report built in code is written as it is, values of other types included (check it with
    :func:`validate`); ``TypeError`` or ``ValueError`` if a value has no JSON form (a set, a
    ``NaN``).
    """
    text = _write(report)
    return text if text is not None else emit(to_dict(report)) + "\n"


def dump(report: Report, file: str | os.PathLike[str] | IO[Any]) -> None:
    """Write :func:`dumps` of the report to a path (as UTF-8) or to an open file.

    A binary file receives UTF-8 bytes, a text file the text. ``TypeError`` if ``file`` is
    neither a path nor has a ``write`` method.
    """
    text = dumps(report)
    if not isinstance(file, (str, os.PathLike)) and not callable(getattr(file, "write", None)):
        raise TypeError(f"dump() writes to a path or an open file, not {type(file).__name__}")
    if isinstance(file, (str, os.PathLike)):
        with open(file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    try:
        file.write(text.encode("utf-8"))
    except TypeError:
        file.write(text)
