"""The annex model as typed polars frames: clean text, canonical levels, parsed values, yuan.

One document becomes three frames keyed by (document_sha256, project_seq[, horizon]):
``projects``, ``funding`` (one row per project x horizon) and ``indicators`` (one row per
indicator x horizon), and the frames of its money tables (``normalize.money``). Values
are parsed once per distinct (text, context) and joined back: annexes repeat the same
few dozen printed values hundreds of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

from extractors.model import HORIZONS, Annex, Funding
from normalize.amounts import YUAN, printed_place_yuan, to_yuan
from normalize.money import (
    CHECKS_SCHEMA,
    LINES_SCHEMA,
    TABLES_SCHEMA,
    arithmetic,
    budget_lines,
    budget_tables,
)
from normalize.taxonomy import classify
from normalize.text import (
    attribute_kind,
    clean_text,
    compact,
    department_name,
    indicator_name,
)
from normalize.values import parse_value

VALUE = pl.Decimal(24, 4)
BASE_VALUE = pl.Decimal(38, 10)  # a value in its dimension's base unit (元/人/天 in 元/人/小时)


@dataclass
class NormalisedDocument:
    document_sha256: str
    projects: pl.DataFrame
    funding: pl.DataFrame
    indicators: pl.DataFrame
    tables: pl.DataFrame  # lineage: page, table_index, camelot accuracy/whitespace, shape
    # a list's 合计 / unit-subtotal rows beside the sum of the sets each covers
    totals: pl.DataFrame
    # the money tables (DESIGN §7): one row per table, one per line x amount column, and
    # the arithmetic their totals must hold (normalize.money)
    budget_tables: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=TABLES_SCHEMA))
    budget_lines: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=LINES_SCHEMA))
    budget_checks: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=CHECKS_SCHEMA))


def to_number(printed: str | None) -> Decimal | None:
    """A printed score or weight ("10", "10分", "12.5") as a number; None if it is none."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*分?\s*", printed or "")
    return Decimal(m.group(1)) if m else None


def _projects(annex: Annex, sha: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "document_sha256": [sha] * len(annex.projects),
            "project_seq": [p.seq for p in annex.projects],
            "project_name": [clean_text(p.name) for p in annex.projects],
            "implementing_unit": [clean_text(p.implementing_unit) for p in annex.projects],
            "project_attribute": [clean_text(p.attribute) for p in annex.projects],
            "funding_unit": [p.funding_unit for p in annex.projects],
            "source_page": [p.page for p in annex.projects],
            "table_accuracy": [p.table_accuracy for p in annex.projects],
            "set_kind": [p.set_kind for p in annex.projects],
            "project_code": [compact(p.code) or None for p in annex.projects],
            "code_scope": [p.code_scope for p in annex.projects],
            "department": [department_name(p.department) or None for p in annex.projects],
            "weight_total": [to_number(p.weight_total) for p in annex.projects],
            "attribute_kind": [attribute_kind(p.attribute) for p in annex.projects],
            "shares_name_cell": [p.shares_name_cell for p in annex.projects],
            "table_kind": [p.table_kind for p in annex.projects],
            "score_total": [to_number(p.score_total) for p in annex.projects],
            "funding_weight": [to_number(p.funding_weight) for p in annex.projects],
            "funding_scored": [p.funding_scored for p in annex.projects],
        },
        schema_overrides={
            # typed also when there is no set (a document of money tables only)
            "document_sha256": pl.String,
            "project_name": pl.String,
            "implementing_unit": pl.String,
            "project_attribute": pl.String,
            "funding_unit": pl.String,
            "table_accuracy": pl.Float64,
            "project_seq": pl.Int32,
            "source_page": pl.Int32,
            "set_kind": pl.String,
            "project_code": pl.String,
            "code_scope": pl.String,
            "department": pl.String,
            "weight_total": pl.Decimal(10, 2),
            "attribute_kind": pl.String,
            "shares_name_cell": pl.Boolean,
            "table_kind": pl.String,
            "score_total": pl.Decimal(10, 2),
            "funding_weight": pl.Decimal(10, 2),
            "funding_scored": pl.Boolean,
        },
    )


