"""How much memory the in-process engine may take, and where it spills; each a setting."""

from __future__ import annotations

import tempfile

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from dudao.errors import SettingRefused


class EngineSettings(BaseSettings):
    """DUDAO_ENGINE_MEMORY_LIMIT (DuckDB's units: 2GB, 500MB…) and DUDAO_ENGINE_TEMP_DIRECTORY.

    DuckDB's own default takes 80 % of the machine's memory before it spills, which on a
    bureau's server crowds out the web application and the database beside it; a national
    run fits in far less (bench/: issue 4's peak goal is 4 GB in all). Spilled tables go to
    the system's temporary folder, not to DuckDB's default `.tmp` in whatever folder the
    command was started from.
    """

    model_config = SettingsConfigDict(env_prefix="DUDAO_ENGINE_", frozen=True)

    memory_limit: str = Field(default="2GB", pattern=r"^\d+(\.\d+)?\s*[KMGT]i?B$")
    temp_directory: str = Field(default_factory=tempfile.gettempdir)

    def duckdb_config(self) -> dict[str, str | bool | int | float | list[str]]:
        return {"memory_limit": self.memory_limit, "temp_directory": self.temp_directory}


def engine_settings() -> EngineSettings:
    """The settings, or SettingRefused naming the variable, its value and what it should be."""
    try:
        return EngineSettings()
    except ValidationError as error:
        wrong = error.errors()[0]
        name = f"DUDAO_ENGINE_{str(wrong['loc'][0]).upper()}"
        value = wrong.get("input")
        raise SettingRefused(
            f"{name}={value!r}: expected an amount of memory such as 2GB or 500MB",
            f"{name}={value!r}：应为内存大小，如 2GB、500MB",
        ) from None
