"""How a dataset splits into versions: its submitting unit, and its rows per year.

Pure Arrow, no database: the importer stores what this module decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dudao.catalogue import Catalogue
from dudao.store.errors import ImportRefused


@dataclass(frozen=True)
class TablePart:
    """The rows of one table that go into one version, with their 1-based rows in the dataset."""

    table_id: str
    rows: pa.Table
    row_numbers: pa.Array


def submitting_unit(tables: dict[str, pa.Table]) -> str:
    """The dataset's root org unit: the org_units row whose parent is not in the dataset."""
    org_units = tables.get("org_units")
    if org_units is None or org_units.num_rows == 0:
        raise ImportRefused(
            "the dataset has no org_units table: name the submitting unit (org_code)",
            "数据集中没有行政区划表：请指定报送单位（org_code）",
        )
    codes = org_units.column("code").to_pylist()
    known = set(codes)
    parents = org_units.column("parent_code").to_pylist()
    roots = sorted(
        {code for code, parent in zip(codes, parents, strict=True) if parent not in known}
    )
    if len(roots) != 1:
        listed = ", ".join(str(root) for root in roots)
        raise ImportRefused(
            f"the dataset has {len(roots)} root units ({listed}): name the submitting unit",
            f"数据集中有{len(roots)}个最上级单位（{listed}）：请指定报送单位",
        )
    return str(roots[0])


def version_parts(
    tables: dict[str, pa.Table], catalogue: Catalogue
) -> dict[int | None, list[TablePart]]:
    """Rows grouped by the version they form: yearly tables by `year`, the others under None."""
    parts: dict[int | None, list[TablePart]] = {}
    for table_id, table in tables.items():
        if table.num_rows == 0:
            continue
        definition = catalogue.tables.get(table_id)
        if definition is None:
            raise ImportRefused(f"unknown table {table_id!r}", f"未知的表 {table_id!r}")
        if not definition.yearly:
            numbers = pa.array(range(1, table.num_rows + 1), pa.int64())
            parts.setdefault(None, []).append(TablePart(table_id, table, numbers))
            continue
        if table.column("year").null_count:
            raise ImportRefused(f"{table_id}: rows without a year", f"{table_id}：有数据行缺少年份")
        for year, part in _by_year(table_id, table):
            parts.setdefault(year, []).append(part)
    if not parts:
        raise ImportRefused("the dataset holds no rows", "数据集中没有数据行")
    return parts


def _by_year(table_id: str, table: pa.Table) -> list[tuple[int, TablePart]]:
    """The table's rows per year, in the table's order within a year: one stable sort and one
    take, then a zero-copy slice per year (a filter per year cost 2.5 times as much)."""
    order = pc.sort_indices(table.column("year"))
    ordered = table.take(order)
    numbers = pc.add(order.cast(pa.int64()), 1)
    runs = pc.run_end_encode(ordered.column("year").combine_chunks())
    parts: list[tuple[int, TablePart]] = []
    start = 0
    for year, end in zip(runs.values.to_pylist(), runs.run_ends.to_pylist(), strict=True):
        rows = ordered.slice(start, end - start)
        parts.append((int(year), TablePart(table_id, rows, numbers.slice(start, end - start))))
        start = end
    return parts
