"""Settling a run of digits that several splits fit, from what else the document says.

A row whose cells ran together ("9900020101") may have several splits that keep the identities
within the row. Two things may still leave exactly one:

- the identities across rows (a column's 总计 is the sum of its rows; the balance of table 三):
  a split is dropped when an identity that holds its cells, with every other cell known,
  fails (:func:`by_identities`);
- the statements of the narrative that the reviewer checks read ("全年办理因政府信息公开申请引发
  的行政复议36起，行政诉讼9起"): a split is dropped when a statement whose quantity reads its
  cells names a number the split does not give (:func:`by_statements`).

A split is taken only when exactly one is left; otherwise the row stays unknown. The text never
supplies a number of its own: it only chooses among the splits of the table's own digits.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import attrs

from .._model.identities import Equation, Path, by_cell
from .._model.pointers import split_pointer
from .._rules.narrative import _found, _sentence_around
from .._rules.quantities import QUANTITIES
from .record import Record
from .result import CellSource
from .text import Piece

__all__ = ["Ambiguous", "by_identities", "by_statements", "take"]


@attrs.define
class Ambiguous:
    """A row whose run of digits several splits fit: its pointer, its cells' key paths in the
    order of the split, the splits still possible, the run as printed, and its first piece."""

    path: str
    cells: list[Path]
    candidates: list[list[int]]
    run: str
    piece: Piece

    @property
    def pointers(self) -> list[str]:
        """The pointers of the row's cells, in the order of the split."""
        return ["/" + "/".join(cell) for cell in self.cells]


def take(record: Record, row: Ambiguous, sentence: str | None = None) -> dict[str, int]:
    """Take ``row``'s one remaining split: its cells' sources and findings in ``record`` say so
    (``EXTRACT-SPLIT``, or ``EXTRACT-SPLIT-TEXT`` quoting the ``sentence`` that settled it, in
    place of the row's ``EXTRACT-SPLIT-AMBIGUOUS`` and its cells' ``EXTRACT-MISSING``). Returns
    each cell's value by pointer."""
    (split,) = row.candidates
    values = dict(zip(row.pointers, split, strict=True))
    record.findings[:] = [
        f
        for f in record.findings
        if not (f.code == "EXTRACT-SPLIT-AMBIGUOUS" and f.path == row.path)
        and not (f.code == "EXTRACT-MISSING" and f.path in values)
    ]
    shown = " ".join(map(str, split))
    if sentence is None:
        record.finding("EXTRACT-SPLIT", "warning", row.path, actual=row.run, expected=shown)
    else:
        record.finding(
            "EXTRACT-SPLIT-TEXT", "warning", row.path, actual=row.run, expected=shown, sentence=sentence
        )
    at = row.piece
    for pointer in values:
        record.sources[pointer] = CellSource("cell", at.line, at.column, at.page, at.table)
    return values


def _holds(equation: Equation, values: dict[Path, int | None]) -> bool:
    # False only when every cell of the equation is known and it fails.
    target = values.get(equation.target)
    if target is None:
        return True
    wanted = equation.value_of(equation.target, values.get)
    return wanted is None or wanted == target


def by_identities(
    system: tuple[Equation, ...], values: dict[Path, int | None], rows: Iterable[Ambiguous]
) -> list[Ambiguous]:
    """The rows of ``rows`` that the identities of ``system`` settle, each left with its one
    split; ``values`` (every cell's value, ``None`` where unknown) takes their cells. Rows are
    tried in rounds, since one settled row may settle another. Every row's candidates are
    narrowed to those the identities allow."""
    holding = by_cell(system)
    pending = list(rows)
    settled: list[Ambiguous] = []
    progress = True
    while progress and pending:
        progress = False
        for row in list(pending):
            touching = {id(eq): eq for cell in row.cells for eq in holding.get(cell, ())}.values()
            keep = []
            for candidate in row.candidates:
                trial = dict(values)
                trial.update(zip(row.cells, candidate, strict=True))
                if all(_holds(eq, trial) for eq in touching):
                    keep.append(candidate)
            row.candidates = keep
            if len(keep) == 1:
                values.update(zip(row.cells, keep[0], strict=True))
                pending.remove(row)
                settled.append(row)
                progress = True
    return settled


def _namespace(value: Any) -> Any:
    # The document's nested dicts as attributes, as the quantities read a report.
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _namespace(v) for k, v in value.items()})
    return value


def _with(document: dict[str, Any], cells: dict[str, int | None]) -> dict[str, Any]:
    # A copy of the tables of ``document`` with ``cells`` (pointer: value) put in.
    # A pointer to no cell of the document's tables (none is expected) is passed over.
    out = dict(document)
    for pointer, value in cells.items():
        parts = split_pointer(pointer)
        node = out
        for part in parts[:-1]:
            inner = node.get(part)
            if not isinstance(inner, dict):
                break
            node[part] = node = dict(inner)
        else:
            if parts[-1] in node:
                node[parts[-1]] = value
    return out


def by_statements(
    document: dict[str, Any], unknown: set[str], rows: Iterable[Ambiguous], texts: Iterable[str]
) -> list[tuple[Ambiguous, str]]:
    """The rows of ``rows`` that the statements of ``texts`` settle, each left with its one
    split, with the sentence that settled it. ``document`` holds the tables as read; the cells
    in ``unknown`` (pointers) are not known. A statement bears on a row when the table values
    its quantity may mean can be told with the row's split and not without it."""
    stated: list[tuple[int, Decimal, str]] = []
    for text in texts:
        for index, _, number, start, end in _found(text):
            stated.append((index, number, _sentence_around(text, start, end)[:80]))
    if not stated:
        return []
    blanks = dict.fromkeys(unknown)
    settled = []
    for row in rows:
        pointers = row.pointers
        without = _namespace(_with(document, {**blanks, **dict.fromkeys(pointers)}))
        # The statements that bear on the row: told with its split, not without it.
        bearing = [
            (order, QUANTITIES[index].accepts, number)
            for order, (index, number, _) in enumerate(stated)
            if _tells(QUANTITIES[index].accepts, without) is None
        ]
        keep: list[list[int]] = []
        rejecting: list[int] = []  # the statements that ruled some split out
        for candidate in row.candidates:
            trial = _namespace(_with(document, {**blanks, **dict(zip(pointers, candidate, strict=True))}))
            rejected = [
                order
                for order, accepts, number in bearing
                if (values := _tells(accepts, trial)) is not None and number not in values
            ]
            if rejected:
                rejecting.extend(rejected)
            else:
                keep.append(candidate)
        if len(keep) == 1 and rejecting:
            row.candidates = keep
            settled.append((row, stated[min(rejecting)][2]))
    return settled


def _tells(accepts: Any, report: Any) -> set[Decimal] | None:
    # The values a quantity may mean, or None when a cell it reads is unknown.
    try:
        return set(accepts(report))
    except (TypeError, AttributeError):
        return None
