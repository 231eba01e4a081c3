"""The code emitter: generated functions have real sources, in tracebacks and for inspect."""

from __future__ import annotations

import inspect
import os
import traceback
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure import _codegen, _rules, _writer
from govdisclosure._docgen import generated_sources
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
    # A shipped function runs the code of its module, whose file the traceback names.
    shipped = os.path.join(_codegen.SHIPPED, "reader_Report2021.py")
    assert f'File "{shipped}", line' in text
    assert "    raise Invalid\n" in text


def test_a_function_not_shipped_is_compiled_with_its_source_in_linecache() -> None:
    namespace: dict[str, Any] = {}
    f = _codegen.emit_function("test boom", ["def f():", "    raise KeyError('x')"], namespace, "f")
    with pytest.raises(KeyError) as caught:
        f()
    text = "".join(traceback.format_exception(caught.value))
    assert 'File "<govdisclosure generated test boom>", line 2, in f' in text
    assert "    raise KeyError('x')\n" in text


def test_a_shipped_module_is_used_only_while_it_holds_the_source_made_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_codegen, "SHIPPED", str(tmp_path))
    (tmp_path / "test_shipped.py").write_text(_codegen.HEADER + "def f():\n    return 1\n", encoding="utf-8")
    (tmp_path / "test_stale.py").write_text(_codegen.HEADER + "def f():\n    return 1\n", encoding="utf-8")
    shipped = _codegen.emit_function("test shipped", ["def f():", "    return 1"], {}, "f")
    assert shipped.__code__.co_filename == str(tmp_path / "test_shipped.py")
    # The generator now makes another source: the module is stale and not run.
    stale = _codegen.emit_function("test stale", ["def f():", "    return 2"], {}, "f")
    assert stale() == 2
    assert stale.__code__.co_filename == "<govdisclosure generated test stale>"


def test_the_folder_ships_exactly_the_generated_functions() -> None:
    modules = {name for name in os.listdir(_codegen.SHIPPED) if name.endswith(".py")}
    expected = {relative.rsplit("/", 1)[1] for relative in generated_sources()}
    assert modules == expected | {"__init__.py"}
    assert len(expected) == 10  # both editions: readers, checks, writers, rule runners


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
