"""A PDF page's ruled tables and its words, from its characters and straight lines.

The second stage of the PDF reader: pure geometry, no PDF library. It finds tables the way
pdfplumber's ``lines`` strategy does, so that a report reads the same as it did on pdfplumber:
the lines a page draws are snapped together (within :attr:`PdfSettings.snap`), joined where
they meet end to end, and those shorter than :attr:`PdfSettings.edge_min` dropped; where a
line across meets a line down is a corner; the smallest rectangle whose four corners are joined
by lines is a cell; cells that share a corner are one table (a table of one cell is a frame,
not a table). Characters belong to the cell their middle stands in.

Words are runs of characters on one line (tops within :attr:`PdfSettings.word_tolerance`) with
no gap wider than that between them and no space, in one font size.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, TypeVar

import attrs

from .._ground.settings import PdfSettings
from .pdfpage import Char, Edge

__all__ = ["Table", "Word", "tables", "text", "words"]

T = TypeVar("T")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Point = tuple[float, float]


class Word(NamedTuple):
    """Characters of one word: its text, box and font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@attrs.frozen
class Table:
    """A ruled table: its box, and its rows as the cells each column starts (``None`` where a
    cell of the row spans that column)."""

    bbox: Box
    rows: tuple[tuple[Box | None, ...], ...]

    def texts(self, chars: Sequence[Char], settings: PdfSettings) -> list[tuple[float, list[str | None]]]:
        """Each row's top and the text of its cells (lines apart by ``"\\n"``)."""
        # Each character is looked for in the rows its middle's height may fall in (found by
        # bisection), not in every row: a table page has a few thousand characters.
        x0, top, x1, bottom = self.bbox
        inside = sorted(
            (y, i, x, c)
            for i, c in enumerate(chars)
            for x, y in (((c.x0 + c.x1) / 2, (c.top + c.bottom) / 2),)
            if x0 <= x < x1 and top <= y < bottom
        )
        heights = [item[0] for item in inside]
        out = []
        for row in self.rows:
            boxes = [box for box in row if box is not None]
            left, high = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right, low = max(b[2] for b in boxes), max(b[3] for b in boxes)
            start, end = bisect.bisect_left(heights, high), bisect.bisect_left(heights, low)
            mine = sorted(
                (item for item in inside[start:end] if left <= item[2] < right), key=lambda item: item[1]
            )
            texts: list[str | None] = []
            for box in row:
                if box is None:
                    texts.append(None)
                    continue
                b0, b1, b2, b3 = box
                texts.append(text([c for y, _, x, c in mine if b0 <= x < b2 and b1 <= y < b3], settings))
            out.append((high, texts))
        return out


def _in(char: Char, box: Box) -> bool:
    x = (char.x0 + char.x1) / 2
    y = (char.top + char.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _clusters(items: Iterable[T], key: Callable[[T], float], tolerance: float) -> list[list[T]]:
    # Items whose values form a chain, each within tolerance of the one before, in order of
    # the values; items keep their order within a cluster.
    items = list(items)
    values = sorted({key(item) for item in items})
    index: dict[float, int] = {}
    number = -1
    last = None
    for value in values:
        if last is None or value > last + tolerance:
            number += 1
        index[value] = number
        last = value
    groups: list[list[T]] = [[] for _ in range(number + 1)]
    for item in items:
        groups[index[key(item)]].append(item)
    return groups


def words(chars: Sequence[Char], settings: PdfSettings, by_size: bool = True) -> list[Word]:
    """The page's words, in runs of one font size as the page draws them, each run's words
    line by line and across."""
    tolerance = settings.word_tolerance
    found: list[Word] = []
    runs = itertools.groupby(chars, key=lambda c: c.size) if by_size else [(0.0, iter(chars))]
    for _, run in runs:
        for line in _clusters(run, lambda c: c.top, tolerance):
            line.sort(key=lambda c: (c.x0, c.x1))
            current: list[Char] = []
            for char in line:
                if char.text.isspace():
                    found.extend(_word(current))
                    current = []
                elif current and (
                    char.x0 < current[-1].x0
                    or char.x0 > current[-1].x1 + tolerance
                    or char.top > current[-1].top + tolerance
                ):
                    found.extend(_word(current))
                    current = [char]
                else:
                    current.append(char)
            found.extend(_word(current))
    return found


def _word(chars: list[Char]) -> list[Word]:
    if not chars:
        return []
    return [
        Word(
            "".join(c.text for c in chars),
            min(c.x0 for c in chars),
            max(c.x1 for c in chars),
            min(c.top for c in chars),
            max(c.bottom for c in chars),
            chars[0].size,
        )
    ]


def text(chars: Sequence[Char], settings: PdfSettings) -> str:
    """The text of some characters: words apart by a space, lines by ``"\\n"``."""
    if len(chars) <= 1:
        return "" if not chars or chars[0].text.isspace() else chars[0].text
    lines = _clusters(words(chars, settings, by_size=False), lambda w: w.top, settings.word_tolerance)
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)


