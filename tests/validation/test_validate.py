"""validate(): sources, stages, order, and never touching the caller's input."""

from __future__ import annotations

import copy
import datetime
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure.strategies import reports
from tests.helpers import SEED, seed_text


@pytest.mark.parametrize(
    "make",
    [
        lambda: seed_text(),
        lambda: seed_text().encode("utf-8"),
        lambda: bytearray(seed_text().encode("utf-8")),
        lambda: json.loads(seed_text()),
        lambda: SEED,
        lambda: io.BytesIO(SEED.read_bytes()),
        lambda: gd.load(SEED),
    ],
    ids=["str", "bytes", "bytearray", "mapping", "path", "binary-file", "report"],
)
def test_every_kind_of_source(make: Any) -> None:
    result = gd.validate(make())
    assert result.ok
    assert result.findings == ()
    assert result.report == gd.load(SEED)


def test_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        gd.validate(tmp_path / "absent.json")


def test_report_built_in_code_is_checked_for_structure_too() -> None:
    report = gd.load(SEED)
    broken = attrs.evolve(report, year=1999)
    result = gd.validate(broken)
    assert [(f.code, f.path) for f in result.findings] == [("STRUCT-RANGE", "/year")]
    assert result.report is None
    assert not result.ok


def _built_with(**change: Any) -> Any:
    return attrs.evolve(gd.load(SEED), **change)


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({"published_on": "2024-13-05"}, [("STRUCT-DATE", "/published_on", "2024-13-05")]),
        (
            {"published_on": datetime.datetime(2024, 1, 5, 8)},
            [("STRUCT-DATE", "/published_on", "2024-01-05T08:00:00")],
        ),
        ({"organ": {"name": ""}}, [("STRUCT-EMPTY", "/organ/name", None)]),
        ({"other_matters": None}, [("STRUCT-MISSING", "/other_matters", None)]),
        ({"applications": 7}, [("STRUCT-TYPE", "/applications", "integer")]),
        ({"year": {2023}}, [("STRUCT-TYPE", "/year", "set")]),
        ({"published_on": "2024-01-05", "organ": {"name": "沂源县公安局"}}, []),
    ],
    ids=[
        "bad-date-string",
        "datetime",
        "dict-for-organ",
        "none-for-required",
        "int-for-object",
        "set",
        "json-forms",
    ],
)
def test_report_built_in_code_with_values_of_other_types(change: dict[str, Any], found: list[Any]) -> None:
    # attrs does not check types on construction: whatever was put in is checked in its JSON
    # form, never a crash.
    result = gd.validate(_built_with(**change))
    assert [(f.code, f.path, f.actual) for f in result.findings] == found


def test_sections_of_other_types_built_in_code() -> None:
    overview = gd.load(SEED).overview
    result = gd.validate(_built_with(overview=attrs.evolve(overview, extra="x")))  # type: ignore[arg-type]
    assert [(f.code, f.path) for f in result.findings] == [("STRUCT-TYPE", "/overview/extra")]
    result = gd.validate(_built_with(overview=attrs.evolve(overview, extra=("x",))))  # type: ignore[arg-type]
    assert [(f.code, f.path) for f in result.findings] == [("STRUCT-TYPE", "/overview/extra/0")]


def test_dumps_says_which_value_has_no_json_form() -> None:
    with pytest.raises(TypeError, match="cannot write a set as JSON"):
        gd.dumps(_built_with(year={2023}))


def test_syntax_errors_stop_before_structure() -> None:
    result = gd.validate('{"format_version": "2021", "year": }')
    assert [f.code for f in result.findings] == ["JSON-SYNTAX"]
    assert result.report is None


def test_structure_errors_skip_content_rules(seed: dict[str, Any]) -> None:
    seed["applications"]["new_received"]["total"] = 100  # a content error...
    seed["organ"]["kind"] = "bureau"  # ...hidden by a structural one
    result = gd.validate(seed)
    assert [f.code for f in result.findings] == ["STRUCT-CHOICE"]


def test_warnings_do_not_fail(seed: dict[str, Any]) -> None:
    seed["published_on"] = "2024-03-01"
    result = gd.validate(seed)
    assert result.ok
    assert [f.code for f in result.warnings] == ["META-PUBLISHED-LATE"]
    assert result.errors == ()


