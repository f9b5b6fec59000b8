"""The ingestion flow: discover -> extract -> normalise -> validate -> load, on Prefect.

Tasks are thin wrappers over the pure stages (``flows.documents``, ``expectations``,
``warehouse``). Documents already in the warehouse (same sha256) are not parsed again.
Each document loads in its own transaction, so one bad file never costs the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from expectations import DocumentToCheck, validate
from flows.documents import (
    FAILED,
    LOADED,
    REJECTED,
    UNCHANGED,
    DocumentOutcome,
    Limits,
    discover,
    sha256_of,
)
from flows.workers import run_isolated
from warehouse.db import make_engine, upgrade
from warehouse.load import DocumentMeta, finish_run, load_document, loaded_shas, start_run


@dataclass
class RunSummary:
    run_id: int
    warehouse: str
    documents: list[dict[str, Any]]

    @property
    def exit_code(self) -> int:
        return 1 if any(d["status"] in (REJECTED, FAILED) for d in self.documents) else 0


@task(cache_policy=NO_CACHE)
def extract_and_normalise(jobs: list[tuple[Path, str]], limits: Limits) -> list[DocumentOutcome]:
    """Each document in its own process, within the limits, several at once."""
    return run_isolated(jobs, limits)


@task(cache_policy=NO_CACHE)
def validate_documents(
    outcomes: list[DocumentOutcome], thresholds: dict[str, float]
) -> dict[str, list[dict[str, Any]]]:
    """Findings per document sha256, all documents validated together."""
    findings = validate(
        [
            DocumentToCheck(o.annex.issuer, o.annex.fiscal_year, o.frames)
            for o in outcomes
            if o.parsed and o.annex and o.frames
        ],
        thresholds,
    )
    return {
        sha: frame.drop("document_sha256").to_dicts()
        for (sha,), frame in findings.partition_by("document_sha256", as_dict=True).items()
    }


@task(cache_policy=NO_CACHE)
def load(outcome: DocumentOutcome, url: str, run_id: int) -> tuple[str, str]:
    """(status, message) of loading one parsed document."""
    import polars as pl

    from expectations import FINDINGS_SCHEMA

    assert outcome.annex is not None and outcome.frames is not None
    annex, frames = outcome.annex, outcome.frames
    try:
        load_document(
            make_engine(url),
            run_id,
            DocumentMeta(outcome.sha256, outcome.path.name, annex.page_count, annex.producer),
            annex.issuer,
            annex.fiscal_year or 0,
            frames.projects,
            frames.funding,
            frames.indicators,
            frames.tables,
            pl.DataFrame(
                outcome.findings,
                schema={k: v for k, v in FINDINGS_SCHEMA.items() if k != "document_sha256"},
            ),
        )
        return LOADED, f"{outcome.path.name}: loaded {len(annex.projects)} projects"
    except Exception as exc:  # the transaction rolled back: nothing of it is in the warehouse
        return FAILED, f"{outcome.path.name}: load failed: {type(exc).__name__}: {exc}"


def _summary_row(o: DocumentOutcome) -> dict[str, Any]:
    annex = o.annex
    return {
        "path": str(o.path),
        "sha256": o.sha256,
        "status": o.status,
        "reason_code": o.reason_code,
        "message": o.message,
        "issuer": annex.issuer if annex else None,
        "fiscal_year": annex.fiscal_year if annex else None,
        "projects": len(annex.projects) if annex else 0,
        "indicators": sum(len(p.indicators) for p in annex.projects) if annex else 0,
        "findings": [
            {
                "rule": f["rule"],
                "severity": f["severity"],
                "project_seq": f["project_seq"],
                "detail": f["detail"],
            }
            for f in o.findings
        ],
    }


@flow(name="budget-etl-ingest", log_prints=False)
def ingest_flow(
    paths: list[str],
    warehouse_url: str,
    limits: Limits | None = None,
    thresholds: dict[str, float] | None = None,
) -> RunSummary:
    limits = limits or Limits()
    engine = make_engine(warehouse_url)
    upgrade(engine)
    run_id = start_run(engine)
    files = discover([Path(p) for p in paths])
    shas = [sha256_of(f) if f.is_file() else "" for f in files]
    already = loaded_shas(engine, [s for s in shas if s])
    outcomes: list[DocumentOutcome] = []
    jobs: dict[int, tuple[Path, str]] = {}
    seen: set[str] = set()
    for path, sha in zip(files, shas, strict=True):
        if not path.is_file():
            outcomes.append(DocumentOutcome(path, sha, FAILED, None, f"{path}: no such file"))
        elif sha in already or sha in seen:
            outcomes.append(
                DocumentOutcome(path, sha, UNCHANGED, None, f"{path.name}: already loaded")
            )
        else:
            jobs[len(outcomes)] = (path, sha)
            outcomes.append(DocumentOutcome(path, sha))
        seen.add(sha)
    if jobs:
        for i, outcome in zip(
            jobs, extract_and_normalise(list(jobs.values()), limits), strict=True
        ):
            outcomes[i] = outcome
    findings = validate_documents(outcomes, thresholds or {})
    for o in outcomes:
        if o.parsed:
            o.findings = findings.get(o.sha256, [])
            o.status, o.message = load(o, warehouse_url, run_id)
    finish_run(
        engine,
        run_id,
        len(outcomes),
        sum(o.status == LOADED for o in outcomes),
        sum(o.status in (REJECTED, FAILED) for o in outcomes),
    )
    engine.dispose()
    return RunSummary(run_id, warehouse_url, [_summary_row(o) for o in outcomes])
