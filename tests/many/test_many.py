"""Many reports: the dataset, the indicators, totals across organs, this year against last."""

from __future__ import annotations

import copy
import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure._cli.main import main
from govdisclosure._many.compare import repeated
from govdisclosure._many.dataset import INDICATORS, columns, long_rows
from govdisclosure._model.pointers import get_in
from govdisclosure.strategies import reports
from tests.helpers import DATA, EXAMPLE_FILES, EXAMPLES, ROOT, SEED, web_archive

SHANGHAI = ROOT / "examples" / "shanghai-office-2019.json"


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _leaves(item, f"{prefix}/{key}").items()}
    return {prefix: value}


def test_every_cell_of_every_report_is_its_column_and_the_other_editions_cells_are_empty() -> None:
    reports = [gd.load(p) for p in EXAMPLE_FILES]
    rows = list(gd.table(reports))
    keys = [c.key for c in columns()]
    for report, row in zip(reports, rows, strict=True):
        assert list(row) == keys
        doc = gd.to_dict(report)
        cells = {
            k: v
            for part in ("active_disclosure", "applications", "review_and_litigation")
            for k, v in _leaves(doc[part], f"/{part}").items()
        }
        for key in keys:
            if key.startswith("/"):
                expected = cells.get(key)
                value = row[key]
                assert value == expected, key
        assert (row["organ"], row["year"], row["edition"]) == (
            report.organ.name,
            report.year,
            report.format_version,
        )
        findings = gd.validate(doc).findings
        assert row["errors"] == sum(f.severity == "error" for f in findings)
        assert row["warnings"] == sum(f.severity == "warning" for f in findings)
    shanghai = rows[[p.name for p in EXAMPLE_FILES].index(SHANGHAI.name)]
    assert shanghai["/active_disclosure/licensing/items_change"] is not None
    assert shanghai["/active_disclosure/licensing/decisions"] is not None
    assert shanghai["/active_disclosure/fees/amount_10k_yuan"] is None  # a 2021-only cell
    seed = rows[[p.name for p in EXAMPLE_FILES].index(SEED.name)]
    assert seed["/active_disclosure/licensing/items_change"] is None  # a 2019-only cell, not 0


def test_indicators_have_their_formulas_and_are_empty_without_a_denominator() -> None:
    report = gd.load(SEED)
    row = next(gd.table([report]))
    results = report.applications.results
    granted = results.granted.total + results.partially_granted.total
    assert row["granted_share"] == round(granted / results.total.total, 6)
    assert row["natural_person_share"] == 1.0
    assert row["review_corrected_share"] is None  # no concluded review: 0 / 0
    by_key = {i.key: i for i in INDICATORS}
    assert by_key["granted_share"].formula == (
        "(/applications/results/granted/total + /applications/results/partially_granted/total)"
        " / (/applications/results/total/total)"
    )


def test_the_long_form_lists_each_present_cell_once() -> None:
    report = gd.load(SEED)
    rows = list(long_rows([report]))
    assert {r["pointer"] for r in rows} == {c.key for c in columns() if c.key.startswith("/")} - {
        c.key for c in columns() if c.key.startswith("/") and "2021" not in c.editions
    }
    first = rows[0]
    assert first == {
        "source": "1",
        "organ": "沂源县公安局",
        "year": 2023,
        "pointer": "/active_disclosure/regulations/issued",
        "label": "第二十条第（一）项·规章·本年制发件数",
        "value": 0,
    }


def test_pandas_loads_the_table_with_one_call() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame.from_records(gd.table([gd.load(p) for p in EXAMPLE_FILES]))
    assert len(frame) == len(EXAMPLE_FILES)


