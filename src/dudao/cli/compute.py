"""`dudao compute [PATH]`: compute the indicators of a dataset, or of the store."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import pyarrow as pa
import typer

from dudao import store
from dudao.cli.options import JsonOption, StoreOption
from dudao.cli.render import (
    console,
    errors,
    findings_table,
    print_jsonl,
    reading,
    results_table,
)
from dudao.compute import compute_indicators
from dudao.ingest import read_dataset


def compute(
    path: Annotated[
        Path | None, typer.Argument(exists=True, help="Dataset; default: the store.")
    ] = None,
    as_json: JsonOption = False,
    store_url: StoreOption = None,
    data: Annotated[
        Literal["approved", "latest"], typer.Option(help="Store data to read.")
    ] = "approved",
    indicator: Annotated[list[str] | None, typer.Option(help="Only these indicators.")] = None,
    unit: Annotated[list[str] | None, typer.Option(help="Only these org units.")] = None,
    year: Annotated[list[int] | None, typer.Option(help="Only these years.")] = None,
) -> None:
    """Compute every available indicator at every level and year."""
    if path is None:
        store.setup(store_url)
        tables = store.snapshot(data=data)
    else:
        with reading(path):
            dataset = read_dataset(path)
        if dataset.report.has_errors:
            errors.print(findings_table(dataset.report))
            raise typer.Exit(1)
        tables = dataset.tables
    results = [
        result
        for result in compute_indicators(tables, indicator_ids=indicator)
        if (not unit or result.unit_code in unit) and (not year or result.year in year)
    ]
    if as_json:
        print_jsonl(result.to_json() for result in results)
    else:
        console.print(results_table(results, unit_names(tables)))


def unit_names(tables: Mapping[str, pa.Table]) -> dict[str, str]:
    if "org_units" not in tables:
        return {}
    rows = tables["org_units"].select(["code", "name"]).to_pylist()
    return {row["code"]: row["name"] for row in rows}
