"""The readers as pure functions: grids built by hand (every cell its own region) into
target sets, for what no shared or rendered document shows yet."""

from __future__ import annotations

import pytest

from extractors.annex import build_annex
from extractors.model import Grid


def _grid(page: int, rows: list[list[str]], caption: str = "", shift: float = 0.0) -> Grid:
    width = max(len(r) for r in rows)
    text = [r + [""] * (width - len(r)) for r in rows]
    return Grid(
        page=page,
        bbox=(shift, 100.0, 100.0 * width + shift, 800.0),
        cols=tuple(100.0 * c + shift for c in range(width + 1)),
        text=text,
        anchor=[[(r, c) for c in range(width)] for r in range(len(rows))],
        caption=caption,
    )


CARD = [
    ["项目名称", "{name}", "主管部门", "某市交通运输局"],
    ["年度资金总额", "500.00", "中央资金", "300.00"],
    ["其他资金", "200.00", "市级资金", "0.00"],
    ["年度目标", "完成农村公路养护里程1000公里"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "养护里程", "≥1000公里"],
]


def _card(name: str) -> list[list[str]]:
    return [[cell.format(name=name) for cell in row] for row in CARD]


def test_cards_under_a_transfer_title_are_transfer_sets() -> None:
    """A card opening with 项目名称 under 转移支付绩效目标表 is a transfer set, and so is
    the next card without a title of its own; a later 项目支出绩效目标表 title ends the
    section. 中央资金 + 市级资金 are the fiscal part."""
    grids = [
        _grid(1, _card("农村公路养护补助"), "某市交通运输局2026年转移支付绩效目标表"),
        _grid(2, _card("公交运营补贴")),
        _grid(3, _card("交通执法装备购置"), "某市交通运输局2026年项目支出绩效目标表"),
    ]
    annex = build_annex(grids, ["某市交通运输局2026年部门预算"] * 3)
    assert [(p.name, p.set_kind) for p in annex.projects] == [
        ("农村公路养护补助", "transfer"),
        ("公交运营补贴", "transfer"),
        ("交通执法装备购置", "project"),
    ]
    funding = annex.projects[0].funding["annual"]
    assert (funding.total, funding.fiscal, funding.other) == ("500.00", "300.00", "200.00")


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
    annex = build_annex([_grid(1, [header, row], caption)], ["部门名称：某市数据局"])
    (project,) = annex.projects
    assert (project.set_kind, project.department) == ("project", "某市数据局")
    assert [(r.horizon, r.name, r.target) for r in project.indicators] == [
        ("midterm", "巡检次数", "≥12次"),
        ("annual", "巡检次数", "≥12次"),
    ]


def test_serialized_cells_parse_or_keep_their_text() -> None:
    """Items without label codes or without a 实施周期 value parse; text that does not
    follow the grammar is kept as a row of its own (name = the text), never dropped."""
    from extractors.serialized import parse_serialized

    cell = (
        "1、产出指标；数量指标；巡检次数；年度指标值:≥12次。"
        "2、3-满意度指标；31-服务对象满意度；用户满意度；实施周期指标值:≥90%；年度指标值:≥90%。"
        "3、待单位补充"
    )
    rows = parse_serialized([(cell[:40], 1, 5, 0), (cell[40:], 2, 0, 0)])
    assert [(r.horizon, r.level1, r.level2, r.name, r.target, r.page) for r in rows] == [
        ("annual", "产出指标", "数量指标", "巡检次数", "≥12次", 1),
        ("midterm", "满意度指标", "服务对象满意度", "用户满意度", "≥90%", 1),
        ("annual", "满意度指标", "服务对象满意度", "用户满意度", "≥90%", 1),
        ("annual", "", "", "3、待单位补充", "", 2),
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
        [_grid(1, first, "部门名称：某市局"), _grid(2, second, shift=2.0)], ["部门名称：某市局"]
    )
    assert [(p.code, p.name, [r.name for r in p.indicators]) for p in annex.projects] == [
        ("110000221234567890", "甲项目", ["甲数", "甲率"]),
        ("110000229876543210", "乙项目", ["乙数"]),
    ]


def test_merged_level_cells_cut_above_their_text() -> None:
    """Calc centres a merged cell's text over the whole cell: cut by a page break, an
    一级 cell (or its 二级 cells) may print on the next page only. The rows above the cut
    take the labels the continuation's first row prints (here 产出指标 over both pages,
    数量指标 over the last row and the next page's first)."""
    first = [
        *_card("农村公路养护补助")[:-1],
        ["", "质量指标", "养护合格率", "≥95%"],
        ["", "", "养护里程", "≥1000公里"],
    ]
    second = [
        ["产出指标", "数量指标", "桥梁养护数量", "≥20座"],
        ["效益指标", "社会效益指标", "道路通行状况", "良好"],
    ]
    annex = build_annex([_grid(1, first), _grid(2, second)], ["某市交通运输局2026年部门预算"])
    (project,) = annex.projects
    assert [(r.level1, r.level2, r.name) for r in project.indicators] == [
        ("产出指标", "质量指标", "养护合格率"),
        ("产出指标", "数量指标", "养护里程"),
        ("产出指标", "数量指标", "桥梁养护数量"),
        ("效益指标", "社会效益指标", "道路通行状况"),
    ]


