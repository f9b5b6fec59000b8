"""extractors.cards: a card's rows are classified by a pure function, then handled."""

from __future__ import annotations

from pathlib import Path

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
    CardReader,
    RowContext,
    classify_row,
    split_levels,
)
from extractors.model import Grid, Project
from normalize.frames import normalise
from tests.grids import hand_grid

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
    assert classify_row(hand_grid([row]), 0, ctx) == kind


def test_issue_beijing_o2_a_goal_label_merged_down_the_indicator_header_is_no_goal_row() -> None:
    """北京's 预算13表: 整体绩效目标 merged down the side of the 活动 │ 绩效指标 header and
    its rows. The header row is a header (it was read as a goal row: 0 indicators), and
    an indicator row beside the stub is an indicator once the goal is read."""
    grid = hand_grid(
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


def _read(grid: Grid) -> list[Project]:
    reader = CardReader()
    reader.feed(grid, True)
    return reader.finish("西安市气象局")


def test_issue_xian_2022_a_task_header_cell_naming_fiscal_and_other_together() -> None:
    """西安 2022's Excel 部门整体 form prints "财政拨款 其他资金" in one header cell over one
    column of amounts (the rule between them lost): the amounts are 财政拨款's, 其他资金
    prints none (the form's other was read as 508.61 from the first task row)."""
    grid = hand_grid(
        [
            ["部门（单位）名称", "西安市气象局"],
            ["任务名称", "主要内容", "预算金额（万元）", ""],
            ["任务名称", "主要内容", "总额", "财政拨款 其他资\n金"],
            ["基本履职", "人员经费", "508.61", "508.61"],
            ["金额合计", "", "1493.51", "1493.51"],
            ["一级指标", "二级指标", "指标内容", "指标值"],
            ["产出指标", "数量指标", "指标 1：作业次数", "≥12次"],
        ],
        merged_down=((2, 0), (2, 1)),
    )
    assert classify_row(grid, 2, OPEN) == TASK_HEADER
    (form,) = _read(grid)
    funding = form.funding["annual"]
    assert (funding.total, funding.fiscal, funding.other) == ("1493.51", "1493.51", None)
    assert form.funding_unit == "万元"


def test_issue_xian_2022_a_name_split_over_two_ruled_cells_beside_one_value() -> None:
    """西安 2022's Excel card breaks a long name over two ruled cells beside one merged
    value cell ("指标 2：…治污减霾工" / "作"): one indicator. Two numbered indicators
    sharing a merged value stay two."""
    grid = hand_grid(
        [
            ["项目名称", "其他履职经费", "", ""],
            ["一级指标", "二级指标", "指标内容", "指标值"],
            ["效益指标", "经济效益指标", "指标 1：最大限度地减轻损失", "保护生命财产安全"],
            ["效益指标", "经济效益指标", "指标 2：做好抗旱减灾、治污减霾工", "减少财政支出"],
            ["效益指标", "经济效益指标", "作", "减少财政支出"],
            ["满意度指标", "服务对象满意度指标", "指标 1：公共服务满意度", "≥92%"],
            ["满意度指标", "服务对象满意度指标", "指标 2：决策服务满意度", "≥92%"],
        ],
        merged_down=((3, 0), (4, 0), (3, 1), (4, 1), (4, 3), (6, 0), (6, 1), (6, 3)),
    )
    (card,) = _read(grid)
    names = [row.name for row in card.indicators]
    assert names == [
        "指标 1：最大限度地减轻损失",
        "指标 2：做好抗旱减灾、治污减霾工\n作",
        "指标 1：公共服务满意度",
        "指标 2：决策服务满意度",
    ]
    assert [row.target for row in card.indicators][1:] == ["减少财政支出", "≥92%", "≥92%"]


def test_a_value_printed_again_in_a_cell_of_its_own_is_another_indicators() -> None:
    """The name goes on only where the value cell is one region with the row above; an
    unnumbered name beside a value cell of its own that prints the same text (≥95%
    twice) is a second indicator, not the rest of the first one's name."""
    grid = hand_grid(
        [
            ["项目名称", "其他履职经费", "", ""],
            ["一级指标", "二级指标", "指标内容", "指标值"],
            ["产出指标", "质量指标", "指标 1：设备完好率", "≥95%"],
            ["产出指标", "质量指标", "系统可用率", "≥95%"],
        ],
        merged_down=((3, 0), (3, 1)),
    )
    (card,) = _read(grid)
    assert [(row.name, row.target) for row in card.indicators] == [
        ("指标 1：设备完好率", "≥95%"),
        ("系统可用率", "≥95%"),
    ]


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
        hand_grid(_card("农村公路养护补助"), caption="某市交通运输局2026年转移支付绩效目标表"),
        hand_grid(_card("公交运营补贴"), page=2),
        hand_grid(
            _card("交通执法装备购置"), page=3, caption="某市交通运输局2026年项目支出绩效目标表"
        ),
    ]
    annex = build_annex(grids, ["某市交通运输局2026年部门预算"] * 3)
    assert [(p.name, p.set_kind) for p in annex.projects] == [
        ("农村公路养护补助", "transfer"),
        ("公交运营补贴", "transfer"),
        ("交通执法装备购置", "project"),
    ]
    funding = annex.projects[0].funding["annual"]
    assert (funding.total, funding.fiscal, funding.other) == ("500.00", "300.00", "200.00")


