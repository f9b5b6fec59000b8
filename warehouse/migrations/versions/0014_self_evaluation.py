"""self-evaluation tables: targets beside what was achieved

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

A 部门决算 prints 绩效自评表 (项目支出绩效自评表, 部门整体支出绩效自评表): the year's
targets (年度指标值) beside what was achieved (实际完成值), each indicator's 分值 and the
得分 it earned, and a 总分 row. They are read as target sets whose
``target_set.table_kind`` is ``self_evaluation`` (``target`` for a 绩效目标表, the
default for rows loaded before this revision), with ``target_set.score_total`` (总分's
得分) and, per indicator, ``actual_text`` (as printed), ``actual_value`` and
``actual_unit`` (read as the target is) and ``score``. Appended to ``v_project_funding``
(table_kind, score_total) and ``v_indicator_targets`` (table_kind, actual_text,
actual_value, actual_unit, score).

A self-evaluation repeats a year's targets that the year's 部门预算 printed, so the query
views (coverage, cost per output, funding, satisfaction, year on year) read target tables
only, and a self-evaluation's sets are a part of their own for supersession
(``self_eval:<set_kind>``): a 部门决算 never replaces a 部门预算's sets.
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# the contract views first: the query views read their new column
BASE = ("v_project_funding", "v_indicator_targets")
READERS = (
    "v_category_coverage",
    "v_cost_per_output",
    "v_funding_by_department",
    "v_satisfaction_by_department",
    "v_yoy_changes",
)


def upgrade() -> None:
    op.add_column(
        "target_set", sa.Column("table_kind", sa.String(20), server_default=sa.text("'target'"))
    )
    op.add_column("target_set", sa.Column("score_total", sa.Numeric(10, 2)))
    op.add_column("fct_indicator_target", sa.Column("actual_text", sa.Text()))
    op.add_column("fct_indicator_target", sa.Column("actual_value", sa.Numeric(24, 4)))
    op.add_column("fct_indicator_target", sa.Column("actual_unit", sa.String(60)))
    op.add_column("fct_indicator_target", sa.Column("score", sa.Numeric(10, 2)))
    for name in (*BASE, *READERS):
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0014', name)}")


def downgrade() -> None:
    # a view cannot lose a column by CREATE OR REPLACE: drop what reads the two first
    readers = (*READERS, "v_findings_scoreboard")
    for name in readers:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for name in BASE:
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {view_sql('0013', name)}")
    for name in readers:
        op.execute(f"CREATE VIEW {name} AS {view_sql('0013', name)}")
    for column in ("score", "actual_unit", "actual_value", "actual_text"):
        op.drop_column("fct_indicator_target", column)
    op.drop_column("target_set", "score_total")
    op.drop_column("target_set", "table_kind")