def _lines_yuan(lines: dict[str, str], unit: str) -> Decimal | None:
    """The printed other funding lines added up, in yuan (None: none printed a number)."""
    amounts = [a for a in (to_yuan(v, unit) for v in lines.values()) if a is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _funding(annex: Annex, sha: str) -> pl.DataFrame:
    rows = []
    for p in annex.projects:
        # a set that prints no amount at all (重庆's 部门整体绩效目标表) still has its row
        # per horizon it prints targets for, its amounts NULL: every set is listed in
        # v_project_funding, and its categories are checked (expectations' coverage)
        funding = p.funding or {
            h: Funding() for h in ({row.horizon for row in p.indicators} or {"annual"})
        }
        for horizon in HORIZONS:
            f = funding.get(horizon)
            if f is None:
                continue
            period: tuple[int | None, int | None] = (annex.fiscal_year, annex.fiscal_year)
            if horizon == "midterm":
                # a 中期/长期目标 label that prints no period leaves it unknown
                period = p.midterm_period or (None, None)
            start, end = period
            rows.append(
                {
                    "document_sha256": sha,
                    "project_seq": p.seq,
                    "horizon": horizon,
                    "period_start_year": start,
                    "period_end_year": end,
                    "total_yuan": to_yuan(f.total, p.funding_unit),
                    "fiscal_yuan": to_yuan(f.fiscal, p.funding_unit),
                    "other_yuan": to_yuan(f.other, p.funding_unit),
                    # the other printed lines of the total (上年结转 …), added up: not a
                    # warehouse column, the sum check's third part
                    "lines_yuan": _lines_yuan(f.lines, p.funding_unit),
                    "total_printed": clean_text(f.total) or None,
                    "fiscal_printed": f.fiscal_printed,
                    # total, fiscal, other and each line may be off by its last printed place
                    "rounding_yuan": sum(
                        (
                            printed_place_yuan(a, p.funding_unit)
                            for a in (f.total, f.fiscal, f.other, *f.lines.values())
                        ),
                        Decimal(0),
                    ),
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "document_sha256": pl.String,
            "project_seq": pl.Int32,
            "horizon": pl.String,
            "period_start_year": pl.Int32,
            "period_end_year": pl.Int32,
            "total_yuan": YUAN,
            "fiscal_yuan": YUAN,
            "other_yuan": YUAN,
            "lines_yuan": YUAN,
            "total_printed": pl.String,
            "fiscal_printed": pl.Boolean,
            "rounding_yuan": YUAN,
        },
    )


_PARSED = pl.Struct(
    {
        "op": pl.String,
        "value": VALUE,
        "unit": pl.String,
        "kind": pl.String,
        "date": pl.Date,
        "grade": pl.Int8,
        "notes": pl.String,
        "key": pl.String,
        "unit_printed": pl.String,
        "unit_dimension": pl.String,
        "value_base": BASE_VALUE,
        "unit_name": pl.String,
    }
)
_PARSED_FIELDS = tuple(_PARSED.to_schema())


def _parse_unique(texts: pl.DataFrame, fiscal_year: int | None) -> pl.DataFrame:
    """Parse each distinct (text, is_cost, funding_unit, indicator_name, unit_column,
    is_time) once."""
    out = []
    for text, is_cost, unit, name, unit_column, is_time in texts.iter_rows():
        pv = parse_value(
            text or "",  # a target table prints no 实际完成值 (NULL)
            is_cost=is_cost,
            funding_unit=unit,
            indicator_name=name,
            fiscal_year=fiscal_year,
            unit_column=unit_column,
            is_time=is_time,
        )
        out.append(
            {
                "op": pv.op,
                "value": pv.value,
                "unit": pv.unit,
                "kind": pv.kind,
                "date": pv.date,
                "grade": pv.grade,
                "notes": ",".join(pv.notes),
                "key": pv.key(text),
                "unit_printed": pv.unit_printed,
                "unit_dimension": pv.dimension,
                "value_base": pv.value_base,
                "unit_name": pv.unit_name,
            }
        )
    return texts.with_columns(pl.Series("parsed", out, dtype=_PARSED))


_INDICATOR_SCHEMA: dict[str, Any] = {
    "document_sha256": pl.String,
    "project_seq": pl.Int32,
    "horizon": pl.String,
    "row_seq": pl.Int32,
    "level1": pl.String,
    "level2": pl.String,
    "level1_raw": pl.String,
    "level2_raw": pl.String,
    "level1_match": pl.String,
    "level2_match": pl.String,
    "indicator_name": pl.String,
    "target_text": pl.String,
    "standard_text": pl.String,
    "source_page": pl.Int32,
    "source_table": pl.Int32,
    "source_row": pl.Int32,
    "weight": pl.Decimal(10, 2),
    "activity": pl.String,
    "unit_column": pl.Boolean,
    "actual_text": pl.String,
    "score": pl.Decimal(10, 2),
}


def _tables(annex: Annex, sha: str) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "document_sha256": sha,
                "page": t.page,
                "table_index": t.index,
                "accuracy": t.accuracy,
                "whitespace": t.whitespace,
                "n_rows": t.nrows,
                "n_cols": t.ncols,
            }
            for t in annex.tables
        ],
        schema={
            "document_sha256": pl.String,
            "page": pl.Int32,
            "table_index": pl.Int32,
            "accuracy": pl.Float64,
            "whitespace": pl.Float64,
            "n_rows": pl.Int32,
            "n_cols": pl.Int32,
        },
    )


# a number alone, maybe with an operator: "250", "≥95", "1,033.00"
_BARE_NUMBER = r"^\s*[≥≤><=＝≧≦]?\s*\d[\d,]*(?:\.\d+)?\s*$"


