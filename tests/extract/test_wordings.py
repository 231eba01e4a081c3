"""Round three of the importer: the registry of wordings, page text whose cells ran together in
either edition, the site's chrome, Markdown emphasis, a PDF's soft line breaks, and runs of
digits that the document itself settles."""

from __future__ import annotations

import re

import pytest

import govdisclosure as gd
from govdisclosure._extract.glued import row_identities, run_tokens, splits
from govdisclosure._model.identities import equations
from govdisclosure._model.variants import CHROME, TYPOS, is_chrome, is_crawler_line, loose, row_labels
from tests.helpers import DATA, EXAMPLES

PINGTAN = (DATA / "2024_pingtan-gonganju.txt").read_text(encoding="utf-8")
SHANGHAI = (DATA / "2019_shanghai_bangongting.txt").read_text(encoding="utf-8")


def _one_line(text: str, separator: str) -> str:
    """``text`` as a site crawler gives a page: the title on its line, then the whole body on
    one line with each pipe row's cells run together (``separator`` between numbers)."""
    lines = text.split("\n")
    title = next(
        i for i, line in enumerate(lines) if line.endswith("政府信息公开工作年度报告") and "title" not in line
    )
    body = []
    for line in lines[title + 1 :]:
        if line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            body.append(
                "".join(c + (separator if re.fullmatch(r"-?[\d,.]+", c) else " ") for c in cells if c)
            )
        elif line.strip():
            body.append(line.strip() + " ")
    return "\n".join(lines[: title + 1]) + "\n" + "".join(body)


# --- the registry -----------------------------------------------------------------------------


def test_loose_labels_match_either_width_spaces_and_connectors() -> None:
    pattern = re.compile(loose("政府信息公开行政复议、行政诉讼情况"))
    for printed in (
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议与行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开 行政复议 行政诉讼情况",
    ):
        assert pattern.fullmatch(printed), printed
    assert re.fullmatch(loose("（二）部分公开"), "(二) 部分公开")
    assert row_labels("行政规范性文件") == ("行政规范性文件", "规范性文件")
    assert all(variant != canonical for variant, canonical in TYPOS)


def test_chrome_and_crawler_lines() -> None:
    assert is_chrome("微信 微博 QQ空间全真版文字版文件下载相关链接：")
    assert is_chrome("【打印本页】 【关闭窗口】")
    assert not is_chrome("微信公众号发布信息 35 条")
    assert not is_chrome("")
    assert is_crawler_line("页面链接与图片详见 links.tsv(同目录)")
    assert is_crawler_line("原文链接 ：https://example.org")
    assert not is_crawler_line("标题: 某局2024年政府信息公开工作年度报告")
    assert len(CHROME) == len(set(CHROME))


def test_the_crawler_note_and_the_menu_are_not_the_preamble() -> None:
    text = PINGTAN.replace(
        "==================== 正文",
        "微信 微博 QQ空间全真版文字版文件下载相关链接：\n==================== 正文",
    )
    result = gd.extract(text)
    assert result.report is not None
    assert result.report.preamble is not None
    assert result.report.preamble.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert "links.tsv" not in gd.dumps(result.report)
    assert "QQ空间" not in gd.dumps(result.report)


# --- page text on one line ----------------------------------------------------------------------


def test_a_heading_of_four_with_yu_cuts_a_line_and_reads_its_cells() -> None:
    text = PINGTAN.replace("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议与行政诉讼情况")
    assert text != PINGTAN
    result = gd.extract(text)
    page = gd.extract(DATA / "2024_pingtan-gonganju.html")
    assert result.report is not None
    assert page.report is not None
    assert result.report.review_and_litigation == page.report.review_and_litigation
    assert "EXTRACT-NO-SECTION" not in {f.code for f in result.findings}


