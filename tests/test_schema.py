"""The Alembic migrations build exactly the schema the models declare, on both warehouses."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from warehouse.db import alembic_config, make_engine, upgrade
from warehouse.models import Base
from warehouse.views import view_names


# known and handled below: duckdb-engine reflects no indexes
@pytest.mark.filterwarnings("ignore:duckdb-engine doesn't yet support reflection on indices")
def test_migrations_match_models(warehouse_url: str) -> None:
    engine = make_engine(warehouse_url)
    upgrade(engine)
    upgrade(engine)  # idempotent
    with engine.connect() as conn:
        # DuckDB reflects TEXT as VARCHAR: types are compared on PostgreSQL only
        context = MigrationContext.configure(
            conn, opts={"compare_type": engine.dialect.name != "duckdb"}
        )
        diff = compare_metadata(context, Base.metadata)
        # the views are not in the metadata; they are checked by name below
        diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name in view_names())]
        if engine.dialect.name == "duckdb":
            # duckdb-engine reflects no constraints or indexes: compare tables and columns
            diff = [d for d in diff if d[0] not in ("add_constraint", "add_index", "add_fk")]
        assert diff == []
        assert set(view_names()) <= set(inspect(conn).get_view_names())
    engine.dispose()


def _migrate(engine: Engine, to: str, how: str = "upgrade") -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, how)(cfg, to)


# one current document with three indicator rows, as a warehouse at 0007 holds them
_AT_0007 = [
    "INSERT INTO etl_run (run_id, started_at, documents, loaded, rejected)"
    " VALUES (1, TIMESTAMP '2026-11-30 00:00:00', 1, 1, 0)",
    "INSERT INTO dim_issuer (issuer_id, issuer_name) VALUES (1, '天门市教育局')",
    "INSERT INTO dim_fiscal_year (fiscal_year) VALUES (2024)",
    "INSERT INTO document (document_id, document_sha256, file_name, issuer_id, fiscal_year,"
    " page_count, ingested_at, run_id) VALUES (1, 'sha', 'a.pdf', 1, 2024, 1,"
    " TIMESTAMP '2026-11-30 00:00:00', 1)",
    "INSERT INTO project (project_id, document_id, project_seq, project_name, funding_unit,"
    " source_page) VALUES (1, 1, 1, '教师培训', '万元', 1)",
    "INSERT INTO target_set (project_id, set_kind) VALUES (1, 'project')",
    "INSERT INTO dim_unit (unit_code, printed) VALUES ('yuan', '元'), ('mu', '亩'),"
    " ('workday', '个工作日')",
    "INSERT INTO fct_indicator_target (target_id, project_id, horizon, row_seq, target_value,"
    " target_unit, target_kind, source_page, source_row) VALUES"
    " (1, 1, 'annual', 1, 200000, 'yuan', 'quantitative', 1, 1),"
    " (2, 1, 'annual', 2, 3, 'mu', 'quantitative', 1, 2),"
    " (3, 1, 'annual', 3, 5, 'workday', 'quantitative', 1, 3)",
]


def test_0008_adds_unit_columns_and_fills_them_for_rows_loaded_before(warehouse_url: str) -> None:
    engine = make_engine(warehouse_url)
    _migrate(engine, "0007")
    with engine.begin() as conn:
        for sql in _AT_0007:
            conn.execute(text(sql))
    _migrate(engine, "0008")
    select_new = (
        "SELECT target_unit, target_unit_printed, unit_dimension, target_value_base"
        " FROM v_indicator_targets ORDER BY source_row"
    )
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(select_new))]
        # the query views over v_indicator_targets still answer
        conn.execute(text("SELECT * FROM v_cost_per_output")).all()
    assert rows == [
        ("yuan", None, "money", Decimal("200000")),
        ("mu", None, "area", Decimal("2000")),  # 3 亩 = 2000 平方米
        ("workday", None, "time", None),  # a working day's hours are not printed
    ]
    # a rate composed from the registry outgrows the old 20 characters
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO dim_unit (unit_code, printed) VALUES (:c, '元/人/月')"),
            {"c": "yuan_per_person_month"},
        )
        conn.execute(text("DELETE FROM dim_unit WHERE unit_code = 'yuan_per_person_month'"))
    _migrate(engine, "0007", "downgrade")
    with engine.connect() as conn:
        columns = set(conn.execute(text("SELECT * FROM v_indicator_targets")).keys())
    assert columns.isdisjoint({"target_unit_printed", "unit_dimension", "target_value_base"})
    upgrade(engine)
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text(select_new))] == rows
    engine.dispose()


def test_loaded_targets_carry_their_unit(warehouse_url: str) -> None:
    """A load writes the unit as printed, its dimension and base value, and a dim_unit row
    for each unit code (a rate composed from the registry too)."""
    import polars as pl

    from expectations.suites import FINDINGS_SCHEMA
    from extractors.model import Annex, Funding, IndicatorRow, Project
    from normalize.frames import normalise
    from warehouse.load import DocumentMeta, load_document, start_run

    targets = ["100元/人/月", "≥2万条", "≥100岁", "≤25"]
    project = Project(
        seq=1,
        name="教师培训",
        funding={"annual": Funding("100", "100", "", fiscal_printed=True)},
        indicators=[
            IndicatorRow("annual", "成本指标", "经济成本指标", f"指标{r}", t, "", page=1, row=r)
            for r, t in enumerate(targets)
        ],
    )
    doc = normalise(Annex("天门市教育局", 2024, 1, projects=[project]), "sha")
    engine = make_engine(warehouse_url)
    upgrade(engine)
    run_id = start_run(engine)
    meta = DocumentMeta("sha", "a.pdf", 1, "")
    load_document(
        engine, run_id, meta, "天门市教育局", 2024, doc, pl.DataFrame(schema=FINDINGS_SCHEMA)
    )
    with engine.connect() as conn:
        rows = [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT target_text, target_value, target_unit, target_unit_printed,"
                    " unit_dimension, target_value_base FROM v_indicator_targets"
                    " ORDER BY source_row"
                )
            )
        ]
        units = {c: p for c, p in conn.execute(text("SELECT unit_code, printed FROM dim_unit"))}
    engine.dispose()
    assert rows == [
        # 元 per person-month in 元 per person-hour (a month is 730 hours)
        ("100元/人/月", 100, "yuan_per_person_month", "元/人/月", "rate", Decimal("0.1369863014")),
        ("≥2万条", 20000, "entry", "万条", "count", 20000),
        ("≥100岁", 100, None, "岁", None, None),  # a unit the registry does not know
        ("≤25", 250000, "yuan", None, "money", 250000),  # the funding header's 万元
    ]
    assert units == {"yuan_per_person_month": "元/人/月", "entry": "条", "yuan": "元"}


# two documents of one issuer's year at 0008, the first superseded by the second whole
_AT_0008 = [
    *_AT_0007[:4],
    "INSERT INTO document (document_id, document_sha256, file_name, issuer_id, fiscal_year,"
    " page_count, ingested_at, run_id) VALUES (2, 'sha2', 'b.pdf', 1, 2024, 1,"
    " TIMESTAMP '2026-12-01 00:00:00', 1)",
    "UPDATE document SET superseded_by_id = 2 WHERE document_id = 1",
    "INSERT INTO project (project_id, document_id, project_seq, project_name, funding_unit,"
    " source_page) VALUES (1, 1, 1, '教师培训', '万元', 1), (2, 2, 1, '教师培训', '万元', 1)",
    "INSERT INTO target_set (project_id, set_kind) VALUES (1, 'project'), (2, 'project')",
    "INSERT INTO fct_project_funding (funding_id, project_id, horizon, total_yuan)"
    " VALUES (1, 1, 'annual', 100), (2, 2, 'annual', 200)",
]


def test_0009_keeps_the_history_of_documents_superseded_before(warehouse_url: str) -> None:
    """Documents loaded before 0009: scope and kind unknown (""), a part per kind of set,
    and a superseded one replaced part by part under the old rule, with that reason."""
    engine = make_engine(warehouse_url)
    _migrate(engine, "0008")
    with engine.begin() as conn:
        for sql in _AT_0008:
            conn.execute(text(sql))
    _migrate(engine, "0009")
    history = (
        "SELECT file_name, scope, document_kind, part, is_current, superseded_by_file_name,"
        " superseded_reason, superseded_at FROM v_document_versions ORDER BY file_name"
    )
    shown = "SELECT total_yuan, scope, document_kind FROM v_project_funding"
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(history))]
        funding = [tuple(r) for r in conn.execute(text(shown))]
        conn.execute(text("SELECT * FROM v_funding_by_department")).all()  # readers answer
    assert rows == [
        (
            "a.pdf",
            "",
            "",
            "project",
            False,
            "b.pdf",
            "same issuer and fiscal year (the rule before revision 0009)",
            datetime(2026, 12, 1),
        ),
        ("b.pdf", "", "", "project", True, None, None, None),
    ]
    assert funding == [(Decimal("200.00"), "", "")]
    _migrate(engine, "0008", "downgrade")
    with engine.connect() as conn:
        columns = set(conn.execute(text("SELECT * FROM v_project_funding")).keys())
        assert [r[0] for r in conn.execute(text("SELECT total_yuan FROM v_project_funding"))] == [
            Decimal("200.00")
        ]
        conn.execute(text("SELECT * FROM v_funding_by_department")).all()
    assert columns.isdisjoint({"scope", "document_kind"})
    upgrade(engine)
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text(history))] == rows
    engine.dispose()
