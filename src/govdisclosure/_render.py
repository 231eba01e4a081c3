"""render(): a report in the official layout, in any of the formats of :mod:`._renderers`."""

from __future__ import annotations

from typing import Literal, overload

from . import _renderers as renderers
from ._convert import Report, structure, to_dict
from ._findings import ReportError

__all__ = ["render"]


@overload
def render(report: Report, format: Literal["html", "markdown"] = "html") -> str: ...


@overload
def render(report: Report, format: str) -> str | bytes: ...


def render(report: Report, format: str = "html") -> str | bytes:
    """The report in the official layout of its edition, in ``format``.

    ``"html"``: one standalone, printable page (no external assets) with the title, preamble,
    the six sections and tables 二, 三 and 四 laid out as the template lays them out, merged
    cells as ``rowspan``/``colspan``, numbers right-aligned (each number cell carries its JSON
    Pointer in ``data-path``), all text escaped; the report's JSON rides along in a
    ``<script type="application/json" id="govdisclosure-report">`` data island, so that
    :func:`govdisclosure.extract` reads the page back exactly. ``"markdown"``: the same text with
    pipe tables, in which merged cells are flattened into row labels. Text formats return
    ``str``. ``ValueError`` names the formats for any other.

    A report built in code is first read back from its JSON form, as :func:`validate` reads
    it: :class:`ReportError` if it is not structurally a report (a value of another type).
    Content findings do not stop it: a report with wrong sums is laid out as it is.
    """
    module = renderers.load(format)
    checked, findings = structure(to_dict(report))
    if checked is None:
        raise ReportError(findings)
    out: str | bytes = module.render(checked)
    return out
