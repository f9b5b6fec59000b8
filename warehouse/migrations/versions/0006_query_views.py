"""cross-department query views behind budget-etl query

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from alembic import op

from warehouse.views import view_sql, views_changed_at

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NEW = views_changed_at("0006")


def upgrade() -> None:
    for name in NEW:
        op.execute(f"CREATE VIEW {name} AS {view_sql('0006', name)}")


def downgrade() -> None:
    for name in reversed(NEW):
        op.execute(f"DROP VIEW {name}")
