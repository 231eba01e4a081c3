"""What a PDF page shows, read with pdfium: its characters with their boxes, and the straight
lines its paths draw (a table's rulings and the sides of its cells' rectangles).

The first stage of the PDF reader, and the only one that speaks to pdfium (through
pypdfium2's ``raw`` bindings, a call per character or path point, so that nothing is built
that the later stages do not use). Positions are in PDF points measured from the top of the
page (``top`` grows downwards), as a reader sees the page.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any, NamedTuple

__all__ = ["Char", "Edge", "chars", "edges"]


# Tuples, not attrs classes: a page makes thousands of each, and a frozen attrs instance
# takes several times as long to make.
class Char(NamedTuple):
    """One character as the page shows it: ``size`` is the font's size on the page, ``top``
    and ``bottom`` the line of type it stands in (so that characters of one line share them,
    whatever their glyphs), ``x0`` and ``x1`` its advance across."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    unmapped: bool = False  # a glyph whose font says which character it is nowhere


class Edge(NamedTuple):
    """A straight line a path draws across (``"h"``: ``top == bottom``) or down (``"v"``:
    ``x0 == x1``)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


def chars(raw: Any, page: Any, top: float) -> list[Char]:
    """The characters of a pdfium page (``page`` a ``FPDF_PAGE``), spaces the PDF draws
    included and the ones pdfium adds between words left out; ``top`` is the page's top edge
    in PDF coordinates."""
    text = raw.FPDFText_LoadPage(page)
    try:
        count = raw.FPDFText_CountChars(text)
        box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        x, y = ctypes.c_double(), ctypes.c_double()
        left, right, low, high = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        # One pointer each, made once: a call per character is this stage's whole cost.
        to_box, to_matrix, to_x, to_y = (
            ctypes.byref(box),
            ctypes.byref(matrix),
            ctypes.byref(x),
            ctypes.byref(y),
        )
        to_glyph = [ctypes.byref(v) for v in (left, right, low, high)]
        generated, unicode, loose, font_size = (
            raw.FPDFText_IsGenerated,
            raw.FPDFText_GetUnicode,
            raw.FPDFText_GetLooseCharBox,
            raw.FPDFText_GetFontSize,
        )
        get_matrix, origin, unmapped = (
            raw.FPDFText_GetMatrix,
            raw.FPDFText_GetCharOrigin,
            raw.FPDFText_HasUnicodeMapError,
        )
        out: list[Char] = []
        for index in range(count):
            code = unicode(text, index)
            if code in _SPACES and generated(text, index) == 1:
                continue  # pdfium's own space or line break between words and lines
            if code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                continue  # not a character: pdfium's marks of what it could not map
            if not loose(text, index, to_box):
                continue
            size = font_size(text, index)
            if get_matrix(text, index, to_matrix):
                size *= math.hypot(matrix.c, matrix.d)
            # pdfium's single-precision matrices leave characters of one font a few millionths
            # apart in size; words break where the size changes.
            size = round(size, 3)
            # Lines of type by the characters' baselines: pdfium's boxes reach as high and low as
            # each glyph does in some fonts (Chromium's), which would put the characters of one
            # line on several.
            origin(text, index, to_x, to_y)
            x0, x1 = box.left, box.right
            if x1 - x0 > 3 * max(size, 1.0):
                # pdfium's box of a character set by itself (text written down a cell, a
                # character per line) can reach across the page: its origin and its glyph's
                # own box place it instead, as on the page.
                raw.FPDFText_GetCharBox(text, index, *to_glyph)
                x0, x1 = x.value, right.value + max(left.value - x.value, 0.0)
            bottom = top - y.value
            # A glyph its font maps to no character gets a code outside the ideographs and
            # their punctuation (its glyph number, a control code): only those are asked about.
            lost = not (0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F) and unmapped(text, index) == 1
            out.append(Char(chr(code), x0, x1, bottom - size, bottom, size, lost))
        return out
    finally:
        raw.FPDFText_ClosePage(text)


_SPACES = frozenset((0x20, 0x0A, 0x0D))
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def edges(raw: Any, page: Any, top: float, budget: int) -> tuple[list[Edge], int]:
    """The straight lines across and down that the page's paths draw, in forms too, and the
    path points read; at most ``budget`` points are read (a page's drawing is bounded before
    pdfium loads it; this only keeps the work of this stage in the same bound)."""
    found: list[Edge] = []
    read = 0
    x, y = ctypes.c_float(), ctypes.c_float()
    to_x, to_y = ctypes.byref(x), ctypes.byref(y)
    held = raw.FS_MATRIX()
    path_kind, moveto, lineto = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    count_segments, get_segment = raw.FPDFPath_CountSegments, raw.FPDFPath_GetPathSegment
    get_point, get_type, get_close = (
        raw.FPDFPathSegment_GetPoint,
        raw.FPDFPathSegment_GetType,
        raw.FPDFPathSegment_GetClose,
    )

    def own(handle: Any) -> _Matrix:
        if raw.FPDFPageObj_GetMatrix(handle, ctypes.byref(held)):
            return (held.a, held.b, held.c, held.d, held.e, held.f)
        return _IDENTITY

    def walk(count: int, get: Any, outer: _Matrix) -> None:
        nonlocal read
        for index in range(count):
            handle = get(index)
            kind = raw.FPDFPageObj_GetType(handle)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk(
                    raw.FPDFFormObj_CountObjects(handle),
                    lambda i, h=handle: raw.FPDFFormObj_GetObject(h, i),
                    _times(own(handle), outer),
                )
            elif kind == path_kind:
                matrix = _times(own(handle), outer)
                segments = count_segments(handle)
                read += max(segments, 0)
                if read > budget:
                    return
                start = last = None
                for number in range(segments):
                    segment = get_segment(handle, number)
                    get_point(segment, to_x, to_y)
                    point = _apply(matrix, x.value, y.value, top)
                    step = get_type(segment)
                    if step == moveto:
                        start = last = point
                        continue
                    if step == lineto and last is not None:
                        _edge(found, last, point)
                    last = point
                    if get_close(segment) and start is not None:
                        _edge(found, point, start)
                        last = start

    walk(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i), _IDENTITY)
    return found, read


def _times(inner: _Matrix, outer: _Matrix) -> _Matrix:
    # The matrix that maps as ``inner`` then ``outer`` (PDF's row-vector convention).
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(matrix: _Matrix, x: float, y: float, top: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (x * a + y * c + e, top - (x * b + y * d + f))


def _edge(found: list[Edge], one: tuple[float, float], two: tuple[float, float]) -> None:
    # Within a hundredth of a point: a matrix's arithmetic may leave a straight line that much
    # off, which no eye and no table sees.
    (x0, y0), (x1, y1) = one, two
    if abs(y0 - y1) < _STRAIGHT and abs(x0 - x1) >= _STRAIGHT:
        found.append(Edge("h", min(x0, x1), y0, max(x0, x1), y0))
    elif abs(x0 - x1) < _STRAIGHT and abs(y0 - y1) >= _STRAIGHT:
        found.append(Edge("v", x0, min(y0, y1), x0, max(y0, y1)))


_STRAIGHT = 0.01
