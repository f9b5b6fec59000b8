"""The frames the suites check: a run's documents stacked, with the columns rules compare.

Derived columns make each rule one built-in expectation: money as integer cents (exact),
the issuer's and the implementing unit's city, the funding a cost target is bounded by,
the kind of every 数量/成本 target, the satisfaction percentages.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from extractors.model import Annex
from normalize.frames import NormalisedDocument
from normalize.money import COUNT_MEASURES, KIND_NAMES, missing_standard_tables
from normalize.places import place_of, unit_place

HORIZON_CN = {"midterm": "中期", "annual": "年度"}
REQUIRED_LEVEL1 = ("产出指标", "效益指标", "满意度指标")


@dataclass(frozen=True)
class DocumentToCheck:
    issuer: str
    fiscal_year: int | None
    frames: NormalisedDocument
    # pages whose text prints a target table, and those of them nothing was read from
    target_pages: tuple[int, ...] = ()
    unread_pages: tuple[int, ...] = ()
    # pages whose text prints a money table's title, and no table of it was read
    unread_money_pages: tuple[int, ...] = ()
    # the standard money tables (T01–T08) a document with money tables does not print
    missing_standard: tuple[str, ...] = ()

    @classmethod
    def of(cls, annex: Annex, frames: NormalisedDocument) -> DocumentToCheck:
        return cls(
            annex.issuer,
            annex.fiscal_year,
            frames,
            annex.target_pages,
            annex.unread_pages,
            annex.money_pages_unread,
            tuple(missing_standard_tables(annex)),
        )

    @property
    def has_content(self) -> bool:
        """Whether the document holds anything to check: target sets or money tables."""
        return bool(self.frames.projects.height or self.frames.budget_tables.height)


def _cents(col: str) -> pl.Expr:
    return (pl.col(col) * 100).cast(pl.Int64)


def _blank_to_null(*cols: str) -> list[pl.Expr]:
    return [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in cols]


def build_frames(docs: list[DocumentToCheck]) -> dict[str, pl.DataFrame]:
    """Every frame a rule checks, one named step each: the sets (projects, funding, the
    horizons side by side, indicator rows, coverage), a list's total rows, the pages,
    and the money tables' frames."""
    loaded = [d for d in docs if d.has_content]
    projects = _projects(docs, loaded)
    funding = _funding(docs, projects)
    projects = _with_keys(projects, funding)
    indicators = _indicators(docs, projects, funding)
    return {
        "totals": _totals(docs),
        "projects": projects,
        "funding": funding,
        "funding_wide": _funding_wide(funding, projects),
        "indicators": indicators,
        "coverage": _coverage(indicators, funding, projects),
        "pages": _pages(loaded),
        **money_frames(loaded),
    }


_KEYS = ["document_sha256", "project_seq"]


def _projects(docs: list[DocumentToCheck], loaded: list[DocumentToCheck]) -> pl.DataFrame:
    """The sets with their document's issuer and year, and the places their names give."""
    issuers = pl.DataFrame(
        {
            "document_sha256": [d.frames.document_sha256 for d in loaded],
            "issuer": [d.issuer for d in loaded],
            "fiscal_year": [d.fiscal_year for d in loaded],
        },
        schema={"document_sha256": pl.String, "issuer": pl.String, "fiscal_year": pl.Int32},
    )
    projects = pl.concat([d.frames.projects for d in docs]).join(issuers, on="document_sha256")
    projects = projects.with_columns(
        *_blank_to_null("project_name", "implementing_unit", "project_attribute"),
        issuer_city=pl.col("issuer").map_elements(place_of, return_dtype=pl.String),
        unit_city=pl.struct("implementing_unit", "issuer").map_elements(
            lambda r: unit_place(r["implementing_unit"], r["issuer"]), return_dtype=pl.String
        ),
    )
    return projects


