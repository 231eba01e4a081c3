"""Scans and pictures, read with the local OCR model (the ``ocr`` extra): real scans of the
corpus, scans made here from a real text PDF (turned, noisy, JPEG), and the stages alone.

The model takes about 4 s a page on these machines: each test reads only the pages it needs."""

from __future__ import annotations

import io
import json
import math
import sys
from typing import Any
from unittest import mock

import pytest

import govdisclosure as gd
from govdisclosure._extract.ocr import Seen, _numbers, page_lines
from tests.helpers import DATA

SCAN = DATA / "2024_pingtan-gonganju.scan.pdf"
TABLES = ("/active_disclosure", "/applications", "/review_and_litigation")


def _cells(report: gd.Report) -> dict[str, Any]:
    def leaves(value: Any, prefix: str = "") -> dict[str, Any]:
        if isinstance(value, dict):
            return {k: v for key, item in value.items() for k, v in leaves(item, f"{prefix}/{key}").items()}
        return {prefix: value}

    return {p: v for p, v in leaves(json.loads(gd.dumps(report))).items() if p.startswith(TABLES)}


def _pages(data: bytes, pages: list[int]) -> bytes:
    pdfium = pytest.importorskip("pypdfium2")
    source = pdfium.PdfDocument(data)
    sliced = pdfium.PdfDocument.new()
    sliced.import_pages(source, pages)
    out = io.BytesIO()
    sliced.save(out)
    return out.getvalue()


def _scanned(data: bytes, angle: float = 0.8, dpi: int = 150) -> bytes:
    # A text PDF as a scanner makes it: each page a grey picture, turned a little, with noise
    # and JPEG's artefacts, in a PDF with no text layer.
    pdfium = pytest.importorskip("pypdfium2")
    numpy = pytest.importorskip("numpy")
    image = pytest.importorskip("PIL.Image")
    noise = numpy.random.default_rng(7)
    pictures = []
    for page in pdfium.PdfDocument(data):
        grey = page.render(scale=dpi / 72).to_pil().convert("L")
        grey = grey.rotate(angle, resample=image.BICUBIC, fillcolor=255)
        pixels = numpy.asarray(grey).astype(numpy.int16) + noise.normal(0, 12, grey.size[::-1]).astype(
            numpy.int16
        )
        buffer = io.BytesIO()
        image.fromarray(numpy.clip(pixels, 0, 255).astype(numpy.uint8)).save(buffer, "JPEG", quality=70)
        pictures.append(image.open(io.BytesIO(buffer.getvalue())))
    out = io.BytesIO()
    pictures[0].save(out, "PDF", save_all=True, append_images=pictures[1:], resolution=dpi)
    return out.getvalue()


def test_the_corpus_scan_reads_every_table_cell_as_the_web_page_does() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    # Its title (page 2) and its tables (pages 5 to 9) of the twelve.
    result = gd.extract(_pages(SCAN.read_bytes(), [1, 4, 5, 6, 7, 8]))
    page = gd.extract(DATA / "2024_pingtan-gonganju.html")
    assert result.format == "pdf"
    assert result.report is not None
    assert page.report is not None
    assert (result.report.organ.name, result.report.year) == ("平潭综合实验区公安局", 2024)
    assert _cells(result.report) == _cells(page.report)
    # Every number says where it was read: the page of the scan and its line there.
    source = result.sources["/applications/new_received/total"]
    assert (source.kind, source.page) == ("cell", 3)


def test_a_scan_of_a_real_text_pdf_reads_its_cells_and_flags_every_cell_it_misses() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    expected = json.loads((DATA / "2024_hongzequ.pdf.expected.json").read_text(encoding="utf-8"))["report"]
    truth = _cells(gd.from_dict(json.loads(json.dumps(expected), parse_float=__import__("decimal").Decimal)))
    result = gd.extract(_scanned((DATA / "2024_hongzequ.pdf").read_bytes()))
    assert result.report is not None
    assert (result.report.organ.name, result.report.year) == ("淮安市洪泽区人民政府", 2024)
    read = _cells(result.report)
    exact = [p for p in truth if read.get(p) == truth[p]]
    nonzero = [p for p in truth if truth[p]]
    assert len(exact) >= 0.95 * len(truth)
    assert sum(p in exact for p in nonzero) >= 0.9 * len(nonzero)
    flagged = {f.path for f in result.findings}
    silent = [
        p for p in truth if p not in exact and not any(p == q or p.startswith(q + "/") for q in flagged if q)
    ]
    assert silent == []  # no cell wrong without a finding


