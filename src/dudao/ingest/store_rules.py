"""The rules that read the store's approved data, run again at import with the store at hand.

`dudao import` may be given a dataset checked without a store; its rules across years and its
school register checks then saw the dataset alone. Their findings are replaced by the ones
seen with the store (their finding types belong to these rules alone).
"""

from __future__ import annotations

from dudao.catalogue import Catalogue, default_catalogue
from dudao.catalogue.rules import CheckName, CheckRule
from dudao.ingest.check_context import CheckContext, PreviousTables
from dudao.ingest.findings import FindingReport
from dudao.ingest.reader import Dataset
from dudao.ingest.rule_frames import RuleFrames
from dudao.ingest.rules import run_rules
from dudao.ingest.sheets import Place

READS_THE_STORE = frozenset(
    {
        CheckName.STAGE_MATCHES_SCHOOL_TYPE,
        CheckName.MISSING_YEAR,
        CheckName.YEAR_CHANGE,
        CheckName.VANISHED_SCHOOL,
        CheckName.DUPLICATE_NAME,
    }
)


def check_against_store(
    dataset: Dataset, previous: PreviousTables, catalogue: Catalogue | None = None
) -> None:
    """Rerun the store-reading rules on `dataset` with `previous`, once; its report updated."""
    if dataset.checked_against_store:
        return
    catalogue = catalogue or default_catalogue()
    rules = [
        rule
        for rule in catalogue.rules.values()
        if isinstance(rule, CheckRule) and rule.check in READS_THE_STORE
    ]
    place = Place(dataset.source, None, catalogue)
    frames = RuleFrames(CheckContext(dataset.parts, catalogue, place, previous=previous))
    try:
        by_rule = run_rules(rules, frames)
        found = [finding for rule in rules for finding in by_rule[rule.id]]
    finally:
        frames.close()
    replaced = {rule.finding for rule in rules}
    kept = [finding for finding in dataset.report.findings if finding.code not in replaced]
    dataset.report = FindingReport(kept + found)
    dataset.checked_against_store = True
