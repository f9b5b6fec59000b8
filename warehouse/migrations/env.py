"""Alembic environment: runs on the connection ``warehouse.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from alembic.ddl.impl import DefaultImpl

from warehouse.models import Base


class DuckDBImpl(DefaultImpl):
    """Alembic ships no DuckDB dialect; its generic DDL works for this schema."""

    __dialect__ = "duckdb"


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
