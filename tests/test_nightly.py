"""Nightly operation: the scheduled deployment, transient-only retries, files still being
written, and per-document work on a Dask cluster started by the test."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin
from sqlalchemy.exc import OperationalError

from flows.documents import discover
from flows.ingest import deployment_for, flow_for
from flows.pipeline import is_transient
from flows.settings import Settings
from tests.conftest import GOLDEN, cli

SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"


def test_nightly_deployment_is_scheduled_in_shanghai_time(tmp_path: Path) -> None:
    settings = Settings()
    deployment = deployment_for(settings, "duckdb:///w.duckdb", tmp_path, "0 2 * * *")
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")
    assert deployment.parameters["paths"] == [str(tmp_path.resolve())]
    assert deployment.parameters["settle_s"] == settings.settle_s > 0


def test_only_transient_faults_are_retried() -> None:
    assert is_transient(OperationalError("SELECT 1", {}, Exception("connection refused")))
    assert not is_transient(ValueError("bad table"))
    assert not is_transient(KeyError("项目名称"))


def _run_as_task(stage: Any, *args: Any) -> tuple[int, int, Any]:
    """Run ``stage`` as ``flows.ingest`` makes it a task, in a flow run on the test's
    Prefect server: (how many times Prefect ran it, how many AwaitingRetry states it went
    through, its result or the exception it ended with)."""
    from prefect import flow
    from prefect.client.orchestration import get_client

    from flows.ingest import as_task

    stage_task: Any = as_task(stage)  # prefect types a sync task's call as maybe a coroutine

    @flow
    def one_stage() -> tuple[Any, Any]:
        state = stage_task(*args, return_state=True)
        return state.state_details.task_run_id, state.result(raise_on_failure=False)

    task_run_id, result = one_stage()
    with get_client(sync_client=True) as client:
        run = client.read_task_run(task_run_id)
        states = client.read_task_run_states(task_run_id)
    return run.run_count, sum(s.name == "AwaitingRetry" for s in states), result


def test_prefect_retries_transient_faults_as_the_stage_declares(
    monkeypatch: Any, prefect_harness: None
) -> None:
    """Real Prefect task runs: a transient database fault is retried as often as the stage
    declares (``retry_delays_s``; shortened here, their number kept), a parse error never."""
    from extractors import ExtractionError
    from flows import pipeline

    short = tuple(0.2 for _ in pipeline.RETRY_DELAYS_S)
    retries = len(short)
    assert retries == 3  # README: "3 retries after 2, 10 and 30 s"
    # The real stage against a database that refuses connections: fails every attempt.
    monkeypatch.setattr(pipeline.prepare_warehouse, "retry_delays_s", short)
    monkeypatch.setattr(pipeline, "RETRY_DELAYS_S", short)  # for @retried below
    runs, waits, result = _run_as_task(
        pipeline.prepare_warehouse, "postgresql+psycopg://budget@127.0.0.1:9/nowhere"
    )
    assert isinstance(result, OperationalError), result
    assert (runs, waits) == (1 + retries, retries)

    calls: list[str] = []

    @pipeline.retried
    def flaky(fails: int, error: Exception) -> str:
        calls.append("")
        if len(calls) <= fails:
            raise error
        return "done"

    down = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    assert _run_as_task(flaky, 2, down) == (3, 2, "done")  # healed on the third attempt
    assert len(calls) == 3
    for parse_error in (
        ExtractionError("unparseable_table", "no title naming the issuer and year"),
        ValueError("bad table"),
    ):
        calls.clear()
        runs, waits, result = _run_as_task(flaky, 1, parse_error)
        assert (runs, waits, len(calls)) == (1, 0, 1), parse_error
        assert isinstance(result, type(parse_error)), result


def test_files_still_being_written_wait(tmp_path: Path) -> None:
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    shutil.copyfile(SAMPLE, old)
    shutil.copyfile(SAMPLE, new)
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert discover([tmp_path], settle_s=60) == ([old], [new])
    assert discover([tmp_path]) == ([new, old], [])


@contextmanager
def _cluster() -> Iterator[tuple[Any, Any]]:
    """A Dask cluster of two single-threaded worker processes, configured as the README
    asks (workers not daemonic: each reads its document in a child process), and a client."""
    import dask
    from distributed import Client, LocalCluster

    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield cluster, client


def test_documents_read_on_a_dask_cluster(duckdb_url: str, prefect_harness: None) -> None:
    """Each document is a task on a cluster of worker processes (not this one), and each
    outcome names the worker that read it."""
    docs = [str(SAMPLE), str(GOLDEN / "tianmen_edu_2024.flow.pdf")]
    with _cluster() as (cluster, client):
        worker_pids = set(client.run(os.getpid).values())
        settings = Settings(dask_address=cluster.scheduler_address, report_dir="")
        parameters = settings.run_parameters(duckdb_url, docs, settle_s=0)
        summary = flow_for(settings)(**parameters)
    assert parameters["distributed"] is True
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    assert [d["status"] for d in summary.documents] == ["loaded", "loaded"], [
        d["message"] for d in summary.documents
    ]
    assert summary.documents[0]["projects"] == 8
    read_by = {int(d["read_on"].rsplit(":", 1)[1]) for d in summary.documents}
    assert read_by <= worker_pids, (read_by, worker_pids)


POISON = "kills-its-worker.pdf"


class _ReadingPoisonKillsTheWorker(WorkerPlugin):
    """A Dask worker plugin (test only): in each worker process, a task that reads a file
    named ``POISON`` kills that worker process mid-task, as the kernel's OOM killer or a
    lost node would; other files are read as usual."""

    def setup(self, worker: Any) -> None:
        import signal

        import flows.workers

        real = flows.workers.run_isolated

        def run_isolated(jobs: list[tuple[Path, str]], *args: Any, **kwargs: Any) -> Any:
            if any(path.name == POISON for path, _ in jobs):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(jobs, *args, **kwargs)

        flows.workers.run_isolated = run_isolated


def test_a_dask_worker_dying_mid_task_fails_only_its_document(
    tmp_path: Path, duckdb_url: str, prefect_harness: None
) -> None:
    """Dask retries a task whose worker died on another worker, then gives up
    (KilledWorker): that document ends failed, the others load, the run ends in bounded
    time."""
    poison = tmp_path / POISON
    shutil.copyfile(GOLDEN / "tianmen_edu_2024.flow.pdf", poison)
    ended: list[Any] = []  # the run's summary, or what it raised
    with _cluster() as (cluster, client):
        client.register_plugin(_ReadingPoisonKillsTheWorker())
        settings = Settings(dask_address=cluster.scheduler_address, report_dir="")
        parameters = settings.run_parameters(duckdb_url, [str(SAMPLE), str(poison)], settle_s=0)

        def run() -> None:
            try:
                ended.append(flow_for(settings)(**parameters))
            except BaseException as exc:
                ended.append(exc)

        # in a thread left behind if it hangs, so that a hang fails the test, not CI
        runner = threading.Thread(target=run, daemon=True)
        runner.start()
        runner.join(timeout=300)
        assert ended, "the run did not end within 300 s"
    (summary,) = ended
    assert not isinstance(summary, BaseException), summary
    statuses = {Path(d["path"]).name: (d["status"], d["message"]) for d in summary.documents}
    assert statuses[SAMPLE.name][0] == "loaded"
    assert statuses[POISON][0] == "failed"
    assert "KilledWorker" in statuses[POISON][1], statuses[POISON]
    assert summary.exit_code == 1


def test_served_deployment_runs_on_a_prefect_server(
    tmp_path: Path, duckdb_url: str, prefect_harness: None
) -> None:
    """`budget-etl serve` registers the schedule with a real Prefect server and executes
    the runs it is given; here one run is triggered instead of waiting for 02:00."""
    import subprocess

    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL
    from sqlalchemy import text

    from warehouse.db import make_engine

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(SAMPLE, inbox / SAMPLE.name)
    an_hour_ago = time.time() - 3600
    os.utime(inbox / SAMPLE.name, (an_hour_ago, an_hour_ago))
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "BUDGET_ETL_REPORT_DIR": "",
    }
    command = cli()
    server = subprocess.Popen(
        [command, "serve", "--inbox", str(inbox), "--warehouse", duckdb_url],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        run: Any = None
        for _ in range(60):  # the deployment appears once serve has registered it
            try:
                run = run_deployment("budget-etl-ingest/nightly-ingest", timeout=180)
                break
            except Exception:
                time.sleep(1)
        assert run is not None and run.state is not None
        assert run.state.is_completed(), run.state
    finally:
        server.terminate()
        server.wait(timeout=30)
    engine = make_engine(duckdb_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document")).scalar_one() == 1
    engine.dispose()
