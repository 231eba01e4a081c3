"""The docs' code runs, and the generated pages exist where the site expects them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT

BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def test_quickstart_code_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    blocks = BLOCK.findall((ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8"))
    assert len(blocks) == 5, "quickstart code blocks"
    for block in blocks:
        exec(compile(block, "quickstart.md", "exec"), {})  # the docs are ours
    assert (tmp_path / "report.json").exists()


_NOT_RUN = "<!-- not run: "


def _pages() -> list[Path]:
    return sorted(p for p in (ROOT / "docs").glob("*.md") if "```python" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_every_python_snippet_of_the_docs_runs(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page's snippets run in order in one namespace, as a reader would type them, in a
    # folder holding the shipped examples and a report as page text. A snippet that cannot
    # run here says why in a comment just above it.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copy(ROOT / "tests" / "data" / "yiyuan-police-2023.txt", tmp_path / "report.txt")
    monkeypatch.chdir(tmp_path)
    text = page.read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    ran = 0
    for match in BLOCK.finditer(text):
        before = text[: match.start()].rstrip().rsplit("\n", 1)[-1]
        if before.startswith(_NOT_RUN):
            assert before.endswith("-->"), before
            assert len(before) > len(_NOT_RUN) + 5, before  # a reason
            continue
        exec(compile(match.group(1), page.name, "exec"), namespace)  # the docs are ours
        ran += 1
    assert ran


def test_site_navigation_names_existing_pages() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in re.findall(r":\s+([\w/.-]+\.md)$", config, re.M):
        assert (ROOT / "docs" / page).exists(), page
