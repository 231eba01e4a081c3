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

import contextvars
import functools
import io
import itertools
import math
import re
import statistics
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from .._findings.finding import Finding
from .._ground.extras import MissingExtra, require
from .._ground.limits import MAX_OCR_PAGE_PIXELS, MAX_OCR_PAGES, MAX_OCR_PIXELS
from .._ground.settings import OCR, OcrSettings
from .pagelines import FOOTER, NUMBER, joined
from .pdfgrid import Word
from .result import ExtractionResult, Lines, Mark, refused
from .sections import _section_of
from .text import Line, Piece

__all__ = [
    "PAGE_READ",
    "Seen",
    "engine",
    "image_lines",
    "page_lines",
    "pictures_read",
    "read_images",
    "recognise",
]

#: Told the number of each page of a scan as the recogniser starts on it (a few seconds a
#: page): the command line sets it to draw a progress line on a terminal; unset, nothing is told.
PAGE_READ: contextvars.ContextVar[Callable[[int], None] | None] = contextvars.ContextVar(
    "PAGE_READ", default=None
)


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


def drawing_scale(width: float, height: float, settings: OcrSettings = OCR) -> float:
    """The scale a PDF page of ``width`` × ``height`` points is drawn at for the recogniser:
    ``settings.scale``, less where that would pass :data:`MAX_OCR_PAGE_PIXELS`."""
    return min(settings.scale, float((MAX_OCR_PAGE_PIXELS / max(width * height, 1.0)) ** 0.5))


def told(number: int) -> None:
    """Tell :data:`PAGE_READ` that page ``number`` is being read."""
    hook = PAGE_READ.get()
    if hook is not None:
        hook(number)


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


# A line being made: its top, its text, and the numbers in it (offset in the text, mark).
_Made = tuple[float, str, list[tuple[int, Mark]]]


def page_lines(
    seen: list[Seen], number: int, settings: OcrSettings = OCR
) -> tuple[list[Line], list[Finding], dict[tuple[int, int, int], Mark]]:
    """The lines of one page from the boxes read on it, the findings of the reading (none yet:
    a number read with little confidence is the importer's to judge, once it knows the number's
    cell), and where each number was read, by (page, line, column) of the lines."""
    if not seen:
        return [], [], {}
    angle = _rotation(seen)
    boxes = []
    for box in seen:
        xs, ys = zip(*(_turned(x, y, -angle) for x, y in box.corners), strict=True)
        boxes.append((box, min(xs), max(xs), min(ys), max(ys)))
    height = statistics.median(y1 - y0 for _, _, _, y0, y1 in boxes) or 1.0
    columns = _number_columns(boxes, height)
    words: list[tuple[Word, Mark | None]] = []
    for box, x0, x1, y0, y1 in boxes:
        middle = (y0 + y1) / 2
        xs, ys = zip(*box.corners, strict=True)
        mark = Mark(
            (int(min(xs)), int(min(ys)), int(max(xs) + 0.5), int(max(ys) + 0.5)), round(box.confidence, 3)
        )
        # Every box as tall as the page's text: lines are found by the boxes' middles.
        for text, left, right in _split_at_columns(_numbers(box.text), x0, x1, columns, height):
            word = Word(text, left, right, middle - height / 2, middle + height / 2, height)
            words.append((word, mark if NUMBER.fullmatch(text) else None))
    rows = _rows(words, settings.line_tolerance * height, settings.cell_gap)
    made = _labels_joined(rows, height * settings.label_reach)
    lines: list[Line] = []
    marks: dict[tuple[int, int, int], Mark] = {}
    for index, (_, text, numbers) in enumerate(sorted(made, key=lambda item: item[0]), 1):
        lines.append(Line("text", (Piece(text, index, 1, page=number),)))
        for offset, mark in numbers:
            marks[(number, index, offset + 1)] = mark
    return lines, [], marks


def _rows(words: list[tuple[Word, Mark | None]], tolerance: float, gap: float) -> list[_Made]:
    # Words whose middles lie within tolerance are a line; a gap wider than ``gap`` box heights,
    # or a number (a cell of its own however near its neighbour), separates two cells.
    ordered = sorted(words, key=lambda item: (round(item[0].top), item[0].x0))
    grouped: list[list[tuple[Word, Mark | None]]] = []
    for item in ordered:
        if grouped and abs(item[0].top - grouped[-1][0][0].top) <= tolerance:
            grouped[-1].append(item)
        else:
            grouped.append([item])
    out: list[_Made] = []
    for row in grouped:
        row.sort(key=lambda item: item[0].x0)
        runs: list[list[tuple[Word, Mark | None]]] = [[row[0]]]
        for (previous, before), (word, mark) in itertools.pairwise(row):
            if before is not None or mark is not None or word.x0 - previous.x1 > gap * word.size:
                runs.append([(word, mark)])
            else:
                runs[-1].append((word, mark))
        text, numbers = "", []
        for run in runs:
            piece = "".join(joined([w for w, _ in run]))
            if text:
                text += " "
            only = run[0][1]
            if len(run) == 1 and only is not None:
                numbers.append((len(text), only))
            text += piece
        if len(runs) == 1 and FOOTER.match(text):
            continue
        out.append((row[0][0].top, text, numbers))
    return out


