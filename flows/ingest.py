"""The ingestion pipeline as a tracked Prefect flow: ``serve``'s deployment, and ``ingest``
runs when a Prefect API is configured.

The flow adds no step of its own: it runs ``flows.pipeline.run_ingest`` (the one
definition of the pipeline's order) with a runner that calls each stage as a Prefect task,
with the retry policy the stage declares. Ad-hoc runs call ``run_ingest`` inline instead,
with no Prefect server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from prefect import Task, flow, task, unmapped
from prefect.cache_policies import NO_CACHE
from pydantic import SecretStr

from flows.pipeline import STAGES, RunSummary, is_transient, run_ingest
from flows.settings import Limits
from warehouse.db import shown_url

T = TypeVar("T")


def _retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    try:
        state.result()
    except Exception as exc:
        return is_transient(exc)
    return False


def as_task(stage: Callable[..., Any]) -> Task[Any, Any]:
    """A stage as a Prefect task: retried only on transient database faults."""
    delays: tuple[float, ...] = getattr(stage, "retry_delays_s", ())
    retry: dict[str, Any] = (
        {
            "retries": len(delays),
            "retry_delay_seconds": list(delays),
            "retry_condition_fn": _retry_transient,
        }
        if delays
        else {}
    )
    make: Any = task  # prefect's overloads do not type a ** of options
    return make(stage, name=stage.__name__, cache_policy=NO_CACHE, **retry)


TASKS: dict[Callable[..., Any], Task[Any, Any]] = {s: as_task(s) for s in STAGES}


class _AsTasks:
    """Each stage call becomes a task run of the current flow run."""

    def __call__(self, stage: Callable[..., T], *args: Any) -> T:
        run: Any = TASKS[stage]  # a sync task called in a flow returns its result
        return run(*args)

    def map(self, stage: Callable[..., T], items: Sequence[Any], *args: Any) -> list[T | Exception]:
        futures = TASKS[stage].map(list(items), *(unmapped(a) for a in args))
        out: list[T | Exception] = []
        for f in futures:
            try:  # a Dask worker lost mid-task raises here (KilledWorker), for its item only
                out.append(f.result())
            except Exception as exc:
                out.append(exc)
        return out


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
    """Ingest PDFs (see ``flows.pipeline.run_ingest``), each stage a task run."""
    return run_ingest(
        paths,
        warehouse_url,
        limits,
        thresholds,
        report_dir,
        alert_urls,
        settle_s,
        progress,
        distributed,
        runner=_AsTasks(),
    )


def flow_for(settings: Any) -> Any:
    """The ingest flow as the settings configure it: local, or on a Dask cluster."""
    if not settings.dask_address:
        return ingest_flow
    from prefect_dask import DaskTaskRunner

    # prefect-dask types its futures apart from the core ones
    runner: Any = DaskTaskRunner(address=settings.dask_address)
    return ingest_flow.with_options(task_runner=runner)


def deployment_for(settings: Any, url: str, inbox: Path, cron: str) -> Any:
    """The nightly deployment: the inbox on a cron schedule in the bureau's timezone."""
    from prefect.schedules import Cron

    return flow_for(settings).to_deployment(
        name="nightly-ingest",
        schedules=[Cron(cron, timezone=settings.timezone)],
        parameters=settings.run_parameters(url, [str(inbox.resolve())], settings.settle_s),
        tags=["budget-etl"],
        description=f"Ingest {inbox} into {shown_url(url)} on '{cron}' ({settings.timezone})",
    )
