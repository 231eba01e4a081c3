from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "yiyuan-police-2023.json"

# Report documents are large: generation dominates the run time. The default profile keeps
# the whole suite within a few minutes on a 2-core machine; `HYPOTHESIS_PROFILE=thorough`
# runs ten times as many examples.
settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed() -> dict[str, Any]:
    """The seed example as a fresh parsed document (safe to mutate)."""
    return copy.deepcopy(_SEED_DOC)


_SEED_DOC: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))


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


@pytest.fixture(autouse=True)
def _chinese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    # The command line takes its language from LANG: the tests expect the default (Chinese),
    # whatever the machine that runs them is set to. Tests of LANG set it themselves.
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


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
    a line of text: 8 KB of PDF that pdfplumber would search for (lines - 1)² table cells."""
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
