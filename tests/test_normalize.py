"""Table-driven cases for the printed-text clean-up, the value grammar and the taxonomy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from normalize.frames import to_yuan
from normalize.taxonomy import classify
from normalize.text import city_of, clean_text
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
        ("", ""),
    ],
)
def test_clean_text(printed: str, clean: str) -> None:
    assert clean_text(printed) == clean
    assert clean_text(clean_text(printed)) == clean_text(printed)


CASES: dict[str, tuple[str, dict[str, Any], tuple[Any, ...]]] = {
    # name: (printed, context, (op, value, unit, kind, date, notes))
    "percent": ("≥90%", {}, (">=", "90", "percent", "quantitative", None, ())),
    "percent_spaced": ("≥90 %", {}, (">=", "90", "percent", "quantitative", None, ())),
    "wan_yuan": ("≤20 万元", {"is_cost": True}, ("<=", "200000", "yuan", "quantitative", None, ())),
    "wan_in_cost": (
        "≤ 70.7 万",
        {"is_cost": True},
        ("<=", "707000", "yuan", "quantitative", None, ()),
    ),
    "bare_cost": (
        "≤25",
        {"is_cost": True},
        ("<=", "250000", "yuan", "quantitative", None, ("missing_unit",)),
    ),
    "wan_person": ("≥3.3万人", {}, (">=", "33000", "person", "quantitative", None, ())),
    "days_within": ("45 天内", {}, ("<=", "45", "day", "quantitative", None, ())),
    "times": ("≤1次", {}, ("<=", "1", "times", "quantitative", None, ())),
    "times_equal": ("1次", {}, ("=", "1", "times", "quantitative", None, ())),
    "unit_from_name": (
        "≥12500",
        {"indicator_name": "档案数字化份数"},
        (">=", "12500", "copy", "quantitative", None, ()),
    ),
    "bare_number": (
        "5",
        {"indicator_name": "抽取调查小区的数量"},
        ("=", "5", None, "quantitative", None, ()),
    ),
    "deadline": ("2024年12月底前", {}, ("<=", None, None, "deadline", date(2024, 12, 31), ())),
    "within_year": (
        "年度内",
        {"fiscal_year": 2023},
        ("<=", None, None, "deadline", date(2023, 12, 31), ()),
    ),
    "grade": ("良好", {}, (None, None, None, "qualitative", None, ())),
    "phrase": ("严格执行相关财经法规制度", {}, (None, None, None, "qualitative", None, ())),
    "empty": ("", {}, (None, None, None, "empty", None, ())),
    "word_op": ("不少于3.3万人", {}, (">=", "33000", "person", "quantitative", None, ())),
    "range": ("90%-95%", {}, (">=", "90", "percent", "quantitative", None, ())),
    "over_100": ("292%", {}, ("=", "292", "percent", "quantitative", None, ("rate_out_of_range",))),
}


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
    ],
)
def test_classify(l1: str, l2: str, expected: tuple[str, str, str, str]) -> None:
    got = classify(l1, l2)
    assert (got.level1, got.level2, got.level1_match, got.level2_match) == expected


def test_money_and_places() -> None:
    assert to_yuan("70.7", "万元") == Decimal("707000.00")
    assert to_yuan("36,000,000.00", "元") == Decimal("36000000.00")
    assert to_yuan("", "万元") is None
    assert city_of("天门市人力资源和社会保障局") == "天门市"
    assert city_of("天长市人力资源和社会保障局") == "天长市"
