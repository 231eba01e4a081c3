"""The one code emitter: every generated function (readers, writers, rule runners) is compiled
here, and its source registered with :mod:`linecache` as attrs does, so that a traceback
through generated code shows its lines and :func:`inspect.getsource` works.

Generation is lazy: each function is made the first time it is needed and kept.
``source(name)`` returns what was generated; ``python scripts/show_generated.py`` prints it.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from typing import Any

__all__ = ["emit_function", "names", "source"]

_SOURCES: dict[str, str] = {}


def _filename(name: str) -> str:
    return f"<govdisclosure generated {name}>"


def emit_function(
    name: str, lines: list[str], namespace: dict[str, Any], function: str
) -> Callable[..., Any]:
    """Compile ``lines`` (one function definition and what it needs) in ``namespace`` and return
    the function called ``function``. ``name`` (``"reader Report2021"``) names the source in
    tracebacks and for :func:`source`; ``ValueError`` if that name was emitted already with a
    different source."""
    text = "\n".join(lines) + "\n"
    if _SOURCES.get(name, text) != text:
        raise ValueError(f"generated function {name!r} emitted twice with different sources")
    filename = _filename(name)
    # The linecache entry has no modification time, so linecache.checkcache() keeps it.
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    exec(compile(text, filename, "exec"), namespace)
    _SOURCES[name] = text
    made: Callable[..., Any] = namespace[function]
    return made


def source(name: str) -> str:
    """The source of a generated function, by the name it was emitted under; ``KeyError`` if
    it has not been generated (yet)."""
    return _SOURCES[name]


def names() -> list[str]:
    """The names of the functions generated so far, in the order they were made."""
    return list(_SOURCES)