def _funding(docs: list[DocumentToCheck], projects: pl.DataFrame) -> pl.DataFrame:
    """Funding per set and horizon, in cents, with what its printed lines add up to."""
    pages = projects.select("document_sha256", "project_seq", "source_page")
    funding = (
        pl.concat([d.frames.funding for d in docs])
        .join(pages, on=_KEYS)
        .with_columns(
            horizon_cn=pl.col("horizon").replace_strict(HORIZON_CN),
            total_cents=_cents("total_yuan"),
            # nothing to add up when neither part is printed, or no 财政拨款 line at all
            parts_cents=pl.when(
                (pl.col("fiscal_yuan").is_null() & pl.col("other_yuan").is_null())
                | ~pl.col("fiscal_printed")
            )
            .then(None)
            .otherwise(
                _cents("fiscal_yuan").fill_null(0)
                + _cents("other_yuan").fill_null(0)
                # 上年结转, 财政专户管理资金 … printed beside: lines of the same total
                + _cents("lines_yuan").fill_null(0)
            ),
        )
        .with_columns(
            lines_note=pl.when(pl.col("lines_yuan").is_not_null())
            .then(pl.lit(" + 其他所列资金") + pl.col("lines_yuan").cast(pl.String) + pl.lit("元"))
            .otherwise(pl.lit("")),
            # within the printed rounding: 北京 prints 项目总额 to 0.01 万元 and 财政资金 to
            # 0.000001 万元 (2,133.34 over 2,133.337639)
            sum_beyond_rounding=(pl.col("total_cents") - pl.col("parts_cents")).abs()
            > _cents("rounding_yuan"),
        )
    )
    return funding


def _with_keys(projects: pl.DataFrame, funding: pl.DataFrame) -> pl.DataFrame:
    """The keys the duplicate rules compare: a project code printed on blocks with
    different amounts, a name per implementing unit."""
    # a project code printed on blocks with different amounts: two projects, or one
    # printed twice with different money (the code, where that happens)
    annual = funding.filter(pl.col("horizon") == "annual").select(
        *_KEYS, annual_total_yuan="total_yuan"
    )
    coded = projects.join(annual, on=_KEYS, how="left").filter(
        (pl.col("code_scope") == "project")
        & pl.col("project_code").is_not_null()
        # the later blocks of one merged name cell: parts of one project, amounts apart
        & ~pl.col("shares_name_cell")
    )
    conflicts = (
        coded.group_by("document_sha256", "project_code")
        .agg(pl.col("annual_total_yuan").n_unique().alias("amounts"))
        .filter(pl.col("amounts") > 1)
        .select("document_sha256", "project_code", conflicting_code=pl.col("project_code"))
    )
    return projects.join(
        conflicts, on=["document_sha256", "project_code"], how="left"
    ).with_columns(
        # a name repeats under one implementing unit only (every unit of a 广州 list has its
        # own 机构运行辅助经费), and not where blocks share one merged name cell
        unit_key=pl.col("implementing_unit").fill_null(""),
        name_key=pl.when(pl.col("shares_name_cell"))
        .then(pl.col("project_name") + "#" + pl.col("project_seq").cast(pl.String))
        .otherwise(pl.col("project_name")),
    )


def _funding_wide(funding: pl.DataFrame, projects: pl.DataFrame) -> pl.DataFrame:
    """Per set, the mid-term and annual totals side by side."""
    pages = projects.select("document_sha256", "project_seq", "source_page")
    wide = funding.select(
        "document_sha256", "project_seq", "horizon", "total_yuan", "total_cents"
    ).pivot(
        "horizon", index=["document_sha256", "project_seq"], values=["total_yuan", "total_cents"]
    )
    for horizon in HORIZON_CN:
        for kind in ("yuan", "cents"):
            name = f"total_{kind}_{horizon}"
            if name not in wide.columns:
                wide = wide.with_columns(pl.lit(None, dtype=pl.Int64).alias(name))
            wide = wide.rename({name: f"{horizon}_total_{kind}"})
    return wide.join(pages, on=_KEYS)


