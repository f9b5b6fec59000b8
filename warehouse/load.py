"""Loading one normalised document into the warehouse, all or nothing.

A document, its projects, facts, findings and lineage are written in one transaction: a
failure anywhere (or a killed process) leaves the warehouse as it was. A document whose
sha256 is already there raises ``AlreadyLoaded`` (two workers racing on one file: exactly
one wins); a new one of the same issuer and fiscal year replaces the current ones where it
repeats them (``warehouse.supersede``: same scope, the same sets or money tables), part by
part, each replacement recorded with its reason.
On PostgreSQL, loads of one issuer's fiscal year take turns from the document row to their
commit (a transaction-level advisory lock on issuer and year): two resubmissions loading at
once would otherwise each miss the other's uncommitted row, and both stay current.

Facts go in bulk: through Arrow on DuckDB (row-by-row inserts cost ~3 ms a row there),
as batched multi-row INSERTs elsewhere. Dimension rows are created race-free on
PostgreSQL (ON CONFLICT DO NOTHING), where several workers may load at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import polars as pl
from sqlalchemy import Connection, Engine, Table, exists, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError

from extractors.model import Annex
from normalize.frames import NormalisedDocument
from normalize.places import city_of
from normalize.taxonomy import canonical_level2
from warehouse.models import (
    BudgetTable,
    DimEconomicClass,
    DimFiscalYear,
    DimFunctionClass,
    DimImplementingUnit,
    DimIndicatorCategory,
    DimIssuer,
    DimUnit,
    Document,
    DocumentPart,
    DocumentScope,
    EtlRun,
    FctBudgetLine,
    FctIndicatorTarget,
    FctProjectFunding,
    Finding,
    Project,
    Rejection,
    SourceTable,
    Supersession,
    TargetSet,
)
from warehouse.supersede import SET_PARTS, Identity, identity, replaced_parts, set_part


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


class AlreadyLoaded(Exception):
    """The document (same sha256) is in the warehouse already."""


@dataclass(frozen=True)
class DocumentMeta:
    sha256: str
    file_name: str
    page_count: int
    producer: str
    scope: str = ""  # 本级 | 汇总 | "" as the cover prints it (Annex.scope)
    document_kind: str = ""  # 部门预算 | 单位预算 | … | "" (Annex.document_kind)
    money_kinds: tuple[str, ...] = ()  # the kinds of its money tables (Annex.money_tables)

    @classmethod
    def of(cls, sha256: str, file_name: str, annex: Annex) -> DocumentMeta:
        return cls(
            sha256,
            file_name,
            annex.page_count,
            annex.producer,
            annex.scope,
            annex.document_kind,
            tuple(t.kind for t in annex.money_tables),
        )


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


def _ensure(conn: Connection, table: Table, rows: list[dict[str, Any]], key: list[str]) -> None:
    """Insert the dimension rows that are missing; concurrent loaders may do the same."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(pg_insert(table).on_conflict_do_nothing(index_elements=key), rows)
        return
    have = {tuple(r) for r in conn.execute(select(*(table.c[k] for k in key)))}
    missing = [r for r in rows if tuple(r[k] for k in key) not in have]
    if missing:  # DuckDB: one writing process holds the file, so there is no race
        conn.execute(insert(table), missing)


def _ids(conn: Connection, table: Table, key: str, id_col: str) -> dict[Any, int]:
    return {k: v for k, v in conn.execute(select(table.c[key], table.c[id_col]))}


def _bulk(conn: Connection, table: Table, frame: pl.DataFrame) -> None:
    """Append a frame to a table inside the open transaction: the table's columns, as
    the model declares them, taken from the frame by name (the frames carry more: the
    canonical levels a category id replaces, the printed values rules compare)."""
    if frame.height == 0:
        return
    needed = [
        c.name
        for c in table.columns
        if not (c.nullable or c.server_default is not None or c.default is not None)
        and c.name not in frame.columns
    ]
    if needed:
        raise ValueError(f"{table.name}: the frame lacks required columns {needed}")
    frame = frame.select([c.name for c in table.columns if c.name in frame.columns])
    if conn.dialect.name == "duckdb":
        raw = conn.connection.dbapi_connection
        assert raw is not None
        view = f"load_{uuid.uuid4().hex}"
        raw.register(view, frame.to_arrow())
        try:
            columns = ", ".join(frame.columns)
            conn.exec_driver_sql(
                f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {view}"
            )
        finally:
            raw.unregister(view)
    else:
        conn.execute(insert(table), frame.to_dicts())


