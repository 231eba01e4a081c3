"""Reporters: findings turned into output, one module per format, chosen by name.

What is reported is an :class:`Item`: a name (a file, ``-``) and its findings, whatever stage
made them (validation, import, a file that could not be read). A module here is a format: its
name is the format's name, and it defines a ``Reporter`` class with
``item(item)`` and ``close(tally)``, built as ``Reporter(out, lang, quiet)`` (``quiet``: list
only items with findings, where the format lists items at all). Adding a format is
adding a module; no checking code changes (``docs/contributing.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Protocol, TextIO

import attrs

from ..._findings.item import Item
from ..._ground.registry import module_names
from ..._ground.values import value_class

__all__ = ["Item", "Reporter", "Tally", "load", "names"]


@value_class
@attrs.define(repr=False, eq=False)
class Tally:
    """Running counts for the summary line."""

    files: int = 0
    valid: int = 0
    with_errors: int = 0
    with_warnings: int = 0
    unreadable: int = 0
    #: How many findings of each code, in the order the codes were first met.
    codes: dict[str, int] = attrs.field(factory=dict)

    def add(self, item: Item) -> None:
        """Count one item."""
        self.files += 1
        for finding in item.findings:
            self.codes[finding.code] = self.codes.get(finding.code, 0) + 1
        if not item.read:
            self.unreadable += 1
            return
        if item.ok:
            self.valid += 1
            if item.warnings:
                self.with_warnings += 1
        else:
            self.with_errors += 1

    def summary(self, lang: str = "zh") -> str:
        """One line whose parts add up to the files: passed (of which with warnings), with
        errors, unreadable (if any)."""
        if lang == "zh":
            line = f"共 {self.files} 个文件：{self.valid} 个通过（其中 {self.with_warnings} 个有警告），{self.with_errors} 个有错误"
            return line + (f"，{self.unreadable} 个无法读取" if self.unreadable else "") + "\n"
        files = "1 file" if self.files == 1 else f"{self.files} files"
        line = (
            f"{files}: {self.valid} passed ({self.with_warnings} of them with warnings), "
            f"{self.with_errors} with errors"
        )
        return line + (f", {self.unreadable} unreadable" if self.unreadable else "") + "\n"

    def by_code(self, lang: str = "zh") -> str:
        """The count of findings per code as one line (empty when there were none)."""
        if not self.codes:
            return ""
        counts = ", ".join(f"{code} {count}" for code, count in sorted(self.codes.items()))
        return ("按代码统计：" if lang == "zh" else "findings by code: ") + counts + "\n"


class Reporter(Protocol):
    """What every reporter module's ``Reporter`` class is."""

    def __init__(self, out: TextIO, lang: str, quiet: bool = False) -> None: ...

    def item(self, item: Item) -> None:
        """Write one item."""

    def close(self, tally: Tally) -> None:
        """Write what ends the output (a summary, a closing bracket)."""


def names() -> tuple[str, ...]:
    """The names of the formats, sorted (the modules of this package)."""
    return module_names(__path__)


def load(name: str) -> type[Reporter]:
    """The ``Reporter`` class of format ``name``; ``ValueError`` naming the formats otherwise."""
    if name not in names():
        allowed = ", ".join(repr(n) for n in names())
        raise ValueError(f"unknown format {name!r}; the formats are {allowed}")
    reporter: type[Reporter] = importlib.import_module(f"{__name__}.{name}").Reporter
    return reporter


def report(items: Iterable[Item], out: TextIO, format: str = "text", lang: str = "zh") -> Tally:
    """Write every item with the reporter of ``format`` and close it; the counts."""
    reporter = load(format)(out, lang)
    tally = Tally()
    for item in items:
        tally.add(item)
        reporter.item(item)
    reporter.close(tally)
    return tally
