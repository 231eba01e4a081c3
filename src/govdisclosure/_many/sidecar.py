"""The findings of an import, kept beside the report it wrote: ``extract -o report.json``
writes ``report.findings.json`` too, and validating ``report.json`` reports them again.

The file is JSON: ``{"findings_of": "report.json", "source": "<the file read>", "form": "pdf",
"findings": [...]}``; each finding has ``code``, ``severity``, ``path``, ``label``,
``expected``, ``actual``, ``params`` and ``value``: what the report held at the finding's path
as the import wrote it (a cell's number, a row's cells; money as text). A finding whose place
has changed since (a person put it right) is not reported again. A folder walk never takes such a file for a report.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from .._codec.io import read_source
from .._findings.finding import Finding
from .._model.pointers import ABSENT, get_in, split_pointer

__all__ = ["SUFFIX", "carried", "sidecar_of", "sidecar_text"]

#: What the file of an import's findings is named by: ``report.json`` → ``report.findings.json``.
SUFFIX = ".findings.json"
# A file of findings larger than this is no file of ours: a report has a few hundred findings.
_MAX_BYTES = 8 * 1024 * 1024


def sidecar_of(name: str) -> str:
    """The name of the file of findings kept beside the report file ``name``."""
    base = name[:-5] if name.lower().endswith(".json") else name
    return base + SUFFIX


def _plain(value: Any) -> Any:
    # JSON keeps numbers exactly as text where they are no whole numbers (money).
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def sidecar_text(
    findings: tuple[Finding, ...], document: dict[str, Any], report_name: str, source: str, form: str
) -> str:
    """The file of findings of one import: ``findings`` of the report ``document`` (as JSON
    writes it) that was written to ``report_name`` from ``source`` read as ``form``."""
    out = []
    for f in findings:
        item: dict[str, Any] = {
            "code": f.code,
            "severity": f.severity,
            "path": f.path,
            "label": f.label,
            "expected": _plain(f.expected),
            "actual": _plain(f.actual),
            "params": _plain(dict(f.params)),
        }
        value = get_in(document, split_pointer(f.path), ABSENT) if f.path else ABSENT
        if value is not ABSENT:
            item["value"] = _plain(value)
        out.append(item)
    body = {"findings_of": os.path.basename(report_name), "source": source, "form": form, "findings": out}
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def carried(name: str, document: dict[str, Any] | None) -> tuple[Finding, ...]:
    """The findings the import of report file ``name`` left beside it, for the report as it
    now is (``document``, as JSON): those at a cell whose value has changed since are left
    out. Nothing when there is no such file; one ``EXTRACT-FINDINGS-FILE`` warning when it
    cannot be read."""
    side = sidecar_of(name)
    try:
        if not os.path.isfile(side):
            return ()
        if os.path.getsize(side) > _MAX_BYTES:
            raise ValueError("too large")
        body = json.loads(read_source(side).decode("utf-8"))
        items = body["findings"]
        out = []
        for item in items:
            path = item["path"]
            if "value" in item and document is not None:
                now = get_in(document, split_pointer(path), ABSENT) if path else ABSENT
                if _plain(now) != item["value"]:
                    continue  # put right since the import
            out.append(
                Finding(
                    str(item["code"]),
                    "error" if item["severity"] == "error" else "warning",
                    str(path),
                    str(item.get("label", "")),
                    item.get("expected"),
                    item.get("actual"),
                    dict(item.get("params") or {}),
                )
            )
        return tuple(out)
    except OSError as error:
        reason, reason_zh = error.strerror or str(error), "无法读取"
    except json.JSONDecodeError:
        reason, reason_zh = "not valid JSON", "不是有效的 JSON"
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        reason, reason_zh = "not a file of an import's findings", "不是导入发现文件"
    return (
        Finding(
            "EXTRACT-FINDINGS-FILE",
            "warning",
            "",
            params={"file": os.path.basename(side), "reason": reason[:200], "reason_zh": reason_zh},
        ),
    )