def _dimensions(conn: Connection, issuer: str, fiscal_year: int, doc: NormalisedDocument) -> None:
    _ensure(
        conn,
        _table(DimIssuer),
        [{"issuer_name": issuer, "city": city_of(issuer, issuer=True)}],
        ["issuer_name"],
    )
    _ensure(conn, _table(DimFiscalYear), [{"fiscal_year": fiscal_year}], ["fiscal_year"])
    units = sorted({u for u in doc.projects["implementing_unit"] if u})
    _ensure(
        conn,
        _table(DimImplementingUnit),
        [{"unit_name": u, "city": city_of(u)} for u in units],
        ["unit_name"],
    )
    # the registry's units and the rates composed from them, each with its printed name
    measures = doc.indicators.select(
        unit_code="target_unit", printed="target_unit_name"
    ).drop_nulls("unit_code")
    _ensure(
        conn,
        _table(DimUnit),
        measures.unique("unit_code").sort("unit_code").to_dicts(),
        ["unit_code"],
    )
    _class_dimensions(conn, fiscal_year, doc.budget_lines)
    canonical = {(l1, l2) for l2, l1 in canonical_level2().items()}
    pairs = canonical | set(doc.indicators.select("level1", "level2").unique().iter_rows())
    _ensure(
        conn,
        _table(DimIndicatorCategory),
        [{"level1": a, "level2": b, "is_canonical": (a, b) in canonical} for a, b in sorted(pairs)],
        ["level1", "level2"],
    )


def _class_dimensions(conn: Connection, fiscal_year: int, lines: pl.DataFrame) -> None:
    """Function and economic class codes with the name a document prints beside them,
    for its year's 科目 edition (the first name a code is printed with is kept)."""
    named = lines.filter(~pl.col("is_total")).unique(["table_seq", "line_seq"])
    functions = (
        named.drop_nulls("function_code")
        .unique("function_code", keep="first", maintain_order=True)
        .select(
            "function_code",
            "function_level",
            function_name="line_label",
            edition_year=pl.lit(fiscal_year, dtype=pl.Int32),
        )
    )
    _ensure(
        conn,
        _table(DimFunctionClass),
        functions.to_dicts(),
        ["function_code", "edition_year"],
    )
    schemes = (("department", "economic_code"), ("government", "economic_code_gov"))
    economic = [
        {"scheme": s, "economic_code": code, "edition_year": fiscal_year, "economic_name": name}
        for s, column in schemes
        for code, name in named.drop_nulls(column)
        .unique(column, keep="first", maintain_order=True)
        .select(column, "line_label")
        .iter_rows()
    ]
    _ensure(conn, _table(DimEconomicClass), economic, ["scheme", "economic_code", "edition_year"])


def _insert_document(
    conn: Connection, meta: DocumentMeta, issuer_id: int, fiscal_year: int, run_id: int
) -> int:
    values = dict(
        document_sha256=meta.sha256,
        file_name=meta.file_name,
        issuer_id=issuer_id,
        fiscal_year=fiscal_year,
        page_count=meta.page_count,
        producer=meta.producer,
        ingested_at=datetime.now(),
        run_id=run_id,
    )
    if conn.dialect.name == "postgresql":
        # A concurrent loader of the same file: its insert waits for ours, then does nothing.
        stmt = (
            pg_insert(Document)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["document_sha256"])
            .returning(Document.document_id)
        )
        document_id = conn.execute(stmt).scalar()
        if document_id is None:
            raise AlreadyLoaded(meta.sha256)
        return int(document_id)
    try:
        return int(
            conn.execute(
                insert(Document).values(**values).returning(Document.document_id)
            ).scalar_one()
        )
    except IntegrityError as exc:
        raise AlreadyLoaded(meta.sha256) from exc


