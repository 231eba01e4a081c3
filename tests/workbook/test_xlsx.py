"""The workbook, both ways: rendered, read back, re-saved by LibreOffice, filled from a template,
changed by hand."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import Phase, given, settings

import govdisclosure as gd
from govdisclosure.strategies import reports
from tests.helpers import EXAMPLE_FILES, SEED, SOFFICE, convert, edit_workbook

openpyxl = pytest.importorskip("openpyxl")


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_a_rendered_workbook_reads_back_equal_with_no_findings_of_its_own(example: Path) -> None:
    report = gd.load(example)
    result = gd.extract(gd.render(report, "xlsx"))
    assert result.report == report
    assert gd.to_dict(result.report) == gd.to_dict(report)  # the same digits of money, too
    assert result.format == "xlsx"
    assert [f for f in result.findings if f.code.startswith("EXTRACT-")] == []
    # The report's own findings, each naming the sheet and cell it is about.
    validated = gd.validate(gd.to_dict(report)).findings
    assert [(f.code, f.path, f.expected, f.actual) for f in result.findings] == [
        (f.code, f.path, f.expected, f.actual) for f in validated
    ]
    for found, plain in zip(result.findings, validated, strict=True):
        cell = result.where(found.path)
        assert found.label == (
            f"{plain.label}（{cell}）" if plain.label and cell and "!" in cell else plain.label
        )


@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(reports())
def test_any_report_of_either_edition_reads_back_equal(report: gd.Report) -> None:
    result = gd.extract(gd.render(report, "xlsx"))
    assert result.report is not None
    assert gd.to_dict(result.report) == gd.to_dict(report)


def test_the_workbook_has_the_official_layout() -> None:
    book = _book(gd.render(gd.load(SEED), "xlsx"))
    assert book.sheetnames == ["报告信息", "表二", "表三", "表四"]
    t3 = book["表三"]
    assert t3["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert t3["A2"].value.startswith("（本列数据的勾稽关系为")
    assert "A2:C4" in {str(r) for r in t3.merged_cells.ranges}
    assert t3["D2"].value == "申请人情况"
    assert t3["A5"].value == "一、本年新收政府信息公开申请数量"
    assert (t3["J5"].value, t3["J5"].number_format) == (7, "0")
    assert t3.freeze_panes == "A5"
    assert t3.print_title_rows == "$2:$4"
    assert int(t3.page_setup.paperSize) == 9  # A4
    assert t3["K5"].value.startswith("=IF(COUNT(")
    assert "J5=SUM(D5,E5,F5,G5,H5,I5)" in t3["K5"].value
    t2 = book["表二"]
    money = next(c for row in t2.iter_rows() for c in row if c.value == 64.2623)
    assert money.number_format == "0.0000"
    info = book["报告信息"]
    assert [c.value for c in info[1]] == ["项目", "内容", "JSON 路径", "格式", "写法"]
    names = book.defined_names
    assert names["gd.year"].attr_text == "'报告信息'!$B$3"
    assert names["gd.applications.new_received.total"].attr_text == "'表三'!$J$5"


def test_findings_are_listed_with_a_link_to_their_cell_which_is_marked() -> None:
    doc = gd.to_dict(gd.load(SEED))
    doc["applications"]["new_received"]["total"] = 8
    report = gd.from_dict(doc)
    book = _book(gd.render(report, "xlsx"))
    assert book.sheetnames[0] == "问题清单"
    sheet = book["问题清单"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[1:4] for row in rows] == [
        ["警告", "NARR-TABLE-MISMATCH", "报告信息!B15"],
        ["错误", "T3-ROW-TOTAL", "表三!J5"],
        ["错误", "T3-BALANCE", "表三!J29"],
    ]
    assert rows[1][6] == "/applications/new_received/total"
    assert sheet["D3"].hyperlink.location == "'表三'!J5"
    marked = book["表三"]["J5"]
    assert marked.fill.fgColor.rgb.endswith("F8CBAD")
    assert "T3-ROW-TOTAL" in marked.comment.text
    # every finding points at a sheet and a cell
    assert all(row[3] and "!" in row[3] for row in rows)


def test_the_template_filled_by_a_script_through_its_names_reads_back_exactly() -> None:
    for example in EXAMPLE_FILES:
        report = gd.load(example)
        doc = gd.to_dict(report)
        for part in ("overview", "other_matters"):
            doc[part].pop("extra", None)  # a template has no rows for sub-sections of its own
        template = gd.template(report.format_version)

        def fill(book: Any, doc: dict[str, Any] = doc) -> None:
            for pointer, value in _leaves(doc):
                name = "gd." + ".".join(pointer)
                ((sheet, address),) = book.defined_names[name].destinations
                cell = book[sheet][address.replace("$", "")]
                cell.value = float(value) if type(value).__name__ == "Decimal" else value

        result = gd.extract(edit_workbook(template, fill))
        assert result.report is not None
        assert gd.to_dict(result.report) == doc, example.name


def _leaves(value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*prefix, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*prefix, str(i)))]
    return [(prefix, value)]


def test_the_template_has_validation_names_and_checks() -> None:
    book = _book(gd.template("2019"))
    assert book.sheetnames == ["报告信息", "表二", "表三", "表四"]
    t3 = book["表三"]
    assert t3["J5"].value is None
    kinds = {(dv.type, dv.operator, dv.formula1) for dv in t3.data_validations.dataValidation}
    assert ("whole", "greaterThanOrEqual", "0") in kinds
    assert any("J5" in str(dv.sqref) for dv in t3.data_validations.dataValidation)
    for name in ("gd.organ.name", "gd.year", "gd.published_on"):
        assert name in book.defined_names
    info = book["报告信息"]
    assert info["B2"].value == "2019"
    assert info["C2"].value == "/format_version"
    with pytest.raises(ValueError, match="unknown edition '2020'; the editions are '2021', '2019'"):
        gd.template("2020")


def test_a_workbook_changed_by_hand_reads_where_it_can_and_says_where_it_cannot() -> None:
    report = gd.load(SEED)
    data = gd.render(report, "xlsx")

    def change(book: Any) -> None:
        t3 = book["表三"]
        for merged in list(t3.merged_cells.ranges):
            t3.unmerge_cells(str(merged))  # every merged cell unmerged
        t3.insert_rows(6, 2)  # two rows inserted under 一、本年新收
        t3["D5"] = "7"  # a number typed as text
        t3.title = "申请情况"  # a sheet renamed
        book["表四"]["B5"] = "不详"

    result = gd.extract(edit_workbook(data, change))
    assert result.report is not None
    found = [(f.code, f.path, f.params.get("cell"), f.actual) for f in result.findings]
    assert found == [
        ("EXTRACT-CELL-TEXT", "/applications/new_received/natural_person", "申请情况!D5", "7"),
        (
            "EXTRACT-CELL-UNREADABLE",
            "/review_and_litigation/administrative_review/corrected",
            "表四!B5",
            "不详",
        ),
    ]
    expected = gd.to_dict(report)
    expected["review_and_litigation"]["administrative_review"]["corrected"] = 0
    assert gd.to_dict(result.report) == expected
    assert result.where("/applications/carried_over/total") == "申请情况!J8"


def test_not_a_workbook_and_no_extra_are_findings_not_exceptions() -> None:
    result = gd.extract(b"PK\x03\x04" + bytes(40))
    assert [(f.code, f.params["reason"][:15]) for f in result.findings] == [
        ("EXTRACT-FORM", "a broken ZIP ar")
    ]
    data = gd.render(gd.load(SEED), "xlsx")
    with mock.patch.dict(sys.modules, {"openpyxl": None}):
        missing = gd.extract(data)
        assert [(f.code, f.params) for f in missing.findings] == [
            (
                "EXTRACT-EXTRA",
                {"form": "Excel workbooks (.xlsx)", "form_zh": "Excel 工作簿（.xlsx）", "extra": "xlsx"},
            )
        ]
        assert missing.findings[0].message == (
            "读取Excel 工作簿（.xlsx）需要安装扩展：pip install 'govdisclosure[xlsx]'"
        )
        with pytest.raises(gd.MissingExtra, match=r"pip install 'govdisclosure\[xlsx\]'"):
            gd.render(gd.load(SEED), "xlsx")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_again_by_libreoffice_reads_back_exactly(tmp_path: Path) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    reports = {}
    for example in EXAMPLE_FILES:
        report = gd.load(example)
        reports[example.stem] = report
        (sources / f"{example.stem}.xlsx").write_bytes(gd.render(report, "xlsx"))
    template = gd.template("2021")
    (sources / "template.xlsx").write_bytes(template)
    (sources / "formula.xlsx").write_bytes(_with_a_formula())
    out = convert(sorted(sources.glob("*.xlsx")), "xlsx", tmp_path)
    for stem, report in reports.items():
        resaved = (out / f"{stem}.xlsx").read_bytes()
        assert resaved != (sources / f"{stem}.xlsx").read_bytes()
        result = gd.extract(resaved)
        assert result.report is not None, stem
        assert gd.to_dict(result.report) == gd.to_dict(report), stem
        assert [f for f in result.findings if f.code.startswith("EXTRACT-")] == [], stem
        # LibreOffice computed the checks: every row of a consistent report holds.
        computed = openpyxl.load_workbook(io.BytesIO(resaved), data_only=True)
        checks = [
            c.value for row in computed["表三"].iter_rows(min_col=11, max_col=11, min_row=5) for c in row
        ]
        assert set(checks) - {None} == (
            {"✓", "本表 ✓"}
            if not any(f.code.startswith("T3") for f in result.findings)
            else set(checks) - {None}
        )
    # LibreOffice stored the formula's result: the cell reads as the number it shows.
    formula = gd.extract(out / "formula.xlsx")
    assert formula.report == gd.load(SEED)
    assert [f for f in formula.findings if f.code.startswith("EXTRACT-")] == []
    names = openpyxl.load_workbook(out / "template.xlsx").defined_names
    assert "gd.applications.new_received.total" in names


def _with_a_formula() -> bytes:
    # The seed's workbook with its first count (表三!D5, 7) written as a formula by openpyxl,
    # which stores no result: as a script that fills a workbook writes it.
    def change(book: Any) -> None:
        book["表三"]["D5"] = "=3+4"

    return edit_workbook(gd.render(gd.load(SEED), "xlsx"), change)


def test_a_formula_whose_result_the_file_does_not_hold_is_said_not_read_as_blank() -> None:
    result = gd.extract(_with_a_formula())
    assert result.report is not None
    assert result.report.applications.new_received.natural_person == 0
    (finding,) = [f for f in result.findings if f.code.startswith("EXTRACT-")]
    assert (finding.code, finding.severity, finding.path, finding.actual) == (
        "EXTRACT-CELL-FORMULA",
        "error",
        "/applications/new_received/natural_person",
        "=3+4",
    )
    assert finding.message_en == (
        "/applications/new_received/natural_person: 表三!D5 is a formula ('=3+4') whose result the "
        "file does not hold; recorded as 0: open and save the workbook in a spreadsheet program first"
    )
    assert result.where("/applications/new_received/natural_person") == "表三!D5"


def test_the_template_speaks_chinese_a_kind_from_a_list_and_how_to_write_every_row() -> None:
    from govdisclosure._model.template import CHOICE_LABELS

    book = _book(gd.template("2021"))
    info = book["报告信息"]
    assert [c.value for c in info[1]][:5] == ["项目", "内容", "JSON 路径", "格式", "写法"]
    rows = list(info.iter_rows(min_row=2, values_only=True))
    assert rows
    assert all(row[4] for row in rows)  # a 写法 on every row
    kind_row = next(i for i, row in enumerate(rows, 2) if row[2] == "/organ/kind")
    lists = [dv.formula1 for dv in info.data_validations.dataValidation if f"B{kind_row}" in str(dv.sqref)]
    assert lists == ['"人民政府,部门,其他"']
    assert list(CHOICE_LABELS) == ["people_government", "department", "other"]
    # Filled in with the Chinese, read as the JSON's code; written from a report, shown in Chinese.
    doc = gd.to_dict(gd.load(SEED))
    doc["organ"]["kind"] = "people_government"
    data = gd.render(gd.from_dict(doc), "xlsx")
    assert _book(data)["报告信息"][f"B{kind_row}"].value == "人民政府"
    result = gd.extract(data)
    assert result.report is not None
    assert result.report.organ.kind == "people_government"


def test_a_workbook_written_before_the_writing_column_reads_as_it_did() -> None:
    # Four header columns then: the stored form headed 写法, long text going on in column E.
    doc = gd.to_dict(gd.load(SEED))
    doc["problems_and_improvements"] = "问题" * 20_000  # 40,000 characters: two cells
    report = gd.from_dict(doc)

    def old(book: Any) -> None:
        info = book["报告信息"]
        info.delete_cols(5)
        info["D1"] = "写法"

    data = edit_workbook(gd.render(report, "xlsx"), old)
    assert _book(data)["报告信息"]["E1"].value is None
    result = gd.extract(data)
    assert result.report == report


@pytest.mark.parametrize(
    "text",
    ["甲" * 32_000 + "=1+1", "𠀀" * 40_000, "甲" * 31_999 + "𠀀" + '=HYPERLINK("http://x")'],
    ids=["formula-after-a-chunk", "astral", "astral-at-the-edge"],
)
def test_a_long_text_is_written_as_text_in_cells_a_workbook_holds_and_read_back_whole(text: str) -> None:
    # The second cell of a chunked text was "=1+1": a live formula in our own output, and the
    # text read back cut at 32,000 characters; 32,000 astral characters are 64,000 UTF-16
    # units, past a cell's 32,767.
    doc = gd.to_dict(gd.load(SEED))
    doc["problems_and_improvements"] = text
    report = gd.from_dict(doc)
    data = gd.render(report, "xlsx")
    info = _book(data)["报告信息"]
    for row in info.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert len(cell.value.encode("utf-16-le")) // 2 <= 32_767, cell.coordinate
    result = gd.extract(data)
    assert result.report is not None
    assert result.report.problems_and_improvements == text


def test_an_info_cell_holding_a_formula_without_its_result_is_a_finding_at_its_cell() -> None:
    # openpyxl writes formulas without their results: the summary, the phone and the date
    # vanished with no finding.
    def formulas(book: Any) -> None:
        info = book["报告信息"]
        for row in info.iter_rows(min_row=2):
            if row[2].value in ("/overview/summary", "/published_on"):
                row[1].value = '=CONCATENATE("a","b")'

    result = gd.extract(edit_workbook(gd.render(gd.load(SEED), "xlsx"), formulas))
    found = {(f.code, f.path, f.actual) for f in result.findings if f.code == "EXTRACT-CELL-FORMULA"}
    assert found == {
        ("EXTRACT-CELL-FORMULA", "/overview/summary", '=CONCATENATE("a","b")'),
        ("EXTRACT-CELL-FORMULA", "/published_on", '=CONCATENATE("a","b")'),
    }
    assert result.sources["/published_on"].kind == "unreadable"
