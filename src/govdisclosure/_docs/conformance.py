"""The conformance suite of the portable rules (``conformance/``): for each edition and rule, a
file of cases (a document, last year's where the rule reads it, and the exact findings of every
portable rule), built from the shipped examples and their mutations, each verdict the library's
own."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .._codec.jsontext import emit
from .._model.editions import YEAR_RANGE
from .._model.pointers import get_in, put_in, split_pointer
from .._rules.portable import portable_codes
from .._rules.table import RULES
from .._validation.validate import validate

__all__ = ["conformance_files", "findings_of"]

_ROOT = Path(__file__).resolve().parents[3]
# The example each edition's cases start from.
_EXAMPLES = {"2021": "examples/yiyuan-police-2023.json", "2019": "examples/shanghai-office-2019.json"}

Doc = dict[str, Any]
# A mutation: (description, change of this year's document, change of last year's or None).
Case = tuple[str, Callable[[Doc], None], Callable[[Doc], None] | None]


def findings_of(document: Doc, previous: Doc | None = None) -> list[dict[str, str]]:
    """The library's findings of the portable rules on ``document`` (and ``previous``), as
    ``{"reason", "severity", "path"}``, in the library's order."""
    codes = set(portable_codes())
    result = validate(json.dumps(document), previous=None if previous is None else json.dumps(previous))
    return [
        {"reason": f.code, "severity": f.severity, "path": f.path} for f in result.findings if f.code in codes
    ]


def _add(path: str, amount: int) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        tokens = split_pointer(path)
        put_in(doc, tokens, get_in(doc, tokens) + amount)

    return change


def _put(path: str, value: Any) -> Callable[[Doc], None]:
    # None: the key left out.
    def change(doc: Doc) -> None:
        *parents, last = split_pointer(path)
        if value is None:
            get_in(doc, parents).pop(last, None)
        else:
            put_in(doc, [*parents, last], value)

    return change


def _keep(doc: Doc) -> None:
    """No change."""


def _both(*changes: Callable[[Doc], None]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for one in changes:
            one(doc)

    return change


def _cases(edition: str, doc: Doc) -> dict[str, list[Case]]:
    year = doc["year"]
    first_group = next(iter(doc["review_and_litigation"]))
    return {
        "T3-ROW-TOTAL": [
            ("a row's total one more than its columns", _add("/applications/new_received/total", 1), None),
            (
                "a column one more than the total counts",
                _add("/applications/carried_over/natural_person", 1),
                None,
            ),
        ],
        "T3-RESULTS-TOTAL": [
            (
                "the results' total row one more in one column (and in its own total)",
                _both(
                    _add("/applications/results/total/natural_person", 1),
                    _add("/applications/results/total/total", 1),
                ),
                None,
            ),
        ],
        "T3-BALANCE": [
            (
                "carried forward one more than the balance allows",
                _both(
                    _add("/applications/carried_forward/natural_person", 1),
                    _add("/applications/carried_forward/total", 1),
                ),
                None,
            ),
        ],
        "T4-TOTAL": [
            (
                f"{first_group}: the total one more",
                _add(f"/review_and_litigation/{first_group}/total", 1),
                None,
            ),
        ],
        "META-EDITION-YEAR": [
            (
                "a year the edition does not serve",
                _put("/year", 2020 if edition == "2021" else 2021),
                None,
            ),
        ],
        "META-PUBLISHED-EARLY": [
            ("published in the report year", _put("/published_on", f"{year}-12-01"), None),
            ("published on 1 January of the next year", _put("/published_on", f"{year + 1}-01-01"), None),
        ],
        "META-PUBLISHED-LATE": [
            (
                "a department publishing in February",
                _both(_put("/organ/kind", "department"), _put("/published_on", f"{year + 1}-02-15")),
                None,
            ),
            (
                "a people's government publishing on 31 March",
                _both(_put("/organ/kind", "people_government"), _put("/published_on", f"{year + 1}-03-31")),
                None,
            ),
            (
                "no organ kind",
                _both(_put("/organ/kind", None), _put("/published_on", f"{year + 1}-06-01")),
                None,
            ),
        ],
        "NARR-MISSING": [
            ("a part left out", _put("/overview/information_management", None), None),
            (
                "a part of white space only, U+3000 among it",
                _put("/problems_and_improvements", "\u3000 \n"),
                None,
            ),
        ],
        "NARR-FEE-STATEMENT": [
            ("no fee statement", _put("/other_matters/processing_fees", None), None),
        ],
        "NARR-TOO-SHORT": [
            ("a placeholder", _put("/overview/supervision", "无。"), None),
            (
                "19 characters besides punctuation",
                _put("/overview/platform_building", "一二三四五六七八九十一二三四五六七八九。"),
                None,
            ),
            (
                "20 characters besides punctuation",
                _put("/overview/platform_building", "一二三四五六七八九十一二三四五六七八九十"),
                None,
            ),
        ],
        "XY-YEAR": [("last year's report a year earlier still", _put("/year", year + 1), None)],
        "XY-ORGAN": [("last year's report of another organ", _keep, _put("/organ/name", "另一机关"))],
        "XY-CARRY": [
            (
                "last year carried forward one more than this year carried over",
                _keep,
                _add("/applications/carried_forward/natural_person", 1),
            ),
        ],
        "XY-IN-FORCE": [
            (
                "last year's count in force three more",
                _keep,
                _add("/active_disclosure/regulations/in_force", 3),
            ),
        ],
        "XY-JUMP": [
            ("last year's new applications 1", _keep, _put("/applications/new_received/natural_person", 1)),
            (
                "last year's new applications 500 more",
                _keep,
                _add("/applications/new_received/natural_person", 500),
            ),
        ],
    }


def _previous_of(doc: Doc) -> Doc:
    # Last year's report of the same organ, as it would agree with this one.
    previous = copy.deepcopy(doc)
    previous["year"] = doc["year"] - 1
    previous.pop("published_on", None)
    previous["applications"]["carried_forward"] = copy.deepcopy(doc["applications"]["carried_over"])
    return previous


def _files(edition: str) -> Iterator[tuple[str, dict[str, Any]]]:
    base = json.loads((_ROOT / _EXAMPLES[edition]).read_text(encoding="utf-8"))
    if base["year"] - 1 < YEAR_RANGE[0]:
        # Last year's report must be of a year some edition serves: the example a year on.
        base["year"] += 1
        if "published_on" in base:
            base["published_on"] = str(int(base["published_on"][:4]) + 1) + base["published_on"][4:]
    base_previous = _previous_of(base)
    rules = {r.code: r for r in RULES}
    for code, cases in _cases(edition, base).items():
        rule = rules[code]
        if edition not in rule.editions:
            continue
        out = []
        plain: list[Case] = [("the example as published", lambda doc: None, None)]
        for description, change, change_previous in [*plain, *cases]:
            doc = copy.deepcopy(base)
            change(doc)
            previous = None
            if rule.cross_year:
                previous = copy.deepcopy(base_previous)
                if change_previous is not None:
                    change_previous(previous)
            case: dict[str, Any] = {"description": description, "document": doc}
            if previous is not None:
                case["previous"] = previous
            case["findings"] = findings_of(doc, previous)
            out.append(case)
        yield f"conformance/{edition}/{code}.json", {"edition": edition, "rule": code, "cases": out}


def conformance_files() -> dict[str, str]:
    """Every file of the conformance suite, by its path relative to the repository root."""
    return {path: emit(content) + "\n" for edition in _EXAMPLES for path, content in _files(edition)}
