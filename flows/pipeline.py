"""The ingestion pipeline: discover -> extract -> normalise -> validate -> load -> report -> alert.

``run_ingest`` is the one definition of the pipeline's order. It calls every stage through
a *runner*: ``INLINE`` calls the stage functions in this process (an ad-hoc run needs no
Prefect server, no Prefect import), and ``flows.ingest`` passes a runner that calls the
same functions as Prefect tasks inside a tracked flow run. A stage's retry policy is data
on the stage (``retry_delays_s``), honoured by both runners.

Nothing here imports Prefect. Documents already in the warehouse (same sha256) are not
parsed again; each document loads in its own transaction, so one bad file never costs the
others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import SecretStr

from flows.documents import (
    FAILED,
    LOADED,
    NO_TABLES,
    REJECTED,
    UNCHANGED,
    DocumentOutcome,
    discover,
    sha256_of,
)
from flows.settings import Limits
from flows.workers import warm_up
from normalize.coverage import coverage
from normalize.money import check_summary, money_summary

log = logging.getLogger("budget_etl")
T = TypeVar("T")

#: Waits before each retry of a stage that met a transient database fault.
RETRY_DELAYS_S: tuple[float, ...] = (2, 10, 30)


def retried(stage: Callable[..., T]) -> Callable[..., T]:
    """Mark a stage as retried on transient database faults (``is_transient``)."""
    stage.retry_delays_s = RETRY_DELAYS_S  # type: ignore[attr-defined]
    return stage


def is_transient(exc: BaseException) -> bool:
    """Faults worth retrying: the database went away or is busy. A document that cannot
    be parsed or loaded for what it contains is never retried."""
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError | DisconnectionError) or (
        "lock" in str(exc).lower() and "duckdb" in type(exc).__module__ + str(exc).lower()
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


# --- stages: plain functions over data; Prefect wraps them as tasks in flows.ingest --------


@retried
def prepare_warehouse(url: str) -> int:
    """Schema up to date and a run row; retried while the database is unreachable."""
    from warehouse.db import make_engine, upgrade
    from warehouse.load import start_run

    engine = make_engine(url)
    try:
        upgrade(engine)
        return start_run(engine)
    finally:
        engine.dispose()


def extract_documents(
    jobs: list[tuple[Path, str]], limits: Limits, progress: bool = False
) -> list[DocumentOutcome]:
    """Each document in its own process, within the limits, several at once."""
    from flows.workers import run_isolated

    if not progress:
        return run_isolated(jobs, limits)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task_id = bar.add_task("reading annexes", total=len(jobs))
        return run_isolated(jobs, limits, on_done=lambda: bar.advance(task_id))


def extract_one(job: tuple[Path, str], limits: Limits) -> DocumentOutcome:
    """One document, isolated, on whichever worker the task runner chose (Dask).

    Its reader is a child process of the Dask worker: a daemonic worker (Dask's nanny
    default) may not have children, so the cluster must run its workers with
    ``distributed.worker.daemon: false``; on one that does not, the document fails saying so.
    """
    import multiprocessing

    from flows.workers import run_isolated

    if multiprocessing.current_process().daemon:
        path, sha = job
        return DocumentOutcome(
            path,
            sha,
            FAILED,
            None,
            f"{path.name}: not read: this Dask worker is a daemonic process, which cannot "
            "start a reader; run the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False",
        )
    return run_isolated([job], limits.model_copy(update={"workers": 1}))[0]


def validate_documents(
    outcomes: list[DocumentOutcome], thresholds: dict[str, float]
) -> dict[str, list[dict[str, Any]] | str]:
    """Findings per document sha256, all documents validated together.

    The suites run in the background validator process (started while the documents were
    read). Should the batch fail, each document is validated alone, so one document the
    suites cannot handle costs only itself: its entry is then the error message.
    """
    from expectations import DocumentToCheck
    from expectations.background import validator

    docs = {
        o.sha256: DocumentToCheck.of(o.annex, o.frames)
        for o in outcomes
        if o.parsed and o.annex and o.frames
    }
    if not docs:
        return {}
    try:
        return _by_document(validator().validate(list(docs.values()), thresholds))
    except Exception as exc:
        log.warning(
            "validating the run's documents together failed (%s: %s); one by one",
            type(exc).__name__,
            exc,
        )
    out: dict[str, list[dict[str, Any]] | str] = {}
    for sha, doc in docs.items():
        try:
            out.update(_by_document(validator().validate([doc], thresholds)))
        except Exception as exc:
            out[sha] = f"validation failed: {type(exc).__name__}: {exc}"
    return out


def _by_document(findings: Any) -> dict[str, list[dict[str, Any]] | str]:
    return {
        sha: frame.drop("document_sha256").to_dicts()
        for (sha,), frame in findings.partition_by("document_sha256", as_dict=True).items()
    }


@retried
def load(outcome: DocumentOutcome, url: str, run_id: int) -> tuple[str, str]:
    """(status, message) of loading one parsed document; transient faults are raised (and
    retried), anything else ends the document as failed."""
    import polars as pl

    from expectations import FINDINGS_SCHEMA
    from warehouse.db import shared_engine
    from warehouse.load import AlreadyLoaded, DocumentMeta, load_document

    assert outcome.annex is not None and outcome.frames is not None
    annex, frames = outcome.annex, outcome.frames
    try:
        load_document(
            shared_engine(url),
            run_id,
            DocumentMeta.of(outcome.sha256, outcome.path.name, annex),
            annex.issuer,
            annex.fiscal_year or 0,
            frames,
            pl.DataFrame(
                outcome.findings,
                schema={k: v for k, v in FINDINGS_SCHEMA.items() if k != "document_sha256"},
            ),
        )
        money = f", {len(annex.money_tables)} money tables" if annex.money_tables else ""
        return LOADED, f"{outcome.path.name}: loaded {len(annex.projects)} projects{money}"
    except AlreadyLoaded:  # another worker loaded the same file first
        return UNCHANGED, f"{outcome.path.name}: already loaded"
    except Exception as exc:  # the transaction rolled back: nothing of it is in the warehouse
        if is_transient(exc):
            raise
        return FAILED, f"{outcome.path.name}: load failed: {type(exc).__name__}: {exc}"


def write_run_report(out_dir: str, run_id: int, url: str, documents: list[dict[str, Any]]) -> str:
    from expectations.report import write_report
    from warehouse.db import shown_url

    return str(write_report(Path(out_dir), run_id, shown_url(url), documents))


def send_run_alerts(url: str, alert_urls: list[SecretStr]) -> list[dict[str, Any]]:
    """Pending alerts to every channel; a delivery failure is logged, never fatal."""
    from alerts import send_alerts
    from warehouse.db import make_engine

    engine = make_engine(url)
    try:
        reports = send_alerts(engine, [u.get_secret_value() for u in alert_urls])
    finally:
        engine.dispose()
    return [
        {"channel": r.channel, "messages": len(r.messages), "sent": r.sent, "failed": r.failed}
        for r in reports
    ]


STAGES: tuple[Callable[..., Any], ...] = (
    prepare_warehouse,
    extract_documents,
    extract_one,
    validate_documents,
    load,
    write_run_report,
    send_run_alerts,
)


# --- runners -----------------------------------------------------------------------------


class Runner(Protocol):
    """How ``run_ingest`` calls a stage: inline, or as a Prefect task in a flow run."""

    def __call__(self, stage: Callable[..., T], *args: Any) -> T: ...

    def map(self, stage: Callable[..., T], items: Sequence[Any], *args: Any) -> list[T | Exception]:
        """One call per item: each item's result, or the exception its call ended with
        (its Dask worker died, say), so that one item's failure costs only that item."""
        ...


