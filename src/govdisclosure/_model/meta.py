"""Field metadata: the one place where the template's knowledge about a field lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

import attrs

from .._ground.values import value_class

__all__ = [
    "METADATA_KEY",
    "TITLE_ATTRIBUTE",
    "FieldInfo",
    "Kind",
    "Sum",
    "class_title",
    "computed_total",
    "field_info",
]

T = TypeVar("T")

#: The class attribute that holds a model class's Chinese title.
TITLE_ATTRIBUTE = "__govdisclosure_title__"

#: The key under which every field of the model keeps its :class:`FieldInfo`
#: in ``attrs.Attribute.metadata``.
METADATA_KEY = "govdisclosure"

Kind = Literal["count", "signed", "year", "money", "text", "name", "date", "choice", "object", "sections"]
"""What a field holds, which fixes its JSON type and its bounds.

- ``count``: a whole number of cases (件), 0 to :data:`MAX_COUNT`.
- ``signed``: a whole number that may be negative (2019 edition ``items_change``).
- ``year``: the report year, 2019 to 2100.
- ``money``: a non-negative exact decimal (``decimal.Decimal``).
- ``text``: any string; ``name``: a non-empty string.
- ``date``: a calendar date written ``YYYY-MM-DD``.
- ``choice``: one string of a closed set (the field's ``Literal`` type).
- ``object``: a nested model class; ``sections``: a list of :class:`ExtraSection`.
"""


@value_class
@attrs.frozen(repr=False, eq=False)
class Sum:
    """A table identity, stated on the total it defines: the total equals the sum of ``plus``
    less the sum of ``minus``.

    Terms are key paths relative to the object that holds the total, keys joined by ``/``.
    ``"*"`` stands for every other field of that object (a row's 总计), ``"**"`` for every
    other row beneath it (the results' 总计 row). Where the total is a row, the identity holds
    column by column. The rule engine, ``computed_total``, the importer's derivation of missing
    cells and the workbook's check formulas all read the identities from here.
    """

    plus: tuple[str, ...]
    minus: tuple[str, ...] = ()


#: The identities of the template's tables, by what they total.
ROW_TOTAL = Sum(("*",))
ROWS_TOTAL = Sum(("**",))


@value_class
@attrs.frozen(repr=False, eq=False)
class FieldInfo:
    """What the template says about one field.

    ``label`` is the Chinese label as the template prints it, ``position`` the template's own
    position for it (``三（三）1``, ``第二十条第（八）项``), ``unit`` the unit where one applies
    (``件``, ``万元``), ``description`` an English sentence for the schema and the docs.
    ``totals`` is the table identity the field is the total of (see :class:`Sum`), if any.
    """

    kind: Kind
    label: str
    position: str
    unit: str | None = None
    description: str = ""
    totals: Sum | None = None


def field_info(attribute: attrs.Attribute[Any]) -> FieldInfo:
    """Return the :class:`FieldInfo` of a model attribute; ``KeyError`` if it has none."""
    info = attribute.metadata[METADATA_KEY]
    assert isinstance(info, FieldInfo)
    return info


def _field(
    kind: Kind,
    label: str,
    position: str,
    *,
    unit: str | None = None,
    description: str = "",
    optional: bool = False,
    totals: Sum | None = None,
) -> Any:
    metadata = {METADATA_KEY: FieldInfo(kind, label, position, unit, description, totals)}
    if optional:
        return attrs.field(default=None, metadata=metadata)
    return attrs.field(metadata=metadata)


def count(label: str, position: str, description: str = "", *, totals: Sum | None = None) -> Any:
    """A required count of cases (件); ``totals``: the identity it is the total of."""
    return _field("count", label, position, unit="件", description=description, totals=totals)


def text(label: str, position: str, description: str = "") -> Any:
    """An optional narrative string; absent, empty or blank means "not reported"."""
    return _field("text", label, position, description=description, optional=True)


def obj(
    label: str, position: str, description: str = "", *, optional: bool = False, totals: Sum | None = None
) -> Any:
    """A nested model object; ``totals``: the identity it is the total row of."""
    return _field("object", label, position, description=description, optional=optional, totals=totals)


def sections(position: str) -> Any:
    """An optional list of further sub-sections of a section, as published."""
    return _field(
        "sections",
        "其他小节",
        position,
        description="Further sub-sections as published, in order.",
        optional=True,
    )


def model_class(title: str) -> Callable[[type[T]], type[T]]:
    """Finish a model class that attrs has made (``repr=False, eq=False``): give it its Chinese
    title (the schema ``title`` of its ``$defs`` entry) and the ``==``, ``hash()`` and
    ``repr()`` attrs would write (see :mod:`govdisclosure._ground.values`)."""

    def decorate(cls: type[T]) -> type[T]:
        setattr(cls, TITLE_ATTRIBUTE, title)
        return value_class(cls)

    return decorate


def class_title(cls: type) -> str:
    """The Chinese title of a model class; ``AttributeError`` if it has none."""
    title = getattr(cls, TITLE_ATTRIBUTE)
    assert isinstance(title, str)
    return title


def computed_total(obj: Any) -> Any:
    """What the reported total of ``obj`` should be, by the identity its total field states:
    for a row whose total is the sum of its other fields, that sum (an int); for a group whose
    total row is the sum of its other rows, the row of column sums. ``TypeError`` for an object
    no identity totals."""
    fields = attrs.fields(type(obj))
    for total in fields:
        info = total.metadata.get(METADATA_KEY)
        if info is None or info.totals not in (ROW_TOTAL, ROWS_TOTAL):
            continue
        if info.totals == ROW_TOTAL:
            return sum(getattr(obj, f.name) for f in fields if f is not total)
        row = getattr(obj, total.name)
        rows = [r for f in fields if f is not total for r in _rows(getattr(obj, f.name))]
        columns = [f.name for f in attrs.fields(type(row))]
        return type(row)(**{c: sum(getattr(r, c) for r in rows) for c in columns})
    raise TypeError(f"no table identity totals a {type(obj).__name__}")


def _rows(value: Any) -> list[Any]:
    # The rows at or beneath value: the objects whose fields all hold plain values.
    if not attrs.has(type(value)):
        return []
    inner = [getattr(value, f.name) for f in attrs.fields(type(value))]
    if not any(attrs.has(type(v)) for v in inner):
        return [value]
    return [r for v in inner for r in _rows(v)]
