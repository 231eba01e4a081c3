"""One ``==``, ``hash()`` and ``repr()`` for the package's attrs classes.

attrs generates and compiles these three methods for each class it makes: half the cost of
building a class, and a fifth of the package's import time over its fifty classes. A class made
with ``repr=False, eq=False`` and then given to :func:`value_class` gets shared functions that
compare, hash and show its fields in order, honouring each field's ``eq``, ``hash`` and
``repr`` flags, as attrs writes them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["value_class"]

T = TypeVar("T")

# Per class: the values compared, the values hashed (each a getter returning a tuple), and
# the names shown by repr().
_EQ: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
_HASH: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
_REPR: dict[type, tuple[str, ...]] = {}


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:  # attrgetter of one name returns the value, not a 1-tuple
        get = operator.attrgetter(names[0])
        return lambda obj: (get(obj),)
    if not names:
        return lambda obj: ()
    return operator.attrgetter(*names)


def value_class(cls: type[T]) -> type[T]:
    """Give ``cls`` (an attrs class made with ``repr=False, eq=False``) value equality, a
    hash when it is frozen (unhashable otherwise, as attrs does), and attrs' repr. A method
    the class defines itself is kept."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    _EQ[cls] = _getter([a.name for a in fields if a.eq])
    _HASH[cls] = _getter([a.name for a in fields if (a.eq if a.hash is None else a.hash)])
    _REPR[cls] = tuple(a.name for a in fields if a.repr)
    own = cls.__dict__
    if "__eq__" not in own:
        cls.__eq__ = _eq  # type: ignore[method-assign]
    if "__hash__" not in own or own["__hash__"] is object.__hash__:
        frozen = cls.__setattr__ is not object.__setattr__
        cls.__hash__ = _hash if frozen else None  # type: ignore[method-assign,assignment]
    if "__repr__" not in own:
        cls.__repr__ = _repr  # type: ignore[method-assign]
    return cls


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = _EQ[self.__class__]
    return values(self) == values(other)


def _hash(self: Any) -> int:
    return hash((self.__class__, *_HASH[self.__class__](self)))


def _repr(self: Any) -> str:
    cls = self.__class__
    fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _REPR[cls])
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"