def test_pictures_given_together_are_the_pages_of_one_report() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(SCAN)
    pictures = []
    # The title, the heading of section 三, and the first page of table 三.
    for index, kind in ((1, "PNG"), (4, "PNG"), (5, "JPEG")):
        buffer = io.BytesIO()
        document[index].render(scale=2).to_pil().convert("RGB").save(buffer, kind)
        pictures.append(buffer.getvalue())
    result = gd.extract(pictures)
    assert result.format == "image"
    assert result.report is not None
    assert (result.report.organ.name, result.report.year) == ("平潭综合实验区公安局", 2024)
    assert result.report.applications.new_received.total == 8
    assert result.sources["/applications/new_received/total"].page == 3


def test_without_the_extra_a_scan_names_it() -> None:
    pytest.importorskip("pypdfium2")
    with mock.patch.dict(sys.modules, {"rapidocr_onnxruntime": None}):
        result = gd.extract(_pages(SCAN.read_bytes(), [4]))
    assert result.report is None
    assert [(f.code, f.params["extra"]) for f in result.findings] == [("EXTRACT-EXTRA", "ocr")]
    assert result.findings[0].message == "读取扫描件和图片需要安装扩展：pip install 'govdisclosure[ocr]'"


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_read() -> None:
    image = pytest.importorskip("PIL.Image")
    pytest.importorskip("rapidocr_onnxruntime")
    from govdisclosure._ground.limits import MAX_OCR_PAGE_PIXELS

    buffer = io.BytesIO()
    image.new("L", (4000, 3001), 255).save(buffer, "PNG")  # 12,004,000 pixels, 40 KB
    result = gd.extract(buffer.getvalue())
    assert [(f.code, f.expected, f.actual) for f in result.findings] == [
        ("EXTRACT-TOO-LARGE", f"{MAX_OCR_PAGE_PIXELS} pixels", "12004000 pixels on page 1")
    ]


def test_the_recognisers_confusions_in_numbers_are_undone_and_words_left_alone() -> None:
    assert _numbers("l2O") == "120"
    assert _numbers("1，234") == "1,234"
    assert _numbers("９５") == "95"
    assert _numbers("Ol 件") == "Ol 件"  # letters alone: no digit, no number
    assert _numbers("其他l") == "其他l"


def test_a_turned_page_is_read_as_lines_and_a_wrapped_label_joins_its_row() -> None:
    # Boxes of a row of table 三 on a page turned by 1.5°: its label wraps above and below the
    # numbers; the next row's label stands lower.
    angle = math.radians(1.5)

    def box(text: str, x: float, y: float, width: float, confidence: float = 0.99) -> Seen:
        corners = [(x, y), (x + width, y), (x + width, y + 20), (x, y + 20)]
        turned = [
            (px * math.cos(angle) - py * math.sin(angle), px * math.sin(angle) + py * math.cos(angle))
            for px, py in corners
        ]
        return Seen(text, tuple(turned), confidence)

    numbers = [box(str(n), 400 + 50 * i, 130, 12) for i, n in enumerate([1, 0, 0, 0, 0, 0, 1])]
    seen = [
        box("（二）部分公开（区分", 100, 100, 200),
        box("处理的，只计这一情形", 100, 130, 200),
        box("不计其他情形）", 100, 160, 150),
        *numbers,
        box("（三）1.属于国家秘密", 100, 230, 200),
        *[box("0", 400 + 50 * i, 230, 12) for i in range(7)],
        box("7", 700, 300, 12, confidence=0.4),
    ]
    lines, findings = page_lines(seen, 3)
    assert [line.text for line in lines][:2] == [
        "（二）部分公开（区分处理的，只计这一情形不计其他情形） 1 0 0 0 0 0 1",
        "（三）1.属于国家秘密 0 0 0 0 0 0 0",
    ]
    assert [(f.code, f.actual, f.params) for f in findings] == [
        ("EXTRACT-OCR-UNSURE", "7", {"page": 3, "confidence": 0.4})
    ]
