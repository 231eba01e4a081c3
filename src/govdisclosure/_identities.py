"""The table identities as data: the arithmetic rules of the rule table read as equations.

The rules of kind ``sum``, ``column_sum`` and ``balance`` (T3-ROW-TOTAL, T3-RESULTS-TOTAL,
T3-BALANCE, T4-TOTAL) are the only statement of the tables' arithmetic. Everything else that
needs it reads them from here: the model's ``computed_total`` views, the importer when it
derives a missing cell, and the Hypothesis strategies when they build consistent reports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["Equation", "computed_total", "equations", "solve"]

Path = tuple[str, ...]


@attrs.frozen
class Equation:
    """``target = Σ plus − Σ minus``, over cells named by their key paths; ``code`` is the rule's."""

    code: str
    target: Path
    plus: tuple[Path, ...]
    minus: tuple[Path, ...] = ()

    @property
    def cells(self) -> tuple[Path, ...]:
        """Every cell the equation reads, the target first."""
        return (self.target, *self.plus, *self.minus)

    def value_of(self, cell: Path, known: Callable[[Path], int | None]) -> int | None:
        """The value ``cell`` must have for the equation to hold, when every other cell is
        ``known`` (a function returning ``None`` for an unknown cell); else ``None``."""
        others = {c: known(c) for c in self.cells if c != cell}
        if any(v is None for v in others.values()):
            return None
        total = sum(others[c] or 0 for c in self.plus if c != cell) - sum(
            others[c] or 0 for c in self.minus if c != cell
        )
        if cell == self.target:
            return total
        target = others[self.target] or 0
        # cell is one of the plus (sign +1) or minus (sign -1) terms, each standing once.
        return target - total if cell in self.plus else total - target


@functools.cache
def equations(edition: str) -> tuple[Equation, ...]:
    """The table identities of an edition, one equation per concrete check, in rule order."""
    from ._rules import Arithmetic, compiled

    out = []
    for rule, _, _, _, test in compiled(edition, None):
        if isinstance(test, Arithmetic) and not test.constant:
            terms = (*test.plus, *test.minus, test.actual)
            if all(source == "r" for source, _ in terms):
                out.append(
                    Equation(
                        rule.code,
                        test.actual[1],
                        tuple(p for _, p in test.plus),
                        tuple(p for _, p in test.minus),
                    )
                )
    return tuple(out)


def solve(
    system: tuple[Equation, ...], values: dict[Path, int | None], unknown: list[Path]
) -> dict[Path, tuple[int, ...]]:
    """Fill the ``unknown`` cells of ``values`` that the equations pin down, in place.

    A cell is pinned down when every equation that holds it with all its other cells known
    gives it the same value, and that value is not negative; cells are solved in rounds until
    none more can be. Returns, for each cell left unknown, the values the equations proposed
    (empty when none could say anything); ``values`` keeps ``None`` for them.
    """
    holding: dict[Path, list[Equation]] = {}
    for equation in system:
        for cell in equation.cells:
            holding.setdefault(cell, []).append(equation)
    open_cells = [c for c in unknown if values.get(c) is None]
    proposed: dict[Path, tuple[int, ...]] = {}
    progress = True
    while progress:
        progress = False
        for cell in open_cells:
            if values.get(cell) is not None:
                continue
            candidates = {
                v for eq in holding.get(cell, ()) if (v := eq.value_of(cell, values.get)) is not None
            }
            if len(candidates) == 1 and min(candidates) >= 0:
                values[cell] = min(candidates)
                progress = True
            else:
                proposed[cell] = tuple(sorted(candidates))
    return {c: proposed.get(c, ()) for c in open_cells if values.get(c) is None}


# --- the model's computed views ----------------------------------------------------------------


@functools.cache
def _row_sums() -> Mapping[type, tuple[str, tuple[str, ...]]]:
    # For each row class that a "sum" rule reads: its total field and the fields summed.
    from ._editions import EDITIONS
    from ._inspect import describe
    from ._rules import RULES, _class_at, _columns, expand

    out: dict[type, tuple[str, tuple[str, ...]]] = {}
    for rule in RULES:
        if rule.kind != "sum":
            continue
        total = rule.params["total"]
        for cls in EDITIONS.values():
            for row in expand(cls, rule.params["rows"]):
                row_cls = _class_at(cls, row)
                if row_cls is not None and total in describe(row_cls).by_name:
                    terms = tuple(c for c in _columns(cls, row, rule.params["terms"]) if c != total)
                    out[row_cls] = (total, terms)
    return out


@functools.cache
def _column_sums() -> Mapping[type, tuple[str, tuple[Path, ...]]]:
    # For each group class that a "column_sum" rule reads: its total row and the rows summed,
    # relative to the group.
    from ._editions import EDITIONS
    from ._inspect import split_pointer
    from ._rules import RULES, _class_at, expand

    out: dict[type, tuple[str, tuple[Path, ...]]] = {}
    for rule in RULES:
        if rule.kind != "column_sum":
            continue
        total = tuple(split_pointer(rule.params["total"]))
        group = total[:-1]
        for cls in EDITIONS.values():
            group_cls = _class_at(cls, group)
            if group_cls is None:
                continue
            rows = tuple(r[len(group) :] for r in expand(cls, rule.params["terms"]) if r != total)
            out[group_cls] = (total[-1], rows)
    return out


def computed_total(obj: Any) -> Any:
    """What the reported total of ``obj`` should be, by the identities: for a row, the sum of
    its terms (an int); for a group of rows (the results), the row of column sums.
    ``TypeError`` for an object no identity totals."""
    cls = type(obj)
    row = _row_sums().get(cls)
    if row is not None:
        return sum(getattr(obj, name) for name in row[1])
    group = _column_sums().get(cls)
    if group is None:
        raise TypeError(f"no table identity totals a {cls.__name__}")
    total_name, rows = group
    total_cls = type(getattr(obj, total_name))
    values = [_get(obj, path) for path in rows]
    columns = list(attrs.fields_dict(total_cls))
    return total_cls(**{c: sum(getattr(v, c) for v in values) for c in columns})


def _get(obj: Any, path: Path) -> Any:
    for name in path:
        obj = getattr(obj, name)
    return obj
