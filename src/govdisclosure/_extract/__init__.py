"""The importer: published reports in the forms they are published in, read into reports."""

from __future__ import annotations

import re

from .._convert import structure
from .._findings import Finding
from .._inspect import position_key, split_pointer
from .._io import read_document
from .._limits import MAX_SOURCE_BYTES
from .._rules import run_rules
from ._builder import Builder
from ._cells import read_number as read_number
from ._html import _HtmlLines, _stray_brackets_escaped, _without_comments
from ._result import CellSource, ExtractionResult, Format
from ._text import Line, _lines_of_text

__all__ = ["CellSource", "ExtractionResult", "decode_source", "detect_format", "extract"]


def _lines(text: str, form: Format) -> tuple[list[Line], str | None]:
    if form == "html":
        parser = _HtmlLines()
        parser.feed(_stray_brackets_escaped(_without_comments(text)))
        parser.close()
        return parser.lines, parser.island
    return _lines_of_text(text, form == "markdown"), None


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
    """Text of a published report: UTF-8 (with or without a byte-order mark), else GB18030,
    the encoding of many Chinese government pages. ``UnicodeDecodeError`` if neither fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def extract(text: str | bytes, *, format: Format | None = None) -> ExtractionResult:
    """Read a published report from plain text, Markdown, pipe rows or HTML.

    ``text`` may be bytes: UTF-8, else GB18030 (``UnicodeDecodeError`` if neither);
    ``TypeError`` for anything else.

    ``format`` is detected when not given (see :func:`detect_format`). The edition, the organ,
    the year and ``published_on`` are read from the text. Headings and labels may vary as
    published reports vary (see the importing guide). No number is invented silently: a blank, "/"
    or "——" cell is recorded as 0 with an ``EXTRACT-BLANK`` warning; a value pinned down by
    the table arithmetic is filled with ``EXTRACT-DERIVED``; a cell that cannot be read is
    recorded as 0 with an ``EXTRACT-UNREADABLE`` or ``EXTRACT-MISSING`` error. ``sources``
    says where every number came from.

    A page rendered by :func:`govdisclosure.render` carries its report as a JSON data island
    and comes back identical: the island is then the source of every value (``sources`` is
    empty and the visible tables are not read).
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        if len(text) > MAX_SOURCE_BYTES:
            return _too_large(len(text), "bytes")
        text = decode_source(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"extract() reads text (str) or bytes, not {type(text).__name__}")
    if len(text) > MAX_SOURCE_BYTES:
        return _too_large(len(text), "characters")
    form: Format = format or detect_format(text)
    lines, island = _lines(text, form)
    island_findings: list[Finding] = []
    if island is not None:
        # Read as strictly as any JSON document: duplicate keys, depth and size are findings.
        report, problems = read_document(island)
        if report is not None:
            return ExtractionResult(report, (), {}, form, report.format_version)
        reason = f"{problems[0].code} {problems[0].path or '/'}" if problems else "?"
        island_findings.append(Finding("EXTRACT-ISLAND", "warning", "", params={"reason": reason}))
    builder = Builder(lines)
    builder.findings.extend(island_findings)
    document, edition = builder.build()
    if document is None:
        return ExtractionResult(None, tuple(builder.findings), builder.sources, form, edition)
    report, problems = structure(document)
    findings = list(builder.findings)
    if report is None:
        findings.extend(problems)
    else:
        # The content rules too: a value read into the wrong cell breaks the table's arithmetic,
        # and the rule's finding then names that cell.
        findings.extend(run_rules(report))
    findings.sort(key=lambda f: _order(builder.cls, f))
    return ExtractionResult(report, tuple(findings), builder.sources, form, edition)


def _too_large(size: int, unit: str) -> ExtractionResult:
    finding = Finding("EXTRACT-TOO-LARGE", "error", "", "", f"{MAX_SOURCE_BYTES} {unit}", f"{size} {unit}")
    return ExtractionResult(None, (finding,), {}, "text", None)


def _order(cls: type | None, finding: Finding) -> tuple[int, ...]:
    return position_key(cls, split_pointer(finding.path)) if cls is not None else ()
