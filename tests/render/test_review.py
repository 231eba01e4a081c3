"""The review page: findings listed at the top, each linking to its marked cell, checked in
headless Chromium; at 480 px wide nothing scrolls but the tables; printed on A4."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure._cli.main import main
from tests.helpers import BROWSER, ROOT, SEED, chromium_flags


def _chinese_font() -> bool:
    # Without one, Chromium prints the page's Chinese text as empty boxes, which no PDF reader
    # reads back as text.
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


_CHECK = """
<script>
const links = Array.from(document.querySelectorAll("#findings li a")).map((a) => {
  const target = document.getElementById(a.getAttribute("href").slice(1));
  return {code: a.parentElement.dataset.code, path: a.parentElement.dataset.path, found: !!target,
          flagged: !!target && target.classList.contains("flagged"),
          codes: target ? (target.dataset.findings || "") : "",
          outline: target ? getComputedStyle(target).outlineStyle : "",
          focusable: !!target && target.tabIndex === 0, tag: target ? target.tagName : "",
          targetPath: target ? (target.dataset.path || "") : ""};
});
const cells = Array.from(document.querySelectorAll("td.flagged")).map((td) => ({
  path: td.dataset.path, error: td.classList.contains("error"),
  sign: getComputedStyle(td, "::before").content}));
const pre = document.createElement("pre");
pre.id = "checked";
pre.textContent = JSON.stringify({links, cells, width: document.documentElement.scrollWidth,
  inner: window.innerWidth, thead: document.querySelectorAll("table.table3 thead tr").length});
