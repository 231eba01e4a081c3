"""The code emitter: generated functions have real sources, in tracebacks and for inspect."""

from __future__ import annotations

import importlib.util
import inspect
import traceback
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure._codec import writer as _writer
from govdisclosure._codec.reader import Invalid, reader
from govdisclosure._ground import codegen as _codegen
from govdisclosure._rules import engine as _rules
from tests.helpers import SEED


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


def test_a_generated_function_is_compiled_with_its_source_in_linecache() -> None:
    namespace: dict[str, Any] = {}
    f = _codegen.emit_function("test boom", ["def f():", "    raise KeyError('x')"], namespace, "f")
    with pytest.raises(KeyError) as caught:
        f()
    text = "".join(traceback.format_exception(caught.value))
    assert 'File "<govdisclosure generated test boom>", line 2, in f' in text
    assert "    raise KeyError('x')\n" in text


def test_compiled_code_is_cached_and_used_only_while_it_holds_the_source_made_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_codegen, "CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    first = _codegen.emit_function("test cached", ["def f():", "    return 1"], {}, "f")
    assert first() == 1
    cached = Path(_codegen.cache_path("test cached"))
    assert cached.parent == tmp_path / "cache"
    assert cached.read_bytes().startswith(importlib.util.MAGIC_NUMBER)
    # Another process (emulated: the name forgotten) runs the cached code, not a new compile.
    del _codegen._SOURCES["test cached"]
    compiled: list[str] = []
    monkeypatch.setattr("builtins.compile", lambda *a, **k: compiled.append(a[1]))
    again = _codegen.emit_function("test cached", ["def f():", "    return 1"], {}, "f")
    assert again() == 1
    assert compiled == []
    monkeypatch.undo()
    # The generator now makes another source under the same name: the cache is stale and
    # compiled over; a broken cache file is compiled over too.
    monkeypatch.setattr(_codegen, "CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    del _codegen._SOURCES["test cached"]
    stale = _codegen.emit_function("test cached", ["def f():", "    return 2"], {}, "f")
    assert stale() == 2
    del _codegen._SOURCES["test cached"]
    cached.write_bytes(importlib.util.MAGIC_NUMBER + b"\x00broken")
    assert _codegen.emit_function("test cached", ["def f():", "    return 3"], {}, "f")() == 3
    assert stale.__code__.co_filename == "<govdisclosure generated test cached>"


def test_nothing_is_written_where_bytecode_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_codegen, "CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    assert _codegen.emit_function("test unwritten", ["def f():", "    return 1"], {}, "f")() == 1
    assert not (tmp_path / "cache").exists()


def test_no_generated_source_is_kept_in_the_package() -> None:
    package = Path(gd.__file__).parent
    assert not (package / "_generated").exists()
    for path in package.rglob("*.py"):
        assert not path.read_text(encoding="utf-8").startswith("# Generated"), path


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
