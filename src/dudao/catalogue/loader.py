"""Load the catalogue: YAML -> typed objects -> cross-checks, every problem with file and line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from dudao.catalogue.cache import cached
from dudao.catalogue.errors import CatalogueError, CatalogueProblem
from dudao.catalogue.indicators import Indicator
from dudao.catalogue.models import CodeList, FindingType, SchoolSet, TableDef
from dudao.catalogue.rules import RULE, Rule
from dudao.catalogue.yaml_loader import line_of, load_yaml, to_plain

DATA_DIR = Path(__file__).parent / "data"


class Catalogue(BaseModel):
    """Everything dudao knows about the exchange format and its indicators."""

    model_config = ConfigDict(frozen=True)
    tables: dict[str, TableDef]
    code_lists: dict[str, CodeList]
    school_sets: dict[str, SchoolSet]
    findings: dict[str, FindingType]
    indicators: dict[str, Indicator]
    rules: dict[str, Rule]


Validate = Callable[[Any], Any]  # a plain mapping -> a typed object; raises ValidationError

# file name -> (top-level key, validator, the attribute naming each entry)
SECTIONS: dict[str, tuple[str, Validate, str]] = {
    "tables.yaml": ("tables", TableDef.model_validate, "id"),
    "codes.yaml": ("code_lists", CodeList.model_validate, "id"),
    "school_sets.yaml": ("school_sets", SchoolSet.model_validate, "id"),
    "findings.yaml": ("findings", FindingType.model_validate, "code"),
    "indicators.yaml": ("indicators", Indicator.model_validate, "id"),
    "rules.yaml": ("rules", RULE.validate_python, "id"),
}


def load_catalogue(directory: Path = DATA_DIR) -> Catalogue:
    """Read every catalogue file in `directory`; raise CatalogueError with all problems."""
    from dudao.catalogue.checks import check_catalogue

    sections: dict[str, dict[str, Any]] = {}
    problems: list[CatalogueProblem] = []
    for file_name, (key, validate, name_attr) in SECTIONS.items():
        path = directory / file_name
        entries, found = _load_section(path, key, validate, name_attr)
        sections[key] = entries
        problems.extend(found)
    if problems:
        raise CatalogueError(problems)
    catalogue = Catalogue(**sections)
    problems = list(check_catalogue(catalogue))
    if problems:
        raise CatalogueError(problems)
    return catalogue


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with dudao, loaded once per process (and cached between them)."""
    return cached("catalogue", DATA_DIR, load_catalogue)


def _load_section(
    path: Path, key: str, validate: Validate, name_attr: str
) -> tuple[dict[str, Any], list[CatalogueProblem]]:
    tree = load_yaml(path)
    if not isinstance(tree, dict) or not isinstance(tree.get(key), list):
        return {}, [CatalogueProblem(str(path), 1, f"expected a top-level list `{key}:`")]
    entries: dict[str, Any] = {}
    problems: list[CatalogueProblem] = []
    for index, raw in enumerate(to_plain(tree[key], str(path))):
        try:
            entry = validate(raw)
        except ValidationError as error:
            problems.extend(_problems(error, tree, (key, index), str(path)))
            continue
        name = getattr(entry, name_attr)
        if name in entries:
            problems.append(
                CatalogueProblem(str(path), line_of(tree, (key, index)), f"`{name}` declared twice")
            )
        entries[name] = entry
    return entries, problems


def _problems(
    error: ValidationError, tree: Any, prefix: tuple[str | int, ...], file: str
) -> Iterator[CatalogueProblem]:
    for detail in error.errors():
        location = prefix + _without_tag(tree, prefix, tuple(detail["loc"]))
        path = ".".join(str(step) for step in location)
        yield CatalogueProblem(file, line_of(tree, location), f"{path}: {detail['msg']}")


def _without_tag(tree: Any, prefix: tuple[str | int, ...], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A tagged union (rules' `kind`) puts the tag first in the location; the YAML has no such key."""
    node = tree
    for step in prefix:
        node = node[step]
    if loc and isinstance(loc[0], str) and isinstance(node, dict) and loc[0] not in node:
        return loc[1:]
    return loc
