"""the 活动 of a department form's indicator row

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

北京's 预算13表 部门整体支出绩效目标表 groups its indicator rows under 活动 (one merged
cell over the rows of each activity). ``fct_indicator_target.activity`` keeps it as
printed (NULL where a table has no such column), appended to ``v_indicator_targets``.
Rows loaded before this revision have NULL until reloaded.
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql, views_changed_at

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fct_indicator_target", sa.Column("activity", sa.Text()))
    for name in views_changed_at("0011"):
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0011', name)}")


def downgrade() -> None:
    # a view cannot lose a column by CREATE OR REPLACE: drop it (and what reads it) first
    op.execute("DROP VIEW IF EXISTS v_cost_per_output")
    op.execute("DROP VIEW IF EXISTS v_satisfaction_by_department")
    op.execute("DROP VIEW IF EXISTS v_category_coverage")
    for name in views_changed_at("0011"):
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {view_sql('0010', name)}")
    for name in ("v_category_coverage", "v_satisfaction_by_department", "v_cost_per_output"):
        op.execute(f"CREATE VIEW {name} AS {view_sql('0010', name)}")
    op.drop_column("fct_indicator_target", "activity")
