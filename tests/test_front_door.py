"""The front door: an analyst's first ``budget-etl ingest`` on a fresh machine.

Without PREFECT_API_URL the run is inline: no Prefect server is started and no Prefect
database is created, and stderr carries no library's log lines. With PREFECT_API_URL
(here the test harness's server) the same run is recorded there as a flow run whose task
runs are the pipeline's stages.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import GOLDEN, cli

SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"


def _fresh_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BUDGET_ETL_"))}
    env.update(HOME=str(home), PREFECT_HOME=str(home / ".prefect"))
    return env


def test_first_run_on_a_fresh_machine(tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    run = subprocess.run(
        [cli(), "ingest", str(SAMPLE), "--json"],
        cwd=work,
        env=_fresh_env(home),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    (doc,) = json.loads(run.stdout)["documents"]
    assert (doc["status"], doc["projects"], doc["indicators"]) == ("loaded", 8, 154)
    assert (work / "budget_etl.duckdb").is_file()
    # No Prefect server was needed: nothing of Prefect's was created anywhere.
    assert not (home / ".prefect").exists()
    assert not list(home.rglob("*.db")), list(home.rglob("*"))
    # Only the program's own output: no library's log lines or warnings.
    assert run.stderr == "", run.stderr


def test_a_run_with_prefect_api_url_is_a_tracked_flow_run(
    tmp_path: Path, prefect_harness: None
) -> None:
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "BUDGET_ETL_REPORT_DIR": "",
    }
    run = subprocess.run(
        [cli(), "ingest", str(SAMPLE), "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["documents"][0]["status"] == "loaded"

    async def runs() -> tuple[list[str], set[str]]:
        async with get_client() as client:
            flows = await client.read_flow_runs()
            mine = [
                f
                for f in flows
                if f.parameters.get("warehouse_url")
                == f"duckdb:///{tmp_path / 'budget_etl.duckdb'}"
                and f.state
                and f.state.is_completed()
            ]
            tasks = await client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[f.id for f in mine]))
            )
            return [f.name for f in mine], {t.name.rsplit("-", 1)[0] for t in tasks}

    names, stages = asyncio.run(runs())
    assert len(names) == 1
    assert {"prepare_warehouse", "extract_documents", "validate_documents", "load"} <= stages
