"""Real departmental disclosures without target tables (Jiangsu, FY2017-2019): no target
set is invented, and the standard money tables they print load (a document with money
tables and no target table is ``loaded``; ``no_tables`` means neither). The real documents
*with* target tables are golden tests; the Jiangsu T01 values against a peer's CSVs are
bench/jiangsu.py's."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from tests.conftest import SHARED, require
from warehouse.db import make_engine

REALWORLD = SHARED / "realworld" / "jiangsu"


def test_realworld_disclosures_load_money_tables_and_no_target_set(
    duckdb_url: str, prefect_harness: None
) -> None:
    require(REALWORLD.is_dir(), "../shared/realworld/jiangsu beside the checkout")
    from flows.ingest import ingest_flow

    summary = ingest_flow([str(REALWORLD)], duckdb_url)
    assert len(summary.documents) == len(list(REALWORLD.rglob("*.pdf"))) > 0
    statuses = {(Path(d["path"]).name, d["status"], d["message"]) for d in summary.documents}
    assert {s for _, s, _ in statuses} <= {"loaded", "no_tables"}, statuses
    assert summary.exit_code == 0
    for d in summary.documents:
        kinds = {t["kind"] for t in d["money_tables"]}
        # loaded exactly when a money table was read; every such document prints its T01
        assert (d["status"] == "loaded") == bool(kinds), (d["path"], d["status"])
        assert not kinds or "T01" in kinds, (d["path"], kinds)
    # 16 files: 9 print the tables; the 7 narrative volumes say theirs are a separate file
    # (公开表附后) and end no_tables (bench/jiangsu.py's NOT_READ, checked on the pages)
    assert sum(d["status"] == "loaded" for d in summary.documents) == 9
    engine = make_engine(duckdb_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM project")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM v_budget_lines")).scalar_one() > 0
    engine.dispose()
