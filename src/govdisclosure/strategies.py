"""Hypothesis strategies that build reports and report documents, for your own tests.

Needs the ``hypothesis`` extra (``pip install govdisclosure[hypothesis]``). The strategies are
derived from the model, so they follow it when it changes.

>>> from hypothesis import given
>>> from govdisclosure.strategies import reports
>>> @given(reports(consistent=True))
... def test_my_renderer(report): ...
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ._codec.convert import Report, from_dict
from ._model.describe import CalendarDate, ExactDecimal, FieldDesc, OneOf, String, WholeNumber, describe
from ._model.editions import EDITIONS, YEAR_RANGE
from ._model.identities import equations

__all__ = ["documents", "reports"]

# Any character a JSON string may hold, lone surrogates ("\\ud800") included: every writer
# must keep them or show them escaped.
_TEXT = st.text(st.characters(), max_size=40) | st.sampled_from(
    ["", "　", "无。", "本机关未收取信息处理费。", "一是……\n二是……"]
)


def _small_then_large(low: int, high: int) -> st.SearchStrategy[int]:
    # Real counts are small; the bounds still get exercised.
    return st.integers(low, min(high, low + 2000)) | st.integers(low, high)


def _leaf(f: FieldDesc) -> st.SearchStrategy[Any]:
    shape = f.shape
    if isinstance(shape, WholeNumber):
        if shape.minimum >= 0:
            return _small_then_large(shape.minimum, shape.maximum)
        return st.integers(-2000, 2000) | st.integers(shape.minimum, shape.maximum)
    if isinstance(shape, ExactDecimal):
        return st.decimals(
            min_value=shape.minimum, max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False
        )
    if isinstance(shape, String):
        return _TEXT.filter(lambda t: len(t) >= shape.min_length) if shape.min_length else _TEXT
    if isinstance(shape, CalendarDate):
        first, last = YEAR_RANGE
        return st.dates(datetime.date(first, 1, 1), datetime.date(last + 1, 12, 31)).map(
            datetime.date.isoformat
        )
    if isinstance(shape, OneOf):
        return st.sampled_from(shape.choices)
    raise AssertionError(shape)  # pragma: no cover - nested shapes are drawn by _document


def _document(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for f in describe(cls).fields:
        strategy: st.SearchStrategy[Any]
        if f.kind == "object":
            assert f.cls is not None
            strategy = _document(f.cls)
        elif f.kind == "sections":
            assert f.cls is not None
            strategy = st.lists(_document(f.cls), max_size=3)
        else:
            strategy = _leaf(f)
        (required if f.required else optional)[f.name] = strategy
    order = [f.name for f in describe(cls).fields]
    return st.fixed_dictionaries(required, optional=optional).map(
        lambda d: {k: d[k] for k in order if k in d}
    )


# Cells are kept well below MAX_COUNT, so that the sums of a consistent report stay counts.
_CELL_CAP = 10**9


@st.composite
def _consistent(draw: st.DrawFn, edition: str) -> dict[str, Any]:
    # Any document, then every total made to hold by the table identities of the rule table:
    # each equation's target is set to its sum; where that sum would be negative (more
    # results than applications), the first added term is raised instead. Rounds until every
    # equation holds (three at most: row totals, column totals, the balance).
    doc = draw(_document(EDITIONS[edition]))
    system = equations(edition)

    def get(path: tuple[str, ...]) -> int:
        value: Any = doc
        for name in path:
            value = value[name]
        return int(value)

    def put(path: tuple[str, ...], value: int) -> None:
        target: Any = doc
        for name in path[:-1]:
            target = target[name]
        target[path[-1]] = value

    for cell in {c for eq in system for c in eq.cells}:
        put(cell, min(get(cell), _CELL_CAP))
    for _ in range(len(system) + 1):
        changed = False
        for eq in system:
            value = sum(get(c) for c in eq.plus) - sum(get(c) for c in eq.minus)
            if value < 0:
                put(eq.plus[0], get(eq.plus[0]) - value)
                value, changed = 0, True
            if get(eq.target) != value:
                put(eq.target, value)
                changed = True
        if not changed:
            break
    if "published_on" in doc:
        earliest = datetime.date(doc["year"] + 1, 1, 1)
        days = draw(st.integers(0, 180))
        doc["published_on"] = (earliest + datetime.timedelta(days=days)).isoformat()
    return doc


def documents(edition: str = "2021", *, consistent: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """JSON-shaped dicts that are structurally valid reports of ``edition``.

    With ``consistent=True`` they also pass every error rule (warnings may remain): the
    table totals add up and ``published_on`` is after the report year.
    """
    if consistent:
        return _consistent(edition)
    return _document(EDITIONS[edition])


def reports(edition: str | None = None, *, consistent: bool = False) -> st.SearchStrategy[Report]:
    """Report objects of ``edition`` (either edition if ``None``); see :func:`documents`."""
    editions = [edition] if edition else list(EDITIONS)
    return st.one_of([documents(e, consistent=consistent) for e in editions]).map(from_dict)
