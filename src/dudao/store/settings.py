"""Where the store lives: typed settings (DUDAO_*) and a database URL turned into Django's form."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from dudao.store.errors import StoreUrlError

SQLITE_PREFIX = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql", "postgres")
# WAL keeps readers off the writer's back; FULL syncs the WAL on every commit, so an
# acknowledged import survives power loss (SECURITY.md, atomic import).
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
SQLITE_BUSY_SECONDS = 30.0


def _default_home() -> Path:
    return Path("~/.local/share/dudao").expanduser()


class StoreSettings(BaseSettings):
    """DUDAO_HOME (data folder) and DUDAO_STORE_URL (overrides the embedded SQLite file)."""

    model_config = SettingsConfigDict(env_prefix="DUDAO_")
    home: Path = Field(default_factory=_default_home)
    store_url: str = ""

    @model_validator(mode="after")
    def _embedded_default(self) -> StoreSettings:
        if not self.store_url:
            self.store_url = f"{SQLITE_PREFIX}{self.home.expanduser() / 'store.sqlite3'}"
        return self


def database_config(url: str) -> dict[str, Any]:
    """Django's DATABASES entry for `sqlite:///path` or `postgresql://user@host:port/db`."""
    if url.startswith(SQLITE_PREFIX):
        return _sqlite_config(url[len(SQLITE_PREFIX) :])
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise StoreUrlError(
            f"unsupported store URL {url!r}: use sqlite:///path or postgresql://…",
            f"不支持的数据库地址 {url!r}：应为 sqlite:///路径 或 postgresql://…",
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": _options(url, dict(parse_qsl(parts.query))),
    }


def _options(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """The URL's query as connection options. Parameters are bound by the server unless
    `server_side_binding=false` (e.g. behind pgbouncer in transaction mode): a version
    table's stream then travels as binary, not as a hex literal the server parses (2.7 MB:
    183 -> 60 ms). Django takes only the boolean True, so the URL's text is read as one."""
    said = str(options.pop("server_side_binding", "true")).lower()
    if said not in ("true", "false"):
        raise StoreUrlError(
            f"store URL {url!r}: server_side_binding={said!r} must be true or false",
            f"数据库地址 {url!r}：server_side_binding={said!r} 应为 true 或 false",
        )
    return {"server_side_binding": said == "true", **options}


def _sqlite_config(path_text: str) -> dict[str, Any]:
    if not path_text:
        raise StoreUrlError(
            "a SQLite store URL needs a file path: sqlite:///path/store.sqlite3",
            "SQLite 数据库地址须含文件路径：sqlite:///路径/store.sqlite3",
        )
    path = Path(unquote(path_text)).expanduser()
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": SQLITE_INIT,
            # Take the write lock at BEGIN: two importers queue instead of failing mid-way.
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_SECONDS,
        },
    }
