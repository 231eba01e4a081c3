"""Scans and pictures of a report, read with a local OCR model (the ``ocr`` extra: RapidOCR, the
PP-OCR Chinese detection and recognition models run by onnxruntime, their weights inside the
wheel; nothing is downloaded).

A chain of small stages, its thresholds in :class:`~govdisclosure._ground.settings.OcrSettings`:
a page becomes pixels (a PDF page drawn by pdfium, a picture decoded by Pillow); the model finds
the boxes of text and reads each; the page's rotation is measured from the boxes and undone; the
boxes become lines and cells by their positions (:func:`~.pdf.word_lines`, the PDF reader's own
step), so that the importer reads a scan's tables with the same row labels, grid matching and
table identities as a PDF's text. Numbers are read with the recogniser's usual confusions
undone (``O`` for 0, ``l`` for 1, ``，`` inside a number); a number read with little confidence
is a finding, never a silent value.
"""

from __future__ import annotations

import functools
import io
import math
import re
import statistics
from collections.abc import Iterable
from typing import Any

import attrs

from .._findings.finding import Finding
from .._ground.extras import require
from .._ground.limits import MAX_OCR_PAGE_PIXELS, MAX_OCR_PAGES
from .._ground.settings import OCR, OcrSettings, PdfSettings
from .pagelines import numbered, word_lines
from .pdfgrid import Word
from .result import ExtractionResult, Lines, refused
from .sections import _section_of
from .text import Line

__all__ = ["Seen", "engine", "image_lines", "page_lines", "read_images", "recognise"]


@attrs.frozen
class Seen:
    """A box of text the model read: its text, its corners in pixels (clockwise from the top
    left) and the model's confidence (0–1)."""

    text: str
    corners: tuple[tuple[float, float], ...]
    confidence: float


@functools.cache
def engine() -> Any:
    """The recogniser, loaded once per process (half a second) and reused."""
    rapid = require("rapidocr_onnxruntime")
    return rapid.RapidOCR()


def recognise(pixels: Any, settings: OcrSettings = OCR) -> list[Seen]:
    """The boxes of text in a picture (an RGB array of pixels)."""
    # The thresholds go with every call: the engine keeps the last ones it was given.
    found, _ = engine()(
        pixels,
        box_thresh=settings.box_thresh,
        unclip_ratio=settings.unclip_ratio,
        text_score=settings.text_score,
    )
    return [
        Seen(str(text), tuple((float(x), float(y)) for x, y in corners), float(confidence))
        for corners, text, confidence in found or ()
    ]


def page_lines(
    seen: list[Seen], number: int, settings: OcrSettings = OCR
) -> tuple[list[Line], list[Finding]]:
    """The lines of one page from the boxes read on it, with the findings of the reading (a
    number read with less than ``settings.min_confidence``)."""
    if not seen:
        return [], []
    angle = _rotation(seen)
    words: list[Word] = []
    findings: list[Finding] = []
    heights = []
    boxes = []
    for box in seen:
        xs, ys = zip(*(_turned(x, y, -angle) for x, y in box.corners), strict=True)
        boxes.append((box, min(xs), max(xs), min(ys), max(ys)))
        heights.append(max(ys) - min(ys))
    height = statistics.median(heights) or 1.0
    columns = _number_columns(boxes, height)
    for box, x0, x1, y0, y1 in boxes:
        middle = (y0 + y1) / 2
        # Every box as tall as the page's text: lines are found by the boxes' middles.
        for text, left, right in _split_at_columns(_numbers(box.text), x0, x1, columns, height):
            words.append(Word(text, left, right, middle - height / 2, middle + height / 2, height))
        if _NUMBER.fullmatch(text) and box.confidence < settings.min_confidence:
            findings.append(
                Finding(
                    "EXTRACT-OCR-UNSURE",
                    "warning",
                    "",
                    actual=text,
                    params={"page": number, "confidence": round(box.confidence, 2)},
                )
            )
    grouping = PdfSettings(line_tolerance=settings.line_tolerance * height, cell_gap=settings.cell_gap)
    placed = _labels_joined(
        word_lines(words, number, grouping, numbers_apart=True), height * settings.label_reach
    )
    return numbered(placed), findings


