"""Progress on standard error while many files are read: drawn only on a terminal, so that a
redirected run writes nothing but its results."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["Progress", "counted"]


class Progress:
    """A one-line progress count on standard error (only ever drawn on a terminal)."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def show(self, done: int) -> None:
        if self.total is None:  # a stream of files: the count so far
            sys.stderr.write(f"\r{done} …")
            sys.stderr.flush()
            return
        width = 30
        filled = width * done // self.total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def counted(items: Iterator[Any]) -> Iterator[Any]:
    """``items`` unchanged, with a count on standard error every 50 on a terminal."""
    tty = sys.stderr.isatty()
    for done, item in enumerate(items, 1):
        if tty and done % 50 == 0:
            sys.stderr.write(f"\r{done} …")
            sys.stderr.flush()
        yield item
    if tty:
        sys.stderr.write("\r\033[K")
