"""The development crawl end to end: every real 部门预算 of ../shared/realworld/crawl in one
``budget-etl ingest`` run, as a fiscal bureau would run it on its first night.

Prints, per document, its status (and reason), issuer and year, the sets and indicator
rows read, how many rows have a parsed target, the pages whose text prints a target
table against the pages read (the unread ones named), and the documents the views hide
behind another (supersession); then the totals, the time per page and the peak memory
of the run. Writes its section of bench/RESULTS.md (``crawl``), and section ``money``:
per document the money tables found per kind, lines read, which arithmetic checks hold,
and the money pages printed but not read.

Run: ``python bench/crawl.py [--keep DIR]`` (DIR keeps the warehouse and the JSON summary)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

from _results import write_section  # noqa: E402

sys.path.insert(0, str(ROOT))
from extractors.pages import page_ranges  # noqa: E402

CRAWL = ROOT.parent / "shared" / "realworld" / "crawl"


def _manifest() -> dict[str, tuple[str, int, str]]:
    rows = (CRAWL / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {
        sha: (kind, int(pages), name)
        for sha, kind, pages, name in (line.split("\t") for line in rows)
    }


def _current_documents(warehouse: str) -> set[str]:
    """Documents whose sets the contract views show (the current versions)."""
    import duckdb

    with duckdb.connect(warehouse, read_only=True) as con:
        rows = con.sql(
            "select document_sha256 from v_project_funding "
            "union select document_sha256 from v_budget_tables"
        ).fetchall()
    return {r[0] for r in rows}


def run(folder: Path, timeout_s: int) -> tuple[dict[str, object], float, float]:
    warehouse = folder / "crawl.duckdb"
    started = time.perf_counter()
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "budget-etl"),
            "ingest",
            str(CRAWL),
            "--json",
            "--warehouse",
            f"duckdb:///{warehouse}",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(folder),
            "BUDGET_ETL_REPORT_DIR": "",
            "BUDGET_ETL_LIMITS__TIMEOUT_S": str(timeout_s),
        },
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode not in (0, 1):
        raise SystemExit(f"budget-etl failed ({done.returncode}): {done.stderr[-2000:]}")
    (folder / "summary.json").write_text(done.stdout, encoding="utf-8")
    return json.loads(done.stdout), seconds, peak_mb


def _numbers_with_value(warehouse: str) -> tuple[int, int, int, int, int]:
    """#16's measure over the rows the views show: rows whose target prints a digit, of
    them the deadlines (a date: target_date, no value by DESIGN §3) and the cells of
    several targets, and how many of those that are no deadline have ``target_value`` (a
    cell of several targets counts as without)."""
    import duckdb

    with duckdb.connect(warehouse, read_only=True) as con:
        (row,) = con.sql(
            "SELECT count(*), count(*) FILTER (target_kind = 'deadline'),"
            " count(*) FILTER (target_kind = 'multiple'),"
            " count(*) FILTER (target_kind <> 'deadline'),"
            " count(*) FILTER (target_kind <> 'deadline' AND target_value IS NOT NULL)"
            " FROM v_indicator_targets WHERE regexp_matches(target_text, '[0-9０-９]')"
        ).fetchall()
    return tuple(row)  # type: ignore[return-value]


def report(summary: dict[str, object], seconds: float, peak_mb: float, folder: Path) -> str:
    manifest = _manifest()
    documents = summary["documents"]
    assert isinstance(documents, list)
    current = _current_documents(str(folder / "crawl.duckdb"))
    numbers = _numbers_with_value(str(folder / "crawl.duckdb"))
    lines = [
        "## The development crawl end to end (bench/crawl.py)",
        "",
        f"One `budget-etl ingest` of `../shared/realworld/crawl` ({len(documents)} documents, "
        f"{sum(m[1] for m in manifest.values())} pages) into a new DuckDB warehouse, "
        "inline, report off. `set` is the crawl's own label (targets: an indicator header "
        "found in the text by the crawl's collector; other: none). `pages T/R` = pages whose "
        "text prints a target table / pages sets were read from. `parsed` = indicator rows "
        "whose target reads as a quantity, deadline, several targets or a qualitative word.",
        "",
        "| set | document | status | issuer, FY | sets | rows | parsed | pages T/R | unread |",
        "|---|---|---|---|---:|---:|---:|---:|---|",
    ]
    statuses: Counter[tuple[str, str]] = Counter()
    rows = parsed = unread_total = 0
    hidden = []
    timed_out = []
    for d in sorted(documents, key=lambda d: manifest[d["sha256"]][2]):
        kind, _, name = manifest[d["sha256"]]
        status = d["status"] + (f" {d['reason_code']}" if d["reason_code"] else "")
        statuses[(kind, status)] += 1
        cov = d.get("coverage") or {}
        rows += cov.get("rows", 0)
        parsed += cov.get("rows_parsed", 0)
        unread = cov.get("unread_pages", [])
        unread_total += len(unread)
        if d["status"] == "loaded" and d["sha256"] not in current:
            hidden.append(name)
        if d["reason_code"] == "timeout":
            timed_out.append(name)
        share = f"{100 * cov['rows_parsed'] / cov['rows']:.0f}%" if cov.get("rows") else "–"
        who = f"{d['issuer'] or '?'} {d['fiscal_year'] or ''}".strip()
        lines.append(
            f"| {kind} | {name} | {status} | {who} | {d['projects']} | {cov.get('rows', 0)} "
            f"| {share} | {cov.get('pages_with_targets', 0)}/{cov.get('pages_read', 0)} "
            f"| {page_ranges(unread)} |"
        )
    pages = sum(m[1] for m in manifest.values())
    lines += [
        "",
        "Statuses: "
        + ", ".join(f"{kind} {status}: {n}" for (kind, status), n in sorted(statuses.items())),
        f"Indicator rows: {rows}, with a parsed target: {parsed} "
        f"({100 * parsed / max(rows, 1):.1f}%). Unread target pages: {unread_total}.",
        "Rows printing a number (#16): {}; deadlines {} (a date: target_date); cells of "
        "several targets {} (no single value); of the {} that are no deadline, {} have "
        "target_value ({:.1f}%).".format(*numbers, 100 * numbers[4] / max(numbers[3], 1)),
        "Loaded but hidden from the views by another document (supersession): "
        + (", ".join(hidden) if hidden else "none"),
        f"Time: {seconds:.0f} s for {pages} pages = {seconds / pages:.3f} s/page "
        f"(start-up included); peak RSS of one process {peak_mb:.0f} MiB.",
        "Documents stopped at the time limit: " + (", ".join(timed_out) if timed_out else "none"),
        "",
        "Documents labelled `targets` that load nothing, and target pages left unread, why:",
        *_not_loaded(documents, manifest),
    ]
    return "\n".join(lines)


#: target pages the crawl leaves unread, each judged from its page image: why it is read
#: by no reader (file name in the crawl, page) -> why
UNREAD_JUDGED: dict[tuple[str, int], str] = {
    ("009_武汉/信访局_国家信访局2024年度部门决算公开.pdf", 46): (
        "a 2024 部门决算's project evaluation report (绩效评价报告) quotes its project's "
        "indicators as 表1 项目年度绩效指标表: indicators already evaluated, not a budget's "
        "targets, in a table that names no project (the name is in the prose above it); "
        "reported unread, no set invented"
    ),
}


def _not_loaded(
    documents: list[dict[str, Any]], manifest: dict[str, tuple[str, int, str]]
) -> list[str]:
    """Why each document the crawl labels `targets` loads nothing, and why each target
    page left unread is not read: the run's own message, and the judgement of the page."""
    out = []
    for d in sorted(documents, key=lambda d: manifest[d["sha256"]][2]):
        kind, _, name = manifest[d["sha256"]]
        if kind == "targets" and d["status"] != "loaded":
            out.append(f"- {name}: {d['status']} — {d['message'].split(': ', 1)[-1]}")
        for page in (d.get("coverage") or {}).get("unread_pages", []):
            why = UNREAD_JUDGED.get((name, page), "not judged yet")
            out.append(f"- {name}, unread target page {page}: {why}")
    return out


