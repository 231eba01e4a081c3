"""Validating many files: in input order, streaming, optionally in several processes."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from .._codec.convert import Report, to_dict
from .._codec.io import read_source
from .._findings.finding import Finding, ReportError
from .._findings.item import Item
from .._ground.values import value_class
from .._validation.validate import ValidationResult, read_report, validate
from .sidecar import SUFFIX, carried, sidecar_of
from .workers import ordered

if TYPE_CHECKING:
    from .._extract.result import ExtractionResult

__all__ = [
    "FileResult",
    "is_json",
    "iter_paths",
    "read_report_any",
    "review_any",
    "validate_any",
    "validate_many",
]


@value_class
@attrs.frozen(repr=False, eq=False)
class FileResult:
    """The result of validating one file, or why the file could not be read.

    ``file`` is the name as given (or found in a directory); exactly one of ``result`` and
    ``unreadable`` (the reason, e.g. "No such file or directory") is set.
    """

    file: str
    result: ValidationResult | None = None
    unreadable: str | None = None
    #: The ``errno`` of the failed read, when the system gave one.
    errno: int | None = None
    #: The report's organ and year, kept when the report itself is not (a batch of the CLI).
    organ: str | None = None
    year: int | None = None

    @property
    def ok(self) -> bool:
        """True when the file was read and has no error."""
        return self.result is not None and self.result.ok

    @property
    def item(self) -> Item:
        """The result as a reporter's :class:`~govdisclosure._findings.item.Item`."""
        if self.result is None:
            finding = self.finding
            assert finding is not None
            return Item(self.file, (finding,), read=False)
        return Item(self.file, self.result.findings, organ=self.organ, year=self.year)

    @property
    def finding(self) -> Finding | None:
        """Why the file could not be read, as a finding (``FILE-NOT-REGULAR`` or
        ``FILE-UNREADABLE``); ``None`` when it was read."""
        if self.unreadable is None:
            return None
        if self.unreadable == NOT_A_FILE:
            return Finding("FILE-NOT-REGULAR", "error", "")
        reason_zh = _REASONS_ZH.get(self.errno or 0, self.unreadable)
        return Finding(
            "FILE-UNREADABLE", "error", "", params={"reason": self.unreadable, "reason_zh": reason_zh}
        )


