"""The rule set (rules.yaml): what loading it adds to the catalogue, and running it on a dataset.

Issue 3 asks that the whole rule set load in under 0.2 s more than the catalogue without it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.timing import Measurement, best_of
from dudao.catalogue import default_catalogue, load_catalogue
from dudao.catalogue.loader import DATA_DIR
from dudao.ingest import Dataset
from dudao.ingest.check_context import CheckContext
from dudao.ingest.rules import catalogue_rules
from dudao.ingest.sheets import Place


def load() -> Measurement:
    """The catalogue with rules.yaml, against the same catalogue with an empty rule list."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(shutil.copytree(DATA_DIR, Path(folder) / "data"))
        seconds = best_of(5, lambda: load_catalogue(data))
        rules = len(load_catalogue(data).rules)
        (data / "rules.yaml").write_text("rules: []\n", encoding="utf-8")
        baseline = best_of(5, lambda: load_catalogue(data))
    return Measurement("load the catalogue with its rules", rules, seconds, "without", baseline)


def run(dataset: Dataset, baseline: str, baseline_seconds: float) -> Measurement:
    """Every rule over a dataset already read."""
    catalogue = default_catalogue()
    place = Place(dataset.source, None, catalogue)
    rows = sum(table.num_rows for table in dataset.tables.values())
    seconds = best_of(
        5, lambda: list(catalogue_rules(CheckContext(dataset.parts, catalogue, place)))
    )
    return Measurement("run the rule set", rows, seconds, baseline, baseline_seconds)


if __name__ == "__main__":
    from bench.returns_child import parse_csv
    from dudao.demo import write_seed_city
    from dudao.ingest import read_dataset

    print(load().line())
    with tempfile.TemporaryDirectory() as folder:
        returns = write_seed_city(Path(folder) / "returns")
        dataset = read_dataset(returns)  # warm: imports, catalogue, OpenCC
        parse = best_of(5, lambda: parse_csv(returns))
        check = best_of(5, lambda: read_dataset(returns))
        rows = sum(table.num_rows for table in dataset.tables.values())
        print(Measurement("check (read_dataset)", rows, check, "parse_csv", parse).line())
        print(run(dataset, "parse_csv", parse).line())
        print(run(dataset, "read_dataset", check).line())
