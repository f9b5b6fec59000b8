"""End-to-end throughput, start-up cost, per-stage time and peak memory.

(a) pages/s of the whole Prefect flow on a corpus of >= 100 annex pages (the golden PDFs,
    copied N times with a distinct trailing comment so every copy is a new document),
    against plain ``camelot.read_pdf(flavor="lattice")`` with default settings on the same
    files, in the same run;
(b) fixed start-up cost (first import + temporary Prefect server) vs per-page cost;
(c) per-stage time: extract / normalise / validate / load, stages called directly;
(d) peak memory (this process and the largest document process) for 1x and 10x corpus.

Run: ``python bench/pipeline.py [--copies 3] [--skip-camelot]``
"""

from __future__ import annotations

import argparse
import os
import resource
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


def make_corpus(target: Path, copies: int) -> tuple[list[Path], int]:
    """Golden PDFs x copies, each byte-distinct (a comment after %%EOF), and the pages."""
    import pypdfium2 as pdfium

    files, pages = [], 0
    for pdf in sorted(GOLDEN.glob("*.pdf")):
        n = len(pdfium.PdfDocument(str(pdf)))
        data = pdf.read_bytes()
        for k in range(copies):
            out = target / f"{pdf.stem}.copy{k:03d}.pdf"
            out.write_bytes(data + f"\n% copy {k}\n".encode())
            files.append(out)
            pages += n
    return files, pages


def plain_camelot(files: list[Path]) -> float:
    import camelot

    started = time.perf_counter()
    for f in files:
        camelot.read_pdf(str(f), pages="all", flavor="lattice")
    return time.perf_counter() - started


def flow_in_subprocess(files: list[Path], url: str) -> tuple[float, float, int]:
    """Wall time of `budget-etl ingest` (a fresh process: imports + temporary Prefect
    server included), the child's peak RSS (MiB), and its exit code."""
    command = str(Path(sys.executable).parent / "budget-etl")
    env = {**os.environ, "BUDGET_ETL_REPORT_DIR": ""}
    started = time.perf_counter()
    done = subprocess.run(
        [command, "ingest", *map(str, files), "--warehouse", url, "--json"],
        env=env,
        capture_output=True,
        timeout=3600,
        check=False,
    )
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak, done.returncode


def stages(files: list[Path], url: str) -> dict[str, float]:
    """Stage by stage, in this process (one document at a time for extract)."""
    import polars as pl

    from expectations import FINDINGS_SCHEMA, DocumentToCheck, validate
    from extractors import extract
    from flows.documents import sha256_of
    from normalize.frames import normalise
    from warehouse.db import dispose_shared, shared_engine, upgrade
    from warehouse.load import DocumentMeta, load_document, start_run

    t: dict[str, float] = {}
    started = time.perf_counter()
    annexes = [(f, extract(f)) for f in files]
    t["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    docs = [(f, a, normalise(a, sha256_of(f))) for f, a in annexes]
    t["normalise"] = time.perf_counter() - started
    started = time.perf_counter()
    findings = validate([DocumentToCheck(a.issuer, a.fiscal_year, n) for _, a, n in docs])
    t["validate"] = time.perf_counter() - started
    engine = shared_engine(url)  # as the flow loads: one connection for the run
    upgrade(engine)
    run_id = start_run(engine)
    started = time.perf_counter()
    for f, a, n in docs:
        sha = n.projects["document_sha256"][0]
        mine = findings.filter(pl.col("document_sha256") == sha).drop("document_sha256")
        load_document(
            engine,
            run_id,
            DocumentMeta.of(sha, f.name, a),
            a.issuer,
            a.fiscal_year or 0,
            n,
            mine
            if mine.height
            else pl.DataFrame(
                schema={k: v for k, v in FINDINGS_SCHEMA.items() if k != "document_sha256"}
            ),
        )
    t["load"] = time.perf_counter() - started
    dispose_shared()
    return t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--skip-camelot", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "c1").mkdir()
        files, pages = make_corpus(base / "c1", args.copies)
        one = [files[0]]
        one_pages = make_pages(one)

        wall_one, _, _ = flow_in_subprocess(one, f"duckdb:///{base / 'one.duckdb'}")
        wall_all, peak_1x, code = flow_in_subprocess(files, f"duckdb:///{base / 'all.duckdb'}")
        assert code == 0, "ingest failed"
        per_page = (wall_all - wall_one) / (pages - one_pages)
        startup = wall_one - per_page * one_pages
        camelot_s = None if args.skip_camelot else plain_camelot(files)

        t = stages(files, f"duckdb:///{base / 'stages.duckdb'}")

        (base / "c10").mkdir()
        files10, pages10 = make_corpus(base / "c10", args.copies * 10)
        wall10, peak_10x, code10 = flow_in_subprocess(files10, f"duckdb:///{base / 'ten.duckdb'}")
        assert code10 == 0, "ingest failed"

    lines = [
        "## Pipeline (bench/pipeline.py)",
        "",
        f"Corpus: the {len(files) // args.copies} golden PDFs x {args.copies} distinct copies "
        f"= {len(files)} documents, {pages} pages. Warehouse: DuckDB. `budget-etl ingest` in "
        "a fresh process each time (imports and the temporary Prefect server included).",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| end-to-end wall, {pages} pages | {wall_all:.1f} s |",
        f"| end-to-end throughput | {pages / wall_all:.1f} pages/s |",
        f"| per-page cost (marginal) | {per_page * 1000:.0f} ms/page "
        f"({1 / per_page:.1f} pages/s) |",
        f"| fixed start-up cost | {startup:.1f} s |",
    ]
    if camelot_s is not None:
        lines += [
            f"| plain `camelot.read_pdf(flavor='lattice')`, same files | {camelot_s:.1f} s "
            f"({pages / camelot_s:.1f} pages/s) |",
            f"| ratio end-to-end / plain camelot | {wall_all / camelot_s:.2f}x |",
            f"| ratio at 10x corpus (camelot time x10: the copies are identical files) | "
            f"{wall10 / (camelot_s * 10):.2f}x |",
        ]
    lines += [
        f"| stage extract (in-process, 1 core) | {t['extract']:.2f} s "
        f"({t['extract'] / pages * 1000:.0f} ms/page) |",
        f"| stage normalise | {t['normalise']:.2f} s |",
        f"| stage validate (one batch, incl. GX import) | {t['validate']:.2f} s |",
        f"| stage load (DuckDB, Arrow) | {t['load']:.2f} s |",
        f"| peak RSS, 1x corpus ({pages} pages) | {peak_1x:.0f} MiB |",
        f"| end-to-end wall, 10x corpus ({pages10} pages) | {wall10:.0f} s "
        f"({pages10 / wall10:.1f} pages/s) |",
        f"| peak RSS, 10x corpus | {peak_10x:.0f} MiB |",
        "",
        "Peak RSS is the largest process of the run (the CLI's, or a document's reader): "
        "documents are read one per process, so it does not grow with the corpus.",
    ]
    write_section("pipeline", "\n".join(lines))
    print("\n".join(lines))


def make_pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(str(f))) for f in files)


if __name__ == "__main__":
    main()
