"""The front door: what an analyst's `budget-etl ingest` costs, beside plain camelot.

Each measure runs a fresh process (interpreter start and imports included for both sides)
and is repeated; the median is reported:

(a) cold: one 8-page annex, a new empty HOME and PREFECT_HOME, an empty working directory
    (so a new embedded warehouse), no PREFECT_API_URL: the Quick start's first run;
(b) warm: the same, into the existing warehouse (a byte-distinct copy of the annex, so it
    is read and loaded again, not skipped as unchanged);
(c) batch: 20 annexes, 120 pages, cold, in one run;

each beside ``python -c "import camelot; camelot.read_pdf(f, pages='all')"`` (default
flavor and settings) over the same files; and (d) where the cold run's time goes: the
stage timings ``budget-etl ingest -v`` logs.

Run: ``python bench/front_door.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from _results import write_section  # noqa: E402

GOLDEN = ROOT / "fixtures" / "golden"
SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"
# 20 annexes, 120 pages: the two 8-page renderings x6, and 3-page annexes x8.
BATCH = [
    *[GOLDEN / "tianmen_hrss_2023.word.pdf"] * 6,
    *[GOLDEN / "tianmen_hrss_2023.excel.pdf"] * 6,
    *[
        GOLDEN / f"{name}.pdf"
        for name in (
            "tianmen_culture_2022.breaks",
            "tianmen_edu_2023.previous_year",
            "tianmen_edu_2024.word_flow",
            "tianmen_finance_2024.disclosure",
            "tianmen_market_2024.defects",
            "tianmen_culture_2022.breaks",
            "tianmen_edu_2023.previous_year",
            "tianmen_market_2024.defects",
        )
    ],
]


def distinct_copies(sources: list[Path], target: Path, tag: str) -> list[Path]:
    """Byte-distinct copies (a comment after %%EOF): each is a new document to the ETL."""
    out = []
    for k, src in enumerate(sources):
        dst = target / f"{src.stem}.{tag}{k:02d}.pdf"
        dst.write_bytes(src.read_bytes() + f"\n% {tag} {k}\n".encode())
        out.append(dst)
    return out


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BUDGET_ETL_"))}
    env.update(HOME=str(home), PREFECT_HOME=str(home / ".prefect"), BUDGET_ETL_REPORT_DIR="")
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=1800)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[:3]} exited {done.returncode}: {done.stderr[-2000:]!r}")
    return wall


def camelot_cmd(files: list[Path]) -> list[str]:
    code = "import sys, camelot\nfor f in sys.argv[1:]:\n    camelot.read_pdf(f, pages='all')\n"
    return [sys.executable, "-c", code, *map(str, files)]


def etl_cmd(files: list[Path]) -> list[str]:
    return [str(Path(sys.executable).parent / "budget-etl"), "ingest", *map(str, files)]


def pages_of(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(str(f))) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, tuple[list[float], list[float]]] = {}
    for r in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            home, work, files = base / "home", base / "work", base / "files"
            for d in (home, work, files):
                d.mkdir()
            env = clean_env(home)
            one = distinct_copies([SAMPLE], files, f"cold{r}")
            again = distinct_copies([SAMPLE], files, f"warm{r}")
            batch = distinct_copies(BATCH, files, f"batch{r}")
            # plain camelot first on each set: both sides then read from a warm page cache
            cam_one = timed(camelot_cmd(one), work, env)
            cold = timed(etl_cmd(one), work, env)
            warm = timed(etl_cmd(again), work, env)
            cam_batch = timed(camelot_cmd(batch), work, env)
            shutil.rmtree(home)
            home.mkdir()
            batch_work = base / "batch_work"
            batch_work.mkdir()
            etl_batch = timed(etl_cmd(batch), batch_work, env)
            for name, etl, cam in (
                ("one 8-page annex, cold (fresh HOME, new warehouse)", cold, cam_one),
                ("one 8-page annex, warm (existing warehouse)", warm, cam_one),
                ("20 annexes / 120 pages, cold", etl_batch, cam_batch),
            ):
                rows.setdefault(name, ([], []))[0].append(etl)
                rows[name][1].append(cam)
            print(
                f"run {r + 1}: cold {cold:.2f} warm {warm:.2f} batch {etl_batch:.2f} | "
                f"camelot one {cam_one:.2f} batch {cam_batch:.2f}",
                flush=True,
            )
    with tempfile.TemporaryDirectory() as tmp:  # (d) one cold run with its stage timings
        base = Path(tmp)
        (base / "home").mkdir()
        one = distinct_copies([SAMPLE], base, "timeline")
        done = subprocess.run(
            [*etl_cmd(one), "-v"],
            cwd=base,
            env=clean_env(base / "home"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        timeline = [ln for ln in done.stderr.splitlines() if ln.startswith("INFO budget_etl")]
    n_pages = pages_of(BATCH)
    lines = [
        "## Front door: an ad-hoc `budget-etl ingest` vs plain camelot (bench/front_door.py)",
        "",
        "Fresh process for each side (interpreter start and imports included); no "
        "`PREFECT_API_URL` (inline run, no Prefect server); embedded DuckDB warehouse; report "
        f"off. Plain camelot: `camelot.read_pdf(f, pages='all')`, defaults. Batch: "
        f"{len(BATCH)} annexes, {n_pages} pages. Median of {args.repeat} runs.",
        "",
        "| run | budget-etl ingest | plain camelot | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, (etl, cam) in rows.items():
        e, c = statistics.median(etl), statistics.median(cam)
        lines.append(f"| {name} | {e:.2f} s | {c:.2f} s | {e / c:.2f}x |")
    lines += ["", "Where a cold one-annex run spends its time (`budget-etl ingest -v`):", "", "```"]
    lines += [ln.removeprefix("INFO budget_etl: ") for ln in timeline] + ["```"]
    write_section("front_door", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
