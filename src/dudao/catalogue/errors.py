"""Problems found while loading the catalogue: each names its file and line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CatalogueProblem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.message}"


class CatalogueError(Exception):
    """Raised once, with every problem found, when a catalogue does not load."""

    def __init__(self, problems: list[CatalogueProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
