"""star schema and contract views

Revision ID: 0001
Revises:
Create Date: 2026-11-28 12:07:28.581415
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import view_sql, views_changed_at

VIEWS = {name: view_sql("0001", name) for name in views_changed_at("0001")}

SEQUENCES = [
    "etl_run_id_seq",
    "dim_issuer_id_seq",
    "dim_indicator_category_id_seq",
    "document_id_seq",
    "project_id_seq",
    "fct_project_funding_id_seq",
    "fct_indicator_target_id_seq",
    "finding_id_seq",
]


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keys come from sequences: DuckDB has no SERIAL/IDENTITY.
    for name in SEQUENCES:
        op.execute(sa.schema.CreateSequence(sa.Sequence(name)))
    op.create_table(
        "dim_indicator_category",
        sa.Column(
            "category_id",
            sa.Integer(),
            server_default=sa.text("nextval('dim_indicator_category_id_seq')"),
            nullable=False,
        ),
        sa.Column("level1", sa.String(length=50), nullable=False),
        sa.Column("level2", sa.String(length=100), nullable=False),
        sa.Column("is_canonical", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("category_id", name=op.f("pk_dim_indicator_category")),
        sa.UniqueConstraint("level1", "level2", name=op.f("uq_dim_indicator_category_level1")),
    )
    op.create_table(
        "dim_issuer",
        sa.Column(
            "issuer_id",
            sa.Integer(),
            server_default=sa.text("nextval('dim_issuer_id_seq')"),
            nullable=False,
        ),
        sa.Column("issuer_name", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=50), nullable=True),
        sa.PrimaryKeyConstraint("issuer_id", name=op.f("pk_dim_issuer")),
        sa.UniqueConstraint("issuer_name", name=op.f("uq_dim_issuer_issuer_name")),
    )
    op.create_table(
        "etl_run",
        sa.Column(
            "run_id",
            sa.Integer(),
            server_default=sa.text("nextval('etl_run_id_seq')"),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("loaded", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_etl_run")),
    )
    op.create_table(
        "document",
        sa.Column(
            "document_id",
            sa.Integer(),
            server_default=sa.text("nextval('document_id_seq')"),
            nullable=False,
        ),
        sa.Column("document_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("issuer_id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("producer", sa.String(length=200), nullable=True),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["issuer_id"], ["dim_issuer.issuer_id"], name=op.f("fk_document_issuer_id_dim_issuer")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["etl_run.run_id"], name=op.f("fk_document_run_id_etl_run")
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document")),
        sa.UniqueConstraint("document_sha256", name=op.f("uq_document_document_sha256")),
    )
    op.create_table(
        "finding",
        sa.Column(
            "finding_id",
            sa.Integer(),
            server_default=sa.text("nextval('finding_id_seq')"),
            nullable=False,
        ),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("project_seq", sa.Integer(), nullable=True),
        sa.Column("horizon", sa.String(length=10), nullable=True),
        sa.Column("row_seq", sa.Integer(), nullable=True),
        sa.Column("rule", sa.String(length=50), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.document_id"], name=op.f("fk_finding_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["etl_run.run_id"], name=op.f("fk_finding_run_id_etl_run")
        ),
        sa.PrimaryKeyConstraint("finding_id", name=op.f("pk_finding")),
    )
    op.create_table(
        "project",
        sa.Column(
            "project_id",
            sa.Integer(),
            server_default=sa.text("nextval('project_id_seq')"),
            nullable=False,
        ),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("project_seq", sa.Integer(), nullable=False),
        sa.Column("project_name", sa.Text(), nullable=False),
        sa.Column("implementing_unit", sa.Text(), nullable=True),
        sa.Column("project_attribute", sa.String(length=50), nullable=True),
        sa.Column("funding_unit", sa.String(length=10), nullable=False),
        sa.Column("source_page", sa.Integer(), nullable=False),
        sa.Column("table_accuracy", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.document_id"], name=op.f("fk_project_document_id_document")
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_project")),
        sa.UniqueConstraint("document_id", "project_seq", name=op.f("uq_project_document_id")),
    )
    op.create_table(
        "fct_indicator_target",
        sa.Column(
            "target_id",
            sa.Integer(),
            server_default=sa.text("nextval('fct_indicator_target_id_seq')"),
            nullable=False,
        ),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("horizon", sa.String(length=10), nullable=False),
        sa.Column("row_seq", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("level1_raw", sa.String(length=100), nullable=True),
        sa.Column("level2_raw", sa.String(length=100), nullable=True),
        sa.Column("indicator_name", sa.Text(), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=True),
        sa.Column("standard_text", sa.Text(), nullable=True),
        sa.Column("target_op", sa.String(length=4), nullable=True),
        sa.Column("target_value", sa.Numeric(precision=24, scale=4), nullable=True),
        sa.Column("target_unit", sa.String(length=20), nullable=True),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("source_page", sa.Integer(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["dim_indicator_category.category_id"],
            name=op.f("fk_fct_indicator_target_category_id_dim_indicator_category"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.project_id"],
            name=op.f("fk_fct_indicator_target_project_id_project"),
        ),
        sa.PrimaryKeyConstraint("target_id", name=op.f("pk_fct_indicator_target")),
        sa.UniqueConstraint(
            "project_id", "row_seq", name=op.f("uq_fct_indicator_target_project_id")
        ),
    )
    op.create_table(
        "fct_project_funding",
        sa.Column(
            "funding_id",
            sa.Integer(),
            server_default=sa.text("nextval('fct_project_funding_id_seq')"),
            nullable=False,
        ),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("horizon", sa.String(length=10), nullable=False),
        sa.Column("period_start_year", sa.Integer(), nullable=True),
        sa.Column("period_end_year", sa.Integer(), nullable=True),
        sa.Column("total_yuan", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("fiscal_yuan", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("other_yuan", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.project_id"],
            name=op.f("fk_fct_project_funding_project_id_project"),
        ),
        sa.PrimaryKeyConstraint("funding_id", name=op.f("pk_fct_project_funding")),
        sa.UniqueConstraint(
            "project_id", "horizon", name=op.f("uq_fct_project_funding_project_id")
        ),
    )
    # The views as they stood at this revision (migrations/sql/0001); a later
    # revision that changes a view recreates it from its own version.
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW {name}")
    op.drop_table("fct_project_funding")
    op.drop_table("fct_indicator_target")
    op.drop_table("project")
    op.drop_table("finding")
    op.drop_table("document")
    op.drop_table("etl_run")
    op.drop_table("dim_issuer")
    op.drop_table("dim_indicator_category")
    for name in SEQUENCES:
        op.execute(sa.schema.DropSequence(sa.Sequence(name)))
