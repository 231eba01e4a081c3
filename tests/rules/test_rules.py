"""Every content rule: a passing and a failing fixture with the exact findings; the rule table."""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest

import govdisclosure as gd
from govdisclosure._model.describe import resolve
from govdisclosure._model.editions import EDITIONS
from govdisclosure._model.meta import Sum
from govdisclosure._model.pointers import split_pointer
from govdisclosure._rules.engine import RULES, compiled, expand
from tests.helpers import EXAMPLES, delete_at, set_at

DELETE = object()

Expected = list[tuple[str, str, str, Any, Any]]


def _apply(doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    for pointer, value in changes.items():
        if value is DELETE:
            delete_at(doc, pointer)
        else:
            set_at(doc, pointer, value)
    return doc


def _found(result: gd.ValidationResult) -> Expected:
    return [(f.code, f.severity, f.path, f.expected, f.actual) for f in result.findings]


R = "/applications/results"

# (rule code, changes to the seed, the exact findings). Each rule has passing cases (no
# finding at all) right at its boundary and failing ones.
CASES: list[tuple[str, str, dict[str, Any], Expected]] = [
    (
        "T3-ROW-TOTAL",
        "pass",
        {
            f"{R}/not_processed/duplicate/research_institution": 2,
            f"{R}/not_processed/duplicate/total": 2,
            f"{R}/total/research_institution": 2,
            f"{R}/total/total": 9,
            "/applications/new_received/research_institution": 2,
            "/applications/new_received/total": 9,
            "/overview/disclosure_on_request": "2023 年共收到政府信息公开申请 9 件，均在规定时间内办理答复 9 件。",
        },
        [],
    ),
    (
        "T3-ROW-TOTAL",
        "fail",
        {"/applications/carried_over/total": 3, "/applications/carried_forward/total": 3},
        [
            ("T3-ROW-TOTAL", "error", "/applications/carried_over/total", 0, 3),
            ("T3-ROW-TOTAL", "error", "/applications/carried_forward/total", 0, 3),
        ],
    ),
    (
        "T3-RESULTS-TOTAL",
        "pass",
        {
            f"{R}/other/no_correction/natural_person": 1,
            f"{R}/other/no_correction/total": 1,
            f"{R}/unavailable/not_held/natural_person": 5,
            f"{R}/unavailable/not_held/total": 5,
        },
        [],
    ),
    (
        "T3-RESULTS-TOTAL",
        "fail",
        {f"{R}/withheld/state_secret/legal_service_organization": 4, f"{R}/withheld/state_secret/total": 4},
        [
            ("T3-RESULTS-TOTAL", "error", f"{R}/total/legal_service_organization", 4, 0),
            ("T3-RESULTS-TOTAL", "error", f"{R}/total/total", 11, 7),
        ],
    ),
    (
        "T3-BALANCE",
        "pass",
        {
            "/applications/carried_over/natural_person": 3,
            "/applications/carried_over/total": 3,
            "/applications/carried_forward/natural_person": 3,
            "/applications/carried_forward/total": 3,
        },
        [],
    ),
    (
        "T3-BALANCE",
        "fail",
        {"/applications/new_received/natural_person": 9, "/applications/new_received/total": 9},
        [
            # The text's "共收到……7 件" no longer agrees with table 三 either.
            ("NARR-TABLE-MISMATCH", "warning", "/overview/disclosure_on_request", 9, 7),
            ("T3-BALANCE", "error", "/applications/carried_forward/natural_person", 2, 0),
            ("T3-BALANCE", "error", "/applications/carried_forward/total", 2, 0),
        ],
    ),
    (
        "T3-BALANCE",
        "fail-negative",
        {"/applications/new_received/natural_person": 5, "/applications/new_received/total": 5},
        [
            ("NARR-TABLE-MISMATCH", "warning", "/overview/disclosure_on_request", 5, 7),
            ("T3-BALANCE", "error", "/applications/carried_forward/natural_person", -2, 0),
            ("T3-BALANCE", "error", "/applications/carried_forward/total", -2, 0),
        ],
    ),
    (
        "T4-TOTAL",
        "pass",
        {
            "/review_and_litigation/litigation_after_review/upheld": 2,
            "/review_and_litigation/litigation_after_review/pending": 1,
            "/review_and_litigation/litigation_after_review/total": 3,
        },
        [],
    ),
    (
        "T4-TOTAL",
        "fail",
        {
            "/review_and_litigation/administrative_review/corrected": 1,
            "/review_and_litigation/litigation_direct/total": 2,
        },
        [
            ("T4-TOTAL", "error", "/review_and_litigation/administrative_review/total", 1, 0),
            ("T4-TOTAL", "error", "/review_and_litigation/litigation_direct/total", 0, 2),
        ],
    ),
    ("META-EDITION-YEAR", "pass", {"/year": 2021, "/published_on": "2022-01-05"}, []),
    (
        "META-EDITION-YEAR",
        "fail",
        {"/year": 2020, "/published_on": "2021-01-05"},
        [("META-EDITION-YEAR", "warning", "/format_version", "2019", "2021")],
    ),
    ("META-PUBLISHED-EARLY", "pass", {"/published_on": "2024-01-01"}, []),
    ("META-PUBLISHED-EARLY", "pass-absent", {"/published_on": DELETE}, []),
    (
        "META-PUBLISHED-EARLY",
        "fail",
        {"/published_on": "2023-12-31"},
        [("META-PUBLISHED-EARLY", "error", "/published_on", "2024-01-01", "2023-12-31")],
    ),
    ("META-PUBLISHED-LATE", "pass-department", {"/published_on": "2024-01-31"}, []),
    (
        "META-PUBLISHED-LATE",
        "pass-government",
        {"/organ/kind": "people_government", "/published_on": "2024-03-31"},
        [],
    ),
    ("META-PUBLISHED-LATE", "pass-other", {"/organ/kind": "other", "/published_on": "2025-06-30"}, []),
    ("META-PUBLISHED-LATE", "pass-no-kind", {"/organ/kind": DELETE, "/published_on": "2025-06-30"}, []),
    (
        "META-PUBLISHED-LATE",
        "fail-department",
        {"/published_on": "2024-02-01"},
        [("META-PUBLISHED-LATE", "warning", "/published_on", "2024-01-31", "2024-02-01")],
    ),
    (
        "META-PUBLISHED-LATE",
        "fail-government",
        {"/organ/kind": "people_government", "/published_on": "2024-04-01"},
        [("META-PUBLISHED-LATE", "warning", "/published_on", "2024-03-31", "2024-04-01")],
    ),
    (
        "NARR-MISSING",
        "pass",
        {
            "/overview/summary": DELETE,
            "/overview/supervision": "制定政务公开工作制度，明确责任分工，定期开展监督检查。",
        },
        [],
    ),
    (
        "NARR-MISSING",
        "fail",
        {
            "/overview/supervision": DELETE,
            "/overview/platform_building": " \u3000\n",
            "/problems_and_improvements": "",
        },
        [
            ("NARR-MISSING", "warning", "/overview/platform_building", None, None),
            ("NARR-MISSING", "warning", "/overview/supervision", None, None),
            ("NARR-MISSING", "warning", "/problems_and_improvements", None, None),
        ],
    ),
    ("NARR-FEE-STATEMENT", "pass", {"/other_matters/processing_fees": "未收取。"}, []),
    (
        "NARR-TABLE-MISMATCH",
        "pass",
        {
            "/overview/disclosure_on_request": "全年共受理政府信息公开申请七件（含上年结转零件），均按时答复，结转下年度 0 件。"
        },
        [],
    ),
    (
        "NARR-TABLE-MISMATCH",
        "fail",
        {"/overview/disclosure_on_request": "全年共受理政府信息公开申请二十一件，均在法定期限答复。"},
        [("NARR-TABLE-MISMATCH", "warning", "/overview/disclosure_on_request", 7, 21)],
    ),
    (
        "NARR-FEE-CONTRADICTION",
        "pass",
        {
            "/overview/supervision": "全年未收取信息处理费，依法收取行政事业性收费 64.2623 万元，收费公开透明。"
        },
        [],
    ),
    (
        "NARR-FEE-CONTRADICTION",
        "fail",
        {
            "/other_matters/processing_fees": "本年度共收取信息处理费 380 元。",
            "/overview/supervision": "全局全年未收取信息处理费，制定政务公开工作制度，明确责任分工。",
        },
        [("NARR-FEE-CONTRADICTION", "warning", "/overview/supervision", "已收取", "未收取")],
    ),
    (
        "NARR-TOO-SHORT",
        "pass",
        {"/problems_and_improvements": "一是政策解读形式单一；二是更新不够及时。下一步将丰富解读形式。"},
        [],
    ),
    (
        "NARR-TOO-SHORT",
        "fail",
        {"/problems_and_improvements": "无。", "/overview/supervision": "暂无"},
        [
            ("NARR-TOO-SHORT", "warning", "/overview/supervision", 20, 2),
            ("NARR-TOO-SHORT", "warning", "/problems_and_improvements", 20, 1),
        ],
    ),
    (
        "NARR-FEE-STATEMENT",
        "fail",
        {"/other_matters/processing_fees": DELETE},
        [("NARR-FEE-STATEMENT", "warning", "/other_matters/processing_fees", None, None)],
    ),
    (
        "NARR-FEE-STATEMENT",
        "fail-blank",
        {"/other_matters/processing_fees": "\u3000"},
        [("NARR-FEE-STATEMENT", "warning", "/other_matters/processing_fees", None, None)],
    ),
]


@pytest.mark.parametrize(
    ("code", "case", "changes", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_rule_fixture(
    seed: dict[str, Any], code: str, case: str, changes: dict[str, Any], expected: Expected
) -> None:
    result = gd.validate(_apply(seed, changes))
    assert result.report is not None
    assert _found(result) == expected
    assert result.ok == (not any(e[1] == "error" for e in expected))


def test_every_single_year_rule_has_a_passing_and_a_failing_case() -> None:
    single = {r.code for r in RULES if not r.cross_year}
    assert {c[0] for c in CASES if c[1].startswith("pass")} == single
    assert {c[0] for c in CASES if c[1].startswith("fail")} == single


def test_findings_carry_chinese_cell_names_and_messages(seed: dict[str, Any]) -> None:
    doc = _apply(
        seed,
        {
            f"{R}/total/commercial_enterprise": 3,
            f"{R}/total/total": 10,
            "/applications/new_received/commercial_enterprise": 3,
            "/applications/new_received/total": 10,
        },
    )
    finding, total = [f for f in gd.validate(doc).findings if f.code.startswith("T3-")]
    assert (total.code, total.path, total.label) == (
        "T3-RESULTS-TOTAL",
        f"{R}/total/total",
        "三（七）总计·总计",
    )
    assert finding.code == "T3-RESULTS-TOTAL"
    assert finding.label == "三（七）总计·商业企业"
    assert finding.message == "三（七）总计·商业企业应为 0（（一）至（六）各项之和），实际填报 3"
    assert finding.message_en == (
        "/applications/results/total/commercial_enterprise: expected 0 (sum of the result rows), reported 3"
    )


def test_2019_edition_rules(seed: dict[str, Any]) -> None:
    doc = copy.deepcopy(seed)
    doc["format_version"] = "2019"
    doc["year"] = 2020
    doc["published_on"] = "2021-03-01"
    doc["active_disclosure"] = {
        "regulations": {"newly_made": 1, "newly_published": 1, "total_published": 10},
        "normative_documents": {"newly_made": 0, "newly_published": 0, "total_published": 3},
        "licensing": {"items_last_year": 5, "items_change": -2, "decisions": 7},
        "other_services": {"items_last_year": 0, "items_change": 0, "decisions": 0},
        "punishment": {"items_last_year": 0, "items_change": 0, "decisions": 0},
        "enforcement": {"items_last_year": 0, "items_change": 0, "decisions": 0},
        "fees": {"items_last_year": 1, "items_change": 0},
        "procurement": {"projects": 6, "total_amount": 251000, "unit": "yuan"},
    }
    doc["applications"]["results"]["other"] = {
        **doc["applications"]["results"]["other"]["other"],
        "natural_person": 1,
        "total": 1,
    }
    del doc["other_matters"]["processing_fees"]  # no fee statement in the 2019 edition
    result = gd.validate(doc)
    assert isinstance(result.report, gd.Report2019)
    assert _found(result) == [
        ("META-PUBLISHED-LATE", "warning", "/published_on", "2021-01-31", "2021-03-01"),
        ("T3-RESULTS-TOTAL", "error", f"{R}/total/natural_person", 8, 7),
        ("T3-RESULTS-TOTAL", "error", f"{R}/total/total", 8, 7),
    ]


# --- cross-year ---------------------------------------------------------------------------


def _previous(seed: dict[str, Any], **changes: Any) -> dict[str, Any]:
    base = {"/year": 2022, "/published_on": "2023-01-20"}
    base.update(changes)
    return _apply(seed, base)


def test_cross_year_passes_for_a_consistent_pair(seed: dict[str, Any]) -> None:
    assert gd.validate(seed, previous=_previous(seed)).findings == ()


def test_cross_year_rules_fail(seed: dict[str, Any]) -> None:
    previous = _previous(
        seed,
        **{
            "/year": 2021,
            "/organ/name": "沂源县公安局（旧）",
            "/applications/carried_forward/natural_person": 2,
            "/applications/carried_forward/total": 2,
            "/applications/new_received/natural_person": 9,
            "/applications/new_received/total": 9,
            "/active_disclosure/normative_documents/in_force": 5,
        },
    )
    this = _apply(
        seed,
        {
            "/active_disclosure/normative_documents/issued": 2,
            "/active_disclosure/normative_documents/in_force": 6,
            "/active_disclosure/regulations/repealed": 0,
        },
    )
    assert _found(gd.validate(this, previous=previous)) == [
        ("XY-YEAR", "error", "/year", 2022, 2023),
        ("XY-ORGAN", "warning", "/organ/name", "沂源县公安局（旧）", "沂源县公安局"),
        ("XY-IN-FORCE", "warning", "/active_disclosure/normative_documents/in_force", 7, 6),
        ("XY-CARRY", "warning", "/applications/carried_over/natural_person", 2, 0),
        ("XY-CARRY", "warning", "/applications/carried_over/total", 2, 0),
    ]


def test_cross_year_rules_run_even_when_xy_year_fires_and_content_of_previous_is_ignored(
    seed: dict[str, Any],
) -> None:
    previous = _previous(seed, **{"/year": 2019, "/applications/new_received/total": 99})  # its own T3 errors
    assert _found(gd.validate(seed, previous=previous)) == [
        ("XY-YEAR", "error", "/year", 2020, 2023),
        # Last year's reported 99 (its own T3 errors are not reported) against this year's 7.
        ("XY-JUMP", "warning", "/applications/new_received/total", 99, 7),
    ]


def test_structurally_invalid_previous_is_an_error_of_the_call(seed: dict[str, Any]) -> None:
    previous = _previous(seed, **{"/year": "2022"})
    with pytest.raises(gd.ReportError) as caught:
        gd.validate(seed, previous=previous)
    assert [(f.code, f.path) for f in caught.value.findings] == [("STRUCT-TYPE", "/year")]


def test_mixed_editions_check_what_both_have(seed: dict[str, Any]) -> None:
    previous = copy.deepcopy(seed)
    previous.update(format_version="2019", year=2022, published_on="2023-01-20")
    previous["active_disclosure"] = {
        "regulations": {"newly_made": 0, "newly_published": 0, "total_published": 50},
        "normative_documents": {"newly_made": 0, "newly_published": 0, "total_published": 50},
        **{
            k: {"items_last_year": 0, "items_change": 0, "decisions": 0}
            for k in ("licensing", "other_services", "punishment", "enforcement")
        },
        "fees": {"items_last_year": 0, "items_change": 0},
        "procurement": {"projects": 0, "total_amount": 0, "unit": "10k_yuan"},
    }
    previous["applications"]["results"]["other"] = previous["applications"]["results"]["other"]["other"]
    previous["applications"]["carried_forward"]["social_welfare_organization"] = 1
    # XY-IN-FORCE needs the 2021 edition both years: skipped, with no false finding.
    # The previous report's own content findings (its META-EDITION-YEAR, say) are not reported.
    found = _found(gd.validate(seed, previous=previous))
    assert [f for f in found if f[0] != "XY-JUMP"] == [
        ("XY-CARRY", "warning", "/applications/carried_over/social_welfare_organization", 1, 0)
    ]
    # 9375 licensing decisions against last year's 0: the jump is checked across editions too.
    assert ("XY-JUMP", "warning", "/active_disclosure/licensing/decisions", 0, 9375) in found


# --- the rule table -----------------------------------------------------------------------


def test_rule_codes_are_those_of_the_format() -> None:
    assert [r.code for r in RULES] == [
        "T3-ROW-TOTAL",
        "T3-RESULTS-TOTAL",
        "T3-BALANCE",
        "T4-TOTAL",
        "META-EDITION-YEAR",
        "META-PUBLISHED-EARLY",
        "META-PUBLISHED-LATE",
        "NARR-MISSING",
        "NARR-FEE-STATEMENT",
        "NARR-TABLE-MISMATCH",
        "NARR-FEE-CONTRADICTION",
        "NARR-TOO-SHORT",
        "XY-YEAR",
        "XY-ORGAN",
        "XY-CARRY",
        "XY-IN-FORCE",
        "XY-JUMP",
    ]
    assert gd.rules() == RULES
    assert [r.code for r in gd.rules("2019")] == [
        r.code for r in RULES if r.code not in ("NARR-FEE-STATEMENT", "NARR-FEE-CONTRADICTION", "XY-IN-FORCE")
    ]


def _pointers(value: Any) -> list[str]:
    if isinstance(value, str) and value.startswith("/"):
        return [value]
    if isinstance(value, (list, tuple)):
        return [p for item in value for p in _pointers(item)]
    if isinstance(value, dict):
        return [p for item in value.values() for p in _pointers(item)]
    return []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_refers_only_to_fields_the_model_has(rule: gd.Rule) -> None:
    assert rule.source
    assert rule.title
    assert rule.title_en
    for edition in rule.editions:
        cls = EDITIONS[edition]
        for pattern in _pointers(dict(rule.params)):
            expanded = expand(cls, pattern)
            assert expanded, (rule.code, edition, pattern)
            for path in expanded:
                assert resolve(cls, list(path)), (rule.code, pattern, path)
        previous = edition if rule.cross_year else None
        checks = [c for c in compiled(edition, previous) if c[0] is rule]
        assert checks, (rule.code, edition)
        for _, pointer, label, _, _ in checks:
            assert resolve(cls, split_pointer(pointer)), pointer
            assert label, pointer


def test_expanded_rule_sizes() -> None:
    def count(code: str, edition: str, previous: str | None = None) -> int:
        return sum(1 for c in compiled(edition, previous) if c[0].code == code)

    assert count("T3-ROW-TOTAL", "2021") == 25
    assert count("T3-ROW-TOTAL", "2019") == 23
    assert count("T3-RESULTS-TOTAL", "2021") == 7
    assert count("T3-BALANCE", "2019") == 7
    assert count("T4-TOTAL", "2021") == 3
    assert count("NARR-MISSING", "2021") == 6
    assert count("XY-CARRY", "2021", "2019") == 7
    assert count("XY-IN-FORCE", "2021", "2021") == 2
    assert count("XY-IN-FORCE", "2021", "2019") == 0


def test_the_identities_stated_on_the_model_are_the_checks_of_the_identity_rules() -> None:
    from govdisclosure._model.identities import Equation, equations, solve
    from govdisclosure._rules.engine import Arithmetic, compiled

    for edition in gd.EDITIONS:
        system = equations(edition)
        checks = [
            (rule.code, test)
            for rule, _, _, _, test in compiled(edition)
            if rule.kind == "identity" and isinstance(test, Arithmetic)
        ]
        assert {c for c, _ in checks} == {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-TOTAL"}
        # One equation per check, in the rule table's order, reading the same cells.
        assert [(eq.target, eq.plus, eq.minus) for eq in system] == [
            (t.actual[1], tuple(p for _, p in t.plus), tuple(m for _, m in t.minus)) for _, t in checks
        ]
    system = equations("2021")
    first = system[0]
    assert first.target == ("applications", "new_received", "total")
    assert first.plus[0] == ("applications", "new_received", "natural_person")
    balance = next(eq for eq in system if eq.target[1] == "carried_forward" and eq.minus)
    assert balance == Equation(
        ("applications", "carried_forward", "natural_person"),
        (
            ("applications", "new_received", "natural_person"),
            ("applications", "carried_over", "natural_person"),
        ),
        (("applications", "results", "total", "natural_person"),),
    )
    # The metadata says it: the balance is stated on the carried-forward row.
    info = gd.field_info(attrs.fields_dict(gd.Applications2021)["carried_forward"])
    assert info.totals == Sum(("new_received", "carried_over"), ("results/total",))
    # Solving: a minus term pinned by the balance, a conflict left open with its candidates.
    a, b, c, d = (("x", n) for n in "abcd")
    values: dict[tuple[str, ...], int | None] = {a: 5, b: 2, c: None, d: None}
    left = solve((Equation(a, (b,), (c,)), Equation(d, (a,), (b,))), values, [c, d])
    assert (values[c], values[d], left) == (None, 3, {c: (-3,)})  # c would be negative: not taken


def test_computed_totals_come_from_the_identities() -> None:
    report = gd.load(EXAMPLES / "yiyuan-police-2023.json")
    results = report.applications.results
    assert results.computed_total == results.total
    assert results.total.computed_total == results.total.total == 7
    assert report.review_and_litigation.administrative_review.computed_total == 0
    from govdisclosure._model.meta import computed_total

    with pytest.raises(TypeError, match="no table identity totals a Organ"):
        computed_total(report.organ)