def test_the_aggregate_is_the_sum_cell_by_cell_as_a_report() -> None:
    one = gd.load(SEED)
    doc = gd.to_dict(one)
    doc["organ"]["name"] = "另一机关"
    doc["active_disclosure"]["fees"]["amount_10k_yuan"] = Decimal("0.0001")
    two = gd.from_dict(doc)
    total = gd.aggregate([one, two], organ="某县合计")
    assert isinstance(total, gd.Report2021)
    assert total.organ.name == "某县合计"
    assert total.active_disclosure.fees.amount_10k_yuan == Decimal("64.2624")
    assert total.applications.new_received.total == 2 * one.applications.new_received.total
    assert gd.validate(gd.to_dict(total)).report == total
    with pytest.raises(ValueError, match=r"#2 上海市人民政府办公厅 2019 \(2019\)"):
        gd.aggregate([one, gd.load(SHANGHAI)])
    with pytest.raises(ValueError, match="at least one report"):
        gd.aggregate([])


def test_aggregate_converts_procurement_amounts_to_one_unit_exactly() -> None:
    first = gd.load(SHANGHAI)
    doc = gd.to_dict(first)
    doc["active_disclosure"]["procurement"].update(total_amount=Decimal("12345"), unit="yuan")
    other = gd.from_dict(doc)
    doc["active_disclosure"]["procurement"].update(total_amount=Decimal("2"), unit="10k_yuan")
    third = gd.from_dict(doc)
    total = gd.aggregate([other, third])
    assert isinstance(total, gd.Report2019)
    assert (total.active_disclosure.procurement.total_amount, total.active_disclosure.procurement.unit) == (
        Decimal("3.2345"),
        "10k_yuan",
    )


def test_compare_gives_every_change_the_cross_year_findings_and_repeated_text() -> None:
    last = gd.load(SEED)
    doc = gd.to_dict(last)
    doc["year"] = 2024
    doc["published_on"] = "2025-01-20"
    doc["applications"]["new_received"]["natural_person"] = 9
    doc["applications"]["new_received"]["total"] = 9
    doc["applications"]["carried_over"]["natural_person"] = 3  # last year carried 0 forward
    doc["applications"]["carried_over"]["total"] = 3
    this = gd.from_dict(doc)
    comparison = gd.compare(last, this)
    changed = [(c.path, c.previous, c.current, c.change) for c in comparison.cells if c.change]
    assert changed == [
        ("/applications/new_received/natural_person", 7, 9, 2),
        ("/applications/new_received/total", 7, 9, 2),
        ("/applications/carried_over/natural_person", 0, 3, 3),
        ("/applications/carried_over/total", 0, 3, 3),
    ]
    codes = [(f.code, f.path) for f in comparison.findings]
    assert ("XY-CARRY", "/applications/carried_over/natural_person") in codes
    assert ("XY-TEXT-REPEATED", "/overview/summary") in codes
    assert all(t.similarity == 1.0 for t in comparison.texts)
    data = comparison.to_dict()
    assert data["cells"][0] == {
        "path": "/active_disclosure/regulations/issued",
        "label": "第二十条第（一）项·规章·本年制发件数",
        "previous": 0,
        "current": 0,
        "change": 0,
    }
    assert {"path", "similarity"} <= set(data["texts"][0])
    assert gd.compare(last, last).texts[0].similarity == 1.0
    assert repeated("去年的文字完全不同的一段话。", "今年写了全新的内容，没有重复。") == 0.0


def test_a_comparison_page_given_to_extract_is_said_to_be_no_report() -> None:
    # The page holds two years' figures side by side: read as a report, every cell was an
    # EXTRACT-NO-ROW or EXTRACT-MISSING error (69 findings).
    from govdisclosure._render.comparison import page

    last = gd.load(SEED)
    doc = gd.to_dict(last)
    doc["year"] += 1
    this = gd.from_dict(doc)
    result = gd.extract(page(last, this, gd.compare(last, this)))
    assert result.report is None
    assert [(f.code, f.params["reason"]) for f in result.findings] == [
        (
            "EXTRACT-NOT-REPORT",
            "a comparison of two years' reports made by govdisclosure compare; read each year's report instead",
        )
    ]
    # Only the heading itself says so: a line that goes on is a report's sentence.
    text = gd.render(this, format="markdown")
    assert gd.extract("对比：2024 年与 2025 年报告对比，申请增加。\n" + text).report is not None
    assert gd.extract("对比：2024 年与 2025 年报告对比\n" + text).report is None