@pytest.mark.parametrize("separator", [" ", ""])
def test_the_2019_edition_on_one_line_reads_its_table_two(separator: str) -> None:
    # 规范性文件, 其他对外管理服务事项 and 政府集中采购 are the 2019 edition's row labels: the
    # line is cut before them as before the 2021 edition's.
    signed = SHANGHAI.replace("| 行政许可 | 0 | 0 | 0 |", "| 行政许可 | 26 | -26 | 0 |").replace(
        "| 行政处罚 | 0 | 0 | 0 |", "| 行政处罚 | 15 | -1 | 5 |"
    )
    result = gd.extract(_one_line(signed, separator))
    assert result.report is not None
    table = gd.to_dict(result.report)["active_disclosure"]
    truth = gd.to_dict(gd.load(EXAMPLES / "shanghai-office-2019.json"))["active_disclosure"]
    # "15-15" has one split that puts a sign only in 本年增/减.
    assert table["punishment"] == {"items_last_year": 15, "items_change": -1, "decisions": 5}
    for row in ("other_services", "enforcement", "fees"):
        assert table[row] == truth[row], row
    if separator:
        assert table["licensing"] == {"items_last_year": 26, "items_change": -26, "decisions": 0}
        assert table == {**truth, "licensing": table["licensing"], "punishment": table["punishment"]}
    else:
        # "26-260" has two: 26 -26 0 and 26 -2 60. Neither is taken.
        (ambiguous,) = [f for f in result.findings if f.path == "/active_disclosure/licensing"]
        assert (ambiguous.code, ambiguous.actual, ambiguous.params) == (
            "EXTRACT-SPLIT-AMBIGUOUS",
            "26 -260",
            {"candidates": "26 -2 60; 26 -26 0"},
        )


def test_table_three_headers_left_between_rows_by_ocr_are_no_rows() -> None:
    # The 沭阳县 OCR Markdown repeats "类别 数据1 … 数据6 总计" above each group and leaves a
    # header of another layout ("项目 本年新收件数 … 总计") between two rows of （六）. On one
    # line, "数据 1" read as numbers made the header a row of data matched to （七）总计, and
    # the rows of （六） between were lost (EXTRACT-NO-ROW); the whole table now reads as the
    # Markdown does.
    text = (DATA / "2025_shuyang_xianzhengfu.txt").read_text(encoding="utf-8")
    expected = gd.extract(text).report
    result = gd.extract(_one_line(text, " "))
    assert result.report is not None
    assert expected is not None
    assert gd.to_dict(result.report)["applications"] == gd.to_dict(expected)["applications"]
    assert not [f for f in result.findings if f.code.startswith("EXTRACT") and f.severity == "error"]


def test_runs_that_hold_a_sign() -> None:
    assert run_tokens(["15-15"]) == ["15", "-15"]
    assert run_tokens(["26－260", "3"]) == ["26", "-260", "3"]
    assert run_tokens(["15-x"]) is None
    # 2019 licensing: 上一年项目数量, 本年增/减 (signed), 处理决定数量.
    assert splits(["15", "-15"], 3, [], frozenset({1})) == [[15, -1, 5]]
    assert splits(["26", "-260"], 3, [], frozenset({1})) == [[26, -2, 60], [26, -26, 0]]
    assert splits(["26", "-260"], 3, [], frozenset()) == []  # no column may be negative


def test_a_split_never_starts_a_number_with_zero_and_stops_at_its_budget() -> None:
    assert splits(["1005"], 3, []) == [[10, 0, 5]]
    assert splits(["0005"], 3, []) == []
    # A run whose search would outgrow the budget is not split at all: no split is taken
    # from a partial search, however few it found.
    table4 = row_identities(
        equations("2021"),
        [
            ("review_and_litigation", group, column)
            for group in ("administrative_review", "litigation_direct", "litigation_after_review")
            for column in ("upheld", "corrected", "other", "pending", "total")
        ],
    )
    assert splits(["1" * 100], 15, table4) == []


# --- settled by the document --------------------------------------------------------------------

_RUN = "671383435012208501326"  # two splits keep table 四's identities: litigation 46 or 91


def test_a_run_several_splits_fit_stays_unknown() -> None:
    result = gd.extract(PINGTAN.replace("000000000000000 五、", _RUN + " 五、"))
    (ambiguous,) = [f for f in result.findings if f.code == "EXTRACT-SPLIT-AMBIGUOUS"]
    assert ambiguous.path == "/review_and_litigation"
    assert (
        ambiguous.params["candidates"]
        == "6 7 13 8 34 3 5 0 12 20 8 5 0 13 26; 6 7 13 8 34 3 50 12 20 85 0 1 3 2 6"
    )
    assert result.sources["/review_and_litigation/administrative_review/total"].kind == "missing"


