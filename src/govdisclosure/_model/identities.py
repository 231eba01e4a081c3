"""The table identities as equations over cells, read from the total fields' metadata.

Each total field of the model states what it totals (:class:`~.meta.Sum` in its
:class:`~.meta.FieldInfo`): a row's 总计 is the sum of the row's other columns, the results'
总计 row the sum of the other result rows, the carried-forward row the balance of table 三.
That is the only statement of the tables' arithmetic. The rule engine turns it into checks
(T3-ROW-TOTAL, T3-RESULTS-TOTAL, T3-BALANCE, T4-TOTAL name where it looks), the importer
derives missing cells with :func:`solve`, the workbook writes its check formulas from
:func:`equations`, and the Hypothesis strategies build consistent reports with them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import attrs

from .._ground.values import value_class
from .describe import describe, resolve
from .editions import report_class
from .meta import ROW_TOTAL, ROWS_TOTAL, Sum, computed_total

__all__ = [
    "Equation",
    "by_cell",
    "computed_total",
    "equations",
    "identity_at",
    "is_row",
    "rows_beneath",
    "solve",
]

Path = tuple[str, ...]


@value_class
@attrs.frozen(repr=False, eq=False)
class Equation:
    """``target = Σ plus − Σ minus``, over cells named by their key paths."""

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


def is_row(cls: type) -> bool:
    """Whether ``cls`` is a row: every field holds a plain value."""
    return all(f.kind not in ("object", "sections") for f in describe(cls).fields)


def rows_beneath(cls: type, prefix: Path) -> Iterator[Path]:
    """The paths of every row beneath ``cls`` (at ``prefix``), in template order."""
    for f in describe(cls).fields:
        if f.kind == "object" and f.cls is not None:
            if is_row(f.cls):
                yield (*prefix, f.name)
            else:
                yield from rows_beneath(f.cls, (*prefix, f.name))


def _terms(cls: type, holder: Path, total: str, spec: tuple[str, ...]) -> list[Path]:
    # The paths a Sum's terms name, relative to the holder at holder (of class cls).
    out: list[Path] = []
    for term in spec:
        if term == "*":
            out += [(*holder, f.name) for f in describe(cls).fields if f.name != total]
        elif term == "**":
            out += [r for r in rows_beneath(cls, holder) if r != (*holder, total)]
        else:
            out.append((*holder, *term.split("/")))
    return out


def identity_at(cls: type, path: Path) -> tuple[Equation, ...]:
    """The equations of the identity whose total is the field at ``path`` in the model of
    ``cls``: one for a total cell, one per column for a total row; empty when the field states
    no identity (or the model lacks it)."""
    chain = resolve(cls, list(path))
    if not chain or chain[-1].info.totals is None:
        return ()
    identity: Sum = chain[-1].info.totals
    field = chain[-1]
    holder = path[:-1]
    holder_cls = chain[-2].cls if len(chain) > 1 else cls
    assert holder_cls is not None
    plus = _terms(holder_cls, holder, field.name, identity.plus)
    minus = _terms(holder_cls, holder, field.name, identity.minus)
    if field.cls is None:  # a total cell
        return (Equation(path, tuple(plus), tuple(minus)),)
    return tuple(
        Equation((*path, c.name), tuple((*p, c.name) for p in plus), tuple((*m, c.name) for m in minus))
        for c in describe(field.cls).fields
    )


def _totals(cls: type, prefix: Path) -> Iterator[tuple[Sum, Path]]:
    for f in describe(cls).fields:
        if f.info.totals is not None:
            yield f.info.totals, (*prefix, f.name)
        if f.kind == "object" and f.cls is not None:
            yield from _totals(f.cls, (*prefix, f.name))


@functools.cache
def equations(edition: str) -> tuple[Equation, ...]:
    """The table identities of an edition, one equation per cell they total.

    In the order of the tables; within a table, the rows' own totals first, then the totals
    of rows, then the balance, each in template order (the order of the rule table's checks).
    """
    cls: type = report_class(edition)
    out: list[Equation] = []
    for table in describe(cls).fields:
        if table.kind != "object" or table.cls is None:
            continue
        found = list(_totals(table.cls, (table.name,)))
        for kind in (ROW_TOTAL, ROWS_TOTAL, None):
            for identity, path in found:
                if identity == kind or (kind is None and identity not in (ROW_TOTAL, ROWS_TOTAL)):
                    out += identity_at(cls, path)
    return tuple(out)


def by_cell(system: tuple[Equation, ...]) -> dict[Path, list[Equation]]:
    """The equations of ``system`` that hold each cell."""
    holding: dict[Path, list[Equation]] = {}
    for equation in system:
        for cell in equation.cells:
            holding.setdefault(cell, []).append(equation)
    return holding


def solve(
    system: tuple[Equation, ...], values: dict[Path, int | None], unknown: list[Path]
) -> dict[Path, tuple[int, ...]]:
    """Fill the ``unknown`` cells of ``values`` that the equations pin down, in place.

    A cell is pinned down when every equation that holds it with all its other cells known
    gives it the same value, and that value is not negative; cells are solved in rounds until
    none more can be. Returns, for each cell left unknown, the values the equations proposed
    (empty when none could say anything); ``values`` keeps ``None`` for them.
    """
    holding = by_cell(system)
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
