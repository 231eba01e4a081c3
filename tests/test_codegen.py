"""The code emitter: generated functions have real sources, in tracebacks and for inspect."""

from __future__ import annotations

import inspect
import traceback
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure import _codegen, _rules, _writer
from govdisclosure._reader import Invalid, reader

from .conftest import SEED


def test_a_generated_function_has_its_source() -> None:
    read = reader(gd.Report2021)
    assert inspect.getsource(read) == _codegen.source("reader Report2021")
    assert inspect.getsource(read).startswith("def read(o, t):\n")
    runner = _rules._runner("2021", None)
    assert inspect.getsource(runner).startswith("def run(r, p):\n")
    writer = _writer._writer(gd.Report2021)
    assert writer is not None
    assert writer(gd.load(SEED)) == SEED.read_text(encoding="utf-8")


def test_a_traceback_through_generated_code_shows_its_lines(seed: dict[str, Any]) -> None:
    seed["applications"]["new_received"]["total"] = "7"
    with pytest.raises(Invalid) as caught:
        reader(gd.Report2021)(seed, [])
    text = "".join(traceback.format_exception(caught.value))
    assert 'File "<govdisclosure generated reader Report2021>", line' in text
    assert "    raise Invalid\n" in text


def test_generation_is_lazy_and_names_are_listed() -> None:
    gd.validate(SEED.read_bytes())
    assert "rules 2021/-" in _codegen.names()
    assert any(name.startswith("reader Report2021") for name in _codegen.names())


def test_one_name_one_source() -> None:
    namespace: dict[str, Any] = {}
    f = _codegen.emit_function("test one", ["def f():", "    return 1"], namespace, "f")
    assert f() == 1
    assert _codegen.emit_function("test one", ["def f():", "    return 1"], {}, "f")() == 1
    with pytest.raises(ValueError, match="emitted twice"):
        _codegen.emit_function("test one", ["def f():", "    return 2"], {}, "f")
