"""Configuration, read once per process from the environment (prefix ``BUDGET_ETL_``).

Nested fields use ``__``: ``BUDGET_ETL_LIMITS__TIMEOUT_S=60``; lists are JSON:
``BUDGET_ETL_ALERT_URLS='["mailto://…", "dingtalk://…"]'``.
"""

from __future__ import annotations

import os

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from expectations.rules import THRESHOLDS
from flows.documents import Limits


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
    #: must see the same paths (shared storage). Unset: local processes.
    dask_address: str | None = None
