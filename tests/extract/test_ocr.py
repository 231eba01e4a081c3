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
from govdisclosure._ground.settings import OCR
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
        *[box("0", 400 + 50 * i, 230, 12) for i in range(6)],
        box("7", 700, 230, 12, confidence=0.4),
    ]
    lines, findings, marks = page_lines(seen, 3)
    assert [line.text for line in lines] == [
        "（二）部分公开（区分处理的，只计这一情形不计其他情形） 1 0 0 0 0 0 1",
        "（三）1.属于国家秘密 0 0 0 0 0 0 7",
    ]
    assert findings == []  # the importer judges an unsure number, once it knows its cell
    # Every number's place in the lines (page, line, column) names the box it was read from.
    first = lines[0].text.index(" 1 ") + 2
    assert marks[(3, 1, first)].confidence == 0.99
    seven = marks[(3, 2, len(lines[1].text))]
    assert seven.confidence == 0.4
    assert seven.box[0] == int(min(x for x, _ in seen[-1].corners))


def test_an_unsure_number_is_a_finding_at_its_cell_unless_the_table_confirms_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from govdisclosure._extract import ocr

    real = ocr.recognise

    def doubted(pixels: Any, settings: Any = OCR) -> list[Seen]:
        # On the page of table 三: the "8" of 本年新收·自然人 read with little confidence (its
        # row's 总计 confirms it), and the "3" of 予以公开·自然人 misread as 5, unsure too.
        seen = real(pixels, settings)

        def row_of(word: str) -> float:
            anchor = next((b for b in seen if word in b.text), None)
            return -1e9 if anchor is None else sum(y for _, y in anchor.corners) / 4

        def first_number(text: str, word: str) -> Seen | None:
            middle = row_of(word)
            # A label wraps above its row's numbers: they stand within two lines of it.
            candidates = [
                b for b in seen if b.text == text and abs(sum(y for _, y in b.corners) / 4 - middle) < 60
            ]
            return min(candidates, key=lambda b: b.corners[0][0], default=None)

        changed = []
        for box in seen:
            if box is first_number("8", "本年新收"):
                box = Seen("8", box.corners, 0.3)
            elif box is first_number("3", "予以公开"):
                box = Seen("5", box.corners, 0.3)
            changed.append(box)
        return changed

    monkeypatch.setattr(ocr, "recognise", doubted)
    data = _pages(SCAN.read_bytes(), [1, 4, 5, 6, 7])  # the title, and table 三
    result = gd.extract(data)
    assert result.report is not None
    unsure = [
        (f.path, f.actual, f.params["confidence"]) for f in result.findings if f.code == "EXTRACT-OCR-UNSURE"
    ]
    assert unsure == [("/applications/results/granted/natural_person", 5, 0.3)]
    source = result.sources["/applications/new_received/natural_person"]
    assert (source.page, source.confidence) == (3, 0.3)
    assert source.box is not None
    assert source.box[2] > source.box[0]
    # The review page shows the part of the page the flagged number was read from.
    import base64

    from govdisclosure._extract.crops import crops
    from govdisclosure._render.review import review_page

    image = pytest.importorskip("PIL.Image")
    shown = crops(data, result, [f.path for f in result.findings])
    crop = shown["/applications/results/granted/natural_person"]
    assert crop.startswith("data:image/png;base64,")
    picture = image.open(io.BytesIO(base64.b64decode(crop.split(",", 1)[1])))
    assert picture.height == 40
    assert picture.width > 40
    page = review_page(result.report, result.findings, shown)
    assert page.count('<img class="crop"') == len(shown)
    assert f'src="{crop}"' in page


def test_each_page_of_a_scan_is_told_as_it_is_read_and_the_terminal_shows_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govdisclosure._cli.progress import pages_told
    from govdisclosure._extract.ocr import told

    told(1)  # unset: nothing is told, nothing fails
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with pages_told():
        told(2)
    err = capsys.readouterr().err
    assert "识别第 2 页 / reading page 2 of the scan" in err
    assert err.endswith("\r\x1b[K")  # the line is cleared when the reading ends


def _archive(html: str, pictures: dict[str, bytes]) -> bytes:
    # A web page saved as one file (RFC 2557), its pictures in parts of their own.
    import base64

    boundary = "----=_NextPart_01DB1234.5678ABCD"
    parts = [
        f"--{boundary}\r\nContent-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: base64\r\n"
        f'Content-Type: text/html; charset="utf-8"\r\n\r\n{base64.encodebytes(html.encode("utf-8")).decode()}\r\n'
    ]
    for name, data in pictures.items():
        parts.append(
            f"--{boundary}\r\nContent-Location: file:///C:/report.files/{name}\r\n"
            f"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n"
            f"{base64.encodebytes(data).decode()}\r\n"
        )
    return (
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'
        + "".join(parts)
        + f"--{boundary}--\r\n"
    ).encode("ascii")


def test_a_saved_web_page_whose_table_is_a_picture_reads_the_picture_where_it_stands() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    pdfium = pytest.importorskip("pypdfium2")
    buffer = io.BytesIO()
    pdfium.PdfDocument(SCAN)[5].render(scale=2).to_pil().convert("L").save(buffer, "PNG")
    page = (
        "<html><body><h1>平潭综合实验区公安局2024年政府信息公开工作年度报告</h1>"
        "<p>三、收到和处理政府信息公开申请情况</p>"
        '<p><img src="report.files/image001.png" width="600"></p>'
        "</body></html>"
    )
    result = gd.extract(_archive(page, {"image001.png": buffer.getvalue()}))
    assert result.format == "html"
    assert result.report is not None
    assert (result.report.organ.name, result.report.year) == ("平潭综合实验区公安局", 2024)
    assert result.report.applications.new_received.total == 8
    assert result.report.applications.results.granted.total == 3


def test_the_pixels_of_all_the_pictures_are_bounded_before_the_next_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    image = pytest.importorskip("PIL.Image")
    pytest.importorskip("rapidocr_onnxruntime")
    from govdisclosure._extract import ocr

    monkeypatch.setattr(ocr, "MAX_OCR_PIXELS", 250_000)
    read: list[int] = []

    def recognised(pixels: Any, settings: Any = None) -> list[Seen]:
        read.append(1)
        return []

    monkeypatch.setattr(ocr, "recognise", recognised)
    pictures = []
    for _ in range(3):
        buffer = io.BytesIO()
        image.new("L", (400, 300), 255).save(buffer, "PNG")  # 120,000 pixels each
        pictures.append(buffer.getvalue())
    result = gd.extract(pictures)
    assert [(f.code, f.expected, f.actual) for f in result.findings] == [
        ("EXTRACT-TOO-LARGE", "250000 pixels", "360000 pixels up to page 3")
    ]
    assert read == [1, 1]  # the third picture was not given to the recogniser
