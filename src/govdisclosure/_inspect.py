"""A small typed description of the model, read once from the attrs classes.

The converter, the structural checker, the JSON Schema generator, the rule engine and the docs
all walk this description instead of the classes, so that each of them sees the same facts.
"""

from __future__ import annotations

import functools
import operator
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Union

import attrs

from ._editions import YEAR_RANGE
from ._meta import METADATA_KEY, FieldInfo, Kind
from ._values import value_class

__all__ = [
    "MAX_COUNT",
    "ClassDesc",
    "FieldDesc",
    "describe",
    "iter_leaves",
    "pointer",
]

#: The largest count (and the largest magnitude of a signed number) the contract accepts:
#: 2**53 - 1, the largest whole number that every JSON consumer (JavaScript's ``Number``
#: included) holds exactly.
MAX_COUNT = 2**53 - 1


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


def escape(key: str) -> str:
    """Escape one reference token for an RFC 6901 JSON Pointer."""
    return key.replace("~", "~0").replace("/", "~1")


def pointer(*parts: str | int) -> str:
    """Build an RFC 6901 JSON Pointer from keys and list indices."""
    return "".join("/" + escape(str(p)) for p in parts)


def split_pointer(ptr: str) -> list[str]:
    """Split a JSON Pointer into unescaped reference tokens."""
    if not ptr:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in ptr[1:].split("/")]


#: What :func:`get_in` returns, when asked to, for a path the document does not have.
ABSENT: Any = object()


def get_in(doc: Any, tokens: Iterable[str], default: Any = ABSENT) -> Any:
    """The value at ``tokens`` (keys) in nested dicts of a JSON document. Where a level is
    missing or is no dict: ``default`` if given, else ``KeyError``."""
    for token in tokens:
        if not isinstance(doc, dict) or token not in doc:
            if default is ABSENT:
                raise KeyError(token)
            return default
        doc = doc[token]
    return doc


def put_in(doc: dict[str, Any], tokens: Sequence[str], value: Any, *, keep: bool = False) -> None:
    """Set the value at ``tokens`` (keys, at least one) in nested dicts, making the missing
    levels as empty dicts; with ``keep``, a value already there stays."""
    for token in tokens[:-1]:
        doc = doc.setdefault(token, {})
    if not (keep and tokens[-1] in doc):
        doc[tokens[-1]] = value


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


_NUMERALS = "一二三四五六七八九十"
_QUIET_POSITIONS = ("标题", "前言", "落款", "小节", "国办", "条例")


def _fragment(f: FieldDesc) -> str:
    position, label = f.info.position, f.info.label
    if not position or position.startswith(_QUIET_POSITIONS):
        return label
    if position[-1].isdigit():
        return f"{position}.{label}"
    if position[-1] == "）":
        return position + label
    if position in _NUMERALS:
        return f"{position}、{label}"
    return f"{position}·{label}"


_CELL_KINDS = frozenset({"count", "signed", "money"})


def cell_name(cls: type, parts: list[str]) -> str:
    """The Chinese name of the cell or part a path names (``三（七）总计·商业企业``).

    ``""`` when the path names nothing of the model (an unknown key, a list item).
    """
    chain = resolve(cls, parts)
    if not chain:
        return ""
    last = chain[-1]
    if parts and parts[-1] != last.name:
        # The path ends inside a list of sections: name the list item by the list.
        return f"{_fragment(last)}[{parts[-1]}]"
    if last.kind in _CELL_KINDS and len(chain) >= 2:
        return f"{_fragment(chain[-2])}·{last.info.label}"
    return _fragment(last)


def position_key(cls: type, parts: list[str]) -> tuple[int, ...]:
    """A sort key that orders paths as the template orders the parts they name.

    Keys the model lacks sort after the known keys of the same object.
    """
    key: list[int] = []
    current: type | None = cls
    in_list = False
    for token in parts:
        if in_list:
            key.append(int(token) if token.isdigit() else 1 << 30)
            in_list = False
            continue
        if current is None:
            key.append(1 << 30)
            continue
        desc = describe(current)
        f = desc.by_name.get(token)
        if f is None:
            key.append(1 << 30)
            current = None
            continue
        key.append(desc.fields.index(f))
        current = f.cls
        in_list = f.kind == "sections"
    return tuple(key)


@functools.cache
def _string_fields(cls: type) -> tuple[tuple[Callable[[Any], Any], type | None], ...]:
    # A getter for each string field of a class, or of each list of sub-sections with the
    # class of its items.
    fields = []
    for path, f in iter_leaves(cls):
        if f.kind in ("text", "name", "sections"):
            fields.append((operator.attrgetter(".".join(path)), f.cls))
    return tuple(fields)


def count_in_strings(obj: Any, char: str) -> int:
    """How many times ``char`` stands in the free text of a model object (its ``text`` and
    ``name`` fields and those of its sub-sections), for proving a document's punctuation."""
    total = 0
    cls: type = type(obj)
    for get, item_cls in _string_fields(cls):
        try:
            value = get(obj)
        except AttributeError:  # in an optional part that is absent
            continue
        if value is None:
            continue
        if item_cls is None:
            total += value.count(char)
        else:
            total += sum(count_in_strings(item, char) for item in value)
    return total
