"""The value grammar against the unit registry: real printed values that must parse, the
registry's conversions to base units, and the units a name gives a bare number."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from normalize.units import lookup, units
from normalize.values import parse_value

# printed: (op, value, unit, unit as printed, dimension, value in base units)
REAL: dict[str, tuple[str, str, str, str, str, str | None]] = {
    # count words are units of their own
    "≥143场次": (">=", "143", "session", "场次", "count", "143"),
    "＝2700箱": ("=", "2700", "box", "箱", "count", "2700"),
    "≥330台（套）": (">=", "330", "unit_set", "台（套）", "count", "330"),
    "≥25个（套）": (">=", "25", "piece_set", "个（套）", "count", "25"),
    "≥2400台套": (">=", "2400", "unit_set", "台套", "count", "2400"),
    "＝50株": ("=", "50", "plant", "株", "count", "50"),
    "≥20家/次": (">=", "20", "institution_time", "家/次", "count", "20"),  # 家次, not a rate
    # met unknown by the blind checks of the crawl (北京宣传部, 烟台应急, 烟台自然资源)
    "≥ 12 万字": (">=", "120000", "character", "万字", "count", "120000"),
    "≥50架次": (">=", "50", "sortie", "架次", "count", "50"),
    "＝4集": ("=", "4", "episode", "集", "count", "4"),
    # a percent and a word on what it covers (烟台商务局 p39): the % had been lost
    "100%保障": ("=", "100", "percent", "%", "percent", "100"),
    "≥40次/季": (">=", "40", "times_per_quarter", "次/季", "rate", "0.0182648402"),
    "全年≥10000家次": (">=", "10000", "institution_time", "家次", "count", "10000"),
    "≥1.1亿条": (">=", "110000000", "entry", "亿条", "count", "110000000"),
    "≥2万条": (">=", "20000", "entry", "万条", "count", "20000"),
    # money: 美元 has no fixed rate to 元, so no base value
    "≥22.6亿美元": (">=", "2260000000", "usd", "亿美元", "money", None),
    "≤20万元": ("<=", "200000", "yuan", "万元", "money", "200000"),
    # percent, with the operator a Chinese input method types for >
    "》90%": (">", "90", "percent", "%", "percent", "90"),
    # time, in hours
    "≤10分钟": ("<=", "10", "minute", "分钟", "time", "0.1666666667"),
    "≤4秒": ("<=", "4", "second", "秒", "time", "0.0011111111"),
    "资金下达后2日": ("=", "2", "day", "日", "time", "48"),
    "≤资金下达后2日": ("<=", "2", "day", "日", "time", "48"),
    "≤5个工作日": ("<=", "5", "workday", "个工作日", "time", None),  # hours not printed
    # Judgement: 发放时间 "分10个月发放完成", paid out over 10 months: the time the
    # payment takes, a duration (not a deadline: no date is printed)
    "分10个月发放完成": ("=", "10", "month", "个月", "time", "7300"),
    # area (平方米), length (米), volume (立方米), energy (千瓦时)
    "≥4000公顷": (">=", "4000", "ha", "公顷", "area", "40000000"),
    "≥2800平方公里": (">=", "2800", "km2", "平方公里", "area", "2800000000"),
    "≥1800平方千米": (">=", "1800", "km2", "平方千米", "area", "1800000000"),
    "≥4.5万亩": (">=", "45000", "mu", "万亩", "area", "30000000"),
    "≥12公里": (">=", "12", "km", "公里", "length", "12000"),
    "＝38.61万立方": ("=", "386100", "m3", "万立方", "volume", "386100"),
    "13500度": ("=", "13500", "kwh", "度", "energy", "13500"),
    "＝653.99万度": ("=", "6539900", "kwh", "万度", "energy", "6539900"),
    # rates X/Y, in base X per base Y
    "24小时/天": ("=", "24", "hour_per_day", "小时/天", "rate", "1"),
    "=24小时/日": ("=", "24", "hour_per_day", "小时/日", "rate", "1"),
    "≤20000元/月": ("<=", "20000", "yuan_per_month", "元/月", "rate", "27.3972602740"),
    "100元/人/月": ("=", "100", "yuan_per_person_month", "元/人/月", "rate", "0.1369863014"),
    "=200元/箱": ("=", "200", "yuan_per_box", "元/箱", "rate", "200"),
    "≤120元/人·天": ("<=", "120", "yuan_per_person_day", "元/人·天", "rate", "5"),
    "≥1万元/人": (">=", "10000", "yuan_per_person", "万元/人", "rate", "10000"),
    "≤30分钟/月": ("<=", "30", "minute_per_month", "分钟/月", "rate", "0.0006849315"),
    # operator words, thousands separators, ranges
    "不低于95%": (">=", "95", "percent", "%", "percent", "95"),
    "大于等于3次": (">=", "3", "times", "次", "count", "3"),
    "小于等于2小时": ("<=", "2", "hour", "小时", "time", "2"),
    "≥12,500份": (">=", "12500", "copy", "份", "count", "12500"),
    "≥3次以上": (">=", "3", "times", "次", "count", "3"),
    "达到100%以上": (">=", "100", "percent", "%", "percent", "100"),
    # a range: the value is its lower bound, the operator >= (the upper bound stays printed)
    "10-12个": (">=", "10", "piece", "个", "count", "10"),
    "90%-95%": (">=", "90", "percent", "%", "percent", "90"),
    # the crawl's words around numbers: a bound word, a per-period lead, the whole target
    # in brackets, a note in brackets after the unit, 每 in a rate's denominator
    "最高100万元": ("<=", "1000000", "yuan", "万元", "money", "1000000"),
    "每期不少于4课时": (">=", "4", "class_hour", "课时", "count", "4"),
    "各区新增≥1万页": (">=", "10000", "page", "万页", "count", "10000"),
    "（≥95%）": (">=", "95", "percent", "%", "percent", "95"),
    "(=100%)": ("=", "100", "percent", "%", "percent", "100"),
    "＝1个（台、套、件、辆）": ("=", "1", "piece", "个", "count", "1"),
    "≥2项（决策咨询研究、烟台经济发展分析研究）": (">=", "2", "item", "项", "count", "2"),
    "≤96万元/每项目": ("<=", "960000", "yuan_per_project", "万元/每项目", "rate", "960000"),
    "≥ 500元/户、年": (">=", "500", "yuan_per_household_year", "元/户、年", "rate", "0.0570776256"),
    # 网格 (a grid of 网格化管理) and 册件 (a library's books and items) are count words
    # (西安生态环境局 补贴标准, 北京 藏书量): 2万元 per grid per month
    "2万元/网格.月": ("=", "20000", "yuan_per_grid_month", "万元/网格.月", "rate", "27.3972602740"),
    "3万元/网格.月": ("=", "30000", "yuan_per_grid_month", "万元/网格.月", "rate", "41.0958904110"),
    "各区新增≥0.1册件/人": (">=", "0.1", "volume_item_per_person", "册件/人", "rate", "0.1"),
}


@pytest.mark.parametrize("printed", sorted(REAL))
def test_real_printed_values_parse(printed: str) -> None:
    op, value, unit, unit_printed, dimension, base = REAL[printed]
    pv = parse_value(printed)
    assert (pv.kind, pv.op, pv.unit, pv.unit_printed, pv.dimension, pv.notes) == (
        "quantitative",
        op,
        unit,
        unit_printed,
        dimension,
        (),
    )
    assert pv.value == Decimal(value)
    assert pv.value_base == (None if base is None else Decimal(base))


@pytest.mark.parametrize(
    ("printed", "value", "unit_printed"),
    [
        ("≥100岁", "100", "岁"),
        ("≥2万台次", "20000", "万台次"),  # the multiplier is read, the unit is not known
        ("≥325人、户", "325", "人、户"),
        # an aside in brackets inside the unit (北京统计局 点击量)
        ("≥25000频率（频道）次", "25000", "频率（频道）次"),
        # a rate per a number of a unit (医疗废物处置频次: once in 48 hours); the registry
        # composes no "per 48 小时", so it is kept as printed, not turned into 1/48 per hour
        ("≤1次/48小时", "1", "次/48小时"),
        ("≤ 14.5/10万", "14.5", "/10万"),  # per 100,000 (孕产妇死亡率): see below
    ],
)
def test_unknown_unit_keeps_the_number(printed: str, value: str, unit_printed: str) -> None:
    pv = parse_value(printed)
    assert (pv.kind, pv.unit, pv.unit_printed, pv.dimension, pv.value_base) == (
        "quantitative",
        None,
        unit_printed,
        None,
        None,
    )
    assert pv.value == Decimal(value)
    assert pv.notes == ("unknown_unit",)


@pytest.mark.parametrize(
    ("printed", "op", "value", "unit", "unit_printed"),
    [
        # a period, then the measure's name, then its bound (西安 国资委 执行率)
        ("1-12月执行率≥95%", ">=", "95", "percent", "%"),
        # words with a number in them name the measure (北京 12345 呼叫接通率)
        ("连续24小时内接通的来电数量与来电总量的比率≥95%", ">=", "95", "percent", "%"),
        # Judgement: 孕产妇死亡率 "fall on last year, or at most 14.5 per 100,000": the
        # alternative in words has no number, so the bound is the cell's target. The unit
        # is per 100,000 (births): kept as printed, no registry unit (unknown_unit), not
        # converted to a percent the table does not print.
        ("较上一年下降或≤ 14.5/10万", "<=", "14.5", None, "/10万"),
        # Judgement (this reverses the cell's earlier reading as words): 人工增雨作业效果
        # "precipitation up ≥10%, widely praised". The praise is a remark no number
        # measures; ≥10% is the one checkable target, and the printed text keeps the rest.
        # Two numbers ("≤0.5小时响应，2小时到达故障现场") stay words.
        ("增加降水量≥10%，受到普遍好评", ">=", "10", "percent", "%"),
    ],
)
def test_a_bound_after_words_is_the_target(
    printed: str, op: str, value: str, unit: str | None, unit_printed: str
) -> None:
    pv = parse_value(printed)
    assert (pv.kind, pv.op, pv.unit, pv.unit_printed) == ("quantitative", op, unit, unit_printed)
    assert pv.value == Decimal(value)


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        # a quantity before 或 is an alternative target, not the measure's name
        ("7个工作日或按双方协商≤60天", "qualitative"),
        # numbers among words are sentences, not measures
        ("为全市3个区提供服务", "qualitative"),
        ("每年开展3次培训", "qualitative"),
        ("一次性", "qualitative"),
        ("一般", "qualitative"),
        # dates stay what they were
        ("2024年12月底前", "deadline"),
        ("12月前完成", "qualitative"),
        ("良好", "qualitative"),
        ("≥30次；≥30篇", "multiple"),
        # a part in words keeps a sentence whole
        ("≤0.5小时响应，2小时到达故障现场", "qualitative"),
        ("优（条目数量不低于1000条）", "qualitative"),
        ("27套仪器设备，1套软件平台", "qualitative"),
        ("≥2/3", "qualitative"),  # a fraction, not 2 per 3 of something
        # Judgement: 7×24小时 (系统运行稳定性) is "round the clock", a service window, not
        # 168 hours of anything; reading it as a rate (168 小时/周) would print a "per week"
        # the cell does not. Kept as printed.
        ("7×24小时", "qualitative"),
        # Judgement: a size, 50×50 (像素), is two numbers: ≥50 alone would drop one of them
        ("≥50＊50", "qualitative"),
    ],
)
def test_words_with_numbers_are_not_measures(printed: str, kind: str) -> None:
    assert parse_value(printed).kind == kind


# name, bare number: (unit, notes)
NAMES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "培训合格率": ("percent", ()),
    "服务对象满意度": ("percent", ()),
    "监测频率": (None, ("missing_unit",)),  # a frequency is no percent
    "补助资金（万元）": ("yuan", ()),
    "办结时限(日)": ("day", ()),
    "业务经费支出（万元/年）": ("yuan_per_year", ()),
    "开展宣传活动场次数": ("session", ()),
    "入户宣传覆盖户数": ("household", ()),
    "培训人次": ("person_time", ()),
    "抽取调查小区的数量": (None, ("missing_unit",)),
    "指数": (None, ("missing_unit",)),
    "服务需求平均响应时间(时)": ("hour", ()),  # 西安司法局 p88
    "各类机动车号牌制作数量（万副）": ("pair", ()),  # 西安公安局 p68
    # a rate in brackets the registry cannot compose, led by a unit it knows (西安 cards)
    "四类会议（元·人/天）": (None, ()),
    "案件质量评审(件/每人每日)": (None, ()),
    "财政监督检查涉及资金额（亿）": (None, ()),  # 西安财政局 p48
    # count words of 西安 cards' bracketed names (公安局 p60/p66/p68, 司法局 p66/p68)
    "流浪犬只社会化收容数量（只）": ("animal", ()),
    "吸毒检测试剂盒购置数量(盒)": ("case_box", ()),
    "印刷法治建设文件资料(页)": ("page", ()),
    "行政复议听证室建设(间)": ("room", ()),
}


@pytest.mark.parametrize("name", sorted(NAMES))
def test_a_name_gives_a_bare_number_its_unit(name: str) -> None:
    pv = parse_value("25", indicator_name=name)
    assert (pv.unit, pv.notes) == NAMES[name]


def test_a_unit_in_the_name_scales_the_number() -> None:
    pv = parse_value("≤25", indicator_name="补助资金（万元）")
    assert (pv.value, pv.unit, pv.unit_printed) == (Decimal(250000), "yuan", None)


def test_a_cost_takes_the_funding_header_unit_and_is_flagged() -> None:
    pv = parse_value("≤25", is_cost=True, funding_unit="万元")
    assert (pv.value, pv.unit, pv.notes) == (Decimal(250000), "yuan", ("missing_unit",))
    pv = parse_value("≤ 70.7 万", is_cost=True)
    assert (pv.value, pv.unit, pv.unit_printed, pv.notes) == (Decimal(707000), "yuan", "万", ())


BASE_UNITS = {
    "money": "元",
    "percent": "%",
    "time": "小时",
    "area": "平方米",
    "length": "米",
    "volume": "立方米",
    "mass": "千克",
    "energy": "千瓦时",
}


@pytest.mark.parametrize(
    ("printed", "base"),
    [
        ("亿元", 100000000),
        ("‰", Fraction(1, 10)),
        ("天", 24),
        ("周", 168),
        ("个月", 730),
        ("年", 8760),
        ("季度", 2190),
        ("亩", Fraction(2000, 3)),
        ("公顷", 10000),
        ("平方千米", 1000000),
        ("千米", 1000),
        ("吨", 1000),
        ("公斤", 1),
        ("斤", Fraction(1, 2)),
        ("千瓦时", 1),
    ],
)
def test_registry_converts_to_the_base_unit(printed: str, base: Any) -> None:
    found = lookup(printed)
    assert found is not None and found.unit.base_factor is not None
    assert found.factor * found.unit.base_factor == base


def test_registry_is_consistent() -> None:
    dimensions = {*BASE_UNITS, "count", "score", "level"}  # level: an ordinal 级
    for code, unit in units().items():
        assert unit.dimension in dimensions, code
        # the name a unit is shown with reads back as that unit at factor 1
        found = lookup(unit.name)
        assert found is not None and (found.unit.code, found.factor) == (code, 1), code
    for dimension, name in BASE_UNITS.items():
        found = lookup(name)
        assert found is not None and found.unit.dimension == dimension
        assert found.unit.base_factor == 1, name
    # codes that tests, queries and loaded rows already use keep their meaning
    for printed, code in {"元": "yuan", "%": "percent", "人": "person", "次": "times"}.items():
        assert lookup(printed).unit.code == code  # type: ignore[union-attr]
    assert lookup("天").unit.code == "day"  # type: ignore[union-attr]


def test_a_rate_composes_from_registry_units() -> None:
    found = lookup("万元/人/年")
    assert found is not None
    assert (found.unit.code, found.unit.dimension, found.unit.name, found.factor) == (
        "yuan_per_person_year",
        "rate",
        "元/人/年",
        10000,
    )
    assert found.unit.base_factor == Fraction(1, 8760)  # 元 per person-hour
    assert lookup("元/块块") is None  # a part the registry does not know
    assert lookup("元/人/天/次") is None  # three denominators: not read


@pytest.mark.parametrize(
    ("printed", "deadline"),
    [
        ("2026年12月31日前", date(2026, 12, 31)),  # a day, not only a month (西安, 北京)
        ("5月30日前", date(2026, 5, 30)),
        ("12月22日", date(2026, 12, 22)),
        ("2026年3月-6月", date(2026, 6, 30)),  # a period ends at its last month
        ("2026年2月至2026年12月", date(2026, 12, 31)),
        ("2022年11月30日前完成", date(2022, 11, 30)),  # 前 and 完成 together (西安)
        ("2026年10月30日前完成.", date(2026, 10, 30)),
        ("12月底前完成", date(2026, 12, 31)),
        ("6月30日前完工", date(2026, 6, 30)),
        ("2022年9-12月", date(2022, 12, 31)),  # a period with one 月
        ("2022年1月--12月", date(2022, 12, 31)),
        # the crawl's deadlines after words that say "by" (北京, 西安 FY2026)
        ("下达时间不迟于2026年9月30日", date(2026, 9, 30)),
        ("项目相关报告11月30日之前完成", date(2026, 11, 30)),  # the year: the fiscal year
        ("完成时限（9月15日）", date(2026, 9, 15)),
        # a window of days ends on its last day
        ("11月1日-15日", date(2026, 11, 15)),
        # parts of a month: 中旬 ends on the 20th, 初 (like 上旬) on the 10th
        ("2026年11月中旬", date(2026, 11, 20)),
        ("2026年4月-12月初", date(2026, 12, 10)),
        # Judgement: a yearly window (林业 监测普查 准备期/执行期) in a one-year target table
        # has one occurrence, in the fiscal year; the deadline is that window's end, as
        # for "2026年3月-6月". The text keeps 每年. (A monthly one has twelve: see below.)
        ("每年1月-3月", date(2026, 3, 31)),
        ("每年4月-9月", date(2026, 9, 30)),
    ],
)
def test_deadlines_to_the_day_and_periods(printed: str, deadline: date) -> None:
    parsed = parse_value(printed, fiscal_year=2026)
    assert (parsed.kind, parsed.op, parsed.date) == ("deadline", "<=", deadline)


def test_a_deadline_without_a_year_needs_the_fiscal_year() -> None:
    # as for "12月底前": no year printed and none known, no date is invented
    assert parse_value("项目相关报告11月30日之前完成").kind == "qualitative"
    assert parse_value("12月底前").kind == "qualitative"


@pytest.mark.parametrize(
    "printed",
    [
        # no such day: not moved to the month's end silently; the printed text is kept
        "2026年9月31日前",
        # recurring monthly (住房补贴发放): twelve deadlines a year, no single date
        "每月15号之前发放",
        "每月16号之前发放",
        "每月15日之前发放",
        # words before a date that do not say "by" it: a start, a period of an activity
        "确保7月1日起实行",
        "网站1月-12月",
        "2026年初",  # early in the year: no month to take a part of
    ],
)
def test_dates_that_are_no_single_deadline_stay_as_printed(printed: str) -> None:
    parsed = parse_value(printed, fiscal_year=2026)
    assert (parsed.kind, parsed.date) == ("qualitative", None)


@pytest.mark.parametrize("printed", ["≥225户、≥1800户", "≧2人、≧13人、≧21人", "≥45、≥1000"])
def test_several_targets_joined_by_a_comma_are_multiple(printed: str) -> None:
    assert parse_value(printed).kind == "multiple"


@pytest.mark.parametrize(
    "printed",
    [
        "实际购房金额的50%，最高100万元，财政承担50%",  # a share of something, a cap
        "按投资额30%且≤100万元/家",
        "5‰，且≤500万元/项目",
        "6500元/人、月，财政承担80%",
        "60期，2800条",
        # a share naming what it pays (贴息, 奖补) and its cap, as 按投资额30%且≤100万元/家
        "按50%贴息且≤20万元/家",
        "按采购额2%奖补且≤20万元/家",
        # a rate and, in brackets, its yearly cap (大宗干散货补贴标准): two targets
        "2元/吨（最高不超过2000万元/年）",
    ],
)
def test_several_quantities_in_one_sentence_are_multiple(printed: str) -> None:
    # a subsidy's share and its cap are two targets: kept as printed, kind multiple
    assert parse_value(printed).kind == "multiple"


def test_a_thousands_separator_is_no_part_separator() -> None:
    parsed = parse_value("≥12,500份，≥3次")
    assert parsed.kind == "multiple"
    assert parse_value("≥12,500份").value == 12500


def test_a_full_stop_ends_a_target() -> None:
    parsed = parse_value("不少于350个。")
    assert (parsed.kind, parsed.op, parsed.value, parsed.unit_printed) == (
        "quantitative",
        ">=",
        350,
        "个",
    )


def test_a_unit_column_that_prints_only_wan_gives_the_unit() -> None:
    """北京's 度量单位 column printing 万 (用户量月活峰值 ≥1000 │ 万): the table gives the
    unit, no missing_unit; the same cell with no unit column is flagged."""
    pv = parse_value("≥1000万", indicator_name="用户量月活峰值", unit_column=True)
    assert (pv.value, pv.unit, pv.notes) == (Decimal(10000000), None, ())
    pv = parse_value("≥1000万", indicator_name="用户量月活峰值")
    assert pv.notes == ("missing_unit",)


def test_a_cost_whose_name_prints_its_rate_is_not_in_the_funding_unit() -> None:
    """西安财政局 p58 人均会议成本(元/人天) ≤350: 350 元 per person-day, not 350万元."""
    pv = parse_value(
        "≤350", is_cost=True, funding_unit="万元", indicator_name="人均会议成本(元/人天)"
    )
    assert (pv.value, pv.unit, pv.notes) == (Decimal(350), None, ())


def test_a_cost_whose_name_brackets_wan_per_year_is_in_wan() -> None:
    """西安统计局 p49 法律咨询服务成本（万/年） ≤3: 3万元 (a year), not flagged."""
    pv = parse_value("≤3", is_cost=True, indicator_name="法律咨询服务成本（万/年）")
    assert (pv.value, pv.unit, pv.notes) == (Decimal(30000), "yuan", ())


@pytest.mark.parametrize(
    ("printed", "deadline"),
    [
        ("≤20261130日", date(2026, 11, 30)),  # 北京应急管理局: the row says 11月30日前完成
        ("≤20260831工作日", date(2026, 8, 31)),
        ("＝20261125日", date(2026, 11, 25)),
        ("2026年全年", date(2026, 12, 31)),  # 西安公安局: a service through the year
    ],
)
def test_issue_beijing_emergency_a_date_in_eight_digits_is_a_deadline(
    printed: str, deadline: date
) -> None:
    parsed = parse_value(printed, fiscal_year=2026)
    assert (parsed.kind, parsed.date, parsed.value) == ("deadline", deadline, None)


def test_an_eight_digit_count_outside_the_year_is_no_date() -> None:
    assert parse_value("≥20301130人", fiscal_year=2026).kind == "quantitative"
    assert parse_value("＝20201130日", fiscal_year=2026).date is None


def test_issue_xian_2022_a_year_alone_is_neither_a_deadline_nor_a_duration() -> None:
    """西安国资委 FY2022 密集柜安装部署验收时限 "2022年": it was 2022 years."""
    parsed = parse_value("2022年", fiscal_year=2022)
    assert (parsed.kind, parsed.value, parsed.date) == ("qualitative", None, None)
    assert parse_value("3年", fiscal_year=2022).value == Decimal("3")


@pytest.mark.parametrize(
    ("name", "printed", "op"),
    [
        ("支出金额不超过", "160万", "<="),  # 烟台司法局: the bound in the name, a bare value
        ("信访案件小于", "5起", "<"),
        ("投诉率低于", "5%", "<"),
        ("服务覆盖率不低于", "95%", ">="),
        ("培训人数", "300人", "="),  # no word: the value is the target
        ("单价不超过", "≥3元", ">="),  # an operator printed with the value wins
    ],
)
def test_an_operator_at_the_end_of_the_name_bounds_a_bare_value(
    name: str, printed: str, op: str
) -> None:
    assert parse_value(printed, indicator_name=name).op == op


@pytest.mark.parametrize(
    ("printed", "unit"),
    [
        ("23层", "storey"),  # 西安住建局 p62 (a blind check): units the registry lacked
        ("≧60万卷", "roll"),
        ("≥2级", "level"),  # 烟台交通运输局 p44: 系统安全测评等级
        ("≥26198TEU", "teu"),  # p53: 货物发运量
    ],
)
def test_units_a_blind_check_found_missing(printed: str, unit: str) -> None:
    assert parse_value(printed).unit == unit


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("验收时限", "deadline"),  # 西安规划局 p96 (a blind check): a year under a time limit
        ("项目完成时间", "deadline"),
        ("政策年份", "qualitative"),  # elsewhere a year alone stays words
    ],
)
def test_a_year_alone_is_a_deadline_only_under_a_time_limit(name: str, kind: str) -> None:
    parsed = parse_value("2022年", indicator_name=name, fiscal_year=2022)
    assert parsed.kind == kind
    if kind == "deadline":
        assert (parsed.op, parsed.date) == ("<=", date(2022, 12, 31))


@pytest.mark.parametrize(
    ("printed", "name", "is_time", "deadline"),
    [
        # 西安卫健委 p94, p97, p139 (a blind check): dates written with dots
        ("2022.1.1-2023.12.30", "项目完成率", False, date(2023, 12, 30)),
        ("2022.11.1-2022.12.31", "项目完成时间", False, date(2022, 12, 31)),
        ("2022.12", "项目时效", True, date(2022, 12, 31)),  # a month, in a 时效指标 row
        ("2022年", "按要求完成设备安装验收", True, date(2022, 12, 31)),  # p136
        ("2022.12", "资金规模", False, None),  # elsewhere a number
        ("2022年", "按要求完成设备安装验收", False, None),  # a year alone: words
    ],
)
def test_a_time_row_reads_dotted_dates_and_years_as_deadlines(
    printed: str, name: str, is_time: bool, deadline: date | None
) -> None:
    parsed = parse_value(printed, indicator_name=name, fiscal_year=2022, is_time=is_time)
    assert parsed.date == deadline
    assert (parsed.kind == "deadline") == (deadline is not None)
