"""The optional msgspec path gives exactly what the exact path gives, only faster."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._codec import io as _io
from govdisclosure._codec.jsontext import emit
from govdisclosure._codec.native import read_native
from govdisclosure.strategies import documents
from tests.helpers import mutate_document, seed_text

msgspec = pytest.importorskip("msgspec", reason="the fast extra (msgspec) is not installed")


def both(source: str | bytes) -> tuple[Any, Any]:
    fast = _io.read_document(source)
    _io.native = False
    try:
        exact = _io.read_document(source)
    finally:
        _io.native = True
    return fast, exact


def test_the_seed_takes_the_native_path() -> None:
    report = read_native(seed_text().encode("utf-8"))
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
        # What msgspec takes and the contract does not: each only provable by the quotes.
        ("64.2623", '"64.2623"'),
        ("64.2623", "-0"),
        ("64.2623", "-0.5"),
        ('"published_on": "2024-01-05"', '"published_on": null'),
        ('"kind": "department"', '"kind": null'),
        ('"year": 2023,', '"year": 2023, "unknown": 1,'),
        ('"kind": "department"', '"kind": "department", "kind": "department"'),
        ('"decisions": 9375', '"decisions": -1'),
        ('"decisions": 9375', '"decisions": 9007199254740992'),
        ('"year": 2023', '"year": 2018'),
        ('"preamble": "', '"preamble": "\\"quoted\\" '),
    ],
)
def test_edge_documents_agree(old: str, new: str) -> None:
    text = seed_text().replace(old, new, 1)
    fast, exact = both(text)
    assert fast == exact
    fast, exact = both(b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"))
    assert fast == exact


def test_an_escaped_quote_cannot_hide_money_in_quotes() -> None:
    # Two \u0022 escapes hold two quote characters that the text does not show, as many as a
    # string in place of a number adds: the document must not be proved valid by the count.
    text = seed_text().replace("64.2623", '"64.2623"', 1)
    text = text.replace('"preamble": "', '"preamble": "\\u0022\\u0022', 1)
    assert read_native(text.encode()) is None
    fast, exact = both(text)
    assert fast == exact
    assert [f.code for f in exact[1]] == ["STRUCT-TYPE"]


def test_quotes_in_strings_still_take_the_native_path() -> None:
    text = seed_text().replace('"preamble": "', '"preamble": "\\"quoted\\" ', 1)
    report = read_native(text.encode())
    assert report is not None
    assert report.preamble is not None
    assert report.preamble.startswith('"quoted" ')


def test_money_digits_survive_the_native_path() -> None:
    report = read_native(seed_text().replace("64.2623", "64.20").encode())
    assert report is not None
    assert str(report.active_disclosure.fees.amount_10k_yuan) == "64.20"


@given(st.sampled_from(["2021", "2019"]).flatmap(documents), st.data())
def test_any_document_agrees(doc: dict[str, Any], data: st.DataObject) -> None:
    mutated: Any = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(0, 2))):
        mutated = mutate_document(mutated, data)
    fast, exact = both(emit(mutated))
    assert fast == exact
