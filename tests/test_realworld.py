"""Real departmental disclosures without target tables (Jiangsu, FY2017-2019): every file
ends as no_tables, cleanly. The real documents *with* target tables are golden tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.conftest import SHARED, require
from warehouse.db import make_engine

REALWORLD = SHARED / "realworld" / "jiangsu"


def test_realworld_disclosures_have_no_target_tables(
    duckdb_url: str, prefect_harness: None
) -> None:
    require(REALWORLD.is_dir(), "../shared/realworld/jiangsu beside the checkout")
    from flows.ingest import ingest_flow

    summary = ingest_flow([str(REALWORLD)], duckdb_url)
    assert len(summary.documents) == len(list(REALWORLD.rglob("*.pdf"))) > 0
    assert {d["status"] for d in summary.documents} == {"no_tables"}, [
        (Path(d["path"]).name, d["status"], d["message"])
        for d in summary.documents
        if d["status"] != "no_tables"
    ]
    assert summary.exit_code == 0
    engine = make_engine(duckdb_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document")).scalar_one() == 0
    engine.dispose()
