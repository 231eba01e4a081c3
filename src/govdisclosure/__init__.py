"""govdisclosure: China's annual reports on government information disclosure as typed data.

The model (both editions of the national template), strict exact JSON conversion, validation
that reports every problem at once, and a JSON Schema generated from the same classes.
"""

from ._convert import from_dict, to_dict
from ._findings import Finding, ReportError
from ._io import dump, dumps, load, loads
from ._meta import METADATA_KEY, FieldInfo
from ._model import (
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

__version__ = "0.1.0"

__all__ = [
    "METADATA_KEY",
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "Applications2019",
    "Applications2021",
    "Contact",
    "CountRow",
    "DecisionRow",
    "DocumentRow2019",
    "ExtraSection",
    "FeeRow",
    "FeeRow2019",
    "FieldInfo",
    "Finding",
    "ItemRow2019",
    "NotProcessed",
    "Organ",
    "OtherMatters",
    "OtherProcessing2021",
    "Overview",
    "ProcurementRow2019",
    "RegulationRow",
    "Report2019",
    "Report2021",
    "ReportError",
    "Results2019",
    "Results2021",
    "ReviewAndLitigation",
    "ReviewGroup",
    "Unavailable",
    "Withheld",
    "__version__",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "to_dict",
]
