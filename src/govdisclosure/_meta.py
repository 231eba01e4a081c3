"""Field metadata: the one place where the template's knowledge about a field lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

import attrs

from ._values import value_class

__all__ = ["METADATA_KEY", "TITLE_ATTRIBUTE", "FieldInfo", "Kind", "class_title", "field_info"]

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
class FieldInfo:
    """What the template says about one field.

    ``label`` is the Chinese label as the template prints it, ``position`` the template's own
    position for it (``三（三）1``, ``第二十条第（八）项``), ``unit`` the unit where one applies
    (``件``, ``万元``), ``description`` an English sentence for the schema and the docs.
    """

    kind: Kind
    label: str
    position: str
    unit: str | None = None
    description: str = ""


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
) -> Any:
    metadata = {METADATA_KEY: FieldInfo(kind, label, position, unit, description)}
    if optional:
        return attrs.field(default=None, metadata=metadata)
    return attrs.field(metadata=metadata)


def count(label: str, position: str, description: str = "") -> Any:
    """A required count of cases (件)."""
    return _field("count", label, position, unit="件", description=description)


def text(label: str, position: str, description: str = "") -> Any:
    """An optional narrative string; absent, empty or blank means "not reported"."""
    return _field("text", label, position, description=description, optional=True)


def obj(label: str, position: str, description: str = "", *, optional: bool = False) -> Any:
    """A nested model object."""
    return _field("object", label, position, description=description, optional=optional)


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
    ``repr()`` attrs would write (see :mod:`._values`)."""

    def decorate(cls: type[T]) -> type[T]:
        setattr(cls, TITLE_ATTRIBUTE, title)
        return value_class(cls)

    return decorate


def class_title(cls: type) -> str:
    """The Chinese title of a model class; ``AttributeError`` if it has none."""
    title = getattr(cls, TITLE_ATTRIBUTE)
    assert isinstance(title, str)
    return title