def _current(conn: Connection, issuer_id: int, fiscal_year: int) -> dict[int, Identity]:
    """The issuer's documents of the year that are current, each with its parts that are."""
    docs = {
        r.document_id: (r.scope or "", r.document_kind or "")
        for r in conn.execute(
            select(Document.document_id, DocumentScope.scope, DocumentScope.document_kind)
            .outerjoin(DocumentScope, DocumentScope.document_id == Document.document_id)
            .where(
                Document.issuer_id == issuer_id,
                Document.fiscal_year == fiscal_year,
                Document.superseded_by_id.is_(None),
            )
        )
    }
    if not docs:
        return {}
    replaced = exists().where(
        Supersession.document_id == DocumentPart.document_id,
        Supersession.part == DocumentPart.part,
    )
    parts: dict[int, set[str]] = {d: set() for d in docs}
    for d, part in conn.execute(
        select(DocumentPart.document_id, DocumentPart.part).where(
            DocumentPart.document_id.in_(docs), ~replaced
        )
    ):
        parts[d].add(part)
    sets: dict[int, list[tuple[str, str | None, str]]] = {d: [] for d in docs}
    for r in conn.execute(
        select(
            Project.document_id,
            TargetSet.set_kind,
            TargetSet.table_kind,
            TargetSet.project_code,
            Project.project_name,
        )
        .join(TargetSet, TargetSet.project_id == Project.project_id)
        .where(Project.document_id.in_(docs))
    ):
        sets[r.document_id].append(
            (set_part(r.set_kind, r.table_kind), r.project_code, r.project_name)
        )
    out = {}
    for d, (scope, kind) in docs.items():
        # codes are judged over all the document's sets, then its replaced parts dropped
        whole = identity(scope, kind, sets[d], [p for p in parts[d] if p not in SET_PARTS])
        out[d] = Identity(scope, kind, {p: v for p, v in whole.parts.items() if p in parts[d]})
    return out


def _supersede(
    conn: Connection, document_id: int, later: Identity, current: dict[int, Identity]
) -> None:
    """The earlier documents step back where the new one repeats them, part by part; one
    whose every part is replaced steps back whole (``superseded_by_id``)."""
    now = datetime.now()
    rows = [
        {
            "document_id": earlier_id,
            "part": part,
            "superseded_by_id": document_id,
            "reason": reason,
            "superseded_at": now,
        }
        for earlier_id, earlier in current.items()
        for part, reason in replaced_parts(later, earlier).items()
    ]
    if not rows:
        return
    conn.execute(insert(Supersession), rows)
    still_current = exists().where(
        DocumentPart.document_id == Document.document_id,
        ~exists().where(
            Supersession.document_id == DocumentPart.document_id,
            Supersession.part == DocumentPart.part,
        ),
    )
    conn.execute(
        update(Document)
        .where(Document.document_id.in_({r["document_id"] for r in rows}), ~still_current)
        .values(superseded_by_id=document_id)
    )


def _record_identity(conn: Connection, document_id: int, ident: Identity) -> None:
    conn.execute(
        insert(DocumentScope).values(
            document_id=document_id, scope=ident.scope, document_kind=ident.document_kind
        )
    )
    if ident.parts:
        conn.execute(
            insert(DocumentPart),
            [{"document_id": document_id, "part": p} for p in sorted(ident.parts)],
        )