def _indicators(
    docs: list[DocumentToCheck], projects: pl.DataFrame, funding: pl.DataFrame
) -> pl.DataFrame:
    """Indicator rows with their set's funding unit and horizon total, and the derived
    columns the indicator rules compare."""
    return (
        pl.concat([d.frames.indicators for d in docs])
        .join(
            projects.select("document_sha256", "project_seq", "funding_unit"),
            on=["document_sha256", "project_seq"],
        )
        .join(
            funding.select(
                "document_sha256",
                "project_seq",
                "horizon",
                pl.col("total_yuan").alias("horizon_total_yuan"),
                pl.col("total_cents").alias("horizon_total_cents"),
            ),
            on=["document_sha256", "project_seq", "horizon"],
            how="left",
        )
        .with_columns(
            horizon_cn=pl.col("horizon").replace_strict(HORIZON_CN),
            target_printed=pl.when(pl.col("target_text") != "").then(pl.col("target_text")),
            # the same indicator under two 活动 of a department form is no duplicate
            activity_key=pl.col("activity").fill_null(""),
            satisfaction_pct=pl.when(
                (pl.col("level1") == "满意度指标")
                & (pl.col("target_unit") == "percent")
                & pl.col("target_op").is_in([">=", ">", "="])
            ).then(pl.col("target_value").cast(pl.Float64)),
            # a 数量指标 is non-numeric only where no number is printed at all: a number
            # with a unit the registry does not know, or several numbers, still count
            quantity_kind=pl.when(
                (pl.col("level2") == "数量指标") & ~pl.col("target_text").str.contains("[0-9０-９]")
            ).then(pl.col("target_kind")),
            # only an economic cost is an amount: social and ecological costs are words
            cost_kind=pl.when(pl.col("level2") == "经济成本指标").then(pl.col("target_kind")),
            unit_note=pl.when(pl.col("is_cost"))
            .then(pl.lit("，按表头") + pl.col("funding_unit") + pl.lit("计"))
            .otherwise(pl.lit("")),
            cost_bound_cents=pl.when(
                pl.col("is_cost")
                & (pl.col("target_unit") == "yuan")
                & pl.col("target_op").is_in(["<=", "<", "="])
            ).then(_cents("target_value")),
            # An empty 绩效标准 says nothing: only printed standards are compared.
            standard_key=pl.when(pl.col("standard_kind") == "empty")
            .then(None)
            .otherwise(pl.col("standard_key")),
        )
    )


def _totals(docs: list[DocumentToCheck]) -> pl.DataFrame:
    """A list's 合计 / unit rows beside the sum of the sets they cover, in cents."""
    return (
        pl.concat([d.frames.totals for d in docs])
        .with_columns(
            pl.lit(None, dtype=pl.Int32).alias("project_seq"),  # a total belongs to no one set
            printed_cents=_cents("printed_yuan"),
            sets_cents=_cents("sets_yuan"),
        )
        .with_columns(
            # a difference within the printed rounding of the amounts added is no mismatch
            # (广州's unit subtotals of amounts rounded to 0.01 万元)
            beyond_rounding=(pl.col("printed_cents") - pl.col("sets_cents")).abs()
            > _cents("rounding_yuan"),
        )
    )


def _pages(docs: list[DocumentToCheck]) -> pl.DataFrame:
    """One row per page whose text prints a target table: whether any set was read
    from it. A set belongs to no one page, so project_seq is null."""
    rows = [
        {
            "document_sha256": d.frames.document_sha256,
            "project_seq": None,
            "source_page": page,
            "read": page not in d.unread_pages,
        }
        for d in docs
        for page in d.target_pages
    ]
    return pl.DataFrame(
        rows,
        schema={
            "document_sha256": pl.String,
            "project_seq": pl.Int32,
            "source_page": pl.Int32,
            "read": pl.Boolean,
        },
    )


