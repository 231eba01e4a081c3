"""What the tests share: the repository's paths, documents edited by JSON Pointer, workbooks
edited, PDFs built by hand and LibreOffice conversions. Fixtures are in ``conftest.py``."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "yiyuan-police-2023.json"
#: The real published reports (and their forms) the tests read.
DATA = ROOT / "tests" / "data"
#: The shipped example reports, as files.
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def set_at(doc: Any, pointer: str, value: Any) -> None:
    parts = pointer.lstrip("/").split("/")
    for part in parts[:-1]:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    if isinstance(doc, list):
        doc[int(parts[-1])] = value
    else:
        doc[parts[-1]] = value


def delete_at(doc: Any, pointer: str) -> None:
    parts = pointer.lstrip("/").split("/")
    for part in parts[:-1]:
        doc = doc[part]
    del doc[parts[-1]]


def value_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a parsed document (keys and list indices), the document itself first."""
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += value_paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += value_paths(v, (*prefix, i))
    return out


def mutate(doc: Any, path: tuple[Any, ...], value: Any = None, *, delete: bool = False) -> None:
    """Set (or delete) the value at ``path`` in place; nothing where an earlier change made the
    path impossible (a parent that is no longer an object)."""
    target = doc
    try:
        for part in path[:-1]:
            target = target[part]
        if delete:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        pass


def edit_workbook(data: bytes, change: Callable[[Any], None]) -> bytes:
    """The workbook ``data`` after ``change(book)`` (an openpyxl workbook), saved again."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def shown_as_text(report: Any) -> Any:
    """``report`` as its rendered page shows it, read without the page's copy of the report:
    Markdown bold markers (``**…**``) are shown as bold, so the visible text lacks them."""
    import re

    import govdisclosure as gd

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return re.sub(r"\*\*(.+?)\*\*", r"\1", value)
        return value

    return gd.from_dict(strip(gd.to_dict(report)))


def docx_file(document: str) -> bytes:
    """A Word file of the smallest parts Word and python-docx need, whose
    ``word/document.xml`` is ``document``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def pdf_file(pages: list[bytes], *, forms: dict[str, bytes] | None = None, filters: str = "") -> bytes:
    """A PDF of one page per content stream in ``pages`` (with ``filters``, say
    ``/Filter/FlateDecode``, its data already encoded so), a Helvetica font, and the form
    XObjects ``forms`` (name: content) every page may draw."""
    forms = forms or {}
    first_form = 4 + 2 * len(pages)
    names = "".join(f"/{name} {first_form + i} 0 R" for i, name in enumerate(forms))
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[%s]/Count %d>>" % (kids.encode(), len(pages)),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    resources = f"/Resources<</Font<</F1 3 0 R>>/XObject<<{names}>>>>".encode()
    for i, content in enumerate(pages):
        page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents %d 0 R%s>>" % (5 + 2 * i, resources)
        stream = b"<</Length %d%s>>stream\n" % (len(content), filters.encode()) + content + b"\nendstream"
        objects += [page, stream]
    for content in forms.values():
        head = b"<</Type/XObject/Subtype/Form/BBox[0 0 600 800]%s/Length %d>>stream\n" % (
            resources,
            len(content),
        )
        objects.append(head + content + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = b"".join(b"%010d 00000 n \n" % o for o in offsets)
    size = len(objects) + 1
    return (
        out
        + b"xref\n0 %d\n0000000000 65535 f \n" % size
        + table
        + b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, len(out))
    )


def ruled_pdf(lines: int) -> bytes:
    """One page ruled by ``lines`` horizontal and ``lines`` vertical lines, 7 points apart, with
    a line of text: 8 KB of PDF that a table search would search for (lines - 1)² table cells."""
    rules = [
        f"50 {50 + 7 * i} m 550 {50 + 7 * i} l S\n{50 + 7 * i} 50 m {50 + 7 * i} 750 l S"
        for i in range(lines)
    ]
    stream = ("\n".join(rules) + "\nBT /F1 12 Tf 60 770 Td (report 2023) Tj ET").encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return (
        out
        + b"xref\n0 6\n0000000000 65535 f \n"
        + table
        + b"trailer<</Size 6/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % len(out)
    )


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], target: str, tmp_path: Path) -> Path:
    """The folder LibreOffice (headless, a profile of its own under ``tmp_path``) writes
    ``files`` into, converted to ``target`` (``"xlsx"``, ``"pdf"``, or a filter with its
    options); the test is skipped where LibreOffice is not installed."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / f"converted-{len(list(tmp_path.glob('converted-*')))}"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            *("--convert-to", target, "--outdir", str(out), *map(str, files)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


class Hang(Exception):
    """A call ran past the generous limit of :func:`finishes`."""


def finishes(call: Callable[..., Any], *args: Any, limit: float = 120.0) -> Any:
    """``call(*args)``, raising :class:`Hang` if it runs past ``limit`` seconds. The limit only
    catches a hang: speed is measured by ``bench/``, and a bound on cost by counting work."""
    import signal

    def hang(signum: int, frame: Any) -> None:
        raise Hang(f"{getattr(call, '__name__', call)} ran past {limit} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return call(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


BROWSER = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
)


def chromium_flags(tmp_path: Path) -> list[str]:
    """Headless Chromium on a closed network: no background connections, a profile of its own."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]


def web_archive(html: str, charset: str, encoding: str, *, blink: bool = False) -> bytes:
    # A web page saved as one file, as Word ("单个文件网页": GB2312, quoted-printable, a note
    # before the first part) and Chromium ("Saved by Blink": UTF-8) write it (RFC 2557).
    import base64
    import quopri

    raw = html.encode("gb18030" if charset == "gb2312" else charset)
    body = quopri.encodestring(raw) if encoding == "quoted-printable" else base64.encodebytes(raw)
    boundary = "----=_NextPart_01DB1234.5678ABCD"
    head = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.gov.cn/a.html\r\n"
        if blink
        else ""
    )
    return (
        (
            f"{head}MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'
            "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"
            f"--{boundary}\r\nContent-Location: file:///C:/report.htm\r\n"
            f"Content-Transfer-Encoding: {encoding}\r\n"
            f'Content-Type: text/html; charset="{charset}"\r\n\r\n'
        ).encode("gb18030")
        + body
        + (
            f"\r\n--{boundary}\r\nContent-Location: file:///C:/report.files/image001.png\r\n"
            f"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n"
            f"--{boundary}--\r\n"
        ).encode()
    )


#: Values a mutation puts in a document: of every wrong type, and some right ones.
REPLACEMENTS: list[Any] = [
    True,
    False,
    None,
    "7",
    "",
    "2023-02-30",
    "2024-01-05",
    "2021",
    "department",
    7.5,
    -1,
    -0.5,
    -0.0,
    0,
    7.0,
    2019,
    2**53 - 1,
    2**53,
    1e300,
    [],
    {},
    [{"title": "t", "text": "x"}],
    {"title": "t"},
]


def mutate_document(doc: Any, data: st.DataObject) -> Any:
    locations = value_paths(doc)
    path = data.draw(st.sampled_from(locations))
    operation = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        return data.draw(st.sampled_from(REPLACEMENTS)) if operation == "replace" else doc
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if operation == "replace":
        parent[last] = data.draw(st.sampled_from(REPLACEMENTS))
    elif operation == "delete" and isinstance(parent, dict):
        del parent[last]
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["extra_key", "total", "title", "natural_person"]))] = 0
    return doc
