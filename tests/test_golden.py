"""Golden annexes through the real flow: the views must hold the expected data, field by field.

Each committed rendering (fixtures/golden/*.pdf) is ingested by the Prefect flow, with a bad
file in the same batch, into a fresh warehouse (DuckDB and PostgreSQL), and every row of
v_project_funding and v_indicator_targets is compared with <rendering>.expected.json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from fixtures.accuracy import score_rows
from tests.conftest import expected_for, golden_renderings
from warehouse.db import make_engine


def _view(url: str, view: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {view}"))]
    engine.dispose()
    return rows


@pytest.mark.parametrize("pdf", golden_renderings(), ids=lambda p: p.stem)
def test_golden_rendering_loads_exactly(
    pdf: Path, warehouse_url: str, tmp_path: Path, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    bad = tmp_path / "not_really.pdf"
    bad.write_text("this is a text file, not a PDF", encoding="utf-8")
    summary = ingest_flow([str(pdf), str(bad)], warehouse_url)

    by_path = {Path(d["path"]).name: d for d in summary.documents}
    assert by_path[pdf.name]["status"] == "loaded", by_path[pdf.name]["message"]
    assert by_path[bad.name]["status"] == "rejected"
    assert by_path[bad.name]["reason_code"] == "not_a_pdf"
    assert bad.name in by_path[bad.name]["message"]
    assert summary.exit_code == 1

    expected = expected_for(pdf)
    funding = _view(warehouse_url, "v_project_funding")
    targets = _view(warehouse_url, "v_indicator_targets")
    assert {r["issuer"] for r in funding} == {expected["issuer"]}
    assert {r["fiscal_year"] for r in funding} == {expected["fiscal_year"]}
    # a goals-only list (O3) prints no indicator rows at all
    printed = {by_path[pdf.name]["sha256"]} if expected["v_indicator_targets"] else set()
    assert {r["document_sha256"] for r in targets} == printed
    score = score_rows(funding, targets, expected)
    assert score.problems == []
    assert score.matched == score.total > 0

    # nothing of the rejected file reached the warehouse
    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document")).scalar_one() == 1
    engine.dispose()
