"""The ``json`` format: for a program, ``{"files": [one object per file], "summary": {...}}``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TextIO

from ..._codec.jsontext import emit
from . import Item, Tally

__all__ = ["Reporter", "json_item"]


def json_item(item: Item) -> dict[str, Any]:
    """One item as ``{file, ok, findings: [...], groups: [...]}`` (and ``error`` when it could
    not be read): ``groups`` has one entry per code, in the order the codes first occur, with
    its severity, its count and the paths of its findings."""
    entry: dict[str, Any] = {"file": item.name, "ok": item.ok}
    if not item.read:
        entry["error"] = "; ".join(str(f.params.get("reason", f.code)) for f in item.findings)
    entry["findings"] = [_jsonable(f.to_dict()) for f in item.findings]
    # The findings as a person reads them: one group per code, with how many and where.
    codes: dict[str, dict[str, Any]] = {}
    for f in item.findings:
        group = codes.setdefault(f.code, {"code": f.code, "severity": f.severity, "count": 0, "paths": []})
        group["count"] += 1
        group["paths"].append(f.path)
    entry["groups"] = list(codes.values())
    return entry


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    # Dates and other non-JSON values in expected/actual become strings; Decimal stays exact.
    return {k: v if v is None or isinstance(v, (str, int, Decimal)) else str(v) for k, v in d.items()}


class Reporter:
    """A JSON object written as the items come, so that a long batch streams: ``files`` (one
    object per file), then ``summary`` (the counts of files, and of findings per code)."""

    def __init__(self, out: TextIO, lang: str, quiet: bool = False) -> None:
        self.out = out
        self.count = 0
        out.write('{"files": [')

    def item(self, item: Item) -> None:
        self.out.write(("," if self.count else "") + "\n    " + emit(json_item(item), "    "))
        self.count += 1

    def close(self, tally: Tally) -> None:
        summary = {
            "files": tally.files,
            "valid": tally.valid,
            "with_errors": tally.with_errors,
            "with_warnings": tally.with_warnings,
            "unreadable": tally.unreadable,
            "codes": dict(sorted(tally.codes.items())),
        }
        self.out.write(("\n  ]" if self.count else "]") + ',\n  "summary": ' + emit(summary, "  ") + "\n}\n")
