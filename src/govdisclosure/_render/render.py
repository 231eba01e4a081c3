"""render(): a report in the official layout, in any of the formats of :mod:`.formats`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from .._codec.convert import Report, structure, to_dict
from .._codec.jsontext import writable
from .._findings.finding import Finding, ReportError
from .._model.editions import EDITIONS_LIST, report_class
from . import formats as renderers

__all__ = ["render", "template"]


@overload
def render(
    report: Report, format: Literal["html", "markdown"] = "html", *, findings: Sequence[Finding] | None = None
) -> str: ...


@overload
def render(
    report: Report, format: Literal["xlsx"], *, findings: Sequence[Finding] | None = None
) -> bytes: ...


@overload
def render(report: Report, format: str, *, findings: Sequence[Finding] | None = None) -> str | bytes: ...


def render(report: Report, format: str = "html", *, findings: Sequence[Finding] | None = None) -> str | bytes:
    """The report in the official layout of its edition, in ``format``.

    ``"html"``: one standalone, printable page (no external assets) with the title, preamble,
    the six sections and tables 二, 三 and 四 laid out as the template lays them out, merged
    cells as ``rowspan``/``colspan``, numbers right-aligned (each number cell carries its JSON
    Pointer in ``data-path``), all text escaped; the report's JSON rides along in a
    ``<script type="application/json" id="govdisclosure-report">`` data island, so that
    :func:`govdisclosure.extract` reads the page back exactly. ``"markdown"``: the same text with
    pipe tables, in which merged cells are flattened into row labels. ``"xlsx"`` (the ``xlsx``
    extra): a workbook with sheets 表二, 表三 and 表四 in the template's layout (merged headers,
    whole numbers as integers, money with its exact digits, a check column of formulas beside
    each table), 报告信息 with every other value and its JSON Pointer, and, when there are
    findings, 问题清单 listing each one with a link to its cell, which is also marked.
    ``findings`` are those to show (the content rules' findings of the report when not
    given, for ``xlsx``). Text formats return ``str``, ``xlsx`` returns ``bytes``.
    ``ValueError`` names the formats for any other; :class:`MissingExtra` names the extra a
    format needs when it is not installed.

    A report built in code is first read back from its JSON form, as :func:`validate` reads
    it: :class:`ReportError` if it is not structurally a report (a value of another type).
    Content findings do not stop it: a report with wrong sums is laid out as it is. A text
    that holds a lone surrogate (JSON text may write one, ``"\\ud800"``) shows it as that
    escape, so that every page has a UTF-8 form.
    """
    module = renderers.load(format)
    checked, problems = structure(to_dict(report))
    if checked is None:
        raise ReportError(problems)
    out: str | bytes = module.render(checked, findings)
    # A lone surrogate has no UTF-8 form: the page shows its escape, and its JSON stays exact.
    return writable(out) if isinstance(out, str) else out


def template(edition: str = EDITIONS_LIST[0].code) -> bytes:
    """An empty workbook of ``edition`` (``"2021"``, ``"2019"``) to fill in (the ``xlsx`` extra).

    The layout is :func:`render`'s ``xlsx`` layout, so a filled template reads back with
    :func:`govdisclosure.extract`. Every value cell has data validation (whole numbers of at
    least 0; money of at least 0; a list for the choices), every cell a workbook name
    (``gd.year``, ``gd.organ.name``, ``gd.published_on``, ``gd.applications.new_received.total``
    …), and a check column beside each table shows, while it is being filled in, whether each
    row's identities hold (✓/✗) and below it whether the whole table does. ``ValueError``
    names the editions for any other.
    """
    report_class(edition)  # ValueError naming the editions
    from .._workbook.write import template_bytes

    return template_bytes(edition)
