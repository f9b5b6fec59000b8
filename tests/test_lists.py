"""extractors.lists: long lists (L1–L3), serialized rows (O1) and goals-only tables (O3)
read from grids built by hand, for what no shared or rendered document shows yet."""

from __future__ import annotations

from extractors.annex import build_annex
from tests.grids import hand_grid


def test_a_list_with_a_project_included_transfer_title_holds_project_sets() -> None:
    """广州's "项目支出绩效目标表（含转移支付项目）" is a project list, not a transfer one."""
    header = ["项目名称（资金使用单位）", "总计", "财政拨款", "绩效目标", "绩效指标"]
    row = [
        "数据平台运维",
        "10.00",
        "10.00",
        "保障平台运行",
        "1、1-产出指标；11-数量指标；巡检次数；实施周期指标值:≥12次；年度指标值:≥12次。",
    ]
    caption = "项目支出绩效目标表（含转移支付项目）\n部门名称：某市数据局 单位：万元"
    annex = build_annex([hand_grid([header, row], caption=caption)], ["部门名称：某市数据局"])
    (project,) = annex.projects
    assert (project.set_kind, project.department) == ("project", "某市数据局")
    assert [(r.horizon, r.name, r.target) for r in project.indicators] == [
        ("midterm", "巡检次数", "≥12次"),
        ("annual", "巡检次数", "≥12次"),
    ]


def test_a_list_goes_on_on_a_page_whose_columns_shift_a_little() -> None:
    """A list continued without its header on a page whose rulings sit 2 pt further
    right (Word re-fits a continued table): the blank project cells at the top go on
    with the open set, a named block starts the next one."""
    header = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    first = [
        header,
        [
            "110000221234567890-甲项目",
            "10.000000",
            "完成甲",
            "产出指标",
            "数量指标",
            "甲数",
            "≥1个",
        ],
    ]
    second = [
        ["", "", "", "产出指标", "质量指标", "甲率", "≥90%"],
        ["110000229876543210-乙项目", "5.000000", "完成乙", "产出指标", "数量指标", "乙数", "≥2个"],
    ]
    annex = build_annex(
        [hand_grid(first, caption="部门名称：某市局"), hand_grid(second, page=2, shift=2.0)],
        ["部门名称：某市局"],
    )
    assert [(p.code, p.name, [r.name for r in p.indicators]) for p in annex.projects] == [
        ("110000221234567890", "甲项目", ["甲数", "甲率"]),
        ("110000229876543210", "乙项目", ["乙数"]),
    ]


def test_issue_huzhou_a_row_numbering_the_columns_is_no_set() -> None:
    """湖州's goals-only list prints "** ** ** **" under its header: a column-number row,
    not a set named **."""
    header = ["单位名称", "项目名称", "金额", "项目总体绩效目标"]
    grid = hand_grid(
        [
            header,
            ["**", "**", "**", "**"],
            ["湖州市军用饮食供应和供水站", "军供保障", "35.00", "面向部队，给过境部队提供饮食"],
        ],
        caption="2026年市级部门项目支出绩效表",
    )
    annex = build_annex([grid], ["2026年湖州市退役军人事务局部门预算"])
    assert [(p.name, p.funding["annual"].total) for p in annex.projects] == [("军供保障", "35.00")]
