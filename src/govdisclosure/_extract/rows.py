"""Matching a row's labels to the template's rows, and the template's rows and groups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._ground.settings import EXTRACT as SETTINGS
from .._model.classes import CountRow
from .._model.describe import FieldDesc, describe, resolve
from .cells import norm
from .record import Record
from .text import Piece

__all__: list[str] = []


def _best(labelled: list[tuple[int, str]], window: list[tuple[str, str]]) -> tuple[int, int] | None:
    """(index in window, index of the label cell) of the best match, or None. A label written
    ``=…`` (a group's own row) matches only exactly and only as the row's last label."""
    shortest = SETTINGS.min_partial_label
    for test in (
        lambda lab, text: lab == text,
        lambda lab, text: (
            not lab.startswith("=") and (lab in text or (len(text) >= shortest and text in lab))
        ),
    ):
        for cell, text in reversed(labelled):
            choice = next(
                (
                    i
                    for i, (_, lab) in enumerate(window)
                    if lab and test(lab, text if not lab.startswith("=") else "=" + text)
                ),
                None,
            )
            if choice is not None and (not window[choice][1].startswith("=") or cell == labelled[-1][0]):
                return choice, cell
    whole = "".join(text for _, text in labelled)
    choice = next(
        (i for i, (_, lab) in enumerate(window) if lab and not lab.startswith("=") and lab in whole), None
    )
    return None if choice is None else (choice, labelled[-1][0])


def _count_rows(cls: type, base: str) -> Iterator[tuple[str, FieldDesc]]:
    for f in describe(cls).fields:
        if f.cls is CountRow:
            yield f"{base}/{f.name}", f
        elif f.cls is not None:
            yield from _count_rows(f.cls, f"{base}/{f.name}")


def _groups(cls: type, base: str) -> Iterator[tuple[str, str]]:
    """(pointer, label) of every group of rows (（三）不予公开, （六）其他处理)."""
    for f in describe(cls).fields:
        if f.cls is not None and f.cls is not CountRow:
            path = f"{base}/{f.name}"
            if any(c.cls is CountRow for c in describe(f.cls).fields) and base != "/applications":
                yield path, "=" + norm(f.info.label)
            yield from _groups(f.cls, path)


def _nest(table: dict[str, dict[str, Any]], base: str, cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in describe(cls).fields:
        path = f"{base}/{f.name}"
        if f.cls is CountRow:
            out[f.name] = table[path]
        elif f.cls is not None:
            out[f.name] = _nest(table, path, f.cls)
    return out


def trim(record: Record, values: list[Piece], count: int, path: str) -> list[Piece]:
    """The cells of a row without the empty ones beyond its number of columns."""
    # Empty cells beyond the number of columns are layout (a label spanning columns, a
    # trailing tab). Where they stand at both ends, which of them are layout and which
    # are blanks cannot be told: the cells are read as if the leading ones were layout,
    # and the row says so.
    extra = len(values) - count
    if extra <= 0:
        return values
    lead = next((i for i, v in enumerate(values) if v.text), len(values))
    trail = next((i for i, v in enumerate(reversed(values)) if v.text), len(values))
    if lead < len(values) and min(lead, extra) > max(0, extra - trail):
        # More than one split between the two ends would do.
        record.finding("EXTRACT-ALIGNMENT", "warning", path, expected=count, actual=len(values))
    drop_lead = min(lead, extra)
    values = values[drop_lead:]
    extra -= drop_lead
    if extra > 0:
        drop_trail = min(trail, extra)
        values = values[: len(values) - drop_trail] if drop_trail else values
    return values


def kind_of(cls: type | None, cell: tuple[str, ...]) -> str | None:
    """The kind of the field at key path ``cell`` (``"signed"``, ``"count"`` …), if any."""
    found = resolve(cls, list(cell)) if cls is not None else None
    return found[-1].kind if found else None
