"""Idempotent, versioned, all-or-nothing loads, on both warehouses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import text

from tests.conftest import GOLDEN, ROOT, cli
from warehouse.db import make_engine, upgrade

WORD = GOLDEN / "tianmen_hrss_2023.word.pdf"
EXCEL = GOLDEN / "tianmen_hrss_2023.excel.pdf"  # the same annex, resubmitted
TABLES = (
    "document",
    "project",
    "fct_project_funding",
    "fct_indicator_target",
    "finding",
    "source_table",
    "dim_issuer",
    "dim_indicator_category",
    "dim_fiscal_year",
    "dim_implementing_unit",
    "dim_unit",
)


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        out = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return out


def _scalar(url: str, sql: str) -> object:
    engine = make_engine(url)
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar()
    engine.dispose()
    return value


def test_rerun_changes_nothing_and_resubmission_supersedes(
    warehouse_url: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    first = ingest_flow([str(WORD)], warehouse_url)
    before = _counts(warehouse_url)
    again = ingest_flow([str(WORD)], warehouse_url)
    assert [d["status"] for d in again.documents] == ["unchanged"]
    assert _counts(warehouse_url) == before

    resubmitted = ingest_flow([str(EXCEL)], warehouse_url)
    assert [d["status"] for d in resubmitted.documents] == ["loaded"]
    old, new = first.documents[0]["sha256"], resubmitted.documents[0]["sha256"]
    current = _scalar(
        warehouse_url, "SELECT string_agg(DISTINCT document_sha256, ',') FROM v_project_funding"
    )
    assert current == new
    assert _scalar(warehouse_url, "SELECT count(*) FROM v_indicator_targets") == 154
    superseded_by = _scalar(
        warehouse_url,
        f"""
        SELECT n.document_sha256 FROM document o JOIN document n
        ON n.document_id = o.superseded_by_id WHERE o.document_sha256 = '{old}'""",
    )
    assert superseded_by == new  # history stays queryable


@pytest.mark.parametrize("mode", ["kill"])
def test_killed_load_leaves_the_warehouse_as_it_was(
    warehouse_url: str, mode: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    ingest_flow([str(GOLDEN / "tianmen_edu_2024.flow.pdf")], warehouse_url)
    before = _counts(warehouse_url)
    child = subprocess.run(
        [sys.executable, "-m", "tests.child_load", warehouse_url, str(WORD), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == -9, child.stderr  # really killed, mid-transaction
    assert _counts(warehouse_url) == before


def test_concurrent_postgres_loads_never_duplicate(postgres_url: str) -> None:
    upgrade(make_engine(postgres_url))
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.child_load", postgres_url, str(WORD), "slow"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = sorted(c.communicate(timeout=300)[0].strip() for c in children)
    assert outputs == ["loaded", "unchanged"]
    assert _counts(postgres_url)["document"] == 1
    assert _counts(postgres_url)["project"] == 8


def test_second_writer_on_the_embedded_default_gets_a_clear_message(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'budget_etl.duckdb'}"
    upgrade(make_engine(url))
    holder = duckdb.connect(str(tmp_path / "budget_etl.duckdb"))  # another process's lock
    try:
        command = cli()
        run = subprocess.run(
            [command, "ingest", str(WORD)],
            cwd=tmp_path,
            text=True,
            capture_output=True,
            timeout=600,
            check=False,
        )
    finally:
        holder.close()
    # the lock is per process: this test's own connection is what the CLI collides with
    assert run.returncode == 2, run.stderr
    assert "in use by another process" in run.stderr
