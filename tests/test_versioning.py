"""Idempotent, versioned, all-or-nothing loads, on both warehouses."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import text

from tests.conftest import GOLDEN, ROOT, cli, query
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


def _race(url: str, pdfs: list[Path]) -> tuple[list[str], float, float]:
    """Load the documents at the same time, one thread and database session each, every
    load held just before its document row until all have arrived there: (what each load
    ended as, when the last arrived, when the first finished).

    The dimension rows are written beforehand: a load inserting one would make the others
    wait on its transaction before they reach the document row, so they would never
    contend there."""
    import polars as pl

    from expectations import FINDINGS_SCHEMA
    from flows.documents import Limits, process, sha256_of
    from warehouse.load import AlreadyLoaded, DocumentMeta, _dimensions, load_document, start_run

    engine = make_engine(url)
    upgrade(engine)
    run_id = start_run(engine)
    parsed = [process(pdf, sha256_of(pdf), Limits()) for pdf in pdfs]
    with engine.begin() as conn:
        for o in parsed:
            assert o.annex is not None and o.frames is not None, o.message
            _dimensions(conn, o.annex.issuer, o.annex.fiscal_year or 0, o.frames)
    engine.dispose()
    findings = pl.DataFrame(
        schema={k: v for k, v in FINDINGS_SCHEMA.items() if k != "document_sha256"}
    )
    barrier = threading.Barrier(len(parsed), timeout=60)
    arrived: list[float] = []
    finished: list[float] = []
    ended = [""] * len(parsed)

    def hold() -> None:
        arrived.append(time.monotonic())
        barrier.wait()  # BrokenBarrierError if a load cannot get here while one waits

    def one(i: int) -> None:
        o = parsed[i]
        assert o.annex is not None and o.frames is not None
        own = make_engine(url)
        try:
            meta = DocumentMeta.of(o.sha256, o.path.name, o.annex)
            load_document(
                own,
                run_id,
                meta,
                o.annex.issuer,
                o.annex.fiscal_year or 0,
                o.frames,
                findings,
                before_document=hold,
            )
            ended[i] = "loaded"
        except AlreadyLoaded:
            ended[i] = "unchanged"
        except Exception as exc:
            ended[i] = f"{type(exc).__name__}: {exc}"
        finally:
            finished.append(time.monotonic())
            own.dispose()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(parsed))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert len(arrived) == len(parsed), ended  # every load reached the document row
    return ended, max(arrived), min(finished)


def test_concurrent_postgres_loads_of_one_file_never_duplicate(postgres_url: str) -> None:
    ended, last_arrived, first_finished = _race(postgres_url, [WORD, WORD])
    assert last_arrived < first_finished  # both were in their transactions at once
    assert sorted(ended) == ["loaded", "unchanged"], ended
    assert _counts(postgres_url)["document"] == 1
    assert _counts(postgres_url)["project"] == 8


def test_concurrent_postgres_resubmissions_leave_one_current_version(postgres_url: str) -> None:
    ended, last_arrived, first_finished = _race(postgres_url, [WORD, EXCEL])
    assert last_arrived < first_finished
    assert ended == ["loaded", "loaded"], ended
    rows = query(
        postgres_url,
        "SELECT document_id, superseded_by_id FROM document ORDER BY document_id",
    )
    current = [r.document_id for r in rows if r.superseded_by_id is None]
    assert len(current) == 1, rows  # never two current versions of one issuer's year
    assert [r.superseded_by_id for r in rows if r.superseded_by_id is not None] == current
    shown = query(postgres_url, "SELECT count(DISTINCT document_sha256) FROM v_project_funding")
    assert shown[0][0] == 1


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
