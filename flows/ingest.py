"""The ingestion flow: discover -> extract -> normalise -> validate -> load, on Prefect.

Tasks are thin wrappers over the pure stages (``flows.documents``, ``expectations``,
``warehouse``). Documents already in the warehouse (same sha256) are not parsed again.
Each document loads in its own transaction, so one bad file never costs the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, task, unmapped
from prefect.cache_policies import NO_CACHE
from pydantic import SecretStr
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from alerts import send_alerts
from expectations import DocumentToCheck, validate
from expectations.report import write_report
from flows.documents import (
    FAILED,
    LOADED,
    NO_TABLES,
    REJECTED,
    UNCHANGED,
    DocumentOutcome,
    Limits,
    discover,
    sha256_of,
)
from flows.workers import run_isolated
from warehouse.db import dispose_shared, make_engine, shared_engine, shown_url, upgrade
from warehouse.load import (
    AlreadyLoaded,
    DocumentMeta,
    finish_run,
    load_document,
    loaded_shas,
    record_unloaded,
    start_run,
)


@dataclass
class RunSummary:
    run_id: int
    warehouse: str
    documents: list[dict[str, Any]]
    report: str | None = None
    alerts: list[dict[str, Any]] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # files still being written

    @property
    def exit_code(self) -> int:
        return 1 if any(d["status"] in (REJECTED, FAILED) for d in self.documents) else 0


@task(cache_policy=NO_CACHE)
def extract_and_normalise(
    jobs: list[tuple[Path, str]], limits: Limits, progress: bool = False
) -> list[DocumentOutcome]:
    """Each document in its own process, within the limits, several at once."""
    if not progress:
        return run_isolated(jobs, limits)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task_id = bar.add_task("reading annexes", total=len(jobs))
        return run_isolated(jobs, limits, on_done=lambda: bar.advance(task_id))


@task(cache_policy=NO_CACHE)
def extract_one(job: tuple[Path, str], limits: Limits) -> DocumentOutcome:
    """One document, isolated, on whichever worker the task runner chose (Dask)."""
    return run_isolated([job], limits.model_copy(update={"workers": 1}))[0]


@task(cache_policy=NO_CACHE)
def validate_documents(
    outcomes: list[DocumentOutcome], thresholds: dict[str, float]
) -> dict[str, list[dict[str, Any]] | str]:
    """Findings per document sha256, all documents validated together.

    Should the batch fail, each document is validated alone, so one document the suites
    cannot handle costs only itself: its entry is then the error message.
    """
    docs = {
        o.sha256: DocumentToCheck(o.annex.issuer, o.annex.fiscal_year, o.frames)
        for o in outcomes
        if o.parsed and o.annex and o.frames
    }
    try:
        return _by_document(validate(list(docs.values()), thresholds))
    except Exception:
        pass
    out: dict[str, list[dict[str, Any]] | str] = {}
    for sha, doc in docs.items():
        try:
            out.update(_by_document(validate([doc], thresholds)))
        except Exception as exc:
            out[sha] = f"validation failed: {type(exc).__name__}: {exc}"
    return out


def _by_document(findings: Any) -> dict[str, list[dict[str, Any]] | str]:
    return {
        sha: frame.drop("document_sha256").to_dicts()
        for (sha,), frame in findings.partition_by("document_sha256", as_dict=True).items()
    }


def is_transient(exc: BaseException) -> bool:
    """Faults worth retrying: the database went away or is busy. A document that cannot
    be parsed or loaded for what it contains is never retried."""
    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError) or (
        "lock" in str(exc).lower() and "duckdb" in type(exc).__module__ + str(exc).lower()
    )


def _retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except Exception as exc:
        return is_transient(exc)
    return False


RETRY_DELAYS_S: list[float] = [2, 10, 30]


@task(
    cache_policy=NO_CACHE,
    retries=len(RETRY_DELAYS_S),
    retry_delay_seconds=RETRY_DELAYS_S,
    retry_condition_fn=_retry_transient,
)
def prepare_warehouse(url: str) -> int:
    """Schema up to date and a run row; retried while the database is unreachable."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        return start_run(engine)
    finally:
        engine.dispose()


@task(
    cache_policy=NO_CACHE,
    retries=len(RETRY_DELAYS_S),
    retry_delay_seconds=RETRY_DELAYS_S,
    retry_condition_fn=_retry_transient,
)
def load(outcome: DocumentOutcome, url: str, run_id: int) -> tuple[str, str]:
    """(status, message) of loading one parsed document; transient faults are raised (and
    retried by Prefect), anything else ends the document as failed."""
    import polars as pl

    from expectations import FINDINGS_SCHEMA

    assert outcome.annex is not None and outcome.frames is not None
    annex, frames = outcome.annex, outcome.frames
    try:
        load_document(
            shared_engine(url),
            run_id,
            DocumentMeta(outcome.sha256, outcome.path.name, annex.page_count, annex.producer),
            annex.issuer,
            annex.fiscal_year or 0,
            frames,
            pl.DataFrame(
                outcome.findings,
                schema={k: v for k, v in FINDINGS_SCHEMA.items() if k != "document_sha256"},
            ),
        )
        return LOADED, f"{outcome.path.name}: loaded {len(annex.projects)} projects"
    except AlreadyLoaded:  # another worker loaded the same file first
        return UNCHANGED, f"{outcome.path.name}: already loaded"
    except Exception as exc:  # the transaction rolled back: nothing of it is in the warehouse
        if is_transient(exc):
            raise
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
                "horizon": f["horizon"],
                "indicator_name": f["indicator_name"],
                "value": f["value"],
                "source_page": f["source_page"],
                "row_seq": f["row_seq"],
            }
            for f in o.findings
        ],
    }


