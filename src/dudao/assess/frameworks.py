"""Frameworks with their rules checked: the catalogue's tree plus each rule's own params model."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dudao.assess.rules import DEFAULT_RULES, RuleParams, ScoringRule, rules_by_name
from dudao.catalogue import Catalogue, CatalogueError, CatalogueProblem, default_catalogue
from dudao.catalogue.frameworks import (
    FRAMEWORKS_DIR,
    Framework,
    RuleCheck,
    RuleSpec,
    framework_files,
    load_framework,
)


def rule_checker(catalogue: Catalogue, rules: tuple[ScoringRule, ...] = DEFAULT_RULES) -> RuleCheck:
    """A check for the catalogue loader: known kind, valid params, known indicators."""
    registry = rules_by_name(rules)

    def check(spec: RuleSpec) -> list[CatalogueProblem]:
        rule = registry.get(spec.kind)
        if rule is None:
            return [spec.problem(f"rule: unknown kind {spec.kind!r}; known: {sorted(registry)}")]
        try:
            params = rule.params.model_validate({**spec.params, "kind": spec.kind})
        except ValidationError as error:
            return [_param_problem(spec, detail) for detail in error.errors()]
        unknown = [
            spec.problem(f"rule {spec.kind}: unknown indicator {indicator!r}")
            for indicator in params.indicator_ids()
            if indicator not in catalogue.indicators
        ]
        if unknown:
            return unknown
        return [
            spec.problem(f"rule {spec.kind}: {message}")
            for message in params.catalogue_problems(catalogue)
        ]

    return check


def _param_problem(spec: RuleSpec, detail: Any) -> CatalogueProblem:
    """Placed at the deepest mapping of the error's location that remembers its line."""
    file, line = spec.declared_at or ("<framework>", None)
    node: Any = spec.params
    for step in detail["loc"]:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            node = node[step]
        else:
            break
        if isinstance(node, dict) and node.get("declared_at"):
            file, line = node["declared_at"]
    where = ".".join(str(step) for step in detail["loc"])
    return CatalogueProblem(file, line, f"rule {spec.kind}: {where}: {detail['msg']}")


def load(path: Path, catalogue: Catalogue | None = None) -> Framework:
    """One framework file, its rules checked against the rule plug-ins and the catalogue."""
    return load_framework(path, rule_checker(catalogue or default_catalogue()))


@cache
def shipped_frameworks() -> Mapping[str, Framework]:
    """The frameworks dudao ships (their ids are a public interface), loaded once."""
    return {name: load(path) for name, path in framework_files(FRAMEWORKS_DIR).items()}


def get_framework(framework_id: str) -> Framework:
    frameworks = shipped_frameworks()
    if framework_id not in frameworks:
        known = ", ".join(sorted(frameworks))
        raise CatalogueError(
            [
                CatalogueProblem(
                    str(FRAMEWORKS_DIR),
                    None,
                    f"未知考核体系 unknown framework {framework_id!r}; known: {known}",
                )
            ]
        )
    return frameworks[framework_id]


def rule_params(
    framework: Framework, rules: tuple[ScoringRule, ...] = DEFAULT_RULES
) -> dict[str, RuleParams]:
    """Item id -> its rule's validated params (the framework was checked when it loaded)."""
    registry = rules_by_name(rules)
    return {
        item.id: registry[item.rule.kind].params.model_validate(
            {**item.rule.params, "kind": item.rule.kind}
        )
        for item, _ in framework.walk()
        if item.rule is not None
    }
