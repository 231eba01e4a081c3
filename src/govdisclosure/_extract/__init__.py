"""The importer: published reports in the forms they are published in, read into reports."""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import Any, get_args

import attrs

from .._convert import structure, to_dict
from .._extras import MissingExtra
from .._findings import Finding
from .._inspect import ABSENT, cell_name, get_in, position_key, put_in, split_pointer
from .._io import read_document
from .._limits import MAX_MERGED_CELLS, MAX_SOURCE_BYTES, MAX_UNPACKED_BYTES
from .._rules import run_rules
from ._builder import Builder
from ._cells import read_number as read_number
from ._forms import BINARY_FORMS, Refusal, merged_cells, not_a_report, sniff, unpacked_size
from ._html import _HtmlLines, _stray_brackets_escaped, _without_comments, report_lines
from ._mhtml import is_mhtml
from ._mhtml import page as mhtml_page
from ._radicals import unradical
from ._result import CellSource, ExtractionResult, Format
from ._text import Line, _lines_of_text

__all__ = ["CellSource", "ExtractionResult", "decode_source", "detect_format", "extract"]


def _lines(text: str, form: Format) -> tuple[list[Line], str | None, tuple[str, ...]]:
    # The lines, the data island of a rendered page, and the documents a page links to.
    if form == "html":
        parser = _HtmlLines()
        parser.feed(_stray_brackets_escaped(_without_comments(text)))
        parser.close()
        lines = report_lines(parser.lines, parser.parents, parser.closed)
        return lines, parser.island, tuple(parser.documents)
    return _lines_of_text(text, form == "markdown"), None, ()


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