def load_document(
    engine: Engine,
    run_id: int,
    meta: DocumentMeta,
    issuer: str,
    fiscal_year: int,
    doc: NormalisedDocument,
    findings: pl.DataFrame,
    before_document: Callable[[], None] | None = None,
) -> int:
    """Write one document in a single transaction; returns its document_id.

    ``before_document`` is a test hook, None in production: it is called inside the
    transaction after the dimension rows, just before the document row, where concurrent
    loads race (tests/test_versioning.py holds two loads there until both have arrived)."""
    with engine.begin() as conn:
        _dimensions(conn, issuer, fiscal_year, doc)
        issuer_id = _ids(conn, _table(DimIssuer), "issuer_name", "issuer_id")[issuer]
        if before_document is not None:
            before_document()
        if conn.dialect.name == "postgresql":
            # Held to commit. Without it, two documents of one issuer and year loading at
            # once each supersede only what was committed before them: both stay current.
            conn.execute(
                text(
                    "SELECT pg_advisory_xact_lock(CAST(:issuer AS integer), CAST(:year AS integer))"
                ),
                {"issuer": issuer_id, "year": fiscal_year},
            )
        current = _current(conn, issuer_id, fiscal_year)
        document_id = _insert_document(conn, meta, issuer_id, fiscal_year, run_id)
        later = identity(
            meta.scope,
            meta.document_kind,
            (
                (set_part(kind, table), code, name)
                for kind, table, code, name in doc.projects.select(
                    "set_kind", "table_kind", "project_code", "project_name"
                ).iter_rows()
            ),
            meta.money_kinds,
        )
        _supersede(conn, document_id, later, current)
        _record_identity(conn, document_id, later)

        _load_sets(conn, document_id, doc)
        _load_money(conn, document_id, doc)
        _bulk(
            conn,
            _table(Finding),
            findings.with_columns(
                run_id=pl.lit(run_id, dtype=pl.Int32),
                document_id=pl.lit(document_id, pl.Int32),
            ),
        )
        _bulk(
            conn,
            _table(SourceTable),
            doc.tables.with_columns(
                document_id=pl.lit(document_id, dtype=pl.Int32),
            ),
        )
    return document_id


def _keys(conn: Connection, seq: Any, key: Any, document: Any, document_id: int) -> pl.DataFrame:
    """The keys the database gave a document's rows just inserted, by their sequence in
    the document (project_seq -> project_id, table_seq -> budget_table_id): what the
    rows below them are joined to."""
    rows = conn.execute(select(seq, key).where(document == document_id))
    return pl.DataFrame(
        [dict(zip((seq.key, key.key), r, strict=True)) for r in rows],
        schema={seq.key: pl.Int32, key.key: pl.Int32},
    )


def _load_sets(conn: Connection, document_id: int, doc: NormalisedDocument) -> None:
    """The target sets: projects, their kind, funding and indicator rows."""
    units = pl.DataFrame(
        [
            {"implementing_unit": k, "implementing_unit_id": v}
            for k, v in _ids(conn, _table(DimImplementingUnit), "unit_name", "unit_id").items()
        ],
        schema={"implementing_unit": pl.String, "implementing_unit_id": pl.Int32},
    )
    _bulk(
        conn,
        _table(Project),
        doc.projects.join(units, on="implementing_unit", how="left").with_columns(
            document_id=pl.lit(document_id, dtype=pl.Int32),
        ),
    )
    project_map = _keys(
        conn, Project.project_seq, Project.project_id, Project.document_id, document_id
    )

    _bulk(
        conn,
        _table(TargetSet),
        doc.projects.join(project_map, on="project_seq"),
    )
    _bulk(
        conn,
        _table(FctProjectFunding),
        doc.funding.join(project_map, on="project_seq"),
    )
    categories = pl.DataFrame(
        [
            {"level1": r.level1, "level2": r.level2, "category_id": r.category_id}
            for r in conn.execute(
                select(
                    DimIndicatorCategory.level1,
                    DimIndicatorCategory.level2,
                    DimIndicatorCategory.category_id,
                )
            )
        ],
        schema={"level1": pl.String, "level2": pl.String, "category_id": pl.Int32},
    )
    _bulk(
        conn,
        _table(FctIndicatorTarget),
        doc.indicators.join(project_map, on="project_seq").join(
            categories, on=["level1", "level2"], how="left"
        ),
    )


def _load_money(conn: Connection, document_id: int, doc: NormalisedDocument) -> None:
    """The money tables: a row per table, then its lines keyed to it by table_seq."""
    if doc.budget_tables.height == 0:
        return
    _bulk(
        conn,
        _table(BudgetTable),
        doc.budget_tables.with_columns(document_id=pl.lit(document_id, dtype=pl.Int32)),
    )
    tables = _keys(
        conn,
        BudgetTable.table_seq,
        BudgetTable.budget_table_id,
        BudgetTable.document_id,
        document_id,
    )
    _bulk(conn, _table(FctBudgetLine), doc.budget_lines.join(tables, on="table_seq"))


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
