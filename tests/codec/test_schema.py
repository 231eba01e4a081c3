"""The generated JSON Schema: exact dicts, metaschema, drift, and one accept set with the library."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import govdisclosure as gd
from govdisclosure._codec.jsontext import emit
from govdisclosure._docs.generate import artifacts
from govdisclosure.strategies import documents
from tests.helpers import ROOT, mutate_document, set_at

COUNT = {"type": "integer", "minimum": 0, "maximum": 9007199254740991}


def structure(edition: str) -> dict[str, Any]:
    """The schema without the rules it carries (``x-rules``, tested in tests/rules)."""
    schema = gd.json_schema(edition)
    for definition in schema["$defs"].values():
        definition.pop("x-rules", None)
    del schema["x-rules-not-portable"]
    return schema


def _validator(edition: str) -> Draft202012Validator:
    return Draft202012Validator(gd.json_schema(edition), format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {edition: _validator(edition) for edition in gd.EDITIONS}


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_schema_passes_the_metaschema(edition: str) -> None:
    Draft202012Validator.check_schema(gd.json_schema(edition))


def test_schema_head() -> None:
    schema = gd.json_schema("2021")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:govdisclosure:schema:report:2021"
    assert gd.json_schema("2019")["$id"] == "urn:govdisclosure:schema:report:2019"
    assert schema["title"] == "政府信息公开工作年度报告（2021 年版格式，国办公开办函〔2021〕30号）"
    assert schema["$ref"] == "#/$defs/Report2021"
    assert list(schema["$defs"]) == [
        "Report2021",
        "Organ",
        "Contact",
        "Overview",
        "ExtraSection",
        "ActiveDisclosure2021",
        "RegulationRow",
        "DecisionRow",
        "FeeRow",
        "Applications2021",
        "CountRow",
        "Results2021",
        "Withheld",
        "Unavailable",
        "NotProcessed",
        "OtherProcessing2021",
        "ReviewAndLitigation",
        "ReviewGroup",
        "OtherMatters",
    ]


def test_schema_is_a_fresh_copy() -> None:
    schema = gd.json_schema("2021")
    schema["$defs"].clear()
    assert gd.json_schema("2021")["$defs"]


def test_unknown_edition() -> None:
    with pytest.raises(ValueError, match=r"'2020'.*'2021', '2019'"):
        gd.json_schema("2020")


def _count(title: str, position: str, description: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"title": title}
    if description:
        out["description"] = description
    return {**out, "x-template-position": position, "x-unit": "件", **COUNT}


def test_count_row_exact() -> None:
    assert structure("2021")["$defs"]["CountRow"] == {
        "title": "表三的一行（申请人情况）",
        "description": "One numeric row of table 三: six applicant columns and the reported 总计.",
        "type": "object",
        "properties": {
            "natural_person": _count("自然人", "申请人情况"),
            "commercial_enterprise": _count("商业企业", "申请人情况·法人或其他组织"),
            "research_institution": _count("科研机构", "申请人情况·法人或其他组织"),
            "social_welfare_organization": _count("社会公益组织", "申请人情况·法人或其他组织"),
            "legal_service_organization": _count("法律服务机构", "申请人情况·法人或其他组织"),
            "other_organization": _count("其他", "申请人情况·法人或其他组织"),
            "total": _count("总计", "申请人情况", "The total as reported (see computed_total)."),
        },
        "required": [
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_welfare_organization",
            "legal_service_organization",
            "other_organization",
            "total",
        ],
        "additionalProperties": False,
    }


def test_money_exact() -> None:
    assert structure("2021")["$defs"]["FeeRow"] == {
        "title": "第二十条第（八）项（行政事业性收费）",
        "description": "The 第二十条第（八）项 row of the 2021 edition.",
        "type": "object",
        "properties": {
            "amount_10k_yuan": {
                "title": "本年收费金额",
                "description": "Fees collected this year in units of 10,000 yuan, exact. "
                "Exact decimal: read it as a decimal, not a binary float.",
                "x-template-position": "第二十条第（八）项",
                "x-unit": "万元",
                "type": "number",
                "minimum": 0,
            }
        },
        "required": ["amount_10k_yuan"],
        "additionalProperties": False,
    }


def test_signed_choice_and_sections_exact() -> None:
    defs = structure("2019")["$defs"]
    assert defs["ItemRow2019"]["properties"]["items_change"] == {
        "title": "本年增/减",
        "description": "Change in the number of items this year; may be negative.",
        "x-template-position": "第二十条",
        "x-unit": "件",
        "type": "integer",
        "minimum": -9007199254740991,
        "maximum": 9007199254740991,
    }
    assert defs["ProcurementRow2019"]["properties"]["unit"] == {
        "title": "金额单位",
        "description": "The unit of total_amount as the report writes it: yuan (元) or 10k_yuan (万元).",
        "x-template-position": "第二十条第（九）项",
        "type": "string",
        "enum": ["yuan", "10k_yuan"],
    }
    assert defs["Overview"]["properties"]["extra"] == {
        "title": "其他小节",
        "description": "Further sub-sections as published, in order.",
        "x-template-position": "一",
        "type": "array",
        "items": {"$ref": "#/$defs/ExtraSection"},
    }
    assert "required" not in defs["Overview"]


def test_report_level_exact() -> None:
    report = structure("2021")["$defs"]["Report2021"]
    assert report["properties"]["format_version"] == {
        "title": "格式版本",
        "description": "Edition of the template.",
        "x-template-position": "国办公开办函〔2021〕30号",
        "const": "2021",
    }
    assert report["properties"]["year"] == {
        "title": "报告年度",
        "description": "Report year (1 January - 31 December).",
        "x-template-position": "标题",
        "x-unit": "年",
        "type": "integer",
        "minimum": 2019,
        "maximum": 2100,
    }
    assert report["properties"]["published_on"] == {
        "title": "发布日期",
        "description": "Date of publication, YYYY-MM-DD.",
        "x-template-position": "落款",
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    }
    assert report["properties"]["organ"] == {
        "title": "机关",
        "x-template-position": "标题",
        "$ref": "#/$defs/Organ",
    }
    assert report["required"] == [
        "format_version",
        "year",
        "organ",
        "overview",
        "active_disclosure",
        "applications",
        "review_and_litigation",
        "other_matters",
    ]
    assert report["additionalProperties"] is False


@pytest.mark.parametrize("relative", sorted(artifacts()))
def test_committed_artifact_matches_the_model(relative: str) -> None:
    committed = (ROOT / relative).read_text(encoding="utf-8")
    assert committed == artifacts()[relative], f"{relative} drifted: run python scripts/generate.py"


def test_committed_schema_is_the_schema() -> None:
    for edition in gd.EDITIONS:
        path = ROOT / "schemas" / f"report-{edition}.schema.json"
        assert json.loads(path.read_text(encoding="utf-8")) == gd.json_schema(edition)


def test_examples_pass_the_schema() -> None:
    for path in sorted((ROOT / "examples").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert VALIDATORS[doc["format_version"]].is_valid(doc), path


# --- one accept set -----------------------------------------------------------------------


def _library_accepts(text: str) -> bool:
    try:
        gd.loads(text)
    except gd.ReportError:
        return False
    return True


def _schema_accepts(text: str) -> bool:
    doc = json.loads(text)
    edition = doc.get("format_version") if isinstance(doc, dict) else None
    # A document naming no known edition is checked against both schemas: neither may accept it.
    editions = [edition] if isinstance(edition, str) and edition in VALIDATORS else list(VALIDATORS)
    return any(VALIDATORS[e].is_valid(doc) for e in editions)


@given(st.sampled_from(["2021", "2019"]).flatmap(documents), st.data())
def test_schema_accepts_exactly_what_the_library_accepts(doc: dict[str, Any], data: st.DataObject) -> None:
    mutated: Any = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(0, 3))):
        mutated = mutate_document(mutated, data)
    text = emit(mutated)
    assert _library_accepts(text) == _schema_accepts(text)


@pytest.mark.parametrize(
    "pointer_and_value",
    [
        ("/applications/new_received/total", 7.0),
        ("/applications/new_received/total", 7.5),
        ("/applications/new_received/total", True),
        ("/active_disclosure/fees/amount_10k_yuan", -0.0),
        ("/active_disclosure/fees/amount_10k_yuan", 1e300),
        ("/published_on", "2023-02-29"),
        ("/published_on", "2024-02-29"),
        ("/organ/name", ""),
        ("/year", 2100.0),
    ],
)
# Each edge value once through both: the library reads the text, the schema the parsed value.
def test_schema_and_library_agree_on_edge_values(
    pointer_and_value: tuple[str, Any], seed: dict[str, Any]
) -> None:
    pointer, value = pointer_and_value
    set_at(seed, pointer, value)
    text = emit(seed)
    assert _library_accepts(text) == _schema_accepts(text)
