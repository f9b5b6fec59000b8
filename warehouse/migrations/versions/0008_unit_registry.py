"""units as a registry: the unit as printed, its dimension and the value in base units

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

``fct_indicator_target`` gains ``target_unit_printed`` (the unit as printed, also when the
registry does not know it), ``unit_dimension`` and ``target_value_base`` (the value in its
dimension's base unit), appended to ``v_indicator_targets``. The dimension sits on the
fact row, beside the value it qualifies: a unit the registry does not know has no
``dim_unit`` row, and DuckDB cannot add columns to ``dim_unit``, which the facts reference.

Unit codes grow to 60 characters (a rate composed from the registry, such as
``yuan_per_person_month``, passes 20). DuckDB does not enforce VARCHAR lengths; PostgreSQL
does, and cannot change the type of a column a view reads: there the views over
``fct_indicator_target.target_unit`` are dropped and created again around the change.

Rows loaded before this revision get the dimension and base value of their unit from the
registry as it stood here (frozen below); their printed unit stays NULL until reloaded.
"""

import sqlalchemy as sa
from alembic import op

from warehouse.views import SQL, view_sql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

VIEW = "v_indicator_targets"
_COUNTS = [
    "person",
    "person_time",
    "times",
    "piece",
    "item",
    "copy",
    "volume",
    "institution",
    "household",
    "session",
    "batch",
    "article",
    "unit",
    "set",
    "facility",
    "vehicle",
    "site",
]
#: the unit codes loaded before 0008: dimension, and base units per unit as (num, den)
BEFORE: dict[str, tuple[str, int | None, int]] = {
    **{code: ("count", 1, 1) for code in _COUNTS},
    "yuan": ("money", 1, 1),
    "percent": ("percent", 1, 1),
    "hour": ("time", 1, 1),
    "day": ("time", 24, 1),
    "month": ("time", 730, 1),
    "year": ("time", 8760, 1),
    "workday": ("time", None, 1),
    "m2": ("area", 1, 1),
    "mu": ("area", 2000, 3),
    "m": ("length", 1, 1),
    "km": ("length", 1000, 1),
    "kg": ("mass", 1, 1),
    "tonne": ("mass", 1000, 1),
    "yuan_per_person": ("rate", 1, 1),
    "yuan_per_mu": ("rate", 3, 2000),
    "yuan_per_year": ("rate", 1, 8760),
    "yuan_per_person_year": ("rate", 1, 8760),
    "yuan_per_person_day": ("rate", 1, 24),
}


def _readers(revision: str) -> list[str]:
    """The views at ``revision`` that read v_indicator_targets, other than itself."""
    names = sorted({p.stem for p in SQL.glob("*/*.sql") if p.parent.name <= revision})
    return [n for n in names if n != VIEW and VIEW in view_sql(revision, n)]


def _widen(width: int, revision: str) -> None:
    """PostgreSQL: unit codes at ``width`` characters, the views over them rebuilt."""
    readers = _readers(revision)
    for name in [*readers, VIEW]:
        op.execute(f"DROP VIEW {name}")
    op.alter_column("dim_unit", "unit_code", type_=sa.String(width))
    op.alter_column("dim_unit", "printed", type_=sa.String(width))
    op.alter_column("fct_indicator_target", "target_unit", type_=sa.String(width))
    for name in [VIEW, *readers]:
        op.execute(f"CREATE VIEW {name} AS {view_sql(revision, name)}")


def upgrade() -> None:
    op.add_column("fct_indicator_target", sa.Column("target_unit_printed", sa.Text()))
    op.add_column("fct_indicator_target", sa.Column("unit_dimension", sa.String(20)))
    op.add_column("fct_indicator_target", sa.Column("target_value_base", sa.Numeric(38, 10)))
    for code, (dimension, num, den) in BEFORE.items():
        base = "NULL" if num is None else f"CAST(target_value AS NUMERIC(38, 10)) * {num} / {den}"
        op.execute(
            sa.text(
                f"UPDATE fct_indicator_target SET unit_dimension = :dimension, "
                f"target_value_base = {base} WHERE target_unit = :code"
            ).bindparams(dimension=dimension, code=code)
        )
    if op.get_bind().dialect.name == "postgresql":
        _widen(60, "0008")
    else:
        op.execute(f"CREATE OR REPLACE VIEW {VIEW} AS {view_sql('0008', VIEW)}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _widen(20, "0007")
    else:
        op.execute(f"CREATE OR REPLACE VIEW {VIEW} AS {view_sql('0007', VIEW)}")
    op.drop_column("fct_indicator_target", "target_value_base")
    op.drop_column("fct_indicator_target", "unit_dimension")
    op.drop_column("fct_indicator_target", "target_unit_printed")
