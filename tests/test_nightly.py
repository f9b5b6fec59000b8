"""Nightly operation: the scheduled deployment, transient-only retries, files still being
written, and per-document work on a Dask cluster started by the test."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

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


def test_files_still_being_written_wait(tmp_path: Path) -> None:
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    shutil.copyfile(SAMPLE, old)
    shutil.copyfile(SAMPLE, new)
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert discover([tmp_path], settle_s=60) == ([old], [new])
    assert discover([tmp_path]) == ([new, old], [])


def test_documents_read_on_a_dask_cluster(duckdb_url: str, prefect_harness: None) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster:
        settings = Settings(dask_address=cluster.scheduler_address, report_dir="")
        parameters = settings.run_parameters(
            duckdb_url, [str(SAMPLE), str(GOLDEN / "tianmen_edu_2024.flow.pdf")], settle_s=0
        )
        summary = flow_for(settings)(**parameters)
    assert parameters["distributed"] is True
    assert [d["status"] for d in summary.documents] == ["loaded", "loaded"]
    assert summary.documents[0]["projects"] == 8


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
