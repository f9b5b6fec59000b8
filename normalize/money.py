"""The money tables of an annex as typed frames, and the arithmetic they must hold.

``budget_tables`` has one row per table read; ``budget_lines`` one row per printed line x
amount column (DESIGN §7's long form): the amount exact in yuan beside the amount as
printed, the printed unit, and ``precision_yuan`` (one unit in the last printed place, in
yuan), from which every check's tolerance is derived. An amount that does not read as a
number keeps its printed text with a NULL amount and is reported, never dropped.

``arithmetic`` derives the checks of DESIGN §7 from the lines: a printed total against the
lines it covers, a class against its parts (类 = Σ 款, 款 = Σ 项), totals that must agree
across tables, the standard tables a document with money tables does not print. Each
check is a row with its sides and tolerance; rules over them live in ``expectations``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from extractors.model import Annex, MoneyLine, MoneyTable
from normalize.amounts import YUAN, printed_place_yuan, to_yuan
from normalize.text import clean_text, compact

#: 类 3 digits, 款 5, 项 7 (DESIGN §7)
FUNCTION_LEVELS = {3: "类", 5: "款", 7: "项"}
#: the standard tables a 部门预算 must print (财预〔2016〕143号); T09 is the central template's
STANDARD_KINDS = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08")
KIND_NAMES = {
    "T01": "部门收支总表",
    "T02": "部门收入总表",
    "T03": "部门支出总表",
    "T04": "财政拨款收支总表",
    "T05": "一般公共预算支出表",
    "T06": "一般公共预算基本支出表",
    "T07": "一般公共预算“三公”经费支出表",
    "T08": "政府性基金预算支出表",
    "T09": "国有资本经营预算支出表",
}

TABLES_SCHEMA: dict[str, Any] = {
    "document_sha256": pl.String,
    "table_seq": pl.Int32,
    "table_kind": pl.String,
    "table_number_printed": pl.String,
    "table_title": pl.String,
    "unit_printed": pl.String,
    "pages": pl.String,
    "first_page": pl.Int32,
    "lines": pl.Int32,
    "empty": pl.Boolean,
}
LINES_SCHEMA: dict[str, Any] = {
    "document_sha256": pl.String,
    "table_seq": pl.Int32,
    "table_kind": pl.String,
    "line_seq": pl.Int32,
    "line_label": pl.String,
    "function_code": pl.String,
    "function_level": pl.String,
    "economic_code": pl.String,
    "economic_code_gov": pl.String,
    "is_total": pl.Boolean,
    "measure": pl.String,
    "measure_raw": pl.String,
    "amount_printed": pl.String,
    "amount_yuan": YUAN,
    "unit_printed": pl.String,
    "precision_yuan": YUAN,
    "source_page": pl.Int32,
    "source_table": pl.Int32,
    "source_row": pl.Int32,
    "unit_name": pl.String,  # the 预算单位 a per-unit row names ("" for the table's own)
    "sangong_part": pl.String,  # a T07 line's 三公 part (sangong_parts), else null
    "classification": pl.String,  # function | economic | economic_gov, null when unknown
}


#: measures that count items, not money (a 政府采购 list's 数量): kept as printed with no
#: amount in yuan (西安's 127982 items had read as 127,982.00 元)
COUNT_MEASURES = frozenset({"quantity"})


def function_level(code: str) -> str | None:
    """类 / 款 / 项 of a full function-class code by its length; None for anything else."""
    return FUNCTION_LEVELS.get(len(code)) if code.isdigit() else None


def budget_tables(annex: Annex, sha: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "document_sha256": sha,
                "table_seq": seq,
                "table_kind": t.kind,
                "table_number_printed": compact(t.number_printed) or None,
                "table_title": clean_text(t.title),
                "unit_printed": t.unit,
                "pages": ",".join(map(str, t.pages)),
                "first_page": t.pages[0] if t.pages else None,
                "lines": len(t.lines),
                "empty": t.empty,
            }
            for seq, t in enumerate(annex.money_tables, start=1)
        ],
        schema=TABLES_SCHEMA,
    )


def budget_lines(annex: Annex, sha: str) -> pl.DataFrame:
    rows = [
        _line_row(sha, seq, t, line, amount.measure, amount.measure_raw, amount.printed)
        | {"sangong_part": part}
        for seq, t in enumerate(annex.money_tables, start=1)
        for line, part in zip(t.lines, _parts(t), strict=True)
        for amount in line.amounts
    ]
    return pl.DataFrame(rows, schema=LINES_SCHEMA)


def _parts(t: MoneyTable) -> list[str | None]:
    return sangong_parts(t.lines) if t.kind == "T07" else [None] * len(t.lines)


def _line_row(
    sha: str, seq: int, t: MoneyTable, line: MoneyLine, measure: str, raw: str, printed: str
) -> dict[str, Any]:
    amount = re.sub(r"[\s,，]", "", printed)
    return {
        "document_sha256": sha,
        "table_seq": seq,
        "table_kind": t.kind,
        "line_seq": line.seq,
        "line_label": clean_text(line.label),
        "function_code": line.function_code or None,
        "function_level": function_level(line.function_code),
        "economic_code": line.economic_code or None,
        "economic_code_gov": line.economic_code_gov or None,
        "is_total": line.is_total,
        "measure": measure,
        "measure_raw": clean_text(raw) or None,
        "amount_printed": amount,
        "amount_yuan": None if measure in COUNT_MEASURES else to_yuan(amount, t.unit),
        "unit_printed": t.unit,
        "precision_yuan": (
            Decimal(0) if measure in COUNT_MEASURES else printed_place_yuan(amount, t.unit)
        ),
        "source_page": line.page,
        "source_table": line.table,
        "source_row": line.row,
        "unit_name": clean_text(line.unit),
        "classification": line.classification or None,
    }


# --- the arithmetic --------------------------------------------------------------------

CHECKS_SCHEMA: dict[str, Any] = {
    "document_sha256": pl.String,
    "check": pl.String,  # table_total | hierarchy | cross_table
    "table_kind": pl.String,
    "measure": pl.String,
    "label": pl.String,  # what the printed side is ("合计", "201 一般公共服务支出")
    "parts": pl.String,  # what was added up, for the reviewer
    "printed_yuan": YUAN,
    "sum_yuan": YUAN,
    "tolerance_yuan": YUAN,
    "holds": pl.Boolean,
    "source_page": pl.Int32,
}


@dataclass(frozen=True)
class _Amount:
    line: MoneyLine
    yuan: Decimal
    precision: Decimal


def _amounts(t: MoneyTable) -> dict[str, list[_Amount]]:
    """Per measure, the table's readable amounts in line order."""
    out: dict[str, list[_Amount]] = defaultdict(list)
    for line in t.lines:
        for a in line.amounts:
            yuan = to_yuan(a.printed, t.unit)
            if yuan is not None:
                out[a.measure].append(_Amount(line, yuan, printed_place_yuan(a.printed, t.unit)))
    return out


