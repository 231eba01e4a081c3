"""The generated reader and writer against the general paths they stand in for.

Both readers must build the same frozen model objects; documents the fast reader does not take
(valid but unusual values, mappings that are not dicts) must come out of the general path
equal. The generated writer must write exactly what the general writer writes, and leave to it
every report whose values do not have the model's types.
"""

from __future__ import annotations

import copy
import datetime
import enum
import types
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure._codec import convert as _convert
from govdisclosure._codec import jsontext as _json
from govdisclosure._codec import writer as _writer
from govdisclosure.strategies import documents, reports
from tests.helpers import EXAMPLES, seed_text


def _objects(value: Any) -> list[Any]:
    found: list[Any] = []
    if attrs.has(type(value)):
        found.append(value)
        for a in attrs.fields(type(value)):
            found += _objects(getattr(value, a.name))
    elif isinstance(value, tuple):
        for item in value:
            found += _objects(item)
    return found


def _general(data: dict[str, Any]) -> gd.Report:
    # The general path alone, as taken when the fast reader refuses a document.
    cls, _ = _convert.edition_of(data)
    assert cls is not None
    out: list[gd.Finding] = []
    report = _convert._explain(cls, data, cls, [], out, [])
    assert out == []
    return report  # type: ignore[no-any-return]


def test_fast_reader_builds_real_frozen_model_objects(seed: dict[str, Any]) -> None:
    report = gd.loads(seed_text())
    objects = _objects(report)
    assert len(objects) == 48
    for obj in objects:
        cls: Any = type(obj)
        assert getattr(gd, cls.__name__) is cls  # the public model class, not its twin
        assert not cls.__name__.endswith("Builder")
        first = attrs.fields(cls)[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, first, None)
        assert hash(obj) == hash(copy.copy(obj))
    assert report == _general(seed)
    assert repr(report) == repr(_general(seed))


class _Level(enum.IntEnum):
    SEVEN = 7


@pytest.mark.parametrize(
    "value",
    [7, 7.0, Decimal("7"), Decimal("7.000"), _Level.SEVEN],
    ids=["int", "float", "decimal", "decimal-fraction", "int-enum"],
)
def test_unusual_valid_counts_read_as_plain_ints(seed: dict[str, Any], value: object) -> None:
    seed["applications"]["new_received"]["natural_person"] = value
    report = gd.from_dict(seed)
    count = report.applications.new_received.natural_person
    assert count == 7
    assert type(count) is int


def test_mappings_that_are_not_dicts_are_read_alike(seed: dict[str, Any]) -> None:
    expected = gd.from_dict(seed)
    proxied = copy.deepcopy(seed)
    proxied["organ"] = types.MappingProxyType(proxied["organ"])
    proxied["applications"]["results"]["granted"] = types.MappingProxyType(
        proxied["applications"]["results"]["granted"]
    )
    assert gd.from_dict(types.MappingProxyType(proxied)) == expected


@given(documents())
def test_both_paths_build_equal_reports(document: dict[str, Any]) -> None:
    assert gd.from_dict(document) == _general(document)


def _general_text(report: Any) -> str:
    return _json.emit(_convert.to_dict(report)) + "\n"


def _outcome(write: Any, report: Any) -> object:
    # The text written, or the type of the exception raised.
    try:
        return write(report)
    except Exception as error:  # noqa: BLE001 - compared, not hidden
        return type(error)


@given(reports())
def test_generated_writer_writes_what_the_general_writer_writes(report: gd.Report) -> None:
    text = _writer.write(report)
    assert text is not None
    assert text == _general_text(report)
    assert gd.dumps(report) == text


def test_every_example_is_written_back_byte_for_byte_by_the_generated_writer() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert _writer.write(gd.loads(text)) == text, path.name


@pytest.mark.parametrize(
    "change",
    [
        {"year": "2023"},
        {"year": True},
        {"published_on": datetime.datetime(2024, 1, 5, 8, 30)},
        {"published_on": "2024-01-05"},
        {"preamble": 7},
    ],
    ids=["year-str", "year-bool", "datetime", "date-str", "preamble-int"],
)
def test_reports_with_values_of_other_types_go_to_the_general_writer(change: dict[str, Any]) -> None:
    report = attrs.evolve(gd.loads(seed_text()), **change)
    assert _writer.write(report) is None
    assert _outcome(gd.dumps, report) == _outcome(_general_text, report)


def test_unusual_nested_values_go_to_the_general_writer() -> None:
    report: Any = gd.loads(seed_text())
    row = attrs.evolve(report.applications.new_received, total=Decimal("7"))
    applications = attrs.evolve(report.applications, new_received=row)
    for unusual in (
        attrs.evolve(report, applications=applications),
        attrs.evolve(
            report, other_matters=attrs.evolve(report.other_matters, extra=list(report.other_matters.extra))
        ),
        attrs.evolve(report, active_disclosure=gd.to_dict(report)["active_disclosure"]),
    ):
        assert _writer.write(unusual) is None
        assert _outcome(gd.dumps, unusual) == _outcome(_general_text, unusual)
    assert '"total": 7\n' in gd.dumps(attrs.evolve(report, applications=applications))
