"""One file to one row, Parquet, and the recipe in docs/scale.md on a local Dask cluster."""

from __future__ import annotations

import pickle
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import govdisclosure as gd
from govdisclosure._cli.main import main
from govdisclosure._many.dataset import columns
from tests.helpers import DATA, EXAMPLE_FILES, ROOT, SEED


def _files(tmp_path: Path) -> list[Path]:
    # JSON reports, page text and a missing file: every kind of row.
    files = []
    for source in [
        *EXAMPLE_FILES,
        DATA / "2024_pingtan-gonganju.txt",
        DATA / "2019_shanghai_bangongting.txt",
    ]:
        target = tmp_path / source.name
        shutil.copy(source, target)
        files.append(target)
    return files


def test_row_is_the_row_table_gives_for_the_same_file(tmp_path: Path) -> None:
    files = _files(tmp_path)
    from govdisclosure._many.read import read_many

    expected = list(gd.table(read_many([str(f) for f in files])))
    assert [gd.row(f) for f in files] == expected
    assert [gd.row(str(f)) for f in files] == expected
    assert gd.row(gd.load(SEED)) == next(gd.table([gd.load(SEED)]))
    seed = next(row for row in expected if row["source"].endswith("yiyuan-police-2023.json"))
    assert seed["/active_disclosure/fees/amount_10k_yuan"] == Decimal("64.2623")


def test_row_of_a_missing_file_is_a_blank_row_with_its_finding(tmp_path: Path) -> None:
    row = gd.row(tmp_path / "nowhere.json")
    assert (row["source"], row["organ"], row["errors"], row["warnings"]) == (
        str(tmp_path / "nowhere.json"),
        None,
        1,
        0,
    )
    assert all(row[c.key] is None for c in columns() if c.key.startswith("/"))


def test_row_and_its_result_pickle(tmp_path: Path) -> None:
    (path,) = _files(tmp_path)[:1]
    assert pickle.loads(pickle.dumps(gd.row)) is gd.row
    row = gd.row(path)
    assert pickle.loads(pickle.dumps(row)) == row


def test_to_parquet_writes_every_column_with_its_type_and_money_exact(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    files = _files(tmp_path)
    target = tmp_path / "out" / "data.parquet"
    target.parent.mkdir()
    assert gd.to_parquet((gd.row(f) for f in files), target) == len(files)
    assert [p.name for p in target.parent.iterdir()] == ["data.parquet"]  # no temporary left
    table = pq.read_table(target)
    assert table.column_names == [c.key for c in columns()]
    types = {c.key: str(table.schema.field(c.key).type) for c in columns()}
    assert types["year"] == types["/applications/new_received/total"] == types["errors"] == "int64"
    assert types["/active_disclosure/fees/amount_10k_yuan"] == types["organ"] == "string"
    read = table.to_pylist()
    for file, got in zip(files, read, strict=True):
        expected = gd.row(file)
        assert got == {k: str(v) if isinstance(v, Decimal) else v for k, v in expected.items()}
    zh = tmp_path / "zh.parquet"
    gd.to_parquet([gd.row(files[0])], zh, labels="zh")
    assert pq.read_table(zh).column_names == [c.zh for c in columns()]


def test_the_table_command_writes_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    files = _files(tmp_path)
    out = tmp_path / "all.parquet"
    assert main(["table", *map(str, files), "--format", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == len(files)
    assert table.column("organ").to_pylist()[: len(EXAMPLE_FILES)] == [
        gd.load(f).organ.name for f in EXAMPLE_FILES
    ]
    long = tmp_path / "long.parquet"
    assert main(["table", str(files[0]), "--long", "--format", "parquet", "-o", str(long)]) == 0
    assert pq.read_table(long).column_names == ["source", "organ", "year", "pointer", "label", "value"]


def test_the_scale_recipe_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    # The code of docs/scale.md, verbatim, on a LocalCluster of two worker processes: the
    # dataset it writes is the one gd.table gives in one process.
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    page = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    recipe = page.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(compile(recipe, "docs/scale.md", "exec"), namespace)
    files = _files(tmp_path) * 3
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)  # type: ignore[no-untyped-call]
    with cluster, Client(cluster):  # type: ignore[no-untyped-call]
        build = namespace["build"]
        assert callable(build)
        folder = tmp_path / "dataset"
        parts = build([str(f) for f in files], str(folder), 4)
    assert parts == 4
    read = pq.read_table(folder).to_pylist()
    expected = [{k: str(v) if isinstance(v, Decimal) else v for k, v in gd.row(f).items()} for f in files]
    assert sorted(read, key=repr) == sorted(expected, key=repr)
