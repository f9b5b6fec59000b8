"""The warehouse's views, as versioned SQL: the contract views (DESIGN §4, current document
versions only, printed text kept) and the cross-department query views.

Each view's definition lives in ``migrations/sql/<revision>/<view>.sql``, written once by
the migration that creates or extends it and never edited afterwards: an old migration
keeps building the schema of its day. Plain SQL that DuckDB and PostgreSQL both run.
Columns are only ever added (the contract is extended, never renamed).
"""

from __future__ import annotations

from pathlib import Path

SQL = Path(__file__).parent / "migrations" / "sql"


def view_sql(revision: str, name: str) -> str:
    """The definition of ``name`` as it stood at ``revision`` (its newest file at or
    before that revision)."""
    for folder in sorted((p for p in SQL.iterdir() if p.name <= revision), reverse=True):
        path = folder / f"{name}.sql"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise KeyError(f"no view {name} at revision {revision}")


def views_changed_at(revision: str) -> list[str]:
    """The views a revision creates or redefines, in a stable order."""
    return sorted(p.stem for p in (SQL / revision).glob("*.sql"))


def view_names() -> list[str]:
    """Every view of the newest schema."""
    return sorted({p.stem for p in SQL.glob("*/*.sql")})