def tables(found: Sequence[Edge], settings: PdfSettings) -> list[Table]:
    """The ruled tables the lines make, top to bottom."""
    edges = _merged([e for e in found if _length(e) >= 1], settings)
    edges = [e for e in edges if _length(e) >= settings.edge_min]
    corners = _corners(edges, settings.snap)
    cells = _cells(corners)
    return [_table(group) for group in _groups(cells)]


def _length(edge: Edge) -> float:
    return edge.x1 - edge.x0 if edge.orientation == "h" else edge.bottom - edge.top


def _merged(edges: list[Edge], settings: PdfSettings) -> list[Edge]:
    # Snap: lines within tolerance of each other move to the mean of their cluster.
    snapped: list[Edge] = []
    downs = [e for e in edges if e.orientation == "v"]
    for cluster in _clusters(downs, lambda e: e.x0, settings.snap):
        mean = sum(e.x0 for e in cluster) / len(cluster)
        snapped.extend(Edge("v", mean, e.top, mean, e.bottom) for e in cluster)
    acrosses = [e for e in edges if e.orientation == "h"]
    for cluster in _clusters(acrosses, lambda e: e.top, settings.snap):
        mean = sum(e.top for e in cluster) / len(cluster)
        snapped.extend(Edge("h", e.x0, mean, e.x1, mean) for e in cluster)

    # Join: lines on one line that meet or overlap (within tolerance) become one.
    def place(e: Edge) -> tuple[str, float]:
        return (e.orientation, e.top if e.orientation == "h" else e.x0)

    out: list[Edge] = []
    for (orientation, _), group in itertools.groupby(sorted(snapped, key=place), key=place):
        across = orientation == "h"
        ordered = sorted(group, key=(lambda e: e.x0) if across else (lambda e: e.top))
        joined = [ordered[0]]
        for e in ordered[1:]:
            last = joined[-1]
            low, high, end = (e.x0, e.x1, last.x1) if across else (e.top, e.bottom, last.bottom)
            if low <= end + settings.snap:
                if high > end:
                    joined[-1] = (
                        Edge("h", last.x0, last.top, high, last.bottom)
                        if across
                        else Edge("v", last.x0, last.top, last.x1, high)
                    )
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _corners(edges: list[Edge], tolerance: float) -> dict[Point, tuple[set[Box], set[Box]]]:
    # Where a line down meets a line across: the point, with the lines down and across there.
    downs = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    acrosses = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    corners: dict[Point, tuple[set[Box], set[Box]]] = {}
    for v in downs:
        for h in acrosses:
            if (
                v.top <= h.top + tolerance
                and v.bottom >= h.top - tolerance
                and h.x0 - tolerance <= v.x0 <= h.x1 + tolerance
            ):
                down, across = corners.setdefault((v.x0, h.top), (set(), set()))
                down.add((v.x0, v.top, v.x1, v.bottom))
                across.add((h.x0, h.top, h.x1, h.bottom))
    return corners


def _cells(corners: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    # From each corner, the smallest rectangle to a corner below and a corner to the right
    # whose four sides are lines.
    def joined(one: Point, two: Point) -> bool:
        if one[0] == two[0] and corners[one][0] & corners[two][0]:
            return True
        return one[1] == two[1] and bool(corners[one][1] & corners[two][1])

    points = sorted(corners)
    by_x: dict[float, list[Point]] = {}
    by_y: dict[float, list[Point]] = {}
    for point in points:
        by_x.setdefault(point[0], []).append(point)
        by_y.setdefault(point[1], []).append(point)
    cells: list[Box] = []
    for point in points:
        below = [p for p in by_x[point[0]] if p[1] > point[1]]
        right = [p for p in by_y[point[1]] if p[0] > point[0]]
        cell = _smallest(point, below, right, corners, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    point: Point,
    below: list[Point],
    right: list[Point],
    corners: dict[Point, tuple[set[Box], set[Box]]],
    joined: Callable[[Point, Point], bool],
) -> Box | None:
    for down in below:
        if not joined(point, down):
            continue
        for across in right:
            if not joined(point, across):
                continue
            far = (across[0], down[1])
            if far in corners and joined(far, across) and joined(far, down):
                return (point[0], point[1], far[0], far[1])
    return None


def _groups(cells: list[Box]) -> list[list[Box]]:
    # Cells that share a corner, directly or through others, are one table; tables of more
    # than one cell, by their topmost then leftmost corner.
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in seen:
                parent[root(i)] = root(seen[corner])
            else:
                seen[corner] = i
    groups: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    found = [g for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: min((c[1], c[0]) for c in g))


def _table(cells: list[Box]) -> Table:
    bbox = (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
    xs = sorted({c[0] for c in cells})
    rows = []
    for _, row in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        starts = {c[0]: c for c in row}
        rows.append(tuple(starts.get(x) for x in xs))
    return Table(bbox, tuple(rows))
