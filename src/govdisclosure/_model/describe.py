"""A small typed description of the model, read once from the attrs classes.

The converter, the structural checker, the JSON Schema generator, the rule engine and the docs
all walk this description instead of the classes, so that each of them sees the same facts.
"""

from __future__ import annotations

import functools
import sys
import types
import typing
from collections.abc import Iterator
from typing import Any, Union

import attrs

from .._ground.limits import MAX_COUNT
from .._ground.values import value_class
from .editions import YEAR_RANGE
from .meta import METADATA_KEY, FieldInfo, Kind

__all__ = ["ClassDesc", "FieldDesc", "describe", "describe_of", "iter_leaves", "resolve"]


# --- what a field holds: a small tagged union, the one reading of the field kinds ----------


@value_class
@attrs.frozen(repr=False, eq=False)
class WholeNumber:
    """A whole number from ``minimum`` to ``maximum`` (a count, a signed number, the year)."""

    minimum: int
    maximum: int


@value_class
@attrs.frozen(repr=False, eq=False)
class ExactDecimal:
    """A decimal number of at least ``minimum``, kept exact (money)."""

    minimum: int = 0


@value_class
@attrs.frozen(repr=False, eq=False)
class String:
    """A string of at least ``min_length`` characters."""

    min_length: int = 0


@value_class
@attrs.frozen(repr=False, eq=False)
class CalendarDate:
    """A real calendar date, written ``YYYY-MM-DD``."""


@value_class
@attrs.frozen(repr=False, eq=False)
class OneOf:
    """One string of a closed set."""

    choices: tuple[str, ...]


@value_class
@attrs.frozen(repr=False, eq=False)
class Nested:
    """An object of a model class."""

    cls: type


@value_class
@attrs.frozen(repr=False, eq=False)
class NestedList:
    """A list of objects of a model class."""

    cls: type


Shape = WholeNumber | ExactDecimal | String | CalendarDate | OneOf | Nested | NestedList
"""What a field holds, with its constraints: the schema, the readers and writers, the
strategies and the docs all read this, never the kind string."""

#: Shapes of the leaf kinds (the nested ones carry their class).
_LEAF_SHAPES: dict[str, Shape] = {
    "count": WholeNumber(0, MAX_COUNT),
    "signed": WholeNumber(-MAX_COUNT, MAX_COUNT),
    "year": WholeNumber(*YEAR_RANGE),
    "money": ExactDecimal(0),
    "text": String(0),
    "name": String(1),
    "date": CalendarDate(),
}


@value_class
@attrs.frozen(repr=False, eq=False)
class FieldDesc:
    """One field of a model class: its JSON key, what it holds and what the template says."""

    name: str
    kind: Kind
    info: FieldInfo
    required: bool
    shape: Shape

    @property
    def cls(self) -> type | None:
        """The nested class, for ``object`` and ``sections`` fields."""
        return self.shape.cls if isinstance(self.shape, (Nested, NestedList)) else None

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed strings, for ``choice`` fields."""
        return self.shape.choices if isinstance(self.shape, OneOf) else ()


@value_class
@attrs.frozen(repr=False, eq=False)
class ClassDesc:
    """A model class and its fields in template order."""

    cls: type
    fields: tuple[FieldDesc, ...]
    by_name: dict[str, FieldDesc] = attrs.field(eq=False, repr=False)


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


@functools.cache
def _hint(module: str, annotation: str) -> Any:
    # What an annotation of the model names. The model's modules postpone evaluation, so each is
    # a string; evaluated once per distinct string in its module (typing.get_type_hints would
    # evaluate every field of every class again, a third of the cost of a command's first
    # validation).
    return eval(annotation, vars(sys.modules[module]))


@functools.cache
def describe(cls: type) -> ClassDesc:
    """Describe a model class (cached: the model is immutable)."""
    fields = []
    for attribute in attrs.fields(cls):
        info = attribute.metadata[METADATA_KEY]
        annotation = attribute.type
        hint = _hint(cls.__module__, annotation) if isinstance(annotation, str) else annotation
        tp = _strip_optional(hint)
        shape: Shape
        if info.kind == "object":
            shape = Nested(tp)
        elif info.kind == "sections":
            shape = NestedList(typing.get_args(tp)[0])
        elif info.kind == "choice":
            shape = OneOf(typing.get_args(tp))
        else:
            shape = _LEAF_SHAPES[info.kind]
        fields.append(
            FieldDesc(
                name=attribute.name,
                kind=info.kind,
                info=info,
                required=attribute.default is attrs.NOTHING,
                shape=shape,
            )
        )
    return ClassDesc(cls, tuple(fields), {f.name: f for f in fields})


def describe_of(value: object) -> ClassDesc:
    """Describe the class of a model object."""
    cls: type = type(value)
    return describe(cls)


def iter_leaves(cls: type, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], FieldDesc]]:
    """Every leaf (non-object) field beneath ``cls``, depth first in template order."""
    for f in describe(cls).fields:
        path = (*prefix, f.name)
        if f.kind == "object":
            assert f.cls is not None
            yield from iter_leaves(f.cls, path)
        else:
            yield path, f


def resolve(cls: type, parts: list[str]) -> list[FieldDesc] | None:
    """The chain of fields a path of keys walks through, or ``None`` if the model lacks it.

    Integer tokens step into ``sections`` lists.
    """
    chain: list[FieldDesc] = []
    current: type | None = cls
    in_list = False
    for token in parts:
        if in_list:
            if not token.isdigit():
                return None
            in_list = False
            continue
        if current is None:
            return None
        f = describe(current).by_name.get(token)
        if f is None:
            return None
        chain.append(f)
        current = f.cls
        in_list = f.kind == "sections"
    return chain
