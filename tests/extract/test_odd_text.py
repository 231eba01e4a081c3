"""Text that no output takes as it is: a lone surrogate (JSON text may write ``"\\ud800"``; it has
no UTF-8 form) and control characters (a worksheet cell holds none of them). Every command still
writes its file, nothing is lost where the form can carry it, and the rest shows an escape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure._cli.main import main
from tests.helpers import seed_text

pytest.importorskip("openpyxl")

SURROGATE = "某局\ud800测试"
CONTROL = "某局\x01\x0b测试_x0041_"


def _write(tmp_path: Path, name: str, organ: str) -> Path:
    doc: dict[str, Any] = json.loads(seed_text())
    doc["organ"]["name"] = organ
    doc["preamble"] = organ + doc["preamble"]
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="ascii")  # the surrogate as its JSON escape
    return path


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (["render", "{in}", "-o", "{out}"], "page.html"),
        (["render", "{in}", "--format", "markdown", "-o", "{out}"], "page.md"),
        (["validate", "{in}", "--format", "html", "-o", "{out}"], "review.html"),
        (["compare", "{in}", "{in}", "--format", "html", "-o", "{out}"], "compare.html"),
        (["table", "{in}", "-o", "{out}"], "table.csv"),
        (["table", "{in}", "--format", "jsonl", "-o", "{out}"], "table.jsonl"),
    ],
)
def test_a_lone_surrogate_is_written_escaped_in_every_text_output(
    tmp_path: Path, command: list[str], output: str
) -> None:
    source = _write(tmp_path, "in.json", SURROGATE)
    out = tmp_path / output
    argv = [a.format(**{"in": source, "out": out}) for a in command]
    assert main(argv) == 0
    written = out.read_bytes().decode("utf-8")  # strict: a surrogate would not decode
    assert "某局\\ud800测试" in written
    if output == "table.jsonl":
        assert json.loads(written)["organ"] == SURROGATE  # the escape is JSON's own: exact


def test_the_library_pages_have_a_utf8_form() -> None:
    doc = json.loads(seed_text())
    doc["organ"]["name"] = SURROGATE
    report = gd.from_dict(doc)
    for fmt in ("html", "markdown"):
        page = gd.render(report, fmt)
        assert "某局\\ud800测试" in page.encode("utf-8").decode("utf-8")


@pytest.mark.parametrize("organ", [SURROGATE, CONTROL])
@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_a_page_and_a_workbook_carry_such_text_back_exactly(tmp_path: Path, organ: str, fmt: str) -> None:
    source = _write(tmp_path, "in.json", organ)
    report = gd.loads(source.read_bytes())
    out = tmp_path / f"page.{fmt}"
    assert main(["render", str(source), "--format", fmt, "-o", str(out)]) == 0
    result = gd.extract(out)
    assert result.report is not None
    assert result.report.organ.name == organ
    assert gd.dumps(result.report) == gd.dumps(report)


def test_the_dataset_workbook_shows_what_a_cell_cannot_hold_as_escapes(tmp_path: Path) -> None:
    import openpyxl

    sources = [_write(tmp_path, "a.json", SURROGATE), _write(tmp_path, "b.json", CONTROL)]
    out = tmp_path / "table.xlsx"
    assert main(["table", *map(str, sources), "--format", "xlsx", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["某局\\ud800测试", "某局\\u0001\\u000b测试\\u005fx0041_"]


def test_a_dataset_workbook_keeps_a_text_that_begins_with_equals_as_text(tmp_path: Path) -> None:
    import openpyxl

    source = _write(tmp_path, "a.json", '=HYPERLINK("http://example.com")')
    out = tmp_path / "table.xlsx"
    assert main(["table", str(source), "--format", "xlsx", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    organ = sheet["B2"]
    assert (organ.value, organ.data_type) == ('=HYPERLINK("http://example.com")', "s")  # not a formula
