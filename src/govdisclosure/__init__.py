"""govdisclosure: China's annual reports on government information disclosure as typed data.

The model (both editions of the national template), strict exact JSON conversion, validation
that reports every problem at once, and a JSON Schema generated from the same classes.
"""

import gc as _gc
import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

# Importing the package builds some fifty classes and thousands of objects, and the cyclic
# garbage collector would run several times meanwhile, with little to free: a twentieth of
# the import time. It is paused while the package imports, and left as it was found.
_collecting = _gc.isenabled()
_gc.disable()
try:
    from ._codec.convert import Report, from_dict, to_dict
    from ._codec.io import dump, dumps, load, loads
    from ._codec.jsontext import MAX_DOCUMENT_BYTES
    from ._findings.finding import MESSAGES, Finding, ReportError
    from ._ground.extras import MissingExtra
    from ._ground.limits import MAX_COUNT
    from ._ground.version import __version__
    from ._many.batch import FileResult, validate_many
    from ._many.workers import WorkerDied
    from ._model.classes import (
        ActiveDisclosure2019,
        ActiveDisclosure2021,
        Applications2019,
        Applications2021,
        Contact,
        CountRow,
        DecisionRow,
        DocumentRow2019,
        ExtraSection,
        FeeRow,
        FeeRow2019,
        ItemRow2019,
        NotProcessed,
        Organ,
        OtherMatters,
        OtherProcessing2021,
        Overview,
        ProcurementRow2019,
        RegulationRow,
        Report2019,
        Report2021,
        Results2019,
        Results2021,
        ReviewAndLitigation,
        ReviewGroup,
        Unavailable,
        Withheld,
    )
    from ._model.editions import EDITIONS
    from ._model.meta import METADATA_KEY, FieldInfo, class_title, field_info
    from ._rules.engine import Rule, rules
    from ._validation.validate import Source, ValidationResult, validate
finally:
    if _collecting:
        _gc.enable()
    del _collecting

if _TYPE_CHECKING:
    from ._extract.pipeline import CellSource, ExtractionResult, extract
    from ._many.aggregate import aggregate
    from ._many.compare import Comparison, compare
    from ._many.dataset import row, table
    from ._many.parquet import to_parquet
    from ._render.render import render, template
    from ._rules.portable import json_schema


# The importer, the renderer, the JSON Schema and the tools for many reports are loaded on first
# use: most programs validate, and they would add a third to the import time.
_LAZY = {
    "CellSource": "._extract.pipeline",
    "ExtractionResult": "._extract.pipeline",
    "extract": "._extract.pipeline",
    "render": "._render.render",
    "aggregate": "._many.aggregate",
    "compare": "._many.compare",
    "Comparison": "._many.compare",
    "table": "._many.dataset",
    "row": "._many.dataset",
    "to_parquet": "._many.parquet",
    "template": "._render.render",
    "json_schema": "._rules.portable",
}


def __getattr__(name: str) -> _Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "EDITIONS",
    "MAX_COUNT",
    "MAX_DOCUMENT_BYTES",
    "MESSAGES",
    "METADATA_KEY",
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "Applications2019",
    "Applications2021",
    "CellSource",
    "Comparison",
    "Contact",
    "CountRow",
    "DecisionRow",
    "DocumentRow2019",
    "ExtraSection",
    "ExtractionResult",
    "FeeRow",
    "FeeRow2019",
    "FieldInfo",
    "FileResult",
    "Finding",
    "ItemRow2019",
    "MissingExtra",
    "NotProcessed",
    "Organ",
    "OtherMatters",
    "OtherProcessing2021",
    "Overview",
    "ProcurementRow2019",
    "RegulationRow",
    "Report",
    "Report2019",
    "Report2021",
    "ReportError",
    "Results2019",
    "Results2021",
    "ReviewAndLitigation",
    "ReviewGroup",
    "Rule",
    "Source",
    "Unavailable",
    "ValidationResult",
    "Withheld",
    "WorkerDied",
    "__version__",
    "aggregate",
    "class_title",
    "compare",
    "dump",
    "dumps",
    "extract",
    "field_info",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "render",
    "row",
    "rules",
    "table",
    "template",
    "to_dict",
    "to_parquet",
    "validate",
    "validate_many",
]
