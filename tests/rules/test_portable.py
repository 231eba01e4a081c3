"""The schema's x-rules (CEL) against the library: the same failing rules, codes and paths."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure.strategies import documents
from tests.helpers import EXAMPLES, ROOT

cel = pytest.importorskip("cel")

# The rules that read sentences cannot be said in CEL; every other rule of the table can.
NOT_PORTABLE = {"NARR-TABLE-MISMATCH", "NARR-FEE-CONTRADICTION"}
PORTABLE = {r.code for r in gd.rules()} - NOT_PORTABLE
SCHEMAS = {edition: gd.json_schema(edition) for edition in gd.EDITIONS}


def cel_findings(document: Any, previous: Any = None) -> list[tuple[str, str, str]]:
    """Every x-rules entry evaluated at every node of ``document``; the failing ones."""
    schema = SCHEMAS[document["format_version"]]
    defs = schema["$defs"]
    failed = []

    def walk(sub: dict[str, Any], here: Any, before: Any, path: str) -> None:
        ref = sub.get("$ref")
        if ref is not None:
            walk(defs[ref.rsplit("/", 1)[-1]], here, before, path)
        for entry in sub.get("x-rules", ()):
            if "oldSelf" in entry["rule"] and before is None:
                continue  # a cross-year rule, and no last year's report at this place
            bound = {"self": here} if before is None else {"self": here, "oldSelf": before}
            if cel.evaluate(entry["rule"], bound) is not True:
                failed.append((entry["reason"], entry["severity"], path + entry["fieldPath"]))
        if isinstance(here, dict):
            for key, child in sub.get("properties", {}).items():
                if key in here:
                    then = before.get(key) if isinstance(before, dict) else None
                    walk(child, here[key], then, f"{path}/{key}")

    walk(schema, document, previous, "")
    return sorted(failed)


def library_findings(document: Any, previous: Any = None) -> list[tuple[str, str, str]]:
    result = gd.validate(json.dumps(document), previous=None if previous is None else json.dumps(previous))
    return sorted((f.code, f.severity, f.path) for f in result.findings if f.code in PORTABLE)


def test_every_rule_is_in_the_schema_or_named_as_not_portable() -> None:
    for edition, schema in SCHEMAS.items():
        carried = {e["reason"] for d in schema["$defs"].values() for e in d.get("x-rules", ())}
        beyond = {e["reason"] for e in schema["x-rules-not-portable"]}
        assert carried | beyond == {r.code for r in gd.rules(edition)}
        assert carried == {r.code for r in gd.rules(edition)} & PORTABLE
        assert beyond == NOT_PORTABLE & {r.code for r in gd.rules(edition)}


def test_a_row_total_sits_on_the_row_definition() -> None:
    (entry,) = [e for e in SCHEMAS["2021"]["$defs"]["CountRow"]["x-rules"] if e["reason"] == "T3-ROW-TOTAL"]
    assert entry == {
        "rule": "int(self.natural_person) + int(self.commercial_enterprise) + int(self.research_institution)"
        " + int(self.social_welfare_organization) + int(self.legal_service_organization)"
        " + int(self.other_organization) == int(self.total)",
        "reason": "T3-ROW-TOTAL",
        "severity": "error",
        "fieldPath": "/total",
        "message": "表三每行总计等于六类申请人之和",
        "messageEn": "In every row of table 三, total = sum of the six applicant columns",
    }


def test_the_schema_still_validates_under_its_metaschema() -> None:
    import jsonschema

    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    report = json.loads((EXAMPLES / "yiyuan-police-2023.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMAS["2021"]).validate(report)


CASES = sorted((ROOT / "conformance").glob("[0-9][0-9][0-9][0-9]/*.json"))


def test_the_suite_has_a_file_per_rule_and_edition() -> None:
    assert len(CASES) == 15 + 13


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_conformance_suite(path: Path) -> None:
    suite = json.loads(path.read_text(encoding="utf-8"))
    failing = 0
    for case in suite["cases"]:
        expected = sorted((f["reason"], f["severity"], f["path"]) for f in case["findings"])
        previous = case.get("previous")
        assert library_findings(case["document"], previous) == expected, case["description"]
        assert cel_findings(case["document"], previous) == expected, case["description"]
        failing += any(f["reason"] == suite["rule"] for f in case["findings"])
    assert failing  # every file shows its rule failing at least once


def _plain(value: Any) -> Any:
    # A generated document as JSON text would give it: amounts as numbers. The CEL package
    # takes no string with a lone surrogate (which a JSON text may escape): such a document
    # is not tried.
    text = json.dumps(
        value, ensure_ascii=False, default=lambda v: float(v) if isinstance(v, Decimal) else str(v)
    )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        assume(False)
    return json.loads(text)


_NUMBERS = st.integers(0, 60) | st.integers(0, 2**53 - 1)


def _nudged(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    # Some counts of the tables changed: most of them breaking an identity or a jump.
    doc = copy.deepcopy(document)
    counts = []

    def find(value: Any, path: tuple[str, ...]) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                find(v, (*path, k))
        elif type(value) is int and path[0] in ("applications", "review_and_litigation", "active_disclosure"):
            counts.append(path)

    find(doc, ())
    for _ in range(data.draw(st.integers(0, 4))):
        path = data.draw(st.sampled_from(counts))
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = data.draw(_NUMBERS)
    return doc


# Each example evaluates some 300 CEL expressions: fewer examples than the default profile.
@pytest.mark.parametrize("edition", list(gd.EDITIONS))
@settings(max_examples=30)
@given(data=st.data())
def test_cel_and_the_library_agree_on_generated_documents(edition: str, data: st.DataObject) -> None:
    document = _nudged(_plain(data.draw(documents(edition, consistent=data.draw(st.booleans())))), data)
    assert cel_findings(document) == library_findings(document)


@pytest.mark.parametrize(
    ("edition", "previous_edition"), [("2021", "2021"), ("2021", "2019"), ("2019", "2019")]
)
@settings(max_examples=30)
@given(data=st.data())
def test_cel_and_the_library_agree_across_years(
    edition: str, previous_edition: str, data: st.DataObject
) -> None:
    document = _plain(data.draw(documents(edition, consistent=True)))
    previous = _nudged(_plain(data.draw(documents(previous_edition, consistent=True))), data)
    if data.draw(st.booleans()):
        previous["organ"] = document["organ"]
    assert cel_findings(document, previous) == library_findings(document, previous)


def test_a_javascript_cel_implementation_agrees_on_the_suite() -> None:
    # conformance/run.mjs under Node with @marcbachmann/cel-js (CI installs it: .ci/run).
    node = shutil.which("node")
    installed = (ROOT / "conformance" / "node_modules" / "@marcbachmann" / "cel-js").is_dir()
    if node is None or not installed:
        if os.environ.get("CI"):
            pytest.fail("CI must run the conformance suite under Node: cd conformance && npm ci")
        pytest.skip("needs Node and `npm ci` in conformance/")
    run = subprocess.run(
        [node, "run.mjs"], cwd=ROOT / "conformance", capture_output=True, text=True, timeout=600, check=False
    )
    cases = sum(len(json.loads(p.read_text(encoding="utf-8"))["cases"]) for p in CASES)
    assert run.stdout.splitlines()[-1] == f"{cases} cases, 0 disagreeing", run.stdout + run.stderr
    assert run.returncode == 0