def _check(
    sha: str,
    check: str,
    kind: str,
    measure: str,
    label: str,
    printed: _Amount,
    parts: list[_Amount],
    parts_text: str,
) -> dict[str, Any]:
    total = sum((p.yuan for p in parts), Decimal(0))
    # one unit in the last printed place per addend, and the total's own
    tolerance = printed.precision + sum((p.precision for p in parts), Decimal(0))
    return {
        "document_sha256": sha,
        "check": check,
        "table_kind": kind,
        "measure": measure,
        "label": label,
        "parts": parts_text,
        "printed_yuan": printed.yuan,
        "sum_yuan": total,
        "tolerance_yuan": tolerance,
        "holds": abs(printed.yuan - total) <= tolerance,
        "source_page": printed.line.page,
    }


def _code_checks(sha: str, t: MoneyTable) -> Iterable[dict[str, Any]]:
    """Function-class tables: the grand total = Σ 类, 类 = Σ its 款, 款 = Σ its 项. A
    class whose parts are not printed (a 类 with no 款 line) is no check."""
    for measure, amounts in _amounts(t).items():
        coded = [a for a in amounts if a.line.function_code and not a.line.is_total]
        if not coded:
            continue
        by_code: dict[str, _Amount] = {}
        for a in coded:
            by_code.setdefault(a.line.function_code, a)
        top = min(len(c) for c in by_code)
        # 北京 prints the same 项 codes once per unit, in blocks, under one 合计: every
        # line counts towards the total, and parents cannot be matched to their parts
        repeated = len(by_code) < len(coded)
        totals = [a for a in amounts if a.line.is_total and not a.line.function_code]
        if totals:
            tops = [a for a in coded if len(a.line.function_code) == top]
            yield _check(
                sha,
                "table_total",
                t.kind,
                measure,
                clean_text(totals[0].line.label),
                totals[0],
                tops,
                f"{len(tops)}个{FUNCTION_LEVELS.get(top, '')}级科目",
            )
        for code, a in by_code.items() if not repeated else ():
            longer = {3: 5, 5: 7}.get(len(code))
            if longer is None:
                continue
            children = [b for c, b in by_code.items() if len(c) == longer and c.startswith(code)]
            if children:
                yield _check(
                    sha,
                    "hierarchy",
                    t.kind,
                    measure,
                    f"{code} {clean_text(a.line.label)}",
                    a,
                    children,
                    "、".join(c.line.function_code for c in children),
                )


