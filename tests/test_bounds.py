"""The hostile-input campaign of the reliability round, kept as tests: each input is rebuilt
here by a few lines (no large file is committed), and each is answered with its finding
instead of minutes and gigabytes. Cost is bounded by counting, never by timing: the counts
are checked to cover every tag and attribute the parsers really build, however the markup
spells them; ``finishes`` only catches a hang."""

from __future__ import annotations

import html.parser
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as gd
from govdisclosure._extract.forms import archive_markup_size, markup_size
from govdisclosure._ground.limits import MAX_MARKUP_ATTRIBUTES, MAX_MARKUP_TAGS
from tests.helpers import DATA, SEED, docx_file, finishes

_HEAD = "<html><body><h1>某局2024年政府信息公开工作年度报告</h1>"


def _docx(body: str) -> bytes:
    return docx_file(
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )


def _xlsx_cells(rows: int, columns: int) -> bytes:
    # A sheet of numbers, written as a spreadsheet program writes one (no openpyxl: its own
    # writing of 100,000 cells is slower than the reading this checks).
    out = io.BytesIO()
    sheet = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{chr(65 + c)}{r}"><v>{c}</v></c>' for c in range(columns))
        + "</row>"
        for r in range(1, rows + 1)
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{sheet}</sheetData></worksheet>",
        )
    return out.getvalue()


_PARAGRAPH = "<w:p><w:r><w:t>某局2024年政府信息公开工作年度报告</w:t></w:r></w:p>"
_CELL = "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"

#: Each input of the campaign, rebuilt: (what it is, its bytes or text, the bound it meets).
CAMPAIGN: dict[str, tuple[Callable[[], str | bytes], str]] = {
    "unmatched </div>": (lambda: _HEAD + "</div>" * 200_000, "tags"),
    "many <br>": (lambda: _HEAD + "<p>" + "<br>" * 1_000_000, "tags"),
    "tag soup": (lambda: _HEAD + "<b><i><u><s>x" * 300_000, "tags"),
    "deep nesting": (lambda: _HEAD + "<div>" * 500_000, "tags"),
    "170,000 table rows": (lambda: _HEAD + "<table>" + "<tr><td>1</td></tr>" * 170_000, "tags"),
    "spans over 1,500 tables": (
        lambda: _HEAD + ("<table>" + "<tr><td rowspan=100 colspan=100>1</td></tr>" * 30 + "</table>") * 1_500,
        "tags",
    ),
    "500,000 attributes": (
        lambda: _HEAD + "<p " + " ".join(f"a{i}=1" for i in range(500_000)) + ">x</p>",
        "attributes",
    ),
    "500,000 bare attributes": (
        lambda: _HEAD + "<p " + " ".join(f"a{i}" for i in range(500_000)) + ">x</p>",
        "attributes",
    ),
    "40,000 Word tables": (
        lambda: _docx(_PARAGRAPH + f"<w:tbl><w:tr>{_CELL}</w:tr></w:tbl>" * 40_000),
        "tags",
    ),
    "400,000 Word paragraphs": (
        lambda: _docx(_PARAGRAPH + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 400_000),
        "tags",
    ),
    "a 60×5,000 Word table": (
        lambda: _docx(_PARAGRAPH + "<w:tbl>" + ("<w:tr>" + _CELL * 60 + "</w:tr>") * 5_000 + "</w:tbl>"),
        "tags",
    ),
    "100,000 workbook cells": (lambda: _xlsx_cells(10_000, 10), "tags"),
}


@pytest.mark.parametrize("name", CAMPAIGN)
def test_each_input_of_the_campaign_is_refused_unread(name: str) -> None:
    build, bound = CAMPAIGN[name]
    source = build()
    assert len(source) < 10 * 1024 * 1024
    result = finishes(gd.extract, source.encode("utf-8") if isinstance(source, str) else source, limit=60)
    (finding,) = result.findings
    limit = MAX_MARKUP_TAGS if bound == "tags" else MAX_MARKUP_ATTRIBUTES
    assert (finding.code, finding.expected) == ("EXTRACT-TOO-LARGE", f"{limit} {bound}")
    assert int(str(finding.actual).split()[0]) > limit
    assert result.report is None


def test_real_documents_are_far_inside_the_bounds() -> None:
    page = markup_size((DATA / "2024_pingtan-gonganju.html").read_text(encoding="utf-8"))
    word = archive_markup_size((DATA / "2024_pingtan-gonganju.docx").read_bytes())
    for tags, attributes in (page, word):
        assert tags * 3 < MAX_MARKUP_TAGS
        assert attributes * 5 < MAX_MARKUP_ATTRIBUTES


# --- the counts cover what the parsers build -------------------------------------------------


