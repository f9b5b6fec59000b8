"""The cross-department report: one static HTML page of the named queries, with charts.

Charts are inline SVG drawn here (no JavaScript, no CDN): it opens offline, prints, and
reads the same in any browser. Chinese text uses the system's CJK fonts (Noto CJK).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import polars as pl

from warehouse.queries import QUERIES, run_query

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}}
table{{border-collapse:collapse;margin:.5em 0 2em}}
th,td{{border:1px solid #bbb;padding:.25em .5em;text-align:right}}
th{{background:#eef}} td.t{{text-align:left}} .muted{{color:#777}}
svg text{{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:12px}}
</style></head><body>
<h1>{title}</h1><p class="muted">生成于 {generated} · 仓库 {warehouse}</p>
{body}
</body></html>
"""


def _num(v: Any) -> float:
    return float(v) if isinstance(v, int | float | Decimal) else 0.0


#: The series' colours, in legend order; past these, hues a golden angle apart.
_COLORS = ("#3b6ea8", "#d9822b", "#b00020", "#5a9e4b", "#7b5ea7", "#8c564b", "#17becf", "#e377c2")


def _color(k: int) -> str:
    """The k-th series' colour, distinct from every other series' (a reader finds a bar's
    series by its colour in the legend: the spending chart has a series per department)."""
    if k < len(_COLORS):
        return _COLORS[k]
    return f"hsl({k * 137.508 % 360:.1f}, 55%, 42%)"


def _wan(v: Any) -> float | None:
    """An amount in yuan as 万元; None (not printed, not known) stays None: no bar."""
    return None if v is None else _num(v) / 10000


