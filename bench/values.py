"""The value grammar against a crawl warehouse: every target_text that prints a digit, as
loaded and re-parsed by this checkout's grammar, in the context normalize gives it (the
indicator name, a cost row's funding unit, the document's fiscal year; the row's unit
column is not stored, which only decides a bare number's missing_unit note).

Prints, as loaded and as re-parsed: rows printing a digit, per kind, and how many of those
that are not deadlines get a value; then the rows whose kind changed.

Run: ``python bench/values.py WAREHOUSE`` (a crawl's warehouse file, e.g. from
``python bench/crawl.py --keep DIR``)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.values import DEADLINE, parse_value  # noqa: E402

QUERY = """
select t.target_text, t.indicator_name, t.level1, p.funding_unit, t.fiscal_year,
       t.target_kind, t.target_value
from v_indicator_targets t
join document d using (document_sha256)
join project p on p.document_id = d.document_id and p.project_seq = t.project_seq
where regexp_matches(t.target_text, '[0-9０-９]')
"""


def _summary(label: str, kinds: Counter[str], valued: int) -> str:
    total = sum(kinds.values())
    per_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    return (
        f"{label}: {total} rows print a digit ({per_kind}); "
        f"{valued} of {total - kinds[DEADLINE]} non-deadlines have a value"
    )


def main() -> None:
    import duckdb

    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with duckdb.connect(sys.argv[1], read_only=True) as con:
        rows = con.sql(QUERY).fetchall()
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    valued_before = valued_after = 0
    changed: Counter[tuple[str, str, str, str]] = Counter()
    for text, name, level1, funding_unit, year, kind, value in rows:
        pv = parse_value(
            text,
            is_cost=level1 == "成本指标",
            funding_unit=funding_unit or "万元",
            indicator_name=name or "",
            fiscal_year=year,
        )
        before[kind] += 1
        after[pv.kind] += 1
        valued_before += kind != DEADLINE and value is not None
        valued_after += pv.kind != DEADLINE and pv.value is not None
        if pv.kind != kind:
            shown = f"{pv.op} {pv.value} {pv.unit or pv.unit_printed} {pv.date or ''}".strip()
            changed[(kind, pv.kind, text, shown)] += 1
    print(_summary("as loaded ", before, valued_before))
    print(_summary("re-parsed ", after, valued_after))
    for (old, new, text, shown), n in sorted(changed.items()):
        print(f"  {old} -> {new} ({shown}) x{n}: {text[:60]}")


if __name__ == "__main__":
    main()
