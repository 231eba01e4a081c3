"""The registry of template editions: one entry per edition, read by everything that needs it.

An edition is its report class (whose ``format_version`` field names the code and, as its
template position, the decree), the report years it serves, and the phrases that only its
tables print, by which the importer tells the edition of a published report. Adding an edition
is a new report class in :mod:`.classes` and one entry here (``docs/contributing.md``).
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

import attrs

from .._ground.values import value_class
from .classes import Report, Report2019, Report2021
from .meta import METADATA_KEY

__all__ = [
    "BY_CODE",
    "EDITIONS",
    "EDITIONS_LIST",
    "YEAR_PATTERN",
    "YEAR_RANGE",
    "Edition",
    "edition_for_year",
    "report_class",
]


@value_class
@attrs.frozen(repr=False, eq=False)
class Edition:
    """One edition of the national template.

    ``years`` are the first and last report years it serves (both included); ``markers``
    phrases that only its tables print (``本年制发件数``), so that a published report of that
    edition can be told from its text.
    """

    cls: type[Report]
    years: tuple[int, int]
    markers: tuple[str, ...]

    @property
    def code(self) -> str:
        """The edition's ``format_version`` (``"2021"``), from the report class."""
        (code,) = typing.get_args(typing.get_type_hints(self.cls)["format_version"])
        return str(code)

    @property
    def decree(self) -> str:
        """The document that issued the edition (``国办公开办函〔2021〕30号``), from the class."""
        info = attrs.fields_dict(self.cls)["format_version"].metadata[METADATA_KEY]
        return str(info.position)

    @property
    def decree_number(self) -> str:
        """The decree's number as reports cite it (``〔2021〕30号``)."""
        return self.decree.rsplit("函", 1)[-1]


#: The editions, newest first.
EDITIONS_LIST: tuple[Edition, ...] = (
    Edition(Report2021, (2021, 2100), ("本年制发件数", "逾期不补正", "缴纳费用")),
    Edition(Report2019, (2019, 2020), ("本年新制作数量", "其他对外管理服务事项", "政府集中采购")),
)

#: Each edition by its code.
BY_CODE: Mapping[str, Edition] = {e.code: e for e in EDITIONS_LIST}

#: The report class of each edition by its code, newest first (``gd.EDITIONS``).
EDITIONS: Mapping[str, type[Report]] = {e.code: e.cls for e in EDITIONS_LIST}

#: The report years any edition serves: the range of the ``year`` field.
YEAR_RANGE = (min(e.years[0] for e in EDITIONS_LIST), max(e.years[1] for e in EDITIONS_LIST))

#: A year in a report's text, as a regular expression: 2000 to the last year of
#: :data:`YEAR_RANGE`. Wider than the range at its start, so that a report of a year no edition
#: serves is still read (and then refused with a finding) rather than taken for other text.
YEAR_PATTERN = rf"(?:20\d\d|{YEAR_RANGE[1]})"


def report_class(edition: str) -> type[Report]:
    """The report class of an edition; ``ValueError`` naming the editions if it is unknown."""
    try:
        return EDITIONS[edition]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(e) for e in EDITIONS)
        raise ValueError(f"unknown edition {edition!r}; the editions are {allowed}") from None


def edition_for_year(year: int) -> Edition | None:
    """The edition that serves report year ``year``, or ``None``."""
    return next((e for e in EDITIONS_LIST if e.years[0] <= year <= e.years[1]), None)
