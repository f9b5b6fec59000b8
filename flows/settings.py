"""Configuration, read once per process from the environment (prefix ``BUDGET_ETL_``).

Nested fields use ``__``: ``BUDGET_ETL_LIMITS__TIMEOUT_S=60``; lists are JSON:
``BUDGET_ETL_ALERT_URLS='["mailto://…", "dingtalk://…"]'``.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from expectations.rules import THRESHOLDS
from extractors import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES


class Limits(BaseModel):
    """What one document may cost: files come from outside the bureau."""

    max_file_bytes: int = DEFAULT_MAX_BYTES  # larger files are rejected unread
    max_pages: int = DEFAULT_MAX_PAGES
    timeout_s: float = 120.0  # wall time per document, in its own process
    memory_mb: int = 4096  # address space per document process
    workers: int = 2  # documents extracted at once


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="BUDGET_ETL_", env_file=None, env_nested_delimiter="__"
    )

    #: Any SQLAlchemy URL; unset means the embedded DuckDB file in the working directory.
    warehouse_url: str | None = None
    #: Per-document limits (size, pages, time, memory) and how many documents run at once.
    limits: Limits = Limits(workers=max(1, min(4, os.cpu_count() or 1)))
    #: Tables camelot reads with a lower accuracy (%) get a low_extraction_confidence finding.
    min_table_accuracy: float = THRESHOLDS["min_table_accuracy"]
    #: Where each run writes its HTML report (run-<id>.html); empty to write none.
    report_dir: str = "budget_etl_reports"
    #: Apprise URLs alerts go to (SMTP mailto://, dingtalk://, wecombot://, json:// …).
    alert_urls: list[SecretStr] = []
    #: Files modified more recently than this (s) wait for the next scheduled run.
    settle_s: float = 60.0
    #: Nightly schedule of ``budget-etl serve`` (cron, in ``timezone``).
    cron: str = "0 2 * * *"
    timezone: str = "Asia/Shanghai"
    #: A Dask scheduler (tcp://host:8786): documents are then read on its workers, which
    #: must see the same paths (shared storage) and not be daemonic (README). Unset: local
    #: processes.
    dask_address: str | None = None
    #: Prefect's own setting, read here once: with an API configured, ``ingest`` runs as a
    #: tracked flow run there; without one, inline (no temporary Prefect server).
    prefect_api_url: str | None = Field(default=None, validation_alias="PREFECT_API_URL")

    def tracked(self, asked: bool = False) -> bool:
        """Whether a run goes through Prefect: asked for, an API configured, or a Dask
        cluster (reached through Prefect's task runner)."""
        return asked or bool(self.prefect_api_url) or bool(self.dask_address)

    def run_parameters(
        self, url: str, paths: list[str], settle_s: float, progress: bool = False
    ) -> dict[str, Any]:
        """``run_ingest`` / ``ingest_flow`` parameters for this configuration."""
        return {
            "paths": paths,
            "warehouse_url": url,
            "limits": self.limits,
            "thresholds": {"min_table_accuracy": self.min_table_accuracy},
            "report_dir": self.report_dir or None,
            "alert_urls": self.alert_urls,
            "settle_s": settle_s,
            "progress": progress,
            "distributed": bool(self.dask_address),
        }