DATA = Path(__file__).parent / "data"


@cache
def _sangong_words() -> tuple[tuple[str, str], ...]:
    """(part, word) in the order they are tried (data/sangong_parts.csv)."""
    with (DATA / "sangong_parts.csv").open(encoding="utf-8") as f:
        return tuple((r["part"], r["printed_word"]) for r in csv.DictReader(f))


def sangong_parts(lines: Sequence[MoneyLine]) -> list[str | None]:
    """The 三公 part each line of a T07 prints (total, abroad, vehicle, vehicle_purchase,
    vehicle_operation, reception, meeting, training), None for a line that is none: the
    first word of data/sangong_parts.csv its label contains. A bare 合计 is the 三公
    total only where no line names 三公 (上海's 合计 is; 西安's 合计 also counts 会议费 and
    培训费 beside its “三公”经费预算 line, so it is none). One home for the parts: the
    checks below and the warehouse's ``sangong_part`` column read them from here."""
    words = _sangong_words()
    parts = [
        next((part or None for part, word in words if word in compact(line.label)), None)
        for line in lines
    ]
    if "total" not in parts:
        parts = [
            "total" if part is None and line.is_total else part
            for part, line in zip(parts, lines, strict=True)
        ]
    return parts


#: the sums a T07 prints: (total part, its addends, what the check says was added)
_SANGONG_SUMS = (
    (
        "total",
        ("abroad", "vehicle", "reception"),
        "因公出国(境)费、公务用车购置及运行费、公务接待费",
    ),
    ("vehicle", ("vehicle_purchase", "vehicle_operation"), "公务用车购置费、公务用车运行费"),
)


def _sangong_checks(sha: str, t: MoneyTable) -> Iterable[dict[str, Any]]:
    """T07, on the table's own lines and on each unit's: its total = 因公出国(境)费 +
    公务用车购置及运行费 + 公务接待费, and the car's 购置费 + 运行费 = 公务用车购置及运行费."""
    part_of = dict(zip(map(id, t.lines), sangong_parts(t.lines), strict=True))
    for measure, amounts in _amounts(t).items():
        by_unit: dict[str, dict[str, _Amount]] = defaultdict(dict)
        for a in amounts:
            if part := part_of.get(id(a.line)):
                by_unit[a.line.unit].setdefault(part, a)
        for parts in by_unit.values():
            for total, addends, what in _SANGONG_SUMS:
                found = [parts[p] for p in addends if p in parts]
                if total in parts and len(found) == len(addends):
                    label = clean_text(parts[total].line.label)
                    yield _check(
                        sha, "table_total", t.kind, measure, label, parts[total], found, what
                    )


def _grand_total(t: MoneyTable, measure: str) -> _Amount | None:
    """The table's first total line (合计 / 总计) for a measure."""
    return next((a for a in _amounts(t).get(measure, []) if a.line.is_total), None)


#: totals that must agree across tables: (kind, measure) = (kind, measure)
#: (the T04 side is its 一般公共预算 column's first total, 本年支出合计: T04s that print one
#: column by function and the funds as rows give no such total and are not compared; the
#: income side is not compared either, since a T05 spends 上年结转 too: 20 of the crawl's
#: 71 T05s exceed their T04's 一般公共预算收入 by it)
CROSS_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    ("T05", "basic", "T06", "total", "一般公共预算支出表的基本支出 = 基本支出表合计"),
    (
        "T05",
        "total",
        "T04",
        "expense_fiscal_general",
        "一般公共预算支出表合计 = 财政拨款收支总表的一般公共预算支出",
    ),
    ("T03", "total", "T01", "expense", "支出总表合计 = 收支总表支出合计"),
)