def _coverage(
    indicators: pl.DataFrame, funding: pl.DataFrame, projects: pl.DataFrame
) -> pl.DataFrame:
    """One row per project x horizon: the required 一级指标 it lacks (null when none)."""
    present = indicators.group_by("document_sha256", "project_seq", "horizon").agg(
        pl.col("level1").unique().alias("present"),
        # a flat card prints no 一级 labels at all: the rule cannot apply to it
        (pl.col("level1_raw") != "").any().alias("prints_levels"),
        # printed weights, in hundredths (null when the set prints none)
        pl.when(pl.col("weight").is_not_null().any())
        .then((pl.col("weight") * 100).cast(pl.Int64).sum())
        .alias("weight_sum_x100"),
        pl.col("weight").sum().alias("weight_sum"),
    )
    rows = (
        funding.select("document_sha256", "project_seq", "horizon", "horizon_cn", "source_page")
        .join(
            projects.select(
                "document_sha256",
                "project_seq",
                "fiscal_year",
                "weight_total",
                (pl.col("weight_total") * 100).cast(pl.Int64).alias("printed_total_x100"),
                (pl.col("funding_weight") * 100).cast(pl.Int64).alias("funding_weight_x100"),
                "funding_scored",
            ),
            on=["document_sha256", "project_seq"],
        )
        .join(present, on=["document_sha256", "project_seq", "horizon"], how="left")
        .with_columns(
            # a self-evaluation scores its money block too (分值 over 年度资金总额): the
            # indicators' weights and the money's add up to 总分, or the indicators' alone
            # do (a template whose 总分 leaves the money out); a money 分值 left blank
            # cannot be judged
            weight_total_x100=pl.when(~pl.col("funding_scored"))
            .then(pl.col("printed_total_x100"))
            .when(pl.col("funding_weight_x100").is_null())
            .then(None)
            .when(pl.col("weight_sum_x100") == pl.col("printed_total_x100"))
            .then(pl.col("printed_total_x100"))
            .otherwise(pl.col("printed_total_x100") - pl.col("funding_weight_x100"))
        )
        .drop("printed_total_x100", "funding_weight_x100", "funding_scored")
    )
    missing = [
        "，".join(
            c
            for c in REQUIRED_LEVEL1 + (("成本指标",) if (year or 0) >= 2021 else ())
            if c not in (have or [])
        )
        or None
        # a set that prints no indicator row (a goals-only list, O3/O4) or no level labels
        # (a flat card) cannot lack a category: the rule does not apply
        if levels is True
        else None
        for have, year, levels in zip(
            rows["present"].to_list(), rows["fiscal_year"], rows["prints_levels"], strict=True
        )
    ]
    return rows.drop("present", "prints_levels").with_columns(
        pl.Series("missing_categories", missing, dtype=pl.String)
    )


def money_frames(docs: list[DocumentToCheck]) -> dict[str, pl.DataFrame]:
    """The frames of the money-table rules: the arithmetic checks (``normalize.money``),
    amounts that do not read as numbers, pages whose money table was not read, and the
    standard tables not printed. A money table belongs to no set: project_seq is null."""
    none = pl.lit(None, dtype=pl.Int32).alias("project_seq")
    checks = pl.concat([d.frames.budget_checks for d in docs], how="vertical").with_columns(
        none,
        kind_name=pl.col("table_kind").replace(KIND_NAMES),
        # one column per rule: the others' checks are null, which a rule does not judge
        **{
            f"{check}_holds": pl.when(pl.col("check") == check).then(pl.col("holds"))
            for check in ("table_total", "hierarchy", "cross_table")
        },
    )
    lines = pl.concat([d.frames.budget_lines for d in docs], how="vertical").with_columns(
        none,
        kind_name=pl.col("table_kind").replace(KIND_NAMES),
        # printed, and not a number: kept as printed (amount_printed) and reported
        amount_readable=(pl.col("amount_printed") == "")
        | pl.col("amount_yuan").is_not_null()
        | pl.col("measure").is_in(list(COUNT_MEASURES)),
    )
    unread = pl.DataFrame(
        [
            {"document_sha256": d.frames.document_sha256, "source_page": p, "read": False}
            for d in docs
            for p in d.unread_money_pages
        ],
        schema={"document_sha256": pl.String, "source_page": pl.Int32, "read": pl.Boolean},
    ).with_columns(none)
    missing = pl.DataFrame(
        [
            {
                "document_sha256": d.frames.document_sha256,
                "table_kind": kind,
                "kind_name": KIND_NAMES[kind],
                "printed": False,
            }
            for d in docs
            for kind in d.missing_standard
        ],
        schema={
            "document_sha256": pl.String,
            "table_kind": pl.String,
            "kind_name": pl.String,
            "printed": pl.Boolean,
        },
    ).with_columns(none)
    return {
        "budget_checks": checks,
        "budget_lines": lines,
        "budget_pages": unread,
        "budget_standard": missing,
    }