def test_compare_takes_reports_with_and_without_the_optional_contact() -> None:
    # organ.contact may be left out: its leaves are then None, in either year.
    with_contact = gd.load(SEED)
    assert with_contact.organ.contact is not None
    doc = gd.to_dict(with_contact)
    del doc["organ"]["contact"]
    without = gd.from_dict(doc)
    same = gd.compare(with_contact, with_contact)
    for last, this in ((with_contact, without), (without, with_contact), (without, without)):
        comparison = gd.compare(last, this)
        assert comparison.cells == same.cells
        assert comparison.texts == same.texts
        assert [f.code for f in comparison.findings] == [f.code for f in same.findings]


def test_compare_gives_no_change_between_amounts_in_different_units(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The 2019 procurement amount in 元 one year and 万元 the next: the difference of the two
    # numbers means nothing. The unit, a choice, changed but has no difference either.
    last = gd.load(SHANGHAI)
    doc = gd.to_dict(last)
    doc["year"] = 2020
    doc["active_disclosure"]["procurement"].update(projects=7, total_amount=Decimal("25.1"), unit="10k_yuan")
    this = gd.from_dict(doc)
    cells = {c.path: c for c in gd.compare(last, this).cells}
    row = "/active_disclosure/procurement"
    assert [
        (c.previous, c.current, c.change, c.differs)
        for c in (cells[f"{row}/{n}"] for n in ("projects", "total_amount", "unit"))
    ] == [
        (6, 7, 1, True),
        (Decimal(251000), Decimal("25.1"), None, True),
        ("yuan", "10k_yuan", None, True),
    ]
    data = {c["path"]: c for c in gd.compare(last, this).to_dict()["cells"]}
    assert data[f"{row}/total_amount"] == {
        "path": f"{row}/total_amount",
        "label": cells[f"{row}/total_amount"].label,
        "previous": "251000",
        "current": "25.1",
        "change": None,
    }
    doc["active_disclosure"]["procurement"]["unit"] = "yuan"
    same_unit = {c.path: c for c in gd.compare(last, gd.from_dict(doc)).cells}
    assert same_unit[f"{row}/total_amount"].change == Decimal("25.1") - 251000
    # The command's text lists every cell that changed, the unit too, with a difference
    # where there is one.
    (tmp_path / "last.json").write_text(gd.dumps(last), "utf-8")
    (tmp_path / "this.json").write_text(gd.dumps(this), "utf-8")
    assert main(["compare", str(tmp_path / "last.json"), str(tmp_path / "this.json")]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if "第（九）项" in line]
    assert [line.split(": ", 1)[1] for line in listed] == ["6 → 7 (+1)", "251000 → 25.1", "yuan → 10k_yuan"]
    # 251000 元 is 25.1 万元: no jump. 2.51 万元 is a tenth of it: a jump, last year's amount
    # reported as written.
    assert [f.code for f in gd.validate(this, previous=last).findings if f.code == "XY-JUMP"] == []
    doc["active_disclosure"]["procurement"].update(total_amount=Decimal("2.51"), unit="10k_yuan")
    jumps = [f for f in gd.validate(gd.from_dict(doc), previous=last).findings if f.code == "XY-JUMP"]
    assert [(f.path, f.expected, f.actual) for f in jumps] == [
        ("/active_disclosure/procurement/total_amount", Decimal(251000), Decimal("2.51"))
    ]


@given(reports(), reports())
def test_any_two_reports_compare_cell_by_cell(last: gd.Report, this: gd.Report) -> None:
    # Of either edition, with any optional part left out: every table cell of either report
    # is a row, with both years' values as their JSON holds them.
    before, after = gd.to_dict(last), gd.to_dict(this)
    expected = [
        (c.key, get_in(before, c.key.split("/")[1:], None), get_in(after, c.key.split("/")[1:], None))
        for c in columns()
        if c.key.startswith("/")
    ]
    comparison = gd.compare(last, this)
    assert [(c.path, c.previous, c.current) for c in comparison.cells] == [
        row for row in expected if row[1:] != (None, None)
    ]


def test_the_commands_table_aggregate_and_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in EXAMPLE_FILES:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "seed.txt").write_text(
        (ROOT / "tests" / "data" / "yiyuan-police-2023.txt").read_text("utf-8"), "utf-8"
    )
    assert main(["table", str(folder), "--labels", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # for Excel and WPS
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0][:4] == ["来源", "机关名称", "机关类型", "年度"]
    assert len(rows) == len(EXAMPLE_FILES) + 2
    assert main(["table", str(SEED), "--format", "jsonl"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["/active_disclosure/fees/amount_10k_yuan"] == "64.2623"
    out_xlsx = tmp_path / "t.xlsx"
    assert main(["table", str(SEED), "--format", "xlsx", "-o", str(out_xlsx)]) == 0
    assert out_xlsx.read_bytes()[:2] == b"PK"
    total = tmp_path / "total.json"
    assert main(["aggregate", str(SEED), str(SEED), "--allow-duplicates", "-o", str(total)]) == 0
    assert gd.load(total).applications.new_received.total == 14
    assert main(["aggregate", str(SEED), str(SHANGHAI)]) == 2  # a usage error
    assert "#2 上海市人民政府办公厅" in capsys.readouterr().err
    assert main(["compare", str(SEED), str(SEED), "--format", "json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"cells", "findings", "texts"}
    page = tmp_path / "c.html"
    assert main(["compare", str(SEED), str(SEED), "--format", "html", "-o", str(page)]) == 0
    assert "2023 年与 2023 年报告对比" in page.read_text("utf-8")


def test_a_folder_is_searched_for_every_form_extract_reads(tmp_path: Path) -> None:
    from govdisclosure._many.read import read_many

    page = (DATA / "2024_pingtan-gonganju.html").read_text("utf-8")
    (tmp_path / "a.mht").write_bytes(web_archive(page, "gb2312", "quoted-printable"))
    (tmp_path / "b.mhtml").write_bytes(web_archive(page, "utf-8", "base64", blink=True))
    (tmp_path / "c.json").write_bytes(SEED.read_bytes())
    (tmp_path / "d.png").write_bytes(b"\x89PNG")  # no form extract reads: not searched
    found = [(Path(name).name, report is not None) for name, report, _ in read_many([tmp_path])]
    assert found == [("a.mht", True), ("b.mhtml", True), ("c.json", True)]


def test_a_file_that_cannot_be_read_is_a_finding_in_both_languages(tmp_path: Path) -> None:
    from govdisclosure._many.read import read_many

    ((name, report, findings),) = list(read_many([tmp_path / "absent.json"]))
    assert (name, report) == (str(tmp_path / "absent.json"), None)
    assert [(f.code, f.message, f.message_en) for f in findings] == [
        (
            "FILE-UNREADABLE",
            "无法读取文件：文件或目录不存在",
            "cannot read the file: No such file or directory",
        )
    ]


def test_table_says_what_it_cannot_read_or_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    absent = tmp_path / "absent.json"
    assert main(["table", str(SEED), str(absent), "--format", "jsonl"]) == 2  # its row, and exit 2
    out, err = capsys.readouterr()
    assert [json.loads(line)["source"] for line in out.splitlines()] == [str(SEED), str(absent)]
    assert err == f"govdisclosure: {absent} 不是报告 / is not a report (FILE-UNREADABLE); its row is blank\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["table", str(empty)]) == 2
    assert capsys.readouterr() == ("", f"govdisclosure: {empty} 中没有报告文件 / holds no report files\n")
    for fmt in ("csv", "xlsx"):
        assert main(["table", str(SEED), "--format", fmt, "-o", str(empty)]) == 2
        assert capsys.readouterr().err == (
            f"govdisclosure: 无法写入 {empty}（这是一个目录）/ cannot write {empty}: Is a directory\n"
        )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left
    assert main(["table", str(SEED), "-o", str(tmp_path / "no" / "t.csv")]) == 2
    assert "No such file or directory" in capsys.readouterr().err


def test_a_comparison_with_a_jump_in_money_is_plain_json(tmp_path: Path) -> None:
    # A fee grown 100-fold: XY-JUMP carries the two amounts, which the stdlib's json.dumps
    # and the command's JSON output both take (they were Decimal: a traceback).
    document = json.loads((EXAMPLES / "yiyuan-police-2023.json").read_text(encoding="utf-8"))
    last, this = copy.deepcopy(document), copy.deepcopy(document)
    this["year"] += 1
    last["active_disclosure"]["fees"]["amount_10k_yuan"] = 2.5
    this["active_disclosure"]["fees"]["amount_10k_yuan"] = 250.75
    before, after = gd.validate(json.dumps(last)).report, gd.validate(json.dumps(this)).report
    assert before is not None
    assert after is not None
    comparison = gd.compare(before, after)
    (jump,) = [f for f in json.loads(json.dumps(comparison.to_dict()))["findings"] if f["code"] == "XY-JUMP"]
    assert (jump["path"], jump["expected"], jump["actual"]) == (
        "/active_disclosure/fees/amount_10k_yuan",
        "2.5",
        "250.75",
    )
    (tmp_path / "last.json").write_text(json.dumps(last), encoding="utf-8")
    (tmp_path / "this.json").write_text(json.dumps(this), encoding="utf-8")
    out = tmp_path / "out.json"
    assert (
        main(
            [
                "compare",
                str(tmp_path / "last.json"),
                str(tmp_path / "this.json"),
                "--format",
                "json",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert (
        json.loads(out.read_text(encoding="utf-8"))["findings"]
        == json.loads(json.dumps(comparison.to_dict()))["findings"]
    )


def test_the_same_organ_and_year_twice_is_warned_about_and_aggregate_refuses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same report as its web page and its text: summed twice in silence before.
    page, text = DATA / "2024_pingtan-gonganju.html", DATA / "2024_pingtan-gonganju.txt"
    assert main(["aggregate", str(page), str(text)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"govdisclosure: {page}、{text} 是同一机关同一年度的报告（平潭综合实验区公安局，2024）/ "
        f"are reports of the same organ and year (平潭综合实验区公安局, 2024)",
        "govdisclosure: 同一机关同一年度的报告只能计入一次，确需重复计入请加 --allow-duplicates / "
        "a report of one organ and year is summed once: give --allow-duplicates to sum them all",
    ]
    out = tmp_path / "total.json"
    assert main(["aggregate", str(page), str(text), "--allow-duplicates", "-o", str(out)]) == 0
    single = gd.extract(text).report
    assert single is not None
    assert gd.load(out).applications.new_received.total == 2 * single.applications.new_received.total
    assert main(["table", str(page), str(text), "-o", str(tmp_path / "t.csv")]) == 0
    assert "是同一机关同一年度的报告" in capsys.readouterr().err


def test_aggregate_of_two_years_is_a_usage_error_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["aggregate", str(SEED), str(SHANGHAI)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "govdisclosure: 报告的年度或格式版本不一致（应与#1 沂源县公安局 2023 (2021)相同：2023 年、2021 版）"
    )
    assert " / the reports are not all of 2023 and edition 2021" in err


def test_table_with_jobs_gives_the_rows_of_one_process_in_the_same_order(tmp_path: Path) -> None:
    files = [SEED, DATA / "2024_pingtan-gonganju.txt", DATA / "2019_shanghai_bangongting.txt", SHANGHAI] * 2
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["table", *map(str, files), "-o", str(one)]) == 0
    assert main(["table", *map(str, files), "--jobs", "2", "-o", str(two)]) == 0
    assert two.read_bytes() == one.read_bytes()


def test_the_progress_bar_says_how_many_how_long_and_how_long_still() -> None:
    from govdisclosure._cli.progress import Progress

    bar = Progress(80)
    assert bar.line(20, bar.start + 8) == (
        "[#######.......................] 20/80 · 8 s · 剩余约 24 s / about 24 s left"
    )
    assert Progress(None).line(50, Progress(None).start + 3).startswith("50 … ")
