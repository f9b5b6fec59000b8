"""target sets of the real published families: set kind, project code, department, weight

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28

A target set is a project's, the department's (部门整体) or a transfer payment's targets.
``target_set`` (one row per ``project`` row; existing rows are projects) holds its kind
(project | department | transfer), ``project_code``, ``department`` (主管部门 without its
code) and ``attribute_kind`` (项目属性 as 新增 / 延续 / 一次性): a table of its own, since
DuckDB cannot add columns to a table that others reference. ``fct_indicator_target``
gains ``weight`` (分值 / 权重 where printed). The two contract views get these columns
appended (CREATE OR REPLACE keeps the views built on them).
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql, views_changed_at

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "target_set",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("set_kind", sa.String(20), nullable=False),
        sa.Column("project_code", sa.String(100)),
        sa.Column("department", sa.Text()),
        sa.Column("attribute_kind", sa.String(20)),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.project_id"], name=op.f("fk_target_set_project_id_project")
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_target_set")),
    )
    op.execute(
        "INSERT INTO target_set (project_id, set_kind, attribute_kind) "
        "SELECT project_id, 'project', CASE project_attribute WHEN '新增项目' THEN '新增' "
        "WHEN '延续项目' THEN '延续' END FROM project"
    )
    op.add_column("fct_indicator_target", sa.Column("weight", sa.Numeric(10, 2)))
    for name in views_changed_at("0007"):
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0007', name)}")


def downgrade() -> None:
    for name in views_changed_at("0007"):
        op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql('0006', name)}")
    op.drop_column("fct_indicator_target", "weight")
    op.drop_table("target_set")
