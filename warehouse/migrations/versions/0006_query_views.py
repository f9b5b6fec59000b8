"""cross-department query views behind budget-etl query

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from alembic import op

from warehouse.views import AT_REVISION

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NEW = [name for name in AT_REVISION["0006"] if name not in AT_REVISION["0003"]]


def upgrade() -> None:
    for name in NEW:
        op.execute(f"CREATE VIEW {name} AS {AT_REVISION['0006'][name]}")


def downgrade() -> None:
    for name in reversed(NEW):
        op.execute(f"DROP VIEW {name}")
