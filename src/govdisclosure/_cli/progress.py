"""Progress on standard error while many files are read: drawn only on a terminal, so that a
redirected run writes nothing but its results.

The bar is the library's own (one line, redrawn at most ten times a second): the package's
runtime dependencies stay attrs, cattrs and jsonschema, and a bar is a dozen lines."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["Progress", "files_to_read", "pages_told", "tracked"]

T = TypeVar("T")


class Progress:
    """A one-line progress bar on standard error (only ever drawn on a terminal): done of
    total, the time taken and an estimate of the time left."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.start = time.monotonic()
        self.drawn = 0.0

    def line(self, done: int, now: float) -> str:
        """The bar's text after ``done`` items, ``now`` seconds on the monotonic clock."""
        spent = now - self.start
        if self.total is None:  # a stream of files: the count so far
            return f"{done} … {spent:.0f} s"
        width = 30
        filled = width * done // self.total if self.total else width
        left = spent / done * (self.total - done) if done else 0.0
        return (
            f"[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} · {spent:.0f} s · "
            f"剩余约 {left:.0f} s / about {left:.0f} s left"
        )

    def show(self, done: int) -> None:
        now = time.monotonic()
        if now - self.drawn < 0.1 and done != self.total:
            return
        self.drawn = now
        sys.stderr.write("\r\033[K" + self.line(done, now))
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def tracked(items: Iterable[T], total: int | None) -> Iterator[T]:
    """``items`` unchanged, with a :class:`Progress` bar of ``total`` on standard error when it
    is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    progress = Progress(total)
    done = 0
    try:
        for item in items:
            done += 1
            progress.show(done)
            yield item
    finally:
        progress.clear()


def files_to_read(inputs: list[str]) -> int | None:
    """How many files a run over ``inputs`` reads, for the bar's total: counted only on a
    terminal (a walk of the folders of its own, so that no name is kept)."""
    if not sys.stderr.isatty():
        return None
    from .._many.batch import iter_paths
    from .._many.read import SUFFIXES

    return sum(1 for _ in iter_paths(inputs, SUFFIXES))


@contextlib.contextmanager
def pages_told() -> Iterator[None]:
    """On a terminal, a line on standard error for each page of a scan as the recogniser starts
    on it (a few seconds a page), cleared when the block ends."""
    if not sys.stderr.isatty():
        yield
        return
    from .._extract.ocr import PAGE_READ

    start = time.monotonic()

    def show(number: int) -> None:
        sys.stderr.write(
            f"\r\033[K识别第 {number} 页 / reading page {number} of the scan · {time.monotonic() - start:.0f} s"
        )
        sys.stderr.flush()

    token = PAGE_READ.set(show)
    try:
        yield
    finally:
        PAGE_READ.reset(token)
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
