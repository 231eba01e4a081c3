"""A PDF with a text layer as a source of :func:`extract` (the ``pdf`` extra, pdfplumber).

Each page's words are put back into lines by their positions (words whose tops lie within
:data:`SETTINGS.line_tolerance` points are one line; a gap wider than
:data:`SETTINGS.cell_gap` times the font size separates two cells, kept apart, so that a
row of a table reads as the cells of a row, separated by white space). Page footers ("- 2 -", "第 2 页") are dropped, so
that a table cut by a page break reads on as one table. Every piece keeps its page, its line
on the page and its column.
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import re
from typing import Any

import attrs

from .._findings.finding import Finding
from .._ground.extras import require
from .._ground.limits import MAX_PAGE_CHARS, MAX_PAGE_CONTENT_BYTES, MAX_PDF_CHARS, MAX_PDF_UNPACKED_BYTES
from .._ground.settings import PDF, PdfSettings
from .pdfsize import TooLarge, drawn, unpacked
from .result import ExtractionResult, Lines, refused
from .text import Line, Piece

__all__ = ["SETTINGS", "PdfSettings", "grid", "read"]

#: The reader's thresholds (:class:`~govdisclosure._ground.settings.PdfSettings`).
SETTINGS = PDF

_FOOTER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*共?\s*\d{1,4}\s*页?)?[-—–－\s]*$")


def grid(page: Any) -> int:
    """The cells a page's ruling lines can make at most: their distinct heights times their
    distinct positions across, 3 points (pdfplumber's snapping) apart."""
    heights = {round(float(e["top"]) / 3) for e in page.edges if e["orientation"] == "h"}
    across = {round(float(e["x0"]) / 3) for e in page.edges if e["orientation"] == "v"}
    return len(heights) * len(across)


def _page_lines(page: Any, number: int, settings: PdfSettings, tables_too: bool = True) -> list[Line]:
    # Ruled tables are read as grids of cells (pdfplumber finds them by their lines); the
    # words outside them as lines of text. Both are put in the order they stand on the page.
    tables = page.find_tables() if tables_too else []
    boxes = [t.bbox for t in tables]
    placed: list[tuple[float, Line]] = []
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            top = float(row.bbox[1])
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
                    text = " ".join(part.split()) if _latin(part) else "".join(part.split())
                    if text and not _FOOTER.match(text):
                        placed.append((top, Line("text", (attrs.evolve(pieces[0], text=text),))))
            elif pieces:
                placed.append((top, Line("row", tuple(pieces))))
    words = [
        w
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
        if not any(_inside(w, box) for box in boxes)
    ]
    words.sort(key=lambda w: (round(float(w["top"])), float(w["x0"])))
    rows: list[list[dict[str, Any]]] = []
    for word in words:
        if rows and abs(float(word["top"]) - float(rows[-1][0]["top"])) <= settings.line_tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))
        runs: list[list[dict[str, Any]]] = [[row[0]]]
        for previous, word in itertools.pairwise(row):
            size = float(word.get("size") or 10.5)
            if float(word["x0"]) - float(previous["x1"]) > settings.cell_gap * size:
                runs.append([word])
            else:
                runs[-1].append(word)
        texts = ["".join(_joined(run)) for run in runs]
        if len(texts) == 1 and _FOOTER.match(texts[0]):
            continue
        # One text line per line of the page, cells apart by a space: the table reader cuts
        # a line that carries numbers at its white space, as it does for page text.
        placed.append((float(row[0]["top"]), Line("text", (Piece(" ".join(texts), 0, 1, page=number),))))
    placed.sort(key=lambda item: item[0])
    out = []
    for index, (_, line) in enumerate(placed, 1):
        out.append(Line(line.kind, tuple(attrs.evolve(p, line=index) for p in line.cells), line.heading))
    return out


