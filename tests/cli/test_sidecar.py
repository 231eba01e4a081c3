"""The findings of an import travel with the report: ``extract -o`` writes them beside it and
``validate`` reports them again, as long as the cells they are about are unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govdisclosure as gd
from govdisclosure._cli.main import main
from tests.helpers import DATA, ROOT

PINGTAN = DATA / "2024_pingtan-gonganju.txt"


def _extract(tmp_path: Path) -> Path:
    target = tmp_path / "report.json"
    assert main(["extract", str(PINGTAN), "-o", str(target)]) == 0
    return target


def test_extract_writes_the_findings_beside_the_report(tmp_path: Path) -> None:
    target = _extract(tmp_path)
    side = json.loads((tmp_path / "report.findings.json").read_text(encoding="utf-8"))
    assert (side["findings_of"], side["form"]) == ("report.json", "text")
    expected = gd.extract(PINGTAN).findings
    assert [(f["code"], f["path"], f["actual"], f["expected"]) for f in side["findings"]] == [
        (f.code, f.path, f.actual, f.expected) for f in expected
    ]
    granted = next(f for f in side["findings"] if f["path"] == "/applications/results/granted")
    assert granted["value"]["total"] == 3
    assert gd.load(target).applications.results.granted.total == 3


def test_validate_reports_the_findings_of_the_import_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _extract(tmp_path)
    capsys.readouterr()
    assert main(["validate", str(target), "--format", "json"]) == 0
    (file,) = json.loads(capsys.readouterr().out)["files"]
    codes = [f["code"] for f in file["findings"]]
    assert codes.count("EXTRACT-SPLIT") == 27
    # A folder of reports: the file of findings is no report of its own.
    assert main(["validate", str(tmp_path), "--format", "json"]) == 0
    assert [f["file"] for f in json.loads(capsys.readouterr().out)["files"]] == [str(target)]


def test_a_corrected_cell_drops_its_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _extract(tmp_path)
    document = json.loads(target.read_text(encoding="utf-8"))
    document["applications"]["results"]["granted"]["natural_person"] = 2
    document["applications"]["results"]["granted"]["total"] = 2
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["validate", str(target), "--format", "json"])
    (file,) = json.loads(capsys.readouterr().out)["files"]
    split = [f["path"] for f in file["findings"] if f["code"] == "EXTRACT-SPLIT"]
    assert len(split) == 26
    assert "/applications/results/granted" not in split


def test_a_broken_file_of_findings_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _extract(tmp_path)
    (tmp_path / "report.findings.json").write_text("{", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(target), "--format", "json"]) == 0
    (file,) = json.loads(capsys.readouterr().out)["files"]
    (finding,) = file["findings"]
    assert (finding["code"], finding["severity"], finding["message"]) == (
        "EXTRACT-FINDINGS-FILE",
        "warning",
        "报告旁的导入发现文件 report.findings.json 无法读取（不是有效的 JSON），导入时的发现未能列出",
    )


def test_extract_to_standard_output_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["extract", str(PINGTAN)]) == 0
    assert list(tmp_path.iterdir()) == []


def test_the_file_of_findings_never_overwrites_the_file_read(tmp_path: Path) -> None:
    source = tmp_path / "report.findings.json"
    source.write_bytes((ROOT / "examples" / "yiyuan-police-2023.json").read_bytes())
    before = source.read_bytes()
    assert main(["extract", str(source), "-o", str(tmp_path / "report.json")]) == 0
    assert source.read_bytes() == before
    assert gd.load(tmp_path / "report.json") == gd.load(source)
