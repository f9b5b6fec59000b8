"""The named cross-department queries on a synthetic warehouse of >= 1,000,000 indicator rows.

The generator builds the schema with the project's migrations, then fills it with DuckDB
SQL: 200 departments x 5 years = 1,000 documents, 20 projects each, 25 indicator rows per
horizon (1,000,000 target rows), funding per horizon, findings. Each query is timed as
``budget-etl query`` runs it (SQLAlchemy + polars), best of 3.

Run: ``python bench/queries.py [--projects 20]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from _results import write_section  # noqa: E402

LEVELS = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("成本指标", "经济成本指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
]


def generate(path: Path, departments: int, years: int, projects: int, rows: int) -> int:
    import duckdb

    from warehouse.db import make_engine, upgrade

    engine = make_engine(f"duckdb:///{path}")
    upgrade(engine)
    engine.dispose()
    con = duckdb.connect(str(path))
    levels = ", ".join(f"({i}, '{a}', '{b}')" for i, (a, b) in enumerate(LEVELS))
    docs = departments * years
    con.execute(f"""
    INSERT INTO dim_indicator_category (category_id, level1, level2, is_canonical)
      SELECT 1000 + i, l1, l2, true FROM (VALUES {levels}) v(i, l1, l2);
    INSERT INTO dim_issuer (issuer_id, issuer_name, city)
      SELECT i, '天门市第' || i || '局', '天门市' FROM range(1, {departments} + 1) r(i);
    INSERT INTO dim_fiscal_year SELECT 2020 + y FROM range(1, {years} + 1) r(y);
    INSERT INTO etl_run (run_id, started_at, documents, loaded, rejected)
      VALUES (1, now(), {docs}, {docs}, 0);
    INSERT INTO dim_unit VALUES ('percent', '%'), ('yuan', '元'), ('person', '人');
    INSERT INTO document (document_id, document_sha256, file_name, issuer_id, fiscal_year,
                          page_count, producer, ingested_at, run_id)
      SELECT d, md5(d::VARCHAR) || md5((d + 1)::VARCHAR), 'doc' || d || '.pdf',
             (d - 1) % {departments} + 1, 2021 + (d - 1) // {departments}, {projects},
             'bench', now(), 1
      FROM range(1, {docs} + 1) r(d);
    INSERT INTO project (project_id, document_id, project_seq, project_name,
                         implementing_unit, project_attribute, funding_unit, source_page,
                         table_accuracy)
      SELECT (d - 1) * {projects} + s, d, s, '项目' || s, '天门市第' || s || '中心',
             CASE WHEN s % 3 = 0 THEN '新增项目' ELSE '延续项目' END, '万元', s, 95.0
      FROM range(1, {docs} + 1) r(d), range(1, {projects} + 1) q(s);
    INSERT INTO fct_project_funding (project_id, horizon, period_start_year, period_end_year,
                                     total_yuan, fiscal_yuan, other_yuan)
      SELECT p.project_id, h, 2021, 2023, (p.project_id % 97 + 1) * 10000.00,
             (p.project_id % 97 + 1) * 8000.00, (p.project_id % 97 + 1) * 2000.00
      FROM project p, (VALUES ('midterm'), ('annual')) v(h);
    INSERT INTO fct_indicator_target (target_id, project_id, horizon, row_seq, category_id,
        level1_raw, level2_raw, indicator_name, target_text, standard_text, target_op,
        target_value, target_unit, target_kind, source_page, source_table, source_row)
      SELECT row_number() OVER (), p.project_id, h, 2 * k + (h = 'annual')::INT,
             1000 + k % {len(LEVELS)},
             'l1', 'l2', '指标' || k, '≥' || (80 + k % 20) || '%', '≥90%', '>=',
             CASE WHEN k % {len(LEVELS)} = 3 THEN 5000 ELSE 80 + k % 20 END,
             CASE WHEN k % {len(LEVELS)} = 3 THEN 'yuan'
                  WHEN k % {len(LEVELS)} = 0 THEN 'person' ELSE 'percent' END,
             'quantitative', 1, 0, k
      FROM project p, (VALUES ('midterm'), ('annual')) v(h), range(1, {rows} + 1) r(k);
    INSERT INTO finding (run_id, document_id, project_seq, rule, severity, detail)
      SELECT 1, d, s, 'value_standard_mismatch', 'warning', 'x'
      FROM range(1, {docs} + 1) r(d), range(1, {projects} + 1) q(s) WHERE (d + s) % 4 = 0;
    """)
    total = con.execute("SELECT count(*) FROM fct_indicator_target").fetchone()
    con.close()
    return int(total[0]) if total else 0


def main() -> None:
    from warehouse.queries import QUERIES, run_query

    parser = argparse.ArgumentParser()
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--rows", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.duckdb"
        started = time.perf_counter()
        n = generate(path, args.departments, args.years, args.projects, args.rows)
        built = time.perf_counter() - started
        url = f"duckdb:///{path}"
        lines = [
            "## Named queries at scale (bench/queries.py)",
            "",
            f"Synthetic DuckDB warehouse: {n:,} indicator rows, "
            f"{args.departments * args.years:,} documents, "
            f"{args.departments * args.years * args.projects:,} projects "
            f"(built in {built:.1f} s). Best of 3, as `budget-etl query` runs it.",
            "",
            "| query | rows | seconds |",
            "|---|---:|---:|",
        ]
        for name in QUERIES:
            best, rows = float("inf"), 0
            for _ in range(3):
                t = time.perf_counter()
                rows = run_query(url, name).height
                best = min(best, time.perf_counter() - t)
            lines.append(f"| {name} | {rows:,} | {best:.3f} |")
            print(lines[-1], flush=True)
    write_section("queries", "\n".join(lines))


if __name__ == "__main__":
    main()