@pytest.mark.parametrize(
    "cell",
    [
        # 广州's 生态环境局: "，" between parts, "；"/";" between values and items, "："
        "1、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;"
        "2、3－满意度指标，31－服务对象满意度指标，公众满意度；实施周期指标值：≥90%，年度指标值：≥90%",
        # the first item numbered "1.1－" (number and code run together), "；" everywhere
        "1.1－产出指标；12－质量指标；环境应急事件响应率；实施周期指标值：100%；年度指标值：100%。"
        "2.3－满意度指标；31－服务对象满意度指标；公众满意度；实施周期指标值：≥90%；年度指标值：≥90%。",
        # bracketed numbers, no codes, 中期 for the mid-term value
        "（1）产出指标，质量指标，环境应急事件响应率；中期指标值：100%；年度指标值：100%；"
        "（2）满意度指标，服务对象满意度指标，公众满意度；中期指标值：≥90%；年度指标值：≥90%",
    ],
)
def test_serialized_cells_in_every_numbering(cell: str) -> None:
    from extractors.serialized import parse_serialized

    rows = parse_serialized([(cell, 3, 1, 0)])
    assert [(r.horizon, r.level1, r.level2, r.name, r.target) for r in rows] == [
        ("midterm", "产出指标", "质量指标", "环境应急事件响应率", "100%"),
        ("annual", "产出指标", "质量指标", "环境应急事件响应率", "100%"),
        ("midterm", "满意度指标", "服务对象满意度指标", "公众满意度", "≥90%"),
        ("annual", "满意度指标", "服务对象满意度指标", "公众满意度", "≥90%"),
    ]


def test_serialized_value_with_a_decimal_does_not_start_an_item() -> None:
    """ "；3.5亿元" inside a value is no third item: numbers count only in sequence."""
    from extractors.serialized import parse_serialized

    cell = (
        "1、产出指标；数量指标；带动投资；年度指标值：≥1.5亿元；3.5亿元以上。"
        "2、产出指标；时效指标；完成时间；年度指标值：12月底前。"
    )
    rows = parse_serialized([(cell, 1, 1, 0)])
    assert [(r.name, r.target) for r in rows] == [
        ("带动投资", "≥1.5亿元；3.5亿元以上"),
        ("完成时间", "12月底前"),
    ]


def test_issue_huzhou_a_row_numbering_the_columns_is_no_set() -> None:
    """湖州's goals-only list prints "** ** ** **" under its header: a column-number row,
    not a set named **."""
    header = ["单位名称", "项目名称", "金额", "项目总体绩效目标"]
    grid = _grid(
        1,
        [
            header,
            ["**", "**", "**", "**"],
            ["湖州市军用饮食供应和供水站", "军供保障", "35.00", "面向部队，给过境部队提供饮食"],
        ],
        "2026年市级部门项目支出绩效表",
    )
    annex = build_annex([grid], ["2026年湖州市退役军人事务局部门预算"])
    assert [(p.name, p.funding["annual"].total) for p in annex.projects] == [("军供保障", "35.00")]


def test_a_department_list_reads_its_other_income_columns_as_funding_lines() -> None:
    """长沙's 部门整体 list prints the total split by income (一般公共预算 │ 政府性基金拨款 │
    财政专户管理资金 │ 其他资金) and again by spending (基本支出 │ 项目支出): the income
    columns beside 一般公共预算 are lines of the total, the spending split is not."""
    from expectations import DocumentToCheck, validate
    from normalize.frames import normalise

    header = [
        *("单位编码", "单位名称", "资金总额", "一般公共预算", "政府性基金拨款"),
        *("财政专户管理资金", "其他资金", "基本支出", "项目支出", "整体绩效目标"),
        *("一级指标", "二级指标", "三级指标", "指标值"),
    ]
    row = [
        *("126001", "某市信访局", "1935.36", "1835.36", "", "100.00", "", "1517.95"),
        *("417.41", "保障信访工作运转", "产出指标", "数量指标", "接待来访人次", "≥1000人次"),
    ]
    caption = "2026年部门整体支出绩效目标表\n部门名称：某市信访局 单位：万元"
    annex = build_annex([_grid(1, [header, row], caption)], ["部门名称：某市信访局"])
    (project,) = annex.projects
    funding = project.funding["annual"]
    assert (funding.total, funding.fiscal, funding.other) == ("1935.36", "1835.36", None)
    assert funding.lines == {"财政专户管理资金": "100.00"}
    findings = validate([DocumentToCheck.of(annex, normalise(annex, "hand-built"))])
    assert "funding_sum_mismatch" not in findings["rule"].to_list()


def test_a_number_under_qualitative_keeps_its_unit_column() -> None:
    """北京应急管理局 p65: 绩效指标性质 定性 │ 本年绩效指标值 100 │ 绩效度量单位 % — the
    number keeps its printed unit (a word under 定性 stands alone)."""
    header = [
        *("项目名称", "项目总额", "财政资金", "其他资金", "绩效目标", "一级指标"),
        *("二级指标", "三级指标", "绩效指标性质", "本年绩效指标值", "绩效度量单位"),
    ]
    got = []
    for value, measure in (("100", "%"), ("良好", "")):
        row = [
            *("11000024T000000001-应急演练", "10.00", "10.00", "", "开展演练", "产出指标"),
            *("质量指标", "有效确保应急演练队伍的应急救援", "定性", value, measure),
        ]
        annex = build_annex([_grid(1, [header, row], "项目支出绩效目标表")], ["某市应急管理局"])
        got += [(r.target, r.measure) for p in annex.projects for r in p.indicators]
    assert got == [("100%", "%"), ("良好", "")]