_MONEY_RULES = ("table_total_mismatch", "hierarchy_mismatch", "cross_table_mismatch")


def money_report(summary: dict[str, object]) -> str:
    """Section ``money``: what each document's money tables gave."""
    manifest = _manifest()
    documents = summary["documents"]
    assert isinstance(documents, list)
    lines = [
        "## Money tables of the development crawl (bench/crawl.py)",
        "",
        "The same run as section `crawl`. `kinds` = the money tables read (T01–T09 by "
        "DESIGN §7, `X_*` local extras; `∅` printed empty), `lines` = printed lines read, "
        "`checks` = arithmetic checks that hold / were made (table totals, 类/款/项 "
        "hierarchy, across tables; each within one unit of the last printed place per "
        "addend), `unread` = pages that print a money table's title and gave no line.",
        "",
        "| set | document | status | kinds | lines | checks held | findings | unread |",
        "|---|---|---|---|---:|---|---|---|",
    ]
    with_money = loaded_money = lines_total = held = made = unread_total = 0
    rule_counts: Counter[str] = Counter()
    for d in sorted(documents, key=lambda d: manifest[d["sha256"]][2]):
        kind, _, name = manifest[d["sha256"]]
        tables = d.get("money_tables") or []
        unread = [f["source_page"] for f in d["findings"] if f["rule"] == "unread_money_table"]
        if not tables and not unread:
            continue
        with_money += 1
        loaded_money += d["status"] == "loaded" and bool(tables)
        kinds = " ".join(t["kind"] + ("∅" if t["empty"] else "") for t in tables)
        n_lines = sum(t["lines"] for t in tables)
        lines_total += n_lines
        checks = d.get("money_checks") or {}
        held += sum(c["held"] for c in checks.values())
        made += sum(c["of"] for c in checks.values())
        shown = ", ".join(f"{k} {c['held']}/{c['of']}" for k, c in checks.items()) or "–"
        fired = Counter(f["rule"] for f in d["findings"] if f["rule"] in _MONEY_RULES)
        rule_counts.update(fired)
        unread_total += len(unread)
        lines.append(
            f"| {kind} | {name} | {d['status']} | {kinds} | {n_lines} | {shown} | "
            + ", ".join(f"{r} {n}" for r, n in sorted(fired.items()))
            + f" | {page_ranges(sorted(unread))} |"
        )
    lines += [
        "",
        f"Documents with money tables: {with_money}, loaded with them: {loaded_money}; "
        f"lines read: {lines_total}; arithmetic checks holding: {held} of {made}; "
        f"money pages printed but not read: {unread_total}.",
        "Arithmetic findings: "
        + (", ".join(f"{r} {n}" for r, n in sorted(rule_counts.items())) or "none"),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the warehouse and summary here")
    parser.add_argument(
        "--timeout",
        type=int,
        default=120,
        help="per-document wall time (s); raise it when the machine is shared, so that "
        "a slow run measures reading, not the limit",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        summary, seconds, peak_mb = run(folder, args.timeout)
        body = report(summary, seconds, peak_mb, folder)
    write_section("crawl", body)
    write_section("money", money_report(summary))
    print("\n".join(body.splitlines()[-4:]))


if __name__ == "__main__":
    main()
