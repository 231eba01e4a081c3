"""render(): the official layout, checked cell by cell (by an HTML parser, and in a real browser)."""

from __future__ import annotations

import html
import json
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given

import govdisclosure as gd
from govdisclosure._cli.main import main
from govdisclosure._model.describe import iter_leaves
from govdisclosure.strategies import reports
from tests.helpers import BROWSER, EXAMPLES, SEED, chromium_flags

SHANGHAI = EXAMPLES / "shanghai-office-2019.json"


class _Tables(HTMLParser):
    """Lay every table of a page out on a grid, resolving rowspan and colspan."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[Any]]]] = []
        self.headings: list[str] = []
        self._cell: dict[str, Any] | None = None
        self._heading: list[str] | None = None
        self._row = -1

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        a = dict(attrs_)
        if tag == "table":
            self.tables.append((a.get("class") or "", []))
            self._row = -1
        elif tag == "tr":
            self._row += 1
        elif tag in ("td", "th"):
            self._cell = {
                "text": "",
                "path": a.get("data-path"),
                "header": tag == "th",
                "rowspan": int(a.get("rowspan") or 1),
                "colspan": int(a.get("colspan") or 1),
            }
        elif tag in ("h1", "h2", "h3"):
            self._heading = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            grid = self.tables[-1][1]
            cell, r = self._cell, self._row
            while len(grid) <= r:
                grid.append([])
            c = 0
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            for dr in range(cell["rowspan"]):
                while len(grid) <= r + dr:
                    grid.append([])
                for dc in range(cell["colspan"]):
                    row = grid[r + dr]
                    while len(row) <= c + dc:
                        row.append(None)
                    row[c + dc] = cell
            self._cell = None
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None


def layout(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


def value_at(report: gd.Report, pointer: str) -> Any:
    value: Any = report
    for part in pointer.strip("/").split("/"):
        value = getattr(value, part)
    return value


def table_leaves(report: gd.Report) -> set[str]:
    sections = ("active_disclosure", "applications", "review_and_litigation")
    return {
        "/" + "/".join(path)
        for path, f in iter_leaves(type(report))
        if path[0] in sections and f.kind in ("count", "signed", "money")
    }


def check_cells(report: gd.Report, tables: list[tuple[str, list[list[Any]]]]) -> None:
    seen: list[str] = []
    for _, grid in tables:
        for row in grid:
            # A spanning cell stands in several grid places: count it once, at its origin.
            for cell in {id(c): c for c in row if c is not None and c.get("origin", True)}.values():
                if cell["path"]:
                    value = value_at(report, cell["path"])
                    shown = format(value, "f") if isinstance(value, Decimal) else str(value)
                    assert cell["text"] == shown, cell
                    seen.append(cell["path"])
    assert sorted(seen) == sorted(table_leaves(report))


def test_seed_page_structure() -> None:
    report = gd.load(SEED)
    page = gd.render(report)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "<title>沂源县公安局2023年政府信息公开工作年度报告</title>" in page
    assert "http" not in page.replace('name="generator"', "")  # no external assets
    parsed = layout(page)
    assert parsed.headings == [
        "沂源县公安局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "（一）收取信息处理费情况",
        "（二）落实上级年度政务公开工作要点情况",
        "（三）人大代表建议和政协提案办理结果公开情况",
        "（四）年度政务公开工作创新情况",
        "（五）本机关政府信息公开工作年度报告数据统计说明",
    ]
    assert '<p class="date">2024年1月5日</p>' in page
    check_cells(report, parsed.tables)


def _texts(row: list[Any]) -> list[str]:
    return [c["text"] if c else "" for c in row]


def test_table_three_layout() -> None:
    grid = dict(layout(gd.render(gd.load(SEED))).tables)["table3"]
    assert len(grid) == 3 + 25
    assert all(len(row) == 10 for row in grid)
    assert _texts(grid[0])[3:] == ["申请人情况"] * 7
    assert _texts(grid[1])[3:] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert _texts(grid[2])[3:] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert grid[0][0] is grid[2][2]  # the corner note spans three rows and three columns
    assert grid[0][0]["text"] == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert _texts(grid[3])[:3] == ["一、本年新收政府信息公开申请数量"] * 3
    assert _texts(grid[7])[:3] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert _texts(grid[15])[:3] == ["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"]
    assert grid[15][3]["path"] == "/applications/results/unavailable/not_held/natural_person"
    assert grid[15][3]["text"] == "6"
    assert _texts(grid[26])[:3] == ["三、本年度办理结果", "（七）总计", "（七）总计"]
    assert _texts(grid[27])[:3] == ["四、结转下年度继续办理"] * 3
    assert [c["path"].rsplit("/", 1)[1] for c in grid[27][3:]] == [a.name for a in attrs.fields(gd.CountRow)]


def test_table_three_in_the_2019_edition_has_one_other_row() -> None:
    grid = dict(layout(gd.render(gd.load(SHANGHAI))).tables)["table3"]
    assert len(grid) == 3 + 23
    assert _texts(grid[23])[:3] == ["三、本年度办理结果", "（六）其他处理", "（六）其他处理"]


def test_table_four_layout() -> None:
    grid = dict(layout(gd.render(gd.load(SHANGHAI))).tables)["table4"]
    assert _texts(grid[0]) == ["行政复议"] * 5 + ["行政诉讼"] * 10
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert _texts(grid[1]) == outcomes + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert _texts(grid[2]) == outcomes * 3
    assert _texts(grid[3]) == ["5", "0", "0", "2", "7", "8", "0", "0", "1", "9", "0", "0", "0", "0", "0"]


def test_table_two_layouts() -> None:
    grid = dict(layout(gd.render(gd.load(SEED))).tables)["table2"]
    assert _texts(grid[0]) == ["第二十条第（一）项"] * 4
    assert _texts(grid[1]) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert _texts(grid[-2]) == ["信息内容", *["本年收费金额（单位：万元）"] * 3]
    assert _texts(grid[-1]) == ["行政事业性收费", "64.2623", "64.2623", "64.2623"]
    grid = dict(layout(gd.render(gd.load(SHANGHAI))).tables)["table2"]
    assert _texts(grid[-3]) == ["第二十条第（九）项"] * 4
    assert _texts(grid[-2]) == [
        "信息内容",
        "采购项目数量",
        "采购总金额（单位：元）",
        "采购总金额（单位：元）",
    ]
    assert _texts(grid[-1]) == ["政府集中采购", "6", "251000", "251000"]


def test_text_is_escaped() -> None:
    report = gd.load(SEED)
    hostile = '<script>alert("x")</script> & <b>'
    report = attrs.evolve(
        report,
        organ=attrs.evolve(report.organ, name="<i>机关</i>"),
        preamble=hostile,
        other_matters=attrs.evolve(
            report.other_matters, extra=(gd.ExtraSection(title="<h1>", text=hostile),)
        ),
    )
    page = gd.render(report)
    assert "<script>" not in page
    assert "<i>" not in page
    assert "<h1><h1>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    markdown = gd.render(report, "markdown")
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown


@given(reports())
def test_every_cell_of_any_report(report: gd.Report) -> None:
    check_cells(report, layout(gd.render(report)).tables)


def test_markdown() -> None:
    text = gd.render(gd.load(SEED), format="markdown")
    assert text.startswith("# 沂源县公安局2023年政府信息公开工作年度报告\n\n")
    assert "\n## 三、收到和处理政府信息公开申请情况\n" in text
    assert (
        "\n**第二十条第（八）项**\n\n| 信息内容 | 本年收费金额（单位：万元） |\n|---|---|\n| 行政事业性收费 | 64.2623 |\n"
        in text
    )
    assert (
        "\n| 三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息 | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n"
        in text
    )
    assert "\n| 5 | 0 | 0 | 2 | 7 |" not in text
    assert "行政诉讼·复议后起诉·总计 |\n|" in text
    assert text.endswith("2024年1月5日\n")
    # Markdown characters of the report's text are shown, not interpreted.
    marked = gd.to_dict(gd.load(SEED))
    marked["problems_and_improvements"] = "主要存在问题有：**一是**公开不及时。"
    assert "\\*\\*一是" in gd.render(gd.from_dict(marked), format="markdown")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        gd.render(gd.load(SEED), "pdf")


def test_render_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.html"
    assert main(["render", str(SEED), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == gd.render(gd.load(SEED))
    assert main(["render", str(SHANGHAI), "--format", "markdown"]) == 0
    assert capsys.readouterr().out == gd.render(gd.load(SHANGHAI), "markdown")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["render", str(bad)]) == 1
    assert "STRUCT-EDITION" in capsys.readouterr().err
    assert main(["render", str(tmp_path / "absent.json")]) == 2


# --- in a real browser ----------------------------------------------------------------------


_READ_BACK = """
<script>
const out = [];
for (const table of document.querySelectorAll("table")) {
  const grid = [];
  Array.from(table.rows).forEach((tr, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    for (const cell of tr.cells) {
      while (grid[r][c] !== undefined) c++;
      const item = {text: cell.innerText.trim(), path: cell.dataset.path || null,
                    align: getComputedStyle(cell).textAlign};
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        grid[r + dr] = grid[r + dr] || [];
        for (let dc = 0; dc < cell.colSpan; dc++) grid[r + dr][c + dc] = {...item, origin: dr === 0 && dc === 0};
      }
      c += cell.colSpan;
    }
  });
  out.push([table.className, grid]);
}
const pre = document.createElement("pre");
pre.id = "read-back";
pre.textContent = JSON.stringify({tables: out, scripts: document.querySelectorAll('script:not([type="application/json"])').length});
document.body.appendChild(pre);
</script>
"""


def read_back(page: str, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "page.html"
    path.write_text(page.replace("</body>", _READ_BACK + "</body>"), encoding="utf-8")
    flags = [*chromium_flags(tmp_path), "--virtual-time-budget=5000", "--dump-dom"]
    assert BROWSER is not None
    done = subprocess.run([BROWSER, *flags, path.as_uri()], capture_output=True, timeout=120, check=True)
    dom = done.stdout.decode("utf-8")
    start = dom.index('<pre id="read-back">') + len('<pre id="read-back">')
    result: dict[str, Any] = json.loads(html.unescape(dom[start : dom.index("</pre>", start)]))
    return result


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (CI installs Debian's chromium)")
@pytest.mark.parametrize("example", [SEED, SHANGHAI], ids=lambda p: p.stem)
def test_in_a_browser_every_cell_reads_back(example: Path, tmp_path: Path) -> None:
    report = gd.load(example)
    if example == SEED:  # a report whose text tries to inject markup
        report = attrs.evolve(
            report, preamble="<script>document.title='x'</script><table><tr><td>9</td></tr></table>"
        )
    seen = read_back(gd.render(report), tmp_path)
    assert seen["scripts"] == 1  # only the read-back script: the report's own text stayed text
    tables = [(name, [[dict(c, header=False) for c in row] for row in grid]) for name, grid in seen["tables"]]
    assert [name for name, _ in tables] == ["table2", "table3", "table4"]
    check_cells(report, tables)
    for _, grid in tables:
        for row in grid:
            for cell in row:
                if cell["path"]:
                    assert cell["align"] == "right", cell
    table3 = dict(tables)["table3"]
    assert [c["text"] for c in table3[7][:3]] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert all(len(row) == 10 for row in table3)
    money = Decimal(dict(tables)["table2"][-1][-1]["text"])
    assert money in (Decimal("64.2623"), Decimal("251000"))


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_built_in_code_with_values_of_other_types(fmt: Literal["html", "markdown"]) -> None:
    report: Any = gd.load(SEED)
    # A value in its JSON form is read as validate() reads it...
    assert gd.render(attrs.evolve(report, published_on="2024-01-05"), fmt) == gd.render(report, fmt)
    # ...and one that is not structurally right is a ReportError, not an AttributeError.
    with pytest.raises(gd.ReportError) as caught:
        gd.render(attrs.evolve(report, applications=7, organ={"name": ""}), fmt)
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("STRUCT-EMPTY", "/organ/name"),
        ("STRUCT-TYPE", "/applications"),
    ]
