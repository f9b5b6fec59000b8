"""dimensions: fiscal year, implementing unit, unit of measure (backfilled from facts)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

DuckDB cannot add a foreign key to an existing table, so there the new references are
plain columns; PostgreSQL gets the constraints.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "dim_fiscal_year",
        sa.Column("fiscal_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("fiscal_year", name=op.f("pk_dim_fiscal_year")),
    )
    op.execute(sa.schema.CreateSequence(sa.Sequence("dim_implementing_unit_id_seq")))
    op.create_table(
        "dim_implementing_unit",
        sa.Column(
            "unit_id",
            sa.Integer(),
            server_default=sa.text("nextval('dim_implementing_unit_id_seq')"),
            nullable=False,
        ),
        sa.Column("unit_name", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=50), nullable=True),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_dim_implementing_unit")),
        sa.UniqueConstraint("unit_name", name=op.f("uq_dim_implementing_unit_unit_name")),
    )
    op.create_table(
        "dim_unit",
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.Column("printed", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("unit_code", name=op.f("pk_dim_unit")),
    )
    op.add_column("project", sa.Column("implementing_unit_id", sa.Integer(), nullable=True))
    # Backfill from what earlier revisions loaded.
    op.execute(
        "INSERT INTO dim_fiscal_year (fiscal_year) SELECT DISTINCT fiscal_year FROM document"
    )
    op.execute(
        "INSERT INTO dim_implementing_unit (unit_name) SELECT DISTINCT "
        "implementing_unit FROM project WHERE implementing_unit <> ''"
    )
    op.execute(
        "UPDATE project SET implementing_unit_id = (SELECT u.unit_id FROM "
        "dim_implementing_unit u WHERE u.unit_name = project.implementing_unit)"
    )
    op.execute(
        "INSERT INTO dim_unit (unit_code, printed) SELECT DISTINCT target_unit, "
        "target_unit FROM fct_indicator_target WHERE target_unit IS NOT NULL"
    )
    if pg:
        op.create_foreign_key(
            op.f("fk_document_fiscal_year_dim_fiscal_year"),
            "document",
            "dim_fiscal_year",
            ["fiscal_year"],
            ["fiscal_year"],
        )
        op.create_foreign_key(
            op.f("fk_project_implementing_unit_id_dim_implementing_unit"),
            "project",
            "dim_implementing_unit",
            ["implementing_unit_id"],
            ["unit_id"],
        )
        op.create_foreign_key(
            op.f("fk_fct_indicator_target_target_unit_dim_unit"),
            "fct_indicator_target",
            "dim_unit",
            ["target_unit"],
            ["unit_code"],
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(
            op.f("fk_fct_indicator_target_target_unit_dim_unit"), "fct_indicator_target"
        )
        op.drop_constraint(op.f("fk_project_implementing_unit_id_dim_implementing_unit"), "project")
        op.drop_constraint(op.f("fk_document_fiscal_year_dim_fiscal_year"), "document")
    op.drop_column("project", "implementing_unit_id")
    op.drop_table("dim_unit")
    op.drop_table("dim_implementing_unit")
    op.execute(sa.schema.DropSequence(sa.Sequence("dim_implementing_unit_id_seq")))
    op.drop_table("dim_fiscal_year")
