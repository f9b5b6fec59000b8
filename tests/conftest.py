"""Shared fixtures: golden PDFs, a real Prefect harness, fresh warehouses (DuckDB, PostgreSQL)."""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.accuracy import shared_dir

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "fixtures" / "golden"
PG_ADMIN_URL = os.environ.get(
    "BUDGET_ETL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_UI_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


SHARED = shared_dir()  # ../shared beside the checkout (or the main checkout of a worktree)


def require(available: bool, what: str) -> None:
    """Skip a test whose service or data is missing on a developer's machine; in CI (CI
    set) fail it instead: .ci/run provides PostgreSQL, Chromium and ../shared, and a
    missing one must not pass as a skip."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI")
    pytest.skip(f"{what} is not available here")


def query(url: str, sql: str) -> list[Any]:
    """The rows of one SQL query against a warehouse (its engine disposed afterwards)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql)).all())
    finally:
        engine.dispose()


def cli() -> str:
    """The budget-etl command pip installed beside this interpreter, as a shell finds it."""
    return str(Path(sys.executable).parent / "budget-etl")


def golden_renderings() -> list[Path]:
    """Every committed rendering (break sweeps aside): cards, then the list families."""
    return [*sorted(GOLDEN.glob("*.pdf")), *sorted((GOLDEN / "lists").glob("*.pdf"))]


def expected_for(pdf: Path) -> dict[str, Any]:
    return json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the whole session (it takes ~10 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def duckdb_url(tmp_path: Path) -> str:
    return f"duckdb:///{tmp_path / 'warehouse.duckdb'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the local PostgreSQL server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"budget_etl_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        require(False, f"PostgreSQL at {PG_ADMIN_URL} ({type(exc).__name__}: {exc})")
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["duckdb", "postgres"])
def warehouse_url(request: pytest.FixtureRequest) -> str:
    """Each warehouse test runs on the embedded default and on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))
