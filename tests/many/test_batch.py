"""validate_many: input order, laziness, worker processes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from tests.helpers import SEED


@pytest.fixture
def folder(tmp_path: Path, seed: dict[str, Any]) -> Path:
    for index in range(40):
        doc = dict(seed)
        if index % 7 == 3:
            doc = json.loads(json.dumps(seed))
            doc["applications"]["new_received"]["total"] = index
        (tmp_path / f"r{index:03}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", [None, 1, 2, 0])
def test_results_in_input_order(folder: Path, jobs: int | None) -> None:
    results = list(gd.validate_many([folder, folder / "absent.json"], jobs=jobs))
    assert [r.file for r in results] == [str(folder / f"r{i:03}.json") for i in range(40)] + [
        str(folder / "absent.json")
    ]
    assert [r.ok for r in results[:40]] == [i % 7 != 3 for i in range(40)]
    assert results[-1].unreadable == "No such file or directory"
    bad = results[3].result
    assert bad is not None
    assert [(f.code, f.path, f.expected, f.actual) for f in bad.findings] == [
        ("NARR-TABLE-MISMATCH", "/overview/disclosure_on_request", 3, 7),  # the text says 7
        ("T3-ROW-TOTAL", "/applications/new_received/total", 7, 3),
        ("T3-BALANCE", "/applications/carried_forward/total", -4, 0),
    ]


def test_lazy() -> None:
    def names() -> Any:
        yield SEED
        raise AssertionError("read ahead")

    first = next(iter(gd.validate_many(names())))
    assert first.ok


def test_previous_reaches_the_workers(folder: Path, seed: dict[str, Any]) -> None:
    seed["year"] = 2022
    seed["published_on"] = "2023-01-02"
    seed["applications"]["carried_forward"]["other_organization"] = 1
    previous = gd.from_dict(seed)
    results = list(gd.validate_many([folder], jobs=2, previous=previous))
    assert all(
        # XY-JUMP too where a total was set far from last year's 7 (r038: 38).
        [f.code for f in r.result.findings if f.code.startswith("XY") and f.code != "XY-JUMP"] == ["XY-CARRY"]
        for r in results
        if r.result
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_findings_only_when_reports_are_not_wanted(folder: Path, jobs: int) -> None:
    full = list(gd.validate_many([folder], jobs=jobs))
    lean = list(gd.validate_many([folder], jobs=jobs, reports=False))
    assert [r.file for r in lean] == [r.file for r in full]
    for kept, dropped in zip(full, lean, strict=True):
        assert kept.result is not None
        assert dropped.result is not None
        assert kept.result.report is not None
        assert dropped.result.report is None
        assert dropped.result.findings == kept.result.findings
        assert dropped.ok == kept.ok


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As root, a folder of mode 000 still lists: the walk is told the folder failed, as it is
    # for any other user.
    import errno
    import os

    from govdisclosure._cli.main import main

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.json").write_bytes(SEED.read_bytes())
    locked = tmp_path / "locked"
    locked.mkdir()
    walk = os.walk

    def walked(top: Any, onerror: Any = None, followlinks: bool = False) -> Any:
        for root, dirs, files in walk(top, onerror=onerror, followlinks=followlinks):
            if root == str(locked):
                onerror(PermissionError(errno.EACCES, "Permission denied", root))
                continue
            yield root, dirs, files

    monkeypatch.setattr(os, "walk", walked)
    assert main(["validate", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert f"{tmp_path / 'ok' / 'a.json'}: 通过" in out
    assert f"{locked}: [FILE-UNREADABLE]" in out