def _labels_joined(placed: list[tuple[float, Line]], reach: float) -> list[tuple[float, Line]]:
    # A table cell's label wraps onto lines above and below its row's numbers, which stand on
    # the middle line. A line of text alone goes to the row whose numbers are nearest, when
    # they are within ``reach`` (the label's lines lie closer to their own row's numbers than
    # to the next row's), and the row reads as one line: label, then numbers.
    placed = sorted(placed, key=lambda item: item[0])
    rows = [i for i, (_, line) in enumerate(placed) if _NUMBERS_AT_END.search(line.text)]
    if not rows:
        return placed
    above: dict[int, list[str]] = {}
    below: dict[int, list[str]] = {}
    taken: set[int] = set()
    for index, (top, line) in enumerate(placed):
        if index in rows or _HAS_NUMBER.search(line.text) or _section_of(line) is not None:
            continue  # a number, or a section's heading below a table, is no label's part
        nearest = min(rows, key=lambda r: abs(placed[r][0] - top))
        if abs(placed[nearest][0] - top) > reach:
            continue
        between = range(min(index, nearest) + 1, max(index, nearest))
        if any(i in rows for i in between):
            continue
        (above if index < nearest else below).setdefault(nearest, []).append(line.text)
        taken.add(index)
    out = []
    for index, (top, line) in enumerate(placed):
        if index in taken:
            continue
        if index in above or index in below:
            match = _NUMBERS_AT_END.search(line.text)
            assert match is not None
            label = "".join(
                [*above.get(index, []), line.text[: match.start()].strip(), *below.get(index, [])]
            )
            piece = attrs.evolve(line.cells[0], text=f"{label} {match.group().strip()}".strip())
            line = Line(line.kind, (piece,), line.heading)
        out.append((top, line))
    return out


# A row's numbers: three or more at the end of a line (table 三 has seven, table 四 fifteen);
# any number in a line makes it no label's continuation.
_NUMBERS_AT_END = re.compile(r"(?:^|\s)(?:[0-9][0-9,.]*\s+){2,}[0-9][0-9,.]*\s*$")
_HAS_NUMBER = re.compile(r"(?:^|\s)[0-9][0-9,.]*(?:\s|$)")


def _number_columns(boxes: list[tuple[Seen, float, float, float, float]], height: float) -> list[float]:
    # Where the page's numbers stand across: the middles of the boxes that are a number alone,
    # where at least three stand one above another (a table's column).
    middles = sorted((x0 + x1) / 2 for box, x0, x1, _, _ in boxes if _NUMBER.fullmatch(_numbers(box.text)))
    columns: list[list[float]] = []
    for x in middles:
        if columns and x - columns[-1][-1] <= height / 2:
            columns[-1].append(x)
        else:
            columns.append([x])
    return [statistics.mean(c) for c in columns if len(c) >= 3]


def _split_at_columns(
    text: str, x0: float, x1: float, columns: list[float], height: float
) -> list[tuple[str, float, float]]:
    # A box that runs a cell's label into the number of the next cell ("不9计其他情形" where
    # the label wraps around the row's first number): a number inside words whose place across
    # (its share of the box's width) falls on a column of numbers is that column's number.
    if not columns or _NUMBER.fullmatch(text):
        return [(text, x0, x1)]
    width = (x1 - x0) / max(len(text), 1)
    for match in _INSIDE.finditer(text):
        middle = x0 + width * (match.start() + match.end()) / 2
        if any(abs(middle - c) <= height * 0.6 for c in columns):
            start, end = match.start(), match.end()
            rest = text[:start] + text[end:]
            return [(rest, x0, x1), (match.group(), middle - width / 2, middle + width / 2)]
    return [(text, x0, x1)]


# A number between other characters of a box.
_INSIDE = re.compile(r"(?<=[^\s0-9,.])[0-9]+(?=[^\s0-9,.]|$)")


