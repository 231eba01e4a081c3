"""extract(): published reports in text, Markdown, pipe rows and HTML, read cell by cell."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._cli.main import main
from govdisclosure._extract.cells import read_number
from govdisclosure._extract.forms import detect_format
from govdisclosure._model.describe import iter_leaves
from govdisclosure.strategies import reports
from tests.helpers import DATA, EXAMPLES, SEED, shown_as_text

SEED_TEXT = DATA / "yiyuan-police-2023.txt"
SHANGHAI_TEXT = DATA / "2019_shanghai_bangongting.txt"
SHUYANG_TEXT = DATA / "2025_shuyang_xianzhengfu.txt"


def _findings(result: gd.ExtractionResult) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.path) for f in result.findings]


def _reading(result: gd.ExtractionResult) -> list[gd.Finding]:
    """The findings of the reading itself, without those of the content rules."""
    return [f for f in result.findings if f.code.startswith("EXTRACT-")]


def _cells(report: gd.Report) -> dict[str, Any]:
    out = {}
    for path, f in iter_leaves(type(report)):
        if path[0] in ("active_disclosure", "applications", "review_and_litigation") and f.kind != "choice":
            value: Any = report
            for part in path:
                value = getattr(value, part)
            out["/" + "/".join(path)] = value
    return out


def _silently_wrong(result: gd.ExtractionResult, truth: gd.Report) -> list[str]:
    """Table cells whose value differs from the truth with no finding at the cell or its row."""
    assert result.report is not None
    got, expected = _cells(result.report), _cells(truth)
    flagged = {f.path for f in result.findings}
    return [
        k
        for k in got
        if got[k] != expected[k] and k not in flagged and not any(k.startswith(p + "/") for p in flagged)
    ]


# --- the three published texts ------------------------------------------------------------


def test_seed_text_extracts_to_the_example() -> None:
    result = gd.extract(SEED_TEXT.read_text(encoding="utf-8"))
    assert (result.format, result.edition) == ("text", "2021")
    # The seed's text holds everything the example records: no difference at all.
    assert result.report == gd.load(SEED)
    assert gd.dumps(result.report) == SEED.read_text(encoding="utf-8")
    review = "/review_and_litigation/administrative_review"
    assert _findings(result) == [
        ("EXTRACT-SHORT-ROW", "warning", "/applications/results/withheld/state_secret"),
        ("EXTRACT-DERIVED", "warning", "/applications/results/withheld/state_secret/total"),
        ("EXTRACT-SHORT-ROW", "warning", "/applications/results/unavailable/not_held"),
        ("EXTRACT-DERIVED", "warning", "/applications/results/unavailable/not_held/total"),
        *[
            ("EXTRACT-BLANK", "warning", f"{review}/{c}")
            for c in ("upheld", "corrected", "other", "pending", "total")
        ],
    ]
    derived = result.findings[3]
    assert derived.expected == 6
    assert derived.message == "三（四）1.本机关不掌握相关政府信息·总计在原文中缺失，由表格勾稽关系推出为 6"
    sources = result.sources
    assert sources["/applications/new_received/natural_person"] == gd.CellSource("cell", 72, 19)
    assert sources["/applications/results/unavailable/not_held/total"] == gd.CellSource("derived")
    assert sources[f"{review}/upheld"] == gd.CellSource("blank", 105, 1)
    assert sources["/active_disclosure/fees/amount_10k_yuan"] == gd.CellSource("cell", 65, 9)
    assert set(sources) == set(_cells(result.report))


def test_shanghai_pipe_rows_extract_to_the_example() -> None:
    result = gd.extract(SHANGHAI_TEXT.read_text(encoding="utf-8"))
    assert (result.format, result.edition) == ("text", "2019")
    assert result.report == gd.load(EXAMPLES / "shanghai-office-2019.json")
    codes = {f.code for f in _reading(result)}
    # Every blank cell, and the one total that the blank cells, not the total, put out of sum.
    assert codes == {"EXTRACT-BLANK", "EXTRACT-BLANK-SUM"}
    blanks = [f.path for f in _reading(result) if f.code == "EXTRACT-BLANK"]
    # The content rules speak too: the blank 总计 cells break the table's arithmetic.
    validated = gd.validate(EXAMPLES / "shanghai-office-2019.json").findings
    blamed = [f.path for f in result.findings if f.code == "EXTRACT-BLANK-SUM"]
    assert blamed == ["/applications/results/total/total"]
    assert [(f.code, f.path) for f in result.findings if not f.code.startswith("EXTRACT-")] == [
        (f.code, f.path) for f in validated if f.path not in blamed
    ]
    assert "/applications/results/granted/total" in blanks
    assert "/review_and_litigation/litigation_after_review/upheld" in blanks
    # 135 empty cells in the pipe rows of sections 三 and 四, counted independently of the importer
    assert len(blanks) == sum(1 for s in result.sources.values() if s.kind == "blank") == 135


def test_shuyang_markdown_extracts_to_the_example() -> None:
    result = gd.extract(SHUYANG_TEXT.read_text(encoding="utf-8"))
    assert (result.format, result.edition) == ("markdown", "2021")
    assert _reading(result) == []
    assert [f.code for f in result.findings] == ["NARR-MISSING"]  # it has no 政府信息管理 part
    assert result.report is not None
    # The OCR of the source reads 沭 as 沐 in the title: the only difference from the
    # hand-checked example, which has the organ's real name.
    assert result.report.organ.name == "沐阳县人民政府"
    expected = gd.load(EXAMPLES / "shuyang-government-2025.json")
    assert attrs.evolve(result.report, organ=expected.organ) == expected


# --- rendered reports come back --------------------------------------------------------------

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def _without_island(page: str) -> str:
    page = re.sub(
        r'<script type="application/json" id="govdisclosure-report">.*?</script>\n', "", page, flags=re.S
    )
    return re.sub(r' data-path="[^"]*"', "", page)


@given(reports())
def test_extract_of_render_is_the_report(report: gd.Report) -> None:
    assert gd.extract(gd.render(report)).report == report


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("form", ["html-layout", "markdown"])
def test_rendered_layout_alone_reads_back(path: Path, form: str) -> None:
    report = gd.load(path)
    text = _without_island(gd.render(report)) if form == "html-layout" else gd.render(report, "markdown")
    result = gd.extract(text)
    assert _reading(result) == []
    assert result.report == (shown_as_text(report) if form == "html-layout" else report)


def _named(report: gd.Report) -> gd.Report:
    # A title the reader can find: the layout test is about the tables, not odd organ names.
    organ = attrs.evolve(report.organ, name="某某县人民政府办公室", contact=None, kind="department")
    return attrs.evolve(report, organ=organ)


@given(reports().map(_named))
def test_every_cell_of_a_rendered_layout_reads_back(report: gd.Report) -> None:
    for text in (_without_island(gd.render(report)), gd.render(report, "markdown")):
        result = gd.extract(text)
        assert result.report is not None
        assert _cells(result.report) == _cells(report)
        assert not [f for f in _reading(result) if f.code != "EXTRACT-NO-SECTION"]


# --- what published reports do (variants seen in published reports) -----------------------------------------


def _seed_variant(old: str, new: str, count: int = 1) -> gd.ExtractionResult:
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    return gd.extract(text.replace(old, new, count))


@pytest.mark.parametrize(
    "heading",
    [
        "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ],
)
def test_section_heading_variants(heading: str) -> None:
    result = _seed_variant("四、政府信息公开行政复议、行政诉讼情况", heading)
    assert result.report == gd.load(SEED)


@pytest.mark.parametrize(
    "heading", ["五、政府信息公开工作存在的主要问题及改进情况", "五、存在问题及改进情况"]
)
def test_problems_heading_variants(heading: str) -> None:
    result = _seed_variant("五、存在的主要问题及改进情况", heading)
    assert result.report == gd.load(SEED)


@pytest.mark.parametrize(
    ("cell", "code", "severity", "shown"),
    [
        ("/", "EXTRACT-BLANK", "warning", "/"),
        ("——", "EXTRACT-BLANK", "warning", "——"),
        ("－", "EXTRACT-BLANK", "warning", "－"),
        # Nothing after the label: the row cannot be told from a heading, so it is missing.
        ("", "EXTRACT-MISSING", "error", None),
    ],
)
def test_placeholder_cells_are_zero_with_a_finding(
    cell: str, code: str, severity: str, shown: str | None
) -> None:
    result = _seed_variant("行政强制\t382", f"行政强制\t{cell}")
    assert result.report is not None
    assert result.report.active_disclosure.enforcement.decisions == 0
    finding = next(f for f in result.findings if f.path == "/active_disclosure/enforcement/decisions")
    assert (finding.code, finding.severity, finding.actual) == (code, severity, shown)


def test_blank_cells_in_a_row_of_numbers() -> None:
    result = _seed_variant(
        "二、\t上年结转政府信息公开申请数量\t0\t0", "二、\t上年结转政府信息公开申请数量\t/\t"
    )
    path = "/applications/carried_over"
    assert result.report == gd.load(SEED)
    assert [(f.code, f.path) for f in result.findings if f.path.startswith(path)] == [
        ("EXTRACT-BLANK", f"{path}/natural_person"),
        ("EXTRACT-BLANK", f"{path}/commercial_enterprise"),
    ]


def test_note_inside_a_cell() -> None:
    result = _seed_variant("行政许可\t9375", "行政许可\t9375（其中撤销12件）")
    assert result.report is not None
    assert result.report.active_disclosure.licensing.decisions == 9375
    (note,) = [f for f in result.findings if f.code == "EXTRACT-NOTE"]
    assert (note.path, note.params["note"]) == ("/active_disclosure/licensing/decisions", "其中撤销12件")


def test_yuan_in_a_money_cell_is_converted_exactly() -> None:
    result = _seed_variant("行政事业性收费\t64.2623", "行政事业性收费\t642623元")
    assert result.report is not None
    amount = result.report.active_disclosure.fees.amount_10k_yuan  # type: ignore[union-attr]
    assert str(amount) == "64.2623"
    (unit,) = [f for f in result.findings if f.code == "EXTRACT-UNIT"]
    assert (unit.path, unit.expected, unit.actual) == (
        "/active_disclosure/fees/amount_10k_yuan",
        amount,
        "642623元",
    )


def test_variant_row_label() -> None:
    result = _seed_variant("行政规范性文件\t0\t0\t0", "规范性文件\t2\t1\t7")
    assert result.report is not None
    assert result.report.active_disclosure.normative_documents == gd.RegulationRow(
        issued=2, repealed=1, in_force=7
    )


def test_too_many_cells() -> None:
    result = _seed_variant("行政处罚\t1236", "行政处罚\t1236\t5")
    assert result.report is not None
    assert result.report.active_disclosure.punishment.decisions == 1236
    assert ("EXTRACT-EXTRA-CELLS", "warning", "/active_disclosure/punishment") in _findings(result)


def test_unreadable_cell_is_named() -> None:
    result = _seed_variant("2. 重复申请\t0", "2. 重复申请\t零")
    path = "/applications/results/not_processed/duplicate/natural_person"
    finding = next(f for f in result.findings if f.path == path)
    assert (finding.code, finding.severity, finding.actual) == ("EXTRACT-UNREADABLE", "error", "零")
    assert finding.label == "三（五）2.重复申请·自然人"
    assert result.sources[path].kind == "unreadable"


def test_missing_row_is_an_error_even_where_the_arithmetic_fills_it() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    text = re.sub(r"\n[^\n]*3\. 要求提供公开出版物[^\n]*", "", text)
    result = gd.extract(text)
    path = "/applications/results/not_processed/publication"
    assert ("EXTRACT-NO-ROW", "error", path) in _findings(result)
    # Every column of the results still adds up, which pins the missing row down as zeros.
    assert result.sources[f"{path}/total"].kind == "derived"
    assert ("EXTRACT-DERIVED", "warning", f"{path}/total") in _findings(result)


def test_short_row_is_flagged_and_filled_only_where_pinned_down() -> None:
    result = _seed_variant(
        "1. 信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1", "1. 信访举报投诉类申请\t1\t0\t0\t0\t0"
    )
    path = "/applications/results/not_processed/complaint"
    findings = _findings(result)
    assert ("EXTRACT-SHORT-ROW", "warning", path) in findings
    # The column of the result rows pins the sixth cell (0), then the row pins its total (1).
    assert ("EXTRACT-DERIVED", "warning", f"{path}/other_organization") in findings
    assert ("EXTRACT-DERIVED", "warning", f"{path}/total") in findings
    assert result.report == gd.load(SEED)


def test_a_short_row_pinned_down_by_the_balance() -> None:
    # 一 + 二 = 三（七）+ 四 per column: the balance pins the carried-forward cells down.
    old = "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0"
    result = _seed_variant(old, "四、结转下年度继续办理\t\t0\t0\t0\t0\t0")
    path = "/applications/carried_forward"
    findings = _findings(result)
    assert ("EXTRACT-SHORT-ROW", "warning", path) in findings
    assert ("EXTRACT-DERIVED", "warning", f"{path}/other_organization") in findings
    assert ("EXTRACT-DERIVED", "warning", f"{path}/total") in findings
    assert result.report == gd.load(SEED)


def test_short_rows_that_the_arithmetic_cannot_pin_down() -> None:
    # Two rows short of the same two cells: each column's balance then has two unknowns.
    text = SEED_TEXT.read_text(encoding="utf-8")
    for row in ("二、\t上年结转政府信息公开申请数量", "四、结转下年度继续办理\t"):
        text = text.replace(f"{row}\t0\t0\t0\t0\t0\t0\t0", f"{row}\t0\t0\t0\t0\t0")
    result = gd.extract(text)
    findings = _findings(result)
    for path in ("/applications/carried_over", "/applications/carried_forward"):
        assert ("EXTRACT-SHORT-ROW", "warning", path) in findings
        assert ("EXTRACT-MISSING", "error", f"{path}/other_organization") in findings
        assert ("EXTRACT-MISSING", "error", f"{path}/total") in findings


@given(st.data())
def test_no_cell_is_wrong_without_a_finding(data: st.DataObject) -> None:
    # Corrupt one cell of the seed's tables at random: every cell that then differs from the
    # truth must carry a finding.
    truth = gd.load(SEED)
    first = gd.extract(SEED_TEXT.read_text(encoding="utf-8"))
    cells = sorted(p for p, s in first.sources.items() if s.kind == "cell")
    path = data.draw(st.sampled_from(cells))
    source = first.sources[path]
    assert source.line is not None
    assert source.column is not None
    lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    line = lines[source.line - 1]
    start = source.column - 1
    end = start
    while end < len(line) and line[end] not in "\t":
        end += 1
    # Replacements that no cell may read as a plain number (a plausible number would simply be
    # what the source says).
    replacement = data.draw(st.sampled_from(["", "/", "x", "12（注）", "——", "1 2"]))
    lines[source.line - 1] = line[:start] + replacement + line[end:]
    result = gd.extract("\n".join(lines))
    assert result.report is not None
    assert _silently_wrong(result, truth) == []


# --- odds and ends --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        ("12", 12, "number"),
        ("1,234", 1234, "number"),
        (" 7 ", 7, "number"),
        ("-3", -3, "number"),
        ("64.2623", "64.2623", "number"),
        ("/", 0, "blank"),
        ("——", 0, "blank"),
        ("", 0, "blank"),
        ("251000元", 251000, "unit"),
        ("251,000元", 251000, "unit"),
        ("1,234（含修订）", 1234, "note"),
        ("22（其中修订16件）", 22, "note"),
        ("二十", None, "unreadable"),
        # Full-width, as OCR and some PDFs give them: digits and their marks alike.
        ("１２", 12, "number"),
        ("１，２３４", 1234, "number"),
        ("６４．２６２３", "64.2623", "number"),
        ("－3", -3, "number"),
        ("６４．２６２３万元", "64.2623", "unit"),
        ("－", 0, "blank"),
        ("5，6", None, "unreadable"),
    ],
)
def test_read_number(text: str, value: Any, status: str) -> None:
    reading = read_number(text)
    assert reading.status == status
    assert reading.value == (None if value is None else Decimal(str(value)))


def test_detect_format() -> None:
    assert detect_format("<html><body><p>x</p></body></html>") == "html"
    assert detect_format("# 标题\n\n| a | b |\n|---|---|\n") == "markdown"
    assert detect_format("标题\n| a | b |\n") == "text"
    assert detect_format("# 标题\n\n\\<P\n") == "markdown"  # an escaped "<P" of the text is no tag


def test_no_title_is_no_report() -> None:
    result = gd.extract("一、总体情况\n没有标题的文字。\n")
    assert result.report is None
    assert ("EXTRACT-NO-TITLE", "error", "/organ/name") in _findings(result)


def test_extract_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert main(["extract", str(SEED_TEXT), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
    printed = capsys.readouterr()
    assert printed.out == ""  # findings always go to standard error
    assert "  警告 EXTRACT-DERIVED（2 处）" in printed.err.splitlines()
    assert (
        "      /applications/results/unavailable/not_held/total：三（四）1.本机关不掌握相关政府信息·总计在原文中缺失，由表格勾稽关系推出为 6"
        in printed.err.splitlines()
    )
    assert main(["extract", str(SEED_TEXT)]) == 0
    captured = capsys.readouterr()
    assert captured.out == SEED.read_text(encoding="utf-8")
    assert "EXTRACT-BLANK" in captured.err
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED_TEXT.read_text(encoding="utf-8").encode("gb18030"))
    assert main(["extract", str(gbk), "--output", str(out)]) == 0
    capsys.readouterr()
    assert main(["extract", str(tmp_path / "absent.txt")]) == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here", encoding="utf-8")
    assert main(["extract", str(empty), "--format", "json"]) == 1
    assert '"EXTRACT-NOT-REPORT"' in capsys.readouterr().err


@pytest.mark.parametrize("separator", ["   ", " ", "\n"], ids=["spaces", "space", "lines"])
def test_cells_separated_by_spaces(separator: str) -> None:
    # PDF-to-text tools often separate cells by spaces, or put each cell on a line of its own.
    text = re.sub(r"\t+", separator, SEED_TEXT.read_text(encoding="utf-8"))
    result = gd.extract(text)
    assert result.report is not None
    truth, got = _cells(gd.load(SEED)), _cells(result.report)
    flagged = {f.path for f in result.findings}
    wrong = [k for k in got if got[k] != truth[k] and k not in flagged]
    assert wrong == []
    # Table 四 loses the places of its blank cells: the importer says it cannot place them.
    assert ("EXTRACT-CELL-COUNT", "error", "/review_and_litigation") in _findings(result)
    assert got["/applications/results/unavailable/not_held/natural_person"] == 6
    assert got["/active_disclosure/fees/amount_10k_yuan"] == Decimal("64.2623")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_word_style_html_inside_a_layout_table(path: Path) -> None:
    report = gd.load(path)
    page = _without_island(gd.render(report))
    # As pages exported from word processors are: every cell's text in <p><span>, the whole
    # report inside a one-cell layout table.
    page = re.sub(r"<(td|th)([^>]*)>([^<]*)</\1>", r"<\1\2><p class=MsoNormal><span>\3</span></p></\1>", page)
    page = re.sub(r'<article class="report" data-edition="\d+">', '<table class="layout"><tr><td>', page)
    page = page.replace("</article>", "</td></tr></table>")
    result = gd.extract(page)
    assert _reading(result) == []
    assert result.report == shown_as_text(report)


@pytest.mark.parametrize(
    ("cell", "header", "amount", "unit", "assumed"),
    [
        ("251000元", "采购总金额", "251000", "yuan", False),
        ("25.1万元", "采购总金额", "25.1", "10k_yuan", False),
        ("25.1", "采购总金额（万元）", "25.1", "10k_yuan", False),
        ("251000", "采购总金额（单位：元）", "251000", "yuan", False),
        ("25.1", "采购总金额", "25.1", "10k_yuan", True),
    ],
)
def test_procurement_unit(cell: str, header: str, amount: str, unit: str, assumed: bool) -> None:
    text = SHANGHAI_TEXT.read_text(encoding="utf-8")
    text = text.replace("| 政府集中采购 | 6 | 251000元 |", f"| 政府集中采购 | 6 | {cell} |")
    text = text.replace("| 信息内容 | 采购项目数量 | 采购总金额 |", f"| 信息内容 | 采购项目数量 | {header} |")
    result = gd.extract(text)
    assert isinstance(result.report, gd.Report2019)
    procurement = result.report.active_disclosure.procurement
    assert (str(procurement.total_amount), procurement.unit) == (amount, unit)
    codes = [f.code for f in result.findings if f.path.startswith("/active_disclosure")]
    assert codes == (["EXTRACT-UNIT-ASSUMED"] if assumed else [])


def test_label_wrapped_onto_its_own_lines() -> None:
    old = "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t0\t0\t0\t0\t0\t0"
    new = "（二）部分公开（区分处理的，只计这一情形，不计其他\n情形）\n0 0 0 0 0 0 0"
    result = _seed_variant(old, new)
    assert result.report == gd.load(SEED)
    assert not [f for f in result.findings if "partially_granted" in f.path]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("2024.1.5", "2024-01-05"),
        ("发布时间：2024-01-05 09:30", "2024-01-05"),
        ("（2024年01月05日）", "2024-01-05"),
    ],
)
def test_date_variants(line: str, day: str) -> None:
    result = _seed_variant("2024年1月5日", line)
    assert result.report is not None
    assert result.report.published_on is not None
    assert result.report.published_on.isoformat() == day


def test_heading_like_text_in_a_narrative_part_stays_text() -> None:
    fake = "四、政府信息公开行政复议、行政诉讼情况"
    result = _seed_variant("（五）监督保障情况\n", f"（五）监督保障情况\n{fake}\n")
    assert result.report is not None
    supervision = result.report.overview.supervision
    assert supervision is not None
    assert supervision.startswith(fake)  # kept as text (joined to the next line: no full stop)
    assert _cells(result.report) == _cells(gd.load(SEED))


def test_title_with_guanyu() -> None:
    result = gd.extract("某某县交通运输局关于2023年政府信息公开工作年度报告\n一、总体情况\n文字。\n")
    assert result.report is not None
    assert (result.report.organ.name, result.report.year) == ("某某县交通运输局", 2023)


def _pipes_to(separator: str) -> Any:
    def convert(text: str) -> str:
        out = []
        for line in text.split("\n"):
            if line.strip().startswith("|"):
                if re.match(r"^\s*\|[\s:|-]+\|\s*$", line):
                    continue
                line = separator.join(c.strip() for c in line.strip().strip("|").split("|"))
            out.append(line)
        return "\n".join(out)

    return convert


def _to_html(text: str) -> str:
    # A plain web page: paragraphs, and pipe or tab rows as the rows of tables.
    import html as escape

    out = ["<html><body>"]
    in_table = False
    for line in text.split("\n"):
        cells = None
        if line.strip().startswith("|") and not re.match(r"^\s*\|[\s:|-]+\|\s*$", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
        elif "\t" in line.strip():
            cells = [c.strip() for c in line.split("\t")]
        if cells is not None:
            if not in_table:
                out.append("<table border=1>")
                in_table = True
            out.append("<tr>" + "".join(f"<td>{escape.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        if line.strip() and not re.match(r"^\s*\|[\s:|-]+\|\s*$", line):
            out.append(f"<p>{escape.escape(line.strip().lstrip('#').strip())}</p>")
    out.append("</table></body></html>" if in_table else "</body></html>")
    return "\n".join(out)


FORMS = {
    "as-published": (lambda t: t, True),
    "html-page": (_to_html, True),
    "tabs-to-spaces": (lambda t: re.sub(r"\t+", "   ", t), False),
    "tabs-to-lines": (lambda t: re.sub(r"\t+", "\n", t), False),
    "pipes-to-tabs": (_pipes_to("\t"), True),
    "pipes-to-spaces": (_pipes_to("  "), False),
    "pipes-to-lines": (_pipes_to("\n"), False),
}
SOURCES = {
    "seed": (SEED_TEXT, SEED),
    "shanghai": (SHANGHAI_TEXT, EXAMPLES / "shanghai-office-2019.json"),
    "shuyang": (SHUYANG_TEXT, EXAMPLES / "shuyang-government-2025.json"),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("source", SOURCES)
def test_no_cell_wrong_without_a_finding_in_any_form(source: str, form: str) -> None:
    # The published texts turned into the other forms tables take when copied out of PDFs and
    # pages. Forms that drop empty cells lose where the blanks were: those cells may come back
    # as unreadable, but never wrong without a finding.
    text_path, truth_path = SOURCES[source]
    convert, lossless = FORMS[form]
    result = gd.extract(convert(text_path.read_text(encoding="utf-8")))
    assert result.report is not None
    assert _silently_wrong(result, gd.load(truth_path)) == []
    if lossless:
        assert _cells(result.report) == _cells(gd.load(truth_path))


def test_bytes_in_either_encoding() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("gb18030")):
        assert gd.extract(data).report == gd.load(SEED)


def test_publication_date_from_a_meta_element() -> None:
    page = (
        '<html><head><meta name="PubDate" content="2024-01-20 09:30"></head><body>'
        "<h1>某某县交通运输局2023年政府信息公开工作年度报告</h1><h2>一、总体情况</h2><p>文字。</p></body></html>"
    )
    result = gd.extract(page)
    assert result.report is not None
    assert result.report.published_on is not None
    assert result.report.published_on.isoformat() == "2024-01-20"


@given(st.sampled_from(sorted(SOURCES)), st.data())
def test_no_cell_wrong_after_any_cell_is_damaged(source: str, data: st.DataObject) -> None:
    # Damage one cell of a published text — blank it, garble it, or delete it with its
    # separator — and every value that then differs from the truth must carry a finding.
    text_path, truth_path = SOURCES[source]
    text = text_path.read_text(encoding="utf-8")
    first = gd.extract(text)
    cells = sorted(p for p, s in first.sources.items() if s.kind == "cell")
    where = first.sources[data.draw(st.sampled_from(cells))]
    assert where.line is not None
    assert where.column is not None
    lines = text.split("\n")
    line = lines[where.line - 1]
    start = end = where.column - 1
    while end < len(line) and line[end] not in "\t|":
        end += 1
    operation = data.draw(st.sampled_from(["", "/", "x", "3（注）", "delete"]))
    line = line[:start] + line[end + 1 :] if operation == "delete" else line[:start] + operation + line[end:]
    lines[where.line - 1] = line
    result = gd.extract("\n".join(lines))
    assert result.report is not None
    assert _silently_wrong(result, gd.load(truth_path)) == []


def test_title_split_over_two_lines() -> None:
    result = gd.extract("2023年度\n某某县交通运输局政府信息公开工作年度报告\n一、总体情况\n文字。\n")
    assert result.report is not None
    assert (result.report.organ.name, result.report.year) == ("某某县交通运输局", 2023)
    assert "EXTRACT-NO-TITLE" not in [f.code for f in result.findings]


def test_without_a_title_the_tables_are_still_read() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8").replace("2023 年政府信息公开工作年度报告", "年度报告")
    result = gd.extract(text)
    assert result.report is not None
    assert result.report.year == 2023  # from the statistical period
    assert result.report.organ.name == "（机关名称未识别）"
    assert ("EXTRACT-NO-TITLE", "error", "/organ/name") in _findings(result)
    assert _cells(result.report) == _cells(gd.load(SEED))


def test_a_report_as_json_is_read_as_validate_reads_it(tmp_path: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.json")):
        data = example.read_bytes()
        for source in (example, data, "\ufeff  " + data.decode("utf-8")):
            result = gd.extract(source)
            assert result.format == "json"
            assert result.report == gd.load(example)
            assert result.findings == gd.validate(data).findings
            assert result.sources == {}
            assert result.edition == gd.load(example).format_version
    broken = gd.extract(b'{"year": 20')
    assert (broken.report, broken.format, [f.code for f in broken.findings]) == (
        None,
        "json",
        ["JSON-SYNTAX"],
    )
    # Named, the form is taken as given: JSON read as text is no report.
    assert gd.extract(SEED.read_bytes(), format="text").format == "text"
    assert gd.extract(" " + SEED.read_text("utf-8"), format="json").report == gd.load(SEED)
    out = tmp_path / "out.json"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    assert out.read_bytes() == SEED.read_bytes()


def test_a_stray_character_of_a_vertical_heading_names_no_row() -> None:
    # The PDF's page text prints the vertical heading 三、本年度办理结果 one character a line,
    # and the numbers of a row before its label: "本" then "1 0 0 0 0 0 1" (the row of
    # 3.危及“三安全一稳定”). "本" once named 1.本机关不掌握相关政府信息, so that row read 1, not the 31
    # its own line prints.
    result = gd.extract((DATA / "2024_hongzequ.pdf-text.txt").read_text("utf-8"))
    assert result.report is not None
    results = result.report.applications.results
    assert results.unavailable.not_held.total == 31
    assert result.where("/applications/results/unavailable/not_held/total") == "line 87, column 37"
    assert (results.withheld.process_information.total, results.withheld.enforcement_files.total) == (1, 1)
    # The numbers after "本" are the row's whose label follows them ("年 3.危及…"): they are
    # read there, from the line they stand on.
    assert results.withheld.security_stability.total == 1
    assert result.where("/applications/results/withheld/security_stability/total") == "line 77, column 13"


def test_numbers_printed_above_their_labels_are_their_rows() -> None:
    # The same page text prints four rows' numbers above their labels: after the tail of a
    # wrapped label ("计其他情形）"), a character of a vertical heading ("本"), a page footer
    # ("- 3 -") and a group's heading ("（五）不予处理"). They were EXTRACT-NO-ROW; the tables now
    # read as the PDF itself does, with the same findings.
    text = gd.extract((DATA / "2024_hongzequ.pdf-text.txt").read_text("utf-8"))
    pdf = gd.extract(DATA / "2024_hongzequ.pdf")
    assert text.report is not None
    assert pdf.report is not None
    for part in ("active_disclosure", "applications", "review_and_litigation"):
        assert gd.to_dict(text.report)[part] == gd.to_dict(pdf.report)[part]
    assert sorted({f.code for f in text.findings}) == sorted({f.code for f in pdf.findings})
    assert not [f for f in text.findings if f.code in ("EXTRACT-NO-ROW", "EXTRACT-MISSING")]


def test_a_word_after_the_numbers_of_a_line_is_a_cell_not_its_label() -> None:
    # The PDF's page text prints the numbers of 部分公开 on a line of their own, between the two
    # halves of its label. With its last number unreadable ("9 0 0 0 0 0 x"), the line was taken
    # for a row labelled "x": its numbers were dropped and 部分公开 read the line of zeros below,
    # with no finding of its own.
    text = (DATA / "2024_hongzequ.pdf-text.txt").read_text("utf-8")
    assert "\n9 0 0 0 0 0 9\n" in text
    for line, cell in (("9 0 0 0 0 0 x", "total"), ("9 0 0 x 0 0 9", "social_welfare_organization")):
        result = gd.extract(text.replace("\n9 0 0 0 0 0 9\n", f"\n{line}\n"))
        assert result.report is not None
        row = result.report.applications.results.partially_granted
        assert (row.natural_person, getattr(row, cell)) == (9, 0)
        path = f"/applications/results/partially_granted/{cell}"
        said = [
            (f.code, f.actual) for f in result.findings if f.path == path and f.code.startswith("EXTRACT-")
        ]
        assert said == [("EXTRACT-UNREADABLE", "x")]
        assert result.where(path) == ("line 70, column 13" if cell == "total" else "line 70, column 7")


def test_radicals_of_a_pdf_text_layer_are_read_as_ideographs() -> None:
    from govdisclosure._extract.radicals import unradical

    # Kangxi radicals (NFKC), the CJK Radicals Supplement (⺠ has no decomposition) and a
    # compatibility ideograph; one character for one, so that positions stay.
    assert unradical("⼯作⺠⻓⻔⼈⾏\uf900") == "工作民长门人行豈"
    text = "沂源县公安局2023年政府信息公开工作年度报告"
    assert unradical(text) is text
    seed = (DATA / "yiyuan-police-2023.txt").read_text("utf-8")
    radicals = seed.replace("工", "⼯").replace("人", "⼈").replace("民", "⺠").replace("行", "⾏")
    assert radicals != seed
    assert gd.extract(radicals).report == gd.extract(seed).report


def test_text_saved_as_utf16_with_its_mark_reads_as_utf8_does() -> None:
    # Windows' "Unicode" text (Notepad, Word's "Unicode text"): UTF-16 with a byte-order mark.
    text = (DATA / "yiyuan-police-2023.txt").read_text("utf-8")
    expected = gd.extract(text)
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
        result = gd.extract(mark + text.encode(encoding))
        assert (result.report, result.findings) == (expected.report, expected.findings), encoding
    # JSON must be UTF-8: as UTF-16 it is JSON-ENCODING, as validate() says.
    json16 = SEED.read_text("utf-8").encode("utf-16")
    assert [f.code for f in gd.extract(json16).findings] == [f.code for f in gd.validate(json16).findings]
    assert [f.code for f in gd.validate(json16).findings] == ["JSON-ENCODING"]


def test_a_total_off_only_by_blank_cells_blames_the_blank_cells_not_the_total() -> None:
    # The Shanghai 2019 page text leaves the result rows' 总计 blank: they are recorded as 0,
    # and the 总计 of 总计 (805, right) was told "应为 0，实际填报 805".
    result = gd.extract(DATA / "2019_shanghai_bangongting.txt")
    (blamed,) = [f for f in result.findings if f.path == "/applications/results/total/total"]
    assert (blamed.code, blamed.severity, blamed.expected, blamed.actual) == (
        "EXTRACT-BLANK-SUM",
        "error",
        0,
        805,
    )
    assert blamed.params["rule"] == "T3-RESULTS-TOTAL"
    assert blamed.params["count"] == 19
    assert blamed.message.startswith(
        "三（七）总计·总计填报为 805，但它所合计的 19 个单元格原文为空、记为 0（第 55 行第 51 列、"
    )
    assert blamed.message_en.startswith(
        "/applications/results/total/total: reported 805, but 19 of the cells"
    )
    # A total whose cells were read (not blank) keeps the rule's own finding.
    assert any(f.code == "T3-ROW-TOTAL" for f in result.findings)
