"""extract() of the binary forms: a real PDF, a Word file, and the files it refuses."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._ground.limits import (
    MAX_MERGED_CELLS,
    MAX_PAGE_CHARS,
    MAX_PAGE_CONTENT_BYTES,
    MAX_PDF_UNPACKED_BYTES,
    MAX_SOURCE_BYTES,
    MAX_SPAN,
    MAX_UNPACKED_BYTES,
)
from tests.helpers import DATA, EXAMPLES, SEED, SOFFICE, convert, docx_file, pdf_file, ruled_pdf, web_archive

PDF = DATA / "2024_hongzequ.pdf"
DOCX = DATA / "2024_pingtan-gonganju.docx"
SEED_JSON = EXAMPLES / "yiyuan-police-2023.json"

# A PDF of one empty page: no text layer, as a scan has none.
_BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_real_pdf_is_read_cell_by_cell_from_its_ruled_tables() -> None:
    pytest.importorskip("pypdfium2")
    result = gd.extract(PDF)
    assert result.format == "pdf"
    report = result.report
    assert isinstance(report, gd.Report2021)
    assert (report.organ.name, report.year) == ("淮安市洪泽区人民政府", 2024)
    table2 = gd.to_dict(report)["active_disclosure"]
    assert table2 == {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 3, "repealed": 0, "in_force": 8},
        "licensing": {"decisions": 9487},
        "punishment": {"decisions": 2776},
        "enforcement": {"decisions": 84},
        "fees": {"amount_10k_yuan": gd.to_dict(report)["active_disclosure"]["fees"]["amount_10k_yuan"]},
    }
    assert str(report.active_disclosure.fees.amount_10k_yuan) == "7545"
    apps = report.applications
    assert (apps.new_received.natural_person, apps.new_received.total) == (95, 95)
    assert (apps.results.granted.total, apps.results.partially_granted.total) == (50, 9)
    assert apps.results.withheld.security_stability.total == 1
    assert apps.results.unavailable.not_held.total == 31
    assert apps.results.total.total == 95
    review = gd.to_dict(report)["review_and_litigation"]
    flat = [v for group in review.values() for v in group.values()]
    assert flat == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    assert [(f.code, f.path) for f in result.findings] == [
        ("NARR-TABLE-MISMATCH", "/overview/disclosure_on_request"),  # the text says 17, the table 95
        ("EXTRACT-GROUP-ROW", "/applications/results/other/no_correction"),
        ("EXTRACT-GROUP-ROW", "/applications/results/other/fee_unpaid"),
        ("EXTRACT-GROUP-ROW", "/applications/results/other/other"),
    ]
    assert result.where("/active_disclosure/licensing/decisions") == "page 2, line 22, column 2"
    assert result.sources["/applications/results/total/total"].page == 4


def test_a_word_file_reads_as_its_web_page_does_with_table_row_and_column() -> None:
    pytest.importorskip("docx")
    result = gd.extract(DOCX)
    page = gd.extract(DATA / "2024_pingtan-gonganju.html")
    assert result.format == "docx"
    assert result.report is not None
    assert page.report is not None
    for part in ("active_disclosure", "applications", "review_and_litigation"):
        assert gd.to_dict(result.report)[part] == gd.to_dict(page.report)[part]
    assert (result.report.organ.name, result.report.year) == (page.report.organ.name, page.report.year)
    assert result.findings == page.findings == ()
    source = result.sources["/applications/new_received/natural_person"]
    assert (source.table, source.column) == (2, 4)
    assert source.where == f"table 2, row {source.line}, column 4"


def _zipped(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def test_the_real_pdf_reads_exactly_as_it_did_on_pdfplumber() -> None:
    # The reader moved from pdfplumber to pdfium: the same report, the same findings.
    pytest.importorskip("pypdfium2")
    expected = json.loads((DATA / "2024_hongzequ.pdf.expected.json").read_text(encoding="utf-8"))
    result = gd.extract(PDF)
    assert result.report is not None
    assert json.loads(gd.dumps(result.report)) == expected["report"]
    assert [[f.code, f.path] for f in result.findings] == expected["findings"]


@pytest.mark.parametrize(("path", "module", "extra"), [(PDF, "pypdfium2", "pdf"), (DOCX, "docx", "docx")])
def test_without_the_extra_the_finding_names_it(path: Path, module: str, extra: str) -> None:
    with mock.patch.dict(sys.modules, {module: None}):
        result = gd.extract(path)
    assert result.report is None
    assert [(f.code, f.params["extra"]) for f in result.findings] == [("EXTRACT-EXTRA", extra)]
    assert f"pip install 'govdisclosure[{extra}]'" in result.findings[0].message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_BLANK_PDF, "a PDF without a text layer (a scan): its text needs OCR first"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50), "an old binary Office file (.doc or .xls)"),
        (b"\xff\xd8\xff\xe0" + bytes(50), "a broken picture (no picture Pillow can read)"),
        ("一、总体情况".encode("utf-16-le")[:-1] + b"\x00\x00", "binary data, not text"),
        (b"\x81\x30\x81", "the bytes are neither UTF-8, UTF-16 nor GB18030 text"),
        # It begins with "{" and was read as JSON: JSON-SYNTAX.
        (b"{\\rtf1\\ansi\\ansicpg936 \\'d5\\'fe}", "an RTF document: save it as .docx first"),
        (_zipped("mimetype", "content.xml", "styles.xml"), "an OpenDocument file (.odt or .ods)"),
        (_zipped("OFD.xml", "Doc_0/Document.xml"), "an OFD document (GB/T 33190)"),
    ],
)
def test_a_file_of_no_readable_form_is_one_finding(data: bytes, reason: str) -> None:
    if data.startswith(b"%PDF"):
        pytest.importorskip("pypdfium2")
    if data.startswith(b"\xff\xd8"):
        pytest.importorskip("rapidocr_onnxruntime")  # a picture is read by the ocr extra
    result = gd.extract(data)
    assert result.report is None
    assert [f.code for f in result.findings] == ["EXTRACT-FORM"]
    assert result.findings[0].params["reason"].startswith(reason)


def test_a_report_in_the_format_before_2019_is_refused() -> None:
    old = (
        "某某县人民政府2017年政府信息公开工作年度报告\n"
        "一、概述\n2017年，我县……\n二、主动公开政府信息情况\n主动公开政府信息 120 条。\n"
        "三、依申请公开政府信息情况\n收到申请 3 件。\n四、政府信息公开的收费及减免情况\n未收费。\n"
    )
    result = gd.extract(old)
    assert result.report is None
    assert [(f.code, f.params["reason"]) for f in result.findings] == [
        ("EXTRACT-NOT-REPORT", "a report for 2017; the national template applies from the 2019 reports")
    ]
    undated = old.replace("2017年", "2020年")
    (finding,) = gd.extract(undated).findings
    assert finding.code == "EXTRACT-NOT-REPORT"
    assert finding.params["reason"].startswith("its sections are those of the format used before 2019")
    (other,) = gd.extract("会议纪要\n今天开会讨论了三件事。\n").findings
    assert other.code == "EXTRACT-NOT-REPORT"


def test_a_page_that_announces_a_report_says_where_the_report_is() -> None:
    # A site's page with the report's title and the report as its attachment or in a PDF
    # viewer: it was read as a report of 31 missing rows and every part missing (70 findings).
    page = (
        "<html><head><title>某县人民政府2024年政府信息公开工作年度报告</title></head><body>"
        "<h1>某县人民政府2024年政府信息公开工作年度报告</h1><p>发布日期：2025-01-20</p>"
        '<iframe src="/pdfjs/web/viewer.html?file=%2Fupload%2F2024%E5%B9%B4%E6%8A%A5.pdf"></iframe>'
        '<p>附件：<a href="/upload/report.docx?v=2">2024年报.docx</a> <a href="/index.html">首页</a>'
        '<a href="/upload/report.docx#top">again</a></p></body></html>'
    )
    (finding,) = gd.extract(page).findings
    assert (finding.code, finding.params["reason"], finding.params["reason_zh"]) == (
        "EXTRACT-NOT-REPORT",
        "no section or table of an annual report on government information disclosure; "
        "the page links to /upload/2024年报.pdf, /upload/report.docx",
        "未见政府信息公开工作年度报告的章节或统计表格；网页链接的文件：/upload/2024年报.pdf, /upload/report.docx",
    )
    # The title alone, as text: no report either, and no link to name.
    (alone,) = gd.extract("某县人民政府2024年政府信息公开工作年度报告\n发布日期：2025-01-20\n").findings
    assert (alone.code, alone.params["reason"]) == (
        "EXTRACT-NOT-REPORT",
        "no section or table of an annual report on government information disclosure",
    )


def test_site_text_on_one_line_with_glued_cells_reads_as_its_web_page() -> None:
    text = (DATA / "2024_pingtan-gonganju.txt").read_text(encoding="utf-8")
    result = gd.extract(text)
    page = gd.extract(DATA / "2024_pingtan-gonganju.html")
    assert result.report is not None
    assert page.report is not None
    for part in ("active_disclosure", "applications", "review_and_litigation"):
        assert gd.to_dict(result.report)[part] == gd.to_dict(page.report)[part], part
    assert result.report.organ.name == "平潭综合实验区公安局"  # the crawler's lines are metadata
    assert {f.code for f in result.findings} == {"EXTRACT-SPLIT"}
    split = {f.path: (f.actual, f.expected) for f in result.findings}
    assert split["/applications/results/partially_granted"] == ("10 0 0 0 01", "1 0 0 0 0 0 1")
    assert split["/applications/results/granted"] == ("3000003", "3 0 0 0 0 0 3")
    assert split["/review_and_litigation"] == ("000000000000000", " ".join(["0"] * 15))


def test_a_glued_run_with_several_fitting_splits_is_left_unknown() -> None:
    import re

    text = (DATA / "yiyuan-police-2023.txt").read_text(encoding="utf-8")
    result = gd.extract(re.sub(r"\n规章[^\n]*", "\n规章\t111\t1", text))
    (ambiguous,) = [f for f in result.findings if f.code == "EXTRACT-SPLIT-AMBIGUOUS"]
    assert (ambiguous.path, ambiguous.actual, ambiguous.params) == (
        "/active_disclosure/regulations",
        "111 1",
        {"candidates": "1 11 1; 11 1 1"},
    )
    assert result.sources["/active_disclosure/regulations/issued"].kind == "missing"


def test_a_report_of_seven_sections_keeps_its_improvements_with_its_problems() -> None:
    text = (DATA / "yiyuan-police-2023.txt").read_text(encoding="utf-8")
    start = text.index("五、")
    end = text.index("六、")
    body = text[start:end].split("\n", 1)[1].strip()
    seven = (
        text[:start]
        + "五、存在的主要问题\n存在问题一。\n六、改进措施\n改进措施一。\n"
        + "七、其他需要报告的事项\n"
        + text[end:].split("\n", 1)[1]
    )
    result = gd.extract(seven)
    assert result.report is not None
    assert body  # the original section 五 was replaced
    assert result.report.problems_and_improvements == "存在问题一。\n六、改进措施\n改进措施一。"
    assert result.report.other_matters == gd.load(SEED_JSON).other_matters
    assert "EXTRACT-NO-SECTION" not in {f.code for f in result.findings}


def test_a_web_page_ends_where_its_report_ends() -> None:
    # The county's page: after section 六 come the site's attachment box, QR code, close
    # button and footer, none of them part of the report.
    page = gd.extract(DATA / "2024_pingtan-gonganju.html")
    assert page.report is not None
    assert page.report.other_matters.processing_fees == "2024年，无收取信息处理费情况。"


def test_a_signature_placed_after_the_reports_element_is_kept_and_the_footer_left_out() -> None:
    import re

    report = gd.load(SEED_JSON)
    # The rendered page as a site would publish it: without its data copy and cell paths.
    rendered = re.sub(r'<script type="application/json".*?</script>', "", gd.render(report), flags=re.S)
    rendered = re.sub(r' data-path="[^"]*"', "", rendered)
    ending = '<p class="signature">沂源县公安局</p>\n<p class="date">2024年1月5日</p>\n</article>'
    assert ending in rendered
    portal = rendered.replace(
        ending,
        '</article><div class="sign"><p>沂源县公安局</p><p>2024年1月5日</p></div>'
        "<div>附件下载</div><div><p>扫一扫在手机上查看当前页面</p></div><button>关闭</button>"
        "<div>版权所有：沂源县人民政府 网站标识码：3703230001 鲁ICP备05001234号</div>",
    )
    from_portal, from_page = gd.extract(portal), gd.extract(rendered)
    assert from_page.report is not None
    assert from_portal.report == from_page.report
    assert from_portal.report.published_on == report.published_on
    assert from_portal.findings == from_page.findings


def test_a_report_inside_an_inline_element_keeps_the_text_that_ends_it() -> None:
    # Old pages wrap the body in <font>, and leave paragraphs open: the report's last text is
    # not yet a line when its element ends, and is still the report's.
    page = (
        "<html><body><font size=3><p>沂源县公安局2023年政府信息公开工作年度报告"
        "<p>一、总体情况<p>全年工作情况。<p>六、其他需要报告的事项<p>本年度未收取信息处理费。</font>"
        "<div>附件下载 扫一扫在手机上查看当前页面 版权所有</div></body></html>"
    )
    result = gd.extract(page)
    assert result.report is not None
    assert result.report.other_matters.processing_fees == "本年度未收取信息处理费。"


def test_a_page_nested_deep_costs_no_more_than_its_size() -> None:
    # Every line would carry its whole chain of elements if the page's nesting were kept per
    # line: 50,000 levels and 2,000 lines would be 10^8 entries.
    body = (
        "<div>" * 50_000 + "<p>一、总体情况</p>" + "<p>正文。</p>" * 2_000 + "<p>六、其他需要报告的事项</p>"
    )
    result = gd.extract(f"<html><body>{body}</body></html>")
    assert {f.code for f in result.findings} >= {"EXTRACT-NO-TITLE"}


def _rezipped(data: bytes, member: str, change: Any) -> bytes:
    # The archive with one member's bytes changed by change(bytes) -> bytes.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in source.namelist():
            content = source.read(name)
            copy.writestr(name, change(content) if name == member else content)
    return out.getvalue()


def _workbook() -> bytes:
    pytest.importorskip("openpyxl")
    workbook = gd.render(gd.loads(SEED_JSON.read_bytes()), "xlsx")
    assert isinstance(workbook, bytes)
    return workbook


_OTHER_NAMESPACE = lambda xml: xml.replace(b"schemas.openxmlformats.org", b"example.org")  # noqa: E731


@pytest.mark.parametrize(
    ("form", "member", "change", "error"),
    [
        # python-docx finds no body in a document part of another namespace (AttributeError).
        ("docx", "word/document.xml", _OTHER_NAMESPACE, "AttributeError"),
        ("docx", "word/_rels/document.xml.rels", _OTHER_NAMESPACE, "AttributeError"),
        ("docx", "word/styles.xml", lambda xml: xml[: len(xml) // 2], "XMLSyntaxError"),
        ("xlsx", "xl/workbook.xml", lambda xml: b"", "XMLSyntaxError"),
        ("xlsx", "xl/worksheets/sheet2.xml", lambda xml: b"\x01garbage", "ParseError"),
    ],
)
def test_a_broken_part_of_an_office_file_is_one_finding(
    form: str, member: str, change: Any, error: str
) -> None:
    # The libraries raise many kinds of error for a broken file: each is the finding that the
    # file is broken, whether its form is detected or named.
    # In the library's words; the parser's own are kept as the cause.
    words = {
        "XMLSyntaxError": "its XML is broken",
        "ParseError": "its XML is broken",
        "AttributeError": "its XML is not what such a file holds",
    }.get(error, error)
    if form == "docx":
        pytest.importorskip("docx")
        data = _rezipped(DOCX.read_bytes(), member, change)
        reason = f"a broken Word file ({words}"
    else:
        data = _rezipped(_workbook(), member, change)
        reason = f"not a readable workbook ({words}"
    for named in (None, form):
        result = gd.extract(data, format=named)  # type: ignore[arg-type]
        assert result.report is None
        assert [f.code for f in result.findings] == ["EXTRACT-FORM"]
        assert result.findings[0].params["reason"].startswith(reason)
        assert result.findings[0].params["cause"].startswith(f"{error}: ")
        assert result.format == form


@pytest.mark.parametrize("form", ["docx", "xlsx"])
def test_an_office_file_that_unpacks_past_the_limit_is_refused_unread(form: str) -> None:
    # A few hundred kilobytes that would unpack to more than MAX_UNPACKED_BYTES of XML.
    source, member = (
        (DOCX.read_bytes(), "word/document.xml") if form == "docx" else (_workbook(), "xl/workbook.xml")
    )
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        before = sum(info.file_size for info in archive.infolist())
    padding = MAX_UNPACKED_BYTES - before + 1
    data = _rezipped(source, member, lambda xml: xml + b" " * padding)
    assert len(data) < MAX_SOURCE_BYTES // 10
    for named in (None, form):
        result = gd.extract(data, format=named)  # type: ignore[arg-type]
        (finding,) = result.findings
        assert (finding.code, finding.expected, finding.actual) == (
            "EXTRACT-TOO-LARGE",
            f"{MAX_UNPACKED_BYTES} bytes unpacked",
            f"{MAX_UNPACKED_BYTES + 1} bytes unpacked",
        )
        assert (result.report, result.format) == (None, form)


def test_pypdfs_warnings_about_a_damaged_pdf_reach_logging_only_when_it_is_set_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A damaged PDF (zeros written over the start of a stream) about which pypdf logs
    # warnings: the library leaves them to the caller's logging, the command line keeps them
    # off standard error, where its findings are.
    pytest.importorskip("pypdfium2")
    import logging
    import re
    import subprocess

    data = PDF.read_bytes()
    for match in re.finditer(rb"stream\r?\n", data):
        damaged = data[: match.end() + 40] + bytes(20) + data[match.end() + 60 :]
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="pypdf"):
            gd.extract(damaged)
        warned = [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")]
        if warned:
            break
    else:
        pytest.fail("no damage of a stream made pypdf warn")
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    # In a process of its own: pytest's log capture would hide what Python prints there.
    done = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "extract", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr.startswith(f"{path}: ")
    assert not any(message in done.stderr for message in warned)
    # The library: with no logging set up, nothing on standard error (Python's last resort
    # printed each warning); with logging set up, the warnings reach its handlers.
    call = f"import govdisclosure, pathlib; govdisclosure.extract(pathlib.Path({str(path)!r}))"
    for setup, heard in (("", False), ("import logging; logging.basicConfig(); ", True)):
        done = subprocess.run(
            [sys.executable, "-c", setup + call], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert any(message in done.stderr for message in warned) is heard, done.stderr
        if not heard:
            assert done.stderr == ""


def test_a_page_ruled_too_densely_for_a_table_search_is_read_as_text() -> None:
    pytest.importorskip("pypdfium2")
    result = gd.extract(ruled_pdf(60))
    finding = result.findings[0]
    assert (finding.code, finding.severity, finding.expected, finding.actual, finding.params) == (
        "EXTRACT-PDF-RULES",
        "warning",
        3000,
        3600,
        {"page": 1},
    )
    assert finding.message == "第 1 页的表格线构成约 3600 个格，超过按表格读取的上限 3000，该页按文字行读取"


def test_the_table_search_stops_where_its_budget_over_the_pages_ends() -> None:
    pytest.importorskip("pypdfium2")
    from govdisclosure._extract.finish import from_lines
    from govdisclosure._extract.pdf import PdfSettings, grid, read
    from govdisclosure._extract.pdfpage import edges
    from govdisclosure._extract.result import Lines

    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(PDF)
    grids = [grid(edges(pdfium.raw, page.raw, page.get_mediabox()[3], 10**6)[0]) for page in document]
    document.close()
    assert grids == [46, 144, 364, 756, 12]
    # Pages 1 and 2 are searched (190), page 3 no more (364 > 400 - 190), nor 4; 5 fits.
    read_ = read(PDF.read_bytes(), PdfSettings(grid_budget=400))
    assert isinstance(read_, Lines)
    assert [
        (f.params["page"], f.expected, f.actual) for f in read_.findings if f.code == "EXTRACT-PDF-RULES"
    ] == [
        (3, 210, 364),
        (4, 210, 756),
    ]
    assert from_lines(read_.lines, "pdf").report is not None  # its tables read from their lines


def test_the_grid_of_a_word_table_is_the_one_python_docx_gives() -> None:
    docx = pytest.importorskip("docx")
    from govdisclosure._extract.docx import _grid

    made = docx.Document()
    table = made.add_table(rows=6, cols=5)
    table.cell(0, 0).merge(table.cell(4, 0))  # down the rows
    table.cell(1, 1).merge(table.cell(1, 3))  # across the columns
    table.cell(2, 2).merge(table.cell(4, 3))  # both
    buffer = io.BytesIO()
    made.save(buffer)
    for data in (DOCX.read_bytes(), buffer.getvalue()):
        for t in docx.Document(io.BytesIO(data)).tables:
            assert list(_grid(t._tbl)) == [[c._tc for c in row.cells] for row in t.rows]


def test_a_cell_merged_down_many_rows_is_read_at_the_start_of_each(tmp_path: Path) -> None:
    # python-docx's row.cells walks up a row at a time for each such cell, recursively: with
    # 1,500 rows it raised RecursionError (the file was refused as broken), and 250 took 5 s.
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    made = docx.Document()
    made.add_paragraph("某局2023年政府信息公开工作年度报告")
    table = made.add_table(rows=1500, cols=3)
    for index, tr in enumerate(table._tbl.tr_lst):
        tc = tr.tc_lst[0]
        merge = OxmlElement("w:vMerge")
        if index == 0:
            merge.set(qn("w:val"), "restart")
        tc.get_or_add_tcPr().append(merge)
        docx.table._Cell(tr.tc_lst[1], table).paragraphs[0].add_run("0")
    docx.table._Cell(table._tbl.tr_lst[0].tc_lst[0], table).paragraphs[0].add_run("合并")
    buffer = io.BytesIO()
    made.save(buffer)
    from govdisclosure._extract.docx import _lines

    lines = _lines(docx, buffer.getvalue())
    rows = [line for line in lines if line.kind == "row"]
    assert len(rows) == 1500
    assert {(row.cells[0].text, row.cells[1].text) for row in rows} == {("合并", "0")}
    assert [f.code for f in gd.extract(buffer.getvalue()).findings if f.code == "EXTRACT-FORM"] == []


def _sheet_of(workbook: bytes, title: str) -> str:
    # The part of the sheet named `title` (xl/worksheets/sheetN.xml), by its place among the sheets.
    pytest.importorskip("openpyxl")
    import openpyxl

    names = openpyxl.load_workbook(io.BytesIO(workbook)).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def test_a_workbook_whose_merged_cells_would_fill_memory_is_refused_unread() -> None:
    # A merge over the whole sheet is a few bytes; openpyxl would make 17 billion objects.
    workbook = _workbook()
    part = _sheet_of(workbook, "表三")
    data = _rezipped(
        workbook,
        part,
        lambda xml: xml.replace(b"<mergeCell ", b'<mergeCell ref="M1:XFD1048576"/><mergeCell ', 1),
    )
    from govdisclosure._extract.forms import merged_cells

    whole = merged_cells(workbook)
    assert whole == 182  # the rendered workbook's own merges, all sheets
    (finding,) = gd.extract(data).findings
    assert (finding.code, finding.expected, finding.actual) == (
        "EXTRACT-TOO-LARGE",
        f"{MAX_MERGED_CELLS} merged cells",
        f"{whole + (16384 - 13 + 1) * 1048576} merged cells",  # columns M to XFD, every row
    )


def test_a_value_in_the_farthest_cell_of_a_sheet_costs_nothing_to_pass_over() -> None:
    # openpyxl's ws.cell() makes every cell it is asked for: walked up to XFD1048576, the reader
    # made 15 million cells (48 s for one sheet).
    from govdisclosure._extract.workbook import read_workbook

    workbook = _workbook()
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    for title in ("表三", "报告信息"):
        data = _rezipped(
            workbook, _sheet_of(workbook, title), lambda xml: xml.replace(b"</sheetData>", far, 1)
        )
        _, reading, findings = read_workbook(data)
        assert findings == []
        assert reading is not None
        assert max(len(ws._cells) for ws in reading.book.worksheets) < 2000
        assert gd.extract(data).report == gd.loads(SEED_JSON.read_bytes())


def test_a_word_cell_spanning_fifty_million_columns_counts_as_max_span() -> None:
    docx = pytest.importorskip("docx")
    from govdisclosure._extract.docx import _grid

    made = docx.Document()
    table = made.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    buffer = io.BytesIO()
    made.save(buffer)
    data = _rezipped(
        buffer.getvalue(),
        "word/document.xml",
        lambda xml: xml.replace(b'w:gridSpan w:val="2"', b'w:gridSpan w:val="50000000"'),
    )
    (read,) = docx.Document(io.BytesIO(data)).tables
    first, second = _grid(read._tbl)
    assert (len(first), len(second)) == (MAX_SPAN, 2)


def test_a_word_file_reads_the_text_it_shows_with_tracked_changes_and_content_controls() -> None:
    # python-docx reads only the runs directly in a paragraph, and only the rows and cells
    # directly in a table: a number typed with tracked changes on (w:ins), or a row inside a
    # content control (w:sdt, as Word forms wrap them), read as blank.
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    expected = gd.extract(DOCX)
    where = expected.sources["/applications/new_received/natural_person"]
    assert where.table is not None
    assert where.line is not None
    document = docx.Document(io.BytesIO(DOCX.read_bytes()))
    table = document.tables[where.table - 1]
    tr = table._tbl.tr_lst[where.line - 1]
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for tc in tr.tc_lst:  # every cell's runs become a tracked insertion; a deletion is added
        for p in tc.p_lst:
            runs = [r for r in p if r.tag.endswith("}r")]
            inserted = parse_xml(f'<w:ins {w} w:id="1" w:author="a"/>')
            for r in runs:
                inserted.append(r)
            p.append(inserted)
            p.append(
                parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>99</w:delText></w:r></w:del>')
            )
    control = parse_xml(f"<w:sdt {w}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tr.addprevious(control)
    control[1].append(tr)  # the row inside a content control
    buffer = io.BytesIO()
    document.save(buffer)
    result = gd.extract(buffer.getvalue())
    assert result.report == expected.report
    assert result.findings == expected.findings


def test_a_web_page_leaves_out_text_deleted_with_tracked_changes() -> None:
    # Word's web pages keep a tracked deletion as <del>: struck through, no longer there.
    page = (DATA / "2024_pingtan-gonganju.html").read_text("utf-8")
    expected = gd.extract(page)
    where = expected.sources["/applications/new_received/natural_person"]
    assert where.line is not None
    assert where.column is not None
    lines = page.split("\n")
    line = lines[where.line - 1]
    value = str(expected.report.applications.new_received.natural_person if expected.report else "")
    at = line.index(">" + value + "<", where.column - 1) + 1
    lines[where.line - 1] = line[:at] + "<del>99</del>" + line[at:]
    changed = "\n".join(lines)
    assert changed != page
    result = gd.extract(changed)
    assert (result.report, result.findings) == (expected.report, expected.findings)


def _too_large(data: bytes) -> tuple[object, object]:
    result = gd.extract(data)
    assert result.report is None
    (finding,) = result.findings
    assert finding.code == "EXTRACT-TOO-LARGE"
    return finding.expected, finding.actual


def test_a_pdf_whose_streams_unpack_to_too_much_is_refused_unread() -> None:
    # 70 KB of PDF whose content unpacks to 70 MB: pdfium unpacks it whole (1 MB that
    # unpacked to 1 GB took 4.5 s and 2 GB of memory).
    pytest.importorskip("pypdfium2")
    import zlib

    spaces = zlib.compressobj(9)
    packed = b"".join(spaces.compress(b" " * (1 << 20)) for _ in range(70)) + spaces.flush()
    data = pdf_file([packed], filters="/Filter/FlateDecode")
    assert len(data) < 100_000
    assert _too_large(data) == (
        f"{MAX_PDF_UNPACKED_BYTES} bytes unpacked",
        f"> {MAX_PDF_UNPACKED_BYTES} bytes unpacked",
    )
    # An image may unpack to more: reading the text never unpacks it. (Content marked as an
    # image is still measured as content: the next test.)
    text = b"BT /F1 12 Tf 60 700 Td (report) Tj ET"
    image = pdf_file([text], forms={"Im1": packed}).replace(
        b"/Subtype/Form", b"/Subtype/Image/Filter/FlateDecode"
    )
    assert [f.code for f in gd.extract(image).findings] == ["EXTRACT-NOT-REPORT"]


def test_a_pdf_page_with_too_much_content_is_refused_before_it_is_read() -> None:
    pytest.importorskip("pypdfium2")
    import zlib

    content = b"BT /F1 4 Tf 20 700 Td ET\n" + b"0 0 m\n" * (MAX_PAGE_CONTENT_BYTES // 6 + 1)
    data = pdf_file([zlib.compress(content)], filters="/Filter/FlateDecode")
    assert _too_large(data) == (
        f"{MAX_PAGE_CONTENT_BYTES} bytes of content",
        f"≥ {MAX_PAGE_CONTENT_BYTES + 1} bytes of content on page 1",
    )


def test_a_pdf_page_drawing_too_many_characters_is_refused_before_it_is_read() -> None:
    # A form of 1,000 characters drawn 5,000 times made pdfium take 3.5 s and 1.3 GB.
    pytest.importorskip("pypdfium2")
    import zlib

    line = b"BT /F1 4 Tf 20 700 Td (%s) Tj ET\n"
    at_limit = line % (b"a" * 1000) * (MAX_PAGE_CHARS // 1000)
    result = gd.extract(pdf_file([at_limit]))
    assert result.findings[0].code != "EXTRACT-TOO-LARGE"  # 20,000 characters are read
    over = at_limit + b"BT /F1 4 Tf 20 600 Td [(a) 120 <6263>] TJ ET"
    assert _too_large(pdf_file([zlib.compress(over)], filters="/Filter/FlateDecode")) == (
        f"{MAX_PAGE_CHARS} characters",
        f"≥ {MAX_PAGE_CHARS + 3} characters on page 1",
    )
    # A form of 100 characters drawn 201 times draws 20,100.
    form = {"Fm1": line % (b"b" * 100)}
    page = b"q /Fm1 Do Q\n" * 201
    assert _too_large(pdf_file([page], forms=form)) == (
        f"{MAX_PAGE_CHARS} characters",
        f"≥ {MAX_PAGE_CHARS + 100} characters on page 1",
    )
    # A form that draws itself (pdfium stops such a loop) counts once.
    selfish = {"Fm1": line % b"abc" + b"/Fm1 Do\n"}
    assert gd.extract(pdf_file([b"/Fm1 Do\n"], forms=selfish)).findings[0].code != "EXTRACT-TOO-LARGE"


def test_a_pdf_page_drawing_too_many_path_points_is_refused_before_it_is_read() -> None:
    # A form of 1,000 rectangles drawn 2,000 times (31 KB) made pdfium take 2.1 s and 700 MB.
    pytest.importorskip("pypdfium2")
    import zlib

    from govdisclosure._ground.limits import MAX_PAGE_PATH_POINTS

    rectangles = b"".join(b"%d %d 2 2 re f\n" % (i % 50 * 10, i // 50 * 10) for i in range(1000))
    page = b"q /Fm1 Do Q\n" * 2000
    assert _too_large(pdf_file([page], forms={"Fm1": rectangles})) == (
        f"{MAX_PAGE_PATH_POINTS} path points",
        "≥ 8000000 path points on page 1",
    )
    many = b"".join(b"%d %d 2 2 re f\n" % (i % 500, i // 500) for i in range(240_000))
    assert _too_large(pdf_file([zlib.compress(many)], filters="/Filter/FlateDecode")) == (
        f"{MAX_PAGE_PATH_POINTS} path points",
        "≥ 960000 path points on page 1",
    )
    # A real table page draws a few thousand: the densest page of the corpus PDF is read whole.
    assert gd.extract(PDF).report is not None


def test_the_characters_of_all_pages_of_a_pdf_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pypdfium2")
    from govdisclosure._extract import pdf as _pdf

    monkeypatch.setattr(_pdf, "MAX_PDF_CHARS", 250)
    page = b"BT /F1 12 Tf 60 700 Td (%s) Tj ET" % (b"x" * 100)
    assert _too_large(pdf_file([page] * 3)) == ("250 characters", "≥ 300 characters up to page 3")


def _lzw_spaces(cycles: int) -> bytes:
    # LZW as PDF writes it (codes of 9 to 12 bits, 256 clears the table, 257 ends) of a run of
    # spaces: each code stands for one space more than the one before, until the table is full.
    width, bits, count, out = 9, 0, 0, bytearray()

    def emit(code: int) -> None:
        nonlocal bits, count
        bits, count = bits << width | code, count + width
        while count >= 8:
            count -= 8
            out.append(bits >> count & 0xFF)
        bits &= (1 << count) - 1

    for _ in range(cycles):
        emit(256)
        width, entries, code = 9, 256, 32
        while entries + 2 < 4094:
            emit(code)
            code, entries = entries + 2, entries + 1
            if entries + 3 > 1 << width and width < 12:
                width += 1
    emit(257)
    return bytes(out + (bytes([bits << (8 - count) & 0xFF]) if count else b""))


@pytest.mark.parametrize("form", ["lzw", "runs"])
def test_a_pdf_whose_lzw_or_run_length_streams_unpack_to_too_much_is_refused_unread(form: str) -> None:
    # pdfium unpacks both whole: 16 KB of LZW unpack to 70 MB, and 2 MB of runs to 140 MB.
    pytest.importorskip("pypdfium2")
    from govdisclosure._extract.pdfsize import _lzw

    if form == "lzw":
        assert _lzw(_lzw_spaces(2), 1 << 30) == 2 * sum(range(1, 3837))
        page = b"BT /F1 12 Tf 60 700 Td (report) Tj ET"
        data = pdf_file([page], forms={"Fm1": _lzw_spaces(10)})
        data = data.replace(b"/Subtype/Form", b"/Subtype/Form/Filter/LZWDecode")
        assert len(data) < 60_000
    else:
        data = pdf_file([b"\x81 " * (1 << 20) + b"\x80"], filters="/Filter/RunLengthDecode")
        readable = pdf_file([b"\x81 " * 1000 + b"\x80"], filters="/Filter/RunLengthDecode")
        assert [f.code for f in gd.extract(readable).findings] == ["EXTRACT-FORM"]  # blank page
    assert _too_large(data) == (
        f"{MAX_PDF_UNPACKED_BYTES} bytes unpacked",
        f"> {MAX_PDF_UNPACKED_BYTES} bytes unpacked",
    )


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from([b"stream", b"endstream", b"end", b"\r", b"\n", b"x", b"e", b"nd", b"str", b"eam"]),
        max_size=20,
    ).map(b"".join)
)
def test_the_streams_are_where_the_pattern_they_were_found_by_finds_them(data: bytes) -> None:
    # Found with bytes.find (the pattern, which starts with a look-behind, took 6.6 ms of a
    # 240 KB report's 8.5 for this stage); the keyword and where the data starts, as before.
    import re

    from govdisclosure._extract.pdfsize import _streams

    pattern = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
    assert list(_streams(data)) == [(m.start(), m.end()) for m in pattern.finditer(data)]


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from([b" ", b"\n", b"re", b"m", b"l", b"c", b"/", b"(", b"x", b"r", b"e"]), max_size=20
    )
)
def test_the_path_operators_are_the_ones_the_look_behind_pattern_counted(tokens: list[bytes]) -> None:
    import re

    from govdisclosure._extract.pdfsize import _POINTS

    content = b"".join(tokens)
    before = re.compile(rb"(?<=\s)(re|[mlcvy])(?=[\s/\[(<%]|\Z)")
    assert _POINTS.findall(content) == before.findall(content)


def _framed(data: bytes) -> bytes:
    # The Word file with each of its tables put in the one cell of a table of its own: a
    # frame, as documents converted from web pages or made in WPS have them.
    import copy

    import docx

    document = docx.Document(io.BytesIO(data))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table in [t._tbl for t in document.tables]:
        frame = docx.Document().add_table(rows=1, cols=1)._tbl
        cell = frame.find(f"{w}tr").find(f"{w}tc")
        cell.insert(len(cell) - 1, copy.deepcopy(table))  # a cell ends with a paragraph
        table.addprevious(frame)
        table.getparent().remove(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_tables_inside_a_frame_table_of_a_word_file_are_read_as_tables(tmp_path: Path) -> None:
    # A table in a cell of a Word table: the outer one is layout. Its cells were read as
    # text, so every cell of the report was missing (56 errors).
    pytest.importorskip("docx")
    plain = gd.extract(DOCX)
    assert plain.report is not None
    assert plain.findings == ()
    framed = _framed(DOCX.read_bytes())
    forms = {"python-docx": framed}
    if SOFFICE is not None:  # saved again by an office suite, the frames kept
        (tmp_path / "framed.docx").write_bytes(framed)
        forms["LibreOffice"] = (
            convert([tmp_path / "framed.docx"], "docx", tmp_path) / "framed.docx"
        ).read_bytes()
    for made_by, data in forms.items():
        import docx

        inner = [t for t in docx.Document(io.BytesIO(data)).tables if t._tbl.xpath(".//w:tc/w:tbl")]
        assert len(inner) == len(docx.Document(str(DOCX)).tables), made_by
        result = gd.extract(data)
        assert result.report is not None, made_by
        assert gd.to_dict(result.report) == gd.to_dict(plain.report), made_by
        assert [f.code for f in result.findings] == [], made_by
        assert result.sources == plain.sources, made_by


@pytest.mark.parametrize(
    ("charset", "encoding", "blink"),
    [("gb2312", "quoted-printable", False), ("utf-8", "quoted-printable", True), ("utf-8", "base64", False)],
)
def test_a_web_page_saved_as_one_file_reads_as_the_page(charset: str, encoding: str, blink: bool) -> None:
    # Read as text, the page inside was quoted-printable GB2312 (=D5=FE=B8=AE): no table was
    # found, and the file was EXTRACT-NOT-REPORT.
    html = (DATA / "2024_pingtan-gonganju.html").read_text("utf-8")
    page = gd.extract(html)
    assert page.report is not None
    archive = web_archive(html, charset, encoding, blink=blink)
    if charset == "utf-8":  # read as text (its note before the page is GB18030): the same
        assert gd.extract(archive.decode("gb18030")) == gd.extract(archive)
    result = gd.extract(archive)
    assert result.format == "html"
    assert result.report is not None
    assert gd.to_dict(result.report) == gd.to_dict(page.report)
    assert result.findings == page.findings
    assert result.sources == page.sources  # lines and columns of the page inside


def test_a_web_archive_without_a_page_says_so() -> None:
    empty = web_archive("<p>x</p>", "utf-8", "base64").replace(b"text/html; charset", b"text/plain; charset")
    result = gd.extract(empty)
    assert [(f.code, f.params["reason"]) for f in result.findings] == [
        ("EXTRACT-FORM", "an MHTML web archive with no HTML page in it")
    ]


def test_a_web_archive_of_parts_nested_deeply_is_refused() -> None:
    # The email parser reads a part inside a part one level of recursion deeper: 3,000 levels
    # raised RecursionError out of extract().
    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    opened = b"".join(
        b'--b%d\r\nContent-Type: multipart/related; boundary="b%d"\r\n\r\n' % (i, i + 1) for i in range(3000)
    )
    closed = b"".join(b"--b%d--\r\n" % i for i in range(3000, -1, -1))
    page = b"--b3000\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n"
    result = gd.extract(head + opened + page + closed)
    assert [(f.code, f.params["reason"]) for f in result.findings] == [
        ("EXTRACT-FORM", "an MHTML web archive of more than 100 multipart parts")
    ]


def test_an_encrypted_pdf_reads_unless_it_needs_a_password(tmp_path: Path) -> None:
    # LibreOffice makes both kinds from the corpus Word file: one that only restricts
    # copying (as many sites publish, an owner password), and one that needs a password to
    # open, which was "a broken PDF (PdfminerException: )".
    pytest.importorskip("pypdfium2")
    pytest.importorskip("docx")
    secret = '"DocumentOpenPassword":{"type":"string","value":"secret"}'
    owner = '"PermissionPassword":{"type":"string","value":"owner"},"RestrictPermissions":{"type":"boolean","value":"true"}'
    pdfs = {}
    for name, options in (("open", secret), ("restricted", owner)):
        export = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},' + options + "}"
        pdfs[name] = (convert([DOCX], export, tmp_path) / f"{DOCX.stem}.pdf").read_bytes()
        assert b"/Encrypt" in pdfs[name]
    locked = gd.extract(pdfs["open"])
    assert [(f.code, f.params["reason"]) for f in locked.findings] == [
        (
            "EXTRACT-FORM",
            "a PDF that needs a password to open: open it with the password and save it without one",
        )
    ]
    restricted = gd.extract(pdfs["restricted"])
    word = gd.extract(DOCX)
    assert restricted.report is not None
    assert word.report is not None
    for part in ("active_disclosure", "applications", "review_and_litigation"):
        assert gd.to_dict(restricted.report)[part] == gd.to_dict(word.report)[part], part
    assert [f.code for f in restricted.findings if f.code.startswith("EXTRACT-")] == []


def test_a_pdf_whose_fonts_map_no_characters_says_its_text_needs_ocr(tmp_path: Path) -> None:
    # The corpus Word file as LibreOffice prints it, with its fonts' ToUnicode maps taken
    # away: pdfminer read each glyph as "(cid:130)", and the file was "no section or table".
    pytest.importorskip("pypdfium2")
    printed = (convert([DOCX], "pdf", tmp_path) / f"{DOCX.stem}.pdf").read_bytes()
    assert gd.extract(printed).report is not None
    unmapped = printed.replace(b"/ToUnicode", b"/ToUnicodX")
    assert unmapped != printed
    assert [(f.code, f.params["reason"][:45]) for f in gd.extract(unmapped).findings] == [
        ("EXTRACT-FORM", "a PDF whose fonts map their glyphs to no char")
    ]


def test_a_pdf_of_more_pages_than_the_limit_is_refused_with_its_count_not_cut() -> None:
    # Its last page was dropped in silence at the 500-page cap before.
    pytest.importorskip("pypdfium2")
    from govdisclosure._ground.limits import MAX_PDF_PAGES

    assert _too_large(pdf_file([b"BT /F1 12 Tf 60 700 Td (x) Tj ET"] * (MAX_PDF_PAGES + 1))) == (
        f"{MAX_PDF_PAGES} pages",
        f"{MAX_PDF_PAGES + 1} pages",
    )


def test_a_parsers_own_words_become_the_librarys_and_stay_in_the_details() -> None:
    # lxml says "Excessive depth in document: 256, use XML_PARSE_HUGE option", which says
    # nothing to a person checking a report.
    pytest.importorskip("docx")
    deep = docx_file(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "<a>" * 300
        + "</a>" * 300
        + "</w:document>"
    )
    (finding,) = gd.extract(deep).findings
    assert (
        finding.params["reason"]
        == "a broken Word file (its XML is too large or nested too deeply to be read safely)"
    )
    assert finding.message == "无法读取：损坏的 Word 文件（其中的 XML 过大或嵌套过深，无法安全读取）"
    assert "XML_PARSE_HUGE" not in finding.message + finding.message_en
    assert "XML_PARSE_HUGE" in finding.params["cause"]


@pytest.mark.parametrize(
    "spelling",
    [
        b'<mergeCell ref="m1:xfd1048576"/>',  # lower case
        b'<mergeCell ref="$M$1:$XFD$1048576"/>',  # absolute
        b"<mergeCell ref = 'M1:XFD1048576' />",  # spaced, single quotes
        b'<mergeCell REF="M1&#58;XFD1048576"/>',  # an entity, the name in capitals
        b'<x:mergeCell xmlns:x="urn:x" ref="M1:XFD1048576"/>',  # a prefix
    ],
    ids=["lower", "absolute", "quoted", "entity", "prefix"],
)
def test_a_merge_however_spelled_is_counted_before_openpyxl_reads_it(spelling: bytes) -> None:
    # Each spelling ran past 60 s and 3 GB: openpyxl reads them all, the count read none.
    workbook = _workbook()
    data = _rezipped(
        workbook,
        _sheet_of(workbook, "表三"),
        lambda xml: xml.replace(b"<mergeCell ", spelling + b"<mergeCell ", 1),
    )
    (finding,) = gd.extract(data).findings
    assert (finding.code, finding.expected) == ("EXTRACT-TOO-LARGE", f"{MAX_MERGED_CELLS} merged cells")


def test_a_hyperlink_over_a_vast_range_is_counted_like_a_merge() -> None:
    # A hyperlink over A1:ZZ20000 took openpyxl 4 GB.
    workbook = _workbook()
    link = b'<hyperlinks><hyperlink ref="A1:ZZ20000" display="x"/></hyperlinks>'
    data = _rezipped(
        workbook,
        _sheet_of(workbook, "表三"),
        lambda xml: xml.replace(b"</worksheet>", link + b"</worksheet>"),
    )
    (finding,) = gd.extract(data).findings
    assert (finding.code, finding.expected) == ("EXTRACT-TOO-LARGE", f"{MAX_MERGED_CELLS} merged cells")


@pytest.mark.parametrize("charset", ["undefined", "punycode", "idna"])
def test_a_web_archive_naming_no_pages_charset_reads_as_an_undeclared_one(charset: str) -> None:
    # "undefined" and invalid punycode raised UnicodeError; punycode decodes in quadratic time.
    page = gd.render(gd.load(SEED))
    data = web_archive(page, "utf-8", "base64")
    named = data.replace(b'charset="utf-8"', f'charset="{charset}"'.encode())
    assert named != data
    result = gd.extract(named)
    assert result.report is not None
    assert result.report.organ.name == "沂源县公安局"


def test_a_web_archive_of_messages_inside_messages_is_refused_not_a_recursion_error() -> None:
    # 3,000 nested message/rfc822 parts raised RecursionError: the bound counted multipart only.
    nested = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        + b"Content-Type: message/rfc822\r\n\r\n" * 3000
        + b"Content-Type: text/html\r\n\r\n<p>x</p>\r\n--b--\r\n"
    )
    assert [f.code for f in gd.extract(nested).findings] == ["EXTRACT-FORM"]