def _rotation(seen: list[Seen]) -> float:
    # The page's rotation, in radians: the median slope of the long boxes' top edges (a box
    # of a few characters is too short to measure).
    slopes = []
    for box in seen:
        (x0, y0), (x1, y1) = box.corners[0], box.corners[1]
        if x1 - x0 > 3 * abs(box.corners[3][1] - y0):
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(slopes) if slopes else 0.0


def _turned(x: float, y: float, angle: float) -> tuple[float, float]:
    cos, sin = math.cos(angle), math.sin(angle)
    return x * cos - y * sin, x * sin + y * cos


# A token that is a number but for the recogniser's confusions: O or o for 0, l, I or | for 1,
# a full-width comma or full-width digits.
_NUMERIC = re.compile(r"[0-9０-９OoIl|，,.]+")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_CONFUSED = str.maketrans("OoIl|，０１２３４５６７８９", "00111,0123456789")


def _numbers(text: str) -> str:
    # The tokens of a box that are numbers with confused characters, as the numbers; a token
    # of letters alone (an "l" or an "O" by itself) is left as it is.
    def fixed(match: re.Match[str]) -> str:
        token = match.group()
        if not any(c.isdigit() for c in token):
            return token
        return token.translate(_CONFUSED)

    return _NUMERIC.sub(fixed, text)


def image_lines(
    pictures: Iterable[Any], settings: OcrSettings = OCR, first: int = 1
) -> Lines | ExtractionResult:
    """The lines of pictures (Pillow images), each a page, numbered from ``first``; a refusal
    for a picture of more than :data:`MAX_OCR_PAGE_PIXELS` pixels or more than
    :data:`MAX_OCR_PAGES` pages."""
    numpy = require("numpy")
    lines: list[Line] = []
    findings: list[Finding] = []
    for number, picture in enumerate(pictures, first):
        if number - first >= MAX_OCR_PAGES:
            return _too_many(number)
        width, height = picture.size
        if width * height > MAX_OCR_PAGE_PIXELS:
            return _too_big(width * height, number)
        pixels = numpy.asarray(picture.convert("RGB"))
        page, unsure = page_lines(recognise(pixels, settings), number, settings)
        lines.extend(page)
        findings.extend(unsure)
    return Lines(lines, tuple(findings))


def read_images(data: bytes | list[bytes], settings: OcrSettings = OCR) -> Lines | ExtractionResult:
    """Pictures of a report (PNG, JPEG, TIFF with all its pages, BMP, WebP), each a page, read
    with the recogniser; several pictures given together are the pages of one report."""
    require("rapidocr_onnxruntime")
    image = require("PIL.Image")
    sequence = require("PIL.ImageSequence")
    pictures: list[Any] = []
    for one in [data] if isinstance(data, bytes) else data:
        try:
            opened = image.open(io.BytesIO(one))
            width, height = opened.size
            if width * height > MAX_OCR_PAGE_PIXELS:
                return _too_big(width * height, len(pictures) + 1)
            for frame in sequence.Iterator(opened):
                pictures.append(frame.copy())
                if len(pictures) > MAX_OCR_PAGES:
                    return _too_many(len(pictures))
        except image.UnidentifiedImageError:
            return refused(
                "a broken picture (no picture Pillow can read)",
                "损坏的图片（无法识别的图片格式）",
                form="image",
            )
        except (OSError, ValueError, image.DecompressionBombError) as error:
            reason = f"{type(error).__name__}: {error}"[:200]
            return refused(f"a broken picture ({reason})", f"损坏的图片（{reason}）", form="image")
    return image_lines(pictures, settings)


def _too_big(pixels: int, page: int) -> ExtractionResult:
    finding = Finding(
        "EXTRACT-TOO-LARGE",
        "error",
        "",
        "",
        f"{MAX_OCR_PAGE_PIXELS} pixels",
        f"{pixels} pixels on page {page}",
    )
    return ExtractionResult(None, (finding,), {}, "text", None)


def _too_many(pages: int) -> ExtractionResult:
    finding = Finding("EXTRACT-TOO-LARGE", "error", "", "", f"{MAX_OCR_PAGES} pages", f"≥ {pages} pages")
    return ExtractionResult(None, (finding,), {}, "text", None)
