"""Loading one normalised document into the warehouse, all or nothing.

A document, its projects, facts and findings are written in one transaction: a failure
anywhere leaves the warehouse as it was. A document whose sha256 is already there is
``unchanged``; a new one for the same issuer and fiscal year supersedes the current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import polars as pl
from sqlalchemy import Connection, Engine, insert, select, update

from normalize.taxonomy import canonical_level2
from normalize.text import city_of
from warehouse.models import (
    DimIndicatorCategory,
    DimIssuer,
    Document,
    EtlRun,
    FctIndicatorTarget,
    FctProjectFunding,
    Finding,
    Project,
    Rejection,
    SourceTable,
)


@dataclass(frozen=True)
class DocumentMeta:
    sha256: str
    file_name: str
    page_count: int
    producer: str


def start_run(engine: Engine) -> int:
    with engine.begin() as conn:
        return int(
            conn.execute(
                insert(EtlRun)
                .values(started_at=datetime.now(), documents=0, loaded=0, rejected=0)
                .returning(EtlRun.run_id)
            ).scalar_one()
        )


def finish_run(engine: Engine, run_id: int, documents: int, loaded: int, rejected: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(EtlRun)
            .where(EtlRun.run_id == run_id)
            .values(
                finished_at=datetime.now(), documents=documents, loaded=loaded, rejected=rejected
            )
        )


def loaded_shas(engine: Engine, shas: list[str]) -> set[str]:
    """Which of these documents the warehouse already holds."""
    if not shas:
        return set()
    with engine.connect() as conn:
        rows = conn.execute(
            select(Document.document_sha256).where(Document.document_sha256.in_(shas))
        )
        return {r[0] for r in rows}


def _issuer_id(conn: Connection, name: str) -> int:
    found = conn.execute(select(DimIssuer.issuer_id).where(DimIssuer.issuer_name == name))
    if (issuer_id := found.scalar()) is not None:
        return int(issuer_id)
    return int(
        conn.execute(
            insert(DimIssuer)
            .values(issuer_name=name, city=city_of(name))
            .returning(DimIssuer.issuer_id)
        ).scalar_one()
    )


def _category_ids(conn: Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    known = {
        (r.level1, r.level2): r.category_id
        for r in conn.execute(
            select(
                DimIndicatorCategory.level1,
                DimIndicatorCategory.level2,
                DimIndicatorCategory.category_id,
            )
        )
    }
    canonical = {(l1, l2) for l2, l1 in canonical_level2().items()}
    for pair in sorted((pairs | canonical) - known.keys()):
        known[pair] = conn.execute(
            insert(DimIndicatorCategory)
            .values(level1=pair[0], level2=pair[1], is_canonical=pair in canonical)
            .returning(DimIndicatorCategory.category_id)
        ).scalar_one()
    return known


def _rows(frame: pl.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    return frame.select(columns).to_dicts()


def load_document(
    engine: Engine,
    run_id: int,
    meta: DocumentMeta,
    issuer: str,
    fiscal_year: int,
    projects: pl.DataFrame,
    funding: pl.DataFrame,
    indicators: pl.DataFrame,
    tables: pl.DataFrame,
    findings: pl.DataFrame,
) -> int:
    """Write one document in a single transaction; returns its document_id."""
    with engine.begin() as conn:
        issuer_id = _issuer_id(conn, issuer)
        document_id = int(
            conn.execute(
                insert(Document)
                .values(
                    document_sha256=meta.sha256,
                    file_name=meta.file_name,
                    issuer_id=issuer_id,
                    fiscal_year=fiscal_year,
                    page_count=meta.page_count,
                    producer=meta.producer,
                    ingested_at=datetime.now(),
                    run_id=run_id,
                )
                .returning(Document.document_id)
            ).scalar_one()
        )
        # A resubmission: the issuer's earlier current document for the year steps back.
        conn.execute(
            update(Document)
            .where(
                Document.issuer_id == issuer_id,
                Document.fiscal_year == fiscal_year,
                Document.document_id != document_id,
                Document.superseded_by_id.is_(None),
            )
            .values(superseded_by_id=document_id)
        )
        project_ids: dict[int, int] = {}
        for row in _rows(
            projects,
            [
                "project_seq",
                "project_name",
                "implementing_unit",
                "project_attribute",
                "funding_unit",
                "source_page",
                "table_accuracy",
            ],
        ):
            project_ids[row["project_seq"]] = conn.execute(
                insert(Project).values(document_id=document_id, **row).returning(Project.project_id)
            ).scalar_one()
        funding_rows = [
            {"project_id": project_ids[r.pop("project_seq")], **r}
            for r in _rows(
                funding,
                [
                    "project_seq",
                    "horizon",
                    "period_start_year",
                    "period_end_year",
                    "total_yuan",
                    "fiscal_yuan",
                    "other_yuan",
                ],
            )
        ]
        if funding_rows:
            conn.execute(insert(FctProjectFunding), funding_rows)
        categories = _category_ids(
            conn, set(indicators.select("level1", "level2").unique().iter_rows())
        )
        target_rows = []
        for r in _rows(
            indicators,
            [
                "project_seq",
                "horizon",
                "row_seq",
                "level1",
                "level2",
                "level1_raw",
                "level2_raw",
                "indicator_name",
                "target_text",
                "standard_text",
                "target_op",
                "target_value",
                "target_unit",
                "target_kind",
                "target_date",
                "target_grade",
                "source_page",
                "source_table",
                "source_row",
            ],
        ):
            r["project_id"] = project_ids[r.pop("project_seq")]
            r["category_id"] = categories[(r.pop("level1"), r.pop("level2"))]
            target_rows.append(r)
        if target_rows:
            conn.execute(insert(FctIndicatorTarget), target_rows)
        finding_rows = [
            {"run_id": run_id, "document_id": document_id, **r}
            for r in _rows(
                findings,
                [
                    "project_seq",
                    "horizon",
                    "row_seq",
                    "rule",
                    "severity",
                    "detail",
                    "indicator_name",
                    "value",
                    "source_page",
                ],
            )
        ]
        if finding_rows:
            conn.execute(insert(Finding), finding_rows)
        table_rows = [
            {"document_id": document_id, **r}
            for r in _rows(
                tables, ["page", "table_index", "accuracy", "whitespace", "n_rows", "n_cols"]
            )
        ]
        if table_rows:
            conn.execute(insert(SourceTable), table_rows)
    return document_id


def record_unloaded(
    engine: Engine, run_id: int, rows: list[tuple[str, str, str, str | None, str]]
) -> None:
    """Files this run did not load: (sha256, file name, status, reason_code, message)."""
    if not rows:
        return
    now = datetime.now()
    with engine.begin() as conn:
        conn.execute(
            insert(Rejection),
            [
                {
                    "run_id": run_id,
                    "document_sha256": sha,
                    "file_name": name,
                    "status": status,
                    "reason_code": reason,
                    "message": message,
                    "created_at": now,
                }
                for sha, name, status, reason, message in rows
            ],
        )
