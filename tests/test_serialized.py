"""extractors.serialized: an O1 cell's serialized indicators, in every numbering, parsed
into rows or kept whole."""

from __future__ import annotations

import pytest

from extractors.serialized import parse_serialized


def test_serialized_cells_parse_or_keep_their_text() -> None:
    """Items without label codes or without a 实施周期 value parse; text that does not
    follow the grammar is kept as a row of its own (name = the text), never dropped."""
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
    rows = parse_serialized([(cell, 3, 1, 0)])
    assert [(r.horizon, r.level1, r.level2, r.name, r.target) for r in rows] == [
        ("midterm", "产出指标", "质量指标", "环境应急事件响应率", "100%"),
        ("annual", "产出指标", "质量指标", "环境应急事件响应率", "100%"),
        ("midterm", "满意度指标", "服务对象满意度指标", "公众满意度", "≥90%"),
        ("annual", "满意度指标", "服务对象满意度指标", "公众满意度", "≥90%"),
    ]


def test_serialized_value_with_a_decimal_does_not_start_an_item() -> None:
    """ "；3.5亿元" inside a value is no third item: numbers count only in sequence."""
    cell = (
        "1、产出指标；数量指标；带动投资；年度指标值：≥1.5亿元；3.5亿元以上。"
        "2、产出指标；时效指标；完成时间；年度指标值：12月底前。"
    )
    rows = parse_serialized([(cell, 1, 1, 0)])
    assert [(r.name, r.target) for r in rows] == [
        ("带动投资", "≥1.5亿元；3.5亿元以上"),
        ("完成时间", "12月底前"),
    ]
