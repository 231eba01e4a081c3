"""The one code emitter: every generated function (readers, writers, rule runners) is compiled
here, and its source registered with :mod:`linecache` as attrs does, so that a traceback
through generated code shows its lines and :func:`inspect.getsource` works.

Generation is lazy: each function is made the first time it is needed and kept.
``source(name)`` returns what was generated; ``python scripts/show_generated.py`` prints it.

No generated source is kept in the repository. Compiling costs a command several
milliseconds per function, so the compiled code is cached the way Python caches a module's
bytecode: in the ``__pycache__`` folder beside this module, one file per function holding the
source it was compiled from and its code. A cached file is used only while its source is the
one made now; a stale, foreign or broken file is compiled over. Where the folder cannot be
written, or ``sys.dont_write_bytecode`` is set (``PYTHONDONTWRITEBYTECODE``), nothing is
written and the function is compiled in each process.
"""

from __future__ import annotations

import contextlib
import linecache
import marshal
import os
import re
import sys
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from types import CodeType
from typing import Any

__all__ = ["CACHE", "cache_path", "emit_function", "names", "source"]

#: The folder of the cached code of generated functions: this package's ``__pycache__``.
CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")

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
    code = _cached(name, text)
    if code is None:
        code = compile(text, filename, "exec")
        _store(name, text, code)
    exec(code, namespace)
    _SOURCES[name] = text
    made: Callable[..., Any] = namespace[function]
    return made


def cache_path(name: str) -> str:
    """The file that caches the code of the generated function ``name`` for this Python:
    ``"rules 2021/-"`` is ``__pycache__/generated-rules_2021.cpython-311.bin``."""
    stem = re.sub(r"\W+", "_", name).strip("_")
    return os.path.join(CACHE, f"generated-{stem}.{sys.implementation.cache_tag}.bin")


def _cached(name: str, text: str) -> CodeType | None:
    # The cached code of name, if the cache holds it for exactly this source; else None.
    try:
        with open(cache_path(name), "rb") as file:
            data = file.read()
        if not data.startswith(MAGIC_NUMBER):
            return None
        cached_text, code = marshal.loads(data[len(MAGIC_NUMBER) :])
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none, or not readable: compiled here
    if cached_text != text or not isinstance(code, CodeType):
        return None
    return code


def _store(name: str, text: str, code: CodeType) -> None:
    # Written whole or not at all (a temporary file renamed), as Python writes bytecode; a
    # folder that cannot be written leaves the function compiled in each process.
    if sys.dont_write_bytecode:
        return
    path = cache_path(name)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(CACHE, exist_ok=True)
        with open(temporary, "xb") as file:
            file.write(MAGIC_NUMBER + marshal.dumps((text, code)))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def source(name: str) -> str:
    """The source of a generated function, by the name it was emitted under; ``KeyError`` if
    it has not been generated (yet)."""
    return _SOURCES[name]


def names() -> list[str]:
    """The names of the functions generated so far, in the order they were made."""
    return list(_SOURCES)
