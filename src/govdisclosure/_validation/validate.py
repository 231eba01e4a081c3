"""validate(): every problem of a report at once, stage by stage."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Any

import attrs

from .._codec.convert import Report, is_report, structure, to_dict
from .._codec.io import read_document, read_source
from .._findings.finding import Finding, ReportError
from .._ground.values import value_class
from .._rules.engine import run_rules

__all__ = ["Source", "ValidationResult", "read_report", "validate"]

Source = str | bytes | Mapping[str, Any] | os.PathLike[str] | IO[bytes] | Report
"""What :func:`validate` reads: JSON text (``str``), UTF-8 bytes, a parsed mapping, a path
(``pathlib.Path``; a plain ``str`` is always JSON text), a binary file, or a report object."""


@value_class
@attrs.frozen(repr=False, eq=False)
class ValidationResult:
    """The outcome of :func:`validate`.

    ``findings`` are ordered by position in the document (template order); ``report`` is the
    typed report, or ``None`` when the document is not structurally a report.
    """

    findings: tuple[Finding, ...]
    report: Report | None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return tuple(f for f in self.findings if f.severity == "warning")


def _read(source: Source) -> tuple[Report | None, list[Finding]]:
    if type(source) is bytes or type(source) is str:  # the common case, tested first
        return read_document(source)
    if is_report(source):
        # A report built in code is checked like one read from JSON: attrs does not check
        # values on construction.
        return structure(to_dict(source))  # type: ignore[arg-type]
    if isinstance(source, Mapping):
        return structure(source)
    if isinstance(source, (str, bytes)):
        return read_document(source)
    if isinstance(source, (bytearray, memoryview)):
        return read_document(bytes(source))
    if not isinstance(source, os.PathLike) and not callable(getattr(source, "read", None)):
        raise TypeError(
            "expected JSON text (str), bytes, a mapping, a path, a binary file or a report, "
            f"not {type(source).__name__}"
        )
    return read_document(read_source(source))  # type: ignore[arg-type]


def read_report(source: Source) -> Report:
    """A report from any :data:`Source`; :class:`ReportError` if it is not one."""
    report, findings = _read(source)
    if report is None:
        raise ReportError(findings)
    return report


def validate(source: Source, *, previous: Source | None = None) -> ValidationResult:
    """Check a report and return every finding at once.

    Stages: JSON syntax and encoding, then structure, then the content rules (and, when
    ``previous`` — last year's report of the same organ — is given, the cross-year rules). A
    stage that finds a problem stops the later ones, so that a problem is reported once.

    Raises ``OSError`` when a path cannot be read, :class:`ReportError` when ``previous``
    is not structurally a report (its content findings are not reported), and ``TypeError``
    for a source that is none of the kinds of :data:`Source`. ``source`` is never
    modified.
    """
    prior = read_report(previous) if previous is not None else None
    report, findings = _read(source)
    if report is None:
        return ValidationResult(tuple(findings), None)
    return ValidationResult(tuple(run_rules(report, prior)), report)
