"""Optional features and the extras that install them.

A feature that needs an optional library asks :func:`require` for it; without the library the
caller gets :class:`MissingExtra`, whose message names the extra to install. The command line
prints that message (exit status 2); :func:`govdisclosure.extract` turns it into an
``EXTRACT-EXTRA`` finding.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["EXTRAS", "MissingExtra", "require"]

#: module → (extra, what it is for); the extras are declared in ``pyproject.toml``.
EXTRAS: dict[str, tuple[str, str]] = {
    "openpyxl": ("xlsx", "Excel workbooks (.xlsx)"),
    "pypdfium2": ("pdf", "PDF files"),
    "pypdf": ("pdf", "PDF files"),
    "pyarrow": ("parquet", "Parquet datasets"),
    "docx": ("docx", "Word files (.docx)"),
}


class MissingExtra(ImportError):
    """An optional feature was used without the library it needs.

    ``extra`` is the name of the extra that installs it (``xlsx``), ``feature`` what it is for.
    """

    def __init__(self, module: str) -> None:
        self.extra, self.feature = EXTRAS[module]
        super().__init__(
            f"需要安装扩展才能处理 {self.feature}：pip install 'govdisclosure[{self.extra}]' / "
            f"{self.feature} need the {self.extra!r} extra: pip install 'govdisclosure[{self.extra}]'",
            name=module,
        )


def require(module: str) -> ModuleType:
    """The optional library ``module``; :class:`MissingExtra` if it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(module) from error
