"""Scale inside one document: a long list (L1, 预算表12) of about 1,000 indicator rows
over about 80 pages, read by the list reader.

The list is rendered by the fixture factory from the Beijing list spec, its projects
repeated (codes and names made distinct) until it holds ``--rows`` indicator rows, header
on the first page only and cut cells blank: the hard case, where every page but the first
starts mid-set. Each stage runs in a fresh process, repeated; the median is reported with
the peak resident memory of that process (ru_maxrss), and the read is checked: as many
sets as rendered, every indicator row in its set.

Run: ``python bench/long_list.py [--rows 1000 2000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))

from _results import write_section  # noqa: E402

SPEC = ROOT / "fixtures" / "specs" / "beijing_list_2026.yaml"

# One measured stage in a child process: prints JSON {seconds, peak_mib, sets, rows}.
CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
stage, pdf = sys.argv[1], Path(sys.argv[2])
t = time.perf_counter()
if stage == "pages":
    from extractors.pdf import read_pages
    content = read_pages(pdf, 1000)
    sets = rows = 0
    read = []
elif stage == "extract":
    from extractors import extract
    annex = extract(pdf, max_pages=1000)
    sets, rows = len(annex.projects), sum(len(p.indicators) for p in annex.projects)
    read = [[p.code + "-" + p.name, len(p.indicators)] for p in annex.projects]
else:
    from extractors import extract
    from normalize.frames import normalise
    frames = normalise(extract(pdf, max_pages=1000), "bench")
    sets, rows = frames.projects.height, frames.indicators.height
    read = []
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mib": peak, "sets": sets, "rows": rows,
                  "read": read}}))
"""


def long_spec(rows: int) -> dict:
    """The Beijing list spec with its projects repeated until ``rows`` indicator rows."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    base = spec["projects"]
    projects, n, k = [], 0, 0
    while n < rows:
        p = copy.deepcopy(base[k % len(base)])
        p["code"] = f"1100002{k:02d}T0000005{k:06d}"[:21]
        p["name"] = f"{p['name']}（第{k + 1}包）"
        projects.append(p)
        n += len(p["indicators"])
        k += 1
    spec["projects"] = projects
    return spec


def render(spec: dict, out: Path) -> int:
    from fixtures.render import render_reportlab

    layout = dict(spec["renderings"]["list"])
    render_reportlab(spec, layout, out)
    import pypdfium2

    return len(pypdfium2.PdfDocument(str(out)))


def measure(stage: str, pdf: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT)), stage, str(pdf)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = statistics.median(r["seconds"] for r in runs)
    return {**runs[-1], "seconds": best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lines = [
        "## Long list inside one document (`bench/long_list.py`)",
        "",
        "An L1 list (北京 预算表12 layout, header on the first page only, cut cells blank, "
        "every page after the first starting mid-set), each stage in a fresh process, "
        f"median of {args.repeat}; the read is checked set by set (code, name and number "
        "of rows of every set as rendered).",
        "",
        "| sets | indicator rows | pages | stage | seconds | pages/s | peak RSS (MiB) |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "pages": "page text and glyphs (pdfium)",
        "extract": "+ ruled tables (camelot), list reader",
        "normalise": "+ normalisation (polars)",
    }
    failed = False
    for n in args.rows:
        spec = long_spec(n)
        wanted = [[f"{p['code']}-{p['name']}", len(p["indicators"])] for p in spec["projects"]]
        rows = sum(k for _, k in wanted)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "long_list.pdf"
            pages = render(spec, pdf)
            results = {s: measure(s, pdf, args.repeat) for s in names}
        if results["extract"]["read"] != wanted:
            failed = True
            lines.append(f"| {len(wanted)} | {rows} | {pages} | READ MISMATCH | | | |")
        for stage, r in results.items():
            lines.append(
                f"| {len(wanted)} | {rows} | {pages} | {names[stage]} | {r['seconds']:.1f} | "
                f"{pages / r['seconds']:.1f} | {r['peak_mib']:.0f} |"
            )
    write_section("long_list", "\n".join(lines))
    print("\n".join(lines))
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