def test_the_overview_settles_a_run_that_several_splits_fit() -> None:
    said = "全年办理因政府信息公开申请引发的行政复议34起，行政诉讼46起。"
    text = PINGTAN.replace("000000000000000 五、", _RUN + " 五、").replace(
        "持续强化服务理念，", said + "持续强化服务理念，", 1
    )
    result = gd.extract(text)
    assert result.report is not None
    (settled,) = [f for f in result.findings if f.code == "EXTRACT-SPLIT-TEXT"]
    assert (settled.path, settled.actual, settled.expected, settled.params["sentence"]) == (
        "/review_and_litigation",
        _RUN,
        "6 7 13 8 34 3 5 0 12 20 8 5 0 13 26",
        said,
    )
    assert "EXTRACT-MISSING" not in {f.code for f in result.findings}
    assert "EXTRACT-SPLIT-AMBIGUOUS" not in {f.code for f in result.findings}
    table = gd.to_dict(result.report)["review_and_litigation"]
    assert table["litigation_direct"]["total"] + table["litigation_after_review"]["total"] == 46
    assert result.sources["/review_and_litigation/litigation_direct/total"].kind == "cell"
    assert "NARR-TABLE-MISMATCH" not in {f.code for f in result.findings}


def test_a_statement_that_no_split_gives_settles_nothing() -> None:
    # The text names a number only the text has: no cell is taken from it.
    text = PINGTAN.replace("000000000000000 五、", _RUN + " 五、").replace(
        "持续强化服务理念，", "引发的行政复议34起，行政诉讼50起。持续强化服务理念，", 1
    )
    result = gd.extract(text)
    codes = {f.code for f in result.findings}
    assert "EXTRACT-SPLIT-AMBIGUOUS" in codes
    assert "EXTRACT-SPLIT-TEXT" not in codes
    assert result.sources["/review_and_litigation/litigation_direct/total"].kind == "missing"


def test_the_identities_across_rows_settle_a_row() -> None:
    # 予以公开 "30003" alone fits 3 0 0 0 0 0 3 and 30 0 0 0 0 0 30 when its cells run
    # together with the next row's label; the 总计 row and the balance leave one.
    text = PINGTAN.replace("（一）予以公开 3000003", "（一）予以公开 300 0003")
    result = gd.extract(text)
    assert result.report is not None
    assert result.report.applications.results.granted.total == 3
    (split,) = [f for f in result.findings if f.path == "/applications/results/granted"]
    assert (split.code, split.actual, split.expected) == ("EXTRACT-SPLIT", "300 0003", "3 0 0 0 0 0 3")


# --- texts ---------------------------------------------------------------------------------------


def test_markdown_emphasis_is_read_as_its_words() -> None:
    result = gd.extract(DATA / "yiyuan-police-2023.txt")
    assert result.report is not None
    assert "**" not in gd.dumps(result.report)
    assert "主要存在问题有：一是对政务公开的界定还不够明确" in (result.report.problems_and_improvements or "")


def test_a_pdf_line_that_runs_to_the_margin_goes_on() -> None:
    pytest.importorskip("pypdfium2")
    result = gd.extract(DATA / "2024_hongzequ.pdf")
    assert result.report is not None
    assert result.report.preamble is not None
    assert "（以下简称《条例》）要求编制此报告。" in result.report.preamble
    problems = result.report.problems_and_improvements or ""
    # The paragraph that ends with "等。" and the one that starts indented stay apart.
    assert "还需加强等。\n针对存在问题" in problems


def test_no_fee_statement_alarm_for_the_words_reports_use() -> None:
    text = PINGTAN.replace("2024年，无收取信息处理费情况。", "2024年，无收取信息公开处理费。")
    assert text != PINGTAN
    result = gd.extract(text)
    assert result.report is not None
    assert result.report.other_matters.processing_fees == "2024年，无收取信息公开处理费。"
    assert "NARR-FEE-STATEMENT" not in {f.code for f in result.findings}
