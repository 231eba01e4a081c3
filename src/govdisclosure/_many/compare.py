"""This year against last year: every cell with both values and the change, the cross-year
rules' findings, and how much of each narrative part is repeated from last year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .._codec.convert import Report, check_report
from .._findings.finding import Finding
from .._ground.settings import SETTINGS
from .._model.cells import cell_name
from .._model.describe import iter_leaves
from .._model.money import UNIT_FIELD, difference
from .._model.pointers import pointer
from .._rules.engine import run_rules
from .dataset import columns

__all__ = ["REPEATED_THRESHOLD", "SHINGLE", "CellChange", "Comparison", "TextRepeat", "compare", "repeated"]

#: A narrative part of which at least this share is repeated from last year gets
#: ``XY-TEXT-REPEATED`` (``Settings.repeated_share``).
REPEATED_THRESHOLD = SETTINGS.repeated_share
#: Texts are compared by runs of this many characters, white space left out (``Settings.shingle``).
SHINGLE = SETTINGS.shingle
#: The narrative parts compared.
_NARRATIVE = ("overview", "problems_and_improvements", "other_matters")


@attrs.frozen
class CellChange:
    """One cell: last year's value, this year's, and the change (``None`` where either year's
    edition lacks the cell, for a cell that holds a choice, such as the unit of the 2019
    procurement amount, and for an amount the two years give in different units: ``differs``
    tells whether it changed)."""

    path: str
    label: str
    previous: Any
    current: Any
    #: False when the two years give the cell in different units (元 and 万元), so that the
    #: difference of the two numbers means nothing.
    comparable: bool = True

    @property
    def change(self) -> Any:
        """This year's value less last year's (a count: ``int``; money: exact ``Decimal``, or
        ``None`` if it takes more than 1,000 digits)."""
        if self.previous is None or self.current is None or isinstance(self.current, str):
            return None
        if not self.comparable:
            return None
        if isinstance(self.current, int) and isinstance(self.previous, int):
            return self.current - self.previous
        return difference(self.current, self.previous)

    @property
    def differs(self) -> bool:
        """Whether both years have the cell and its values differ."""
        return self.previous is not None and self.current is not None and self.previous != self.current


@attrs.frozen
class TextRepeat:
    """A narrative part of this year's report and the share of it (0 to 1) found in last
    year's text of the same part."""

    path: str
    label: str
    similarity: float


@attrs.frozen
class Comparison:
    """What :func:`compare` returns."""

    cells: tuple[CellChange, ...]
    findings: tuple[Finding, ...]
    texts: tuple[TextRepeat, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"cells": [{"path", "previous", "current", "change"}], "findings":
        [...], "texts": [{"path", "similarity"}]}`` (money as exact strings)."""

        def plain(value: Any) -> Any:
            return value if value is None or isinstance(value, int) else str(value)

        def exact(value: Any) -> Any:
            # A finding's amounts (XY-JUMP of a fee) as exact strings too: the stdlib's
            # json.dumps takes no Decimal.
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, dict):
                return {k: exact(v) for k, v in value.items()}
            return value

        return {
            "cells": [
                {
                    "path": c.path,
                    "label": c.label,
                    "previous": plain(c.previous),
                    "current": plain(c.current),
                    "change": plain(c.change),
                }
                for c in self.cells
            ],
            "findings": [exact(f.to_dict()) for f in self.findings],
            "texts": [{"path": t.path, "label": t.label, "similarity": t.similarity} for t in self.texts],
        }


def _shingles(text: str) -> set[str]:
    squeezed = "".join(text.split())
    if len(squeezed) <= SHINGLE:
        return {squeezed} if squeezed else set()
    return {squeezed[i : i + SHINGLE] for i in range(len(squeezed) - SHINGLE + 1)}


def repeated(previous: str, current: str) -> float:
    """The share (0 to 1, rounded to 3 places) of ``current``'s runs of :data:`SHINGLE`
    characters that also stand in ``previous``: 1.0 for a copy, 0.0 for a new text."""
    now = _shingles(current)
    if not now:
        return 0.0
    return round(len(now & _shingles(previous)) / len(now), 3)


def _values(report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, f in iter_leaves(type(report)):
        value: Any = report
        for token in path:
            value = getattr(value, token)
            if value is None:
                break  # an optional part left out (organ.contact): its leaves are None too
        out[pointer(*path)] = (f, value)
    return out


def _same_unit(old: dict[str, Any], new: dict[str, Any], key: str) -> bool:
    # An amount beside a unit cell (the 2019 procurement row: yuan or 10k_yuan) is comparable
    # only where both years give the same unit.
    unit = f"{key.rpartition('/')[0]}/{UNIT_FIELD}"
    if key not in old or old[key][0].kind != "money" or unit not in old or unit not in new:
        return True
    return bool(old[unit][1] == new[unit][1])


def compare(previous: Report, current: Report) -> Comparison:
    """Compare ``current`` with ``previous``, last year's report of the same organ.

    ``cells``: every cell of the tables of either edition (``previous``/``current`` ``None``
    where that year's edition lacks it); ``findings``: the cross-year rules' findings (``XY-*``)
    and ``XY-TEXT-REPEATED`` for each narrative part of which at least
    :data:`REPEATED_THRESHOLD` is repeated from last year; ``texts``: the share repeated of
    every narrative part both years have. ``TypeError`` if either is not a report object.
    """
    check_report(previous)
    check_report(current)
    old, new = _values(previous), _values(current)
    cells = []
    for column in columns():
        if not column.key.startswith("/"):
            continue
        p = old.get(column.key, (None, None))[1]
        c = new.get(column.key, (None, None))[1]
        if p is None and c is None:
            continue
        cells.append(CellChange(column.key, column.zh, p, c, _same_unit(old, new, column.key)))
    findings = [f for f in run_rules(current, previous) if f.code.startswith("XY-")]
    texts = []
    for path, (f, text) in new.items():
        if f.kind != "text" or not isinstance(text, str) or path.split("/")[1] not in _NARRATIVE:
            continue
        before = old.get(path, (None, None))[1]
        if not isinstance(before, str) or not text.strip():
            continue
        share = repeated(before, text)
        label = cell_name(type(current), path.split("/")[1:])
        texts.append(TextRepeat(path, label, share))
        if share >= REPEATED_THRESHOLD:
            findings.append(Finding("XY-TEXT-REPEATED", "warning", path, label, REPEATED_THRESHOLD, share))
    return Comparison(tuple(cells), tuple(findings), tuple(texts))
