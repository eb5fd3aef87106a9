"""Assessment frameworks (考核指标体系) as YAML: a tree of items, each with points and a rule.

The catalogue checks the tree's shape (ids, points or weights, grades); what a
rule's parameters mean belongs to its plug-in in `dudao.assess.rules`, which the
loader is handed as `check_rule` so that the catalogue never imports assess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, ValidationError

from dudao.catalogue.errors import CatalogueError, CatalogueProblem
from dudao.catalogue.models import Declared
from dudao.catalogue.yaml_loader import line_of, load_yaml, to_plain

FRAMEWORKS_DIR = Path(__file__).parent / "data" / "frameworks"

GradeId = Literal["excellent", "good", "pass", "fail"]
Role = Literal["scored", "must_meet", "veto"]
Status = Literal["official", "reconstructed", "adapted"]


class Text(Declared):
    """A user-facing text in Chinese (Simplified; Traditional by OpenCC) and English."""

    zh: str
    en: str


class RuleSpec(Declared):
    """A scoring rule as declared: its kind, and parameters its plug-in validates."""

    model_config = ConfigDict(frozen=True, extra="allow")
    kind: str

    @property
    def params(self) -> dict[str, Any]:
        return {**(self.model_extra or {}), "declared_at": self.declared_at}


class FrameworkItem(Declared):
    """One node of the tree (一级/二级/三级指标): points, or a weight of its parent's points."""

    id: str
    title: Text
    points: float | None = None
    weight: float | None = None
    standard: Text | None = None  # 评估标准
    method: Text | None = None  # 评分办法
    rule: RuleSpec | None = None
    role: Role = "scored"
    items: tuple[FrameworkItem, ...] = ()

    def walk(self, depth: int = 1) -> Iterator[tuple[FrameworkItem, int]]:
        yield self, depth
        for child in self.items:
            yield from child.walk(depth + 1)


class Grade(Declared):
    """A grade (优秀/良好/合格/不合格) and the total it needs."""

    id: GradeId
    at_least: float


GRADE_LABELS: dict[str, tuple[str, str]] = {
    "excellent": ("优秀", "excellent"),
    "good": ("良好", "good"),
    "pass": ("合格", "pass"),
    "fail": ("不合格", "fail"),
}


class Framework(Declared):
    id: str
    title: Text
    source: str  # the document it follows (REFERENCES.md)
    status: Status
    provenance: Text  # what is official, what is reconstructed or adapted
    level: str  # the org level assessed (district, city)
    points: float
    grades: tuple[Grade, ...]
    must_meet_fails_grade: bool = True  # a failed must-meet item makes the grade 不合格
    items: tuple[FrameworkItem, ...]

    def walk(self) -> Iterator[tuple[FrameworkItem, int]]:
        for item in self.items:
            yield from item.walk()

    def item(self, item_id: str) -> FrameworkItem:
        found = next((item for item, _ in self.walk() if item.id == item_id), None)
        if found is None:
            raise KeyError(item_id)
        return found


RuleCheck = Callable[[RuleSpec], list[CatalogueProblem]]


def framework_files(directory: Path = FRAMEWORKS_DIR) -> dict[str, Path]:
    """Framework id (the file's stem) -> path."""
    return {path.stem: path for path in sorted(directory.glob("*.yaml"))}


def load_framework(path: Path, check_rule: RuleCheck | None = None) -> Framework:
    """Read one framework file; raise CatalogueError with every problem, each with file and line."""
    tree = load_yaml(path)
    if not isinstance(tree, dict) or not isinstance(tree.get("framework"), dict):
        raise CatalogueError([CatalogueProblem(str(path), 1, "expected a top-level `framework:`")])
    try:
        framework = Framework.model_validate(to_plain(tree["framework"], str(path)))
    except ValidationError as error:
        raise CatalogueError(list(_problems(error, tree, str(path)))) from None
    problems = list(check_framework(framework, path))
    if check_rule is not None:
        for item, _ in framework.walk():
            if item.rule is not None:
                problems.extend(check_rule(item.rule))
    if problems:
        raise CatalogueError(problems)
    return framework


def check_framework(framework: Framework, path: Path) -> Iterator[CatalogueProblem]:
    """The tree's shape: ids unique, each item has points or a weight, leaves have rules."""
    if framework.id != path.stem:
        yield framework.problem(f"framework id {framework.id!r} differs from its file {path.name}")
    seen: set[str] = set()
    for item, _ in framework.walk():
        if item.id in seen:
            yield item.problem(f"item `{item.id}` declared twice")
        seen.add(item.id)
        if (item.points is None) == (item.weight is None) and item.role == "scored":
            yield item.problem(f"item `{item.id}`: give either points or weight, not both or none")
        if not item.items and item.rule is None:
            yield item.problem(f"item `{item.id}`: a leaf item needs a rule")
        if item.items and item.rule is not None:
            yield item.problem(f"item `{item.id}`: an item with sub-items takes no rule")
    cut_offs = [grade.at_least for grade in framework.grades]
    if cut_offs != sorted(cut_offs, reverse=True) or not cut_offs or cut_offs[-1] != 0:
        yield framework.problem("grades: cut-offs must fall from the best grade to 0")


def _problems(error: ValidationError, tree: Any, file: str) -> Iterator[CatalogueProblem]:
    for detail in error.errors():
        location = ("framework", *detail["loc"])
        path = ".".join(str(step) for step in location)
        yield CatalogueProblem(file, line_of(tree, location), f"{path}: {detail['msg']}")
