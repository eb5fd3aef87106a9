"""The catalogue's results computed with pandas, as a competent analyst would: vectorised, groupby per level.

School tables: mask each operand's column, sum per (district, year), then sum
the district totals up the hierarchy. Org tables: a unit's own row wins over
the rows below it (DATA.md, Aggregation). Ratio indicators only, and only
those whose operands `bench.pandas_sql` translates; the rest are listed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from bench.pandas_sql import Aggregate, Untranslatable, aggregate, expression
from dudao.catalogue import Catalogue, Indicator, Operand, TableKind, default_catalogue
from dudao.compute.operands import school_set_condition

KINDS = ("ratio", "share", "amount", "count")
FILTERS = ("holding", "period", "at_level", "by_scope")
RESULT_COLUMNS = ["indicator", "unit_code", "scope", "year", "numerator", "denominator", "value"]


def covered(catalogue: Catalogue) -> tuple[list[Indicator], list[str]]:
    """(indicators this baseline computes, ids of those it leaves out, with why)."""
    done, left = [], []
    for indicator in catalogue.indicators.values():
        try:
            if indicator.kind not in KINDS:
                raise Untranslatable(f"kind {indicator.kind}")
            for operand in _operands(indicator):
                aggregate(operand.expr)
                table = catalogue.tables.get(operand.table)
                if table is None or table.kind not in (TableKind.SCHOOL, TableKind.ORG):
                    raise Untranslatable(f"table {operand.table}")
                if any(getattr(operand, name, None) for name in FILTERS):
                    raise Untranslatable("holding, period, at_level or by_scope")
            done.append(indicator)
        except Untranslatable as reason:
            left.append(f"{indicator.id} ({reason})")
    return done, left


def _operands(indicator: Indicator) -> list[Operand]:
    operands = [o for o in (indicator.numerator, indicator.denominator) if o is not None]
    if indicator.kind in ("amount", "count"):
        return operands[:1]
    split = indicator.uis_split
    return [*operands, *split.female, *split.male] if split else operands


def read_frames(folder: Path, columns: dict[str, list[str]]) -> dict[str, pd.DataFrame]:
    """The same columns the engine reads, as pandas frames."""
    return {
        table: pd.read_parquet(folder / f"{table}.parquet", columns=names)
        for table, names in columns.items()
    }


def compute(frames: dict[str, pd.DataFrame], catalogue: Catalogue | None = None) -> pd.DataFrame:
    catalogue = catalogue or default_catalogue()
    indicators, _ = covered(catalogue)
    closure = _closure(frames["org_units"])
    sums: dict[tuple[str, str | None, str], pd.DataFrame] = {}
    groups: dict[tuple[str, str | None], list[str]] = {}
    for operand in (o for i in indicators for o in _operands(i)):
        expressions = groups.setdefault((operand.table, operand.school_set), [])
        if operand.expr not in expressions:
            expressions.append(operand.expr)
    for (table, school_set), expressions in groups.items():
        totals = _group_totals(frames, catalogue, closure, table, school_set, expressions)
        for index, expr in enumerate(expressions):
            sums[(table, school_set, expr)] = totals[[f"op_{index}"]].reset_index()
    levels = frames["org_units"].set_index("code")["level"]
    return pd.concat([_ratio(i, sums, levels) for i in indicators], ignore_index=True)


def _closure(org_units: pd.DataFrame) -> pd.DataFrame:
    """(ancestor, descendant, depth) for every unit, itself at depth 0."""
    parent = org_units.set_index("code")["parent_code"]
    step = pd.DataFrame({"ancestor": org_units["code"], "descendant": org_units["code"], "depth": 0})  # fmt: skip
    parts = [step]
    while True:
        step = step.assign(ancestor=step["ancestor"].map(parent), depth=step["depth"] + 1).dropna()
        if step.empty:
            return pd.concat(parts, ignore_index=True)
        parts.append(step)


def _group_totals(
    frames: dict[str, pd.DataFrame],
    catalogue: Catalogue,
    closure: pd.DataFrame,
    table: str,
    school_set: str | None,
    expressions: list[str],
) -> pd.DataFrame:
    """Index (unit_code, year[, scope]); a column op_i per expression."""
    aggregates = [aggregate(e) for e in expressions]
    if catalogue.tables[table].kind is TableKind.SCHOOL:
        rows = _school_rows(frames, catalogue, table, school_set)
    else:
        rows = _topmost_rows(frames[table], catalogue.tables[table].key, closure)
    values = _values(rows, aggregates)
    if catalogue.tables[table].kind is TableKind.SCHOOL:  # per district first, then up the levels
        values = _sum(values, ["org_code", "year"], aggregates).reset_index()
        values = values.merge(closure, left_on="org_code", right_on="descendant")
    by = ["ancestor", "year", *(["scope"] if "scope" in values.columns else [])]
    return _sum(values, by, aggregates).rename_axis(["unit_code", *by[1:]])


def _values(rows: pd.DataFrame, aggregates: list[Aggregate]) -> pd.DataFrame:
    keys = [c for c in ("org_code", "ancestor", "year", "scope") if c in rows.columns]
    columns = {f"op_{i}": a.values(rows).astype("float64") for i, a in enumerate(aggregates)}
    return pd.DataFrame({**{k: rows[k] for k in keys}, **columns})


def _sum(values: pd.DataFrame, by: list[str], aggregates: list[Aggregate]) -> pd.DataFrame:
    grouped = values.groupby(by, sort=False)
    return pd.DataFrame(
        {f"op_{i}": grouped[f"op_{i}"].sum(min_count=a.min_count) for i, a in enumerate(aggregates)}
    )


def _school_rows(
    frames: dict[str, pd.DataFrame], catalogue: Catalogue, table: str, school_set: str | None
) -> pd.DataFrame:
    schools = frames["schools"]
    rows = frames[table].merge(schools[["school_code", "org_code"]], on="school_code")
    if school_set is None:
        return rows
    if "_membership" not in frames:  # once per run, as the engine's view
        frames["_membership"] = _membership(frames["school_stage_year"], schools, catalogue)
    members = frames["_membership"]
    inside = expression_mask(members, school_set_condition(catalogue, school_set))
    keys = members.loc[inside, ["school_code", "year"]]
    return rows.merge(keys, on=["school_code", "year"])


def expression_mask(frame: pd.DataFrame, condition: str) -> pd.Series:
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(condition, dialect="duckdb")
    assert isinstance(tree, exp.Expression)
    return expression(tree)(frame).astype(bool)


def _membership(stages: pd.DataFrame, schools: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """school_membership as the engine declares it: has_<stage> flags and total enrolment."""
    flags = pd.crosstab([stages["school_code"], stages["year"]], stages["stage"]) > 0
    for code in catalogue.code_lists["stage"].codes:
        flags[code.code] = flags.get(code.code, False)
    frame = flags.add_prefix("has_").reset_index()
    frame["enrolment"] = stages.groupby(["school_code", "year"])["enrolment"].sum(min_count=1).to_numpy()  # fmt: skip
    attributes = schools[["school_code", "school_type", "ownership", "sponsor_level"]]
    frame = frame.merge(attributes.fillna({"sponsor_level": "county"}), on="school_code")
    return frame


def _topmost_rows(table: pd.DataFrame, key: tuple[str, ...], closure: pd.DataFrame) -> pd.DataFrame:
    """Each row once per ancestor it counts for: up to, not including, the first reported unit above it."""
    others = [k for k in key if k != "org_code"]
    rows = table.reset_index(names="row").merge(closure, left_on="org_code", right_on="descendant")
    reported = table[["org_code", *others]].drop_duplicates().assign(reported=True)
    rows = rows.merge(reported.rename(columns={"org_code": "ancestor"}), on=["ancestor", *others], how="left")  # fmt: skip
    blocking = rows["reported"].fillna(False).astype(bool) & (rows["depth"] > 0)
    first = rows["depth"].where(blocking).groupby(rows["row"]).transform("min")
    kept = first.isna() | (rows["depth"] < first)
    if "scope" in rows.columns:  # own_level rows are never summed from children (DATA.md)
        kept &= (rows["scope"] != "own_level") | (rows["depth"] == 0)
    return rows[kept]


def _ratio(
    indicator: Indicator, sums: dict[tuple[str, str | None, str], pd.DataFrame], levels: pd.Series
) -> pd.DataFrame:
    first = _operands(indicator)[0]
    frame = sums[(first.table, first.school_set, first.expr)].set_axis([*sums[(first.table, first.school_set, first.expr)].columns[:-1], "numerator"], axis=1)  # fmt: skip
    d = indicator.denominator
    if d is not None and indicator.kind in ("ratio", "share"):
        other = sums[(d.table, d.school_set, d.expr)]
        other = other.set_axis([*other.columns[:-1], "denominator"], axis=1)
        on = [
            c for c in ("unit_code", "year", "scope") if c in frame.columns and c in other.columns
        ]
        frame = frame.merge(other, on=on, how="outer")
    else:
        frame["denominator"] = np.nan
    if "scope" not in frame.columns:
        frame["scope"] = None
    frame = frame[frame["unit_code"].map(levels).isin(indicator.levels)]
    denominator = frame["denominator"].where(frame["denominator"] != 0)
    if d is None or indicator.kind not in ("ratio", "share"):
        denominator = 1.0
    value = frame["numerator"] * indicator.scale / denominator
    if indicator.cap is not None:
        capped = value.where(~(value > indicator.cap), indicator.cap)
    else:
        capped = value
    if indicator.uis_split is not None:  # UIS: divide by the larger sex ratio when it is > 1
        female = _sex_ratio(indicator.uis_split.female, sums, frame)
        male = _sex_ratio(indicator.uis_split.male, sums, frame)
        larger = np.fmax(female, male).where(female.notna() & male.notna())
        capped = capped.where(larger.isna(), value.where(~(larger > 1), value / larger))
    return frame.assign(indicator=indicator.id, value=capped)[RESULT_COLUMNS]


def _sex_ratio(
    pair: tuple[Operand, ...],
    sums: dict[tuple[str, str | None, str], pd.DataFrame],
    frame: pd.DataFrame,
) -> pd.Series:
    """One sex's enrolment ÷ population, aligned with `frame`'s (unit_code, year) rows."""
    parts = []
    for operand in pair:
        total = sums[(operand.table, operand.school_set, operand.expr)]
        parts.append(
            frame[["unit_code", "year"]]
            .merge(total, on=["unit_code", "year"], how="left")
            .iloc[:, -1]
        )
    numerator, denominator = (part.to_numpy(dtype="float64") for part in parts)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(denominator != 0, numerator / denominator, np.nan)
    return pd.Series(ratio, index=frame.index)
