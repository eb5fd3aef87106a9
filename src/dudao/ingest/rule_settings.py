"""Thresholds of the rule set, as settings (DUDAO_RULES_*) with defaults."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class RuleSettings(BaseSettings):
    """DUDAO_RULES_YEAR_CHANGE_FACTOR, DUDAO_RULES_YEAR_CHANGE_FLOOR."""

    model_config = SettingsConfigDict(env_prefix="DUDAO_RULES_")
    # A value more than `factor` times, or less than 1/`factor` of, its previous year's.
    year_change_factor: float = Field(default=3.0, gt=1.0)
    # Below this on both sides a change is noise (a 2-class school becoming 7 is no news).
    year_change_floor: float = Field(default=20.0, ge=0.0)
