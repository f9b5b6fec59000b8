"""a money line's 预算单位 and its 三公 part

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

A T07 printed with a row per 预算单位 (湖州, 长沙, 西安) repeats its parts once per unit;
``fct_budget_line.unit_name`` keeps the unit a row names ("" for the table's own lines).
``fct_budget_line.sangong_part`` keeps the part a T07 line prints, classified once by
``normalize.money.sangong_parts`` (the checks read the same function), so that
``v_sangong_by_department`` no longer classifies labels with ``LIKE`` of its own: it
reads the table's own lines of a document's first T07, and gains the parts ``meeting``
and ``training`` (会议费, 培训费) where printed, and a T07 printed by fund only
(深圳) by the sum of its fund columns. Both columns are appended to
``v_budget_lines``. ``v_basic_vs_project`` reads a document's first T05 only (as
``v_spending_by_function`` does) and takes 基本支出 as 人员经费 + 公用经费 where the
table prints no 基本支出 column (西安 FY2026). ``v_cost_per_output`` takes a project's
total from its line in the 项目支出表 (X_project, by name printed once) where its target
set prints no amount, and appends ``project_line_yuan`` (that line, to compare) and ``total_source``
(target_table | project_table). Lines loaded before this revision have
NULL in both until reloaded (``v_sangong_by_department`` shows nothing for them).
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql, views_changed_at

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fct_budget_line", sa.Column("unit_name", sa.Text()))
    op.add_column("fct_budget_line", sa.Column("sangong_part", sa.Text()))
    for name in views_changed_at("0012"):
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0012', name)}")


def downgrade() -> None:
    # a view cannot lose a column by CREATE OR REPLACE: drop what reads v_budget_lines
    readers = (
        "v_sangong_by_department",
        "v_budget_yoy",
        "v_basic_vs_project",
        "v_spending_by_function",
    )
    for name in readers:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.execute("DROP VIEW IF EXISTS v_budget_lines")
    op.execute(f"CREATE VIEW v_budget_lines AS {view_sql('0011', 'v_budget_lines')}")
    for name in reversed(readers):
        op.execute(f"CREATE VIEW {name} AS {view_sql('0011', name)}")
    op.drop_column("fct_budget_line", "sangong_part")
    op.drop_column("fct_budget_line", "unit_name")
