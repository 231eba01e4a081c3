"""The structural judge: jsonschema over the generated schema decides what is wrong, and its
findings are the library's own, code for code and number for number."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import govdisclosure as gd
from govdisclosure._codec.convert import _Capped, _explain
from govdisclosure._codec.judge import judge
from tests.helpers import SEED, mutate, value_paths

SEED_DOC: Any = json.loads(SEED.read_text(encoding="utf-8"))


PATHS = [p for p in value_paths(SEED_DOC)[1:] if p != ("format_version",)]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["2024-02-30", "2024-01-05", "department", "", "2021"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=300)
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), VALUES), min_size=1, max_size=6),
    st.lists(st.sampled_from(PATHS), max_size=3),
    st.lists(st.text(min_size=1, max_size=4), max_size=3),
)
def test_judge_and_the_general_path_agree_exactly(
    changes: list[tuple[tuple[Any, ...], Any]], deletions: list[tuple[Any, ...]], extra: list[str]
) -> None:
    doc = copy.deepcopy(SEED_DOC)
    for path, value in changes:
        mutate(doc, path, value)
    for path in deletions:
        mutate(doc, path, delete=True)
    for key in extra:
        doc.setdefault(key, 0)
    out = _Capped()
    _explain(gd.Report2021, doc, gd.Report2021, [], out, [])
    assert judge(gd.Report2021, "2021", doc) == out.findings()


def test_the_schema_is_what_judges() -> None:
    # In a fresh interpreter: a valid document never loads jsonschema; an invalid one does.
    script = f"""
import sys, govdisclosure as gd
text = open({str(SEED)!r}, encoding="utf-8").read()
assert gd.validate(text).ok and "jsonschema" not in sys.modules
result = gd.validate(text.replace('"year": 2023', '"year": "2023"'))
assert [f.code for f in result.findings] == ["STRUCT-TYPE"] and "jsonschema" in sys.modules
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def test_each_keyword_maps_to_its_code(seed: dict[str, Any]) -> None:
    seed["year"] = 2200  # maximum
    seed["organ"]["name"] = ""  # minLength
    seed["organ"]["kind"] = "bureau"  # enum
    seed["published_on"] = "2024-02-30"  # format and pattern: one finding
    seed["applications"]["new_received"]["total"] = -7.5  # type and minimum: one finding
    seed["active_disclosure"]["fees"]["amount_10k_yuan"] = -1  # minimum 0
    del seed["overview"]["active_disclosure"]
    seed["applications"]["results"] = []  # an object that is not
    seed["x"] = 1
    got = [(f.code, f.path, f.expected, f.actual) for f in judge(gd.Report2021, "2021", seed) or []]
    assert got == [
        ("STRUCT-RANGE", "/year", None, 2200),
        ("STRUCT-EMPTY", "/organ/name", None, None),
        ("STRUCT-CHOICE", "/organ/kind", '"people_government", "department", "other"', "bureau"),
        ("STRUCT-DATE", "/published_on", "YYYY-MM-DD", "2024-02-30"),
        ("STRUCT-NEGATIVE", "/active_disclosure/fees/amount_10k_yuan", 0, Decimal("-1")),
        ("STRUCT-NOT-INTEGER", "/applications/new_received/total", "integer", -7.5),
        ("STRUCT-TYPE", "/applications/results", "object", "array"),
        ("STRUCT-UNKNOWN-KEY", "/x", None, None),
    ]


@pytest.mark.parametrize("number", ["1.0000000000000001", "1e-400", "7.0000000000000000001"])
def test_numbers_read_as_decimals_are_judged_as_written(number: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        '"new_received": {\n      "natural_person": 7',
        f'"new_received": {{\n      "natural_person": {number}',
    )
    assert text != SEED.read_text(encoding="utf-8")
    decimals = json.loads(text, parse_float=Decimal)
    (finding,) = judge(gd.Report2021, "2021", decimals) or []  # the library's judge: not whole
    assert (finding.code, finding.actual) == ("STRUCT-NOT-INTEGER", Decimal(number))
    plain = Draft202012Validator(gd.json_schema("2021"))
    assert list(plain.iter_errors(json.loads(text))) == []  # a double-reading validator: whole
    assert "STRUCT-NOT-INTEGER" in [f.code for f in gd.validate(text).findings]
