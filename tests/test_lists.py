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
    annex = build_annex([hand_grid([header, row], caption=caption)], ["部门名称：某市信访局"])
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
        annex = build_annex(
            [hand_grid([header, row], caption="项目支出绩效目标表")], ["某市应急管理局"]
        )
        got += [(r.target, r.measure) for p in annex.projects for r in p.indicators]
    assert got == [("100%", "%"), ("良好", "")]


def test_a_table_is_a_list_or_a_card_by_its_kind_decided_once() -> None:
    """kinds.table_kind: a list header makes a list; a headerless table first on the next
    page under the open list's columns goes on with it; on another page, or with other
    columns, it is a card (the card reader's to keep or ignore)."""
    from extractors.kinds import CARD, LIST, OpenList, table_kind

    header = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    first = hand_grid(
        [header, ["甲项目", "10.00", "完成甲", "产出指标", "数量指标", "甲数", "≥1个"]]
    )
    kind = table_kind(first, None, True)
    assert kind.reader == LIST and kind.list_header is not None
    open_list = OpenList(first, first)
    rest = hand_grid([["", "", "", "产出指标", "质量指标", "甲率", "≥90%"]], page=2)
    assert table_kind(rest, None, True, open_list=open_list).reader == LIST
    assert table_kind(rest, None, False, open_list=open_list).reader == CARD  # not first
    later = hand_grid([["", "", "", "产出指标", "质量指标", "甲率", "≥90%"]], page=3)
    assert table_kind(later, None, True, open_list=open_list).reader == CARD
    card = hand_grid([["项目名称", "甲项目"], ["一级指标", "二级指标"]], page=2)
    assert table_kind(card, None, True, open_list=open_list).reader == CARD


def test_issue_beijing_market_a_block_cut_right_after_it_began_keeps_its_amount() -> None:
    """北京市场监管 p31–32 (page images): one name cell over several blocks, each with its
    own amount; the last block's first rows at the page foot print a blank amount cell
    of their own (the 587.22, centred, fell on the next page). Those rows had joined the
    block above and the next page's amount was dropped: three sets missing from the
    document. The first block, opened before the name was printed, takes it too."""
    header = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    first = [
        header,
        ["", "10.000000", "完成甲", "产出指标", "数量指标", "甲数", "≥1个"],
        ["", "", "", "产出指标", "质量指标", "甲率", "≥90%"],
        ["", "", "", "产出指标", "时效指标", "乙时", "≤1天"],
        ["", "", "", "效益指标", "社会效益指标", "乙效", "明显"],
    ]
    second = [
        ["110000241234567890-甲项目", "5.000000", "完成乙", "产出指标", "数量指标", "乙数", "≥2个"],
    ]
    grids = [
        hand_grid(
            first,
            caption="部门名称：某市局",
            merged_down=((2, 0), (2, 1), (2, 2), (3, 0), (4, 0), (4, 1), (4, 2)),
        ),
        hand_grid(second, page=2),
    ]
    annex = build_annex(grids, ["部门名称：某市局"])
    assert [
        (p.code, p.name, p.funding["annual"].total, [r.name for r in p.indicators])
        for p in annex.projects
    ] == [
        ("110000241234567890", "甲项目", "10.000000", ["甲数", "甲率"]),
        ("110000241234567890", "甲项目", "5.000000", ["乙时", "乙效", "乙数"]),
    ]