def _latin(text: str | None) -> bool:
    return bool(text) and all(ch.isascii() for ch in (text or "").replace("\n", ""))


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (float(word["x0"]) + float(word["x1"])) / 2
    y = (float(word["top"]) + float(word["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _joined(words: list[dict[str, Any]]) -> list[str]:
    # Words of one cell: Chinese text runs together; Latin words and numbers keep a space.
    parts: list[str] = []
    for word in words:
        text = str(word["text"])
        if (
            parts
            and (parts[-1][-1:].isascii() and parts[-1][-1:].isalnum())
            and text[:1].isascii()
            and text[:1].isalnum()
        ):
            parts.append(" ")
        parts.append(text)
    return parts


def _too_large_pdf(error: TooLarge, limit: int, where: str = "") -> ExtractionResult:
    # The count stops once the budget is spent: "at least" what was counted; streams are
    # unpacked in pieces, so for them only "more than the limit" is a figure of the file.
    size = f"> {limit}" if error.what == "bytes unpacked" else f"≥ {error.size}"
    finding = Finding(
        "EXTRACT-TOO-LARGE", "error", "", "", f"{limit} {error.what}", f"{size} {error.what}{where}"
    )
    return ExtractionResult(None, (finding,), {}, "pdf", None)


@functools.cache
def _unheard() -> None:
    # pdfminer logs every oddity of a PDF as a warning (Chromium's PDFs: "Could not get
    # FontBBox", 174 lines for one report), and with no logging set up Python prints each on
    # standard error. A NullHandler is what a library gives its loggers: the warnings still
    # reach every handler the caller sets up, and only the last-resort printing stops.
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).addHandler(logging.NullHandler())


def read(data: bytes, settings: PdfSettings = SETTINGS) -> Lines | ExtractionResult:
    """The PDF's text layer as lines, page by page, or a refusal (no text layer, a broken or
    locked file, over a bound)."""
    pdfplumber = require("pdfplumber")
    _unheard()
    try:
        unpacked(data, MAX_PDF_UNPACKED_BYTES)
    except TooLarge as error:
        return _too_large_pdf(error, MAX_PDF_UNPACKED_BYTES)
    lines: list[Line] = []
    untabled: list[Finding] = []
    budget = settings.grid_budget
    chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages[: settings.max_pages], 1):
                # Before pdfminer reads the page: what it draws may take minutes to read.
                try:
                    chars += drawn(page.page_obj, MAX_PAGE_CHARS, MAX_PAGE_CONTENT_BYTES)
                except TooLarge as error:
                    limit = MAX_PAGE_CHARS if error.what == "characters" else MAX_PAGE_CONTENT_BYTES
                    return _too_large_pdf(error, limit, f" on page {number}")
                if chars > MAX_PDF_CHARS:
                    return _too_large_pdf(
                        TooLarge(chars, "characters"), MAX_PDF_CHARS, f" up to page {number}"
                    )
                cells = grid(page)
                searched = cells <= min(settings.max_grid, budget)
                if searched:
                    budget -= cells
                else:
                    limit = min(settings.max_grid, max(budget, 0))
                    untabled.append(
                        Finding("EXTRACT-PDF-RULES", "warning", "", "", limit, cells, {"page": number})
                    )
                lines.extend(_page_lines(page, number, settings, searched))
                page.close()  # its characters and layout, about 2.5 KB a character, go now
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds for a broken file
        if any(type(e).__name__ == "PDFPasswordIncorrect" for e in (error, *error.args, error.__context__)):
            # A PDF that only restricts copying or printing opens without one, and is read.
            return refused(
                "a PDF that needs a password to open: open it with the password and save it without one",
                "需要密码才能打开的 PDF 文件，请用密码打开后另存为无密码的文件",
                form="pdf",
            )
        reason = f"{type(error).__name__}: {error}"[:200]
        return refused(f"a broken PDF ({reason})", f"损坏的 PDF 文件（{reason}）", form="pdf")
    if not any(line.text.strip() for line in lines):
        return refused(
            "a PDF without a text layer (a scan): its text needs OCR first",
            "没有文字层的 PDF（扫描件），需先进行文字识别（OCR）",
            form="pdf",
        )
    if _unmapped(lines):
        return refused(
            "a PDF whose fonts map their glyphs to no characters (pdfminer reads them as "
            "(cid:…)): its text needs OCR first",
            "PDF 文件的字体未提供字符映射，文字层无法读取，需先进行文字识别（OCR）",
            form="pdf",
        )
    return Lines(lines, tuple(untabled))


_CID = re.compile(r"\(cid:\d+\)")


def _unmapped(lines: list[Line]) -> bool:
    # Whether the text layer has more glyphs without a character (a font with no ToUnicode
    # map, which pdfminer writes "(cid:130)") than Chinese characters: a report has thousands
    # of the one and none of the other, and such a text reads as no report at all.
    text = "".join(line.text for line in lines)
    glyphs = len(_CID.findall(text))
    return glyphs > 0 and glyphs >= sum("\u4e00" <= c <= "\u9fff" for c in _CID.sub("", text))
