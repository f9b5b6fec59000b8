"""extractors.cards: a card's rows are classified by a pure function, then handled."""

from __future__ import annotations

import polars as pl
import pytest

from expectations import DocumentToCheck, validate
from extractors.annex import build_annex
from extractors.cards import (
    FUNDING,
    GOAL,
    HEAD,
    INDICATOR,
    INDICATOR_HEADER,
    OPENER,
    TASK_HEADER,
    TASK_ROW,
    RowContext,
    classify_row,
)
from extractors.model import Grid
from normalize.frames import normalise


def _grid(rows: list[list[str]], merged_down: tuple[tuple[int, int], ...] = ()) -> Grid:
    """Every cell its own region, but for ``merged_down`` cells (r, c): part of the region
    of the cell above."""
    width = max(len(r) for r in rows)
    text = [r + [""] * (width - len(r)) for r in rows]
    anchor = [[(r, c) for c in range(width)] for r in range(len(rows))]
    for r, c in merged_down:
        anchor[r][c] = anchor[r - 1][c]
    return Grid(
        page=1,
        bbox=(0.0, 100.0, 100.0 * width, 800.0),
        cols=tuple(100.0 * c for c in range(width + 1)),
        text=text,
        anchor=anchor,
    )


OPEN = RowContext(set_open=True)


@pytest.mark.parametrize(
    ("row", "ctx", "kind"),
    [
        (["项目名称", "X"], RowContext(), OPENER),
        (["部门（单位）名称", "某局"], RowContext(), OPENER),
        (["实施单位", "某中心"], OPEN, HEAD),
        (["实施单位", "某中心"], RowContext(), None),  # no set open: nothing to fill
        (["年度资金总额", "500.00", "财政拨款", "500.00"], OPEN, FUNDING),
        (["任务名称", "主要内容", "总额", "财政拨款", "其他资金"], OPEN, TASK_HEADER),
        (["基本履职", "人员经费", "508.61"], RowContext(True, in_task_block=True), TASK_ROW),
        (["一级指标", "二级指标", "三级指标", "指标值"], RowContext(), INDICATOR_HEADER),
        (["年度目标", "完成养护"], OPEN, GOAL),
        (["产出指标", "数量指标", "养护里程", "≥1000公里"], OPEN, INDICATOR),
        (["产出指标", "数量指标", "养护里程", "≥1000公里"], RowContext(), None),
    ],
)
def test_classify_row(row: list[str], ctx: RowContext, kind: str | None) -> None:
    assert classify_row(_grid([row]), 0, ctx) == kind


def test_issue_beijing_o2_a_goal_label_merged_down_the_indicator_header_is_no_goal_row() -> None:
    """北京's 预算13表: 整体绩效目标 merged down the side of the 活动 │ 绩效指标 header and
    its rows. The header row is a header (it was read as a goal row: 0 indicators), and
    an indicator row beside the stub is an indicator once the goal is read."""
    grid = _grid(
        [
            ["整体绩效目标", "坚持依法审计"],
            ["整体绩效目标", "活动", "绩效指标", "指标性质", "指标值", "度量单位"],
            ["整体绩效目标", "审计业务", "产出指标数量指标出具报告", "＝", "4", "份"],
        ],
        merged_down=((1, 0), (2, 0)),
    )
    assert classify_row(grid, 1, OPEN) == INDICATOR_HEADER
    begun = RowContext(set_open=True, indicators_begun=True, goals_read=frozenset({"annual"}))
    assert classify_row(grid, 2, begun) == INDICATOR


def _hubei_card(total: str) -> list[list[str]]:
    """A card printing 上年结转 beside 财政拨款 and 其他资金 (the issue's 2134.87 = 1384.87
    财政拨款 + 750.00 上年结转)."""
    return [
        ["项目名称", "城区绿化养护", "主管部门", "某市园林局"],
        ["实施单位", "某市园林局", "项目属性", "延续项目"],
        ["年度资金总额", total, "其中：财政拨款", "1384.87"],
        ["上年结转", "750.00", "其他资金", "0.00"],
        ["年度目标", "完成绿化养护"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护面积", "≥100万平方米"],
    ]


def test_a_carried_over_line_is_read_beside_fiscal_and_other() -> None:
    annex = build_annex([_grid(_hubei_card("2134.87"))], ["某市园林局2026年项目支出绩效目标表"])
    (project,) = annex.projects
    funding = project.funding["annual"]
    assert (funding.total, funding.fiscal, funding.other) == ("2134.87", "1384.87", "0.00")
    assert funding.lines == {"上年结转": "750.00"}
    assert classify_row(_grid([["上年结转", "750.00"]]), 0, OPEN) == FUNDING


@pytest.mark.parametrize(("total", "fired"), [("2134.87", False), ("2234.87", True)])
def test_funding_sum_counts_every_printed_line(total: str, fired: bool) -> None:
    """total = 财政拨款 + 其他资金 + 上年结转: no finding where the lines add up, one where
    they do not (and its detail names the other lines)."""
    annex = build_annex([_grid(_hubei_card(total))], ["某市园林局2026年项目支出绩效目标表"])
    findings = validate([DocumentToCheck.of(annex, normalise(annex, "hand-built"))])
    mismatch = findings.filter(pl.col("rule") == "funding_sum_mismatch")
    assert mismatch.height == fired
    if fired:
        assert "其他所列资金7500000.00元" in mismatch["detail"][0]


def test_a_card_keeps_its_unit_column_beside_the_target() -> None:
    """A card whose header prints 指标性质 │ 指标值 │ 度量单位 (北京's 部门整体 form, 重庆):
    the unit is joined into the target and kept as the row's measure."""
    rows = [
        ["项目名称", "政务服务平台运维", "主管部门", "某市政务服务和数据管理局"],
        ["年度目标", "保障平台运行"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
        ["效益指标", "社会效益指标", "用户量月活峰值", "≥", "1000", "万"],
    ]
    annex = build_annex([_grid(rows)], ["某市政务服务和数据管理局2026年项目支出绩效目标表"])
    (row,) = annex.projects[0].indicators
    assert (row.target, row.measure) == ("≥1000万", "万")
