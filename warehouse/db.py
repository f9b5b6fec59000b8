"""Engines and schema upgrades for the embedded default (DuckDB file) and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

if TYPE_CHECKING:
    from alembic.config import Config

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
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration's revision id, read from the files (no Alembic import). The
    history is linear and files are numbered, so the last file is the head."""
    newest = sorted((MIGRATIONS / "versions").glob("[0-9]*.py"))[-1]
    m = re.search(r'^revision\s*=\s*"([^"]+)"', newest.read_text(encoding="utf-8"), re.M)
    assert m, f"{newest.name} names no revision"
    return m.group(1)


def schema_revision(engine: Engine) -> str | None:
    """The revision the warehouse is at, or None for a new (or foreign) database."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no such table: nothing migrated yet
        return None


def upgrade(engine: Engine) -> None:
    """Bring the warehouse schema to the newest migration. A current schema costs one
    query: Alembic (a second to import) is loaded only when there is work to do."""
    if schema_revision(engine) == head_revision():
        return
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
