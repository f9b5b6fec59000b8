"""Table-driven cases for the printed-text clean-up, the value grammar and the taxonomy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from normalize.frames import to_yuan
from normalize.places import city_of
from normalize.taxonomy import classify
from normalize.text import clean_text
from normalize.values import parse_value


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("经济效 益指标", "经济效益指标"),
        ("社保基金违\n法案件发生\n次数", "社保基金违法案件发生次数"),
        ("≤20 万元", "≤20万元"),
        ("≥90 %", "≥90 %"),
        (
            "每年城镇居民可支配收入增速不低于 GDP 增速。",
            "每年城镇居民可支配收入增速不低于GDP增速。",
        ),
        ("  a   b ", "a b"),
        ("产⽣的⽣态效益", "产生的生态效益"),  # Kangxi radicals some producers emit
        ("", ""),
    ],
)
def test_clean_text(printed: str, clean: str) -> None:
    assert clean_text(printed) == clean
    assert clean_text(clean_text(printed)) == clean_text(printed)


# name: (printed, context, (op, value, unit, kind, date, notes))
CASES: dict[str, tuple[str, dict[str, Any], tuple[Any, ...]]] = {
    # operators, as symbols (half- and full-width) and words
    "op_ge": ("≥90%", {}, (">=", "90", "percent", "quantitative", None, ())),
    "op_le": ("≤1次", {}, ("<=", "1", "times", "quantitative", None, ())),
    "op_gt": (">3天", {}, (">", "3", "day", "quantitative", None, ())),
    "op_lt": ("<5%", {}, ("<", "5", "percent", "quantitative", None, ())),
    "op_eq": ("=100%", {}, ("=", "100", "percent", "quantitative", None, ())),
    "op_fullwidth_gt": ("＞3天", {}, (">", "3", "day", "quantitative", None, ())),
    "op_fullwidth_lt": ("＜5%", {}, ("<", "5", "percent", "quantitative", None, ())),
    "op_fullwidth_eq": ("＝100%", {}, ("=", "100", "percent", "quantitative", None, ())),
    "op_geqq": ("≧95%", {}, (">=", "95", "percent", "quantitative", None, ())),
    "op_leqq": ("≦2次", {}, ("<=", "2", "times", "quantitative", None, ())),
    # several targets in one cell (Shaanxi cards): kept as printed, kind multiple
    "multiple_numbers": ("1个；60个", {}, (None, None, None, "multiple", None, ())),
    "multiple_wrapped": ("≤1次；\n≤1次", {}, (None, None, None, "multiple", None, ())),
    "multiple_words": ("有效发挥；有所提高", {}, (None, None, None, "multiple", None, ())),
    "trailing_separator": ("≥95%；", {}, (">=", "95", "percent", "quantitative", None, ())),
    "word_not_lower": ("不低于90%", {}, (">=", "90", "percent", "quantitative", None, ())),
    "word_not_less": ("不少于3.3万人", {}, (">=", "33000", "person", "quantitative", None, ())),
    "word_not_higher": ("不高于5%", {}, ("<=", "5", "percent", "quantitative", None, ())),
    "word_not_exceed": (
        "不超过20万元",
        {"is_cost": True},
        ("<=", "200000", "yuan", "quantitative", None, ()),
    ),
    "word_reach": ("达到100%", {}, ("=", "100", "percent", "quantitative", None, ())),
    "suffix_above": ("2次以上", {}, (">=", "2", "times", "quantitative", None, ())),
    "suffix_within": ("45天以内", {}, ("<=", "45", "day", "quantitative", None, ())),
    "suffix_in": ("45 天内", {}, ("<=", "45", "day", "quantitative", None, ())),
    # list families: ASCII operators with a spelled unit (Jilin), a count per year (Guangdong)
    "ascii_op_word_unit": (">=100 百分比", {}, (">=", "100", "percent", "quantitative", None, ())),
    "per_year": ("每年≥20场", {}, (">=", "20", "session", "quantitative", None, ())),
    # numbers
    "fullwidth_digits": ("≥９０％", {}, (">=", "90", "percent", "quantitative", None, ())),
    "thousands": ("≥12,500份", {}, (">=", "12500", "copy", "quantitative", None, ())),
    "decimal": ("≥99.5%", {}, (">=", "99.5", "percent", "quantitative", None, ())),
    "wan": ("≥3.3万人", {}, (">=", "33000", "person", "quantitative", None, ())),
    "yi": ("≤1.2亿元", {"is_cost": True}, ("<=", "120000000", "yuan", "quantitative", None, ())),
    "cn_one": ("一次", {}, ("=", "1", "times", "quantitative", None, ())),
    "cn_two": ("两次", {}, ("=", "2", "times", "quantitative", None, ())),
    "cn_twelve": ("十二个", {}, ("=", "12", "piece", "quantitative", None, ())),
    "range": ("90%-95%", {}, (">=", "90", "percent", "quantitative", None, ())),
    # units
    "yuan": ("≤2000元", {}, ("<=", "2000", "yuan", "quantitative", None, ())),
    "wan_yuan": ("≤20 万元", {"is_cost": True}, ("<=", "200000", "yuan", "quantitative", None, ())),
    "wan_in_cost": (
        "≤ 70.7 万",
        {"is_cost": True},
        ("<=", "707000", "yuan", "quantitative", None, ()),
    ),
    "person_time": ("≥3000人次", {}, (">=", "3000", "person_time", "quantitative", None, ())),
    "wan_person": ("≥3.3万人", {}, (">=", "33000", "person", "quantitative", None, ())),
    "day_ri": ("30日内", {}, ("<=", "30", "day", "quantitative", None, ())),
    "months": ("≤3个月", {}, ("<=", "3", "month", "quantitative", None, ())),
    "years": ("≥10年", {}, (">=", "10", "year", "quantitative", None, ())),
    "item": ("≥30项", {}, (">=", "30", "item", "quantitative", None, ())),
    "piece_jian": ("≥5件", {}, (">=", "5", "piece", "quantitative", None, ())),
    "institution": ("≥12所", {}, (">=", "12", "institution", "quantitative", None, ())),
    "household": ("≥200户", {}, (">=", "200", "household", "quantitative", None, ())),
    "mu": ("≥4.5万亩", {}, (">=", "45000", "mu", "quantitative", None, ())),
    "km": ("≥12公里", {}, (">=", "12", "km", "quantitative", None, ())),
    "m2": ("≥1.8万平方米", {}, (">=", "18000", "m2", "quantitative", None, ())),
    "per_person": ("≤25元/人", {}, ("<=", "25", "yuan_per_person", "quantitative", None, ())),
    # context: cost rows take the table's unit, others the indicator name's
    "bare_cost": (
        "≤25",
        {"is_cost": True},
        ("<=", "250000", "yuan", "quantitative", None, ("missing_unit",)),
    ),
    "bare_cost_yuan_table": (
        "≤25",
        {"is_cost": True, "funding_unit": "元"},
        ("<=", "25", "yuan", "quantitative", None, ("missing_unit",)),
    ),
    "unit_from_name_copy": (
        "≥12500",
        {"indicator_name": "档案数字化份数"},
        (">=", "12500", "copy", "quantitative", None, ()),
    ),
    "unit_from_name_person": (
        "≥2000",
        {"indicator_name": "培训人数"},
        (">=", "2000", "person", "quantitative", None, ()),
    ),
    "bare_number": (
        "5",
        {"indicator_name": "抽取调查小区的数量"},
        ("=", "5", None, "quantitative", None, ("missing_unit",)),
    ),
    "over_100": ("292%", {}, ("=", "292", "percent", "quantitative", None, ("rate_out_of_range",))),
    "below_0": ("-5%", {}, ("=", "-5", "percent", "quantitative", None, ("rate_out_of_range",))),
    # deadlines
    "deadline_month_end": (
        "2024年12月底前",
        {},
        ("<=", None, None, "deadline", date(2024, 12, 31), ()),
    ),
    "deadline_month": ("2024年6月", {}, ("<=", None, None, "deadline", date(2024, 6, 30), ())),
    "deadline_year_end": (
        "年底前",
        {"fiscal_year": 2024},
        ("<=", None, None, "deadline", date(2024, 12, 31), ()),
    ),
    "deadline_within_year": (
        "年度内",
        {"fiscal_year": 2023},
        ("<=", None, None, "deadline", date(2023, 12, 31), ()),
    ),
    "deadline_next_year": (
        "次年3月前",
        {"fiscal_year": 2024},
        ("<=", None, None, "deadline", date(2025, 3, 31), ()),
    ),
    # qualitative
    "phrase": ("严格执行相关财经法规制度", {}, (None, None, None, "qualitative", None, ())),
    "empty": ("", {}, (None, None, None, "empty", None, ())),
}

GRADES = {
    "好": 4,
    "良好": 4,
    "较好": 3,
    "优良": 4,
    "高": 4,
    "较高": 3,
    "程度较高": 3,
    "显著": 4,
    "有所提升": 2,
    "逐步改善": 2,
    "按时足额": None,
}


@pytest.mark.parametrize(("word", "grade"), sorted(GRADES.items()))
def test_qualitative_grades(word: str, grade: int | None) -> None:
    pv = parse_value(word)
    assert (pv.kind, pv.grade) == ("qualitative", grade)


@pytest.mark.parametrize("name", sorted(CASES))
def test_parse_value(name: str) -> None:
    printed, context, (op, value, unit, kind, when, notes) = CASES[name]
    pv = parse_value(printed, **context)
    assert (pv.op, pv.unit, pv.kind, pv.date, pv.notes) == (op, unit, kind, when, notes)
    assert pv.value == (None if value is None else Decimal(value))


def test_same_commitment_same_key() -> None:
    assert parse_value("≥90%").key("≥90%") == parse_value("≥90 %").key("≥90 %")
    assert parse_value("≥90%").key("≥90%") != parse_value("95%").key("95%")


@pytest.mark.parametrize(
    ("l1", "l2", "expected"),
    [
        ("产出指标", "数量指标", ("产出指标", "数量指标", "exact", "exact")),
        ("产出 指标", "成本指标", ("成本指标", "经济成本指标", "legacy", "legacy")),
        ("满意度指标", "服务对象满意", ("满意度指标", "服务对象满意度指标", "exact", "truncated")),
        ("效益指标", "环境效益指标", ("效益指标", "生态效益指标", "exact", "variant")),
        ("效益指标", "经济效\n益指标", ("效益指标", "经济效益指标", "exact", "exact")),
        ("效益指标", "创新指标", ("效益指标", "创新指标", "exact", "unknown")),
        ("效益指标", "⽣态效益指标", ("效益指标", "生态效益指标", "exact", "exact")),
        (
            "满意度指标",
            "服务对象满意度",
            ("满意度指标", "服务对象满意度指标", "exact", "truncated"),
        ),
        (
            "满意度指标",
            "社会公众或服务对象满意度指标",
            ("满意度指标", "服务对象满意度指标", "exact", "variant"),
        ),
        ("产出", "数量", ("产出指标", "数量指标", "variant", "variant")),
        # a scored table's points on the label (西安卫健委's 绩效自评表 p55, p100, p141)
        ("产出指标（50分）", "数量指标", ("产出指标", "数量指标", "exact", "exact")),
        ("产出指标50", "质量指标", ("产出指标", "质量指标", "exact", "exact")),
        (
            "满意度指标(10分)",
            "服务对象满意度指标",
            ("满意度指标", "服务对象满意度指标", "exact", "exact"),
        ),
    ],
)
def test_classify(l1: str, l2: str, expected: tuple[str, str, str, str]) -> None:
    got = classify(l1, l2)
    assert (got.level1, got.level2, got.level1_match, got.level2_match) == expected


def test_money_and_places() -> None:
    assert to_yuan("70.7", "万元") == Decimal("707000.00")
    assert to_yuan("36,000,000.00", "元") == Decimal("36000000.00")
    assert to_yuan("", "万元") is None
    # 西安工信局 FY2022 p60 prints the unit in the amount's cell: it was NULL
    assert to_yuan("2400000 万元", "万元") == Decimal("24000000000.00")
    assert to_yuan("500元", "万元") == Decimal("500.00")
    assert city_of("天门市人力资源和社会保障局") == "天门市"
    assert city_of("天长市人力资源和社会保障局") == "天长市"


@pytest.mark.parametrize(
    ("name", "issuer", "city"),
    [
        ("福州市仓山生态环境局", False, "福州市"),  # a district: its city
        ("山东省烟台市鲁东公证处", False, "烟台市"),  # after its province
        ("广东省广州生态环境监测中心站", False, "广州市"),  # a short form after its province
        ("中国共产党烟台市委员会宣传部", False, "烟台市"),  # the party's name first
        ("北京市西城区人民法院", False, "北京市"),
        ("北京城市副中心工程建设管理办公室", True, "北京市"),  # an issuer's short form
        ("中山大学附属第一医院", False, None),  # a word, not 中山市
        ("市场监督管理局", False, None),
    ],
)
def test_city_of_a_name_from_the_gazetteer(name: str, issuer: bool, city: str | None) -> None:
    """The dimension column ``city``: from the gazetteer, as implementing_unit_other_city
    judges places (normalize.places), not from a name's first 市/区/县."""
    assert city_of(name, issuer=issuer) == city


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("新增项目", "新增"),
        ("延续项目", "延续"),
        ("延续上年", "延续"),
        ("持续性项目", "延续"),
        ("一次性项目", "一次性"),
        ("其他", None),
        ("", None),
    ],
)
def test_project_attribute_has_a_canonical_kind(printed: str, kind: str | None) -> None:
    from normalize.text import attribute_kind

    assert attribute_kind(printed) == kind


def test_department_name_drops_a_budget_code_printed_in_front() -> None:
    from normalize.text import department_name

    assert department_name("253_烟台市审计局") == "烟台市审计局"
    # the central template's 主管部门 (国家信访局's 绩效自评表)
    assert department_name("[292] 国家信访局") == "国家信访局"
    assert department_name("北京市审计局") == "北京市审计局"


def test_a_numbering_prefix_printed_twice_is_dropped_whole() -> None:
    from normalize.text import indicator_name

    # 西安规划局 p94 (a blind check): "指标1：指标1：系统故障修复响应时间"
    assert indicator_name("指标1：指标1：系统故障修复响应时间") == "系统故障修复响应时间"
    assert indicator_name("指标 2：培训人数") == "培训人数"
