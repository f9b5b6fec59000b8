"""source_table lineage: camelot's report per table, and each target's table on its page

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("source_table_id_seq")))
    op.create_table(
        "source_table",
        sa.Column(
            "source_table_id",
            sa.Integer(),
            server_default=sa.text("nextval('source_table_id_seq')"),
            nullable=False,
        ),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("table_index", sa.Integer(), nullable=False),
        sa.Column("accuracy", sa.Float(), nullable=False),
        sa.Column("whitespace", sa.Float(), nullable=False),
        sa.Column("n_rows", sa.Integer(), nullable=False),
        sa.Column("n_cols", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.document_id"],
            name=op.f("fk_source_table_document_id_document"),
        ),
        sa.PrimaryKeyConstraint("source_table_id", name=op.f("pk_source_table")),
        sa.UniqueConstraint(
            "document_id", "page", "table_index", name=op.f("uq_source_table_document_id")
        ),
    )
    op.add_column(
        "fct_indicator_target",
        sa.Column("source_table", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("fct_indicator_target", "source_table")
    op.drop_table("source_table")
    op.execute(sa.schema.DropSequence(sa.Sequence("source_table_id_seq")))