class _Inline:
    """Stages called in this process, with the same retry policy Prefect would apply."""

    def __call__(self, stage: Callable[..., T], *args: Any) -> T:
        delays: tuple[float, ...] = getattr(stage, "retry_delays_s", ())
        for attempt in range(len(delays) + 1):
            try:
                started = time.perf_counter()
                result = stage(*args)
                log.info("%s: %.2f s", stage.__name__, time.perf_counter() - started)
                return result
            except Exception as exc:
                if attempt == len(delays) or not is_transient(exc):
                    raise
                log.warning("%s: %s; retrying in %g s", stage.__name__, exc, delays[attempt])
                time.sleep(delays[attempt])
        raise AssertionError("unreachable")

    def map(self, stage: Callable[..., T], items: Sequence[Any], *args: Any) -> list[T | Exception]:
        out: list[T | Exception] = []
        for item in items:
            try:
                out.append(self(stage, item, *args))
            except Exception as exc:
                out.append(exc)
        return out


INLINE: Runner = _Inline()


# --- the pipeline ------------------------------------------------------------------------


def run_ingest(
    paths: list[str],
    warehouse_url: str,
    limits: Limits | None = None,
    thresholds: dict[str, float] | None = None,
    report_dir: str | None = None,
    alert_urls: list[SecretStr] | None = None,
    settle_s: float = 0.0,
    progress: bool = False,
    distributed: bool = False,
    runner: Runner = INLINE,
) -> RunSummary:
    """Ingest PDFs. ``settle_s`` defers files modified that recently (still being copied);
    ``distributed`` maps one stage call per document (a Dask cluster through the flow's
    task runner) instead of reading them in local processes."""
    from warehouse.db import dispose_shared, shared_engine
    from warehouse.load import finish_run, loaded_shas, record_unloaded

    limits = limits or Limits()
    files, deferred = discover([Path(p) for p in paths], settle_s)
    warm_up(files, readers=bool(files) and not distributed)  # no-op for what runs already
    run_id = runner(prepare_warehouse, warehouse_url)
    engine = shared_engine(warehouse_url)  # one connection for the run's small writes
    try:
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
        extracted: list[DocumentOutcome | Exception] = []
        if jobs and distributed:
            extracted = runner.map(extract_one, list(jobs.values()), limits)
        elif jobs:
            extracted = list(runner(extract_documents, list(jobs.values()), limits, progress))
        for i, outcome in zip(jobs, extracted, strict=True):
            if isinstance(outcome, Exception):  # e.g. Dask gave up: its workers died reading it
                path, sha = jobs[i]
                outcome = DocumentOutcome(
                    path,
                    sha,
                    FAILED,
                    None,
                    f"{path.name}: reading it failed on the cluster: "
                    f"{type(outcome).__name__}: {outcome}",
                )
            outcomes[i] = outcome
        findings = runner(validate_documents, outcomes, thresholds or {})
        for o in outcomes:
            if not o.parsed:
                continue
            checked = findings.get(o.sha256, [])
            if isinstance(checked, str):  # the suites could not run on it: not loaded
                o.status, o.message = FAILED, f"{o.path.name}: {checked}"
                continue
            o.findings = checked
            try:
                o.status, o.message = runner(load, o, warehouse_url, run_id)
            except Exception as exc:  # still failing after the retries: the others go on
                o.status = FAILED
                o.message = f"{o.path.name}: load failed: {type(exc).__name__}: {exc}"
        for o in outcomes:  # why each file was not loaded, exception types included
            if o.status in (REJECTED, FAILED):
                log.log(
                    logging.WARNING if o.status == FAILED else logging.INFO,
                    "%s (%s): %s",
                    o.status,
                    o.reason_code or "no reason code",
                    o.message,
                )
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
        summary.report = runner(
            write_run_report, report_dir, run_id, warehouse_url, summary.documents
        )
    if alert_urls:
        summary.alerts = runner(send_run_alerts, warehouse_url, alert_urls)
    return summary


def _summary_row(o: DocumentOutcome) -> dict[str, Any]:
    annex = o.annex
    return {
        "path": str(o.path),
        "sha256": o.sha256,
        "status": o.status,
        "reason_code": o.reason_code,
        "message": o.message,
        "read_on": o.read_on,
        "issuer": annex.issuer if annex else None,
        "fiscal_year": annex.fiscal_year if annex else None,
        "projects": len(annex.projects) if annex else 0,
        "indicators": sum(len(p.indicators) for p in annex.projects) if annex else 0,
        "money_tables": money_summary(annex) if annex else [],
        "money_checks": check_summary(o.frames.budget_checks) if o.frames else {},
        "coverage": coverage(annex, o.frames) if annex else None,
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
