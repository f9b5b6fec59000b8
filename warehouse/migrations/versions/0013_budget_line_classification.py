"""the classification a money line's name belongs to

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03

西安's 收支总表 prints its expense side three times side by side — by 支出功能分科目, by
部门预算支出经济科目 and by 政府预算支出经济分类科目 (all 按大类, no codes) — and each is a
line with measure ``expense``: summed together they counted the spending three times,
and nothing told them apart. ``fct_budget_line.classification`` says which one a line's
name belongs to: ``function``, ``economic`` or ``economic_gov``, from the line's code
where it prints one, else from its label column's header (data: ``money_classification``
in ``extractors/labels/money.yaml``); NULL when neither says. Appended to
``v_budget_lines``. Lines loaded before this revision have NULL until reloaded.
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql, views_changed_at

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fct_budget_line", sa.Column("classification", sa.String(20)))
    for name in views_changed_at("0013"):
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0013', name)}")


def downgrade() -> None:
    # a view cannot lose a column by CREATE OR REPLACE: drop what reads v_budget_lines
    readers = (
        "v_cost_per_output",
        "v_sangong_by_department",
        "v_budget_yoy",
        "v_basic_vs_project",
        "v_spending_by_function",
    )
    for name in readers:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.execute("DROP VIEW IF EXISTS v_budget_lines")
    op.execute(f"CREATE VIEW v_budget_lines AS {view_sql('0012', 'v_budget_lines')}")
    for name in reversed(readers):
        op.execute(f"CREATE VIEW {name} AS {view_sql('0012', name)}")
    op.drop_column("fct_budget_line", "classification")
