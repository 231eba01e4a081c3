"""The optional orjson path gives exactly what the exact path gives, only faster."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure import _io
from govdisclosure._json import emit
from govdisclosure.strategies import documents

from .conftest import seed_text
from .test_schema import _mutate

orjson = pytest.importorskip("orjson", reason="the fast extra (orjson) is not installed")


def both(source: str | bytes) -> tuple[Any, Any]:
    fast = _io.read_document(source)
    saved = _io._orjson
    _io._orjson = None
    try:
        exact = _io.read_document(source)
    finally:
        _io._orjson = saved
    return fast, exact


def test_the_seed_takes_the_native_path() -> None:
    report = _io._read_native(seed_text().encode("utf-8"))
    assert report is not None
    assert report == gd.loads(seed_text())
    assert gd.dumps(report) == seed_text()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("64.2623", "64.20"),
        ("64.2623", "1E+2"),
        ("64.2623", "12345678901234567890.123456789"),
        ("64.2623", "0.1000000000000000055511151231257827"),
        ('"decisions": 9375', '"decisions": 7.0000000000000001'),
        ('"decisions": 9375', '"decisions": 7.0'),
        ('"decisions": 9375', '"decisions": 9007199254740991.5'),
        ('"decisions": 9375', '"decisions": 18446744073709551616'),
        ('"year": 2023', '"year": 2023.0'),
        ('"year": 2023', '"year": NaN'),
        ('"year": 2023,', '"year": 2023, "year": 2023,'),
        ('"preamble": "', '"preamble": "\\"amount_10k_yuan\\": 1, '),
        ('"preamble": "', '"preamble": "amount_10k_yuan\\": 1, \\"'),
        ('"preamble": "', '"preamble": "\\ud800'),
    ],
)
def test_edge_documents_agree(old: str, new: str) -> None:
    text = seed_text().replace(old, new, 1)
    fast, exact = both(text)
    assert fast == exact
    fast, exact = both(b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"))
    assert fast == exact


def test_money_digits_survive_the_native_path() -> None:
    report = _io._read_native(seed_text().replace("64.2623", "64.20").encode())
    assert report is not None
    assert str(report.active_disclosure.fees.amount_10k_yuan) == "64.20"  # type: ignore[union-attr]


@given(st.sampled_from(["2021", "2019"]).flatmap(documents), st.data())
def test_any_document_agrees(doc: dict[str, Any], data: st.DataObject) -> None:
    mutated: Any = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(0, 2))):
        mutated = _mutate(mutated, data)
    fast, exact = both(emit(mutated))
    assert fast == exact
