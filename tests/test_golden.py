"""Golden annexes through the real flow: the views must hold the expected data, field by field.

Each committed rendering (fixtures/golden/*.pdf) is ingested by the Prefect flow, with a bad
file in the same batch, into a fresh warehouse (DuckDB and PostgreSQL), and every row of
v_project_funding and v_indicator_targets is compared with <rendering>.expected.json.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import expected_for, golden_renderings
from warehouse.db import make_engine


def _row_key(r: dict[str, Any]) -> tuple[str, ...]:
    return tuple(
        str(r[k])
        for k in (
            "project_seq",
            "horizon",
            "level2_raw",
            "indicator_name",
            "target_text",
            "standard_text",
        )
    )


def _norm(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _expected_norm(field: str, value: Any) -> Any:
    if value is not None and (field.endswith("_yuan") or field == "target_value"):
        return Decimal(str(value)).normalize()
    return value


def _view(url: str, view: str, order: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM {view} ORDER BY {order}"))
        out = [{k: _norm(v) for k, v in r._mapping.items()} for r in rows]
    engine.dispose()
    return out


def _compare(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> list[str]:
    problems = []
    if len(actual) != len(expected):
        problems.append(f"{len(actual)} rows, expected {len(expected)}")
    for i, (a, e) in enumerate(zip(actual, expected, strict=False)):
        for field, value in e.items():
            if a.get(field) != _expected_norm(field, value):
                problems.append(
                    f"row {i} ({a.get('project_seq')}/{a.get('horizon')}) "
                    f"{field}: got {a.get(field)!r}, expected {value!r}"
                )
    return problems


@pytest.mark.parametrize("pdf", golden_renderings(), ids=lambda p: p.stem)
def test_golden_rendering_loads_exactly(
    pdf: Path, warehouse_url: str, tmp_path: Path, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    bad = tmp_path / "not_really.pdf"
    bad.write_text("this is a text file, not a PDF", encoding="utf-8")
    summary = ingest_flow([str(pdf), str(bad)], warehouse_url, 10 * 1024 * 1024)

    by_path = {Path(d["path"]).name: d for d in summary.documents}
    assert by_path[pdf.name]["status"] == "loaded", by_path[pdf.name]["message"]
    assert by_path[bad.name]["status"] == "rejected"
    assert by_path[bad.name]["reason_code"] == "not_a_pdf"
    assert bad.name in by_path[bad.name]["message"]
    assert summary.exit_code == 1

    expected = expected_for(pdf)
    funding = _view(warehouse_url, "v_project_funding", "project_seq, horizon DESC")
    assert len(funding) == 16
    assert {r["issuer"] for r in funding} == {expected["issuer"]}
    assert {r["fiscal_year"] for r in funding} == {expected["fiscal_year"]}
    assert _compare(funding, expected["v_project_funding"]) == []

    # The view has no row order of its own: compare both sides sorted by the same key.
    targets = sorted(_view(warehouse_url, "v_indicator_targets", "project_seq"), key=_row_key)
    assert {r["document_sha256"] for r in targets} == {by_path[pdf.name]["sha256"]}
    assert _compare(targets, sorted(expected["v_indicator_targets"], key=_row_key)) == []

    # nothing of the rejected file reached the warehouse
    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document")).scalar_one() == 1
    engine.dispose()
