"""NARR-TABLE-MISMATCH against the implementation it replaced (``reference_narrative``): the
same outcome (the table value, the stated number with its type, the sentence, the quantity)
for every narrative part, on the real texts and on generated ones whose numbers the tables
accept, contradict, or write in ways the statement patterns read differently."""

from __future__ import annotations

import copy
import json
import operator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._rules.engine import compiled
from tests.helpers import DATA, EXAMPLE_FILES, SEED, set_at
from tests.rules.reference_narrative import mismatch_check as reference_check

_SEED: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))

_NUMBERS = (0, 7, 12, 749)

# The cells the quantities read, each given one of _NUMBERS.
_CELLS = (
    "/applications/new_received/total",
    "/applications/carried_over/total",
    "/applications/results/total/total",
    "/applications/results/granted/total",
    "/applications/results/partially_granted/total",
    "/applications/carried_forward/total",
    "/review_and_litigation/administrative_review/total",
    "/review_and_litigation/litigation_direct/total",
    "/review_and_litigation/litigation_after_review/total",
    "/active_disclosure/licensing/decisions",
    "/active_disclosure/punishment/decisions",
    "/active_disclosure/fees/amount_10k_yuan",  # 万元: "行政事业性收费 7 元" is 0.0007 of them
)

_KEYWORDS = (
    "共收到",
    "受理",
    "新收",
    "接收到",
    "办理",
    "共办理",
    "办结",
    "答复",
    "处理完毕",
    "上年度结转",
    "结转下一年",
    "结转至下年度",
    "予以公开",
    "被申请行政复议",
    "引发的行政复议",
    "提起行政诉讼",
    "行政诉讼",
    "作出行政许可决定",
    "实施行政处罚",
    "行政事业性收费",
)
# Words around the keywords: the subject, a breakdown, a subset, words that turn a statement.
_FILLERS = (
    "政府信息公开申请",
    "依申请公开",
    "申请",
    "其中",
    "申请中",
    "中同意",
    "的",
    "案件",
    "相关",
    "建议",
    "共",
)
# Numbers as reports write them, plain and not.
_NUMERALS = ("0", "3", "7", "12", "18", "749", "1,2", "7.5", ".7", "七", "十二", "两", "七百四十九", "3万")
_UNITS = ("件", "起", "宗", "个", "人次", "元", "万元")
_MARKS = (" ", "\u3000", "，", "、", "。", "；", "\n")

# A clause shaped as a statement (a keyword, words, a number, its unit, a mark), or any piece.
_CLAUSE = st.tuples(
    st.sampled_from(_KEYWORDS),
    st.lists(st.sampled_from(_FILLERS), max_size=2).map("".join),
    st.sampled_from(_NUMERALS),
    st.sampled_from(("", " ", "\u3000")),
    st.sampled_from(_UNITS),
    st.sampled_from((*_MARKS, "")),
).map("".join)
_PIECES = st.sampled_from((*_KEYWORDS, *_FILLERS, *_NUMERALS, *_UNITS, *_MARKS))
_TEXT = st.lists(st.one_of(_CLAUSE, _PIECES), max_size=12).map("".join)


def _getter(pointer: str) -> Any:
    return operator.attrgetter(pointer.strip("/").replace("/", "."))


def _outcomes(report: Any) -> tuple[list[Any], list[Any]]:
    new, old = [], []
    for rule, path, _, _, test in compiled(report.format_version):
        if rule.code == "NARR-TABLE-MISMATCH":
            assert callable(test)
            # repr: an int where the reference gave an int, a Decimal where a Decimal
            new.append(repr(test(report, None)))
            old.append(repr(reference_check(_getter(path))(report, None)))
    return new, old


def test_the_real_texts_give_what_they_gave() -> None:
    reports = [gd.load(p) for p in EXAMPLE_FILES]
    for path in sorted(DATA.glob("*.txt")):
        doc = copy.deepcopy(_SEED)
        doc["overview"]["disclosure_on_request"] = path.read_text(encoding="utf-8")[:20_000]
        reports.append(gd.loads(json.dumps(doc)))
    found = 0
    for report in reports:
        new, old = _outcomes(report)
        assert new == old
        found += sum(o != "None" for o in old)
    assert found >= 2  # some real text contradicts its tables (洪泽区's 17 against 95)


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(_TEXT, min_size=1, max_size=3),
    cells=st.lists(st.sampled_from(_NUMBERS), min_size=len(_CELLS), max_size=len(_CELLS)),
)
def test_generated_texts_give_what_the_reference_gives(parts: list[str], cells: list[int]) -> None:
    doc = copy.deepcopy(_SEED)
    for pointer, value in zip(_CELLS, cells, strict=True):
        set_at(doc, pointer, value)
    for pointer, text in zip(
        ("/overview/disclosure_on_request", "/preamble", "/overview/summary"), parts, strict=False
    ):
        set_at(doc, pointer, text)
    new, old = _outcomes(gd.loads(json.dumps(doc)))
    assert new == old


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请7件，办理答复7件。",  # both accepted: nothing read
        "共收到政府信息公开申请12件，办理答复7件。",  # received contradicted
        "全年办结12件，其中予以公开7件。",  # handled contradicted, granted accepted
        "行政事业性收费7元。",  # 7 元 is 0.0007 万元, not the table's 7
        "行政事业性收费7万元。",
        "其中自然人申请12件。",  # a breakdown: no statement
        "申请中同意公开答复12件。",  # a subset: no statement
        "共收到申请七件，引发的行政复议7起，行政诉讼12起。",
        "受理申请1,2件；受理申请7.5件；受理申请.7件。",
        "共收到申请12件。" + "此后" * 25 + "又收到申请749件。",  # the first of two contradicted
        "办结12件。" + "此后" * 25 + "共收到申请749件。",  # the first quantity, not the first place
    ],
)
def test_each_way_a_place_is_skipped_or_read(text: str) -> None:
    doc = copy.deepcopy(_SEED)
    for pointer in _CELLS:
        set_at(doc, pointer, 7)
    doc["overview"]["disclosure_on_request"] = text
    new, old = _outcomes(gd.loads(json.dumps(doc)))
    assert new == old