def extract(source: str | bytes | os.PathLike[str], *, format: Format | None = None) -> ExtractionResult:
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
            return _too_large(size, "bytes")
        with open(path, "rb") as handle:
            source = handle.read(MAX_SOURCE_BYTES + 1)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > MAX_SOURCE_BYTES:
            return _too_large(len(data), "bytes")
        form = format or ("json" if _json_like(data) else sniff(data))
        if form == "json":
            return _json(data)
        if form in BINARY_FORMS:
            return _binary(data, form)
        if isinstance(form, Refusal):
            return _refused(form.reason, form.reason_zh)
        if format in (None, "html") and is_mhtml(data):
            # A web archive: its page, which may be in any charset the archive names.
            page = mhtml_page(data)
            if isinstance(page, Refusal):
                return _refused(page.reason, page.reason_zh, form="html")
            lines, island, documents = _lines(page, "html")
            return _from_lines(lines, "html", island, documents)
        try:
            text = decode_source(data)
        except UnicodeDecodeError:
            return _refused(
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
        return _too_large(len(text), "characters")
    if format == "json" or (format is None and isinstance(source, str) and _json_like(text)):
        return _json(text)
    text_form: Format = format if format in ("text", "markdown", "html") else detect_format(text)
    lines, island, documents = _lines(text, text_form)
    return _from_lines(lines, text_form, island, documents)


def _unradicalled(line: Line) -> Line:
    # Every form's lines pass here: radicals a PDF's text layer gives for ideographs (⼯ for 工)
    # are read as the ideographs, one character for one.
    cells = tuple(
        piece if (text := unradical(piece.text)) is piece.text else attrs.evolve(piece, text=text)
        for piece in line.cells
    )
    return line if cells == line.cells else attrs.evolve(line, cells=cells)


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


def _from_lines(
    lines: list[Line], form: Format, island: str | None = None, documents: tuple[str, ...] = ()
) -> ExtractionResult:
    lines = [_unradicalled(line) for line in lines]
    builder = Builder(lines)
    document, edition = builder.build()
    refusal = not_a_report(lines, builder)
    if refusal is not None:
        reason, reason_zh = refusal
        if documents:
            # The page that announces a report, with the report as its attachment or in a
            # viewer: say where it is.
            shown = ", ".join(documents[:5]) + (", …" if len(documents) > 5 else "")
            reason, reason_zh = (
                f"{reason}; the page links to {shown}",
                f"{reason_zh}；网页链接的文件：{shown}",
            )
        return _refused(reason, reason_zh, code="EXTRACT-NOT-REPORT", form=form)
    findings = builder.findings
    sources = builder.sources
    if island is not None:
        document, findings, sources = _with_island(island, document, builder)
    if document is None:
        return ExtractionResult(None, tuple(findings), sources, form, edition)
    return finish(document, findings, sources, form, edition, builder.cls)


def finish(
    document: dict[str, Any],
    findings: list[Finding],
    sources: dict[str, CellSource],
    form: Format,
    edition: str | None,
    cls: type | None,
) -> ExtractionResult:
    """The step every form ends in: the document structured as JSON is, then the content
    rules of the report read (a value read into the wrong cell breaks the table's arithmetic,
    and the rule's finding then names that cell)."""
    report, problems = structure(document)
    out = list(findings)
    if report is None:
        out.extend(problems)
    else:
        out.extend(run_rules(report))
    out.sort(key=lambda f: _order(cls, f))
    return ExtractionResult(report, tuple(out), sources, form, edition)


def _with_island(
    island: str, document: dict[str, Any] | None, builder: Builder
) -> tuple[dict[str, Any] | None, list[Finding], dict[str, CellSource]]:
    # The copy is read as strictly as any JSON document: duplicate keys, depth and size are
    # findings. It supplies the text; the visible tables supply the numbers.
    report, problems = read_document(island)
    if report is None:
        reason = f"{problems[0].code} {problems[0].path or '/'}" if problems else "?"
        found = [Finding("EXTRACT-ISLAND", "warning", "", params={"reason": reason}), *builder.findings]
        return document, found, builder.sources
    copy = to_dict(report)
    tables = ("/active_disclosure/", "/applications/", "/review_and_litigation/")
    findings = [f for f in builder.findings if f.path.startswith(tables)]
    sources = {p: s for p, s in builder.sources.items() if p.startswith(tables)}
    if document is None or document.get("format_version") != copy.get("format_version"):
        return copy, findings, sources
    for path, source in sources.items():
        if source.kind not in ("cell", "blank"):
            continue
        tokens = split_pointer(path)
        seen, kept = get_in(document, tokens, ABSENT), get_in(copy, tokens, ABSENT)
        if seen is not ABSENT and kept is not ABSENT and seen != kept:
            put_in(copy, tokens, seen)
            label = cell_name(builder.cls, split_pointer(path)) if builder.cls else ""
            findings.append(Finding("EXTRACT-ISLAND-DIFFERS", "warning", path, label, kept, seen))
    return copy, findings, sources


def _binary(data: bytes, form: str) -> ExtractionResult:
    reader = BINARY_FORMS[form]
    unpacked = unpacked_size(data) if form in ("docx", "xlsx") else None
    if unpacked is not None and unpacked > MAX_UNPACKED_BYTES:
        return _too_large(unpacked, "bytes unpacked", MAX_UNPACKED_BYTES, form)  # type: ignore[arg-type]
    merged = merged_cells(data) if form == "xlsx" else None
    if merged is not None and merged > MAX_MERGED_CELLS:
        return _too_large(merged, "merged cells", MAX_MERGED_CELLS, form)  # type: ignore[arg-type]
    try:
        return reader(data)
    except MissingExtra as missing:
        finding = Finding(
            "EXTRACT-EXTRA", "error", "", params={"form": missing.feature, "extra": missing.extra}
        )
        return ExtractionResult(None, (finding,), {}, form, None)  # type: ignore[arg-type]


def _refused(
    reason: str, reason_zh: str, *, code: str = "EXTRACT-FORM", form: Format = "text"
) -> ExtractionResult:
    finding = Finding(code, "error", "", params={"reason": reason, "reason_zh": reason_zh})
    return ExtractionResult(None, (finding,), {}, form, None)


def _too_large(
    size: int, unit: str, limit: int = MAX_SOURCE_BYTES, form: Format = "text"
) -> ExtractionResult:
    finding = Finding("EXTRACT-TOO-LARGE", "error", "", "", f"{limit} {unit}", f"{size} {unit}")
    return ExtractionResult(None, (finding,), {}, form, None)


def _order(cls: type | None, finding: Finding) -> tuple[int, ...]:
    return position_key(cls, split_pointer(finding.path)) if cls is not None else ()
