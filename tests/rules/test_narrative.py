"""The checks reviewers run beyond the arithmetic: the text against the tables, the fee
statements against each other, token narratives, and jumps from last year."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._rules.narrative import QUANTITIES, SETTINGS, chinese_number, statements
from tests.helpers import DATA, EXAMPLE_FILES, EXAMPLES

_SAID = "2023 年共收到政府信息依申请公开 7 件，在规定时间内办理答复 7 件；其中邮件形式 2 件，网上受理 5 件。"


def _codes(result: gd.ValidationResult, prefix: str = "NARR-") -> list[tuple[str, str, Any, Any]]:
    return [(f.code, f.path, f.expected, f.actual) for f in result.findings if f.code.startswith(prefix)]


def _with_request_text(seed: dict[str, Any], text: str) -> gd.ValidationResult:
    seed["overview"]["disclosure_on_request"] = seed["overview"]["disclosure_on_request"].replace(_SAID, text)
    assert text in seed["overview"]["disclosure_on_request"]
    return gd.validate(seed)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("2023 年共收到政府信息依申请公开十七件，均按时答复。", 17, 7),
        ("全年共受理政府信息公开申请21件，均在法定期限答复。", 21, 7),
        ("本年度新收政府信息公开申请 9 件，其中自然人 9 件。", 9, 7),
    ],
)
def test_a_stated_count_that_the_tables_contradict(
    seed: dict[str, Any], text: str, number: int, expected: int
) -> None:
    result = _with_request_text(seed, text)
    (finding,) = [f for f in result.findings if f.code == "NARR-TABLE-MISMATCH"]
    assert (finding.severity, finding.path, finding.expected, finding.actual) == (
        "warning",
        "/overview/disclosure_on_request",
        expected,
        number,
    )
    assert (
        finding.message
        == f"一（二）依申请公开所述收到政府信息公开申请为 {number}，表格数据为 {expected}：“{text}”"
    )


@pytest.mark.parametrize(
    "text",
    [
        _SAID,
        "2023 年共收到政府信息公开申请七件，其中自然人申请 5 件，法人申请两件。",
        "全年受理政府信息公开申请 7 件（含上年结转 0 件），办结 7 件，结转下年度继续办理 0 件。",
        "全年主动公开政府信息 77 条，办理政协提案 2 件，收到行政复议申请 30 件。",
        "未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。",
        "依法收取行政事业性收费 64.2623 万元，即 642623 元。",
        # A count of a subset of those handled, not the number handled (a county report of
        # 2024 whose table 三 agrees with its text).
        "所有办结的信息公开申请中同意公开答复 9 件。",
        "已办结的政府信息公开申请中部分公开答复 2 件。",
        "全年办理因政府信息公开申请引发的行政复议0起，行政诉讼0起。",
    ],
)
def test_text_that_agrees_or_says_nothing_comparable(seed: dict[str, Any], text: str) -> None:
    assert _codes(_with_request_text(seed, text)) == []


@pytest.mark.parametrize(
    ("text", "quantity", "expected", "actual"),
    [
        ("结转下年度继续办理 3 件。", "结转下年度继续办理的申请", 0, 3),
        ("因政府信息公开被申请行政复议 2 件。", "政府信息公开行政复议案件", 0, 2),
        ("被提起行政诉讼一起。", "政府信息公开行政诉讼案件", 0, 1),
        # Litigation listed after review shares its verb (a department's overview).
        ("全年办理因政府信息公开申请引发的行政复议0起，行政诉讼9起。", "政府信息公开行政诉讼案件", 0, 9),
        ("引发的行政复议36起，行政诉讼0起。", "政府信息公开行政复议案件", 0, 36),
        ("全年作出行政许可决定 9000 件。", "行政许可决定", 9375, 9000),
        ("全年行政事业性收费 60 万元。", "行政事业性收费金额（万元）", Decimal("64.2623"), 60),
        ("全年行政事业性收费 600000 元。", "行政事业性收费金额（万元）", Decimal("64.2623"), 60),
    ],
)
def test_each_quantity_is_compared_with_its_cells(
    seed: dict[str, Any], text: str, quantity: str, expected: int, actual: int
) -> None:
    result = _with_request_text(seed, text)
    found = _codes(result)
    assert found == [("NARR-TABLE-MISMATCH", "/overview/disclosure_on_request", expected, actual)]
    (finding,) = [f for f in result.findings if f.code == "NARR-TABLE-MISMATCH"]
    assert finding.params["quantity"] == quantity


def test_a_statement_of_five_thousand_digits_is_a_finding(seed: dict[str, Any]) -> None:
    # int() reads at most 4,300 digits from text: such a statement raised ValueError out of
    # validate(), in the check of the tables and in the fee check alike.
    digits = "1" * 5000
    result = _with_request_text(seed, f"共收到政府信息公开申请{digits}件。")
    (finding,) = [f for f in result.findings if f.code == "NARR-TABLE-MISMATCH"]
    assert (finding.expected, finding.actual) == (7, Decimal(digits))
    seed["other_matters"]["processing_fees"] = f"本年度收取信息处理费{digits}元。"
    seed["overview"]["disclosure_on_request"] = "本年度未收取信息处理费。"
    found = [(f.code, f.path, f.actual) for f in gd.validate(seed).findings if f.code.startswith("NARR-FEE")]
    assert found == [("NARR-FEE-CONTRADICTION", "/overview/disclosure_on_request", "未收取")]


def test_chinese_numerals() -> None:
    assert [chinese_number(t) for t in ("二十一", "两", "一百零五", "十", "十五", "一万二千", "零")] == [
        21,
        2,
        105,
        10,
        15,
        12000,
        0,
    ]
    assert [chinese_number(t) for t in ("二三", "", "件")] == [None, None, None]


def test_a_fee_collected_where_section_six_says_none(seed: dict[str, Any]) -> None:
    seed["overview"]["supervision"] += "本年度收取信息处理费200元。"
    (finding,) = [f for f in gd.validate(seed).findings if f.code == "NARR-FEE-CONTRADICTION"]
    assert (finding.path, finding.expected, finding.actual) == ("/overview/supervision", "未收取", "已收取")
    assert (
        finding.message
        == "一（五）监督保障称信息处理费已收取，与报告中的未收取相矛盾：“本年度收取信息处理费200元”"
    )
    assert finding.message_en.startswith(
        "/overview/supervision: says 信息处理费 were collected, where the report"
    )


def test_no_fee_said_while_table_two_records_one(seed: dict[str, Any]) -> None:
    seed["overview"]["active_disclosure"] += "本年度未收取行政事业性收费。"
    found = _codes(gd.validate(seed))
    assert found == [("NARR-FEE-CONTRADICTION", "/overview/active_disclosure", "已收取", "未收取")]


def test_fee_statements_that_agree(seed: dict[str, Any]) -> None:
    seed["overview"]["supervision"] += "全年未收取信息处理费。依法收取行政事业性收费64.2623万元。"
    assert _codes(gd.validate(seed)) == []


@pytest.mark.parametrize(
    "said",
    [
        "无收取信息公开处理费。",  # a department's page: no NARR-FEE-STATEMENT, no contradiction
        "未收取信息处理费。",
        "没有收取信息处理费。",
        "不收取信息处理费。",
        "均未产生信息处理费。",
        "收取信息处理费0元。",
        "信息处理费为0元。",
        "本年度信息处理费零元。",
    ],
)
def test_every_way_a_report_says_it_collected_no_fee(seed: dict[str, Any], said: str) -> None:
    from govdisclosure._rules.fees import fee_statement

    assert fee_statement(said) == (False, said.rstrip("。"))
    seed["other_matters"]["processing_fees"] = said
    seed["overview"]["supervision"] += "本年度收取信息处理费200元。"
    (finding,) = [f for f in gd.validate(seed).findings if f.code.startswith("NARR-FEE")]
    assert (finding.code, finding.expected, finding.actual) == ("NARR-FEE-CONTRADICTION", "未收取", "已收取")


def test_the_real_texts_raise_no_reviewer_warning_where_they_agree() -> None:
    # The real reports whose text agrees with their tables: no NARR-TABLE-MISMATCH and no
    # fee alarm (洪泽区's overview says 17 applications where its table has 95: that one stays).
    for path in sorted(DATA.glob("*.txt")):
        result = gd.extract(path)
        narr = sorted((f.code, f.path) for f in result.findings if f.code in _REVIEWER)
        if path.name == "2024_hongzequ.pdf-text.txt":
            assert narr == [("NARR-TABLE-MISMATCH", "/overview/disclosure_on_request")]
        else:
            assert narr == [], path.name


_REVIEWER = ("NARR-TABLE-MISMATCH", "NARR-FEE-CONTRADICTION", "NARR-FEE-STATEMENT")


@pytest.mark.parametrize("text", ["无。", "暂无", "已完成。", "  无  "])
def test_a_token_narrative_is_too_short(seed: dict[str, Any], text: str) -> None:
    seed["problems_and_improvements"] = text
    (finding,) = [f for f in gd.validate(seed).findings if f.code == "NARR-TOO-SHORT"]
    assert (finding.path, finding.expected) == ("/problems_and_improvements", SETTINGS.min_chars)
    assert isinstance(finding.actual, int)
    assert finding.actual < SETTINGS.min_chars


def test_a_blank_part_is_missing_not_short(seed: dict[str, Any]) -> None:
    seed["problems_and_improvements"] = "  "
    codes = [f.code for f in gd.validate(seed).findings if f.path == "/problems_and_improvements"]
    assert codes == ["NARR-MISSING"]


def _previous(seed: dict[str, Any], **cells: int) -> dict[str, Any]:
    previous = copy.deepcopy(seed)
    previous["year"], previous["published_on"] = 2022, "2023-01-10"
    for name, value in cells.items():
        previous["active_disclosure"][name]["decisions"] = value
    return previous


def test_a_jump_from_last_year(seed: dict[str, Any]) -> None:
    result = gd.validate(seed, previous=_previous(seed, licensing=1000, punishment=300))
    assert _codes(result, "XY-JUMP") == [("XY-JUMP", "/active_disclosure/licensing/decisions", 1000, 9375)]
    (finding,) = [f for f in result.findings if f.code == "XY-JUMP"]
    assert (
        finding.message
        == "第二十条第（五）项·行政许可·本年处理决定数量由上年的 1000 变为 9375，变化超过 5 倍，请核实"
    )


def test_changes_within_the_factor_or_from_a_small_base(seed: dict[str, Any]) -> None:
    # 9375 against 2000 is under 5-fold; 382 against 20,000 is a fall of over 5-fold (flagged);
    # 3 to 18 is 6-fold but from a base under 20.
    previous = _previous(seed, licensing=2000, enforcement=20_000)
    previous["applications"]["new_received"]["natural_person"] = 1
    result = gd.validate(seed, previous=previous)
    assert _codes(result, "XY-JUMP") == [("XY-JUMP", "/active_disclosure/enforcement/decisions", 20_000, 382)]


def test_the_new_rules_are_in_the_table_with_their_sources() -> None:
    table = {r.code: r for r in gd.rules()}
    for code in ("NARR-TABLE-MISMATCH", "NARR-FEE-CONTRADICTION", "NARR-TOO-SHORT", "XY-JUMP"):
        assert table[code].severity == "warning"
        assert table[code].source
    assert table["XY-JUMP"].cross_year


def test_a_real_report_whose_overview_contradicts_its_table() -> None:
    # 洪泽区 2024: the overview says 17 applications, table 三 counts 95 new ones.
    text = (DATA / "2024_hongzequ.pdf-text.txt").read_text(encoding="utf-8")
    result = gd.extract(text)
    assert result.report is not None
    found = [(f.code, f.path, f.expected, f.actual) for f in result.findings if f.code.startswith("NARR-")]
    assert ("NARR-TABLE-MISMATCH", "/overview/disclosure_on_request", 95, 17) in found
    (finding,) = [f for f in result.findings if f.code == "NARR-TABLE-MISMATCH"]
    assert "受理政府信息公开申请 17 件" in finding.params["sentence"]


def test_statements_lists_what_the_check_reads_quantity_by_quantity() -> None:
    # The seed's part on requests states two quantities, each once; no other is read from it.
    report = gd.load(EXAMPLES / "yiyuan-police-2023.json")
    part = report.overview.disclosure_on_request
    assert part is not None
    read = {q.name: list(statements(part, q)) for q in QUANTITIES}
    sentence = "2023 年共收到政府信息依申请公开 7 件，在规定时间内办理答复 7 件；"
    assert {name: found for name, found in read.items() if found} == {
        "received": [(Decimal(7), sentence)],
        "handled": [(Decimal(7), sentence)],
    }


# --- the fee check's clauses, found from the words, against cutting the whole text --------


def _reference_clauses(text: str, word: str) -> list[str]:
    # The implementation before: every clause of the text, kept when it holds the word.
    import re

    return [s for s in (m.group().strip() for m in re.finditer(r"[^，,。！？!?\n；;]+", text)) if word in s]


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            [
                "信息处理费",
                "行政事业性收费",
                "未收取",
                "收取",
                "0元",
                "380元",
                "，",
                "。",
                "\n",
                "；",
                " ",
                "费",
                "信息",
                "收",
                "3",
                "万元",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_the_clauses_with_a_fee_word_are_the_ones_cutting_every_clause_gives(text: str) -> None:
    from govdisclosure._rules.fees import clauses_with

    for word in ("信息处理费", "行政事业性收费"):
        assert clauses_with(text, word) == _reference_clauses(text, word)


def test_the_fee_check_finds_what_it_found_on_every_real_text() -> None:
    from govdisclosure._rules.fees import clauses_with

    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    texts += [t for p in EXAMPLE_FILES for t in _strings(gd.to_dict(gd.load(p)))]
    checked = 0
    for text in texts:
        for word in ("信息处理费", "行政事业性收费"):
            assert clauses_with(text, word) == _reference_clauses(text, word)
            checked += word in text
    assert checked >= 5  # the real texts name the fees


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []
