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

#: module → (extra, what it is for in Chinese, in English); the extras are declared in
#: ``pyproject.toml``.
EXTRAS: dict[str, tuple[str, str, str]] = {
    "openpyxl": ("xlsx", "Excel 工作簿（.xlsx）", "Excel workbooks (.xlsx)"),
    "pypdfium2": ("pdf", "PDF 文件", "PDF files"),
    "pypdf": ("pdf", "PDF 文件", "PDF files"),
    "pyarrow": ("parquet", "Parquet 数据集", "Parquet datasets"),
    "rapidocr_onnxruntime": ("ocr", "扫描件和图片", "scans and pictures"),
    "numpy": ("ocr", "扫描件和图片", "scans and pictures"),
    "PIL.Image": ("ocr", "扫描件和图片", "scans and pictures"),
    "PIL.ImageSequence": ("ocr", "扫描件和图片", "scans and pictures"),
    "docx": ("docx", "Word 文件（.docx）", "Word files (.docx)"),
}


class MissingExtra(ImportError):
    """An optional feature was used without the library it needs.

    ``extra`` is the name of the extra that installs it (``xlsx``), ``feature`` what it is for.
    """

    def __init__(self, module: str) -> None:
        self.extra, self.feature_zh, self.feature = EXTRAS[module]
        super().__init__(
            f"处理{self.feature_zh}需要安装扩展：pip install 'govdisclosure[{self.extra}]' / "
            f"{self.feature} need the {self.extra!r} extra: pip install 'govdisclosure[{self.extra}]'",
            name=module,
        )


def require(module: str) -> ModuleType:
    """The optional library ``module``; :class:`MissingExtra` if it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(module) from error
