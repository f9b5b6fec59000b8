"""Engines and schema upgrades for the embedded default (DuckDB file) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_FILE = "budget_etl.duckdb"


def default_url(directory: Path | None = None) -> str:
    """The embedded default: a DuckDB file in the working directory."""
    return f"duckdb:///{(directory or Path.cwd()) / DEFAULT_FILE}"


def shown_url(url: str) -> str:
    """The URL as it may be printed or logged: password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    # NullPool: a DuckDB file allows one writing process; holding no idle connection
    # lets the next command (or test) open it.
    return create_engine(url, poolclass=NullPool)


_SHARED: dict[str, Engine] = {}


def shared_engine(url: str) -> Engine:
    """One pooled engine per URL for the length of a run: opening a DuckDB file costs
    ~25 ms, which a run that loads document after document should pay once.
    ``dispose_shared`` releases it (and DuckDB's file lock) at the end of the run."""
    if url not in _SHARED:
        _SHARED[url] = create_engine(url, pool_size=1, max_overflow=2)
    return _SHARED[url]


def dispose_shared() -> None:
    while _SHARED:
        _SHARED.popitem()[1].dispose()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the warehouse schema to the newest migration."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
