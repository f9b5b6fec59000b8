"""Every fact row traces to its document, page, table and row; weak tables are flagged."""

from __future__ import annotations

from sqlalchemy import text

from tests.conftest import GOLDEN, expected_for, query
from warehouse.db import make_engine

FLOW = GOLDEN / "tianmen_edu_2024.flow.pdf"  # several tables on one page, one cut in two
# Where each project's indicator rows are printed: page, table of that page, row of
# that table. Project 1 fills table 0 of page 1 (rows 0-8 are its head: name, unit,
# attribute, three funding rows, two goal rows, the indicator header); project 2 is table 1
# of page 1, cut by the page break and continued by table 0 of page 2; project 3 is table 1
# of page 2.
FLOW_LINEAGE = {
    1: [(1, 0, r) for r in range(9, 15)],
    2: [(1, 1, r) for r in range(9, 15)] + [(2, 0, 0), (2, 0, 1)],
    3: [(2, 1, r) for r in range(9, 18)],
}


def test_lineage_and_confidence(warehouse_url: str, prefect_harness: None) -> None:
    from flows.ingest import ingest_flow

    summary = ingest_flow([str(FLOW)], warehouse_url, thresholds={"min_table_accuracy": 100.0})
    doc = summary.documents[0]
    assert doc["status"] == "loaded"
    low = [f for f in doc["findings"] if f["rule"] == "low_extraction_confidence"]
    assert sorted(f["project_seq"] for f in low) == [1, 2, 3]  # nothing reads at 100.0

    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        tables = conn.execute(
            text(
                "SELECT page, table_index, accuracy, whitespace, n_rows, n_cols FROM source_table "
                "ORDER BY page, table_index"
            )
        ).all()
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM fct_indicator_target t JOIN project p USING (project_id) "
                "LEFT JOIN source_table s ON s.document_id = p.document_id "
                "AND s.page = t.source_page AND s.table_index = t.source_table "
                "WHERE s.source_table_id IS NULL"
            )
        ).scalar_one()
    engine.dispose()
    assert [(p, i) for p, i, *_ in tables] == [(1, 0), (1, 1), (2, 0), (2, 1)]
    assert all(0 < acc <= 100 for _, _, acc, *_ in tables)
    assert orphans == 0
    assert _lineage(warehouse_url) == FLOW_LINEAGE


def test_expected_lineage_is_where_the_generator_printed_the_rows() -> None:
    """The fixture factory writes the same places into the expected file, from its own
    layout, for both horizons (test_golden and the accuracy report then hold the reader to
    the expected places of every rendering)."""
    by_horizon: dict[str, dict[int, list[tuple[int, int, int]]]] = {}
    for r in expected_for(FLOW)["v_indicator_targets"]:
        rows = by_horizon.setdefault(r["horizon"], {}).setdefault(r["project_seq"], [])
        rows.append((r["source_page"], r["source_table"], r["source_row"]))
    assert by_horizon == {"midterm": FLOW_LINEAGE, "annual": FLOW_LINEAGE}


def _lineage(url: str) -> dict[int, list[tuple[int, int, int]]]:
    rows = query(
        url,
        "SELECT project_seq, source_page, source_table, source_row "
        "FROM v_indicator_targets WHERE horizon = 'annual' "
        "ORDER BY project_seq, source_page, source_table, source_row",
    )
    out: dict[int, list[tuple[int, int, int]]] = {}
    for seq, page, table, row in rows:
        out.setdefault(seq, []).append((page, table, row))
    return out


def test_default_threshold_flags_nothing_on_the_golden_seed(
    duckdb_url: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    summary = ingest_flow([str(GOLDEN / "tianmen_hrss_2023.word.pdf")], duckdb_url)
    rules = {f["rule"] for f in summary.documents[0]["findings"]}
    assert "low_extraction_confidence" not in rules
