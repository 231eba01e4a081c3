"""The formats of a registry chosen by name: the public modules of a package's folder."""

from __future__ import annotations

import os
from collections.abc import Iterable

__all__ = ["module_names"]


def module_names(path: Iterable[str]) -> tuple[str, ...]:
    """The names of the public modules (``name.py``, not starting with ``_``) in the folders
    of a package's ``__path__``, sorted. A folder on disk is listed as it is: importing
    pkgutil would cost more than the listing, at every start of the command line. A path that
    is no folder (a zip archive) is read through pkgutil."""
    folders = list(path)
    names: set[str] = set()
    for folder in folders:
        try:
            entries = os.listdir(folder)
        except OSError:
            import pkgutil

            return tuple(sorted(m.name for m in pkgutil.iter_modules(folders) if not m.name.startswith("_")))
        for entry in entries:
            stem, _, suffix = entry.partition(".")
            if suffix == "py" and stem.isidentifier() and not stem.startswith("_"):
                names.add(stem)
    return tuple(sorted(names))
