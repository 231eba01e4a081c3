"""Mapping the rows of tables 二, 三 and 四 to the model, and deriving what the table identities pin down."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .._model.classes import CountRow
from .._model.describe import FieldDesc, describe
from .._model.identities import equations, solve
from .._model.money import UNIT_NAMES
from .._model.pointers import split_pointer
from .cells import Reading, _is_data_row, _is_label, norm, read_number
from .glued import row_identities, run_tokens, splits
from .record import Record
from .result import CellSource
from .rows import _best, _count_rows, _groups, _nest, _tabular, kind_of, trim
from .settle import Ambiguous, by_identities, take
from .text import Line, Piece


class Tables:
    """The readers of tables 二, 三 and 四: each takes its section's lines and returns the
    section's values, recording findings and cell sources in the shared :class:`Record`."""

    def __init__(self, record: Record) -> None:
        self.record = record
        #: Rows whose run of digits several splits fit, by pointer, until settled.
        self.ambiguous: dict[str, Ambiguous] = {}

    # -- tables ------------------------------------------------------------------------
    def _cells(self, row: Line, start: int, count: int, path: str, columns: list[str]) -> dict[str, Any]:
        values = trim(self.record, list(row.cells[start:]), count, path)
        if len(values) < count:
            values = self._unglued(values, count, path, columns)
        if len(values) > count:
            self.record.finding("EXTRACT-EXTRA-CELLS", "warning", path, expected=count, actual=len(values))
            values = values[:count]
        elif len(values) < count:
            # Cells are read from the left; the row says which cells could not be placed. In a
            # row that has lost cells, empty cells next to the label are layout, not blanks.
            while values and not values[0].text:
                values.pop(0)
            if path not in self.ambiguous:  # else EXTRACT-SPLIT-AMBIGUOUS says what was read
                self.record.finding("EXTRACT-SHORT-ROW", "warning", path, expected=count, actual=len(values))
        out: dict[str, Any] = {}
        for index, name in enumerate(columns):
            here = f"{path}/{name}"
            if index >= len(values):
                out[name] = None
                continue
            out[name] = self._value(values[index], here)
        return out

    def _unglued(self, values: list[Piece], count: int, path: str, columns: list[str]) -> list[Piece]:
        # Cells run together ("3000003", "10 0 0 0 01"): split where exactly one split gives
        # the row its cells and keeps the identities within it.
        if any(not v.text for v in values):
            return values
        texts = run_tokens([v.text for v in values])
        if not texts:
            return values
        assert self.record.edition is not None
        cells = [(*split_pointer(path), *c.split("/")) for c in columns]
        signed = frozenset(i for i, cell in enumerate(cells) if kind_of(self.record.cls, cell) == "signed")
        found = splits(texts, count, row_identities(equations(self.record.edition), cells), signed)
        run = " ".join(texts)
        if len(found) == 1:
            self.record.finding(
                "EXTRACT-SPLIT", "warning", path, actual=run, expected=" ".join(map(str, found[0]))
            )
            first = values[0]
            return [
                Piece(str(n), first.line, first.column, page=first.page, table=first.table) for n in found[0]
            ]
        if found:
            shown = "; ".join(" ".join(map(str, c)) for c in found[:5]) + ("; …" if len(found) > 5 else "")
            self.record.finding("EXTRACT-SPLIT-AMBIGUOUS", "error", path, actual=run, candidates=shown)
            self.ambiguous[path] = Ambiguous(path, cells, found, run, values[0])
            return []
        return values

    def _by_path(self, row: Line, path: str, columns: list[str]) -> dict[str, Any]:
        # Cells that carry their own JSON Pointer (pages made by render()).
        values: dict[str, Any] = dict.fromkeys(columns)
        for piece in row.cells:
            if piece.path and piece.path.startswith(path + "/") and piece.path.rsplit("/", 1)[1] in values:
                values[piece.path.rsplit("/", 1)[1]] = self._value(piece, piece.path)
        return values

    def _value(self, piece: Piece, here: str) -> Any:
        reading = read_number(piece.text)
        if reading.status == "unreadable" or reading.value is None:
            self.record.sources[here] = CellSource(
                "unreadable", piece.line, piece.column, piece.page, piece.table
            )
            self.record.finding(
                "EXTRACT-UNREADABLE",
                "error",
                here,
                actual=piece.text[:60],
                line=piece.line,
                column=piece.column,
            )
            return 0
        if reading.status == "blank":
            self.record.sources[here] = CellSource("blank", piece.line, piece.column, piece.page, piece.table)
            self.record.finding(
                "EXTRACT-BLANK",
                "warning",
                here,
                actual=piece.text or "（空白）",
                line=piece.line,
                column=piece.column,
            )
            return 0
        if reading.status == "note":
            self.record.finding("EXTRACT-NOTE", "warning", here, actual=piece.text[:60], note=reading.note)
        self.record.sources[here] = CellSource("cell", piece.line, piece.column, piece.page, piece.table)
        return reading

    def _count(self, value: Any, here: str) -> int:
        if isinstance(value, Reading):
            assert value.value is not None
            if value.value != value.value.to_integral_value():
                line, column = self._at(here)
                self.record.sources[here] = CellSource("unreadable", line, column)
                self.record.finding(
                    "EXTRACT-UNREADABLE", "error", here, actual=str(value.value), line=line, column=column
                )
                return 0
            return int(value.value)
        return int(value)

    def _at(self, here: str) -> tuple[int | None, int | None]:
        source = self.record.sources.get(here)
        return (source.line, source.column) if source else (None, None)

    def _match_rows(self, rows: list[Line], expected: list[tuple[str, str]]) -> dict[str, tuple[Line, int]]:
        # Rows are matched to the template's rows in order: each row takes the first of the next
        # few expected rows whose label one of its label cells carries (exact labels first,
        # the cell nearest the numbers first). Its values start after that cell, so that an
        # unreadable value is reported as such rather than taken for a label.
        found: dict[str, tuple[Line, int]] = {}
        position = 0
        for row in rows:
            paths = [p.path for p in row.cells if p.path]
            if paths:
                key = next(
                    (k for k, lab in expected if not lab.startswith("=") and paths[0].startswith(k + "/")),
                    None,
                )
                if key is not None:
                    found[key] = (row, 0)
                continue
            labelled = [(i, norm(p.text)) for i, p in enumerate(row.cells) if _is_label(p) and norm(p.text)]
            if not labelled:
                continue
            window = expected[position : position + 8]
            match = _best(labelled, window)
            if match is None:
                continue
            choice, cell = match
            found[window[choice][0]] = (row, cell + 1)
            position += choice + 1
        return found

    def table2(self, lines: list[Line]) -> dict[str, Any]:
        """Table 二 (主动公开) from its section's lines."""
        assert self.record.cls is not None
        section = describe(self.record.cls).by_name["active_disclosure"].cls
        assert section is not None
        fields = describe(section).fields
        expected = [(f"/active_disclosure/{f.name}", norm(f.info.label)) for f in fields]
        rows = [line for line in _tabular(lines) if _is_data_row(line)]
        found = self._match_rows(rows, expected)
        unit_hint = "".join(line.text for line in lines)
        out: dict[str, Any] = {}
        for f in fields:
            assert f.cls is not None
            path = f"/active_disclosure/{f.name}"
            columns = [c for c in describe(f.cls).fields if c.kind != "choice"]
            match = found.get(path)
            if match is None:
                self.record.finding("EXTRACT-NO-ROW", "error", path)
                values: dict[str, Any] = dict.fromkeys(c.name for c in columns)
            elif any(p.path for p in match[0].cells):
                values = self._by_path(match[0], path, [c.name for c in columns])
            else:
                values = self._cells(match[0], match[1], len(columns), path, [c.name for c in columns])
            item: dict[str, Any] = {}
            for column in columns:
                here = f"{path}/{column.name}"
                value = values[column.name]
                if value is None:
                    self._missing(here)
                    value = 0
                if column.kind == "money":
                    item[column.name] = self._money(value, here, f, item)
                else:
                    item[column.name] = self._count(value, here)
            # The unit of the 2019 procurement amount, where its cell did not say 元 or 万元.
            if any(c.kind == "choice" for c in describe(f.cls).fields) and "unit" not in item:
                item["unit"] = self._procurement_unit(unit_hint)
            out[f.name] = {c.name: item[c.name] for c in describe(f.cls).fields if c.name in item}
        return out

    def _money(self, value: Any, here: str, f: FieldDesc, item: dict[str, Any]) -> Decimal:
        if not isinstance(value, Reading):
            return Decimal(value)
        assert value.value is not None
        amount = value.value
        unit = value.unit
        if f.name == "procurement":
            code = next((c for c, name in UNIT_NAMES.items() if name == unit), None)
            if code is not None:
                item["unit"] = code
            return amount
        if unit == "元":
            converted = amount.scaleb(-4)
            converted = (
                converted.quantize(Decimal(1))
                if converted == converted.to_integral_value()
                else converted.normalize()
            )
            self.record.finding(
                "EXTRACT-UNIT", "warning", here, expected=converted, actual=str(amount) + "元"
            )
            return converted
        return amount

    def _procurement_unit(self, hint: str) -> str:
        if "万元" in hint:
            return "10k_yuan"
        if "元" in hint:
            return "yuan"
        self.record.finding(
            "EXTRACT-UNIT-ASSUMED", "warning", "/active_disclosure/procurement/unit", expected="10k_yuan"
        )
        return "10k_yuan"

    def _missing(self, here: str) -> None:
        if here not in self.record.sources:
            self.record.sources[here] = CellSource("missing")
            self.record.finding("EXTRACT-MISSING", "error", here)

    def table3(self, lines: list[Line]) -> dict[str, Any]:
        """Table 三 (依申请公开) from its section's lines."""
        assert self.record.cls is not None
        applications = describe(self.record.cls).by_name["applications"].cls
        assert applications is not None
        expected: list[tuple[str, str]] = []
        for path, f in _count_rows(applications, "/applications"):
            expected.append((path, norm(f.info.label)))
        groups = dict(_groups(applications, "/applications"))
        rows = [line for line in _tabular(lines) if _is_data_row(line)]
        # A group printed as one row of its own ("（六）其他处理" with no sub-rows) is looked for
        # too, just before its first sub-row.
        with_groups: list[tuple[str, str]] = []
        for path, label in expected:
            parent = path.rsplit("/", 1)[0]
            if parent in groups and not any(p == parent for p, _ in with_groups):
                with_groups.append((parent, groups[parent]))
            with_groups.append((path, label))
        found = self._match_rows(rows, with_groups)
        columns = [f.name for f in describe(CountRow).fields]
        table: dict[str, dict[str, Any]] = {}
        single = {
            g
            for g in groups
            if g in found and not any(p.startswith(g + "/") and p in found for p, _ in expected)
        }
        for path, _ in expected:
            match = found.get(path)
            group = path.rsplit("/", 1)[0]
            if match is None and group in single:
                table[path] = self._from_group_row(found[group], path, group, columns)
                continue
            if match is None:
                table[path] = dict.fromkeys(columns)
                self.record.finding("EXTRACT-NO-ROW", "error", path)
                for column in columns:
                    self.record.sources[f"{path}/{column}"] = CellSource("missing")
            elif any(p.path for p in match[0].cells):
                table[path] = self._by_path(match[0], path, columns)
            else:
                table[path] = self._cells(match[0], match[1], len(columns), path, columns)
        self._derive(table, expected, columns)
        return _nest(table, "/applications", applications)

    def _from_group_row(
        self, match: tuple[Line, int], path: str, group: str, columns: list[str]
    ) -> dict[str, Any]:
        # The group's own row: where it is all zeros, each sub-row is zero (counts are not
        # negative); otherwise how it divides cannot be told, and the sub-rows stay unknown.
        row, start = match
        values = [read_number(p.text) for p in row.cells[start:] if p.text]
        if len(values) == len(columns) and all(v.value == 0 for v in values):
            for column in columns:
                self.record.sources[f"{path}/{column}"] = CellSource(
                    "derived", row.at.line, row.at.column, row.at.page, row.at.table
                )
            self.record.finding(
                "EXTRACT-GROUP-ROW", "warning", path, actual=row.cells[start - 1].text if start else group
            )
            return dict.fromkeys(columns, 0)
        self.record.finding("EXTRACT-NO-ROW", "error", path)
        return dict.fromkeys(columns)

    def _derive(
        self, table: dict[str, dict[str, Any]], expected: list[tuple[str, str]], columns: list[str]
    ) -> None:
        # A cell that is missing (None) is filled only when the table identities of the rule
        # table (row totals, the results total, the balance) pin it down: every identity that
        # holds it with all its other cells known must give the same value.
        def cell(path: str, column: str) -> tuple[str, ...]:
            return (*split_pointer(path), column)

        values: dict[tuple[str, ...], int | None] = {}
        for path, row in table.items():
            for column, value in row.items():
                if isinstance(value, Reading):
                    assert value.value is not None
                    integral = value.value == value.value.to_integral_value()
                    values[cell(path, column)] = int(value.value) if integral else None
                else:
                    values[cell(path, column)] = value if isinstance(value, int) else None
        assert self.record.edition is not None
        system = equations(self.record.edition)
        pending = [a for p, a in self.ambiguous.items() if p in table]
        for settled in by_identities(system, values, pending):
            del self.ambiguous[settled.path]
            for pointer, number in take(self.record, settled).items():
                table[settled.path][pointer.rsplit("/", 1)[1]] = number
        missing = [cell(p, c) for p, _ in expected for c in columns if table[p][c] is None]
        solve(system, values, missing)
        for path, _ in expected:
            for column in columns:
                here = f"{path}/{column}"
                if table[path][column] is not None:
                    if isinstance(table[path][column], Reading):
                        table[path][column] = self._count(table[path][column], here)
                    continue
                value = values[cell(path, column)]
                if value is None:
                    table[path][column] = 0
                    self._missing(here)
                else:
                    table[path][column] = value
                    self.record.sources[here] = CellSource("derived")
                    self.record.finding("EXTRACT-DERIVED", "warning", here, expected=value)

    def table4(self, lines: list[Line]) -> dict[str, Any]:
        """Table 四 (行政复议、行政诉讼) from its section's lines."""
        assert self.record.cls is not None
        section = describe(self.record.cls).by_name["review_and_litigation"].cls
        assert section is not None
        targets = [
            (f"/review_and_litigation/{g.name}/{c.name}", g.name, c.name)
            for g in describe(section).fields
            for c in describe(g.cls or object).fields
        ]
        values: list[Piece] = []
        by_path: dict[str, Piece] = {}
        for line in _tabular(lines):
            if not _is_data_row(line):
                continue
            for piece in line.cells:
                if piece.path:
                    by_path[piece.path] = piece
                elif not _is_label(piece):
                    values.append(piece)
        values = trim(self.record, values, len(targets), "/review_and_litigation")
        if values and len(values) < len(targets):
            values = self._unglued(
                values, len(targets), "/review_and_litigation", [f"{g}/{c}" for _, g, c in targets]
            )
        out: dict[str, dict[str, int]] = {}
        if values and len(values) != len(targets):
            self.record.finding(
                "EXTRACT-CELL-COUNT",
                "error",
                "/review_and_litigation",
                expected=len(targets),
                actual=len(values),
            )
        for index, (here, group, column) in enumerate(targets):
            found: Piece | None = by_path.get(here)
            if found is None and len(values) == len(targets):
                found = values[index]
            if found is None:
                self._missing(here)
                value = 0
            else:
                value = self._count(self._value(found, here), here)
            out.setdefault(group, {})[column] = value
        return out
