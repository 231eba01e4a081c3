"""Reliability: every failure of the fuzzing campaign reproduced, and the bounds that hold."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure._cli.main import main
from govdisclosure._findings.finding import missing_slots
from govdisclosure._ground.limits import (
    MAX_FINDINGS,
    MAX_SOURCE_BYTES,
    MAX_SPAN,
    MAX_UNPACKED_BYTES,
    SPAN_BUDGET,
)
from tests.helpers import DATA, ROOT, SEED, finishes, shown_as_text

SEED_TEXT = (DATA / "yiyuan-police-2023.txt").read_text(encoding="utf-8")


# --- messages that could not be written ------------------------------------------------------


def test_edition_year_warning_names_the_year(seed: dict[str, Any]) -> None:
    seed["year"], seed["published_on"] = 2020, "2021-01-10"
    (finding,) = [f for f in gd.validate(seed).findings if f.code == "META-EDITION-YEAR"]
    assert (finding.expected, finding.actual, dict(finding.params)) == ("2019", "2021", {"year": 2020})
    assert finding.message == "2020 年度报告通常使用 2019 年版格式，实际为 2021 年版"
    assert finding.message_en == "a report for 2020 normally uses the 2019 edition, not the 2021 edition"


@pytest.mark.parametrize("output", ["text", "json"])
def test_real_report_of_2020_in_the_2021_edition_on_the_command_line(
    output: str, tmp_path: Path, seed: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    seed["year"], seed["published_on"] = 2020, "2021-01-10"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path), "--format", output]) == 0
    out = capsys.readouterr().out
    assert "2020 年度报告通常使用 2019 年版格式" in (
        out if output == "text" else json.loads(out)["files"][0]["findings"][0]["message"]
    )


def test_fractional_count_cell_is_unreadable_with_its_position() -> None:
    text = SEED_TEXT.replace("行政许可\t9375", "行政许可\t7.5")
    result = gd.extract(text)
    (finding,) = [f for f in result.findings if f.code == "EXTRACT-UNREADABLE"]
    assert (finding.path, finding.actual, dict(finding.params)) == (
        "/active_disclosure/licensing/decisions",
        "7.5",
        {"line": 58, "column": 6},
    )
    assert (
        finding.message
        == "第二十条第（五）项·行政许可·本年处理决定数量无法识别（第 58 行第 6 列：“7.5”），记为 0"
    )
    assert main_ok(["extract", "-"], text) in (0, 1)


def main_ok(argv: list[str], stdin: str) -> int:
    completed = subprocess.run(
        [sys.executable, "-m", "govdisclosure", *argv],
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in completed.stderr, completed.stderr.decode()
    return completed.returncode


def test_huge_integer_is_a_finding_that_can_be_written(seed: dict[str, Any]) -> None:
    seed["year"] = 10**5000
    (finding,) = gd.validate(seed).findings
    assert (finding.code, finding.path, finding.actual) == ("STRUCT-RANGE", "/year", "1.000000E+5000")
    assert finding.message == "报告年度应在 2019 至 2100 之间，实际为 1.000000E+5000"
    with pytest.raises(gd.ReportError) as caught:
        gd.from_dict(seed)
    assert "1.000000E+5000" in str(caught.value)
    assert json.loads(json.dumps(finding.to_dict()))["actual"] == "1.000000E+5000"


def test_a_missing_slot_is_shown_not_raised() -> None:
    finding = gd.Finding("EXTRACT-UNREADABLE", "error", "/x", actual="7.5")
    assert missing_slots(finding) == {"line", "column"}
    assert finding.message == "/x无法识别（第 ? 行第 ? 列：“7.5”），记为 0"
    assert gd.Finding("NO-SUCH-CODE", "error", "/x").message_en == "/x: NO-SUCH-CODE"


# --- bounded rendering -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("1e999999999", "1E+999999999"),
        ("1e999999999999999999", "1E+999999999999999999"),
        ("1e-4000", "1E-4000"),
    ],
)
def test_money_far_from_the_point_renders_in_bounded_time(amount: str, shown: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        '"amount_10k_yuan": 64.2623', f'"amount_10k_yuan": {amount}'
    )
    result = gd.validate(text)
    assert result.ok
    assert result.report is not None
    page = finishes(gd.render, result.report)
    assert f">{shown}<" in page
    assert len(page) < 200_000
    assert shown in gd.render(result.report, "markdown")


def test_money_near_the_point_is_written_in_full() -> None:
    text = SEED.read_text(encoding="utf-8").replace('"amount_10k_yuan": 64.2623', '"amount_10k_yuan": 1E+2')
    report = gd.loads(text)
    assert ">100<" in gd.render(report)


# --- work linear in the input --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\n" * 20_000, " \t\n" * 20_000, "\r\n" * 20_000, "| \n" * 20_000])
def test_blank_lines_do_not_backtrack(text: str) -> None:
    result = finishes(gd.extract, text)
    assert result.report is None


def test_many_heading_lines_split_in_linear_time() -> None:
    lines = "".join(f"三、收到和处理政府信息公开申请情况\n{i}\n" for i in range(40_000))
    result = finishes(gd.extract, "2023年某局政府信息公开工作年度报告\n" + lines)
    assert result.report is not None


def test_huge_row_spans_do_not_amplify() -> None:
    cells = '<td rowspan="999999999">x</td>' * 3000
    page = f"<html><body><table><tr>{cells}</tr>" + "<tr></tr>" * 3000 + "</table></body></html>"
    result = finishes(gd.extract, page)
    assert result.report is None


@pytest.mark.parametrize(
    "unit", ["<!--", "<a ", '<a x="1" ', "</", "<", "<![", "<?", '<td rowspan="5">', "<table><tr><td>"]
)
def test_hostile_html_reads_in_linear_time(unit: str) -> None:
    # The standard HTML parser looks for the end of an unfinished tag or comment again from
    # every later "<": 50,000 of "<a " took 185 s before the importer escaped stray brackets.
    page = "<html><body>" + unit * 100_000
    result = finishes(gd.extract, page)
    assert result.report is None


def test_stray_brackets_read_as_text() -> None:
    from govdisclosure._extract.html import _stray_brackets_escaped, _without_comments

    assert _stray_brackets_escaped('<p a="x>y">1 < 2 <b</p>') == '<p a="x>y">1 &lt; 2 &lt;b</p>'
    assert _without_comments("a<!--x\ny-->b<!--[if mso]>c<![endif]-->d<!--open\n") == "a\nbd\n"


def test_span_bounds() -> None:
    from govdisclosure._extract.html import _int

    assert [_int(v) for v in (None, "", "0", "2", " 3 ", "abc", "999999999", "1" * 5000)] == [
        1,
        1,
        1,
        2,
        3,
        1,
        MAX_SPAN,
        MAX_SPAN,
    ]
    assert SPAN_BUDGET >= 26 * 10


def test_duplicate_keys_in_many_objects_are_found_in_linear_time() -> None:
    objects = ",".join(f'"k{i}": {{"a": 1, "a": 2}}' for i in range(30_000))
    findings = finishes(gd.validate, "{" + objects + "}")
    codes = [f.code for f in findings.findings]
    assert codes[:2] == ["JSON-DUPLICATE-KEY", "JSON-DUPLICATE-KEY"]
    assert codes[-1] == "LIMIT-FINDINGS"
    assert findings.findings[0].path == "/k0/a"
    assert findings.findings[-1].actual == 30_000 - MAX_FINDINGS


def test_searching_for_a_long_number_is_linear() -> None:
    run = "1" * 4000 + " "
    text = "[" + ",".join([run] * 900) + ", " + "2" * 4400 + "]"
    result = finishes(gd.validate, text)
    (finding,) = result.findings
    assert finding.code == "JSON-NUMBER-TOO-LONG"
    assert finding.actual == 4400


def test_a_table_row_of_a_thousand_digits_is_read_as_one_unreadable_count() -> None:
    # Cells run together are split by trying every reading of the digits, one digit a level
    # deeper: a run of 1,200 digits raised RecursionError, and 500 took 0.4 s.
    text = (DATA / "yiyuan-police-2023.txt").read_text("utf-8")
    row = "本年新收政府信息公开申请数量\t7\t0\t0\t0\t0\t0\t7"
    assert row in text
    for digits in ("1" * 1200, "10" * 2500):
        result = finishes(gd.extract, text.replace(row, "本年新收政府信息公开申请数量\t" + digits))
        said = [(f.code, f.path) for f in result.findings if f.path.startswith("/applications/new_received")]
        assert said[:2] == [
            ("EXTRACT-SHORT-ROW", "/applications/new_received"),
            ("STRUCT-RANGE", "/applications/new_received/natural_person"),
        ]


def test_extract_refuses_input_over_its_limit() -> None:
    big = "政府信息公开\n" * (MAX_SOURCE_BYTES // 7 + 1)
    for source in (big, big.encode("utf-8")):
        result = finishes(gd.extract, source)
        (finding,) = result.findings
        assert result.report is None
        assert finding.code == "EXTRACT-TOO-LARGE"
        assert str(MAX_SOURCE_BYTES) in finding.message


def test_findings_are_capped_per_document(seed: dict[str, Any]) -> None:
    for i in range(200_000):
        seed[f"k{i}"] = 0
    findings = gd.validate(seed).findings
    assert len(findings) == MAX_FINDINGS + 1
    last = findings[-1]
    assert (last.code, last.severity, last.expected, last.actual) == (
        "LIMIT-FINDINGS",
        "error",
        MAX_FINDINGS,
        200_000 - MAX_FINDINGS,
    )
    assert (
        last.message
        == f"问题过多：另有 {200_000 - MAX_FINDINGS} 个问题未列出（每份文档最多列出 {MAX_FINDINGS} 个）"
    )


def test_nonfinite_values_are_capped() -> None:
    findings = gd.validate("[" + ",".join(["NaN"] * 5000) + "]").findings
    assert len(findings) == MAX_FINDINGS + 1
    assert findings[-1].actual == 5000 - MAX_FINDINGS


# --- the data island of a rendered page -----------------------------------------------------------


def _page_with_island(island: str) -> str:
    page = gd.render(gd.load(SEED))
    start = page.index('<script type="application/json" id="govdisclosure-report">')
    end = page.index("</script>", start)
    head = '<script type="application/json" id="govdisclosure-report">'
    return page[:start] + head + island + page[end:]


def test_over_nested_data_island_is_a_finding() -> None:
    result = gd.extract(_page_with_island("[" * 100_000 + "]" * 100_000))
    assert "EXTRACT-ISLAND" in [f.code for f in result.findings]
    assert result.report == shown_as_text(gd.load(SEED))  # the visible page is read instead


def test_data_island_with_a_duplicate_key_is_not_read_silently() -> None:
    text = SEED.read_text(encoding="utf-8").replace('"year": 2023,', '"year": 2023, "year": 2022,')
    result = gd.extract(_page_with_island(text))
    (island,) = [f for f in result.findings if f.code == "EXTRACT-ISLAND"]
    assert island.params == {"reason": "JSON-DUPLICATE-KEY /year"}
    assert result.report is not None
    assert result.report.year == 2023


# --- numbers a binary double cannot hold -----------------------------------------------------------


@pytest.mark.parametrize(
    ("pointer", "number", "code"),
    [
        ("/applications/new_received/total", "1.0000000000000001", "STRUCT-NOT-INTEGER"),
        ("/applications/new_received/total", "1e-400", "STRUCT-NOT-INTEGER"),
        ("/year", "2100.0000000000001", "STRUCT-NOT-INTEGER"),
    ],
)
def test_numbers_are_judged_as_written(pointer: str, number: str, code: str) -> None:
    # RFC 8259 section 6: such numbers are not interoperable. The library reads the number as
    # written; a validator that first turns it into a binary double sees 1.0, 0.0 or 2100.0.
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    parts = pointer.strip("/").split("/")
    target = doc
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = "@@"
    text = json.dumps(doc, ensure_ascii=False).replace('"@@"', number)
    codes = [(f.code, f.path) for f in gd.validate(text).findings]
    assert (code, pointer) in codes
    assert float(number).is_integer()  # what a double-based validator would see


# --- the command line under faults -------------------------------------------------------------


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    return subprocess.run(
        [sys.executable, "-m", "govdisclosure", *args], capture_output=True, timeout=60, env=env, **kwargs
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/bad-\xff.json"
    with open(odd, "wb") as handle:
        handle.write(SEED.read_bytes())
    (tmp_path / "z.json").write_bytes(SEED.read_bytes())
    completed = _run(["validate", str(tmp_path)])
    assert completed.returncode == 0, completed.stderr.decode()
    out = completed.stdout.decode("utf-8")
    assert "bad-\\udcff.json: 通过" in out
    assert "z.json: 通过" in out
    assert "共 2 个文件" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_reported_and_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.json")
    (tmp_path / "b.json").write_bytes(SEED.read_bytes())
    completed = _run(["validate", str(tmp_path)])
    out = completed.stdout.decode("utf-8")
    assert completed.returncode == 2
    assert f"{tmp_path / 'a.json'}: [FILE-NOT-REGULAR] 不是普通文件" in out
    assert "b.json: 通过" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_extract_opens_no_fifo_and_reads_no_more_of_a_file_than_its_limit(tmp_path: Path) -> None:
    # extract() opened a FIFO, which blocks until something writes to it; the command line
    # read a file whole before its size was looked at (a 2 GB file: 9 s and 2.1 GB).
    os.mkfifo(tmp_path / "pipe.html")
    (finding,) = gd.extract(tmp_path / "pipe.html").findings  # returns: not opened
    assert finding.code == "FILE-NOT-REGULAR"
    completed = _run(["extract", str(tmp_path / "pipe.html")])
    assert completed.returncode == 1
    assert "FILE-NOT-REGULAR" in completed.stderr.decode("utf-8")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: no disk taken
    completed = _run(["extract", "--format", "json", str(big)])
    assert completed.returncode == 1
    (said,) = json.loads(completed.stderr)["files"][0]["findings"]
    assert (said["code"], said["actual"]) == ("EXTRACT-TOO-LARGE", f"{2 * 1024**3} bytes")
    with pytest.raises(IsADirectoryError):
        gd.extract(tmp_path)
    completed = _run(["extract", str(tmp_path)])
    assert completed.returncode == 2
    assert completed.stderr.decode("utf-8") == (
        f"govdisclosure: {tmp_path} 是文件夹，extract 只读取一个文件（table、aggregate、compare 可读取文件夹）"
        " / is a folder: extract reads one file (table, aggregate and compare read folders)\n"
    )


def test_a_full_output_is_one_line_and_its_own_status() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        completed = subprocess.run(
            [sys.executable, "-m", "govdisclosure", "schema"], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert completed.returncode == 74
    assert completed.stderr.decode().strip().splitlines() == [
        "govdisclosure: 无法写入输出 / cannot write the output: No space left on device"
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_promptly_with_130(tmp_path: Path, jobs: str) -> None:
    data = SEED.read_bytes()
    for i in range(30_000):  # several seconds of work: the signal comes in the middle of it
        (tmp_path / f"{i:05}.json").write_bytes(data)
    process = subprocess.Popen(
        [sys.executable, "-m", "govdisclosure", "validate", str(tmp_path), "--jobs", jobs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
    _, err = process.communicate(timeout=60)  # only a hang fails here
    assert process.returncode == 130
    assert err.decode().strip().splitlines() == ["govdisclosure: 已中断 / interrupted"]


def test_input_is_never_changed(seed: dict[str, Any]) -> None:
    seed["k"] = [1, {"a": float("nan")}]
    before = copy.deepcopy(seed)
    gd.validate(seed)
    assert json.dumps(seed, sort_keys=True) == json.dumps(before, sort_keys=True)


def test_limits_are_the_documented_ones() -> None:
    page = (ROOT / "docs" / "reference" / "limits.md").read_text(encoding="utf-8")
    for name, value in [
        ("MAX_DOCUMENT_BYTES", gd.MAX_DOCUMENT_BYTES),
        ("MAX_SOURCE_BYTES", MAX_SOURCE_BYTES),
        ("MAX_UNPACKED_BYTES", MAX_UNPACKED_BYTES),
        ("MAX_FINDINGS", MAX_FINDINGS),
    ]:
        assert f"`{name}` | {value:,}" in page


def test_a_paragraph_of_many_lines_is_joined_in_linear_time() -> None:
    # 120,000 lines that end no sentence make one paragraph of 7.2 million characters (a page
    # whose text was broken at every line): joined once, not grown line by line (a minute).
    text = (ROOT / "tests" / "data" / "yiyuan-police-2023.txt").read_text(encoding="utf-8")
    at = text.index("抓好日常运行")
    result = finishes(gd.extract, text[:at] + "续" * 60 + "\n" + ("续" * 60 + "\n") * 119_999 + text[at:])
    assert result.report is not None
    assert result.report.overview.disclosure_on_request.startswith("续" * 7_200_000 + "抓好日常运行")


def test_money_of_any_exponent_is_compared_totalled_and_differenced_without_a_crash() -> None:
    # 1e999999999 is valid money; Python's default decimal context raises decimal.Overflow at
    # an exponent past 999,999, and rounds a sum to 28 digits.
    text = SEED.read_text(encoding="utf-8")
    fees = "/active_disclosure/fees/amount_10k_yuan"

    def with_fee(amount: str, year: int = 2023) -> str:
        changed = text.replace('"amount_10k_yuan": 64.2623', f'"amount_10k_yuan": {amount}')
        assert changed != text or amount == "64.2623"
        return changed.replace('"year": 2023', f'"year": {year}')

    huge, last = with_fee("1e999999999"), with_fee("64.2623", 2022)
    jump = ("XY-JUMP", fees)
    found = [(f.code, f.path, f.expected, f.actual) for f in gd.validate(huge, previous=last).findings]
    assert (*jump, Decimal("64.2623"), Decimal("1E+999999999")) in found
    found = [
        (f.code, f.path, f.expected, f.actual)
        for f in gd.validate(with_fee("3"), previous=with_fee("1e999999999", 2022)).findings
    ]
    assert (*jump, Decimal("1E+999999999"), Decimal(3)) in found
    # A narrative that states 64.2623 万元 against the table's 1e999999999: the closest value.
    stated = huge.replace("抓好日常运行", "本年度收取行政事业性收费64.2623万元。抓好日常运行", 1)
    (mismatch,) = [f for f in gd.validate(stated).findings if f.code == "NARR-TABLE-MISMATCH"]
    assert (mismatch.expected, mismatch.actual) == (Decimal("1E+999999999"), Decimal("64.2623"))
    # The change of compare() is exact, or None past 1,000 digits.
    change = {c.path: c.change for c in gd.compare(gd.loads(last), gd.loads(huge)).cells}
    assert change[fees] is None
    change = {c.path: c.change for c in gd.compare(gd.loads(with_fee("1e-400", 2022)), gd.loads(text)).cells}
    assert str(change[fees]) == "64.2622" + "9" * 396
    # A total is exact, or a ValueError.
    with pytest.raises(ValueError, match=f"the total of {fees} cannot be written exactly in 1000 digits"):
        gd.aggregate([gd.loads(huge), gd.loads(text)])
    total = gd.aggregate([gd.loads(huge), gd.loads(huge)])
    assert isinstance(total, gd.Report2021)
    assert total.active_disclosure.fees.amount_10k_yuan == Decimal("2E+999999999")


_REPORT = gd.load(ROOT / "examples" / "yiyuan-police-2023.json")


def _any(value: Any) -> Any:
    # A value of a type the signature excludes, as a caller without a type checker passes it.
    return value


_NOT_A_REPORT = "expected a report (Report2021 or Report2019), not "


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: list(gd.table(_any("ab"))), TypeError, _NOT_A_REPORT + "str"),
        (lambda: list(gd.table(_any([{"year": 2023}]))), TypeError, _NOT_A_REPORT + "dict"),
        (lambda: list(gd.table(_any([("a.json", {}, ())]))), TypeError, _NOT_A_REPORT + "dict"),
        (lambda: gd.aggregate(_any([_REPORT, None])), TypeError, _NOT_A_REPORT + "NoneType"),
        (lambda: gd.compare(_REPORT, _any({"year": 2023})), TypeError, _NOT_A_REPORT + "dict"),
        (lambda: gd.dump(_REPORT, _any(5)), TypeError, "dump() writes to a path or an open file, not int"),
        (lambda: gd.rules("2030"), ValueError, "unknown edition '2030'; the editions are '2021', '2019'"),
        (lambda: gd.template("2030"), ValueError, "unknown edition '2030'; the editions are '2021', '2019'"),
        (
            lambda: gd.extract("x", format=_any("doc")),
            ValueError,
            "unknown format 'doc'; the formats are 'text', 'markdown', 'html', 'pdf', 'docx', 'xlsx', 'image', 'json'",
        ),
        (
            lambda: list(gd.validate_many(_any("a.json"))),
            TypeError,
            "expected file names and folders, not one str: give ['a.json']",
        ),
        (
            lambda: list(gd.validate_many(["a.json"], jobs=-1)),
            ValueError,
            "jobs is a number of processes (0: every core), not -1",
        ),
    ],
)
def test_a_wrong_argument_is_named_not_an_attribute_error(call: Any, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        call()
    assert str(raised.value) == message


def test_no_command_and_no_library_call_waits_on_a_fifo(tmp_path: Path) -> None:
    # A FIFO named like a report: opening it for reading would wait for a writer forever.
    import os
    import subprocess

    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    seed = str(ROOT / "examples" / "yiyuan-police-2023.json")
    for argv, status in (
        (["validate", str(fifo)], 2),
        (["render", str(fifo)], 2),
        (["compare", seed, str(fifo)], 2),
        (["validate", "--format", "html", str(fifo), "-o", str(tmp_path / "page.html")], 2),
        (["validate", seed, "--previous", str(fifo)], 2),
        (["table", str(fifo), "-o", str(tmp_path / "t.csv")], 2),  # its row is blank, said, exit 2
    ):
        done = subprocess.run(
            [sys.executable, "-m", "govdisclosure", *argv],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == status, (argv, done.stderr)
        assert "Traceback" not in done.stderr
        assert ("FILE-NOT-REGULAR" in done.stdout + done.stderr) or ("not a regular file" in done.stderr), (
            argv
        )
    with pytest.raises(OSError, match="not a regular file"):
        gd.validate(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        gd.load(fifo)


def test_the_command_line_writes_no_control_character_it_was_given(tmp_path: Path) -> None:
    # ESC ] 0 ; … BEL retitles a terminal window, ESC [ 2 J clears it: from a key, a value and
    # a file name, each is written as its escape.
    import subprocess

    doc = json.loads((ROOT / "examples" / "yiyuan-police-2023.json").read_text(encoding="utf-8"))
    doc["x\x1b[2J"] = 1
    doc["organ"]["name"] = "沂源县\x1b]0;pwned\x07公安局"
    path = tmp_path / "esc\x1b[2J.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for fmt in ("text", "csv"):
        done = subprocess.run(
            [sys.executable, "-m", "govdisclosure", "validate", "--format", fmt, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1
        shown = done.stdout + done.stderr
        assert not any(c in shown for c in "\x1b\x07"), fmt
        assert "x\\x1b[2J" in shown


def test_a_closed_standard_output_is_an_output_that_cannot_be_written() -> None:
    import subprocess

    for argv in (["validate", str(ROOT / "examples" / "yiyuan-police-2023.json")], ["schema"]):
        done = subprocess.run(
            [sys.executable, "-m", "govdisclosure", *argv],
            stdout=subprocess.DEVNULL,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            preexec_fn=lambda: __import__("os").close(1),
        )
        assert done.returncode == 74, done.stderr
        assert (
            done.stderr
            == "govdisclosure: 无法写入输出 / cannot write the output: standard output is closed\n"
        )
