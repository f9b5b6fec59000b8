"""Read-side queries over the contract views."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, text

from warehouse.db import make_engine

_PROJECT_SUMMARY = text("""
    SELECT f.issuer, f.project_seq, f.project_name, f.total_yuan AS annual_total_yuan,
           (SELECT count(*) FROM v_indicator_targets t
             WHERE t.document_sha256 = f.document_sha256
               AND t.project_seq = f.project_seq) AS indicators,
           (SELECT count(*) FROM v_findings x
             WHERE x.document_sha256 = f.document_sha256
               AND x.project_seq = f.project_seq) AS findings
    FROM v_project_funding f
    WHERE f.horizon = 'annual' AND f.document_sha256 IN :shas
    ORDER BY f.issuer, f.project_seq
""").bindparams(bindparam("shas", expanding=True))


def project_summary(url: str, shas: list[str]) -> list[dict[str, Any]]:
    """One row per current project of the given documents: annual funding, counts."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(_PROJECT_SUMMARY, {"shas": shas})]
    finally:
        engine.dispose()
