"""Exact, strict conversion to and from JSON."""

from __future__ import annotations

import copy
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure._codec.jsontext import emit
from govdisclosure.strategies import documents, reports
from tests.helpers import SEED, delete_at, seed_text, set_at


def test_seed_example_round_trips_byte_for_byte(tmp_path: Path) -> None:
    raw = SEED.read_bytes()
    assert gd.dumps(gd.loads(raw)) == raw.decode("utf-8")
    assert gd.dumps(gd.loads(seed_text())) == seed_text()
    assert gd.dumps(gd.load(SEED)) == seed_text()
    with SEED.open("rb") as handle:
        assert gd.dumps(gd.load(handle)) == seed_text()
    out = tmp_path / "out.json"
    gd.dump(gd.load(SEED), out)
    assert out.read_bytes() == raw
    buffer = io.BytesIO()
    gd.dump(gd.load(SEED), buffer)
    assert buffer.getvalue() == raw
    text = io.StringIO()
    gd.dump(gd.load(SEED), text)
    assert text.getvalue() == seed_text()


def test_canonical_form() -> None:
    text = seed_text()
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert '\n  "format_version": "2021",\n' in text
    assert "沂源县公安局" in text  # not \u-escaped
    assert '"amount_10k_yuan": 64.2623\n' in text


def test_dumps_orders_keys_as_the_template(seed: dict[str, Any]) -> None:
    shuffled = dict(reversed(list(seed.items())))
    shuffled["applications"]["new_received"] = dict(
        reversed(list(seed["applications"]["new_received"].items()))
    )
    assert gd.dumps(gd.from_dict(shuffled)) == seed_text()


@pytest.mark.parametrize(
    "written", ["64.2623", "64.20", "0.0001", "1E+2", "12345678901234567890.123456789", "0"]
)
def test_money_keeps_its_digits(written: str) -> None:
    text = seed_text().replace('"amount_10k_yuan": 64.2623', f'"amount_10k_yuan": {written}')
    report = gd.loads(text)
    assert isinstance(report, gd.Report2021)
    assert report.active_disclosure.fees.amount_10k_yuan == Decimal(written)
    assert str(report.active_disclosure.fees.amount_10k_yuan) == written
    assert gd.dumps(report) == text


def test_money_from_a_python_float_keeps_the_written_digits(seed: dict[str, Any]) -> None:
    seed["active_disclosure"]["fees"]["amount_10k_yuan"] = 64.2623
    report = gd.from_dict(seed)
    assert report.active_disclosure.fees.amount_10k_yuan == Decimal("64.2623")  # type: ignore[union-attr]


@pytest.mark.parametrize("written", ["7.0", "7.00", "7e0", "0.7E1"])
def test_whole_numbers_written_with_a_fraction_are_counts(written: str) -> None:
    text = seed_text().replace(
        '"licensing": {\n      "decisions": 9375', f'"licensing": {{\n      "decisions": {written}'
    )
    report = gd.loads(text)
    assert report.active_disclosure.licensing.decisions == 7
    assert type(report.active_disclosure.licensing.decisions) is int
    assert '"decisions": 7\n' in gd.dumps(report)


def test_to_dict_is_json_shaped_and_canonical(seed: dict[str, Any]) -> None:
    report = gd.from_dict(seed)
    data = gd.to_dict(report)
    assert list(data) == list(seed)
    assert data["published_on"] == "2024-01-05"
    assert data["other_matters"]["extra"] == seed["other_matters"]["extra"]
    assert isinstance(data["other_matters"]["extra"], list)
    assert data["active_disclosure"]["fees"]["amount_10k_yuan"] == Decimal("64.2623")
    assert "other" not in data["other_matters"]  # absent optional parts stay absent


def test_empty_optional_lists_and_strings_survive(seed: dict[str, Any]) -> None:
    seed["overview"]["extra"] = []
    seed["other_matters"]["other"] = ""
    report = gd.from_dict(seed)
    assert report.overview.extra == ()
    assert gd.to_dict(report)["overview"]["extra"] == []
    assert gd.to_dict(report)["other_matters"]["other"] == ""


