"""Peer implementations of the same contract, built from govdisclosure's own model description.

Development only: pydantic and msgspec are never runtime dependencies (msgspec is the optional `fast` extra).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional

from govdisclosure._ground.limits import MAX_COUNT
from govdisclosure._model.describe import FieldDesc, describe
from govdisclosure._model.editions import EDITIONS, YEAR_RANGE


def _leaf(f: FieldDesc, bound: Callable[..., Any]) -> Any:
    """The Python type of a leaf field, with its bounds given by ``bound(**constraints)``."""
    kind = f.kind
    limits = {
        "count": (0, MAX_COUNT),
        "signed": (-MAX_COUNT, MAX_COUNT),
        "year": YEAR_RANGE,
    }
    if kind in limits:
        low, high = limits[kind]
        return Annotated[int, bound(ge=low, le=high)]
    if kind == "money":
        return Decimal
    if kind == "name":
        return Annotated[str, bound(min_length=1)]
    if kind == "text":
        return str
    if kind == "date":
        return datetime.date
    if kind == "choice":
        return Literal[f.choices]  # type: ignore[valid-type]
    raise AssertionError(kind)


def _build(
    edition: str, leaf: Callable[[FieldDesc], Any], make: Callable[[type, list[tuple[str, Any, bool]]], Any]
) -> Any:
    made: dict[type, Any] = {}

    def build(cls: type) -> Any:
        if cls not in made:
            fields = []
            for f in describe(cls).fields:
                if f.kind == "object":
                    assert f.cls is not None
                    tp = build(f.cls)
                elif f.kind == "sections":
                    assert f.cls is not None
                    tp = list[build(f.cls)]  # type: ignore[misc]
                else:
                    tp = leaf(f)
                fields.append((f.name, tp, f.required))
            made[cls] = make(cls, fields)
        return made[cls]

    return build(EDITIONS[edition])


def pydantic_model(edition: str) -> Any:
    """A strict pydantic v2 model equivalent to the edition's contract."""
    import pydantic

    config = pydantic.ConfigDict(strict=True, extra="forbid")

    def leaf(f: FieldDesc) -> Any:
        if f.kind == "money":
            return Annotated[Decimal, pydantic.Field(ge=0, allow_inf_nan=False)]
        return _leaf(f, pydantic.Field)

    def make(cls: type, fields: list[tuple[str, Any, bool]]) -> Any:
        spec = {name: (tp, ...) if required else (Optional[tp], None) for name, tp, required in fields}  # noqa: UP045
        return pydantic.create_model(f"P{cls.__name__}", __config__=config, **spec)

    return _build(edition, leaf, make)


def msgspec_type(edition: str) -> Any:
    """msgspec Structs equivalent to the edition's contract (forbid_unknown_fields; msgspec
    cannot bound a Decimal, so this peer does not check money >= 0)."""
    import msgspec

    def make(cls: type, fields: list[tuple[str, Any, bool]]) -> Any:
        spec = [(name, tp) if required else (name, Optional[tp], None) for name, tp, required in fields]  # noqa: UP045
        spec.sort(key=lambda item: len(item) == 3)  # required fields first, as Structs need
        return msgspec.defstruct(f"M{cls.__name__}", spec, forbid_unknown_fields=True, frozen=True)

    return _build(edition, lambda f: _leaf(f, msgspec.Meta), make)
