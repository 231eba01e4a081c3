"""The shared ==, hash() and repr() of the package's attrs classes, against attrs' own."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import govdisclosure as gd
from govdisclosure._ground.values import value_class
from govdisclosure._model.describe import FieldDesc, WholeNumber, describe


def _pair(frozen: bool) -> tuple[Any, Any]:
    # The same fields, one class made by attrs with its own methods, one given the shared ones.
    def body() -> dict[str, Any]:
        return {
            "a": attrs.field(),
            "b": attrs.field(hash=False),
            "c": attrs.field(eq=False),
            "d": attrs.field(repr=False, default=0),
        }

    theirs = attrs.make_class("Sample", body(), frozen=frozen)
    ours: Any = value_class(attrs.make_class("Sample", body(), frozen=frozen, repr=False, eq=False))
    return ours, theirs


@pytest.mark.parametrize("frozen", [True, False])
def test_the_shared_methods_honour_each_fields_flags_as_attrs_does(frozen: bool) -> None:
    ours, theirs = _pair(frozen)
    for cls in (ours, theirs):
        one, two = cls(1, [2], 3, 4), cls(1, [2], 99, 4)
        assert one == two  # c: not compared
        assert one != cls(1, [5], 3, 4)
        assert one != cls(1, [2], 3, 5)
    assert repr(ours(1, [2], 3, 4)) == repr(theirs(1, [2], 3, 4)) == "Sample(a=1, b=[2], c=3)"
    assert ours(1, 2, 3) != theirs(1, 2, 3)
    if frozen:
        # b: compared, not hashed; c: neither
        assert hash(ours(1, 2, 3)) == hash(ours(1, 7, 8))
        assert hash(ours(1, 2, 3)) != hash(ours(2, 2, 3))
    else:
        with pytest.raises(TypeError, match="unhashable"):
            hash(ours(1, 2, 3))
        with pytest.raises(TypeError, match="unhashable"):
            hash(theirs(1, 2, 3))


def test_a_method_the_class_writes_itself_is_kept() -> None:
    @value_class
    @attrs.frozen(repr=False, eq=False)
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

    assert repr(Own(1)) == "own"
    assert Own(1) == Own(1)


def test_the_descriptions_and_findings_keep_their_value_semantics() -> None:
    assert WholeNumber(0, 5) == WholeNumber(0, 5)
    assert len({WholeNumber(0, 5), WholeNumber(0, 5), WholeNumber(0, 6)}) == 2
    assert repr(WholeNumber(0, 5)) == "WholeNumber(minimum=0, maximum=5)"
    desc = describe(gd.CountRow)
    assert isinstance(desc.fields[0], FieldDesc)
    assert desc == describe(gd.CountRow)
    assert "by_name" not in repr(desc)  # a field with repr=False
    one = gd.Finding("T3-ROW-TOTAL", "error", "/a", "x", 1, 2, {"k": 1})
    assert one == gd.Finding("T3-ROW-TOTAL", "error", "/a", "x", 1, 2, {"k": 1})
    assert one != gd.Finding("T3-ROW-TOTAL", "error", "/a", "x", 1, 2, {"k": 2})
    assert hash(one) == hash(
        gd.Finding("T3-ROW-TOTAL", "error", "/a", "x", 1, 2, {"k": 2})
    )  # params: hash=False
