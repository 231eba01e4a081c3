"""The output formats of :func:`govdisclosure.render`, one module each.

A module here is a format: its name is the format's name, and it defines ``render(report)``
(returning ``str`` or ``bytes``); its docstring says what it is. A format that needs an optional
library loads it with ``require``, which names the extra that installs it. Adding a format is adding a
module; nothing else changes (``docs/contributing.md``).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..._ground.registry import module_names

__all__ = ["load", "names"]


def names() -> tuple[str, ...]:
    """The names of the formats, sorted (the modules of this package)."""
    return module_names(__path__)


def load(name: str) -> ModuleType:
    """The module of format ``name``; ``ValueError`` naming the formats if there is none."""
    if name not in names():
        allowed = ", ".join(repr(n) for n in names())
        raise ValueError(f"unknown format {name!r}; the formats are {allowed}")
    return importlib.import_module(f"{__name__}.{name}")
