"""Crops of a scan: the part of the page image each flagged number was read from, for the
review page, so that a person checks the value read against the page at a glance."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from typing import Any

from .._ground.extras import MissingExtra, require
from .ocr import drawing_scale
from .result import ExtractionResult

__all__ = ["crops"]

#: The height of a crop as shown, in pixels.
HEIGHT = 40


def crops(data: bytes | list[bytes], result: ExtractionResult, paths: Iterable[str]) -> dict[str, str]:
    """For each of ``paths`` whose number was read from a scan (its source has a box), the
    crop of the page around the box as a PNG ``data:`` URI; none without the ``ocr`` extra or
    for any other form."""
    wanted = {p: s for p in paths if (s := result.sources.get(p)) is not None and s.box and s.page}
    if not wanted:
        return {}
    try:
        pages = _pages(data, result.format, {s.page for s in wanted.values() if s.page})
    except (MissingExtra, OSError, ValueError):
        return {}
    out = {}
    for path, source in wanted.items():
        picture = pages.get(source.page or 0)
        if picture is None or source.box is None:
            continue
        left, top, right, bottom = source.box
        height = max(bottom - top, 1)
        # The number and the cells beside it: enough to see the row, small enough to show.
        box = (max(left - 3 * height, 0), max(top - height // 2, 0), right + 3 * height, bottom + height // 2)
        crop = picture.crop(box)
        scale = HEIGHT / max(crop.height, 1)
        crop = crop.resize((max(int(crop.width * scale), 1), HEIGHT))
        buffer = io.BytesIO()
        crop.convert("L").save(buffer, "PNG", optimize=True)
        out[path] = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return out


def _pages(data: bytes | list[bytes], form: str, numbers: set[int]) -> dict[int, Any]:
    # The page images the recogniser read, by page number: a PDF's pages drawn as it drew
    # them, a picture's frames as they are.
    image = require("PIL.Image")
    if form == "pdf" and isinstance(data, bytes):
        pdfium = require("pypdfium2")
        document = pdfium.PdfDocument(data)
        try:
            out = {}
            for number in numbers:
                page = document[number - 1]
                width, height = page.get_size()
                scale = drawing_scale(width, height)
                out[number] = page.render(scale=scale).to_pil().convert("RGB")
                page.close()
            return out
        finally:
            document.close()
    sequence = require("PIL.ImageSequence")
    pictures: list[Any] = []
    for one in [data] if isinstance(data, bytes) else data:
        pictures.extend(frame.copy() for frame in sequence.Iterator(image.open(io.BytesIO(one))))
    return {n: pictures[n - 1] for n in numbers if 0 < n <= len(pictures)}
