"""The command line: exit codes, both output formats, no traceback for user error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure._cli.main import main
from tests.helpers import DATA, ROOT, SEED, seed_text


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken(tmp_path: Path, seed: dict[str, Any]) -> Path:
    seed["applications"]["results"]["total"]["commercial_enterprise"] = 3
    seed["published_on"] = "2024-03-01"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    return path


def test_valid_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(SEED))
    assert code == 0
    assert out == f"{SEED}: 通过（0 个错误，0 个警告）\n"
    assert err == ""


def test_invalid_file_exits_1_with_text_report(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{broken}: 未通过（3 个错误，1 个警告）"
    assert lines[1] == "  警告 META-PUBLISHED-LATE /published_on  发布日期"
    assert (
        "  错误 T3-RESULTS-TOTAL /applications/results/total/commercial_enterprise  三（七）总计·商业企业"
        in lines
    )
    # The message carries the values: no third line repeats them.
    at = lines.index(
        "  错误 T3-RESULTS-TOTAL /applications/results/total/commercial_enterprise  三（七）总计·商业企业"
    )
    assert lines[at + 1] == "      三（七）总计·商业企业应为 0（（一）至（六）各项之和），实际填报 3"
    assert lines[at + 2].startswith("  错误 ")
    assert not any("应为 0，实际 3" in line for line in lines)


def test_findings_of_one_code_are_one_group_with_their_places(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = gd.to_dict(gd.load(SEED))
    doc["applications"]["results"]["granted"]["total"] += 1
    doc["applications"]["results"]["withheld"]["state_secret"]["total"] += 2
    path = tmp_path / "two.json"
    path.write_text(gd.dumps(gd.from_dict(doc)), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    at = lines.index("  错误 T3-ROW-TOTAL（2 处）")
    assert lines[at + 1].startswith("      /applications/results/granted/total：三（一）予以公开·总计应为 ")
    assert lines[at + 2].startswith("      /applications/results/withheld/state_secret/total：")
    assert sum(line.startswith("  错误 T3-ROW-TOTAL") for line in lines) == 1
    _, out, _ = run(capsys, "validate", "--lang", "en", str(path))
    assert "  error T3-ROW-TOTAL (2 places)" in out.splitlines()
    _, out, _ = run(capsys, "validate", "--format", "json", str(path))
    (entry,) = json.loads(out)["files"]
    row_total = next(g for g in entry["groups"] if g["code"] == "T3-ROW-TOTAL")
    assert row_total == {
        "code": "T3-ROW-TOTAL",
        "severity": "error",
        "count": 2,
        "paths": ["/applications/results/granted/total", "/applications/results/withheld/state_secret/total"],
    }
    assert sum(g["count"] for g in entry["groups"]) == len(entry["findings"])


def test_english_text(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    code, out, _ = run(capsys, "validate", "--lang", "en", str(broken))
    assert code == 1
    assert out.splitlines()[0] == f"{broken}: invalid (3 errors, 1 warning)"
    assert (
        "      /applications/results/total/commercial_enterprise: expected 0 (sum of the result rows), reported 3"
        in out.splitlines()
    )


def test_json_output(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(SEED), str(broken))
    assert code == 1
    data = json.loads(out)
    payload = data["files"]
    assert data["summary"] == {
        "files": 2,
        "valid": 1,
        "with_errors": 1,
        "with_warnings": 0,  # a file with errors counts there, whatever warnings it has
        "unreadable": 0,
        "codes": {"META-PUBLISHED-LATE": 1, "T3-BALANCE": 1, "T3-RESULTS-TOTAL": 1, "T3-ROW-TOTAL": 1},
    }
    assert [(p["file"], p["ok"], len(p["findings"])) for p in payload] == [
        (str(SEED), True, 0),
        (str(broken), False, 4),
    ]
    assert payload[1]["findings"][1] == {
        "code": "T3-RESULTS-TOTAL",
        "severity": "error",
        "path": "/applications/results/total/commercial_enterprise",
        "label": "三（七）总计·商业企业",
        "expected": 0,
        "actual": 3,
        "message": "三（七）总计·商业企业应为 0（（一）至（六）各项之和），实际填报 3",
        "message_en": "/applications/results/total/commercial_enterprise: expected 0 (sum of the result rows), reported 3",
    }


def test_summary_line_for_several_files(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    _, out, _ = run(capsys, "validate", str(SEED), str(broken))
    assert out.splitlines()[-2:] == [
        "共 2 个文件：1 个通过（其中 0 个有警告），1 个有错误",
        "按代码统计：META-PUBLISHED-LATE 1, T3-BALANCE 1, T3-RESULTS-TOTAL 1, T3-ROW-TOTAL 1",
    ]


def test_unreadable_file_exits_2_but_reports_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path / "absent.json"), str(SEED))
    assert code == 2
    assert (
        out.splitlines()[0] == f"{tmp_path / 'absent.json'}: [FILE-UNREADABLE] 无法读取文件：文件或目录不存在"
    )
    code, out, _ = run(capsys, "validate", "--lang", "en", str(tmp_path / "absent.json"))
    assert (
        out
        == f"{tmp_path / 'absent.json'}: [FILE-UNREADABLE] cannot read the file: No such file or directory\n"
    )
    code, out, _ = run(capsys, "validate", "--format", "json", str(tmp_path / "absent.json"))
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert (finding["code"], finding["message"]) == ("FILE-UNREADABLE", "无法读取文件：文件或目录不存在")


def test_broken_json_file_is_a_finding_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"\xff\xfe{")
    code, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert code == 1
    assert json.loads(out)["files"][0]["findings"][0]["code"] == "JSON-ENCODING"


def test_previous(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: dict[str, Any]) -> None:
    seed["year"] = 2022
    seed["published_on"] = "2023-01-10"
    seed["applications"]["carried_forward"]["natural_person"] = 1
    previous = tmp_path / "2022.json"
    previous.write_text(json.dumps(seed), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", "--previous", str(previous), str(SEED))
    assert code == 0  # XY-CARRY is a warning
    assert [f["code"] for f in json.loads(out)["files"][0]["findings"]] == ["XY-CARRY"]


def test_invalid_previous_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    previous = tmp_path / "prev.json"
    previous.write_text("[]", encoding="utf-8")
    code, out, err = run(capsys, "validate", "--previous", str(previous), str(SEED))
    assert code == 2
    assert out == ""
    assert "is not a valid report" in err
    assert "STRUCT-TYPE" in err
    code, _, err = run(capsys, "validate", "--previous", str(tmp_path / "none.json"), str(SEED))
    assert code == 2
    assert "cannot read --previous" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        [],
        ["validate"],
        ["validate", "--format", "xml", "a.json"],
        ["frobnicate"],
        ["schema", "--edition", "2020"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    capsys.readouterr()


def test_schema_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "schema", "--edition", "2019")
    assert code == 0
    assert json.loads(out) == gd.json_schema("2019")
    target = tmp_path / "s.json"
    assert run(capsys, "schema", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == (ROOT / "schemas" / "report-2021.schema.json").read_text(
        encoding="utf-8"
    )
    assert json.loads(target.read_text(encoding="utf-8")) == gd.json_schema("2021")
    assert run(capsys, "schema", "--output", str(tmp_path / "no" / "such" / "dir.json"))[0] == 2


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    assert [r["code"] for r in json.loads(out)] == [r.code for r in gd.rules()]
    code, out, _ = run(capsys, "rules", "--edition", "2019")
    assert "NARR-FEE-STATEMENT" not in out
    assert "T3-BALANCE" in out


def test_stdin(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "validate", "-"],
        input=seed_text().encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == "-: 通过（0 个错误，0 个警告）\n"


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02", b"[" * 100_000, b'{"format_version": "2021", "year": NaN}', b"9" * 6000],
)
def test_no_traceback_for_any_bad_input(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "validate", str(path)], capture_output=True, check=False
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr + done.stdout


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    import os
    import pty

    files = []
    for index in range(3):
        path = tmp_path / f"{index}.json"
        path.write_bytes(SEED.read_bytes())
        files.append(str(path))
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "govdisclosure", "validate", *files],
            stdout=subprocess.PIPE,
            stderr=follower,
            check=False,
            timeout=60,
        )
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"3/3" in drawn  # drawn on the terminal...
    assert b"3/3" not in done.stdout  # ...never into the results
    assert (
        done.stdout.decode("utf-8").splitlines()[-1] == "共 3 个文件：3 个通过（其中 0 个有警告），0 个有错误"
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"govdisclosure {gd.__version__}\n"


def test_a_folder_with_no_reports_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "没有 *.json 报告文件 / holds no *.json report files" in captured.err


def test_quiet_lists_only_files_with_findings(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    code, out, _ = run(capsys, "validate", "-q", str(SEED), str(broken))
    assert code == 1
    assert str(SEED) not in out
    assert out.splitlines()[0].startswith(f"{broken}: 未通过")
    assert out.splitlines()[-1].startswith("按代码统计：")


@pytest.mark.parametrize(
    ("lang", "expected"), [("en_US.UTF-8", "ok"), ("zh_CN.UTF-8", "通过"), ("C", "通过")]
)
def test_the_language_follows_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    _, out, _ = run(capsys, "validate", str(SEED))
    assert out.startswith(f"{SEED}: {expected}")
    _, out, _ = run(capsys, "validate", "--lang", "zh", str(SEED))
    assert out.startswith(f"{SEED}: 通过")


def test_findings_as_csv(capsys: pytest.CaptureFixture[str], broken: Path) -> None:
    import csv
    import io

    code, out, _ = run(capsys, "validate", "--format", "csv", str(SEED), str(broken))
    assert out.startswith("\ufeff")  # a byte-order mark: Excel and WPS read it as UTF-8
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert code == 1
    assert rows[0] == [
        "file",
        "organ",
        "year",
        "code",
        "severity",
        "path",
        "label",
        "expected",
        "actual",
        "message",
    ]
    assert rows[1][:6] == [
        str(broken),
        "沂源县公安局",
        "2023",
        "META-PUBLISHED-LATE",
        "warning",
        "/published_on",
    ]
    assert {r[3] for r in rows[1:]} == {
        "META-PUBLISHED-LATE",
        "T3-ROW-TOTAL",
        "T3-RESULTS-TOTAL",
        "T3-BALANCE",
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "-q", "--jobs", "2", "a.json", "b"],
        ["validate", "--format", "json", "--lang", "en", "--previous", "p.json", "a.json"],
        ["schema", "--edition", "2019", "-o", "s.json"],
        ["rules", "--format", "json"],
        ["render", "--format", "xlsx", "a.json"],
        ["template", "--edition", "2019"],
        ["extract", "--input-format", "pdf", "a.pdf"],
        ["table", "--long", "--labels", "zh", "dir"],
        ["aggregate", "--organ", "全市", "dir"],
        ["compare", "--format", "html", "last.json", "this.json"],
    ],
)
def test_a_command_parses_alike_with_its_parser_alone(argv: list[str]) -> None:
    # A run builds only its command's parser: the arguments must come out as with all of them.
    from govdisclosure._cli.main import _parser

    assert vars(_parser(argv[0]).parse_args(argv)) == vars(_parser().parse_args(argv))
    assert [a.dest for a in _parser(argv[0])._actions] == [a.dest for a in _parser()._actions]


def test_the_formats_are_the_public_modules_of_their_folders(tmp_path: Path) -> None:
    import pkgutil
    import zipfile

    from govdisclosure._ground.registry import module_names
    from govdisclosure._render import formats as _renderers
    from govdisclosure._render import reporters as _reporters

    for package in (_renderers, _reporters):
        listed = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
        assert list(module_names(package.__path__)) == listed
    assert module_names(_reporters.__path__) == ("csv", "json", "text")
    # A package inside a zip archive: listed through pkgutil.
    archive = tmp_path / "formats.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name in ("formats/__init__.py", "formats/a.py", "formats/_b.py", "formats/c.py"):
            bundle.writestr(name, "")
    assert module_names([f"{archive}/formats"]) == ("a", "c")


def test_every_command_is_a_module_of_its_own_with_a_parser_and_a_runner() -> None:
    import importlib
    import pkgutil

    from govdisclosure._cli import main as _cli

    package = importlib.import_module("govdisclosure._cli")
    shared = {"__init__", "common", "main", "progress", "review"}
    modules = {m.name for m in pkgutil.iter_modules(package.__path__)} - shared
    assert modules == set(_cli.COMMANDS)
    for name in _cli.COMMANDS:
        module = importlib.import_module(f"govdisclosure._cli.{name}")
        assert module.__all__ == ["add", "run"]
        parser = _cli._parser(name)
        choices = next(a for a in parser._actions if a.dest == "command").choices
        assert choices is not None
        assert set(choices) == {name}


def test_validate_render_and_previous_read_every_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # An office checks what organs send: PDFs, web pages, page text. The import's findings
    # come first, then the report's; a JSON file stays as strict as ever.
    pytest.importorskip("pypdfium2")
    code, out, err = run(capsys, "validate", str(DATA / "2024_hongzequ.pdf"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{DATA / '2024_hongzequ.pdf'}: 通过（0 个错误，4 个警告）"
    assert lines[1] == "  警告 EXTRACT-GROUP-ROW（3 处）"
    assert lines[5] == "  警告 NARR-TABLE-MISMATCH /overview/disclosure_on_request  一（二）依申请公开"
    code, out, _ = run(capsys, "validate", "--format", "json", str(DATA / "2024_pingtan-gonganju.html"))
    (entry,) = json.loads(out)["files"]
    assert (code, entry["ok"]) == (0, True)
    # Last year's report as page text: the cross-year rules run against it.
    code, out, _ = run(capsys, "validate", str(SEED), "--previous", str(DATA / "yiyuan-police-2023.txt"))
    assert code == 1
    assert "  错误 XY-YEAR /year  报告年度" in out.splitlines()
    # A file that holds no report is one finding, exit 1; broken JSON is still JSON's finding.
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(notes))
    assert code == 1
    assert "EXTRACT-" in out
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(broken))
    assert code == 1
    assert "JSON-SYNTAX" in out
    page = tmp_path / "page.html"
    assert run(capsys, "render", str(DATA / "2024_pingtan-gonganju.txt"), "-o", str(page))[0] == 0
    assert "平潭综合实验区公安局" in page.read_text(encoding="utf-8")


def test_a_finding_about_a_workbook_cell_names_its_sheet_and_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    from tests.helpers import edit_workbook

    def change(book: Any) -> None:
        book["表三"]["D5"] = book["表三"]["D5"].value + 1  # 本年新收·自然人, its row total unchanged

    path = tmp_path / "report.xlsx"
    path.write_bytes(edit_workbook(gd.render(gd.load(SEED), "xlsx"), change))
    extracted = gd.extract(path)
    row_total = next(f for f in extracted.findings if f.code == "T3-ROW-TOTAL")
    assert row_total.label == "一、本年新收政府信息公开申请数量·总计（表三!J5）"
    assert row_total.message.startswith("一、本年新收政府信息公开申请数量·总计（表三!J5）应为 ")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert (
        "  错误 T3-ROW-TOTAL /applications/new_received/total  一、本年新收政府信息公开申请数量·总计（表三!J5）"
        in out
    )
    _, out, _ = run(capsys, "validate", "--format", "json", str(path))
    (entry,) = json.loads(out)["files"]
    assert {f["label"] for f in entry["findings"] if f["code"] == "T3-ROW-TOTAL"} == {row_total.label}
    _, out, _ = run(capsys, "validate", "--format", "csv", str(path))
    assert "表三!J5" in out
    review = tmp_path / "review.html"
    assert run(capsys, "validate", "--format", "html", "-o", str(review), str(path))[0] == 1
    assert "（表三!J5）应为 " in review.read_text(encoding="utf-8")


def test_every_format_of_validate_writes_where_o_says(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for fmt in ("text", "json", "csv"):
        out = tmp_path / f"findings.{fmt}"
        code, printed, _ = run(capsys, "validate", "--format", fmt, "-o", str(out), str(SEED))
        assert (code, printed) == (0, "")
        written = out.read_text(encoding="utf-8")
        assert written
        if fmt == "json":
            assert json.loads(written)["files"][0]["ok"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.csv", "findings.json", "findings.text"]


def test_an_output_that_is_an_input_is_refused_before_anything_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "b.json"
    report.write_bytes(SEED.read_bytes())
    before = report.read_bytes()
    for argv in (
        ["table", str(SEED), str(report), "-o", str(report)],
        ["render", str(report), "-o", str(tmp_path / "." / "b.json")],
        ["validate", "--format", "json", str(report), "-o", str(report)],
        ["extract", str(report), "-o", str(report)],
        ["compare", str(SEED), str(report), "-o", str(report)],
        ["aggregate", str(SEED), str(report), "--allow-duplicates", "-o", str(report)],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, ""), argv
        assert err == (
            f"govdisclosure: 输出 {argv[argv.index('-o') + 1]} 就是输入文件 {report}，不能覆盖输入 / "
            f"the output {argv[argv.index('-o') + 1]} is the input {report}: an input is never overwritten\n"
        ), argv
        assert report.read_bytes() == before


def test_an_output_is_written_whole_or_not_at_all(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from govdisclosure._cli.common import written

    target = tmp_path / "out.csv"
    target.write_text("the last complete output\n", encoding="utf-8")

    def interrupted() -> None:
        with written(str(target)) as sink:
            sink.write("half of a new output")
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        interrupted()
    assert target.read_text(encoding="utf-8") == "the last complete output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind
    # A symlink at the output is replaced, never written through.
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    assert run(capsys, "schema", "-o", str(link))[0] == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink()
    assert json.loads(link.read_text(encoding="utf-8"))["$schema"]
    # Many review pages go into a folder: a file name is refused, as is the reports' folder.
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.json").write_bytes(SEED.read_bytes())
    (folder / "b.json").write_bytes(SEED.read_bytes())
    code, _, err = run(capsys, "validate", "--format", "html", str(folder), "-o", str(tmp_path / "all.html"))
    assert code == 2
    assert "names a file: give -o FOLDER" in err
    assert not (tmp_path / "all.html").exists()
    code, _, err = run(capsys, "validate", "--format", "html", str(folder), "-o", str(folder))
    assert code == 2
    assert sorted(p.name for p in folder.iterdir()) == ["a.json", "b.json"]


def test_a_missing_file_is_said_in_both_languages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nonexist.pdf"
    for command in ("extract", "render"):
        code, _, err = run(capsys, command, str(missing))
        assert code == 2
        assert (
            err
            == f"govdisclosure: 无法读取 {missing}（文件或目录不存在）/ cannot read {missing}: No such file or directory\n"
        )


def test_every_command_and_option_has_help_and_states_its_default() -> None:
    import argparse

    from govdisclosure._cli import main as _cli

    for name in _cli.COMMANDS:
        parser = _cli._parser(name)
        (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        command = commands.choices[name]
        assert command.description, name
        zh, _, en = command.description.partition("\n")
        assert any("\u4e00" <= c <= "\u9fff" for c in zh), name  # Chinese first
        assert en, name  # then English
        assert en.isascii(), name
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, (name, action.dest)
            if action.default not in (None, False):
                assert "default" in action.help, (name, action.dest)


def test_an_output_that_is_a_device_is_written_as_it_is_never_replaced(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A temporary file renamed over /dev/full would replace the device with a file (as root).
    import os
    import stat

    for device in ("/dev/null", "/dev/full"):
        if not os.path.exists(device):
            pytest.skip(f"no {device}")
    assert run(capsys, "schema", "-o", "/dev/null")[0] == 0
    code, _, err = run(capsys, "validate", "--format", "json", "-o", "/dev/full", str(SEED))
    assert code == 2
    assert (
        err
        == "govdisclosure: 无法写入 /dev/full（磁盘空间不足）/ cannot write /dev/full: No space left on device\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
