"""The package's shape: layers whose imports point one way, read from the source.

Every import statement counts, those inside functions and under ``TYPE_CHECKING`` included. A
module may import from its own layer or a layer below; never from a layer above, and no chain
of imports comes back to where it started, among modules or among packages. The layers, from
the ground up, are listed in ``LAYERS`` and drawn in ``docs/contributing.md``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "govdisclosure"

#: The layers from the ground up; a module's layer is its top-level subpackage, or, for the
#: modules directly in the package, the name given here.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_ground",),
    ("_model",),
    ("_findings",),
    ("_codec",),
    ("_rules",),
    ("_validation",),
    ("_layout",),
    ("_workbook",),
    ("_extract",),
    ("_many",),
    ("_render",),
    ("", "strategies"),  # the public face: govdisclosure/__init__.py and the strategies
    ("_cli", "__main__"),
    ("_docs",),
)
_LAYER = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MAX_LINES = 420
MAX_ENTRIES = 20


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The modules of the package that the module ``name`` imports, anywhere in its source."""
    known = set(known)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # "from . import x" names a module x where there is one, else the package's x.
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # "import a.b.c" reaches a.b.c's module
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, found) for name, path in found.items()}


def layer(name: str) -> int:
    parts = name.split(".")
    top = parts[1] if len(parts) > 1 else ""
    assert top in _LAYER, f"{name}: no layer for {top!r}; add it to LAYERS and to docs/contributing.md"
    return _LAYER[top]


def circles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def packages_graph(edges: Mapping[str, Iterable[str]], depth: int | None) -> dict[str, set[str]]:
    """The imports between packages: each module stands for its package (its top-level
    subpackage when ``depth`` is 2, its own package when ``None``)."""
    found = modules()

    def package(name: str) -> str:
        own = name if found[name].name == "__init__.py" else name.rpartition(".")[0]
        return ".".join(own.split(".")[:depth]) if depth else own

    out: dict[str, set[str]] = {}
    for name, targets in edges.items():
        out.setdefault(package(name), set()).update(
            package(t) for t in targets if package(t) != package(name)
        )
    return out


def test_no_import_points_up_a_layer() -> None:
    up = [
        f"{name} ({LAYERS[layer(name)][0] or 'public'}) imports {target} ({LAYERS[layer(target)][0] or 'public'})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer(target) > layer(name)
    ]
    assert up == []


def test_no_circle_among_modules() -> None:
    assert circles(graph()) == []


@pytest.mark.parametrize("depth", [2, None], ids=["top-level subpackages", "every package"])
def test_no_circle_among_packages(depth: int | None) -> None:
    assert circles(packages_graph(graph(), depth)) == []


def test_the_checks_see_an_arrow_up_and_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [["a", "b", "c"]]
    found = modules()
    # A function-level import is read like any other.
    source = PACKAGE / "_model" / "classes.py"
    assert "govdisclosure._model.meta" in imports("govdisclosure._model.classes", source, found)
    assert layer("govdisclosure._cli.main") > layer("govdisclosure") > layer("govdisclosure._render.render")


def test_every_subpackage_says_what_it_holds() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert len(doc or "") > 40, f"{init.relative_to(ROOT)} has no docstring saying what it holds"


def test_no_module_is_long() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_folder_listing_is_short() -> None:
    entries = [p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"]
    assert len(entries) <= MAX_ENTRIES, sorted(entries)
