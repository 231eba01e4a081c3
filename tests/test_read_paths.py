"""The two reading paths: the generated fast reader and the general, explaining one.

Both must build the same frozen model objects; documents the fast reader does not take (valid
but unusual values, mappings that are not dicts) must come out of the general path equal.
"""

from __future__ import annotations

import copy
import enum
import types
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure import _convert
from govdisclosure.strategies import documents

from .conftest import seed_text


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
        assert cls.__module__ == "govdisclosure._model"
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