class _Counting(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = self.attributes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        self.attributes += len(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1


_NAMES = st.sampled_from(["p", "TD", "tr", "w:p", "a-b", "x1", "表"])
_VALUES = st.sampled_from(['"1"', "'x y'", "1", '">"', "'<'", "&amp;", '""', "=", '"a\nb"'])
_SEPARATORS = st.sampled_from([" ", "\n", "\t", "/", "  ", "", '"', "'"])
_ATTRIBUTE = st.tuples(_SEPARATORS, _NAMES, st.sampled_from(["", "=", " = ", "=\n"]), _VALUES).map(
    lambda t: t[0] + t[1] + (t[2] + t[3] if t[2] else "")
)
_TAG = st.one_of(
    st.tuples(_NAMES, st.lists(_ATTRIBUTE, max_size=4), st.sampled_from([">", "/>", " >", ""])).map(
        lambda t: "<" + t[0] + "".join(t[1]) + t[2]
    ),
    _NAMES.map(lambda n: f"</{n}>"),
    st.sampled_from(
        ["<!-- x -->", "<!DOCTYPE html>", "<![CDATA[x]]>", "<?x?>", "< p>", "a < b", "&lt;p&gt;", "文字 "]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TAG, max_size=40).map("".join))
def test_the_markup_count_covers_every_tag_and_attribute_the_html_parser_builds(markup: str) -> None:
    parser = _Counting()
    parser.feed(markup)
    parser.close()
    tags, attributes = markup_size(markup)
    assert parser.tags <= tags
    assert parser.attributes <= attributes
    assert markup_size(markup.encode("utf-8")) == (tags, attributes)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["p", "w:p", "c", "mergeCell", "x:row"]),
            st.lists(
                st.tuples(st.sampled_from(["a", "r", "w:val", "ref"]), st.sampled_from(['"1"', "'2'"])),
                max_size=3,
                unique_by=lambda t: t[0],
            ),
            st.sampled_from(["\n", " ", "\t", "  "]),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_the_markup_count_covers_every_element_and_attribute_lxml_builds(
    parts: list[tuple[str, list[tuple[str, str]], str, bool]],
) -> None:
    from lxml import etree  # type: ignore[import-untyped]

    body = "".join(
        f"<{name}{''.join(space + key + '=' + value for key, value in attributes)}{space}"
        + ("/>" if empty else f">t</{name}>")
        for name, attributes, space, empty in parts
    )
    xml = ('<root xmlns:w="urn:w" xmlns:x="urn:x">' + body + "</root>").encode()
    elements = attributes = 0
    for _, element in etree.iterparse(io.BytesIO(xml), events=("start",)):
        elements += 1
        attributes += len(element.attrib)
    tags, names = markup_size(xml)
    assert elements <= tags
    assert attributes <= names


# --- worker processes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    data = SEED.read_bytes()
    for i in range(30_000):  # several seconds of work: the signal comes in the middle of it
        (folder / f"{i:05}.json").write_bytes(data)
    return folder


def _children(pid: int) -> list[int]:
    out = subprocess.run(
        ["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True, check=False
    )
    return [int(p) for p in out.stdout.split()]


def _started(command: list[str]) -> tuple[subprocess.Popen[bytes], list[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "govdisclosure", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(200):  # until both workers run
        workers = _children(process.pid)
        if len(workers) >= 2:
            return process, workers
        time.sleep(0.05)
    process.kill()
    raise AssertionError("no workers started")


def _gone(pids: list[int]) -> bool:
    def alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                return "\nState:\tZ" not in status.read()
        except FileNotFoundError:
            return False

    for _ in range(100):
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process table")
@pytest.mark.parametrize("command", ["validate", "table"])
def test_a_worker_that_dies_ends_the_run_with_its_files_named(many_reports: Path, command: str) -> None:
    process, workers = _started(
        [command, str(many_reports), "--jobs", "2", *(["-o", os.devnull] if command == "table" else [])]
    )
    os.kill(workers[0], signal.SIGKILL)
    _, err = process.communicate(timeout=120)  # only a hang fails here
    assert process.returncode == 2, err.decode()[-2000:]
    (line,) = err.decode().strip().splitlines()
    assert "时一个工作进程意外退出，运行已停止 / a worker process died while reading" in line
    assert ".json" in line
    assert _gone(workers)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux process table")
def test_sigterm_to_the_parent_ends_the_workers_and_says_so(many_reports: Path) -> None:
    process, workers = _started(["validate", str(many_reports), "--jobs", "2"])
    process.send_signal(signal.SIGTERM)  # to the parent only, as a service manager may
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143
    assert err.decode().strip().splitlines() == ["govdisclosure: 已终止 / terminated"], err.decode()
    assert _gone(workers)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_links_are_followed_to_files_and_folders_alike_and_a_loop_ends(tmp_path: Path) -> None:
    from govdisclosure._many.batch import iter_paths

    (tmp_path / "real").mkdir()
    (tmp_path / "walked").mkdir()
    (tmp_path / "real" / "x.json").write_bytes(SEED.read_bytes())
    (tmp_path / "walked" / "folder").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "walked" / "file.json").symlink_to(tmp_path / "real" / "x.json")
    (tmp_path / "real" / "up").symlink_to(tmp_path / "walked", target_is_directory=True)  # a loop
    found = finishes(lambda: list(iter_paths([tmp_path / "walked"])), limit=60)
    walked = str(tmp_path / "walked")
    assert found == [os.path.join(walked, "file.json"), os.path.join(walked, "folder", "x.json")]