@task(cache_policy=NO_CACHE)
def write_run_report(out_dir: str, run_id: int, url: str, documents: list[dict[str, Any]]) -> str:
    return str(write_report(Path(out_dir), run_id, shown_url(url), documents))


@task(cache_policy=NO_CACHE)
def send_run_alerts(url: str, alert_urls: list[SecretStr]) -> list[dict[str, Any]]:
    """Pending alerts to every channel; a delivery failure is logged, never fatal."""
    engine = make_engine(url)
    try:
        reports = send_alerts(engine, [u.get_secret_value() for u in alert_urls])
    finally:
        engine.dispose()
    return [
        {"channel": r.channel, "messages": len(r.messages), "sent": r.sent, "failed": r.failed}
        for r in reports
    ]


@flow(name="budget-etl-ingest", log_prints=False)
def ingest_flow(
    paths: list[str],
    warehouse_url: str,
    limits: Limits | None = None,
    thresholds: dict[str, float] | None = None,
    report_dir: str | None = None,
    alert_urls: list[SecretStr] | None = None,
    settle_s: float = 0.0,
    progress: bool = False,
    distributed: bool = False,
) -> RunSummary:
    """Ingest PDFs. ``settle_s`` defers files modified that recently (still being copied);
    ``distributed`` maps one task per document onto the flow's task runner (a Dask
    cluster) instead of reading them in local processes."""
    limits = limits or Limits()
    run_id = prepare_warehouse(warehouse_url)
    engine = shared_engine(warehouse_url)  # one connection for the run's small writes
    try:
        files, deferred = discover([Path(p) for p in paths], settle_s)
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
        if jobs and distributed:
            futures = extract_one.map(list(jobs.values()), unmapped(limits))
            for i, future in zip(jobs, futures, strict=True):
                outcomes[i] = future.result()
        elif jobs:
            extracted = extract_and_normalise(list(jobs.values()), limits, progress)
            for i, outcome in zip(jobs, extracted, strict=True):
                outcomes[i] = outcome
        findings = validate_documents(outcomes, thresholds or {})
        for o in outcomes:
            if not o.parsed:
                continue
            checked = findings.get(o.sha256, [])
            if isinstance(checked, str):  # the suites could not run on it: not loaded
                o.status, o.message = FAILED, f"{o.path.name}: {checked}"
                continue
            o.findings = checked
            try:
                o.status, o.message = load(o, warehouse_url, run_id)
            except Exception as exc:  # still failing after the retries: the others go on
                o.status, o.message = FAILED, f"{o.path.name}: load failed: {exc}"
        record_unloaded(
            engine,
            run_id,
            [
                (o.sha256, o.path.name, o.status, o.reason_code, o.message)
                for o in outcomes
                if o.status in (REJECTED, FAILED, NO_TABLES) and o.sha256
            ],
        )
        finish_run(
            engine,
            run_id,
            len(outcomes),
            sum(o.status == LOADED for o in outcomes),
            sum(o.status in (REJECTED, FAILED) for o in outcomes),
        )
    finally:
        dispose_shared()
    summary = RunSummary(
        run_id,
        warehouse_url,
        [_summary_row(o) for o in outcomes],
        deferred=[str(p) for p in deferred],
    )
    if report_dir:
        summary.report = write_run_report(report_dir, run_id, warehouse_url, summary.documents)
    if alert_urls:
        summary.alerts = send_run_alerts(warehouse_url, alert_urls)
    return summary


def flow_for(
    settings: Any, url: str, paths: list[str], settle_s: float, progress: bool = False
) -> tuple[Any, dict[str, Any]]:
    """The ingest flow as the settings configure it (local or on a Dask cluster), and its
    parameters."""
    flow_obj: Any = ingest_flow
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        # prefect-dask types its futures apart from the core ones
        runner: Any = DaskTaskRunner(address=settings.dask_address)
        flow_obj = ingest_flow.with_options(task_runner=runner)
    return flow_obj, {
        "paths": paths,
        "warehouse_url": url,
        "limits": settings.limits,
        "thresholds": {"min_table_accuracy": settings.min_table_accuracy},
        "report_dir": settings.report_dir or None,
        "alert_urls": settings.alert_urls,
        "settle_s": settle_s,
        "progress": progress,
        "distributed": bool(settings.dask_address),
    }


def deployment_for(settings: Any, url: str, inbox: Path, cron: str) -> Any:
    """The nightly deployment: the inbox on a cron schedule in the bureau's timezone."""
    from prefect.schedules import Cron

    flow_obj, parameters = flow_for(settings, url, [str(inbox.resolve())], settings.settle_s)
    return flow_obj.to_deployment(
        name="nightly-ingest",
        schedules=[Cron(cron, timezone=settings.timezone)],
        parameters=parameters,
        tags=["budget-etl"],
        description=f"Ingest {inbox} into {shown_url(url)} on '{cron}' ({settings.timezone})",
    )
