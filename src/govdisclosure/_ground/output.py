"""Writing an output: one function for every file the library and the command line write."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import Any

__all__ = ["written"]


@contextlib.contextmanager
def written(output: str, *, binary: bool = False) -> Iterator[Any]:
    """A file to write ``output`` through, written whole or not at all: the content goes to a
    temporary file in the same folder, renamed over ``output`` when the block ends without an
    exception (removed otherwise), so that an interrupted run never leaves a half-written file
    that looks whole, and a symlink at ``output`` is replaced, never written through to the file
    it names. A device or a pipe (``/dev/stdout``, ``/dev/null``, a FIFO), itself or at the end
    of a symlink, is written as it is: it is no file to replace. Text is UTF-8, a lone surrogate
    written escaped (as on standard output)."""
    if _stream_target(output):
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        errors = None if binary else "backslashreplace"
        with open(output, mode, encoding=encoding, errors=errors) as sink:
            yield sink
        return
    folder = os.path.dirname(os.path.abspath(output))
    handle, temporary = tempfile.mkstemp(prefix=".govdisclosure-", suffix=".part", dir=folder)
    try:
        if binary:
            with os.fdopen(handle, "wb") as sink:
                yield sink
        else:
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="") as sink:
                yield sink
        os.replace(temporary, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _stream_target(output: str) -> bool:
    # Whether output names (or links to) something other than a regular file or a folder.
    try:
        mode = os.stat(output).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))
