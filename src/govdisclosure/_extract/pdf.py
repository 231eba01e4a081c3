"""A PDF with a text layer as a source of :func:`extract` (the ``pdf`` extra: pdfium, through
pypdfium2).

A chain of small stages, their thresholds in :class:`~govdisclosure._ground.settings.PdfSettings`:
the file's streams and each page's drawing are measured before pdfium reads them
(:mod:`.pdfsize`); pdfium gives each page's characters and straight lines (:mod:`.pdfpage`);
the lines make ruled tables and the characters words (:mod:`.pdfgrid`); here the tables become
rows of cells and the words outside them lines of text, in the order they stand on the page.
Words whose tops lie within :attr:`~PdfSettings.line_tolerance` points are one line; a gap wider
than :attr:`~PdfSettings.cell_gap` times the font size separates two cells, kept apart by a
space, so that a row of a table drawn without lines reads as the cells of a row. Page footers
("- 2 -", "第 2 页") are dropped, so that a table cut by a page break reads on as one table.
Every piece keeps its page, its line on the page and its column.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._findings.finding import Finding
from .._ground.extras import MissingExtra, require
from .._ground.limits import (
    MAX_OCR_PAGES,
    MAX_OCR_PIXELS,
    MAX_PAGE_CHARS,
    MAX_PAGE_CONTENT_BYTES,
    MAX_PAGE_PATH_POINTS,
    MAX_PDF_CHARS,
    MAX_PDF_PAGES,
    MAX_PDF_UNPACKED_BYTES,
)
from .._ground.settings import OCR, PDF, PdfSettings
from .ocr import drawing_scale
from .pagelines import FOOTER as _FOOTER
from .pagelines import numbered, word_lines
from .pdfgrid import Word, tables, words
from .pdfpage import Char, Edge, chars, edges
from .pdfsize import Locked, TooLarge, Unreadable, drawn, unpacked
from .result import ExtractionResult, Lines, Mark, refused
from .text import Line, Piece

__all__ = ["SETTINGS", "PdfSettings", "grid", "read"]

#: The reader's thresholds (:class:`~govdisclosure._ground.settings.PdfSettings`).
SETTINGS = PDF


def grid(found: list[Edge]) -> int:
    """The cells a page's ruling lines can make at most: their distinct heights times their
    distinct positions across, 3 points (the snapping distance) apart."""
    heights = {round(e.top / 3) for e in found if e.orientation == "h"}
    across = {round(e.x0 / 3) for e in found if e.orientation == "v"}
    return len(heights) * len(across)


def _page_lines(
    shown: list[Char], found: list[Edge], number: int, settings: PdfSettings, tables_too: bool = True
) -> list[Line]:
    # Ruled tables are read as grids of cells (found by their lines); the words outside them
    # as lines of text. Both are put in the order they stand on the page.
    ruled = []
    for table in tables(found, settings) if tables_too else []:
        rows = table.texts(shown, settings)
        # A frame around text (a page's border makes all of it one cell) is no table: its
        # words are laid out as lines, each knowing whether it runs to the margin.
        if any(sum(text is not None for text in cells) > 1 for _, cells in rows):
            ruled.append((table, rows))
    boxes = [t.bbox for t, _ in ruled]
    placed: list[tuple[float, Line]] = []
    for _, rows in ruled:
        for top, cells in rows:
            pieces = [
                Piece(
                    " ".join((text or "").split()) if _latin(text) else "".join((text or "").split()),
                    0,
                    column,
                    page=number,
                )
                for column, text in enumerate(cells, 1)
                if text is not None  # a cell spanned by its neighbour
            ]
            if len(pieces) == 1:
                # A row of one cell is text: a heading, or a frame around paragraphs (a page's
                # border can make all of it one cell). Each of its lines is a line of text, so
                # that a heading inside stays a heading.
                raw = next(text for text in cells if text is not None) or ""
                for part in raw.split("\n"):
                    said = " ".join(part.split()) if _latin(part) else "".join(part.split())
                    if said and not _FOOTER.match(said):
                        placed.append((top, Line("text", (attrs.evolve(pieces[0], text=said),))))
            elif pieces:
                placed.append((top, Line("row", tuple(pieces))))
    outside = [w for w in words(shown, settings) if not any(_inside(w, box) for box in boxes)]
    placed.extend(word_lines(outside, number, settings))
    return numbered(placed)


def _latin(text: str | None) -> bool:
    return bool(text) and all(ch.isascii() for ch in (text or "").replace("\n", ""))


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _too_large_pdf(error: TooLarge, where: str = "", *, exact: bool = False) -> ExtractionResult:
    # The count stops once the budget is spent: "at least" what was counted; streams are
    # unpacked in pieces, so for them only "more than the limit" is a figure of the file.
    limit = error.limit
    if error.page:
        where = f" {'up to' if error.upto else 'on'} page {error.page}"
    size = f"> {limit}" if error.what == "bytes unpacked" else str(error.size) if exact else f"≥ {error.size}"
    finding = Finding(
        "EXTRACT-TOO-LARGE", "error", "", "", f"{limit} {error.what}", f"{size} {error.what}{where}"
    )
    return ExtractionResult(None, (finding,), {}, "pdf", None)


def read(data: bytes, settings: PdfSettings = SETTINGS) -> Lines | ExtractionResult:
    """The PDF's text layer as lines, page by page, or a refusal (no text layer, a broken or
    locked file, over a bound)."""
    pdfium = require("pypdfium2")
    require("pypdf")
    raw = pdfium.raw
    try:
        unpacked(data, MAX_PDF_UNPACKED_BYTES)
    except TooLarge as error:
        return _too_large_pdf(error)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            return _locked()
        return _broken(str(error))
    count = len(document)  # pdfium counts the page tree's leaves; no page is loaded
    if count > MAX_PDF_PAGES:
        document.close()
        return _too_large_pdf(TooLarge(count, "pages", MAX_PDF_PAGES), exact=True)
    try:
        drawn(data, count, MAX_PAGE_CHARS, MAX_PAGE_CONTENT_BYTES, MAX_PDF_CHARS, MAX_PAGE_PATH_POINTS)
    except TooLarge as error:
        document.close()
        return _too_large_pdf(error)
    except Locked:
        document.close()
        return _locked()
    except Unreadable as error:
        document.close()
        return _broken(str(error))
    lines: list[Line] = []
    untabled: list[Finding] = []
    budget = settings.grid_budget
    unmapped = chinese = scanned = pixels = 0
    unread: list[int] = []
    marks: dict[tuple[int, int, int], Mark] = {}
    try:
        for number in range(1, count + 1):
            page = document[number - 1]
            try:
                top = page.get_mediabox()[3]
                shown = chars(raw, page.raw, top)
                found, _ = edges(raw, page.raw, top, MAX_PAGE_PATH_POINTS)
                if _scanned(raw, page, shown):
                    scanned += 1
                    if scanned > MAX_OCR_PAGES:
                        return _too_large_pdf(TooLarge(scanned, "pages of scans", MAX_OCR_PAGES))
                    width, height = page.get_size()
                    pixels += int(width * height * drawing_scale(width, height) ** 2)
                    if pixels > MAX_OCR_PIXELS:
                        return _too_large_pdf(
                            TooLarge(pixels, "pixels of scans", MAX_OCR_PIXELS, number, upto=True)
                        )
                    read = _ocr(page, number)
                    if read is None:
                        unread.append(number)
                    else:
                        lines.extend(read[0])
                        untabled.extend(read[1])
                        marks.update(read[2])
                        continue
            finally:
                page.close()
            unmapped += sum(c.unmapped for c in shown)
            chinese += sum("\u4e00" <= c.text <= "\u9fff" for c in shown if not c.unmapped)
            shown = [c for c in shown if not c.unmapped]
            cells = grid(found)
            searched = cells <= min(settings.max_grid, budget)
            if searched:
                budget -= cells
            else:
                limit = min(settings.max_grid, max(budget, 0))
                untabled.append(
                    Finding("EXTRACT-PDF-RULES", "warning", "", "", limit, cells, {"page": number})
                )
            lines.extend(_page_lines(shown, found, number, settings, searched))
    finally:
        document.close()
    if unread and not any(line.text.strip() for line in lines):
        raise MissingExtra("rapidocr_onnxruntime")  # a scan: the finding names the ocr extra
    untabled.extend(Finding("EXTRACT-SCAN-PAGE", "warning", "", params={"page": n}) for n in unread)
    if unmapped and unmapped >= chinese:
        # More glyphs without a character (a font with no ToUnicode map) than Chinese
        # characters: a report has thousands of the one and none of the other, and such a
        # text reads as no report at all.
        return refused(
            "a PDF whose fonts map their glyphs to no characters: its text needs OCR first",
            "PDF 文件的字体未提供字符映射，文字层无法读取，需先进行文字识别（OCR）",
            form="pdf",
        )
    if not any(line.text.strip() for line in lines):
        return refused(
            "a PDF without a text layer (a scan): its text needs OCR first",
            "没有文字层的 PDF（扫描件），需先进行文字识别（OCR）",
            form="pdf",
        )
    return Lines(lines, tuple(untabled), marks)


def _scanned(raw: Any, page: Any, shown: list[Char]) -> bool:
    # A page that shows a picture and (almost) no text: a scan, whose text is in the picture.
    if sum(not c.text.isspace() for c in shown) >= OCR.min_chars:
        return False
    handle = page.raw
    return any(
        raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(handle, i)) == raw.FPDF_PAGEOBJ_IMAGE
        for i in range(raw.FPDFPage_CountObjects(handle))
    )


def _ocr(page: Any, number: int) -> tuple[list[Line], list[Finding], dict[tuple[int, int, int], Mark]] | None:
    # The page drawn as pixels and read by the recogniser; None without the ocr extra. The page
    # is drawn at the scale the model reads well, smaller if that would pass the pixel bound.
    try:
        from .ocr import page_lines, recognise, told

        numpy = require("numpy")
        require("rapidocr_onnxruntime")
    except MissingExtra:
        return None
    width, height = page.get_size()
    scale = drawing_scale(width, height)
    pixels = numpy.asarray(page.render(scale=scale).to_pil().convert("RGB"))
    told(number)
    return page_lines(recognise(pixels), number)


def _locked() -> ExtractionResult:
    # A PDF that only restricts copying or printing opens without one, and is read.
    return refused(
        "a PDF that needs a password to open: open it with the password and save it without one",
        "需要密码才能打开的 PDF 文件，请用密码打开后另存为无密码的文件",
        form="pdf",
    )


def _broken(reason: str) -> ExtractionResult:
    reason = reason[:200]
    return refused(f"a broken PDF ({reason})", f"损坏的 PDF 文件（{reason}）", form="pdf")
