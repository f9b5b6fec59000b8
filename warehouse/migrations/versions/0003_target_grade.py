"""target_grade: the ordinal of a qualitative target; v_indicator_targets gains columns

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VIEW = "v_indicator_targets"


def upgrade() -> None:
    op.add_column("fct_indicator_target", sa.Column("target_grade", sa.SmallInteger()))
    op.execute(f"DROP VIEW {VIEW}")
    op.execute(f"CREATE VIEW {VIEW} AS {view_sql('0003', VIEW)}")


def downgrade() -> None:
    op.execute(f"DROP VIEW {VIEW}")
    op.drop_column("fct_indicator_target", "target_grade")
    op.execute(f"CREATE VIEW {VIEW} AS {view_sql('0001', VIEW)}")