def bar_chart(
    title: str,
    labels: list[str],
    series: Mapping[str, Sequence[float | None]],
    unit: str = "",
) -> str:
    """Horizontal grouped bars, one group per label, as an inline SVG element. A value of
    None draws no bar (a value not known is not a value of 0)."""
    bar, gap, left, width = 14, 10, 240, 420
    group = bar * len(series) + gap
    height = 40 + group * max(1, len(labels)) + 20 * len(series)
    top = max((v for vals in series.values() for v in vals if v is not None), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'width="{left + width + 120}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>',
    ]
    for i, label in enumerate(labels):
        y0 = 30 + i * group
        parts.append(
            f'<text x="{left - 6}" y="{y0 + bar}" text-anchor="end">{escape(label)}</text>'
        )
        for k, (name, values) in enumerate(series.items()):
            value = values[i]
            if value is None:
                continue
            w = max(0.0, value / top * width)
            y = y0 + k * bar
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" '
                f'fill="{_color(k)}"><title>{escape(name)}: '
                f"{value:,.2f}{unit}</title></rect>"
            )
            parts.append(
                f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}">{value:,.0f}{unit}</text>'
            )
    legend_y = 30 + group * max(1, len(labels))
    for k, name in enumerate(series):
        parts.append(
            f'<rect x="{left}" y="{legend_y + 20 * k}" width="12" height="12" fill="{_color(k)}"/>'
        )
        parts.append(f'<text x="{left + 18}" y="{legend_y + 20 * k + 11}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(frame: pl.DataFrame) -> str:
    if frame.height == 0:
        return '<p class="muted">（无数据）</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = []
    for row in frame.iter_rows():
        cells = []
        for v in row:
            text = "" if v is None else (f"{v:,.2f}" if isinstance(v, Decimal | float) else str(v))
            cls = ' class="t"' if isinstance(v, str) else ""
            cells.append(f"<td{cls}>{escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _who(frame: pl.DataFrame) -> list[str]:
    return [f"{i} {y}" for i, y in frame.select("issuer", "fiscal_year").iter_rows()]


def build_report(url: str, shown_url: str) -> str:
    """The report's HTML for the warehouse at ``url``."""
    q = {name: run_query(url, name) for name in QUERIES}
    funding = (
        q["funding_by_department"]
        .group_by("issuer", "fiscal_year")
        .agg(pl.col("total_yuan").sum(), pl.col("projects").sum())
        .sort("issuer", "fiscal_year")
    )
    satisfaction = q["satisfaction_by_department"]
    scoreboard = q["findings_scoreboard"]
    sections = [
        (
            "各部门年度资金",
            bar_chart(
                "年度资金总额（万元）",
                _who(funding),
                {"年度资金总额": [_num(v) / 10000 for v in funding["total_yuan"]]},
                "万",
            ),
            q["funding_by_department"],
        ),
        (
            "满意度目标",
            bar_chart(
                "满意度目标（%）",
                _who(satisfaction),
                {
                    "平均目标": [_num(v) for v in satisfaction["avg_target_pct"]],
                    "最低目标": [_num(v) for v in satisfaction["min_target_pct"]],
                },
                "%",
            ),
            satisfaction,
        ),
        (
            "数据质量",
            bar_chart(
                "数据质量问题（个）",
                _who(scoreboard),
                {
                    "错误": [_num(v) for v in scoreboard["errors"]],
                    "警告": [_num(v) for v in scoreboard["warnings"]],
                },
            ),
            scoreboard,
        ),
        (
            "指标类别覆盖（缺少该类指标的项目数）",
            "",
            q["category_coverage"].filter(pl.col("projects_without_category") > 0),
        ),
        ("单位产出成本", "", q["cost_per_output"]),
        ("延续项目同比变化", "", q["yoy_changes"]),
        *_money_sections(q),
    ]
    body = "".join(
        f"<h2>{escape(title)}</h2>{chart}{_table(frame)}" for title, chart, frame in sections
    )
    return _PAGE.format(
        title="项目支出绩效目标跨部门报告",
        warehouse=escape(shown_url),
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        body=body,
    )


def _money_sections(q: dict[str, pl.DataFrame]) -> list[tuple[str, str, pl.DataFrame]]:
    """The money tables' queries: spending by function class across departments (the
    chart a person would rather look at: one bar group per 类, one bar per department),
    basic against project spending, 三公经费 and totals year over year."""
    by_function = q["spending_by_function"].filter(pl.col("function_level") == "类")
    departments = sorted(set(_who(by_function)))
    classes = (
        by_function.group_by("function_code")
        .agg(pl.col("function_name").min())
        .sort("function_code")
    )
    totals = {
        (f"{i} {y}", c): v
        for i, y, c, v in by_function.select(
            "issuer", "fiscal_year", "function_code", "total_yuan"
        ).iter_rows()
    }
    shares = q["basic_vs_project"]
    sangong = q["sangong_by_department"].filter(pl.col("part") == "total")
    return [
        (
            "一般公共预算支出（按功能分类·类）",
            bar_chart(
                "一般公共预算支出（万元）",
                [f"{c} {n}" for c, n in classes.iter_rows()],
                {
                    # a department without lines in a class spends nothing there
                    d: [_wan(totals.get((d, c), 0)) for c in classes["function_code"]]
                    for d in departments
                },
                "万",
            )
            if by_function.height
            else "",
            q["spending_by_function"],
        ),
        (
            "基本支出与项目支出",
            bar_chart(
                "一般公共预算支出结构（万元）",
                _who(shares),
                {
                    "基本支出": [_wan(v) for v in shares["basic_yuan"]],
                    "项目支出": [_wan(v) for v in shares["project_yuan"]],
                },
                "万",
            )
            if shares.height
            else "",
            shares,
        ),
        (
            "“三公”经费",
            bar_chart(
                "“三公”经费合计（万元）",
                _who(sangong),
                {
                    "本年": [_wan(v) for v in sangong["amount_yuan"]],
                    # neither the previous year's document nor a printed 上年: no bar
                    "上年": [_wan(v) for v in sangong["previous_yuan"]],
                },
                "万",
            )
            if sangong.height
            else "",
            q["sangong_by_department"],
        ),
        ("部门预算总额同比", "", q["budget_yoy"]),
    ]


def write_report(url: str, shown_url: str, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    target.write_text(build_report(url, shown_url), encoding="utf-8")
    return target
