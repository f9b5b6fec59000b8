"""Configuration, read once per process from the environment (prefix ``BUDGET_ETL_``)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

from extractors import DEFAULT_MAX_BYTES


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BUDGET_ETL_", env_file=None)

    #: Any SQLAlchemy URL; unset means the embedded DuckDB file in the working directory.
    warehouse_url: str | None = None
    #: Largest PDF accepted, in bytes: annexes are a few MB; anything far larger is refused.
    max_file_bytes: int = DEFAULT_MAX_BYTES
