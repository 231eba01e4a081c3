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


def test_site_navigation_names_existing_pages() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in re.findall(r":\s+([\w/.-]+\.md)$", config, re.M):
        assert (ROOT / "docs" / page).exists(), page