def _cross_checks(sha: str, tables: list[MoneyTable]) -> Iterable[dict[str, Any]]:
    by_kind: dict[str, MoneyTable] = {}
    for t in tables:
        by_kind.setdefault(t.kind, t)
    for kind_a, measure_a, kind_b, measure_b, what in CROSS_TABLE:
        if kind_a not in by_kind or kind_b not in by_kind:
            continue
        a = _grand_total(by_kind[kind_a], measure_a)
        b = _grand_total(by_kind[kind_b], measure_b)
        if a is None or b is None:
            continue
        yield _check(sha, "cross_table", kind_a, measure_a, what, a, [b], f"{kind_b} {measure_b}")


def _balance_checks(sha: str, t: MoneyTable) -> Iterable[dict[str, Any]]:
    """A 收支总表 balances: its last income total (收入总计) = its last expense total
    (支出总计), column by column (``income_x`` against ``expense_x``)."""
    amounts = _amounts(t)
    for measure, incomes in amounts.items():
        if not measure.startswith("income"):
            continue
        suffix = measure.removeprefix("income")
        # a side printed in one column against the other side's total column
        same = ("expense" + suffix, *(("expense_total",) if suffix == "" else ("expense",)))
        expenses = next((amounts[m] for m in same if m in amounts), [])
        income = next((a for a in reversed(incomes) if a.line.is_total), None)
        expense = next((a for a in reversed(expenses) if a.line.is_total), None)
        if income is None or expense is None:
            continue
        yield _check(
            sha,
            "table_total",
            t.kind,
            measure,
            clean_text(income.line.label),
            income,
            [expense],
            clean_text(expense.line.label),
        )


#: the local extras whose lines are a classification (function or economic class), so
#: their totals and classes add up as the standard tables' do; the others list items
#: (projects, purchases with their quantities, carry-overs per unit) in layouts of their
#: own, read and kept but not checked (西安's 政府采购 table repeats a class per item)
CLASSIFIED_EXTRAS = ("X_economic", "X_basic_function", "X_basic", "X_fiscal_expense")


def arithmetic(annex: Annex, sha: str) -> pl.DataFrame:
    """Every arithmetic check the document's money tables allow (CHECKS_SCHEMA)."""
    rows: list[dict[str, Any]] = []
    for t in annex.money_tables:
        if t.kind == "T07":
            rows += _sangong_checks(sha, t)
        elif t.kind in ("T01", "T04"):
            rows += _balance_checks(sha, t)
        elif t.kind.startswith("T") or t.kind in CLASSIFIED_EXTRAS:
            rows += _code_checks(sha, t)
    rows += _cross_checks(sha, annex.money_tables)
    return pl.DataFrame(rows, schema=CHECKS_SCHEMA)


def missing_standard_tables(annex: Annex) -> list[str]:
    """The standard tables (T01–T08) a document that prints money tables does not print;
    none for a document without money tables (it is another part: a target annex)."""
    if not annex.money_tables:
        return []
    printed = {t.kind for t in annex.money_tables}
    return [k for k in STANDARD_KINDS if k not in printed]


def money_summary(annex: Annex) -> list[dict[str, Any]]:
    """The run summary's view of a document's money tables: kind, title, pages, lines,
    and the first total as printed with its unit ("1234.56 万元")."""
    out = []
    for t in annex.money_tables:
        first = next(
            (a.printed for line in t.lines if line.is_total for a in line.amounts if a.printed),
            "",
        )
        out.append(
            {
                "kind": t.kind,
                "title": clean_text(t.title),
                "number_printed": t.number_printed,
                "pages": list(t.pages),
                "lines": len(t.lines),
                "empty": t.empty,
                "total": f"{first} {t.unit}" if first else "",
            }
        )
    return out


def check_summary(checks: pl.DataFrame) -> dict[str, dict[str, int]]:
    """Per kind of check (table_total, hierarchy, cross_table): how many hold, of how many."""
    return {
        check: {"held": int(group["holds"].sum()), "of": group.height}
        for (check,), group in sorted(checks.partition_by("check", as_dict=True).items())
    }
