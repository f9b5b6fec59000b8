"""alerts: finding context (indicator, printed value, page), rejections, deliveries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _key(name: str, seq: str) -> sa.Column:
    return sa.Column(
        name, sa.Integer(), server_default=sa.text(f"nextval('{seq}')"), nullable=False
    )


def upgrade() -> None:
    op.add_column("finding", sa.Column("indicator_name", sa.Text()))
    op.add_column("finding", sa.Column("value", sa.Text()))
    op.add_column("finding", sa.Column("source_page", sa.Integer()))
    op.execute(sa.schema.CreateSequence(sa.Sequence("rejection_id_seq")))
    op.create_table(
        "rejection",
        _key("rejection_id", "rejection_id_seq"),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason_code", sa.String(length=50), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["etl_run.run_id"], name=op.f("fk_rejection_run_id_etl_run")
        ),
        sa.PrimaryKeyConstraint("rejection_id", name=op.f("pk_rejection")),
    )
    op.execute(sa.schema.CreateSequence(sa.Sequence("alert_delivery_id_seq")))
    op.create_table(
        "alert_delivery",
        _key("delivery_id", "alert_delivery_id_seq"),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("item_key", sa.String(length=200), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("delivery_id", name=op.f("pk_alert_delivery")),
        sa.UniqueConstraint("channel", "item_key", name=op.f("uq_alert_delivery_channel")),
    )


def downgrade() -> None:
    op.drop_table("alert_delivery")
    op.execute(sa.schema.DropSequence(sa.Sequence("alert_delivery_id_seq")))
    op.drop_table("rejection")
    op.execute(sa.schema.DropSequence(sa.Sequence("rejection_id_seq")))
    for column in ("source_page", "value", "indicator_name"):
        op.drop_column("finding", column)
