"""The forms a report comes in, told from the bytes (magic bytes first, never by decoding
first), and the readers of the binary forms, loaded when one is met.

A binary reader is a module of this package with ``read(data: bytes)``, returning
:class:`~.result.Lines`, :class:`~.result.Assembled` or a refusal;
adding a form is adding a module and a line to :data:`BINARY_FORMS` (``docs/contributing.md``).
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from .._model.editions import YEAR_RANGE

if TYPE_CHECKING:
    from typing import TypeAlias

    from .result import Assembled, ExtractionResult, Format, Lines
    from .text import Line

    #: What a binary form's reader returns.
    Read: TypeAlias = Lines | Assembled | ExtractionResult

__all__ = [
    "BINARY_FORMS",
    "Refusal",
    "decode_source",
    "detect_format",
    "not_a_report",
    "sniff",
    "unpacked_size",
]


@attrs.frozen
class Refusal:
    """Bytes of a form no reader takes, and why, in English and Chinese."""

    reason: str
    reason_zh: str


def _lazy(module: str) -> Callable[[bytes], Read]:
    def read(data: bytes) -> Read:
        reader: Callable[[bytes], Read] = importlib.import_module(module, __package__).read
        return reader(data)

    return read


#: form → its reader.
BINARY_FORMS: dict[str, Callable[[bytes], Read]] = {
    "pdf": _lazy(".pdf"),
    "docx": _lazy(".docx"),
    "xlsx": _lazy(".xlsx"),
    "image": lambda data: importlib.import_module(".ocr", __package__).read_images(data),
}


def unpacked_size(data: bytes) -> int | None:
    """The sum of the sizes the ZIP directory of ``data`` declares for its members, in bytes;
    ``None`` if ``data`` is no readable ZIP archive (its reader then says it is broken).
    Python's ``zipfile``, which python-docx and openpyxl read with, never unpacks more of a
    member than its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