def test_from_dict_does_not_modify_its_input(seed: dict[str, Any]) -> None:
    before = copy.deepcopy(seed)
    gd.from_dict(seed)
    seed["year"] = "bad"
    after_bad = copy.deepcopy(seed)
    with pytest.raises(gd.ReportError):
        gd.from_dict(seed)
    assert seed == after_bad
    assert before["year"] == 2023


@given(reports())
def test_dict_round_trip(report: gd.Report) -> None:
    assert gd.from_dict(gd.to_dict(report)) == report


@given(reports())
def test_json_round_trip(report: gd.Report) -> None:
    text = gd.dumps(report)
    again = gd.loads(text)
    assert again == report
    assert gd.dumps(again) == text
    assert gd.loads(text.encode("utf-8")) == report


@given(documents("2021"))
def test_canonical_documents_round_trip_exactly(doc: dict[str, Any]) -> None:
    text = emit(doc) + "\n"
    assert gd.dumps(gd.loads(text)) == text


# --- strictness: bad values at several depths, each with its exact pointer ---------------

BAD_VALUES: list[tuple[str, Any, str]] = [
    # counts
    ("/applications/new_received/natural_person", True, "STRUCT-TYPE"),
    ("/applications/new_received/natural_person", "7", "STRUCT-TYPE"),
    ("/applications/new_received/natural_person", 7.5, "STRUCT-NOT-INTEGER"),
    ("/applications/new_received/natural_person", -1, "STRUCT-NEGATIVE"),
    ("/applications/new_received/natural_person", None, "STRUCT-TYPE"),
    ("/applications/new_received/natural_person", [7], "STRUCT-TYPE"),
    ("/applications/new_received/natural_person", 2**53, "STRUCT-RANGE"),
    ("/applications/results/withheld/state_secret/total", False, "STRUCT-TYPE"),
    ("/applications/results/withheld/state_secret/total", Decimal("0.5"), "STRUCT-NOT-INTEGER"),
    ("/applications/results/other/fee_unpaid/legal_service_organization", -3, "STRUCT-NEGATIVE"),
    ("/review_and_litigation/litigation_after_review/pending", "0", "STRUCT-TYPE"),
    ("/review_and_litigation/administrative_review/total", 1e400, "STRUCT-NOT-INTEGER"),
    ("/active_disclosure/regulations/in_force", Decimal("1E+999999999"), "STRUCT-RANGE"),
    ("/active_disclosure/licensing/decisions", {}, "STRUCT-TYPE"),
    # money
    ("/active_disclosure/fees/amount_10k_yuan", "64.2623", "STRUCT-TYPE"),
    ("/active_disclosure/fees/amount_10k_yuan", -0.01, "STRUCT-NEGATIVE"),
    ("/active_disclosure/fees/amount_10k_yuan", True, "STRUCT-TYPE"),
    ("/active_disclosure/fees/amount_10k_yuan", Decimal("NaN"), "STRUCT-TYPE"),
    # year, dates, strings, choices
    ("/year", 2018, "STRUCT-RANGE"),
    ("/year", 2101, "STRUCT-RANGE"),
    ("/year", "2023", "STRUCT-TYPE"),
    ("/published_on", "2024-02-30", "STRUCT-DATE"),
    ("/published_on", "2024/01/05", "STRUCT-DATE"),
    ("/published_on", "20240105", "STRUCT-DATE"),
    ("/published_on", "２０２４-01-05", "STRUCT-DATE"),
    ("/published_on", 20240105, "STRUCT-TYPE"),
    ("/organ/name", "", "STRUCT-EMPTY"),
    ("/organ/name", 5, "STRUCT-TYPE"),
    ("/organ/kind", "county", "STRUCT-CHOICE"),
    ("/organ/contact/phone", 3261345, "STRUCT-TYPE"),
    ("/organ/contact", "沂源县", "STRUCT-TYPE"),
    ("/organ/contact", [], "STRUCT-TYPE"),
    ("/overview/summary", None, "STRUCT-TYPE"),
    ("/overview", [], "STRUCT-TYPE"),
    ("/other_matters/extra", {}, "STRUCT-TYPE"),
    ("/other_matters/extra/0", "text", "STRUCT-TYPE"),
    ("/other_matters/extra/0/title", 1, "STRUCT-TYPE"),
    ("/applications/results/withheld", None, "STRUCT-TYPE"),
]


