"""The model: every field carries its template metadata; computed views add up."""

from __future__ import annotations

import ast
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govdisclosure as gd
from govdisclosure._model.describe import describe, iter_leaves
from govdisclosure._model.editions import EDITIONS
from govdisclosure._model.meta import METADATA_KEY, FieldInfo


def _classes() -> list[type]:
    seen: dict[str, type] = {}

    def walk(cls: type) -> None:
        seen[cls.__name__] = cls
        for f in describe(cls).fields:
            if f.cls is not None:
                walk(f.cls)

    for cls in EDITIONS.values():
        walk(cls)
    return [seen[k] for k in sorted(seen)]


CLASSES = _classes()


def test_every_model_class_is_reached_and_exported() -> None:
    assert len(CLASSES) == 27
    for cls in CLASSES:
        assert getattr(gd, cls.__name__) is cls


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_carries_label_position_and_kind(cls: type) -> None:
    assert attrs.has(cls)
    assert gd.class_title(cls)
    params = attrs.fields(cls)
    for attribute in params:
        info = attribute.metadata[METADATA_KEY]
        assert isinstance(info, FieldInfo), attribute.name
        assert info.label.strip(), attribute.name
        assert info.position.strip(), attribute.name
        assert attribute.kw_only
    # frozen and slotted
    assert "__slots__" in cls.__dict__
    assert cls.__setattr__ is not object.__setattr__


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_units_where_they_apply(edition: str) -> None:
    units = {}
    for path, f in iter_leaves(EDITIONS[edition]):
        units[".".join(path)] = f.info.unit
        if f.kind in ("count", "signed"):
            assert f.info.unit == "件", path
        if f.kind in ("text", "name", "date", "choice"):
            assert f.info.unit is None, path
    if edition == "2021":
        assert units["active_disclosure.fees.amount_10k_yuan"] == "万元"
    else:
        # The template gives no unit: the report's own `unit` field says 元 or 万元.
        assert units["active_disclosure.procurement.total_amount"] is None
    assert units["year"] == "年"


def test_template_positions_of_table_three() -> None:
    def position(cls: type, *path: str) -> str:
        current = cls
        info = None
        for name in path:
            f = describe(current).by_name[name]
            info, current = f.info, f.cls  # type: ignore[assignment]
        assert info is not None
        return info.position

    assert position(gd.Report2021, "applications", "results", "withheld", "state_secret") == "三（三）1"
    assert position(gd.Report2021, "applications", "results", "total") == "三（七）"
    assert position(gd.Report2021, "active_disclosure", "fees") == "第二十条第（八）项"
    assert position(gd.Report2019, "active_disclosure", "procurement") == "第二十条第（九）项"


def test_numeric_cells_per_edition() -> None:
    # 25 rows of 7 in 2021, 23 in 2019 (the template); table 四 has 15 cells.
    def cells(cls: type, prefix: str) -> int:
        return sum(1 for p, f in iter_leaves(cls) if p[0] == prefix and f.kind == "count")

    assert cells(gd.Report2021, "applications") == 25 * 7
    assert cells(gd.Report2019, "applications") == 23 * 7
    assert cells(gd.Report2021, "review_and_litigation") == 15
    assert cells(gd.Report2021, "active_disclosure") == 9
    assert (
        cells(gd.Report2019, "active_disclosure") == 6 + 2 * 4 + 1 + 1
    )  # items_change is signed, not a count


def _row(**values: int) -> gd.CountRow:
    base = dict.fromkeys((a.name for a in attrs.fields(gd.CountRow)), 0)
    base.update(values)
    return gd.CountRow(**base)


def test_count_row_computed_total_ignores_reported_total() -> None:
    row = _row(natural_person=3, commercial_enterprise=2, other_organization=1, total=99)
    assert row.computed_total == 6
    assert row.total == 99


def test_results_computed_total_sums_every_leaf(seed: dict[str, object]) -> None:
    report = gd.from_dict(seed)
    assert isinstance(report, gd.Report2021)
    results = report.applications.results
    assert results.computed_total == _row(natural_person=7, total=7)
    changed = attrs.evolve(
        results,
        other=attrs.evolve(results.other, fee_unpaid=_row(research_institution=4, total=5)),
    )
    assert changed.computed_total == _row(natural_person=7, research_institution=4, total=12)


def test_review_group_computed_total() -> None:
    group = gd.ReviewGroup(upheld=5, corrected=1, other=2, pending=3, total=7)
    assert group.computed_total == 11


def test_money_is_decimal(seed: dict[str, object]) -> None:
    report = gd.from_dict(seed)
    assert isinstance(report, gd.Report2021)
    assert report.active_disclosure.fees.amount_10k_yuan == Decimal("64.2623")
    assert type(report.active_disclosure.fees.amount_10k_yuan) is Decimal


def test_public_api_is_explicit_and_sorted() -> None:
    tree = ast.parse(Path(gd.__file__).read_text(encoding="utf-8"))
    exported = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets)
    )
    names = ast.literal_eval(exported)
    assert names == gd.__all__
    for name in gd.__all__:
        assert hasattr(gd, name), name
    assert not [n for n in dir(gd) if not n.startswith("_") and n not in gd.__all__ and n != "strategies"]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_equality_hash_and_repr_are_those_attrs_would_write(cls: type) -> None:
    # The model classes share one ==, hash() and repr() (attrs compiling three methods per
    # class would cost a fifth of the import): compared here with a class attrs made itself.
    names = [a.name for a in attrs.fields(cls)]
    twin = attrs.make_class(cls.__name__, {n: attrs.field(kw_only=True) for n in names}, frozen=True)
    values = {n: (i if n != "extra" else None) for i, n in enumerate(names)}
    ours, theirs = cls(**values), twin(**values)
    assert repr(ours) == repr(theirs)
    assert ours == cls(**values)
    assert hash(ours) == hash(cls(**values))
    assert ours != theirs  # another class, even with the same values
    assert ours.__eq__(theirs) is NotImplemented
    changed = cls(**{**values, names[-1]: -1})
    assert ours != changed
    assert ours.__eq__(changed) is False


def test_whole_reports_compare_and_hash_by_value(seed: dict[str, object]) -> None:
    first, second = gd.from_dict(seed), gd.from_dict(seed)
    assert first == second
    assert first is not second
    assert len({first, second}) == 1
    assert repr(first) == repr(second)
    assert repr(first).startswith(
        "Report2021(format_version='2021', year=2023, organ=Organ(name='沂源县公安局'"
    )
    evolved = attrs.evolve(first, year=2024)
    assert evolved != first
    assert evolved.applications == first.applications


@pytest.mark.parametrize("before", [True, False])
def test_importing_the_package_leaves_the_garbage_collector_as_it_was(before: bool) -> None:
    # The import pauses the collector (it would only slow the import down) and restores it.
    code = (
        f"import gc\ngc.enable() if {before} else gc.disable()\nimport govdisclosure\nprint(gc.isenabled())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(before)