def test_issue_beijing_transfer_a_beijing_transfer_card_reads_its_amounts() -> None:
    """北京's 预算14表 (教委 p98, 文旅 p175, 应急 p146, page images): 资金情况（万元） over
    年度金额： │ 其中：中央财政资金 │ 市级财政资金 │ 其他资金 — every transfer set of the crawl
    had read no amount."""
    grid = hand_grid(
        [
            ["转移支付名称", "基层文化建设共同事权转移支付", "市级主管部门", "北京市文化和旅游局"],
            ["资金情况\n（万元）", "年度金额：", "125803.0000", ""],
            ["", "其中：中央财政资金", "-", ""],  # 北京卫健委 p146: a dash, not an amount
            ["", "市级财政资金", "125803.0000", ""],
            ["", "其他资金", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "资助区数量", "=16个"],
        ],
        caption="预算14表-1 基层文化建设共同事权转移支付绩效目标表\n（2026年度）",
        merged_down=((2, 0), (3, 0), (4, 0)),
    )
    (card,) = _read(grid)
    funding = card.funding["annual"]
    assert (card.set_kind, funding.total, funding.fiscal) == (
        "transfer",
        "125803.0000",
        "125803.0000",
    )


def test_issue_xian_2022_commerce_a_group_opened_at_the_page_foot_takes_the_next_pages_label() -> (
    None
):
    """西安商务局 FY2022 p78–80 (page images): on a part cut to its right columns (no 一级
    column), 时效指标's rows, then rows of a new 二级 cell (a region of its own, ruled off)
    whose label 成本指标 Calc printed on the next page: those rows are 成本指标's, not
    时效指标's. And where a part prints the 一级 label on its first row beside a blank
    二级 cell merged down, every row of that cell keeps the 二级 carried over the break."""
    pages = [
        _card("外经贸发展专项资金"),
        [
            ["时效指标", "年度计划按进度落实率", "≥95%"],
            ["", "局属企业退出市场", "50万元"],
            ["", "网站运维费用", "12.70万元"],
        ],
        [
            ["", "成本指标", "参加商务活动", "136万元"],
            ["", "", "拆解费", "603万元"],
            ["效益指标", "社会效益指标", "带动就业", "≥5000人"],
        ],
        [
            ["效益指标", "", "从业人数", "逐年增长"],
            ["", "", "进出口增长", "≥5%"],
            ["满意度指标", "服务对象满意度指标", "企业满意度", "≥95%"],
        ],
    ]
    annex = build_annex(
        [
            hand_grid(pages[0]),
            hand_grid(pages[1], page=2, shift=100.0, merged_down=((2, 0),)),
            hand_grid(pages[2], page=3, merged_down=((1, 0), (1, 1))),
            hand_grid(pages[3], page=4, merged_down=((1, 0), (1, 1))),
        ],
        ["西安市商务局2022年部门预算"],
    )
    (project,) = annex.projects
    assert [(r.level2, r.name) for r in project.indicators] == [
        ("数量指标", "养护里程"),
        ("时效指标", "年度计划按进度落实率"),
        ("成本指标", "局属企业退出市场"),
        ("成本指标", "网站运维费用"),
        ("成本指标", "参加商务活动"),
        ("成本指标", "拆解费"),
        ("社会效益指标", "带动就业"),
        ("社会效益指标", "从业人数"),
        ("社会效益指标", "进出口增长"),
        ("服务对象满意度指标", "企业满意度"),
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
    annex = build_annex(
        [hand_grid(first), hand_grid(second, page=2)], ["某市交通运输局2026年部门预算"]
    )
    (project,) = annex.projects
    assert [(r.level1, r.level2, r.name) for r in project.indicators] == [
        ("产出指标", "质量指标", "养护合格率"),
        ("产出指标", "数量指标", "养护里程"),
        ("产出指标", "数量指标", "桥梁养护数量"),
        ("效益指标", "社会效益指标", "道路通行状况"),
    ]


def test_issue_xian_statistics_p52_a_blank_template_with_placeholder_rows_is_no_set() -> None:
    """西安统计局 p52 prints the 专项资金总体绩效目标表 as a blank template: no name, no
    amount, "......" beside each 二级 label. It was read as a set of 11 rows with empty
    targets; it is an empty target page."""
    grid = hand_grid(
        [
            ["项目名称", ""],
            ["实施期资金总额：", "", "年度资金总额：", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["成本指标", "经济成本", "......", ""],
            ["产出指标", "数量指标", "……", ""],
        ],
        page=52,
    )
    reader = CardReader()
    reader.feed(grid, True)
    assert reader.finish("西安市统计局") == []
    assert reader.empty_pages == {52}


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
    annex = build_annex([hand_grid(_hubei_card("2134.87"))], ["某市园林局2026年项目支出绩效目标表"])
    (project,) = annex.projects
    funding = project.funding["annual"]
    assert (funding.total, funding.fiscal, funding.other) == ("2134.87", "1384.87", "0.00")
    assert funding.lines == {"上年结转": "750.00"}
    assert classify_row(hand_grid([["上年结转", "750.00"]]), 0, OPEN) == FUNDING


@pytest.mark.parametrize(("total", "fired"), [("2134.87", False), ("2234.87", True)])
def test_funding_sum_counts_every_printed_line(total: str, fired: bool) -> None:
    """total = 财政拨款 + 其他资金 + 上年结转: no finding where the lines add up, one where
    they do not (and its detail names the other lines)."""
    annex = build_annex([hand_grid(_hubei_card(total))], ["某市园林局2026年项目支出绩效目标表"])
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
    annex = build_annex([hand_grid(rows)], ["某市政务服务和数据管理局2026年项目支出绩效目标表"])
    (row,) = annex.projects[0].indicators
    assert (row.target, row.measure) == ("≥1000万", "万")


@pytest.mark.parametrize(
    ("cell", "levels"),
    [
        (
            "产出指标数量指标便民生活圈年度评价报告",
            ("产出指标", "数量指标", "便民生活圈年度评价报告"),
        ),
        # 北京市场监管 p39: the 二级 printed without its 指标
        (
            "满意度指标服务对象满意度强制检定申请人满意率",
            ("满意度指标", "服务对象满意度", "强制检定申请人满意率"),
        ),
        # a short bare label may begin a name: not split off
        ("产出指标质量抽检合格率", ("产出指标", "", "质量抽检合格率")),
    ],
)
def test_levels_run_together_in_one_cell_split_against_the_taxonomy(
    cell: str, levels: tuple[str, str, str]
) -> None:
    assert split_levels(cell) == levels


def _unit_card(unit: str, total: str, names: list[str]) -> list[list[str]]:
    return [
        ["项目名称", "财政工作专项经费", "主管部门", "某市财政局"],
        ["实施单位", unit, "", ""],
        ["年度资金总额", total, "其他资金", "0.00"],
        ["年度目标", "完成评审"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        *[["产出指标", "数量指标", name, "≥1个"] for name in names],
    ]


def test_issue_yantai_finance_two_cards_of_one_name_on_two_pages_are_two_sets() -> None:
    """烟台财政局 p40–41 (page images): 财政工作专项经费 of 烟台市财政集中支付中心 (49.50万, p40)
    then the same name for 烟台市财政预算评审中心 (23.00万, p41), one card a page. The second
    had read as the first's continuation (its head rows over the first's, its goal as an
    indicator): the 49.50万 card was lost."""
    first = _unit_card("某市财政集中支付中心", "49.50", ["审核笔数", "支付笔数"])
    second = _unit_card("某市财政预算评审中心", "23.00", ["评审项目数"])
    annex = build_annex([hand_grid(first), hand_grid(second, page=2)], ["某市财政局2026年部门预算"])
    assert [
        (p.implementing_unit, p.funding["annual"].total, [r.name for r in p.indicators])
        for p in annex.projects
    ] == [
        ("某市财政集中支付中心", "49.50", ["审核笔数", "支付笔数"]),
        ("某市财政预算评审中心", "23.00", ["评审项目数"]),
    ]


def test_issue_yantai_finance_an_indicator_named_like_a_funding_label_is_an_indicator() -> None:
    """烟台财政局 p42: 成本指标 │ 经济成本 │ 中介服务费资金总额 │ ≤800万元 — read as the
    card's 资金总额 (total "≤800万元") and the row lost."""
    card = [*_unit_card("某市财政预算评审中心", "800.00", ["评审项目数"])]
    card.append(["成本指标", "经济成本指标", "中介服务费资金总额", "≤800万元"])
    (project,) = build_annex([hand_grid(card)], ["某市财政局2026年部门预算"]).projects
    assert project.funding["annual"].total == "800.00"
    assert [r.name for r in project.indicators] == ["评审项目数", "中介服务费资金总额"]


# 广州's 部门整体绩效目标申报表 (the issue: its mid-term half was missing): one indicator
# row with 中期指标值 │ 年度指标值, beside 中期资金总额 and 年度资金总额
HORIZON_FORM = [
    ["部门名称", "广州市某某局", "", "", ""],
    ["中期资金总额", "3000.00", "年度资金总额", "1000.00", ""],
    ["中期目标", "建成监测网络", "年度目标", "完成年度监测任务", ""],
    ["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"],
    ["产出指标", "数量指标", "监测站点数", "≥30个", "≥10个"],
    ["", "质量指标", "数据有效率", "≥95%", "≥90%"],  # 产出指标 merged down
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥85%"],
]


def _reads_both_halves(card: Project) -> None:
    """A mid-term and an annual target per row, sharing the row's levels and name."""
    assert card.set_kind == "department"
    assert {h: f.total for h, f in card.funding.items()} == {
        "midterm": "3000.00",
        "annual": "1000.00",
    }
    assert card.goals == {"midterm": "建成监测网络", "annual": "完成年度监测任务"}
    assert [(r.horizon, r.level1, r.level2, r.name, r.target) for r in card.indicators] == [
        ("midterm", "产出指标", "数量指标", "监测站点数", "≥30个"),
        ("annual", "产出指标", "数量指标", "监测站点数", "≥10个"),
        ("midterm", "产出指标", "质量指标", "数据有效率", "≥95%"),
        ("annual", "产出指标", "质量指标", "数据有效率", "≥90%"),
        ("midterm", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
        ("annual", "满意度指标", "服务对象满意度指标", "群众满意度", "≥85%"),
    ]


def test_a_department_form_with_a_value_per_horizon_reads_both_halves() -> None:
    grid = hand_grid(
        HORIZON_FORM, caption="广州市某某局部门整体绩效目标申报表", merged_down=((5, 0),)
    )
    (card,) = _read(grid)
    _reads_both_halves(card)


def test_a_rendered_department_form_with_a_value_per_horizon_reads_both_halves(
    tmp_path: Path,
) -> None:
    """The same form drawn as a real PDF (reportlab, a merged 一级 cell over two rows)
    through camelot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from extractors import extract

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    table = Table(HORIZON_FORM, colWidths=[80, 100, 120, 90, 90])
    spans = [((1, 0), (4, 0)), ((3, 1), (4, 1)), ((3, 2), (4, 2)), ((0, 4), (0, 5))]
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                *(("SPAN", a, b) for a, b in spans),
            ]
        )
    )
    pdf = tmp_path / "department_form.pdf"
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=14, leading=18)
    SimpleDocTemplate(str(pdf), pagesize=A4).build(
        [Paragraph("广州市某某局2026年部门整体绩效目标申报表", title), table]
    )
    annex = extract(pdf)
    (card,) = annex.projects
    assert (annex.issuer, annex.fiscal_year) == ("广州市某某局", 2026)
    _reads_both_halves(card)


def test_a_self_evaluation_card_reads_achieved_values_scores_and_its_total_row() -> None:
    """A 项目支出绩效自评表 (国家信访局 2024, 西安卫健委 2022): 实际完成值 and 得分 beside
    each target; the 总分 row is the weights' total and the set's score, no indicator."""
    grid = hand_grid(
        [
            ["项目名称", "信访干部培训专项", "", "", "", "", ""],
            ["年度资金总额：", "180.61", "180.03", "180.03", "10.0", "100.00%", "10"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人数", "≥300 人", "366 人", "6", "6"],
            ["总分", "", "", "", "", "100", "98"],  # 总分 merged over the first five
        ],
    )
    (card,) = _read(grid)
    assert (card.weight_total, card.score_total, card.funding["annual"].total) == (
        "100",
        "98",
        "180.61",
    )
    ((row),) = card.indicators
    assert (row.target, row.actual, row.weight, row.score) == ("≥300 人", "366 人", "6", "6")


def _self_evaluation(money_points: str, weights: tuple[str, str], total: str) -> list[list[str]]:
    return [
        ["项目名称", "安保服务项目", "", "", "", "", ""],
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "396", "396", "378.27", money_points, "95.52%", "9.6"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "组织安全隐患排查", "20次", "30次", weights[0], weights[0]],
        ["满意度指标", "服务对象满意度指标", "患者满意度", ">95%", ">95%", weights[1], weights[1]],
        ["总分", "", "", "", "", total, "95.6"],
    ]


@pytest.mark.parametrize(
    ("money_points", "weights", "total", "fired"),
    [
        ("10", ("45", "45"), "100", False),  # the money's 10 points and the indicators' 90
        ("10", ("45", "45"), "90", False),  # a 总分 that leaves the money out (西安 p70)
        ("10", ("40", "46"), "100", True),  # 西安卫健委 p74: 86 + 10 of 100, as printed
        ("", ("45", "45"), "100", False),  # the money's 分值 left blank (p73): not judged
    ],
)
def test_a_self_evaluation_s_weights_count_its_money_points(
    money_points: str, weights: tuple[str, str], total: str, fired: bool
) -> None:
    """A 绩效自评表 scores its money block too (分值 over 年度资金总额, part of 总分):
    weights_do_not_sum fired on 90 of 93 self-evaluation sets of the crawl, all false."""
    rows = _self_evaluation(money_points, weights, total)
    annex = build_annex([hand_grid(rows)], ["某市卫生健康委员会2022年度部门决算"])
    findings = validate([DocumentToCheck.of(annex, normalise(annex, "hand-built"))])
    rules = findings.filter(pl.col("rule") == "weights_do_not_sum")
    assert rules.height == fired


def test_issue_chongqing_a_set_printing_no_amount_is_still_listed_in_project_funding() -> None:
    """重庆经信委 p28 (a blind check): its 部门整体绩效目标表 prints 11 indicators and no
    amount; the set had no v_project_funding row at all, so it was missing from the sets
    list and its categories were never checked. Now one annual row, amounts NULL."""
    grid = hand_grid(
        [
            ["当年整体绩效目标", "推进新型工业化", "", "", ""],
            ["指标名称", "指标性质", "指标值", "计量单位", "指标权重"],
            ["企业技术改造投资增长", "≥", "5", "%", "10"],
        ],
        caption="重庆市经济和信息化委员会部门整体绩效目标表",
    )
    annex = build_annex([grid], ["重庆市经济和信息化委员会2026年部门预算"])
    frames = normalise(annex, "hand-built")
    assert len(annex.projects) == 1 and not annex.projects[0].funding
    assert frames.funding.select("project_seq", "horizon", "total_yuan").rows() == [
        (1, "annual", None)
    ]


def test_an_achieved_value_printed_bare_is_read_in_its_targets_unit() -> None:
    """西安卫健委 p136 (a blind check): 实际完成值 "250" beside the target "250人", "20"
    beside "80万元" — the achieved value is in the target's unit (it read 20, unscaled)."""
    rows = _self_evaluation("10", ("45", "45"), "100")
    rows[4][3:5] = ["80万元", "20"]
    annex = build_annex([hand_grid(rows)], ["某市卫生健康委员会2022年度部门决算"])
    row = normalise(annex, "hand-built").indicators.row(0, named=True)
    assert (row["actual_text"], row["actual_value"], row["actual_unit"]) == ("20", 200000, "yuan")


def test_issue_xian_justice_a_header_label_whose_closing_bracket_is_cut_off() -> None:
    """西安司法局 p72, p79 (a blind check): the header cell prints "分值权重（90分", its
    closing bracket clipped by the cell's top: every weight of the two sets was lost."""
    grid = hand_grid(
        [
            ["项目名称", "大宗宣传品印刷项目", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "分值权重（90分"],
            ["成本指标", "经济成本", "法律援助大宗印刷品制作(元)", "≤150000", "10"],
        ]
    )
    (card,) = _read(grid)
    assert [r.weight for r in card.indicators] == ["10"]
