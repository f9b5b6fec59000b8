"""Read-side queries: the named cross-department queries and the ingest summary.

Each named query is a view (``warehouse.views``), so BI tools get the same numbers as
``budget-etl query NAME``.
"""

from __future__ import annotations

import warnings
from typing import Any

import polars as pl
from sqlalchemy import bindparam, text

from warehouse.db import make_engine

#: name -> (view, what it answers)
QUERIES: dict[str, tuple[str, str]] = {
    "funding_by_department": (
        "v_funding_by_department",
        "annual funding per department, year and project attribute",
    ),
    "cost_per_output": (
        "v_cost_per_output",
        "annual funding per unit of each quantity target, beside cost targets",
    ),
    "satisfaction_by_department": (
        "v_satisfaction_by_department",
        "satisfaction targets per department: min, mean, below 90%",
    ),
    "category_coverage": (
        "v_category_coverage",
        "projects with / without each 一级指标, per department",
    ),
    "yoy_changes": (
        "v_yoy_changes",
        "continuing projects: annual funding against the previous year",
    ),
    "findings_scoreboard": (
        "v_findings_scoreboard",
        "data-quality findings per department and year",
    ),
    "spending_by_function": (
        "v_spending_by_function",
        "一般公共预算 spending per department and function class (类/款), annual",
    ),
    "basic_vs_project": (
        "v_basic_vs_project",
        "basic against project spending per department and year, with shares",
    ),
    "sangong_by_department": (
        "v_sangong_by_department",
        "三公经费 parts per department and year, against the previous year",
    ),
    "budget_yoy": (
        "v_budget_yoy",
        "department budget totals (收支总表) against the previous year's document",
    ),
}
_ORDER = {
    "yoy_changes": "issuer, fiscal_year, project_name",
    "cost_per_output": "issuer, fiscal_year, project_seq, indicator_name",
    "category_coverage": "issuer, fiscal_year, level1",
    "spending_by_function": "issuer, fiscal_year, function_code",
    "sangong_by_department": "issuer, fiscal_year, part",
}


def run_query(url: str, name: str) -> pl.DataFrame:
    """One named query as a frame, ordered for reading."""
    view, _ = QUERIES[name]
    order = _ORDER.get(name, "issuer, fiscal_year")
    engine = make_engine(url)
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            # polars notes that a DB-API result is copied once: at these sizes, no matter
            warnings.simplefilter("ignore", UserWarning)
            return pl.read_database(f"SELECT * FROM {view} ORDER BY {order}", conn)
    finally:
        engine.dispose()


_PROJECT_SUMMARY = text("""
    SELECT f.issuer, f.project_seq, f.project_name, f.total_yuan AS annual_total_yuan,
           (SELECT count(*) FROM v_indicator_targets t
             WHERE t.document_sha256 = f.document_sha256
               AND t.project_seq = f.project_seq) AS indicators,
           (SELECT count(*) FROM v_findings x
             WHERE x.document_sha256 = f.document_sha256
               AND x.project_seq = f.project_seq) AS findings
    FROM v_project_funding f
    WHERE f.horizon = 'annual' AND f.document_sha256 IN :shas
    ORDER BY f.issuer, f.project_seq
""").bindparams(bindparam("shas", expanding=True))


def project_summary(url: str, shas: list[str]) -> list[dict[str, Any]]:
    """One row per current project of the given documents: annual funding, counts."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(_PROJECT_SUMMARY, {"shas": shas})]
    finally:
        engine.dispose()
