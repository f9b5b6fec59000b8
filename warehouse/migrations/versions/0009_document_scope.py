"""what a document is: its scope and its parts; supersession part by part, with a reason

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Until here a later document of the same issuer and fiscal year superseded the earlier one
whole: 泉州市人民政府办公室's 部门预算 (8 project sets and the 部门整体 set) disappeared behind
its own 单位预算（本级）(3 sets). A document's identity is now issuer + fiscal year + scope +
part:

- ``document_scope``: the scope its cover prints after the issuer (本级 | 汇总 | "") and the
  kind of document (部门预算 | 单位预算 | 部门决算 … | "" without a cover);
- ``document_part``: the kinds of content it holds (set kinds project | department |
  transfer; money-table kinds T01 … as they are loaded);
- ``supersession``: which later document replaced which part of an earlier one, when and
  why. ``document.superseded_by_id`` stays: set once every part of a document is replaced.

The contract views hide a set whose part was replaced and gain ``scope`` and
``document_kind`` (appended); ``v_findings`` hides the findings of replaced sets;
``v_document_versions`` is the history, one row per document and part.

Documents loaded before this revision get scope and kind "" (the cover was not kept), a
part per kind of set they hold, and, where they were superseded, a supersession of every
part with the old rule as its reason.
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import SQL, view_sql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CHANGED = ["v_findings", "v_indicator_targets", "v_project_funding"]
NEW = "v_document_versions"
OLD_RULE = "same issuer and fiscal year (the rule before revision 0009)"


def _readers(revision: str) -> list[str]:
    """The views at ``revision`` that read a changed view, other than those."""
    names = sorted({p.stem for p in SQL.glob("*/*.sql") if p.parent.name <= revision})
    return [
        n for n in names if n not in CHANGED and any(v in view_sql(revision, n) for v in CHANGED)
    ]


def _views_at(revision: str) -> None:
    """The changed views as they stand at ``revision``. PostgreSQL cannot drop columns
    from a view it replaces: there the views and those reading them are built anew."""
    if op.get_bind().dialect.name != "postgresql":
        for name in CHANGED:
            op.execute(f"CREATE OR REPLACE VIEW {name} AS {view_sql(revision, name)}")
        return
    readers = _readers(revision)
    for name in [*readers, *CHANGED]:
        op.execute(f"DROP VIEW {name}")
    for name in [*CHANGED, *readers]:
        op.execute(f"CREATE VIEW {name} AS {view_sql(revision, name)}")


def _document_id() -> sa.Column[int]:
    return sa.Column("document_id", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "document_scope",
        _document_id(),
        sa.Column("scope", sa.String(10), nullable=False, server_default=sa.text("''")),
        sa.Column("document_kind", sa.String(20), nullable=False, server_default=sa.text("''")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.document_id"],
            name=op.f("fk_document_scope_document_id_document"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_scope")),
    )
    op.create_table(
        "document_part",
        _document_id(),
        sa.Column("part", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.document_id"],
            name=op.f("fk_document_part_document_id_document"),
        ),
        sa.PrimaryKeyConstraint("document_id", "part", name=op.f("pk_document_part")),
    )
    op.create_table(
        "supersession",
        _document_id(),
        sa.Column("part", sa.String(20), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.document_id"],
            name=op.f("fk_supersession_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"],
            ["document.document_id"],
            name=op.f("fk_supersession_superseded_by_id_document"),
        ),
        sa.PrimaryKeyConstraint("document_id", "part", name=op.f("pk_supersession")),
    )
    op.execute("INSERT INTO document_scope (document_id) SELECT document_id FROM document")
    op.execute(
        "INSERT INTO document_part (document_id, part) SELECT DISTINCT p.document_id,"
        " s.set_kind FROM project p JOIN target_set s ON s.project_id = p.project_id"
    )
    op.execute(
        sa.text(
            "INSERT INTO supersession (document_id, part, superseded_by_id, reason,"
            " superseded_at) SELECT t.document_id, t.part, d.superseded_by_id, :reason,"
            " n.ingested_at FROM document_part t"
            " JOIN document d ON d.document_id = t.document_id"
            " JOIN document n ON n.document_id = d.superseded_by_id"
        ).bindparams(reason=OLD_RULE)
    )
    _views_at("0009")
    op.execute(f"CREATE VIEW {NEW} AS {view_sql('0009', NEW)}")


def downgrade() -> None:
    op.execute(f"DROP VIEW {NEW}")
    _views_at("0008")
    op.drop_table("supersession")
    op.drop_table("document_part")
    op.drop_table("document_scope")
