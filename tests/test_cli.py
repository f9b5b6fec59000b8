"""The installed ``budget-etl`` command, as a user runs it: statuses, --json, exit codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import GOLDEN, cli

SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = cli()
    return subprocess.run(
        [command, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_ingest_json_and_rerun(tmp_path: Path) -> None:
    pdf = SAMPLE
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    first = _run("ingest", str(pdf), str(empty), "--json", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    summary = json.loads(first.stdout)
    docs = {Path(d["path"]).name: d for d in summary["documents"]}
    assert docs[pdf.name]["status"] == "loaded"
    assert docs[pdf.name]["projects"] == 8
    assert docs[pdf.name]["issuer"] == "天门市人力资源和社会保障局"
    assert docs[pdf.name]["fiscal_year"] == 2023
    rules = {f["rule"] for f in docs[pdf.name]["findings"]}
    assert {
        "implementing_unit_other_city",
        "midterm_total_less_than_annual",
        "value_standard_mismatch",
        "label_truncated",
        "attribute_nonstandard",
    } <= rules
    assert set(docs[pdf.name]) >= {
        "path",
        "sha256",
        "status",
        "reason_code",
        "message",
        "issuer",
        "fiscal_year",
        "projects",
        "indicators",
        "findings",
    }
    assert docs[empty.name]["status"] == "rejected"
    assert docs[empty.name]["reason_code"] == "empty_file"
    assert (tmp_path / "budget_etl.duckdb").exists()  # the embedded default

    again = _run("ingest", str(pdf), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "[unchanged]" in again.stdout


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert _run("ingest", cwd=tmp_path).returncode == 2
    bad = _run("ingest", str(SAMPLE), "--warehouse", "nosuchdb://x", cwd=tmp_path)
    assert bad.returncode == 2
    assert "cannot open the warehouse" in bad.stderr
