"""Peer implementations of the same contract, built from govdisclosure's own model description.

Development only: pydantic, msgspec and orjson are never runtime dependencies.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal, Optional

from govdisclosure._inspect import EDITIONS, MAX_COUNT, YEAR_RANGE, FieldDesc, describe


def pydantic_model(edition: str) -> Any:
    """A strict pydantic v2 model equivalent to the edition's contract."""
    from typing import Annotated

    import pydantic

    config = pydantic.ConfigDict(strict=True, extra="forbid")
    made: dict[type, Any] = {}

    def leaf(f: FieldDesc) -> Any:
        kind = f.kind
        if kind == "count":
            return Annotated[int, pydantic.Field(ge=0, le=MAX_COUNT)]
        if kind == "signed":
            return Annotated[int, pydantic.Field(ge=-MAX_COUNT, le=MAX_COUNT)]
        if kind == "year":
            return Annotated[int, pydantic.Field(ge=YEAR_RANGE[0], le=YEAR_RANGE[1])]
        if kind == "money":
            return Annotated[Decimal, pydantic.Field(ge=0, allow_inf_nan=False)]
        if kind == "name":
            return Annotated[str, pydantic.Field(min_length=1)]
        if kind == "text":
            return str
        if kind == "date":
            return datetime.date
        if kind == "choice":
            return Literal[f.choices]  # type: ignore[valid-type]
        raise AssertionError(kind)

    def model(cls: type) -> Any:
        if cls in made:
            return made[cls]
        fields: dict[str, Any] = {}
        for f in describe(cls).fields:
            if f.kind == "object":
                assert f.cls is not None
                tp = model(f.cls)
            elif f.kind == "sections":
                assert f.cls is not None
                tp = list[model(f.cls)]  # type: ignore[misc]
            else:
                tp = leaf(f)
            fields[f.name] = (tp, ...) if f.required else (Optional[tp], None)  # noqa: UP045
        made[cls] = pydantic.create_model(f"P{cls.__name__}", __config__=config, **fields)
        return made[cls]

    return model(EDITIONS[edition])


def msgspec_type(edition: str) -> Any:
    """msgspec Structs equivalent to the edition's contract (forbid_unknown_fields)."""
    from typing import Annotated

    import msgspec

    made: dict[type, Any] = {}

    def leaf(f: FieldDesc) -> Any:
        kind = f.kind
        if kind == "count":
            return Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]
        if kind == "signed":
            return Annotated[int, msgspec.Meta(ge=-MAX_COUNT, le=MAX_COUNT)]
        if kind == "year":
            return Annotated[int, msgspec.Meta(ge=YEAR_RANGE[0], le=YEAR_RANGE[1])]
        if kind == "money":
            return Decimal  # msgspec cannot bound a Decimal: this peer skips the ≥ 0 check
        if kind == "name":
            return Annotated[str, msgspec.Meta(min_length=1)]
        if kind == "text":
            return str
        if kind == "date":
            return datetime.date
        if kind == "choice":
            return Literal[f.choices]  # type: ignore[valid-type]
        raise AssertionError(kind)

    def struct(cls: type) -> Any:
        if cls in made:
            return made[cls]
        fields: list[Any] = []
        for f in describe(cls).fields:
            if f.kind == "object":
                assert f.cls is not None
                tp = struct(f.cls)
            elif f.kind == "sections":
                assert f.cls is not None
                tp = list[struct(f.cls)]  # type: ignore[misc]
            else:
                tp = leaf(f)
            fields.append((f.name, tp) if f.required else (f.name, Optional[tp], None))  # noqa: UP045
        fields.sort(key=lambda item: len(item) == 3)  # required fields first, as Structs need
        made[cls] = msgspec.defstruct(f"M{cls.__name__}", fields, forbid_unknown_fields=True, frozen=True)
        return made[cls]

    return struct(EDITIONS[edition])
