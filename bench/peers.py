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
        return Literal[f.choices]  # type: ignore[valid-type,unused-ignore]
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
        # (pydantic's overloads do not type field specs built at run time)
        return pydantic.create_model(f"P{cls.__name__}", __config__=config, **spec)  # type: ignore[call-overload,unused-ignore]

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


def pydantic_model_with_rules(edition: str) -> Any:
    """The strict pydantic peer with the template's table arithmetic written as model
    validators, as a pydantic user would add them: every row's 总计 is the sum of its columns
    (table 三's rows, table 四's groups), the results' 总计 row is the sum of the result rows
    column by column, and 一 + 二 = 三 + 四 for every column of table 三. The fair peer of
    ``validate``: pydantic alone checks no sums. The field names each validator reads are
    looked up once, when the model is built, so that the validators do only the sums."""
    import operator

    import pydantic

    config = pydantic.ConfigDict(strict=True, extra="forbid")

    def leaf(f: FieldDesc) -> Any:
        if f.kind == "money":
            return Annotated[Decimal, pydantic.Field(ge=0, allow_inf_nan=False)]
        return _leaf(f, pydantic.Field)

    def rows_of(cls: type) -> list[tuple[str, ...]]:
        # The paths of the result rows (objects with a 总计) under a results class.
        out: list[tuple[str, ...]] = []
        for f in describe(cls).fields:
            if f.kind != "object" or f.cls is None:
                continue
            inner = describe(f.cls).fields
            if any(g.name == "total" and g.kind == "count" for g in inner):
                out.append((f.name,))
            else:
                out.extend((f.name, *path) for path in rows_of(f.cls))
        return out

    def make(cls: type, fields: list[tuple[str, Any, bool]]) -> Any:
        spec = {name: (tp, ...) if required else (Optional[tp], None) for name, tp, required in fields}  # noqa: UP045
        described = {f.name: f for f in describe(cls).fields}
        validators: dict[str, Any] = {}
        if "total" in described and described["total"].kind == "count":
            parts = operator.attrgetter(*(n for n in described if n != "total"))

            def row_total(self: Any) -> Any:
                if sum(parts(self)) != self.total:
                    raise ValueError("总计应为各列之和")
                return self

            validators["row_total"] = pydantic.model_validator(mode="after")(row_total)
        elif "total" in described:
            paths = [p for p in rows_of(cls) if p != ("total",)]
            getters = [operator.attrgetter(".".join(p)) for p in paths]
            columns = [f.name for f in describe(described["total"].cls).fields]  # type: ignore[arg-type,unused-ignore]

            def results_total(self: Any) -> Any:
                rows = [get(self) for get in getters]
                total = self.total
                for column in columns:
                    if sum(getattr(r, column) for r in rows) != getattr(total, column):
                        raise ValueError(f"三（七）总计 {column}")
                return self

            validators["results_total"] = pydantic.model_validator(mode="after")(results_total)
        if {"new_received", "carried_over", "results", "carried_forward"} <= set(described):
            row_class = described["new_received"].cls
            assert row_class is not None
            columns_ = [f.name for f in describe(row_class).fields]

            def balance(self: Any) -> Any:
                new, old, done, forward = (
                    self.new_received,
                    self.carried_over,
                    self.results.total,
                    self.carried_forward,
                )
                for column in columns_:
                    if getattr(new, column) + getattr(old, column) != getattr(done, column) + getattr(
                        forward, column
                    ):
                        raise ValueError(f"一+二 ≠ 三+四 {column}")
                return self

            validators["balance"] = pydantic.model_validator(mode="after")(balance)
        return pydantic.create_model(  # type: ignore[call-overload,unused-ignore]
            f"R{cls.__name__}", __config__=config, __validators__=validators, **spec
        )

    return _build(edition, leaf, make)
