"""Counting a character in the free text of a report, for proving a document's punctuation
(the fast path proves no key was unknown or repeated by counting quotes)."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from .._model.describe import iter_leaves

__all__ = ["count_in_strings"]


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