def iter_paths(
    inputs: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...] = (".json",)
) -> Iterator[str]:
    """File names to validate: files as given, directories walked (sorted) for files ending
    in one of ``suffixes`` (``*.json``). Symbolic links are followed, to files and folders
    alike, wherever they stand; a folder reached twice by links is read once.

    A name that is neither an existing directory nor a file is passed through, so that it is
    reported as unreadable rather than silently skipped. ``TypeError`` for one name given
    alone (a ``str`` would be read as its characters): give ``[name]``.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError(
            f"expected file names and folders, not one {type(inputs).__name__}: give [{inputs!r}]"
        )
    for item in inputs:
        if os.path.isdir(item):
            path = os.fspath(item)
            # A folder that cannot be listed is passed on as a name, so that reading it reports
            # it (unreadable, exit 2) instead of the walk skipping it in silence.
            failed: list[str] = []
            seen: set[tuple[int, int]] = set()
            # Links are followed inside a folder as they are on the command line, to files and
            # folders alike; a folder reached twice (a link back up: a loop) is read once.
            for root, dirs, files in os.walk(path, onerror=_noting(failed), followlinks=True):
                yield from _drained(failed)
                try:
                    here = os.stat(root)
                except OSError:
                    continue
                if (here.st_dev, here.st_ino) in seen:
                    dirs[:] = []
                    continue
                seen.add((here.st_dev, here.st_ino))
                dirs.sort()
                for name in sorted(files):
                    # The findings an import kept beside its report are no report.
                    if name.lower().endswith(suffixes) and not name.lower().endswith(SUFFIX):
                        yield os.path.join(root, name)
            yield from _drained(failed)
        else:
            yield os.fspath(item)


def _noting(failed: list[str]) -> Callable[[OSError], None]:
    def note(error: OSError) -> None:
        failed.append(error.filename)

    return note


def _drained(names: list[str]) -> Iterator[str]:
    while names:
        yield names.pop(0)


# The system's reasons in Chinese, for the messages of FILE-UNREADABLE.
_REASONS_ZH = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "操作不被允许",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ELOOP: "符号链接层数过多",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
    errno.EEXIST: "同名文件已存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
}


#: The reason given for a path that names no regular file (a FIFO, a socket, a device): it is
#: not opened, since opening a FIFO waits for a writer.
NOT_A_FILE = "not a regular file"


def _validate_file(name: str, previous: Report | None, reports: bool) -> FileResult:
    try:
        mode = os.stat(name).st_mode
        if stat.S_ISDIR(mode):
            os.listdir(name)  # a folder the walk could not list: the system says why
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        if not stat.S_ISREG(mode):
            return FileResult(name, unreadable=NOT_A_FILE)
        # The bytes, not a path: validate() would first ask what kind of source it was given.
        result = validate_any(name, read_source(name), previous)
    except OSError as error:
        return FileResult(name, unreadable=error.strerror or str(error), errno=error.errno)
    report = result.report
    organ, year = (report.organ.name, report.year) if report is not None else (None, None)
    if not reports:
        result = ValidationResult(result.findings, None)
    return FileResult(name, result, organ=organ, year=year)


def is_json(name: str, data: bytes) -> bool:
    """Whether a file is read as a JSON report: named ``*.json``, or starting (after a
    byte-order mark and white space) with ``{`` or ``[``. A JSON file stays exactly as strict
    as ever: broken JSON is a JSON finding, never an import."""
    if name.lower().endswith(".json"):
        return True
    return data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def review_any(
    name: str, data: bytes, previous: Report | None = None
) -> tuple[ValidationResult, dict[str, str]]:
    """:func:`validate_any`, and for a scan the crop of the page around each flagged number
    (pointer → PNG ``data:`` URI), for the review page."""
    if is_json(name, data):
        return _with_import(name, validate(data, previous=previous)), {}
    from .._extract.crops import crops

    result, extracted = _checked(data, previous)
    if extracted is None:
        return result, {}
    return result, crops(data, extracted, [f.path for f in result.findings])


def validate_any(name: str, data: bytes, previous: Report | None = None) -> ValidationResult:
    """Validate one file in any form: JSON as :func:`validate` does, any other form read with
    :func:`~govdisclosure.extract` first. For an imported report the import's findings come
    first (cells derived, guessed or left unread), then the report's own (its content rules,
    and the cross-year rules against ``previous``)."""
    if is_json(name, data):
        return _with_import(name, validate(data, previous=previous))
    return _checked(data, previous)[0]


def _with_import(name: str, result: ValidationResult) -> ValidationResult:
    # A report that extract wrote: the findings of its import first, kept beside it.
    if name == "-" or not os.path.isfile(sidecar_of(name)):
        return result
    document = to_dict(result.report) if result.report is not None else None
    return ValidationResult(carried(name, document) + result.findings, result.report)


def _checked(data: bytes, previous: Report | None) -> tuple[ValidationResult, ExtractionResult | None]:
    from .._extract.pipeline import extract

    extracted = extract(data)
    if extracted.report is None:
        return ValidationResult(extracted.findings, None), None
    imported = tuple(f for f in extracted.findings if f.code.startswith("EXTRACT-"))
    checked = validate(extracted.report, previous=previous)
    return ValidationResult(imported + extracted.located(checked.findings), extracted.report), extracted


def read_report_any(name: str, data: bytes) -> Report:
    """The report in one file of any form (JSON strictly, any other form imported);
    :class:`~govdisclosure.ReportError` with the findings when it holds none."""
    if is_json(name, data):
        return read_report(data)
    from .._extract.pipeline import extract

    extracted = extract(data)
    if extracted.report is None:
        raise ReportError(list(extracted.findings))
    return extracted.report


_previous: Report | None = None
_reports = True


def _init_worker(previous: Report | None, reports: bool) -> None:
    global _previous, _reports
    _previous, _reports = previous, reports


def _work(name: str) -> FileResult:
    return _validate_file(name, _previous, _reports)


def validate_many(
    sources: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    previous: Report | None = None,
    reports: bool = True,
) -> Iterator[FileResult]:
    """Validate many files, yielding one :class:`FileResult` per file in input order.

    ``sources`` are file names and directories (walked for ``*.json``, see :func:`iter_paths`).
    ``jobs`` is the number of worker processes: ``None`` or ``1`` validates in this process;
    ``0`` uses every core. Results are yielded as they are ready, so memory does not grow with
    the number of files. ``previous`` (a report) enables the cross-year rules for every file.
    A worker process that dies ends the run with :class:`WorkerDied` naming the files it may
    have been reading (the results given before stand).
    Files that cannot be read, and paths that name no regular file (a FIFO, a socket: they
    are not opened), are results too (``unreadable``), never exceptions. ``ValueError`` for
    ``jobs`` below 0 or not a whole number; ``TypeError`` for one name given alone.

    With ``reports=False`` every ``result.report`` is ``None`` and only the findings are kept.
    Ask for that when the findings are all you need and ``jobs`` is above 1: sending a report
    from a worker process back to this one costs about twice as much as validating it.
    """
    if jobs is not None and (type(jobs) is not int or jobs < 0):
        raise ValueError(f"jobs is a number of processes (0: every core), not {jobs!r}")
    names = iter_paths(sources)
    workers = os.cpu_count() or 1 if jobs == 0 else jobs or 1
    if workers <= 1:
        for name in names:
            yield _validate_file(name, previous, reports)
        return
    yield from ordered(_work, names, workers, _init_worker, (previous, reports))
