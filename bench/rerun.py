"""A nightly re-run with nothing new: 1,000 files already in the warehouse.

Makes 1,000 distinct annex files (golden PDFs with a distinct trailing comment), registers
them as loaded (document rows with their sha256, written directly: loading 1,000 annexes
first would only measure loading), then times the ingest flow over the inbox inside a
running Prefect API (as ``budget-etl serve`` runs it): discovery, hashing, one lookup,
nothing parsed. Also times the same through the CLI, where a temporary Prefect server
starts first.

Run: ``python bench/rerun.py [--files 1000]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from _results import write_section  # noqa: E402

GOLDEN = ROOT / "fixtures" / "golden"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    from datetime import datetime

    from sqlalchemy import insert

    from flows.documents import sha256_of
    from warehouse.db import make_engine, upgrade
    from warehouse.models import DimFiscalYear, DimIssuer, Document, EtlRun

    sources = [p.read_bytes() for p in sorted(GOLDEN.glob("*.pdf"))]
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        url = f"duckdb:///{Path(tmp) / 'w.duckdb'}"
        files = []
        for i in range(args.files):
            f = inbox / f"annex_{i:04d}.pdf"
            f.write_bytes(sources[i % len(sources)] + f"\n% {i}\n".encode())
            files.append(f)
        engine = make_engine(url)
        upgrade(engine)
        with engine.begin() as conn:
            conn.execute(
                insert(EtlRun).values(started_at=datetime.now(), documents=0, loaded=0, rejected=0)
            )
            # first values of their sequences: run 1 and issuer 1, referenced below
            conn.execute(insert(DimIssuer).values(issuer_name="天门市某局"))
            conn.execute(insert(DimFiscalYear).values(fiscal_year=2024))
            conn.execute(
                insert(Document),
                [
                    {
                        "document_sha256": sha256_of(f),
                        "file_name": f.name,
                        "issuer_id": 1,
                        "fiscal_year": 2024,
                        "page_count": 1,
                        "producer": "bench",
                        "ingested_at": datetime.now(),
                        "run_id": 1,
                    }
                    for f in files
                ],
            )
        engine.dispose()

        from prefect.testing.utilities import prefect_test_harness

        from flows.ingest import ingest_flow

        with prefect_test_harness(server_startup_timeout=120):
            ingest_flow([str(inbox)], url)  # warm: imports, first flow run
            started = time.perf_counter()
            summary = ingest_flow([str(inbox)], url)
            in_api = time.perf_counter() - started
        assert {d["status"] for d in summary.documents} == {"unchanged"}

        command = str(Path(sys.executable).parent / "budget-etl")
        started = time.perf_counter()
        done = subprocess.run(
            [command, "ingest", str(inbox), "--warehouse", url, "--json"],
            env={**os.environ, "BUDGET_ETL_REPORT_DIR": ""},
            capture_output=True,
            timeout=600,
            check=False,
        )
        cli = time.perf_counter() - started
        assert done.returncode == 0, done.stderr[-2000:]
        size = sum(f.stat().st_size for f in files) / 1024 / 1024
    lines = [
        "## No-change nightly re-run (bench/rerun.py)",
        "",
        f"{args.files:,} annex files ({size:.0f} MiB) already loaded; the run hashes each "
        "file, finds all of them in the warehouse and parses nothing.",
        "",
        "| how | seconds |",
        "|---|---:|",
        f"| flow run inside a running Prefect API (as `budget-etl serve` runs it) | {in_api:.1f} |",
        f"| `budget-etl ingest` from a fresh process (temporary Prefect server) | {cli:.1f} |",
    ]
    write_section("rerun", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
