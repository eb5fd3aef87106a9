"""A command group that imports a command's module only when that command runs.

`dudao check FILE` or `dudao --help` should not pay for the compute engine's libraries
(pandas, DuckDB's datasets, PySpark) that `dudao compute` or `dudao assess` import. The group
lists each command by name and one-line summary, without importing it; the command it runs
is loaded from its "module:attribute" target once chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple

import typer
from typer._click import Command, Context  # typer 0.29 vendors click: no `click` package
from typer.core import TyperCommand, TyperGroup

from dudao.errors import SettingRefused


class LazyCommand(NamedTuple):
    """Where a command lives ("dudao.cli.check:check": a typer function, or a Typer of
    subcommands) and its one-line summary, the first paragraph of its help, for the list."""

    target: str
    summary: str

    def load(self, name: str) -> Command:
        module, _, attribute = self.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        if not isinstance(found, typer.Typer):
            function = found
            found = typer.Typer(add_completion=False)
            found.command(name)(function)
        return typer.main.get_command(found)


class LazyGroup(TyperGroup):
    """Help, suggestions and completion see summaries; only the command chosen is imported."""

    lazy_commands: ClassVar[Mapping[str, LazyCommand]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name, lazy in self.lazy_commands.items():
            self.add_command(TyperCommand(name=name, help=lazy.summary), name)

    def invoke(self, ctx: Context) -> Any:
        """A setting the user got wrong is said in both languages (exit 2), not a traceback."""
        try:
            return super().invoke(ctx)
        except SettingRefused as refused:
            typer.echo(f"✗ {refused.message_zh}\n  {refused.message_en}", err=True)
            raise typer.Exit(2) from None

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name, summary_only, rest = super().resolve_command(ctx, args)
        if name is None:  # completing an unknown name: nothing to load
            return name, summary_only, rest
        return name, self.lazy_commands[name].load(name), rest
