"""The data-quality rule catalogue (DESIGN §4) as great-expectations expectations.

Each rule names the frame it checks, the built-in expectation and its arguments, the
severity, and how a failing row reads to a reviewer. Frames carry derived columns (built in
``expectations.frames``) so that every rule is one built-in expectation over one frame.
Rule ids are contract; severities are the catalogue's starting point. A kwarg written
``"$name"`` is a threshold taken from the run's settings (``THRESHOLDS`` are the defaults).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rule:
    rule: str
    severity: str
    frame: str  # projects | funding | funding_wide | indicators
    expectation: str  # great_expectations.expectations class name
    kwargs: dict[str, Any] = field(default_factory=dict)
    detail: str = ""  # str.format over the failing row's columns


_PAIR = {"ignore_row_if": "either_value_is_missing"}
THRESHOLDS: dict[str, float] = {"min_table_accuracy": 80.0}

RULES: tuple[Rule, ...] = (
    # Structure: a project the extractor could not read whole.
    Rule(
        "missing_field",
        "error",
        "projects",
        "ExpectColumnValuesToNotBeNull",
        {"column": "project_name"},
        "项目{project_seq}: 未读到项目名称",
    ),
    Rule(
        "missing_field",
        "error",
        "funding",
        "ExpectColumnValuesToNotBeNull",
        {"column": "total_cents"},
        "项目{project_seq} {horizon_cn}: 未读到资金总额",
    ),
    Rule(
        "missing_field",
        "error",
        "indicators",
        "ExpectColumnValuesToNotBeNull",
        {"column": "indicator_name"},
        "项目{project_seq} {horizon_cn}第{row_seq}行: 三级指标为空",
    ),
    # Business rules.
    Rule(
        "funding_sum_mismatch",
        "error",
        "funding",
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": "total_cents", "column_B": "parts_cents", **_PAIR},
        "{horizon_cn}资金总额{total_yuan}元 ≠ 财政拨款{fiscal_yuan}元 + 其他资金{other_yuan}元",
    ),
    Rule(
        "midterm_total_less_than_annual",
        "error",
        "funding_wide",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "midterm_total_cents",
            "column_B": "annual_total_cents",
            "or_equal": True,
            **_PAIR,
        },
        "中期资金总额{midterm_total_yuan}元 < 年度资金总额{annual_total_yuan}元",
    ),
    Rule(
        "cost_exceeds_funding",
        "error",
        "indicators",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "horizon_total_cents",
            "column_B": "cost_bound_cents",
            "or_equal": True,
            **_PAIR,
        },
        "{horizon_cn}成本指标「{indicator_name}」{target_text} 超过资金总额{horizon_total_yuan}元",
    ),
    Rule(
        "implementing_unit_other_city",
        "error",
        "projects",
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": "issuer_city", "column_B": "unit_city", **_PAIR},
        "实施单位「{implementing_unit}」属{unit_city}, 发布单位属{issuer_city}",
    ),
    Rule(
        "duplicate_project_name",
        "error",
        "projects",
        "ExpectCompoundColumnsToBeUnique",
        {"column_list": ["document_sha256", "project_name"]},
        "项目名称「{project_name}」重复",
    ),
    Rule(
        "satisfaction_below_90",
        "warning",
        "indicators",
        "ExpectColumnValuesToBeBetween",
        {"column": "satisfaction_pct", "min_value": 90},
        "{horizon_cn}满意度指标「{indicator_name}」目标{target_text}低于90%",
    ),
    Rule(
        "non_numeric_quantity",
        "warning",
        "indicators",
        "ExpectColumnValuesToBeInSet",
        {"column": "quantity_kind", "value_set": ["quantitative"]},
        "{horizon_cn}数量指标「{indicator_name}」的指标值「{target_text}」不是数值",
    ),
    Rule(
        "value_standard_mismatch",
        "warning",
        "indicators",
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": "target_key", "column_B": "standard_key", **_PAIR},
        "{horizon_cn}「{indicator_name}」指标值「{target_text}」≠ 绩效标准「{standard_text}」",
    ),
    Rule(
        "rate_out_of_range",
        "warning",
        "indicators",
        "ExpectColumnValuesToNotMatchRegex",
        {"column": "target_notes", "regex": "rate_out_of_range"},
        "{horizon_cn}「{indicator_name}」百分比{target_text}超出0–100",
    ),
    Rule(
        "missing_unit",
        "warning",
        "indicators",
        "ExpectColumnValuesToNotMatchRegex",
        {"column": "target_notes", "regex": "missing_unit"},
        "{horizon_cn}「{indicator_name}」指标值{target_text}没有单位{unit_note}",
    ),
    Rule(
        "cost_indicator_not_quantified",
        "warning",
        "indicators",
        "ExpectColumnValuesToBeInSet",
        {"column": "cost_kind", "value_set": ["quantitative"]},
        "{horizon_cn}成本指标「{indicator_name}」的指标值「{target_text}」没有金额",
    ),
    Rule(
        "label_truncated",
        "warning",
        "indicators",
        "ExpectColumnValuesToNotBeInSet",
        {"column": "level2_match", "value_set": ["truncated"]},
        "{horizon_cn}二级指标「{level2_raw}」不完整, 按「{level2}」处理",
    ),
    Rule(
        "label_truncated",
        "warning",
        "indicators",
        "ExpectColumnValuesToNotBeInSet",
        {"column": "level1_match", "value_set": ["truncated"]},
        "{horizon_cn}一级指标「{level1_raw}」不完整, 按「{level1}」处理",
    ),
    Rule(
        "unknown_label",
        "warning",
        "indicators",
        "ExpectColumnValuesToNotBeInSet",
        {"column": "level2_match", "value_set": ["unknown"]},
        "{horizon_cn}二级指标「{level2_raw}」不在指标体系中",
    ),
    Rule(
        "unknown_label",
        "warning",
        "indicators",
        "ExpectColumnValuesToNotBeInSet",
        {"column": "level1_match", "value_set": ["unknown"]},
        "{horizon_cn}一级指标「{level1_raw}」不在指标体系中",
    ),
    # Extraction confidence: camelot's accuracy for the tables a project was read from.
    Rule(
        "low_extraction_confidence",
        "warning",
        "projects",
        "ExpectColumnValuesToBeBetween",
        {"column": "table_accuracy", "min_value": "$min_table_accuracy"},
        "项目{project_seq}的表格识别准确度{table_accuracy:.1f}低于阈值, 请核对第{source_page}页",
    ),
    Rule(
        "attribute_nonstandard",
        "info",
        "projects",
        "ExpectColumnValuesToBeInSet",
        {"column": "project_attribute", "value_set": ["新增项目", "延续项目"]},
        "项目属性「{project_attribute}」不是新增项目/延续项目",
    ),
)
