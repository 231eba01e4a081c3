"""The importer: published reports in the forms they are published in, read into reports."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from typing import get_args

import attrs

from .._codec.io import read_document
from .._findings.finding import Finding
from .._ground.extras import MissingExtra
from .._ground.limits import (
    MAX_MARKUP_ATTRIBUTES,
    MAX_MARKUP_TAGS,
    MAX_MERGED_CELLS,
    MAX_OCR_PAGES,
    MAX_SOURCE_BYTES,
    MAX_UNPACKED_BYTES,
)
from .._rules.engine import run_rules
from .finish import finish, from_lines, marked
from .forms import (
    BINARY_FORMS,
    Refusal,
    archive_markup_size,
    decode_source,
    detect_format,
    markup_size,
    merged_cells,
    sniff,
    unpacked_size,
)
from .html import _HtmlLines, _stray_brackets_escaped, _without_comments, report_lines
from .mhtml import is_mhtml
from .mhtml import page as mhtml_page
from .mhtml import pictures as mhtml_pictures
from .result import Assembled, CellSource, ExtractionResult, Format, Lines, refused, too_large
from .text import Line, _lines_of_text

__all__ = ["CellSource", "ExtractionResult", "decode_source", "detect_format", "extract"]


def _markup_bounded(size: tuple[int, int], form: Format) -> ExtractionResult | None:
    # The refusal of markup over a bound, counted before any parser builds it.
    elements, attributes = size
    if elements > MAX_MARKUP_TAGS:
        return too_large(elements, "tags", MAX_MARKUP_TAGS, form)
    if attributes > MAX_MARKUP_ATTRIBUTES:
        return too_large(attributes, "attributes", MAX_MARKUP_ATTRIBUTES, form)
    return None


def _read_lines(text: str, form: Format) -> ExtractionResult:
    # Lines of text, Markdown or a web page, read into a report; a page over a bound refused.
    if form == "html":
        bounded = _markup_bounded(markup_size(text), "html")
        if bounded is not None:
            return bounded
    lines, island, documents = _lines(text, form)
    return from_lines(lines, form, island, documents)


def _lines(text: str, form: Format) -> tuple[list[Line], str | None, tuple[str, ...]]:
    # The lines, the data island of a rendered page, and the documents a page links to.
    if form == "html":
        parser = _HtmlLines()
        parser.feed(_stray_brackets_escaped(_without_comments(text)))
        parser.close()
        lines = report_lines(parser.lines, parser.parents, parser.closed)
        return lines, parser.island, tuple(parser.documents)
    return _lines_of_text(text, form == "markdown"), None, ()


def extract(
    source: str | bytes | os.PathLike[str] | Sequence[bytes | os.PathLike[str]],
    *,
    format: Format | None = None,
) -> ExtractionResult:
    """Read a published report from any form it is published in.

    ``source`` is the text itself (``str``), the bytes of a file, or a path (``os.PathLike``,
    such as :class:`pathlib.Path`; a ``str`` is always text, never a file name). The form is
    detected from the content, magic bytes first: a PDF with a text layer (extra ``pdf``), a
    Word ``.docx`` file (extra ``docx``), an Excel workbook (extra ``xlsx``: a rendered report
    or a filled template), else text decoded (see :func:`decode_source`) and read as HTML
    (Word-exported pages included; a page saved as one MHTML file is taken out of it and
    decoded from the charset it names), Markdown, pipe rows or plain text (see
    :func:`detect_format`); a document that begins with ``{`` (not ``{\\rtf``) is a report as
    JSON, read as :func:`govdisclosure.validate` reads it (``format`` ``"json"``, no
    ``sources``). ``format`` overrides the detection. Without the extra a form needs, the
    result has no report and one ``EXTRACT-EXTRA`` finding naming it; a file of no readable
    form (an image, an old binary ``.doc``, an RTF, OpenDocument or OFD document, bytes in no
    known encoding) gives one ``EXTRACT-FORM`` finding that says what to save it as; a
    document that is no report of the current template, one ``EXTRACT-NOT-REPORT``.
    ``TypeError`` for a source of another type; ``ValueError`` for a ``format`` none of those;
    ``OSError`` if a path cannot be read (a folder, say). A path to a FIFO or a device is not
    opened: one ``FILE-NOT-REGULAR`` finding.

    The edition, the organ, the year and ``published_on`` are read from the document. Headings
    and labels may vary as published reports vary (see the importing guide). No number is
    invented silently: a blank, "/" or "——" cell is recorded as 0 with an ``EXTRACT-BLANK``
    warning; a value pinned down by the table arithmetic is filled with ``EXTRACT-DERIVED``; a
    cell that cannot be read is recorded as 0 with an ``EXTRACT-UNREADABLE`` or
    ``EXTRACT-MISSING`` error. ``sources`` says where every number came from (line and column,
    page, Word table, or sheet and cell).

    A page rendered by :func:`govdisclosure.render` is read from its visible tables; the copy of
    the report it carries confirms them and supplies the text, and where a visible number
    differs from the copy the finding ``EXTRACT-ISLAND-DIFFERS`` says so. Every form ends in the
    same step: the document is structured as :func:`govdisclosure.validate` structures JSON, and
    the content rules run on the report.
    """
    if format is not None and format not in get_args(Format):
        allowed = ", ".join(repr(f) for f in get_args(Format))
        raise ValueError(f"unknown format {format!r}; the formats are {allowed}")
    if isinstance(source, (list, tuple)):
        return _pictures(list(source))
    if isinstance(source, os.PathLike):
        path = os.fspath(source)
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(status.st_mode):
            # A FIFO would block the open until something writes to it; a device may never end.
            return ExtractionResult(None, (Finding("FILE-NOT-REGULAR", "error", ""),), {}, "text", None)
        size = status.st_size
        if size > MAX_SOURCE_BYTES:
            return too_large(size, "bytes")
        with open(path, "rb") as handle:
            source = handle.read(MAX_SOURCE_BYTES + 1)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > MAX_SOURCE_BYTES:
            return too_large(len(data), "bytes")
        form = format or ("json" if _json_like(data) else sniff(data))
        if form == "json":
            return _json(data)
        if form in BINARY_FORMS:
            return _binary(data, form)
        if isinstance(form, Refusal):
            return refused(form.reason, form.reason_zh)
        if format in (None, "html") and is_mhtml(data):
            # A web archive: its page, which may be in any charset the archive names.
            page = mhtml_page(data)
            if isinstance(page, Refusal):
                return refused(page.reason, page.reason_zh, form="html")
            if "<img" in page.lower():
                # A page whose report tables are pictures: they are read where they stand.
                from .ocr import pictures_read

                page = pictures_read(page, mhtml_pictures(data, MAX_OCR_PAGES))
            return _read_lines(page, "html")
        try:
            text = decode_source(data)
        except UnicodeDecodeError:
            return refused(
                "the bytes are neither UTF-8, UTF-16 nor GB18030 text",
                "既不是 UTF-8、UTF-16 也不是 GB18030 编码的文本",
            )
        if format is None and _json_like(text):
            return _json(data)  # UTF-16 JSON, say: JSON-ENCODING says what is wrong
    elif isinstance(source, str):
        text = source
        if format in (None, "html") and is_mhtml(text[:8192].encode("utf-8", "surrogatepass")):
            # A web archive read as text: its page is in the transfer encoding, in ASCII.
            return extract(text.encode("utf-8", "surrogatepass"), format=format)
    else:
        raise TypeError(f"extract() reads text (str), bytes or a path, not {type(source).__name__}")
    if len(text) > MAX_SOURCE_BYTES:
        return too_large(len(text), "characters")
    if format == "json" or (format is None and isinstance(source, str) and _json_like(text)):
        return _json(text)
    text_form: Format = format if format in ("text", "markdown", "html") else detect_format(text)
    return _read_lines(text, text_form)


def _pictures(sources: list[bytes | os.PathLike[str]]) -> ExtractionResult:
    # Pictures given together: the pages of one report, in the order given.
    pictures: list[bytes] = []
    total = 0
    for one in sources:
        if isinstance(one, os.PathLike):
            with open(os.fspath(one), "rb") as handle:
                one = handle.read(MAX_SOURCE_BYTES + 1)
        if not isinstance(one, bytes):
            raise TypeError(f"extract() reads a list of pictures (bytes or paths), not {type(one).__name__}")
        total += len(one)
        if total > MAX_SOURCE_BYTES:
            return too_large(total, "bytes")
        if sniff(one) != "image":
            return refused(
                "a list given to extract() holds pictures of a report's pages only",
                "extract() 的列表只能是报告各页的图片",
                form="image",
            )
        pictures.append(one)
    return _binary(pictures, "image")  # type: ignore[arg-type]


def _json_like(data: str | bytes) -> bool:
    # A JSON object, not a published report: no report's text begins with "{" (an RTF
    # document does, "{\rtf1": sniff() says what it is).
    if isinstance(data, str):
        head = data[:64].lstrip("\ufeff \t\r\n")
        return head[:1] == "{" and head[:5] != "{\\rtf"
    raw = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return raw[:1] == b"{" and raw[:5] != b"{\\rtf"


def _json(source: str | bytes) -> ExtractionResult:
    # A report as JSON is read exactly as validate() reads it: its findings, and no sources.
    report, findings = read_document(source)
    if report is None:
        return ExtractionResult(None, tuple(findings), {}, "json", None)
    return ExtractionResult(report, tuple(run_rules(report)), {}, "json", report.format_version)


def _binary(data: bytes, form: str) -> ExtractionResult:
    reader = BINARY_FORMS[form]
    unpacked = unpacked_size(data) if form in ("docx", "xlsx") else None
    if unpacked is not None and unpacked > MAX_UNPACKED_BYTES:
        return too_large(unpacked, "bytes unpacked", MAX_UNPACKED_BYTES, form)  # type: ignore[arg-type]
    if form in ("docx", "xlsx"):
        bounded = _markup_bounded(archive_markup_size(data), form)  # type: ignore[arg-type]
        if bounded is not None:
            return bounded
    merged = merged_cells(data) if form == "xlsx" else None
    if merged is not None and merged > MAX_MERGED_CELLS:
        return too_large(merged, "merged cells", MAX_MERGED_CELLS, form)  # type: ignore[arg-type]
    try:
        read = reader(data)
    except MissingExtra as missing:
        finding = Finding(
            "EXTRACT-EXTRA",
            "error",
            "",
            params={"form": missing.feature, "form_zh": missing.feature_zh, "extra": missing.extra},
        )
        return ExtractionResult(None, (finding,), {}, form, None)  # type: ignore[arg-type]
    if isinstance(read, Lines):
        result = from_lines(read.lines, form)  # type: ignore[arg-type]
        if read.marks:
            result = marked(result, read.marks)
        return attrs.evolve(result, findings=(*read.findings, *result.findings)) if read.findings else result
    if isinstance(read, Assembled):
        return finish(read.document, read.findings, read.sources, form, read.edition, read.cls)  # type: ignore[arg-type]
    return read