document.body.appendChild(pre);
</script>
"""


def _chromium(page: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    flags = [*chromium_flags(tmp_path), *extra]
    assert BROWSER is not None
    return subprocess.run([BROWSER, *flags, path.as_uri()], capture_output=True, timeout=120, check=True)


def _checked(page: str, tmp_path: Path, width: int = 1200) -> dict[str, Any]:
    done = _chromium(
        page.replace("</body>", _CHECK + "</body>"),
        tmp_path,
        f"--window-size={width},900",
        "--virtual-time-budget=5000",
        "--dump-dom",
    )
    dom = done.stdout.decode("utf-8")
    start = dom.index('<pre id="checked">') + len('<pre id="checked">')
    result: dict[str, Any] = json.loads(html.unescape(dom[start : dom.index("</pre>", start)]))
    return result


def _broken() -> tuple[gd.Report, tuple[gd.Finding, ...]]:
    doc = gd.to_dict(gd.load(SEED))
    doc["applications"]["new_received"]["total"] = 8  # a row total and the balance broken
    doc["overview"]["supervision"] = "无。"  # too short: a finding on a narrative part
    result = gd.validate(doc)
    assert result.report is not None
    return result.report, result.findings


def test_the_page_lists_every_finding_and_marks_its_cell() -> None:
    report, findings = _broken()
    page = gd.render(report, findings=findings)
    assert page.count('<li class="error"') == sum(f.severity == "error" for f in findings)
    assert 'data-findings="T3-ROW-TOTAL"' in page
    assert "审核发现 / Findings：2 个错误" in page
    plain = gd.render(report)
    assert 'id="findings"' not in plain
    assert "flagged" not in plain.split("</style>")[1]


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (CI installs Debian's chromium)")
def test_in_a_browser_every_link_lands_on_a_marked_cell(tmp_path: Path) -> None:
    report, findings = _broken()
    seen = _checked(gd.render(report, findings=findings), tmp_path)
    assert [link["code"] for link in seen["links"]] == [f.code for f in findings]
    for link in seen["links"]:
        assert link["found"], link
        assert link["flagged"], link
        assert link["focusable"], link
        assert link["code"] in link["codes"].split(), link
        assert link["outline"] in ("solid", "dashed"), link
    by_code = {link["code"]: link for link in seen["links"]}
    assert by_code["T3-ROW-TOTAL"]["targetPath"] == "/applications/new_received/total"
    assert by_code["T3-ROW-TOTAL"]["tag"] == "TD"
    assert by_code["NARR-TOO-SHORT"]["tag"] in ("H3", "P")
    errors = {c["path"]: c for c in seen["cells"] if c["error"]}
    assert errors["/applications/new_received/total"]["sign"] == '"✗ "'  # not by colour alone
    assert seen["thead"] == 3  # the header rows of table 三 repeat on each printed page


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (CI installs Debian's chromium)")
def test_at_480_pixels_the_page_does_not_scroll_sideways(tmp_path: Path) -> None:
    seen = _checked(gd.render(gd.load(SEED)), tmp_path, width=480)
    assert seen["width"] <= seen["inner"]


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (CI installs Debian's chromium)")
@pytest.mark.skipif(not _chinese_font(), reason="no Chinese font installed (CI installs fonts-noto-cjk)")
def test_printed_on_a4_table_three_keeps_its_header(tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    report, findings = _broken()
    pdf = tmp_path / "page.pdf"
    _chromium(
        gd.render(report, findings=findings), tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer"
    )
    document = pdfium.PdfDocument(pdf)
    # NFKC: a PDF's fonts may map some characters to their Kangxi radicals (⼈ for 人).
    pages = [unicodedata.normalize("NFKC", page.get_textpage().get_text_range()) for page in document]
    sizes = {(round(p.get_width()), round(p.get_height())) for p in document}
    document.close()
    assert sizes == {(595, 842)}  # A4
    rows = ("属于国家秘密", "属于行政执法案卷", "重复申请", "其他处理")  # rows of table 三, no message names
    with_table3 = [i for i, text in enumerate(pages) if any(row in text.replace(" ", "") for row in rows)]
    assert with_table3
    for index in with_table3:
        assert "自然人" in pages[index].replace(" ", ""), index  # the header on every page of it
    assert "沂源县公安局" in pages[-1]  # the organ signs above the date


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (CI installs Debian's chromium)")
@pytest.mark.skipif(not _chinese_font(), reason="no Chinese font installed (CI installs fonts-noto-cjk)")
@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.stem)
def test_the_page_printed_to_pdf_by_chromium_reads_back_its_tables(example: Path, tmp_path: Path) -> None:
    # Chromium maps glyphs that a Chinese font shares between an ideograph and a radical back to
    # the radical (⼯作 for 工作): without reading those as ideographs, no title or label matched.
    # And the table search takes the page's frame for one cell holding headings and paragraphs: read
    # as one line, the heading of section 二 was lost with table 二 (the 2019 and 2025 examples).
    pytest.importorskip("pypdfium2")
    report = gd.load(example)
    pdf = tmp_path / "page.pdf"
    _chromium(gd.render(report), tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    result = gd.extract(pdf)
    assert result.format == "pdf"
    assert result.report is not None
    assert [f for f in result.findings if f.code.startswith("EXTRACT-")] == []
    assert result.report.organ.name == report.organ.name
    for section in ("active_disclosure", "applications", "review_and_litigation"):
        assert getattr(result.report, section) == getattr(report, section), section


def test_the_command_writes_one_page_or_a_folder_with_an_index(tmp_path: Path) -> None:
    report, _ = _broken()
    broken = tmp_path / "in" / "broken.json"
    broken.parent.mkdir()
    broken.write_text(gd.dumps(report), encoding="utf-8")
    (tmp_path / "in" / "seed.json").write_bytes(SEED.read_bytes())
    page = tmp_path / "review.html"
    assert main(["validate", str(broken), "--format", "html", "-o", str(page)]) == 1
    assert 'data-findings="T3-ROW-TOTAL"' in page.read_text("utf-8")
    out = tmp_path / "review"
    assert main(["validate", str(tmp_path / "in"), "--format", "html", "-o", str(out)]) == 1
    index = (out / "index.html").read_text("utf-8")
    assert '<a href="broken.html">' in index
    assert '<a href="seed.html">' in index
    assert (out / "broken.html").exists()
    assert main(["validate", str(tmp_path / "in"), "--format", "html"]) == 2


def test_the_command_writes_a_page_for_a_file_that_is_no_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"year":', encoding="utf-8")
    page = tmp_path / "bad.html"
    assert main(["validate", str(bad), "--format", "html", "-o", str(page)]) == 1
    assert "<li>JSON-SYNTAX：JSON 语法错误（第 1 行第 9 列）：此处应为一个值</li>" in page.read_text("utf-8")
    assert main(["validate", str(tmp_path / "absent.json"), "--format", "html", "-o", str(page)]) == 2


def test_the_command_says_when_it_cannot_write_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("", encoding="utf-8")
    assert main(["validate", str(SEED), str(SEED), "--format", "html", "-o", str(taken)]) == 2
    assert capsys.readouterr().err == (
        f"govdisclosure: 无法写入 {taken}（同名文件已存在）/ cannot write {taken}: File exists\n"
    )


def test_findings_of_one_code_are_one_entry_that_opens_to_its_places() -> None:
    # The Pingtan page text: a score of EXTRACT-SPLIT findings, one per cell, were one flat list.
    from collections import Counter

    from tests.helpers import DATA

    result = gd.extract(DATA / "2024_pingtan-gonganju.txt")
    assert result.report is not None
    counts = Counter(f.code for f in result.findings)
    assert counts["EXTRACT-SPLIT"] > 10
    page = gd.render(result.report, findings=result.findings)
    review = page[
        page.index('<section class="review') : page.index("</section>", page.index('id="findings"'))
    ]
    groups = re.findall(r'<li class="group (error|warning)" data-code="([^"]+)" data-count="(\d+)">', review)
    assert [(code, int(count)) for _, code, count in groups] == list(counts.items())
    assert review.count("<summary>") == len(counts)
    # Every finding is still a place with a link to its cell.
    assert len(re.findall(r'<li class="(?:error|warning)" data-code=', review)) == len(result.findings)
    assert f"（{counts['EXTRACT-SPLIT']} 处）" in review


_REACH = """
<script>
const seen = Array.from(document.querySelectorAll("table.table3 td.flagged")).map((td) => {
  td.scrollIntoView({block: "center", inline: "center"});
  const cell = td.getBoundingClientRect();
  const label = td.parentElement.querySelector(".rowlabel");
  const at = label ? label.getBoundingClientRect() : null;
  return {path: td.dataset.path, left: cell.left, right: cell.right, width: window.innerWidth,
          label: at ? {left: at.left, right: at.right, sticky: getComputedStyle(label).position} : null};
});
const pre = document.createElement("pre");
pre.id = "checked";
pre.textContent = JSON.stringify({seen, page: document.documentElement.scrollWidth, inner: window.innerWidth});
document.body.appendChild(pre);
</script>
"""


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (CI installs Debian's chromium)")
@pytest.mark.parametrize("width", [480, 1366])
def test_every_flagged_cell_of_table_three_can_be_seen_with_its_row_label(tmp_path: Path, width: int) -> None:
    # The total column and the last applicant columns flagged, at both ends of the table.
    doc = gd.to_dict(gd.load(SEED))
    doc["applications"]["results"]["granted"]["total"] += 1
    doc["applications"]["results"]["granted"]["other_organization"] += 2
    doc["applications"]["new_received"]["natural_person"] += 1
    result = gd.validate(doc)
    assert result.report is not None
    page = gd.render(result.report, findings=result.findings).replace("</body>", _REACH + "</body>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    done = _chromium(page, tmp_path, f"--window-size={width},900", "--virtual-time-budget=5000", "--dump-dom")
    dom = done.stdout.decode("utf-8")
    start = dom.index('<pre id="checked">') + len('<pre id="checked">')
    checked = json.loads(html.unescape(dom[start : dom.index("</pre>", start)]))
    assert checked["page"] <= checked["inner"]  # the page itself never scrolls sideways
    assert len(checked["seen"]) >= 4
    for cell in checked["seen"]:
        assert cell["left"] >= 0, cell  # in view once reached
        assert cell["right"] <= cell["width"], cell
        assert cell["label"] is not None, cell
        if width == 480:
            assert cell["label"]["sticky"] == "sticky", cell
            assert cell["label"]["left"] >= 0, cell
            assert cell["label"]["right"] <= cell["left"] + 1, cell


def test_review_pages_never_overwrite_the_index_and_long_names_are_shortened(tmp_path: Path) -> None:
    # A report named index.json had its page overwritten by the folder's index.html; a name too
    # long for the file system aborted the whole review.
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "index.json").write_bytes(SEED.read_bytes())
    long = folder / ("沂源县公安局年度报告" * 8 + ".json")  # 240 bytes of name: a page "-2" longer fails
    long.write_bytes(SEED.read_bytes())
    out = tmp_path / "review"
    assert main(["validate", "--format", "html", str(folder), "-o", str(out)]) == 0
    pages = sorted(p.name for p in out.iterdir())
    assert "index.html" in pages
    assert "index-2.html" in pages
    assert len(pages) == 3
    assert all(len(p.encode("utf-8")) < 255 for p in pages)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "index-2.html" in index