def _indicators(annex: Annex, sha: str, projects: pl.DataFrame) -> pl.DataFrame:
    rows = []
    for p in annex.projects:
        for seq, row in enumerate(p.indicators, start=1):
            levels = classify(row.level1, row.level2)
            rows.append(
                {
                    "document_sha256": sha,
                    "project_seq": p.seq,
                    "horizon": row.horizon,
                    "row_seq": seq,
                    "level1": levels.level1,
                    "level2": levels.level2,
                    "level1_raw": clean_text(row.level1),
                    "level2_raw": clean_text(row.level2),
                    "level1_match": levels.level1_match,
                    "level2_match": levels.level2_match,
                    "indicator_name": indicator_name(row.name),
                    "target_text": clean_text(row.target),
                    "standard_text": clean_text(row.standard),
                    "source_page": row.page,
                    "source_table": row.table,
                    "source_row": row.row,
                    "weight": to_number(row.weight),
                    "activity": clean_text(row.activity) or None,
                    # the row's unit column printed something (度量单位: 万, %)
                    "unit_column": bool(clean_text(row.measure)),
                    # a self-evaluation's 实际完成值 and 得分 (NULL in a target table)
                    "actual_text": clean_text(row.actual) or None,
                    "score": to_number(row.score),
                }
            )
    frame = pl.DataFrame(rows, schema=_INDICATOR_SCHEMA)
    frame = frame.join(projects.select("project_seq", "funding_unit"), on="project_seq")
    frame = frame.with_columns(
        is_cost=pl.col("level1") == "成本指标", is_time=pl.col("level2") == "时效指标"
    )
    context = ["is_cost", "funding_unit", "indicator_name", "unit_column", "is_time"]
    for side in ("target", "standard", "actual"):
        if side == "actual":
            # an achieved value printed as a bare number (实际完成值 "250" beside "250人",
            # "20" beside "80万元": 西安卫健委 p136) is in its target's unit: read it so
            frame = frame.with_columns(
                actual_printed=pl.col("actual_text"),
                actual_text=pl.when(
                    pl.col("actual_text").str.contains(_BARE_NUMBER)
                    & pl.col("target_unit_printed").is_not_null()
                )
                .then(pl.col("actual_text") + pl.col("target_unit_printed"))
                .otherwise(pl.col("actual_text")),
            )
        texts = frame.select(pl.col(f"{side}_text"), *context).unique()
        parsed = _parse_unique(texts, annex.fiscal_year)
        frame = (
            frame.join(parsed, on=[f"{side}_text", *context], how="left", nulls_equal=True)
            .with_columns(
                pl.col("parsed").struct.field(f).alias(f"{side}_{f}") for f in _PARSED_FIELDS
            )
            .drop("parsed")
        )
    # the contract names the target's dimension unit_dimension (v_indicator_targets)
    frame = frame.rename({"target_unit_dimension": "unit_dimension"}).with_columns(
        actual_text=pl.col("actual_printed")  # as printed, whatever it was read with
    )
    return frame.drop("funding_unit", "unit_column", "actual_printed").sort(
        "project_seq", "row_seq"
    )


def normalise(annex: Annex, document_sha256: str) -> NormalisedDocument:
    """The frames of one extracted annex."""
    projects = _projects(annex, document_sha256)
    return NormalisedDocument(
        document_sha256=document_sha256,
        projects=projects,
        funding=_funding(annex, document_sha256),
        indicators=_indicators(annex, document_sha256, projects),
        tables=_tables(annex, document_sha256),
        totals=_totals(annex, document_sha256),
        budget_tables=budget_tables(annex, document_sha256),
        budget_lines=budget_lines(annex, document_sha256),
        budget_checks=arithmetic(annex, document_sha256),
    )


def _totals(annex: Annex, sha: str) -> pl.DataFrame:
    rows = []
    for t in annex.total_rows:
        printed = [
            (f.total if f.total else f.fiscal, p.funding_unit)
            for p in t.sets
            if (f := p.funding.get("annual")) is not None
        ]
        amounts = [to_yuan(a, unit) for a, unit in printed]
        # each addend and the total may each be off by one unit in their last place
        rounding = printed_place_yuan(t.total, t.funding_unit) + sum(
            (printed_place_yuan(a, unit) for a, unit in printed), Decimal(0)
        )
        rows.append(
            {
                "document_sha256": sha,
                "total_label": t.label,
                "total_kind": t.kind,
                "source_page": t.page,
                "printed_yuan": to_yuan(t.total, t.funding_unit),
                "sets_yuan": sum((a for a in amounts if a is not None), Decimal(0)),
                "set_count": len(t.sets),
                "rounding_yuan": rounding,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "document_sha256": pl.String,
            "total_label": pl.String,
            "total_kind": pl.String,
            "source_page": pl.Int32,
            "printed_yuan": YUAN,
            "sets_yuan": YUAN,
            "set_count": pl.Int32,
            "rounding_yuan": YUAN,
        },
    )
