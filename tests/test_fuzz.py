"""A bounded fuzz campaign: hostile text, byte mutants and structural mutants of real reports.

Every call must return (no exception: the library documents none for these inputs), within a
time proportional to its input, with every finding writable in both languages, and without
changing its input.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._findings.finding import missing_slots
from govdisclosure.strategies import reports
from tests.helpers import EXAMPLES, SEED, finishes, mutate, value_paths

SEED_BYTES = SEED.read_bytes()
SEED_DOC: Any = json.loads(SEED_BYTES)
EXAMPLE_TEXTS = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.json"))]

# Fragments that mean something to one reader or another: line structure, Markdown and pipe
# tables, HTML tables with spans, headings, titles, numbers, data islands, JSON punctuation.
FRAGMENTS = [
    "\n",
    "\r\n",
    " ",
    "\t",
    "　",
    "|",
    "---",
    "# ",
    "**",
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    '<td rowspan="999999">',
    '<td colspan="99999">',
    "<p>",
    "<br>",
    "<!--",
    "-->",
    "<script>",
    '<script type="application/json" id="govdisclosure-report">',
    "</script>",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "（一）",
    "2023年",
    "某某局",
    "政府信息公开工作年度报告",
    "本年新收政府信息公开申请数量",
    "总计",
    "自然人",
    "7",
    "0",
    "12.5",
    "1e999",
    "9" * 40,
    "万元",
    "／",
    "——",
    "{",
    "}",
    "[",
    "]",
    '"',
    ":",
    ",",
    "&nbsp;",
    "&#x0;",
    "\x00",
    "\ud800",
]

hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=300).map("".join)


def _writable(findings: tuple[gd.Finding, ...]) -> None:
    for f in findings:
        assert missing_slots(f) == set(), f
        assert f.message
        assert f.message_en
        json.dumps(f.to_dict(), default=str)


@settings(max_examples=150)
@given(hostile_text)
def test_extract_survives_hostile_text(text: str) -> None:
    result = finishes(gd.extract, text)
    _writable(result.findings)
    if result.report is not None:
        gd.render(result.report)


@settings(max_examples=60)
@given(hostile_text)
def test_extract_survives_hostile_bytes(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        result = finishes(gd.extract, data)
    except UnicodeDecodeError:  # documented: bytes in none of the encodings it reads
        return
    _writable(result.findings)


@st.composite
def byte_mutants(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(EXAMPLE_TEXTS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            data[at:at] = data[at : at + 64] * draw(st.integers(1, 50))
    return bytes(data)


@settings(max_examples=200)
@given(byte_mutants())
def test_validate_survives_byte_mutants(data: bytes) -> None:
    result = finishes(gd.validate, data)
    _writable(result.findings)
    assert gd.validate(data).findings == result.findings  # deterministic
    if result.report is not None:
        page = finishes(gd.render, result.report)
        assert len(page) < 40 * len(data) + 200_000


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


SEED_PATHS = value_paths(SEED_DOC)[1:]


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(SEED_PATHS), json_values), min_size=1, max_size=5))
def test_validate_survives_structural_mutants(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    doc = copy.deepcopy(SEED_DOC)
    for path, value in changes:
        mutate(doc, path, value)
    before = copy.deepcopy(doc)
    result = finishes(gd.validate, doc)
    assert doc == before or json.dumps(doc, default=str) == json.dumps(before, default=str)
    _writable(result.findings)
    try:
        text = json.dumps(doc, ensure_ascii=False)
    except ValueError:
        return
    from_text = finishes(gd.validate, text)
    _writable(from_text.findings)
    assert from_text.ok == result.ok or any(f.code == "JSON-NONFINITE" for f in from_text.findings)


@settings(max_examples=30)
@given(reports())
def test_render_is_bounded_for_any_valid_report(report: gd.Report) -> None:
    size = len(gd.dumps(report))
    for form in ("html", "markdown"):
        page = finishes(gd.render, report, form)
        assert len(page) < 40 * size + 200_000
