"""The 2019 edition, and the interface both editions share."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure.strategies import reports
from tests.helpers import EXAMPLES, SEED, delete_at, set_at

SHANGHAI = EXAMPLES / "shanghai-office-2019.json"
R = "/applications/results"


@pytest.fixture
def shanghai() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SHANGHAI.read_text(encoding="utf-8"))
    return doc


def test_shanghai_round_trips_byte_for_byte() -> None:
    text = SHANGHAI.read_text(encoding="utf-8")
    report = gd.loads(text)
    assert isinstance(report, gd.Report2019)
    assert gd.dumps(report) == text


def test_shanghai_numbers_as_published() -> None:
    report = gd.load(SHANGHAI)
    assert isinstance(report, gd.Report2019)
    assert report.active_disclosure.regulations == gd.DocumentRow2019(
        newly_made=13, newly_published=13, total_published=524
    )
    assert report.active_disclosure.procurement.unit == "yuan"
    assert str(report.active_disclosure.procurement.total_amount) == "251000"
    assert report.applications.new_received.total == 859
    assert report.applications.results.other.total == 0
    assert report.review_and_litigation.litigation_direct.total == 9


def test_shanghai_findings_are_the_blank_totals() -> None:
    result = gd.validate(SHANGHAI)
    rows = {
        "granted": 272,
        "partially_granted": 3,
        "withheld/state_secret": 14,
        "withheld/internal_affairs": 5,
        "withheld/process_information": 4,
        "withheld/administrative_inquiry": 12,
        "unavailable/not_held": 265,
        "unavailable/needs_creation": 47,
        "unavailable/unclear_after_correction": 25,
        "not_processed/complaint": 149,
        "not_processed/duplicate": 9,
    }
    expected = [("T3-ROW-TOTAL", "error", f"{R}/{row}/total", total, 0) for row, total in rows.items()]
    expected.append(("T3-RESULTS-TOTAL", "error", f"{R}/total/total", 0, 805))
    assert [(f.code, f.severity, f.path, f.expected, f.actual) for f in result.findings] == expected


def test_2019_document_validated_as_2021_is_not_silently_accepted(shanghai: dict[str, Any]) -> None:
    shanghai["format_version"] = "2021"
    result = gd.validate(shanghai)
    assert result.report is None
    assert ("STRUCT-MISSING", "/active_disclosure/regulations/issued") in [
        (f.code, f.path) for f in result.findings
    ]


def test_items_change_may_be_negative(shanghai: dict[str, Any]) -> None:
    set_at(shanghai, "/active_disclosure/licensing/items_change", -5)
    report = gd.from_dict(shanghai)
    assert isinstance(report, gd.Report2019)
    assert report.active_disclosure.licensing.items_change == -5
    set_at(shanghai, "/active_disclosure/licensing/items_change", -5.5)
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(shanghai)
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("STRUCT-NOT-INTEGER", "/active_disclosure/licensing/items_change")
    ]


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        ("/active_disclosure/procurement/unit", "元", "STRUCT-CHOICE"),
        ("/active_disclosure/procurement/total_amount", "251000元", "STRUCT-TYPE"),
        ("/active_disclosure/regulations/in_force", 3, "STRUCT-UNKNOWN-KEY"),
        ("/applications/results/other/no_correction", {}, "STRUCT-UNKNOWN-KEY"),
    ],
)
def test_2019_strictness(shanghai: dict[str, Any], path: str, value: Any, code: str) -> None:
    set_at(shanghai, path, value)
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(shanghai)
    assert [(f.code, f.path) for f in caught.value.findings] == [(code, path)]


def test_2019_missing_row(shanghai: dict[str, Any]) -> None:
    delete_at(shanghai, "/active_disclosure/other_services")
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(shanghai)
    assert [(f.code, f.path, f.label) for f in caught.value.findings] == [
        ("STRUCT-MISSING", "/active_disclosure/other_services", "第二十条第（五）项·其他对外管理服务事项")
    ]


# --- rule fixtures on the 2019 edition -----------------------------------------------------


@pytest.fixture
def consistent2019(shanghai: dict[str, Any]) -> dict[str, Any]:
    """The Shanghai report with its blank totals filled in: no findings at all."""
    doc = copy.deepcopy(shanghai)
    report = gd.from_dict(doc)
    for name, row in _rows(doc["applications"]["results"]):
        if name != "total":
            row["total"] = sum(v for k, v in row.items() if k != "total")
    doc["applications"]["results"]["total"]["total"] = report.applications.results.total.computed_total
    assert gd.validate(doc).findings == ()
    return doc


def _rows(node: dict[str, Any], prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    out = []
    for key, value in node.items():
        if isinstance(value, dict) and "natural_person" in value:
            out.append((prefix + key, value))
        elif isinstance(value, dict):
            out += _rows(value, prefix + key + "/")
    return out


CASES_2019: list[tuple[str, dict[str, Any], list[tuple[str, str, str, Any, Any]]]] = [
    (
        "T3-ROW-TOTAL",
        {f"{R}/other/total": 1},
        [
            ("T3-ROW-TOTAL", "error", f"{R}/other/total", 0, 1),
            ("T3-RESULTS-TOTAL", "error", f"{R}/total/total", 806, 805),
        ],
    ),
    (
        "T3-RESULTS-TOTAL",
        {f"{R}/other/natural_person": 2, f"{R}/other/total": 2},
        [
            ("T3-RESULTS-TOTAL", "error", f"{R}/total/natural_person", 769, 767),
            ("T3-RESULTS-TOTAL", "error", f"{R}/total/total", 807, 805),
        ],
    ),
    (
        "T3-BALANCE",
        {"/applications/carried_forward/commercial_enterprise": 1, "/applications/carried_forward/total": 73},
        [
            ("T3-BALANCE", "error", "/applications/carried_forward/commercial_enterprise", 0, 1),
            ("T3-BALANCE", "error", "/applications/carried_forward/total", 72, 73),
        ],
    ),
    (
        "T4-TOTAL",
        {"/review_and_litigation/litigation_after_review/other": 1},
        [
            ("T4-TOTAL", "error", "/review_and_litigation/litigation_after_review/total", 1, 0),
        ],
    ),
    (
        "META-EDITION-YEAR",
        {"/year": 2021, "/published_on": "2022-01-20"},
        [
            ("META-EDITION-YEAR", "warning", "/format_version", "2021", "2019"),
        ],
    ),
    (
        "META-PUBLISHED-EARLY",
        {"/published_on": "2019-12-31"},
        [
            ("META-PUBLISHED-EARLY", "error", "/published_on", "2020-01-01", "2019-12-31"),
        ],
    ),
    (
        "META-PUBLISHED-LATE",
        {"/published_on": "2020-02-01"},
        [
            ("META-PUBLISHED-LATE", "warning", "/published_on", "2020-01-31", "2020-02-01"),
        ],
    ),
    (
        "NARR-MISSING",
        {"/overview/disclosure_on_request": "　"},
        [
            ("NARR-MISSING", "warning", "/overview/disclosure_on_request", None, None),
        ],
    ),
]


@pytest.mark.parametrize(("code", "changes", "expected"), CASES_2019, ids=[c[0] for c in CASES_2019])
def test_2019_rule_fails(
    consistent2019: dict[str, Any], code: str, changes: dict[str, Any], expected: list[Any]
) -> None:
    for path, value in changes.items():
        set_at(consistent2019, path, value)
    result = gd.validate(consistent2019)
    assert [(f.code, f.severity, f.path, f.expected, f.actual) for f in result.findings] == expected


def test_2019_rules_pass_at_their_boundaries(consistent2019: dict[str, Any]) -> None:
    set_at(consistent2019, "/published_on", "2020-01-01")
    assert gd.validate(consistent2019).findings == ()
    set_at(consistent2019, "/published_on", "2020-01-31")
    set_at(consistent2019, "/year", 2019)
    assert gd.validate(consistent2019).findings == ()
    set_at(consistent2019, "/year", 2020)
    set_at(consistent2019, "/published_on", "2021-01-31")
    assert gd.validate(consistent2019).findings == ()


def test_2019_has_no_fee_statement_rule(consistent2019: dict[str, Any]) -> None:
    assert "processing_fees" not in consistent2019["other_matters"]
    assert gd.validate(consistent2019).ok


# --- cross-year across editions ----------------------------------------------------------


def test_2020_report_in_2019_edition_then_2021_report(consistent2019: dict[str, Any]) -> None:
    previous = copy.deepcopy(consistent2019)
    previous.update(year=2020, published_on="2021-01-20", organ={"name": "沂源县公安局"})
    this = json.loads(SEED.read_text(encoding="utf-8"))
    this.update(year=2021, published_on="2022-01-05")
    findings = gd.validate(this, previous=previous).findings
    # 72 carried forward (natural persons) in 2020; the seed reports 0 carried over. (The two
    # reports are of different organs' numbers: XY-JUMP fires too, and is tested on its own.)
    assert [(f.code, f.path, f.expected, f.actual) for f in findings if f.code != "XY-JUMP"] == [
        ("XY-CARRY", "/applications/carried_over/natural_person", 72, 0),
        ("XY-CARRY", "/applications/carried_over/total", 72, 0),
    ]


def test_2021_previous_for_a_2019_edition_report(consistent2019: dict[str, Any]) -> None:
    previous = json.loads(SEED.read_text(encoding="utf-8"))
    previous.update(year=2019, published_on="2020-01-05")
    previous["organ"]["name"] = "上海市人民政府办公厅"
    consistent2019["year"] = 2020
    consistent2019["published_on"] = "2021-01-05"
    findings = gd.validate(consistent2019, previous=previous).findings
    assert [(f.code, f.path, f.expected, f.actual) for f in findings if f.code != "XY-JUMP"] == [
        ("XY-CARRY", "/applications/carried_over/natural_person", 0, 18),
        ("XY-CARRY", "/applications/carried_over/total", 0, 18),
    ]


# --- one interface --------------------------------------------------------------------------


def requests_received(report: gd.Report) -> int:
    # Type-checked by mypy --strict: the shared names work on the union of both editions.
    return report.applications.new_received.total + report.applications.carried_over.total


def handled(report: gd.Report) -> tuple[int, int, int]:
    results = report.applications.results
    return results.granted.total, results.withheld.state_secret.natural_person, results.total.total


def test_shared_names_across_editions() -> None:
    seed, shanghai = gd.load(SEED), gd.load(SHANGHAI)
    assert [requests_received(r) for r in (seed, shanghai)] == [7, 877]
    assert sum(r.applications.new_received.total for r in (seed, shanghai)) == 866
    assert handled(shanghai) == (0, 14, 805)
    assert [r.review_and_litigation.administrative_review.total for r in (seed, shanghai)] == [0, 7]
    assert [r.organ.name for r in (seed, shanghai)] == ["沂源县公安局", "上海市人民政府办公厅"]
    assert shanghai.applications.results.computed_total.natural_person == 767


def _leaf_total(node: dict[str, Any]) -> int:
    if "natural_person" in node:
        return int(node["total"])
    return sum(_leaf_total(child) for child in node.values())


@given(reports())
def test_shared_names_hold_for_any_report(report: gd.Report) -> None:
    assert requests_received(report) >= 0
    results = gd.to_dict(report)["applications"]["results"]
    expected = sum(_leaf_total(row) for name, row in results.items() if name != "total")
    assert report.applications.results.computed_total.total == expected


def test_the_edition_registry() -> None:
    from govdisclosure._model.editions import BY_CODE, EDITIONS_LIST, YEAR_RANGE, edition_for_year

    assert [(e.code, e.decree, e.decree_number, e.years) for e in EDITIONS_LIST] == [
        ("2021", "国办公开办函〔2021〕30号", "〔2021〕30号", (2021, 2100)),
        ("2019", "国办公开办函〔2019〕60号", "〔2019〕60号", (2019, 2020)),
    ]
    assert dict(gd.EDITIONS) == {"2021": gd.Report2021, "2019": gd.Report2019}
    assert YEAR_RANGE == (2019, 2100)
    assert [edition_for_year(y) for y in (2018, 2019, 2020, 2021, 2100, 2101)] == [
        None,
        BY_CODE["2019"],
        BY_CODE["2019"],
        BY_CODE["2021"],
        BY_CODE["2021"],
        None,
    ]
    years = next(r for r in gd.rules() if r.code == "META-EDITION-YEAR").params["years"]
    assert years == {"2021": (2021, 2100), "2019": (2019, 2020)}
