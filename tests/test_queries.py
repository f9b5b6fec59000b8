"""Named cross-department queries and the report, from a warehouse loaded with golden
annexes, identical on the embedded default and PostgreSQL; the report in real Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tests.conftest import cli, golden_renderings, require
from warehouse.queries import QUERIES, run_query

CORPUS = golden_renderings()  # renderings of one annex supersede each other


@pytest.fixture
def loaded(duckdb_url: str, postgres_url: str, prefect_harness: None) -> dict[str, str]:
    from flows.ingest import ingest_flow

    for url in (duckdb_url, postgres_url):
        summary = ingest_flow([str(p) for p in CORPUS], url)
        assert {d["status"] for d in summary.documents} == {"loaded"}
    return {"duckdb": duckdb_url, "postgres": postgres_url}


def _rows(frame: pl.DataFrame, **match: Any) -> list[dict[str, Any]]:
    return [r for r in frame.to_dicts() if all(r[k] == v for k, v in match.items())]


def test_named_queries_answer_and_agree(loaded: dict[str, str]) -> None:
    results = {db: {name: run_query(url, name) for name in QUERIES} for db, url in loaded.items()}
    for name in QUERIES:  # the same rows on both warehouses (collations order text apart)
        a, b = results["duckdb"][name], results["postgres"][name]
        assert a.columns == b.columns, name
        assert sorted(_loose(a)) == sorted(_loose(b)), name
    q = results["duckdb"]
    hrss = dict(issuer="天门市人力资源和社会保障局", fiscal_year=2023)
    assert _rows(q["funding_by_department"], **hrss, project_attribute="延续项目")[0][
        "total_yuan"
    ] == Decimal("550000.00")  # 40万 + 15万
    assert _rows(q["cost_per_output"], **hrss, indicator_name="档案数字化份数")[0][
        "yuan_per_unit"
    ] == Decimal("20.00")  # 25万 / 12500 份
    health = _rows(q["satisfaction_by_department"], issuer="天门市卫生健康委员会")[0]
    assert (health["min_target_pct"], health["below_90"]) == (Decimal("85"), 1)
    market = _rows(q["category_coverage"], issuer="天门市市场监督管理局", level1="满意度指标")
    assert market[0]["projects_without_category"] == 1
    yoy = {r["project_name"]: r["change_pct"] for r in q["yoy_changes"].to_dicts()}
    assert yoy == {
        "学生资助经费": Decimal("20.00"),
        "教师培训经费": Decimal("25.00"),
        "校舍维修改造项目": Decimal("0.00"),
    }
    board = _rows(q["findings_scoreboard"], **hrss)[0]
    assert (board["errors"], board["warnings"]) == (7, 23)


def _loose(frame: pl.DataFrame) -> list[tuple[str, ...]]:
    """Rows as text with normalised numbers (drivers differ in decimal scale)."""
    return [
        tuple(
            str(Decimal(str(v)).normalize())
            if isinstance(v, Decimal | float | int) and not isinstance(v, bool)
            else str(v)
            for v in row
        )
        for row in frame.iter_rows()
    ]


def test_query_formats(loaded: dict[str, str], tmp_path: Path) -> None:
    command = cli()
    url = loaded["postgres"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, "query", *args, "--warehouse", url],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    csv = run("findings_scoreboard", "--format", "csv")
    assert csv.returncode == 0 and csv.stdout.startswith("issuer,fiscal_year,projects,errors")
    rows = json.loads(run("yoy_changes", "--format", "json").stdout)
    assert {r["project_name"] for r in rows} == {"学生资助经费", "教师培训经费", "校舍维修改造项目"}
    assert run("funding_by_department", "--format", "parquet", "--out", "f.parquet").returncode == 0
    assert pl.read_parquet(tmp_path / "f.parquet").height > 0
    assert "天门市教育局" in run("cost_per_output").stdout
    assert run("no_such_query").returncode == 2


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_report_opens_in_headless_chromium(loaded: dict[str, str], tmp_path: Path) -> None:
    require(CHROMIUM is not None, "chromium (installed by .ci/run)")
    command = cli()
    for db, url in loaded.items():
        made = subprocess.run(
            [command, "report", "--out", str(tmp_path / db), "--warehouse", url],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert made.returncode == 0, made.stderr
    page = tmp_path / "postgres" / "index.html"
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=1200,2000", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert dom.stdout.count('<svg class="chart"') == 3
    assert "项目支出绩效目标跨部门报告" in dom.stdout and "天门市教育局" in dom.stdout
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console
    assert "Failed to load resource" not in dom.stderr
    assert shot.exists() and shot.stat().st_size > 20_000
