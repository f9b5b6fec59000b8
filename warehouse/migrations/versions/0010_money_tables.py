"""the standard money tables: budget_table, fct_budget_line, the function and economic
class dimensions, and their views

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

A 部门预算 prints, besides (or instead of) target tables, the standard money tables
(DESIGN §7). ``budget_table`` holds one row per table read (kind, printed number and
title, unit, pages, 空表); ``fct_budget_line`` one row per printed line x amount column,
the amount exact in yuan beside the amount as printed and one unit of its last printed
place. ``dim_function_class`` and ``dim_economic_class`` hold codes with the names the
documents print beside them, per edition year. Views: the contract's ``v_budget_tables``
and ``v_budget_lines`` (current documents only) and the named queries
``v_spending_by_function``, ``v_basic_vs_project``, ``v_sangong_by_department`` and
``v_budget_yoy``. Nothing existing changes: the revision only adds.
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql, views_changed_at

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


#: in the order they build on each other: the named queries read v_budget_lines
VIEWS = (
    "v_budget_tables",
    "v_budget_lines",
    "v_spending_by_function",
    "v_basic_vs_project",
    "v_sangong_by_department",
    "v_budget_yoy",
)


def upgrade() -> None:
    op.create_table(
        "dim_function_class",
        sa.Column("function_code", sa.String(7), nullable=False),
        sa.Column("edition_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("function_level", sa.String(2)),
        sa.Column("function_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "function_code", "edition_year", name=op.f("pk_dim_function_class")
        ),
    )
    op.create_table(
        "dim_economic_class",
        sa.Column("scheme", sa.String(10), nullable=False),
        sa.Column("economic_code", sa.String(10), nullable=False),
        sa.Column("edition_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("economic_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "scheme", "economic_code", "edition_year", name=op.f("pk_dim_economic_class")
        ),
    )
    op.execute(sa.schema.CreateSequence(sa.Sequence("budget_table_id_seq")))
    op.create_table(
        "budget_table",
        sa.Column(
            "budget_table_id",
            sa.Integer(),
            server_default=sa.text("nextval('budget_table_id_seq')"),
            nullable=False,
        ),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("table_seq", sa.Integer(), nullable=False),
        sa.Column("table_kind", sa.String(30), nullable=False),
        sa.Column("table_number_printed", sa.String(30)),
        sa.Column("table_title", sa.Text(), nullable=False),
        sa.Column("unit_printed", sa.String(10), nullable=False),
        sa.Column("pages", sa.String(200), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("empty", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.document_id"],
            name=op.f("fk_budget_table_document_id_document"),
        ),
        sa.PrimaryKeyConstraint("budget_table_id", name=op.f("pk_budget_table")),
        sa.UniqueConstraint("document_id", "table_seq", name=op.f("uq_budget_table_document_id")),
    )
    op.execute(sa.schema.CreateSequence(sa.Sequence("fct_budget_line_id_seq")))
    op.create_table(
        "fct_budget_line",
        sa.Column(
            "budget_line_id",
            sa.Integer(),
            server_default=sa.text("nextval('fct_budget_line_id_seq')"),
            nullable=False,
        ),
        sa.Column("budget_table_id", sa.Integer(), nullable=False),
        sa.Column("line_seq", sa.Integer(), nullable=False),
        sa.Column("line_label", sa.Text(), nullable=False),
        sa.Column("function_code", sa.String(7)),
        sa.Column("function_level", sa.String(2)),
        sa.Column("economic_code", sa.String(10)),
        sa.Column("economic_code_gov", sa.String(10)),
        sa.Column("is_total", sa.Boolean(), nullable=False),
        sa.Column("measure", sa.String(100), nullable=False),
        sa.Column("measure_raw", sa.Text()),
        sa.Column("amount_printed", sa.String(60), nullable=False),
        sa.Column("amount_yuan", sa.Numeric(20, 2)),
        sa.Column("unit_printed", sa.String(10), nullable=False),
        sa.Column("precision_yuan", sa.Numeric(20, 2), nullable=False),
        sa.Column("source_page", sa.Integer(), nullable=False),
        sa.Column("source_table", sa.Integer(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_table_id"],
            ["budget_table.budget_table_id"],
            name=op.f("fk_fct_budget_line_budget_table_id_budget_table"),
        ),
        sa.PrimaryKeyConstraint("budget_line_id", name=op.f("pk_fct_budget_line")),
    )
    assert sorted(VIEWS) == views_changed_at("0010")
    for name in VIEWS:
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0010', name)}")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("fct_budget_line")
    op.execute(sa.schema.DropSequence(sa.Sequence("fct_budget_line_id_seq")))
    op.drop_table("budget_table")
    op.execute(sa.schema.DropSequence(sa.Sequence("budget_table_id_seq")))
    op.drop_table("dim_economic_class")
    op.drop_table("dim_function_class")
