"""`dudao compute [PATH]`: compute the indicators of a dataset, or of the store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import pyarrow as pa
import pyarrow.parquet as pq
import typer

from dudao import store
from dudao.catalogue import default_catalogue
from dudao.cli.indicator_results import results_table
from dudao.cli.options import AuditUserOption, JsonOption, StoreOption, audit_user
from dudao.cli.render import console, errors, findings_table, print_jsonl, reading
from dudao.compute import as_results, compute_table, unit_attribute
from dudao.compute.engine import EngineName
from dudao.compute.results import select_table
from dudao.compute.sources import DataSource, file_source, version_sources
from dudao.ingest import read_dataset

DataOption = Annotated[Literal["approved", "latest"], typer.Option(help="Store data to read.")]
PeriodOption = Annotated[
    str | None,
    typer.Option(help="A:B, the period of period indicators; default: every year of the data."),
]
StageWeightsOption = Annotated[
    str | None,
    typer.Option(
        help="Weights splitting combined schools' shared resources, e.g. "
        "primary=1,junior=1.1,senior=1.32 (the default; REFERENCES.md: not verified nationally)."
    ),
]
AsOfOption = Annotated[
    datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Cut-off date of case-based indicators."),
]


def compute(
    path: Annotated[
        Path | None, typer.Argument(exists=True, help="Dataset; default: the store.")
    ] = None,
    as_json: JsonOption = False,
    store_url: StoreOption = None,
    data: DataOption = "approved",
    indicator: Annotated[list[str] | None, typer.Option(help="Only these indicators.")] = None,
    unit: Annotated[list[str] | None, typer.Option(help="Only these org units.")] = None,
    year: Annotated[list[int] | None, typer.Option(help="Only these years.")] = None,
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    level: Annotated[
        list[str] | None, typer.Option(help="Only units of these levels (city, district, …).")
    ] = None,
    engine: Annotated[
        EngineName, typer.Option(help="duckdb (in process) or spark (PySpark, local or cluster).")
    ] = "duckdb",
    stage_weights: StageWeightsOption = None,
    user: AuditUserOption = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            help="Write the results to this Parquet file (one row per result, evidence as "
            "JSON text, no display text) instead of printing them."
        ),
    ] = None,
) -> None:
    """Compute every available indicator at every level and year."""
    tables, _ = load_tables(path, store_url, data, purpose="compute", user=user)
    unknown = ", ".join(sorted(set(indicator or ()) - set(default_catalogue().indicators)))
    if unknown:
        raise typer.BadParameter(f"未知指标 unknown indicator: {unknown}", param_hint="--indicator")
    unit_levels = unit_attribute(tables, "level")
    computed = compute_table(
        tables,
        indicator_ids=indicator,
        period=parse_period(period),
        as_of=as_of.date() if as_of else None,
        engine_name=engine,
        school_level="school" in (level or ())
        or any(unit_levels.get(u) == "school" for u in unit or ()),
        stage_weights=parse_stage_weights(stage_weights),
    )
    chosen = select_table(
        computed, units=unit or (), years=year or (), levels=level or (), unit_levels=unit_levels
    )
    if parquet is not None:
        pq.write_table(chosen, parquet)
        console.print(f"{chosen.num_rows} 个结果 results → {parquet}")
        return
    results = as_results(chosen, default_catalogue().indicators)
    if as_json:
        print_jsonl(result.to_json() for result in results)
    else:
        console.print(results_table(results, unit_attribute(tables, "name")))


def load_tables(
    path: Path | None,
    store_url: str | None,
    data: Literal["approved", "latest"],
    *,
    purpose: str,
    user: str | None,
) -> tuple[dict[str, pa.Table], list[DataSource]]:
    """The dataset at `path` (refused when it has errors), else the store's snapshot, exported
    for `purpose` by `user` (an audit event); and where it came from: the file with its SHA-256,
    or the versions the snapshot reads."""
    if path is None:
        store.setup(store_url)
        tables = store.export(purpose, actor=audit_user(user), data=data)
        stored = store.versions()
        return tables, version_sources(stored, data)
    with reading(path):
        dataset = read_dataset(path)
    if dataset.report.has_errors:
        errors.print(findings_table(dataset.report))
        raise typer.Exit(1)
    return dataset.tables, [file_source(dataset.source, dataset.sha256, dataset.tables)]


def parse_stage_weights(text: str | None) -> dict[str, float] | None:
    """`primary=1,junior=1.1` -> {"primary": 1.0, "junior": 1.1}."""
    if text is None:
        return None
    weights: dict[str, float] = {}
    stages = {code.code for code in default_catalogue().code_lists["stage"].codes}
    for part in text.split(","):
        stage, _, weight = part.partition("=")
        try:
            number = float(weight)
        except ValueError:
            number = -1.0
        if stage.strip() not in stages or number <= 0:
            raise typer.BadParameter(
                f"应为 学段=正数（如 primary=1,junior=1.1），实为 {part!r}; "
                f"expected stage=positive number (e.g. primary=1,junior=1.1), got {part!r}",
                param_hint="--stage-weights",
            )
        weights[stage.strip()] = number
    return weights


def parse_period(text: str | None) -> tuple[int, int] | None:
    """`2006:2008` -> (2006, 2008)."""
    if text is None:
        return None
    first, separator, last = text.partition(":")
    if not separator or not (first.strip().isdigit() and last.strip().isdigit()):
        raise typer.BadParameter(
            f"应为 起:止（如 2006:2008），实为 {text!r}; expected A:B (e.g. 2006:2008), got {text!r}",
            param_hint="--period",
        )
    if int(first) > int(last):
        raise typer.BadParameter(
            f"{first} 晚于 {last}; {first} is after {last}", param_hint="--period"
        )
    return int(first), int(last)
