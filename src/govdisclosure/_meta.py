"""Field metadata: the one place where the template's knowledge about a field lives."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import attrs

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


@attrs.frozen
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
    title (the schema ``title`` of its ``$defs`` entry) and the value semantics every model
    class shares, ``==``, ``hash()`` and ``repr()`` over its fields in order, as attrs writes
    them.

    attrs would generate and compile those three methods for each of the model's 27 classes:
    that is half of building a class, and a fifth of the package's import time.
    """

    def decorate(cls: type[T]) -> type[T]:
        setattr(cls, TITLE_ATTRIBUTE, title)
        names = tuple(a.name for a in attrs.fields(cls))  # type: ignore[arg-type]
        _VALUES[cls] = operator.attrgetter(*names)
        _NAMES[cls] = names
        cls.__eq__ = _eq  # type: ignore[method-assign]
        cls.__hash__ = _hash  # type: ignore[method-assign]
        cls.__repr__ = _repr  # type: ignore[method-assign]
        return cls

    return decorate


# Per model class: its field values as one getter (a tuple, or the value of a single field),
# and its field names.
_VALUES: dict[type, Callable[[Any], Any]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = _VALUES[self.__class__]
    return values(self) == values(other)


def _hash(self: Any) -> int:
    return hash((self.__class__, _VALUES[self.__class__](self)))


def _repr(self: Any) -> str:
    cls = self.__class__
    fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _NAMES[cls])
    return f"{cls.__qualname__}({fields})"


def class_title(cls: type) -> str:
    """The Chinese title of a model class; ``AttributeError`` if it has none."""
    title = getattr(cls, TITLE_ATTRIBUTE)
    assert isinstance(title, str)
    return title