def test_findings_are_ordered_by_position_in_the_document(seed: dict[str, Any]) -> None:
    seed["review_and_litigation"]["administrative_review"]["total"] = 1
    seed["other_matters"].pop("processing_fees")
    seed["published_on"] = "2023-06-01"
    seed["overview"].pop("active_disclosure")
    seed["applications"]["carried_over"]["total"] = 1
    seed["applications"]["carried_forward"]["total"] = 1
    paths = [f.path for f in gd.validate(seed).findings]
    assert paths == [
        "/published_on",
        "/overview/active_disclosure",
        "/applications/carried_over/total",
        "/applications/carried_forward/total",
        "/review_and_litigation/administrative_review/total",
        "/other_matters/processing_fees",
    ]


def test_input_is_never_modified(seed: dict[str, Any]) -> None:
    seed["applications"]["new_received"]["total"] = 8.0
    seed["zzz"] = {"nested": [1, 2]}
    before = copy.deepcopy(seed)
    gd.validate(seed)
    assert seed == before
    del seed["zzz"]
    snapshot = copy.deepcopy(seed)
    gd.validate(seed, previous=seed | {"year": 2022})
    assert seed == snapshot


def test_result_finding_to_dict(seed: dict[str, Any]) -> None:
    seed["review_and_litigation"]["litigation_direct"]["total"] = 3
    (finding,) = gd.validate(seed).findings
    assert finding.to_dict() == {
        "code": "T4-TOTAL",
        "severity": "error",
        "path": "/review_and_litigation/litigation_direct/total",
        "label": "四·行政诉讼·未经复议直接起诉·总计",
        "expected": 0,
        "actual": 3,
        "message": "四·行政诉讼·未经复议直接起诉·总计应为 0（结果维持、结果纠正、其他结果、尚未审结之和），实际填报 3",
        "message_en": "/review_and_litigation/litigation_direct/total: expected 0 (upheld + corrected + other + pending), reported 3",
    }


def test_messages_can_be_reworded_with_a_catalog(seed: dict[str, Any]) -> None:
    seed["review_and_litigation"]["litigation_direct"]["total"] = 3
    (finding,) = gd.validate(seed).findings
    catalog = {"T4-TOTAL": ("{where}：合计有误（{actual}≠{expected}）", "{path}: bad total")}
    assert finding.format(catalog) == "四·行政诉讼·未经复议直接起诉·总计：合计有误（3≠0）"
    assert finding.format(catalog, lang="en") == "/review_and_litigation/litigation_direct/total: bad total"


@given(reports(consistent=True))
def test_consistent_reports_have_no_errors(report: gd.Report) -> None:
    result = gd.validate(report)
    assert result.ok, result.errors
    assert result.report == report


api: Any = gd  # called with arguments of the wrong kind on purpose


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: api.validate(None),
            "expected JSON text (str), bytes, a mapping, a path, a binary file or a report, not NoneType",
        ),
        (
            lambda: api.validate(7),
            "expected JSON text (str), bytes, a mapping, a path, a binary file or a report, not int",
        ),
        (
            lambda: api.validate(b"{}", previous=7),
            "expected JSON text (str), bytes, a mapping, a path, a binary file or a report, not int",
        ),
        (lambda: api.loads(7), "loads() reads JSON text (str) or bytes, not int"),
        (lambda: api.load(7), "expected a path or a binary file, not int"),
        (lambda: api.dumps(None), "expected a report (Report2021 or Report2019), not NoneType"),
        (lambda: api.to_dict({}), "expected a report (Report2021 or Report2019), not dict"),
        (lambda: api.render(None), "expected a report (Report2021 or Report2019), not NoneType"),
        (lambda: api.extract(None), "extract() reads text (str), bytes or a path, not NoneType"),
    ],
    ids=[
        "validate-none",
        "validate-int",
        "previous-int",
        "loads",
        "load",
        "dumps",
        "to_dict",
        "render",
        "extract",
    ],
)
def test_arguments_of_the_wrong_kind_are_type_errors_that_say_so(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message


def test_loads_takes_bytearray_and_memoryview() -> None:
    raw = SEED.read_bytes()
    assert gd.loads(bytearray(raw)) == gd.loads(memoryview(raw)) == gd.loads(raw)