def _labels_joined(made: list[_Made], reach: float) -> list[_Made]:
    # A table cell's label wraps onto lines above and below its row's numbers, which stand on
    # the middle line. A line of text alone goes to the row whose numbers are nearest, when
    # they are within ``reach`` (the label's lines lie closer to their own row's numbers than
    # to the next row's), and the row reads as one line: label, then numbers.
    made = sorted(made, key=lambda item: item[0])
    rows = [i for i, (_, text, _) in enumerate(made) if _NUMBERS_AT_END.search(text)]
    if not rows:
        return made
    above: dict[int, list[str]] = {}
    below: dict[int, list[str]] = {}
    taken: set[int] = set()
    for index, (top, text, _) in enumerate(made):
        if index in rows or _HAS_NUMBER.search(text) or _is_heading(text):
            continue  # a number, or a section's heading below a table, is no label's part
        nearest = min(rows, key=lambda r: abs(made[r][0] - top))
        if abs(made[nearest][0] - top) > reach:
            continue
        if any(i in rows for i in range(min(index, nearest) + 1, max(index, nearest))):
            continue
        (above if index < nearest else below).setdefault(nearest, []).append(text)
        taken.add(index)
    out: list[_Made] = []
    for index, (top, text, numbers) in enumerate(made):
        if index in taken:
            continue
        if index in above or index in below:
            match = _NUMBERS_AT_END.search(text)
            assert match is not None
            label = "".join([*above.get(index, []), text[: match.start()].strip(), *below.get(index, [])])
            tail = text[match.start() :]
            start = match.start() + len(tail) - len(tail.lstrip())
            prefix = f"{label} " if label else ""
            shift = len(prefix) - start
            text = prefix + tail.strip()
            numbers = [(offset + shift, mark) for offset, mark in numbers if offset >= start]
        out.append((top, text, numbers))
    return out


def _is_heading(text: str) -> bool:
    return _section_of(Line("text", (Piece(text, 0, 1),))) is not None


# A row's numbers: three or more at the end of a line (table 三 has seven, table 四 fifteen);
# any number in a line makes it no label's continuation.
_NUMBERS_AT_END = re.compile(r"(?:^|\s)(?:[0-9][0-9,.]*\s+){2,}[0-9][0-9,.]*\s*$")
_HAS_NUMBER = re.compile(r"(?:^|\s)[0-9][0-9,.]*(?:\s|$)")


def _number_columns(boxes: list[tuple[Seen, float, float, float, float]], height: float) -> list[float]:
    # Where the page's numbers stand across: the middles of the boxes that are a number alone,
    # where at least three stand one above another (a table's column).
    middles = sorted((x0 + x1) / 2 for box, x0, x1, _, _ in boxes if NUMBER.fullmatch(_numbers(box.text)))
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
    if not columns or NUMBER.fullmatch(text):
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
    marks: dict[tuple[int, int, int], Mark] = {}
    total = 0
    for number, picture in enumerate(pictures, first):
        if number - first >= MAX_OCR_PAGES:
            return _too_many(number)
        width, height = picture.size
        if width * height > MAX_OCR_PAGE_PIXELS:
            return _too_big(width * height, number)
        total += width * height
        if total > MAX_OCR_PIXELS:
            return _too_big(total, number, MAX_OCR_PIXELS)
        pixels = numpy.asarray(picture.convert("RGB"))
        told(number)
        page, unsure, marked = page_lines(recognise(pixels, settings), number, settings)
        lines.extend(page)
        findings.extend(unsure)
        marks.update(marked)
    return Lines(lines, tuple(findings), marks)


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


def _too_big(pixels: int, page: int, limit: int = MAX_OCR_PAGE_PIXELS) -> ExtractionResult:
    where = "up to" if limit == MAX_OCR_PIXELS else "on"
    finding = Finding(
        "EXTRACT-TOO-LARGE", "error", "", "", f"{limit} pixels", f"{pixels} pixels {where} page {page}"
    )
    return ExtractionResult(None, (finding,), {}, "text", None)


def _too_many(pages: int) -> ExtractionResult:
    finding = Finding("EXTRACT-TOO-LARGE", "error", "", "", f"{MAX_OCR_PAGES} pages", f"≥ {pages} pages")
    return ExtractionResult(None, (finding,), {}, "text", None)


_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)[^>]*>", re.I)
_CELLS = re.compile(r"<t[dh]\b", re.I)


def pictures_read(page: str, pictures: dict[str, bytes], settings: OcrSettings = OCR) -> str:
    """A saved web page whose report tables are pictures, with each picture it shows replaced
    by the text the recogniser reads in it, one paragraph a line, in its place (so that the
    headings around it still say which table it is). A page with tables of its own is left as
    it is (its pictures are a site's logos); without the ``ocr`` extra too."""
    if len(_CELLS.findall(page)) >= 20 or not pictures:
        return page
    try:
        require("rapidocr_onnxruntime")
    except MissingExtra:
        return page
    import html

    def read(match: re.Match[str]) -> str:
        source = html.unescape(match.group(1))
        data = pictures.get(source) or pictures.get(source.rsplit("/", 1)[-1])
        if data is None:
            return match.group()
        lines = read_images(data, settings)
        if not isinstance(lines, Lines):
            return match.group()
        return "".join(f"<p>{html.escape(line.text)}</p>" for line in lines.lines)

    return _IMG.sub(read, page)
