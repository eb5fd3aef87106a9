"""YAML with line numbers: every mapping remembers the file and line it came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from dudao.catalogue.errors import CatalogueError, CatalogueProblem


def load_yaml(path: Path) -> Any:
    """Parse one YAML file into ruamel's round-trip tree, which keeps line numbers."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = CatalogueProblem(str(path), line, f"{error.problem or error.context}")
        raise CatalogueError([problem]) from None


def line_of(tree: Any, location: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest node of `location` that the tree has."""
    line = None
    node = tree
    for step in location:
        if isinstance(node, CommentedMap) and step in node:
            line = node.lc.key(step)[0] + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            break
    return line


def to_plain(node: Any, file: str) -> Any:
    """Plain dicts and lists; each mapping gains `declared_at` = (file, line)."""
    if isinstance(node, CommentedMap):
        plain = {key: to_plain(value, file) for key, value in node.items()}
        plain["declared_at"] = (file, node.lc.line + 1)
        return plain
    if isinstance(node, CommentedSeq):
        return [to_plain(item, file) for item in node]
    return node