@pytest.mark.parametrize(("path", "value", "code"), BAD_VALUES)
def test_bad_value_is_rejected_at_its_pointer(seed: dict[str, Any], path: str, value: Any, code: str) -> None:
    set_at(seed, path, value)
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    assert [(f.code, f.path, f.severity) for f in caught.value.findings] == [(code, path, "error")]


@pytest.mark.parametrize(
    "path",
    [
        "/organ/name",
        "/applications/results/total",
        "/review_and_litigation/litigation_direct/upheld",
        "/year",
    ],
)
def test_missing_required_key(seed: dict[str, Any], path: str) -> None:
    delete_at(seed, path)
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    assert [(f.code, f.path) for f in caught.value.findings] == [("STRUCT-MISSING", path)]


@pytest.mark.parametrize(
    "path",
    [
        "/colour",
        "/organ/contact/fax",
        "/applications/results/withheld/state_secret/subtotal",
        "/other_matters/extra/0/note",
    ],
)
def test_unknown_key(seed: dict[str, Any], path: str) -> None:
    set_at(seed, path, 1)
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    assert [(f.code, f.path) for f in caught.value.findings] == [("STRUCT-UNKNOWN-KEY", path)]


def test_every_structural_problem_at_once_in_document_order(seed: dict[str, Any]) -> None:
    set_at(seed, "/review_and_litigation/administrative_review/total", "0")
    set_at(seed, "/year", True)
    delete_at(seed, "/applications/carried_over")
    set_at(seed, "/applications/results/granted/total", -2)
    set_at(seed, "/zzz", 1)
    set_at(seed, "/organ/contact/email", None)
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("STRUCT-TYPE", "/year"),
        ("STRUCT-TYPE", "/organ/contact/email"),
        ("STRUCT-MISSING", "/applications/carried_over"),
        ("STRUCT-NEGATIVE", "/applications/results/granted/total"),
        ("STRUCT-TYPE", "/review_and_litigation/administrative_review/total"),
        ("STRUCT-UNKNOWN-KEY", "/zzz"),
    ]
    first = caught.value.findings[0]
    assert (first.expected, first.actual, first.label) == ("integer", "boolean", "报告年度")
    assert "6 problem(s)" in str(caught.value)


def test_pointer_escapes_unknown_keys(seed: dict[str, Any]) -> None:
    seed["organ"]["a/b~c"] = 1
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    assert caught.value.findings[0].path == "/organ/a~1b~0c"


@pytest.mark.parametrize(
    ("version", "actual"), [(None, "缺失/missing"), ("2020", "2020"), (2021, "2021"), ("", "")]
)
def test_missing_or_unknown_edition_names_the_editions(
    seed: dict[str, Any], version: Any, actual: str
) -> None:
    if version is None:
        del seed["format_version"]
    else:
        seed["format_version"] = version
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    (finding,) = caught.value.findings
    assert (finding.code, finding.path, finding.expected) == (
        "STRUCT-EDITION",
        "/format_version",
        '"2021", "2019"',
    )
    assert str(finding.actual) == actual
    assert '"2021"' in finding.message
    assert '"2019"' in finding.message_en


@pytest.mark.parametrize("value", [[], "report", 7, None])
def test_top_level_must_be_an_object(value: Any) -> None:
    with pytest.raises(gd.ReportError) as caught:
        gd.loads(json.dumps(value))
    assert [(f.code, f.path, f.expected) for f in caught.value.findings] == [("STRUCT-TYPE", "", "object")]


def test_a_2019_document_is_read_as_2019(seed: dict[str, Any]) -> None:
    seed["format_version"] = "2019"
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    codes = {(f.code, f.path) for f in caught.value.findings}
    assert ("STRUCT-UNKNOWN-KEY", "/active_disclosure/regulations/issued") in codes
    assert ("STRUCT-MISSING", "/active_disclosure/procurement") in codes
    assert ("STRUCT-MISSING", "/applications/results/other/natural_person") in codes