# A merged range or a hyperlink, however its XML spells it: any prefix, the attribute's name in
# any case, either quote, spaces around "=", "$" signs, entities; openpyxl reads all of these.
_RANGED = re.compile(rb"<(?:[\w.-]+:)?(mergeCell|hyperlink)\b([^>]*)>", re.I)
_REF = re.compile(rb"""\bref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_CELLS_OF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$")


def merged_cells(data: bytes) -> int | None:
    """How many cells the merged ranges and the hyperlink ranges of a workbook cover, in all,
    read from every XML part of it before openpyxl (which makes an object for each cell of
    either), however the XML spells them and wherever the part stands; ``None`` if ``data`` is
    no readable ZIP archive. Each part is read up to its declared size (see
    :func:`unpacked_size`, checked first)."""
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                part = archive.read(info)
                if b"ergeCell" not in part and b"yperlink" not in part.lower():
                    continue
                for element in _RANGED.finditer(part):
                    ref = _REF.search(element.group(2))
                    if ref is not None:
                        total += _cells_in((ref.group(1) or ref.group(2) or b"").decode("utf-8", "replace"))
    except (zipfile.BadZipFile, ValueError, OSError, zlib.error):
        return None
    return total


# A tag (start or end), and what may start an attribute (any character but a blank, "/" or
# ">" after a blank, a quote or a slash, with or without "=": "<p a b c>" has three, '<p = "1">'
# two to the HTML parser), however the markup spells them: what an HTML or XML parser does
# work for. The second counts words of text too: an upper bound.
_TAG = re.compile(r"</?[A-Za-z]")
_ATTRIBUTE = re.compile(r"""[\s"'/][^\s/>]""")
_TAG_BYTES = re.compile(rb"</?[A-Za-z]")
_ATTRIBUTE_BYTES = re.compile(rb"""[\s"'/][^\s/>]""")


def markup_size(markup: str | bytes) -> tuple[int, int]:
    """The tags (start and end) and the attributes of ``markup`` (a page's text, or an XML
    part's bytes): what a parser does work for, however few elements they make (50,000
    unmatched ``</div>`` took the parser as long as as many elements)."""
    if isinstance(markup, str):
        return len(_TAG.findall(markup)), len(_ATTRIBUTE.findall(markup))
    return len(_TAG_BYTES.findall(markup)), len(_ATTRIBUTE_BYTES.findall(markup))


def archive_markup_size(data: bytes) -> tuple[int, int]:
    """:func:`markup_size` summed over every part of a Word file or workbook (each read up to
    its declared size, checked first); ``(0, 0)`` if ``data`` is no readable ZIP archive."""
    elements = attributes = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                tags, names = markup_size(archive.read(info))
                elements, attributes = elements + tags, attributes + names
    except (zipfile.BadZipFile, ValueError, OSError, zlib.error):
        return 0, 0
    return elements, attributes


def _cells_in(ref: str) -> int:
    # The cells of "A1:B3" (any case, "$" signs, entities); 0 for a ref that names no range.
    import html

    cells = 0
    for one in html.unescape(ref).upper().split():
        match = _CELLS_OF.match(one)
        if match is None:
            continue
        first, top = _column(match.group(1)), int(match.group(2))
        last, bottom = (_column(match.group(3)), int(match.group(4))) if match.group(3) else (first, top)
        cells += (abs(last - first) + 1) * (abs(bottom - top) + 1)
    return cells


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


def _picture(head: bytes) -> bool:
    # PNG, JPEG, GIF, TIFF; BMP (its header's size after "BM": no text starts so); WebP.
    if head.startswith(_IMAGES):
        return True
    if (
        head[:2] == b"BM"
        and len(head) >= 18
        and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 108, 124)
    ):
        return True
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def sniff(data: bytes) -> str | Refusal | None:
    """The binary form of ``data`` (``"pdf"``, ``"docx"``, ``"xlsx"``), a :class:`Refusal`, or
    ``None`` for text."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            return Refusal(f"a broken ZIP archive ({error})", f"损坏的 ZIP 压缩文件（{error}）")
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and "content.xml" in names:
            return Refusal(
                "an OpenDocument file (.odt or .ods): save it as .docx or .xlsx first "
                "(soffice --headless --convert-to docx)",
                "OpenDocument 文件（.odt 或 .ods），请先另存为 .docx 或 .xlsx",
            )
        if "OFD.xml" in names:
            return Refusal(
                "an OFD document (GB/T 33190): its text needs exporting as PDF first",
                "OFD 版式文档，请先导出为 PDF",
            )
        return Refusal(
            "a ZIP archive that is neither a workbook nor a Word file",
            "既不是工作簿也不是 Word 文件的 ZIP 压缩文件",
        )
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Refusal(
            "an old binary Office file (.doc or .xls): save it as .docx or .xlsx first "
            "(soffice --headless --convert-to docx)",
            "旧版二进制 Office 文件（.doc 或 .xls），请先另存为 .docx 或 .xlsx",
        )
    if head.lstrip()[:5] == b"{\\rtf":
        return Refusal(
            "an RTF document: save it as .docx first (soffice --headless --convert-to docx)",
            "RTF 文档，请先另存为 .docx",
        )
    if _picture(head):
        return "image"  # a picture of a page: read by the recogniser (the ocr extra)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Refusal("binary data, not text", "二进制数据，不是文本")
    return None


# Headings of the report format of 2008–2018, which the national template replaced.
_OLD_FORMAT = re.compile(
    r"依申请公开政府信息(?:的)?情况|收费及减免情况|因政府信息公开(?:申请)?(?:申请)?行政复议"
)


# Headings only the national template has.
_CURRENT = ("收到和处理政府信息公开申请", "政府信息公开行政复议", "主动公开政府信息情况第二十条")


def not_a_report(lines: list[Line], builder: Any) -> tuple[str, str] | None:
    """Why the document read is no report of the national template, or ``None``."""
    from .._layout.headings import is_comparison_heading

    if any(is_comparison_heading(line.text) for line in lines[:5]):
        return (
            "a comparison of two years' reports made by govdisclosure compare; "
            "read each year's report instead",
            "govdisclosure compare 生成的两年报告对比，请分别读取各年度的报告",
        )
    year = builder.doc.get("year")
    if isinstance(year, int) and year < YEAR_RANGE[0]:
        return (
            f"a report for {year}; the national template applies from the {YEAR_RANGE[0]} reports",
            f"{year} 年度的报告，国家统一格式自 {YEAR_RANGE[0]} 年度报告起适用",
        )
    # Not one number of the three tables read from a cell: no table of the template is there.
    if not any(source.kind in ("cell", "blank") for source in builder.sources.values()):
        text = " ".join(line.text for line in lines[:2000])
        current = any(heading in text for heading in _CURRENT)
        if not current and _OLD_FORMAT.search(text):
            return (
                "its sections are those of the format used before 2019 (依申请公开政府信息情况 …)",
                "其章节为 2019 年以前的格式（依申请公开政府信息情况等）",
            )
        from .sections import _split_sections

        if not current and set(_split_sections(lines)) == {"front"}:
            # A title alone is no report: a site's page that announces one, with the report
            # as its attachment, gave a "report" of 31 missing rows.
            return (
                "no section or table of an annual report on government information disclosure",
                "未见政府信息公开工作年度报告的章节或统计表格",
            )
    return None


def detect_format(text: str) -> Format:
    """``"html"`` for markup, ``"markdown"`` for Markdown headings or pipe tables with a
    separator row, ``"text"`` otherwise (pipe rows without separators included)."""
    head = text[:5000].lower()
    # Not after a backslash: Markdown writes a literal "<p" of the text as "\<p".
    if re.search(r"(?<!\\)<(html|body|table|p|div|h[1-6])[\s>]", head):
        return "html"
    # [ \t], not \s: \s also matches the line ends, and on blank lines the search backtracks.
    if re.search(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", text, re.M) or re.search(r"^#{1,6} ", text, re.M):
        return "markdown"
    return "text"


def decode_source(data: bytes) -> str:
    """Text of a published report: UTF-16 when it starts with its byte-order mark (Windows'
    "Unicode" text, as Notepad and Word save it), else UTF-8 (with or without a byte-order
    mark), else GB18030, the encoding of many Chinese government pages.
    ``UnicodeDecodeError`` if none fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")
